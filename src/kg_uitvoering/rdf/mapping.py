"""One letter's record as RDF, in the public vocabulary of ``ontology/kg-uitvoering.ttl``.

``letter_graph(record, iris)`` returns the letter's IRI and an rdflib Graph with its
triples: the letter, its dossiers and zaak, signatures with persons and posts,
citations (plain ``eli:cites`` and qualified ``kgu:Citation``), organisations
(``kgu:mentions`` and qualified ``kgu:Mention``), dilemmas, commitments, other
references, the passage behind every extracted item and the conversion's provenance.
Each node the letter refers to carries its ``rdf:type`` in the same graph, so that
SHACL's ``sh:class`` can check it letter by letter. No timestamps: the same record
gives the same triples.
"""

from __future__ import annotations

from collections.abc import Iterable

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, OWL, PROV, RDF, RDFS, SKOS, XSD

from .. import __version__
from ..model import KamerstukRef, LetterRecord, Passage, Post
from .iris import Iris, display_name, within
from .terms import (
    CITO,
    COMMITMENT_KINDS,
    ELI,
    KGU,
    OA,
    ORG,
    REFERENCE_TYPES,
    ROLES,
    SCHEMA,
    SOFTWARE,
    ministry_of,
    tooi_identifier,
)

CHAMBERS = {"Tweede Kamer": "Tweede Kamer der Staten-Generaal",
            "Eerste Kamer": "Eerste Kamer der Staten-Generaal"}
CONTEXT = 32  # characters of prefix and suffix in a TextQuoteSelector


def ob_page(ref: KamerstukRef) -> URIRef:
    """The officielebekendmakingen page of a Kamerstuk."""
    return URIRef(f"https://zoek.officielebekendmakingen.nl/kst-{ref.dossier}-{ref.ondernummer}")


class Mapper:
    """Adds triples to a graph, with the shared nodes (dossiers, Kamerstukken, persons,
    posts, organisations) each typed and labelled the same way wherever they occur."""

    def __init__(self, iris: Iris) -> None:
        self.iris = iris
        self.g = Graph()

    def add(self, s: URIRef, p: URIRef, o: URIRef | Literal | str | None) -> None:
        if o is None:
            return
        self.g.add((s, p, o if isinstance(o, URIRef | Literal) else Literal(o)))

    def dossier(self, dossier: str, title: str | None = None) -> URIRef:
        node = self.iris.dossier(dossier)
        self.add(node, RDF.type, KGU.Dossier)
        self.add(node, KGU.dossierNumber, dossier)
        self.add(node, DCTERMS.title, title)
        return node

    def kamerstuk(self, ref: KamerstukRef, also: Iterable[str] = ()) -> URIRef:
        """A Kamerstuk (or, without ondernummer, its dossier) with its dossiers."""
        if ref.ondernummer is None:
            return self.dossier(ref.dossier)
        node = self.iris.kamerstuk(ref)
        self.add(node, RDF.type, KGU.Kamerstuk)
        self.add(node, KGU.dossierNumber, ref.dossier)
        self.add(node, KGU.ondernummer, ref.ondernummer)
        self.add(node, RDFS.seeAlso, ob_page(ref))
        for dossier in (ref.dossier, *also):
            self.add(node, ELI.is_part_of, self.dossier(dossier))
        return node

    def organisation(self, name: str, abbr: str | None = None) -> URIRef:
        node = self.iris.organisation(name)
        self.add(node, RDF.type, ORG.Organization)
        self.add(node, SKOS.prefLabel, name)
        self.add(node, SKOS.altLabel, abbr)
        self.add(node, OWL.sameAs, tooi_identifier(name))
        return node

    def post(self, post: Post) -> URIRef:
        node = self.iris.post(post.role, post.of)
        role = ROLES[post.role]
        self.add(node, RDF.type, ORG.Post)
        self.add(node, ORG.role, role)
        self.add(node, KGU.portfolio, post.of)
        self.add(node, SKOS.prefLabel, post.role + (f" van {post.of}" if post.of else ""))
        ministry = ministry_of(post.of)
        if ministry is not None:
            self.add(node, ORG.postIn, self.organisation(ministry))
        return node

    def person(self, name: str) -> URIRef:
        node = self.iris.person(name)
        self.add(node, RDF.type, FOAF.Person)
        self.add(node, FOAF.name, display_name(name))
        return node


class LetterMapper(Mapper):
    """Adds one letter's triples to a graph; small helpers keep each part readable."""

    def __init__(self, record: LetterRecord, iris: Iris) -> None:
        super().__init__(iris)
        self.record = record
        self.letter = iris.letter(record)

    def passage(self, item: URIRef, passage: Passage | None) -> None:
        """``item prov:wasDerivedFrom <letter/passage/start-end>`` with both selectors."""
        if passage is None:
            return
        text = self.record.text
        node = within(self.letter, "passage", f"{passage.start}-{passage.end}")
        self.add(item, PROV.wasDerivedFrom, node)
        if (node, RDF.type, KGU.Passage) in self.g:
            return
        quote, position = within(node, "quote"), within(node, "position")
        for t in (KGU.Passage, OA.SpecificResource):
            self.add(node, RDF.type, t)
        self.add(node, OA.hasSource, self.letter)
        self.add(node, OA.hasSelector, quote)
        self.add(node, OA.hasSelector, position)
        self.add(quote, RDF.type, OA.TextQuoteSelector)
        self.add(quote, OA.exact, passage.quote)
        self.add(quote, OA.prefix, text[max(0, passage.start - CONTEXT):passage.start])
        self.add(quote, OA.suffix, text[passage.end:passage.end + CONTEXT])
        self.add(position, RDF.type, OA.TextPositionSelector)
        self.add(position, OA.start, Literal(passage.start, datatype=XSD.nonNegativeInteger))
        self.add(position, OA.end, Literal(passage.end, datatype=XSD.nonNegativeInteger))

    def qualified(self, name: tuple[str, int], cls: URIRef, link: tuple[URIRef, URIRef],
                  roles: tuple[URIRef, URIRef], passages: Iterable[Passage]) -> None:
        """The plain link ``letter link[0] link[1]`` and its qualified form: a node of
        ``cls`` that names the letter and the target by ``roles``, with its passages."""
        node = within(self.letter, *name)
        self.add(self.letter, *link)
        self.add(node, RDF.type, cls)
        self.add(node, roles[0], self.letter)
        self.add(node, roles[1], link[1])
        for passage in passages:
            self.passage(node, passage)

    def item(self, name: str, key: object, link: URIRef, cls: URIRef) -> URIRef:
        """A letter-scoped node ``<letter>/name/key`` of ``cls``, linked from the letter."""
        node = within(self.letter, name, key)
        self.add(self.letter, link, node)
        self.add(node, RDF.type, cls)
        return node


def letter_graph(record: LetterRecord, iris: Iris) -> tuple[URIRef, Graph]:
    """The IRI of the letter and the graph of its triples."""
    m = LetterMapper(record, iris)
    _document(m)
    _signatures(m)
    _citations(m)
    _mentions(m)
    _dilemmas_and_commitments(m)
    _other_references(m)
    _provenance(m)
    return m.letter, m.g


def _document(m: LetterMapper) -> None:
    doc, letter = m.record.document, m.letter
    m.add(letter, RDF.type, KGU.Letter)
    if doc.kamerstuk is not None and doc.kamerstuk.ondernummer is not None:
        m.kamerstuk(doc.kamerstuk, doc.also_dossiers)
        m.add(m.iris.dossier(doc.kamerstuk.dossier), DCTERMS.title, doc.dossier_title)
    m.add(letter, DCTERMS.title, doc.title)
    if doc.date:
        m.add(letter, ELI.date_document, Literal(doc.date, datatype=XSD.date))
    m.add(letter, KGU.vergaderjaar, doc.vergaderjaar)
    m.add(letter, KGU.documentNumber, doc.documentnummer)
    if doc.zaak:
        zaak = m.iris.zaak(doc.zaak)
        m.add(letter, KGU.zaak, zaak)
        m.add(zaak, RDF.type, KGU.Zaak)
        m.add(zaak, KGU.zaakNumber, doc.zaak)
    if doc.chamber in CHAMBERS:
        m.add(letter, KGU.addressedTo, m.organisation(CHAMBERS[doc.chamber]))
    m.add(letter, KGU.letterText, m.record.text)
    for post in doc.sender_posts:
        m.add(letter, KGU.senderPost, m.post(post))


def _signatures(m: LetterMapper) -> None:
    for i, signer in enumerate(m.record.signers, start=1):
        node = m.item("signature", i, KGU.hasSignature, KGU.Signature)
        person = m.person(signer.name)
        m.add(node, KGU.position, Literal(i, datatype=XSD.integer))
        m.add(node, KGU.signer, person)
        m.add(node, KGU.post, m.post(Post(signer.role, signer.of)))
        m.add(m.letter, DCTERMS.creator, person)
        m.passage(node, signer.passage)


def _citations(m: LetterMapper) -> None:
    for i, citation in enumerate(m.record.citations, start=1):
        cited = m.kamerstuk(KamerstukRef(citation.dossier, citation.ondernummer),
                            citation.also_dossiers)
        m.qualified(("citation", i), KGU.Citation, (ELI.cites, cited),
                    (CITO.hasCitingEntity, CITO.hasCitedEntity), citation.passages)


def _mentions(m: LetterMapper) -> None:
    for i, org in enumerate(m.record.organisations, start=1):
        node = m.organisation(org.name, org.abbr)
        m.add(node, KGU.organisationKind, org.kind)
        m.qualified(("mention", i), KGU.Mention, (KGU.mentions, node),
                    (KGU.mentionIn, KGU.mentionOf), org.passages)


def _dilemmas_and_commitments(m: LetterMapper) -> None:
    for dilemma in m.record.dilemmas:
        node = m.item("dilemma", dilemma.number, KGU.raisesDilemma, KGU.Dilemma)
        m.add(node, KGU.number, Literal(dilemma.number, datatype=XSD.integer))
        m.add(node, SKOS.prefLabel, dilemma.title)
        m.passage(node, dilemma.passage)
    signers = m.record.signers
    agent = (Post(signers[0].role, signers[0].of) if signers
             else next(iter(m.record.document.sender_posts), None))
    for i, commitment in enumerate(m.record.commitments, start=1):
        node = m.item("commitment", i, KGU.hasCommitment, KGU.Commitment)
        m.add(node, KGU.commitmentKind, COMMITMENT_KINDS[commitment.kind])
        m.add(node, KGU.text, commitment.quote)
        m.add(node, KGU.dueText, commitment.due)
        rng = commitment.due_range
        if rng is not None:
            for prop, value in ((KGU.dueStart, rng.earliest), (KGU.dueEnd, rng.latest),
                                (KGU.dueDate, rng.latest)):
                if value:
                    m.add(node, prop, Literal(value, datatype=XSD.date))
        if agent is not None:
            m.add(node, SCHEMA.agent, m.post(agent))
        if commitment.origin is not None:
            m.add(node, KGU.origin, m.kamerstuk(commitment.origin))
        m.passage(node, commitment.passage)


def _other_references(m: LetterMapper) -> None:
    for i, ref in enumerate(m.record.other_references, start=1):
        node = m.item("reference", i, KGU.hasOtherReference, KGU.OtherReference)
        m.add(node, KGU.referenceType, REFERENCE_TYPES[ref.type])
        m.add(node, KGU.text, ref.text)
        m.passage(node, ref.passage)


def _provenance(m: LetterMapper) -> None:
    source = m.record.source
    run = within(m.letter, "conversion")
    file = within(m.letter, "source", source.sha256[:16])
    m.add(m.letter, KGU.conversion, run)
    m.add(run, RDF.type, KGU.Conversion)
    m.add(run, RDF.type, PROV.Activity)
    m.add(run, PROV.used, file)
    software = SOFTWARE[__version__]
    m.add(run, PROV.wasAssociatedWith, software)
    m.add(software, RDF.type, PROV.SoftwareAgent)
    m.add(software, RDFS.label, "kg-uitvoering")
    m.add(software, SCHEMA.softwareVersion, __version__)
    m.add(file, RDF.type, KGU.SourceFile)
    m.add(file, KGU.fileName, source.path.replace("\\", "/").rsplit("/", 1)[-1])
    m.add(file, KGU.sha256, source.sha256)
    m.add(file, KGU.rendering, source.rendering)
