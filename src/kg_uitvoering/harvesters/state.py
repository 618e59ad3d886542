"""The harvest state: what was fetched, so a harvest resumes and does nothing twice.

``<out>/harvest-state.json`` holds one section per harvest (``tk``, ``tk-feed``,
``tk-toezeggingen``, ``ob``): its cursor (the query it ran and the page to fetch
next: a nextLink, a SyncFeed skiptoken URL or an SRU startRecord URL) and, per
document, the version marker (GewijzigdOp, ``bijgewerkt`` or the SRU timestamp),
the files written with their SHA-256, and the status (``ok``, ``deleted``,
``error`` with the reason).

Every change is saved at once: appended to ``harvest-state.journal`` (one JSON line,
flushed to disk) after every document. :meth:`HarvestState.save` rewrites the JSON
file atomically (a temporary file, then ``os.replace``) and empties the journal; the
harvest does that after every page. Rewriting the whole file after every document
would cost seconds per document once the state holds tens of thousands. Loading reads
the file, replays the journal (a line cut off by a kill is dropped) and saves, so a
harvest killed at any moment finds a complete state when it starts again.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

STATE_FILE = "harvest-state.json"
JOURNAL_FILE = "harvest-state.journal"
Status = Literal["ok", "unchanged", "deleted", "skipped", "error"]


def write_atomic(path: Path, content: bytes) -> None:
    """Write ``content`` to ``path`` so that readers see the old file or the new, whole."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(content)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def sha256(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


@dataclass
class DocumentState:
    """What the state remembers of one document."""

    id: str
    version: str | None
    status: Status
    reason: str | None = None
    files: dict[str, str] = field(default_factory=dict)  # path under <out> -> SHA-256

    def is_current(self, version: str | None, out: Path) -> bool:
        """Harvested before at this version, and its files are still there."""
        return (self.status == "ok" and version is not None and self.version == version
                and all((out / name).is_file() for name in self.files))


@dataclass
class Section:
    """One harvest's cursor and documents."""

    query: str | None = None  # the first page's URL: a different query starts afresh
    next: str | None = None  # the page to fetch next; None when the query was walked
    documents: dict[str, DocumentState] = field(default_factory=dict)


class HarvestState:
    """The state of an output folder: :meth:`record` and :meth:`move` save each change
    in the journal; :meth:`save` writes the whole state and empties the journal."""

    def __init__(self, out: Path) -> None:
        self.path = out / STATE_FILE
        self.journal = out / JOURNAL_FILE
        self.sections: dict[str, Section] = {}
        if self.path.is_file():
            raw: dict[str, Any] = json.loads(self.path.read_text(encoding="utf-8"))
            for name, section in raw.get("harvests", {}).items():
                docs = {key: DocumentState(**value)
                        for key, value in section.get("documents", {}).items()}
                self.sections[name] = Section(section.get("query"), section.get("next"), docs)
        if self.journal.is_file():
            for line in self.journal.read_text(encoding="utf-8").splitlines():
                try:
                    change = json.loads(line)
                except ValueError:
                    continue  # the last line of a harvest killed while writing it
                self._apply(change)
            self.save()

    def section(self, name: str) -> Section:
        return self.sections.setdefault(name, Section())

    def _apply(self, change: dict[str, Any]) -> None:
        section = self.section(change["harvest"])
        if "document" in change:
            document = DocumentState(**change["document"])
            section.documents[document.id] = document
        else:
            section.query, section.next = change["query"], change["next"]

    def _append(self, change: dict[str, Any]) -> None:
        self._apply(change)
        self.journal.parent.mkdir(parents=True, exist_ok=True)
        with self.journal.open("a", encoding="utf-8") as handle:
            handle.write(json.dumps(change, ensure_ascii=False) + "\n")
            handle.flush()
            os.fsync(handle.fileno())

    def record(self, harvest: str, document: DocumentState) -> None:
        """Remember what became of a document."""
        self._append({"harvest": harvest, "document": vars(document)})

    def move(self, harvest: str, query: str, next_url: str | None) -> None:
        """Remember the query a harvest runs and the page it fetches next."""
        self._append({"harvest": harvest, "query": query, "next": next_url})

    def save(self) -> None:
        data = {"version": 1, "harvests": {
            name: {"query": s.query, "next": s.next,
                   "documents": {key: vars(doc) for key, doc in s.documents.items()}}
            for name, s in self.sections.items()}}
        write_atomic(self.path, json.dumps(data, ensure_ascii=False).encode("utf-8"))
        self.journal.unlink(missing_ok=True)
