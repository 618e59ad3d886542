"""A record of the Kamer's commitment register as RDF, beside the letters' graphs.

``toezegging_graph(record, links, iris)`` gives the record's IRI
(``toezegging/<Nummer or Id>``) and its triples: a ``kgu:RegisteredCommitment`` with
text, status, ministry, due date, person and post, activity, the fulfilling letter as
registered (and as found in the graph: ``kgu:fulfilledBy``), the matched commitments
(``kgu:matchesCommitment``, qualified by ``kgu:CommitmentMatch`` nodes
``toezegging/<key>/match/<n>`` with the score) and where the record came from. The
ministry, post and person are the same nodes the letters use. The build writes every
record's triples into one named graph, ``graph/register``.
"""

from __future__ import annotations

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, XSD

from ..model import Links, Toezegging
from .iris import Iris, within
from .mapping import Mapper
from .terms import KGU, REGISTER_STATUSES, SCHEMA, ministry_named


def toezegging_graph(record: Toezegging, links: Links, iris: Iris) -> tuple[URIRef, Graph]:
    """The IRI of the register record and the graph of its triples."""
    m = Mapper(iris)
    node = iris.toezegging(record.key)
    m.add(node, RDF.type, KGU.RegisteredCommitment)
    m.add(node, KGU.registerNumber, record.key if record.key != record.identifier else None)
    m.add(node, DCTERMS.identifier, record.identifier)
    m.add(node, KGU.text, record.text)
    m.add(node, KGU.registerStatus, REGISTER_STATUSES.get(record.status or ""))
    if record.ministry:
        m.add(node, KGU.ministryName, record.ministry)
        ministry = ministry_named(record.ministry)
        m.add(node, KGU.ministry, m.organisation(ministry) if ministry else None)
    for prop, day in ((KGU.registeredDueDate, record.due), (DCTERMS.created, record.created)):
        m.add(node, prop, Literal(day, datatype=XSD.date) if day else None)
    m.add(node, DCTERMS.creator, m.person(record.person) if record.person else None)
    m.add(node, KGU.functionText, record.function)
    m.add(node, SCHEMA.agent, m.post(record.post) if record.post else None)
    m.add(node, KGU.activityNumber, record.activity)
    m.add(node, KGU.fulfilmentText, record.fulfilment)
    for letter in links.fulfilled_by:
        m.add(node, KGU.fulfilledBy, URIRef(letter))
    for i, match in enumerate(links.matches, start=1):
        qualified = within(node, "match", i)
        commitment = URIRef(match.commitment)
        m.add(node, KGU.matchesCommitment, commitment)
        m.add(qualified, RDF.type, KGU.CommitmentMatch)
        m.add(qualified, KGU.matchOf, node)
        m.add(qualified, KGU.matchedCommitment, commitment)
        m.add(qualified, KGU.matchScore, Literal(f"{match.score:.3f}", datatype=XSD.decimal))
        m.add(qualified, KGU.wordOverlap, Literal(f"{match.overlap:.3f}", datatype=XSD.decimal))
    m.add(node, DCTERMS.source, URIRef(record.url) if record.url else None)
    if record.retrieved:
        m.add(node, KGU.retrievedAt, Literal(record.retrieved, datatype=XSD.dateTime))
    return node, m.g
