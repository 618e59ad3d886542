"""Shared test helpers: where the shared corpus is, and a way to read a letter from text."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg_uitvoering.build import build
from kg_uitvoering.extract import extract
from kg_uitvoering.model import LetterRecord
from kg_uitvoering.rdf import DEFAULT_BASE
from kg_uitvoering.sources import read_source
from kg_uitvoering.store.embedded import load_build

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
DEV = SHARED / "corpus" / "dev"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def needs_shared() -> pytest.MarkDecorator:
    return pytest.mark.skipif(not DEV.is_dir(), reason="../shared/corpus is not present")


@pytest.fixture(scope="session")
def letters_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``data/letters`` built (``build/``) and loaded (``store/``) once for the session;
    the store is only ever opened read-only by the tests that share it."""
    out = tmp_path_factory.mktemp("letters")
    build([ROOT / "data" / "letters"], out / "build", DEFAULT_BASE)
    load_build(out / "build", out / "store")
    return out


@pytest.fixture
def letter(tmp_path: Path):  # type: ignore[no-untyped-def]
    """Write a letter's text to a file and extract it: ``letter("...")`` -> LetterRecord."""

    def make(text: str, name: str = "brief.txt") -> LetterRecord:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return extract(read_source(path))

    return make
