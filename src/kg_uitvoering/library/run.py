"""Running a canned query on any :class:`~kg_uitvoering.store.Store`, and its rows as
plain JSON, CSV, Markdown or a text table."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping
from dataclasses import dataclass

import pyoxigraph as ox

from ..store import Dataset, Store
from ..store.scan import where_brace
from .loader import CannedQuery
from .params import ParameterError

SPARQL_JSON = "application/sparql-results+json"
Binding = dict[str, dict[str, str]]  # a SPARQL JSON solution: variable -> term


@dataclass(frozen=True)
class Table:
    """The rows of one page of a canned query's answer."""

    variables: list[str]
    bindings: list[Binding]
    page: int | None = None  # None: not paginated
    has_next: bool = False

    def records(self) -> list[dict[str, str | None]]:
        """Rows as plain values (an IRI, or a literal's lexical form; None when unbound)."""
        return [{v: b[v]["value"] if v in b else None for v in self.variables}
                for b in self.bindings]

    def sparql_json(self) -> bytes:
        return json.dumps({"head": {"vars": self.variables},
                           "results": {"bindings": self.bindings}}, ensure_ascii=False).encode()

    def csv(self) -> str:
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(self.variables)
        for record in self.records():
            writer.writerow(["" if record[v] is None else record[v] for v in self.variables])
        return out.getvalue()

    def text(self, width: int = 60) -> str:
        """An aligned text table for a terminal; long values are cut at ``width``."""
        def cut(value: str | None) -> str:
            value = " ".join((value or "").split())
            return value if len(value) <= width else value[: width - 1] + "…"

        cells = [[cut(r[v]) for v in self.variables] for r in self.records()]
        widths = [max([len(v), *(len(row[i]) for row in cells)]) for i, v in enumerate(self.variables)]
        lines = ["  ".join(v.ljust(w) for v, w in zip(self.variables, widths, strict=True)),
                 "  ".join("-" * w for w in widths)]
        lines += ["  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) for row in cells]
        return "\n".join(line.rstrip() for line in lines) + "\n"


Bindings = dict[str, ox.NamedNode | ox.Literal]


def bind(query: CannedQuery, values: Mapping[str, str]) -> Bindings:
    """Variable -> RDF term for the given values and the defaults; raises
    :class:`ParameterError` for an unknown or missing parameter or a bad value."""
    for name in values:
        query.parameter(name)
    bindings: Bindings = {}
    for p in query.parameters:
        value = values.get(p.name)
        if value is None or value == "":
            value = p.default
        if value is None:
            if p.required:
                raise ParameterError(f"{query.name} needs the parameter {p.name!r} ({p.type})")
            continue
        bindings[p.variable] = p.term(value)
    return bindings


def with_values(query: str, bindings: Bindings) -> str:
    """The query with its parameters bound: a ``VALUES`` block first in the WHERE clause,
    SPARQL 1.1's own way of giving variables values, understood by every server. The
    terms are pyoxigraph's N-Triples serialisation of checked values, so no input can
    end the block or add to the query."""
    if not bindings:
        return query
    cut = where_brace(query) + 1
    names = " ".join(f"?{name}" for name in bindings)
    terms = " ".join(str(term) for term in bindings.values())
    return f"{query[:cut]} VALUES ({names}) {{ ({terms}) }}{query[cut:]}"


def prepared(query: CannedQuery, values: Mapping[str, str], page: int | None = None
             ) -> tuple[str, int | None]:
    """The SPARQL to send, parameters bound and the page's LIMIT/OFFSET added (one row
    more than a page, which tells whether there is a next page), and the page number."""
    text = with_values(query.text, bind(query, values))
    if query.pagination is None:
        if page not in (None, 1):
            raise ParameterError(f"{query.name} is not paginated")
        return text, None
    number = 1 if page is None else page
    if number < 1:
        raise ParameterError("page numbers start at 1")
    return (text + f"\nLIMIT {query.pagination + 1} OFFSET {(number - 1) * query.pagination}\n",
            number)


def run_canned(store: Store, query: CannedQuery, values: Mapping[str, str],
               page: int | None = None) -> Table:
    """Bind the parameters, run the query and read its rows (one page when paginated)."""
    text, number = prepared(query, values, page)
    data = json.loads(store.query(text, [SPARQL_JSON], Dataset()).body)
    rows: list[Binding] = data["results"]["bindings"]
    has_next = query.pagination is not None and len(rows) > query.pagination
    if query.pagination is not None:
        rows = rows[: query.pagination]
    return Table(list(data["head"]["vars"]), rows, number, has_next)
