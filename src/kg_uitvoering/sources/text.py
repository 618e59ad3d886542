"""Readers for letters saved as text from web pages: OpenTK, officielebekendmakingen,
rijksbegroting.nl, tweedekamer.nl, openkamer.org, or anything else that holds a letter.

Each reader drops the page chrome of its site, keeps the letter, and turns the site's
own header lines (OpenTK's "Nummer: 2022D56402, datum: ...", openkamer's "ID: ...")
into :class:`Hints`. Everything that is the letter itself (the "29 362 ..." heading,
"Den Haag, ...", the signature) is left to the extractors, which read it the same way
whatever the site.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ..dutch import parse_dutch_date, parse_kamerstuk_id, parse_post, tidy
from ..model import KamerstukRef, Signer
from .base import Hints, Line, Rendering, SourceDocument, assemble, split_lines

# Lines that are page furniture on any site, never part of a letter.
CHROME = re.compile(
    r"""^\s*(?:
        Naar\ boven
      | X\ Noot
      | (?:•\s*)?Download\ PDF
      | Direct\ naar\ \(in\ deze\ pagina\).*
      | Facebook\s*twitter.*
      | Leave\ a\ comment
      | Your\ email\ address\ will\ not\ be\ published\.?
      | \*
      | Preview\ document.*
    )\s*$""",
    re.VERBOSE | re.IGNORECASE,
)
FOOTNOTE_RETURN = re.compile(r"\s*↩\ufe0e?\s*$")

OPENTK_NUMBER = re.compile(
    r"Nummer:\s*(?P<doc>\d{4}D\d{4,6}),\s*datum:\s*(?P<date>\d{4}-\d{2}-\d{2})")
OPENTK_DOSSIER = re.compile(
    r"Onderdeel van kamerstukdossier\s+(?P<dossier>\d+)\s*(?P<toev>[A-Z]+)?\s*-\s*(?P<nr>\w+)"
    r"\s*(?P<title>.*?)\.?\s*$")
OPENTK_ZAAK = re.compile(r"Onderdeel van zaak\s+(?P<zaak>\d{4}Z\d{4,6})")
KST_ID = re.compile(r"\bkst-(?P<id>[0-9A-Z]+(?:-[0-9A-Za-z]+)+?)(?:\.html|\)|\b)")
SIGNER_HINT = re.compile(
    r"(?:^|[-:])\s*(?:Eerste |Mede ?)?ondertekenaar:\s*(?P<name>[^,]+),\s*(?P<post>.+)$",
    re.IGNORECASE)
# openkamer pages show "ë" as "ƫ" (a broken encoding on the site).
OPENKAMER_MOJIBAKE = str.maketrans({"ƫ": "ë"})
OB_PREAMBLE = re.compile(
    r"^(?P<chamber>(?:Eerste|Tweede) Kamer) der Staten-Generaal\s*"
    r"(?P<vj>\d{4}-\d{4})\s*(?P<id>.+?)\s+nr\.\s*(?P<nr>\w+)\s*$")
TK_TITLE = re.compile(r"^\s*Brief regering\s*:\s*(?P<title>.+?)\s*$")
TK_IDS = re.compile(r"did=(?P<doc>\d{4}D\d{4,6})(?:&(?:amp;)?id=(?P<zaak>\d{4}Z\d{4,6}))?")
OPENKAMER_FIELD = re.compile(
    r"^\s*(?P<key>Gepubliceerd|Indiener\(s\)|Onderwerpen|Bron|ID|Dossier|Kamerstuk)\s*:?\s+"
    r"(?P<value>.+?)\s*$")
OPENKAMER_INDIENER = re.compile(r"^(?P<name>[^(]+?)\s*\((?P<posts>[^)]*)\)")
LETTER_START = re.compile(
    r"^\s*(?:Aan de [Vv]oorzitter|Nr\. \d|\d{2} ?\d{3}\b|[A-Z]{1,5}\s+(?:Nota|Brief)|"
    r"Tweede Kamer der Staten-Generaal|Eerste Kamer der Staten-Generaal|Geachte)")


def _kept(lines: list[Line]) -> list[Line]:
    """Drop chrome lines and the footnote return arrow of OpenTK's footnotes."""
    kept: list[Line] = []
    for line in lines:
        if CHROME.match(line.text):
            continue
        arrow = FOOTNOTE_RETURN.search(line.text)
        kept.append(Line(line.text[: arrow.start()], line.start) if arrow else line)
    return kept


def _document(path: str, rendering: Rendering, original: str, lines: list[Line],
              hints: Hints) -> SourceDocument:
    text, offsets = assemble(_kept(lines), original)
    return SourceDocument(path, rendering, text, offsets, original, hints)


def read_opentk(path: str, original: str) -> SourceDocument:
    """OpenTK and tkconv pages: a site header with "Nummer:", then the letter."""
    lines = split_lines(original)
    hints = Hints()
    body_from = 0
    heading: list[str] = []
    for i, line in enumerate(lines):
        s = line.stripped
        if s.startswith("Preview document"):
            body_from = i + 1
            break
        if m := OPENTK_NUMBER.search(s):
            hints.documentnummer = m["doc"]
            hints.date = m["date"]
        elif m := OPENTK_DOSSIER.search(s):
            dossier = m["dossier"] + (f"-{m['toev']}" if m["toev"] else "")
            hints.kamerstuk = KamerstukRef(dossier, m["nr"])
            hints.dossier_title = tidy(m["title"]) or None
        elif m := OPENTK_ZAAK.search(s):
            hints.zaak = m["zaak"]
        elif m := SIGNER_HINT.search(s):
            post = parse_post(m["post"])
            if post:
                hints.signers.append(Signer(tidy(m["name"]), post.role, post.of))
        elif (m := KST_ID.search(s)) and hints.kamerstuk is None:
            hints.kamerstuk = parse_kamerstuk_id(m["id"])
        elif s and not s.startswith("[") and ":" not in s and s != "Brief regering":
            heading.append(s)
    if heading:
        hints.title = heading[0]
    return _document(path, Rendering.OPENTK, original, lines[body_from:], hints)


def read_ob(path: str, original: str) -> SourceDocument:
    """officielebekendmakingen pages ("Kamerstuk / Datum publicatie ..." preamble)."""
    lines = split_lines(original)
    hints = Hints()
    kept: list[Line] = []
    after_skip_link = False
    for line in lines:
        s = line.stripped
        if s in ("Kamerstuk", "Kamerstukken") or s.startswith("Datum publicatie"):
            continue
        if m := OB_PREAMBLE.match(s):
            hints.chamber = m["chamber"]
            hints.vergaderjaar = m["vj"]
            hints.kamerstuk = parse_kamerstuk_id(f"{m['id'].replace(' ', '-')}-{m['nr']}")
            continue
        if s.startswith("Direct naar"):
            after_skip_link = True
            continue
        if after_skip_link and s and not CHROME.match(s):
            # The page heading under the skip link names the publication: for a
            # Kamerstuk that is its dossier's title.
            hints.title = hints.dossier_title = s
            after_skip_link = False
            continue
        kept.append(line)
    return _document(path, Rendering.OFFICIELEBEKENDMAKINGEN, original, kept, hints)


def read_tweedekamer(path: str, original: str) -> SourceDocument:
    """tweedekamer.nl "Brief regering : <title>" pages, with an optional Ondertekenaars block."""
    lines = split_lines(original)
    hints = Hints()
    kept: list[Line] = []
    in_signers = False
    for line in lines:
        s = line.stripped
        if m := TK_TITLE.match(s):
            hints.title = m["title"]
            continue
        if m := TK_IDS.search(s):
            hints.documentnummer = m["doc"]
            hints.zaak = m["zaak"]
        if s.lower().startswith("ondertekenaar"):
            in_signers = True
            continue
        if in_signers:
            if not s:
                in_signers = False
                continue
            name, _, post_text = s.partition(",")
            post = parse_post(post_text)
            if post:
                hints.signers.append(Signer(tidy(name), post.role, post.of))
                continue
            in_signers = False
        kept.append(line)
    return _document(path, Rendering.TWEEDEKAMER, original, kept, hints)


def read_openkamer(path: str, original: str) -> SourceDocument:
    """openkamer.org pages: "Kamerstuk X", title, "Dossier:", "Indiener(s):", "ID:" header."""
    lines = split_lines(original)
    hints = Hints()
    kept: list[Line] = []
    in_header = True
    for line in lines:
        s = line.stripped
        if in_header and LETTER_START.match(s) and not s.startswith("Kamerstuk"):
            in_header = False
        if not in_header:
            kept.append(line)
            continue
        m = OPENKAMER_FIELD.match(s)
        if m is None:
            if s and hints.kamerstuk is not None and hints.title is None:
                hints.title = s
            continue
        key, value = m["key"], m["value"].translate(OPENKAMER_MOJIBAKE)
        if key in ("ID", "Kamerstuk"):
            hints.kamerstuk = parse_kamerstuk_id(value)
        elif key == "Dossier":
            hints.dossier_title = value
        elif key == "Gepubliceerd":
            hints.publication_date = parse_dutch_date(value)
        elif key == "Indiener(s)" and (ind := OPENKAMER_INDIENER.match(value)):
            for part in ind["posts"].split(" , "):
                post = parse_post(part)
                if post and post.role != "Viceminister-president":
                    hints.signers.append(Signer(tidy(ind["name"]), post.role, post.of))
        elif key == "Bron" and (kst := KST_ID.search(value)) and hints.kamerstuk is None:
            hints.kamerstuk = parse_kamerstuk_id(kst["id"])
    return _document(path, Rendering.OPENKAMER, original, kept, hints)


def read_plain(path: str, original: str, rendering: Rendering = Rendering.PLAIN
               ) -> SourceDocument:
    """Any other text: chrome dropped; a short first line before the letter is its title."""
    lines = split_lines(original)
    hints = Hints()
    first = next((ln for ln in lines if ln.stripped and not CHROME.match(ln.text)), None)
    if (first is not None and not LETTER_START.match(first.stripped)
            and len(first.stripped) < 160 and not first.stripped.endswith((".", ":", ","))):
        hints.title = first.stripped
    return _document(path, rendering, original, lines, hints)


def read_rijksbegroting(path: str, original: str) -> SourceDocument:
    """rijksbegroting.nl pages: plain letter text with "Noot 1: ..." footnotes."""
    return read_plain(path, original, Rendering.RIJKSBEGROTING)


TEXT_READERS: dict[Rendering, Callable[[str, str], SourceDocument]] = {
    Rendering.OPENTK: read_opentk,
    Rendering.OFFICIELEBEKENDMAKINGEN: read_ob,
    Rendering.TWEEDEKAMER: read_tweedekamer,
    Rendering.OPENKAMER: read_openkamer,
    Rendering.RIJKSBEGROTING: read_rijksbegroting,
    Rendering.PLAIN: read_plain,
}


def detect_text_rendering(original: str) -> Rendering:
    """Which site a text rendering came from, from the site's own marks in the first lines."""
    head = original[:4000]
    if re.search(r"^\s*\[overzicht\]|Nummer:\s*\d{4}D\d+,\s*datum:", head, re.M):
        return Rendering.OPENTK
    if re.search(r"^\s*Brief regering\s*:", head, re.M):
        return Rendering.TWEEDEKAMER
    if re.search(r"^\s*(?:Indiener\(s\)|ID):\s", head, re.M):
        return Rendering.OPENKAMER
    if re.search(r"^\s*>?\s*Retouradres\b|^\s*Betreft\s|^\s*P\s?agina \d+ van \d+", head, re.M):
        return Rendering.LETTERHEAD
    if re.search(r"^\s*Noot \d+:", original, re.M):
        return Rendering.RIJKSBEGROTING
    if re.search(r"Datum publicatie|^\s*X Noot\s*$|^\s*Naar boven\s*$|Direct naar \(in deze",
                 original, re.M):
        return Rendering.OFFICIELEBEKENDMAKINGEN
    return Rendering.PLAIN


__all__ = ["CHROME", "TEXT_READERS", "detect_text_rendering", "read_plain"]
