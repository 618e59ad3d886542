"""The whole pipeline at corpus scale, on synthetic letters (issue 7).

    python bench/bench_scale.py                 # 1k letters (make bench)
    KGU_BENCH_SIZES=1000,10000,100000 python bench/bench_scale.py   # make bench-full

For each size: the corpus is generated once (``bench/generate.py``, seed 1, kept in
``build/bench/``); then measured, each step in a fresh process:

- extraction: letters/s for the shorter and the longer half of a sample of letters;
- build (read, extract, map, validate, write the dumps) with 1 worker (up to 1,000
  only) and 2 workers: letters/s (the median of three runs up to 1,000 letters) and the
  peak memory of the whole process tree;
- a profile of a build worker: milliseconds per letter in each stage, under cProfile;
- load into the embedded store: triples/s and the store's size on disk;
- dumps: their sizes, and the time to write the store back out as N-Quads (not with
  ``KGU_BENCH_SKIP_DUMP=1``);
- with ``KGU_BENCH_QUERIES_ONLY=1`` only the queries below are measured again, on the
  stores an earlier run left in ``build/bench/``;
- every canned query, with its example parameters or, where these name items of the
  development letters, with items of this corpus: p50 and p95 latency over REPEATS
  runs after one warm-up, each run stopped after TIMEOUT seconds: on the store itself
  (the engine), and through ``kg-uitvoering serve``'s REST API once the server has
  warmed its answers (what a client waits for; see store/answers.py).

Results go to ``bench/results/scale.json``; ``bench/report.py`` turns them into tables
and a plot in docs/. Nothing here asserts a speed.
"""

from __future__ import annotations

import json
import os
import platform
import signal
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parents[1]
WORK = ROOT / "build" / "bench"
BIN = Path(sys.executable).parent
SIZES = [int(s) for s in os.environ.get("KGU_BENCH_SIZES", "1000").split(",")]
REPEATS = int(os.environ.get("KGU_BENCH_REPEATS", "7"))
TIMEOUT = float(os.environ.get("KGU_BENCH_TIMEOUT", "120"))
SAMPLE = 400  # letters per extraction measurement

EXTRACT = """
import sys, time
from pathlib import Path
from kg_uitvoering.pipeline import extract_file
paths = [Path(p) for p in sys.argv[1:]]
start = time.perf_counter()
for path in paths:
    extract_file(path)
print(len(paths) / (time.perf_counter() - start))
"""


def tree_rss(pid: int) -> int:
    """Resident memory (bytes) of a process and all its descendants."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(entry.name))
        rss[int(entry.name)] = int(fields[21]) * os.sysconf("SC_PAGE_SIZE")
    total, todo = 0, [pid]
    while todo:
        current = todo.pop()
        total += rss.get(current, 0)
        todo.extend(children.get(current, []))
    return total


def timed(command: list[str]) -> tuple[float, float, str]:
    """Run a command: (seconds, peak MB of its process tree, stdout)."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                               text=True)
    peak = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.wait(0.2):
            peak = max(peak, tree_rss(process.pid))

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, _ = process.communicate()
    seconds = time.perf_counter() - start
    done.set()
    sampler.join()
    if process.returncode not in (0, 1):  # 1: some letters have warnings or were rejected
        raise RuntimeError(f"{command} failed with {process.returncode}")
    return seconds, peak / 2**20, out


def size_on_disk(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def corpus(letters: int) -> Path:
    target = WORK / f"corpus-{letters}"
    if not (target / ".complete").exists():
        subprocess.run([sys.executable, str(ROOT / "bench" / "generate.py"), "--letters",
                        str(letters), "--seed", "1", "--out", str(target)], check=True)
        (target / ".complete").touch()
    return target


PROFILE = """
import cProfile, json, pstats, sys
from kg_uitvoering.build import CHUNK, process_chunk
paths = sys.argv[1:]
profiler = cProfile.Profile()
profiler.enable()
for i in range(0, len(paths), CHUNK):
    process_chunk(paths[i:i + CHUNK], "https://w3id.org/kg-uitvoering/id/", False)
profiler.disable()
stats = pstats.Stats(profiler).stats  # (file, line, name) -> (cc, nc, tt, ct, callers)
stages = {"read_source": "read", "find_signers": "extract: signers", "layout": "extract: layout",
          "read_document": "extract: heading", "find_citations": "extract: citations",
          "find_other_references": "extract: other references",
          "find_organisations": "extract: organisations", "find_dilemmas": "extract: dilemmas",
          "find_commitments": "extract: commitments", "letter_graph": "map to RDF",
          "summarise": "summary for the register", "validate_batch": "validate (SHACL)",
          "serialised": "serialise (N-Quads, TriG, Turtle)", "process_chunk": "total"}
out = {label: 0.0 for label in stages.values()}
for (path, _, name), (_, _, _, cumulative, _) in stats.items():
    if name in stages and "kg_uitvoering" in path:
        out[stages[name]] += cumulative
print(json.dumps({k: round(v * 1000 / len(paths), 2) for k, v in out.items()}))
"""


def spread(folder: Path) -> list[Path]:
    """About 2 × SAMPLE letters spread over the corpus, shortest first."""
    letters = sorted(folder.glob("*.txt"), key=lambda p: p.stat().st_size)
    return letters[::max(1, len(letters) // (2 * SAMPLE))]


def profile(folder: Path) -> dict[str, float]:
    """Milliseconds per letter in each stage of a build worker's work, under cProfile
    (which slows pure-Python code more than native code: read the shares, not the sum)."""
    out = subprocess.run([sys.executable, "-c", PROFILE, *map(str, spread(folder))],
                         check=True, capture_output=True, text=True).stdout
    return json.loads(out)  # type: ignore[no-any-return]


def extraction(folder: Path) -> dict[str, float]:
    sample_ = spread(folder)
    half = len(sample_) // 2
    rates = {}
    for name, part in (("short", sample_[:half]), ("long", sample_[half:])):
        out = subprocess.run([sys.executable, "-c", EXTRACT, *map(str, part)], check=True,
                             capture_output=True, text=True).stdout
        rates[f"{name}_letters_per_second"] = round(float(out), 1)
        rates[f"{name}_median_bytes"] = part[len(part) // 2].stat().st_size
    return rates


def build_and_load(folder: Path, letters: int, workers: tuple[int, ...]) -> dict[str, object]:
    cli = str(BIN / "kg-uitvoering")
    result: dict[str, object] = {}
    out = WORK / f"kg-{letters}"
    runs = 3 if letters <= 1000 else 1  # a short build is noisy: the median of three
    for count in workers:
        timings = [timed([cli, "build", str(folder), "--out", str(out), "--workers",
                          str(count)])[:2] for _ in range(runs)]
        seconds = statistics.median(t for t, _ in timings)
        result[f"build_workers_{count}"] = {
            "seconds": round(seconds, 1), "letters_per_second": round(letters / seconds, 1),
            "peak_memory_mb": round(max(p for _, p in timings)),
            "runs_letters_per_second": [round(letters / t, 1) for t, _ in timings]}
    report = json.loads((out / "build-report.json").read_text(encoding="utf-8"))
    store = WORK / f"store-{letters}"
    seconds, peak, _ = timed([cli, "load", str(out), "--store", str(store)])
    triples = report["triples"]
    result["load"] = {"seconds": round(seconds, 1), "peak_memory_mb": round(peak),
                      "store_mb": round(size_on_disk(store) / 2**20, 1), "triples": triples,
                      "triples_per_second": round(triples / seconds)}
    result["dumps_mb"] = {p.name: round(p.stat().st_size / 2**20, 2)
                          for p in sorted(out.glob("kg.*"))}
    return result


QUERIES = """
import json, statistics, sys, time
from pathlib import Path
from kg_uitvoering.library import load_library, run_canned
from kg_uitvoering.store.isolated import IsolatedStore, QueryTimeout
store = IsolatedStore(Path(sys.argv[1]), timeout=float(sys.argv[2]), workers=1)
repeats = int(sys.argv[3])
library = load_library()
params = {name: {p.name: p.example for p in query.parameters if p.example is not None}
          for name, query in library.items()}
# The examples name the development letters' items; take such items from this corpus.
new = "https://w3id.org/kg-uitvoering/def#NewCommitment"
made = run_canned(store, library["commitments"], {"kind": new}).bindings
cited = run_canned(store, library["most-cited-kamerstukken"], {}).bindings
if made:
    for name in ("commitment-lifecycle", "passage-of-item"):
        params[name] = {p.name: made[0]["commitment"]["value"]
                        for p in library[name].parameters if p.required}
if cited:
    params["letters-citing-kamerstuk"] = {"dossier": cited[0]["dossierNumber"]["value"],
                                          "ondernummer": cited[0]["ondernummer"]["value"]}
out = {}
for name, query in sorted(library.items()):
    times = []
    try:
        for _ in range(repeats + 1):
            start = time.perf_counter()
            rows = len(run_canned(store, query, params[name]).bindings)
            times.append(time.perf_counter() - start)
    except QueryTimeout:
        out[name] = {"timeout_s": float(sys.argv[2]), "parameters": params[name]}
        continue
    times = sorted(times[1:])
    out[name] = {"p50_ms": round(statistics.median(times) * 1000, 1),
                 "p95_ms": round(times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
                                 * 1000, 1), "rows": rows, "parameters": params[name]}
store.close()
print(json.dumps(out))
"""


def canned(letters: int) -> dict[str, Any]:
    """Every canned query on the store itself, with its example parameters, or with
    items of this corpus where the examples name items of the development letters."""
    out = subprocess.run([sys.executable, "-c", QUERIES, str(WORK / f"store-{letters}"),
                          str(TIMEOUT), str(REPEATS)], check=True, capture_output=True, text=True)
    return json.loads(out.stdout)  # type: ignore[no-any-return]


def _quantiles(times: list[float]) -> dict[str, float]:
    times = sorted(times)
    return {"p50_ms": round(statistics.median(times) * 1000, 1),
            "p95_ms": round(times[min(len(times) - 1, round(0.95 * (len(times) - 1)))] * 1000, 1)}


def served(letters: int, parameters: dict[str, dict[str, str]]) -> dict[str, object]:
    """Every canned query through ``kg-uitvoering serve`` (REST API, JSON rows) once the
    server has warmed its answers: what a client waits for."""
    port = 18010
    url = f"http://127.0.0.1:{port}"
    process = subprocess.Popen([str(BIN / "kg-uitvoering"), "serve", "--store",
                                str(WORK / f"store-{letters}"), "--port", str(port)],
                               env={**os.environ, "KGU_QUERY_TIMEOUT": str(TIMEOUT)},
                               start_new_session=True, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    out: dict[str, object] = {}
    try:
        started = time.perf_counter()
        while True:  # until the warm-up is over (a query in it may have failed)
            try:
                samples = dict(line.rsplit(" ", 1) for line in httpx.get(
                    f"{url}/metrics", timeout=5).text.splitlines() if line[:1] not in "#")
                if float(samples.get("kgu_answers_warm_pending", 1)) == 0:
                    break
            except httpx.TransportError:
                pass
            time.sleep(0.5)
        out["warm_up_seconds"] = round(time.perf_counter() - started, 1)
        out["warmed_answers"] = int(float(samples["kgu_answers_kept"]))
        with httpx.Client(timeout=TIMEOUT) as http:
            for name, values in sorted(parameters.items()):
                times = []
                try:
                    for _ in range(REPEATS + 1):
                        start = time.perf_counter()
                        http.get(f"{url}/api/queries/{name}", params=values).raise_for_status()
                        times.append(time.perf_counter() - start)
                except (httpx.TimeoutException, httpx.HTTPStatusError) as exc:
                    out[name] = {"failed": f"{type(exc).__name__}: {exc}"[:200]}
                    continue
                out[name] = _quantiles(times[1:])
    finally:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
    return out


def dump_time(letters: int) -> float:
    script = ("import sys, time, pyoxigraph as ox\n"
              "store = ox.Store.read_only(sys.argv[1]); start = time.perf_counter()\n"
              "store.dump(sys.argv[2], ox.RdfFormat.N_QUADS)\n"
              "print(time.perf_counter() - start)")
    target = WORK / f"dump-{letters}.nq"
    out = subprocess.run([sys.executable, "-c", script, str(WORK / f"store-{letters}"),
                          str(target)], check=True, capture_output=True, text=True).stdout
    target.unlink()
    return round(float(out), 2)


def main() -> None:
    WORK.mkdir(parents=True, exist_ok=True)
    target = ROOT / "bench" / "results" / "scale.json"
    data = json.loads(target.read_text()) if target.exists() else {"sizes": {}}
    data.update({"machine": platform.platform(), "cores": os.cpu_count(),
                 "python": platform.python_version(), "measured": time.strftime("%Y-%m-%d"),
                 "repeats": REPEATS, "timeout_s": TIMEOUT})
    for letters in SIZES:
        print(f"{letters} letters", flush=True)
        entry: dict[str, object] = data["sizes"].get(str(letters), {})
        if not os.environ.get("KGU_BENCH_QUERIES_ONLY"):  # else: the store of an earlier run
            folder = corpus(letters)
            entry = {"extraction": extraction(folder), "profile_ms_per_letter": profile(folder)}
            entry.update(build_and_load(folder, letters,
                                        (1, 2) if letters <= 1000 else (2,)))
            if not os.environ.get("KGU_BENCH_SKIP_DUMP"):
                entry["dump_nquads_seconds"] = dump_time(letters)
        entry.update(repeats=REPEATS, timeout_s=TIMEOUT)
        entry["canned_queries"] = queries = canned(letters)
        data["sizes"][str(letters)] = entry  # kept even if the served step fails
        target.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
        entry["served"] = served(letters, {name: r["parameters"] for name, r in queries.items()})
        print(json.dumps(entry, indent=1), flush=True)
        target.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
