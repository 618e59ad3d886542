"""The loop every harvester shares: walk the pages of a query, handle each document,
record it in the state and the run report.

A harvester supplies the first page's URL, a function that reads a page into
:class:`Item` s and the next page's URL, and a function that handles one item (fetch
its files, write them) and says what happened (:class:`Outcome`). :class:`Harvest`
does the rest: it resumes at the page the state says, saves the state after every
document, turns a failure of one document into an ``error`` entry and goes on, and
stops cleanly (state saved, the report saying why) when a whole page cannot be had.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

from .http import Fetched, HarvestError, PoliteClient
from .state import DocumentState, HarvestState, Status, sha256, write_atomic

REPORT_FILE = "harvest-report.json"
PAGE_ERRORS = (HarvestError, ValueError, ElementTree.ParseError)


def now_utc() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def safe_name(value: object, fallback: str) -> str:
    """``value`` as a file name when it is a plain identifier, else ``fallback``."""
    text = str(value or "")
    return text if re.fullmatch(r"[\w][\w.-]{0,120}", text) else fallback


@dataclass
class Item:
    """One document as a page lists it: its key, version marker and parsed data."""

    key: str
    version: str | None
    data: Any = None
    source_url: str = ""  # the page the item was listed on
    problem: str | None = None  # why the entry could not be read; it becomes an error


@dataclass
class Page:
    items: list[Item]
    next: str | None


@dataclass
class Outcome:
    status: Status
    reason: str | None = None
    files: dict[str, bytes] = field(default_factory=dict)  # path under <out> -> content


@dataclass
class Entry:
    id: str
    status: Status
    reason: str | None = None
    files: list[str] = field(default_factory=list)


@dataclass
class Report:
    """Every document a run saw, and whether the run got to the end of its query."""

    harvest: str
    started: str = field(default_factory=now_utc)
    finished: str | None = None
    failure: str | None = None
    entries: list[Entry] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for entry in self.entries:
            counts[entry.status] = counts.get(entry.status, 0) + 1
        return counts

    def summary(self) -> str:
        counts = ", ".join(f"{n} {status}" for status, n in sorted(self.counts().items()))
        line = f"{self.harvest}: {len(self.entries)} documents" + (f" ({counts})" if counts else "")
        return line + (f"\nstopped: {self.failure}" if self.failure else "")

    def to_json(self) -> dict[str, Any]:
        return {"harvest": self.harvest, "started": self.started, "finished": self.finished,
                "complete": self.failure is None, "failure": self.failure,
                "counts": self.counts(), "documents": [asdict(e) for e in self.entries]}


ReadPage = Callable[[Fetched], Page]
Handle = Callable[[Item], Outcome]


class Harvest:
    """One run of one harvester over an output folder."""

    def __init__(self, name: str, out: Path, client: PoliteClient,
                 on_entry: Callable[[Entry], None] | None = None) -> None:
        self.name = name
        self.out = out
        self.client = client
        self.state = HarvestState(out)
        self.section = self.state.section(name)
        self.report = Report(name)
        self.on_entry = on_entry

    def known(self, key: str) -> DocumentState | None:
        return self.section.documents.get(key)

    def is_current(self, key: str, version: str | None) -> bool:
        known = self.known(key)
        return known is not None and known.is_current(version, self.out)

    def _record(self, item: Item, outcome: Outcome) -> None:
        written: dict[str, str] = {}
        for name, content in outcome.files.items():
            write_atomic(self.out / name, content)
            written[name] = sha256(content)
        if outcome.status in ("ok", "deleted", "error"):
            previous = self.known(item.key)
            files = written or (previous.files if previous else {})
            self.state.record(self.name, DocumentState(
                item.key, item.version, outcome.status, outcome.reason, files))
        entry = Entry(item.key, outcome.status, outcome.reason, sorted(written))
        self.report.entries.append(entry)
        if self.on_entry:
            self.on_entry(entry)

    def _handle(self, item: Item, handle: Handle) -> Outcome:
        if item.problem:
            return Outcome("error", item.problem)
        try:
            return handle(item)
        except PAGE_ERRORS as exc:
            return Outcome("error", str(exc))
        except Exception as exc:  # a bug must not end the batch; the report says what broke
            return Outcome("error", f"internal error: {type(exc).__name__}: {exc}")

    def walk(self, first_url: str, read_page: ReadPage, handle: Handle,
             keep_last_page: bool = False) -> Report:
        """Walk the query from where the state left it. ``keep_last_page``: a feed that
        grows at its end is resumed at its last page next time, not from the start."""
        section = self.section
        url = section.next if section.query == first_url and section.next else first_url
        try:
            while True:
                self.state.move(self.name, first_url, url)
                page = read_page(self.client.get(url))
                for item in page.items:
                    self._record(item, self._handle(item, handle))
                if page.next is None:
                    break
                url = page.next
                self.state.save()
            self.state.move(self.name, first_url, url if keep_last_page else None)
        except PAGE_ERRORS as exc:
            reason = str(exc) if isinstance(exc, HarvestError) else f"{url}: {exc}"
            self.report.failure = f"stopped at page {reason}; run again to resume there"
        self.state.save()
        self.report.finished = now_utc()
        write_atomic(self.out / REPORT_FILE, json.dumps(
            self.report.to_json(), ensure_ascii=False, indent=1).encode("utf-8"))
        return self.report
