"""Find the organisations a letter names: ministries, agencies, councils, committees, ...

``find_organisations(text, spans)`` returns one :class:`Organisation` per distinct
organisation mentioned inside ``spans`` (body and footnotes), in order of first mention,
with every passage (exact offsets into ``text``) where it is mentioned.

1. Gazetteer names (``data/organisations.tsv``, parsed once per process, kind from its
   ``kind`` column): multi-word and hyphenated names match case-insensitively ("het
   ministerie van Financiën"); abbreviations and one-word names exactly, as whole words
   or as the first part of a hyphen compound ("RIVM-rapport"); ministries also as
   "ministerie van ABBR". All names sit in two trie-shaped regexes: two scans per text.
2. Patterns for names the gazetteer lacks (``kind=None``): capitalised names headed by an
   organisation noun ("Stichting Veldleeuwerik", "Commissie Scheltema", "de Manifestgroep"
   mid-sentence); committees ("vaste commissie voor Defensie", "taskforce Stoffen", "kring
   van Commissarissen van de Koning"); appositions ("de standaardenorganisatie ASTM
   International", "Dcypher (platform voor ...)"); "Full Name (ABBR)" with an organisation
   noun in the name, after which a bare "ABBR" counts too; a capitalised member of a list
   of organisations ("X, Klein Lef en de Y").

Not counted: posts ("de minister van Financiën", "Staatssecretaris van IenW"), the
addressee ("Voorzitter van de Tweede Kamer"), generic nouns ("gemeenten"), "(ABBR)" after a
name without organisation noun ("Integraal Zorgakkoord (IZA)"; such a definition also
overrides the gazetteer's reading of ABBR). A bare "de Commissie" / "de Raad" only adds a
passage to the last-named organisation with that word in its name.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from itertools import pairwise
from typing import TypeAlias

from ..model import Organisation, Passage

WS = r"(?:[ \t\u00a0]+\n?[ \t\u00a0]*|\n[ \t\u00a0]*)"  # a space or one line break
LEFT = r"(?<![\w@.-])"
RIGHT = r"(?![^\W\d_])(?!\d+[^\W\d_])"  # a fused footnote number ("Logius2") may follow
TOKEN = r"[A-ZÀ-ÖØ-Þ](?:\w|[&.'’-](?=\w))*"  # a capitalised word
CONN = (r"(?:(?:van|voor|tot|aan|bij|op|in|te|zonder|tegen)(?:" + WS + r"(?:de|het|der|den))?"
        r"|de|der|den|en)")  # lower-case words inside a name
CAPSEQ_RE = re.compile(rf"{LEFT}{TOKEN}(?:{WS}(?:{CONN}{WS})?{TOKEN})*")
ITEM_RE = re.compile(rf"{TOKEN}|[a-z]+")
HEAD_WORDS = {"stichting", "fonds", "hof", "comité", "team", "commissariaat"}
HEAD_SUFFIXES = (
    "raad", "commissie", "groep", "vereniging", "genootschap", "autoriteit", "inspectie",
    "dienst", "bureau", "agentschap", "college", "instituut", "centrum", "platform",
    "federatie", "bond", "meldpunt", "informatiepunt", "organisatie", "netwerk", "tafel",
    "taskforce", "academie", "universiteit", "hogeschool", "rechtbank", "gerechtshof",
    "ombudsman", "tribunaal", "strafhof", "coöperatie", "stichting", "group", "council",
    "authority", "agency", "institute", "foundation", "association", "board", "organisation",
    "organization")
GENERIC = {  # compounds with a head noun that name no particular organisation
    "werkgroep", "stuurgroep", "projectgroep", "klankbordgroep", "kerngroep", "doelgroep",
    "coördinatiegroep", "begeleidingsgroep", "risicogroep", "leeftijdsgroep", "beroepsgroep",
    "subgroep", "begeleidingscommissie", "validatiecommissie", "stuurcommissie",
    "beoordelingscommissie", "selectiecommissie", "bezwaarcommissie", "klachtencommissie",
    "kamercommissie", "gemeenteraad", "deelraad", "ondernemingsraad", "medezeggenschapsraad",
    "cliëntenraad"}
LONE_GENERIC = {  # ... unless a name follows: "Kenniscentrum Kunst en Cultuur"
    "adviescommissie", "uitvoeringsorganisatie", "overheidsorganisatie", "koepelorganisatie",
    "brancheorganisatie", "belangenorganisatie", "moederorganisatie", "ketenorganisatie",
    "projectorganisatie", "lidorganisatie", "rijksdienst", "planbureau", "kenniscentrum",
    "expertisecentrum", "stadscentrum", "binnendienst", "buitendienst"}
STOP = {  # capitalised words that do not start an organisation name
    "De", "Het", "Een", "Deze", "Dit", "Die", "Dat", "Ook", "Zo", "In", "Op", "Met", "Bij",
    "Voor", "Van", "Naar", "Uit", "Over", "Aan", "Tot", "En", "Maar", "Om", "Als", "Door", "Via",
    "Na", "Volgens", "Namens", "Tevens", "Daarnaast", "Hierbij", "Verder", "Wel", "Nu", "Zoals",
    "Onder", "Tijdens", "Sinds", "Vanuit", "Binnen", "Buiten", "Tussen", "Mede", "Samen", "Ik",
    "Wij", "We", "Zij", "Ze", "Hij", "U", "Uw", "Mijn", "Onze", "Hun", "Haar", "Zijn", "Er",
    "Waar", "Wanneer", "Welke", "Alle", "Beide", "Elke", "Iedere", "Geen", "Andere", "Overigens",
    "Inmiddels", "Dan", "Toen", "Daarom", "Daarbij", "Daarmee", "Hiermee", "Hierin", "Bovendien",
    "Echter", "Ten", "Zowel", "Niet", "Nog", "Reeds", "Al", "Graag", "Helaas", "Gezien", "Gelet",
    "Conform", "Ingevolge", "Betreft", "Zie", "Ter", "Rijk", "Nederland", "Europa", "Voorzitter",
    "Minister", "Staatssecretaris", "Commissaris", "Directeur", "President", "Lid", "Leden",
    "Secretaris-Generaal", "Minister-president", "Kamerlid", "Kamerleden", "Bijlage", "Kamerstuk",
    "Kamerstukken"}
CUT = {"Kamer"}  # "Tijdelijke Commissie X van de Kamer" ends before "van de Kamer"
ROLE = (r"(?:minister(?:-president)?s?|staatssecretaris(?:sen)?|bewindsperso(?:o|ne)n?"
        r"|bewindslieden|ambtgeno(?:o|te)n?)")
POST_BEFORE = re.compile(rf"{ROLE}\s+(?:van|voor)\s+(?:het\s+)?(?:[^\s,]+(?:\s+[^\s,]+){{0,4}}?"
                         r"(?:\s*,|\s+en)\s+(?:van\s+)?)?$", re.I)
ADDRESSEE_BEFORE = re.compile(r"voorzitter\s+van\s+(?:de\s+)?$", re.I)
COMMITTEE_RE = re.compile(
    rf"\b(?:(?:vaste|tijdelijke|parlementaire){WS})?"
    rf"(?:[a-zà-ÿ]*commissie|taskforce|kring{WS}van)(?:{WS}|-)(?:(?:voor|van){WS})?"
    rf"{TOKEN}(?:,?{WS}(?:{CONN}{WS})?(?!Tweede|Eerste|Kamer){TOKEN})*")
APPOS_BEFORE_RE = re.compile(
    r"\b[a-z]*(?:organisatie|stichting|vereniging|bond|federatie|bureau|instituut|bedrijf"
    rf"|maatschappij|toezichthouder|koepel|agentschap|omroep|coöperatie){WS}"
    rf"(?P<name>{TOKEN}(?:[ ]{TOKEN}){{0,3}})")
GLOSS_AFTER_RE = re.compile(
    rf"{LEFT}(?P<name>{TOKEN}(?:[ ]{TOKEN}){{0,3}}){WS}?\((?:een |de |het )?[a-z]*"
    r"(?:platform|samenwerking|samenwerkingsverband|organisatie|stichting|vereniging"
    r"|netwerk|bureau|instituut|bedrijf|consortium|coalitie)\b")
# "(ABBR)" after a full name; not the "(EU)" of a legal act ("Verordening (EU) 2016/679").
ACT_NUMBER = r"[ \u00a0]*(?:nr\.?[ \u00a0]?)?\d{1,4}/\d{1,4}\b"
DEF_RE = re.compile(rf"\((?P<abbr>[A-Z][\w&.-]{{0,9}}(?: [A-Z]\w{{1,9}})?)\)(?!{ACT_NUMBER})")
ROMAN_RE = re.compile(r"[IVXLC]+")
BACKREF_RE = re.compile(r"\b(?:de|het|De|Het|hierna:?)\s+(?P<w>Commissie|Raad|Inspectie|"
                        r"Autoriteit|Stichting|Taskforce|Dienst|Vereniging|Ombudsman)\b(?!\s+[A-Z])")
LIST_GAP_RE = re.compile(rf",{WS}(?:de |het )?(?P<name>{TOKEN}(?: {TOKEN}){{0,2}})"
                         rf"(?:,|{WS}en){WS}(?:de |het )?")

_Trie: TypeAlias = "dict[str, _Trie]"
_Item = tuple[int, int, str]  # a word of a capitalised sequence: start, end, text


@dataclass(frozen=True)
class Entry:
    name: str
    kind: str
    nocompound: bool


@dataclass(frozen=True)
class Gazetteer:
    entries: tuple[Entry, ...]
    folded: dict[str, tuple[int, str | None]]  # casefolded name -> (entry, abbreviation)
    exact: dict[str, tuple[int, str | None, bool]]  # exact form -> (entry, abbreviation, weak)
    folded_re: re.Pattern[str]
    exact_re: re.Pattern[str]


@dataclass
class _Hit:
    start: int
    end: int
    key: str  # "g:<entry>" for gazetteer organisations, "p:<normalised name>" otherwise
    name: str
    abbr: str | None = None
    kind: str | None = None


def _norm(value: str) -> str:
    return re.sub(r"-\s+", "-", re.sub(r"\s+", " ", value)).strip()


def _split(cell: str | None) -> list[str]:
    return [v.strip() for v in (cell or "").split("|") if v.strip()]


def _trie_regex(words: set[str]) -> str:
    """One regex for all ``words``, shaped as a trie; the longest match wins."""
    trie: _Trie = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: _Trie) -> str:
        atoms = {" ": WS, "-": r"-\s?"}
        branches = [atoms.get(ch, re.escape(ch)) + build(child)
                    for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        if len(branches) == 1 and "" not in node:
            return branches[0]
        return "(?:" + "|".join(branches) + (")?" if "" in node else ")")

    return LEFT + build(trie) + RIGHT


@cache
def load_gazetteer() -> Gazetteer:
    """Parse ``data/organisations.tsv`` once and compile its two regexes."""
    source = files("kg_uitvoering").joinpath("data", "organisations.tsv").read_text("utf-8")
    lines = [line for line in source.splitlines() if line and not line.startswith("#")]
    entries: list[Entry] = []
    folded: dict[str, tuple[int, str | None]] = {}
    exact: dict[str, tuple[int, str | None, bool]] = {}

    def add(form: str, idx: int, abbr: str | None, weak: bool = False) -> None:
        if " " in form or ("-" in form and abbr is None):
            folded.setdefault(_norm(form).casefold(), (idx, abbr))
        else:
            exact.setdefault(form, (idx, abbr, weak))

    for row in csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE):
        idx = len(entries)
        entries.append(Entry(row["name"], row["kind"], "nocompound" in (row["flags"] or "")))
        for form in [row["name"], *_split(row["alt_names"])]:
            add(form, idx, None)
        for form in _split(row["weak_names"]):
            add(form, idx, None, weak=True)
        for abbr in _split(row["abbreviations"]):
            add(abbr, idx, abbr)
            if row["kind"] == "ministerie":
                add(f"ministerie van {abbr}", idx, abbr)
    return Gazetteer(tuple(entries), folded, exact, re.compile(_trie_regex(set(folded)), re.I),
                     re.compile(_trie_regex(set(exact))))


def _mid_sentence(text: str, pos: int) -> bool:
    """Whether ``pos`` follows a word or comma (not a full stop, bullet or start of text)."""
    i = pos - 1
    while i >= 0 and text[i].isspace():
        i -= 1
    while i >= 0 and text[i].isdigit():  # a footnote number: look past it
        i -= 1
    return i >= 0 and (text[i].isalpha() or text[i] in ",;()")


def _is_head(word: str, alone: bool = False) -> bool:
    """Whether ``word`` is an organisation noun ("Stichting", "Gezondheidsraad")."""
    low = word.casefold()
    if low in GENERIC or (alone and low in LONE_GENERIC) or not any(c.islower() for c in word):
        return False
    first, _, rest = low.partition("-")  # "Commissie-Scheltema"
    return (low in HEAD_WORDS or low.endswith(HEAD_SUFFIXES)
            or (bool(rest) and (first in HEAD_WORDS or first in HEAD_SUFFIXES)))


def _has_head(items: list[_Item]) -> bool:
    return any(_is_head(w) for _, _, w in items if not w.islower())


def _gazetteer_hits(text: str, s: int, e: int, gaz: Gazetteer) -> list[_Hit]:
    hits: list[_Hit] = []
    for pattern, folded in ((gaz.folded_re, True), (gaz.exact_re, False)):
        for m in pattern.finditer(text, s, e):
            form = _norm(m.group())
            if folded and any(c.isupper() for c in form) and form.casefold() in gaz.folded:
                (idx, abbr), weak = gaz.folded[form.casefold()], False
            elif not folded and form in gaz.exact:
                idx, abbr, weak = gaz.exact[form]
            else:
                continue
            entry, before = gaz.entries[idx], text[max(0, m.start() - 80):m.start()]
            if abbr and entry.nocompound and text.startswith("-", m.end()):
                continue  # "EU-begroting"
            if abbr and abbr.istitle() and re.match(r" [A-Z]", text[m.end():m.end() + 2]):
                continue  # a first name, not the Rob: "Rob Jetten"
            if (entry.kind == "ministerie" and not form.casefold().startswith("ministerie")
                    and POST_BEFORE.search(before)):
                continue  # a post: "de minister van Financiën", "Staatssecretaris van IenW"
            if entry.kind == "parlement" and ADDRESSEE_BEFORE.search(before):
                continue
            if weak and (not _mid_sentence(text, m.start())
                         or re.search(r"(?:\b(?:van|voor)|[A-Z]\w*)\s+$", before)
                         or re.match(r"\s+[A-Z]", text[m.end():m.end() + 3])):
                continue  # "Defensie" only standing alone
            hits.append(_Hit(m.start(), m.end(), f"g:{idx}", entry.name, abbr, entry.kind))
    return hits


def _name_hits(text: str, s: int, e: int, taken: list[tuple[int, int]]) -> list[_Hit]:
    """Capitalised names headed by an organisation noun ("Stichting X", "Manifestgroep")."""
    hits: list[_Hit] = []
    for m in CAPSEQ_RE.finditer(text, s, e):
        items = [(m.start() + i.start(), m.start() + i.end(), i.group())
                 for i in ITEM_RE.finditer(m.group())]
        segments: list[list[_Item]] = [[]]
        for n, (a, b, word) in enumerate(items):
            after_conn = n > 0 and items[n - 1][2].islower()
            after_name = n > 0 and any(y == items[n - 1][1] for _, y in taken)
            new_name = word == "en" and n + 1 < len(items) and (
                _is_head(items[n + 1][2])
                or (_has_head(segments[-1]) and _has_head(items[n + 1:n + 4])))
            if ((after_conn and (word in CUT or any(x == a for x, _ in taken)))
                    or (after_name and word.islower()) or new_name):
                segments.append([])  # "X van de Kamer", "Stichting X en Stichting Y"
            else:
                segments[-1].append((a, b, word))
        for seg in segments:
            while seg and (seg[0][2] in STOP or seg[0][2].islower()
                           or (seg[0][2].isupper() and len(seg) > 1 and _is_head(seg[1][2]))):
                seg = seg[1:]  # "De ...", "Volgens ...", "VSO Raad ..."
            while seg and (seg[-1][2].islower() or seg[-1][2] in STOP - {"Rijk", "Nederland"}):
                seg = seg[:-1]
            free = [w for w in seg if not any(x < w[1] and w[0] < y for x, y in taken)]
            if not seg or not _has_head(free):
                continue
            if len(seg) == 1 and not (_mid_sentence(text, seg[0][0]) and len(seg[0][2]) > 6
                                      and _is_head(seg[0][2], alone=True)
                                      and seg[0][2].casefold() not in HEAD_SUFFIXES):
                continue  # a lone compound counts mid-sentence only: "de Manifestgroep"
            name = _norm(text[seg[0][0]:seg[-1][1]])
            hits.append(_Hit(seg[0][0], seg[-1][1], "p:" + name.casefold(), name))
    return hits


def _pattern_hits(text: str, s: int, e: int) -> list[_Hit]:
    """Committees ("vaste commissie voor Defensie") and appositions ("bureau X")."""
    hits = []
    for m in COMMITTEE_RE.finditer(text, s, e):
        words = list(re.finditer(r"\S+", m.group()))
        end = next((w.start() for w in words[2:] if w.group() in STOP), len(m.group()))
        name = _norm(m.group()[:end])
        key = re.sub(r"^(?:vaste|tijdelijke) ", "", name.casefold()).replace(
            "commissie van ", "commissie voor ")
        hits.append(_Hit(m.start(), m.start() + len(m.group()[:end].rstrip()), "p:" + key, name))
    for pattern in (APPOS_BEFORE_RE, GLOSS_AFTER_RE):
        for m in pattern.finditer(text, s, e):
            name = _norm(m["name"])
            if name.split()[0] not in STOP and not (pattern is GLOSS_AFTER_RE and _is_head(name)):
                hits.append(_Hit(m.start("name"), m.end("name"), "p:" + name.casefold(), name))
    return hits


def _overlaps(hit: _Hit, kept: list[_Hit]) -> bool:
    return any(k.start < hit.end and hit.start < k.end for k in kept)


def _select(candidates: list[_Hit]) -> list[_Hit]:
    """Non-overlapping hits, longest first; gazetteer hits win ties."""
    kept: list[_Hit] = []
    for hit in sorted(candidates, key=lambda h: (h.start - h.end, not h.key.startswith("g:"))):
        if not _overlaps(hit, kept):
            kept.append(hit)
    return sorted(kept, key=lambda h: h.start)


def _definitions(text: str, s: int, e: int, kept: list[_Hit]) -> dict[str, _Hit | None]:
    """Abbreviations the text defines, "Full Name (ABBR)", mapped to the full name's hit
    (new full names are added to ``kept``), or to None when the full name is not an
    organisation ("Nationaal Programma Onderwijs (NPO)")."""
    aliases: dict[str, _Hit | None] = {}
    for m in DEF_RE.finditer(text, s, e):
        abbr = m["abbr"]
        if len(abbr) < 2 or ROMAN_RE.fullmatch(abbr):
            continue
        before = [k for k in kept if k.end <= m.start() and not text[k.end:m.start()].strip()]
        if before:
            aliases[abbr] = before[-1]
            before[-1].abbr = before[-1].abbr or abbr
            continue
        window = re.split(r"[.;:!?()«»\"“”]", text[max(s, m.start() - 200):m.start()])[-1]
        base = m.start() - len(window)
        for w in reversed(list(re.finditer(r"[\w&'’-]+", window))[-10:]):
            phrase = window[w.start():].rstrip()
            letters = iter(phrase.casefold())
            if w.group()[0].casefold() != abbr[0].casefold() or not all(
                    c in letters for c in abbr.casefold() if c.isalpha()):
                continue
            if not any(_is_head(x) for x in re.findall(r"[\w-]+", phrase)):
                aliases.setdefault(abbr, None)  # spelled out, but not as an organisation
                continue
            hit = _Hit(base + w.start(), base + w.start() + len(phrase), "", _norm(phrase))
            if not _overlaps(hit, kept):
                hit.key, hit.abbr = "p:" + hit.name.casefold(), abbr
                kept.append(hit)
                aliases[abbr] = hit
            break
    kept.sort(key=lambda h: h.start)
    return aliases


def _in_act_name(text: str, hit: _Hit) -> bool:  # "(EU)" of "Verordening (EU) 2016/679"
    return text[hit.start - 1:hit.end + 1] == f"({text[hit.start:hit.end]})" and bool(
        re.match(ACT_NUMBER, text[hit.end + 1:hit.end + 20]))


def find_organisations(text: str, spans: list[tuple[int, int]]) -> list[Organisation]:
    """The organisations named in ``text`` within ``spans``, with every passage."""
    gaz = load_gazetteer()
    kept: list[_Hit] = []
    for s, e in spans:
        g_hits = _select([h for h in _gazetteer_hits(text, s, e, gaz) if not _in_act_name(text, h)])
        taken = [(h.start, h.end) for h in g_hits if not re.match(r"-[A-Z]", text[h.end:])]
        kept += _select(g_hits + _name_hits(text, s, e, taken) + _pattern_hits(text, s, e))
    kept.sort(key=lambda h: h.start)
    aliases: dict[str, _Hit | None] = {}
    for s, e in spans:
        aliases.update(_definitions(text, s, e, kept))
    for hit in list(kept):  # the text's own definition beats the gazetteer's reading
        form = _norm(text[hit.start:hit.end])
        target = aliases.get(form, hit)
        if target is None:
            kept.remove(hit)
        elif target is not hit:
            hit.key, hit.name, hit.kind, hit.abbr = target.key, target.name, target.kind, form
    new = sorted(a for a, t in aliases.items() if t is not None and a not in gaz.exact)
    if new:  # bare uses of abbreviations the text defined itself
        bare = re.compile(LEFT + "(?:" + "|".join(map(re.escape, new[::-1])) + ")" + RIGHT)
        for s, e in spans:
            for m in bare.finditer(text, s, e):
                t = aliases[m.group()]
                hit = _Hit(m.start(), m.end(), "", "", m.group())
                if t is not None and not _overlaps(hit, kept):
                    hit.key, hit.name, hit.kind = t.key, t.name, t.kind
                    kept.append(hit)
    kept.sort(key=lambda h: h.start)
    for s, e in spans:  # a capitalised member of a list of organisations
        for a, b in pairwise([h for h in kept if s <= h.start and h.end <= e]):
            gap = LIST_GAP_RE.fullmatch(text, a.end, b.start)
            if gap and gap["name"].split()[0] not in STOP:
                name = _norm(gap["name"])
                kept.append(_Hit(gap.start("name"), gap.end("name"), "p:" + name.casefold(), name))
    kept.sort(key=lambda h: h.start)
    for s, e in spans:  # "de Commissie" -> the commission named last
        for m in BACKREF_RE.finditer(text, s, e):
            prior = [h for h in kept if h.end <= m.start() and m["w"].casefold() in h.name.casefold()]
            hit = _Hit(m.start("w"), m.end("w"), "", "")
            if prior and not _overlaps(hit, kept):
                hit.key, hit.name, hit.kind = prior[-1].key, prior[-1].name, prior[-1].kind
                kept.append(hit)
    orgs: dict[str, Organisation] = {}
    for hit in sorted({(h.start, h.end): h for h in kept}.values(), key=lambda h: h.start):
        org = orgs.setdefault(hit.key, Organisation(hit.name, None, hit.kind, []))
        org.abbr = org.abbr or hit.abbr
        org.passages.append(Passage(hit.start, hit.end, text[hit.start:hit.end]))
    return list(orgs.values())
