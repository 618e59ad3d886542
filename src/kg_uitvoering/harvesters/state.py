"""The harvest state: what was fetched, so a harvest resumes and does nothing twice.

``<out>/harvest-state.json`` holds one section per harvest (``tk``, ``tk-feed``,
``tk-toezeggingen``, ``ob``): its cursor (the query it ran and the page to fetch
next: a nextLink, a SyncFeed skiptoken URL or an SRU startRecord URL) and, per
document, the version marker (GewijzigdOp, ``bijgewerkt`` or the SRU timestamp),
the files written with their SHA-256, and the status (``ok``, ``deleted``,
``error`` with the reason). The file is rewritten atomically (a temporary file,
then ``os.replace``) after every document, so a harvest killed at any moment finds
a complete state when it starts again.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Literal

STATE_FILE = "harvest-state.json"
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
    """The state file of an output folder; :meth:`save` after every change."""

    def __init__(self, out: Path) -> None:
        self.path = out / STATE_FILE
        self.sections: dict[str, Section] = {}
        if self.path.is_file():
            raw: dict[str, Any] = json.loads(self.path.read_text(encoding="utf-8"))
            for name, section in raw.get("harvests", {}).items():
                docs = {key: DocumentState(**value)
                        for key, value in section.get("documents", {}).items()}
                self.sections[name] = Section(section.get("query"), section.get("next"), docs)

    def section(self, name: str) -> Section:
        return self.sections.setdefault(name, Section())

    def save(self) -> None:
        data = {"version": 1, "harvests": {
            name: {"query": s.query, "next": s.next,
                   "documents": {key: asdict(doc) for key, doc in s.documents.items()}}
            for name, s in self.sections.items()}}
        write_atomic(self.path, json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8"))
