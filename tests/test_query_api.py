"""The canned-query machinery: loading the .rq files, binding parameters as RDF terms,
pagination, the REST API with its OpenAPI document (served by a real uvicorn process),
the command line, and docs/queries.md being current. The queries themselves are
tested on the development corpus in test_canned_queries.py."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import httpx
import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from kg_uitvoering.cli import main
from kg_uitvoering.library import (
    ParameterError,
    QueryFileError,
    load_library,
    markdown,
    parse_query,
    run_canned,
    with_values,
)
from kg_uitvoering.library.params import parameter
from kg_uitvoering.store import Dataset
from kg_uitvoering.store.embedded import OxigraphStore

from .conftest import ROOT
from .test_server import start, stop

HEADER = """#+ summary: Letters before a date
#+ description: Letters dated before a given day, oldest first.
#+ tags: [letters]
"""
BEFORE = HEADER + """#+ pagination: 3
#+ examples:
#+   - before: 2030-01-01
PREFIX eli: <http://data.europa.eu/eli/ontology#>
# A comment with a { brace, and a string with one below, must not confuse the binding.
SELECT ?letter ?date ?__note ("{" AS ?brace) WHERE {
  ?letter eli:date_document ?date FILTER(?date < ?_before_date) } ORDER BY ?date ?letter
"""
KINDS = """#+ summary: Commitments of a kind
#+ description: Commitments whose kind is the one given.
#+ tags: [commitments]
#+ enumerate:
#+   - kind
#+ defaults:
#+   - kind: https://w3id.org/kg-uitvoering/def#NewCommitment
PREFIX kgu: <https://w3id.org/kg-uitvoering/def#>
SELECT ?commitment WHERE { ?letter kgu:hasCommitment ?commitment .
  ?commitment kgu:commitmentKind ?_kind_iri } ORDER BY ?commitment
"""
INJECTION = 'x" } ; DROP ALL ; #'


@pytest.fixture(scope="module")
def store_path(letters_build: Path) -> Path:
    return letters_build / "store"


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("queries")
    (out / "letters-before.rq").write_text(BEFORE, encoding="utf-8")
    (out / "commitments-of-kind.rq").write_text(KINDS, encoding="utf-8")
    return out


@pytest.fixture(scope="module")
def server(store_path: Path, folder: Path) -> Iterator[str]:
    process, url = start(store_path, {"KGU_QUERIES": str(folder)})
    yield url
    stop(process)


def all_rows(store: OxigraphStore, text: str) -> list[dict[str, str]]:
    data = json.loads(store.query(text, ["application/sparql-results+json"], Dataset()).body)
    return [{k: v["value"] for k, v in b.items()} for b in data["results"]["bindings"]]


@pytest.mark.parametrize(("variable", "expected"), [
    ("_before_date", ("before", "date", True)),
    ("__ministry", ("ministry", "string", False)),
    ("_kamerstuk_iri", ("kamerstuk", "iri", True)),
    ("_year_xsd_gYear", ("year", "gYear", True)),
    ("__due_before_date", ("due_before", "date", False)),
    ("_limit_integer", ("limit", "integer", True)),
])
def test_parameters_are_named_the_grlc_way(variable: str, expected: tuple[str, str, bool]) -> None:
    p = parameter(variable)
    assert p is not None
    assert (p.name, p.type, p.required) == expected
    assert parameter("letter") is None


@pytest.mark.parametrize(("text", "reason"), [
    (HEADER + "#+ pagination: 10\nSELECT ?s WHERE { ?s ?p ?o }", "ORDER BY"),
    (HEADER + "#+ pagination: 10\nSELECT ?s WHERE { ?s ?p ?o } ORDER BY ?s LIMIT 5", "LIMIT"),
    (HEADER + "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", "SELECT"),
    (HEADER + "SELECT ?s WHERE { ?s ?p }", "does not parse"),
    (HEADER + "#+ colour: blue\nSELECT ?s WHERE { ?s ?p ?o }", "unknown header"),
    (HEADER + "#+ examples:\n#+   - day: tomorrow\nSELECT ?s WHERE { ?s ?p ?_day_date }", "date"),
    (HEADER + "#+ defaults:\n#+   - nope: 1\nSELECT ?s WHERE { ?s ?p ?o }", "unknown parameter"),
    ("SELECT ?s WHERE { ?s ?p ?o }", "summary"),
])
def test_the_loader_refuses_a_file_that_breaks_a_rule(text: str, reason: str) -> None:
    with pytest.raises(QueryFileError) as caught:
        parse_query("broken", text)
    assert str(caught.value).startswith("broken.rq: ")
    assert reason in str(caught.value)


def test_injections_are_inert_or_refused(store_path: Path, folder: Path) -> None:
    store = OxigraphStore(store_path)
    before = store.triple_count()
    query = load_library(folder)["letters-before"]
    table = run_canned(store, query, {"before": "2030-01-01", "note": INJECTION})
    assert {r["__note"] for r in table.records()} == {INJECTION}
    assert store.triple_count() == before
    kinds = load_library(folder)["commitments-of-kind"]
    for bad in ("http://x/> } ; DROP ALL ; #", "not an iri", "http://a b"):
        with pytest.raises(ParameterError):
            run_canned(store, kinds, {"kind": bad})
    for bad_date in ("2023-02-30", '2023-01-01"^^<x>', ""):
        with pytest.raises(ParameterError):
            run_canned(store, query, {"before": bad_date})


def test_values_land_in_the_where_clause_whatever_precedes_it() -> None:
    query = parse_query("q", BEFORE)
    text = with_values(query.text, {"_before_date": ox.Literal(
        "2020-01-01", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#date"))})
    data = ox.Store()
    eli = "http://data.europa.eu/eli/ontology#date_document"
    for i, day in enumerate(["2019-05-01", "2021-05-01"]):
        data.add(ox.Quad(ox.NamedNode(f"http://x/{i}"), ox.NamedNode(eli),
                         ox.Literal(day, datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#date"))))
    rows = list(data.query(text))
    assert [r["letter"].value for r in rows] == ["http://x/0"]
    assert rows[0]["brace"].value == "{"


def test_pages_are_disjoint_and_together_are_the_whole_answer(store_path: Path, folder: Path) -> None:
    store = OxigraphStore(store_path)
    query = load_library(folder)["letters-before"]
    pages = []
    page = 1
    while True:
        table = run_canned(store, query, {"before": "2030-01-01"}, page)
        assert len(table.bindings) <= 3
        pages.append([r["letter"] for r in table.records()])
        if not table.has_next:
            break
        page += 1
    everything = all_rows(store, with_values(query.text, {"_before_date": ox.Literal(
        "2030-01-01", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#date"))}))
    assert [letter for p in pages for letter in p] == [r["letter"] for r in everything]
    assert len(pages) == -(-len(everything) // 3) >= 2


def test_the_api_lists_and_runs_queries_in_every_format(server: str) -> None:
    listing = {q["name"]: q for q in httpx.get(f"{server}/api/queries").json()}
    assert set(listing) == {"letters-before", "commitments-of-kind"}
    assert listing["letters-before"]["parameters"][1] == {
        "name": "before", "type": "date", "required": True, "default": None,
        "example": "2030-01-01", "enum": None}
    kinds = listing["commitments-of-kind"]["parameters"][0]["enum"]
    assert "https://w3id.org/kg-uitvoering/def#NewCommitment" in kinds
    url = f"{server}/api/queries/letters-before"
    rows = httpx.get(url, params={"before": "2030-01-01"}).json()
    srj = httpx.get(url + ".srj", params={"before": "2030-01-01"}).json()
    assert [r["letter"] for r in rows] == [b["letter"]["value"] for b in srj["results"]["bindings"]]
    assert srj["head"]["vars"] == ["letter", "date", "__note", "brace"]
    as_csv = httpx.get(url, params={"before": "2030-01-01"}, headers={"Accept": "text/csv"})
    assert as_csv.headers["content-type"].startswith("text/csv")
    parsed = list(csv.DictReader(io.StringIO(as_csv.text)))
    assert [r["letter"] for r in parsed] == [r["letter"] for r in rows]
    page = httpx.get(url + ".html", params={"before": "2030-01-01"})
    cells = TableCells()
    cells.feed(page.text)
    assert [row[0] for row in cells.rows[1:]] == [r["letter"] for r in rows]
    # The page links its other formats with the same parameters.
    csv_link = next(h for h in cells.hrefs if h.startswith("/api/queries/letters-before.csv?"))
    followed = list(csv.DictReader(io.StringIO(httpx.get(server + csv_link).text)))
    assert [r["letter"] for r in followed] == [r["letter"] for r in rows]
    posted = httpx.post(url, json={"before": "2012-01-01"}).json()
    form = httpx.post(url, data={"before": "2012-01-01"}).json()
    assert posted == form and all(r["date"] < "2012-01-01" for r in posted) and posted


def test_the_api_pages_with_link_headers(server: str) -> None:
    url = f"{server}/api/queries/letters-before"
    first = httpx.get(url, params={"before": "2030-01-01"})
    assert set(first.links) == {"first", "next"}
    second = httpx.get(first.links["next"]["url"])
    assert set(second.links) >= {"first", "prev"}
    assert httpx.get(second.links["prev"]["url"]).json() == first.json()
    assert not {r["letter"] for r in first.json()} & {r["letter"] for r in second.json()}


@pytest.mark.parametrize(("path", "params", "headers", "status"), [
    ("letters-before", {}, {}, 400),  # the required parameter is missing
    ("letters-before", {"before": "yesterday"}, {}, 400),
    ("letters-before", {"before": "2030-01-01", "colour": "blue"}, {}, 400),
    ("letters-before", {"before": "2030-01-01", "page": "0"}, {}, 400),
    ("commitments-of-kind", {"kind": "http://x/> } ; DROP ALL ; #"}, {}, 400),
    ("nothing-here", {}, {}, 404),
    ("letters-before", {"before": "2030-01-01"}, {"Accept": "image/png"}, 406),
])
def test_the_api_answers_bad_requests_clearly(server: str, path: str, params: dict[str, str],
                                             headers: dict[str, str], status: int) -> None:
    answer = httpx.get(f"{server}/api/queries/{path}", params=params, headers=headers)
    assert answer.status_code == status
    assert answer.json()["error"]


def test_openapi_has_one_operation_per_query(server: str) -> None:
    spec = httpx.get(f"{server}/openapi.json").json()
    assert spec["openapi"].startswith("3.1")
    before = spec["paths"]["/api/queries/letters-before"]["get"]
    params = {p["name"]: p for p in before["parameters"]}
    assert params["before"]["schema"] == {"type": "string", "format": "date"}
    assert params["before"]["required"] and params["before"]["example"] == "2030-01-01"
    assert not params["note"]["required"] and "page" in params
    kind = spec["paths"]["/api/queries/commitments-of-kind"]["get"]["parameters"][0]
    assert kind["schema"]["default"] == "https://w3id.org/kg-uitvoering/def#NewCommitment"
    assert "https://w3id.org/kg-uitvoering/def#NewCommitment" in kind["schema"]["enum"]
    ids = [op["operationId"] for path in spec["paths"].values() for op in path.values()]
    assert len(ids) == len(set(ids))
    docs = httpx.get(f"{server}/api/docs")
    assert docs.status_code == 200 and docs.headers["content-type"].startswith("text/html")
    # Swagger UI is served from here, not from a CDN: every script and stylesheet resolves.
    assets = re.findall(r'(?:src|href)="([^"]+\.(?:js|css))"', docs.text)
    assert assets and all(a.startswith("/api/static/") for a in assets)
    assert all(httpx.get(server + a).status_code == 200 for a in assets)


def test_the_command_line_lists_and_runs_queries(store_path: Path, folder: Path) -> None:
    runner = CliRunner()
    listed = runner.invoke(main, ["queries", "--queries", str(folder)])
    assert listed.exit_code == 0
    assert sorted(line.split()[0] for line in listed.output.splitlines()) == [
        "commitments-of-kind", "letters-before"]
    ran = runner.invoke(main, ["query", "letters-before", "--queries", str(folder), "--store",
                               str(store_path), "-p", "before=2012-01-01", "--format", "csv"])
    assert ran.exit_code == 0, ran.output
    rows = list(csv.DictReader(io.StringIO(ran.stdout)))
    assert rows and all(r["date"] < "2012-01-01" for r in rows)
    as_json = runner.invoke(main, ["query", "commitments-of-kind", "--queries", str(folder),
                                   "--store", str(store_path), "--format", "json"])
    assert as_json.exit_code == 0 and json.loads(as_json.stdout)
    bad = runner.invoke(main, ["query", "letters-before", "--queries", str(folder), "--store",
                               str(store_path), "-p", "before=soon"])
    assert bad.exit_code == 2


def test_docs_queries_md_is_current() -> None:
    written = (ROOT / "docs" / "queries.md").read_text(encoding="utf-8")
    assert written == markdown(load_library()), \
        "docs/queries.md is stale: run `kg-uitvoering queries --markdown docs/queries.md`"


class TableCells(HTMLParser):
    """The text of every table cell, row by row, and every link."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[list[str]] = []
        self.hrefs: list[str] = []
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.hrefs += [v for k, v in attrs if k == "href" and v]
        if tag == "tr":
            self.rows.append([])
        elif tag in ("td", "th"):
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._cell is not None:
            self.rows[-1].append("".join(self._cell).strip())
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)
