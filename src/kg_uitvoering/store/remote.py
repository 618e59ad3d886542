"""Any SPARQL 1.1 server as the store: Oxigraph server, Apache Jena Fuseki, Virtuoso,
QLever, GraphDB. Queries go through SPARQLWrapper; a build is published with the Graph
Store HTTP Protocol, one named graph per letter, in batches of N-Triples.

The union of the named graphs is published as the default graph too, as the embedded
store holds it, so that a triple shared by many letters counts once. Serve it as is
(``oxigraph serve`` without ``--union-default-graph``, which would count such a triple
once per graph); Fuseki with ``tdb2:unionDefaultGraph true`` and Virtuoso merge the
named graphs as a set themselves.
"""

from __future__ import annotations

import gzip
import json
import re
from collections.abc import Iterator
from pathlib import Path
from urllib.error import HTTPError, URLError

import httpx
from SPARQLWrapper import POST, URLENCODED, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException

from . import Dataset, QueryError, Result

QUAD = re.compile(r"^(?P<triple>.*\S)\s+<(?P<graph>[^>]*)>\s*\.\s*$")


class RemoteStore:
    def __init__(self, endpoint: str, graph_store: str | None = None,
                 update_endpoint: str | None = None, user: str | None = None,
                 password: str | None = None, timeout: float = 30.0) -> None:
        self.endpoint, self.graph_store = endpoint, graph_store
        self.update_endpoint = update_endpoint or endpoint
        self.auth = (user, password or "") if user else None
        self.timeout = timeout

    def _client(self, url: str, text: str, accept: str) -> SPARQLWrapper:
        client = SPARQLWrapper(url)
        client.setMethod(POST)
        client.setRequestMethod(URLENCODED)
        client.setTimeout(int(self.timeout))
        client.setOnlyConneg(True)
        client.setQuery(text)
        client.addCustomHttpHeader("Accept", accept)
        if self.auth:
            client.setCredentials(*self.auth)
        return client

    def query(self, query: str, accept: list[str], dataset: Dataset) -> Result:
        client = self._client(self.endpoint, query, ", ".join(accept) or "*/*")
        for graph in dataset.default_graphs:
            client.addDefaultGraph(graph)
        for graph in dataset.named_graphs:
            client.addNamedGraph(graph)
        try:
            response = client.query().response
        except SPARQLWrapperException as exc:
            raise QueryError(str(exc)) from None
        except (HTTPError, URLError) as exc:
            raise QueryError(f"the SPARQL server answered: {exc}") from None
        media = response.headers.get("Content-Type", "application/octet-stream")
        bare = media.split(";")[0].strip()
        body = response.read()
        form = "graph"
        if bare.startswith("application/sparql-results") or bare in (
                "text/csv", "text/tab-separated-values"):
            form = "ask" if b'"boolean"' in body[:200] or b"<boolean>" in body else "select"
        return Result(body, bare, form)

    def update(self, update: str, base: str | None = None) -> None:
        client = self._client(self.update_endpoint, update, "*/*")
        try:
            client.query()
        except (SPARQLWrapperException, HTTPError, URLError) as exc:
            raise QueryError(str(exc)) from None

    def _select(self, query: str) -> list[dict[str, dict[str, str]]]:
        result = self.query(query, ["application/sparql-results+json"], Dataset())
        bindings: list[dict[str, dict[str, str]]] = json.loads(result.body)["results"]["bindings"]
        return bindings

    def graphs(self) -> set[str]:
        rows = self._select("SELECT DISTINCT ?g WHERE { GRAPH ?g { } }")
        return {row["g"]["value"] for row in rows}

    def triple_count(self) -> int:
        rows = self._select("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
        return int(rows[0]["n"]["value"])

    def publish(self, build_dir: Path, batch_lines: int = 20_000) -> int:
        """PUT each named graph of ``build_dir/kg.nq.gz`` to the Graph Store (a graph larger
        than one batch continues with POSTs); returns the number of quads sent."""
        if not self.graph_store:
            raise ValueError("publishing needs the Graph Store endpoint (--graph-store)")
        sent = 0
        started: set[str] = set()
        dump = build_dir / "kg.nq.gz"
        with httpx.Client(auth=self.auth, timeout=max(self.timeout, 60)) as http:
            # The named graphs, then their union as the default graph (a server that keeps
            # the default graph apart, like `oxigraph serve` without --union-default-graph,
            # then counts a shared triple once, as the embedded store does).
            for graph, lines in [*_graph_batches(dump, batch_lines),
                                 *_graph_batches(dump, batch_lines, union=True)]:
                method = "POST" if graph in started else "PUT"
                started.add(graph)
                response = http.request(method, self.graph_store,
                                        params={"graph": graph} if graph else {"default": ""},
                                        content="".join(lines).encode("utf-8"),
                                        headers={"Content-Type": "application/n-triples"})
                if response.status_code >= 300:
                    raise QueryError(f"the Graph Store refused <{graph or 'default'}>: "
                                     f"{response.status_code} {response.text[:200]}")
                sent += len(lines) if graph else 0
        return sent


def _graph_batches(dump: Path, size: int, union: bool = False) -> Iterator[tuple[str, list[str]]]:
    """(graph, N-Triples lines) from a dump whose quads are grouped by graph; with
    ``union``, all of them as the default graph ("")."""
    graph: str | None = None
    lines: list[str] = []
    with gzip.open(dump, "rt", encoding="utf-8") as stream:
        for raw in stream:
            m = QUAD.match(raw)
            if m is None:
                continue
            name = "" if union else m["graph"]
            if graph is not None and (name != graph or len(lines) >= size):
                yield graph, lines
                lines = []
            graph = name
            lines.append(m["triple"] + " .\n")
    if graph is not None and lines:
        yield graph, lines
