"""Convert and validate speed, and the whole build with 1 and 2 workers, with peak memory.

Run with ``make bench``. The corpus is the distinct letters in data/letters and
../shared/corpus/dev (when present), copied ``COPIES`` times under new names so that a
build has enough work for two workers (copies of a letter get the same IRIs, so the
dumps hold each letter once). Each measurement runs in a fresh process; medians of
``REPEATS`` runs are printed side by side and written to bench/results/build.json.
Not a test: nothing here asserts a speed.
"""

from __future__ import annotations

import json
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCES = [ROOT / "data" / "letters", ROOT.parent / "shared" / "corpus" / "dev"]
COPIES = 4
REPEATS = 3

STAGE = """
import sys, time, resource
from pathlib import Path
from kg_uitvoering.pipeline import run_extraction
from kg_uitvoering.rdf import Iris, letter_graph
from kg_uitvoering.validate import validate_batch
from kg_uitvoering.build import build
stage, corpus, out = sys.argv[1], sys.argv[2], sys.argv[3]
start = time.perf_counter()
if stage == "convert":
    graphs = [letter_graph(e.record, Iris()) for e in run_extraction([corpus]) if e.record]
    n = len(graphs)
elif stage == "validate":
    graphs = [letter_graph(e.record, Iris())[1] for e in run_extraction([corpus]) if e.record]
    start = time.perf_counter()
    for i in range(0, len(graphs), 50):
        validate_batch(graphs[i:i + 50])
    n = len(graphs)
else:
    n = len(build([corpus], Path(out), "https://w3id.org/kg-uitvoering/id/",
                  workers=int(stage[-1])).letters)
seconds = time.perf_counter() - start
peak = max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
           resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
print(n / seconds, peak / 1024)
"""


def corpus(target: Path) -> int:
    """Copy the distinct letters COPIES times into ``target``; returns the count."""
    seen: dict[str, Path] = {}
    for source in SOURCES:
        if source.is_dir():
            for path in sorted(source.glob("*.txt")):
                seen.setdefault(path.name, path)
    for copy in range(COPIES):
        for name, path in seen.items():
            shutil.copy(path, target / f"{copy}_{name}")
    return len(seen) * COPIES


def run(stage: str, letters: Path, out: Path) -> tuple[float, float]:
    result = subprocess.run([sys.executable, "-c", STAGE, stage, str(letters), str(out)],
                            check=True, capture_output=True, text=True)
    rate, peak = result.stdout.split()
    return float(rate), float(peak)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        letters = Path(tmp) / "letters"
        letters.mkdir()
        count = corpus(letters)
        results = {}
        for stage in ("convert", "validate", "build-workers-1", "build-workers-2"):
            runs = [run(stage, letters, Path(tmp) / f"out-{stage}-{i}") for i in range(REPEATS)]
            rate = statistics.median(r for r, _ in runs)
            peak = max(p for _, p in runs)
            results[stage] = {"letters_per_second_median": round(rate, 2),
                              "peak_memory_mb": round(peak, 1),
                              "runs": [round(r, 2) for r, _ in runs]}
            print(f"{stage:>16}: {rate:7.2f} letters/s (median of {REPEATS}), "
                  f"peak {peak:.0f} MB, {count} letters")
    out = ROOT / "bench" / "results" / "build.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({"machine": platform.platform(), "python": platform.python_version(),
                               "letters": count, "measured": time.strftime("%Y-%m-%d"),
                               "results": results}, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
