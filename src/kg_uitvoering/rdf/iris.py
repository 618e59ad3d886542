"""Readable, deterministic IRIs for everything in the graph.

Under a configurable base (default ``https://w3id.org/kg-uitvoering/id/``):
``kamerstuk/29362/318``, ``dossier/29362``, ``zaak/2022Z26159``, ``document/2022D56402``
(letters without a Kamerstuk number), ``person/ac-van-huffelen``, ``post/staatssecretaris-
binnenlandse-zaken-en-koninkrijksrelaties``, ``organisation/rijksdienst-voor-
identiteitsgegevens`` and letter-scoped ones such as ``kamerstuk/29362/318/commitment/1``
and ``.../passage/1234-1310``. The same name always gives the same IRI, so a Kamerstuk
that one letter cites and another letter is, or a person who signs several letters, is
one node: the graph links up.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from rdflib import URIRef

from ..model import KamerstukRef, LetterRecord

DEFAULT_BASE = "https://w3id.org/kg-uitvoering/id/"


def slug(text: str) -> str:
    """ "Binnenlandse Zaken en Koninkrijksrelaties" -> "binnenlandse-zaken-en-koninkrijksrelaties"."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "x"


def person_key(name: str) -> str:
    """One key for the ways a name is printed: "J. S. J. Hillen" and "J.S.J. Hillen" ->
    "jsj-hillen"; leading initials are joined, the rest is slugged."""
    tokens = name.replace(".", ". ").split()
    initials = ""
    while tokens and re.fullmatch(r"(?:[A-Z][a-z]{0,2}\.)+", tokens[0]):
        initials += tokens.pop(0).replace(".", "").lower()
    rest = slug(" ".join(tokens))
    return f"{slug(initials)}-{rest}" if initials else rest


def display_name(name: str) -> str:
    """One spelling for a shared person node: "J. S. J. Hillen" -> "J.S.J. Hillen" (the
    signature's own passage keeps the name as printed)."""
    return re.sub(r"(?<=\.)\s+(?=(?:Ch|Th|Ph|[A-Z])\.)", "", " ".join(name.split()))


@dataclass(frozen=True)
class Iris:
    """Mints IRIs under one base."""

    base: str = DEFAULT_BASE

    def _iri(self, path: str) -> URIRef:
        return URIRef(self.base + path)

    def dossier(self, dossier: str) -> URIRef:
        return self._iri(f"dossier/{dossier}")

    def kamerstuk(self, ref: KamerstukRef) -> URIRef:
        if ref.ondernummer is None:
            return self.dossier(ref.dossier)
        return self._iri(f"kamerstuk/{ref.dossier}/{ref.ondernummer}")

    def zaak(self, number: str) -> URIRef:
        return self._iri(f"zaak/{number}")

    def person(self, name: str) -> URIRef:
        return self._iri(f"person/{person_key(name)}")

    def post(self, role: str, portfolio: str | None) -> URIRef:
        return self._iri(f"post/{slug(role)}" + (f"-{slug(portfolio)}" if portfolio else ""))

    def organisation(self, name: str) -> URIRef:
        return self._iri(f"organisation/{slug(name)}")

    def letter(self, record: LetterRecord) -> URIRef:
        """The Kamerstuk number where there is one, else the TK document number, else a
        stable name from the source file's checksum."""
        doc = record.document
        if doc.kamerstuk is not None and doc.kamerstuk.ondernummer is not None:
            return self.kamerstuk(doc.kamerstuk)
        if doc.documentnummer:
            return self._iri(f"document/{doc.documentnummer}")
        return self._iri(f"letter/{record.source.sha256[:16]}")

    def toezegging(self, key: str) -> URIRef:
        """A record of the Kamer's commitment register, by its Nummer (or Id)."""
        return self._iri("toezegging/" + re.sub(r"[^A-Za-z0-9._-]+", "-", key))

    def register_graph(self) -> URIRef:
        """The named graph that holds the commitment register's records."""
        return self._iri("graph/register")

    def graph(self, letter: URIRef) -> URIRef:
        """The named graph that holds one letter's triples."""
        return self._iri("graph/" + str(letter).removeprefix(self.base))


def within(letter: URIRef, *parts: object) -> URIRef:
    """A letter-scoped IRI: ``within(letter, "commitment", 1)`` -> ``<letter>/commitment/1``."""
    return URIRef("/".join([str(letter), *map(str, parts)]))
