"""Ministry letters as text taken from a PDF ("letterhead" layout of rijksoverheid letters).

A PDF text layer holds more than the letter: a "> Retouradres" line, the addressee
block, the ministry's address block from the right-hand margin (repeated, often in
part, on every page), page footers ("Pagina 3 van 9"), and the footnotes of each page
at the place where the page ended, in the middle of a sentence. This reader keeps the
letter and drops the rest, by rules about the layout rather than about any one file:

* Address and margin lines are recognised by shape, compared without spaces because
  PDF letter-spacing splits words ("P ostbus 20901", "2 5 00 E X Den Haag"): postbus,
  postcode, street, phone, e-mail and web lines, keys such as "Ons kenmerk" or
  "Bijlage(n)" with the short value on the next line, "Pagina N van M".
* Such lines are removed where at least two of them stand together (a margin block)
  or where one of them is unambiguous (a page footer, "> Retouradres").
* The names heading the margin block ("Ministerie van / Infrastructuur en /
  Waterstaat", "Directoraat-generaal / ...") have no shape of their own: they are
  learnt from the first page's block and removed wherever they come back.
* "Datum ..." and "Betreft ..." (the subject may wrap before "Geachte ...") are kept,
  normalised, at the top of the text and given as hints, with the addressed chamber.
  Everything else before the salutation (addressee, margin) is dropped.
* Footnotes found at the foot of a page (numbered on from the previous page) are
  moved to the end of the text, one "N text" line each, so that sentences running
  over a page break are whole again. Their offsets still point at their own place.
* A word broken at a line end with a hyphen is joined ("ReFuelEU-verordening").

Every character of the text maps to its position in ``original``; offsets increase
except where the footnotes were moved to the end.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from ..dutch import parse_dutch_date, tidy
from .base import Hints, Line, Rendering, SourceDocument, TextBuilder, copy_collapsed, split_lines

HEAD_LINES = 150          # the letter head (Datum, Betreft, salutation) lies within these lines
MAX_NOTE_CONTINUATION = 4  # lines a footnote may run on after its numbered line

OTHER, WEAK, STRONG, KEY = 0, 1, 2, 3

# Patterns are matched against the line with all whitespace removed ("compact").
PAGE = re.compile(r"(?:pagina|page|blad)\d{1,3}(?:van|of|/)\d{1,3}", re.I)
KEY_LINE = re.compile(
    r"(?:ons|uw)?kenmerk|(?:onze|uw)referentie|uwbrief(?:van)?|(?:aantal)?bijlage(?:\(n\)|n)?|"
    r"bezoekadres|postadres|contactpersoon|inlichtingen(?:bij)?|behandelddoor|doorkiesnummer|"
    r"telefoon|fax|e-?mail|overheidsidentificatien(?:ummer|r)\.?|kopieaan|afschriftaan|datum",
    re.I)
KEY_INLINE = re.compile(r"(?:(?:ons|uw)kenmerk|(?:onze|uw)referentie)[:.]?\S*\d\S*", re.I)
POSTBUS = re.compile(r"postbus\d{1,6}(?:\d{4}[A-Z]{2}\D*)?", re.I)
POSTCODE = re.compile(r"\d{4}[A-Z]{2}[A-Za-z'.-]{2,30}")
PHONE = re.compile(r"(?:T|F|M|Tel\.?|Telefoon|Fax)[:.]?\+?\(?\d[\d()+.-]{7,}(?:\([a-z]+\))?", re.I)
WEB = re.compile(r"(?:https?://)?www\.[\w-]+(?:\.[\w-]+)+(?:/[\w./-]*)?", re.I)
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
LONG_NUMBER = re.compile(r"\d{14,24}")
# Patterns matched against the line as printed (whitespace collapsed).
RETOUR = re.compile(r"^>?\s*Retouradres\b", re.I)
STREET = re.compile(
    r"^[A-Z][\w'.-]*(?: [\w'.-]+){0,3}(?:straat|weg|laan|plein|kade|gracht|singel|dijk|markt|"
    r"hof|dreef|park|plantsoen|voorhout|haven|pad|steeg|boulevard|baan|ring|wal|poort|toren)"
    r" \d{1,4}(?: ?[a-zA-Z])?$")
ADDRESSEE = re.compile(r"^(?:Aan )?[Dd]e [Vv]oorzitter van de (?:Tweede|Eerste) Kamer\b|"
                       r"^der Staten-Generaal$")
ORG_START = re.compile(r"^(?:Ministerie|Directoraat|Directie|DG |Dienst|Inspectie|Agentschap|"
                       r"Rijksdienst|Kabinet|Bureau|Afdeling|Programma|Secretariaat|Staf|"
                       r"Autoriteit|Cluster|Sector)")
SIGNATURE_LIKE = re.compile(
    r"^(?:de )?(?:minister|staatssecretaris|hoogachtend|met vriendelijke)\b", re.I)
CITY = re.compile(r"^(?:'s-)?[A-Z][\w'-]*(?: [A-Za-z][\w'-]*){0,2}$")
SALUTATION = re.compile(r"^\s*(?:Zeer |Hoog)?[Gg]eachte\b")
DATUM = re.compile(r"^\s*Datum\b[:\s]*")
BETREFT = re.compile(r"^\s*(?:Betreft|Onderwerp)\b[:\s]*")
CHAMBER = re.compile(r"\b(Tweede|Eerste)\s+Kamer\b")
NOTE_START = re.compile(r"^\s*(\d{1,3})\s+\S")
SPACES = re.compile(r"[ \t\u00a0\u2002-\u200a\u202f]+")


def _compact(text: str) -> str:
    return "".join(text.split())


def _classify(line: Line, learned: frozenset[str]) -> int:
    """How a line counts as letterhead noise: OTHER, WEAK (in a block), STRONG, or KEY."""
    s = tidy(line.text)
    c = _compact(s)
    if not c:
        return OTHER
    if PAGE.fullmatch(c) or RETOUR.match(s):
        return STRONG
    if KEY_LINE.fullmatch(c.rstrip(":")):
        return KEY
    if len(s) <= 60 and (KEY_INLINE.fullmatch(c) or POSTBUS.fullmatch(c) or POSTCODE.fullmatch(c)
                         or PHONE.fullmatch(c) or WEB.fullmatch(s) or EMAIL.fullmatch(s)
                         or LONG_NUMBER.fullmatch(c) or STREET.match(s) or ADDRESSEE.match(s)):
        return WEAK
    return WEAK if s in learned else OTHER


def _runs(lines: list[Line], learned: frozenset[str]) -> list[list[int]]:
    """Groups of adjacent noise lines (blank lines in between do not separate them).

    A key ("Ons kenmerk") takes the short line after it as its value.
    """
    runs: list[list[int]] = []
    current: list[int] = []
    take_value = after_street = False
    for i, line in enumerate(lines):
        if not line.stripped:
            continue
        kind = _classify(line, learned)
        if (take_value and kind in (OTHER, WEAK) and len(line.stripped) <= 45) or (
                after_street and kind == OTHER and CITY.match(line.stripped)):
            kind = WEAK
        take_value = kind == KEY
        after_street = bool(STREET.match(tidy(line.text)))
        if kind == OTHER:
            if current:
                runs.append(current)
            current = []
        else:
            current.append(i)
    if current:
        runs.append(current)
    return runs


def _removable(run: list[int], lines: list[Line], learned: frozenset[str]) -> bool:
    return len(run) >= 2 or _classify(lines[run[0]], learned) == STRONG


def _header_like(s: str) -> bool:
    return (2 <= len(s) <= 45 and len(s.split()) <= 6 and s[-1] not in ".;:!?"
            and not s[0].isdigit() and "://" not in s and not SIGNATURE_LIKE.match(s)
            and any(ch.isalpha() for ch in s))


def _learn_margin_names(lines: list[Line]) -> frozenset[str]:
    """The names above the first page's margin block, to be removed where they recur."""
    counts = Counter(line.stripped for line in lines if line.stripped)
    for run in _runs(lines, frozenset()):
        if not any(_classify(lines[i], frozenset()) == KEY or PHONE.fullmatch(
                _compact(lines[i].text)) for i in run):
            continue
        candidates: list[str] = []
        j = run[0] - 1
        while j >= 0 and len(candidates) < 6:
            s = lines[j].stripped
            j -= 1
            if not s or _classify(lines[j + 1], frozenset()) != OTHER:
                continue  # part of the block
            if not _header_like(s):
                break
            candidates.insert(0, s)
        start = next((k for k, s in enumerate(candidates) if ORG_START.match(s)), len(candidates))
        verified = 0
        while verified < len(candidates) and counts[candidates[-1 - verified]] >= 2:
            verified += 1
        return frozenset(candidates[min(start, len(candidates) - verified):])
    return frozenset()


@dataclass
class _Head:
    """Where the letter head's fields are, and where the letter itself starts."""

    date: list[tuple[int, int]] = field(default_factory=list)     # spans: label, value
    subject: list[tuple[int, int]] = field(default_factory=list)  # spans: first line, wraps
    subject_label: tuple[int, int] = (0, 0)                         # "Betreft"
    used: set[int] = field(default_factory=set)
    body_start: int = 0
    chamber: str | None = None


def _despaced(text: str) -> str:
    return re.sub(r"(?<=\d) (?=\d)", "", tidy(text))


def _read_head(lines: list[Line], removed: set[int]) -> _Head:
    head = _Head()
    limit = min(len(lines), HEAD_LINES)
    sal = next((i for i in range(limit) if SALUTATION.match(lines[i].text)), None)
    end = sal if sal is not None else min(limit, 60)
    nonblank = [i for i in range(end) if lines[i].stripped]
    for n, i in enumerate(nonblank):
        line = lines[i]
        if not head.date and (m := DATUM.match(line.text)):
            if parse_dutch_date(_despaced(line.text[m.end():])):
                head.date = [(line.start, line.end)]
                head.used.add(i)
            elif n + 1 < len(nonblank) and parse_dutch_date(_despaced(lines[nonblank[n + 1]].text)):
                nxt = lines[nonblank[n + 1]]
                head.date = [(line.start, line.end), (nxt.start, nxt.end)]
                head.used.update({i, nonblank[n + 1]})
        elif not head.subject and (m := BETREFT.match(line.text)):
            head.used.add(i)
            label = line.text[: m.end()].strip(" :\t")
            head.subject_label = (line.start + line.text.index(label), line.start +
                                  line.text.index(label) + len(label))
            head.subject = [(line.start + m.end(), line.end)] if line.text[m.end():].strip() else []
            wraps = [k for k in nonblank[n + 1:] if k not in removed and not DATUM.match(
                lines[k].text)]
            if not head.subject and wraps:
                head.subject.append((lines[wraps[0]].start, lines[wraps[0]].end))
                head.used.add(wraps.pop(0))
            if sal is not None:
                for k in wraps[:3]:
                    head.subject.append((lines[k].start, lines[k].end))
                    head.used.add(k)
    if sal is not None and (head.used or any(RETOUR.match(lines[i].stripped) for i in nonblank)):
        head.body_start = sal
    elif head.subject:
        head.body_start = max(head.used) + 1
    for i in range(head.body_start or end):
        if m := CHAMBER.search(lines[i].text):
            head.chamber = f"{m[1]} Kamer"
            break
    return head


def _copy_clean(builder: TextBuilder, original: str, start: int, end: int) -> None:
    """Copy a line with whitespace collapsed; spaces that PDF spacing put inside a number
    ("2 022") or before a URL's next part ("risicos -van-") are left out."""
    segment = original[start:end]
    if "://" not in segment and not DATUM.match(segment):
        copy_collapsed(builder, original, start, end)  # the common case: nothing special
        return
    lead = len(segment) - len(segment.lstrip())
    stop = start + len(segment.rstrip())
    pos = start + lead
    for m in SPACES.finditer(original, pos, stop):
        builder.copy(original, pos, m.start())
        before, after = original[m.start() - 1], original[m.end():m.end() + 2]
        url = re.search(r"https?://\S+$", original[max(start, m.start() - 300):m.start()])
        digits = before.isdigit() and after[:1].isdigit() and DATUM.match(original[start:end])
        if not digits and not (url and len(after) == 2 and after[0] in "-/_"
                               and not after[1].isspace()):
            builder.put(" ", m.start())
        pos = m.end()
    builder.copy(original, pos, stop)


def _joins(previous: str, line: str) -> bool:
    """A word broken by a hyphen at the end of ``previous`` goes on at the start of ``line``."""
    return bool(re.search(r"\w-$", previous.rstrip())) and line.lstrip()[:1].isalnum()


def _emit(builder: TextBuilder, original: str, lines: list[Line], separators: list[str]) -> None:
    """Append lines, each after its separator ("", " ", "\\n" or "\\n\\n"); a word broken
    by a hyphen at a line end is joined instead."""
    previous = ""
    for line, separator in zip(lines, separators, strict=True):
        first = line.start + len(line.text) - len(line.text.lstrip())
        if separator and not (separator != "\n\n" and _joins(previous, line.text)):
            builder.put(separator, first)
        _copy_clean(builder, original, line.start, line.end)
        previous = line.text


def _footnotes(lines: list[Line], segments: list[list[int]], original: str,
               from_offset: int) -> set[int]:
    """Line indices of the footnotes at the foot of each page (segment)."""
    notes: set[int] = set()
    expected = 1
    for segment in segments:
        body = [i for i in segment if lines[i].stripped]
        for p, idx in enumerate(body):
            m = NOTE_START.match(lines[idx].text)
            if not m or int(m[1]) != expected:
                continue
            # The marker in the text; it may be fused to a year ("brief van 31 juli 20142").
            marker = re.search(rf"(?<!\d)(?:(?:19|20)\d\d)?{expected}(?!\d)",
                               original[from_offset:lines[idx].start])
            number, run_on, valid = expected, 0, marker is not None
            for k in body[p + 1:]:
                nm = NOTE_START.match(lines[k].text)
                if nm and int(nm[1]) == number + 1:
                    number, run_on = number + 1, 0
                else:
                    run_on += 1
                    valid = valid and run_on <= MAX_NOTE_CONTINUATION
            if valid:
                notes.update(body[p:])
                expected = number + 1
                break
    return notes


def _segments(lines: list[Line], head: _Head, removed: set[int]) -> list[list[tuple[int, bool]]]:
    """The body's lines between noise blocks: (line index, a blank line came before it)."""
    segments: list[list[tuple[int, bool]]] = [[]]
    blank = False
    for i in range(head.body_start, len(lines)):
        if i in head.used:
            continue
        if i in removed:
            if segments[-1]:
                segments.append([])
            continue
        if not lines[i].stripped:
            blank = True
            continue
        segments[-1].append((i, blank))
        blank = False
    return segments


def read_letterhead(path: str, original: str) -> SourceDocument:
    """Read the text layer of a ministry letter (see the module docstring)."""
    lines = split_lines(original)
    learned = _learn_margin_names(lines)
    removed = {i for run in _runs(lines, learned) if _removable(run, lines, learned) for i in run}
    head = _read_head(lines, removed)
    hints = Hints(chamber=head.chamber)
    builder = TextBuilder()
    for n, (a, b) in enumerate(head.date):
        if n:
            builder.put(" ", a)
        _copy_clean(builder, original, a, b)
    if head.date:
        hints.date = parse_dutch_date(_despaced(" ".join(original[a:b] for a, b in head.date)))
    title_from = title_to = 0
    if head.subject:
        label, first = head.subject_label, head.subject[0][0]
        if len(builder):
            builder.put("\n", label[0])
        if original[label[0]:label[1]] == "Betreft":
            builder.copy(original, *label)
        else:
            builder.put("Betreft", label[0])
        builder.put(" ", first)
        title_from = len(builder)
        _emit(builder, original, [Line(original[c:d], c) for c, d in head.subject],
              [""] + [" "] * (len(head.subject) - 1))
        title_to = len(builder)

    segments = _segments(lines, head, removed)
    from_offset = lines[head.body_start].start if head.body_start < len(lines) else 0
    notes = _footnotes(lines, [[i for i, _ in seg] for seg in segments], original, from_offset)
    body: list[Line] = []
    breaks: list[str] = []
    for number, segment in enumerate(segments):
        for n, (i, blank) in enumerate(segment):
            if i in notes:
                continue
            if not body:
                blank = bool(len(builder))
            elif number and n == 0:
                # A page break: a paragraph ends there only after a full sentence.
                blank = blank and bool(re.search(r"[.:;!?]$", body[-1].stripped))
            body.append(lines[i])
            breaks.append("\n\n" if blank else "\n" if len(builder) or breaks else "")
    note_lines = [lines[i] for i in sorted(notes)]
    note_breaks = ["\n\n" if n == 0 and (body or len(builder)) else "\n"
                   for n in range(len(note_lines))]
    _emit(builder, original, body + note_lines, breaks + note_breaks)
    text, offsets = builder.build()
    if title_to > title_from:
        hints.title = text[title_from:title_to]
    warnings = [] if head.date or head.subject else [
        "letterhead: no 'Datum' or 'Betreft' line found in the letter head"]
    return SourceDocument(path, Rendering.LETTERHEAD, text, offsets, original, hints, warnings)


__all__ = ["read_letterhead"]
