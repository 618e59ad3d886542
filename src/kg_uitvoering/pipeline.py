"""Run extraction over files and folders: every input gets a status, none is lost.

``run_extraction(paths)`` yields one :class:`RunEntry` per input file, in a stable
order: ``ok`` (a record, no warnings), ``warning`` (a record, with warnings) or
``error`` (no record; the reason says why). One bad file never stops a batch.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from .extract import extract
from .model import LetterRecord
from .sources import SIDECAR_SUFFIX, Rendering, UnreadableInput, read_source

Status = Literal["ok", "warning", "error"]
REGISTER_SUFFIX = ".toezegging.json"  # a record of the Kamer's commitment register
SKIPPED_SUFFIXES = (".gold.json", ".metadata.xml", SIDECAR_SUFFIX, REGISTER_SUFFIX)
# metadata, and the harvesters' bookkeeping (harvesters/run.py and state.py)
SKIPPED_NAMES = ("metadata.xml", "harvest-report.json", "harvest-state.json",
                 "harvest-state.journal")


@dataclass
class RunEntry:
    path: str
    status: Status
    reason: str | None = None
    warnings: list[str] = field(default_factory=list)
    record: LetterRecord | None = None

    def summary(self) -> dict[str, Any]:
        return {"path": self.path, "status": self.status, "reason": self.reason,
                "warnings": self.warnings}


def letter_files(paths: Iterable[str | Path]) -> list[Path]:
    """Files named directly, plus the files of named folders (recursively, sorted).

    Gold annotations, metadata sidecars (``metadata.xml``, ``NAME.tk.json``), commitment
    register records, a harvest's report and state, and hidden folders (the harvest's
    HTTP cache) are not letters and are skipped; a register record named directly is
    not a letter either (see :func:`register_files`).
    """
    files: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            files.extend(p for p in sorted(path.rglob("*")) if p.is_file() and _is_letter(p)
                         and not _hidden(p.relative_to(path)))
        elif not path.name.endswith(REGISTER_SUFFIX):
            files.append(path)
    return files


def register_files(paths: Iterable[str | Path]) -> list[Path]:
    """The commitment register records (``NAME.toezegging.json``) named directly or found
    in named folders (recursively, sorted)."""
    files: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            files.extend(sorted(path.rglob(f"*{REGISTER_SUFFIX}")))
        elif path.name.endswith(REGISTER_SUFFIX):
            files.append(path)
    return files


def _hidden(relative: Path) -> bool:
    """In a hidden folder (the harvesters' HTTP cache, ``.git``, ...)."""
    return any(part.startswith(".") for part in relative.parts[:-1])


def _is_letter(path: Path) -> bool:
    name = path.name
    return not (name.startswith(".") or name.endswith(SKIPPED_SUFFIXES)
                or name in SKIPPED_NAMES or ("metadata" in name and name.endswith(".xml")))


def extract_file(path: Path, rendering: Rendering | None = None) -> RunEntry:
    """Read and extract one file; any failure becomes an ``error`` entry with its reason."""
    try:
        doc = read_source(path, rendering)
        record = extract(doc)
    except UnreadableInput as exc:
        return RunEntry(str(path), "error", str(exc))
    except OSError as exc:
        return RunEntry(str(path), "error", f"cannot read file: {exc.strerror or exc}")
    except Exception as exc:  # a bug must not end the batch; the report says what broke
        return RunEntry(str(path), "error", f"internal error: {type(exc).__name__}: {exc}")
    status: Status = "warning" if record.warnings else "ok"
    return RunEntry(str(path), status, None, list(record.warnings), record)


def run_extraction(paths: Iterable[str | Path], rendering: Rendering | None = None
                   ) -> Iterator[RunEntry]:
    for path in letter_files(paths):
        yield extract_file(path, rendering)
