"""Read a letter from any rendering: detect which one it is and hand it to its reader."""

from __future__ import annotations

from pathlib import Path

from .base import Hints, Rendering, SourceDocument
from .decode import UnreadableInput, decode
from .docx import looks_like_docx, read_docx
from .letterhead import read_letterhead
from .markup import looks_like_html, looks_like_xml
from .pdf import read_pdf
from .publication import read_html, read_xml
from .text import TEXT_READERS, detect_text_rendering
from .tk_metadata import SIDECAR_SUFFIX, apply_sidecar

__all__ = [
    "SIDECAR_SUFFIX",
    "Hints",
    "Rendering",
    "SourceDocument",
    "UnreadableInput",
    "detect_rendering",
    "read_source",
]


def detect_rendering(data: bytes, text: str | None = None) -> Rendering:
    """The rendering of a file's content: PDF, XML, HTML, or one of the text renderings."""
    if data.lstrip()[:5] == b"%PDF-":
        return Rendering.PDF
    sample = text if text is not None else data[:4096].decode("utf-8", errors="replace")
    if looks_like_xml(sample):
        return Rendering.XML
    if looks_like_html(sample):
        return Rendering.HTML
    return detect_text_rendering(sample if text is None else text)


def read_source(path: str | Path, rendering: Rendering | None = None) -> SourceDocument:
    """Read one file. ``rendering`` forces a reader; otherwise it is detected. The Kamer's
    metadata sidecar beside the file (``NAME.tk.json``), if any, fills the hints.

    Raises :class:`UnreadableInput` with a readable reason when nothing can be read.
    """
    doc = _read(Path(path), rendering)
    apply_sidecar(doc)
    return doc


def _read(path: Path, rendering: Rendering | None) -> SourceDocument:
    data = path.read_bytes()
    if rendering is Rendering.PDF or (rendering is None and data.lstrip()[:5] == b"%PDF-"):
        return read_pdf(str(path), data)
    if rendering is None and looks_like_docx(data):
        return read_docx(str(path), data)
    text, warnings = decode(data)
    detected = detect_rendering(data, text)
    chosen = rendering or detected
    if rendering is not None and detected in (Rendering.HTML, Rendering.XML) \
            and rendering not in (Rendering.HTML, Rendering.XML):
        warnings.append(f"--format {rendering.value} was forced, but the file looks like "
                        f"{detected.value}; markup is read as text")
    if chosen is Rendering.XML:
        doc = read_xml(str(path), text)
    elif chosen is Rendering.HTML:
        doc = read_html(str(path), text)
    elif chosen is Rendering.LETTERHEAD:
        doc = read_letterhead(str(path), text)
    else:
        doc = TEXT_READERS[chosen](str(path), text)
    doc.warnings[:0] = warnings
    return doc
