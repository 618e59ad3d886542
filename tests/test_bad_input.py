"""Bad input gets a clear error or a partial record with warnings; a batch never stops."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg_uitvoering.cli import main
from kg_uitvoering.extract import extract
from kg_uitvoering.pipeline import extract_file
from kg_uitvoering.sources import Rendering, UnreadableInput, read_source

LETTER = ("32 733 Beleidsbrief Defensie\n\nNr. 60 BRIEF VAN DE MINISTER VAN DEFENSIE\n\n"
          "Aan de Voorzitter van de Tweede Kamer der Staten-Generaal\n\n"
          "Den Haag, 3 maart 2012\n\nOver de uitkomsten zal ik u in april informeren.\n\n"
          "De minister van Defensie,\n\nJ.S.J. Hillen\n")


def test_empty_and_binary_files_are_errors_with_a_reason(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_bytes(b"  \n\n ")
    (tmp_path / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200))
    reasons = {p.name: extract_file(p).reason for p in sorted(tmp_path.iterdir())}
    assert reasons == {"blank.txt": "empty file: nothing to read",
                       "empty.txt": "empty file: nothing to read",
                       "image.png": "binary file: not text, PDF, Word, HTML or XML"}


def test_cp1252_is_read_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "cp1252.txt"
    path.write_bytes(LETTER.replace("Defensie,", "Defensie, één").encode("cp1252"))
    entry = extract_file(path)
    assert entry.status == "warning" and entry.record is not None
    assert any("cp1252" in w for w in entry.warnings)
    assert entry.record.document.date == "2012-03-03"
    assert "één" in entry.record.text


def test_letter_without_date_or_signature_is_partial_with_warnings(tmp_path: Path) -> None:
    path = tmp_path / "partial.txt"
    path.write_text("Aan de Voorzitter van de Tweede Kamer der Staten-Generaal\n\n"
                    "Ik zal u voor de zomer informeren.\n", encoding="utf-8")
    entry = extract_file(path)
    assert entry.status == "warning" and entry.record is not None
    assert set(entry.warnings) >= {"no date found", "no signature found"}
    assert [c.kind for c in entry.record.commitments] == ["new"]


def test_html_forced_as_text_warns(tmp_path: Path) -> None:
    path = tmp_path / "page.txt"
    path.write_text("<!DOCTYPE html><html><body><p>" + LETTER.replace("\n", "<br>")
                    + "</p></body></html>", encoding="utf-8")
    doc = read_source(path, Rendering.PLAIN)
    assert any("looks like html" in w for w in doc.warnings)
    detected = read_source(path)
    assert detected.rendering is Rendering.HTML


def test_batch_reports_every_input_and_goes_on(tmp_path: Path) -> None:
    (tmp_path / "a_good.txt").write_text(LETTER, encoding="utf-8")
    (tmp_path / "b_empty.txt").write_bytes(b"")
    (tmp_path / "c_binary.bin").write_bytes(bytes(range(256)) * 4)
    (tmp_path / "d_good.gold.json").write_text("{}", encoding="utf-8")  # not a letter
    report = tmp_path / "report.json"
    records = tmp_path / "records.json"
    result = CliRunner().invoke(main, ["extract", str(tmp_path), str(tmp_path / "missing.txt"),
                                       "--json", str(records), "--report", str(report)])
    assert result.exit_code == 1
    inputs = json.loads(report.read_text(encoding="utf-8"))["inputs"]
    assert [(Path(i["path"]).name, i["status"]) for i in inputs] == [
        ("a_good.txt", "ok"), ("b_empty.txt", "error"), ("c_binary.bin", "error"),
        ("missing.txt", "error")]
    assert all(i["reason"] for i in inputs if i["status"] == "error")
    assert [r["document"]["date"] for r in json.loads(records.read_text(encoding="utf-8"))] \
        == ["2012-03-03"]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=3000))
def test_no_reader_raises_on_arbitrary_bytes(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "fuzz.bin"
    path.write_bytes(data)
    try:
        doc = read_source(path)
    except UnreadableInput as exc:
        assert str(exc)
        return
    record = extract(doc)
    for item in record.commitments:
        assert item.passage is None or record.text[item.passage.start:item.passage.end] == item.quote


LETTERISH = st.lists(st.sampled_from([
    "Den Haag, 3 maart 2012", "Nr. 5 BRIEF VAN DE MINISTER VAN FINANCIËN", "29 362 Titel",
    "Kamerstuk 29 362, nr. 290", "De minister van Financiën,", "J. de Vries", "\n\n", "\n",
    "Ik zal u voor de zomer informeren.", "zal", "Kamerstukken 25 764 en", "nr.", "Dilemma 1 –",
    "Datum 5 mei 2020", "Betreft Iets", "> Retouradres Postbus 1", "Pagina 1 van 2", "<p>", "X Noot",
]) | st.text(max_size=40), max_size=40).map("".join)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(LETTERISH, st.sampled_from([None, *Rendering]))
def test_no_reader_raises_on_arbitrary_text(tmp_path: Path, text: str, rendering: Rendering | None
                                            ) -> None:
    path = tmp_path / "fuzz.txt"
    path.write_text(text, encoding="utf-8")
    try:
        doc = read_source(path, rendering)
    except UnreadableInput:
        return
    assert len(doc.offsets) == len(doc.text)
    extract(doc)
