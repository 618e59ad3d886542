"""Compare extracted records with gold annotations (``NAME.gold.json`` beside ``NAME.txt``).

Matching rules (the same as the hidden evaluation's):
- citations: sets of (dossier, ondernummer);
- signers: (surname without initials and titles, role, portfolio);
- organisations: equal name or equal abbreviation (case and spacing ignored);
- commitments: a prediction matches a gold quote (or one of its ``alt_quotes``) when at
  least half of the shorter text's words are shared; predictions that match only a
  ``commitments_optional`` quote are neither rewarded nor penalised; kind accuracy is
  measured over the matched pairs;
- dilemmas: equal number; other references: equal (type, text);
- document fields: exact equality per field (accuracy).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from .model import LetterRecord

DOCUMENT_FIELDS = ("kamerstuk", "also_dossiers", "dossier_title", "title", "date",
                   "vergaderjaar", "documentnummer", "zaak", "chamber")
TITLES = {"mr", "dr", "drs", "prof", "ir", "ing", "dhr", "mevr"}


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Evaluation:
    scores: dict[str, Score] = field(default_factory=dict)
    accuracy: dict[str, tuple[int, int]] = field(default_factory=dict)
    details: dict[str, list[str]] = field(default_factory=dict)

    def add(self, name: str, tp: int, fp: int, fn: int) -> None:
        s = self.scores.setdefault(name, Score())
        s.tp, s.fp, s.fn = s.tp + tp, s.fp + fp, s.fn + fn

    def count(self, name: str, correct: bool) -> None:
        ok, total = self.accuracy.get(name, (0, 0))
        self.accuracy[name] = (ok + int(correct), total + 1)

    def f1(self, name: str) -> float:
        if name in self.scores:
            return self.scores[name].f1
        ok, total = self.accuracy.get(name, (0, 0))
        return ok / total if total else 1.0

    def to_json(self) -> dict[str, Any]:
        return {
            "fields": {k: {"precision": round(v.precision, 4), "recall": round(v.recall, 4),
                           "f1": round(v.f1, 4), "tp": v.tp, "fp": v.fp, "fn": v.fn}
                       for k, v in self.scores.items()},
            "accuracy": {k: {"accuracy": round(ok / n, 4) if n else 1.0, "correct": ok,
                             "total": n} for k, (ok, n) in self.accuracy.items()},
            "details": self.details,
        }


def words(text: str) -> set[str]:
    return set(re.findall(r"\w+", text.lower()))


def overlap(a: str, b: str) -> float:
    """The share of the shorter text's (distinct) words that occur in the other."""
    wa, wb = words(a), words(b)
    shorter, longer = (wa, wb) if len(wa) <= len(wb) else (wb, wa)
    return len(shorter & longer) / len(shorter) if shorter else 0.0


def quotes_match(a: str, b: str) -> bool:
    """At least half of the shorter text's words occur in the other."""
    return overlap(a, b) >= 0.5


def surname(name: str) -> str:
    tokens = [t for t in re.split(r"\s+", name.strip())
              if not re.fullmatch(r"(?:[A-Za-z]{1,3}\.)+", t) and t.lower().strip(".") not in TITLES]
    return " ".join(tokens).lower()


def _norm(text: str | None) -> str:
    return re.sub(r"\s+", " ", text or "").strip().lower()


def _pair(pred: list[Any], gold: list[Any], score: Callable[[Any, Any], float]
          ) -> tuple[list[tuple[Any, Any]], list[Any], list[Any]]:
    """One-to-one matching, best-scoring pairs first (a score of 0 is no match):
    (pairs, unmatched predictions, unmatched gold)."""
    candidates = sorted(((score(p, g), i, j) for i, p in enumerate(pred)
                         for j, g in enumerate(gold)), key=lambda c: -c[0])
    used_p: set[int] = set()
    used_g: set[int] = set()
    pairs = []
    for value, i, j in candidates:
        if value > 0 and i not in used_p and j not in used_g:
            used_p.add(i)
            used_g.add(j)
            pairs.append((pred[i], gold[j]))
    return (pairs, [p for i, p in enumerate(pred) if i not in used_p],
            [g for j, g in enumerate(gold) if j not in used_g])


def _score_set(ev: Evaluation, name: str, file: str, pred: Iterable[Any], gold: Iterable[Any]
               ) -> None:
    p, g = set(pred), set(gold)
    ev.add(name, len(p & g), len(p - g), len(g - p))
    for miss in sorted(map(str, g - p)):
        ev.details.setdefault(name, []).append(f"{file}: missed {miss}")
    for wrong in sorted(map(str, p - g)):
        ev.details.setdefault(name, []).append(f"{file}: extra {wrong}")


def evaluate_letter(ev: Evaluation, record: LetterRecord, gold: dict[str, Any], file: str) -> None:
    data = record.to_json(include_text=False)
    doc, gdoc = data["document"], gold.get("document", {})
    for name in DOCUMENT_FIELDS:
        got, want = doc.get(name), gdoc.get(name)
        if name == "also_dossiers":
            got, want = sorted(got or []), sorted(want or [])
        ev.count(name, got == want)
        if got != want:
            ev.details.setdefault(name, []).append(f"{file}: got {got!r}, want {want!r}")
    _score_set(ev, "citations", file,
               ((c["dossier"], c["ondernummer"]) for c in data["citations"]),
               ((c["dossier"], c.get("ondernummer")) for c in gold.get("citations", [])))
    _score_set(ev, "signers", file,
               ((surname(s["name"]), s["role"], s["of"]) for s in data["signers"]),
               ((surname(s["name"]), s["role"], s["of"]) for s in gold.get("signers", [])))
    _score_set(ev, "dilemmas", file, (d["number"] for d in data["dilemmas"]),
               (d["number"] for d in gold.get("dilemmas", [])))
    _score_set(ev, "other_references", file,
               ((r["type"], _norm(r["text"])) for r in data["other_references"]),
               ((r["type"], _norm(r["text"])) for r in gold.get("other_references", [])))
    _organisations(ev, file, data["organisations"], gold.get("organisations", []))
    _commitments(ev, file, data["commitments"], gold)


def _organisations(ev: Evaluation, file: str, pred: list[dict[str, Any]],
                   gold: list[dict[str, Any]]) -> None:
    def same(p: dict[str, Any], g: dict[str, Any]) -> float:
        names = {_norm(p["name"]), _norm(p.get("abbr"))} - {""}
        return float(bool(names & ({_norm(g["name"]), _norm(g.get("abbr"))} - {""})))

    pairs, extra, missed = _pair(pred, gold, same)
    ev.add("organisations", len(pairs), len(extra), len(missed))
    for g in missed:
        ev.details.setdefault("organisations", []).append(f"{file}: missed {g['name']}")
    for p in extra:
        ev.details.setdefault("organisations", []).append(f"{file}: extra {p['name']}")


def _commitments(ev: Evaluation, file: str, pred: list[dict[str, Any]], gold: dict[str, Any]
                 ) -> None:
    wanted = gold.get("commitments", [])
    optional = [o["quote"] for o in gold.get("commitments_optional", [])]

    def same(p: dict[str, Any], g: dict[str, Any]) -> float:
        best = max(overlap(p["quote"], q) for q in [g["quote"], *g.get("alt_quotes", [])])
        return best if best >= 0.5 else 0.0

    pairs, extra, missed = _pair(pred, wanted, same)
    extra = [p for p in extra if not any(quotes_match(p["quote"], q) for q in optional)]
    ev.add("commitments", len(pairs), len(extra), len(missed))
    for p, g in pairs:
        ev.count("commitment_kind", p["kind"] == g["kind"])
        if p["kind"] != g["kind"]:
            ev.details.setdefault("commitment_kind", []).append(
                f"{file}: {p['kind']} for {g['kind']}: {_norm(g['quote'])[:70]}")
    for g in missed:
        ev.details.setdefault("commitments", []).append(
            f"{file}: missed {g['kind']}: {_norm(g['quote'])[:90]}")
    for p in extra:
        ev.details.setdefault("commitments", []).append(
            f"{file}: extra {p['kind']}: {_norm(p['quote'])[:90]}")


def report_lines(ev: Evaluation) -> list[str]:
    lines = [f"{'field':<18} {'P':>6} {'R':>6} {'F1':>6}   tp  fp  fn"]
    for name, s in ev.scores.items():
        lines.append(f"{name:<18} {s.precision:6.3f} {s.recall:6.3f} {s.f1:6.3f} "
                     f"{s.tp:4d} {s.fp:3d} {s.fn:3d}")
    lines.append(f"{'field':<18} {'accuracy':>8}")
    for name, (ok, total) in ev.accuracy.items():
        lines.append(f"{name:<18} {ok / total if total else 1.0:8.3f}  ({ok}/{total})")
    return lines
