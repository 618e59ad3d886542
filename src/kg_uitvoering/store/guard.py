"""What a query may not do on a public endpoint: call other services or fetch data.

``SERVICE`` (federation), ``LOAD`` and ``FROM`` / ``FROM NAMED`` clauses that name a
graph outside this store are refused unless federation is explicitly allowed: such a
query could make a server fetch a URL. The protocol's ``default-graph-uri`` and
``named-graph-uri`` only select graphs of the store (the embedded store never fetches;
configure a remote server not to).
Keywords are looked for outside strings, IRIs and comments, so a literal that
mentions "service" is fine.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from urllib.parse import urljoin

from . import QueryError, scan


def check(query: str, graphs: Callable[[], Iterable[str]], allow_federation: bool,
          update: bool = False) -> None:
    """Raise QueryError when ``query`` would reach outside the store. ``graphs`` gives the
    store's graph names; it is only called when the query has a FROM clause."""
    if allow_federation:
        return
    tokens = [t.text for t in scan.tokens(query) if t.kind != "comment"]
    known: set[str] | None = None
    base = ""
    for i, token in enumerate(tokens):
        word = token.upper()
        if word == "BASE" and i + 1 < len(tokens) and tokens[i + 1].startswith("<"):
            base = urljoin(base, tokens[i + 1][1:-1])
        if word == "SERVICE":
            raise QueryError("SERVICE (federated query) is disabled on this endpoint")
        if update and word == "LOAD":
            raise QueryError("LOAD is disabled on this endpoint: it would fetch a URL")
        if word == "FROM" and not update:
            following = tokens[i + 1:i + 3]
            iri = next((t for t in following if t.startswith("<")), None)
            if known is None:
                known = set(graphs())
            if iri is not None and urljoin(base, iri[1:-1]) not in known:
                raise QueryError(f"FROM {iri}: not a graph of this dataset, and fetching "
                                 "graphs from elsewhere is disabled")


def apply_using(update: str, using: list[str], using_named: list[str]) -> str:
    """The protocol's ``using-graph-uri`` / ``using-named-graph-uri``, written into the
    update as ``USING`` / ``USING NAMED`` before the WHERE of each DELETE/INSERT
    operation (the SPARQL 1.1 Protocol says they mean exactly that)."""
    clause = " ".join([*(f"USING <{g}>" for g in using),
                       *(f"USING NAMED <{g}>" for g in using_named)])
    out: list[str] = []
    pos = 0
    previous = ""
    for token in scan.tokens(update):
        if token.depth == 0 and token.text.upper() == "WHERE" and previous == "close":
            out.append(update[pos:token.start] + clause + " ")
            pos = token.start
        if token.kind != "comment":
            previous = token.kind
    out.append(update[pos:])
    return "".join(out)
