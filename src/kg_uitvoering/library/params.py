"""Parameters of canned queries, named grlc's way, and their values as RDF terms.

``?_name`` is a required parameter, ``?__name`` an optional one; a last segment that
names a type (``?_before_date``, ``?_kamerstuk_iri``, grlc's ``?_year_xsd_gYear``)
gives its type, otherwise it is a plain string. A value given over HTTP or on the
command line is checked against its type and turned into a pyoxigraph term; it is
never pasted into the query text.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import pyoxigraph as ox

XSD = "http://www.w3.org/2001/XMLSchema#"
MAX_STRING = 1000  # characters in a string parameter

# type suffix -> (JSON Schema of the value, check of the lexical form)
TYPES: dict[str, tuple[dict[str, str], re.Pattern[str] | None]] = {
    "string": ({"type": "string"}, None),
    "iri": ({"type": "string", "format": "iri"},
            re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:[^<>\"{}|^`\\\x00-\x20]+")),
    "integer": ({"type": "integer"}, re.compile(r"[+-]?\d{1,18}")),
    "decimal": ({"type": "number"}, re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)")),
    "boolean": ({"type": "boolean"}, re.compile(r"true|false|1|0")),
    "date": ({"type": "string", "format": "date"}, re.compile(r"\d{4}-\d{2}-\d{2}")),
    "gYear": ({"type": "string", "pattern": r"^\d{4}$"}, re.compile(r"\d{4}")),
    "dateTime": ({"type": "string", "format": "date-time"},
                 re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?")),
}
ALIASES = {"literal": "string", "number": "decimal", "xsd_string": "string", "xsd_integer": "integer",
           "xsd_decimal": "decimal", "xsd_boolean": "boolean", "xsd_date": "date",
           "xsd_gYear": "gYear", "xsd_dateTime": "dateTime"}


class ParameterError(ValueError):
    """A parameter is missing, unknown, or its value does not fit its type."""


@dataclass(frozen=True)
class Parameter:
    name: str  # as given by users: "before"
    variable: str  # in the query: "_before_date"
    type: str  # a key of TYPES
    required: bool
    default: str | None = None
    example: str | None = None
    enumerate: bool = False  # allowed values are read from the store

    def schema(self) -> dict[str, object]:
        """The JSON Schema of the value, for OpenAPI."""
        schema: dict[str, object] = dict(TYPES[self.type][0])
        if self.default is not None:
            schema["default"] = self.default
        return schema

    def term(self, value: str) -> ox.NamedNode | ox.Literal:
        """The value as an RDF term, or :class:`ParameterError` saying what is wrong."""
        value = value.strip()
        pattern = TYPES[self.type][1]
        if pattern is not None and not pattern.fullmatch(value):
            raise ParameterError(f"{self.name}: {value[:80]!r} is not a valid {self.type}")
        if self.type == "iri":
            return ox.NamedNode(value)
        if self.type == "string":
            if len(value) > MAX_STRING:
                raise ParameterError(f"{self.name}: longer than {MAX_STRING} characters")
            return ox.Literal(value)
        if self.type == "date":
            try:
                dt.date.fromisoformat(value)
            except ValueError:
                raise ParameterError(f"{self.name}: {value!r} is not a calendar date") from None
        if self.type == "boolean":
            value = {"1": "true", "0": "false"}.get(value, value)
        return ox.Literal(value, datatype=ox.NamedNode(XSD + self.type))


def parameter(variable: str) -> Parameter | None:
    """The parameter a variable stands for, or None for an ordinary variable."""
    if not variable.startswith("_"):
        return None
    required = not variable.startswith("__")
    body = variable.lstrip("_")
    if not body:
        return None
    name, kind = body, "string"
    for suffix in sorted([*TYPES, *ALIASES], key=len, reverse=True):
        if body.endswith("_" + suffix) and len(body) > len(suffix) + 1:
            name, kind = body[: -len(suffix) - 1], ALIASES.get(suffix, suffix)
            break
    return Parameter(name=name, variable=variable, type=kind, required=required)
