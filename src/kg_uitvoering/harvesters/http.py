"""A polite HTTP client for the harvesters, on ``httpx``.

Every request carries a descriptive User-Agent, waits for the minimum interval since
the previous one (the rate limit), and is retried with exponential backoff plus
jitter on 429, 5xx, timeouts and connection errors, honouring ``Retry-After``. Each
response is kept in an on-disk cache keyed by URL; the next request for that URL is
conditional (``If-None-Match`` / ``If-Modified-Since``) and a ``304`` serves the
cached body. When the retries are spent, or the answer is another 4xx, a
:class:`HarvestError` names the URL and the last status or reason.
"""

from __future__ import annotations

import hashlib
import json
import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from pathlib import Path

import httpx

from .state import write_atomic

RETRIED_STATUSES = frozenset({429, 500, 502, 503, 504})
CONDITIONS = {"etag": "If-None-Match", "last-modified": "If-Modified-Since"}


class HarvestError(Exception):
    """A request that failed for good: the URL, the last reason and HTTP status (None
    when there was no answer: a timeout or a connection error)."""

    def __init__(self, url: str, reason: str, status: int | None = None) -> None:
        super().__init__(f"{url}: {reason}")
        self.url = url
        self.reason = reason
        self.status = status


@dataclass(frozen=True)
class Politeness:
    """How the client treats a server: who it says it is, how often and how long it asks."""

    user_agent: str
    min_interval: float = 1.0  # seconds between the starts of two requests
    timeout: float = 30.0  # seconds for connecting, and for each read
    retries: int = 5  # further attempts after the first
    backoff: float = 1.0  # the first wait; it doubles with every attempt
    max_backoff: float = 120.0


@dataclass(frozen=True)
class Fetched:
    url: str
    status: int  # 200, or 304 when the cached body was served
    content: bytes
    content_type: str


class ResponseCache:
    """Bodies and their validators on disk: ``<sha256 of the URL>.body`` and ``.json``."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def _paths(self, url: str) -> tuple[Path, Path]:
        key = hashlib.sha256(url.encode("utf-8")).hexdigest()
        return self.folder / f"{key}.body", self.folder / f"{key}.json"

    def get(self, url: str) -> tuple[dict[str, str], bytes] | None:
        body, meta = self._paths(url)
        try:
            return json.loads(meta.read_text(encoding="utf-8")), body.read_bytes()
        except (OSError, ValueError):
            return None

    def put(self, url: str, headers: httpx.Headers, content: bytes) -> None:
        validators = {k: headers[k] for k in (*CONDITIONS, "content-type") if k in headers}
        if not CONDITIONS.keys() & validators.keys():
            return
        body, meta = self._paths(url)
        write_atomic(body, content)
        write_atomic(meta, json.dumps({"url": url, **validators}).encode("utf-8"))


def retry_after(value: str | None) -> float | None:
    """Seconds to wait from a ``Retry-After`` header (seconds or an HTTP date)."""
    if not value:
        return None
    if value.strip().isdigit():
        return float(value)
    try:
        return max(0.0, parsedate_to_datetime(value).timestamp() - time.time())
    except (TypeError, ValueError):
        return None


class PoliteClient:
    """GET with rate limit, retries, conditional requests and the on-disk cache."""

    def __init__(self, politeness: Politeness, cache: ResponseCache | None = None,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        self.politeness = politeness
        self.cache = cache
        self.sleep = sleep
        self._last_start: float | None = None
        self._client = httpx.Client(
            headers={"User-Agent": politeness.user_agent}, follow_redirects=True,
            timeout=httpx.Timeout(politeness.timeout))

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> PoliteClient:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def _wait_turn(self) -> None:
        if self._last_start is not None:
            remaining = self._last_start + self.politeness.min_interval - time.monotonic()
            if remaining > 0:
                self.sleep(remaining)
        self._last_start = time.monotonic()

    def _backoff(self, attempt: int, response: httpx.Response | None) -> float | None:
        """The wait before the next attempt: what ``Retry-After`` asks, else exponential
        with jitter; None when the server asks for longer than ``max_backoff``."""
        stated = retry_after(response.headers.get("retry-after")) if response else None
        if stated is not None:
            return stated if stated <= self.politeness.max_backoff else None
        base = self.politeness.backoff * 2.0 ** attempt
        return min(base + random.uniform(0, self.politeness.backoff), self.politeness.max_backoff)

    def get(self, url: str) -> Fetched:
        """The body at ``url`` (from the cache on a 304); :class:`HarvestError` on failure."""
        cached = self.cache.get(url) if self.cache else None
        validators = cached[0] if cached else {}
        headers = {name: validators[key] for key, name in CONDITIONS.items() if key in validators}
        reason = "no attempt made"
        response: httpx.Response | None = None
        status: int | None = None
        for attempt in range(self.politeness.retries + 1):
            if attempt:
                wait = self._backoff(attempt - 1, response)
                if wait is None:
                    reason += f"; Retry-After asks more than {self.politeness.max_backoff:g} s"
                    break
                self.sleep(wait)
            response = status = None
            self._wait_turn()
            try:
                response = self._client.get(url, headers=headers)
            except httpx.TimeoutException:
                reason = f"timed out after {self.politeness.timeout:g} s"
                continue
            except httpx.TransportError as exc:
                reason = f"connection failed: {exc or type(exc).__name__}"
                continue
            if response.status_code == 304 and cached:
                return Fetched(url, 304, cached[1], cached[0].get("content-type", ""))
            if response.is_success:
                if self.cache:
                    self.cache.put(url, response.headers, response.content)
                return Fetched(url, response.status_code, response.content,
                               response.headers.get("content-type", ""))
            status = response.status_code
            reason = f"HTTP {status} {response.reason_phrase}".rstrip()
            if status not in RETRIED_STATUSES:
                break
        else:
            reason += f" (after {self.politeness.retries + 1} attempts)"
        raise HarvestError(url, reason, status)
