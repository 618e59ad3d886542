"""A stand-in for the official sources on 127.0.0.1, for the harvester tests.

It serves the recorded responses in ``fixtures/harvest/`` the way the real services
do: the Tweede Kamer's OData (``/odata/``: ``Document`` and ``Toezegging`` pages with
``@odata.nextLink``, ``Document(<Id>)/resource``), its SyncFeed (``/feed/Feed`` pages
by ``skiptoken``, ``/feed/Resources/<Id>``) and the SRU service (``/sru`` pages by
``startRecord``, the manifestations under ``/repository.overheid.nl/``). Every answer
has an ``ETag`` and a matching ``If-None-Match`` gets a 304. It records each request
(path, parsed query, headers, status) and can misbehave on request: a 500, a 429
with ``Retry-After``, a 404, a hang longer than the client's timeout, or a block
until the test releases it.
"""

from __future__ import annotations

import hashlib
import json
import re
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

from kg_uitvoering.settings import Settings

FIXTURES = Path(__file__).resolve().parent / "fixtures"
HARVEST = FIXTURES / "harvest"
LETTER_PDF = FIXTURES / "formats" / "kamerbrief_1pag_SAMPLE_page1only.pdf"
OB_FILES = {
    "kst-32545-143.xml": FIXTURES / "formats" / "plooi_kst-32545-143" / "xml_kst-32545-143.xml",
    "kst-32545-143/1/metadata/metadata.xml":
        FIXTURES / "formats" / "plooi_kst-32545-143" / "metadata_metadata.xml",
    "kst-29362-318.xml": FIXTURES / "formats" / "brief_kst-29362-318" / "kst-29362-318.xml",
    "kst-29362-318/1/metadata/metadata.xml":
        FIXTURES / "formats" / "brief_kst-29362-318" / "metadata.xml",
}


def harvest_settings(server: SourceServer, **overrides: Any) -> Settings:
    """Settings that point every harvester at ``server``, without waiting between tries."""
    values: dict[str, Any] = {
        "harvest_rate": 0.0, "harvest_backoff": 0.0, "harvest_timeout": 2.0,
        "harvest_retries": 3, "harvest_contact": "tests@example.org",
        "tk_odata_url": f"{server.url}/odata/", "tk_feed_url": f"{server.url}/feed/Feed",
        "ob_sru_url": f"{server.url}/sru"}
    return Settings(**{**values, **overrides})


@dataclass
class Seen:
    path: str
    query: dict[str, list[str]]
    headers: dict[str, str]
    status: int = 0


@dataclass
class Fault:
    where: str  # a part of the path (and query) it applies to
    kind: str  # "500", "404", "429", "hang", "block"
    times: int = 1
    retry_after: str = "1"


@dataclass
class Reply:
    status: int
    body: bytes = b""
    content_type: str = "application/octet-stream"
    headers: dict[str, str] = field(default_factory=dict)


class SourceServer:
    """The three services in one local server; use it as a context manager."""

    def __init__(self, page_size: int = 2, hang_seconds: float = 4.0) -> None:
        self.documents: list[dict[str, Any]] = json.loads(
            (HARVEST / "tk_documents.json").read_text(encoding="utf-8"))
        self.toezeggingen: list[dict[str, Any]] = json.loads(
            (HARVEST / "tk_toezeggingen.json").read_text(encoding="utf-8"))
        self.page_size = page_size
        self.hang_seconds = hang_seconds
        self.faults: list[Fault] = []
        self.seen: list[Seen] = []
        self.blocked = threading.Event()  # set when a "block" fault holds a request
        self.release = threading.Event()  # set by the test to let it go on
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        self._server.daemon_threads = True
        self._server.source = self  # type: ignore[attr-defined]
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"

    def __enter__(self) -> SourceServer:
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *_: object) -> None:
        self.release.set()
        self._server.shutdown()
        self._server.server_close()

    def fail(self, where: str, kind: str, times: int = 1, retry_after: str = "1") -> None:
        self.faults.append(Fault(where, kind, times, retry_after))

    def requests(self, where: str) -> list[Seen]:
        """The requests whose path (with query) contains ``where``."""
        with self._lock:
            return [s for s in self.seen if where in s.path]

    def document_file(self, doc: dict[str, Any]) -> bytes:
        """The file of a document: the sample letter PDF, marked with its number."""
        return LETTER_PDF.read_bytes() + f"\n%{doc['DocumentNummer']}\n".encode()

    # -- answering ---------------------------------------------------------------------

    def _fault(self, target: str) -> Fault | None:
        with self._lock:
            for fault in self.faults:
                if fault.where in target and fault.times > 0:
                    fault.times -= 1
                    return fault
        return None

    def answer(self, path: str, raw_query: str, headers: dict[str, str]) -> Reply:
        target = f"{path}?{raw_query}" if raw_query else path
        seen = Seen(target, parse_qs(raw_query), headers)
        with self._lock:
            self.seen.append(seen)
        fault = self._fault(target)
        if fault and fault.kind == "block":
            self.blocked.set()
            self.release.wait(60)
        elif fault and fault.kind == "hang":
            time.sleep(self.hang_seconds)
        elif fault:
            extra = {"Retry-After": fault.retry_after} if fault.kind == "429" else {}
            seen.status = int(fault.kind)
            return Reply(seen.status, b"", "text/plain", extra)
        reply = self._route(path, seen.query, raw_query)
        if reply.status == 200:
            etag = '"' + hashlib.sha256(reply.body).hexdigest()[:32] + '"'
            reply.headers["ETag"] = etag
            if headers.get("if-none-match") == etag:
                reply = Reply(304, b"", reply.content_type, {"ETag": etag})
        seen.status = reply.status
        return reply

    def _text(self, name: str) -> bytes:
        text = (HARVEST / name).read_text(encoding="utf-8")
        return text.replace("__MOCK_SERVICE__", self.url.removeprefix("http://")).encode()

    def _odata_page(self, entities: list[dict[str, Any]], path: str,
                    query: dict[str, list[str]], raw_query: str) -> Reply:
        start = int(query.get("$skiptoken", ["0"])[0])
        body: dict[str, Any] = {"@odata.context": f"{self.url}/odata/$metadata#{path}",
                                "value": entities[start:start + self.page_size]}
        if start + self.page_size < len(entities):
            base = re.sub(r"&?\$skiptoken=\d+", "", raw_query)
            body["@odata.nextLink"] = (f"{self.url}/odata/{path}?{base}"
                                       f"&$skiptoken={start + self.page_size}")
        return Reply(200, json.dumps(body).encode(), "application/json; odata.metadata=minimal")

    def _resource(self, ident: str) -> Reply:
        doc = next((d for d in self.documents if d["Id"] == ident), None)
        if doc is None:
            return Reply(404)
        return Reply(200, self.document_file(doc), doc["ContentType"])

    def _route(self, path: str, query: dict[str, list[str]], raw_query: str) -> Reply:
        if path == "/odata/Document":
            return self._odata_page(self.documents, "Document", query, raw_query)
        if path == "/odata/Toezegging":
            return self._odata_page(self.toezeggingen, "Toezegging", query, raw_query)
        if m := re.fullmatch(r"/odata/Document\(([\w-]+)\)/resource", path):
            return self._resource(m[1])
        if m := re.fullmatch(r"/feed/Resources/([\w-]+)", path):
            return self._resource(m[1])
        if path == "/feed/Feed":
            page = "page2" if query.get("skiptoken") == ["17000042"] else "page1"
            return Reply(200, self._text(f"tk_syncfeed_{page}.xml"), "application/atom+xml")
        if path == "/sru":
            page = "page2" if query.get("startRecord") == ["4"] else "page1"
            return Reply(200, self._text(f"sru_{page}.xml"), "text/xml")
        for tail, file in OB_FILES.items():
            if path.startswith("/repository.overheid.nl/") and path.endswith(tail):
                return Reply(200, file.read_bytes(), "application/xml")
        return Reply(404)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:
        source: SourceServer = self.server.source  # type: ignore[attr-defined]
        parts = urlsplit(self.path)
        reply = source.answer(parts.path, parts.query,
                              {k.lower(): v for k, v in self.headers.items()})
        try:
            self.send_response(reply.status)
            self.send_header("Content-Type", reply.content_type)
            self.send_header("Content-Length", str(len(reply.body)))
            for name, value in reply.headers.items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(reply.body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (a hang longer than its timeout)

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: the test reads ``SourceServer.seen`` instead."""
