"""Filler prose: plausible policy sentences from templates, with no promise in them and no
organisation or paper named (those come only through recorded slots)."""

from __future__ import annotations

import random
from string import Formatter

from .vocab import LAWS

FACTORS = (
    "de krapte op de arbeidsmarkt", "de gestegen kosten", "de toenemende vraag",
    "de complexiteit van de regelgeving", "de vergrijzing", "de beperkte capaciteit in de uitvoering",
    "de hoge inflatie", "de groeiende verwachtingen van burgers", "de netcongestie",
    "de schaarste aan bouwgrond", "de gevolgen van de coronapandemie", "de geopolitieke spanningen",
)
FINDINGS = (
    "de doelgroep nog onvoldoende wordt bereikt", "de samenwerking tussen partijen verbetert",
    "de doorlooptijden verder zijn opgelopen", "de regeling in de praktijk goed werkt",
    "er grote regionale verschillen bestaan", "de administratieve lasten hoog blijven",
    "het aantal aanvragen sterk is toegenomen", "de gekozen aanpak effect heeft",
    "burgers de weg naar de juiste loketten niet altijd weten te vinden",
    "de kwaliteit van de gegevens op onderdelen tekortschiet",
    "de maatregelen vooral in de grote steden effect hebben",
)
PROBLEMS = (
    "de uitvoering onder druk staat", "niet alle doelen binnen de gestelde tijd worden bereikt",
    "de informatievoorziening nog niet op orde is", "de regelgeving op onderdelen knelt",
    "de middelen niet overal even doelmatig worden ingezet",
    "de verantwoordelijkheden niet altijd helder zijn belegd",
)
VALUES = (
    "de menselijke maat", "rechtszekerheid", "een goede uitvoerbaarheid", "de betaalbaarheid",
    "zorgvuldigheid", "transparantie", "de privacy van burgers", "een gelijk speelveld",
    "de toegankelijkheid van voorzieningen", "de continuïteit van de dienstverlening",
)
ACTORS = (
    "gemeenten", "provincies", "uitvoeringsorganisaties", "maatschappelijke partners",
    "werkgevers en werknemers", "zorgaanbieders", "scholen", "burgers en bedrijven",
    "de betrokken departementen", "ketenpartners", "waterschappen", "woningcorporaties",
    "onderwijsinstellingen", "ervaringsdeskundigen", "medeoverheden",
)
PLACES = ("Rotterdam-Zuid", "de regio Twente", "Zuid-Limburg", "Groningen", "de Achterhoek",
          "Caribisch Nederland", "Almere", "Zeeuws-Vlaanderen", "de Drechtsteden", "Utrecht")
EFFECTS = ("lagere uitvoeringskosten", "kortere doorlooptijden", "een betere bereikbaarheid",
           "minder regeldruk", "een hogere kwaliteit van de dienstverlening")

TEMPLATES = (
    "Op het gebied van {topic} is de druk de komende jaren groot door {factor} en {factor2}.",
    "Uit de eerste resultaten blijkt dat {finding}.",
    "Het is van belang dat {actor} en {actor2} hierin goed samenwerken.",
    "De afgelopen periode is op het gebied van {topic} veel bereikt.",
    "Tegelijkertijd constateer ik dat {problem}.",
    "Het kabinet hecht grote waarde aan {value}.",
    "{Actor} geven aan dat {finding}.",
    "In {year} is ongeveer {pct} procent van de beschikbare middelen besteed aan {topic}.",
    "Daarbij is gekeken naar de ervaringen van {actor} met {law}.",
    "Dit vraagt om een zorgvuldige afweging tussen {value} en {value2}.",
    "Voor {topic} is in totaal € {amount} miljoen beschikbaar gesteld.",
    "De signalen uit de praktijk laten zien dat {finding}.",
    "Ik deel de analyse dat {finding}.",
    "Ook is gebleken dat {problem}.",
    "Deze aanpak sluit aan bij de uitgangspunten van {law}.",
    "De maatregelen hebben betrekking op {topic} en op {topic2}.",
    "Ten opzichte van {year} is sprake van een stijging van {pct} procent.",
    "Een belangrijk aandachtspunt daarbij is {value}.",
    "{Actor} hebben aangegeven behoefte te hebben aan duidelijkheid over {topic}.",
    "Het beeld dat hieruit naar voren komt, is wisselend.",
    "Zo is het aantal meldingen in {year} gedaald tot ruim {count}.",
    "De ervaringen in {place} laten zien dat een gerichte aanpak werkt.",
    "Ik ben alle betrokkenen erkentelijk voor hun inzet.",
    "Het gaat om een complexe opgave die niet van de ene op de andere dag is opgelost.",
    "Daarom is in overleg met {actor} gekozen voor een stapsgewijze aanpak.",
    "De uitkomsten zijn besproken met {actor} en {actor2}.",
    "Daarnaast spelen factoren als {factor} een rol.",
    "{Law} biedt hiervoor op dit moment onvoldoende ruimte.",
    "De kosten van deze maatregel bedragen naar schatting € {amount} miljoen per jaar.",
    "Dat is een belangrijke stap, maar we zijn er nog niet.",
    "De verschillen tussen regio's zijn daarbij groot.",
    "De maatregel zal naar verwachting leiden tot {effect}.",
    "Uit gesprekken met {actor} komt naar voren dat {finding}.",
    "Het kabinet heeft in {year} besloten de aanpak van {topic} te intensiveren.",
    "Bij de uitwerking is nadrukkelijk rekening gehouden met {value}.",
    "Er is daarbij bijzondere aandacht voor {actor} in {place}.",
    "In de praktijk blijkt dat {actor} verschillend omgaan met {law}.",
    "Samen met {actor} is gewerkt aan een gezamenlijke werkagenda.",
    "Het doel is om {topic} toekomstbestendig te maken.",
    "Ik hecht eraan te benadrukken dat {value} daarbij voorop staat.",
)


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


# The word lists the slots draw from ("actor2" draws from the same list as "actor").
POOLS = {"actor": ACTORS, "value": VALUES, "factor": FACTORS, "law": LAWS, "finding": FINDINGS,
         "problem": PROBLEMS, "place": PLACES, "effect": EFFECTS}

# The slots of each template, in order (a tuple: a set's order would vary between runs).
SLOTS = tuple(tuple(dict.fromkeys(f for _, f, _, _ in Formatter().parse(t) if f))
              for t in TEMPLATES)


def sentence(rng: random.Random, topics: list[tuple[str, str]], year: int,
             number: int | None = None) -> str:
    """One filler sentence; only the slots its template uses are drawn."""
    n = rng.randrange(len(TEMPLATES)) if number is None else number
    values: dict[str, object] = {}
    choice = rng.choice
    for slot in SLOTS[n]:
        low = slot.lower()
        pool = POOLS.get(low.rstrip("2"))
        if low in ("topic", "topic2"):
            value: object = choice(topics)[0]
        elif pool is not None:
            value = choice(pool)
        elif low == "year":
            value = year - rng.randint(1, 4)
        elif low in ("pct", "amount"):
            value = rng.randint(3, 85) if low == "pct" else rng.randint(2, 950)
        else:  # count
            value = f"{rng.randint(2, 40)}.{rng.randint(0, 999):03d}"
        values[slot] = _cap(value) if isinstance(value, str) and slot[0].isupper() else value
    if values.get("actor") == values.get("actor2") and "actor2" in values:
        values["actor2"] = "de betrokken partijen"
    if values.get("value") == values.get("value2") and "value2" in values:
        values["value2"] = "de uitvoerbaarheid"
    if values.get("factor") == values.get("factor2") and "factor2" in values:
        values["factor2"] = "de beperkte middelen"
    return TEMPLATES[n].format(**values)


def paragraph(rng: random.Random, topics: list[tuple[str, str]], year: int, low: int = 3,
              high: int = 6) -> str:
    numbers = rng.sample(range(len(TEMPLATES)), rng.randint(low, high))
    return " ".join(sentence(rng, topics, year, n) for n in numbers)
