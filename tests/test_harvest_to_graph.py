"""From the official sources to the graph: what a harvest writes is what a build reads.

A Tweede Kamer harvest (letters and the commitment register) from the local stand-in
is built as it lies on disk: every harvested letter file is an input, the sidecars,
register records, the harvest's report and state and its HTTP cache are not read as
letters, the register records are, and each letter carries the official metadata
from its sidecar.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from kg_uitvoering.build import build
from kg_uitvoering.harvesters import HarvestQuery, harvest
from kg_uitvoering.pipeline import extract_file
from kg_uitvoering.rdf import DEFAULT_BASE

from .harvest_server import SourceServer, harvest_settings


@pytest.fixture(scope="module")
def harvested(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    out = tmp_path_factory.mktemp("harvest")
    with SourceServer() as server:
        for source in ("tk", "tk-toezeggingen"):
            harvest(source, HarvestQuery(), out, harvest_settings(server))
    yield out


def test_a_build_reads_exactly_the_harvested_letters_and_register_records(
        harvested: Path, tmp_path: Path) -> None:
    letters = sorted(str(p) for p in (harvested / "tk").iterdir()
                     if not p.name.endswith(".tk.json"))
    records = sorted(str(p) for p in harvested.rglob("*.toezegging.json"))
    assert letters and records
    assert (harvested / "harvest-report.json").is_file()
    hidden = harvested / ".http-cache" / "copy-of-a-letter.pdf"  # what a cache may hold
    hidden.parent.mkdir(exist_ok=True)
    hidden.write_bytes(Path(letters[0]).read_bytes())
    report = build([harvested], tmp_path / "kg", DEFAULT_BASE)
    assert sorted(r.path for r in report.letters) == letters
    assert sorted(r.path for r in report.register) == records
    saved = json.loads((tmp_path / "kg" / "build-report.json").read_text(encoding="utf-8"))
    assert len(saved["letters"]) == len(letters)


def test_each_harvested_letter_carries_its_official_metadata(harvested: Path) -> None:
    for sidecar in sorted((harvested / "tk").glob("*.tk.json")):
        document = json.loads(sidecar.read_text(encoding="utf-8"))["document"]
        letter = next(p for p in sidecar.parent.iterdir()
                      if p.name.startswith(document["DocumentNummer"] + ".")
                      and not p.name.endswith(".tk.json"))
        record = extract_file(letter).record
        assert record is not None
        assert record.document.documentnummer == document["DocumentNummer"]
        assert record.document.date == document["Datum"][:10]
