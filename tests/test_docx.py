"""Word files (.docx), as the Tweede Kamer serves some letters: the paragraphs and the
footnotes are read, and the letter comes out as from its text; broken files are refused
with a reason."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

import pytest

from kg_uitvoering.pipeline import extract_file
from kg_uitvoering.sources import UnreadableInput, read_source

from .conftest import FIXTURES

LETTER = FIXTURES / "letters" / "tk_29984-297_2012-02-21_ienm_zeg_ik_toe_zwollespoort.txt"
NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def paragraph(text: str, footnote: int | None = None) -> str:
    mark = f'<w:r><w:footnoteReference w:id="{footnote}"/></w:r>' if footnote else ""
    return f'<w:p><w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r>{mark}</w:p>'


def docx(paragraphs: list[str], footnotes: dict[int, str] | None = None) -> bytes:
    """A minimal Word file: the parts Word itself writes first, the body, footnotes."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns='
                         '"http://schemas.openxmlformats.org/package/2006/content-types"/>')
        archive.writestr("word/document.xml", f'<w:document {NS}><w:body>'
                         + "".join(paragraphs) + "</w:body></w:document>")
        if footnotes is not None:
            notes = "".join(f'<w:footnote w:id="{n}">{paragraph(text)}</w:footnote>'
                            for n, text in {-1: "", 0: "", **footnotes}.items())
            archive.writestr("word/footnotes.xml", f"<w:footnotes {NS}>{notes}</w:footnotes>")
    return buffer.getvalue()


def test_a_word_letter_gives_the_record_its_text_gives(tmp_path: Path) -> None:
    lines = LETTER.read_text(encoding="utf-8").splitlines()
    word = tmp_path / "letter.docx"
    word.write_bytes(docx([paragraph(line) for line in lines]))
    from_word, from_text = extract_file(word).record, extract_file(LETTER).record
    assert from_word is not None and from_text is not None
    assert from_word.signers and from_word.commitments
    word_json, text_json = from_word.to_json(), from_text.to_json()
    assert word_json.pop("source")["rendering"] == text_json.pop("source")["rendering"]
    assert word_json == text_json


def test_footnotes_follow_the_body_and_their_citations_are_found(tmp_path: Path) -> None:
    body = [paragraph("Geachte voorzitter,"),
            paragraph("Hierbij zend ik u het rapport over de uitvoering.", footnote=1),
            paragraph("De Minister van Infrastructuur en Milieu,"),
            paragraph("M.H. Schultz van Haegen-Maas Geesteranus")]
    word = tmp_path / "letter.docx"
    word.write_bytes(docx(body, {1: "Kamerstuk 29 984, nr. 290"}))
    doc = read_source(word)
    assert doc.text.splitlines()[1] == "Hierbij zend ik u het rapport over de uitvoering.1"
    assert doc.text.splitlines()[-1] == "1 Kamerstuk 29 984, nr. 290"
    record = extract_file(word).record
    assert record is not None
    assert [(c.dossier, c.ondernummer) for c in record.citations] == [("29984", "290")]


def _zip(parts: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    return buffer.getvalue()


@pytest.mark.parametrize(("content", "reason"), [
    (b"PK\x03\x04 this is no zip at all" + bytes(64), "binary file"),
    (_zip({"word/styles.xml": "<x/>"}), "binary file"),  # a zip, but no Word document
    (_zip({"word/document.xml": "<w:document"}), "Word file with malformed word/document.xml"),
    (docx([paragraph("  ")]), "Word file without text"),
])
def test_broken_word_files_are_refused_with_a_reason(tmp_path: Path, content: bytes,
                                                     reason: str) -> None:
    path = tmp_path / "broken.docx"
    path.write_bytes(content)
    entry = extract_file(path)
    assert entry.status == "error" and entry.reason is not None
    assert entry.reason.startswith(reason)
    with pytest.raises(UnreadableInput):
        read_source(path)
