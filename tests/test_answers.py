"""Answers kept for a read-only store (store/answers.py): a repeated canned query or page
is answered from memory, the least recently used answer goes first, failures are not
kept; the server warms the parameterless canned queries, reports the answers it keeps
in /metrics, and keeps none when the store can be written or for /sparql."""

from __future__ import annotations

import json
import re
import shutil
import time
from pathlib import Path

import httpx
import pytest

from kg_uitvoering.library import load_library
from kg_uitvoering.store import Dataset, QueryError, Result
from kg_uitvoering.store.answers import AnswerCache
from kg_uitvoering.store.embedded import OxigraphStore

from .test_server import start, stop

JSON = ["application/sparql-results+json"]
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


class CountingStore(OxigraphStore):
    """The real embedded store, counting the queries that reach it."""

    def __init__(self, path: Path) -> None:
        super().__init__(path)
        self.queries = 0

    def query(self, query: str, accept: list[str], dataset: Dataset) -> Result:
        self.queries += 1
        return super().query(query, accept, dataset)


@pytest.fixture(scope="module")
def store(letters_build: Path) -> CountingStore:
    return CountingStore(letters_build / "store")


def test_a_repeated_query_is_answered_from_memory(store: CountingStore) -> None:
    cache = AnswerCache(store, 10_000_000)
    first = cache.query(COUNT, JSON, Dataset())
    before = store.queries
    again = cache.query(COUNT, JSON, Dataset())
    assert again == first and store.queries == before
    assert json.loads(again.body) == json.loads(store.query(COUNT, JSON, Dataset()).body)
    before = store.queries
    cache.query(COUNT, ["text/csv"], Dataset())  # another format is another answer
    assert store.queries == before + 1
    assert (cache.hits, cache.misses, len(cache)) == (1, 2, 2)


def test_the_least_recently_used_answer_goes_first(store: CountingStore) -> None:
    queries = [f"SELECT ?s WHERE {{ ?s ?p ?o }} LIMIT {n}" for n in (1, 2, 3)]
    sizes = [len(store.query(q, JSON, Dataset()).body) for q in queries]
    cache = AnswerCache(store, sizes[0] + sizes[1] + sizes[2] - 1)  # room for two
    for query in queries[:2]:
        cache.query(query, JSON, Dataset())
    cache.query(queries[0], JSON, Dataset())  # the first is used again: the second is older
    cache.query(queries[2], JSON, Dataset())
    before = store.queries
    cache.query(queries[0], JSON, Dataset())
    cache.query(queries[2], JSON, Dataset())
    assert store.queries == before
    cache.query(queries[1], JSON, Dataset())
    assert store.queries == before + 1
    assert cache.size <= cache.max_bytes


def test_a_failed_query_is_not_kept(store: CountingStore) -> None:
    cache = AnswerCache(store, 10_000_000)
    for _ in range(2):
        with pytest.raises(QueryError):
            cache.query("SELECT ?s WHERE { ?s", JSON, Dataset())
    assert len(cache) == 0 and cache.misses == 0


def test_the_warm_up_goes_on_past_a_failing_query_and_says_when_it_is_over(
        store: CountingStore) -> None:
    cache = AnswerCache(store, 10_000_000)
    queries = ["SELECT ?s WHERE { ?s", COUNT]  # the first is a syntax error
    thread = cache.warm([(str(n), lambda q=q: cache.query(q, JSON, Dataset()))
                         for n, q in enumerate(queries)])
    thread.join(timeout=60)
    assert not thread.is_alive() and cache.warm_pending == 0
    assert len(cache) == 1  # the valid query was kept after the failing one
    before = store.queries
    cache.query(COUNT, JSON, Dataset())
    assert store.queries == before


Sample = tuple[str, tuple[tuple[str, str], ...]]


def metrics(url: str) -> dict[Sample, float]:
    """The samples of /metrics (Prometheus text format) by name and labels."""
    samples: dict[Sample, float] = {}
    for line in httpx.get(f"{url}/metrics").text.splitlines():
        if not line or line.startswith("#"):
            continue
        head, value = line.rsplit(" ", 1)
        name, _, labels = head.partition("{")
        pairs = re.findall(r'(\w+)="([^"]*)"', labels)
        samples[(name, tuple(sorted(pairs)))] = float(value)
    return samples


def test_the_server_warms_and_keeps_canned_answers_but_not_sparql(letters_build: Path) -> None:
    parameterless = [q for q in load_library().values()
                     if not any(p.required and p.default is None for p in q.parameters)]
    process, url = start(letters_build / "store", {})
    try:
        for _ in range(300):  # the warm-up runs in the background
            if metrics(url).get(("kgu_answers_warm_pending", ()), 1) == 0:
                break
            time.sleep(0.1)
        kept = metrics(url)[("kgu_answers_kept", ())]
        assert kept == len(parameterless)
        start_counts = metrics(url)
        for _ in range(2):
            assert httpx.get(f"{url}/api/queries/letters-per-signer").status_code == 200
            assert httpx.get(f"{url}/sparql", params={"query": COUNT}).status_code == 200
        after = metrics(url)
        hits = ("kgu_answers_total", (("kept", "yes"),))
        misses = ("kgu_answers_total", (("kept", "no"),))
        assert after[hits] - start_counts[hits] == 2  # warmed: both calls from memory
        assert after[misses] == start_counts[misses]  # /sparql went to the store
        assert after[("kgu_answers_kept", ())] == kept
    finally:
        stop(process)


def test_a_writable_server_keeps_no_answers(letters_build: Path, tmp_path: Path) -> None:
    shutil.copytree(letters_build / "store", tmp_path / "store")  # opened for writing
    process, url = start(tmp_path / "store", {"KGU_UPDATE_TOKEN": "secret"})
    try:
        assert httpx.get(f"{url}/api/queries/letters-per-signer").status_code == 200
        assert not any(name.startswith("kgu_answers") for name, _ in metrics(url))
    finally:
        stop(process)
