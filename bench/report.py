"""Write docs/benchmarks.md from the JSON files that the benchmarks left in bench/results/."""

from __future__ import annotations

import json
import statistics
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results"


def endpoint_table(data: dict[str, object]) -> list[str]:
    results: dict[str, dict[str, dict[str, dict[str, float]]]] = data["results"]  # type: ignore[assignment]
    servers = list(results)
    queries = list(next(iter(results.values())))
    lines = [f"{data['letters']} letters, {data['seconds_per_run']} s per run, "
             f"{data['cores']} cores ({data['machine']}).", "",
             "| query | clients | " + " | ".join(f"{s} q/s (p50/p95/p99 ms)" for s in servers)
             + " | ours / oxigraph | ours / rdflib |",
             "|---|---|" + "---|" * (len(servers) + 2)]
    ratios: dict[str, list[float]] = {"oxigraph serve": [], "rdflib-endpoint": []}
    for query in queries:
        for clients in next(iter(results.values()))[query]:
            cells = []
            for server in servers:
                r = results[server][query].get(clients)
                cells.append("not run" if not r else "no answer" if not r["requests"]
                             else f"{r['qps']} ({r['p50_ms']}/{r['p95_ms']}/{r['p99_ms']})")
            ours = results.get("kg-uitvoering", {}).get(query, {}).get(clients, {}).get("qps")
            extra = []
            for other in ("oxigraph serve", "rdflib-endpoint"):
                theirs = results.get(other, {}).get(query, {}).get(clients, {}).get("qps")
                if ours and theirs:
                    ratios[other].append(ours / theirs)
                    extra.append(f"{ours / theirs:.2f}")
                else:
                    extra.append("–")
            lines.append(f"| {query} | {clients} | " + " | ".join(cells + extra) + " |")
    for other, values in ratios.items():
        if values:
            lines.append("")
            lines.append(f"Throughput of kg-uitvoering relative to {other}: geometric mean "
                         f"{statistics.geometric_mean(values):.2f}, lowest {min(values):.2f}, "
                         f"highest {max(values):.2f} over {len(values)} runs.")
    return lines


def main() -> None:
    lines = ["# Benchmarks", "",
             "Made by `make bench` and `make bench-endpoint`. The figures below are from one run",
             "on the project's 2-core machine; the raw results are in `bench/results/`.",
             "This file is rewritten by `python bench/report.py`.", ""]
    for name, title in (("extract.json", "Extraction (one process, one core)"),
                        ("build.json", "Convert, validate, build")):
        path = RESULTS / name
        if path.exists():
            data = json.loads(path.read_text(encoding="utf-8"))
            lines += [f"## {title}", "", "| stage | letters/s (median) | peak MB |", "|---|---|---|"]
            for stage, r in data["results"].items():
                lines.append(f"| {stage} | {r['letters_per_second_median']} | "
                             f"{r.get('peak_memory_mb', '–')} |")
            lines.append("")
    for path in sorted(RESULTS.glob("endpoint-*.json")):
        lines += [f"## SPARQL endpoint: {path.stem}", ""]
        lines += [*endpoint_table(json.loads(path.read_text(encoding="utf-8"))), ""]
    out = ROOT / "docs" / "benchmarks.md"
    out.parent.mkdir(exist_ok=True)
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
