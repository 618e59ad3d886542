"""Prometheus text metrics kept by the app (no globals): requests, latency, timeouts, and
the answers kept for canned queries and pages."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from ..store.answers import AnswerCache

BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0)


@dataclass
class Metrics:
    requests: Counter[tuple[str, int]] = field(default_factory=Counter)
    buckets: list[int] = field(default_factory=lambda: [0] * len(BUCKETS))
    count: int = 0
    total_seconds: float = 0.0
    timeouts: int = 0

    def observe(self, route: str, status: int, seconds: float) -> None:
        self.requests[(route, status)] += 1
        self.count += 1
        self.total_seconds += seconds
        for i, bound in enumerate(BUCKETS):
            if seconds <= bound:
                self.buckets[i] += 1

    def render(self, answers: AnswerCache | None = None) -> str:
        lines = ["# HELP kgu_requests_total HTTP requests by route and status.",
                 "# TYPE kgu_requests_total counter"]
        for (route, status), n in sorted(self.requests.items()):
            lines.append(f'kgu_requests_total{{route="{route}",status="{status}"}} {n}')
        lines += ["# HELP kgu_request_seconds Request latency.",
                  "# TYPE kgu_request_seconds histogram"]
        for bound, n in zip(BUCKETS, self.buckets, strict=True):
            lines.append(f'kgu_request_seconds_bucket{{le="{bound}"}} {n}')
        lines += [f'kgu_request_seconds_bucket{{le="+Inf"}} {self.count}',
                  f"kgu_request_seconds_sum {self.total_seconds:.6f}",
                  f"kgu_request_seconds_count {self.count}",
                  "# HELP kgu_query_timeouts_total Queries stopped by the timeout.",
                  "# TYPE kgu_query_timeouts_total counter",
                  f"kgu_query_timeouts_total {self.timeouts}"]
        if answers is not None:
            lines += ["# HELP kgu_answers_total Canned-query and page answers, by whether "
                      "they were kept from before.",
                      "# TYPE kgu_answers_total counter",
                      f'kgu_answers_total{{kept="yes"}} {answers.hits}',
                      f'kgu_answers_total{{kept="no"}} {answers.misses}',
                      "# HELP kgu_answers_kept Answers kept in memory.",
                      "# TYPE kgu_answers_kept gauge",
                      f"kgu_answers_kept {len(answers)}",
                      "# HELP kgu_answers_kept_bytes Their size.",
                      "# TYPE kgu_answers_kept_bytes gauge",
                      f"kgu_answers_kept_bytes {answers.size}",
                      "# HELP kgu_answers_warm_pending Canned queries still to answer in "
                      "the warm-up at start.",
                      "# TYPE kgu_answers_warm_pending gauge",
                      f"kgu_answers_warm_pending {answers.warm_pending}"]
        return "\n".join(lines) + "\n"
