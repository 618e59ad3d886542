"""Build the knowledge graph of many letters: extract, map, validate, write the dumps.

Letters are processed in chunks (in worker processes with ``workers`` > 1): each letter
is read, extracted and mapped to its own graph; a chunk's graphs are validated with
SHACL in one call and the findings given back to each letter. A letter whose graph
violates the shapes is quarantined (written to ``quarantine/`` and reported, never
silently dropped or loaded) unless ``allow_invalid`` is set. The main process streams
each chunk's letters to the dumps in input order, so no process holds the whole corpus:

After the letters, the records of the Kamer's commitment register among the inputs
(``NAME.toezegging.json``) are read, linked to the letters' commitments through the
compact summaries the chunks leave (:mod:`.register.matching`), validated and written
as one named graph, ``graph/register``.

- ``kg.trig``: every letter in its own named graph, the register's graph and the ontology's;
- ``kg.nq.gz``: the same as N-Quads, each graph's lines sorted: byte-for-byte stable;
- ``kg.ttl.gz``: the union as Turtle;
- ``build-report.json`` and ``build-report.txt``: every input with its status.

Two inputs that are the same letter (the same IRI: the same Kamerstuk from two
harvests, or in two renderings) are not merged: the first in input order is kept and
each later one is reported as ``duplicate``, naming the one kept.
"""

from __future__ import annotations

import gzip
import io
import json
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import ExitStack
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import IO, Any

import pyoxigraph as ox
from rdflib import Graph, URIRef
from rdflib.namespace import RDF

from . import __version__
from .pipeline import extract_file, letter_files, register_files
from .rdf import KGU, Iris, letter_graph
from .rdf.register import toezegging_graph
from .rdf.serialize import PREFIXES, ox_quads
from .rdf.terms import ministry_named
from .register import LetterIndex, LetterSummary, RegisterError, read_toezegging, summarise
from .validate import Finding, ontology_graph, validate_batch

ONTOLOGY_GRAPH = URIRef("https://w3id.org/kg-uitvoering/def")
CHUNK = 50
LEFT_OUT = ("quarantined", "duplicate", "error")  # statuses whose graph is not in the dumps


@dataclass
class LetterResult:
    """What became of one input (a letter, or a register record: then ``letter`` is the
    record's IRI); the serialised graph travels with it to the writer, and a letter's
    summary to the register's matching."""

    path: str
    status: str  # ok | warning | quarantined | invalid | duplicate | error
    reason: str | None = None
    warnings: list[str] = field(default_factory=list)
    findings: list[dict[str, str | None]] = field(default_factory=list)
    letter: str | None = None
    triples: int = 0
    classes: dict[str, int] = field(default_factory=dict)
    nquads: str = ""
    trig: str = ""
    turtle: str = ""
    summary_of_letter: LetterSummary | None = None

    def summary(self) -> dict[str, Any]:
        data = asdict(self)
        for bulky in ("nquads", "trig", "turtle", "summary_of_letter"):
            data.pop(bulky)
        return data

    def duplicate_of(self, letter: str, kept: str) -> None:
        """Another input is the same letter (the same IRI: the same Kamerstuk, say in
        another rendering) and is kept; this one is left out of the graph."""
        self.status, self.letter = "duplicate", letter
        self.reason = f"the same letter ({letter}) as {kept}, which is kept"
        self.nquads = self.trig = self.turtle = ""
        self.summary_of_letter = None

    def judge(self, found: list[Finding], allow_invalid: bool) -> None:
        """The status after validation: quarantined (or invalid) on a violation."""
        self.findings = [f.as_json() for f in found]
        if any(f.severity == "Violation" for f in found):
            self.status = "invalid" if allow_invalid else "quarantined"
            self.reason = f"{sum(f.severity == 'Violation' for f in found)} SHACL violations"
        elif found and self.status == "ok":
            self.status = "warning"


def serialised(graph: Graph, name: URIRef) -> tuple[str, str, str]:
    """(sorted N-Quads, TriG, Turtle) of one named graph, all written by pyoxigraph
    (several times faster than rdflib's writers). The N-Quads lines are sorted, so the
    same letter gives the same bytes; TriG and Turtle are written from them."""
    lines = _pretty(ox_quads(graph, name), ox.RdfFormat.N_QUADS).splitlines(keepends=True)
    nquads = "".join(sorted(set(lines)))
    quads = list(ox.parse(nquads.encode(), format=ox.RdfFormat.N_QUADS))
    trig = _pretty(quads, ox.RdfFormat.TRIG)
    return nquads, trig, _pretty([q.triple for q in quads], ox.RdfFormat.TURTLE)


def _pretty(statements: Sequence[ox.Quad] | Sequence[ox.Triple], fmt: ox.RdfFormat) -> str:
    buffer = io.BytesIO()
    ox.serialize(statements, buffer, fmt, prefixes=dict(PREFIXES))
    return buffer.getvalue().decode()


def process_chunk(paths: Sequence[str], base: str, allow_invalid: bool) -> list[LetterResult]:
    """Read, extract, map and validate a chunk of letters (runs in a worker process)."""
    iris = Iris(base)
    results: list[LetterResult] = []
    graphs: list[tuple[LetterResult, URIRef, Graph]] = []
    first: dict[URIRef, str] = {}  # the chunk's letters, so that a duplicate is not merged
    for path in paths:
        entry = extract_file(Path(path))
        result = LetterResult(path, entry.status, entry.reason, entry.warnings)
        results.append(result)
        if entry.record is not None:
            letter, graph = letter_graph(entry.record, iris)
            if letter in first:
                result.duplicate_of(str(letter), first[letter])
                continue
            first[letter] = path
            result.summary_of_letter = summarise(entry.record, str(letter))
            graphs.append((result, letter, graph))
    per_letter = validate_batch([g for _, _, g in graphs]) if graphs else []
    for (result, letter, graph), found in zip(graphs, per_letter, strict=True):
        result.letter = str(letter)
        result.judge(found, allow_invalid)
        result.triples = len(graph)
        result.classes = dict(Counter(str(o) for o in graph.objects(None, RDF.type)))
        result.nquads, result.trig, result.turtle = serialised(graph, iris.graph(letter))
    return results


def process_register(files: Sequence[Path], index: LetterIndex, iris: Iris,
                     allow_invalid: bool) -> tuple[list[LetterResult], Graph]:
    """Read, link and validate the register records; their results and the register graph
    (the records that pass). The letters and commitments a record links to are typed for
    validation (``sh:class``) but their own triples stay in their letters' graphs."""
    results: list[LetterResult] = []
    graphs: list[tuple[LetterResult, Graph]] = []
    context = Graph()
    seen: dict[str, str] = {}
    for path in files:
        try:
            record, warnings = read_toezegging(path)
        except RegisterError as exc:
            results.append(LetterResult(str(path), "error", str(exc)))
            continue
        node = str(iris.toezegging(record.key))
        if node in seen:
            results.append(LetterResult(str(path), "error", f"{record.key} was read already "
                                        f"from {seen[node]}"))
            continue
        seen[node] = str(path)
        result = LetterResult(str(path), "ok", None, warnings, letter=node)
        results.append(result)
        if record.deleted:
            result.status, result.reason = "warning", "deleted in the register; left out"
            continue
        if record.ministry and ministry_named(record.ministry) is None:
            warnings.append(f"ministry {record.ministry!r} is not known; kept as text only")
        links = index.link(record)
        if (record.fulfilment_documents or record.fulfilment_kamerstukken) \
                and not links.fulfilled_by:
            warnings.append(f"the fulfilling letter ({record.fulfilment}) is not in the graph")
        context += [(URIRef(x), RDF.type, KGU.Letter) for x in links.fulfilled_by]
        context += [(URIRef(x.commitment), RDF.type, KGU.Commitment) for x in links.matches]
        result.status = "warning" if warnings else "ok"
        graphs.append((result, toezegging_graph(record, links, iris)[1]))
    register = Graph()
    found = validate_batch([g for _, g in graphs] + [context])[:-1] if graphs else []
    for (result, graph), findings in zip(graphs, found, strict=True):
        result.judge(findings, allow_invalid)
        result.triples = len(graph)
        result.classes = dict(Counter(str(o) for o in graph.objects(None, RDF.type)))
        if result.status == "quarantined":
            result.trig = serialised(graph, iris.register_graph())[1]
        else:
            register += graph
    return results, register


def _chunks(paths: list[str], size: int) -> Iterator[list[str]]:
    for start in range(0, len(paths), size):
        yield paths[start:start + size]


def _gzip(stack: ExitStack, path: Path) -> IO[str]:
    """A gzip text file without timestamp or name in its header: stable bytes."""
    raw = stack.enter_context(path.open("wb"))
    binary = stack.enter_context(gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0))
    return stack.enter_context(io.TextIOWrapper(binary, encoding="utf-8", newline="\n"))


@dataclass
class BuildReport:
    letters: list[LetterResult]
    outputs: list[str]
    register: list[LetterResult] = field(default_factory=list)

    @property
    def inputs(self) -> list[LetterResult]:
        return self.letters + self.register

    def kept(self) -> list[LetterResult]:
        """The inputs whose graph is in the dumps."""
        return [r for r in self.inputs if r.status not in LEFT_OUT]

    def counts(self) -> dict[str, int]:
        statuses = ("ok", "warning", "quarantined", "invalid", "duplicate", "error")
        return {s: sum(r.status == s for r in self.inputs) for s in statuses}

    def classes(self) -> dict[str, int]:
        total: Counter[str] = Counter()
        for r in self.kept():
            total.update(r.classes)
        return dict(sorted(total.items()))

    def to_json(self) -> dict[str, Any]:
        return {"software": f"kg-uitvoering {__version__}", "counts": self.counts(),
                "triples": sum(r.triples for r in self.kept()), "classes": self.classes(),
                "outputs": self.outputs, "letters": [r.summary() for r in self.letters],
                "register": [r.summary() for r in self.register]}

    def text(self) -> str:
        c = self.counts()
        lines = [f"{len(self.inputs)} inputs ({len(self.register)} register records): "
                 f"{c['ok']} ok, {c['warning']} with warnings, "
                 f"{c['quarantined']} quarantined, {c['invalid']} invalid but kept, "
                 f"{c['duplicate']} duplicates left out, {c['error']} unreadable", "",
                 "resources per class:"]
        lines += [f"  {n:8d}  {cls}" for cls, n in self.classes().items()]
        problems = [r for r in self.inputs
                    if r.status in ("quarantined", "invalid", "duplicate", "error")]
        if problems:
            lines += ["", "problems:"]
            lines += [f"  {r.status:<11} {r.path}: {r.reason}" for r in problems]
        return "\n".join(lines) + "\n"


def build(paths: Sequence[str | Path], out: Path, base: str, workers: int = 1,
          allow_invalid: bool = False, progress: Callable[[int], None] | None = None
          ) -> BuildReport:
    """Build the dumps and the report of ``paths`` into ``out``."""
    files = [str(p) for p in letter_files(paths)]
    out.mkdir(parents=True, exist_ok=True)
    quarantine = out / "quarantine"
    report = BuildReport([], [str(out / n) for n in ("kg.trig", "kg.nq.gz", "kg.ttl.gz")])
    ontology = ontology_graph()
    with ExitStack() as stack:
        trig = stack.enter_context((out / "kg.trig").open("w", encoding="utf-8"))
        nquads, turtle = _gzip(stack, out / "kg.nq.gz"), _gzip(stack, out / "kg.ttl.gz")
        onto_nq, onto_trig, onto_ttl = serialised(ontology, ONTOLOGY_GRAPH)
        trig.write(onto_trig)
        nquads.write(onto_nq)
        turtle.write(onto_ttl)
        pool = stack.enter_context(ProcessPoolExecutor(workers)) if workers > 1 else None
        chunks = list(_chunks(files, CHUNK))
        args = ([base] * len(chunks), [allow_invalid] * len(chunks))
        batches = pool.map(process_chunk, chunks, *args) if pool else map(
            process_chunk, chunks, *args)
        index = LetterIndex()
        written: dict[str, str] = {}  # letter IRI -> the input it was written from
        for batch in batches:
            for result in batch:
                if result.letter in written and result.status not in LEFT_OUT:
                    result.duplicate_of(result.letter, written[result.letter])
                if result.status == "quarantined":
                    quarantine.mkdir(exist_ok=True)
                    (quarantine / f"{Path(result.path).stem}.trig").write_text(
                        result.trig, encoding="utf-8")
                elif result.letter is not None and result.status != "duplicate":
                    written[result.letter] = result.path
                    trig.write(result.trig)
                    nquads.write(result.nquads)
                    turtle.write(result.turtle)
                    if result.summary_of_letter is not None:
                        index.add(result.summary_of_letter)
                result.nquads = result.trig = result.turtle = ""
                result.summary_of_letter = None
                report.letters.append(result)
            if progress is not None:
                progress(len(batch))
        iris = Iris(base)
        report.register, register = process_register(register_files(paths), index, iris,
                                                      allow_invalid)
        for result in report.register:
            if result.status == "quarantined":
                quarantine.mkdir(exist_ok=True)
                (quarantine / Path(result.path).name.replace(".json", ".trig")).write_text(
                    result.trig, encoding="utf-8")
                result.trig = ""
        if len(register):
            for out_file, text in zip((nquads, trig, turtle),
                                      serialised(register, iris.register_graph()),
                                      strict=True):
                out_file.write(text)
    (out / "build-report.json").write_text(
        json.dumps(report.to_json(), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    (out / "build-report.txt").write_text(report.text(), encoding="utf-8")
    return report


__all__ = ["BuildReport", "Finding", "LetterResult", "build"]
