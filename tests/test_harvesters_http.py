"""The polite client against a real local server: User-Agent, rate limit, retries with
backoff and Retry-After, timeouts, clear errors, and conditional requests from the cache.

The client's ``sleep`` is handed a recorder here, so the waits it asks for are read
instead of waited (and no test measures time)."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

from kg_uitvoering import __version__
from kg_uitvoering.harvesters import HarvestQuery, harvest
from kg_uitvoering.harvesters.http import (
    HarvestError,
    PoliteClient,
    Politeness,
    ResponseCache,
    retry_after,
)

from .harvest_server import SourceServer, harvest_settings

AGENT = "kg-uitvoering/test (+https://w3id.org/kg-uitvoering/)"


@pytest.fixture
def server() -> Iterator[SourceServer]:
    with SourceServer(hang_seconds=3.0) as source:
        yield source


def client(waits: list[float], cache: ResponseCache | None = None,
           **politeness: float) -> PoliteClient:
    settings = {"min_interval": 0.0, "backoff": 0.0, "timeout": 1.0, "retries": 3,
                **politeness}
    return PoliteClient(Politeness(AGENT, **settings), cache,  # type: ignore[arg-type]
                        sleep=waits.append)


def test_every_request_names_the_project_and_its_contact(server: SourceServer,
                                                         tmp_path: Path) -> None:
    harvest("tk-toezeggingen", HarvestQuery(), tmp_path, harvest_settings(server))
    agents = {seen.headers["user-agent"] for seen in server.seen}
    assert agents == {f"kg-uitvoering/{__version__} "
                      "(+https://w3id.org/kg-uitvoering/; tests@example.org)"}


def test_requests_keep_the_minimum_interval(server: SourceServer) -> None:
    waits: list[float] = []
    with client(waits, min_interval=5.0) as polite:
        for skip in (0, 2, 4):
            polite.get(f"{server.url}/odata/Toezegging?$skiptoken={skip}")
    assert len(waits) == 2
    assert all(0 < wait <= 5.0 for wait in waits)


def test_a_429_is_retried_after_the_time_the_server_asks(server: SourceServer) -> None:
    server.fail("/odata/Toezegging", "429", retry_after="7")
    waits: list[float] = []
    with client(waits) as polite:
        fetched = polite.get(f"{server.url}/odata/Toezegging")
    assert fetched.status == 200
    assert waits == [7.0]
    assert [seen.status for seen in server.requests("/odata/Toezegging")] == [429, 200]


def test_a_retry_after_beyond_the_longest_wait_ends_the_request(server: SourceServer) -> None:
    server.fail("/odata/Toezegging", "429", retry_after="86400")
    waits: list[float] = []
    with client(waits, max_backoff=600.0) as polite, pytest.raises(HarvestError) as caught:
        polite.get(f"{server.url}/odata/Toezegging")
    assert caught.value.status == 429
    assert waits == []
    assert len(server.requests("/odata/Toezegging")) == 1


def test_retry_after_as_seconds_or_an_http_date() -> None:
    assert retry_after("120") == 120.0
    assert retry_after("Wed, 21 Oct 2015 07:28:00 GMT") == 0.0  # in the past: now
    assert retry_after("soon") is None


def test_server_errors_are_retried_with_growing_waits_and_jitter(server: SourceServer) -> None:
    server.fail("/odata/Toezegging", "500", times=2)
    server.fail("/odata/Toezegging", "503")
    waits: list[float] = []
    with client(waits, backoff=1.0) as polite:
        fetched = polite.get(f"{server.url}/odata/Toezegging")
    assert fetched.status == 200
    assert [int(wait) for wait in waits] == [1, 2, 4]  # 1 s doubled, plus under 1 s jitter
    assert [s.status for s in server.requests("/odata/Toezegging")] == [500, 500, 503, 200]


def test_spent_retries_raise_an_error_naming_the_url_and_status(server: SourceServer) -> None:
    server.fail("/odata/Toezegging", "500", times=10)
    url = f"{server.url}/odata/Toezegging"
    with client([], retries=2) as polite, pytest.raises(HarvestError) as caught:
        polite.get(url)
    assert (caught.value.url, caught.value.status) == (url, 500)
    assert len(server.requests("/odata/Toezegging")) == 3


def test_a_404_is_not_retried(server: SourceServer) -> None:
    url = f"{server.url}/odata/Document(00000000-0000-0000-0000-000000000000)/resource"
    with client([]) as polite, pytest.raises(HarvestError) as caught:
        polite.get(url)
    assert (caught.value.url, caught.value.status) == (url, 404)
    assert len(server.requests("/resource")) == 1


def test_a_timeout_is_retried(server: SourceServer) -> None:
    server.fail("/odata/Toezegging", "hang")
    with client([], timeout=1.0) as polite:
        fetched = polite.get(f"{server.url}/odata/Toezegging")
    assert fetched.status == 200
    assert len(server.requests("/odata/Toezegging")) == 2


def test_a_connection_that_never_comes_is_an_error_without_status() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]  # closed again: nothing listens there
    waits: list[float] = []
    url = f"http://127.0.0.1:{port}/odata/Document"
    with client(waits, retries=2) as polite, pytest.raises(HarvestError) as caught:
        polite.get(url)
    assert (caught.value.url, caught.value.status) == (url, None)
    assert len(waits) == 2


def test_a_second_request_is_conditional_and_a_304_serves_the_cached_body(
        server: SourceServer, tmp_path: Path) -> None:
    url = f"{server.url}/odata/Toezegging"
    with client([], ResponseCache(tmp_path)) as polite:
        first = polite.get(url)
        second = polite.get(url)
    assert (first.status, second.status) == (200, 304)
    assert second.content == first.content
    requests = server.requests("/odata/Toezegging")
    assert "if-none-match" not in requests[0].headers
    assert requests[1].headers["if-none-match"].startswith('"')
    assert [seen.status for seen in requests] == [200, 304]
