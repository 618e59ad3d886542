"""The quality bar of issue 2, measured on the development letters with their gold files."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from kg_uitvoering.cli import main
from kg_uitvoering.pipeline import run_extraction

from .conftest import DEV, needs_shared

BARS = {"citations": 0.95, "signers": 0.95, "kamerstuk": 0.95, "date": 0.95,
        "commitments": 0.75, "commitment_kind": 0.8, "organisations": 0.7}


@needs_shared()
def test_evaluate_meets_the_quality_bar(tmp_path: Path) -> None:
    out = tmp_path / "scores.json"
    args = ["evaluate", str(DEV), "--json", str(out)]
    for name, bar in BARS.items():
        args += ["--min-f1", f"{name}={bar}"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    scores = json.loads(out.read_text(encoding="utf-8"))
    for name, bar in BARS.items():
        value = (scores["fields"].get(name) or {}).get("f1")
        if value is None:
            value = scores["accuracy"][name]["accuracy"]
        assert value >= bar, (name, value)


@needs_shared()
def test_evaluate_exits_1_below_a_bar() -> None:
    result = CliRunner().invoke(main, ["evaluate", str(DEV), "--min-f1", "citations=1.01"])
    assert result.exit_code == 1


@needs_shared()
def test_every_passage_is_exact_and_maps_back_to_the_file() -> None:
    entries = list(run_extraction([DEV]))
    assert len(entries) == 22 and all(e.record is not None for e in entries)
    for entry in entries:
        record = entry.record
        assert record is not None
        passages = [s.passage for s in record.signers] + [c.passage for c in record.commitments]
        passages += [p for c in record.citations for p in c.passages]
        passages += [p for o in record.organisations for p in o.passages]
        for p in passages:
            assert p is not None and record.text[p.start:p.end] == p.quote


@needs_shared()
def test_gold_quotes_are_found_in_the_normalised_text() -> None:
    """Normalisation keeps the letter: every gold commitment quote is still in the text."""
    for entry in run_extraction([DEV]):
        assert entry.record is not None
        gold = json.loads(Path(entry.path).with_suffix(".gold.json").read_text(encoding="utf-8"))
        flat = " ".join(entry.record.text.split())
        for item in gold["commitments"]:
            assert " ".join(item["quote"].split()) in flat, (entry.path, item["quote"])
