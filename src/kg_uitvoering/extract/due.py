"""Time indications of commitments: find them as written, and turn them into a date range.

"in september" in a letter of 4 July 2013 is 2013-09-01..2013-09-30; "voor de zomer" is
before 1 July; "in de eerste helft van 2023" is 2023-01-01..2023-06-30; "z.s.m." has no
range. A period that would already be over at the letter's date moves to the next year.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

from ..dutch import MONTH_PATTERN, MONTHS, WEEKDAYS, fix_year
from ..model import DueDate

SEASONS: dict[str, tuple[tuple[int, int], tuple[int, int]]] = {
    "voorjaar": ((3, 1), (5, 31)), "lente": ((3, 1), (5, 31)),
    "zomer": ((7, 1), (8, 31)), "zomerreces": ((7, 1), (8, 31)),
    "najaar": ((9, 1), (11, 30)), "herfst": ((9, 1), (11, 30)),
    "winter": ((12, 1), (12, 31)), "kerstreces": ((12, 20), (12, 31)),
    "jaarwisseling": ((12, 15), (12, 31)), "meireces": ((4, 25), (5, 10)),
    "voorjaarsreces": ((2, 15), (3, 1)), "herfstreces": ((10, 10), (10, 25)),
}
PERIODS = {"eerste kwartaal": (1, 3), "tweede kwartaal": (4, 6), "derde kwartaal": (7, 9),
           "vierde kwartaal": (10, 12), "eerste helft": (1, 6), "tweede helft": (7, 12)}
SEASON = "|".join(sorted(SEASONS, key=len, reverse=True))
PERIOD = r"(?:eerste|tweede|derde|vierde|1e|2e|3e|4e) (?:kwartaal|helft)"
YEAR = r"\d{4}(?!\d)"
PREP = (r"(?:(?:uiterlijk|nog|ruim(?:schoots)?|naar verwachting|bij voorkeur|zo mogelijk)\s)?"
        r"(?:vóór|voor|na|in|rond|omstreeks|begin|eind|einde|medio|half|halverwege|tegen|per|"
        r"vanaf|op|uiterlijk|deze|dit|komende?|volgende?)")
ANCHOR = (
    rf"(?:het\s|de\s)?(?:(?:eind(?:e)?|begin|start|helft) van\s(?:het\s|de\s)?)?"
    rf"(?:{PERIOD}(?:\svan)?(?:\s{YEAR})?|(?:{SEASON})(?:\s(?:van\s)?{YEAR})?"
    rf"|(?:{WEEKDAYS}\s)?\d{{1,2}}\s(?:{MONTH_PATTERN})(?:\s{YEAR})?(?:\s(?:a\.s\.|aanstaande))?"
    rf"|(?:{MONTH_PATTERN})(?:\s{YEAR})?|{YEAR}|(?:dit|volgend|komend|het nieuwe) jaar"
    rf"|(?:komende|volgende|aankomende)\s(?:maanden|weken|periode|week|maand)"
    rf"|Prinsjesdag|de begrotingsbehandeling|de jaarwisseling"
    rf"|(?<=van\s)het (?:kalender)?jaar(?=\W|$))"
)
DUE = re.compile(
    rf"\bz\.s\.m\.|\bzo (?:spoedig|snel) mogelijk(?:,?\s(?:na|in|voor)\s(?:het|de)\s\w+(?:\s\w+)?)?"
    rf"|\b(?:eind|begin|medio) dit jaar|\bbinnenkort\b|\bop korte termijn\b|\bjaarlijks\b"
    rf"|\b(?:uiterlijk\s)?begin volgende week|\b(?:spoedig,\s)?{PREP}\s{ANCHOR}"
    rf"(?:\s(?:a\.s\.|aanstaande|jl\.))?",
    re.IGNORECASE,
)


def find_due(sentence: str) -> tuple[int, int] | None:
    """The span of the (first, longest) time indication in a sentence, or None."""
    best: tuple[int, int] | None = None
    for m in DUE.finditer(sentence):
        if _is_past_marker(m.group(0)) or _is_bare_number(m.group(0)):
            continue
        if best is None or (m.start() <= best[1] and m.end() - m.start() > best[1] - best[0]):
            best = (m.start(), m.end())
            if m.start() > 0:
                break
    return best


def _is_past_marker(text: str) -> bool:
    return text.lower().endswith("jl.")


def _is_bare_number(text: str) -> bool:
    """ "op 2" or "in 2" alone is no time indication; a year or a month is."""
    return re.fullmatch(r"\w+\s\d{1,3}", text) is not None


def due_range(due: str, letter_date: str | None) -> DueDate | None:
    """Normalise a due expression relative to the letter's date; None if not derivable."""
    if letter_date is None:
        return None
    ref = date.fromisoformat(letter_date)
    text = due.lower()
    year_m = re.search(r"\b(\d{4})(?!\d)", text)
    year = fix_year(year_m.group(1)) if year_m else ref.year
    if "volgend jaar" in text or "nieuwe jaar" in text:
        year = ref.year + 1
    explicit_year = year_m is not None
    span = _span(text, year, ref)
    if span is None:
        return None
    lo, hi = span
    if not explicit_year and hi < ref:
        lo, hi = _shift_year(lo), _shift_year(hi)
    if re.search(r"\b(?:vóór|voor|uiterlijk|tegen)\b", text) and not text.startswith("zo "):
        return DueDate(None, (lo - timedelta(days=1)).isoformat()
                       if re.search(r"\b(?:vóór|voor)\b", text) else hi.isoformat())
    if re.search(r"\b(?:na|vanaf|per)\b", text):
        return DueDate(lo.isoformat() if "vanaf" in text or "per" in text
                       else (hi + timedelta(days=1)).isoformat(), None)
    return DueDate(lo.isoformat(), hi.isoformat())


def _span(text: str, year: int, ref: date) -> tuple[date, date] | None:
    if m := re.search(rf"(\d{{1,2}})\s({MONTH_PATTERN})", text):
        try:
            day = date(year, MONTHS[m.group(2)], int(m.group(1)))
        except ValueError:
            return None
        return day, day
    for name, (first, last) in PERIODS.items():
        if name in text.replace("1e", "eerste").replace("2e", "tweede"):
            return date(year, first, 1), _month_end(year, last)
    if m := re.search(rf"\b({SEASON})\b", text):
        (m1, d1), (m2, d2) = SEASONS[m.group(1)]
        return date(year, m1, d1), date(year, m2, d2)
    if m := re.search(rf"\b({MONTH_PATTERN})\b", text):
        month = MONTHS[m.group(1)]
        return date(year, month, 1), _month_end(year, month)
    if "komende maanden" in text or "komende periode" in text:
        return ref, ref + timedelta(days=91)
    if re.search(r"(?:komende|volgende) week", text):
        return ref + timedelta(days=1), ref + timedelta(days=14)
    if re.search(r"\b(?:eind|einde)\b", text):
        return date(year, 11, 1), date(year, 12, 31)
    if re.search(r"\bbegin\b", text):
        return date(year, 1, 1), date(year, 2, _month_end(year, 2).day)
    if "medio" in text:
        return date(year, 6, 1), date(year, 7, 31)
    if "prinsjesdag" in text:
        return date(year, 9, 15), date(year, 9, 21)
    if re.search(r"\b\d{4}\b|dit jaar|volgend jaar|nieuwe jaar", text):
        return date(year, 1, 1), date(year, 12, 31)
    return None


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _shift_year(day: date) -> date:
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year + 1, day=28)
