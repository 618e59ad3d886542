"""The SPARQL endpoint side by side with `oxigraph serve` and rdflib-endpoint.

Run with ``make bench-endpoint`` (not part of ``make bench``: it needs several GB and
minutes). A graph of ``LETTERS`` letters is made by repeating the built development
letters under fresh IRIs (``…/id/cN/…``), or, with ``KGU_BENCH_CORPUS=DIR``, taken from
the build in DIR (``kg.nq.gz``; e.g. ``build/bench/kg-10000``, the synthetic corpus of
bench/bench_scale.py; LETTERS then only names the results file).

The three servers serve the same quads on loopback, one at a time, and a load generator
in this process sends five canned queries (``queries/*.rq`` with their example
parameters bound, first page) at 1, 8 and 32 concurrent clients for ``SECONDS`` each.
rdflib-endpoint answers one query at a time (one process, the GIL), so it runs at the
client counts in ``KGU_BENCH_RDFLIB_CLIENTS`` (default 1 and 8); the others at
``KGU_BENCH_CLIENTS`` (default 1, 8 and 32). A request gets ``KGU_BENCH_TIMEOUT``
seconds (default 600) before it counts as failed; ``KGU_BENCH_QUERIES`` picks a subset
of the five queries (comma-separated names), ``KGU_BENCH_SERVERS`` of the servers.

The table gives throughput and p50/p95/p99 latency per server, with the ratios asked
for in issue 4; results go to bench/results/endpoint-*.json. Not a test: nothing here
asserts a speed.
"""

from __future__ import annotations

import gzip
import json
import os
import platform
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
LETTERS = int(os.environ.get("KGU_BENCH_LETTERS", "10000"))
SECONDS = float(os.environ.get("KGU_BENCH_SECONDS", "5"))
CLIENTS = tuple(int(c) for c in os.environ.get("KGU_BENCH_CLIENTS", "1,8,32").split(","))
TIMEOUT = float(os.environ.get("KGU_BENCH_TIMEOUT", "600"))  # seconds for one request
SERVERS = os.environ.get("KGU_BENCH_SERVERS", "kg-uitvoering,oxigraph serve,rdflib-endpoint")
CANNED = tuple(os.environ.get(
    "KGU_BENCH_QUERIES", "letters-per-signer,commitments-per-ministry-per-year,"
    "most-cited-kamerstukken,letters-in-period,organisations-mentioned").split(","))
RDFLIB_CLIENTS = tuple(int(c) for c in os.environ.get("KGU_BENCH_RDFLIB_CLIENTS", "1,8").split(","))


def canned() -> dict[str, str]:
    """The five canned queries as sent: example parameters bound, the first page."""
    from kg_uitvoering.library import load_library, prepared

    library = load_library()
    return {name: prepared(library[name], {p.name: p.example for p in library[name].parameters
                                           if p.example is not None})[0] for name in CANNED}


def corpus(target: Path) -> Path:
    """N-Quads of LETTERS letters: the dev build repeated under fresh IRIs, and the
    ontology's graph once; or the build in KGU_BENCH_CORPUS as it is."""
    from kg_uitvoering.build import build
    from kg_uitvoering.rdf import DEFAULT_BASE

    out = target / "corpus.nq"
    (target / "seed").mkdir(parents=True, exist_ok=True)
    if os.environ.get("KGU_BENCH_CORPUS"):
        with gzip.open(Path(os.environ["KGU_BENCH_CORPUS"]) / "kg.nq.gz", "rb") as source, \
                out.open("wb") as sink:
            shutil.copyfileobj(source, sink, 1 << 20)
        return out

    sources = [p for p in (ROOT / "data" / "letters", ROOT.parent / "shared" / "corpus" / "dev")
               if p.is_dir()]
    report = build(sources, target / "seed", DEFAULT_BASE)
    seed = gzip.decompress((target / "seed" / "kg.nq.gz").read_bytes()).decode("utf-8")
    lines = [ln for ln in seed.splitlines(keepends=True) if "/id/" in ln]
    per_copy = len([r for r in report.letters if r.letter])
    with out.open("w", encoding="utf-8") as stream:
        stream.writelines(ln for ln in seed.splitlines(keepends=True) if "/id/" not in ln)
        for copy in range(max(1, LETTERS // per_copy)):
            stream.write("".join(lines).replace("/kg-uitvoering/id/", f"/kg-uitvoering/id/c{copy}/"))
    return out


def wait(url: str) -> None:
    for _ in range(2400):  # rdflib needs minutes to load a large graph
        try:
            httpx.get(url, timeout=2)
            return
        except httpx.TransportError:
            time.sleep(0.5)
    raise RuntimeError(f"{url} did not come up")


def load_test(url: str, query: str, clients: int) -> dict[str, float | str]:
    latencies: list[float] = []
    failures: list[str] = []
    stop_at = time.perf_counter() + SECONDS
    lock = threading.Lock()

    def client() -> None:
        with httpx.Client(timeout=TIMEOUT) as http:
            while time.perf_counter() < stop_at:
                start = time.perf_counter()
                try:
                    response = http.post(url, data={"query": query},
                                         headers={"Accept": "application/sparql-results+json"})
                    response.raise_for_status()
                except httpx.HTTPError as exc:
                    detail = exc.response.text[:200] if isinstance(exc, httpx.HTTPStatusError) else ""
                    with lock:
                        failures.append(f"{exc} {detail}")
                    continue
                with lock:
                    latencies.append(time.perf_counter() - start)

    threads = [threading.Thread(target=client) for _ in range(clients)]
    began = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if not latencies:
        return {"qps": 0.0, "p50_ms": 0.0, "p95_ms": 0.0, "p99_ms": 0.0, "requests": 0,
                "failures": len(failures),
                "error": failures[0][:300] if failures else "no request was sent within the run"}
    q = statistics.quantiles(latencies, n=100) if len(latencies) > 1 else latencies * 99
    return {"qps": round(len(latencies) / (time.perf_counter() - began), 2),
            "p50_ms": round(q[49] * 1000, 1), "p95_ms": round(q[94] * 1000, 1),
            "p99_ms": round(q[98] * 1000, 1), "requests": len(latencies),
            "failures": len(failures)}


def measure(name: str, url: str, clients: tuple[int, ...] = CLIENTS
            ) -> dict[str, dict[str, dict[str, float | str]]]:
    results: dict[str, dict[str, dict[str, float | str]]] = {}
    for label, query in canned().items():
        load_test(url, query, 1)  # warm-up
        results[label] = {str(c): load_test(url, query, c) for c in clients}
        print(f"{name:>16} {label:<34} " + "  ".join(
            f"{c}:{results[label][str(c)]['qps']:>8} q/s p50 {results[label][str(c)]['p50_ms']}ms"
            for c in clients), flush=True)
    return results


def serve(command: list[str], url: str, env: dict[str, str] | None = None
          ) -> subprocess.Popen[bytes]:
    try:
        httpx.get(url, timeout=2)
        raise RuntimeError(f"something already answers at {url}: stop it first")
    except httpx.TransportError:
        pass
    process = subprocess.Popen(command, env={**os.environ, **(env or {})},
                               start_new_session=True, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    wait(url)
    return process


def stop(process: subprocess.Popen[bytes]) -> None:
    """Stop a server and its workers; a server busy with a slow query gets SIGKILL."""
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def main() -> None:
    bin_dir = Path(sys.executable).parent
    results: dict[str, object] = {}
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        quads = corpus(work)
        # The union of the letter graphs, for the default graph of all three servers.
        union = work / "union.nt"
        with quads.open(encoding="utf-8") as source, union.open("w", encoding="utf-8") as sink:
            sink.writelines(line.rsplit(" <", 1)[0] + " .\n" for line in source if line.strip())
        for dump, name in ((quads, "kg.nq.gz"), (union, "kg.ttl.gz")):
            with gzip.open(work / "seed" / name, "wt", encoding="utf-8") as stream:
                stream.write(dump.read_text(encoding="utf-8"))
        subprocess.run([bin_dir / "kg-uitvoering", "load", work / "seed", "--store",
                        work / "store"], check=True, capture_output=True)
        for dump in (quads, union):
            subprocess.run([bin_dir / "oxigraph", "load", "--location", work / "oxi", "--file",
                            dump], check=True, capture_output=True)
        (work / "rdflib_app.py").write_text(
            "from rdflib import Graph\nfrom rdflib_endpoint import SparqlEndpoint\n"
            f"g = Graph()\ng.parse({str(union)!r}, format='nt')\n"
            "app = SparqlEndpoint(graph=g)\n", encoding="utf-8")
        # name, command, the URL that answers once it is up, the query URL, client counts
        servers = [
            ("kg-uitvoering", [str(bin_dir / "kg-uitvoering"), "serve", "--store", str(work / "store"),
                               "--port", "18001"],
             "http://127.0.0.1:18001/healthz", "http://127.0.0.1:18001/sparql", CLIENTS),
            ("oxigraph serve", [str(bin_dir / "oxigraph"), "serve-read-only", "--location",
                                str(work / "oxi"), "--bind", "127.0.0.1:18002"],
             "http://127.0.0.1:18002/", "http://127.0.0.1:18002/query", CLIENTS),
            ("rdflib-endpoint", [sys.executable, "-m", "uvicorn", "--app-dir", str(work),
                                 "rdflib_app:app", "--port", "18003", "--log-level", "warning"],
             "http://127.0.0.1:18003/", "http://127.0.0.1:18003/", RDFLIB_CLIENTS),
        ]
        for name, command, up, url, clients in servers:
            if name.split()[0] not in SERVERS:
                continue
            loading = time.perf_counter()
            process = serve(command, up)
            print(f"{name} up in {time.perf_counter() - loading:.0f} s", flush=True)
            try:
                results[name] = measure(name, url, clients)
            finally:
                stop(process)
    _write(results)


def _write(results: dict[str, object]) -> None:
    subset = "" if len(CANNED) == 5 else "-" + "-".join(CANNED)
    subset += "-synthetic" if os.environ.get("KGU_BENCH_CORPUS") else ""
    name = f"endpoint-{LETTERS}-{'-'.join(s.split()[0] for s in SERVERS.split(','))}{subset}.json"
    out = ROOT / "bench" / "results" / name
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({"machine": platform.platform(), "cores": os.cpu_count(),
                               "letters": LETTERS, "seconds_per_run": SECONDS,
                               "request_timeout_s": TIMEOUT,
                               "results": results}, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
