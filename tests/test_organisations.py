"""Tests for kg_uitvoering.extract.organisations on small sentences in the style of letters."""

from __future__ import annotations

import csv
from importlib.resources import files

import pytest

from kg_uitvoering.extract.organisations import find_organisations, load_gazetteer
from kg_uitvoering.model import Organisation


def orgs(text: str) -> list[Organisation]:
    return find_organisations(text, [(0, len(text))])


def names(text: str) -> list[str]:
    return [o.name for o in orgs(text)]


def by_name(text: str, name: str) -> Organisation:
    found = [o for o in orgs(text) if o.name == name]
    assert len(found) == 1, names(text)
    return found[0]


BZK = "Ministerie van Binnenlandse Zaken en Koninkrijksrelaties"
FIN = "Ministerie van Financiën"
IENW = "Ministerie van Infrastructuur en Waterstaat"


# --- the gazetteer file ------------------------------------------------------------------

def test_gazetteer_rows_are_well_formed() -> None:
    text = files("kg_uitvoering").joinpath("data", "organisations.tsv").read_text("utf-8")
    rows = list(csv.reader([ln for ln in text.splitlines() if not ln.startswith("#")],
                           delimiter="\t", quoting=csv.QUOTE_NONE))
    header, body = rows[0], rows[1:]
    assert header[:5] == ["name", "abbreviations", "alt_names", "weak_names", "kind"]
    assert len(body) > 250
    assert all(len(r) == len(header) and r[0] and r[4] for r in body)
    abbrs = [a for r in body for a in r[1].split("|") if a]
    assert len(abbrs) == len(set(abbrs)), "an abbreviation belongs to one organisation"
    assert len(load_gazetteer().entries) == len(body)


# --- gazetteer names, abbreviations, compounds ---------------------------------------------

def test_full_name_with_abbreviation_is_one_organisation() -> None:
    text = ("De Rijksdienst voor Ondernemend Nederland (RVO) voert de regeling uit. "
            "RVO rapporteert twee keer per jaar.")
    [org] = orgs(text)
    assert (org.name, org.abbr, org.kind) == ("Rijksdienst voor Ondernemend Nederland", "RVO",
                                              "agentschap")
    assert [p.quote for p in org.passages] == ["Rijksdienst voor Ondernemend Nederland",
                                               "RVO", "RVO"]


def test_bare_ministry_abbreviation_gets_full_name() -> None:
    [org] = orgs("Hierover heeft BZK met de koepels overleg gevoerd.")
    assert (org.name, org.abbr, org.kind) == (BZK, "BZK", "ministerie")


def test_abbreviation_is_case_sensitive_and_whole_word() -> None:
    assert names("Het cbs-kantoor en de Abzk-regeling en BZKX vallen hierbuiten.") == []


@pytest.mark.parametrize("text, abbr", [
    ("Het RIVM-onderzoeksprogramma loopt tot 2026.", "RIVM"),
    ("Nederland agendeert dit in ICAO-verband.", "ICAO"),
    ("Het SER-advies verschijnt in het voorjaar.", "SER"),
    ("Het tweede OMT-advies is bijgevoegd.", "OMT"),
])
def test_abbreviation_as_first_part_of_a_compound(text: str, abbr: str) -> None:
    [org] = orgs(text)
    assert org.abbr == abbr
    assert org.passages[0].quote == abbr


def test_compound_with_its_own_name_wins() -> None:
    assert names("Het rapport van de VROM-Inspectie is openbaar.") == ["VROM-Inspectie"]


def test_eu_does_not_count_inside_compounds() -> None:
    assert names("De EU-begroting groeit.") == []
    assert names("De afdrachten aan de EU stijgen.") == ["Europese Unie"]


@pytest.mark.parametrize("text", [
    "Het ministerie van Financiën stelt de raming op.",
    "Het Ministerie van Financiën stelt de raming op.",
    "Een medewerker van het ministerie van\nFinanciën stelt de raming op.",
])
def test_ministry_named_as_ministerie_van(text: str) -> None:
    assert names(text) == [FIN]


def test_ministerie_van_abbreviation_and_definition() -> None:
    text = ("Het Ministerie van Justitie en Veiligheid (JenV) en het ministerie van IenW "
            "trekken samen op. JenV rapporteert.")
    found = {o.name: o for o in orgs(text)}
    assert found["Ministerie van Justitie en Veiligheid"].abbr == "JenV"
    assert len(found["Ministerie van Justitie en Veiligheid"].passages) == 3
    assert found[IENW].abbr == "IenW"


def test_multiword_names_ignore_case_and_line_breaks() -> None:
    text = "De Nederlandse\narbeidsinspectie en de raad van State zijn geraadpleegd."
    assert names(text) == ["Nederlandse Arbeidsinspectie", "Raad van State"]


def test_fused_footnote_number_after_a_name() -> None:
    text = "De volgende organisaties leverden een bijdrage:\n– Logius2\n– DUO3"
    assert names(text) == ["Logius", "Dienst Uitvoering Onderwijs"]


# --- posts are not organisations -------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Ik heb dit besproken met de minister van Financiën.",
    "De Staatssecretaris van IenW informeert uw Kamer hierover.",
    "Mijn ambtgenoot van Sociale Zaken en Werkgelegenheid stuurt een brief.",
    "De ministers van EZK en LNV komen met een plan.",
    "Ik doe u deze brief toekomen mede namens de minister van BZK.",
    "Over de aanpak heb ik gesproken met de minister van Defensie.",
])
def test_posts_do_not_yield_the_ministry(text: str) -> None:
    assert names(text) == []


@pytest.mark.parametrize("text, expected", [
    ("Mijn medewerkers bij IenM hebben hard gewerkt.", "Ministerie van Infrastructuur en Milieu"),
    ("Het ministerie van IenW laat dit onderzoeken.", IENW),
    ("De minister van Financiën heeft met VWS afspraken gemaakt.",
     "Ministerie van Volksgezondheid, Welzijn en Sport"),
    ("Dit gebeurt in samenwerking met Defensie en de politie.", "Ministerie van Defensie"),
])
def test_the_ministry_itself_counts(text: str, expected: str) -> None:
    assert names(text) == [expected]


def test_weak_name_needs_to_stand_alone() -> None:
    assert names("Het Programma Vastgoed Defensie loopt door.") == []
    assert names("Defensie heeft daarom besloten te wachten.") == []  # sentence start


# --- Tweede en Eerste Kamer ------------------------------------------------------------------

def test_tweede_kamer_named_in_running_text() -> None:
    org = by_name("Vorige week heeft de Tweede Kamer een motie aangenomen.",
                  "Tweede Kamer der Staten-Generaal")
    assert org.passages[0].quote == "Tweede Kamer"


@pytest.mark.parametrize("text", [
    "Aan de Voorzitter van de Tweede Kamer der Staten-Generaal",
    "De voorzitter van de Tweede Kamer\nder Staten-Generaal",
    "Het Tweede Kamerlid Jansen vroeg hierom.",
    "Ik informeer uw Kamer voor de zomer. De Kamer ontvangt ook de bijlage.",
])
def test_tweede_kamer_not_counted(text: str) -> None:
    assert names(text) == []


def test_centraal_informatiepunt_is_its_own_organisation() -> None:
    text = "Ter inzage gelegd bij het Centraal Informatiepunt Tweede Kamer."
    assert names(text) == ["Centraal Informatiepunt Tweede Kamer"]


def test_eerste_kamer_and_staten_generaal() -> None:
    text = ("Deze brief gaat ook naar de Eerste Kamer. Het wetsvoorstel is bij de "
            "Staten-Generaal ingediend.")
    assert names(text) == ["Eerste Kamer der Staten-Generaal", "Staten-Generaal"]


# --- pattern finds ---------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("Hierover is gesproken met Stichting Open Archieven en anderen.",
     "Stichting Open Archieven"),
    ("De Vereniging van Nederlandse Reisorganisaties steunt dit.",
     "Vereniging van Nederlandse Reisorganisaties"),
    ("Het Netwerk van Regionale Kennisinstellingen deelt kennis.",
     "Netwerk van Regionale Kennisinstellingen"),
    ("De Tijdelijke Commissie Digitale Toekomst rapporteerde in mei.",
     "Tijdelijke Commissie Digitale Toekomst"),
    ("Volgens het Nationaal Platform Zorgdata is dat haalbaar.", "Nationaal Platform Zorgdata"),
    ("Het rapport van de Commissie Bakker verschijnt in juni.", "Commissie Bakker"),
    ("Ook het Informatiepunt Omgevingsrecht geeft uitleg.", "Informatiepunt Omgevingsrecht"),
    ("Zij overleggen met de Landelijke Benchmarkgroep over de cijfers.",
     "Landelijke Benchmarkgroep"),
])
def test_capitalised_names_with_an_organisation_noun(text: str, expected: str) -> None:
    assert names(text) == [expected]


def test_lone_compound_counts_mid_sentence_only() -> None:
    assert names("Ook de Dierenbond en de Ouderengroep zijn gehoord.") == [
        "Dierenbond", "Ouderengroep"]
    assert names("Ouderengroep\nDe leden zijn bekend.") == []
    assert names("Ook de Werkgroep en de Raad zijn gehoord.") == []  # generic nouns


def test_name_stops_before_van_de_kamer_and_splits_at_en() -> None:
    text = ("Het rapport van de Tijdelijke Commissie Uitvoering Zorg van de Kamer noemt "
            "Stichting Thuiszorg en Stichting Mantelzorg.")
    assert names(text) == ["Tijdelijke Commissie Uitvoering Zorg", "Stichting Thuiszorg",
                           "Stichting Mantelzorg"]


@pytest.mark.parametrize("text, expected", [
    ("De vaste commissie voor Volksgezondheid, Welzijn en Sport heeft vragen gesteld.",
     "vaste commissie voor Volksgezondheid, Welzijn en Sport"),
    ("Naar aanleiding van het verzoek van de commissie voor Digitale Zaken bericht ik u.",
     "commissie voor Digitale Zaken"),
    ("De sectorbrede taskforce Zorgpersoneel is actief.", "taskforce Zorgpersoneel"),
    ("Ik leg het rapport voor aan de kring van Secretarissen-Generaal.",
     "kring van Secretarissen-Generaal"),
    ("Het eindrapport van de commissie Remkes volgt.", "commissie Remkes"),
])
def test_lower_case_committees(text: str, expected: str) -> None:
    assert names(text) == [expected]


def test_committee_variants_are_one_organisation() -> None:
    text = ("De vaste commissie voor Justitie en Veiligheid vroeg hierom. In de vergadering "
            "van de commissie van Justitie en Veiligheid is dit besproken.")
    [org] = orgs(text)
    assert len(org.passages) == 2


def test_committee_name_stops_before_the_chamber() -> None:
    text = "De commissie voor Financiën van de Tweede Kamer vroeg hierom."
    assert names(text) == ["commissie voor Financiën", "Tweede Kamer der Staten-Generaal"]


@pytest.mark.parametrize("text, expected", [
    ("Het onderzoek is uitgevoerd door het adviesbureau Berenschot in 2022.", "Berenschot"),
    ("De belangrijkste rol heeft de normalisatieorganisatie Normstar International.",
     "Normstar International"),
    ("Partners zijn Zorgdata Noord (platform voor regionale zorgdata) en anderen.",
     "Zorgdata Noord"),
])
def test_appositions(text: str, expected: str) -> None:
    assert names(text) == [expected]


def test_defined_abbreviation_with_organisation_noun() -> None:
    text = ("Leden zijn de werkgeversvereniging voor de sector schoonmaak en glazenwassers "
            "(WSG) en de vakbonden. De WSG steunt het plan.")
    [org] = orgs(text)
    assert org.name == "werkgeversvereniging voor de sector schoonmaak en glazenwassers"
    assert org.abbr == "WSG"
    assert [p.quote for p in org.passages][1:] == ["WSG", "WSG"]


@pytest.mark.parametrize("text", [
    "Dit staat in het Integraal Zorgakkoord (IZA) en het Algemeen Overleg (AO).",
    "Het gaat om de uitstoot van zeer zorgwekkende stoffen (ZZS) door vliegtuigen.",
    "Gemeenten, provincies en uitvoeringsorganisaties werken samen met uw Kamer.",
])
def test_definitions_and_generic_nouns_without_organisation(text: str) -> None:
    assert names(text) == []


def test_text_definition_overrides_gazetteer_abbreviation() -> None:
    text = "Het Nationaal Programma Onderwijs (NPO) loopt af. De NPO-middelen zijn besteed."
    assert names(text) == []


def test_list_member_between_organisations() -> None:
    text = "Ik overleg met de VNG, Zorgverzekeraars Nederland, Divosa en het IPO."
    assert names(text) == ["Vereniging van Nederlandse Gemeenten", "Zorgverzekeraars Nederland",
                           "Divosa", "Interprovinciaal Overleg"]


def test_bare_commissie_refers_back() -> None:
    text = ("Ik heb de Europese Commissie (hierna: Commissie) gevraagd om een reactie. "
            "De Commissie heeft toegezegd te reageren.")
    [org] = orgs(text)
    assert (org.name, org.abbr) == ("Europese Commissie", None)
    assert [p.quote for p in org.passages] == ["Europese Commissie", "Commissie", "Commissie"]
    assert names("De Commissie heeft dat nog niet besloten.") == []


def test_parties_and_international_bodies() -> None:
    text = "De fracties van VVD, D66 en GroenLinks-PvdA wezen op de rol van de NAVO en de OESO."
    assert names(text) == [
        "Volkspartij voor Vrijheid en Democratie", "Democraten 66", "GroenLinks-PvdA",
        "Noord-Atlantische Verdragsorganisatie",
        "Organisatie voor Economische Samenwerking en Ontwikkeling"]


# --- passages and spans ----------------------------------------------------------------------

def test_passages_are_exact_and_cover_every_mention() -> None:
    text = ("Het Rijksinstituut voor\nVolksgezondheid en Milieu (RIVM) meet de uitstoot. "
            "Het RIVM-rapport volgt; ook het Centraal Bureau voor de Statistiek levert cijfers "
            "en de vaste commissie voor Infrastructuur en Waterstaat wordt geïnformeerd.")
    found = orgs(text)
    assert [o.name for o in found] == [
        "Rijksinstituut voor Volksgezondheid en Milieu", "Centraal Bureau voor de Statistiek",
        "vaste commissie voor Infrastructuur en Waterstaat"]
    for org in found:
        for p in org.passages:
            assert text[p.start:p.end] == p.quote
    assert len(found[0].passages) == 3


def test_only_the_given_spans_are_searched() -> None:
    text = "Kamerstuk van het RIVM\n\nIn deze brief noem ik de Gezondheidsraad."
    start = text.index("In deze")
    found = find_organisations(text, [(start, len(text))])
    assert [o.name for o in found] == ["Gezondheidsraad"]
    assert find_organisations(text, []) == []


def test_word_like_abbreviation_before_a_surname_is_a_person() -> None:
    assert names("Volgens Rob Jansen is dat niet nodig.") == []
    assert names("Het advies van de Rob is helder.") == ["Raad voor het Openbaar Bestuur"]
