"""Generate a synthetic corpus of Kamerbrieven with gold annotations (issue 7).

    python bench/generate.py --letters 1000 --seed 1 --out build/corpus-1k
    python bench/generate.py --letters 200 --seed 7 --out /tmp/c --renderings ob,letterhead

Writes ``OUT/NAME.txt`` and ``OUT/NAME.gold.json`` for each letter, in the renderings
the project reads (an officielebekendmakingen page, an OpenTK page, the text of a
letterhead PDF) taken in turn, with gold annotations in the format of
``../shared/corpus/GUIDELINES.md``. Each letter has a Kamerstuk number of its own (a
letter whose number is taken is planned again). The same seed and number of letters give
the same bytes; letter i does not depend on how many letters are asked for. Letters are
written one by one (nothing is held in memory) and the rate is reported at the end. Check the
result with ``kg-uitvoering evaluate OUT``. The generator lives in ``bench/synth/``.
"""

from __future__ import annotations

import argparse
import sys
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synth import RENDERINGS, letter


@dataclass
class Stats:
    letters: int
    bytes: int
    seconds: float

    @property
    def rate(self) -> float:
        return self.letters / self.seconds if self.seconds else float("inf")


def generate(out: Path, letters: int, seed: int, renderings: tuple[str, ...] = RENDERINGS
             ) -> Stats:
    """Write ``letters`` letters and their gold files to ``out``."""
    unknown = [r for r in renderings if r not in RENDERINGS]
    if unknown or not renderings:
        raise ValueError(f"unknown renderings {unknown}; choose from {', '.join(RENDERINGS)}")
    out.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    size = 0
    taken: set[tuple[str, str]] = set()  # the Kamerstuk numbers of the letters so far
    for index in range(letters):
        name, text, gold, number = letter(index, seed, renderings[index % len(renderings)],
                                          taken)
        if number is not None:
            taken.add(number)
        data = text.encode("utf-8")
        (out / f"{name}.txt").write_bytes(data)
        (out / f"{name}.gold.json").write_bytes(gold.encode("utf-8"))
        size += len(data)
    return Stats(letters, size, time.perf_counter() - start)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--letters", type=int, required=True, help="how many letters")
    parser.add_argument("--seed", type=int, default=1, help="the corpus seed (default 1)")
    parser.add_argument("--out", type=Path, required=True, help="the folder to write to")
    parser.add_argument("--renderings", default=",".join(RENDERINGS),
                        help=f"comma-separated, from {','.join(RENDERINGS)} (default: all)")
    args = parser.parse_args(argv)
    renderings = tuple(r.strip() for r in args.renderings.split(",") if r.strip())
    try:
        stats = generate(args.out, args.letters, args.seed, renderings)
    except ValueError as err:
        parser.error(str(err))
    print(f"{stats.letters} letters ({stats.bytes / 1e6:.1f} MB of text) in {args.out} in "
          f"{stats.seconds:.1f} s: {stats.rate:.0f} letters/s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
