"""The SPARQL 1.1 Graph Store HTTP Protocol at ``/store``: GET and HEAD for everyone,
PUT, POST and DELETE only with the bearer token. A graph is named indirectly
(``/store?graph=IRI``, ``/store?default``) or directly (``/store/some/path`` is the graph
whose IRI is that URL); a POST to ``/store`` itself creates a new graph and answers its
IRI in ``Location``. Bodies may also be ``multipart/form-data`` with one RDF file a part.
"""

from __future__ import annotations

import secrets
import uuid
from urllib.parse import parse_qs

from fastapi import FastAPI, Request, Response
from fastapi.responses import PlainTextResponse
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from ..settings import Settings
from ..store import QueryError
from ..store.embedded import GraphStore, NotAcceptable
from .negotiation import accepted

WRITES = ("PUT", "POST", "DELETE")


def add_graph_store(app: FastAPI, settings: Settings, graphs: GraphStore) -> None:
    @app.api_route("/store", methods=["GET", "HEAD", "PUT", "POST", "DELETE"])
    @app.api_route("/store/{path:path}", methods=["GET", "HEAD", "PUT", "POST", "DELETE"])
    async def store(request: Request) -> Response:
        if request.method in WRITES:
            given = request.headers.get("authorization", "").removeprefix("Bearer ").strip()
            if not settings.update_token:
                return PlainTextResponse("this store is read-only\n", status_code=403)
            if not secrets.compare_digest(given, settings.update_token):
                return PlainTextResponse("writes need 'Authorization: Bearer <token>'\n",
                                         status_code=401)
        try:
            return await _handle(request, graphs)
        except QueryError as exc:
            return PlainTextResponse(f"{exc}\n", status_code=400)
        except NotAcceptable as exc:
            return PlainTextResponse(f"{exc}\n", status_code=406)


def _graph(request: Request) -> tuple[str | None, bool]:
    """(graph IRI or None for the default graph, whether the request names a graph)."""
    params = parse_qs(request.url.query, keep_blank_values=True)
    if "default" in params:
        return None, True
    if "graph" in params:
        return params["graph"][0], True
    if request.url.path.rstrip("/") != "/store":
        return str(request.url.replace(query="")), True
    return None, False


async def _bodies(request: Request) -> list[tuple[bytes, str]]:
    """(data, media type) of the body, or of each part of a multipart form."""
    kind = request.headers.get("content-type", "")
    if kind.startswith("multipart/form-data"):
        form = await request.form()
        return [(await part.read(), part.content_type or "")
                for _, part in form.multi_items() if isinstance(part, UploadFile)]
    return [(await request.body(), kind)]


async def _handle(request: Request, graphs: GraphStore) -> Response:
    graph, named = _graph(request)
    base = str(request.url.replace(query=""))
    method = request.method
    if method in ("GET", "HEAD", "DELETE") and not named:
        return PlainTextResponse("name a graph: ?graph=IRI or ?default\n", status_code=400)
    if method in ("GET", "HEAD"):
        if not await run_in_threadpool(graphs.exists, graph):
            return Response(status_code=404)
        body, media = await run_in_threadpool(graphs.read, graph,
                                              accepted(request.headers.get("accept")))
        return Response(b"" if method == "HEAD" else body, media_type=media,
                        headers={"Vary": "Accept", "Content-Length": str(len(body))})
    if method == "DELETE":
        existed = await run_in_threadpool(graphs.delete, graph)
        return Response(status_code=204 if existed else 404)
    location = None
    if not named:  # POST to the store itself: a new graph
        graph = location = f"{base.rstrip('/')}/graph-{uuid.uuid4().hex}"
    created = False
    for index, (data, media) in enumerate(await _bodies(request)):
        replace = method == "PUT" and index == 0
        created = await run_in_threadpool(graphs.write, graph, data, media, base, replace) \
            or created
    headers = {"Location": location} if location else {}
    return Response(status_code=201 if created else 204, headers=headers)
