"""Citations of Kamerstukken, and other references (Handelingen, TK numbers, EU acts, URLs).

Styles handled (GUIDELINES.md, "citations"):
"Kamerstuk 29 362, nr. 290"; "Kamerstuk 26 643, nrs. 866 en 928" (two papers);
"Kamerstukken 25 764 en 29 911, nr. 137" (one paper filed under two dossiers);
"Kamerstukken II 2021/22, 30175, nr. 414"; "Kamerstuk 34 775 A, nr. 61";
"(Kamerstuknr. 2012–2013, CII, B)" (Eerste Kamer); "(Kamerstuk 33 037)" (dossier only);
"(29 279, nr. 302)" without the word Kamerstuk; identifiers "Kamerstuk 35510-21", "kst-29362-318".
"""

from __future__ import annotations

import re

from ..dutch import DOSSIER_ANY, DOSSIER_PATTERN, normalise_dossier, parse_kamerstuk_id
from ..model import Citation, KamerstukRef, OtherReference, Passage, ReferenceType

DOSSIER_RE = re.compile(DOSSIER_PATTERN)
SEP = r"[ \u00a0\n]"
YEAR = r"\d{4}\s?[/–-]\s?\d{2,4}"
DLIST = rf"{DOSSIER_ANY}(?:{SEP}*(?:,|en|/|&){SEP}*{DOSSIER_ANY})*"
NRTOKEN = r"(?:\d{1,4}(?![\d/])|[A-Z]{1,2}(?![\w-]))"
NRLIST = (rf"{NRTOKEN}(?:{SEP}*(?:,|en|t/m|tot en met|[-–]){SEP}*(?:nr\.?{SEP}*)?"
          rf"{NRTOKEN})*")
def _nr(group: str) -> str:
    return rf"{SEP}*,?{SEP}*(?:nrs?\.?|nummers?){SEP}*(?P<{group}>{NRLIST})"


INTRO = rf"(?:[Kk]amerstuk(?:ken|nr\.?|nummer)?|TK|EK)(?:{SEP}+(?:I|II))?{SEP}*(?:{YEAR}{SEP}*,?{SEP}*)?"

CITATION = re.compile(
    # The lookahead lets the engine skip, cheaply, every position no alternative can start at.
    rf"(?=[KkTE\d])(?:{INTRO}(?P<dossiers>{DLIST})(?:{_nr('nrs')}|,{SEP}*(?P<eknr>[A-Z]{{1,2}})(?![\w-]))?"
    rf"|(?P<ek>(?:[Kk]amerstuk(?:ken|nr\.?)?)(?:{SEP}+I)?{SEP}*(?:{YEAR}){SEP}*,{SEP}*"
    rf"(?P<ekdossier>[A-Z]{{1,5}}),{SEP}*(?:nr\.?{SEP}*)?(?P<ekondernr>[A-Z]{{1,2}}|\d{{1,4}})\b)"
    rf"|(?P<ident>(?:[Kk]amerstuk(?:nummer)?{SEP}+|\bkst-)(?P<id>\d{{5}}(?:-[0-9A-Z]{{1,5}})+)\b)"
    rf"|(?<![\w/])(?P<bare>{DLIST}){_nr('barenrs')})"
)
REFERENCES: list[tuple[ReferenceType, re.Pattern[str]]] = [
    ("aanhangsel", re.compile(
        rf"Aanhangsel(?:{SEP}+(?:van{SEP}+de{SEP}+)?Handelingen)?(?:{SEP}+(?:I|II))?{SEP}*"
        rf"{YEAR},?{SEP}*(?:nr\.?{SEP}*)?\d+"
        rf"|Kamerstukken{SEP}+(?:I|II){SEP}+{YEAR},{SEP}*Aanhangsel,?{SEP}*(?:nr\.?{SEP}*)?\d+")),
    ("handelingen", re.compile(
        rf"(?<!van de )Handelingen(?:{SEP}+(?:I|II|EK|TK))?{SEP}+{YEAR},?{SEP}*"
        rf"(?:nr\.?|item){SEP}*\d+(?:,{SEP}*(?:item|blz\.?|p\.){SEP}*\d+)?")),
    ("tk-document", re.compile(r"(?=\d{4}D)\b\d{4}D\d{5}\b")),
    ("tk-zaak", re.compile(r"(?=\d{4}Z)\b\d{4}Z\d{5}\b")),
    ("eu", re.compile(
        r"\bCOM\s?\(\d{4}\)\s?\d+(?:\s?final)?|\b(?:Verordening|Richtlijn|Besluit)\s\((?:EU|EG)\)"
        r"\s(?:nr\.\s)?\d{2,4}/\d+|\b(?:[Rr]ichtlijn|[Vv]erordening)\s\d{2,4}/\d+/E[GU]\b"
        r"|\b[A-Z][\w]*-(?:verordening|richtlijn)\b|\bEU-[a-z]*(?:richtlijn|verordening)"
        r"(?: [a-z]+)?|\b(?:[A-Z][\w-]+ ){1,5}(?:Act|Directives?|Regulation)\b")),
    ("url", re.compile(
        r"\bhttps?://[^\s<>()«»]+(?:-\n[^\s<>()«»]+)*|\bwww\.[^\s<>()«»]+"
        r"|\b[\w-]+\.(?:nl|eu|org|com|int|gov)\b(?!\.\w)(?:/[^\s<>()«»]*)?")),
    ("other", re.compile(r"\bkenmerk:?\s[A-Z][\w./-]*\d[\w./-]*")),
]


def find_citations(text: str, spans: list[tuple[int, int]], own: KamerstukRef | None
                   ) -> list[Citation]:
    """Cited Kamerstukken in ``spans``, deduplicated by (dossier, ondernummer), the letter's
    own number left out; each keeps every passage where it is cited."""
    found: dict[tuple[str, str | None], Citation] = {}
    for start, end in spans:
        for m in CITATION.finditer(text, start, end):
            passage = Passage(m.start(), _end(text, m), text[m.start():_end(text, m)])
            for ref, also in citation_refs(m):
                if own is not None and ref == own:
                    continue
                cit = found.setdefault((ref.dossier, ref.ondernummer),
                                       Citation(ref.dossier, ref.ondernummer, also))
                cit.passages.append(passage)
    # A dossier-only mention of a dossier that is also cited with a number adds nothing.
    numbered = {c.dossier for c in found.values() if c.ondernummer}
    return [c for c in found.values() if c.ondernummer or c.dossier not in numbered]


def _end(text: str, m: re.Match[str]) -> int:
    end = m.end()
    while end > m.start() and text[end - 1] in " ,\n":
        end -= 1
    return end


def citation_refs(m: re.Match[str]) -> list[tuple[KamerstukRef, list[str]]]:
    if m["ek"]:
        return [(KamerstukRef(m["ekdossier"], m["ekondernr"]), [])]
    if m["ident"]:
        ident = m["id"]
        ref = parse_kamerstuk_id(ident)
        if ref is None:
            return []
        # "21501-20" alone is a sub-dossier; an identifier with an ondernummer ends in one.
        return [(ref, [])]
    dossiers = [normalise_dossier(d["num"], d["toev"])
                for d in DOSSIER_RE.finditer(m["dossiers"] or m["bare"])]
    if not dossiers:
        return []
    main, also = dossiers[0], [d for d in dossiers[1:] if d != dossiers[0]]
    nrs = m["nrs"] or m["barenrs"]
    numbers = _numbers(nrs) if nrs else ([m["eknr"]] if m["eknr"] else [])
    if not numbers:
        return [(KamerstukRef(d), []) for d in dossiers]
    return [(KamerstukRef(main, nr), also) for nr in numbers]


def _numbers(nrlist: str) -> list[str]:
    """ "866 en 928" -> ["866", "928"]; "5 t/m 8" -> ["5", "6", "7", "8"]."""
    tokens = re.findall(r"\d+|[A-Z]{1,2}|t/m|tot en met|[-–]", nrlist)
    numbers: list[str] = []
    range_next = False
    for token in tokens:
        if token in ("t/m", "tot en met", "-", "–"):
            range_next = True
            continue
        if range_next and numbers and numbers[-1].isdigit() and token.isdigit() \
                and 0 < int(token) - int(numbers[-1]) <= 20:
            numbers.extend(str(n) for n in range(int(numbers[-1]) + 1, int(token) + 1))
        else:
            numbers.append(token)
        range_next = False
    return list(dict.fromkeys(numbers))


def find_other_references(text: str, spans: list[tuple[int, int]],
                          own_numbers: set[str]) -> list[OtherReference]:
    """Handelingen, Aanhangsel, TK document and zaak numbers, EU acts, URLs, kenmerken."""
    found: dict[tuple[str, str], OtherReference] = {}
    taken: list[tuple[int, int]] = []
    for kind, pattern in REFERENCES:
        for start, end in spans:
            for m in pattern.finditer(text, start, end):
                if any(a <= m.start() < b for a, b in taken):
                    continue
                raw = m.group(0).rstrip(".,;:")
                value = re.sub(r"-\n", "-", raw) if kind == "url" else re.sub(r"\s+", " ", raw)
                if value in own_numbers:
                    continue
                taken.append((m.start(), m.start() + len(raw)))
                ref = found.setdefault((kind, value), OtherReference(kind, value))
                if ref.passage is None:
                    ref.passage = Passage(m.start(), m.start() + len(raw), raw)
    return list(found.values())
