"""Write docs/benchmarks.md from the JSON files that the benchmarks left in bench/results/."""

from __future__ import annotations

import json
import statistics
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results"


def endpoint_table(data: dict[str, object]) -> list[str]:
    results: dict[str, dict[str, dict[str, dict[str, float]]]] = data["results"]  # type: ignore[assignment]
    servers = list(results)
    queries = list(next(iter(results.values())))
    timeout = float(data.get("request_timeout_s", 600))  # type: ignore[arg-type]
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
                cells.append("not run" if not r else f"no answer in {timeout:g} s" if not
                             r["requests"] else
                             f"{r['qps']} ({r['p50_ms']}/{r['p95_ms']}/{r['p99_ms']})")
            ours = results.get("kg-uitvoering", {}).get(query, {}).get(clients, {}).get("qps")
            extra = []
            for other in ("oxigraph serve", "rdflib-endpoint"):
                theirs = results.get(other, {}).get(query, {}).get(clients, {}).get("qps")
                answered = results.get(other, {}).get(query, {}).get(clients, {})
                if ours and theirs:
                    ratios[other].append(ours / theirs)
                    extra.append(f"{ours / theirs:.2f}")
                elif ours and answered and not answered["requests"]:
                    extra.append(f"> {ours * timeout:.0f}")  # theirs: under 1 per timeout
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


def scale_tables(data: dict[str, Any]) -> list[str]:
    """The pipeline and the canned queries per corpus size (bench/bench_scale.py)."""
    sizes = data["sizes"]
    repeats = ", ".join(f"{e.get('repeats', data['repeats'])} at {n}" for n, e in sizes.items())
    lines = [f"{data['cores']} cores ({data['machine']}), Python {data['python']}, measured "
             f"{data['measured']}; canned queries: median (p50) and p95 of several runs after a "
             f"warm-up ({repeats} letters).", "",
             "| letters | extraction short / long letters/s | build 1 worker letters/s | "
             "build 2 workers letters/s | build peak MB | load triples/s | store MB | "
             "kg.nq.gz MB | kg.ttl.gz MB | N-Quads dump s |",
             "|---|---|---|---|---|---|---|---|---|---|"]
    for letters, e in sizes.items():
        x, two, load = e.get("extraction", {}), e.get("build_workers_2", {}), e.get("load", {})
        one = e.get("build_workers_1", {}).get("letters_per_second", "–")
        dumps = e.get("dumps_mb", {})
        lines.append(
            f"| {letters} | {x.get('short_letters_per_second', '–')} / "
            f"{x.get('long_letters_per_second', '–')} | {one} | "
            f"{two.get('letters_per_second', '–')} | {two.get('peak_memory_mb', '–')} | "
            f"{load.get('triples_per_second', '–')} | {load.get('store_mb', '–')} | "
            f"{dumps.get('kg.nq.gz', '–')} | {dumps.get('kg.ttl.gz', '–')} | "
            f"{e.get('dump_nquads_seconds', '–')} |")
    lines += [f"\n{letters} letters: {e['note']}" for letters, e in sizes.items() if "note" in e]
    profiled = {n: e["profile_ms_per_letter"] for n, e in sizes.items()
                if "profile_ms_per_letter" in e}
    if profiled:
        stages = list(next(iter(profiled.values())))
        lines += ["", "Where a build worker's time goes: milliseconds per letter in each stage, "
                  "under cProfile (which slows Python code more than native code, so the "
                  "shares say more than the sum), on a sample of the corpus.", "",
                  "| stage | " + " | ".join(f"{n} letters: ms | share" for n in profiled) + " |",
                  "|---|" + "---|---|" * len(profiled)]
        for stage in stages:
            cells = [f"{p[stage]} | {100 * p[stage] / p['total']:.0f} %" for p in profiled.values()]
            lines.append(f"| {stage} | " + " | ".join(cells) + " |")
    names = sorted({q for e in sizes.values() for q in e["canned_queries"]})
    warm = ", ".join(f"{e['served']['warm_up_seconds']} s at {n}" for n, e in sizes.items()
                     if "warm_up_seconds" in e.get("served", {}))
    lines += ["", "Canned queries: p50 / p95 ms on the store (the engine, a query in a worker "
              "process as the server runs it), and p50 ms through the REST API once the server "
              "has warmed its answers (served; the warm-up after start took "
              f"{warm or '–'} letters; a query with parameters is answered by the engine "
              "the first time and from memory when asked again, which is what the served "
              "column shows). Parameters: the examples, except where these name items of "
              "the development letters; then items of the synthetic corpus (see "
              "scale.json).", "",
              "| canned query | " + " | ".join(f"{n}: engine | {n}: served" for n in sizes)
              + " |", "|---|" + "---|---|" * len(sizes)]
    for name in names:
        cells = []
        for e in sizes.values():
            r = e["canned_queries"].get(name)
            cells.append("–" if r is None else f"> {r['timeout_s']:g} s" if "timeout_s" in r
                         else f"{r['p50_ms']} / {r['p95_ms']} ({r['rows']} rows)")
            kept = e.get("served", {}).get(name)
            cells.append("–" if not kept else f"{kept['p50_ms']}" if "p50_ms" in kept
                         else "failed")
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    return lines


def scale_plot(data: dict[str, Any], target: Path) -> bool:
    """Latency of every canned query against corpus size, log-log (needs matplotlib)."""
    try:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        return False
    sizes = {int(n): e["canned_queries"] for n, e in data["sizes"].items()}
    figure, axes = plt.subplots(figsize=(9, 6))
    names = sorted({q for queries in sizes.values() for q in queries})
    for name in names:
        points = sorted((n, q[name]["p50_ms"]) for n, q in sizes.items()
                        if "p50_ms" in q.get(name, {}))
        if points:
            axes.plot(*zip(*points, strict=True), marker="o", label=name)
    axes.axhline(200, color="grey", linestyle="--", label="target: 200 ms")
    axes.set(xscale="log", yscale="log", xlabel="letters", ylabel="p50 latency (ms)",
             title="Canned queries: latency against corpus size")
    axes.legend(fontsize=6, ncol=2)
    figure.tight_layout()
    figure.savefig(target, dpi=120)
    return True


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
    scale = RESULTS / "scale.json"
    if scale.exists():
        data = json.loads(scale.read_text(encoding="utf-8"))
        lines += ["## The pipeline at scale (synthetic letters)", "", *scale_tables(data), ""]
        if scale_plot(data, ROOT / "docs" / "bench-latency.png"):
            lines += ["![p50 latency of every canned query against corpus size]"
                      "(bench-latency.png)", ""]
    for path in sorted(RESULTS.glob("endpoint-*.json")):
        lines += [f"## SPARQL endpoint: {path.stem}", ""]
        lines += [*endpoint_table(json.loads(path.read_text(encoding="utf-8"))), ""]
    out = ROOT / "docs" / "benchmarks.md"
    out.parent.mkdir(exist_ok=True)
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
