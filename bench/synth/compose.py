"""Decide one letter: its date, senders, Kamerstuk and subject, and write its body."""

from __future__ import annotations

import random
from datetime import date, timedelta

from . import commit, orgs, prose, refs
from .model import Letter
from .people import Post, member, person, posts_at
from .refs import dutch
from .vocab import (
    BUDGET,
    DILEMMAS,
    GENERIC_TOPICS,
    HEADINGS,
    LAWS,
    NEW_DOSSIER_TITLES,
    PURPOSES,
    REPORT_TITLES,
    STANDING,
    TOPICS,
    YEAR_START,
)

FIRST_DAY, DAYS = date(2008, 1, 2), (date(2025, 12, 19) - date(2008, 1, 2)).days
EK_DOSSIERS = (("CII", "Nota «Bestuur in samenhang. De bestuurlijke organisatie in Nederland.»"),)
TITLE_TEMPLATES = (
    "Voortgang {short}", "Stand van zaken {short}", "Kabinetsreactie op het rapport «{report}»",
    "Uitstel beantwoording vragen over {short}", "Toezeggingen over {short}", "Evaluatie {short}",
    "Aanbieding rapport «{report}»", "Verzamelbrief {short}", "Reactie op verzoek commissie over "
    "{short}", "Voortgangsrapportage {short}", "Beleidsreactie {short}", "Uitvoering motie over {short}",
)


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _posts(rng: random.Random, day: str) -> tuple[list[Post], Post | None]:
    available = posts_at(day)
    weights = [{"Minister": 6, "Staatssecretaris": 3, "Minister-president": 0.4}[p.role]
               * (2 if p.prep == "voor" else 1) for p in available]
    lead = rng.choices(available, weights)[0]
    roll = rng.random()
    if roll < 0.14:  # a joint letter: two signers
        same = [p for p in available if p.ministry.key == lead.ministry.key and p != lead]
        others = [p for p in available if p.ministry.key != lead.ministry.key
                  and p.role == "Minister"]
        second = rng.choice(same if same and rng.random() < 0.6 else others)
        return [lead, second], None
    if roll < 0.26:
        co = rng.choice([p for p in available if p != lead and p.role != "Minister-president"])
        return [lead], co
    return [lead], None


def _new_dossier(rng: random.Random, year: int, topics: list[tuple[str, str]]) -> tuple[str, str]:
    number = str(rng.randrange(YEAR_START[max(2006, year - 3)], YEAR_START[year + 1]))
    short = rng.choice(topics)[1]
    title = rng.choice(NEW_DOSSIER_TITLES).format(
        law=rng.choice(LAWS), purpose=rng.choice(PURPOSES), short=short,
        Short=_cap(short))
    return number, title


def _kamerstuk(letter: Letter) -> None:
    """The letter's own number and the dossier lines of its heading."""
    rng, key = letter.rng, letter.ministry.key
    ek = letter.chamber == "Eerste Kamer"
    plain = letter.rendering == "opentk" or letter.variant == "direct"
    roll = rng.random()
    toev = ""
    if ek and roll < 0.1:
        number, title = rng.choice(EK_DOSSIERS)
        letter.kamerstuk = (number, rng.choice("ABCDEFG"))
        letter.dossier_lines = [(number, title)]
        letter.dossier_title = title
        return
    own = [s for s in STANDING if s[3] == key and not (plain and s[1])]
    if roll < 0.4 and own and not ek:
        number, toev, title, _, _ = rng.choice(own)
        nr = str(rng.randint(100, 1500) if toev else rng.randint(60, 900))
    elif roll < 0.65:
        year = letter.day.year + (1 if letter.day >= refs.prinsjesdag(letter.day.year) else 0)
        number, toev = BUDGET[year], letter.ministry.chapter
        title = (f"Vaststelling van de begrotingsstaten van het Ministerie van "
                 f"{letter.ministry.portfolio} ({toev}) voor het jaar {year}")
        nr = str(rng.randint(3, 150))
    else:
        number, title = _new_dossier(rng, letter.day.year, letter.topics)
        nr = str(rng.randint(1, 40))
    if ek:
        nr = rng.choice("ABCDEFGHIJ")
    dossier = f"{number}-{toev}" if toev else number
    letter.kamerstuk = (dossier, nr)
    printed = f"{number[:2]} {number[2:]}" + ((f"-{toev}" if toev.isdigit() else f" {toev}")
                                              if toev else "")
    letter.dossier_lines = [(printed, title)]
    letter.dossier_title = title
    if not plain and rng.random() < 0.08:
        other = rng.choice([s for s in STANDING if not s[1] and s[0] != number])
        letter.dossier_lines.append((f"{other[0][:2]} {other[0][2:]}", other[2]))
        letter.also_dossiers = [other[0]]


def plan(index: int, seed: int, rendering: str, attempt: int = 0) -> Letter:
    rng = random.Random(f"kg-synth:{seed}:{index}" + (f":{attempt}" if attempt else ""))
    day = FIRST_DAY + timedelta(days=rng.randrange(DAYS))
    while day.weekday() > 4:
        day += timedelta(days=1)
    chamber = "Eerste Kamer" if rendering != "opentk" and rng.random() < 0.1 else "Tweede Kamer"
    posts, co = _posts(rng, day.isoformat())
    full = rendering == "letterhead" and rng.random() < 0.35
    spaced = rendering == "ob" and day.year < 2016 and rng.random() < 0.35
    names = [person(rng, spaced, full) for _ in posts]
    ministry = posts[0].ministry
    topics = list(TOPICS[ministry.key]) + list(GENERIC_TOPICS[:1])
    letter = Letter(index, rng, rendering, day, chamber, posts, names, ministry, topics,
                    co_sender=co)
    a, b = refs.vergaderjaar(day)
    letter.vj = f"{a}-{b}"
    if rendering == "ob":
        letter.variant = rng.choice(("preamble", "preamble", "bare") + (
            ("direct",) if chamber == "Tweede Kamer" else ()))
    elif rendering == "letterhead":
        letter.variant = rng.choice(("blank", "dense"))
    if rendering != "letterhead":
        _kamerstuk(letter)
    short = rng.choice(topics)[1]
    letter.title = _cap(rng.choice(TITLE_TEMPLATES).format(short=short,
                                                            report=rng.choice(REPORT_TITLES)))
    if rendering == "opentk":
        letter.documentnummer = f"{day.year}D{rng.randint(10000, 99999)}"
        letter.zaak = f"{day.year}Z{rng.randint(10000, 99999)}"
    letter.gold_title = {"opentk": letter.title, "letterhead": letter.title}.get(
        rendering, letter.dossier_title if letter.variant == "direct" else None)
    letter.vergaderjaar = letter.vj if (rendering == "opentk" or letter.variant in (
        "preamble", "direct")) else None
    write_body(letter)
    return letter


# --- the body -------------------------------------------------------------------------

def _mede(letter: Letter) -> str:
    if letter.co_sender is None:
        return ""
    title = letter.co_sender.title()
    if letter.rng.random() < 0.5:
        title = title[:1].lower() + title[1:]
    return f", mede namens de {title},"


def _intro(letter: Letter, kind: str) -> None:
    rng = letter.rng
    p = letter.para()
    topic = rng.choice(letter.topics)[0]
    if kind == "aanbieding":
        report = rng.choice(REPORT_TITLES)
        roll = rng.random()
        if roll < 0.4 and letter.rendering == "ob":
            org = orgs.Org("Centraal Informatiepunt Tweede Kamer", None, "parlement", "het")
            note = f"Ter inzage gelegd bij {orgs.mention(letter, org)}."
        elif roll < 0.6 and letter.rendering == "ob":
            note = "Raadpleegbaar via www.tweedekamer.nl"
            letter.other_refs.append(("url", "www.tweedekamer.nl"))
        else:
            note = "Zie bijlage."
        letter.put(p, f"Hierbij bied ik u{_mede(letter)} het rapport «{report}» aan†.", note)
        org = orgs.pick(letter, rng)
        letter.put(p, f" Het rapport is opgesteld door {orgs.mention(letter, org)} en gaat in op "
                      f"{topic}.")
        if rng.random() < 0.5:
            letter.put(p, " ")
            commit.new(letter, p, undated=rng.random() < 0.5)
    elif kind == "toezegging":
        commit.fulfilled(letter, p)
        letter.put(p, " " + prose.sentence(rng, letter.topics, letter.day.year))
    elif kind == "uitstel":
        asked = rng.choice(("een reactie", "informatie", "een overzicht"))
        letter.put(p, f"Uw Kamer heeft gevraagd om {asked} over {topic}. ")
        commit.postponed(letter, p)
    elif kind == "verzoek":
        committee = f"vaste commissie voor {letter.ministry.portfolio}"
        letter.org(committee, None)
        zaak = refs.tk_number(letter, rng, "tk-zaak" if rng.random() < 0.6 else "tk-document")
        letter.put(p, f"Bij brief van {dutch(refs.earlier(letter, rng, 7, 60))} ({zaak}) heeft de "
                      f"{committee} verzocht om een reactie op {topic}. Met deze brief voldoe ik aan "
                      "dat verzoek.")
    else:
        letter.put(p, f"Met deze brief informeer ik uw Kamer{_mede(letter)} over {topic}.")
        if rng.random() < 0.6:
            letter.put(p, " ")
            _citation_sentence(letter, p)


def _citation_sentence(letter: Letter, p: int) -> None:
    rng = letter.rng
    topic = rng.choice(letter.topics)[0]
    roll = rng.random()
    if roll < 0.3:
        cited, _ = refs.citation(letter, rng, in_note=True)
        when = dutch(letter.cited_day or letter.day)
        brief = f"brief van {when}†" if rng.random() < 0.5 else f"brief† van {when}"
        letter.put(p, f"In mijn {brief} heb ik uw Kamer geïnformeerd over {topic}.", f"{cited}.")
    elif roll < 0.55:
        cited, _ = refs.citation(letter, rng)
        when = dutch(letter.cited_day or letter.day)
        letter.put(p, f"In mijn brief van {when} ({cited}) heb ik uw Kamer geïnformeerd over {topic}.")
    elif roll < 0.7:
        cited, _ = refs.citation(letter, rng)
        letter.put(p, f"De motie van het lid {member(rng)} c.s. ({cited}) verzoekt de regering "
                      f"om {topic} te verbeteren.")
    elif roll < 0.82:
        cited, _ = refs.citation(letter, rng)
        letter.put(p, f"Dit sluit aan bij de kabinetsreactie op het rapport «"
                      f"{rng.choice(REPORT_TITLES)}» ({cited}).")
    elif roll < 0.9:
        letter.put(p, f"Het wetsvoorstel ({refs.dossier_only(letter, rng)}) is inmiddels bij uw "
                      "Kamer ingediend.")
    else:
        cited, _ = refs.citation(letter, rng)
        letter.put(p, f"Zoals eerder gemeld ({cited}), is de uitvoering van {topic} gestart.")


def _org_sentence(letter: Letter, p: int) -> None:
    rng = letter.rng
    org = orgs.pick(letter, rng)
    topic = rng.choice(letter.topics)[0]
    roll = rng.random()
    if roll < 0.2 and org.kind in ("adviesorgaan", "planbureau", "hoog-college", "inspectie",
                                   "kennisinstelling", "toezichthouder", "internationaal"):
        text = f"{orgs.mention(letter, org, True)} heeft in {letter.day.year - 1} een advies " \
               f"uitgebracht over {topic}."
    elif roll < 0.35:
        org2 = orgs.pick(letter, rng)
        if org2.name == org.name:
            org2 = orgs.ministry_org(letter)
        first = orgs.mention(letter, org)
        text = f"Ik heb hierover gesproken met vertegenwoordigers van {first} en " \
               f"{orgs.mention(letter, org2)}."
    elif roll < 0.5:
        text = f"Uit onderzoek van {orgs.mention(letter, org)} blijkt dat " \
               f"{rng.choice(prose.FINDINGS)}."
    elif roll < 0.62 and org.kind in ("agentschap", "zbo", "uitvoeringsorganisatie", "dienst",
                                      "ministerie", "politie", "justitie"):
        text = f"{orgs.mention(letter, org, True)} is verantwoordelijk voor de uitvoering van " \
               "de regeling."
    elif roll < 0.74:
        text = f"De cijfers zijn afkomstig van {orgs.mention(letter, org)}."
    elif roll < 0.86:
        text = f"In samenwerking met {orgs.mention(letter, org)} is een verkenning uitgevoerd " \
               f"naar {topic}."
    else:
        text = f"Ook {orgs.mention(letter, org)} heeft aandacht gevraagd voor {topic}."
    letter.put(p, text)


def _reference_sentence(letter: Letter, p: int) -> None:
    rng = letter.rng
    topic = rng.choice(letter.topics)[0]
    roll = rng.random()
    if roll < 0.3:
        debate = rng.choice(("het commissiedebat", "het plenaire debat", "het notaoverleg"))
        letter.put(p, f"Tijdens {debate} over {topic} ({refs.handelingen(letter, rng)}) is "
                      "hierover uitgebreid gesproken.")
    elif roll < 0.5:
        letter.put(p, f"De antwoorden op de schriftelijke vragen van het lid {member(rng)} "
                      f"({refs.aanhangsel(letter, rng)}) bevatten hierover meer informatie.")
    elif roll < 0.8:
        slug = topic.split()[-1].lower().strip("’'") + f"-{letter.day.year}"
        if rng.random() < 0.5:
            letter.put(p, f"Meer informatie is te vinden op {refs.url(letter, rng, slug)}.")
        else:
            letter.put(p, "Het onderliggende rapport is openbaar gemaakt†.",
                       f"Zie {refs.url(letter, rng, slug)}")
    else:
        act = refs.eu_act(letter, rng)
        letter.put(p, f"Nederland volgt daarbij nauwgezet de Europese onderhandelingen over "
                      f"{'de ' if act.endswith('Act') else ''}{act}.")


def _dilemmas(letter: Letter) -> None:
    rng = letter.rng
    titles = rng.sample(DILEMMAS, rng.randint(2, 4))
    word = rng.choice(("Dilemma", "Dilemma", "Knelpunt", "Spanningsveld"))
    letter.put(letter.para(), f"In de uitvoering zien we {len(titles)} "
                              f"{'knelpunten' if word == 'Knelpunt' else 'dilemma’s'}.")
    sep = rng.choice((" – ", ": ", " - "))
    for n, title in enumerate(titles, 1):
        letter.put(letter.para(heading=True), f"{word} {n}{sep}{title}")
        letter.dilemmas.append((n, title))
        letter.put(letter.para(), prose.paragraph(rng, letter.topics, letter.day.year, 2, 4))


def _section(letter: Letter, heading: str | None) -> None:
    """A heading (optional) and a few paragraphs with what a letter names and promises."""
    rng = letter.rng
    if heading:
        letter.put(letter.para(heading=True), heading)
    for _ in range(rng.randint(1, 4)):
        p = letter.para()
        letter.put(p, prose.paragraph(rng, letter.topics, letter.day.year, 2, 6))
        for action, chance in ((_citation_sentence, 0.35), (_org_sentence, 0.4),
                               (_reference_sentence, 0.1)):
            if rng.random() < chance:
                letter.put(p, " ")
                action(letter, p)
        if rng.random() < 0.3:
            letter.put(p, " " + prose.sentence(rng, letter.topics, letter.day.year))
    roll = rng.random()
    if roll < 0.3:
        p = letter.para()
        commit.new(letter, p, undated=rng.random() < 0.2)
    elif roll < 0.36:
        commit.fulfilled(letter, letter.para())
    elif roll < 0.42:
        commit.postponed(letter, letter.para())
    elif roll < 0.52:
        commit.other(letter, letter.para(), rng.choice(("optional", "not")))


def write_body(letter: Letter) -> None:
    rng = letter.rng
    size = rng.random()
    kind = rng.choices(("aanbieding", "toezegging", "uitstel", "voortgang", "verzoek"),
                       (25, 20, 12, 35, 8))[0]
    _intro(letter, kind)
    if size < 0.8:  # a short letter: 1-3 kB
        p = letter.para()
        letter.put(p, prose.paragraph(rng, letter.topics, letter.day.year, 2, 5))
        if rng.random() < 0.6:
            letter.put(p, " ")
            _org_sentence(letter, p)
        if rng.random() < 0.4:
            letter.put(p, " ")
            _citation_sentence(letter, p)
        if rng.random() < 0.1:
            letter.put(p, " ")
            _reference_sentence(letter, p)
        if rng.random() < 0.65:
            commit.new(letter, letter.para(), undated=rng.random() < 0.2)
        if rng.random() < 0.15:
            commit.other(letter, letter.para(), rng.choice(("optional", "not")))
        if rng.random() < 0.02:
            _dilemmas(letter)
    else:
        sections = rng.randint(2, 5) if size < 0.94 else rng.randint(16, 28)
        if rng.random() < (0.04 if size < 0.94 else 0.3):
            _dilemmas(letter)
        headings = rng.sample(HEADINGS, len(HEADINGS))
        for n in range(sections):
            title = headings[n] if n < len(headings) else _cap(rng.choice(letter.topics)[1])
            _section(letter, title if n > 0 or rng.random() < 0.5 else None)
    if letter.chamber == "Eerste Kamer" and letter.dossier_title and rng.random() < 0.5 and \
            letter.dossier_title.startswith(("Wijziging", "Regels")):
        letter.org("Tweede Kamer der Staten-Generaal", None)
        letter.put(letter.para(), f"Het wetsvoorstel is op {dutch(refs.earlier(letter, rng, 20, 200))}"
                                  " door de Tweede Kamer aanvaard.")
    if rng.random() < 0.3:
        letter.put(letter.para(), rng.choice((
            "Ik vertrouw erop uw Kamer hiermee voldoende te hebben geïnformeerd.",
            "Ik hoop uw Kamer hiermee voldoende te hebben geïnformeerd.",
            f"Ik zie het vervolg van het debat over {rng.choice(letter.topics)[0]} met "
            "belangstelling tegemoet.")))


__all__ = ["plan", "write_body"]
