"""IRIs that resolve, tested with plain HTTP against a real server: 303 from /id/ to
/doc/, content negotiation (Accept with q-values, ?format=, suffixes), what a description
holds, 404 pages that help, the ontology and shapes as documentation and as RDF, a base
that is not the server's address, and the letter page's marked passages."""

from __future__ import annotations

import json
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import httpx
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, RDF, RDFS

from kg_uitvoering.build import build
from kg_uitvoering.rdf import DEFAULT_BASE
from kg_uitvoering.store import Dataset
from kg_uitvoering.store.embedded import OxigraphStore, load_build
from kg_uitvoering.validate import ontology_graph

from .conftest import ROOT
from .test_query_api import TableCells
from .test_server import start, stop

KGU = "https://w3id.org/kg-uitvoering/def#"
LETTER = "kamerstuk/29362/318"  # a letter in data/letters
RDF_FORMATS = {"text/turtle": "turtle", "application/ld+json": "json-ld",
               "application/n-triples": "nt", "application/rdf+xml": "xml"}
OTHER_BASE = "http://data.example.org/brieven/id/"


@pytest.fixture(scope="module")
def stores(tmp_path_factory: pytest.TempPathFactory, letters_build: Path) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("ld")
    build([ROOT / "data" / "letters"], out / "other", OTHER_BASE)  # IRIs under another base
    load_build(out / "other", out / "other-store")
    return {"default": letters_build / "store", "other": out / "other-store"}


@pytest.fixture(scope="module")
def server(stores: dict[str, Path]) -> Iterator[str]:
    process, url = start(stores["default"], {})
    yield url
    stop(process)


def select(store: Path, query: str) -> list[dict[str, str]]:
    body = OxigraphStore(store).query(query, ["application/sparql-results+json"], Dataset()).body
    return [{k: v["value"] for k, v in b.items()} for b in json.loads(body)["results"]["bindings"]]


class Page(HTMLParser):
    """Marks (class, href, text), links, element ids and the text of a page."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.marks: list[list[str]] = []
        self.links: list[str] = []
        self.ids: set[str] = set()
        self._mark: list[str] | None = None
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if found.get("id"):
            self.ids.add(found["id"] or "")
        if tag == "a" and found.get("href"):
            self.links.append(found["href"] or "")
            if self._mark is not None:
                self._mark[1] = found["href"] or ""
        if tag == "mark":
            self._mark = [found.get("class") or "", "", ""]

    def handle_endtag(self, tag: str) -> None:
        if tag == "mark" and self._mark is not None:
            self.marks.append(self._mark)
            self._mark = None

    def handle_data(self, data: str) -> None:
        if self._mark is not None:
            self._mark[2] += data


def test_an_iri_answers_303_to_its_document(server: str) -> None:
    answer = httpx.get(f"{server}/id/{LETTER}", headers={"Accept": "text/turtle"})
    assert answer.status_code == 303
    assert answer.headers["location"] == f"/doc/{LETTER}"
    followed = httpx.get(f"{server}/id/{LETTER}", headers={"Accept": "text/turtle"},
                         follow_redirects=True)
    assert followed.status_code == 200
    assert "Accept" in [v.strip() for v in followed.headers["vary"].split(",")]


@pytest.mark.parametrize("media", list(RDF_FORMATS))
def test_the_document_negotiates_rdf_and_describes_the_resource(server: str, media: str) -> None:
    answer = httpx.get(f"{server}/doc/{LETTER}", headers={"Accept": f"text/html;q=0.5, {media}"})
    assert answer.headers["content-type"].startswith(media)
    graph = Graph().parse(data=answer.text, format=RDF_FORMATS[media])
    letter = URIRef(DEFAULT_BASE + LETTER)
    assert (letter, RDF.type, URIRef(KGU + "Letter")) in graph
    assert (letter, DCTERMS.title, Literal("Standen van de Uitvoering")) in graph
    signer = next(graph.objects(letter, DCTERMS.creator))
    assert (signer, FOAF.name, Literal("A.C. van Huffelen")) in graph  # a label of a linked resource
    # Incoming links: the letter's own signature, citation ... point at it.
    assert any(graph.subjects(URIRef("http://purl.org/spar/cito/hasCitingEntity"), letter))


@pytest.mark.parametrize(("ask", "expected"), [
    ({"params": {"format": "jsonld"}}, "application/ld+json"),
    ({"suffix": ".nt"}, "application/n-triples"),
    ({"suffix": ".rdf"}, "application/rdf+xml"),
    ({"headers": {"Accept": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.8"}}, "text/html"),
    ({"headers": {"Accept": "*/*"}}, "text/turtle"),
])
def test_format_by_parameter_suffix_or_accept(server: str, ask: dict[str, object], expected: str) -> None:
    url = f"{server}/doc/{LETTER}{ask.get('suffix', '')}"
    answer = httpx.get(url, params=ask.get("params"), headers=ask.get("headers"))  # type: ignore[arg-type]
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith(expected)


def test_incoming_links_are_paged(server: str, stores: dict[str, Path]) -> None:
    minister = "https://w3id.org/kg-uitvoering/id/organisation/tweede-kamer-der-staten-generaal"
    total = select(stores["default"], f"SELECT (COUNT(*) AS ?n) {{ SELECT DISTINCT ?s ?p "
                   f"{{ ?s ?p <{minister}> FILTER(isIRI(?s)) }} }}")[0]["n"]
    path = minister.removeprefix(DEFAULT_BASE)
    graph = Graph().parse(data=httpx.get(f"{server}/doc/{path}.nt").text, format="nt")
    incoming = set(graph.subject_predicates(URIRef(minister)))
    assert len(incoming) == min(int(total), 50)
    first = Page(httpx.get(f"{server}/doc/{path}.html").text)
    assert ("?incoming=2" in first.links) == (int(total) > 50)


def test_an_unknown_iri_gets_a_helpful_404(server: str) -> None:
    page = httpx.get(f"{server}/doc/person/huffelen", headers={"Accept": "text/html"})
    assert page.status_code == 404
    parsed = Page(page.text)
    assert "/doc/person/ac-van-huffelen" in parsed.links  # a similar label is suggested
    assert "site-search" in parsed.ids  # and there is a search box
    assert httpx.get(f"{server}/doc/person/huffelen.ttl").status_code == 404


@pytest.mark.parametrize(("path", "source"), [("def", "ontology/kg-uitvoering.ttl"),
                                               ("shapes", "shapes/kg-uitvoering-shapes.ttl")])
def test_the_ontology_and_the_shapes_resolve(server: str, path: str, source: str) -> None:
    expected = Graph().parse(ROOT / source, format="turtle")
    served = Graph().parse(data=httpx.get(f"{server}/{path}", headers={"Accept": "text/turtle"}).text,
                           format="turtle")
    assert len(served) == len(expected)
    html = Page(httpx.get(f"{server}/{path}", headers={"Accept": "text/html"}).text)
    if path == "def":  # every class of the ontology has its entry, so /def#Letter lands on it
        assert {"Letter", "Commitment", "Citation", "hasCommitment", "NewCommitment"} <= html.ids


def test_a_base_that_is_not_the_servers_address_resolves(stores: dict[str, Path]) -> None:
    process, url = start(stores["other"], {"KGU_BASE": OTHER_BASE})
    try:
        graph = Graph().parse(data=httpx.get(f"{url}/id/{LETTER}", headers={"Accept": "text/turtle"},
                                             follow_redirects=True).text, format="turtle")
        assert (URIRef(OTHER_BASE + LETTER), RDF.type, URIRef(KGU + "Letter")) in graph
        page = Page(httpx.get(f"{url}/doc/{LETTER}", headers={"Accept": "text/html"}).text)
        # Links to other resources of the dataset stay on this server.
        assert "/doc/person/ac-van-huffelen" in page.links
        assert not any(link.startswith(OTHER_BASE) for link in page.links)
    finally:
        stop(process)


def test_the_letter_page_marks_and_links_every_passage(server: str, stores: dict[str, Path]) -> None:
    iri = DEFAULT_BASE + LETTER
    commitments = select(stores["default"], f"""PREFIX kgu: <{KGU}> PREFIX oa: <http://www.w3.org/ns/oa#>
        PREFIX prov: <http://www.w3.org/ns/prov#>
        SELECT ?kind ?quote WHERE {{ <{iri}> kgu:hasCommitment ?c . ?c kgu:commitmentKind ?kind ;
          prov:wasDerivedFrom/oa:hasSelector/oa:exact ?quote }}""")
    page = Page(httpx.get(f"{server}/doc/{LETTER}", headers={"Accept": "text/html"}).text)
    marked = {m[0] for m in page.marks}
    assert {"commitment-new", "commitment-fulfilled", "citation", "organisation", "signer"} <= marked
    for c in commitments:
        kind = "commitment-" + c["kind"].removeprefix(KGU).removesuffix("Commitment").lower()
        # The commitment's text is on the page, marked with its kind (citations inside it
        # are marked as citations, so compare the text without them).
        text = "".join(m[2] for m in page.marks if m[0] in (kind, "citation", "organisation"))
        assert " ".join(c["quote"].split())[:40] in " ".join(text.split()), c["quote"][:60]
    cited = [m[1] for m in page.marks if m[0] == "citation"]
    assert cited and all(href.startswith("/doc/kamerstuk/") for href in cited)
    assert all(httpx.get(server + href, headers={"Accept": "text/html"}).status_code == 200
               for href in set(cited))


def test_home_counts_and_search(server: str, stores: dict[str, Path]) -> None:
    letters = select(stores["default"], f"SELECT (COUNT(?l) AS ?n) {{ ?l a <{KGU}Letter> }}")[0]["n"]
    home = httpx.get(f"{server}/", headers={"Accept": "text/html"})
    assert home.status_code == 200
    rows = TableCells()
    rows.feed(home.text)
    label = next(str(o) for o in ontology_graph().objects(URIRef(KGU + "Letter"), RDFS.label)
                 if getattr(o, "language", None) == "nl")
    assert [label, letters] in rows.rows
    found = Page(httpx.get(f"{server}/search", params={"q": "hillen"}).text)
    assert "/doc/person/jsj-hillen" in found.links
