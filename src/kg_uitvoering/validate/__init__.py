"""SHACL validation with the project's shapes, and its results mapped back to letters.

Letters are validated in batches. The shapes are compiled to SPARQL
(:mod:`.compiled`): each constraint is one query that pyoxigraph runs over the whole
batch, whose rows are the results. pySHACL, which checks node by node in Python (about
50 ms a letter), runs only for constraints the compiler leaves (none, for the shapes
shipped). Every result is given back to the letters whose graph describes its focus
node. ``pyshacl_findings`` is pySHACL alone, the reference the tests compare with.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources

import pyoxigraph as ox
import pyshacl
from rdflib import Graph, Literal, URIRef
from rdflib.graph import ReadOnlyGraphAggregate
from rdflib.namespace import SH
from rdflib.term import Node

from ..rdf.serialize import ox_quads
from .compiled import SparqlCheck, compile_shapes, constrains


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


def _message(results: Graph, node: Node) -> str:
    """The English message if there is one, else any message."""
    messages = [m for m in results.objects(node, SH.resultMessage) if isinstance(m, Literal)]
    english = [m for m in messages if m.language == "en"]
    return str((english or messages or [Literal("")])[0])


@cache
def _split_shapes() -> tuple[Graph | None, tuple[SparqlCheck, ...]]:
    """The shapes left for pySHACL (None: nothing is), and the checks compiled to SPARQL."""
    rest, checks = compile_shapes(shapes_graph())
    return (rest if constrains(rest) else None), tuple(checks)


def _well_typed(value: Node, datatype: str) -> bool:
    """pySHACL's sh:datatype test: a literal of that datatype, not ill-typed."""
    return isinstance(value, Literal) and str(value.datatype) == datatype \
        and not value.ill_typed


def _sparql_findings(data: Graph) -> list[Finding]:
    """The results of the compiled checks; blank nodes keep their rdflib ids. The values
    that a datatype check reads in Python are kept as rdflib has them."""
    checks = _split_shapes()[1]
    watched = {c.path for c in checks if c.datatype is not None and c.path is not None}
    originals: dict[tuple[str, str | None], list[Node]] = {}
    for path in watched:
        for s, _, o in data.triples((None, URIRef(path), None)):
            originals.setdefault((str(s), path), []).append(o)
    store = ox.Store()
    store.extend(ox_quads(data))
    found = []
    for check in checks:
        solutions = store.query(check.query)
        assert isinstance(solutions, ox.QuerySolutions)
        for row in solutions:
            focus = row["this"].value
            results = 1 if check.datatype is None else sum(
                not _well_typed(v, check.datatype) for v in originals.get((focus, check.path), []))
            found += [Finding(check.severity, check.shape, focus, check.path,
                              check.message)] * results
    return found


def pyshacl_findings(data: Graph, shapes: Graph) -> list[Finding]:
    """What pySHACL alone reports for ``data`` (validated in place: nothing is inferred,
    so nothing is added)."""
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
    """Validate ``data`` against the shapes; every result as a :class:`Finding`."""
    rest = _split_shapes()[0]
    found = _sparql_findings(data)
    if rest is not None:
        copy = Graph()  # pySHACL validates in place: give it a graph of its own
        copy += data
        found += pyshacl_findings(copy, rest)
    return sorted(found, key=lambda f: (f.shape, f.focus, f.path or "", f.message))


def validate_batch(graphs: Sequence[Graph]) -> list[list[Finding]]:
    """Validate many letter graphs in one call; the findings of each letter, in order."""
    owners: dict[str, list[int]] = {}
    for i, graph in enumerate(graphs):
        for subject in set(graph.subjects()):
            owners.setdefault(str(subject), []).append(i)
    per_letter: list[list[Finding]] = [[] for _ in graphs]
    for finding in findings(ReadOnlyGraphAggregate(list(graphs))):
        for i in owners.get(finding.focus, []):
            per_letter[i].append(finding)
    return per_letter
