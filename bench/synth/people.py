"""Who writes a letter: ministries as they were named at a date, their posts, invented names.

Portfolios and their periods follow the cabinets of 2007-2025 (Balkenende IV, Rutte I-IV,
Schoof); the people are invented: random initials and Dutch-looking surnames.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

# Cabinet changes that renamed ministries or created ministers without portfolio.
RUTTE1, RUTTE2, RUTTE3, RUTTE4, SCHOOF = (
    "2010-10-14", "2012-11-05", "2017-10-26", "2022-01-10", "2024-07-02")
START, END = "2000-01-01", "2100-01-01"


@dataclass(frozen=True)
class Ministry:
    key: str
    portfolio: str   # "Infrastructuur en Waterstaat": as in "Minister van ..."
    abbr: str | None  # as the gazetteer knows it ("IenW"), None when it has none
    start: str
    end: str
    head_lines: tuple[str, ...]  # the letterhead's "Ministerie van / ..." lines
    chapter: str  # budget chapter (Roman numeral) of the Rijksbegroting


def _m(key: str, portfolio: str, abbr: str | None, start: str, end: str, chapter: str,
       *head: str) -> Ministry:
    return Ministry(key, portfolio, abbr, start, end, ("Ministerie van", *head), chapter)


MINISTRIES: tuple[Ministry, ...] = (
    _m("AZ", "Algemene Zaken", "AZ", START, END, "III", "Algemene Zaken"),
    _m("BZK", "Binnenlandse Zaken en Koninkrijksrelaties", "BZK", START, END, "VII",
       "Binnenlandse Zaken en", "Koninkrijksrelaties"),
    _m("BZ", "Buitenlandse Zaken", "BZ", START, END, "V", "Buitenlandse Zaken"),
    _m("DEF", "Defensie", None, START, END, "X", "Defensie"),
    _m("EZ", "Economische Zaken", "EZ", START, RUTTE1, "XIII", "Economische Zaken"),
    _m("EZ", "Economische Zaken, Landbouw en Innovatie", "EL&I", RUTTE1, RUTTE2, "XIII",
       "Economische Zaken,", "Landbouw en Innovatie"),
    _m("EZ", "Economische Zaken", "EZ", RUTTE2, RUTTE3, "XIII", "Economische Zaken"),
    _m("EZ", "Economische Zaken en Klimaat", "EZK", RUTTE3, SCHOOF, "XIII",
       "Economische Zaken", "en Klimaat"),
    _m("EZ", "Economische Zaken", "EZ", SCHOOF, END, "XIII", "Economische Zaken"),
    _m("FIN", "Financiën", None, START, END, "IX", "Financiën"),
    _m("JUS", "Justitie", None, START, RUTTE1, "VI", "Justitie"),
    _m("JUS", "Veiligheid en Justitie", "VenJ", RUTTE1, RUTTE3, "VI", "Veiligheid en", "Justitie"),
    _m("JUS", "Justitie en Veiligheid", "JenV", RUTTE3, END, "VI", "Justitie en", "Veiligheid"),
    _m("LNV", "Landbouw, Natuur en Voedselkwaliteit", "LNV", START, RUTTE1, "XIV",
       "Landbouw, Natuur en", "Voedselkwaliteit"),
    _m("LNV", "Landbouw, Natuur en Voedselkwaliteit", "LNV", RUTTE3, SCHOOF, "XIV",
       "Landbouw, Natuur en", "Voedselkwaliteit"),
    _m("LNV", "Landbouw, Visserij, Voedselzekerheid en Natuur", "LVVN", SCHOOF, END, "XIV",
       "Landbouw, Visserij,", "Voedselzekerheid", "en Natuur"),
    _m("OCW", "Onderwijs, Cultuur en Wetenschap", "OCW", START, END, "VIII",
       "Onderwijs, Cultuur en", "Wetenschap"),
    _m("SZW", "Sociale Zaken en Werkgelegenheid", "SZW", START, END, "XV",
       "Sociale Zaken en", "Werkgelegenheid"),
    _m("IW", "Verkeer en Waterstaat", "VenW", START, RUTTE1, "XII", "Verkeer en", "Waterstaat"),
    _m("IW", "Infrastructuur en Milieu", "IenM", RUTTE1, RUTTE3, "XII", "Infrastructuur en", "Milieu"),
    _m("IW", "Infrastructuur en Waterstaat", "IenW", RUTTE3, END, "XII",
       "Infrastructuur en", "Waterstaat"),
    _m("VWS", "Volksgezondheid, Welzijn en Sport", "VWS", START, END, "XVI",
       "Volksgezondheid,", "Welzijn en Sport"),
    _m("VROM", "Volkshuisvesting, Ruimtelijke Ordening en Milieubeheer", "VROM", START, RUTTE1,
       "XI", "Volkshuisvesting,", "Ruimtelijke Ordening en", "Milieubeheer"),
    _m("VROM", "Volkshuisvesting en Ruimtelijke Ordening", "VRO", SCHOOF, END, "XXII",
       "Volkshuisvesting en", "Ruimtelijke Ordening"),
    _m("AENM", "Asiel en Migratie", "AenM", SCHOOF, END, "VI", "Asiel en Migratie"),
    _m("KGG", "Klimaat en Groene Groei", "KGG", SCHOOF, END, "XXIII", "Klimaat en", "Groene Groei"),
)

# Ministers without a ministry of their own ("Minister voor ..."): portfolio, host, period.
MINISTERS_FOR: tuple[tuple[str, str, str, str], ...] = (
    ("Ontwikkelingssamenwerking", "BZ", START, RUTTE1),
    ("Jeugd en Gezin", "VWS", START, RUTTE1),
    ("Wonen, Wijken en Integratie", "VROM", START, RUTTE1),
    ("Immigratie, Integratie en Asiel", "BZK", RUTTE1, RUTTE2),
    ("Buitenlandse Handel en Ontwikkelingssamenwerking", "BZ", RUTTE2, SCHOOF),
    ("Wonen en Rijksdienst", "BZK", RUTTE2, RUTTE3),
    ("Rechtsbescherming", "JUS", RUTTE3, SCHOOF),
    ("Medische Zorg", "VWS", RUTTE3, RUTTE4),
    ("Basis- en Voortgezet Onderwijs en Media", "OCW", RUTTE3, RUTTE4),
    ("Primair en Voortgezet Onderwijs", "OCW", RUTTE4, SCHOOF),
    ("Langdurige Zorg en Sport", "VWS", RUTTE4, SCHOOF),
    ("Klimaat en Energie", "EZ", RUTTE4, SCHOOF),
    ("Natuur en Stikstof", "LNV", RUTTE4, SCHOOF),
    ("Volkshuisvesting en Ruimtelijke Ordening", "BZK", RUTTE4, SCHOOF),
    ("Armoedebeleid, Participatie en Pensioenen", "SZW", RUTTE4, SCHOOF),
)
NO_STAATSSECRETARIS = {"AZ", "AENM", "KGG", "VROM"}

# The letterhead's address block, per ministry (Postbus, postcode, street, postcode).
ADDRESSES: dict[str, tuple[str, str, str, str]] = {
    "AZ": ("20001", "2500 EA", "Binnenhof 19", "2511 CW"),
    "BZK": ("20011", "2500 EA", "Turfmarkt 147", "2511 DP"),
    "BZ": ("20061", "2500 EB", "Rijnstraat 8", "2515 XP"),
    "DEF": ("20701", "2500 ES", "Kalvermarkt 32", "2511 CB"),
    "EZ": ("20401", "2500 EK", "Bezuidenhoutseweg 73", "2594 AC"),
    "FIN": ("20201", "2500 EE", "Korte Voorhout 7", "2511 CW"),
    "JUS": ("20301", "2500 EH", "Turfmarkt 147", "2511 DP"),
    "LNV": ("20401", "2500 EK", "Bezuidenhoutseweg 73", "2594 AC"),
    "OCW": ("16375", "2500 BJ", "Rijnstraat 50", "2515 XP"),
    "SZW": ("90801", "2509 LV", "Parnassusplein 5", "2511 VX"),
    "IW": ("20901", "2500 EX", "Rijnstraat 8", "2515 XP"),
    "VWS": ("20350", "2500 EJ", "Parnassusplein 5", "2511 VX"),
    "VROM": ("20011", "2500 EA", "Turfmarkt 147", "2511 DP"),
    "AENM": ("20301", "2500 EH", "Turfmarkt 147", "2511 DP"),
    "KGG": ("20401", "2500 EK", "Bezuidenhoutseweg 73", "2594 AC"),
}


@dataclass(frozen=True)
class Post:
    role: str          # "Minister", "Staatssecretaris", "Minister-president"
    prep: str          # "van" or "voor"
    portfolio: str     # gold "of"
    ministry: Ministry  # the ministry the post belongs to

    def title(self) -> str:
        """ "Minister van Financiën", "Minister-president, minister van Algemene Zaken"."""
        if self.role == "Minister-president":
            return "Minister-president, minister van Algemene Zaken"
        return f"{self.role} {self.prep} {self.portfolio}"


def ministries_at(day: str) -> dict[str, Ministry]:
    return {m.key: m for m in MINISTRIES if m.start <= day < m.end}


def posts_at(day: str) -> list[Post]:
    """Every post that existed on ``day`` (ISO date)."""
    current = ministries_at(day)
    posts: list[Post] = []
    for key, ministry in current.items():
        if key == "AZ":
            posts.append(Post("Minister-president", "van", "Algemene Zaken", ministry))
            continue
        posts.append(Post("Minister", "van", ministry.portfolio, ministry))
        if key not in NO_STAATSSECRETARIS:
            posts.append(Post("Staatssecretaris", "van", ministry.portfolio, ministry))
    for portfolio, host, start, end in MINISTERS_FOR:
        if start <= day < end and host in current:
            posts.append(Post("Minister", "voor", portfolio, current[host]))
    return posts


INITIALS = "AAABCCDDEEFGGHHHIJJJJKKLMMMMNPPRRSTTWW"
FIRST_NAMES = (
    "Anne", "Bas", "Carola", "Daan", "Eline", "Femke", "Gert", "Hanneke", "Ingrid", "Jeroen",
    "Karin", "Lotte", "Maarten", "Nienke", "Onno", "Pieter", "Roos", "Sander", "Tessa", "Vincent",
    "Willemijn", "Jolanda", "Marco", "Sietske", "Hugo", "Mirjam", "Ruben", "Esther", "Wouter",
)
SURNAMES = (  # surnames without a particle
    "Bakker", "Visser", "Smit", "Meijer", "Mulder", "Bos", "Vos", "Peters", "Hendriks", "Dekker",
    "Brouwer", "Dijkstra", "Kok", "Jansen", "Kuipers", "Veenstra", "Hoekstra", "Wouters",
    "Postma", "Kramer", "Schouten", "Verhoeven", "Prins", "Huisman", "Koster", "Willems",
    "Molenaar", "Timmermans", "Sluiter", "Haverkamp", "Oosterhuis", "Blom", "Zijlstra",
    "Hofstede", "Wiersma", "Geerts", "Rietveld", "Steenbergen", "Kloosterman", "Lammers",
    "Wessels", "Boersma", "Hazenberg", "Tuinstra", "Ravensberg", "Weerman", "Oudshoorn", "Stoel",
    "Coenen", "Verbeek", "Dorrestijn", "Hagedoorn",
)
WITH_PARTICLE = (  # surnames that come with theirs
    "de Vries", "de Jong", "de Boer", "de Graaf", "de Groot", "de Bruin", "de Wit", "de Haan",
    "de Lange", "de Klerk", "de Ruiter", "van der Wal", "van der Linden", "van der Veen",
    "van der Meer", "van der Heijden", "van den Berg", "van den Heuvel", "van den Brink",
    "van den Broek", "van Dam", "van Loon", "van Dijk", "van Leeuwen", "van Beek", "van Vliet",
    "van Wijk", "van Dongen", "ter Horst", "ter Haar", "ten Cate", "ten Hove", "in 't Veld",
)


def surname(rng: random.Random) -> str:
    roll = rng.random()
    name = rng.choice(WITH_PARTICLE) if roll < 0.4 else rng.choice(SURNAMES)
    if roll > 0.95:
        name += "-" + rng.choice(SURNAMES + WITH_PARTICLE)  # a married name: "de Boer-Kuipers"
    elif 0.92 < roll <= 0.95:  # "Schultz van Haegen"
        name += " " + rng.choice(WITH_PARTICLE)
    return name


def person(rng: random.Random, spaced: bool, full: bool) -> str:
    """A signer's name as printed: "J.A. de Vries", "J. A. de Vries" or "Karin de Vries"."""
    if full:
        return f"{rng.choice(FIRST_NAMES)} {surname(rng)}"
    count = rng.choice((1, 1, 2, 2, 2, 3, 3, 4))
    letters = [rng.choice(INITIALS) for _ in range(count)]
    initials = (". " if spaced else ".").join(letters) + "."
    return f"{initials} {surname(rng)}"


def member(rng: random.Random) -> str:
    """A member of the Kamer as named in a letter: "het lid Van der Wal"."""
    name = surname(rng).split("-")[0]
    return name[:1].upper() + name[1:]
