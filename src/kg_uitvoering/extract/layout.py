"""Where things are in a letter: header, body, signature, footnotes; and its sentences.

Every rendering's reader leaves the letter in the same shape: an optional heading
("29 362 Modernisering van de overheid / Nr. 318 BRIEF VAN ..."), an opening ("Aan de
Voorzitter ...", "Den Haag, 22 december 2022" or a letterhead's "Datum"/"Betreft"),
the body, one or more signature blocks, then footnotes or annexes. :func:`layout`
finds those zones; the extractors search the body and what follows the signature.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

OPENING = re.compile(
    r"^(?:Aan de [Vv]oorzitter\b.*|De [Vv]oorzitter van de (?:Tweede|Eerste) Kamer.*|"
    r"Den Haag,.*|Geachte .*|Datum\s+\d.*|Betreft\s.*)$",
    re.M,
)
SALUTATION_OR_DATE = re.compile(
    r"^(?:Den Haag,(?:[ \n]*\d{1,2}(?:e|ste)? \w+ \d{4,6})?|Geachte [^\n]*|"
    r"Betreft[^\n]*|Datum\s+\d[^\n]*)[ \t]*$",
    re.M,
)
# Abbreviations after which a full stop does not end a sentence.
NO_BREAK_ABBR = re.compile(
    r"(?:\b(?:nr|nrs|dhr|mevr|mr|drs|dr|ir|prof|ing|art|bijv|ca|vs|blz|p|d\.d|o\.a|i\.v\.m|"
    r"m\.b\.t|t\.a\.v|n\.a\.v|m\.i\.v|i\.c|c\.q|e\.e\.a|z\.g|t\.b\.v|incl|excl|resp|min|"
    r"mln|mld|jo|St|Stb|Stcrt|Kamerstuknr)\.|\b[A-Z]\.)$"
)


@dataclass
class Layout:
    """Zones of a letter as spans into its text."""

    header: tuple[int, int]
    body: tuple[int, int]
    signatures: list[tuple[int, int]] = field(default_factory=list)
    tail: tuple[int, int] = (0, 0)

    def search_spans(self) -> list[tuple[int, int]]:
        """Body and tail (footnotes, annexes): where citations and commitments stand."""
        spans = []
        pos = self.body[0]
        for start, end in sorted(self.signatures):
            if start > pos:
                spans.append((pos, start))
            pos = max(pos, end)
        end_of_text = self.tail[1] if self.tail[1] else self.body[1]
        if end_of_text > pos:
            spans.append((pos, end_of_text))
        return spans


def layout(text: str, signatures: list[tuple[int, int]]) -> Layout:
    """Find the zones, given the signature blocks the signer extractor found."""
    opening = OPENING.search(text)
    start = opening.start() if opening else 0
    # The body starts after the last opening line (date, salutation, Betreft) near the top.
    body_start = start
    for m in SALUTATION_OR_DATE.finditer(text, start, min(len(text), start + 1500)):
        body_start = m.end()
    end = signatures[-1][1] if signatures else len(text)
    return Layout(header=(0, body_start), body=(body_start, end), signatures=signatures,
                  tail=(end, len(text)))


def is_heading(line: str) -> bool:
    """A short line without closing punctuation that introduces what follows."""
    s = line.strip()
    return (0 < len(s) < 90 and not s.endswith((".", ",", ";", ":", "-"))
            and s[:1].isupper() and len(s.split()) <= 10)


SENTENCE_END = re.compile(r"[.!?](?:[»”\"')\]]|\d{1,2}(?=\s))*(?=\s)|\n\s*\n|\n(?=\s*[•\-–▪·]\s)")


def sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentence spans in ``text[start:end]``.

    A full stop ends a sentence unless it closes an abbreviation ("nr.", "o.a.",
    initials) or the next word is lower case; paragraph breaks and list bullets end
    one too. A single line break inside a paragraph (PDF text) does not, except after
    a heading-like line.
    """
    spans: list[tuple[int, int]] = []
    pos = start
    for m in SENTENCE_END.finditer(text, start, end):
        cut = m.end()
        if text[m.start()] == ".":
            before = text[max(start, m.start() - 12): m.start() + 1]
            after = text[cut:cut + 3].lstrip()
            if NO_BREAK_ABBR.search(before) or (after[:1].islower() or after[:1] in ",;)"):
                continue
        spans.extend(_split_headings(text, pos, cut))
        pos = cut
    if pos < end:
        spans.extend(_split_headings(text, pos, end))
    return [(a, b) for a, b in (_trim(text, a, b) for a, b in spans) if b > a]


def _split_headings(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Split a span at single line breaks that follow a heading-like line."""
    out = []
    pos = start
    for m in re.finditer(r"\n", text[start:end]):
        nl = start + m.start()
        line = text[pos:nl]
        nxt = text[nl + 1:nl + 2]
        if (is_heading(line) and (nxt.isupper() or nxt.isdigit()) and len(line.strip()) < 60
                and _whole_line(text, pos + len(line) - len(line.lstrip())) and not _runs_on(line)):
            out.append((pos, nl))
            pos = nl + 1
    out.append((pos, end))
    return out


# Words that do not end a heading: a line ending in one runs on ("Ik verwacht uw\nKamer ...").
RUN_ON = {"uw", "de", "het", "een", "van", "voor", "in", "op", "met", "aan", "en", "of", "te",
          "dat", "die", "ik", "wij", "we", "mijn", "ons", "onze", "over", "naar", "bij", "door",
          "om", "zal", "zullen", "wordt", "worden", "is", "zijn", "deze", "dit", "u"}


def _whole_line(text: str, pos: int) -> bool:
    """``pos`` starts its line (only spaces before it since the last line break)."""
    line_start = text.rfind("\n", 0, pos) + 1
    return not text[line_start:pos].strip()


def _runs_on(line: str) -> bool:
    words = line.split()
    return bool(words) and words[-1].lower() in RUN_ON


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in " \n\t•-–▪·":
        start += 1
    while end > start and text[end - 1] in " \n\t":
        end -= 1
    return start, end


def squash(text: str) -> str:
    """Text with line breaks and runs of spaces as single spaces (for matching)."""
    return re.sub(r"\s+", " ", text).strip()
