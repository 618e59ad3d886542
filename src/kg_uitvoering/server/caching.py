"""Conditional requests and compression for every response: ``add_caching(app)``.

Two ASGI middlewares, outermost first:
- :class:`ETags` gives a complete (non-streamed) 200 answer to GET or HEAD a strong
  ``ETag``, the SHA-256 of the bytes sent, unless the route set one, and answers
  ``304 Not Modified`` when ``If-None-Match`` names it. Streamed answers (large files,
  streamed results) pass untouched: their routes set their own validators.
- Starlette's ``GZipMiddleware`` compresses answers of 1000 bytes or more for clients
  that accept gzip (already-compressed types such as ``application/gzip`` excepted).

Routes that stream files validate for themselves with :func:`not_modified`, which also
answers ``If-Modified-Since``.

The ETag is computed on what is sent, after compression, so the plain and the gzipped
answer get different strong validators, as RFC 9110 wants (the gzip stream has no
timestamp, so the same answer compresses to the same bytes). A validator a route set
on the uncompressed content is made weak (``W/``) when the answer is compressed.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from email.utils import parsedate_to_datetime

from fastapi import FastAPI, Request
from starlette.datastructures import Headers, MutableHeaders
from starlette.middleware.gzip import GZipMiddleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

# What a 304 repeats of the 200 it stands for (RFC 9110, 15.4.5).
KEPT_ON_304 = ("etag", "last-modified", "cache-control", "vary", "content-location", "expires")


def etag_matches(header: str | None, etag: str) -> bool:
    """``If-None-Match`` against an ETag, by weak comparison (RFC 9110, 13.1.2)."""
    if not header:
        return False
    wanted = etag.removeprefix("W/")
    return any(tag.strip() == "*" or tag.strip().removeprefix("W/") == wanted for tag in header.split(","))


def not_modified(request: Request, etag: str, modified: dt.datetime) -> bool:
    """``If-None-Match`` (which wins when given) or ``If-Modified-Since`` (RFC 9110, 13.2.2)."""
    match = request.headers.get("if-none-match")
    if match is not None:
        return etag_matches(match, etag)
    since = request.headers.get("if-modified-since")
    if not since:
        return False
    try:
        when = parsedate_to_datetime(since)
    except (TypeError, ValueError):
        return False
    return when.tzinfo is not None and modified <= when


class ETags:
    """Strong ETags and 304s for complete answers (see the module's docstring)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in ("GET", "HEAD"):
            await self.app(scope, receive, send)
            return
        wanted = Headers(scope=scope).get("if-none-match")
        held: list[Message] = []  # the response start, until the first body part shows the rest

        async def inspect(message: Message) -> None:
            if message["type"] == "http.response.start":
                held.append(message)
                return
            if not held:
                await send(message)
                return
            start = held.pop()
            if (message["type"] != "http.response.body" or message.get("more_body", False)
                    or start["status"] != 200):
                _weaken(start)
                await send(start)
                await send(message)
                return
            for part in _tagged(start, message, wanted):
                await send(part)

        await self.app(scope, receive, inspect)


def _weaken(start: Message) -> None:
    """A route's ETag describes the uncompressed content: weak once compressed."""
    headers = MutableHeaders(scope=start)
    etag = headers.get("etag")
    if etag and "content-encoding" in headers and not etag.startswith("W/"):
        headers["ETag"] = "W/" + etag


def _tagged(start: Message, body: Message, wanted: str | None) -> list[Message]:
    """The messages to send for a complete 200 answer: tagged, or a 304."""
    headers = MutableHeaders(scope=start)
    content = body.get("body", b"")
    length = headers.get("content-length")
    if length is not None and int(length) != len(content):
        return [start, body]  # a HEAD answer without its body: nothing to hash
    if "etag" in headers:
        _weaken(start)
    else:
        headers["ETag"] = f'"{hashlib.sha256(content).hexdigest()[:40]}"'
    if not etag_matches(wanted, headers["etag"]):
        return [start, body]
    kept = [(key, value) for key, value in start["headers"] if key.decode("latin-1") in KEPT_ON_304]
    return [{"type": "http.response.start", "status": 304, "headers": kept},
            {"type": "http.response.body", "body": b""}]


def add_caching(app: FastAPI) -> None:
    """Compression inside, ETags outside (so they hash what is sent)."""
    app.add_middleware(GZipMiddleware, minimum_size=1000)
    app.add_middleware(ETags)
