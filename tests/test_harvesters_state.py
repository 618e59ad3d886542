"""The harvest state: every change survives a kill, the file is whole JSON."""

from __future__ import annotations

import json
from pathlib import Path

from kg_uitvoering.harvesters.state import JOURNAL_FILE, STATE_FILE, DocumentState, HarvestState


def test_changes_in_the_journal_are_kept_and_a_cut_off_line_is_dropped(tmp_path: Path) -> None:
    state = HarvestState(tmp_path)
    state.move("tk", "http://127.0.0.1/odata/Document", "http://127.0.0.1/odata/Document?p=2")
    state.record("tk", DocumentState("a", "v1", "ok", None, {"tk/A.pdf": "0" * 64}))
    state.record("tk", DocumentState("b", "v1", "error", "HTTP 404 Not Found"))
    with (tmp_path / JOURNAL_FILE).open("a", encoding="utf-8") as journal:
        journal.write('{"harvest": "tk", "document": {"id": "c", "vers')  # killed mid-line
    assert not (tmp_path / STATE_FILE).exists()  # nothing but the journal so far

    reloaded = HarvestState(tmp_path).section("tk")
    assert reloaded.next == "http://127.0.0.1/odata/Document?p=2"
    assert {key: doc.status for key, doc in reloaded.documents.items()} == {"a": "ok",
                                                                            "b": "error"}
    assert not (tmp_path / JOURNAL_FILE).exists()  # folded into the state file
    saved = json.loads((tmp_path / STATE_FILE).read_text(encoding="utf-8"))
    assert saved["harvests"]["tk"]["documents"]["a"]["files"] == {"tk/A.pdf": "0" * 64}


def test_a_later_record_of_a_document_replaces_the_earlier(tmp_path: Path) -> None:
    state = HarvestState(tmp_path)
    state.record("ob", DocumentState("kst-1-2", "t1", "ok", None, {"ob/kst-1-2.xml": "1" * 64}))
    state.save()
    state.record("ob", DocumentState("kst-1-2", "t2", "deleted", "gone",
                                     {"ob/kst-1-2.xml": "1" * 64}))
    document = HarvestState(tmp_path).section("ob").documents["kst-1-2"]
    assert (document.version, document.status) == ("t2", "deleted")
