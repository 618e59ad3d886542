"""Word files (``.docx``), as the Tweede Kamer serves some letters: the text of the
document's paragraphs, footnotes after it, read like a PDF's text layer.

A ``.docx`` is a zip holding ``word/document.xml`` (WordprocessingML). Each paragraph
(``w:p``) becomes a line: its runs' text (``w:t``), tabs and line breaks. A footnote
reference (``w:footnoteReference``) becomes its number right after the word it marks,
as in a PDF's text layer, and the footnotes (``word/footnotes.xml``) follow the body,
each on a line starting with its number. The text then goes to
:func:`read_text_layer`, like a PDF's: offsets point into this text.

A file that is not a zip, or a zip without ``word/document.xml``, or with XML that does
not parse, raises :class:`UnreadableInput` with the reason.
"""

from __future__ import annotations

import io
import unicodedata
import zipfile
from xml.etree import ElementTree

from .base import SourceDocument
from .decode import UnreadableInput
from .pdf import read_text_layer

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def looks_like_docx(data: bytes) -> bool:
    """A zip with a ``word/document.xml`` (only its directory is read)."""
    if data[:4] != b"PK\x03\x04":
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return "word/document.xml" in archive.namelist()
    except zipfile.BadZipFile:
        return False


def _paragraph(paragraph: ElementTree.Element) -> str:
    parts = []
    for node in paragraph.iter():
        if node.tag == f"{W}t" and node.text:
            parts.append(node.text)
        elif node.tag == f"{W}tab":
            parts.append("\t")
        elif node.tag in (f"{W}br", f"{W}cr"):
            parts.append("\n")
        elif node.tag == f"{W}footnoteReference":
            parts.append(node.get(f"{W}id", ""))
    return "".join(parts)


def _part(archive: zipfile.ZipFile, name: str) -> ElementTree.Element | None:
    try:
        return ElementTree.fromstring(archive.read(name))
    except KeyError:
        return None
    except ElementTree.ParseError as exc:
        raise UnreadableInput(f"Word file with malformed {name}: {exc}") from exc


def docx_text(data: bytes) -> str:
    """The paragraphs of the body, then the footnotes, one per line."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as exc:
        raise UnreadableInput(f"corrupt Word file: {exc}") from exc
    with archive:
        body = _part(archive, "word/document.xml")
        if body is None:
            raise UnreadableInput("a zip file without word/document.xml: not a Word document")
        lines = [_paragraph(p) for p in body.iter(f"{W}p")]
        notes = _part(archive, "word/footnotes.xml")
    for note in [] if notes is None else notes.iter(f"{W}footnote"):
        number = note.get(f"{W}id", "")
        if number.isdigit() and int(number) > 0:  # 0 and -1 are Word's separators
            lines.append(f"{number} " + " ".join(_paragraph(p) for p in note.iter(f"{W}p")))
    text = unicodedata.normalize("NFC", "\n".join(lines))
    if not text.strip():
        raise UnreadableInput("Word file without text")
    return text


def read_docx(path: str, data: bytes) -> SourceDocument:
    """Read a Word file's text; see the module docstring."""
    return read_text_layer(path, docx_text(data))


__all__ = ["docx_text", "looks_like_docx", "read_docx"]
