"""Citations of Kamerstukken in the styles of GUIDELINES.md, and other references.

Every citation written is recorded in the gold annotation: one entry per cited paper,
"nrs. 866 en 928" as two, "Kamerstukken 25 764 en 29 911, nr. 137" with its second
dossier in ``also_dossiers``, "(Kamerstuk 33 037)" as a dossier without ondernummer.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from .model import Letter
from .vocab import BUDGET, STANDING, YEAR_START

MONTHS = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
          "september", "oktober", "november", "december")
EK_LETTERS = "ABCDEFGHIJKLMN"


def prinsjesdag(year: int) -> date:
    first = date(year, 9, 1)
    return first + timedelta(days=(1 - first.weekday()) % 7 + 14)


def vergaderjaar(day: date) -> tuple[int, int]:
    start = day.year if day >= prinsjesdag(day.year) else day.year - 1
    return start, start + 1


def session(day: date, style: str = "short") -> str:
    """ "2021/22" (short), "2021-2022" (long) or "2021–2022" (dash)."""
    a, b = vergaderjaar(day)
    if style == "short":
        return f"{a}/{b % 100:02d}"
    return f"{a}{'–' if style == 'dash' else '-'}{b}"


def dutch(day: date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def earlier(letter: Letter, rng: random.Random, low: int = 20, high: int = 900) -> date:
    """A date some weeks to years before the letter (a weekday)."""
    day = letter.day - timedelta(days=rng.randint(low, high))
    while day.weekday() > 4:
        day -= timedelta(days=1)
    return day


@dataclass(frozen=True)
class Paper:
    number: str   # "29362"
    toev: str     # "", "VII", "A", "20" (a sub-number)
    nr: str | None
    day: date     # when it was published

    @property
    def dossier(self) -> str:
        return f"{self.number}-{self.toev}" if self.toev else self.number

    def spaced(self) -> str:
        base = f"{self.number[:2]} {self.number[2:]}"
        if not self.toev:
            return base
        return f"{base}-{self.toev}" if self.toev.isdigit() else f"{base} {self.toev}"

    def compact(self) -> str:
        if not self.toev:
            return self.number
        return f"{self.number}-{self.toev}" if self.toev.isdigit() else f"{self.number} {self.toev}"


def paper(letter: Letter, rng: random.Random, numbered: bool = True) -> Paper:
    """A paper to cite: from a standing dossier, a budget chapter or a recent dossier; never
    the letter itself, and never a dossier already cited the other way (with or without nr)."""
    for _ in range(50):
        day = earlier(letter, rng)
        roll = rng.random()
        if roll < 0.45:
            own = [s for s in STANDING if s[3] == letter.ministry.key]
            number, toev, _, _, first = rng.choice(own if own and rng.random() < 0.6 else STANDING)
            if first > day.year:
                continue
            nr = str(rng.randint(2, 1500) if toev else rng.randint(2, 700))
        elif roll < 0.65:
            budget_year = day.year + (1 if day >= prinsjesdag(day.year) else 0)
            number = BUDGET.get(budget_year, "")
            if not number:
                continue
            toev = rng.choice((letter.ministry.chapter,) * 4 + ("A", "B", "C"))
            nr = str(rng.randint(1, 140))
        else:
            year = max(2006, day.year - rng.choice((0, 0, 1, 2, 4)))
            number = str(rng.randrange(YEAR_START[year], YEAR_START[year + 1]))
            toev, nr = "", str(rng.randint(1, 60))
        found = Paper(number, toev, nr if numbered else None, day)
        if letter.kamerstuk and (found.dossier, found.nr) == letter.kamerstuk:
            continue
        if numbered and found.dossier in letter.dossier_only:
            continue
        if not numbered and (found.dossier in letter.numbered_dossiers() or (
                letter.kamerstuk and found.dossier == letter.kamerstuk[0])):
            continue
        return found
    raise RuntimeError("no paper to cite")  # pragma: no cover - 50 tries always find one


def citation(letter: Letter, rng: random.Random, in_note: bool = False
             ) -> tuple[str, tuple[str, str] | None]:
    """A citation as printed, recorded in the gold; and the first paper cited (its origin).
    Its date is left in ``letter.cited_day``."""
    roll = rng.random()
    if letter.chamber == "Eerste Kamer" and roll < 0.2:
        p = paper(letter, rng)
        letter.cited_day = p.day
        nr = rng.choice(EK_LETTERS)
        if (p.dossier, nr) != letter.kamerstuk:
            letter.cite(p.dossier, nr)
            return f"Kamerstukken I {session(p.day)}, {p.spaced()}, {nr}", (p.dossier, nr)
    p = paper(letter, rng)
    letter.cited_day = p.day
    assert p.nr is not None
    if roll < 0.35:
        text = f"Kamerstuk {p.spaced()}, nr. {p.nr}"
    elif roll < 0.65:
        dossier = p.compact() if rng.random() < 0.4 else p.spaced()
        text = f"Kamerstukken II {session(p.day)}, {dossier}, nr. {p.nr}"
    elif roll < 0.75:
        second = str(int(p.nr) + rng.randint(1, 40))
        if (p.dossier, second) == letter.kamerstuk:
            second = str(int(second) + 1)
        letter.cite(p.dossier, p.nr)
        letter.cite(p.dossier, second)
        return f"Kamerstuk {p.spaced()}, nrs. {p.nr} en {second}", (p.dossier, p.nr)
    elif roll < 0.84:
        other = paper(letter, rng)
        if other.dossier == p.dossier:
            return citation(letter, rng, in_note)
        letter.cite(p.dossier, p.nr, [other.dossier])
        return f"Kamerstukken {p.spaced()} en {other.spaced()}, nr. {p.nr}", (p.dossier, p.nr)
    elif roll < 0.93 and not in_note:
        text = f"{p.spaced()}, nr. {p.nr}"
    else:
        text = f"Kamerstuk {p.compact()}, nr. {p.nr}"
    letter.cite(p.dossier, p.nr)
    return text, (p.dossier, p.nr)


def dossier_only(letter: Letter, rng: random.Random) -> str:
    p = paper(letter, rng, numbered=False)
    letter.cite(p.dossier, None)
    return f"Kamerstuk {p.spaced()}"


def handelingen(letter: Letter, rng: random.Random) -> str:
    day = earlier(letter, rng, 10, 400)
    text = f"Handelingen II {session(day)}, nr. {rng.randint(3, 110)}"
    if rng.random() < 0.6:
        text += f", item {rng.randint(2, 30)}"
    letter.other_refs.append(("handelingen", text))
    return text


def aanhangsel(letter: Letter, rng: random.Random) -> str:
    day = earlier(letter, rng, 10, 400)
    text = f"Aanhangsel Handelingen II {session(day)}, nr. {rng.randint(100, 3900)}"
    letter.other_refs.append(("aanhangsel", text))
    return text


def tk_number(letter: Letter, rng: random.Random, kind: str) -> str:
    day = earlier(letter, rng, 5, 120)
    text = f"{day.year}{'Z' if kind == 'tk-zaak' else 'D'}{rng.randint(1000, 99999):05d}"
    letter.other_refs.append((kind, text))
    return text


SITES = ("www.rijksoverheid.nl/documenten/rapporten", "www.rijksoverheid.nl/documenten/kamerstukken",
         "www.officielebekendmakingen.nl/kst", "open.overheid.nl/documenten",
         "www.tweedekamer.nl/kamerstukken/brieven_regering", "zoek.officielebekendmakingen.nl")


def url(letter: Letter, rng: random.Random, slug: str) -> str:
    day = earlier(letter, rng, 5, 300)
    site = rng.choice(SITES)
    path = f"{day.year}/{day.month:02d}/{day.day:02d}/{slug}" if "rapporten" in site else slug
    text = f"https://{site}/{path}"
    letter.other_refs.append(("url", text))
    return text


def eu_act(letter: Letter, rng: random.Random) -> str:
    roll = rng.random()
    day = earlier(letter, rng, 30, 500)
    if roll < 0.5:
        text = f"COM({day.year}) {rng.randint(100, 899)} final"
    elif roll < 0.8:
        text = rng.choice(("Digital Services Act", "Critical Raw Materials Act", "Data Governance Act",
                           "Net-Zero Industry Act", "Chips Act"))
    else:
        text = f"Verordening (EU) {day.year}/{rng.randint(100, 2400)}"
    letter.other_refs.append(("eu", text))
    return text
