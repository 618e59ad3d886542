"""Commitments (toezeggingen) in several phrasings per kind, with their gold annotation.

Templates mark the quote with ``⟦...⟧`` (and alternative quotes with ``⟪...⟫``); the
time indication is recorded as written. New promises look ahead of the letter's date,
postponed ones name the missed moment and the new one, fulfilled ones often name the
Kamerstuk the promise was made in (its ``origin``).
"""

from __future__ import annotations

import random
from datetime import date

from . import orgs, refs
from .model import Commitment, Letter
from .people import member
from .refs import MONTHS, dutch
from .vocab import DEBATES, DELIVERABLES

ORDINAL = ("eerste", "tweede", "derde", "vierde")


def due(rng: random.Random, day: date, dated_only: bool = False) -> str:
    """A time indication ahead of ``day``, as a letter would write it."""
    y, m = day.year, day.month
    ahead = (m - 1 + rng.randint(2, 5)) % 12
    options = [f"in {MONTHS[ahead]}", f"voor 1 {MONTHS[ahead]}",
               f"uiterlijk {rng.randint(1, 28)} {MONTHS[ahead]}",
               f"in het {ORDINAL[rng.randint(0, 3)]} kwartaal van {y + 1}", f"medio {y + 1}"]
    if m <= 4:
        options += ["voor de zomer", "voor het zomerreces", "na de zomer"]
    if m <= 7:
        options += ["in het najaar", "rond Prinsjesdag", f"in het najaar van {y}"]
    if m <= 9:
        options += ["voor het einde van het jaar", "eind dit jaar", "voor het kerstreces"]
    if m >= 9:
        options += [f"in het voorjaar van {y + 1}", "begin volgend jaar",
                    f"in de eerste helft van {y + 1}", "in het voorjaar"]
    if not dated_only:
        options += ["zo spoedig mogelijk", "z.s.m.", "binnenkort", "in de komende maanden"]
    return rng.choice(options)


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _debate(letter: Letter, rng: random.Random) -> str:
    return f"{rng.choice(DEBATES)} van {dutch(refs.earlier(letter, rng, 14, 200))}"


def _topic(letter: Letter) -> str:
    return letter.rng.choice(letter.topics)[0]


NEW = (
    "⟦Ik zal uw Kamer {due} informeren over {topic}.⟧",
    "⟦{Due} zal ik uw Kamer informeren over {topic}.⟧",
    "⟦Uw Kamer ontvangt {deliv} {due}.⟧",
    "⟦Uw Kamer ontvangt {due} {deliv}.⟧",
    "⟦Over {topic} zal ik u {due} nader informeren.⟧",
    "⟦Ik verwacht uw Kamer {due} te informeren over {topic}.⟧",
    "⟦Ik streef ernaar uw Kamer {due} {deliv} te sturen.⟧",
    "⟦Ik zeg u toe dat ik u {due} {deliv} zal doen toekomen.⟧",
    "⟦{Deliv} zal {due} aan uw Kamer worden aangeboden.⟧",
    "⟦Ik kom {due} bij uw Kamer terug op {topic}.⟧",
    "⟦De Kamer wordt {due} over {topic} geïnformeerd.⟧",
    "⟦Ik ben voornemens {deliv} {due} aan uw Kamer te zenden.⟧",
    "⟦Naar verwachting kan ik u {due} informeren over {topic}.⟧",
    "⟦Het streven is uw Kamer {due} {deliv} te doen toekomen.⟧",
    "⟦U kunt {deliv} {due} tegemoet zien.⟧",
    "⟦Ik zal uw Kamer {due} {deliv} sturen.⟧",
    "⟦Het kabinet zal {due} met een reactie komen op {topic}.⟧",
    "⟦{Deliv} wordt {due} naar uw Kamer gestuurd.⟧",
    "⟦Ik verwacht de uitkomsten {due} met uw Kamer te kunnen delen.⟧",
    "⟦Ik informeer uw Kamer {dated} over {topic}.⟧",
)
NEW_UNDATED = (
    "⟦Over de uitkomsten hiervan zal ik u nader informeren.⟧",
    "⟦Zodra de resultaten bekend zijn, zal ik uw Kamer hierover informeren.⟧",
    "⟦Ik zal uw Kamer over de verdere uitwerking informeren.⟧",
    "⟦Een inhoudelijke reactie op het rapport zal ik u na ontvangst van het advies toesturen.⟧",
)
FULFILLED = (  # {origin}: "mijn brief van 3 maart 2023 (Kamerstuk ...)" or a debate
    "⟦Met deze brief geef ik invulling aan de toezegging uit {origin} om uw Kamer te "
    "informeren over {topic}.⟧",
    "⟦Met deze brief doe ik mijn toezegging gestand⟧ uit {origin} om uw Kamer te informeren "
    "over {topic}.",
    "⟦Zoals toegezegd in {origin} informeer ik uw Kamer hierbij over {topic}.⟧",
    "⟦Hiermee kom ik tegemoet aan de toezegging aan het lid {member} in {origin} om {deliv} "
    "te sturen.⟧",
    "⟦Met deze brief wordt voldaan aan de toezegging uit {origin}.⟧",
    "⟦Ter uitvoering van de toezegging in {origin} stuur ik u hierbij {deliv}.⟧",
    "⟪In {origin} heb ik toegezegd uw Kamer te informeren over {topic}.⟫ ⟦Met deze brief doe ik "
    "die toezegging gestand.⟧",
    "⟦Hierbij informeer ik u, conform mijn toezegging in {origin}, over {topic}.⟧",
    "⟦Met deze brief kom ik terug op mijn toezegging in {origin} over {topic}.⟧",
)
POSTPONED = (  # {old}: the promised moment; {due}: the new one
    "⟦Helaas kan ik u niet zoals toegezegd {old} informeren over {topic}; ik verwacht dit "
    "{due} te doen.⟧",
    "⟪In {origin} heb ik toegezegd uw Kamer {old} te informeren over {topic}.⟫ ⟪Door {factor} "
    "heeft het onderzoek echter vertraging opgelopen.⟫ ⟦Ik verwacht uw Kamer {due} te "
    "informeren.⟧",
    "⟪De toegezegde termijn kan ik helaas niet halen.⟫ ⟦Ik zal u {deliv} {due} toesturen.⟧",
    "⟪Het is helaas niet gelukt om {deliv} binnen de toegezegde termijn af te ronden.⟫ ⟦Uw "
    "Kamer ontvangt deze naar verwachting {due}.⟧",
    "⟦Ik moet de toegezegde beantwoording helaas uitstellen; ik verwacht de antwoorden {due} "
    "aan uw Kamer te sturen.⟧",
    "⟦De toegezegde rapportage zal later dan gepland, naar verwachting {due}, aan uw Kamer "
    "worden gezonden.⟧",
    "⟪Mede omwille van {factor} is de door u gevraagde termijn niet haalbaar gebleken.⟫ ⟦U kunt "
    "de brief {due} tegemoet zien.⟧",
    "⟪In {origin} is toegezegd dat uw Kamer {old} {deliv} zou ontvangen.⟫ ⟪Vanwege {factor2} is "
    "meer tijd nodig.⟫ ⟦Ik zal uw Kamer {due} informeren.⟧",
)
NOT_COMMITMENTS = (
    "⟦Hieronder ga ik in op {topic}.⟧",
    "⟦In deze brief schets ik de stand van zaken rond {topic}.⟧",
    "⟦Ik zal de hoofdlijnen hieronder verder toelichten.⟧",
    "⟦In het vervolg van deze brief beschrijf ik de belangrijkste ontwikkelingen.⟧",
)
OPTIONAL = (
    "⟦Ik zal mij hiervoor blijven inzetten.⟧",
    "⟦Ik blijf de ontwikkelingen op de voet volgen.⟧",
    "⟦De komende periode worden de resultaten besproken met {actor}.⟧",
)
FACTORS = ("de complexiteit van de gegevensverzameling", "de benodigde interdepartementale "
           "afstemming", "de zorgvuldige consultatie van betrokken partijen",
           "de late beschikbaarheid van de cijfers")


def _fill(letter: Letter, template: str, rng: random.Random, **extra: str) -> tuple[str, str | None]:
    """Fill a template; returns the text and the time indication used (if any)."""
    when = due(rng, letter.day)
    if "{Due}" in template and when == "z.s.m.":
        when = "zo spoedig mogelijk"  # no sentence starts with "Z.s.m."
    dated = due(rng, letter.day, dated_only=True)
    deliv = rng.choice(DELIVERABLES)
    values = {"due": when, "Due": _cap(when), "dated": dated, "topic": _topic(letter),
              "deliv": deliv, "Deliv": _cap(deliv), "member": member(rng),
              "factor": rng.choice(FACTORS), "factor2": rng.choice(FACTORS),
              "actor": rng.choice(("de betrokken partijen", "gemeenten", "de uitvoering")), **extra}
    text = template.format(**values).replace("..", ".")  # "z.s.m." ends the sentence
    used = dated if "{dated}" in template else when if "{due}" in template else \
        _cap(when) if "{Due}" in template else None
    return text, used


def _origin(letter: Letter, rng: random.Random) -> tuple[str, tuple[str, str] | None]:
    """Where an earlier promise was made: a letter with its Kamerstuk, or a debate."""
    roll = rng.random()
    if roll < 0.5:
        cited, origin = refs.citation(letter, rng)
        return f"mijn brief van {dutch(letter.cited_day or letter.day)} ({cited})", origin
    if roll < 0.7:
        return f"{_debate(letter, rng)} ({refs.handelingen(letter, rng)})", None
    return _debate(letter, rng), None


def new(letter: Letter, p: int, undated: bool = False) -> None:
    rng = letter.rng
    template = rng.choice(NEW_UNDATED if undated else NEW)
    text, when = _fill(letter, template, rng)
    quote, alts = letter.put(p, text)
    assert quote is not None
    letter.commitments.append(Commitment("new", quote, when, None, alts))


def fulfilled(letter: Letter, p: int) -> None:
    rng = letter.rng
    origin_text, origin = _origin(letter, rng)
    text, _ = _fill(letter, rng.choice(FULFILLED), rng, origin=origin_text)
    quote, alts = letter.put(p, text)
    assert quote is not None
    letter.commitments.append(Commitment("fulfilled", quote, None, origin, alts))


def postponed(letter: Letter, p: int) -> None:
    rng = letter.rng
    template = rng.choice(POSTPONED)
    origin_text, origin = _origin(letter, rng) if "{origin}" in template else ("", None)
    old = rng.choice((f"voor 1 {MONTHS[letter.day.month % 12]}", "voor de zomer",
                      f"in {MONTHS[letter.day.month - 1]}", "voor het einde van het jaar"))
    text, when = _fill(letter, template, rng, origin=origin_text, old=old)
    quote, alts = letter.put(p, text)
    assert quote is not None
    letter.commitments.append(Commitment("postponed", quote, when, origin, alts))


def other(letter: Letter, p: int, kind: str) -> None:
    """A sentence that is not a commitment, or only a borderline one."""
    rng = letter.rng
    if kind == "optional" and rng.random() < 0.4:
        org = orgs.pick(letter, rng)
        if rng.random() < 0.5:
            text = (f"⟦{orgs.mention(letter, org, capital=True)} zal in {letter.day.year + 1} een "
                    f"rapport publiceren over {_topic(letter)}.⟧")
        else:
            text = (f"⟦Ik heb {orgs.mention(letter, org)} gevraagd om de gevolgen voor "
                    f"{_topic(letter)} in kaart te brengen.⟧")
    else:
        text, _ = _fill(letter, rng.choice(OPTIONAL if kind == "optional" else NOT_COMMITMENTS), rng)
    quote, _ = letter.put(p, text)
    assert quote is not None
    (letter.optional if kind == "optional" else letter.not_commitments).append(quote)
