"""The letter's own metadata from its printed heading, merged with the reader's hints.

The heading of a Kamerstuk reads "29 362 Modernisering van de overheid" (one line per
dossier it is filed under), "Nr. 318 BRIEF VAN DE STAATSSECRETARIS VAN ...", "Aan de
Voorzitter van de Tweede Kamer der Staten-Generaal", "Den Haag, 22 december 2022".
Eerste Kamer letters use letters: "CII Nota ...", "E BRIEF VAN DE MINISTER ...".
A letterhead has "Datum ..." and "Betreft ...". Hints from the rendering (OpenTK's
"Nummer:", metadata.xml) win where the printed text says nothing.
"""

from __future__ import annotations

import re

from ..dutch import DOSSIER_PATTERN, ROMAN, normalise_dossier, parse_dutch_date, parse_post, tidy
from ..model import DocumentInfo, KamerstukRef, Post
from ..sources.base import Hints

BRIEF = r"(?:BRIEF|Brief|brief) (?:VAN|van) (?P<senders>[^\n]+)"
NR_LINE = re.compile(rf"^(?:Nr\.\s*(?P<nr>\w+)|(?P<eknr>[A-Z]{{1,2}}))\s*\n?\s*{BRIEF}", re.M)
COMBINED = re.compile(  # "34775 A 66 BRIEF VAN ..." (officielebekendmakingen page heading)
    rf"^(?P<num>\d{{2}} ?\d{{3}})(?: (?P<toev>{ROMAN}|[A-Z]))? (?P<nr>\d+) {BRIEF}", re.M)
DOSSIER_LINE = re.compile(
    rf"^{DOSSIER_PATTERN}[ \t]*(?:\n(?P<toev2>(?:{ROMAN}|[A-Z]))(?=[ \t]))?[ \t]*(?P<title>[^\n]*)$",
    re.M)
EK_DOSSIER_LINE = re.compile(r"^(?P<num>[A-Z]{1,5}) (?P<title>[^\n]+)$", re.M)
CHAMBER = re.compile(r"\b(?:Aan de|De) [Vv]oorzitter van de (?P<chamber>Tweede|Eerste) Kamer")
DEN_HAAG = re.compile(r"Den Haag,?\s*(?P<date>\d{1,2}(?:e|ste)?\s+\w+\s+\d{4,6})")
DATUM = re.compile(r"^Datum\s+(?P<date>\d{1,2}\s+\w+\s+\d{4,6})", re.M)
BETREFT = re.compile(r"^Betreft\s+(?P<title>[^\n]+)", re.M)
VERGADERJAAR = re.compile(r"Vergaderjaar\s+(?P<vj>\d{4})\s*[-–/]\s*(?P<vj2>\d{4})")


def read_senders(senders: str) -> list[Post]:
    """ "DE MINISTER EN STAATSSECRETARIS VAN BUITENLANDSE ZAKEN" -> two posts;
    "DE MINISTERS VAN FINANCIËN EN VAN BUITENLANDSE ZAKEN" -> two ministers."""
    text = tidy(senders).rstrip(".")
    if m := re.match(r"(?i)de ministers van (.+) en van (.+)$", text):
        return [p for p in (parse_post(f"minister van {m[1]}"), parse_post(f"minister van {m[2]}"))
                if p]
    if m := re.match(r"(?i)de (minister|staatssecretaris) en (?:de )?(minister|staatssecretaris)"
                     r" (van|voor) (.+)$", text):
        return [p for p in (parse_post(f"{m[1]} {m[3]} {m[4]}"), parse_post(f"{m[2]} {m[3]} {m[4]}"))
                if p]
    parts = re.split(r"(?i) en (?=(?:de )?(?:minister|staatssecretaris)\b)", text)
    return [p for p in (parse_post(part) for part in parts) if p]


def read_document(text: str, header_end: int, hints: Hints) -> tuple[DocumentInfo, list[str]]:
    """Document metadata from the heading (``text[:header_end]``) and the hints."""
    warnings: list[str] = []
    head = text[: max(header_end, 0)] or text[:3000]
    info = DocumentInfo(title=hints.title, dossier_title=hints.dossier_title,
                        documentnummer=hints.documentnummer, zaak=hints.zaak)
    dossiers: list[tuple[str, str]] = []
    nr: str | None = None
    m = NR_LINE.search(head)
    combined = COMBINED.search(head)
    if combined:
        dossiers.append((normalise_dossier(combined["num"], combined["toev"]), ""))
        nr = combined["nr"]
        info.sender_posts = read_senders(combined["senders"])
    elif m:
        nr = m["nr"] or m["eknr"]
        info.sender_posts = read_senders(m["senders"])
        before = head[: m.start()]
        for d in DOSSIER_LINE.finditer(before):
            dossiers.append((normalise_dossier(d["num"], d["toev"] or d["toev2"]),
                             tidy(d["title"])))
        if not dossiers and m["eknr"]:
            ek = list(EK_DOSSIER_LINE.finditer(before))
            if ek:
                dossiers.append((ek[-1]["num"], tidy(ek[-1]["title"])))
    if dossiers and nr:
        info.kamerstuk = KamerstukRef(dossiers[0][0], nr)
        info.also_dossiers = [d for d, _ in dossiers[1:]]
        info.dossier_title = info.dossier_title or (dossiers[0][1] or None)
    if hints.kamerstuk is not None:
        if info.kamerstuk is not None and info.kamerstuk != hints.kamerstuk:
            warnings.append(f"{hints.authority or 'the page'} says Kamerstuk {hints.kamerstuk}, "
                            f"the letter's heading {info.kamerstuk}; {hints.kamerstuk} is kept")
        info.kamerstuk = hints.kamerstuk
    if m_ch := CHAMBER.search(text[: header_end + 400] if header_end else text[:3000]):
        info.chamber = f"{m_ch['chamber']} Kamer"
    info.chamber = info.chamber or hints.chamber
    if vj := VERGADERJAAR.search(head):
        info.vergaderjaar = f"{vj['vj']}-{vj['vj2']}"
    info.vergaderjaar = info.vergaderjaar or hints.vergaderjaar
    info.date = _date(text, header_end) or hints.date
    if hints.authority is not None:
        for name in ("date", "vergaderjaar", "chamber"):
            _authoritative(info, name, getattr(hints, name), hints.authority, warnings)
    if info.date is None and hints.publication_date:
        info.date = hints.publication_date
        warnings.append("no date in the letter; the page's publication date is used")
    if info.title is None and (b := BETREFT.search(head)):
        info.title = tidy(b["title"])
    if info.date is None:
        warnings.append("no date found")
    if info.chamber is None:
        warnings.append("no addressed chamber found")
    return info, warnings


def _date(text: str, header_end: int) -> str | None:
    window = text[: header_end + 300] if header_end else text[:4000]
    for pattern in (DEN_HAAG, DATUM):
        if m := pattern.search(window):
            found = parse_dutch_date(m["date"])
            if found:
                return found
    return None


def _authoritative(info: DocumentInfo, name: str, value: str | None, source: str,
                   warnings: list[str]) -> None:
    """The authoritative metadata's ``value`` for a field wins over the letter's own."""
    current = getattr(info, name)
    if value is None or current == value:
        return
    if current is not None:
        warnings.append(f"{source} gives {name} {value!r}, the letter {current!r}; "
                        "the metadata is kept")
    setattr(info, name, value)
