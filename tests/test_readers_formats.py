"""The readers for ministry letterheads (PDF text), PDF files, official XML and HTML.

Real letters come from the shared corpus (``../shared`` beside the repository; tests on
them are skipped when it is absent); small samples are copied into tests/fixtures/formats.
"""

from __future__ import annotations

import contextlib
import io
import json
import re
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg_uitvoering.model import KamerstukRef
from kg_uitvoering.sources.base import SourceDocument
from kg_uitvoering.sources.decode import UnreadableInput
from kg_uitvoering.sources.letterhead import read_letterhead
from kg_uitvoering.sources.markup import looks_like_html, looks_like_xml
from kg_uitvoering.sources.pdf import read_pdf
from kg_uitvoering.sources.publication import read_html, read_xml

SHARED = Path(__file__).resolve().parents[2] / "shared"
DEV = SHARED / "corpus" / "dev"
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "formats"
IENW = DEV / "pdf_ienw_2022-12-22_emissies_luchtvaart"
EZK = DEV / "pdf_ezk_2023-05-30_herijkte_missies_innovatiebeleid"
BRIEF_XML = FIXTURES / "brief_kst-29362-318" / "kst-29362-318.xml"
MOTIE = FIXTURES / "plooi_kst-32545-143"
NOISE = re.compile(
    r"^(?:P ?agina \d+ van \d+|Ons kenmerk|Kenmerk|Bijlage\(n\)|Rijnstraat 8|P ?ostbus \d+|"
    r"T 0 ?7 ?0.*|F 0 ?7 ?0.*|Directoraat-generaal|Bedrijfsleven & Innovatie|Bezoekadres|"
    r"Postadres|Overheidsidentificatienr|www\.rijksoverheid\.nl/\w+|Ministerie van|"
    r"Inf ?rastructuur en|Waterstaat|.*Retouradres.*|der Staten-Generaal|"
    r"De [Vv]oorzitter van de Tweede Kamer|\d ?\d ?\d ?\d ?[A-Z] ?[A-Z] .*(?:Haag|HAAG))$")


def norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def assert_offsets(doc: SourceDocument, entities: bool = False) -> None:
    """Every character comes from its offset; only joiners (whitespace) and, in markup,
    characters written as entities (offset at the "&") may differ."""
    assert len(doc.text) == len(doc.offsets)
    for i, (char, offset) in enumerate(zip(doc.text, doc.offsets, strict=True)):
        assert 0 <= offset < len(doc.original), i
        source = doc.original[offset]
        assert char == source or char.isspace() or (entities and source == "&"), (
            i, char, source, doc.text[max(0, i - 30):i + 10])


def read_shared(stem: Path) -> tuple[SourceDocument, dict[str, object]]:
    if not stem.with_suffix(".txt").exists():
        pytest.skip("shared corpus not available")
    text = stem.with_suffix(".txt").read_text(encoding="utf-8")
    gold = json.loads(stem.with_suffix(".gold.json").read_text(encoding="utf-8"))
    return read_letterhead(str(stem.with_suffix(".txt")), text), gold


def gold_quotes(gold: dict[str, object]) -> list[str]:
    quotes: list[str] = []
    for key in ("commitments", "commitments_optional", "not_commitments"):
        for item in gold.get(key, []):  # type: ignore[attr-defined]
            quotes.append(item["quote"])
            quotes.extend(item.get("alt_quotes", []))
    return quotes


# --- letterhead ---------------------------------------------------------------------------

def test_letterhead_ienw_header_hints_and_noise() -> None:
    doc, gold = read_shared(IENW)
    assert doc.hints.date == "2022-12-22"
    assert doc.hints.title == "Emissies door de luchtvaart"
    assert doc.hints.chamber == "Tweede Kamer"
    assert doc.text.startswith("Datum 22 december 2022\nBetreft Emissies door de luchtvaart\n\n"
                               "Geachte voorzitter,\n")
    noise = [line for line in doc.text.splitlines() if NOISE.match(line.strip())]
    assert noise == []
    assert "I E NW/BSK-2022/268034" not in doc.text
    assert_offsets(doc)
    document = gold["document"]
    assert isinstance(document, dict)
    assert (doc.hints.date, doc.hints.title) == (document["date"], document["title"])


def test_letterhead_ienw_body_footnotes_and_signature() -> None:
    doc, gold = read_shared(IENW)
    text = norm(doc.text)
    assert "Hoogachtend,\nDE MINISTER VAN INFRASTRUCTUUR EN WATERSTAAT,\nMark Harbers" in doc.text
    # A sentence broken by a page foot is whole again; the footnote went to the end.
    assert "Zoals aangegeven in\nde Hoofdlijnenbrief Schiphol van 24 juni 2022 2 is" in doc.text
    assert "ReFuelEU-verordening, voortgezet" in doc.text
    assert "VN-burgerluchtvaartorganisatie ICAO" in doc.text
    lines = doc.text.splitlines()
    notes = [line for line in lines if re.match(r"\d{1,2} (?:Kamerstukken|https)", line)]
    assert len(notes) == 16
    assert lines.index("1 Kamerstukken II 2021/22, 30175, nr. 414") > lines.index("Mark Harbers")
    assert ("16 https://www.gezondheidsraad.nl/documenten/adviezen/2021/09/15/"
            "risicos-van-ultrafijnstof-in-de-buitenlucht") in lines
    missing = [q for q in gold_quotes(gold) if norm(q) not in text]
    assert missing == []
    for ref in gold["other_references"]:  # type: ignore[attr-defined]
        if ref["type"] == "url":
            assert ref["text"] in doc.text


def test_letterhead_ezk_margin_learnt_and_signature() -> None:
    doc, gold = read_shared(EZK)
    assert (doc.hints.date, doc.hints.chamber) == ("2023-05-30", "Tweede Kamer")
    assert doc.hints.title == "Herijkte missies van het missiegedreven innovatiebeleid"
    assert [ln for ln in doc.text.splitlines() if NOISE.match(ln.strip())] == []
    assert "DGBI" not in doc.text and "00000001003214369000" not in doc.text
    assert "M.A.M. Adriaansens\nMinister van Economische Zaken en Klimaat\n\n1 Kamerstuk" in doc.text
    assert "4 Meer informatie over de aanpak" in doc.text
    assert "Innovation Policies https://stip-pp.oecd.org/moip/" in doc.text
    assert ("https://single-market-economy.ec.europa.eu/sectors/raw-materials/areas-specific"
            in doc.text)
    assert [q for q in gold_quotes(gold) if norm(q) not in norm(doc.text)] == []
    assert_offsets(doc)


MARGIN_AFTER_SIGNATURE = """\
> Retouradres Postbus 16375 2500 BJ Den Haag
De Voorzitter van de Tweede Kamer
der Staten-Generaal
Postbus 20018
2500 EA DEN HAAG
Datum 5 juli 2023
Betreft Voortgang onderwijsagenda
Geachte voorzitter,
Hierbij informeer ik u over de voortgang. Ik zal uw Kamer voor de zomer
informeren over de resultaten1.
Hoogachtend,
de minister van Onderwijs, Cultuur en Wetenschap,
Robbert Dijkgraaf
1 Kamerstuk 31289, nr. 500
Ministerie van Onderwijs, Cultuur en
Wetenschap
Rijnstraat 50
Den Haag
Postbus 16375
2500 BJ Den Haag
Onze referentie
12345678
Pagina 1 van 1
"""

MARGIN_FIRST = """\
Ministerie van Volksgezondheid,
Welzijn en Sport
> Retouradres Postbus 20350 2500 EJ Den Haag
De Voorzitter van de Eerste Kamer
der Staten-Generaal
Postbus 20017
2500 EA DEN HAAG
Bezoekadres
Parnassusplein 5
2511 VX Den Haag
www.rijksoverheid.nl
Kenmerk
3456789-1045678-PG
Uw brief
Datum
12 maart 2024
Betreft Beantwoording vragen over de
zorgverzekering
Geachte voorzitter,

Hierbij stuur ik u de antwoorden. Ik zal u voor 1 juni nader informeren over de
uitkomsten van het overleg.
P agina 1 van 2
Ministerie van Volksgezondheid,
Welzijn en Sport
Kenmerk
3456789-1045678-PG

Hoogachtend,

de minister van Volksgezondheid,
Welzijn en Sport,

Conny Helder
P agina 2 van 2
"""


def test_letterhead_margin_after_signature_keeps_signer() -> None:
    doc = read_letterhead("a.txt", MARGIN_AFTER_SIGNATURE)
    assert doc.text == (
        "Datum 5 juli 2023\nBetreft Voortgang onderwijsagenda\n\nGeachte voorzitter,\n"
        "Hierbij informeer ik u over de voortgang. Ik zal uw Kamer voor de zomer\n"
        "informeren over de resultaten1.\nHoogachtend,\n"
        "de minister van Onderwijs, Cultuur en Wetenschap,\nRobbert Dijkgraaf\n\n"
        "1 Kamerstuk 31289, nr. 500")
    assert (doc.hints.date, doc.hints.title) == ("2023-07-05", "Voortgang onderwijsagenda")
    assert_offsets(doc)


def test_letterhead_date_as_margin_key_and_eerste_kamer() -> None:
    doc = read_letterhead("b.txt", MARGIN_FIRST)
    assert doc.hints.chamber == "Eerste Kamer"
    assert doc.hints.date == "2024-03-12"
    assert doc.hints.title == "Beantwoording vragen over de zorgverzekering"
    assert doc.text.startswith("Datum 12 maart 2024\nBetreft Beantwoording vragen over de "
                               "zorgverzekering\n\nGeachte voorzitter,\n\nHierbij stuur ik u")
    assert "Welzijn en Sport,\n\nConny Helder" in doc.text
    assert "Kenmerk" not in doc.text and "agina" not in doc.text
    assert doc.text.count("Welzijn en Sport") == 1
    assert_offsets(doc)


def test_letterhead_without_head_warns_and_keeps_text() -> None:
    doc = read_letterhead("c.txt", "Een gewone tekst.\nZonder briefhoofd.\n")
    assert doc.text == "Een gewone tekst.\nZonder briefhoofd."
    assert doc.warnings and doc.hints.date is None


# --- PDF -----------------------------------------------------------------------------------

def make_pdf(lines: list[str]) -> bytes:
    """A one-page PDF whose text layer holds ``lines`` (Latin-1 text, Helvetica)."""
    def escape(line: str) -> str:
        return line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
    stream = ("BT /F1 10 Tf 14 TL 40 800 Td " + " ".join(
        f"({escape(line)}) '" for line in lines) + " ET").encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    out = io.BytesIO(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    out.write(b"".join(b"%010d 00000 n \n" % o for o in offsets))
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n"
              % (len(objects) + 1, xref))
    return out.getvalue()


def test_pdf_letterhead_sample() -> None:
    path = FIXTURES / "kamerbrief_1pag_SAMPLE_page1only.pdf"
    doc = read_pdf(str(path), path.read_bytes())
    assert doc.rendering.value == "letterhead"
    assert doc.hints.date == "2023-02-03"
    assert doc.hints.title == ("Nationaal Programma Circulaire Economie 2023-2030 (NPCE) incl. "
                               "kabinetsreactie op ICER en SER-verkenning")
    assert doc.hints.chamber == "Tweede Kamer"
    assert doc.text.startswith("Datum 3 februari 2023\nBetreft Nationaal Programma")
    assert "Geachte voorzitter,\n\nMet deze Kamerbrief bied ik u" in doc.text
    assert [ln for ln in doc.text.splitlines() if NOISE.match(ln.strip())] == []
    assert "IENW/BSK-2023/33017" not in doc.text
    assert_offsets(doc)


def test_pdf_plain_text_layer_goes_to_text_reader() -> None:
    doc = read_pdf("x.pdf", make_pdf(["Een notitie", "Dit is gewone tekst (geen brief)."]))
    assert doc.rendering.value == "text"
    assert "Dit is gewone tekst (geen brief)." in doc.text
    assert_offsets(doc)


def test_pdf_generated_letterhead() -> None:
    doc = read_pdf("x.pdf", make_pdf(MARGIN_AFTER_SIGNATURE.splitlines()))
    assert doc.rendering.value == "letterhead"
    assert doc.hints.date == "2023-07-05"
    assert "Robbert Dijkgraaf" in doc.text and "Onze referentie" not in doc.text


def test_pdf_errors_are_unreadable_input() -> None:
    from pypdf import PdfWriter

    with pytest.raises(UnreadableInput, match="corrupt PDF"):
        read_pdf("x.pdf", b"%PDF-1.4\nnot really a pdf")
    blank = PdfWriter()
    blank.add_blank_page(200, 200)
    data = io.BytesIO()
    blank.write(data)
    with pytest.raises(UnreadableInput, match=r"PDF has no text layer \(scanned\?\)"):
        read_pdf("x.pdf", data.getvalue())
    locked = PdfWriter()
    locked.add_blank_page(200, 200)
    locked.encrypt("secret", algorithm="RC4-128")
    data = io.BytesIO()
    locked.write(data)
    with pytest.raises(UnreadableInput, match="encrypted PDF"):
        read_pdf("x.pdf", data.getvalue())


# --- XML -----------------------------------------------------------------------------------

def test_xml_brief_layout_and_hints() -> None:
    doc = read_xml(str(BRIEF_XML), BRIEF_XML.read_text(encoding="utf-8"))
    assert doc.rendering.value == "xml"
    lines = doc.text.split("\n")
    for expected in ("Vergaderjaar 2022-2023", "29 362 Modernisering van de overheid",
                     "Nr. 318 BRIEF VAN DE STAATSSECRETARIS VAN BINNENLANDSE ZAKEN EN "
                     "KONINKRIJKSRELATIES",
                     "Aan de Voorzitter van de Tweede Kamer der Staten-Generaal",
                     "Den Haag, 22 december 2022", "Hardvochtigheden",
                     "– De Rijksdienst voor Identiteitsgegevens (RvIG)1", "– Logius2",
                     "Organisatie Signalen", "RvIG 12", "Zie ook de stand van RvIG1.",
                     "Tekst in CDATA met <hoekhaken> & ampersand."):
        assert expected in lines
    assert ("De Staatssecretaris van Binnenlandse Zaken en Koninkrijksrelaties,\n"
            "A.C. van Huffelen\n\n1 Stand van de Uitvoering RvIG, zie www.rvig.nl\n"
            "2 Kamerstuk 26 643, nr. 950") in doc.text
    assert "een «Stand van de Uitvoering» zullen opstellen.\n\nDoor de volgende" in doc.text
    assert "Kamerstukken" not in lines and "2" not in lines
    hints = doc.hints
    assert hints.kamerstuk == KamerstukRef("29362", "318")
    assert (hints.dossier_title, hints.vergaderjaar) == ("Modernisering van de overheid",
                                                          "2022-2023")
    assert (hints.date, hints.chamber) == ("2022-12-22", "Tweede Kamer")
    assert hints.title == "Standen van de Uitvoering"  # from metadata.xml beside the file
    assert hints.publication_date == "2023-01-09"
    assert [(s.name, s.role, s.of) for s in hints.signers] == [
        ("A.C. van Huffelen", "Staatssecretaris", "Binnenlandse Zaken en Koninkrijksrelaties")]
    assert doc.warnings == []
    assert_offsets(doc, entities=True)
    at = doc.text.index("geïnformeerd") + 2
    assert doc.original[doc.offsets[at]:doc.offsets[at] + 6] == "&#239;"


def test_xml_without_metadata_and_disagreeing_metadata(tmp_path: Path) -> None:
    source = BRIEF_XML.read_text(encoding="utf-8")
    alone = tmp_path / "alone" / "kst-29362-318.xml"
    alone.parent.mkdir()
    alone.write_text(source, encoding="utf-8")
    doc = read_xml(str(alone), source)
    assert doc.hints.title is None and doc.hints.publication_date is None
    assert doc.hints.kamerstuk == KamerstukRef("29362", "318")
    other = tmp_path / "other"
    other.mkdir()
    shutil.copy(BRIEF_XML, other / "kst-29362-318.xml")
    meta = (BRIEF_XML.parent / "metadata.xml").read_text(encoding="utf-8")
    (other / "kst-29362-318.metadata.xml").write_text(
        meta.replace('content="318"', 'content="319"'), encoding="utf-8")
    shutil.copy(FIXTURES / "metadata_owms-kst.xml", other / "metadata_owms-kst.xml")
    doc = read_xml(str(other / "kst-29362-318.xml"), source)
    assert doc.hints.kamerstuk == KamerstukRef("29362", "319")
    assert any("kamerstuk" in w and "319" in w for w in doc.warnings)
    assert doc.hints.dossier_title == "Modernisering van de overheid"  # not kst-35842-4's


def test_xml_motie_with_sibling_metadata_forms() -> None:
    path = MOTIE / "xml_kst-32545-143.xml"
    doc = read_xml(str(path), path.read_text(encoding="utf-8"))
    assert doc.hints.kamerstuk == KamerstukRef("32545", "143")
    assert doc.hints.title == ("Motie van de leden Inge van Dijk en Grinwis over het definiëren "
                               "van een grensspaarsaldo voor negatieve spaarrente")
    assert (doc.hints.vergaderjaar, doc.hints.date) == ("2020-2021", "2021-07-06")
    assert doc.hints.signers == []  # indieners have no post
    assert "Nr. 143 MOTIE VAN DE LEDEN INGE VAN DIJK EN GRINWIS" in doc.text
    assert "\n\nen gaat over tot de orde van de dag.\n\n" in doc.text
    assert any("title" in w for w in doc.warnings)  # body title differs from documenttitel
    assert_offsets(doc, entities=True)


def test_xml_other_samples() -> None:
    path = FIXTURES / "motiematcher_kst-19637-3384_officiele-publicatie.xml"
    doc = read_xml(str(path), path.read_text(encoding="utf-8"))
    assert doc.hints.kamerstuk == KamerstukRef("19637", "3384")
    assert doc.hints.dossier_title == "Vreemdelingenbeleid"
    assert "• zorg voor een overgangsregeling voor de schaderegeling na 1 juni;" in doc.text
    path = FIXTURES / "plooi_ah-tk-20202021-3235" / "xml_ah-tk-20202021-3235.xml"
    doc = read_xml(str(path), path.read_text(encoding="utf-8"))
    assert (doc.hints.chamber, doc.hints.vergaderjaar) == ("Tweede Kamer", "2020-2021")
    assert "Vraag 9\n\nBent u bereid" in doc.text
    assert "Romke de Jong" in doc.text
    assert_offsets(doc, entities=True)


def test_malformed_xml() -> None:
    with pytest.raises(UnreadableInput, match="malformed XML: mismatched tag"):
        read_xml("x.xml", "<?xml version='1.0'?><brief><al>tekst</brief>")
    with pytest.raises(UnreadableInput, match="malformed XML"):
        read_xml("x.xml", "")


def test_markup_detection() -> None:
    xhtml = (MOTIE / "html_kst-32545-143.html").read_text(encoding="utf-8")
    xml = (MOTIE / "xml_kst-32545-143.xml").read_text(encoding="utf-8")
    owms = (MOTIE / "metadataowms_metadata_owms.xml").read_text(encoding="utf-8")
    assert looks_like_html(xhtml) and not looks_like_xml(xhtml)
    assert looks_like_xml(xml) and not looks_like_html(xml)
    assert looks_like_xml(owms)
    assert looks_like_xml("<officiele-publicatie><kamerstuk/></officiele-publicatie>")
    assert looks_like_html("<!doctype html><p>x</p>") and looks_like_html("<div>x</div>")
    plain = "Geachte voorzitter,\nDit is <geen> markup."
    assert not looks_like_html(plain) and not looks_like_xml(plain)


# --- HTML ----------------------------------------------------------------------------------

def test_html_letter_page_without_chrome() -> None:
    path = FIXTURES / "html_letter" / "kst-33750-VII-52.html"
    doc = read_html(str(path), path.read_text(encoding="utf-8"))
    assert doc.rendering.value == "html"
    for chrome in ("cookies", "Direct naar", "Overheid.nl", "Home", "Naar boven", "not text",
                   "Over deze site", "font-family", "X Noot", "Noot"):
        assert chrome not in doc.text
    assert doc.text.startswith("33 750 VII Vaststelling van de begrotingsstaten")
    assert "\n\nNr. 52 BRIEF VAN DE MINISTER VAN BINNENLANDSE ZAKEN EN KONINKRIJKSRELATIES\n\n" \
        in doc.text
    assert "bijlagen bij het rapport1." in doc.text
    assert "«Majesteitelijk en magistratelijk" in doc.text
    assert doc.text.endswith("De Minister van Binnenlandse Zaken en Koninkrijksrelaties,\n"
                             "R.H.A. Plasterk\n\n"
                             "1 Ter inzage gelegd bij het Centraal Informatiepunt Tweede Kamer")
    hints = doc.hints
    assert hints.kamerstuk == KamerstukRef("33750-VII", "52")
    assert (hints.vergaderjaar, hints.chamber, hints.date) == ("2013-2014", "Tweede Kamer",
                                                               "2014-03-27")
    assert hints.title is None
    assert_offsets(doc, entities=True)


def test_html_officielebekendmakingen_samples() -> None:
    path = MOTIE / "html_kst-32545-143.html"
    doc = read_html(str(path), path.read_text(encoding="utf-8"))
    assert doc.hints.kamerstuk == KamerstukRef("32545", "143")
    assert doc.hints.dossier_title == "Wet- en regelgeving financiële markten"
    assert doc.text.startswith("32 545 Wet- en regelgeving financiële markten\n\n"
                               "Nr. 143 MOTIE VAN DE LEDEN INGE VAN DIJK EN GRINWIS\n\n"
                               "Voorgesteld 6 juli 2021\n\nDe Kamer,")
    assert doc.text.endswith("Inge van Dijk\n\nGrinwis")
    assert_offsets(doc, entities=True)
    path = FIXTURES / "plooi_ah-tk-20202021-3235" / "html_ah-tk-20202021-3235.html"
    doc = read_html(str(path), path.read_text(encoding="utf-8"))
    assert doc.hints.kamerstuk is None and doc.hints.chamber == "Tweede Kamer"
    assert "Antwoord 9\n\nIk hecht eraan" in doc.text


def test_html_generic_footnotes_and_not_a_letter() -> None:
    page = ("<html><body><p>Zie de brief<sup id='r1'><a href='#fn1'>1</a></sup>.</p>"
            "<section class='footnotes'><ol><li id='fn1'>Kamerstuk 29 362, nr. 290 "
            "<a href='#r1' class='footnote-back'>↩</a></li></ol></section></body></html>")
    doc = read_html("x.html", page)
    assert doc.text == "Zie de brief1.\n\n1 Kamerstuk 29 362, nr. 290"
    doc = read_html("y.html", "<html><body><nav>Menu</nav></body></html>")
    assert doc.text == "" and doc.warnings


# --- robustness ----------------------------------------------------------------------------

MARKUP = st.lists(st.sampled_from(
    ["<al>", "</al>", "<noot>", "<noot.nr>1</noot.nr>", "</noot>", "<p>", "</p>", "<div>", "&amp;",
     "&#239;", "&bogus;", "<![CDATA[x<y]]>", "<!-- c -->", "<script>", "</script>", "<br/>",
     "<ondertekening>", "<functie>De Minister van Financiën,</functie>", "<naam>", "</naam>",
     "tekst", " ", "\n", "<", ">", "&", "<?xml version='1.0'?>", "<tabel><row><entry>",
     "<li><li.nr>•</li.nr>", "<sup class='noot'>"]), max_size=40).map("".join)


def check(doc: SourceDocument) -> None:
    assert len(doc.text) == len(doc.offsets)
    assert all(0 <= o < len(doc.original) for o in doc.offsets)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.text(max_size=300), MARKUP))
def test_readers_raise_only_unreadable_input(text: str) -> None:
    for reader in (read_letterhead, read_html, read_xml):
        with contextlib.suppress(UnreadableInput):
            check(reader("fuzz.txt", text))


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(
    ["Pagina 1 van 2", "Ons kenmerk", "IENW/1", "Postbus 20901", "2500 EX Den Haag",
     "Datum 3 mei 2023", "Betreft Iets", "Geachte voorzitter,", "1 Kamerstuk 1, nr. 2",
     "Ministerie van", "Financiën", "tekst1 met noot", "woord-", "vervolg", "", "   "]),
    max_size=40).map("\n".join))
def test_letterhead_on_letter_shaped_noise(text: str) -> None:
    doc = read_letterhead("fuzz.txt", text)
    check(doc)
    assert_offsets(doc)


def test_read_source_dispatches_by_content() -> None:
    from kg_uitvoering.sources import read_source

    pdf = read_source(FIXTURES / "kamerbrief_1pag_SAMPLE_page1only.pdf")
    assert pdf.rendering.value == "letterhead" and pdf.hints.date == "2023-02-03"
    xml = read_source(BRIEF_XML)
    assert xml.rendering.value == "xml" and xml.hints.kamerstuk == KamerstukRef("29362", "318")
    page = read_source(MOTIE / "html_kst-32545-143.html")
    assert page.rendering.value == "html" and page.hints.vergaderjaar == "2020-2021"
