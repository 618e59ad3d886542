"""The Tweede Kamer harvesters (OData letters, commitments) against a local stand-in:
paging, filters as the server receives them, idempotence, updates, deletions, errors
of one document, a page that keeps failing, and a harvest killed mid-run."""

from __future__ import annotations

import hashlib
import json
import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from click.testing import CliRunner

from kg_uitvoering.cli import main
from kg_uitvoering.harvesters import HarvestQuery, Report, harvest
from kg_uitvoering.harvesters.state import HarvestState

from .harvest_server import SourceServer, harvest_settings


@pytest.fixture
def server() -> Iterator[SourceServer]:
    with SourceServer() as source:
        yield source


def run(server: SourceServer, out: Path, source: str = "tk",
        query: HarvestQuery | None = None, **settings: Any) -> Report:
    return harvest(source, query or HarvestQuery(), out, harvest_settings(server, **settings))


def statuses(report: Report) -> dict[str, str]:
    return {entry.id: entry.status for entry in report.entries}


def state(out: Path, name: str = "tk") -> dict[str, Any]:
    """A harvest's section of the state (the file and its journal) as plain data."""
    section = HarvestState(out).section(name)
    return {"query": section.query, "next": section.next,
            "documents": {key: vars(doc) for key, doc in section.documents.items()}}


def read_json(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def resource_requests(server: SourceServer, doc: dict[str, Any]) -> int:
    return len(server.requests(f"/odata/Document({doc['Id']})/resource"))


def test_all_documents_of_three_pages_arrive_once(server: SourceServer, tmp_path: Path) -> None:
    report = run(server, tmp_path)
    assert [entry.id for entry in report.entries] == [d["Id"] for d in server.documents]
    assert set(statuses(report).values()) == {"ok"}
    assert len(server.requests("/odata/Document?")) == 3
    documents = state(tmp_path)["documents"]
    for doc in server.documents:
        number = doc["DocumentNummer"]
        assert (tmp_path / "tk" / f"{number}.pdf").read_bytes() == server.document_file(doc)
        sidecar = read_json(tmp_path / "tk" / f"{number}.tk.json")
        assert sidecar["source"] == "tk-odata"
        assert sidecar["document"] == doc
        assert urlsplit(sidecar["url"]).path == "/odata/Document"
        assert datetime.fromisoformat(sidecar["retrieved"]).utcoffset() == timedelta(0)
        recorded = documents[doc["Id"]]
        assert (recorded["status"], recorded["version"]) == ("ok", doc["GewijzigdOp"])
        assert recorded["files"] == {
            name: hashlib.sha256((tmp_path / name).read_bytes()).hexdigest()
            for name in (f"tk/{number}.pdf", f"tk/{number}.tk.json")}
    saved = read_json(tmp_path / "harvest-report.json")
    assert (saved["complete"], saved["counts"]) == (True, {"ok": 6})
    assert state(tmp_path)["next"] is None


def test_since_dossier_and_zaak_reach_the_server_as_an_odata_filter(
        server: SourceServer, tmp_path: Path) -> None:
    run(server, tmp_path, query=HarvestQuery(date(2025, 5, 1), "36600-vii", "2025Z0'1"))
    pages = server.requests("/odata/Document?")
    expected = ("Soort eq 'Brief regering' and Datum ge 2025-05-01T00:00:00+02:00"
                " and Kamerstukdossier/any(d: d/Nummer eq 36600 and d/Toevoeging eq 'VII')"
                " and Zaak/any(z: z/Nummer eq '2025Z0''1')")
    for page in pages:
        assert page.query["$filter"] == [expected]
        assert page.query["$expand"] == ["Kamerstukdossier,Zaak,DocumentActor"]
        assert page.query["$orderby"] == ["GewijzigdOp"]
    assert [page.query.get("$skiptoken") for page in pages] == [None, ["2"], ["4"]]


@pytest.mark.parametrize("arguments", [
    ["tk", "--dossier", "1 or true"],  # not a dossier number
    ["tk", "--feed", "--since", "2025-01-01"],  # the feed takes no filters
    ["ob", "--zaak", "2025Z02986"],
    ["tk-toezeggingen", "--feed"],
], ids=["dossier", "feed-since", "ob-zaak", "toezeggingen-feed"])
def test_options_that_do_not_apply_are_refused_before_any_request(
        server: SourceServer, tmp_path: Path, arguments: list[str]) -> None:
    result = CliRunner().invoke(main, ["harvest", *arguments, "--out", str(tmp_path),
                                       "--base-url", f"{server.url}/odata/"])
    assert result.exit_code == 2
    assert server.seen == []


def test_a_second_run_fetches_nothing_new(server: SourceServer, tmp_path: Path) -> None:
    run(server, tmp_path)
    report = run(server, tmp_path)
    assert set(statuses(report).values()) == {"unchanged"}
    assert [resource_requests(server, doc) for doc in server.documents] == [1] * 6
    second_run_pages = server.requests("/odata/Document?")[3:]
    assert [page.status for page in second_run_pages] == [304, 304, 304]


def test_a_changed_gewijzigdop_fetches_that_document_alone(server: SourceServer,
                                                          tmp_path: Path) -> None:
    run(server, tmp_path)
    changed = server.documents[2]
    changed["GewijzigdOp"] = "2025-06-13T09:00:00+02:00"
    changed["Onderwerp"] += " (herzien)"
    report = run(server, tmp_path)
    assert statuses(report) == {d["Id"]: "ok" if d is changed else "unchanged"
                                for d in server.documents}
    assert [resource_requests(server, d) for d in server.documents] == [1, 1, 2, 1, 1, 1]
    again = server.requests(f"Document({changed['Id']})/resource")[1]
    assert again.status == 304  # the file itself did not change: a conditional request
    sidecar = read_json(tmp_path / "tk" / f"{changed['DocumentNummer']}.tk.json")
    assert sidecar["document"]["Onderwerp"] == changed["Onderwerp"]
    assert state(tmp_path)["documents"][changed["Id"]]["version"] == changed["GewijzigdOp"]


def test_a_deleted_document_is_recorded_and_its_files_kept(server: SourceServer,
                                                          tmp_path: Path) -> None:
    run(server, tmp_path)
    gone = server.documents[1]
    gone.update(Verwijderd=True, GewijzigdOp="2025-06-14T08:00:00+02:00")
    report = run(server, tmp_path)
    assert statuses(report)[gone["Id"]] == "deleted"
    recorded = state(tmp_path)["documents"][gone["Id"]]
    assert (recorded["status"], recorded["version"]) == ("deleted", gone["GewijzigdOp"])
    assert sorted(recorded["files"]) == [f"tk/{gone['DocumentNummer']}.pdf",
                                         f"tk/{gone['DocumentNummer']}.tk.json"]
    assert all((tmp_path / name).is_file() for name in recorded["files"])
    assert resource_requests(server, gone) == 1


def test_a_500_and_a_timeout_mid_run_are_retried_and_the_harvest_completes(
        server: SourceServer, tmp_path: Path) -> None:
    slow = server.documents[3]
    server.fail("$skiptoken=2", "500")
    server.fail(f"Document({slow['Id']})/resource", "hang")
    report = run(server, tmp_path, harvest_timeout=1.0)
    assert report.failure is None
    assert set(statuses(report).values()) == {"ok"}
    assert [p.status for p in server.requests("$skiptoken=2")] == [500, 200]
    assert resource_requests(server, slow) == 2
    assert (tmp_path / "tk" / f"{slow['DocumentNummer']}.pdf").read_bytes() == \
        server.document_file(slow)


def test_a_missing_file_is_an_error_of_that_document_alone(server: SourceServer,
                                                           tmp_path: Path) -> None:
    missing = server.documents[4]
    server.fail(f"Document({missing['Id']})/resource", "404")
    report = run(server, tmp_path)
    assert statuses(report) == {d["Id"]: "error" if d is missing else "ok"
                                for d in server.documents}
    entry = next(e for e in report.entries if e.id == missing["Id"])
    assert entry.reason == f"{server.url}/odata/Document({missing['Id']})/resource: HTTP 404 Not Found"
    assert state(tmp_path)["documents"][missing["Id"]]["status"] == "error"
    retried = run(server, tmp_path)
    assert statuses(retried)[missing["Id"]] == "ok"


def test_a_page_that_keeps_failing_stops_cleanly_and_a_rerun_resumes_there(
        server: SourceServer, tmp_path: Path) -> None:
    server.fail("$skiptoken=2", "500", times=4)  # the first try and three retries
    command = ["harvest", "tk", "--out", str(tmp_path), "--base-url", f"{server.url}/odata/",
               "--rate", "0"]
    env = {"KGU_HARVEST_BACKOFF": "0", "KGU_HARVEST_RETRIES": "3"}
    stopped = CliRunner().invoke(main, command, env=env)
    assert stopped.exit_code == 1
    saved = read_json(tmp_path / "harvest-report.json")
    assert (saved["complete"], saved["counts"]) == (False, {"ok": 2})
    assert parse_qs(urlsplit(state(tmp_path)["next"]).query)["$skiptoken"] == ["2"]
    resumed = CliRunner().invoke(main, command, env=env)
    assert resumed.exit_code == 0
    assert read_json(tmp_path / "harvest-report.json")["counts"] == {"ok": 4}
    first_pages = [p for p in server.requests("/odata/Document?") if "$skiptoken" not in p.query]
    assert len(first_pages) == 1
    assert [resource_requests(server, doc) for doc in server.documents] == [1] * 6


def _files(out: Path) -> dict[str, Any]:
    """The harvested files: bytes, and sidecars without their retrieval time."""
    files: dict[str, Any] = {}
    for path in sorted((out / "tk").iterdir()):
        if path.name.endswith(".tk.json"):
            files[path.name] = {k: v for k, v in read_json(path).items() if k != "retrieved"}
        else:
            files[path.name] = path.read_bytes()
    return files


def _state_without_sidecar_hashes(out: Path) -> dict[str, Any]:
    """The state, every hash checked against its file; the sidecars' (which hold their
    retrieval time) left out, so two runs can be compared."""
    section = state(out)
    for doc in section["documents"].values():
        for name, digest in list(doc["files"].items()):
            assert hashlib.sha256((out / name).read_bytes()).hexdigest() == digest
            if name.endswith(".tk.json"):
                doc["files"][name] = "checked"
    return section


def test_a_harvest_killed_mid_run_resumes_to_what_a_clean_run_gives(
        server: SourceServer, tmp_path: Path) -> None:
    held = server.documents[3]  # the first document of page 2
    server.fail(f"Document({held['Id']})/resource", "block")
    killed, clean = tmp_path / "killed", tmp_path / "clean"
    command = [sys.executable, "-m", "kg_uitvoering.cli", "harvest", "tk", "--out", str(killed),
               "--base-url", f"{server.url}/odata/", "--rate", "0"]
    env = {**os.environ, "KGU_HARVEST_BACKOFF": "0", "KGU_HARVEST_TIMEOUT": "60"}
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    try:
        assert server.blocked.wait(120), "the harvest never reached the held request"
        process.send_signal(signal.SIGKILL)
        process.wait(30)
    finally:
        if process.poll() is None:
            process.kill()
        server.release.set()
    assert process.returncode == -signal.SIGKILL
    at_kill = state(killed)
    assert sorted(at_kill["documents"]) == sorted(d["Id"] for d in server.documents[:3])
    assert parse_qs(urlsplit(at_kill["next"]).query)["$skiptoken"] == ["2"]

    rerun = subprocess.run(command, env=env, capture_output=True, timeout=120, check=False)
    assert rerun.returncode == 0
    assert [resource_requests(server, doc) for doc in server.documents] == [1, 1, 1, 2, 1, 1]
    run(server, clean)
    assert _files(killed) == _files(clean)
    assert _state_without_sidecar_hashes(killed) == _state_without_sidecar_hashes(clean)


def test_toezeggingen_are_harvested_page_by_page(server: SourceServer, tmp_path: Path) -> None:
    query = HarvestQuery(since=date(2024, 1, 1), ministerie="Justitie en Veiligheid")
    report = run(server, tmp_path, "tk-toezeggingen", query)
    pages = server.requests("/odata/Toezegging")
    assert [p.query["$filter"] for p in pages] == [
        ["Aanmaakdatum ge 2024-01-01T00:00:00+01:00 and Ministerie eq 'Justitie en Veiligheid'"]
    ] * 2
    assert set(statuses(report).values()) == {"ok"}
    for commitment in server.toezeggingen:
        written = read_json(tmp_path / "toezeggingen" / f"{commitment['Nummer']}.toezegging.json")
        assert set(written) == {"source", "url", "retrieved", "toezegging"}
        assert (written["source"], written["toezegging"]) == ("tk-odata", commitment)
    assert set(statuses(run(server, tmp_path, "tk-toezeggingen", query)).values()) == {
        "unchanged"}
