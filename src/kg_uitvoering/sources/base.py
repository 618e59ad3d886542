"""What every reader produces: the letter's normalised text, a map back to the file, hints.

A reader turns one rendering of a letter (an OpenTK page, a PDF, official XML, ...)
into a :class:`SourceDocument`. Its ``text`` is the letter as a person reads it: page
chrome (navigation, "Naar boven", page footers, letterhead address blocks) is left out
and broken lines of PDF text are mended. ``offsets[i]`` is the position in the
original (decoded) file of ``text[i]``, so that every extracted passage can point at
the exact place it came from. ``hints`` holds what the rendering states explicitly in
its own structure (an OpenTK "Nummer:" line, XML metadata), which the extractors
prefer over what they find in running text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum

from ..model import KamerstukRef, Signer


class Rendering(StrEnum):
    """The renderings a reader recognises; ``--format`` takes these values."""

    OPENTK = "opentk"
    OFFICIELEBEKENDMAKINGEN = "ob"
    RIJKSBEGROTING = "rijksbegroting"
    TWEEDEKAMER = "tk"
    OPENKAMER = "openkamer"
    LETTERHEAD = "letterhead"
    PLAIN = "text"
    HTML = "html"
    XML = "xml"
    PDF = "pdf"


@dataclass
class Hints:
    """Fields a rendering states in its own structure (header lines, metadata)."""

    title: str | None = None
    kamerstuk: KamerstukRef | None = None
    dossier_title: str | None = None
    date: str | None = None
    vergaderjaar: str | None = None
    documentnummer: str | None = None
    zaak: str | None = None
    chamber: str | None = None
    signers: list[Signer] = field(default_factory=list)
    publication_date: str | None = None
    # The source that states these hints with authority (the Kamer's own registration of
    # the document, e.g. "TK metadata 2022D56402.tk.json"): its documentnummer, zaak,
    # Kamerstuk, date, vergaderjaar and chamber win over what the letter's text says, and
    # its signers are reconciled with the text's; every disagreement becomes a warning.
    authority: str | None = None


@dataclass
class SourceDocument:
    """One letter as read from one file."""

    path: str
    rendering: Rendering
    text: str
    offsets: list[int]
    original: str
    hints: Hints = field(default_factory=Hints)
    warnings: list[str] = field(default_factory=list)

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """The span in the original file that produced ``text[start:end]``.

        Readers may move text (footnotes gathered at the end), so offsets need not
        increase: the span runs from the smallest to the largest source position.
        """
        window = self.offsets[start:end]
        if not window:
            return (0, 0)
        return (min(window), max(window) + 1)


class TextBuilder:
    """Builds a normalised text while remembering where each character came from."""

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._offsets: list[int] = []

    def copy(self, original: str, start: int, end: int) -> None:
        """Append ``original[start:end]`` unchanged."""
        self._parts.append(original[start:end])
        self._offsets.extend(range(start, end))

    def put(self, text: str, at: int) -> None:
        """Append text that stands for the original position ``at`` (a joiner, an entity)."""
        self._parts.append(text)
        self._offsets.extend([at] * len(text))

    def ends_with(self, suffix: str) -> bool:
        return "".join(self._parts[-3:]).endswith(suffix)

    def __len__(self) -> int:
        return len(self._offsets)

    def build(self) -> tuple[str, list[int]]:
        return "".join(self._parts), self._offsets


@dataclass(frozen=True)
class Line:
    """A line of the original text: its content without the newline and its start offset."""

    text: str
    start: int

    @property
    def end(self) -> int:
        return self.start + len(self.text)

    @property
    def stripped(self) -> str:
        return self.text.strip()


def split_lines(original: str) -> list[Line]:
    """The lines of ``original`` with their offsets (``\\r\\n`` and ``\\r`` count as breaks)."""
    lines: list[Line] = []
    for match in re.finditer(r"[^\r\n]*(?:\r\n|\r|\n|$)", original):
        raw = match.group(0)
        if not raw and match.start() == len(original) and lines:
            break
        content = raw.rstrip("\r\n")
        lines.append(Line(content, match.start()))
    return lines


def assemble(lines: Iterable[Line], original: str) -> tuple[str, list[int]]:
    """Join the kept lines with newlines; runs of blank lines fold into one empty line.

    Trailing spaces are dropped and inner runs of spaces and tabs become one space.
    """
    builder = TextBuilder()
    blank_pending = False
    for line in lines:
        if not line.stripped:
            blank_pending = len(builder) > 0
            continue
        if len(builder):
            builder.put("\n\n" if blank_pending else "\n", line.start)
        blank_pending = False
        copy_collapsed(builder, original, line.start, line.end)
    return builder.build()


def copy_collapsed(builder: TextBuilder, original: str, start: int, end: int) -> None:
    """Copy ``original[start:end]`` with whitespace runs collapsed and ends trimmed."""
    segment = original[start:end]
    lead = len(segment) - len(segment.lstrip())
    trail = len(segment.rstrip())
    pos = start + lead
    for match in re.finditer(r"[ \t\u00a0\u2002-\u200a\u202f]{2,}|[\t\u00a0\u2002-\u200a\u202f]",
                             segment[lead:trail]):
        a = start + lead + match.start()
        b = start + lead + match.end()
        builder.copy(original, pos, a)
        builder.put(" ", a)
        pos = b
    builder.copy(original, pos, start + trail)
