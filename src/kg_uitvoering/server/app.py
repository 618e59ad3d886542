"""The web app: ``create_app(settings, store)`` builds a FastAPI app with no globals.

``/sparql`` follows the SPARQL 1.1 Protocol: GET with ``query=``, POST as
``application/x-www-form-urlencoded`` or ``application/sparql-query`` (and, only with a
bearer token, ``update=`` / ``application/sparql-update``), ``default-graph-uri`` and
``named-graph-uri``, results by ``Accept`` (q-values) or ``format=``; 400 with the
parser's message, 406, 413 and 415 where the protocol says. Without a query it answers
the service description, or a query form for browsers. Queries run in a thread
(pyoxigraph releases the GIL), so a slow query never blocks the event loop.
"""

from __future__ import annotations

import re
import secrets
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping
from contextlib import asynccontextmanager
from functools import partial
from importlib import resources
from urllib.parse import parse_qs

from fastapi import FastAPI, Request, Response
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import PlainTextResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from rdflib import Graph
from starlette.concurrency import run_in_threadpool

from ..library import CannedQuery, load_library, run_canned
from ..settings import Settings
from ..store import Dataset, QueryError, Store
from ..store.answers import AnswerCache
from ..store.embedded import GraphStore, NotAcceptable
from ..store.guard import apply_using, check
from ..store.isolated import QueryTimeout
from .api import QueryApi, add_query_api
from .caching import add_caching
from .editor import add_editor, editor_page
from .graph_store import add_graph_store
from .harvest import add_harvesting
from .linked_data import add_linked_data
from .metrics import Metrics
from .negotiation import accepted, prefers_html
from .site import Site

FORM = "application/x-www-form-urlencoded"
QUERY_TYPE = "application/sparql-query"
UPDATE_TYPE = "application/sparql-update"


def _resource(name: str) -> str:
    return resources.files("kg_uitvoering.server").joinpath(name).read_text(encoding="utf-8")


class ProtocolError(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


def create_app(settings: Settings, store: Store, graph_store: GraphStore | None = None
               ) -> FastAPI:
    """The app; ``graph_store`` adds the Graph Store HTTP Protocol at ``/store``."""
    library = load_library(settings.queries)
    answers = _answers(settings, store, graph_store)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        if isinstance(answers, AnswerCache) and settings.warm_answers:
            _warm(answers, library)
        yield

    app = FastAPI(lifespan=lifespan, title="kg-uitvoering", version="0.1.0", docs_url=None, redoc_url=None,
                  description="Kamerbrieven (Dutch parliamentary letters) as linked data: "
                  "the SPARQL endpoint is /sparql; canned research queries are below.")
    app.state.settings, app.state.store, app.state.metrics = settings, store, Metrics()
    add_caching(app)  # innermost of the middlewares below: metrics count its 304s
    app.add_middleware(CORSMiddleware, allow_origins=settings.cors_origins.split(","),
                       allow_methods=["GET", "POST"], allow_headers=["Accept", "Content-Type"])

    @app.middleware("http")
    async def measure(request: Request, call_next: Callable[[Request], Awaitable[Response]]
                      ) -> Response:
        start = time.perf_counter()
        response = await call_next(request)
        app.state.metrics.observe(request.url.path, response.status_code,
                                  time.perf_counter() - start)
        return response

    @app.get("/healthz")
    async def healthz() -> dict[str, object]:
        triples = await run_in_threadpool(store.triple_count)
        return {"status": "ok", "triples": triples}

    @app.get("/metrics")
    async def metrics() -> PlainTextResponse:
        kept = answers if isinstance(answers, AnswerCache) else None
        return PlainTextResponse(app.state.metrics.render(kept),
                                 media_type="text/plain; version=0.0.4")

    @app.get("/sparql", operation_id="sparql_get", summary="SPARQL 1.1 Protocol (GET)")
    @app.post("/sparql", operation_id="sparql_post", summary="SPARQL 1.1 Protocol (POST)")
    async def sparql(request: Request) -> Response:
        try:
            return await _sparql(request, settings, store)
        except QueryTimeout as exc:
            app.state.metrics.timeouts += 1
            return PlainTextResponse(f"{exc}: the limit is {settings.query_timeout:g} s\n",
                                     status_code=503)
        except ProtocolError as exc:
            return PlainTextResponse(str(exc) + "\n", status_code=exc.status)

    if graph_store is not None:
        add_graph_store(app, settings, graph_store)
    package = resources.files("kg_uitvoering.server")
    templates = Jinja2Templates(directory=str(package / "templates"))
    app.mount("/static", StaticFiles(directory=str(package / "static")), name="static")
    add_query_api(app, QueryApi(answers, library, templates))
    site = Site(settings, answers)  # the pages' and the harvesters' own queries, read once
    add_harvesting(app, site, templates)
    add_editor(app, library, templates)
    add_linked_data(app, site, templates, library)  # last: its /{path} routes catch the rest
    return app


def _answers(settings: Settings, store: Store, graph_store: GraphStore | None) -> Store:
    """The store behind the canned queries and the pages: with an :class:`AnswerCache`
    in front when nobody can write to it (see store/answers.py)."""
    writable = graph_store is not None or settings.update_token or settings.sparql_endpoint
    if writable or settings.answer_cache_mb <= 0:
        return store
    return AnswerCache(store, settings.answer_cache_mb * 2**20)


def _warm(answers: AnswerCache, library: Mapping[str, CannedQuery]) -> None:
    """Answer the canned queries that need no parameter once, in the background."""
    runs = [(q.name, partial(run_canned, answers, q, {})) for q in library.values()
            if not any(p.required and p.default is None for p in q.parameters)]
    answers.warm(runs)


async def _params(request: Request, limit: int) -> tuple[dict[str, list[str]], str | None, str | None]:
    """(parameters, query or None, update or None) from the URL and the body."""
    params = parse_qs(request.url.query, keep_blank_values=True)
    if request.method == "GET":
        if "update" in params:
            raise ProtocolError(400, "SPARQL Update needs POST")
        return params, _one(params, "query"), None
    body = await request.body()
    if len(body) > limit:
        raise ProtocolError(413, f"request body over {limit} bytes")
    content_type = request.headers.get("content-type", "")
    kind = content_type.split(";")[0].strip().lower()
    charset = re.search(r"charset\s*=\s*\"?([\w-]+)", content_type, re.IGNORECASE)
    if charset and charset.group(1).lower().replace("-", "") != "utf8":
        raise ProtocolError(415, f"unsupported charset {charset.group(1)}: send UTF-8")
    try:
        body.decode("utf-8")
    except UnicodeDecodeError:
        raise ProtocolError(400, "the request body is not UTF-8") from None
    if kind == FORM:
        form = parse_qs(body.decode("utf-8", errors="replace"), keep_blank_values=True)
        for key, values in form.items():
            params.setdefault(key, []).extend(values)
        return params, _one(params, "query"), _one(params, "update")
    text = body.decode("utf-8", errors="replace")
    if kind == QUERY_TYPE:
        return params, text, None
    if kind == UPDATE_TYPE:
        return params, None, text
    raise ProtocolError(415, f"unsupported content type {kind or '(none)'}: use {FORM}, "
                        f"{QUERY_TYPE} or {UPDATE_TYPE}")


def _one(params: dict[str, list[str]], name: str) -> str | None:
    values = params.get(name)
    if values is None:
        return None
    if len(values) != 1:
        raise ProtocolError(400, f"give exactly one {name} parameter")
    return values[0]


async def _sparql(request: Request, settings: Settings, store: Store) -> Response:
    params, query, update = await _params(request, settings.max_body_bytes)
    if query is not None and update is not None:
        raise ProtocolError(400, "a request carries a query or an update, not both")
    base = str(request.url.replace(query=""))
    if update is not None:
        using, named = params.get("using-graph-uri", []), params.get("using-named-graph-uri", [])
        if using or named:
            if re.search(r"(?i)\b(?:USING|WITH)\b", update):
                raise ProtocolError(400, "using-graph-uri or using-named-graph-uri together "
                                    "with USING or WITH in the update")
            update = apply_using(update, using, named)
        return await _update(request, settings, store, update, base)
    if query is None:
        if request.method == "POST":
            raise ProtocolError(400, "no query given")
        return _description(request)
    dataset = Dataset(tuple(params.get("default-graph-uri", [])),
                      tuple(params.get("named-graph-uri", [])), base)
    accept = accepted(request.headers.get("accept"), _one(params, "format"))
    try:
        await run_in_threadpool(check, query, store.graphs, settings.allow_federation)
        result = await run_in_threadpool(store.query, query, accept, dataset)
    except QueryError as exc:
        raise ProtocolError(400, f"query refused or malformed: {exc}") from None
    except NotAcceptable as exc:
        raise ProtocolError(406, str(exc)) from None
    return Response(result.body, media_type=result.media_type, headers={"Vary": "Accept"})


async def _update(request: Request, settings: Settings, store: Store, update: str,
                  base: str) -> Response:
    token = settings.update_token
    given = request.headers.get("authorization", "").removeprefix("Bearer ").strip()
    if not token:
        raise ProtocolError(403, "this endpoint is read-only: SPARQL Update is disabled")
    if not secrets.compare_digest(given, token):
        raise ProtocolError(401, "SPARQL Update needs 'Authorization: Bearer <token>'")
    try:
        check(update, store.graphs, settings.allow_federation, update=True)
        await run_in_threadpool(store.update, update, base)
    except QueryError as exc:
        raise ProtocolError(400, f"update refused or malformed: {exc}") from None
    return Response(status_code=204)


def _description(request: Request) -> Response:
    endpoint = str(request.url.replace(query=""))
    if prefers_html(request.headers.get("accept")):
        return editor_page(request, endpoint)
    graph = Graph().parse(data=_resource("service-description.ttl").replace(
        "{endpoint}", endpoint), format="turtle")
    formats = {"text/turtle": "turtle", "application/n-triples": "nt",
               "application/ld+json": "json-ld", "application/rdf+xml": "xml"}
    for media in accepted(request.headers.get("accept")):
        if media in formats or media == "*/*":
            chosen = media if media in formats else "text/turtle"
            return Response(graph.serialize(format=formats[chosen]), media_type=chosen,
                            headers={"Vary": "Accept"})
    raise ProtocolError(406, "the service description is available as " + ", ".join(formats))
