"""Extraction speed on one core: letters per second for short and for long letters.

Run with ``make bench``. Reads the letters in data/letters (and ../shared/corpus/dev when
present), splits them into short (< 5,000 characters) and long ones, and reads and
extracts each group repeatedly in this one process. Prints the median of the runs and
writes bench/results/extract.json. Not a test: nothing here asserts a speed.
"""

from __future__ import annotations

import json
import platform
import statistics
import time
from pathlib import Path

from kg_uitvoering.extract import extract
from kg_uitvoering.pipeline import letter_files
from kg_uitvoering.sources import read_source

ROOT = Path(__file__).resolve().parents[1]
SOURCES = [ROOT / "data" / "letters", ROOT.parent / "shared" / "corpus" / "dev"]
REPEATS = 7


def rate(paths: list[Path], rounds: int) -> float:
    """Letters per second over ``rounds`` passes through ``paths``."""
    start = time.perf_counter()
    for _ in range(rounds):
        for path in paths:
            extract(read_source(path))
    return rounds * len(paths) / (time.perf_counter() - start)


def main() -> None:
    files = sorted({p.name: p for p in letter_files([s for s in SOURCES if s.is_dir()])}.values())
    sizes = {p: len(p.read_text(encoding="utf-8", errors="replace")) for p in files}
    groups = {"short": [p for p in files if sizes[p] < 5000],
              "long": [p for p in files if sizes[p] >= 5000]}
    results = {}
    for name, paths in groups.items():
        if not paths:
            continue
        rounds = max(1, 400 // len(paths)) if name == "short" else max(1, 60 // len(paths))
        rate(paths, 1)  # warm-up: regex compilation, gazetteer load
        runs = [rate(paths, rounds) for _ in range(REPEATS)]
        results[name] = {"letters": len(paths), "median_chars": statistics.median(
            sizes[p] for p in paths), "letters_per_second_median": round(statistics.median(runs), 1),
            "runs": [round(r, 1) for r in runs]}
        print(f"{name:>5}: {len(paths)} letters (median {results[name]['median_chars']:.0f} chars)"
              f"  median {results[name]['letters_per_second_median']} letters/s over {REPEATS} runs")
    out = ROOT / "bench" / "results" / "extract.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({"machine": platform.platform(), "python": platform.python_version(),
                               "results": results}, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
