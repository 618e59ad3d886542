"""What harvesters take: VoID at /.well-known/void, a DCAT-AP-NL catalog at /catalog,
the dumps at /dumps/, sitemap.xml and Atom feeds at /feeds/{name}.atom.

The RDF descriptions start from the commented Turtle files in ``descriptions/`` (their
relative IRIs resolve against this server's public address, taken from the request);
what is measured or found is added to them: statistics, partitions and the period the
letters cover from the ``.rq`` files in ``sparql/`` (run on any store), sizes,
checksums and times from the files of the build (``KGU_BUILD``). The server starts and
answers without a build: the dumps are then missing, and the listing says so.

A feed is a ``sparql/feed-NAME.rq`` query (``/feeds/NAME.atom``) that answers one row per
entry with ``?entry ?updated ?title ?summary``, newest first; its optional parameters
(``?__ministry``, ``?__dossier``) are bound as RDF terms, a page at a time (RFC 5005
``next``/``previous`` links). The canned queries of the library keep their fixed
header fields, so the feeds do not use them.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from email.utils import formatdate
from importlib import resources
from os import stat_result
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

from fastapi import FastAPI, HTTPException, Request, Response
from fastapi.responses import FileResponse, JSONResponse, PlainTextResponse
from fastapi.templating import Jinja2Templates
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, RDF, VOID, XSD
from starlette.concurrency import run_in_threadpool

from ..library import CannedQuery, ParameterError, Table, run_canned
from ..store import QueryError
from ..store.isolated import QueryTimeout
from .caching import not_modified
from .linked_data import RDF_TYPES, rdf_response
from .negotiation import accepted
from .site import PREFIXES, Site

SPDX = Namespace("http://spdx.org/rdf/terms#")
ATOM = "http://www.w3.org/2005/Atom"
SITEMAP = "http://www.sitemaps.org/schemas/sitemap/0.9"
SITEMAP_SIZE = 50_000  # URLs in one sitemap (the protocol's limit); more make a sitemap index
ADDRESS = re.compile(r"https?://[^\s<>\"{}|\\^`]+")  # a public address that is safe as an IRI
# The files of /dumps/: name -> (in the build folder, else in the package's vocab/;
# the media type served; the media type of the data, uncompressed).
DUMPS: dict[str, tuple[bool, str, str]] = {
    "kg.nq.gz": (True, "application/gzip", "application/n-quads"),
    "kg.ttl.gz": (True, "application/gzip", "text/turtle"),
    "kg-uitvoering.ttl": (False, "text/turtle; charset=utf-8", "text/turtle"),
    "kg-uitvoering-shapes.ttl": (False, "text/turtle; charset=utf-8", "text/turtle"),
}


@dataclass(frozen=True)
class Dump:
    """A file offered at /dumps/{name}, as it is on disk now."""

    name: str
    path: Path
    media_type: str
    data_type: str
    in_build: bool
    size: int
    modified: dt.datetime  # whole seconds, UTC: what Last-Modified can say
    sha256: str

    @property
    def etag(self) -> str:
        return f'"{self.sha256}"'

    def record(self, site: str) -> dict[str, Any]:
        return {"name": self.name, "url": f"{site}/dumps/{self.name}", "mediaType": self.media_type,
                "dataType": self.data_type, "size": self.size, "sha256": self.sha256,
                "modified": self.modified.isoformat()}


def _mtime(stat: stat_result) -> dt.datetime:
    return dt.datetime.fromtimestamp(int(stat.st_mtime), dt.UTC)


class Harvest:
    """One app's harvesting: its settings, its store, the queries of ``sparql/`` (by way
    of :class:`Site`) and the SHA-256 of each file, computed once per version of it."""

    def __init__(self, site: Site) -> None:
        self.settings, self.site = site.settings, site
        self._digests: dict[Path, tuple[int, int, str]] = {}  # path -> (size, mtime_ns, sha256)
        # The parameterless queries are whole-store statistics (full scans); a read-only
        # store (the default) never changes while it is served (`load` swaps in a new one),
        # so each is computed once. Queries with values (feeds) are not kept.
        self._statistics: dict[str, Table] = {}

    def _digest(self, path: Path, stat: stat_result) -> str:
        known = self._digests.get(path)
        if known is not None and known[:2] == (stat.st_size, stat.st_mtime_ns):
            return known[2]
        digest = hashlib.sha256()
        with path.open("rb") as stream:
            while chunk := stream.read(1 << 20):
                digest.update(chunk)
        self._digests[path] = (stat.st_size, stat.st_mtime_ns, digest.hexdigest())
        return digest.hexdigest()

    def files(self) -> list[Dump]:
        """The files of DUMPS that exist."""
        vocab = Path(str(resources.files("kg_uitvoering") / "vocab"))
        found = []
        for name, (in_build, media_type, data_type) in DUMPS.items():
            path = (self.settings.build if in_build else vocab) / name
            if path.is_file():
                stat = path.stat()
                found.append(Dump(name, path, media_type, data_type, in_build, stat.st_size, _mtime(stat),
                                  self._digest(path, stat)))
        return found

    def built(self) -> dt.datetime | None:
        """When the build was made: the time of kg.nq.gz, or of build-report.json."""
        for name in ("kg.nq.gz", "build-report.json"):
            path = self.settings.build / name
            if path.is_file():
                return _mtime(path.stat())
        return None

    def run(self, name: str, values: Mapping[str, str] | None = None) -> Table:
        if values or self.settings.update_token:
            return self.site.run(name, values or {})
        if name not in self._statistics:
            self._statistics[name] = self.site.run(name, {})
        return self._statistics[name]


def _template(name: str, site: str) -> Graph:
    """A file of descriptions/, its relative IRIs resolved against the site's address."""
    text = (resources.files("kg_uitvoering.server") / "descriptions" / name).read_text(encoding="utf-8")
    graph = Graph()
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace)
    return graph.parse(data=text, format="turtle", publicID=site + "/")


def _term(binding: dict[str, str]) -> URIRef | Literal:
    """A SPARQL JSON term as an rdflib term (literals keep their datatype)."""
    if binding["type"] == "uri":
        return URIRef(binding["value"])
    datatype = binding.get("datatype")
    return Literal(binding["value"], lang=binding.get("xml:lang"),
                   datatype=URIRef(datatype) if datatype else None)


def void(harvest: Harvest, site: str) -> Graph:
    """The VoID description of the dataset (see descriptions/void.ttl)."""
    graph = _template("void.ttl", site)
    dataset = URIRef(f"{site}/.well-known/void#dataset")
    stats = harvest.run("void-statistics", {"base": harvest.settings.base}).bindings[0]
    for key, count in (("triples", VOID.triples), ("entities", VOID.entities),
                       ("subjects", VOID.distinctSubjects), ("objects", VOID.distinctObjects)):
        graph.add((dataset, count, _term(stats[key])))
    graph.add((dataset, VOID.uriSpace, Literal(harvest.settings.base)))
    built = harvest.built()
    if built is not None:
        graph.add((dataset, DCTERMS.modified, Literal(built)))
    vocabularies = set()
    partitions = (("class", "void-classes", "entities"), ("property", "void-properties", "triples"))
    for kind, query, size in partitions:
        for row in harvest.run(query).bindings:
            term = row[kind]["value"]
            part = URIRef(f"{site}/.well-known/void#{kind}-{hashlib.sha256(term.encode()).hexdigest()[:16]}")
            graph.add((dataset, VOID[f"{kind}Partition"], part))
            graph.add((part, VOID[kind], URIRef(term)))
            graph.add((part, VOID[size], _term(row[size])))
            vocabularies.add(re.sub(r"[^#/]*$", "", term))
    for namespace in vocabularies:
        graph.add((dataset, VOID.vocabulary, URIRef(namespace)))
    for row in harvest.run("void-example").bindings:
        graph.add((dataset, VOID.exampleResource, _term(row["resource"])))
    for dump in harvest.files():
        if dump.in_build:
            graph.add((dataset, VOID.dataDump, URIRef(f"{site}/dumps/{dump.name}")))
    return graph


def catalog(harvest: Harvest, site: str) -> Graph:
    """The DCAT-AP-NL catalog (see descriptions/catalog.ttl)."""
    graph = _template("catalog.ttl", site)
    home, dataset = URIRef(f"{site}/catalog"), URIRef(f"{site}/catalog#dataset")
    built = harvest.built()
    if built is not None:
        for node in (home, dataset):
            graph.add((node, DCTERMS.modified, Literal(built)))
    graph.add((dataset, DCTERMS.identifier, Literal(str(dataset))))
    period = harvest.run("catalog-period").bindings[0]
    if "start" in period:
        node = URIRef(f"{site}/catalog#period")
        graph.add((dataset, DCTERMS.temporal, node))
        graph.add((node, RDF.type, DCTERMS.PeriodOfTime))
        graph.add((node, DCAT.startDate, _term(period["start"])))
        graph.add((node, DCAT.endDate, _term(period["end"])))
    files = {dump.name: dump for dump in harvest.files()}
    for distribution in list(graph.subjects(RDF.type, DCAT.Distribution)):
        dump = files.get(str(graph.value(distribution, DCAT.downloadURL)).rsplit("/", 1)[-1])
        if dump is None:
            graph.remove((distribution, None, None))
            graph.remove((None, None, distribution))
            continue
        checksum = URIRef(f"{distribution}-sha256")
        graph.add((distribution, DCAT.byteSize, Literal(dump.size, datatype=XSD.nonNegativeInteger)))
        graph.add((distribution, DCTERMS.modified, Literal(dump.modified)))
        graph.add((distribution, SPDX.checksum, checksum))
        graph.add((checksum, RDF.type, SPDX.Checksum))
        graph.add((checksum, SPDX.algorithm, SPDX.checksumAlgorithm_sha256))
        graph.add((checksum, SPDX.checksumValue, Literal(dump.sha256, datatype=XSD.hexBinary)))
    return graph


def _element(parent: ET.Element, tag: str, text: str | None = None, **attributes: str) -> ET.Element:
    """A child in the parent's default namespace (the root's ``xmlns``: ElementTree's own
    ``default_namespace`` refuses attributes without a namespace, such as Atom's ``rel``)."""
    element = ET.SubElement(parent, tag, attributes)
    element.text = text
    return element


def _xml(root: ET.Element) -> bytes:
    body: bytes = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    return body


def sitemap_xml(urls: list[tuple[str, str | None]], address: str, page: int | None,
                size: int = SITEMAP_SIZE) -> bytes | None:
    """A sitemap of (URL, lastmod) pairs; over ``size`` URLs, a sitemap index of pages
    (``address?page=N``), each page a sitemap. None for a page that does not exist."""
    pages = max(1, math.ceil(len(urls) / size))
    if page is None and pages > 1:
        root = ET.Element("sitemapindex", xmlns=SITEMAP)
        for number in range(1, pages + 1):
            _element(_element(root, "sitemap"), "loc", f"{address}?page={number}")
        return _xml(root)
    number = page or 1
    if not 1 <= number <= pages:
        return None
    root = ET.Element("urlset", xmlns=SITEMAP)
    for loc, lastmod in urls[(number - 1) * size: number * size]:
        url = _element(root, "url")
        _element(url, "loc", loc)
        if lastmod:
            _element(url, "lastmod", lastmod[:10])
    return _xml(root)


def sitemap_urls(harvest: Harvest, site: str) -> list[tuple[str, str | None]]:
    """The home page, and the page of every resource of sparql/sitemap.rq."""
    built = harvest.built()
    rows = harvest.run("sitemap", {"base": harvest.settings.base}).records()
    return [(f"{site}/", built.date().isoformat() if built else None),
            *((site + harvest.site.local(row["resource"] or ""), row["lastmod"]) for row in rows)]


def rfc3339(value: str) -> str:
    """An xsd:date or xsd:dateTime as an RFC 3339 date-time (a date is its midnight, UTC)."""
    if "T" not in value:
        return value[:10] + "T00:00:00Z"
    return value if re.search(r"(Z|[+-]\d\d:\d\d)$", value) else value + "Z"


def atom(harvest: Harvest, site: str, request: Request, query: CannedQuery, table: Table,
         values: Mapping[str, str]) -> bytes:
    """The Atom feed (RFC 4287) of one page of a feed query's rows."""
    rows = table.records()
    built = harvest.built()
    updated = (rfc3339(rows[0]["updated"] or "") if rows
               else (built or dt.datetime.now(dt.UTC)).strftime("%Y-%m-%dT%H:%M:%SZ"))
    filters = ", ".join(f"{name}: {value}" for name, value in values.items() if value)
    root = ET.Element("feed", xmlns=ATOM)
    _element(root, "id", str(request.url.remove_query_params("page")))
    _element(root, "title", query.summary + (f" ({filters})" if filters else ""))
    _element(root, "updated", updated)
    _element(_element(root, "author"), "name", "kg-uitvoering")
    _element(root, "link", rel="self", href=str(request.url))
    _element(root, "link", rel="alternate", type="text/html", href=f"{site}/")
    if table.page is not None:
        pages = {"first": 1, "previous": table.page - 1 if table.page > 1 else None,
                 "next": table.page + 1 if table.has_next else None}
        for rel, number in pages.items():
            if number is not None:
                _element(root, "link", rel=rel, href=str(request.url.include_query_params(page=number)))
    for row in rows:
        entry = _element(root, "entry")
        iri = row["entry"] or ""
        _element(entry, "id", iri)
        _element(entry, "title", row["title"] or iri)
        _element(entry, "updated", rfc3339(row["updated"] or ""))
        _element(entry, "link", rel="alternate", type="text/html", href=site + harvest.site.local(iri))
        if row["summary"]:
            _element(entry, "summary", row["summary"])
    return _xml(root)


def _address(request: Request) -> str:
    """This server's public address, as the client reached it (no trailing slash)."""
    site = str(request.base_url).rstrip("/")
    if not ADDRESS.fullmatch(site):
        raise HTTPException(400, "the Host header does not make a valid address")
    return site


async def _answer(make: Callable[[], Response]) -> Response:
    """Run ``make`` (which queries the store) in a thread; store failures become 503."""
    try:
        return await run_in_threadpool(make)
    except ParameterError as exc:
        return PlainTextResponse(f"{exc}\n", status_code=400)
    except (QueryError, QueryTimeout) as exc:
        return PlainTextResponse(f"the store did not answer: {exc}\n", status_code=503)


async def _rdf(request: Request, describe: Callable[[Harvest, str], Graph], harvest: Harvest) -> Response:
    """``describe`` in the RDF format the client prefers (Turtle for */*)."""
    site = _address(request)
    media = next((m for m in accepted(request.headers.get("accept"), request.query_params.get("format"),
                                      defaults=["text/turtle"]) if m in RDF_TYPES), None)
    if media is None:
        return PlainTextResponse("available as " + ", ".join(RDF_TYPES) + "\n", status_code=406,
                                 headers={"Vary": "Accept"})
    return await _answer(lambda: rdf_response(describe(harvest, site), media))


def add_harvesting(app: FastAPI, graph: Site, templates: Jinja2Templates) -> None:
    """Register the harvesting routes. The feeds have their own queries (``sparql/feed-*.rq``)."""
    harvest = Harvest(graph)

    @app.get("/.well-known/void", include_in_schema=False)
    async def void_description(request: Request) -> Response:
        return await _rdf(request, void, harvest)

    @app.get("/catalog", include_in_schema=False)
    async def dcat_catalog(request: Request) -> Response:
        return await _rdf(request, catalog, harvest)

    @app.get("/dumps/", include_in_schema=False)
    async def listing(request: Request) -> Response:
        site = _address(request)
        media = next((m for m in accepted(request.headers.get("accept"), defaults=["text/html"])
                      if m in ("text/html", "application/json")), None)
        if media is None:
            return PlainTextResponse("available as text/html, application/json\n", status_code=406)
        files, built = await run_in_threadpool(harvest.files), harvest.built()
        present = any(dump.in_build for dump in files)
        headers = {"Vary": "Accept"}
        if media == "application/json":
            return JSONResponse({"build": {"available": present, "modified": built and built.isoformat()},
                                 "files": [dump.record(site) for dump in files]}, headers=headers)
        return templates.TemplateResponse(request, "dumps.html", {
            "files": [dump.record(site) for dump in files], "present": present, "built": built},
            headers=headers)

    @app.api_route("/dumps/{name}", methods=["GET", "HEAD"], include_in_schema=False)
    async def download(request: Request, name: str) -> Response:
        files = await run_in_threadpool(harvest.files) if name in DUMPS else []
        dump = next((f for f in files if f.name == name), None)
        if dump is None:
            return PlainTextResponse(f"no file {name!r} here; see /dumps/\n", status_code=404)
        headers = {"ETag": dump.etag, "Last-Modified": formatdate(dump.modified.timestamp(), usegmt=True)}
        if not_modified(request, dump.etag, dump.modified):
            return Response(status_code=304, headers=headers)
        return FileResponse(dump.path, media_type=dump.media_type, headers=headers,
                            filename=dump.name if dump.in_build else None)

    @app.get("/sitemap.xml", include_in_schema=False)
    async def sitemap(request: Request, page: int | None = None) -> Response:
        site = _address(request)

        def make() -> Response:
            body = sitemap_xml(sitemap_urls(harvest, site), f"{site}/sitemap.xml", page)
            if body is None:
                return PlainTextResponse(f"no sitemap page {page}\n", status_code=404)
            return Response(body, media_type="application/xml")
        return await _answer(make)

    @app.get("/feeds/{name}.atom", include_in_schema=False)
    async def feed(request: Request, name: str) -> Response:
        query = harvest.site.queries.get(f"feed-{name}")
        if query is None:
            return PlainTextResponse(f"no feed {name!r}\n", status_code=404)
        site = _address(request)
        values = dict(request.query_params)
        page = values.pop("page", None)

        def make() -> Response:
            if page is not None and not page.isdigit():
                raise ParameterError("page must be a positive whole number")
            table = run_canned(harvest.site.store, query, values, int(page) if page else None)
            return Response(atom(harvest, site, request, query, table, values),
                            media_type="application/atom+xml")
        return await _answer(make)
