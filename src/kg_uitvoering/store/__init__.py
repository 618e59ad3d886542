"""Where the graph lives: a small protocol, so the embedded and a remote store are
interchangeable behind the SPARQL endpoint and the canned queries."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol


class QueryError(ValueError):
    """The query is not valid SPARQL (the parser's message), or is refused (why)."""


@dataclass(frozen=True)
class Result:
    """A query's answer, serialised: the bytes, their media type and the query form."""

    body: bytes
    media_type: str
    form: str  # "select", "ask" or "graph" (CONSTRUCT and DESCRIBE)


@dataclass(frozen=True)
class Dataset:
    """The protocol's default-graph-uri / named-graph-uri (empty: the whole store, the
    default graph being the union of the named graphs)."""

    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()
    base: str | None = None  # relative IRIs in the query resolve against it


class Store(Protocol):
    def query(self, query: str, accept: list[str], dataset: Dataset) -> Result:
        """Run a query; ``accept`` lists acceptable media types, best first."""
        ...

    def update(self, update: str, base: str | None = None) -> None:
        """Run a SPARQL Update; relative IRIs resolve against ``base``."""
        ...

    def graphs(self) -> set[str]:
        """The names of the store's named graphs."""
        ...

    def triple_count(self) -> int:
        ...
