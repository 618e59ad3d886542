"""The SPARQL endpoint side by side with `oxigraph serve` and rdflib-endpoint.

Run with ``make bench-endpoint`` (not part of ``make bench``: it needs several GB and
minutes). A graph of ``LETTERS`` letters is made by repeating the built development
letters under fresh IRIs (``…/id/copyN/…``); until the synthetic corpus of issue 7 exists
this is the stand-in. The three servers serve the same quads on loopback, one at a time,
and a load generator in this process sends five research queries at 1, 8 and 32
concurrent clients for ``SECONDS`` each. The table gives throughput and p50/p95/p99
latency per server, with the ratios asked for in issue 4; results go to
bench/results/endpoint.json. Not a test: nothing here asserts a speed.
"""

from __future__ import annotations

import gzip
import json
import os
import platform
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
CLIENTS = (1, 8, 32)
SERVERS = os.environ.get("KGU_BENCH_SERVERS", "kg-uitvoering,oxigraph serve,rdflib-endpoint")
PREFIXES = """PREFIX kgu: <https://w3id.org/kg-uitvoering/def#>
PREFIX eli: <http://data.europa.eu/eli/ontology#> PREFIX foaf: <http://xmlns.com/foaf/0.1/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#> PREFIX dcterms: <http://purl.org/dc/terms/>
"""
QUERIES = {
    "letters per signer": "SELECT ?name (COUNT(DISTINCT ?l) AS ?n) WHERE { ?l kgu:hasSignature/"
                          "kgu:signer/foaf:name ?name } GROUP BY ?name ORDER BY DESC(?n) LIMIT 20",
    "commitments by kind": "SELECT ?kind (COUNT(?c) AS ?n) WHERE { ?l kgu:hasCommitment ?c . "
                           "?c kgu:commitmentKind ?kind } GROUP BY ?kind",
    "most cited": "SELECT ?k (COUNT(DISTINCT ?l) AS ?n) WHERE { ?l eli:cites ?k } GROUP BY ?k "
                  "ORDER BY DESC(?n) LIMIT 10",
    "letters of a dossier": "SELECT ?l ?date WHERE { ?l eli:is_part_of ?d ; eli:date_document "
                            "?date . ?d kgu:dossierNumber \"29362\" } ORDER BY ?date LIMIT 50",
    "organisation mentions": "SELECT ?name (COUNT(?l) AS ?n) WHERE { ?l kgu:mentions/"
                             "skos:prefLabel ?name } GROUP BY ?name ORDER BY DESC(?n) LIMIT 20",
}


def corpus(target: Path) -> Path:
    """N-Quads of LETTERS letters: the dev build repeated under fresh IRIs."""
    from kg_uitvoering.build import build
    from kg_uitvoering.rdf import DEFAULT_BASE

    sources = [p for p in (ROOT / "data" / "letters", ROOT.parent / "shared" / "corpus" / "dev")
               if p.is_dir()]
    report = build(sources, target / "seed", DEFAULT_BASE)
    seed = gzip.decompress((target / "seed" / "kg.nq.gz").read_bytes()).decode("utf-8")
    lines = [ln for ln in seed.splitlines(keepends=True) if "/id/" in ln]
    per_copy = len([r for r in report.letters if r.letter])
    out = target / "corpus.nq"
    with out.open("w", encoding="utf-8") as stream:
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


def load_test(url: str, query: str, clients: int) -> dict[str, float]:
    latencies: list[float] = []
    stop_at = time.perf_counter() + SECONDS
    lock = threading.Lock()

    def client() -> None:
        with httpx.Client(timeout=120) as http:
            while time.perf_counter() < stop_at:
                start = time.perf_counter()
                response = http.post(url, data={"query": PREFIXES + query},
                                     headers={"Accept": "application/sparql-results+json"})
                response.raise_for_status()
                with lock:
                    latencies.append(time.perf_counter() - start)

    threads = [threading.Thread(target=client) for _ in range(clients)]
    began = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    q = statistics.quantiles(latencies, n=100) if len(latencies) > 1 else latencies * 99
    return {"qps": round(len(latencies) / (time.perf_counter() - began), 2),
            "p50_ms": round(q[49] * 1000, 1), "p95_ms": round(q[94] * 1000, 1),
            "p99_ms": round(q[98] * 1000, 1), "requests": len(latencies)}


def measure(name: str, url: str) -> dict[str, dict[str, dict[str, float]]]:
    results: dict[str, dict[str, dict[str, float]]] = {}
    for label, query in QUERIES.items():
        load_test(url, query, 1)  # warm-up
        results[label] = {str(c): load_test(url, query, c) for c in CLIENTS}
        print(f"{name:>16} {label:<24} " + "  ".join(
            f"{c}:{results[label][str(c)]['qps']:>8} q/s p50 {results[label][str(c)]['p50_ms']}ms"
            for c in CLIENTS), flush=True)
    return results


def serve(command: list[str], url: str, env: dict[str, str] | None = None
          ) -> subprocess.Popen[bytes]:
    process = subprocess.Popen(command, env={**os.environ, **(env or {})},
                               start_new_session=True, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    wait(url)
    return process


def stop(process: subprocess.Popen[bytes]) -> None:
    os.killpg(process.pid, signal.SIGTERM)
    process.wait()


def main() -> None:
    bin_dir = Path(sys.executable).parent
    results: dict[str, object] = {}
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        quads = corpus(work)
        with gzip.open(work / "seed" / "kg.nq.gz", "wt", encoding="utf-8") as stream:
            stream.write(quads.read_text(encoding="utf-8"))
        subprocess.run([bin_dir / "kg-uitvoering", "load", work / "seed", "--store",
                        work / "store"], check=True, capture_output=True)
        subprocess.run([bin_dir / "oxigraph", "load", "--location", work / "oxi", "--file",
                        quads], check=True, capture_output=True)
        if "kg-uitvoering" in SERVERS:
            ours = serve([str(bin_dir / "kg-uitvoering"), "serve", "--store",
                          str(work / "store"), "--port", "18001"],
                         "http://127.0.0.1:18001/healthz")
            results["kg-uitvoering"] = measure("kg-uitvoering", "http://127.0.0.1:18001/sparql")
            stop(ours)
        if "oxigraph" in SERVERS:
            oxi = serve([str(bin_dir / "oxigraph"), "serve-read-only", "--location",
                         str(work / "oxi"), "--bind", "127.0.0.1:18002",
                         "--union-default-graph"], "http://127.0.0.1:18002/")
            results["oxigraph serve"] = measure("oxigraph serve", "http://127.0.0.1:18002/query")
            stop(oxi)
        if "rdflib" not in SERVERS:
            return _write(results)
        rdflib_app = work / "rdflib_app.py"
        rdflib_app.write_text(
            "from rdflib import Dataset\nfrom rdflib_endpoint import SparqlEndpoint\n"
            f"ds = Dataset(default_union=True)\nds.parse({str(quads)!r}, format='nquads')\n"
            "app = SparqlEndpoint(graph=ds)\n", encoding="utf-8")
        rdf = serve([sys.executable, "-m", "uvicorn", "--app-dir", str(work), "rdflib_app:app",
                     "--port", "18003", "--log-level", "warning"], "http://127.0.0.1:18003/")
        results["rdflib-endpoint"] = measure("rdflib-endpoint", "http://127.0.0.1:18003/")
        stop(rdf)
    _write(results)


def _write(results: dict[str, object]) -> None:
    name = f"endpoint-{LETTERS}-{'-'.join(s.split()[0] for s in SERVERS.split(','))}.json"
    out = ROOT / "bench" / "results" / name
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({"machine": platform.platform(), "cores": os.cpu_count(),
                               "letters": LETTERS, "seconds_per_run": SECONDS,
                               "results": results}, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
