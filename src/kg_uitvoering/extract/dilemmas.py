"""Dilemmas, only where the letter names them as such: headings like
"Dilemma 1 – Focus: goed en duurzaam" or "Knelpunt 2: Arbeidsmarkt" (GUIDELINES.md)."""

from __future__ import annotations

import re

from ..model import Dilemma, Passage

HEADING = re.compile(
    r"^[ \t]*(?:Dilemma|Knelpunt|Spanningsveld|Spanning)[ \t]+(?P<number>\d{1,2})[ \t]*"
    r"(?:[–—:.-][ \t]*)?(?P<title>[^\n]{2,120}?)[ \t]*$",
    re.M,
)


def find_dilemmas(text: str, spans: list[tuple[int, int]]) -> list[Dilemma]:
    """Numbered dilemma headings, one per number (the first heading wins)."""
    found: dict[int, Dilemma] = {}
    for start, end in spans:
        for m in HEADING.finditer(text, start, end):
            title = m["title"].strip()
            if title.endswith(".") or len(title.split()) > 14:
                continue  # a sentence that mentions a dilemma, not a heading
            number = int(m["number"])
            found.setdefault(number, Dilemma(number, title,
                                             Passage(m.start(), m.end(), m.group(0))))
    return [found[n] for n in sorted(found)]
