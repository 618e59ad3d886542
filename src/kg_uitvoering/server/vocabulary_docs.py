"""HTML documentation of the ontology and the shapes, made from their own labels,
comments and constraints, so that ``https://w3id.org/kg-uitvoering/def#Letter`` lands
on a readable entry (``/def#Letter``)."""

from __future__ import annotations

from dataclasses import dataclass, field

from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SH, SKOS
from rdflib.term import Node

from .site import Site, Value

GROUPS = [(OWL.Class, "Klassen"), (OWL.ObjectProperty, "Relaties"),
          (OWL.DatatypeProperty, "Eigenschappen"), (SKOS.Concept, "Begrippen")]


@dataclass
class Entry:
    anchor: str
    iri: str
    labels: dict[str, str]
    comments: dict[str, str]
    facts: list[tuple[str, list[Value]]] = field(default_factory=list)


def _texts(graph: Graph, node: Node, *predicates: URIRef) -> dict[str, str]:
    return {getattr(o, "language", None) or "": str(o) for p in predicates for o in graph.objects(node, p)}


def _anchor(iri: str) -> str:
    return iri.rsplit("#", 1)[-1] if "#" in iri else iri.rsplit("/", 1)[-1]


def _facts(site: Site, graph: Graph, node: URIRef, predicates: list[URIRef]) -> list[tuple[str, list[Value]]]:
    facts = []
    for predicate in predicates:
        values = [Value(site.term_label(str(o)), site.local(str(o))) if isinstance(o, URIRef)
                  else Value(str(o)) for o in sorted(graph.objects(node, predicate), key=str)]
        if values:
            facts.append((site.term_label(str(predicate)), values))
    return facts


def ontology_sections(site: Site, graph: Graph) -> list[tuple[str, list[Entry]]]:
    """Classes, properties and concepts of our namespace, each with its labels,
    comments, and where it sits (super class, domain, range, scheme)."""
    namespace = "https://w3id.org/kg-uitvoering/def#"
    related = [RDFS.subClassOf, RDFS.subPropertyOf, RDFS.domain, RDFS.range, SKOS.inScheme]
    sections = []
    for kind, title in GROUPS:
        entries = [Entry(_anchor(str(s)), str(s), _texts(graph, s, RDFS.label, SKOS.prefLabel),
                         _texts(graph, s, RDFS.comment, SKOS.definition),
                         _facts(site, graph, s, related))
                   for s in sorted(set(graph.subjects(RDF.type, kind)), key=str)
                   if isinstance(s, URIRef) and str(s).startswith(namespace)]
        sections.append((title, entries))
    return sections


def shape_sections(site: Site, graph: Graph) -> list[tuple[str, list[Entry]]]:
    """Every node shape with its target, and every constraint with its message."""
    entries = []
    for shape in sorted(set(graph.subjects(RDF.type, SH.NodeShape)), key=str):
        if not isinstance(shape, URIRef):
            continue
        entry = Entry(_anchor(str(shape)), str(shape), _texts(graph, shape, RDFS.label),
                      _texts(graph, shape, RDFS.comment), _facts(site, graph, shape, [SH.targetClass]))
        for constraint in graph.objects(shape, SH.property):
            path = graph.value(constraint, SH.path)
            messages = _texts(graph, constraint, SH.message)
            label = site.term_label(str(path)) if isinstance(path, URIRef) else "pad"
            entry.facts.append((label, [Value(messages.get("nl") or messages.get("en") or "")]))
        entries.append(entry)
    return [("Shapes", entries)]
