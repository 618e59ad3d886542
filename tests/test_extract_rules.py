"""Extraction rules on letters written for the tests in the style of real Kamerbrieven."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from kg_uitvoering.model import KamerstukRef, LetterRecord

Make = Callable[..., LetterRecord]

HEAD = """26 643 Informatie- en communicatietechnologie (ICT)

32 761 Verwerking en bescherming persoonsgegevens

Nr. 975 BRIEF VAN DE MINISTER EN STAATSSECRETARIS VAN BINNENLANDSE ZAKEN EN KONINKRIJKSRELATIES

Aan de Voorzitter van de Tweede Kamer der Staten-Generaal

Den Haag, 14 maart 2024

"""
SIGNATURE = """
De Minister van Binnenlandse Zaken en Koninkrijksrelaties,
H.G.J. Bruins Slot

De Staatssecretaris van Binnenlandse Zaken en Koninkrijksrelaties,
Alexandra C. van Huffelen
"""


def test_heading_gives_kamerstuk_dossiers_date_and_chamber(letter: Make) -> None:
    record = letter(HEAD + "Hierbij bied ik u het rapport aan.\n" + SIGNATURE)
    doc = record.document
    assert doc.kamerstuk == KamerstukRef("26643", "975")
    assert doc.also_dossiers == ["32761"]
    assert doc.dossier_title == "Informatie- en communicatietechnologie (ICT)"
    assert doc.date == "2024-03-14"
    assert doc.chamber == "Tweede Kamer"
    assert [(p.role, p.of) for p in doc.sender_posts] == [
        ("Minister", "Binnenlandse Zaken en Koninkrijksrelaties"),
        ("Staatssecretaris", "Binnenlandse Zaken en Koninkrijksrelaties"),
    ]


def test_joint_signatures_in_order(letter: Make) -> None:
    record = letter(HEAD + "Hierbij bied ik u het rapport aan.\n" + SIGNATURE)
    assert [(s.name, s.role, s.of) for s in record.signers] == [
        ("H.G.J. Bruins Slot", "Minister", "Binnenlandse Zaken en Koninkrijksrelaties"),
        ("Alexandra C. van Huffelen", "Staatssecretaris",
         "Binnenlandse Zaken en Koninkrijksrelaties"),
    ]
    for signer in record.signers:
        assert signer.passage is not None
        assert record.text[signer.passage.start:signer.passage.end] == signer.name


def test_signature_variants(letter: Make) -> None:
    body = HEAD + "Hierbij bied ik u het rapport aan.\n\n"
    one_line = letter(body + "De Minister voor Rechtsbescherming, F.M. Weerwind\n")
    assert [(s.name, s.role, s.of) for s in one_line.signers] == [
        ("F.M. Weerwind", "Minister", "Rechtsbescherming")]
    upper = letter(body + "Hoogachtend,\n\nDE STAATSSECRETARIS VAN FINANCIËN,\n\nMarnix van Rij\n")
    assert [(s.name, s.role, s.of) for s in upper.signers] == [
        ("Marnix van Rij", "Staatssecretaris", "Financiën")]
    reversed_order = letter(body + "C.A. Jansen\nMinister van Sociale Zaken en Werkgelegenheid\n")
    assert [(s.role, s.of) for s in reversed_order.signers] == [
        ("Minister", "Sociale Zaken en Werkgelegenheid")]
    on_behalf = letter(body + "De Minister van Onderwijs, Cultuur en Wetenschap,\nmede namens de "
                       "Minister voor Primair en Voortgezet Onderwijs,\nw.g. R.H.A. Plasterk\n")
    assert [(s.name, s.role, s.of) for s in on_behalf.signers] == [
        ("R.H.A. Plasterk", "Minister", "Onderwijs, Cultuur en Wetenschap")]
    premier = letter(body + "De minister-president, minister van Algemene Zaken,\n\nD. Schoof\n")
    assert [(s.name, s.role, s.of) for s in premier.signers] == [
        ("D. Schoof", "Minister-president", "Algemene Zaken")]


def test_signature_before_annex(letter: Make) -> None:
    text = (HEAD + "Hierbij ontvangt u de geannoteerde agenda.\n\n"
            "De Minister van Infrastructuur en Waterstaat,\nB. Jansen\n\n"
            "I. Geannoteerde agenda\n\nOver de uitkomst zal ik u voor de zomer informeren.\n")
    record = letter(text)
    assert [s.name for s in record.signers] == ["B. Jansen"]
    assert [c.kind for c in record.commitments] == ["new"]


def test_citation_styles(letter: Make) -> None:
    body = (
        "Zie Kamerstuk 29 362, nr. 290 en Kamerstuk 26 643, nrs. 866 en 928. "
        "Eerder (Kamerstukken 25 764 en 29 911, nr. 137) en Kamerstukken II 2021/22, 30175, nr. 414. "
        "Ook Kamerstuk 34 775 A, nr. 61, het wetsvoorstel (Kamerstuk 33 037) en de motie "
        "(Kamerstuknr. 2012–2013, CII, B). Zoals gemeld in mijn brief (31 371, nr. 300) "
        "en in Kamerstukken 36 600 B en 36 600 C, nr. 6. Dit is Kamerstuk 26 643, nr. 975 zelf.\n"
    )
    record = letter(HEAD + body + SIGNATURE)
    found = {(c.dossier, c.ondernummer, tuple(c.also_dossiers)) for c in record.citations}
    assert found == {
        ("29362", "290", ()), ("26643", "866", ()), ("26643", "928", ()),
        ("25764", "137", ("29911",)), ("30175", "414", ()), ("34775-A", "61", ()),
        ("33037", None, ()), ("CII", "B", ()), ("31371", "300", ()),
        ("36600-B", "6", ("36600-C",)),
    }
    for citation in record.citations:
        for p in citation.passages:
            assert record.text[p.start:p.end] == p.quote


def test_other_references(letter: Make) -> None:
    body = ("Zie Handelingen II 2015/16, nr. 43, het Aanhangsel Handelingen II 2021/22, nr. 1694, "
            "uw brief 2023D12345 in zaak 2023Z01234 en https://www.rijksoverheid.nl/documenten.\n")
    record = letter(HEAD + body + SIGNATURE)
    kinds = {(r.type, r.text) for r in record.other_references}
    assert ("handelingen", "Handelingen II 2015/16, nr. 43") in kinds
    assert ("aanhangsel", "Aanhangsel Handelingen II 2021/22, nr. 1694") in kinds
    assert ("tk-document", "2023D12345") in kinds
    assert ("tk-zaak", "2023Z01234") in kinds
    assert ("url", "https://www.rijksoverheid.nl/documenten") in kinds


def test_dilemma_headings(letter: Make) -> None:
    body = ("Ik schets twee dilemma's.\n\nDilemma 1 – Snelheid en zorgvuldigheid\n\nTekst.\n\n"
            "Dilemma 2: Centraal of decentraal\n\nMeer tekst over dilemma 3 in de bijlage.\n")
    record = letter(HEAD + body + SIGNATURE)
    assert [(d.number, d.title) for d in record.dilemmas] == [
        (1, "Snelheid en zorgvuldigheid"), (2, "Centraal of decentraal")]


def kinds(record: LetterRecord) -> list[tuple[str, str | None]]:
    return [(c.kind, c.due) for c in record.commitments]


def test_new_commitments_and_due(letter: Make) -> None:
    body = (
        "Het onderzoek loopt nog.\n\n"
        "Over de uitkomsten zal ik uw Kamer voor de zomer informeren.\n\n"
        "Hieronder ga ik in op de maatregelen.\n\n"
        "Het RIVM zal in 2025 een rapport publiceren.\n\n"
        "Ik zal mij hiervoor blijven inzetten.\n\n"
        "Het kabinetsstandpunt zal in het derde kwartaal van 2024 aan uw Kamer worden aangeboden.\n"
    )
    record = letter(HEAD + body + SIGNATURE)
    assert kinds(record) == [("new", "voor de zomer"), ("new", "in het derde kwartaal van 2024")]
    first, second = record.commitments
    assert first.due_range is not None and first.due_range.latest == "2024-06-30"
    assert second.due_range is not None
    assert (second.due_range.earliest, second.due_range.latest) == ("2024-07-01", "2024-09-30")
    assert first.passage is not None and record.text[first.passage.start:first.passage.end] \
        == first.quote


def test_fulfilled_and_postponed(letter: Make) -> None:
    body = (
        "Tijdens het commissiedebat van 1 februari jl. heb ik een overzicht van de projecten "
        "toegezegd. Met deze brief doe ik die toezegging gestand.\n\n"
        "Uw commissie vroeg om een reactie op het advies. Helaas is het niet gelukt de reactie "
        "binnen de gevraagde termijn op te stellen. Ik zal u de reactie uiterlijk 1 mei "
        "toesturen.\n"
    )
    record = letter(HEAD + body + SIGNATURE)
    assert [c.kind for c in record.commitments] == ["fulfilled", "postponed"]
    postponed = record.commitments[1]
    assert postponed.due == "uiterlijk 1 mei"
    assert postponed.due_range is not None and postponed.due_range.latest == "2024-05-01"


def test_fulfilment_names_its_origin(letter: Make) -> None:
    body = ("Zoals toegezegd in mijn brief van 3 januari (Kamerstuk 26 643, nr. 950) stuur ik u "
            "hierbij de evaluatie.\n")
    record = letter(HEAD + body + SIGNATURE)
    assert [(c.kind, c.origin) for c in record.commitments] == [
        ("fulfilled", KamerstukRef("26643", "950"))]


PROMISES = [
    "Ik verwacht uw Kamer voor de zomer te informeren over de uitkomsten.",
    "Ik streef ernaar uw Kamer in het najaar een voortgangsbrief te sturen.",
    "Naar verwachting kan ik u in het najaar informeren over de evaluatie.",
    "Ik informeer uw Kamer voor het kerstreces over de stand van zaken.",
    "Ik kom hierop voor de zomer bij uw Kamer terug.",
    "Uw Kamer kan de kabinetsreactie in het voorjaar van 2025 verwachten.",
    "U ontvangt de rapportage in september.",
    "De Kamer wordt over de resultaten naar verwachting in het najaar via de voortgangsbrief "
    "geïnformeerd.",
    # object or time first, subject after the auxiliary
    "Het kabinetsstandpunt over de evaluatie zal ik u na het zomerreces doen toekomen.",
    "Een nadere analyse van de cijfers zullen wij de commissie in april sturen.",
    "Zo snel mogelijk zal ik de Kamer berichten over de afloop van de aanbesteding.",
    # an intention with "te kunnen"
    "Wij hopen de eerste resultaten rond de zomer aan uw Kamer te kunnen presenteren.",
    "Ik verwacht u de definitieve cijfers in mei toe te kunnen sturen.",
    # present passive with a time still to come
    "Het eindrapport van de commissie wordt in oktober aan de Kamer aangeboden.",
    "De monitor wordt zo spoedig mogelijk naar uw Kamer gezonden.",
    # present tense with a soon but undated time
    "Ik kom binnenkort bij de Kamer terug op de uitkomsten van het overleg.",
    "De Kamer wordt op korte termijn over de uitvoering geïnformeerd.",
    "U ontvangt zo spoedig mogelijk het advies van de landsadvocaat.",
    "Uw Kamer ontvangt vóór het einde van het jaar de tweede voortgangsbrief.",
]
NOT_PROMISES = [
    "Met deze brief informeer ik uw Kamer over de voortgang.",
    "Hierbij ontvangt u de rapportage over het eerste kwartaal.",
    "In 2023 heb ik uw Kamer geïnformeerd over de aanpak.",
    "Het RIVM verwacht in 2025 de resultaten te publiceren.",
    "De Minister voor Langdurige Zorg heeft de Kamer op 3 februari geïnformeerd.",
    "Hieronder ga ik in op de drie sporen van de aanpak.",
    "Het jaarverslag wordt ieder jaar aan uw Kamer gestuurd.",
    "Hierbij wordt het verslag van de Raad aan uw Kamer aangeboden.",
    "De gemeenten ontvangen binnenkort een handreiking van de VNG.",
    "Dit advies zal de raad in het najaar aan de minister uitbrengen.",
]


@pytest.mark.parametrize("sentence", PROMISES)
def test_ways_of_promising(letter: Make, sentence: str) -> None:
    record = letter(HEAD + sentence + "\n" + SIGNATURE)
    assert [c.kind for c in record.commitments] == ["new"], sentence


@pytest.mark.parametrize("sentence", NOT_PROMISES)
def test_sentences_that_are_no_promise(letter: Make, sentence: str) -> None:
    record = letter(HEAD + sentence + "\n" + SIGNATURE)
    assert record.commitments == [], sentence


def test_due_end_of_year(letter: Make) -> None:
    record = letter(HEAD + "Ik informeer uw Kamer voor het einde van het jaar over de pilots.\n"
                    + SIGNATURE)
    assert kinds(record) == [("new", "voor het einde van het jaar")]


@pytest.mark.parametrize("sentence", [
    "Helaas lukt het niet om uw Kamer, zoals toegezegd, voor de zomer te informeren; ik "
    "verwacht dit na het zomerreces te kunnen doen.",
    "Anders dan toegezegd kan ik u het rapport niet in mei sturen; ik verwacht het in juli "
    "toe te sturen.",
    "Ik heb moeten besluiten de toegezegde evaluatie uit te stellen tot het voorjaar.",
    "Wij moeten de gevraagde reactie helaas uitstellen.",
])
def test_promises_not_kept_are_postponed(letter: Make, sentence: str) -> None:
    record = letter(HEAD + sentence + "\n" + SIGNATURE)
    assert [c.kind for c in record.commitments] == ["postponed"], sentence


def test_not_as_promised_is_no_fulfilment(letter: Make) -> None:
    body = ("Zoals toegezegd ontvangt u hierbij de evaluatie.\n\n"
            "Helaas kan ik de toegezegde planning niet halen. Ik zal u in juni nader "
            "informeren.\n")
    record = letter(HEAD + body + SIGNATURE)
    assert [c.kind for c in record.commitments] == ["fulfilled", "postponed"]


def test_delay_with_its_own_date_keeps_later_promises_new(letter: Make) -> None:
    body = ("De toegezegde monitor wordt later dan voorzien, naar verwachting in september, "
            "aan uw Kamer gezonden.\n\nDe uitvoering verloopt volgens plan.\n\n"
            "Over de pilot in Utrecht zal ik u voor het kerstreces informeren.\n")
    record = letter(HEAD + body + SIGNATURE)
    assert kinds(record) == [("postponed", "naar verwachting in september"),
                             ("new", "voor het kerstreces")]


def test_sentence_runs_on_over_a_short_line(letter: Make) -> None:
    body = ("Het onderzoek is in de afrondende fase. Naar verwachting ontvangt uw\n"
            "Kamer de resultaten in november.\nUw\nKamer ontvangt binnenkort ook de "
            "evaluatie van de pilot.\n")
    record = letter(HEAD + body + SIGNATURE)
    assert [c.kind for c in record.commitments] == ["new", "new"]
    assert record.commitments[0].quote.startswith("Naar verwachting")
    assert record.commitments[1].quote.startswith("Uw\nKamer")


def test_joint_signature_names_above_posts(letter: Make) -> None:
    body = HEAD + "Hierbij bied ik u het rapport aan.\n\n"
    record = letter(body + "P.Q. de Boer\nMinister van Financiën\n\nAnne Smit-de Wit\n"
                    "Staatssecretaris van Defensie\n")
    assert [(s.name, s.role, s.of) for s in record.signers] == [
        ("P.Q. de Boer", "Minister", "Financiën"),
        ("Anne Smit-de Wit", "Staatssecretaris", "Defensie")]
    below = letter(body + "De Minister van Financiën,\nP.Q. de Boer\n\nDe Staatssecretaris van "
                   "Defensie,\nAnne Smit-de Wit\n")
    assert [(s.name, s.role) for s in below.signers] == [
        ("P.Q. de Boer", "Minister"), ("Anne Smit-de Wit", "Staatssecretaris")]


def test_wrapped_toevoeging_in_citation(letter: Make) -> None:
    body = ("Zie de begroting (Kamerstuk 36 200\nVII, nr. 12) en het wetsvoorstel (Kamerstuk "
            "35 925\nB). De motie Jansen (36 410\nXV, nr. 7) is aangenomen.\n")
    record = letter(HEAD + body + SIGNATURE)
    found = {(c.dossier, c.ondernummer) for c in record.citations}
    assert found == {("36200-VII", "12"), ("35925-B", None), ("36410-XV", "7")}


def test_eu_in_a_legal_act_is_no_definition(letter: Make) -> None:
    body = ("De lidstaten spraken over de uitvoering van Richtlijn (EU) 2019/1937 en "
            "Verordening (EG) nr. 1234/2007. Binnen de EU is hierover overeenstemming. "
            "De Autoriteit Consument en Markt (ACM) houdt toezicht; de ACM rapporteert.\n")
    record = letter(HEAD + body + SIGNATURE)
    by_abbr = {o.abbr: o for o in record.organisations if o.abbr}
    assert "EU" in by_abbr and len(by_abbr["EU"].passages) == 1
    assert "ACM" in by_abbr and len(by_abbr["ACM"].passages) == 3  # name, (ACM), ACM


LETTERHEAD = """> Retouradres Postbus 20350 2500 EJ Den Haag
De Voorzitter van de Tweede Kamer
der Staten-Generaal
Postbus 20018
2500 EA DEN HAAG
Ministerie van
Volksgezondheid,
Welzijn en Sport
Parnassusplein 5
2511 VX Den Haag
Postbus 90801
2509 LV Den Haag
T 070 333 4444
Ons kenmerk
2024-0000123
Datum 12 maart 2024
Betreft Voortgang arbeidsmarktbeleid
Geachte voorzitter,
In mijn brief van 3 februari 20231 heb ik u geïnformeerd over de aanpak. De uitvoering
ligt op schema.
1 Kamerstuk 29 544, nr. 1100
Ministerie van
Volksgezondheid,
Welzijn en Sport
Ons kenmerk
2024-0000123
Het UWV voert de regeling uit2. Ik verwacht de resultaten in oktober. Uw
Kamer ontvangt binnenkort de evaluatie van de pilots.
Hoogachtend,
J. de Vries
Minister van Volksgezondheid, Welzijn en Sport
2 Zie Kamerstuk 29 544, nr. 1101
Pagina 2 van 2
"""


def test_letterhead_chrome_footnotes_and_wrapped_sentence(letter: Make) -> None:
    record = letter(LETTERHEAD)
    # the margin's ministry name wraps after a comma: chrome, not a mention
    assert [o.abbr for o in record.organisations] == ["UWV"]
    assert "Ministerie van\nVolksgezondheid" not in record.text
    # the first footnote's marker is fused to a year: both footnotes leave the body
    body_end = record.text.index("Hoogachtend")
    assert "Kamerstuk 29 544" not in record.text[:body_end]
    assert {(c.dossier, c.ondernummer) for c in record.citations} == {
        ("29544", "1100"), ("29544", "1101")}
    # "Uw" at a line end starts a sentence, not a heading
    assert [(c.kind, c.quote) for c in record.commitments] == [
        ("new", "Uw\nKamer ontvangt binnenkort de evaluatie van de pilots.")]
    assert [(s.name, s.role) for s in record.signers] == [("J. de Vries", "Minister")]
