"""The ``kg-uitvoering`` command line: a thin layer over the pipeline and the evaluator."""

from __future__ import annotations

import gzip
import json
import sys
from datetime import datetime
from pathlib import Path
from typing import Any

import click
from rdflib import Dataset, Graph

from . import __version__
from .build import build as build_graph
from .evaluate import Evaluation, evaluate_letter, report_lines
from .harvesters import SOURCES, HarvestQuery
from .harvesters import harvest as run_harvest
from .pipeline import RunEntry, extract_file, letter_files, run_extraction
from .rdf import DEFAULT_BASE, Iris, letter_graph
from .rdf.serialize import output_format, write_graphs
from .settings import Settings
from .sources import Rendering
from .validate import Finding, findings

FORMAT = click.Choice([r.value for r in Rendering])


@click.group()
@click.version_option(__version__, prog_name="kg-uitvoering")
def main() -> None:
    """Kamerbrieven to a linked-data knowledge graph."""


def _write_json(data: Any, target: str) -> None:
    text = json.dumps(data, ensure_ascii=False, indent=2)
    if target == "-":
        click.echo(text)
    else:
        Path(target).parent.mkdir(parents=True, exist_ok=True)
        Path(target).write_text(text + "\n", encoding="utf-8")


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--json", "json_out", metavar="FILE",
              help="Write the records as a JSON list to FILE ('-' for standard output).")
@click.option("--report", "report_out", metavar="FILE",
              help="Write the run report (every input, its status and reason) as JSON.")
@click.option("--format", "fmt", type=FORMAT, help="Force a reader instead of detecting it.")
@click.option("--no-text", is_flag=True, help="Leave the letter text out of the JSON records.")
def extract(paths: tuple[str, ...], json_out: str | None, report_out: str | None,
            fmt: str | None, no_text: bool) -> None:
    """Extract the structured record of each letter in PATHS (files or folders).

    Prints a run report: one line per input with ok / warning / error and the reason.
    Exits 1 when any input failed; every input is reported either way.
    """
    rendering = Rendering(fmt) if fmt else None
    entries: list[RunEntry] = []
    for entry in run_extraction(paths, rendering):
        entries.append(entry)
        reason = entry.reason or "; ".join(entry.warnings)
        click.echo(f"{entry.status:<8} {entry.path}" + (f"  ({reason})" if reason else ""),
                   err=json_out == "-")
    counts = {s: sum(e.status == s for e in entries) for s in ("ok", "warning", "error")}
    click.echo(f"{len(entries)} letters: {counts['ok']} ok, {counts['warning']} with warnings, "
               f"{counts['error']} failed", err=json_out == "-")
    if json_out:
        _write_json([e.record.to_json(include_text=not no_text)
                     for e in entries if e.record is not None], json_out)
    if report_out:
        _write_json({"inputs": [e.summary() for e in entries], "counts": counts}, report_out)
    if counts["error"]:
        sys.exit(1)


def _parse_bars(bars: tuple[str, ...]) -> dict[str, float]:
    parsed: dict[str, float] = {}
    for bar in bars:
        name, sep, value = bar.partition("=")
        try:
            parsed[name] = float(value)
        except ValueError:
            sep = ""
        if not sep:
            raise click.BadParameter(f"expected FIELD=NUMBER, got {bar!r}", param_hint="--min-f1")
    return parsed


@main.command()
@click.argument("directory", type=click.Path(exists=True, file_okay=False))
@click.option("--min-f1", "bars", multiple=True, metavar="FIELD=X",
              help="Exit 1 when FIELD's F1 (or accuracy) is below X. Repeatable.")
@click.option("--details", is_flag=True, help="List every miss and false positive.")
@click.option("--json", "json_out", metavar="FILE", help="Write the scores as JSON.")
def evaluate(directory: str, bars: tuple[str, ...], details: bool, json_out: str | None) -> None:
    """Compare extraction with the *.gold.json files beside the letters in DIRECTORY."""
    thresholds = _parse_bars(bars)
    ev = Evaluation()
    letters = [p for p in letter_files([directory])
               if p.with_name(p.stem + ".gold.json").exists()]
    for path in letters:
        gold = json.loads(path.with_name(path.stem + ".gold.json").read_text(encoding="utf-8"))
        entry = extract_file(path)
        if entry.record is None:
            click.echo(f"error    {path}  ({entry.reason})", err=True)
            continue
        evaluate_letter(ev, entry.record, gold, path.name)
    click.echo(f"{len(letters)} letters with gold annotations in {directory}")
    for line in report_lines(ev):
        click.echo(line)
    if details:
        for name, items in ev.details.items():
            click.echo(f"\n[{name}]")
            for item in items:
                click.echo(f"  {item}")
    if json_out:
        _write_json(ev.to_json(), json_out)
    failed = [f"{name}: {ev.f1(name):.3f} < {bar}" for name, bar in thresholds.items()
              if ev.f1(name) < bar]
    if failed:
        click.echo("below the bar: " + ", ".join(failed), err=True)
        sys.exit(1)


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("-o", "--output", required=True, metavar="OUT",
              help="Output file; the format follows its extension (.ttl .trig .nt .nq .jsonld).")
@click.option("--base", default=DEFAULT_BASE, show_default=True, help="Base of the IRIs minted.")
@click.option("--format", "fmt", type=FORMAT, help="Force a reader instead of detecting it.")
def convert(paths: tuple[str, ...], output: str, base: str, fmt: str | None) -> None:
    """Write the RDF of the letters in PATHS to OUT (one named graph per letter in .trig/.nq).

    Inputs that cannot be read are reported and left out; the exit code is then 1.
    """
    target = Path(output)
    try:
        output_format(target)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--output") from None
    iris = Iris(base)
    graphs = []
    failed = 0
    for entry in run_extraction(paths, Rendering(fmt) if fmt else None):
        if entry.record is None:
            failed += 1
            click.echo(f"error    {entry.path}  ({entry.reason})", err=True)
            continue
        graphs.append(letter_graph(entry.record, iris))
    triples = write_graphs(graphs, target, iris)
    click.echo(f"{len(graphs)} letters, {triples} triples written to {target}")
    if failed:
        sys.exit(1)


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--out", "out", required=True, type=click.Path(file_okay=False),
              help="Folder for kg.trig, kg.nq.gz, kg.ttl.gz and the build report.")
@click.option("--base", default=DEFAULT_BASE, show_default=True, help="Base of the IRIs minted.")
@click.option("--workers", default=1, show_default=True, type=click.IntRange(1, 64),
              help="Worker processes for extraction, mapping and validation.")
@click.option("--allow-invalid", is_flag=True,
              help="Keep letters that violate the shapes in the dumps (reported as invalid).")
def build(paths: tuple[str, ...], out: str, base: str, workers: int, allow_invalid: bool) -> None:
    """Build the knowledge graph of the letters in PATHS: dumps plus a build report.

    Each letter is validated with SHACL before it is accepted; a letter that violates
    the shapes is quarantined (OUT/quarantine/) and reported. Exits 1 when any input
    was unreadable or quarantined.
    """
    total = len(letter_files(paths))
    with click.progressbar(length=total, label="building", file=sys.stderr) as bar:
        report = build_graph(paths, Path(out), base, workers, allow_invalid, bar.update)
    click.echo(report.text(), nl=False)
    counts = report.counts()
    if counts["error"] or counts["quarantined"]:
        sys.exit(1)


def _print_findings(found: list[Finding]) -> None:
    by_shape: dict[tuple[str, str], list[Finding]] = {}
    for f in found:
        by_shape.setdefault((f.severity, f.shape), []).append(f)
    for (severity, shape), items in sorted(by_shape.items()):
        click.echo(f"\n{severity}: {shape} ({len(items)})")
        for f in items:
            click.echo(f"  {f.focus}" + (f"  [{f.path}]" if f.path else "") + f"\n    {f.message}")


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False))
@click.option("--json", "json_out", metavar="FILE", help="Also write the results as JSON.")
def validate(paths: tuple[str, ...], json_out: str | None) -> None:
    """Validate RDF files (.ttl .trig .nt .nq .jsonld, optionally .gz) against the shapes.

    Prints the results grouped by shape (focus node, path, message); exits 1 on violations.
    """
    data = Graph()
    for raw in paths:
        path = Path(raw)
        inner = Path(path.stem) if path.suffix == ".gz" else path
        try:
            fmt = output_format(inner)
        except ValueError as exc:
            raise click.BadParameter(str(exc), param_hint="PATHS") from None
        content = gzip.decompress(path.read_bytes()) if path.suffix == ".gz" else path.read_bytes()
        if fmt in ("trig", "nquads"):
            for s, p, o, _ in Dataset().parse(data=content, format=fmt).quads():
                data.add((s, p, o))
        else:
            data.parse(data=content, format=fmt)
    found = findings(data)
    _print_findings(found)
    if json_out:
        _write_json([f.as_json() for f in found], json_out)
    violations = sum(f.severity == "Violation" for f in found)
    click.echo(f"\n{len(data)} triples: {violations} violations, "
               f"{len(found) - violations} other results")
    if violations:
        sys.exit(1)


REMOTE_OPTIONS = [
    click.option("--sparql-endpoint", help="A remote SPARQL 1.1 server (KGU_SPARQL_ENDPOINT) "
                 "instead of the embedded store."),
    click.option("--graph-store", help="Its Graph Store HTTP Protocol endpoint (KGU_GRAPH_STORE)."),
    click.option("--user", help="User name for the remote server (KGU_REMOTE_USER)."),
    click.option("--password", help="Password for the remote server (KGU_REMOTE_PASSWORD)."),
]


def remote_options(command: Any) -> Any:
    for option in reversed(REMOTE_OPTIONS):
        command = option(command)
    return command


def _settings(store_path: str | None, **values: Any) -> Settings:
    return Settings.from_env(store=Path(store_path) if store_path else None, **values)


def _remote(settings: Settings) -> Any:
    from .store.remote import RemoteStore

    assert settings.sparql_endpoint is not None
    return RemoteStore(settings.sparql_endpoint, settings.graph_store, None,
                       settings.remote_user, settings.remote_password, settings.query_timeout)


@main.command()
@click.argument("build_dir", type=click.Path(exists=True, file_okay=False))
@click.option("--store", "store_path", type=click.Path(file_okay=False),
              help="Store folder (default: KGU_STORE or build/store).")
@remote_options
def load(build_dir: str, store_path: str | None, sparql_endpoint: str | None,
         graph_store: str | None, user: str | None, password: str | None) -> None:
    """Load a build's kg.nq.gz: into the embedded store, atomically (built beside the old
    one and swapped in when complete), or with --sparql-endpoint and --graph-store into a
    remote SPARQL server, one named graph per letter."""
    from .store.embedded import load_build

    settings = _settings(store_path, sparql_endpoint=sparql_endpoint, graph_store=graph_store,
                         remote_user=user, remote_password=password)
    if settings.sparql_endpoint:
        count = _remote(settings).publish(Path(build_dir))
        click.echo(f"{count} triples published to {settings.graph_store}")
        return
    count = load_build(Path(build_dir), settings.store)
    click.echo(f"{count} quads loaded into {settings.store}")


QUERIES_OPTION = click.option("--queries", "folder", type=click.Path(exists=True, file_okay=False),
                              help="A folder of .rq files instead of the packaged queries "
                              "(KGU_QUERIES).")


@main.command()
@QUERIES_OPTION
@click.option("--markdown", "markdown_out", metavar="FILE",
              help="Write the catalogue as Markdown instead (docs/queries.md).")
def queries(folder: str | None, markdown_out: str | None) -> None:
    """List the canned queries: name, summary and parameters (* = required)."""
    from .library import load_library, markdown

    library = load_library(_settings(None, queries=folder).queries)
    if markdown_out:
        Path(markdown_out).write_text(markdown(library), encoding="utf-8")
        return
    for name, q in library.items():
        params = " ".join(f"{p.name}{'*' if p.required else ''}:{p.type}" for p in q.parameters)
        click.echo(f"{name:36} {q.summary}" + (f"  [{params}]" if params else ""))


@main.command()
@click.argument("name")
@click.option("--param", "-p", "params", multiple=True, metavar="NAME=VALUE",
              help="A parameter value; repeat for more.")
@click.option("--page", type=click.IntRange(1), help="The page of a paginated query.")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table",
              show_default=True)
@click.option("--store", "store_path", type=click.Path(file_okay=False),
              help="Store folder (default: KGU_STORE or build/store).")
@QUERIES_OPTION
@remote_options
def query(name: str, params: tuple[str, ...], page: int | None, fmt: str, store_path: str | None,
          folder: str | None, sparql_endpoint: str | None, graph_store: str | None,
          user: str | None, password: str | None) -> None:
    """Run the canned query NAME on the embedded store or a remote SPARQL server."""
    from .library import ParameterError, load_library, run_canned
    from .store.embedded import OxigraphStore

    settings = _settings(store_path, queries=folder, sparql_endpoint=sparql_endpoint,
                         graph_store=graph_store, remote_user=user, remote_password=password)
    library = load_library(settings.queries)
    if name not in library:
        raise click.UsageError(f"no canned query {name!r}; `kg-uitvoering queries` lists them")
    values = dict(p.partition("=")[::2] for p in params)
    store = _remote(settings) if settings.sparql_endpoint else OxigraphStore(settings.store)
    try:
        table = run_canned(store, library[name], values, page)
    except ParameterError as exc:
        raise click.UsageError(str(exc)) from None
    if fmt == "json":
        _write_json(table.records(), "-")
    else:
        click.echo(table.csv() if fmt == "csv" else table.text(), nl=False)
    if table.has_next:
        click.echo(f"(more rows: --page {(table.page or 1) + 1})", err=True)


@main.command("harvest")
@click.argument("source", type=click.Choice(SOURCES))
@click.option("--out", required=True, type=click.Path(file_okay=False),
              help="Folder for the files, harvest-state.json and harvest-report.json.")
@click.option("--since", type=click.DateTime(["%Y-%m-%d"]), help="Only from this date on.")
@click.option("--dossier", help="Only this Kamerstukdossier (e.g. 29362 or 36600-VII).")
@click.option("--zaak", help="tk: only letters of this zaak (e.g. 2025Z02986).")
@click.option("--ministerie", help="tk-toezeggingen: only this ministry's commitments.")
@click.option("--feed", is_flag=True, help="tk: follow the SyncFeed from where it was left.")
@click.option("--base-url", help="Another address for the source (KGU_TK_ODATA_URL, ...).")
@click.option("--rate", type=click.FloatRange(0), help="Seconds between requests (1).")
def harvest_command(source: str, out: str, since: datetime | None, dossier: str | None,
                    zaak: str | None, ministerie: str | None, feed: bool,
                    base_url: str | None, rate: float | None) -> None:
    """Fetch letters (tk, ob) or commitments (tk-toezeggingen) from the official sources
    into OUT, politely, resuming where the last run stopped. Exits 1 when a page could
    not be had after the retries; run it again to go on."""
    url_field = {"tk": "tk_feed_url" if feed else "tk_odata_url",
                 "tk-toezeggingen": "tk_odata_url", "ob": "ob_sru_url"}[source]
    overrides: dict[str, Any] = {"harvest_rate": rate, url_field: base_url}
    settings = Settings.from_env(None, **overrides)
    query = HarvestQuery(since.date() if since else None, dossier, zaak, ministerie, feed)
    try:
        report = run_harvest(source, query, Path(out), settings, lambda e: click.echo(
            f"{e.status:<9} {e.id}" + (f"  ({e.reason})" if e.reason else "")))
    except ValueError as exc:
        raise click.UsageError(str(exc)) from None
    click.echo(report.summary())
    if report.failure:
        sys.exit(1)


@main.command()
@click.option("--store", "store_path", type=click.Path(file_okay=False),
              help="Store folder (default: KGU_STORE or build/store).")
@click.option("--host", help="Address to listen on (default: KGU_HOST or 127.0.0.1).")
@click.option("--port", type=int, help="Port (default: KGU_PORT or 8000).")
@remote_options
def serve(store_path: str | None, host: str | None, port: int | None,
          sparql_endpoint: str | None, graph_store: str | None, user: str | None,
          password: str | None) -> None:
    """Serve the store over HTTP: the SPARQL endpoint at /sparql (with --sparql-endpoint,
    a remote server's data behind this endpoint's rules)."""
    import uvicorn

    from .server import create_app
    from .store import Store
    from .store.embedded import GraphStore, OxigraphStore
    from .store.isolated import IsolatedStore

    settings = _settings(store_path, host=host, port=port, sparql_endpoint=sparql_endpoint,
                         graph_store=graph_store, remote_user=user, remote_password=password)
    # A remote server is used as it is. With updates enabled the embedded store is opened
    # for writing in this process (no query timeout); read-only serving runs queries in
    # worker processes that can be stopped.
    writable = OxigraphStore(settings.store, writable=True) if (
        settings.update_token and not settings.sparql_endpoint) else None
    store: Store = (_remote(settings) if settings.sparql_endpoint
                    else writable if writable is not None
                    else IsolatedStore(settings.store, settings.query_timeout,
                                       settings.query_workers, settings.max_result_bytes,
                                       settings.max_result_rows))
    source = settings.sparql_endpoint or settings.store
    click.echo(f"serving {source} at http://{settings.host}:{settings.port}/sparql")
    protocol = GraphStore(writable) if writable is not None else None
    uvicorn.run(create_app(settings, store, protocol), host=settings.host,
                port=settings.port, log_level="warning")


if __name__ == "__main__":
    main()
