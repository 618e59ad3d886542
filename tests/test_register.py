"""The Kamer's own registrations: the TK metadata sidecar beside a letter, and the records
of its commitment register, built into their own graph and linked to the letters.

The fixtures (``tests/fixtures/register``) are copies of two development letters (one
named by its document number, with a ``.tk.json`` sidecar after the OData ``Document``
entity) and four register records after ``tkData-v1-0-toezegging.xsd``. Expected links
are facts read in those files: the BZK record's wording is the BZK letter's fulfilled
commitment, the Defensie record names the Defensie letter as fulfilling it, the
Financiën record has the BZK wording but another ministry, the last names a letter that
is not in the graph."""

from __future__ import annotations

import gzip
import json
import shutil
from pathlib import Path
from typing import Any

import pyshacl
import pytest
from rdflib import Dataset, Graph, URIRef
from rdflib.namespace import RDF, SH

from kg_uitvoering.build import build
from kg_uitvoering.extract import extract
from kg_uitvoering.library import load_library, run_canned
from kg_uitvoering.model import KamerstukRef, LetterRecord
from kg_uitvoering.pipeline import letter_files, run_extraction
from kg_uitvoering.rdf import DEFAULT_BASE, KGU, Iris
from kg_uitvoering.register.matching import ministry_key, overlap, stems
from kg_uitvoering.register.toezegging import fulfilment_references
from kg_uitvoering.sources import read_source
from kg_uitvoering.store.embedded import OxigraphStore, load_build
from kg_uitvoering.validate import shapes_graph

from .conftest import FIXTURES, ROOT

REGISTER = FIXTURES / "register"
LETTER = REGISTER / "letters" / "2022D56402.txt"
DEFENSIE = next((REGISTER / "letters").glob("*32733-53*.txt"))
IRIS = Iris(DEFAULT_BASE)


def sidecar() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(LETTER.with_name("2022D56402.tk.json").read_text("utf-8"))
    return data


def read_with(tmp_path: Path, document: dict[str, Any] | None = None, raw: str | None = None,
              letter: Path = LETTER) -> LetterRecord:
    """Extract a copy of ``letter`` with a sidecar holding ``document`` (or ``raw`` text)."""
    copy = tmp_path / letter.name
    shutil.copy(letter, copy)
    data = sidecar()
    if document is not None:
        data["document"] = document
    text = raw if raw is not None else json.dumps(data)
    copy.with_name(copy.stem + ".tk.json").write_text(text, encoding="utf-8")
    return extract(read_source(copy))


def toezegging(name: str) -> dict[str, Any]:
    path = REGISTER / "toezeggingen" / f"{name}.toezegging.json"
    entity: dict[str, Any] = json.loads(path.read_text("utf-8"))["toezegging"]
    return entity


# --- the sidecar ---------------------------------------------------------------


def test_a_sidecar_that_agrees_fills_the_hints_without_warnings(tmp_path: Path) -> None:
    record = read_with(tmp_path)
    doc = sidecar()["document"]
    assert record.warnings == []
    assert (record.document.documentnummer, record.document.zaak) == (
        doc["DocumentNummer"], doc["Zaak"][0]["Nummer"])
    assert record.document.kamerstuk == KamerstukRef(
        str(doc["Kamerstukdossier"][0]["Nummer"]), str(doc["Volgnummer"]))
    assert (record.document.date, record.document.vergaderjaar, record.document.chamber) == (
        doc["Datum"][:10], doc["Vergaderjaar"], "Tweede Kamer")
    assert [s.name for s in record.signers] == ["A.C. van Huffelen"]
    assert record.signers[0].passage is not None


def test_the_sidecar_fills_what_the_letter_does_not_say(tmp_path: Path) -> None:
    plain = extract(read_source(DEFENSIE))
    assert plain.document.documentnummer is None and plain.document.vergaderjaar is None
    document = {"DocumentNummer": "2011D63891", "Vergaderjaar": "2011-2012", "Kamer": 2,
                "Datum": "2011-12-27T00:00:00+01:00", "Volgnummer": 53,
                "Kamerstukdossier": [{"Nummer": 32733, "Toevoeging": None,
                                      "Titel": "Beleidsbrief Defensie"}],
                "DocumentActor": [{"ActorNaam": "J.S.J. Hillen", "Relatie": "Ondertekenaar",
                                   "Functie": "minister van Defensie"}]}
    record = read_with(tmp_path, document, letter=DEFENSIE)
    assert (record.document.documentnummer, record.document.vergaderjaar) == (
        "2011D63891", "2011-2012")
    assert record.warnings == []  # "J. S. J. Hillen" in the text is the registered signer
    assert [s.passage is not None for s in record.signers] == [True]


def test_the_metadata_wins_where_it_disagrees_and_says_so(tmp_path: Path) -> None:
    document = sidecar()["document"]
    document["Datum"] = "2022-12-23T00:00:00+01:00"
    document["Volgnummer"] = 319
    record = read_with(tmp_path, document)
    assert record.document.date == "2022-12-23"
    assert record.document.kamerstuk is not None
    assert record.document.kamerstuk.ondernummer == "319"
    # each against the OpenTK page's "Nummer: ..., datum: 2022-12-22" and "kamerstukdossier
    # 29362 -318" and against the letter's "Den Haag, 22 december 2022" and "Nr. 318"
    assert len(record.warnings) == 4
    assert all("2022D56402.tk.json" in w for w in record.warnings)


def test_signers_only_one_side_names_are_warnings(tmp_path: Path) -> None:
    document = sidecar()["document"]
    document["DocumentActor"] = [
        {"ActorNaam": "Van Huffelen", "Relatie": "Ondertekenaar",  # no initials, other case
         "Functie": "staatssecretaris van Binnenlandse Zaken en Koninkrijksrelaties"},
        {"ActorNaam": "H.G.J. Bruins Slot", "Relatie": "Mede ondertekenaar",
         "Functie": "minister van Binnenlandse Zaken en Koninkrijksrelaties"},
        {"ActorNaam": "P. Kamerlid", "Relatie": "Aan", "Functie": "Tweede Kamerlid"}]
    record = read_with(tmp_path, document)
    assert [(s.name, s.role, s.passage is None) for s in record.signers] == [
        ("A.C. van Huffelen", "Staatssecretaris", False), ("H.G.J. Bruins Slot", "Minister", True)]
    assert len(record.warnings) == 1
    document["DocumentActor"] = document["DocumentActor"][1:]
    record = read_with(tmp_path, document)
    assert [s.name for s in record.signers] == ["A.C. van Huffelen", "H.G.J. Bruins Slot"]
    assert len(record.warnings) == 2  # van Huffelen not registered, Bruins Slot not in text


@pytest.mark.parametrize("raw", ["{not json", "[]", '{"document": 3}',
                                 '{"document": {"Zaak": "2022Z26159"}}'])
def test_a_malformed_sidecar_is_a_warning_and_the_letter_is_kept(tmp_path: Path,
                                                                   raw: str) -> None:
    record = read_with(tmp_path, raw=raw)
    without = extract(read_source(LETTER))
    assert record.document == without.document
    assert len(record.warnings) == 1 and "2022D56402.tk.json" in record.warnings[0]
    entry = next(iter(run_extraction([tmp_path])))
    assert entry.status == "warning" and entry.record is not None


def test_sidecars_and_register_records_are_not_letters() -> None:
    assert sorted(p.name for p in letter_files([REGISTER])) == sorted([LETTER.name, DEFENSIE.name])


# --- matching ------------------------------------------------------------------


def test_the_wording_score() -> None:
    assert stems("de uitkomsten") == stems("uitkomst") == {"uitkom"}
    assert stems("Ik zal de Kamer informeren") == frozenset()
    assert overlap(stems("inventarisatie van hardvochtigheden"),
                   stems("de hardvochtigheden inventariseren")) == 1.0
    assert ministry_key("BZK") == ministry_key("Binnenlandse Zaken en Koninkrijksrelaties") == \
        ministry_key("Ministerie van Binnenlandse Zaken en Koninkrijksrelaties")


@pytest.mark.parametrize(("text", "documents", "kamerstukken"), [
    ("2023D12345", ("2023D12345",), ()),
    ("29 362, nr. 318", (), (KamerstukRef("29362", "318"),)),
    ("Kamerstuk 29362-318", (), (KamerstukRef("29362", "318"),)),
    ("Brief van 3 maart (Kamerstuk 33 400 VII, nr. 52; 2013D08841)", ("2013D08841",),
     (KamerstukRef("33400-VII", "52"),)),
    ("Voortgangsbrief digitale overheid", (), ()),
])
def test_the_fulfilling_letter_as_registered(text: str, documents: tuple[str, ...],
                                             kamerstukken: tuple[KamerstukRef, ...]) -> None:
    assert fulfilment_references(text) == (documents, kamerstukken)


# --- the build -------------------------------------------------------------------


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("register")
    inputs = out / "in"
    shutil.copytree(REGISTER, inputs)
    (inputs / "toezeggingen" / "broken.toezegging.json").write_text("{", encoding="utf-8")
    (inputs / "toezeggingen" / "empty.toezegging.json").write_text(
        json.dumps({"source": "tk-odata", "toezegging": {"Id": "x", "Tekst": " "}}),
        encoding="utf-8")
    build([inputs], out / "build", DEFAULT_BASE)
    load_build(out / "build", out / "store")
    return out


def report(built: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((built / "build" / "build-report.json").read_text("utf-8"))
    return data


def dataset(built: Path) -> Dataset:
    return Dataset().parse(data=gzip.decompress((built / "build" / "kg.nq.gz").read_bytes()),
                           format="nquads")


def records() -> dict[str, LetterRecord]:
    return {Path(e.path).name: e.record for e in run_extraction([REGISTER]) if e.record}


def commitment_iri(name: str, kind: str, word: str) -> str:
    """The IRI of the one commitment of ``kind`` in a letter whose quote has ``word``."""
    record = records()[name]
    found = [i for i, c in enumerate(record.commitments, start=1)
             if c.kind == kind and word in c.quote]
    assert len(found) == 1
    return f"{IRIS.letter(record)}/commitment/{found[0]}"


def test_every_input_is_reported(built: Path) -> None:
    found = report(built)
    letters = {Path(r["path"]).name: r["status"] for r in found["letters"]}
    assert set(letters) == {LETTER.name, DEFENSIE.name}
    assert set(letters.values()) <= {"ok", "warning"}
    register = {Path(r["path"]).name: r for r in found["register"]}
    assert {n: r["status"] for n, r in register.items()} == {
        "broken.toezegging.json": "error", "empty.toezegging.json": "error",
        "TZ201111-036.toezegging.json": "ok", "TZ202105-071.toezegging.json": "ok",
        "TZ202206-044.toezegging.json": "ok", "TZ202302-015.toezegging.json": "warning"}
    assert register["broken.toezegging.json"]["reason"].startswith("malformed JSON")
    assert register["empty.toezegging.json"]["reason"] == "the record has no Tekst"
    assert found["counts"]["error"] == 2


def test_the_register_graph_parses_validates_and_links(built: Path) -> None:
    ds = dataset(built)
    register = ds.graph(IRIS.register_graph())
    records_in = set(register.subjects(RDF.type, KGU.RegisteredCommitment))
    assert records_in == {IRIS.toezegging(n) for n in (
        "TZ201111-036", "TZ202105-071", "TZ202206-044", "TZ202302-015")}
    # validate with the types of the letters and commitments it links to, as the build does
    linked = set(register.objects(None, KGU.fulfilledBy)) | set(
        register.objects(None, KGU.matchesCommitment))
    context = Graph()
    context += register
    context += [(s, RDF.type, o) for s, _, o, _ in ds.quads((None, RDF.type, None, None))
                if s in linked]
    _, results, _ = pyshacl.validate(context, shacl_graph=shapes_graph(), inference="none")
    own = set(register.subjects())
    violations = [r for r in results.subjects(SH.resultSeverity, SH.Violation)
                  if results.value(r, SH.focusNode) in own]
    assert violations == []
    links = {(str(s).rsplit("/", 1)[-1], str(o))
             for s, o in register.subject_objects(KGU.matchesCommitment)}
    assert links == {
        ("TZ202105-071", commitment_iri(LETTER.name, "fulfilled", "hardvochtigheden")),
        ("TZ201111-036", commitment_iri(DEFENSIE.name, "fulfilled", "gestand"))}
    fulfilled = {(str(s).rsplit("/", 1)[-1], o) for s, o in register.subject_objects(
        KGU.fulfilledBy)}
    assert fulfilled == {("TZ201111-036", IRIS.letter(records()[DEFENSIE.name]))}
    bzk = URIRef(IRIS.organisation("Ministerie van Binnenlandse Zaken en Koninkrijksrelaties"))
    assert register.value(IRIS.toezegging("TZ202302-015"), KGU.ministry) == bzk  # "BZK"


def test_the_canned_register_queries(built: Path) -> None:
    store = OxigraphStore(built / "store")
    library = load_library(ROOT / "queries")
    rows = run_canned(store, library["register-vs-letters"], {}).records()
    fulfilled_bzk = commitment_iri(LETTER.name, "fulfilled", "hardvochtigheden")
    assert [(r["number"], r["status"], r["commitment"], r["disagreement"]) for r in rows] == [
        ("TZ201111-036", "Voldaan", commitment_iri(DEFENSIE.name, "fulfilled", "gestand"), None),
        ("TZ202105-071", "Openstaand", fulfilled_bzk, "fulfilled-in-letter-open-in-register"),
        ("TZ202206-044", "Openstaand", None, None),
        ("TZ202302-015", "Voldaan", None, "registered-fulfilled-no-letter")]
    voldaan = run_canned(store, library["register-vs-letters"], {"status": "Voldaan"}).records()
    assert [r["number"] for r in voldaan] == ["TZ201111-036", "TZ202302-015"]
    open_rows = run_canned(store, library["registered-commitments-open"], {}).records()
    expected = sorted((toezegging(n)["DatumNakoming"][:10], n) for n in (
        "TZ201111-036", "TZ202105-071", "TZ202206-044", "TZ202302-015")
        if toezegging(n)["Status"] == "Openstaand")
    assert [(r["dueDate"], r["number"]) for r in open_rows] == expected
    assert {r["number"]: r["fulfilledCommitment"] for r in open_rows} == {
        "TZ202105-071": fulfilled_bzk, "TZ202206-044": None}
    assert run_canned(store, library["registered-commitments-open"],
                      {"before": "2000-01-01"}).records() == []
