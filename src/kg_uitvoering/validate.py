"""SHACL validation with the project's shapes, and its results mapped back to letters.

pySHACL has a high fixed cost per call, so letters are validated in batches: the
graphs of a batch are merged, validated once, and every result is given back to the
letters whose graph describes the result's focus node.

SHACL-SPARQL constraints of shapes that target a class are not left to pySHACL, which
runs them once per focus node on rdflib's slow SPARQL engine (the text checks of the
passages were over half of all validation time). Each runs once per batch on
pyoxigraph instead, as ``SELECT DISTINCT ?this ?value`` over the targeted nodes joined
with the constraint's own query, and its rows become the same findings pySHACL would
report. pySHACL checks everything else; a SPARQL constraint it still runs (a shape
without a target class) is parsed once, not once per focus node, thanks to
:class:`PreparedQueryGraph`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from typing import Any

import pyoxigraph as ox
import pyshacl
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SH
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.sparql import Query
from rdflib.query import Result
from rdflib.term import Node


@dataclass(frozen=True)
class Finding:
    """One validation result, readable: which shape, which node, which path, what is wrong."""

    severity: str  # "Violation", "Warning" or "Info"
    shape: str
    focus: str
    path: str | None
    message: str

    def as_json(self) -> dict[str, str | None]:
        return {"severity": self.severity, "shape": self.shape, "focus": self.focus,
                "path": self.path, "message": self.message}


@cache
def shapes_graph() -> Graph:
    """The shapes shipped with the package (``shapes/kg-uitvoering-shapes.ttl``)."""
    source = resources.files("kg_uitvoering").joinpath("vocab", "kg-uitvoering-shapes.ttl")
    return Graph().parse(data=source.read_text(encoding="utf-8"), format="turtle")


@cache
def ontology_graph() -> Graph:
    """The ontology shipped with the package (``ontology/kg-uitvoering.ttl``)."""
    source = resources.files("kg_uitvoering").joinpath("vocab", "kg-uitvoering.ttl")
    return Graph().parse(data=source.read_text(encoding="utf-8"), format="turtle")


@lru_cache(maxsize=256)
def _prepared(text: str) -> Query:
    return prepareQuery(text)


class PreparedQueryGraph(Graph):
    """A graph whose SPARQL queries given as text are parsed once per distinct text."""

    def query(self, query_object: str | Query, *args: Any, **kwargs: Any) -> Result:
        if isinstance(query_object, str):
            query_object = _prepared(query_object)
        return super().query(query_object, *args, **kwargs)


def _message(graph: Graph, node: Node, predicate: URIRef = SH.resultMessage) -> str:
    """The English message if there is one, else any message."""
    messages = [m for m in graph.objects(node, predicate) if isinstance(m, Literal)]
    english = [m for m in messages if m.language == "en"]
    return str((english or messages or [Literal("")])[0])


@dataclass(frozen=True)
class SparqlCheck:
    """A SHACL-SPARQL constraint run once over a whole batch."""

    shape: str
    severity: str
    message: str
    query: str  # selects ?this (the focus node) and ?value


def _prefixes(shapes: Graph, constraint: Node) -> str:
    lines = []
    for declaring in shapes.objects(constraint, SH.prefixes):
        for declaration in shapes.objects(declaring, SH.declare):
            prefix, namespace = (shapes.value(declaration, SH.prefix),
                                 shapes.value(declaration, SH.namespace))
            lines.append(f"PREFIX {prefix}: <{namespace}>")
    return "\n".join(lines)


def _check(shapes: Graph, shape: Node, constraint: Node) -> SparqlCheck | None:
    """The batch form of one constraint, or None when pySHACL must run it."""
    classes = list(shapes.objects(shape, SH.targetClass))
    select = shapes.value(constraint, SH.select)
    if len(classes) != 1 or select is None or set(shapes.objects(shape, RDF.type)) != {
            SH.NodeShape}:
        return None
    severity = str(shapes.value(shape, SH.severity, default=SH.Violation)).rsplit("#", 1)[-1]
    query = (f"{_prefixes(shapes, constraint)}\nSELECT DISTINCT ?this ?value WHERE {{\n"
             f"?this a/<{RDFS.subClassOf}>* <{classes[0]}> .\n{{ {select} }}\n}}")
    return SparqlCheck(str(shape), severity, _message(shapes, constraint, SH.message), query)


@cache
def _split_shapes() -> tuple[Graph, tuple[SparqlCheck, ...]]:
    """The shapes for pySHACL, and the SPARQL constraints taken out of them for batches."""
    shapes = shapes_graph()
    rest = Graph()
    rest += shapes
    checks = []
    for shape, constraint in shapes.subject_objects(SH.sparql):
        check = _check(shapes, shape, constraint)
        if check is not None:
            checks.append(check)
            rest.remove((shape, SH.sparql, constraint))
    return rest, tuple(checks)


def _sparql_findings(data: Graph) -> list[Finding]:
    store = ox.Store()
    store.bulk_load(data.serialize(format="nt", encoding="utf-8"), ox.RdfFormat.N_TRIPLES)
    found = []
    for check in _split_shapes()[1]:
        solutions = store.query(check.query)
        assert isinstance(solutions, ox.QuerySolutions)
        found += [Finding(check.severity, check.shape, row["this"].value, None, check.message)
                  for row in solutions]
    return found


def pyshacl_findings(data: Graph, shapes: Graph) -> list[Finding]:
    """What pySHACL alone reports for ``data`` (validated in place: nothing is inferred)."""
    _, results, _ = pyshacl.validate(data, shacl_graph=shapes, inference="none",
                                     allow_warnings=True, inplace=True)
    out = []
    for node in results.subjects(SH.resultSeverity, None):
        severity = str(results.value(node, SH.resultSeverity)).rsplit("#", 1)[-1]
        path = results.value(node, SH.resultPath)
        out.append(Finding(severity, str(results.value(node, SH.sourceShape)),
                           str(results.value(node, SH.focusNode)),
                           str(path) if isinstance(path, URIRef) else None,
                           _message(results, node)))
    return out


def findings(data: Graph) -> list[Finding]:
    """Validate ``data`` against the shapes; every result as a :class:`Finding`.

    ``data`` is not changed; pass a :class:`PreparedQueryGraph` for speed.
    """
    found = pyshacl_findings(data, _split_shapes()[0]) + _sparql_findings(data)
    return sorted(found, key=lambda f: (f.shape, f.focus, f.path or "", f.message))


def validate_batch(graphs: Sequence[Graph]) -> list[list[Finding]]:
    """Validate many letter graphs in one call; the findings of each letter, in order."""
    merged = PreparedQueryGraph()
    owners: dict[str, list[int]] = {}
    for i, graph in enumerate(graphs):
        merged += graph
        for subject in set(graph.subjects()):
            owners.setdefault(str(subject), []).append(i)
    per_letter: list[list[Finding]] = [[] for _ in graphs]
    for finding in findings(merged):
        for i in owners.get(finding.focus, []):
            per_letter[i].append(finding)
    return per_letter
