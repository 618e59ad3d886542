"""The graph as the web site sees it: resource descriptions, incoming links, searches and
per-class tables, each from a commented ``.rq`` file in ``server/sparql/``, on any store.

IRIs under the configured base are served here under ``/id/`` (and described under
``/doc/``), so a local and a public deployment both resolve; the ontology and the shapes
are served at ``/def`` and ``/shapes``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property
from importlib import resources

from rdflib import Graph
from rdflib.namespace import RDFS

from ..library import CannedQuery, Table, parse_query, prepared, run_canned
from ..settings import Settings
from ..store import Dataset, Store
from ..validate import ontology_graph

ONTOLOGY = "https://w3id.org/kg-uitvoering/def"
SHAPES = "https://w3id.org/kg-uitvoering/shapes"
PREFIXES = {
    "kgu": ONTOLOGY + "#", "eli": "http://data.europa.eu/eli/ontology#",
    "dcterms": "http://purl.org/dc/terms/", "foaf": "http://xmlns.com/foaf/0.1/",
    "org": "http://www.w3.org/ns/org#", "skos": "http://www.w3.org/2004/02/skos/core#",
    "prov": "http://www.w3.org/ns/prov#", "oa": "http://www.w3.org/ns/oa#",
    "cito": "http://purl.org/spar/cito/", "schema": "https://schema.org/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#", "rdfs": str(RDFS),
    "owl": "http://www.w3.org/2002/07/owl#", "xsd": "http://www.w3.org/2001/XMLSchema#",
}


@dataclass(frozen=True)
class Value:
    """An RDF term as a page shows it: text, and a link when it is a resource."""

    text: str
    href: str | None = None
    iri: str | None = None


class Site:
    def __init__(self, settings: Settings, store: Store) -> None:
        self.settings, self.store = settings, store
        folder = resources.files("kg_uitvoering.server") / "sparql"
        self.queries: dict[str, CannedQuery] = {
            entry.name.removesuffix(".rq"): parse_query(entry.name.removesuffix(".rq"),
                                                       entry.read_text(encoding="utf-8"),
                                                       ("SELECT", "CONSTRUCT"))
            for entry in folder.iterdir() if entry.name.endswith(".rq")}

    # -- IRIs ---------------------------------------------------------------------------
    def iri(self, path: str) -> str:
        """The IRI that ``/id/{path}`` (or ``/doc/{path}``) stands for."""
        return self.settings.base + path

    def local(self, iri: str) -> str:
        """Where this server shows an IRI: its page for our own IRIs, the IRI otherwise."""
        if iri.startswith(self.settings.base):
            return "/doc/" + iri[len(self.settings.base):]
        for name, root in (("def", ONTOLOGY), ("shapes", SHAPES)):
            if iri == root or iri.startswith(root + "#"):
                return f"/{name}" + iri[len(root):]
        return iri

    def short(self, iri: str) -> str:
        """``kgu:Letter`` for a known namespace, the path for our own IRIs, else the IRI."""
        if iri.startswith(self.settings.base):
            return iri[len(self.settings.base):]
        for prefix, namespace in PREFIXES.items():
            if iri.startswith(namespace) and len(iri) > len(namespace):
                return f"{prefix}:{iri[len(namespace):]}"
        return iri

    @cached_property
    def vocabulary_labels(self) -> dict[str, str]:
        """Dutch labels of the ontology's terms, for table headings."""
        labels: dict[str, str] = {}
        for term, label in ontology_graph().subject_objects(RDFS.label):
            if getattr(label, "language", None) == "nl" or str(term) not in labels:
                labels[str(term)] = str(label)
        return labels

    def term_label(self, iri: str) -> str:
        return self.vocabulary_labels.get(iri) or self.short(iri)

    # -- queries ------------------------------------------------------------------------
    def run(self, name: str, values: Mapping[str, str], page: int | None = None) -> Table:
        return run_canned(self.store, self.queries[name], values, page)

    def describe(self, iri: str) -> Graph:
        """The resource's own triples, its blank nodes, and labels of what it links to."""
        text, _ = prepared(self.queries["describe"], {"resource": iri})
        result = self.store.query(text, ["application/n-triples"], Dataset())
        graph = Graph()
        for prefix, namespace in PREFIXES.items():
            graph.bind(prefix, namespace)
        graph.parse(data=result.body.decode("utf-8"), format="nt")
        return graph

    def incoming(self, iri: str, page: int = 1) -> Table:
        return self.run("incoming", {"resource": iri}, page)
