"""The letter being written: paragraphs with marked quotes, footnotes, and its gold record.

A paragraph is built from pieces of text. A piece may mark quotes: ``⟦...⟧`` is a
commitment's quote, ``⟪...⟫`` one of its alternative quotes, and ``†`` stands for the
next footnote marker. Marks are removed from the text and remembered as spans, so that
every quote in the gold file can be cut from the rendered text, whatever line breaks
the rendering puts in it (renderings only turn spaces into line breaks).
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from .people import Ministry, Post

MARKS = "⟦⟧⟪⟫†"
Span = tuple[int, int, int]  # paragraph index, start, end


@dataclass
class Para:
    parts: list[str] = field(default_factory=list)
    size: int = 0
    heading: bool = False

    @property
    def text(self) -> str:
        return "".join(self.parts)


@dataclass
class Commitment:
    kind: str
    quote: Span
    due: str | None
    origin: tuple[str, str] | None = None
    alts: list[Span] = field(default_factory=list)


@dataclass
class Letter:
    """Everything decided about one letter, and its gold annotation as it is written."""

    index: int
    rng: random.Random
    rendering: str
    day: date
    chamber: str
    posts: list[Post]
    names: list[str]
    ministry: Ministry
    topics: list[tuple[str, str]]
    kamerstuk: tuple[str, str] | None = None     # (dossier as normalised, ondernummer)
    dossier_lines: list[tuple[str, str]] = field(default_factory=list)  # (printed, title)
    also_dossiers: list[str] = field(default_factory=list)
    dossier_title: str | None = None
    title: str = ""             # the subject; gold ``title`` only where the rendering shows it
    gold_title: str | None = None
    variant: str = ""           # the layout variant within the rendering
    vj: str = ""                # the parliamentary year of the date ("2022-2023")
    vergaderjaar: str | None = None  # ... as gold: only where the rendering prints it
    documentnummer: str | None = None
    zaak: str | None = None
    co_sender: Post | None = None  # "mede namens ..."
    cited_day: date | None = None  # when the paper cited last was published
    paras: list[Para] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    note_marks: list[tuple[int, int]] = field(default_factory=list)  # (paragraph, offset)
    # gold, as it is written
    citations: dict[tuple[str, str | None], list[str]] = field(default_factory=dict)
    dossier_only: list[str] = field(default_factory=list)
    other_refs: list[tuple[str, str]] = field(default_factory=list)
    orgs: dict[str, str | None] = field(default_factory=dict)  # name -> abbreviation used
    dilemmas: list[tuple[int, str]] = field(default_factory=list)
    commitments: list[Commitment] = field(default_factory=list)
    optional: list[Span] = field(default_factory=list)
    not_commitments: list[Span] = field(default_factory=list)

    @property
    def iso(self) -> str:
        return self.day.isoformat()

    def para(self, heading: bool = False) -> int:
        self.paras.append(Para(heading=heading))
        return len(self.paras) - 1

    def put(self, index: int, text: str, note: str | None = None) -> tuple[Span | None, list[Span]]:
        """Append ``text`` to paragraph ``index``: the marked quote and alternative quotes."""
        para = self.paras[index]
        if not any(m in text for m in MARKS):
            para.parts.append(text)
            para.size += len(text)
            return None, []
        quote: Span | None = None
        alts: list[Span] = []
        open_q = open_a = -1
        out: list[str] = []
        pos = para.size
        for ch in text:
            if ch == "⟦":
                open_q = pos
            elif ch == "⟧":
                quote = (index, open_q, pos)
            elif ch == "⟪":
                open_a = pos
            elif ch == "⟫":
                alts.append((index, open_a, pos))
            elif ch == "†":
                if note is None:
                    raise ValueError("a footnote marker without a note")
                self.notes.append(note)
                self.note_marks.append((index, pos))
                number = str(len(self.notes))
                out.append(number)
                pos += len(number)
            else:
                out.append(ch)
                pos += 1
        piece = "".join(out)
        para.parts.append(piece)
        para.size = pos
        return quote, alts

    # gold recording
    def cite(self, dossier: str, nr: str | None, also: list[str] | None = None) -> None:
        if nr is None:
            if dossier not in self.dossier_only:
                self.dossier_only.append(dossier)
            return
        self.citations.setdefault((dossier, nr), list(also or []))

    def org(self, name: str, abbr: str | None) -> None:
        if name not in self.orgs or (abbr and not self.orgs[name]):
            self.orgs[name] = abbr if abbr else self.orgs.get(name)

    def numbered_dossiers(self) -> set[str]:
        return {d for d, _ in self.citations}


def gold_record(letter: Letter, file: str, rendered: list[str]) -> dict[str, Any]:
    """The gold annotation in the format of GUIDELINES.md; quotes cut from ``rendered``."""

    def cut(span: Span) -> str:
        return rendered[span[0]][span[1]:span[2]]

    kamerstuk = ({"dossier": letter.kamerstuk[0], "ondernummer": letter.kamerstuk[1]}
                 if letter.kamerstuk else None)
    document = {
        "kamerstuk": kamerstuk,
        "also_dossiers": list(letter.also_dossiers),
        "dossier_title": letter.dossier_title,
        "title": letter.gold_title,
        "date": letter.iso,
        "vergaderjaar": letter.vergaderjaar,
        "documentnummer": letter.documentnummer,
        "zaak": letter.zaak,
        "chamber": letter.chamber,
    }
    signers = [{"name": " ".join(name.split()), "role": post.role, "of": post.portfolio}
               for name, post in zip(letter.names, letter.posts, strict=True)]
    citations = [{"dossier": d, "ondernummer": nr, "also_dossiers": also}
                 for (d, nr), also in letter.citations.items()]
    citations += [{"dossier": d, "ondernummer": None, "also_dossiers": []}
                  for d in letter.dossier_only]
    organisations: list[dict[str, Any]] = []
    for name, abbr in letter.orgs.items():
        organisations.append({"name": name, "abbr": abbr} if abbr else {"name": name})
    commitments: list[dict[str, Any]] = []
    for c in letter.commitments:
        item: dict[str, Any] = {"kind": c.kind, "quote": cut(c.quote), "due": c.due}
        if c.kind != "new":
            item["origin"] = ({"dossier": c.origin[0], "ondernummer": c.origin[1]}
                              if c.origin else None)
        if c.alts:
            item["alt_quotes"] = [cut(s) for s in c.alts]
        commitments.append(item)
    return {
        "file": file,
        "document": document,
        "signers": signers,
        "citations": citations,
        "other_references": [{"type": t, "text": x} for t, x in dict.fromkeys(letter.other_refs)],
        "organisations": organisations,
        "dilemmas": [{"number": n, "title": t} for n, t in letter.dilemmas],
        "commitments": commitments,
        "commitments_optional": [{"quote": cut(s)} for s in letter.optional],
        "not_commitments": [{"quote": cut(s)} for s in letter.not_commitments],
    }
