"""A small lexical scan of SPARQL text: enough to find variables, the top-level
ORDER BY / LIMIT / OFFSET and the brace that opens the WHERE clause, without being
fooled by strings, IRIs or comments. Parsing proper is left to the engine."""

from __future__ import annotations

import re
from dataclasses import dataclass

TOKEN = re.compile(r"""
    (?P<comment>\#[^\n]*)
  | (?P<string>\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"|'''(?:[^'\\]|\\.|'(?!''))*'''
              |"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<variable>[?$][A-Za-z0-9_\u00b7\u00c0-\ufffd]+)
  | (?P<word>[A-Za-z][A-Za-z0-9_-]*(?::[^\s(){}.,;]*)?|:[^\s(){}.,;]*)
  | (?P<open>\{) | (?P<close>\})
  | (?P<other>\S)
""", re.VERBOSE)


@dataclass(frozen=True)
class Token:
    kind: str  # comment, string, iri, variable, word, open, close, other
    text: str
    start: int
    depth: int  # braces open before this token


def tokens(text: str) -> list[Token]:
    found: list[Token] = []
    depth = 0
    for m in TOKEN.finditer(text):
        kind = m.lastgroup or "other"
        if kind == "close":
            depth -= 1
        found.append(Token(kind, m.group(), m.start(), depth))
        if kind == "open":
            depth += 1
    return found


def variables(text: str) -> list[str]:
    """Variable names in order of first use, without ``?``/``$``."""
    seen: dict[str, None] = {}
    for t in tokens(text):
        if t.kind == "variable":
            seen.setdefault(t.text[1:], None)
    return list(seen)


def top_level_keywords(text: str) -> set[str]:
    """Keywords (upper case) that stand outside every brace: SELECT, ORDER, LIMIT, ..."""
    return {t.text.upper() for t in tokens(text) if t.kind == "word" and t.depth == 0}


def query_form(text: str) -> str | None:
    """SELECT, ASK, CONSTRUCT or DESCRIBE: the first of them at the top level."""
    for t in tokens(text):
        if t.kind == "word" and t.depth == 0 and t.text.upper() in (
                "SELECT", "ASK", "CONSTRUCT", "DESCRIBE"):
            return t.text.upper()
    return None


def where_brace(text: str) -> int:
    """The offset of the ``{`` that opens the outermost WHERE group."""
    seen_form = False
    for t in tokens(text):
        if t.kind == "word" and t.depth == 0 and t.text.upper() in ("SELECT", "ASK", "DESCRIBE"):
            seen_form = True
        if t.kind == "word" and t.depth == 0 and t.text.upper() == "WHERE":
            seen_form = True
        if t.kind == "open" and t.depth == 0 and seen_form:
            return t.start
    raise ValueError("no WHERE clause found")
