"""The W3C SPARQL 1.1 Protocol and Service Description tests, run over HTTP against a
real server (uvicorn on loopback, updates enabled with a token that this runner adds).

Each protocol entry lists the data to load (``ut:graphData``) and the HTTP requests to
send; the expected status class, boolean and result format are checked. The three
service-description entries are prose; each has its check below.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote
from xml.etree import ElementTree

import httpx
import pytest
from rdflib import Graph, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.compare import isomorphic
from rdflib.namespace import RDF, RDFS

from .conftest import SHARED
from .test_server import start, stop

SUITE = SHARED / "conformance" / "sparql11"
MF = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
HT = Namespace("http://www.w3.org/2011/http#")
CNT = Namespace("http://www.w3.org/2011/content#")
UT = Namespace("http://www.w3.org/2009/sparql/tests/test-update#")
HTS = Namespace("http://www.w3.org/2011/http-statusCodes#")
TOKEN = "w3c-runner"
SD = Namespace("http://www.w3.org/ns/sparql-service-description#")


def entries(manifest: Path) -> list[tuple[str, Graph, URIRef]]:
    graph = Graph().parse(manifest, format="turtle", publicID=manifest.as_uri())
    root = next(graph.subjects(RDF.type, MF.Manifest))
    items = Collection(graph, graph.value(root, MF.entries))
    return [(str(item).rsplit("#", 1)[-1], graph, item) for item in items]  # type: ignore[misc]


def cases() -> list[tuple[str, Graph, URIRef]]:
    if not SUITE.is_dir():
        return []
    return entries(SUITE / "protocol" / "manifest.ttl")


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    store = tmp_path_factory.mktemp("w3c") / "store"
    from pyoxigraph import Store

    Store(str(store)).flush()  # an empty store, created on disk
    process, url = start(store, {"KGU_UPDATE_TOKEN": TOKEN})
    yield url
    stop(process)


def update(url: str, text: str) -> None:
    response = httpx.post(f"{url}/sparql", data={"update": text},
                          headers={"Authorization": f"Bearer {TOKEN}"}, timeout=30)
    assert response.status_code < 300, response.text


def load(url: str, manifest: Graph, test: URIRef) -> None:
    update(url, "DROP SILENT ALL")
    for data in manifest.objects(test, UT.graphData):
        source = Path(str(manifest.value(data, UT.graph)).removeprefix("file://"))
        name = str(manifest.value(data, RDFS.label))
        triples = Graph().parse(source, format="nt").serialize(format="nt")
        update(url, f"INSERT DATA {{ GRAPH <{name}> {{ {triples} }} }}")


def boolean(response: httpx.Response) -> bool | None:
    kind = response.headers.get("content-type", "")
    if "json" in kind:
        value = json.loads(response.text).get("boolean")
        return bool(value) if value is not None else None
    if "xml" in kind:
        found = ElementTree.fromstring(response.content).find(
            "{http://www.w3.org/2005/sparql-results#}boolean")
        return None if found is None else found.text == "true"
    return None


@pytest.mark.parametrize(("name", "manifest", "test"), cases(), ids=[c[0] for c in cases()])
def test_protocol(server: str, name: str, manifest: Graph, test: URIRef) -> None:
    load(server, manifest, test)
    action = manifest.value(test, MF.action)
    for request in Collection(manifest, manifest.value(action, HT.requests)):
        path = str(manifest.value(request, HT.absolutePath)).replace("/sparql/", "/sparql", 1)
        headers = {str(manifest.value(h, HT.fieldName)): str(manifest.value(h, HT.fieldValue))
                   for h in Collection(manifest, manifest.value(request, HT.headers))} \
            if manifest.value(request, HT.headers) else {}
        body = manifest.value(request, HT.body)
        content = str(manifest.value(body, CNT.chars)).encode("utf-8") if body else None
        if "update" in name:
            headers["Authorization"] = f"Bearer {TOKEN}"
        response = httpx.request(str(manifest.value(request, HT.methodName)),
                                 server + quote(path, safe="/?&=%+:;,"), content=content,
                                 headers=headers, timeout=30)
        expected = manifest.value(request, HT.resp)
        classes = {str(s).rsplit("StatusCode", 1)[-1] for s in
                   manifest.objects(expected, MF.expectedStatus)}
        assert f"{response.status_code // 100}xx" in classes, (response.status_code,
                                                              response.text[:300])
        want = manifest.value(expected, MF.expectedBoolean)
        if want is not None:
            assert boolean(response) is want.toPython()
        form = manifest.value(expected, MF.expectedFormat)
        kind = response.headers.get("content-type", "")
        if str(form) in ("boolean", "tabular"):
            assert "sparql-results" in kind, kind
        elif str(form) == "RDF":
            assert any(t in kind for t in ("turtle", "n-triples", "rdf+xml", "ld+json",
                                           "trig", "n-quads")), kind


def sd_cases() -> list[str]:
    if not SUITE.is_dir():
        return []
    return [name for name, _, _ in entries(SUITE / "service-description" / "manifest.ttl")]


@pytest.mark.parametrize("name", sd_cases())
def test_service_description(server: str, name: str) -> None:
    endpoint = f"{server}/sparql"
    response = httpx.get(endpoint, headers={"Accept": "text/turtle, application/rdf+xml;q=0.9"})
    assert response.status_code == 200
    graph = Graph().parse(data=response.text, format="turtle")  # returns-rdf
    services = set(graph.subjects(RDF.type, SD.Service))
    if name == "has-endpoint-triple":
        assert any((s, SD.endpoint, URIRef(endpoint)) in graph for s in services)
    elif name == "conforms-to-schema":
        languages = {SD.SPARQL10Query, SD.SPARQL11Query, SD.SPARQL11Update}
        assert len(services) == 1
        service = next(iter(services))
        assert set(graph.objects(service, SD.supportedLanguage)) <= languages
        assert set(graph.objects(service, SD.supportedLanguage))
        for dataset in graph.objects(service, SD.defaultDataset):
            assert (dataset, RDF.type, SD.Dataset) in graph
            for default in graph.objects(dataset, SD.defaultGraph):
                assert (default, RDF.type, SD.Graph) in graph
        assert all(isinstance(f, URIRef) for f in graph.objects(service, SD.resultFormat))
    else:
        assert name == "returns-rdf" and services


STATUS = {"OK": {200}, "Created": {201}, "NoContent": {204}, "NotFound": {404}}


def gsp_cases() -> list[tuple[str, Graph, URIRef]]:
    if not SUITE.is_dir():
        return []
    # Every test the manifests define (the direct manifest leaves one out of its list).
    found = []
    for name in ("manifest-direct.ttl", "manifest-indirect.ttl"):
        path = SUITE / "graph-store-protocol" / name
        graph = Graph().parse(path, format="turtle", publicID=path.as_uri())
        found += [(str(t).rsplit("#", 1)[-1], graph, t)
                  for t in graph.subjects(RDF.type, MF.GraphStoreProtocolTest)]
    return sorted(found, key=lambda c: c[0])  # type: ignore[return-value]


def _statuses(manifest: Graph, response: URIRef) -> set[int]:
    allowed: set[int] = set()
    for status in manifest.objects(response, MF.expectedStatus):
        name = str(status).rsplit("#", 1)[-1]
        if name.startswith("StatusCode"):
            first = int(name[len("StatusCode")])
            allowed |= set(range(first * 100, first * 100 + 100))
        else:
            allowed |= STATUS[name]
    return allowed


def _headers(manifest: Graph, node: URIRef) -> dict[str, str]:
    listed = manifest.value(node, HT.headers)
    if listed is None:
        return {}
    return {str(manifest.value(h, HT.fieldName)).lower(): str(manifest.value(h, HT.fieldValue))
            for h in Collection(manifest, listed)}


@pytest.mark.parametrize(("name", "manifest", "test"), gsp_cases(),
                         ids=[c[0] for c in gsp_cases()])
def test_graph_store_protocol(server: str, name: str, manifest: Graph, test: URIRef) -> None:
    update(server, "DROP SILENT ALL")
    location = ""
    action = manifest.value(test, MF.action)
    for request in Collection(manifest, manifest.value(action, HT.requests)):
        path = str(manifest.value(request, HT.absolutePath)).replace("$LOCATION$", location)
        path = path.replace("/gsp", "/store", 1) if path.startswith("/gsp") else path
        headers = _headers(manifest, request)  # type: ignore[arg-type]
        headers["authorization"] = f"Bearer {TOKEN}"
        body = manifest.value(request, HT.body)
        content = str(manifest.value(body, CNT.chars)).replace("$LOCATION$", location) \
            if body is not None else None
        url = path if path.startswith("http") else server + path
        response = httpx.request(str(manifest.value(request, HT.methodName)), url,
                                 content=content.encode("utf-8") if content else None,
                                 headers=headers, timeout=30)
        expected = manifest.value(request, HT.resp)
        assert response.status_code in _statuses(manifest, expected), (  # type: ignore[arg-type]
            name, str(manifest.value(request, HT.methodName)), path, response.status_code,
            response.text[:200])
        if manifest.value(expected, MF.expectedLocation) is not None:
            location = response.headers["location"]
        want = manifest.value(expected, HT.body)
        if want is not None:
            kind = _headers(manifest, expected).get("content-type", "text/turtle")  # type: ignore[arg-type]
            fmt = "turtle" if "turtle" in kind else "xml" if "rdf+xml" in kind else "nt"
            got = Graph().parse(data=response.text, format="turtle", publicID=url)
            expect = Graph().parse(data=str(manifest.value(want, CNT.chars)), format=fmt,
                                   publicID=url)
            assert isomorphic(got, expect), response.text
