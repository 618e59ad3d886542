"""The officiële bekendmakingen harvester against a local SRU stand-in: the CQL the
server receives, paging by nextRecordPosition, both manifestations written, and the
publication reader taking the harvested metadata."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from kg_uitvoering.harvesters import HarvestQuery, Report, harvest
from kg_uitvoering.harvesters.ob import cql_query
from kg_uitvoering.model import KamerstukRef
from kg_uitvoering.sources import read_source

from .harvest_server import OB_FILES, SourceServer, harvest_settings

QUERY = HarvestQuery(since=date(2021, 1, 1), dossier="32545")


@pytest.fixture
def server() -> Iterator[SourceServer]:
    with SourceServer() as source:
        yield source


def run(server: SourceServer, out: Path) -> Report:
    return harvest("ob", QUERY, out, harvest_settings(server))


def test_cql_values_are_quoted() -> None:
    assert cql_query(None, 'x" or dt.type=="Bijlage') == (
        'c.product-area=="officielepublicaties" and w.publicatienaam=="Kamerstuk"'
        ' and w.dossiernummer=="x\\" or dt.type==\\"Bijlage"')


def test_sru_pages_bring_both_manifestations_of_each_kamerstuk(server: SourceServer,
                                                               tmp_path: Path) -> None:
    report = run(server, tmp_path)
    pages = server.requests("/sru")
    assert [p.query["startRecord"] for p in pages] == [["1"], ["4"]]
    for page in pages:
        assert page.query["operation"] == ["searchRetrieve"]
        assert page.query["version"] == ["2.0"]
        assert page.query["maximumRecords"] == ["50"]
        assert page.query["query"] == [
            'c.product-area=="officielepublicaties" and w.publicatienaam=="Kamerstuk"'
            ' and w.dossiernummer=="32545" and dt.modified>="2021-01-01"']
    assert [(e.id, e.status) for e in report.entries] == [
        ("kst-32545-143", "ok"), ("ah-tk-20202021-3235", "skipped"),
        ("blg-1007826", "skipped"), ("kst-29362-318", "ok")]
    for ident in ("kst-32545-143", "kst-29362-318"):
        assert (tmp_path / "ob" / f"{ident}.xml").read_bytes() == \
            OB_FILES[f"{ident}.xml"].read_bytes()
        assert (tmp_path / "ob" / f"{ident}.metadata.xml").read_bytes() == \
            OB_FILES[f"{ident}/1/metadata/metadata.xml"].read_bytes()


def test_the_reader_takes_the_harvested_xml_with_its_metadata(server: SourceServer,
                                                              tmp_path: Path) -> None:
    run(server, tmp_path)
    letter = read_source(tmp_path / "ob" / "kst-32545-143.xml")
    assert letter.hints.kamerstuk == KamerstukRef("32545", "143")
    assert letter.hints.publication_date == "2021-07-07"  # DCTERMS.available: metadata only
    (tmp_path / "ob" / "kst-32545-143.metadata.xml").unlink()
    assert read_source(tmp_path / "ob" / "kst-32545-143.xml").hints.publication_date is None


def test_a_second_run_fetches_no_manifestation_again(server: SourceServer,
                                                     tmp_path: Path) -> None:
    run(server, tmp_path)
    fetched = len(server.requests("/repository.overheid.nl/"))
    report = run(server, tmp_path)
    assert fetched == 4
    assert len(server.requests("/repository.overheid.nl/")) == fetched
    assert [e.status for e in report.entries] == ["unchanged", "skipped", "skipped", "unchanged"]
