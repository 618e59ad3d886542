"""The remote store against a real ``oxigraph serve`` on loopback: the development corpus
is published with the Graph Store Protocol and answers like the embedded store."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from click.testing import CliRunner

from kg_uitvoering.build import build
from kg_uitvoering.cli import main
from kg_uitvoering.library import load_library, run_canned
from kg_uitvoering.rdf import DEFAULT_BASE
from kg_uitvoering.store import Dataset, Store
from kg_uitvoering.store.embedded import OxigraphStore, load_build
from kg_uitvoering.store.remote import RemoteStore

from .conftest import DEV, FIXTURES, needs_shared
from .test_server import free_port, start, stop

# The `oxigraph` binary of the PyPI package, installed beside this Python by `make test`.
OXIGRAPH = str(Path(sys.executable).parent / "oxigraph")
QUERIES = {
    "signers": """PREFIX kgu: <https://w3id.org/kg-uitvoering/def#>
        PREFIX foaf: <http://xmlns.com/foaf/0.1/> PREFIX org: <http://www.w3.org/ns/org#>
        PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
        SELECT ?letter ?pos ?name ?role WHERE { ?letter kgu:hasSignature ?s .
          ?s kgu:position ?pos ; kgu:signer/foaf:name ?name ; kgu:post/org:role ?r .
          ?r skos:prefLabel ?role FILTER(lang(?role) = "") }""",
    "commitments per kind": """PREFIX kgu: <https://w3id.org/kg-uitvoering/def#>
        SELECT ?kind (COUNT(?c) AS ?n) WHERE { ?l kgu:hasCommitment ?c .
          ?c kgu:commitmentKind ?kind } GROUP BY ?kind""",
    "most cited": """PREFIX eli: <http://data.europa.eu/eli/ontology#>
        SELECT ?k (COUNT(DISTINCT ?l) AS ?n) WHERE { ?l eli:cites ?k } GROUP BY ?k""",
    "organisations": """PREFIX kgu: <https://w3id.org/kg-uitvoering/def#>
        PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
        SELECT DISTINCT ?name WHERE { ?l kgu:mentions/skos:prefLabel ?name }""",
    "graphs": "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }",
    # A shared triple (the signer's name is in each letter they signed) counts once.
    "naive count": """PREFIX kgu: <https://w3id.org/kg-uitvoering/def#>
        PREFIX foaf: <http://xmlns.com/foaf/0.1/>
        SELECT ?name (COUNT(?l) AS ?n) WHERE { ?l kgu:hasSignature/kgu:signer/foaf:name ?name }
        GROUP BY ?name""",
}


def rows(store: Store, query: str) -> set[tuple[str, ...]]:
    result = store.query(query, ["application/sparql-results+json"], Dataset())
    data = json.loads(result.body)
    names = data["head"]["vars"]
    return {tuple(b.get(n, {}).get("value", "") for n in names) for b in data["results"]["bindings"]}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dev")
    build([DEV, FIXTURES / "register" / "toezeggingen"], out / "build", DEFAULT_BASE)
    load_build(out / "build", out / "store")
    return out


@pytest.fixture(scope="module")
def oxigraph(corpus: Path) -> Iterator[str]:
    port = free_port()
    process = subprocess.Popen(
        [OXIGRAPH, "serve", "--location", str(corpus / "oxigraph"), "--bind",
         f"127.0.0.1:{port}"], start_new_session=True,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            httpx.get(url, timeout=1)
            break
        except httpx.TransportError:
            time.sleep(0.1)
    yield url
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()


@needs_shared()
def test_published_corpus_answers_like_the_embedded_store(corpus: Path, oxigraph: str) -> None:
    remote = RemoteStore(f"{oxigraph}/query", graph_store=f"{oxigraph}/store",
                         update_endpoint=f"{oxigraph}/update")
    sent = remote.publish(corpus / "build", batch_lines=500)  # small batches: PUT, then POSTs
    embedded = OxigraphStore(corpus / "store")
    assert sent > 1000
    assert remote.graphs() == embedded.graphs()
    for name, query in QUERIES.items():
        ours = rows(embedded, query)
        assert ours, name
        assert rows(remote, query) == ours, name
    distinct = QUERIES["naive count"].replace("COUNT(?l)", "COUNT(DISTINCT ?l)")
    assert rows(embedded, QUERIES["naive count"]) == rows(embedded, distinct)
    assert max(int(n) for _, n in rows(embedded, distinct)) >= 2  # someone signed two letters
    # Every canned query, with its example parameters (bound with VALUES for the remote
    # server), gives the same rows in the same order on both.
    answered = 0
    for name, canned in load_library().items():
        values = {p.name: p.example for p in canned.parameters if p.example is not None}
        ours_rows = run_canned(embedded, canned, values).records()
        assert run_canned(remote, canned, values).records() == ours_rows, name
        answered += bool(ours_rows)
    assert answered == len(load_library())
    # The command line runs a canned query on the remote server just the same.
    ran = CliRunner().invoke(main, ["query", "letters-per-signer", "--format", "json",
                                    "--sparql-endpoint", f"{oxigraph}/query"])
    assert ran.exit_code == 0, ran.output
    assert json.loads(ran.stdout) == run_canned(
        embedded, load_library()["letters-per-signer"], {}).records()


@needs_shared()
def test_our_endpoint_in_front_of_the_remote_server(corpus: Path, oxigraph: str) -> None:
    RemoteStore(f"{oxigraph}/query", graph_store=f"{oxigraph}/store").publish(corpus / "build")
    process, url = start(corpus / "store", {"KGU_SPARQL_ENDPOINT": f"{oxigraph}/query"})
    try:
        answer = httpx.get(f"{url}/sparql", params={"query": QUERIES["graphs"]})
        assert answer.status_code == 200
        # 22 letters, the commitment register and the ontology, as in the embedded store
        assert int(answer.json()["results"]["bindings"][0]["n"]["value"]) == 24
        assert len(OxigraphStore(corpus / "store").graphs()) == 24
        refused = httpx.get(f"{url}/sparql", params={
            "query": "SELECT * { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }"})
        assert refused.status_code == 400
    finally:
        stop(process)
