"""Bytes to text: UTF-8 first, then cp1252 (common in Dutch government files), never a crash."""

from __future__ import annotations

import unicodedata


class UnreadableInput(ValueError):
    """The file cannot be read as a letter (empty, binary, ...); the message says why."""


def looks_binary(data: bytes) -> bool:
    """NUL bytes or many control characters in the first 4 KiB mean this is not text."""
    head = data[:4096]
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    return controls > max(8, len(head) // 50)


def decode(data: bytes) -> tuple[str, list[str]]:
    """Decode ``data``; returns the text and warnings (a fallback encoding is a warning).

    The text is NFC-normalised so that "e" + combining diaeresis and "ë" compare equal.
    """
    warnings: list[str] = []
    if not data.strip():
        raise UnreadableInput("empty file: nothing to read")
    if looks_binary(data):
        raise UnreadableInput("binary file: not text, PDF, Word, HTML or XML")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        text = data.decode("cp1252", errors="replace")
        warnings.append(f"not valid UTF-8 (byte {exc.start}); decoded as cp1252")
    return unicodedata.normalize("NFC", text), warnings
