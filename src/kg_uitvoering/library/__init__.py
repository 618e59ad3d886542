"""Canned research queries: ``queries/*.rq`` with grlc-style headers, their parameters
bound as RDF terms, run on any store, and documented from their headers."""

from .docs import markdown
from .loader import CannedQuery, QueryFileError, load_library, packaged_queries, parse_query
from .params import Parameter, ParameterError
from .run import Table, bind, prepared, run_canned, with_values

__all__ = [
    "CannedQuery",
    "Parameter",
    "ParameterError",
    "QueryFileError",
    "Table",
    "bind",
    "load_library",
    "markdown",
    "packaged_queries",
    "parse_query",
    "prepared",
    "run_canned",
    "with_values",
]
