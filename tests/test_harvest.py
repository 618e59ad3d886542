"""What harvesters take (VoID, the DCAT-AP-NL catalog, the dumps, the sitemap, the Atom
feeds) and the conditional requests and compression of every answer, from a real server
on loopback whose build folder is a build of data/letters; every number is checked
against the store's own SPARQL answers."""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import math
from collections.abc import Iterator
from email.utils import formatdate
from pathlib import Path
from xml.etree import ElementTree

import httpx
import pytest
from pyshacl import validate
from rdflib import Dataset, Graph, Literal, Namespace, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import DCTERMS, RDF, SH, VOID

from kg_uitvoering.rdf import DEFAULT_BASE
from kg_uitvoering.server.harvest import SPDX, sitemap_xml

from .conftest import ROOT
from .test_linked_data import Page
from .test_server import start, stop

KGU = "https://w3id.org/kg-uitvoering/def#"
DCAT = Namespace("http://www.w3.org/ns/dcat#")  # rdflib's DefinedNamespace warns when pytest inspects it
PREFIXES = """PREFIX kgu: <https://w3id.org/kg-uitvoering/def#>
PREFIX eli: <http://data.europa.eu/eli/ontology#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX foaf: <http://xmlns.com/foaf/0.1/>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX schema: <https://schema.org/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
"""
SHAPES = ROOT / "shapes" / "dcat-ap-nl.ttl"
ATOM = {"a": "http://www.w3.org/2005/Atom"}
SITEMAP = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
RDF_FORMATS = {"text/turtle": "turtle", "application/ld+json": "json-ld",
               "application/n-triples": "nt", "application/rdf+xml": "xml"}
DUMP_NAMES = ["kg.nq.gz", "kg.ttl.gz", "kg-uitvoering.ttl", "kg-uitvoering-shapes.ttl"]


@pytest.fixture(scope="module")
def server(letters_build: Path) -> Iterator[str]:
    """The shared build of data/letters, served with its build folder."""
    process, url = start(letters_build / "store", {"KGU_BUILD": str(letters_build / "build")})
    yield url
    stop(process)


@pytest.fixture(scope="module")
def bare(letters_build: Path) -> Iterator[str]:
    """The same store, served without a build folder."""
    process, url = start(letters_build / "store", {"KGU_BUILD": str(letters_build / "no-such-build")})
    yield url
    stop(process)


def select(url: str, query: str) -> list[dict[str, str]]:
    response = httpx.get(f"{url}/sparql", params={"query": PREFIXES + query})
    assert response.status_code == 200, response.text
    return [{k: v["value"] for k, v in row.items()} for row in response.json()["results"]["bindings"]]


def number(url: str, query: str) -> int:
    return int(select(url, query)[0]["n"])


def rdf(url: str, path: str, media: str = "text/turtle") -> Graph:
    response = httpx.get(url + path, headers={"Accept": media})
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith(media)
    assert "Accept" in response.headers["vary"]
    return Graph().parse(data=response.text, format=RDF_FORMATS[media])


def mtime(path: Path) -> dt.datetime:
    return dt.datetime.fromtimestamp(int(path.stat().st_mtime), dt.UTC)


# --- VoID --------------------------------------------------------------------------------
def test_void_counts_equal_the_store(server: str, letters_build: Path) -> None:
    graph = rdf(server, "/.well-known/void")
    dataset = URIRef(f"{server}/.well-known/void#dataset")
    assert (dataset, RDF.type, VOID.Dataset) in graph

    def value(prop: URIRef) -> object:
        found = graph.value(dataset, prop)
        assert isinstance(found, Literal), prop
        return found.toPython()

    assert value(VOID.triples) == number(server, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    for prop, term in ((VOID.distinctSubjects, "?s"), (VOID.distinctObjects, "?o")):
        assert value(prop) == number(server, f"SELECT (COUNT(DISTINCT {term}) AS ?n) WHERE {{ ?s ?p ?o }}")
    assert value(VOID.entities) == number(server, "SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s ?p ?o "
                                          f"FILTER(isIRI(?s) && STRSTARTS(STR(?s), '{DEFAULT_BASE}')) }}")
    assert value(VOID.uriSpace) == DEFAULT_BASE
    assert value(DCTERMS.modified) == mtime(letters_build / "build" / "kg.nq.gz")

    classes = {graph.value(p, VOID["class"]): graph.value(p, VOID.entities)
               for p in graph.objects(dataset, VOID.classPartition)}
    assert classes[URIRef(KGU + "Letter")].toPython() == 8  # type: ignore[union-attr]
    for cls, entities in classes.items():
        assert entities.toPython() == number(  # type: ignore[union-attr]
            server, f"SELECT (COUNT(DISTINCT ?r) AS ?n) WHERE {{ ?r a <{cls}> }}")
    assert len(classes) == number(server, "SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE { ?r a ?c }")
    properties = {graph.value(p, VOID.property): graph.value(p, VOID.triples).toPython()  # type: ignore[union-attr]
                  for p in graph.objects(dataset, VOID.propertyPartition)}
    assert properties[RDF.type] == number(server, "SELECT (COUNT(*) AS ?n) WHERE { ?s a ?o }")
    assert sum(properties.values()) == value(VOID.triples)

    vocabularies = set(graph.objects(dataset, VOID.vocabulary))
    assert {URIRef(KGU), URIRef("http://data.europa.eu/eli/ontology#"), URIRef(str(RDF))} <= vocabularies
    assert set(graph.objects(dataset, VOID.sparqlEndpoint)) == {URIRef(f"{server}/sparql")}
    assert set(graph.objects(dataset, VOID.dataDump)) == {URIRef(f"{server}/dumps/kg.nq.gz"),
                                                          URIRef(f"{server}/dumps/kg.ttl.gz")}
    assert graph.value(dataset, DCTERMS.license) == URIRef("https://creativecommons.org/licenses/by/4.0/")
    assert URIRef("http://www.w3.org/ns/formats/N-Quads") in set(graph.objects(dataset, VOID.feature))
    example = graph.value(dataset, VOID.exampleResource)
    assert number(server, f"SELECT (COUNT(*) AS ?n) WHERE {{ <{example}> a kgu:Letter }}") == 1


def test_void_formats_by_accept(server: str) -> None:
    turtle = rdf(server, "/.well-known/void")
    for media in ("application/ld+json", "application/n-triples", "application/rdf+xml"):
        assert isomorphic(rdf(server, "/.well-known/void", media), turtle), media
    assert httpx.get(f"{server}/.well-known/void", headers={"Accept": "image/png"}).status_code == 406


# --- DCAT --------------------------------------------------------------------------------
def shacl(graph: Graph) -> tuple[bool, Graph, str]:
    conforms, results, text = validate(graph, shacl_graph=Graph().parse(SHAPES), inference="none")
    assert isinstance(results, Graph)
    return bool(conforms), results, str(text)


def test_catalog_is_dcat_ap_nl(server: str, letters_build: Path) -> None:
    graph = rdf(server, "/catalog")
    conforms, _, report = shacl(graph)
    assert conforms, report
    for media in ("application/ld+json", "application/rdf+xml"):
        assert isomorphic(rdf(server, "/catalog", media), graph), media

    dataset = URIRef(f"{server}/catalog#dataset")
    assert (URIRef(f"{server}/catalog"), DCAT.dataset, dataset) in graph
    period = graph.value(dataset, DCTERMS.temporal)
    dates = select(server, "SELECT (MIN(?d) AS ?start) (MAX(?d) AS ?end) "
                           "WHERE { ?l a kgu:Letter ; eli:date_document ?d }")[0]
    assert str(graph.value(period, DCAT.startDate)) == dates["start"]
    assert str(graph.value(period, DCAT.endDate)) == dates["end"]
    services = {graph.value(s, DCAT.endpointURL): s for s in graph.subjects(RDF.type, DCAT.DataService)}
    sparql = services[URIRef(f"{server}/sparql")]
    assert graph.value(sparql, DCTERMS.conformsTo) == URIRef("https://www.w3.org/TR/sparql11-protocol/")
    assert graph.value(services[URIRef(f"{server}/api/queries")], DCAT.endpointDescription) == \
        URIRef(f"{server}/openapi.json")

    distributions = list(graph.objects(dataset, DCAT.distribution))
    assert len(distributions) == 2
    for distribution in distributions:
        download = httpx.get(str(graph.value(distribution, DCAT.downloadURL)))
        checksum = graph.value(distribution, SPDX.checksum)
        assert str(graph.value(checksum, SPDX.checksumValue)).lower() == \
            hashlib.sha256(download.content).hexdigest()
        assert graph.value(distribution, DCAT.byteSize).toPython() == len(download.content)  # type: ignore[union-attr]
        name = str(graph.value(distribution, DCAT.downloadURL)).rsplit("/", 1)[-1]
        assert graph.value(distribution, DCTERMS.modified).toPython() == mtime(  # type: ignore[union-attr]
            letters_build / "build" / name)


def test_a_catalog_without_licence_fails(server: str) -> None:
    graph = rdf(server, "/catalog")
    graph.remove((None, DCTERMS.license, None))
    conforms, results, _ = shacl(graph)
    assert not conforms
    violations = {(results.value(r, SH.focusNode), results.value(r, SH.resultPath))
                  for r in results.subjects(SH.resultSeverity, SH.Violation)}
    assert (URIRef(f"{server}/catalog#nquads"), DCTERMS.license) in violations
    assert (URIRef(f"{server}/catalog#turtle"), DCTERMS.license) in violations


# --- dumps -------------------------------------------------------------------------------
def test_dumps_listed_downloaded_and_revalidated(server: str, letters_build: Path) -> None:
    listing = httpx.get(f"{server}/dumps/", headers={"Accept": "application/json"})
    assert listing.headers["content-type"] == "application/json"
    data = listing.json()
    assert data["build"]["available"] is True
    files = {f["name"]: f for f in data["files"]}
    assert list(files) == DUMP_NAMES
    for listed in files.values():
        response = httpx.get(listed["url"], headers={"Accept-Encoding": "identity"})
        assert response.status_code == 200
        assert hashlib.sha256(response.content).hexdigest() == listed["sha256"]
        assert len(response.content) == listed["size"]
        assert response.headers["content-type"] == listed["mediaType"]
        etag, modified = response.headers["etag"], response.headers["last-modified"]
        for headers in ({"If-None-Match": etag}, {"If-None-Match": f'"x", W/{etag}'},
                        {"If-Modified-Since": modified}):
            again = httpx.get(listed["url"], headers=headers)
            assert again.status_code == 304 and again.content == b"", headers
            assert again.headers["etag"].removeprefix("W/") == etag
        older = formatdate(dt.datetime.fromisoformat(listed["modified"]).timestamp() - 60, usegmt=True)
        assert httpx.get(listed["url"], headers={"If-Modified-Since": older}).status_code == 200
        assert httpx.get(listed["url"], headers={"If-None-Match": '"other"'}).status_code == 200
    dump = httpx.get(files["kg.nq.gz"]["url"])
    assert dump.headers["content-type"] == "application/gzip" and "content-encoding" not in dump.headers
    assert dump.content == (letters_build / "build" / "kg.nq.gz").read_bytes()
    quads = Dataset().parse(data=gzip.decompress(dump.content), format="nquads")
    assert len(list(quads.quads())) == httpx.get(f"{server}/healthz").json()["triples"]
    assert httpx.head(files["kg.nq.gz"]["url"]).headers["etag"] == f'"{files["kg.nq.gz"]["sha256"]}"'
    for missing in ("nope.nq.gz", "kg.trig", "..%2Fkg.trig", "build-report.json"):
        assert httpx.get(f"{server}/dumps/{missing}").status_code == 404, missing

    page = Page(httpx.get(f"{server}/dumps/", headers={"Accept": "text/html"}).text)
    assert "no-build" not in page.ids and "files" in page.ids
    assert {f["url"] for f in files.values()} <= set(page.links)


def test_without_a_build_the_listing_says_so(bare: str) -> None:
    data = httpx.get(f"{bare}/dumps/", headers={"Accept": "application/json"}).json()
    assert data["build"] == {"available": False, "modified": None}
    assert [f["name"] for f in data["files"]] == DUMP_NAMES[2:]
    assert "no-build" in Page(httpx.get(f"{bare}/dumps/").text).ids
    assert httpx.get(f"{bare}/dumps/kg.nq.gz").status_code == 404
    void = rdf(bare, "/.well-known/void")
    assert not list(void.objects(None, VOID.dataDump))
    catalog = rdf(bare, "/catalog")
    assert not list(catalog.subjects(RDF.type, DCAT.Distribution))
    _, results, report = shacl(catalog)
    assert not list(results.subjects(SH.resultSeverity, SH.Violation)), report


# --- conditional requests and gzip -------------------------------------------------------
@pytest.mark.parametrize("path", ["/", "/api/queries/letters-per-signer", "/catalog", "/dumps/"])
def test_etags_and_304(server: str, path: str) -> None:
    first = httpx.get(server + path)
    assert first.status_code == 200
    etag = first.headers["etag"]
    assert etag.startswith('"')
    assert httpx.get(server + path).headers["etag"] == etag  # the same answer, the same tag
    again = httpx.get(server + path, headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.content == b""
    assert again.headers["etag"] == etag
    assert httpx.get(server + path, headers={"If-None-Match": '"stale"'}).status_code == 200


def test_gzip_when_accepted(server: str) -> None:
    zipped = httpx.get(f"{server}/catalog", headers={"Accept-Encoding": "gzip"})
    plain = httpx.get(f"{server}/catalog", headers={"Accept-Encoding": "identity"})
    assert zipped.headers["content-encoding"] == "gzip" and "content-encoding" not in plain.headers
    assert "Accept-Encoding" in zipped.headers["vary"]
    assert isomorphic(Graph().parse(data=zipped.text, format="turtle"),
                      Graph().parse(data=plain.text, format="turtle"))
    assert zipped.headers["etag"] != plain.headers["etag"]  # two representations, two tags
    revalidated = httpx.get(f"{server}/catalog", headers={"Accept-Encoding": "gzip",
                                                          "If-None-Match": zipped.headers["etag"]})
    assert revalidated.status_code == 304
    ontology = httpx.get(f"{server}/dumps/kg-uitvoering.ttl", headers={"Accept-Encoding": "gzip"})
    assert ontology.headers["content-encoding"] == "gzip"
    assert ontology.headers["etag"].startswith("W/")  # the file's tag, weak once compressed
    assert len(Graph().parse(data=ontology.text, format="turtle")) > 100


# --- sitemap -----------------------------------------------------------------------------
def test_sitemap_lists_every_page(server: str) -> None:
    response = httpx.get(f"{server}/sitemap.xml")
    assert response.headers["content-type"].startswith("application/xml")
    root = ElementTree.fromstring(response.content)
    assert root.tag == f"{{{SITEMAP['s']}}}urlset"
    urls = {u.findtext("s:loc", namespaces=SITEMAP): u.findtext("s:lastmod", namespaces=SITEMAP)
            for u in root.findall("s:url", SITEMAP)}
    resources = select(server, "SELECT DISTINCT ?r WHERE { ?r a ?c VALUES ?c { kgu:Letter kgu:Kamerstuk "
                               "kgu:Dossier kgu:Commitment foaf:Person org:Post org:Organization } }")
    expected = {f"{server}/doc/" + r["r"].removeprefix(DEFAULT_BASE) for r in resources}
    assert set(urls) == {f"{server}/", *expected}
    assert urls[f"{server}/doc/kamerstuk/29362/318"] == "2022-12-22"
    assert urls[f"{server}/doc/dossier/29362"] == "2022-12-22"
    for lastmod in filter(None, urls.values()):
        dt.date.fromisoformat(lastmod)
    assert httpx.get(f"{server}/doc/kamerstuk/29362/318", headers={"Accept": "text/html"}).status_code == 200


def test_a_large_sitemap_becomes_an_index() -> None:
    urls: list[tuple[str, str | None]] = [(f"http://x/doc/{i}", None) for i in range(5)]
    index = ElementTree.fromstring(sitemap_xml(urls, "http://x/sitemap.xml", None, size=2) or b"")
    assert index.tag == f"{{{SITEMAP['s']}}}sitemapindex"
    pages = [s.findtext("s:loc", namespaces=SITEMAP) for s in index.findall("s:sitemap", SITEMAP)]
    assert pages == [f"http://x/sitemap.xml?page={n}" for n in range(1, math.ceil(5 / 2) + 1)]
    last = ElementTree.fromstring(sitemap_xml(urls, "http://x/sitemap.xml", 3, size=2) or b"")
    assert [u.findtext("s:loc", namespaces=SITEMAP) for u in last] == ["http://x/doc/4"]
    assert sitemap_xml(urls, "http://x/sitemap.xml", 4, size=2) is None


# --- feeds -------------------------------------------------------------------------------
def entries(url: str, params: dict[str, str] | None = None) -> list[dict[str, str]]:
    response = httpx.get(url, params=params)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/atom+xml"
    feed = ElementTree.fromstring(response.content)
    assert feed.tag == f"{{{ATOM['a']}}}feed"
    for field in ("a:id", "a:title", "a:updated", "a:author/a:name"):
        assert feed.findtext(field, namespaces=ATOM), field
    assert feed.find("a:link[@rel='self']", ATOM) is not None
    found = []
    for entry in feed.findall("a:entry", ATOM):
        link = entry.find("a:link[@rel='alternate']", ATOM)
        assert link is not None
        found.append({"id": entry.findtext("a:id", namespaces=ATOM) or "", "href": link.get("href") or "",
                      "title": entry.findtext("a:title", namespaces=ATOM) or "",
                      "updated": entry.findtext("a:updated", namespaces=ATOM) or "",
                      "summary": entry.findtext("a:summary", namespaces=ATOM) or ""})
    if found:
        assert feed.findtext("a:updated", namespaces=ATOM) == found[0]["updated"]
    return found


def test_letters_feed(server: str) -> None:
    rows = select(server, "SELECT ?l ?d WHERE { ?l a kgu:Letter ; eli:date_document ?d } "
                          "ORDER BY DESC(?d) ?l")
    found = entries(f"{server}/feeds/letters.atom")
    assert [e["id"] for e in found] == [r["l"] for r in rows]
    for entry, row in zip(found, rows, strict=True):
        midnight = dt.datetime.fromisoformat(row["d"] + "T00:00:00+00:00")
        assert dt.datetime.fromisoformat(entry["updated"]) == midnight
        assert entry["href"] == f"{server}/doc/" + row["l"].removeprefix(DEFAULT_BASE)
        assert entry["title"] and entry["summary"]
    letter = next(e for e in found if e["id"].endswith("kamerstuk/29362/318"))
    assert (letter["title"], letter["summary"]) == ("Kamerstuk 29362 nr. 318", "Standen van de Uitvoering")
    in_dossier = select(server, "SELECT ?l WHERE { ?l a kgu:Letter ; "
                                "eli:is_part_of/kgu:dossierNumber '29362' }")
    assert {e["id"] for e in entries(f"{server}/feeds/letters.atom", {"dossier": "29362"})} == \
        {r["l"] for r in in_dossier}


def test_commitments_feed(server: str) -> None:
    every = entries(f"{server}/feeds/commitments.atom")
    assert len(every) == number(server, "SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE { ?l kgu:hasCommitment ?c }")
    assert [e["updated"] for e in every] == sorted((e["updated"] for e in every), reverse=True)
    rows = select(server, "SELECT DISTINCT ?c ?text WHERE { ?l kgu:hasCommitment ?c . ?c kgu:text ?text ; "
                          "schema:agent/org:postIn/skos:prefLabel ?m "
                          "FILTER(CONTAINS(LCASE(?m), 'defensie')) }")
    found = entries(f"{server}/feeds/commitments.atom", {"ministry": "Defensie"})
    assert {e["id"] for e in found} == {r["c"] for r in rows} and found
    texts = {r["c"]: " ".join(r["text"].split()) for r in rows}
    for entry in found:
        assert entry["summary"] == texts[entry["id"]]
        assert "Defensie" in entry["title"]
    assert entries(f"{server}/feeds/commitments.atom", {"ministry": "Geen Ministerie"}) == []


def test_feed_errors(server: str) -> None:
    assert httpx.get(f"{server}/feeds/nothing.atom").status_code == 404
    assert httpx.get(f"{server}/feeds/letters.atom", params={"colour": "red"}).status_code == 400
    assert httpx.get(f"{server}/feeds/letters.atom", params={"page": "x"}).status_code == 400
