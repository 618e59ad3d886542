"""Plain dataclasses for one extracted letter: the record every later step works from;
and for a record of the Kamer's commitment register with what it links to.

The JSON shape (:meth:`LetterRecord.to_json`) follows the gold annotations of
``GUIDELINES.md`` field for field and adds, for every extracted item, the passage it
was found in (``{"start", "end", "quote"}``: offsets into ``text``) and, for the letter,
its normalised ``text``, its ``source`` (file, rendering, SHA-256) and ``warnings``.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

CommitmentKind = Literal["new", "fulfilled", "postponed"]
ReferenceType = Literal["handelingen", "aanhangsel", "tk-document", "tk-zaak", "eu", "url", "other"]


@dataclass(frozen=True)
class Passage:
    """A stretch of the letter text: ``text[start:end] == quote``."""

    start: int
    end: int
    quote: str


@dataclass(frozen=True)
class KamerstukRef:
    """A Kamerstuk number: dossier (normalised, "34775-A") and ondernummer ("61", "E")."""

    dossier: str
    ondernummer: str | None = None

    def __str__(self) -> str:
        return self.dossier + (f", nr. {self.ondernummer}" if self.ondernummer else "")


@dataclass
class DocumentInfo:
    kamerstuk: KamerstukRef | None = None
    also_dossiers: list[str] = field(default_factory=list)
    dossier_title: str | None = None
    title: str | None = None
    date: str | None = None
    vergaderjaar: str | None = None
    documentnummer: str | None = None
    zaak: str | None = None
    chamber: str | None = None
    sender_posts: list[Post] = field(default_factory=list)


@dataclass(frozen=True)
class Post:
    """A government post: role ("Minister") and portfolio ("Buitenlandse Zaken")."""

    role: str
    of: str | None


@dataclass
class Signer:
    name: str
    role: str
    of: str | None
    passage: Passage | None = None


@dataclass
class Citation:
    dossier: str
    ondernummer: str | None
    also_dossiers: list[str] = field(default_factory=list)
    passages: list[Passage] = field(default_factory=list)

    @property
    def key(self) -> tuple[str, str | None]:
        return (self.dossier, self.ondernummer)


@dataclass
class OtherReference:
    type: ReferenceType
    text: str
    passage: Passage | None = None


@dataclass
class Organisation:
    name: str
    abbr: str | None = None
    kind: str | None = None
    passages: list[Passage] = field(default_factory=list)


@dataclass
class Dilemma:
    number: int
    title: str
    passage: Passage | None = None


@dataclass
class DueDate:
    """A due expression normalised to a date range (ISO dates, either end may be open)."""

    earliest: str | None
    latest: str | None


@dataclass
class Commitment:
    kind: CommitmentKind
    quote: str
    due: str | None
    passage: Passage | None = None
    due_range: DueDate | None = None
    origin: KamerstukRef | None = None


@dataclass
class SourceInfo:
    path: str
    rendering: str
    sha256: str


@dataclass(frozen=True)
class Toezegging:
    """One commitment as the Kamer registers it."""

    key: str  # Nummer, else Id: names the record's IRI
    text: str
    identifier: str | None = None
    status: str | None = None
    ministry: str | None = None  # as registered
    due: str | None = None  # DatumNakoming, ISO date
    created: str | None = None  # Aanmaakdatum, ISO date
    fulfilment: str | None = None  # KamerbriefNakoming as registered
    fulfilment_documents: tuple[str, ...] = ()
    fulfilment_kamerstukken: tuple[KamerstukRef, ...] = ()
    person: str | None = None
    function: str | None = None
    post: Post | None = None
    activity: str | None = None
    url: str | None = None
    retrieved: str | None = None  # ISO date-time
    deleted: bool = False


@dataclass(frozen=True)
class Match:
    commitment: str
    score: float
    overlap: float


@dataclass
class Links:
    """What one register record links to: the letters that fulfil it, matched commitments."""

    fulfilled_by: list[str] = field(default_factory=list)
    matches: list[Match] = field(default_factory=list)


@dataclass
class LetterRecord:
    """Everything extracted from one letter."""

    source: SourceInfo
    text: str
    document: DocumentInfo = field(default_factory=DocumentInfo)
    signers: list[Signer] = field(default_factory=list)
    citations: list[Citation] = field(default_factory=list)
    other_references: list[OtherReference] = field(default_factory=list)
    organisations: list[Organisation] = field(default_factory=list)
    dilemmas: list[Dilemma] = field(default_factory=list)
    commitments: list[Commitment] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def to_json(self, include_text: bool = True) -> dict[str, Any]:
        data = asdict(self)
        if not include_text:
            data.pop("text")
        return data
