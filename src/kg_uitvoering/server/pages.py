"""What the HTML pages show, built from a resource's description: its properties with
readable labels and links, and, for a letter, its text with every extracted passage
marked and linked. Templates in ``templates/`` only lay this out."""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any

from rdflib import BNode, Graph, URIRef
from rdflib.namespace import DCTERMS, FOAF, RDF, RDFS, SKOS

from .site import ONTOLOGY, Site, Value

KGU = ONTOLOGY + "#"
LABELS = (SKOS.prefLabel, FOAF.name, DCTERMS.title, RDFS.label)
# The page a class gets (its template), first match wins: a letter is a Kamerstuk too.
KINDS = [(KGU + "Letter", "letter"), (KGU + "Commitment", "commitment"), (str(FOAF.Person), "person"),
         (KGU + "Kamerstuk", "timeline"), (KGU + "Dossier", "timeline"),
         ("http://www.w3.org/ns/org#Post", "timeline"), ("http://www.w3.org/ns/org#Organization", "timeline")]
HIDDEN = {KGU + "letterText"}  # shown as the marked text, not in the table


@dataclass
class Segment:
    """A stretch of the letter text; ``mark`` names the kind of the innermost passage."""

    text: str
    mark: str | None = None
    href: str | None = None
    title: str | None = None


@dataclass
class Page:
    iri: str
    label: str
    types: list[Value]
    properties: list[tuple[Value, list[Value]]]
    kind: str = "resource"
    extra: dict[str, Any] = field(default_factory=dict)


def label_of(graph: Graph, node: URIRef) -> str | None:
    for predicate in LABELS:
        for value in graph.objects(node, predicate):
            return str(value)
    return None


def value(site: Site, graph: Graph, node: Any) -> Value:
    if isinstance(node, URIRef):
        iri = str(node)
        return Value(label_of(graph, node) or site.term_label(iri), site.local(iri), iri)
    if isinstance(node, BNode):
        parts = [f"{site.term_label(str(p))}: {o}" for p, o in sorted(graph.predicate_objects(node), key=str)
                 if p != RDF.type]
        return Value("[" + "; ".join(parts) + "]")
    return Value(str(node))


def page(site: Site, graph: Graph, iri: str) -> Page:
    """The page of ``iri`` from its description ``graph``."""
    node = URIRef(iri)
    types = [value(site, graph, t) for t in sorted(graph.objects(node, RDF.type), key=str)]
    grouped: dict[str, list[Value]] = {}
    for predicate, obj in sorted(graph.predicate_objects(node), key=lambda po: (str(po[0]), str(po[1]))):
        if predicate != RDF.type and str(predicate) not in HIDDEN:
            grouped.setdefault(str(predicate), []).append(value(site, graph, obj))
    properties = [(Value(site.term_label(p), site.local(p), p), values)
                  for p, values in grouped.items()]
    classes = {t.iri for t in types}
    kind = next((name for cls, name in KINDS if cls in classes), "resource")
    return Page(iri, label_of(graph, node) or site.short(iri), types, properties, kind)


MARKS = {KGU + "Signature": "signer", KGU + "Mention": "organisation", KGU + "Citation": "citation",
         KGU + "Dilemma": "dilemma", KGU + "OtherReference": "reference",
         KGU + "NewCommitment": "commitment-new", KGU + "FulfilledCommitment": "commitment-fulfilled",
         KGU + "PostponedCommitment": "commitment-postponed"}


def _mark(passage: dict[str, str | None]) -> str | None:
    return MARKS.get(passage["kind"] or "") or MARKS.get(passage["class"] or "")


def segments(site: Site, text: str, passages: list[dict[str, str | None]]) -> list[Segment]:
    """The letter text cut at every passage boundary; each piece carries the mark and the
    link of the shortest passage that covers it (a citation inside a commitment links to
    the cited Kamerstuk)."""
    spans = []
    for p in passages:
        start, end = int(p["start"] or 0), int(p["end"] or 0)
        mark = _mark(p)
        if mark and 0 <= start < end <= len(text):
            spans.append((start, end, mark, p["target"] or p["item"] or "", p["item"] or ""))
    cuts = sorted({0, len(text), *(s[0] for s in spans), *(s[1] for s in spans)})
    out: list[Segment] = []
    for a, b in pairwise(cuts):
        covering = [s for s in spans if s[0] <= a and b <= s[1]]
        if not covering:
            out.append(Segment(text[a:b]))
            continue
        start, end, mark, target, item = min(covering, key=lambda s: s[1] - s[0])
        out.append(Segment(text[a:b], mark, site.local(target), site.short(item)))
    return out


def letter_extra(site: Site, graph: Graph, iri: str) -> dict[str, Any]:
    """The marked text and the items of a letter, by kind."""
    text = next((str(o) for o in graph.objects(URIRef(iri), URIRef(KGU + "letterText"))), "")
    passages = site.run("letter-passages", {"letter": iri}).records()
    items: dict[str, dict[str, str]] = {}  # mark -> link -> the first passage's words
    for p in sorted(passages, key=lambda p: int(p["start"] or 0)):
        mark = _mark(p)
        if mark and p["item"]:
            quote = " ".join(text[int(p["start"] or 0):int(p["end"] or 0)].split())
            items.setdefault(mark, {}).setdefault(site.local(p["target"] or p["item"]), quote)
    official = [str(o) for o in graph.objects(URIRef(iri), RDFS.seeAlso)]
    marked = {mark: list(links.items()) for mark, links in items.items()}
    return {"segments": segments(site, text, passages), "marked": marked, "official": official}
