"""PDF files: take the text layer with pypdf and read it like any text rendering.

The pages' text is joined with "\\n" and NFC-normalised. That string, the *text layer*,
is the ``original`` of the returned :class:`SourceDocument`: offsets point into it,
not into the PDF's bytes (a PDF has no stable character positions of its own).

A ministry letter (a "> Retouradres" line, "Betreft", "Pagina 1 van 3", "Ons kenmerk")
goes to :func:`read_letterhead`; any other text layer (a printed web page, an
officielebekendmakingen PDF) goes to the text reader that recognises it. The
rendering of the result is the one that reader reports (``letterhead``, ``ob``,
``text``, ...), because it tells how the text is laid out; that the file was a PDF
is known from its path and checksum.

A PDF that cannot be opened (corrupt, encrypted with a password) or that has no text
layer (a scan) raises :class:`UnreadableInput` with the reason.
"""

from __future__ import annotations

import io
import logging
import re
import unicodedata
from typing import Any

from .base import SourceDocument
from .decode import UnreadableInput
from .letterhead import read_letterhead
from .text import TEXT_READERS, detect_text_rendering

LETTERHEAD_MARKS = re.compile(
    r"^\s*(?:>?\s*Retouradres\b|Betreft\s|P\s?agina\s?\d+\s?van\s?\d+|Ons\s?kenmerk\b)", re.M)


def _open(data: bytes) -> Any:
    """A pypdf reader for ``data``; decrypts PDFs that only have an owner password."""
    from pypdf import PdfReader  # imported here: reading text files never needs pypdf

    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
    except Exception as exc:  # pypdf raises many kinds of errors on damaged files
        raise UnreadableInput(f"corrupt PDF: {exc}") from exc
    try:
        encrypted = bool(reader.is_encrypted)
    except Exception as exc:
        raise UnreadableInput(f"corrupt PDF: {exc}") from exc
    if encrypted:
        try:
            if not reader.decrypt(""):
                raise UnreadableInput("encrypted PDF: a password is needed to read it")
        except UnreadableInput:
            raise
        except Exception as exc:
            raise UnreadableInput(f"encrypted PDF that cannot be decrypted: {exc}") from exc
    return reader


def extract_text_layer(data: bytes) -> tuple[str, list[str]]:
    """The text of all pages joined with newlines, and warnings about pages that failed."""
    warnings: list[str] = []
    pages: list[str] = []
    logger = logging.getLogger("pypdf")
    level = logger.level
    logger.setLevel(logging.ERROR)  # pypdf warns about every small flaw it repairs
    try:
        reader = _open(data)
        try:
            page_list = list(reader.pages)
        except Exception as exc:
            raise UnreadableInput(f"corrupt PDF: {exc}") from exc
        if not page_list:
            raise UnreadableInput("PDF has no pages")
        for number, page in enumerate(page_list, start=1):
            try:
                pages.append(page.extract_text() or "")
            except Exception as exc:
                warnings.append(f"PDF page {number}: text could not be extracted ({exc})")
                pages.append("")
    finally:
        logger.setLevel(level)
    text = unicodedata.normalize("NFC", "\n".join(pages)).replace("\x00", " ")
    if not text.strip():
        raise UnreadableInput("PDF has no text layer (scanned?)")
    return text, warnings


def looks_like_letterhead(text: str) -> bool:
    """Whether a text layer is a ministry letter with letterhead and page footers."""
    return len(LETTERHEAD_MARKS.findall(text[:20000])) >= 1


def read_pdf(path: str, data: bytes) -> SourceDocument:
    """Read a PDF's text layer; see the module docstring."""
    text, warnings = extract_text_layer(data)
    doc = read_text_layer(path, text)
    doc.warnings[:0] = warnings
    return doc


def read_text_layer(path: str, text: str) -> SourceDocument:
    """Text taken out of a document file (PDF, Word): a letterhead letter or another
    text rendering, whichever it looks like."""
    rendering = detect_text_rendering(text)
    if rendering.value == "letterhead" or (rendering.value == "text"
                                           and looks_like_letterhead(text)):
        doc = read_letterhead(path, text)
    else:
        doc = TEXT_READERS[rendering](path, text)
    return doc


__all__ = ["extract_text_layer", "looks_like_letterhead", "read_pdf", "read_text_layer"]
