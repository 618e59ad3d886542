"""Reading ``queries/*.rq``: a header in grlc's decorator style, then the query.

The header is YAML written after ``#+``::

    #+ summary: Letters per signer
    #+ description: Every person who signed, with the number of letters.
    #+ tags: [people]
    #+ method: GET
    #+ pagination: 50
    #+ defaults:
    #+   - kind: https://w3id.org/kg-uitvoering/def#NewCommitment
    #+ enumerate:
    #+   - kind
    #+ examples:
    #+   - before: 2030-01-01

``examples`` is ours (grlc has none): a value per parameter, shown in the API docs.
A file that breaks a rule is refused with the file name and the reason: a query that
does not parse, one that is not a SELECT, a paginated query without a top-level
ORDER BY or with its own LIMIT, a default or example that does not fit its type.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from importlib import resources
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import yaml

from ..store.scan import query_form, top_level_keywords, variables
from .params import Parameter, ParameterError, parameter

METHODS = ("GET", "POST")


class QueryFileError(ValueError):
    """A query file breaks a rule; the message names the file and the rule."""


@dataclass(frozen=True)
class CannedQuery:
    name: str  # the file name without .rq: the API path and the CLI name
    summary: str
    description: str
    tags: tuple[str, ...]
    method: str
    pagination: int | None  # rows a page, or None for all rows at once
    parameters: tuple[Parameter, ...]
    text: str  # the whole file, header included (comments are SPARQL comments)

    def parameter(self, name: str) -> Parameter:
        for p in self.parameters:
            if p.name == name:
                return p
        raise ParameterError(f"{self.name} has no parameter {name!r}; it takes: "
                             + (", ".join(p.name for p in self.parameters) or "none"))


def _header(text: str) -> dict[str, Any]:
    lines = [line.strip()[2:] for line in text.splitlines() if line.strip().startswith("#+")]
    data = yaml.safe_load("\n".join(line[1:] if line.startswith(" ") else line for line in lines))
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ValueError("the #+ header is not a YAML mapping")
    return data


def _pairs(value: Any, key: str) -> dict[str, str]:
    """grlc writes defaults as a list of one-key maps; a plain map is accepted too."""
    if value is None:
        return {}
    items = value if isinstance(value, list) else [value]
    pairs: dict[str, str] = {}
    for item in items:
        if not isinstance(item, dict):
            raise ValueError(f"{key}: expected 'name: value' entries")
        pairs.update({str(k): str(v) for k, v in item.items()})
    return pairs


def parse_query(name: str, text: str, forms: tuple[str, ...] = ("SELECT",)) -> CannedQuery:
    """One query file's content; :class:`QueryFileError` when it breaks a rule. Canned
    queries are SELECTs (rows); the web pages' own queries may also be CONSTRUCTs."""
    try:
        return _parse(name, text, forms)
    except (ValueError, yaml.YAMLError) as exc:
        raise QueryFileError(f"{name}.rq: {exc}") from None


def _parse(name: str, text: str, forms: tuple[str, ...]) -> CannedQuery:
    head = _header(text)
    unknown = set(head) - {"summary", "description", "tags", "method", "pagination", "defaults",
                           "enumerate", "examples", "endpoint", "transform"}
    if unknown:
        raise ValueError("unknown header field(s): " + ", ".join(sorted(unknown)))
    try:
        ox.Store().query(text)
    except SyntaxError as exc:
        raise ValueError(f"the query does not parse: {exc}") from None
    if query_form(text) not in forms:
        raise ValueError(f"the query must be a {' or '.join(forms)} query")
    keywords = top_level_keywords(text)
    pagination = head.get("pagination")
    if pagination is not None:
        if not isinstance(pagination, int) or pagination < 1:
            raise ValueError("pagination must be a positive number of rows")
        if "ORDER" not in keywords:
            raise ValueError("a paginated query needs a top-level ORDER BY, or pages would "
                             "overlap")
        if keywords & {"LIMIT", "OFFSET"}:
            raise ValueError("a paginated query must not have its own LIMIT or OFFSET")
    params = [p for p in map(parameter, variables(text)) if p is not None]
    names = [p.name for p in params]
    if len(set(names)) != len(names):
        raise ValueError("two parameter variables share a name: " + ", ".join(names))
    defaults = _pairs(head.get("defaults"), "defaults")
    examples = _pairs(head.get("examples"), "examples")
    enumerated = [str(v) for v in head.get("enumerate") or []]
    for given in (defaults, examples, dict.fromkeys(enumerated, "")):
        stray = set(given) - set(names)
        if stray:
            raise ValueError("header names unknown parameter(s): " + ", ".join(sorted(stray)))
    params = [replace(p, default=defaults.get(p.name), example=examples.get(p.name, defaults.get(p.name)),
                      enumerate=p.name in enumerated) for p in params]
    for p in params:
        for value in (p.default, p.example):
            if value is not None:
                p.term(value)  # raises ParameterError (a ValueError) when it does not fit
    method = str(head.get("method", "GET")).upper()
    if method not in METHODS:
        raise ValueError(f"method must be one of {', '.join(METHODS)}")
    tags = head.get("tags") or []
    summary = str(head.get("summary") or "").strip()
    if not summary:
        raise ValueError("the header needs a summary")
    return CannedQuery(name=name, summary=summary,
                       description=" ".join(str(head.get("description") or "").split()),
                       tags=tuple(str(t) for t in (tags if isinstance(tags, list) else [tags])),
                       method=method, pagination=pagination, parameters=tuple(params), text=text)


def packaged_queries() -> Path:
    """The ``queries/`` folder shipped with the package."""
    return Path(str(resources.files("kg_uitvoering").joinpath("rq")))


def load_library(directory: Path | None = None) -> dict[str, CannedQuery]:
    """Every ``*.rq`` in ``directory`` (default: the packaged queries), by name."""
    folder = directory or packaged_queries()
    library: dict[str, CannedQuery] = {}
    for path in sorted(folder.glob("*.rq")):
        library[path.stem] = parse_query(path.stem, path.read_text(encoding="utf-8"))
    if not library:
        raise QueryFileError(f"no .rq files in {folder}")
    return library
