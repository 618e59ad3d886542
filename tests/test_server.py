"""The SPARQL endpoint, served by a real uvicorn process on loopback and queried with
real clients (httpx, SPARQLWrapper, rdflib's SPARQLStore)."""

from __future__ import annotations

import csv
import io
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from html.parser import HTMLParser
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path
from xml.etree import ElementTree

import httpx
import pytest
from rdflib import Graph
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import CSV, JSON, TURTLE, XML, SPARQLWrapper

from kg_uitvoering.store.embedded import load_build

LETTERS_COUNT = "PREFIX kgu: <https://w3id.org/kg-uitvoering/def#> " \
                "SELECT (COUNT(?l) AS ?n) WHERE { ?l a kgu:Letter }"
SIGNERS = """PREFIX kgu: <https://w3id.org/kg-uitvoering/def#>
PREFIX foaf: <http://xmlns.com/foaf/0.1/>
SELECT DISTINCT ?name WHERE { ?l kgu:hasSignature/kgu:signer/foaf:name ?name } ORDER BY ?name"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start(store: Path, env: dict[str, str]) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "kg_uitvoering.cli", "serve", "--store", str(store),
         "--port", str(port)], env={**os.environ, **env}, start_new_session=True,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            if httpx.get(f"{url}/healthz", timeout=1).status_code == 200:
                return process, url
        except httpx.TransportError:
            time.sleep(0.1)
    stop(process)
    raise RuntimeError("the server did not start")


def stop(process: subprocess.Popen[bytes]) -> None:
    """Stop the server and its query workers (one process group)."""
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()


@pytest.fixture(scope="module")
def store(letters_build: Path) -> Path:
    return letters_build / "store"


@pytest.fixture(scope="module")
def endpoint(store: Path) -> Iterator[str]:
    process, url = start(store, {})
    yield url + "/sparql"
    stop(process)


def count(response: httpx.Response) -> int:
    assert response.status_code == 200, response.text
    return int(response.json()["results"]["bindings"][0]["n"]["value"])


def test_get_and_both_posts_answer_the_same(endpoint: str) -> None:
    assert count(httpx.get(endpoint, params={"query": LETTERS_COUNT})) == 8
    assert count(httpx.post(endpoint, data={"query": LETTERS_COUNT})) == 8
    assert count(httpx.post(endpoint, content=LETTERS_COUNT,
                            headers={"Content-Type": "application/sparql-query"})) == 8


def test_result_formats_by_accept_and_format(endpoint: str) -> None:
    xml = httpx.get(endpoint, params={"query": LETTERS_COUNT},
                    headers={"Accept": "text/csv;q=0.5, application/sparql-results+xml"})
    assert xml.headers["content-type"].startswith("application/sparql-results+xml")
    ns = {"r": "http://www.w3.org/2005/sparql-results#"}
    assert ElementTree.fromstring(xml.content).find(".//r:literal", ns).text == "8"  # type: ignore[union-attr]
    table = httpx.get(endpoint, params={"query": SIGNERS, "format": "csv"})
    rows = list(csv.DictReader(io.StringIO(table.text)))
    assert "A.C. van Huffelen" in {r["name"] for r in rows}
    tsv = httpx.get(endpoint, params={"query": SIGNERS},
                    headers={"Accept": "text/tab-separated-values"})
    assert tsv.text.splitlines()[0] == "?name"
    graph = httpx.get(endpoint, params={
        "query": "CONSTRUCT WHERE { ?l a <https://w3id.org/kg-uitvoering/def#Letter> }"},
        headers={"Accept": "application/n-triples"})
    assert len(Graph().parse(data=graph.text, format="nt")) == 8
    ask = httpx.get(endpoint, params={"query": "ASK { ?s ?p ?o }"})
    assert ask.json()["boolean"] is True


def test_protocol_errors(endpoint: str) -> None:
    bad = httpx.get(endpoint, params={"query": "SELEC * WHERE { ?s ?p ?o }"})
    assert bad.status_code == 400 and "error" in bad.text
    assert httpx.post(endpoint, content="x", headers={"Content-Type": "text/plain"}
                      ).status_code == 415
    assert httpx.get(endpoint, params={"query": LETTERS_COUNT},
                     headers={"Accept": "image/png"}).status_code == 406
    assert httpx.post(endpoint, content=b"", headers={
        "Content-Type": "application/x-www-form-urlencoded"}).status_code == 400
    two = httpx.get(endpoint, params=[("query", LETTERS_COUNT), ("query", LETTERS_COUNT)])
    assert two.status_code == 400


def test_read_only_and_no_fetching(endpoint: str) -> None:
    called = threading.Event()

    class Listener(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            called.set()
            self.send_response(200)
            self.end_headers()

        do_POST = do_GET

    server = HTTPServer(("127.0.0.1", 0), Listener)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        service = (f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{server.server_port}/sparql> "
                   "{ ?s ?p ?o } }")
        assert httpx.get(endpoint, params={"query": service}).status_code == 400
        remote = f"SELECT * FROM <http://127.0.0.1:{server.server_port}/data.ttl> {{ ?s ?p ?o }}"
        assert httpx.get(endpoint, params={"query": remote}).status_code == 400
        dataset = httpx.get(endpoint, params={
            "query": "SELECT * { ?s ?p ?o }",
            "default-graph-uri": f"http://127.0.0.1:{server.server_port}/g"})
        assert dataset.status_code == 200  # selects an (empty) graph; fetches nothing
        assert dataset.json()["results"]["bindings"] == []
        assert not called.is_set()
    finally:
        server.shutdown()
    assert httpx.post(endpoint, data={"update": "LOAD <file:///etc/passwd>"}).status_code == 403
    assert httpx.post(endpoint, data={"update": "CLEAR ALL"}).status_code == 403
    assert count(httpx.get(endpoint, params={"query": LETTERS_COUNT})) == 8


def test_updates_need_the_token_and_load_stays_refused(store: Path, tmp_path: Path) -> None:
    copy = tmp_path / "store"
    load_build(store.parent / "build", copy)
    process, url = start(copy, {"KGU_UPDATE_TOKEN": "s3cret"})
    try:
        endpoint = url + "/sparql"
        insert = "INSERT DATA { GRAPH <urn:x:g> { <urn:x:s> <urn:x:p> 1 } }"
        assert httpx.post(endpoint, data={"update": insert}).status_code == 401
        ok = httpx.post(endpoint, data={"update": insert},
                        headers={"Authorization": "Bearer s3cret"})
        assert ok.status_code == 204
        assert httpx.get(endpoint, params={"query": "ASK { <urn:x:s> ?p ?o }"}).json()["boolean"]
        load = httpx.post(endpoint, data={"update": "LOAD <file:///etc/passwd>"},
                          headers={"Authorization": "Bearer s3cret"})
        assert load.status_code == 400
    finally:
        stop(process)


def test_service_description_and_query_form(endpoint: str) -> None:
    sd = httpx.get(endpoint, headers={"Accept": "text/turtle"})
    graph = Graph().parse(data=sd.text, format="turtle")
    found = graph.query("""PREFIX sd: <http://www.w3.org/ns/sparql-service-description#>
        SELECT ?e WHERE { ?s a sd:Service ; sd:endpoint ?e ; sd:feature sd:UnionDefaultGraph }""")
    assert [str(row[0]) for row in found] == [endpoint]  # type: ignore[index]
    page = httpx.get(endpoint, headers={"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"})
    assert page.headers["content-type"].startswith("text/html")
    tags: dict[str, dict[str, str | None]] = {}
    forms: list[dict[str, str | None]] = []

    class Tags(HTMLParser):
        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            tags.setdefault(tag, dict(attrs))
            if tag == "form":
                forms.append(dict(attrs))

    Tags().feed(page.text)
    assert tags["html"]["lang"] == "nl"
    # The page's own query form (the site search in the header is another form).
    assert any(f.get("action") in (endpoint, "/sparql") for f in forms) and "textarea" in tags


def test_health_and_metrics(endpoint: str) -> None:
    base = endpoint.removesuffix("/sparql")
    assert httpx.get(f"{base}/healthz").json()["status"] == "ok"
    httpx.get(endpoint, params={"query": LETTERS_COUNT})
    lines = httpx.get(f"{base}/metrics").text.splitlines()
    samples = dict(line.rsplit(" ", 1) for line in lines if not line.startswith("#"))
    assert int(samples['kgu_requests_total{route="/sparql",status="200"}']) >= 1
    assert int(samples["kgu_request_seconds_count"]) >= 1


def test_real_clients(endpoint: str) -> None:
    client = SPARQLWrapper(endpoint)
    client.setQuery(SIGNERS)
    client.setReturnFormat(JSON)
    names = {b["name"]["value"] for b in client.query().convert()["results"]["bindings"]}  # type: ignore[index]
    assert "A.C. van Huffelen" in names
    client.setReturnFormat(XML)
    assert client.query().convert() is not None
    client.setReturnFormat(CSV)
    assert b"A.C. van Huffelen" in client.query().convert()  # type: ignore[operator]
    client.setQuery("CONSTRUCT WHERE { ?l a <https://w3id.org/kg-uitvoering/def#Letter> }")
    client.setReturnFormat(TURTLE)
    assert len(Graph().parse(data=client.query().convert(), format="turtle")) == 8  # type: ignore[arg-type]
    rdflib_store = SPARQLStore(endpoint, returnFormat="json")
    assert len(list(rdflib_store.query(SIGNERS))) == len(names)


def test_a_fast_query_is_answered_while_a_slow_one_runs(endpoint: str) -> None:
    slow = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"

    def run_slow() -> None:
        with pytest.raises(httpx.TimeoutException):
            httpx.get(endpoint, params={"query": slow}, timeout=4)

    thread = threading.Thread(target=run_slow)
    thread.start()
    time.sleep(0.5)
    started = time.perf_counter()
    assert count(httpx.get(endpoint, params={"query": LETTERS_COUNT}, timeout=3)) == 8
    assert time.perf_counter() - started < 3
    thread.join()


def test_the_query_workers_stop_when_the_server_is_killed_mid_query(store: Path) -> None:
    slow = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
    process, url = start(store, {"KGU_QUERY_TIMEOUT": "600"})
    try:
        workers = children(process.pid)
        assert workers  # the query workers run in processes of their own
        with pytest.raises(httpx.TransportError):  # the slow query is running when...
            httpx.get(f"{url}/sparql", params={"query": slow}, timeout=2)
        assert busy(workers)
        os.kill(process.pid, signal.SIGKILL)  # ...the server alone is killed
        process.wait()
        deadline = time.monotonic() + 10
        while any(alive(pid) for pid in workers) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert not any(alive(pid) for pid in workers)
    finally:
        stop(process)


def children(pid: int) -> list[int]:
    """The child processes of ``pid`` (from /proc)."""
    found = []
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            fields = dict(line.split(":\t", 1) for line in status.read_text().splitlines()
                          if ":\t" in line)
        except OSError:
            continue
        if fields.get("PPid", "").strip() == str(pid):
            found.append(int(status.parent.name))
    return found


def state(pid: int) -> str | None:
    """The process state letter from /proc (R running, S sleeping, Z zombie, ...), or
    None when there is no such process."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return None


def alive(pid: int) -> bool:
    return state(pid) not in (None, "Z")


def busy(pids: list[int]) -> bool:
    """Whether one of ``pids`` is running (state R) rather than waiting."""
    return any(state(pid) == "R" for pid in pids)


def test_the_timeout_stops_a_query_and_the_caps_say_why(store: Path) -> None:
    process, url = start(store, {"KGU_QUERY_TIMEOUT": "3", "KGU_MAX_RESULT_BYTES": "300",
                                 "KGU_MAX_RESULT_ROWS": "5"})
    try:
        endpoint = url + "/sparql"
        slow = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
        started = time.perf_counter()
        stopped = httpx.get(endpoint, params={"query": slow}, timeout=20)
        assert stopped.status_code == 503 and time.perf_counter() - started < 10
        assert count(httpx.get(endpoint, params={"query": LETTERS_COUNT})) == 8
        too_big = httpx.get(endpoint, params={"query": "SELECT * WHERE { ?s ?p ?o }"})
        assert too_big.status_code == 400 and "bytes" in too_big.text
        many = httpx.get(endpoint, params={"query": "SELECT ?n { VALUES ?n { 1 2 3 4 5 6 7 } }",
                                           "format": "csv"})
        assert many.status_code == 400 and "rows" in many.text
        assert count(httpx.get(endpoint, params={"query": LETTERS_COUNT})) == 8
        lines = httpx.get(f"{url}/metrics").text.splitlines()
        assert "kgu_query_timeouts_total 1" in lines
    finally:
        stop(process)


def test_body_limit_and_cors(endpoint: str) -> None:
    huge = "SELECT * WHERE { ?s ?p ?o } #" + "x" * 1_100_000
    response = httpx.post(endpoint, content=huge,
                          headers={"Content-Type": "application/sparql-query"})
    assert response.status_code == 413
    preflight = httpx.options(endpoint, headers={
        "Origin": "https://example.org", "Access-Control-Request-Method": "GET"})
    assert preflight.headers["access-control-allow-origin"] in ("*", "https://example.org")
    simple = httpx.get(endpoint, params={"query": LETTERS_COUNT},
                       headers={"Origin": "https://example.org"})
    assert simple.headers["access-control-allow-origin"] in ("*", "https://example.org")
