"""The embedded store: pyoxigraph on disk (rdflib's engine is 14–42x slower here).

A store made by :func:`load_build` holds each letter's named graph and, as its default
graph, the union of those graphs as a set: pyoxigraph's own union default graph
repeats a triple once for every graph that holds it (a person's name is in each letter
they signed), which would make every COUNT over shared descriptions wrong. A writable
store (SPARQL Update, the Graph Store Protocol) uses the union computed at query time.
Results are serialised by pyoxigraph itself, in the first acceptable format.
"""

from __future__ import annotations

import gzip
import shutil
from collections.abc import Mapping
from pathlib import Path
from typing import IO, TypeVar, cast

import pyoxigraph as ox

from . import Dataset, QueryError, Result


def _bare(media_type: str) -> str:
    """ "text/csv; charset=utf-8" -> "text/csv"."""
    return media_type.split(";")[0].strip()


SELECT_FORMATS = {_bare(f.media_type): f for f in (ox.QueryResultsFormat.JSON, ox.QueryResultsFormat.XML,
                                            ox.QueryResultsFormat.CSV, ox.QueryResultsFormat.TSV)}
GRAPH_FORMATS = {_bare(f.media_type): f for f in (ox.RdfFormat.TURTLE, ox.RdfFormat.N_TRIPLES,
                                           ox.RdfFormat.JSON_LD, ox.RdfFormat.RDF_XML,
                                           ox.RdfFormat.TRIG, ox.RdfFormat.N_QUADS)}


F = TypeVar("F")


class NotAcceptable(ValueError):
    """None of the acceptable media types can carry this kind of result."""


class OxigraphStore:
    """A pyoxigraph store in a folder; read-only unless ``writable``."""

    def __init__(self, path: Path, writable: bool = False) -> None:
        if not writable and not path.exists():
            raise FileNotFoundError(f"no store at {path}: run `kg-uitvoering load` first")
        self.path, self.writable = path, writable
        self._count: int | None = None
        self.store = ox.Store(str(path)) if writable else ox.Store.read_only(str(path))

    def query(self, query: str, accept: list[str], dataset: Dataset) -> Result:
        try:
            answer = self.store.query(
                query, base_iri=dataset.base,
                use_default_graph_as_union=self.writable and not dataset.default_graphs,
                default_graph=[ox.NamedNode(g) for g in dataset.default_graphs] or None,
                named_graphs=[ox.NamedNode(g) for g in dataset.named_graphs] or None)
        except SyntaxError as exc:
            raise QueryError(str(exc)) from None
        # pyoxigraph results must be dropped on the thread that made them: serialise and
        # release the result here, and only then raise.
        try:
            if isinstance(answer, ox.QueryTriples):
                rdf = _choose(accept, GRAPH_FORMATS)
                return Result(answer.serialize(format=rdf) or b"", rdf.media_type, "graph")
            table = _choose(accept, SELECT_FORMATS)
            form = "ask" if isinstance(answer, ox.QueryBoolean) else "select"
            return Result(answer.serialize(format=table) or b"", table.media_type, form)
        finally:
            del answer

    def update(self, update: str, base: str | None = None) -> None:
        try:
            self.store.update(update, base_iri=base)
        except SyntaxError as exc:
            raise QueryError(str(exc)) from None

    def graphs(self) -> set[str]:
        return {g.value for g in self.store.named_graphs() if isinstance(g, ox.NamedNode)}

    def triple_count(self) -> int:
        """Quads in the named graphs (counted once for a read-only store)."""
        if self.writable:
            return len(self.store)
        if self._count is None:
            answer = self.store.query("SELECT (COUNT(*) AS ?n) { GRAPH ?g { ?s ?p ?o } }")
            assert isinstance(answer, ox.QuerySolutions)
            self._count = int(next(iter(answer))["n"].value)
        return self._count


def _choose(accept: list[str], formats: Mapping[str, F]) -> F:
    for media in accept:
        if media in formats:
            return formats[media]
        if media in ("*/*", "application/*", "text/*"):
            return next(iter(formats.values()))
    raise NotAcceptable("none of the acceptable types (" + ", ".join(accept) + ") fits; "
                        "available: " + ", ".join(formats))


def load_build(build_dir: Path, store_path: Path) -> int:
    """Load a build's named graphs (``kg.nq.gz``) and their union (``kg.ttl.gz``, as the
    default graph) into a new store beside ``store_path``, and swap it in.

    A crash half-way leaves the old store in place and serving. Returns the number of
    quads in the named graphs.
    """
    dump, union = build_dir / "kg.nq.gz", build_dir / "kg.ttl.gz"
    for needed in (dump, union):
        if not needed.exists():
            raise FileNotFoundError(f"no {needed.name} in {build_dir}: run `kg-uitvoering "
                                    "build` first")
    fresh = store_path.with_name(store_path.name + ".new")
    old = store_path.with_name(store_path.name + ".old")
    for leftover in (fresh, old):
        shutil.rmtree(leftover, ignore_errors=True)
    store = ox.Store(str(fresh))
    with gzip.open(dump, "rb") as stream:
        store.bulk_load(cast(IO[bytes], stream), format=ox.RdfFormat.N_QUADS)
    count = len(store)
    with gzip.open(union, "rb") as stream:
        store.bulk_load(cast(IO[bytes], stream), format=ox.RdfFormat.TURTLE,
                        to_graph=ox.DefaultGraph())
    store.flush()
    del store
    if store_path.exists():
        store_path.rename(old)
    fresh.rename(store_path)
    shutil.rmtree(old, ignore_errors=True)
    return count


def _target(graph: str | None) -> ox.NamedNode | ox.DefaultGraph:
    return ox.DefaultGraph() if graph is None else ox.NamedNode(graph)


def rdf_format(media_type: str) -> ox.RdfFormat | None:
    """The RDF format of a media type ("text/turtle; charset=utf-8"), or None."""
    return ox.RdfFormat.from_media_type(_bare(media_type))


class GraphStore:
    """The Graph Store HTTP Protocol's operations on an :class:`OxigraphStore` (``None``
    is the default graph)."""

    def __init__(self, store: OxigraphStore) -> None:
        self.store = store.store

    def exists(self, graph: str | None) -> bool:
        return graph is None or self.store.contains_named_graph(ox.NamedNode(graph))

    def read(self, graph: str | None, accept: list[str]) -> tuple[bytes, str]:
        fmt = _choose(accept, {k: v for k, v in GRAPH_FORMATS.items()
                               if not v.supports_datasets})
        return self.store.dump(format=fmt, from_graph=_target(graph)) or b"", fmt.media_type

    def write(self, graph: str | None, data: bytes, media_type: str, base: str,
              replace: bool) -> bool:
        """PUT (``replace``) or POST data into a graph; True when the graph was created."""
        fmt = rdf_format(media_type)
        if fmt is None or fmt.supports_datasets:
            raise QueryError(f"cannot read {media_type or 'a body without type'} as a graph")
        created = not self.exists(graph)
        target = _target(graph)
        try:
            quads = [ox.Quad(t.subject, t.predicate, t.object, target) for t in ox.parse(
                data, format=fmt, base_iri=base, rename_blank_nodes=True)]
        except SyntaxError as exc:
            raise QueryError(str(exc)) from None
        if replace and not created:
            self.store.clear_graph(target)
        if graph is not None:
            self.store.add_graph(target)
        self.store.extend(quads)
        return created

    def delete(self, graph: str | None) -> bool:
        """Remove a graph (empty the default graph); False when there was none."""
        if not self.exists(graph):
            return False
        if graph is None:
            self.store.clear_graph(ox.DefaultGraph())
        else:
            self.store.remove_graph(ox.NamedNode(graph))
        return True
