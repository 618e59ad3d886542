"""Small pieces of Dutch parliamentary language shared by readers and extractors:
dates, dossier numbers, Kamerstuk identifiers and government posts."""

from __future__ import annotations

import re
from datetime import date

from .model import KamerstukRef, Post

MONTHS = {
    "januari": 1, "februari": 2, "maart": 3, "april": 4, "mei": 5, "juni": 6, "juli": 7,
    "augustus": 8, "september": 9, "oktober": 10, "november": 11, "december": 12,
}
MONTH_PATTERN = "|".join(MONTHS)
WEEKDAYS = r"(?:maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag)"
DATE_PATTERN = rf"(?P<day>\d{{1,2}})(?:e|ste)?\s+(?P<month>{MONTH_PATTERN})\s+(?P<year>\d{{4,6}})"
DATE_RE = re.compile(DATE_PATTERN, re.IGNORECASE)

ROMAN = r"(?=[IVXL])(?:L?X{0,3})(?:IX|IV|V?I{0,3})"
# A dossier number as printed: "29 362", "29362", "21 501-07", "34 775 A", "33 400 VIII".
DOSSIER_PATTERN = (
    r"(?<![\d/])(?P<num>\d{2}[ \u00a0]?\d{3})(?![\d/])"
    r"(?P<toev>-\d{1,2}(?!\d)|[ \u00a0-](?:" + ROMAN + r"|[A-Z])(?![\w-])"
    # wrapped to the next line: "34 300\nC, nr. 118", "(Kamerstuk 35 000\nA)"
    r"|\n(?:" + ROMAN + r"|[A-Z])(?=[ \t]*(?:[,);]|nrs?\b|\Z)))?"
)
# The same without named groups, for patterns that repeat it.
DOSSIER_ANY = re.sub(r"\(\?P<\w+>", "(?:", DOSSIER_PATTERN)
ROLE_WORDS = {
    "minister-president": "Minister-president",
    "viceminister-president": "Viceminister-president",
    "minister": "Minister",
    "staatssecretaris": "Staatssecretaris",
}
SMALL_WORDS = {"en", "van", "voor", "de", "het", "der", "op", "in", "met", "of", "en/of"}


def tidy(text: str) -> str:
    """Collapse whitespace and strip."""
    return " ".join(text.split())


def valid_date(year: int, month: int, day: int) -> str | None:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def fix_year(raw: str) -> int:
    """A year with a footnote number fused to it ("20225" for 2022 + note 5) loses the note."""
    return int(raw[:4])


def parse_dutch_date(text: str) -> str | None:
    """The first Dutch date in ``text`` ("Den Haag, 22 december 2022") as ISO, or None."""
    m = DATE_RE.search(text)
    if not m:
        return None
    return valid_date(fix_year(m["year"]), MONTHS[m["month"].lower()], int(m["day"]))


def normalise_dossier(num: str, toevoeging: str | None = None) -> str:
    """ "29 362" -> "29362"; with "A" -> "29362-A"; "21 501-07" -> "21501-07"."""
    dossier = re.sub(r"[\s\u00a0]", "", num)
    if toevoeging:
        toev = toevoeging.strip(" \u00a0\n-")
        if toev:
            dossier = f"{dossier}-{toev}"
    return dossier


def parse_kamerstuk_id(text: str) -> KamerstukRef | None:
    """An identifier such as "35300-XIV-62", "kst-29362-318", "CII-E" or "34785-80".

    The last hyphenated part is the ondernummer; what comes before is the dossier with
    its toevoeging.
    """
    value = tidy(text).removeprefix("kst-").removesuffix(".html")
    value = re.sub(r"\s*\bnr\.?\s*", "-", value)
    value = re.sub(r"(?<=\d) (?=\d{3}\b)", "", value).replace(" ", "-")
    parts = [p for p in value.split("-") if p]
    if len(parts) < 2 or not re.fullmatch(r"\d{5}|[A-Z]{1,5}", parts[0]):
        return None
    if not re.fullmatch(r"\d{1,5}|[A-Z]{1,2}", parts[-1]):
        return None
    return KamerstukRef("-".join(parts[:-1]), parts[-1])


def portfolio_case(text: str) -> str:
    """Capitalise a portfolio printed in upper or lower case: "BINNENLANDSE ZAKEN EN
    KONINKRIJKSRELATIES" -> "Binnenlandse Zaken en Koninkrijksrelaties"."""
    text = tidy(text).strip(" ,.")
    if text != text.upper() and text != text.lower():
        return text[:1].upper() + text[1:]
    words = []
    for i, word in enumerate(text.lower().split(" ")):
        if i and word in SMALL_WORDS:
            words.append(word)
        else:
            words.append("-".join(w[:1].upper() + w[1:] for w in word.split("-")))
    return " ".join(words)


POST_RE = re.compile(
    r"^\s*(?:de\s+)?(?P<role>vice-?minister-president|minister-president|minister|"
    r"staatssecretaris)\b\s*(?:,\s*minister\s+)?(?:(?P<prep>van|voor)\s+)?(?P<of>.*?)\s*[,.]?\s*$",
    re.IGNORECASE,
)


def parse_post(text: str) -> Post | None:
    """ "De Staatssecretaris van Binnenlandse Zaken" -> Post("Staatssecretaris", "Binnenlandse
    Zaken"); "minister-president, minister van Algemene Zaken" -> ("Minister-president",
    "Algemene Zaken"); "Minister voor Rechtsbescherming" -> ("Minister", "Rechtsbescherming")."""
    m = POST_RE.match(tidy(text))
    if not m:
        return None
    role = ROLE_WORDS[m["role"].lower().replace("vice-", "vice")]
    of = m["of"].removeprefix("Ministerie van ").strip() or None
    if of is not None and not re.match(r"[A-Za-zÀ-ÿ]", of):
        of = None
    return Post(role, portfolio_case(of) if of else None)
