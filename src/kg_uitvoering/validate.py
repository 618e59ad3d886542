"""SHACL validation with the project's shapes, and its results mapped back to letters.

pySHACL has a high fixed cost per call, so letters are validated in batches: the
graphs of a batch are merged, validated once, and every result is given back to the
letters whose graph describes the result's focus node.

pySHACL runs a SHACL-SPARQL constraint once per focus node with the same query text,
and rdflib parses that text anew each time: parsing was most of the validation time.
The batch is therefore validated in place in a :class:`PreparedQueryGraph`, which
parses each distinct query text once and reuses it with the focus node bound.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from typing import Any

import pyshacl
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import SH
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


def _message(results: Graph, node: Node) -> str:
    """The English message if there is one, else any message."""
    messages = [m for m in results.objects(node, SH.resultMessage) if isinstance(m, Literal)]
    english = [m for m in messages if m.language == "en"]
    return str((english or messages or [Literal("")])[0])


def findings(data: Graph) -> list[Finding]:
    """Validate ``data`` against the shapes; every result as a :class:`Finding`.

    ``data`` is validated in place (nothing is inferred, so it is not changed); pass a
    :class:`PreparedQueryGraph` for speed.
    """
    _, results, _ = pyshacl.validate(data, shacl_graph=shapes_graph(), inference="none",
                                     allow_warnings=True, inplace=True)
    out = []
    for node in results.subjects(SH.resultSeverity, None):
        severity = str(results.value(node, SH.resultSeverity)).rsplit("#", 1)[-1]
        path = results.value(node, SH.resultPath)
        out.append(Finding(severity, str(results.value(node, SH.sourceShape)),
                           str(results.value(node, SH.focusNode)),
                           str(path) if isinstance(path, URIRef) else None,
                           _message(results, node)))
    return sorted(out, key=lambda f: (f.shape, f.focus, f.path or "", f.message))


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
