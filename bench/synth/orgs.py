"""Organisations, from the project's gazetteer (``data/gazetteer/organisations.tsv``).

Each mention is written in one of the forms letters use: the full name, the full name
with its abbreviation defined ("het Rijksinstituut voor Volksgezondheid en Milieu
(RIVM)") and the abbreviation after that, or the abbreviation alone; ministries as they
were named at the letter's date. Every mention is recorded in the gold annotation under
the gazetteer's full name, with the abbreviation where the text uses one.
"""

from __future__ import annotations

import csv
import random
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from .model import Letter
from .people import ministries_at

GAZETTEER = Path(__file__).resolve().parents[2] / "data" / "gazetteer" / "organisations.tsv"
SKIPPED_KINDS = {"partij", "parlement", "ministerie", "kind"}
HET_NOUNS = (
    "bureau", "instituut", "ministerie", "college", "centrum", "platform", "netwerk", "agentschap",
    "fonds", "genootschap", "parlement", "hof", "comité", "team", "orgaan", "mechanisme",
    "meldpunt", "informatiepunt", "commissariaat", "archief", "museum", "kadaster", "huis",
    "overleg", "consortium", "korps", "secretariaat", "toezicht", "programma", "bedrijf",
    "instituut", "tribunaal", "strafhof",
)
DE_NOUNS = (
    "raad", "dienst", "bank", "bond", "inspectie", "ombudsman", "ombudsvrouw", "autoriteit",
    "vereniging", "federatie", "commissie", "organisatie", "politie", "marechaussee", "rekenkamer",
    "kamer", "unie", "groep", "stichting", "academie", "universiteit", "school", "maatschappij",
    "spoorwegen", "omroep", "bibliotheek", "landmacht", "marine", "luchtmacht", "beweging", "orde",
    "douane", "belastingdienst", "kanselarij", "eurogroep", "gemeenschap", "alliantie", "naties",
    "staat", "rechtspraak", "ministerraad", "vertegenwoordiging", "beroepsorganisatie", "coalitie",
    "kring", "universiteiten", "gasunie", "vakbeweging", "vakverbond", "onderwijsbond",
)


@dataclass(frozen=True)
class Org:
    name: str
    abbr: str | None
    kind: str
    article: str  # "de", "het" or ""

    def named(self, capital: bool = False, form: str = "name") -> str:
        """The organisation with its article: "het RIVM", "de Belastingdienst", "Logius"."""
        word = self.abbr if form == "abbr" and self.abbr else self.name
        text = f"{self.article} {word}" if self.article else word
        return text[:1].upper() + text[1:] if capital else text


def _article(name: str, kind: str) -> str:
    """ "het" or "de" after the name's head noun; none for one-word names without a
    recognisable head noun ("Logius", "ProRail") and for company names without one."""
    head = name
    for sep in (" van ", " voor ", " tot ", " der ", " inzake ", " bij "):
        head = head.split(sep)[0]
    for word in reversed(head.lower().split()):
        if word.endswith(HET_NOUNS):
            return "het"
        if word.endswith(DE_NOUNS):
            return "de"
    bare = kind == "bedrijf" or head.endswith((" Nederland", " International"))
    return "de" if " " in head and not bare else ""


@cache
def organisations() -> tuple[Org, ...]:
    lines = [line for line in GAZETTEER.read_text(encoding="utf-8").splitlines()
             if line and not line.startswith("#")]
    found: list[Org] = []
    for row in csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE):
        if row["kind"] in SKIPPED_KINDS:
            continue
        abbrs = [a for a in (row["abbreviations"] or "").split("|") if a]
        found.append(Org(row["name"], abbrs[0] if abbrs else None, row["kind"],
                         _article(row["name"], row["kind"])))
    return tuple(found)


def ministry_org(letter: Letter, key: str | None = None) -> Org:
    current = ministries_at(letter.iso)
    ministry = current.get(key or letter.ministry.key) or letter.ministry
    return Org(f"Ministerie van {ministry.portfolio}", ministry.abbr, "ministerie", "het")


def pick(letter: Letter, rng: random.Random) -> Org:
    """An organisation for this letter: its own ministry now and then, else from the gazetteer."""
    if rng.random() < 0.12:
        return ministry_org(letter, rng.choice(list(ministries_at(letter.iso))))
    return rng.choice(organisations())


def mention(letter: Letter, org: Org, capital: bool = False) -> str:
    """Write a mention of ``org`` and record it; the first mention may define the abbreviation."""
    rng = letter.rng
    known = org.name in letter.orgs
    if org.kind == "ministerie":
        if known and org.abbr:
            letter.org(org.name, org.abbr)
            return ("Het" if capital else "het") + f" ministerie van {org.abbr}"
        roll = rng.random()
        if org.abbr and roll < 0.35:
            letter.org(org.name, org.abbr)
            return f"{org.named(capital)} ({org.abbr})"
        letter.org(org.name, None)
        text = org.named(capital)
        return text if roll < 0.6 else text.replace("Ministerie", "ministerie")
    if org.abbr and (known and letter.orgs.get(org.name)):
        return org.named(capital, "abbr")
    roll = rng.random()
    if org.abbr and roll < 0.3:
        letter.org(org.name, org.abbr)
        return f"{org.named(capital)} ({org.abbr})"
    if org.abbr and roll < 0.55:
        letter.org(org.name, org.abbr)
        return org.named(capital, "abbr")
    letter.org(org.name, None)
    return org.named(capital)
