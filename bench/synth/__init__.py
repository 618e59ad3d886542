"""A synthetic corpus of Kamerbrieven with gold annotations, correct by construction.

``letter(index, seed, rendering, taken)`` writes one letter: its file name, its text in
the chosen rendering, its gold annotation (GUIDELINES.md) as JSON text and its Kamerstuk
number (if it shows one). A plan whose number is in ``taken`` (the earlier letters') is
made again with the next attempt's random stream before anything is rendered, as a real
Kamerstuk number names one letter. A letter depends only on its arguments, so a corpus
is the same whatever its size.
"""

from __future__ import annotations

import json
from collections.abc import Container
from json.encoder import encode_basestring
from typing import Any

from .compose import plan
from .model import gold_record
from .render import RENDERERS

RENDERINGS = tuple(RENDERERS)


def letter(index: int, seed: int, rendering: str,
           taken: Container[tuple[str, str]] = frozenset()
           ) -> tuple[str, str, str, tuple[str, str] | None]:
    """(name, text, gold JSON, (dossier, ondernummer) or None) of letter ``index``; every
    gold quote is checked to be in the text. A letterhead letter has no number: it is
    named after its text."""
    for attempt in range(1000):
        planned = plan(index, seed, rendering, attempt)
        if planned.kamerstuk is None or planned.kamerstuk not in taken:
            break
    else:
        raise RuntimeError(f"letter {index}: no free Kamerstuk number in 1000 attempts")
    text, rendered = RENDERERS[rendering](planned)
    name = f"syn{seed}_{index:06d}_{rendering}"
    gold = gold_record(planned, f"{name}.txt", rendered)
    for item in gold["commitments"] + gold["commitments_optional"] + gold["not_commitments"]:
        for quote in [item["quote"], *item.get("alt_quotes", [])]:
            if quote not in text:
                raise AssertionError(f"{name}: quote not in the text: {quote!r}")
    return name, text, dumps(gold) + "\n", planned.kamerstuk


def dumps(value: Any, depth: int = 0) -> str:
    """``json.dumps(value, ensure_ascii=False, indent=1)``, several times faster (the
    indenting encoder of the json module is pure Python)."""
    if isinstance(value, str):
        return str(encode_basestring(value))
    if isinstance(value, dict):
        if not value:
            return "{}"
        pad = "\n" + " " * (depth + 1)
        items = [f"{pad}{encode_basestring(k)}: {dumps(v, depth + 1)}" for k, v in value.items()]
        return "{" + ",".join(items) + "\n" + " " * depth + "}"
    if isinstance(value, list):
        if not value:
            return "[]"
        pad = "\n" + " " * (depth + 1)
        return "[" + ",".join(pad + dumps(v, depth + 1) for v in value) + "\n" + " " * depth + "]"
    return json.dumps(value)


__all__ = ["RENDERINGS", "dumps", "letter"]
