"""Records to RDF: the public vocabulary's contract, deterministic IRIs that link letters,
every emitted term declared in the ontology, passages that point into the letter text."""

from __future__ import annotations

from pathlib import Path

import pyshacl
import pytest
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from kg_uitvoering.pipeline import register_files, run_extraction
from kg_uitvoering.rdf import KGU, Iris, letter_graph
from kg_uitvoering.rdf.iris import person_key
from kg_uitvoering.rdf.register import toezegging_graph
from kg_uitvoering.register import LetterIndex, read_toezegging, summarise

from .conftest import DEV, FIXTURES, ROOT, needs_shared

ONTOLOGY = ROOT / "ontology" / "kg-uitvoering.ttl"
SHAPES = ROOT / "shapes" / "kg-uitvoering-shapes.ttl"
LETTERS = ROOT / "data" / "letters"
REGISTER = FIXTURES / "register"


@pytest.fixture(scope="module")
def graphs() -> dict[str, tuple[URIRef, Graph]]:
    return {Path(e.path).name: letter_graph(e.record, Iris())
            for e in run_extraction([LETTERS]) if e.record is not None}


@pytest.fixture(scope="module")
def union(graphs: dict[str, tuple[URIRef, Graph]]) -> Graph:
    g = Graph()
    for _, letter in graphs.values():
        g += letter
    g += Graph().parse(ONTOLOGY)
    return g


def rows(g: Graph, query: str) -> set[tuple[str, ...]]:
    prefixes = """PREFIX kgu: <https://w3id.org/kg-uitvoering/def#>
    PREFIX eli: <http://data.europa.eu/eli/ontology#> PREFIX org: <http://www.w3.org/ns/org#>
    PREFIX foaf: <http://xmlns.com/foaf/0.1/> PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
    PREFIX dcterms: <http://purl.org/dc/terms/> PREFIX oa: <http://www.w3.org/ns/oa#>
    PREFIX prov: <http://www.w3.org/ns/prov#> PREFIX cito: <http://purl.org/spar/cito/>
    PREFIX schema: <https://schema.org/>
    """
    return {tuple(str(v) for v in row) for row in g.query(prefixes + query)}  # type: ignore[union-attr]


def test_contract_signing(union: Graph) -> None:
    found = rows(union, """SELECT ?name ?role ?portfolio WHERE {
        ?l a kgu:Kamerstuk ; kgu:dossierNumber "29362" ; kgu:ondernummer "318" ;
           kgu:hasSignature ?s ; dcterms:creator ?p .
        ?s a kgu:Signature ; kgu:position 1 ; kgu:signer ?p ; kgu:post ?post .
        ?p a foaf:Person ; foaf:name ?name .
        ?post a org:Post ; org:role ?r ; kgu:portfolio ?portfolio ; org:postIn ?ministry .
        ?r skos:prefLabel ?role . FILTER(lang(?role) = "")
        ?ministry a org:Organization }""")
    assert found == {("A.C. van Huffelen", "Staatssecretaris",
                      "Binnenlandse Zaken en Koninkrijksrelaties")}


def test_contract_letter_fields(union: Graph) -> None:
    found = rows(union, """SELECT ?date ?title ?vj ?doc ?zaaknr ?dtitle ?chamber WHERE {
        ?l a kgu:Letter ; kgu:documentNumber ?doc ; eli:date_document ?date ;
           dcterms:title ?title ; kgu:vergaderjaar ?vj ; kgu:zaak ?z ;
           eli:is_part_of ?d ; kgu:addressedTo ?c .
        ?z a kgu:Zaak ; kgu:zaakNumber ?zaaknr .
        ?d a kgu:Dossier ; kgu:dossierNumber "29362" ; dcterms:title ?dtitle .
        ?c a org:Organization ; skos:prefLabel ?chamber }""")
    assert found == {("2022-12-22", "Standen van de Uitvoering", "2022-2023", "2022D56402",
                      "2022Z26159", "Modernisering van de overheid",
                      "Tweede Kamer der Staten-Generaal")}


def test_contract_citations_commitments_mentions_dilemmas(union: Graph) -> None:
    cited = rows(union, """SELECT ?d ?n WHERE {
        ?l kgu:dossierNumber "29362" ; kgu:ondernummer "318" ; eli:cites ?k .
        ?k a kgu:Kamerstuk ; kgu:dossierNumber ?d ; kgu:ondernummer ?n .
        ?c a kgu:Citation ; cito:hasCitingEntity ?l ; cito:hasCitedEntity ?k ;
           prov:wasDerivedFrom ?p . ?p oa:hasSource ?l }""")
    assert ("25764", "137") in cited and len(cited) == 8
    kinds = rows(union, """SELECT ?kind WHERE { ?l kgu:hasCommitment ?c .
        ?c a kgu:Commitment ; kgu:commitmentKind ?kind ; kgu:text ?t ; schema:agent ?post .
        ?post a org:Post }""")
    assert {k.rsplit("#", 1)[1] for (k,) in kinds} == {
        "NewCommitment", "FulfilledCommitment", "PostponedCommitment"}
    orgs = rows(union, """SELECT ?abbr WHERE { ?l kgu:mentions ?o .
        ?o a org:Organization ; skos:prefLabel "Rijksdienst voor Identiteitsgegevens" ;
           skos:altLabel ?abbr }""")
    assert orgs == {("RvIG",)}
    dilemmas = rows(union, """SELECT ?n ?label WHERE { ?l kgu:raisesDilemma ?d .
        ?d a kgu:Dilemma ; kgu:number ?n ; skos:prefLabel ?label }""")
    assert ("1", "Focus: goed en duurzaam") in dilemmas and len(dilemmas) == 4


def test_every_passage_selects_its_text(union: Graph) -> None:
    found = union.query("""PREFIX oa: <http://www.w3.org/ns/oa#>
        PREFIX kgu: <https://w3id.org/kg-uitvoering/def#>
        SELECT ?text ?exact ?start ?end WHERE {
          ?p a kgu:Passage ; oa:hasSource ?l ; oa:hasSelector ?q, ?pos .
          ?l kgu:letterText ?text . ?q a oa:TextQuoteSelector ; oa:exact ?exact .
          ?pos a oa:TextPositionSelector ; oa:start ?start ; oa:end ?end }""")
    count = 0
    for text, exact, start, end in found:  # type: ignore[misc]
        assert str(text)[int(start):int(end)] == str(exact)
        count += 1
    assert count > 100


def test_same_person_and_kamerstuk_get_one_iri() -> None:
    assert person_key("J. S. J. Hillen") == person_key("J.S.J. Hillen") == "jsj-hillen"
    iris = Iris()
    assert iris.person("A.C. van Huffelen") == iris.person("A. C. van Huffelen")
    assert str(iris.post("Minister", "Defensie")).endswith("/post/minister-defensie")


def test_mapping_is_deterministic_and_survives_nquads(graphs: dict[str, tuple[URIRef, Graph]]
                                                      ) -> None:
    for entry in run_extraction([LETTERS]):
        assert entry.record is not None
        iri, again = letter_graph(entry.record, Iris())
        first = graphs[Path(entry.path).name][1]
        assert sorted(first.serialize(format="nt").splitlines()) == \
            sorted(again.serialize(format="nt").splitlines())
    ds = Dataset()
    for iri, g in graphs.values():
        named = ds.graph(Iris().graph(iri))
        for triple in g:
            named.add(triple)
    parsed = Dataset().parse(data=ds.serialize(format="nquads"), format="nquads")
    for iri, g in graphs.values():
        assert isomorphic(parsed.graph(Iris().graph(iri)), g)


@needs_shared()
def test_every_emitted_term_is_declared_in_the_ontology() -> None:
    ontology = Graph().parse(ONTOLOGY)
    declared = {s for s in ontology.subjects() if isinstance(s, URIRef)}
    used: set[URIRef] = set()
    graphs, index = [], LetterIndex()
    for entry in run_extraction([DEV, LETTERS, REGISTER]):
        assert entry.record is not None
        letter, g = letter_graph(entry.record, Iris())
        index.add(summarise(entry.record, str(letter)))
        graphs.append(g)
    for path in register_files([REGISTER]):  # the register's records, linked to the letters
        record, _ = read_toezegging(path)
        graphs.append(toezegging_graph(record, index.link(record), Iris())[1])
    for g in graphs:
        for _s, p, o in g:
            used.add(p)  # type: ignore[arg-type]
            if p == RDF.type or (isinstance(o, URIRef) and str(o).startswith(str(KGU))):
                used.add(o)  # type: ignore[arg-type]
    ours = {t for t in used if str(t).startswith(str(KGU))}
    assert ours - declared == set()
    # ... and the other way round: every class and property of the ontology is used
    # (members of its concept schemes, such as a reference type, need not all occur).
    vocabulary = {s for s in ontology.subjects(RDF.type, None)
                  if isinstance(s, URIRef) and str(s).startswith(str(KGU))}
    concepts = set(ontology.subjects(RDF.type, SKOS.Concept)) | set(
        ontology.subjects(RDF.type, SKOS.ConceptScheme))
    assert vocabulary - concepts - ours == set()
    assert (KGU.Letter, RDFS.subClassOf, URIRef("http://data.europa.eu/eli/ontology#Work")) \
        in ontology
    assert (KGU.Kamerstuk, RDF.type, OWL.Class) in ontology


def test_a_short_letter_conforms_to_the_shapes() -> None:
    entry = next(e for e in run_extraction([LETTERS]) if "33279-1" in e.path)
    assert entry.record is not None
    _, g = letter_graph(entry.record, Iris())
    conforms, _, text = pyshacl.validate(g, shacl_graph=Graph().parse(SHAPES), inference="none")
    assert conforms, text
    assert (None, None, Literal("kg-uitvoering")) in g


def test_convert_writes_every_format_and_parses_back(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from kg_uitvoering.cli import main

    for suffix, fmt in ((".ttl", "turtle"), (".nt", "nt"), (".jsonld", "json-ld")):
        out = tmp_path / f"kg{suffix}"
        result = CliRunner().invoke(main, ["convert", str(LETTERS), "-o", str(out)])
        assert result.exit_code == 0, result.output
        assert len(Graph().parse(out, format=fmt)) > 1000
    for suffix, fmt in ((".trig", "trig"), (".nq", "nquads")):
        out = tmp_path / f"kg{suffix}"
        assert CliRunner().invoke(main, ["convert", str(LETTERS), "-o", str(out)]).exit_code == 0
        assert len(list(Dataset().parse(out, format=fmt).graphs())) >= 9  # 8 letters + default
    bad = CliRunner().invoke(main, ["convert", str(LETTERS), "-o", str(tmp_path / "kg.xyz")])
    assert bad.exit_code == 2


def test_a_cited_kamerstuk_and_the_letter_that_is_it_are_one_node(tmp_path: Path) -> None:
    from kg_uitvoering.extract import extract
    from kg_uitvoering.sources import read_source

    head = ("29 362 Modernisering van de overheid\n\nNr. {nr} BRIEF VAN DE MINISTER VAN "
            "BINNENLANDSE ZAKEN EN KONINKRIJKSRELATIES\n\nAan de Voorzitter van de Tweede Kamer "
            "der Staten-Generaal\n\nDen Haag, {day} maart 2024\n\n{body}\n\nDe Minister van "
            "Binnenlandse Zaken en Koninkrijksrelaties,\n{name}\n")
    first = tmp_path / "a.txt"
    first.write_text(head.format(nr=400, day=1, body="Hierbij het rapport.",
                                 name="J. S. J. Hillen"), encoding="utf-8")
    second = tmp_path / "b.txt"
    second.write_text(head.format(nr=401, day=8, body="Zie Kamerstuk 29 362, nr. 400.",
                                  name="J.S.J. Hillen"), encoding="utf-8")
    merged = Graph()
    letters = []
    for path in (first, second):
        letter, graph = letter_graph(extract(read_source(path)), Iris())
        letters.append(letter)
        merged += graph
    assert (letters[1], URIRef("http://data.europa.eu/eli/ontology#cites"), letters[0]) in merged
    creators = set(merged.objects(None, URIRef("http://purl.org/dc/terms/creator")))
    assert len(creators) == 1
    assert set(merged.objects(next(iter(creators)), URIRef("http://xmlns.com/foaf/0.1/name"))) \
        == {Literal("J.S.J. Hillen")}
