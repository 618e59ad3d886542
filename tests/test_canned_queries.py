"""The canned research queries of queries/*.rq, run on the development corpus.

Expected rows are computed in plain Python from the extraction records (what the graph
was built from) or are facts read in the letters, never from SPARQL. A small hand-made
graph checks the fulfilment logic that the development letters, which do not cite each
other, cannot reach."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from itertools import combinations
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg_uitvoering import __version__
from kg_uitvoering.build import build
from kg_uitvoering.extract import extract
from kg_uitvoering.library import CannedQuery, load_library, run_canned
from kg_uitvoering.model import LetterRecord, Post
from kg_uitvoering.rdf import DEFAULT_BASE
from kg_uitvoering.rdf.iris import Iris, display_name
from kg_uitvoering.rdf.terms import ministry_of
from kg_uitvoering.sources import read_source
from kg_uitvoering.store.embedded import OxigraphStore, load_build

from .conftest import DEV, FIXTURES, ROOT, needs_shared

pytestmark = needs_shared()
LIBRARY: dict[str, CannedQuery] = load_library(ROOT / "queries")
IRIS = Iris(DEFAULT_BASE)
REGISTER = FIXTURES / "register" / "toezeggingen"  # records of the Kamer's commitment register
Row = dict[str, str | None]


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> OxigraphStore:
    out = tmp_path_factory.mktemp("canned")
    build([DEV, REGISTER], out / "build", DEFAULT_BASE)
    load_build(out / "build", out / "store")
    return OxigraphStore(out / "store")


@pytest.fixture(scope="module")
def records() -> list[LetterRecord]:
    return [extract(read_source(path)) for path in sorted(DEV.glob("*.txt"))]


def rows(store: OxigraphStore, name: str, values: dict[str, str] | None = None,
         page: int | None = None) -> list[Row]:
    return run_canned(store, LIBRARY[name], values or {}, page=page).records()


def pick(found: list[Row], *columns: str) -> list[tuple[str | None, ...]]:
    return [tuple(r[c] for c in columns) for r in found]


def iri(record: LetterRecord) -> str:  # the letter's IRI, as the mapping mints it
    return str(IRIS.letter(record))


def agent(record: LetterRecord) -> Post | None:
    """The committing post, as the mapping chooses it: the first signer's, else the sender's."""
    if record.signers:
        return Post(record.signers[0].role, record.signers[0].of)
    return next(iter(record.document.sender_posts), None)


def label(post: Post) -> str:
    return post.role + (f" van {post.of}" if post.of else "")


def test_the_library_has_documented_queries_whose_examples_give_rows(store: OxigraphStore) -> None:
    assert len(LIBRARY) >= 18
    for name, query in LIBRARY.items():
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", name)
        assert query.summary and query.description and query.tags, name
        assert re.search(r"^ORDER BY ", query.text, re.M), f"{name} has no top-level ORDER BY"
        for p in query.parameters:
            assert p.example is not None or not p.required, f"{name}: {p.name} has no example"
        examples = {p.name: p.example for p in query.parameters if p.example is not None}
        assert run_canned(store, query, examples).records(), f"{name} gives no rows for its examples"


def test_letters_per_signer(store: OxigraphStore, records: list[LetterRecord]) -> None:
    dates: dict[tuple[str, str], list[str]] = defaultdict(list)
    for r in records:
        for s in {(str(IRIS.person(s.name)), display_name(s.name)) for s in r.signers}:
            dates[s].append(r.document.date or "")
    expected = sorted(((p, n, str(len(d)), min(d), max(d)) for (p, n), d in dates.items()),
                      key=lambda t: (-int(t[2]), t[1], t[0]))
    found = rows(store, "letters-per-signer")
    assert pick(found, "person", "name", "letters", "firstDate", "lastDate") == expected
    assert ("E.I. Schippers", "2", "2011-12-23", "2017-03-28") in pick(
        found, "name", "letters", "firstDate", "lastDate")


def test_letters_per_post(store: OxigraphStore, records: list[LetterRecord]) -> None:
    letters: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for r in records:
        for s in r.signers:
            letters[label(Post(s.role, s.of))].append((r.document.date or "", str(IRIS.person(s.name))))
    expected = sorted(((p, str(len(v)), str(len({n for _, n in v})), min(v)[0], max(v)[0])
                       for p, v in letters.items()), key=lambda t: (-int(t[1]), t[0]))
    found = rows(store, "letters-per-post")
    assert pick(found, "postLabel", "letters", "signers", "firstDate", "lastDate") == expected
    bzk = next(r for r in found if r["postLabel"] == "Staatssecretaris van Binnenlandse Zaken en "
               "Koninkrijksrelaties")
    assert (bzk["role"], bzk["ministryName"]) == (
        "Staatssecretaris", "Ministerie van Binnenlandse Zaken en Koninkrijksrelaties")


def test_letters_per_ministry_per_year(store: OxigraphStore, records: list[LetterRecord]) -> None:
    count: Counter[tuple[str, str]] = Counter()
    for r in records:
        posts = [s.of for s in r.signers] + [p.of for p in r.document.sender_posts]
        for ministry in {ministry_of(of) for of in posts} - {None}:
            count[(str(ministry), (r.document.date or "")[:4])] += 1
    expected = [(m, y, str(n)) for (m, y), n in sorted(count.items())]
    assert pick(rows(store, "letters-per-ministry-per-year"), "ministryName", "year", "letters") == expected
    assert ("Ministerie van Algemene Zaken", "2011", "1") in expected  # Rutte, 33000-IV nr. 15


def test_commitments_per_ministry_per_year(store: OxigraphStore, records: list[LetterRecord]) -> None:
    count: Counter[tuple[str, str, str]] = Counter()
    for r in records:
        post = agent(r)
        for c in r.commitments:
            if post is not None and ministry_of(post.of) is not None:
                count[(str(ministry_of(post.of)), (r.document.date or "")[:4], c.kind)] += 1
    expected = [(m, y, k, str(n)) for (m, y, k), n in sorted(count.items())]
    columns = ("ministryName", "year", "kindCode", "commitments")
    assert pick(rows(store, "commitments-per-ministry-per-year"), *columns) == expected
    bzk = [e for e in expected if e[0].endswith("Koninkrijksrelaties")]
    assert pick(rows(store, "commitments-per-ministry-per-year", {"ministry": "BZK"}), *columns) == bzk
    infra = pick(rows(store, "commitments-per-ministry-per-year", {"ministry": "infrastructuur"}), *columns)
    assert {e[0] for e in infra} == {"Ministerie van Infrastructuur en Milieu",
                                     "Ministerie van Infrastructuur en Waterstaat"}


@pytest.mark.parametrize("before", ["2030-01-01", "2023-01-01", "2011-03-18"])
def test_open_commitments(store: OxigraphStore, records: list[LetterRecord], before: str) -> None:
    # No letter of the corpus cites or fulfils another one, so every dated new commitment is open.
    expected = sorted((c.due_range.latest, iri(r), f"{iri(r)}/commitment/{i}", c.quote)
                      for r in records for i, c in enumerate(r.commitments, start=1)
                      if c.kind == "new" and c.due_range and c.due_range.latest
                      and c.due_range.latest < before)
    found = rows(store, "open-commitments", {"before": before})
    assert pick(found, "dueDate", "letter", "commitment", "text") == expected
    assert len(found) == {"2030-01-01": 15, "2023-01-01": 6, "2011-03-18": 0}[before]


SYNTHETIC = """
@prefix kgu: <https://w3id.org/kg-uitvoering/def#> .
@prefix eli: <http://data.europa.eu/eli/ontology#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix : <https://example.org/> .
:vocab { kgu:NewCommitment skos:notation "new" . kgu:FulfilledCommitment skos:notation "fulfilled" .
         kgu:PostponedCommitment skos:notation "postponed" . }
:ga { :a a kgu:Letter ; eli:date_document "2020-01-01"^^xsd:date ; kgu:hasCommitment :a1 .
      :a1 kgu:commitmentKind kgu:NewCommitment ; kgu:dueDate "2020-06-30"^^xsd:date . }
:gb { :b a kgu:Letter ; eli:date_document "2020-05-01"^^xsd:date ; eli:cites :a ; kgu:hasCommitment :b1 .
      :b1 kgu:commitmentKind kgu:FulfilledCommitment ; kgu:origin :a .
      :a a kgu:Letter ; eli:date_document "2020-01-01"^^xsd:date . }
:gc { :c a kgu:Letter ; eli:date_document "2020-02-01"^^xsd:date ; kgu:hasCommitment :c1 .
      :c1 kgu:commitmentKind kgu:NewCommitment ; kgu:dueDate "2020-03-01"^^xsd:date . }
:gd { :d a kgu:Letter ; eli:date_document "2019-12-01"^^xsd:date ; eli:cites :c ; kgu:hasCommitment :d1 .
      :d1 kgu:commitmentKind kgu:FulfilledCommitment . }
:ge { :e a kgu:Letter ; eli:date_document "2020-04-01"^^xsd:date ; eli:cites :c ; kgu:hasCommitment :e1 .
      :e1 kgu:commitmentKind kgu:PostponedCommitment . }
:gf { :f a kgu:Letter ; eli:date_document "2020-03-01"^^xsd:date ; kgu:hasCommitment :f1 .
      :f1 kgu:commitmentKind kgu:NewCommitment ; kgu:dueDate "2020-09-30"^^xsd:date . }
:gg { :g a kgu:Letter ; eli:date_document "2020-10-01"^^xsd:date ; eli:cites :f ; kgu:hasCommitment :g1 .
      :g1 kgu:commitmentKind kgu:FulfilledCommitment . }
"""


def test_fulfilment_by_origin_or_by_citation_closes_a_commitment(tmp_path: Path) -> None:
    """a1 is fulfilled through b1's origin and f1 by g, which cites f; c1 is only cited by an
    earlier letter (d) and by one that postpones (e), so it stays open."""
    small = OxigraphStore(tmp_path / "store", writable=True)
    small.store.load(SYNTHETIC.encode(), format=ox.RdfFormat.TRIG)
    ex = "https://example.org/"
    opened = rows(small, "open-commitments", {"before": "2021-01-01"})
    assert pick(opened, "commitment", "dueDate") == [(ex + "c1", "2020-03-01")]
    columns = ("link", "letter", "commitment", "kindCode", "date")
    expected = {"a1": [("self", "a", "a1", "new", "2020-01-01"),
                       ("origin", "b", "b1", "fulfilled", "2020-05-01")],
                "c1": [("self", "c", "c1", "new", "2020-02-01"),
                       ("citation", "e", "e1", "postponed", "2020-04-01")],
                "f1": [("self", "f", "f1", "new", "2020-03-01"),
                       ("citation", "g", "g1", "fulfilled", "2020-10-01")]}
    for commitment, steps in expected.items():
        found = rows(small, "commitment-lifecycle", {"commitment": ex + commitment})
        assert pick(found, *columns) == [(k, ex + let, ex + c, code, d) for k, let, c, code, d in steps]


def test_commitment_lifecycle_on_the_corpus(store: OxigraphStore) -> None:
    letter = DEFAULT_BASE + "kamerstuk/29362/318"
    found = rows(store, "commitment-lifecycle", {"commitment": letter + "/commitment/5"})
    assert pick(found, "link", "letter", "kindCode", "dueDate", "dueText") == [
        ("self", letter, "new", "2023-03-23", "in de komende maanden")]


def test_postponed_commitments(store: OxigraphStore, records: list[LetterRecord]) -> None:
    expected = sorted((r.document.date, iri(r), f"{iri(r)}/commitment/{i}", c.quote, c.due)
                      for r in records for i, c in enumerate(r.commitments, start=1) if c.kind == "postponed")
    found = rows(store, "postponed-commitments")
    assert pick(found, "letterDate", "letter", "commitment", "text", "dueText") == expected
    assert len(found) == 5
    hillen = next(r for r in found if r["letter"] == DEFAULT_BASE + "kamerstuk/33279/1")
    assert (hillen["ministryName"], hillen["dueDate"]) == ("Ministerie van Defensie", "2012-04-24")


def test_postponements_per_ministry(store: OxigraphStore, records: list[LetterRecord]) -> None:
    postponed: dict[str, list[tuple[str, str]]] = defaultdict(list)
    made: Counter[str] = Counter()
    for r in records:
        post = agent(r)
        ministry = ministry_of(post.of) if post else None
        for c in r.commitments:
            if ministry and c.kind == "postponed":
                postponed[ministry].append((r.document.date or "", iri(r)))
            made[str(ministry)] += c.kind == "new"
    expected = sorted(((m, str(len(d)), str(len({i for _, i in d})), min(d)[0], max(d)[0], str(made[m]))
                       for m, d in postponed.items()), key=lambda t: (-int(t[1]), t[0]))
    columns = ("ministryName", "postponements", "letters", "firstDate", "lastDate", "newCommitments")
    assert pick(rows(store, "postponements-per-ministry"), *columns) == expected


def test_most_cited_kamerstukken_pages(store: OxigraphStore, records: list[LetterRecord]) -> None:
    count = Counter(k for r in records for k in {c.key for c in r.citations if c.ondernummer})
    expected = [(d, o, str(n)) for (d, o), n in
                sorted(count.items(), key=lambda t: (-t[1], t[0][0], len(t[0][1] or ""), t[0][1]))]
    first = run_canned(store, LIBRARY["most-cited-kamerstukken"], {}, page=1)
    second = run_canned(store, LIBRARY["most-cited-kamerstukken"], {}, page=2)
    assert (len(first.records()), first.has_next, second.has_next) == (20, True, False)
    found = pick(first.records() + second.records(), "dossierNumber", "ondernummer", "citingLetters")
    assert found == expected and len(found) == 25
    assert found.index(("35510", "4", "1")) < found.index(("35510", "102", "1"))


def test_dossier_citation_network(store: OxigraphStore, records: list[LetterRecord]) -> None:
    standen = next(r for r in records if iri(r).endswith("kamerstuk/29362/318"))
    expected = {(f"Kamerstuk {c.dossier} nr. {c.ondernummer}", str(len(c.passages)))
                for c in standen.citations}
    found = rows(store, "dossier-citation-network", {"dossier": "29362"})
    assert {r["sourceLabel"] for r in found} == {"Kamerstuk 29362 nr. 318"}
    assert set(pick(found, "targetLabel", "weight")) == expected and len(found) == 8
    only_dossier = rows(store, "dossier-citation-network", {"dossier": "35732"})
    assert pick(only_dossier, "sourceLabel", "targetLabel") == [("Kamerstuk 25295 nr. 993", "Dossier 35732")]
    within = rows(store, "dossier-citation-network", {"dossier": "21501-20"})
    assert pick(within, "sourceLabel", "targetLabel") == [
        ("Kamerstuk 21501-20 nr. 512", "Kamerstuk 21501-20 nr. 508")]


def test_letters_citing_kamerstuk(store: OxigraphStore, records: list[LetterRecord]) -> None:
    citing: dict[tuple[str, str | None], list[tuple[str, str, int]]] = defaultdict(list)
    for r in records:
        for c in r.citations:
            citing[c.key] += [(iri(r), p.quote, p.start) for p in c.passages]
    for (dossier, ondernummer), expected in citing.items():
        if ondernummer is None:
            continue
        found = rows(store, "letters-citing-kamerstuk", {"dossier": dossier, "ondernummer": ondernummer})
        assert [(r["letter"], r["quote"], int(r["start"] or -1)) for r in found] == sorted(
            expected, key=lambda t: t[2])
    found = rows(store, "letters-citing-kamerstuk", {"dossier": "29362", "ondernummer": "290"})
    assert pick(found, "letterDossier", "letterOndernummer", "quote") == [
        ("29362", "318", "Kamerstuk 29 362, nr. 290")]


def test_organisations_mentioned(store: OxigraphStore, records: list[LetterRecord]) -> None:
    letters: dict[str, list[str]] = defaultdict(list)
    for r in records:
        for name in {o.name for o in r.organisations}:
            letters[name].append(r.document.date or "")
    expected = sorted(((n, str(len(d)), min(d), max(d)) for n, d in letters.items()),
                      key=lambda t: (-int(t[1]), t[0]))
    found = rows(store, "organisations-mentioned")
    assert pick(found, "name", "letters", "firstDate", "lastDate") == expected
    assert ("Logius", None, "agentschap") in pick(found, "name", "abbreviation", "kind")
    assert ("Europese Commissie", "EC", "eu", "3") in pick(found, "name", "abbreviation", "kind", "letters")


def test_organisation_co_mentions(store: OxigraphStore, records: list[LetterRecord]) -> None:
    pairs = Counter(frozenset(p) for r in records for p in combinations({o.name for o in r.organisations}, 2))
    found: list[Row] = []
    for page in range(1, 10):
        table = run_canned(store, LIBRARY["organisation-co-mentions"], {}, page=page)
        found += table.records()
        if not table.has_next:
            break
    assert Counter({frozenset((r["name1"], r["name2"])): int(r["letters"] or 0) for r in found}) == pairs
    assert len(found) == len(pairs)
    ec = rows(store, "organisation-co-mentions", {"organisation": "europese COMMISSIE"})
    assert len(ec) == sum("Europese Commissie" in p for p in pairs)
    assert all("Europese Commissie" in (r["name1"], r["name2"]) for r in ec)


def test_letters_mentioning_organisation(store: OxigraphStore, records: list[LetterRecord]) -> None:
    expected = sorted((r.document.date, iri(r), str(len({p.start for p in o.passages})),
                       str(min(p.start for p in o.passages)))
                      for r in records for o in r.organisations if o.name == "Europese Commissie")
    found = rows(store, "letters-mentioning-organisation", {"organisation": "europese commissie"})
    assert pick(found, "date", "letter", "passages", "firstOffset") == expected and len(found) == 3
    by_abbreviation = rows(store, "letters-mentioning-organisation", {"organisation": "RvIG"})
    assert pick(by_abbreviation, "name", "ondernummer") == [("Rijksdienst voor Identiteitsgegevens", "318")]


def test_dilemmas(store: OxigraphStore, records: list[LetterRecord]) -> None:
    expected = [(iri(r), str(d.number), d.title) for r in records for d in r.dilemmas]
    found = rows(store, "dilemmas")
    assert pick(found, "letter", "number", "dilemmaTitle") == expected and len(found) == 4
    assert found[0]["quote"] == "Dilemma 1 – Focus: goed en duurzaam"
    assert {r["ministryName"] for r in found} == {"Ministerie van Binnenlandse Zaken en Koninkrijksrelaties"}


def test_persons_and_posts(store: OxigraphStore, records: list[LetterRecord]) -> None:
    dates: dict[tuple[str, str, str], list[str]] = defaultdict(list)
    for r in records:
        for s in r.signers:
            dates[(display_name(s.name), str(IRIS.person(s.name)), label(Post(s.role, s.of)))].append(
                r.document.date or "")
    expected = sorted(((n, p, post, str(len(d)), min(d), max(d)) for (n, p, post), d in dates.items()),
                      key=lambda t: (t[0], t[1], t[4], t[2]))
    found = rows(store, "persons-and-posts")
    assert pick(found, "name", "person", "postLabel", "letters", "firstDate", "lastDate") == expected
    assert ("J.S.J. Hillen", "Minister van Defensie", "2") in pick(found, "name", "postLabel", "letters")


def test_letters_in_period(store: OxigraphStore, records: list[LetterRecord]) -> None:
    period = sorted((r for r in records if "2011-01-01" <= (r.document.date or "") <= "2012-12-31"),
                    key=lambda r: (r.document.date, iri(r)))
    found = rows(store, "letters-in-period", {"from": "2011-01-01", "to": "2012-12-31"})
    assert pick(found, "letter", "date", "commitments", "citations", "organisations") == [
        (iri(r), r.document.date, str(len(r.commitments)), str(len({c.key for c in r.citations})),
         str(len({str(IRIS.organisation(o.name)) for o in r.organisations}))) for r in period]
    assert [set((r["signers"] or "").split("; ")) for r in found] == [
        {display_name(s.name) for s in r.signers} for r in period]
    everything = run_canned(store, LIBRARY["letters-in-period"], {"from": "1900-01-01", "to": "2100-12-31"})
    assert len(everything.records()) == len(records) == 22 and not everything.has_next


@pytest.mark.parametrize("q", ["Logius", "TOEZEGGING", "Kamerstuk 29 362"])
def test_search_letter_text(store: OxigraphStore, records: list[LetterRecord], q: str) -> None:
    expected = []
    for r in sorted(records, key=lambda r: (r.document.date, iri(r))):
        at = r.text.lower().find(q.lower())
        if at >= 0:
            start = max(at - 100, 0)
            snippet = re.sub(r"[ \t\n\r]+", " ", r.text[start:at + len(q) + 100])
            expected.append((iri(r), str(at), snippet))
    found = rows(store, "search-letter-text", {"q": q})
    assert pick(found, "letter", "matchOffset", "snippet") == expected and expected


def test_passage_of_item(store: OxigraphStore, records: list[LetterRecord]) -> None:
    standen = next(r for r in records if iri(r).endswith("kamerstuk/29362/318"))
    letter = iri(standen)
    signature = standen.signers[0].passage
    assert signature is not None and signature.quote == "A.C. van Huffelen"
    found = rows(store, "passage-of-item", {"item": letter + "/signature/1"})
    assert pick(found, "letter", "quote", "start", "end") == [
        (letter, signature.quote, str(signature.start), str(signature.end))]
    bzk = next(i for i, o in enumerate(standen.organisations, start=1) if o.abbr == "BZK")
    found = rows(store, "passage-of-item", {"item": f"{letter}/mention/{bzk}"})
    assert pick(found, "quote", "start") == sorted(
        ((p.quote, str(p.start)) for p in standen.organisations[bzk - 1].passages), key=lambda t: int(t[1]))
    assert all(standen.text[int(r["start"] or 0):int(r["end"] or 0)] == r["quote"] for r in found)


def test_dossier_timeline(store: OxigraphStore) -> None:
    found = rows(store, "dossier-timeline", {"dossier": "29362"})
    assert pick(found, "ondernummer", "date", "title", "isLetter", "signers", "commitments", "citedBy") == [
        ("318", "2022-12-22", "Standen van de Uitvoering", "true", "A.C. van Huffelen", "6", "0"),
        ("290", None, None, "false", None, "0", "1")]


def test_commitments_by_kind_and_ministry(store: OxigraphStore, records: list[LetterRecord]) -> None:
    every = [(r.document.date, iri(r), f"{iri(r)}/commitment/{i}", c.kind, ministry_of(post.of))
             for r in records if (post := agent(r)) for i, c in enumerate(r.commitments, start=1)]
    columns = ("date", "letter", "commitment", "kindCode", "ministryName")
    assert pick(rows(store, "commitments"), *columns) == sorted(every) and len(every) == 39
    fulfilled = rows(store, "commitments", {"kind": "https://w3id.org/kg-uitvoering/def#FulfilledCommitment"})
    assert pick(fulfilled, *columns) == sorted(e for e in every if e[3] == "fulfilled")
    buza = rows(store, "commitments", {"ministry": "buitenlandse zaken"})
    assert pick(buza, *columns) == sorted(e for e in every if e[4] == "Ministerie van Buitenlandse Zaken")


def test_commitments_without_deadline(store: OxigraphStore, records: list[LetterRecord]) -> None:
    expected = sorted((r.document.date, iri(r), f"{iri(r)}/commitment/{i}", c.due)
                      for r in records for i, c in enumerate(r.commitments, start=1)
                      if c.kind == "new" and not (c.due_range and c.due_range.latest))
    found = rows(store, "commitments-without-deadline")
    assert pick(found, "date", "letter", "commitment", "dueText") == expected and len(expected) == 13


def test_joint_letters(store: OxigraphStore) -> None:
    found = rows(store, "joint-letters")
    assert [(r["ondernummer"], r["signatures"], r["ministries"], sorted((r["signers"] or "").split("; ")))
            for r in found] == [
        ("512", "2", "1", ["1. U. Rosenthal (Minister van Buitenlandse Zaken)",
                           "2. H.P.M. Knapen (Staatssecretaris van Buitenlandse Zaken)"]),
        ("608", "2", "1", ["1. D.M. van Weel (Minister van Buitenlandse Zaken)",
                           "2. A. de Vries (Staatssecretaris van Buitenlandse Zaken)"])]


def test_references_by_type(store: OxigraphStore, records: list[LetterRecord]) -> None:
    references = Counter(ref.type for r in records for ref in r.other_references)
    letters = Counter(t for r in records for t in {ref.type for ref in r.other_references})
    expected = [(t, str(n), str(letters[t]))
                for t, n in sorted(references.items(), key=lambda t: (-t[1], t[0]))]
    assert pick(rows(store, "references-by-type"), "typeCode", "references", "letters") == expected


def test_letter_sources(store: OxigraphStore, records: list[LetterRecord]) -> None:
    expected = sorted((Path(r.source.path).name, iri(r), r.source.rendering, r.source.sha256)
                      for r in records)
    found = rows(store, "letter-sources")
    assert pick(found, "fileName", "letter", "rendering", "sha256") == expected and len(found) == 22
    assert {r["softwareVersion"] for r in found} == {__version__}
