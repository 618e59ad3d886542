"""The canned queries as a REST API: ``GET /api/queries`` lists them, ``GET`` or ``POST
/api/queries/{name}`` runs one. Results as plain JSON rows, SPARQL JSON, CSV or an HTML
table, by ``Accept`` or a suffix (``.json``, ``.srj``, ``.csv``, ``.html``); paginated
queries take ``?page=N`` and answer ``Link`` headers (first, prev, next). Each query
is one operation in the OpenAPI 3.1 document, with its parameters' types, enums,
defaults and examples.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from importlib import resources
from typing import Any
from urllib.parse import parse_qsl, urlencode

from fastapi import FastAPI, Request, Response
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.openapi.utils import get_openapi
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.concurrency import run_in_threadpool

from ..library import CannedQuery, ParameterError, Table, run_canned
from ..library.enums import enumeration
from ..store import QueryError, Store
from ..store.isolated import QueryTimeout
from .negotiation import accepted

SUFFIXES = {".json": "application/json", ".srj": "application/sparql-results+json",
            ".csv": "text/csv", ".html": "text/html"}
MEDIA = [*SUFFIXES.values()]


def _problem(status: int, message: str) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=status)


class QueryApi:
    """The library of one app, with the allowed values of enumerated parameters read
    once from the store."""

    def __init__(self, store: Store, library: Mapping[str, CannedQuery],
                 templates: Jinja2Templates) -> None:
        self.store, self.library, self.templates = store, library, templates
        self._enums: dict[tuple[str, str], list[str] | None] = {}

    def enum(self, query: CannedQuery, name: str) -> list[str] | None:
        key = (query.name, name)
        if key not in self._enums:
            self._enums[key] = enumeration(self.store, query, query.parameter(name))
        return self._enums[key]

    def describe(self, query: CannedQuery) -> dict[str, Any]:
        return {"name": query.name, "summary": query.summary, "description": query.description,
                "tags": list(query.tags), "method": query.method, "pagination": query.pagination,
                "url": f"/api/queries/{query.name}",
                "parameters": [{"name": p.name, "type": p.type, "required": p.required,
                                "default": p.default, "example": p.example,
                                "enum": self.enum(query, p.name) if p.enumerate else None}
                               for p in query.parameters]}

    def render(self, request: Request, query: CannedQuery, table: Table, media: str,
               values: Mapping[str, str]) -> Response:
        links = _links(request, query, table, values)
        headers = {"Vary": "Accept"}
        if links:
            headers["Link"] = ", ".join(f'<{url}>; rel="{rel}"' for rel, url in links.items())
        if media == "text/html":
            search = urlencode({**values, **({"page": table.page} if table.page else {})})
            formats = {label: f"/api/queries/{query.name}{suffix}?{search}" for label, suffix in
                       (("CSV", ".csv"), ("JSON", ".json"), ("SPARQL JSON", ".srj"))}
            return self.templates.TemplateResponse(
                request, "results.html", {"query": query, "table": table, "values": values,
                                          "links": links, "formats": formats}, headers=headers)
        if media == "text/csv":
            return Response(table.csv(), media_type="text/csv; charset=utf-8", headers=headers)
        if media == "application/sparql-results+json":
            return Response(table.sparql_json(), media_type=media, headers=headers)
        return JSONResponse(table.records(), headers=headers)


def _links(request: Request, query: CannedQuery, table: Table, values: Mapping[str, str]
           ) -> dict[str, str]:
    if table.page is None:
        return {}

    def url(page: int) -> str:
        return str(request.url.replace(query=urlencode({**values, "page": page})))

    links = {"first": url(1)}
    if table.page > 1:
        links["prev"] = url(table.page - 1)
    if table.has_next:
        links["next"] = url(table.page + 1)
    return links


async def _values(request: Request) -> dict[str, str]:
    values = dict(parse_qsl(request.url.query, keep_blank_values=True))
    if request.method == "POST":
        kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
        body = await request.body()
        if kind == "application/json":
            data = json.loads(body or b"{}")
            if not isinstance(data, dict):
                raise ParameterError("a JSON body must be an object of parameter values")
            values.update({str(k): str(v) for k, v in data.items()})
        elif kind in ("application/x-www-form-urlencoded", ""):
            values.update(parse_qsl(body.decode("utf-8"), keep_blank_values=True))
        else:
            raise ParameterError(f"send parameters as a query string, a form or JSON, not {kind}")
    return values


def add_query_api(app: FastAPI, api: QueryApi) -> None:
    @app.get("/api/queries", tags=["canned queries"], summary="List the canned queries")
    async def listing() -> list[dict[str, Any]]:
        return await run_in_threadpool(lambda: [api.describe(q) for q in api.library.values()])

    @app.api_route("/api/queries/{name}", methods=["GET", "POST"], include_in_schema=False)
    async def run(request: Request, name: str) -> Response:
        stem, dot, suffix = name.rpartition(".")
        forced = SUFFIXES.get("." + suffix) if dot else None
        query = api.library.get(stem if forced else name)
        if query is None:
            return _problem(404, f"no canned query {name!r}; see /api/queries")
        choices = [forced] if forced else accepted(request.headers.get("accept"),
                                                   defaults=["application/json"])
        media = next((m for m in choices if m in MEDIA), None)
        if media is None:
            return _problem(406, "available as " + ", ".join(MEDIA))
        try:
            values = await _values(request)
            page = values.pop("page", None)
            if page is not None and not page.isdigit():
                raise ParameterError("page must be a positive whole number")
            table = await run_in_threadpool(run_canned, api.store, query, values,
                                            int(page) if page else None)
        except (ParameterError, ValueError) as exc:
            return _problem(400, str(exc))
        except QueryTimeout as exc:
            return _problem(503, str(exc))
        except QueryError as exc:
            return _problem(400, f"the query failed: {exc}")
        return api.render(request, query, table, media, values)

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            schema = get_openapi(title=app.title, version=app.version, routes=app.routes,
                                 description=app.description)
            for query in api.library.values():
                schema["paths"][f"/api/queries/{query.name}"] = {
                    query.method.lower(): _operation(api, query)}
            app.openapi_schema = schema
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]

    # Swagger UI from the files of the swagger-ui-py package, so the docs work offline.
    app.mount("/api/static", StaticFiles(directory=str(resources.files("swagger_ui") / "static")),
              name="swagger-ui")

    @app.get("/api/docs", include_in_schema=False)
    async def docs() -> HTMLResponse:
        return get_swagger_ui_html(openapi_url="/openapi.json", title=f"{app.title}: API",
                                   swagger_js_url="/api/static/swagger-ui-bundle.js",
                                   swagger_css_url="/api/static/swagger-ui.css",
                                   swagger_favicon_url="/api/static/favicon-32x32.png")


def _operation(api: QueryApi, query: CannedQuery) -> dict[str, Any]:
    parameters: list[dict[str, Any]] = []
    for p in query.parameters:
        schema = p.schema()
        if p.enumerate and (values := api.enum(query, p.name)):
            schema["enum"] = values
        spec: dict[str, Any] = {"name": p.name, "in": "query", "required": p.required and p.default is None,
                                "schema": schema, "description": f"{p.type}, bound as an RDF term"}
        if p.example is not None:
            spec["example"] = p.example
        parameters.append(spec)
    if query.pagination:
        parameters.append({"name": "page", "in": "query", "required": False,
                           "schema": {"type": "integer", "minimum": 1, "default": 1},
                           "description": f"{query.pagination} rows a page; see the Link header"})
    row = {"type": "object", "additionalProperties": {"type": ["string", "null"]}}
    return {
        "operationId": query.name.replace("-", "_"), "summary": query.summary,
        "description": query.description + "\n\nAlso as POST with a form or JSON body; add "
        "`.csv`, `.json`, `.srj` or `.html` to the path to choose the format.",
        "tags": list(query.tags) or ["canned queries"], "parameters": parameters,
        "responses": {
            "200": {"description": "The rows", "content": {
                "application/json": {"schema": {"type": "array", "items": row}},
                "application/sparql-results+json": {"schema": {"type": "object"}},
                "text/csv": {"schema": {"type": "string"}},
                "text/html": {"schema": {"type": "string"}}}},
            "400": {"description": "A parameter is missing or does not fit its type"},
            "503": {"description": "The query ran longer than the timeout"}}}
