"""IRIs that resolve. ``/id/{path}`` answers 303 See Other to ``/doc/{path}``, which
describes ``{base}{path}``: as HTML for people, as Turtle, JSON-LD, N-Triples or RDF/XML
for machines, by ``Accept`` (q-values), ``?format=`` or a suffix (``.ttl``, ``.jsonld``,
``.nt``, ``.rdf``, ``.html``). The ontology (``/def``) and the shapes (``/shapes``)
resolve the same way, with HTML documentation made from their labels and comments.
Also the home page and the site search.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from fastapi import FastAPI, Request, Response
from fastapi.responses import HTMLResponse, RedirectResponse
from fastapi.templating import Jinja2Templates
from rdflib import Graph, URIRef
from starlette.concurrency import run_in_threadpool

from ..library import CannedQuery, run_canned
from ..validate import ontology_graph, shapes_graph
from .negotiation import accepted
from .pages import letter_extra
from .pages import page as describe_page
from .site import Site
from .vocabulary_docs import ontology_sections, shape_sections

RDF_TYPES = {"text/turtle": "turtle", "application/ld+json": "json-ld",
             "application/n-triples": "nt", "application/rdf+xml": "xml"}
SUFFIXES = {".ttl": "text/turtle", ".jsonld": "application/ld+json", ".nt": "application/n-triples",
            ".rdf": "application/rdf+xml", ".html": "text/html"}
FORMATS = {"turtle": "text/turtle", "ttl": "text/turtle", "jsonld": "application/ld+json",
           "json-ld": "application/ld+json", "nt": "application/n-triples",
           "ntriples": "application/n-triples", "rdfxml": "application/rdf+xml",
           "xml": "application/rdf+xml", "html": "text/html"}
VARY = {"Vary": "Accept"}


def choose(request: Request, suffix: str | None) -> str | None:
    """The media type to answer: a suffix wins, then ``?format=``, then ``Accept``."""
    if suffix:
        return SUFFIXES[suffix]
    fmt = request.query_params.get("format")
    if fmt:
        return FORMATS.get(fmt.lower())
    for media in accepted(request.headers.get("accept"), defaults=["text/turtle"]):
        if media in RDF_TYPES or media in ("text/html", "application/xhtml+xml"):
            return "text/html" if media == "application/xhtml+xml" else media
    return None


def split_suffix(path: str) -> tuple[str, str | None]:
    for suffix in SUFFIXES:
        if path.endswith(suffix):
            return path[: -len(suffix)], suffix
    return path, None


def rdf_response(graph: Graph, media: str) -> Response:
    return Response(graph.serialize(format=RDF_TYPES[media]), media_type=media, headers=VARY)


def add_linked_data(app: FastAPI, site: Site, templates: Jinja2Templates,
                    library: Mapping[str, CannedQuery]) -> None:
    """Register the home page, the search, dereferencing and the vocabulary pages. A
    commitment's page shows its passage and lifecycle with the canned queries
    ``passage-of-item`` and ``commitment-lifecycle`` when the library has them."""
    store = site.store

    def html(request: Request, template: str, context: dict[str, Any], status: int = 200
             ) -> HTMLResponse:
        return templates.TemplateResponse(request, template, {"site": site, **context},
                                          status_code=status, headers=VARY)

    @app.get("/", include_in_schema=False)
    async def home(request: Request) -> Response:
        counts = await run_in_threadpool(site.run, "class-counts", {})
        return html(request, "home.html", {"counts": counts.records(),
                                           "triples": await run_in_threadpool(store.triple_count)})

    @app.get("/search", include_in_schema=False)
    async def search(request: Request, q: str = "", page: int = 1) -> Response:
        found = await run_in_threadpool(site.run, "labels", {"text": q}, max(1, page)) if q.strip() else None
        return html(request, "search.html", {"q": q, "found": found})

    @app.get("/id/{path:path}", include_in_schema=False)
    async def identifier(request: Request, path: str) -> Response:
        target = "/doc/" + path + (f"?{request.url.query}" if request.url.query else "")
        return RedirectResponse(target, status_code=303, headers=VARY)

    @app.get("/doc/{path:path}", include_in_schema=False)
    async def document(request: Request, path: str) -> Response:
        path, suffix = split_suffix(path)
        media = choose(request, suffix)
        if media is None:
            return Response("available as text/html, " + ", ".join(RDF_TYPES) + "\n",
                            status_code=406, headers=VARY)
        iri = site.iri(path)
        graph = await run_in_threadpool(site.describe, iri)
        number = max(1, int(request.query_params.get("incoming", "1") or 1))
        incoming = await run_in_threadpool(site.incoming, iri, number)
        if not len(graph) and not incoming.bindings:
            return await not_found(request, iri, media)
        if media != "text/html":
            for row in incoming.records():
                graph.add((URIRef(row["subject"] or ""), URIRef(row["property"] or ""), URIRef(iri)))
            return rdf_response(graph, media)
        shown = describe_page(site, graph, iri)
        if shown.kind == "letter":
            shown.extra = await run_in_threadpool(letter_extra, site, graph, iri)
        if shown.kind in ("timeline", "person", "letter"):
            shown.extra["letters"] = (await run_in_threadpool(
                site.run, "related-letters", {"resource": iri})).records()
        if shown.kind == "person":
            shown.extra["posts"] = (await run_in_threadpool(
                site.run, "person-posts", {"person": iri})).records()
        for key, name, parameter in (("passages", "passage-of-item", "item"),
                                     ("lifecycle", "commitment-lifecycle", "commitment")):
            if shown.kind == "commitment" and name in library:
                shown.extra[key] = (await run_in_threadpool(
                    run_canned, store, library[name], {parameter: iri})).records()
        return html(request, f"{shown.kind}.html", {"page": shown, "incoming": incoming,
                                                     "path": path})

    async def not_found(request: Request, iri: str, media: str) -> Response:
        if media != "text/html":
            return Response(f"no resource <{iri}> in this graph\n", status_code=404,
                            media_type="text/plain", headers=VARY)
        words = iri.rstrip("/").rsplit("/", 1)[-1].replace("-", " ")
        similar = await run_in_threadpool(site.run, "labels", {"text": words.split()[0] if words else ""})
        return html(request, "not-found.html", {"iri": iri, "q": words, "found": similar}, 404)

    def vocabulary(graph: Graph, template: str, sections: Any) -> Any:
        async def serve(request: Request) -> Response:
            media = choose(request, None)
            if media == "text/html":
                return html(request, template, {"sections": sections(site, graph)})
            if media is None:
                return Response("not acceptable\n", status_code=406, headers=VARY)
            return rdf_response(graph, media)
        return serve

    app.get("/def", include_in_schema=False)(vocabulary(ontology_graph(), "ontology.html",
                                                         ontology_sections))
    app.get("/shapes", include_in_schema=False)(vocabulary(shapes_graph(), "shapes.html",
                                                            shape_sections))
