"""What a query may not do on a public endpoint: call other services or fetch data.

``SERVICE`` (federation), ``LOAD`` and dataset clauses (``FROM``, ``FROM NAMED``,
``default-graph-uri``) that name a graph outside this store are refused unless
federation is explicitly allowed: such a query would make the server fetch a URL.
Keywords are looked for outside strings, IRIs and comments, so a literal that
mentions "service" is fine.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from . import QueryError

TOKENS = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^\'\\]|\\.|\'(?!\'\'))*\'\'\''
    r'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|<[^<>"{}|^`\\\s]*>|#[^\n]*|[^\s"\'<#]+|\S',
)
DATASET_CLAUSE = re.compile(r"(?i)^from$")


def check(query: str, graphs: Iterable[str], allow_federation: bool, update: bool = False) -> None:
    """Raise QueryError when ``query`` would reach outside the store."""
    if allow_federation:
        return
    tokens = [t for t in TOKENS.findall(query) if not t.startswith("#")]
    known = set(graphs)
    for i, token in enumerate(tokens):
        word = token.upper()
        if word == "SERVICE":
            raise QueryError("SERVICE (federated query) is disabled on this endpoint")
        if update and word == "LOAD":
            raise QueryError("LOAD is disabled on this endpoint: it would fetch a URL")
        if word == "FROM" and not update:
            following = tokens[i + 1:i + 3]
            iri = next((t for t in following if t.startswith("<")), None)
            if iri is not None and iri[1:-1] not in known:
                raise QueryError(f"FROM {iri}: not a graph of this dataset, and fetching "
                                 "graphs from elsewhere is disabled")


def check_dataset(iris: Iterable[str], graphs: Iterable[str], allow_federation: bool) -> None:
    """default-graph-uri / named-graph-uri must name graphs of the store."""
    if allow_federation:
        return
    unknown = sorted(set(iris) - set(graphs))
    if unknown:
        raise QueryError(f"{unknown[0]}: not a graph of this dataset, and fetching graphs "
                         "from elsewhere is disabled")
