"""Allowed values of an enumerated parameter (grlc's ``#+ enumerate``), read from the
store: the distinct values the variable takes in the triple patterns that use it."""

from __future__ import annotations

import json
from typing import Any

from rdflib import Variable
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.parserutils import CompValue

from ..store import Dataset, QueryError, Store
from .loader import CannedQuery
from .params import Parameter

MAX_VALUES = 500


def _patterns(node: Any, variable: Variable) -> list[tuple[Any, Any, Any]]:
    """The triple patterns, anywhere in an algebra tree, that use ``variable``."""
    found: list[tuple[Any, Any, Any]] = []
    if isinstance(node, CompValue):
        if node.name == "BGP":
            found += [t for t in node["triples"] if variable in t]
        for value in node.values():
            found += _patterns(value, variable)
    elif isinstance(node, list | tuple):
        for value in node:
            found += _patterns(value, variable)
    return found


def enumeration_query(query: CannedQuery, parameter: Parameter) -> str | None:
    """``SELECT DISTINCT ?v WHERE { patterns with ?v }``, or None when no pattern has it."""
    variable = Variable(parameter.variable)
    triples = _patterns(prepareQuery(query.text).algebra, variable)
    if not triples:
        return None
    body = " . ".join(" ".join(term.n3() for term in t) for t in triples)
    return (f"SELECT DISTINCT {variable.n3()} WHERE {{ {body} }} "
            f"ORDER BY {variable.n3()} LIMIT {MAX_VALUES}")


def enumeration(store: Store, query: CannedQuery, parameter: Parameter) -> list[str] | None:
    """The values, or None when they cannot be found (the parameter then stays free)."""
    text = enumeration_query(query, parameter)
    if text is None:
        return None
    try:
        result = store.query(text, ["application/sparql-results+json"], Dataset())
    except QueryError:
        return None
    rows = json.loads(result.body)["results"]["bindings"]
    return [row[parameter.variable]["value"] for row in rows if parameter.variable in row]
