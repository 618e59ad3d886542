"""The SyncFeed harvester against a local stand-in: only letters are kept, a malformed
entry is an error of its own, a deletion is recorded, the next run starts at the saved
skiptoken, and its sidecars have the shape of the OData ones."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

from kg_uitvoering.harvesters import HarvestQuery, Report, harvest
from kg_uitvoering.harvesters.state import HarvestState

from .harvest_server import SourceServer, harvest_settings

FEED = HarvestQuery(feed=True)
MOTIE = "3ccf529a-1e25-49d3-81a8-c60621884b39"  # the one entry of another soort


@pytest.fixture
def server() -> Iterator[SourceServer]:
    with SourceServer() as source:
        yield source


def run(server: SourceServer, out: Path, query: HarvestQuery = FEED) -> Report:
    return harvest("tk", query, out, harvest_settings(server))


def read_json(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def by_number(server: SourceServer, number: str) -> dict[str, Any]:
    return next(d for d in server.documents if d["DocumentNummer"] == number)


def test_the_feed_keeps_letters_and_reports_every_entry(server: SourceServer,
                                                        tmp_path: Path) -> None:
    report = run(server, tmp_path)
    ids = {number: by_number(server, number)["Id"]
           for number in ("2025D20508", "2025D20791", "2025D20500", "2025D20502")}
    assert [(e.id, e.status) for e in report.entries] == [
        (ids["2025D20508"], "ok"), (MOTIE, "skipped"), (ids["2025D20791"], "ok"),
        (ids["2025D20500"], "error"), (ids["2025D20502"], "ok"), (ids["2025D20791"], "deleted")]
    assert report.failure is None
    feed_state = HarvestState(tmp_path).section("tk-feed")
    assert feed_state.documents[ids["2025D20791"]].status == "deleted"
    assert feed_state.documents[ids["2025D20500"]].status == "error"
    assert parse_qs(urlsplit(feed_state.next or "").query)["skiptoken"] == ["17000042"]
    for number in ("2025D20508", "2025D20502"):
        doc = by_number(server, number)
        assert (tmp_path / "tk" / f"{number}.pdf").read_bytes() == server.document_file(doc)
        sidecar = read_json(tmp_path / "tk" / f"{number}.tk.json")
        assert sidecar["source"] == "tk-syncfeed"
        assert urlsplit(sidecar["url"]).path == "/feed/Feed"
        assert (sidecar["document"]["Id"], sidecar["document"]["Soort"]) == (doc["Id"], doc["Soort"])
    assert not (tmp_path / "tk" / "2025D20500.pdf").exists()
    assert not (tmp_path / "tk" / "2025D06779.pdf").exists()


def test_the_next_run_goes_on_from_the_saved_skiptoken(server: SourceServer,
                                                       tmp_path: Path) -> None:
    run(server, tmp_path)
    before = len(server.requests("/feed/Resources/"))
    report = run(server, tmp_path)
    feed_pages = server.requests("/feed/Feed")
    assert [p.query.get("skiptoken") for p in feed_pages] == [None, ["17000042"], ["17000042"]]
    assert len(server.requests("/feed/Resources/")) == before
    assert [e.status for e in report.entries] == ["error", "unchanged", "deleted"]


def test_sidecars_from_odata_and_the_feed_have_the_same_shape(server: SourceServer,
                                                             tmp_path: Path) -> None:
    run(server, tmp_path / "odata", HarvestQuery())
    run(server, tmp_path / "feed")
    for number in ("2025D20508", "2025D20502"):
        odata = read_json(tmp_path / "odata" / "tk" / f"{number}.tk.json")
        feed = read_json(tmp_path / "feed" / "tk" / f"{number}.tk.json")
        assert set(odata) == set(feed) == {"source", "url", "retrieved", "document"}
        assert set(odata["document"]) == set(feed["document"])
        for relation in ("Kamerstukdossier", "Zaak"):
            assert [set(r) for r in odata["document"][relation]] == \
                [set(r) for r in feed["document"][relation]]
            assert [r["Id"] for r in odata["document"][relation]] == \
                [r["Id"] for r in feed["document"][relation]]
        assert isinstance(feed["document"]["DocumentActor"], list)
        same = ("Id", "Soort", "DocumentNummer", "Titel", "Onderwerp", "Datum", "Volgnummer",
                "Vergaderjaar", "Kamer", "Citeertitel", "DatumRegistratie", "DatumOntvangst",
                "Organisatie", "ContentType", "ContentLength", "Verwijderd")
        assert {k: feed["document"][k] for k in same} == {k: odata["document"][k] for k in same}
