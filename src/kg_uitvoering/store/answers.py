"""Answers kept in memory for a store that nobody writes to.

A read-only store gives the same answer to the same query until the server stops (a
new load is served by a new server), and some canned queries take seconds on a large
graph (listings of every letter, aggregates over all commitments). :class:`AnswerCache`
wraps such a store and keeps each answer (the serialised bytes, as the store gave them)
by query text, accepted media types and dataset; the least recently used answer goes
first once ``max_bytes`` is reached. Failed queries are not kept.

The app puts it in front of the canned queries and the pages only: never in front of
``/sparql``, whose clients send their own queries and may measure the engine, and never
when the store can be written (an update token, the Graph Store Protocol, a remote
server others may write to). :func:`warm` runs the canned queries that need no
parameter once, so that their first caller is answered at once too; ``warm_pending``
says how many are still to run (``/metrics``), so that an operator or a benchmark knows
when the warm-up is over, also when a query in it failed or timed out.
"""

from __future__ import annotations

import logging
import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence

from . import Dataset, Result, Store

Key = tuple[str, tuple[str, ...], Dataset]


class AnswerCache:
    """A :class:`Store` that answers a repeated query from memory."""

    def __init__(self, store: Store, max_bytes: int) -> None:
        self.store, self.max_bytes = store, max_bytes
        self._answers: OrderedDict[Key, Result] = OrderedDict()
        self._lock = threading.Lock()
        self.size = self.hits = self.misses = self.warm_pending = 0

    def query(self, query: str, accept: list[str], dataset: Dataset) -> Result:
        key = (query, tuple(accept), dataset)
        with self._lock:
            if key in self._answers:
                self.hits += 1
                self._answers.move_to_end(key)
                return self._answers[key]
        result = self.store.query(query, accept, dataset)
        with self._lock:
            self.misses += 1
            if key not in self._answers and len(result.body) <= self.max_bytes:
                self._answers[key] = result
                self.size += len(result.body)
                while self.size > self.max_bytes:
                    _, dropped = self._answers.popitem(last=False)
                    self.size -= len(dropped.body)
        return result

    def __len__(self) -> int:
        return len(self._answers)

    def warm(self, runs: Sequence[tuple[str, Callable[[], object]]]) -> threading.Thread:
        """Run each ``(name, run)`` once, in order, in a background thread; a failure is
        logged and the rest go on (a query that fails now fails for its caller too)."""
        self.warm_pending = len(runs)
        thread = threading.Thread(target=self._warm, args=(runs,), name="warm-answers",
                                  daemon=True)
        thread.start()
        return thread

    def _warm(self, runs: Sequence[tuple[str, Callable[[], object]]]) -> None:
        for name, run in runs:
            try:
                run()
            except Exception as exc:
                logging.getLogger(__name__).warning("warming %s failed: %s", name, exc)
            finally:
                self.warm_pending -= 1

    def update(self, update: str, base: str | None = None) -> None:
        self.store.update(update, base)  # a read-only store refuses; nothing to forget

    def graphs(self) -> set[str]:
        return self.store.graphs()

    def triple_count(self) -> int:
        return self.store.triple_count()

