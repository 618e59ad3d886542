"""Queries in worker processes, so that a timeout really stops the work.

pyoxigraph cannot interrupt a running query, so each query runs in one of a few worker
processes that hold the store read-only (RocksDB allows several read-only openers). A
query still running after the timeout is stopped by killing its worker; a fresh worker
takes its place. Results come back serialised, so crossing the process boundary costs
one copy of the bytes. A worker whose server is gone (killed, crashed) stops within a
second, also in the middle of a query, so that no orphan keeps a core busy.
"""

from __future__ import annotations

import json
import multiprocessing as mp
import os
import queue
import threading
import time
from dataclasses import dataclass
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from pathlib import Path

from . import Dataset, QueryError, Result
from .embedded import NotAcceptable, OxigraphStore


class QueryTimeout(RuntimeError):
    """The query ran longer than the timeout and was stopped."""


class ResultTooLarge(QueryError):
    """The serialised result is larger than the cap."""


def rows(result: Result) -> int:
    """The number of solutions in a serialised SELECT result."""
    if result.media_type == "application/sparql-results+json":
        return len(json.loads(result.body)["results"]["bindings"])
    if result.media_type == "application/sparql-results+xml":
        return result.body.count(b"<result>") + result.body.count(b"<result ")
    return max(0, result.body.count(b"\n") - 1)  # CSV and TSV: a header line, then rows


def _exit_when_orphaned(parent: int) -> None:
    """Stop this process once its parent is gone (pyoxigraph releases the GIL while it
    runs a query, so this thread gets its turn)."""
    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(1)


def _serve(path: str, connection: Connection, max_bytes: int, max_rows: int) -> None:
    """A worker: answer queries on ``connection`` until it closes."""
    threading.Thread(target=_exit_when_orphaned, args=(os.getppid(),), daemon=True).start()
    store = OxigraphStore(Path(path))
    while True:
        try:
            query, accept, dataset = connection.recv()
        except EOFError:
            return
        try:
            result = store.query(query, accept, dataset)
            if len(result.body) > max_bytes:
                raise ResultTooLarge(f"the result is larger than {max_bytes} bytes: add a "
                                     "LIMIT or narrow the query")
            if result.form == "select" and rows(result) > max_rows:
                raise ResultTooLarge(f"the result has more than {max_rows} rows: add a LIMIT "
                                     "or narrow the query")
            connection.send((True, result))
        except (QueryError, NotAcceptable) as exc:
            connection.send((False, exc))


@dataclass
class _Worker:
    process: BaseProcess
    connection: Connection


class IsolatedStore:
    """Read-only queries in ``workers`` processes, each stopped after ``timeout`` seconds."""

    def __init__(self, path: Path, timeout: float, workers: int = 2,
                 max_result_bytes: int = 50_000_000, max_rows: int = 1_000_000) -> None:
        self.path, self.timeout = path, timeout
        self.max_result_bytes, self.max_rows = max_result_bytes, max_rows
        self._local = OxigraphStore(path)  # cheap calls (graph names, counts) stay here
        self._context = mp.get_context("spawn")
        self._idle: queue.Queue[_Worker] = queue.Queue()
        for _ in range(workers):
            self._idle.put(self._spawn())

    def _spawn(self) -> _Worker:
        ours, theirs = self._context.Pipe()
        process = self._context.Process(target=_serve, daemon=True,
                                        args=(str(self.path), theirs, self.max_result_bytes,
                                              self.max_rows))
        process.start()
        theirs.close()
        return _Worker(process, ours)

    def query(self, query: str, accept: list[str], dataset: Dataset) -> Result:
        worker = self._idle.get()
        try:
            worker.connection.send((query, accept, dataset))
            if not worker.connection.poll(self.timeout):
                worker.process.kill()
                worker.process.join()
                worker = self._spawn()
                raise QueryTimeout(f"the query was stopped after {self.timeout:g} s")
            ok, payload = worker.connection.recv()
        finally:
            self._idle.put(worker)
        if ok:
            assert isinstance(payload, Result)
            return payload
        raise payload

    def update(self, update: str, base: str | None = None) -> None:
        raise QueryError("this store is read-only")

    def graphs(self) -> set[str]:
        return self._local.graphs()

    def triple_count(self) -> int:
        return self._local.triple_count()

    def close(self) -> None:
        """Stop the workers."""
        while not self._idle.empty():
            worker = self._idle.get_nowait()
            worker.connection.close()
            worker.process.join(timeout=2)
            if worker.process.is_alive():
                worker.process.kill()
