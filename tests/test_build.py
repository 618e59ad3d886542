"""``build``: dumps that parse back to the letters' graphs, stable bytes with any number of
workers, quarantine for letters that violate the shapes; ``validate`` on RDF files."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Dataset, Graph
from rdflib.compare import isomorphic

from kg_uitvoering.build import build
from kg_uitvoering.cli import main
from kg_uitvoering.pipeline import run_extraction
from kg_uitvoering.rdf import DEFAULT_BASE, Iris, letter_graph

from .conftest import DEV, ROOT, needs_shared

LETTERS = ROOT / "data" / "letters"
BAD_HEADER = """[overzicht] [activiteiten]

Een brief met een kapot nummer

Brief regering

Nummer: 2023D01234, datum: 2023-01-10, bijgewerkt: 2023-01-11 10:00, versie: 1

Onderdeel van kamerstukdossier 29362 -0318 Modernisering van de overheid.

Preview document (🔗 origineel)

Aan de Voorzitter van de Tweede Kamer der Staten-Generaal

Den Haag, 10 januari 2023

Ik zal uw Kamer voor de zomer informeren.

De Minister van Binnenlandse Zaken en Koninkrijksrelaties,
H.G.J. Bruins Slot
"""


def test_dumps_parse_back_to_the_letters_graphs(tmp_path: Path) -> None:
    report = build([LETTERS], tmp_path, DEFAULT_BASE)
    assert report.counts()["ok"] + report.counts()["warning"] == 8
    parsed = Dataset().parse(data=gzip.decompress((tmp_path / "kg.nq.gz").read_bytes()),
                             format="nquads")
    trig = Dataset().parse(tmp_path / "kg.trig", format="trig")
    union = Graph().parse(data=gzip.decompress((tmp_path / "kg.ttl.gz").read_bytes()),
                          format="turtle")
    for entry in run_extraction([LETTERS]):
        assert entry.record is not None
        letter, graph = letter_graph(entry.record, Iris())
        name = Iris().graph(letter)
        assert isomorphic(parsed.graph(name), graph)
        assert isomorphic(trig.graph(name), graph)
        assert all(triple in union for triple in graph)
    summary = json.loads((tmp_path / "build-report.json").read_text(encoding="utf-8"))
    assert summary["counts"]["quarantined"] == 0
    assert summary["classes"]["https://w3id.org/kg-uitvoering/def#Letter"] == 8


def test_two_workers_write_the_same_bytes(tmp_path: Path) -> None:
    build([LETTERS], tmp_path / "one", DEFAULT_BASE, workers=1)
    build([LETTERS], tmp_path / "two", DEFAULT_BASE, workers=2)
    for name in ("kg.nq.gz", "kg.ttl.gz", "kg.trig"):
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes()


def test_a_violating_letter_is_quarantined_and_reported(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "bad.txt").write_text(BAD_HEADER, encoding="utf-8")
    (inputs / "empty.txt").write_text("", encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", str(inputs), str(LETTERS / next(
        p.name for p in LETTERS.iterdir() if "33279" in p.name)), "--out", str(out)])
    assert result.exit_code == 1
    report = json.loads((out / "build-report.json").read_text(encoding="utf-8"))
    statuses = {Path(r["path"]).name: r["status"] for r in report["letters"]}
    assert statuses["bad.txt"] == "quarantined" and statuses["empty.txt"] == "error"
    assert [s for n, s in statuses.items() if "33279" in n] == ["ok"]
    bad = next(r for r in report["letters"] if r["path"].endswith("bad.txt"))
    assert any(f["severity"] == "Violation" and f["path"] and f["path"].endswith("ondernummer")
               for f in bad["findings"])
    assert (out / "quarantine" / "bad.trig").exists()
    dump = Dataset().parse(out / "kg.trig", format="trig")
    assert not any("0318" in str(o) for _, _, o, _ in dump.quads())
    kept = CliRunner().invoke(main, ["build", str(inputs), "--out", str(tmp_path / "kept"),
                                     "--allow-invalid"])
    report = json.loads((tmp_path / "kept" / "build-report.json").read_text(encoding="utf-8"))
    assert {Path(r["path"]).name: r["status"] for r in report["letters"]}["bad.txt"] == "invalid"
    assert kept.exit_code == 1  # the empty file is still an error


def test_validate_reports_violations_as_json(tmp_path: Path) -> None:
    bad = tmp_path / "bad.ttl"
    bad.write_text("""@prefix kgu: <https://w3id.org/kg-uitvoering/def#> .
        <https://example.org/k> a kgu:Kamerstuk ; kgu:dossierNumber "29 362" ;
            kgu:ondernummer "1" .""", encoding="utf-8")
    out = tmp_path / "findings.json"
    result = CliRunner().invoke(main, ["validate", str(bad), "--json", str(out)])
    assert result.exit_code == 1
    found = json.loads(out.read_text(encoding="utf-8"))
    assert any(f["severity"] == "Violation" and f["path"].endswith("dossierNumber") for f in found)
    good = CliRunner().invoke(main, ["validate", str(tmp_path / "nothing.ttl")])
    assert good.exit_code == 2  # a missing file is a usage error


@needs_shared()
def test_the_development_corpus_builds_without_violations(tmp_path: Path) -> None:
    report = build([DEV], tmp_path, DEFAULT_BASE)
    assert len(report.letters) == 22
    violations = [(r.path, f) for r in report.letters for f in r.findings
                  if f["severity"] == "Violation"]
    assert violations == []
    assert report.counts()["quarantined"] == report.counts()["error"] == 0


def test_the_same_letter_twice_is_kept_once_and_reported(tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """Two inputs that are the same letter (the same Kamerstuk, as from two harvests or
    two renderings) give one letter graph: the first is kept, the second is reported as
    a duplicate naming it, whether the two meet in one chunk or in two."""
    source = next(LETTERS.glob("*.txt"))
    folder = tmp_path / "letters"
    folder.mkdir()
    for name in ("a.txt", "b.txt", "c.txt"):
        (folder / name).write_bytes(source.read_bytes())
    for chunk in (50, 1):
        monkeypatch.setattr("kg_uitvoering.build.CHUNK", chunk)
        out = tmp_path / f"out-{chunk}"
        report = build([folder], out, DEFAULT_BASE)
        statuses = {Path(r.path).name: r.status for r in report.letters}
        assert statuses["a.txt"] in ("ok", "warning")
        assert statuses["b.txt"] == statuses["c.txt"] == "duplicate"
        reasons = [r.reason for r in report.letters if r.status == "duplicate"]
        assert all(reason and str(folder / "a.txt") in reason for reason in reasons)
        dataset = Dataset()
        dataset.parse(data=gzip.decompress((out / "kg.nq.gz").read_bytes()), format="nquads")
        letter_graphs = [g for g in dataset.graphs() if "/graph/" in str(g.identifier)]
        assert len(letter_graphs) == 1
        saved = json.loads((out / "build-report.json").read_text(encoding="utf-8"))
        assert saved["counts"]["duplicate"] == 2
