"""Link the Kamer's registered commitments to the commitments extracted from letters.

The build is streaming, so matching never needs the corpus graph: each letter leaves a
compact :class:`LetterSummary` (its IRI, documentnummer, Kamerstuk, ministries and, per
commitment, IRI, kind and quote), the main process keeps those in a :class:`LetterIndex`
and links every register record after the letters.

A register record and an extracted commitment match when

1. their ministries agree: the record's ``Ministerie`` (a name or an abbreviation,
   resolved through the gazetteer; else the portfolio of its ``Functie``) is one of
   the ministries of the letter's signers and sender posts (a record or a letter
   without a known ministry is not held back); and
2. their ``score`` reaches :data:`THRESHOLD`. The score is the word overlap (the Dice
   coefficient ``2|A∩B| / (|A|+|B|)`` of the content-word stems of the record's
   ``Tekst`` and the commitment's quote), plus :data:`FULFILMENT_BONUS` for a fulfilled
   commitment in the letter that ``KamerbriefNakoming`` names (the Kamer says that letter
   fulfils the record, the letter says it fulfils a commitment: a strong match).

Content words: lower case, letters only, not in ``data/gazetteer/stopwords-nl.txt`` (Dutch function words
and the words every commitment uses: "Kamer", "informeren", "brief" ...), stemmed
crudely by dropping a plural or inflection ending and keeping the first
:data:`STEM_LENGTH` letters, so "uitkomsten" and "uitkomst" are one word.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

from rdflib import URIRef

from ..model import KamerstukRef, LetterRecord, Links, Match, Toezegging
from ..rdf.iris import within
from ..rdf.terms import ministry_named

THRESHOLD = 0.35
FULFILMENT_BONUS = 0.6
STEM_LENGTH = 6
ENDINGS = ("heden", "ingen", "ing", "en", "es", "e", "s")


@cache
def stopwords() -> frozenset[str]:
    """``data/gazetteer/stopwords-nl.txt``: Dutch function words and commitment words."""
    source = files("kg_uitvoering").joinpath("data", "stopwords-nl.txt").read_text("utf-8")
    return frozenset(w for line in source.splitlines() for w in line.split("#")[0].split())


def stems(text: str) -> frozenset[str]:
    """The content-word stems of ``text``."""
    found = set()
    for word in re.findall(r"[^\W\d_]+", text.casefold()):
        if word in stopwords() or len(word) < 3:
            continue
        for ending in ENDINGS:
            if word.endswith(ending) and len(word) - len(ending) >= 4:
                word = word[: -len(ending)]
                break
        found.add(word[:STEM_LENGTH])
    return frozenset(found)


def overlap(a: frozenset[str], b: frozenset[str]) -> float:
    """The Dice coefficient of two stem sets (0 when either is empty)."""
    return 2 * len(a & b) / (len(a) + len(b)) if a and b else 0.0


def ministry_key(name: str | None) -> str | None:
    """One key for the ways a ministry is named: "BZK", "Binnenlandse Zaken en
    Koninkrijksrelaties" and "Ministerie van Binnenlandse Zaken en Koninkrijksrelaties"
    give the gazetteer's name; an unknown name is kept, case-folded."""
    if not name:
        return None
    return ministry_named(name) or name.strip().casefold()


@dataclass(frozen=True)
class CommitmentSummary:
    iri: str
    kind: str
    stems: frozenset[str]


@dataclass(frozen=True)
class LetterSummary:
    """What the register needs to know of one letter in the graph."""

    iri: str
    documentnummer: str | None
    kamerstuk: KamerstukRef | None
    ministries: frozenset[str]
    commitments: tuple[CommitmentSummary, ...]


def summarise(record: LetterRecord, letter: str) -> LetterSummary:
    """The summary of a mapped letter (commitment IRIs as the mapping mints them)."""
    posts = [s.of for s in record.signers] + [p.of for p in record.document.sender_posts]
    ministries = frozenset(k for k in map(ministry_key, posts) if k)
    commitments = tuple(
        CommitmentSummary(str(within(URIRef(letter), "commitment", i)), c.kind, stems(c.quote))
        for i, c in enumerate(record.commitments, start=1))
    doc = record.document
    return LetterSummary(letter, doc.documentnummer, doc.kamerstuk, ministries, commitments)


class LetterIndex:
    """The summaries of the letters in the graph, indexed for matching."""

    def __init__(self) -> None:
        self.letters: list[LetterSummary] = []
        self.by_number: dict[str, int] = {}
        self.by_kamerstuk: dict[KamerstukRef, int] = {}
        self.by_stem: dict[str, list[tuple[int, int]]] = defaultdict(list)

    def add(self, summary: LetterSummary) -> None:
        i = len(self.letters)
        self.letters.append(summary)
        if summary.documentnummer:
            self.by_number.setdefault(summary.documentnummer, i)
        if summary.kamerstuk is not None and summary.kamerstuk.ondernummer:
            self.by_kamerstuk.setdefault(summary.kamerstuk, i)
        for j, commitment in enumerate(summary.commitments):
            for stem in commitment.stems:
                self.by_stem[stem].append((i, j))

    def fulfilling(self, record: Toezegging) -> list[int]:
        """The letters in the graph that ``KamerbriefNakoming`` names."""
        found = [self.by_number.get(n) for n in record.fulfilment_documents]
        found += [self.by_kamerstuk.get(k) for k in record.fulfilment_kamerstukken]
        return list(dict.fromkeys(i for i in found if i is not None))

    def link(self, record: Toezegging) -> Links:
        fulfilling = self.fulfilling(record)
        words = stems(record.text)
        ministry = ministry_key(record.ministry or (record.post.of if record.post else None))
        candidates = {pair for stem in words for pair in self.by_stem.get(stem, [])}
        candidates |= {(i, j) for i in fulfilling for j in range(len(self.letters[i].commitments))}
        matches = []
        for i, j in sorted(candidates):
            letter = self.letters[i]
            if ministry and letter.ministries and ministry not in letter.ministries:
                continue
            commitment = letter.commitments[j]
            share = overlap(words, commitment.stems)
            bonus = FULFILMENT_BONUS if i in fulfilling and commitment.kind == "fulfilled" else 0
            if share + bonus >= THRESHOLD:
                matches.append(Match(commitment.iri, round(share + bonus, 3), round(share, 3)))
        matches.sort(key=lambda m: (-m.score, m.commitment))
        return Links([self.letters[i].iri for i in fulfilling], matches)
