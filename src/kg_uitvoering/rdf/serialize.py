"""Write the graphs of letters to a file whose format follows its extension.

``.trig`` and ``.nq`` keep each letter in its own named graph; ``.ttl``, ``.nt`` and
``.jsonld`` hold the union. N-Triples and N-Quads are written sorted, so the same
letters always give the same bytes.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.term import Node

from .iris import Iris

FORMATS = {".ttl": "turtle", ".trig": "trig", ".nt": "nt", ".nq": "nquads", ".jsonld": "json-ld"}
QUADS = {".trig", ".nq"}


PREFIXES = (("kgu", "https://w3id.org/kg-uitvoering/def#"),
            ("eli", "http://data.europa.eu/eli/ontology#"), ("org", "http://www.w3.org/ns/org#"),
            ("oa", "http://www.w3.org/ns/oa#"), ("cito", "http://purl.org/spar/cito/"),
            ("schema", "https://schema.org/"), ("dcterms", "http://purl.org/dc/terms/"),
            ("prov", "http://www.w3.org/ns/prov#"), ("foaf", "http://xmlns.com/foaf/0.1/"),
            ("skos", "http://www.w3.org/2004/02/skos/core#"),
            ("rdfs", "http://www.w3.org/2000/01/rdf-schema#"),
            ("owl", "http://www.w3.org/2002/07/owl#"),
            ("xsd", "http://www.w3.org/2001/XMLSchema#"))


@lru_cache(maxsize=1 << 16)  # predicates, classes and shared nodes recur in every letter
def ox_term(term: Node) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    """The pyoxigraph term for an rdflib term; a blank node keeps its id."""
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        datatype = ox.NamedNode(str(term.datatype)) if term.datatype else None
        return ox.Literal(str(term), datatype=datatype)
    return ox.BlankNode(str(term)) if isinstance(term, BNode) else ox.NamedNode(str(term))


def ox_quads(graph: Graph, name: URIRef | None = None) -> list[ox.Quad]:
    """The triples of ``graph`` as pyoxigraph quads in the graph ``name`` (or the default
    graph)."""
    target = ox.DefaultGraph() if name is None else ox.NamedNode(str(name))
    return [ox.Quad(ox_term(s), ox_term(p), ox_term(o), target)  # type: ignore[arg-type]
            for s, p, o in graph]


def bind_prefixes(graph: Graph, base: str | None) -> None:
    """The vocabulary's prefixes (and ``id:`` for the IRI base) for readable Turtle."""
    for prefix, ns in PREFIXES:
        graph.bind(prefix, ns)
    if base:
        graph.bind("id", base)


def output_format(path: Path) -> str:
    """The rdflib format for an output file, from its extension; ValueError if unknown."""
    try:
        return FORMATS[path.suffix.lower()]
    except KeyError:
        known = ", ".join(sorted(FORMATS))
        raise ValueError(f"unknown output format {path.suffix!r}: use one of {known}") from None


def write_graphs(letters: Sequence[tuple[URIRef, Graph]], path: Path, iris: Iris) -> int:
    """Write the letters' graphs to ``path``; returns the number of triples (per graph)."""
    fmt = output_format(path)
    if path.suffix.lower() in QUADS:
        target: Graph = Dataset()
        for letter, graph in letters:
            named = target.graph(iris.graph(letter))  # type: ignore[attr-defined]
            for triple in graph:
                named.add(triple)
    else:
        target = Graph()
        for _, graph in letters:
            target += graph
    bind_prefixes(target, iris.base)
    data = target.serialize(format=fmt)
    if fmt in ("nt", "nquads"):
        data = "".join(sorted(set(data.splitlines(keepends=True))))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(data, encoding="utf-8")
    return sum(len(graph) for _, graph in letters)
