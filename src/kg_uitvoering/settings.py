"""All configuration in one place: a frozen dataclass read from ``KGU_*`` environment
variables (``KGU_STORE``, ``KGU_PORT``, ...) when the CLI or the app factory asks for it,
never at import time. Command-line options override the environment."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

from .rdf.iris import DEFAULT_BASE


@dataclass(frozen=True)
class Settings:
    store: Path = Path("build/store")
    host: str = "127.0.0.1"
    port: int = 8000
    base: str = DEFAULT_BASE
    max_body_bytes: int = 1_000_000  # request bodies (queries) larger than this get 413
    query_timeout: float = 30.0  # seconds; the query's worker process is stopped after it
    query_workers: int = 2  # worker processes that run queries
    max_result_bytes: int = 50_000_000  # larger results get a 400 that says so
    max_result_rows: int = 1_000_000  # SELECT results with more rows get a 400 that says so
    allow_federation: bool = False  # SERVICE and graphs from outside the dataset
    update_token: str | None = None  # SPARQL Update only with "Authorization: Bearer <token>"
    cors_origins: str = "*"  # for reads; comma-separated
    sparql_endpoint: str | None = None  # a remote SPARQL 1.1 server instead of the embedded store
    graph_store: str | None = None  # its Graph Store HTTP Protocol endpoint, for publishing
    remote_user: str | None = None
    remote_password: str | None = None
    queries: Path | None = None  # a folder of canned .rq queries instead of the packaged ones
    build: Path = Path("build/kg")  # the build whose dumps /dumps/ offers (kg.nq.gz, kg.ttl.gz)
    page_size: int = 50  # incoming links and list items on a page before "more"
    answer_cache_mb: int = 256  # canned-query and page answers kept (read-only store); 0: off
    warm_answers: bool = True  # answer the parameterless canned queries once at start
    # Harvesting from the official sources (kg-uitvoering harvest ...)
    harvest_rate: float = 1.0  # seconds at least between two requests to a source
    harvest_timeout: float = 30.0  # seconds for connecting and for each read
    harvest_retries: int = 5  # further attempts on 429, 5xx, timeouts, connection errors
    harvest_backoff: float = 1.0  # the first wait before a retry; doubled each time
    harvest_page_size: int = 50  # records per SRU page
    harvest_project_url: str = "https://w3id.org/kg-uitvoering/"  # in the User-Agent
    harvest_contact: str | None = None  # an e-mail address for the User-Agent
    tk_odata_url: str = "https://gegevensmagazijn.tweedekamer.nl/OData/v4/2.0/"
    tk_feed_url: str = "https://gegevensmagazijn.tweedekamer.nl/SyncFeed/2.0/Feed"
    ob_sru_url: str = "https://repository.overheid.nl/sru"

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None, **overrides: Any) -> Settings:
        """Defaults, then ``KGU_<FIELD>`` variables, then ``overrides`` (None is ignored)."""
        env = os.environ if env is None else env
        values: dict[str, Any] = {}
        for f in fields(cls):
            raw = env.get(f"KGU_{f.name.upper()}")
            if raw is None:
                continue
            default = getattr(cls(), f.name)
            kind: type[Any] = (type(default) if default is not None
                               else Path if "Path" in str(f.type) else str)
            if kind is bool:
                values[f.name] = raw.strip().lower() in ("1", "true", "yes", "on")
            elif kind in (int, float, Path):
                values[f.name] = kind(raw)
            else:
                values[f.name] = raw
        values.update({k: v for k, v in overrides.items() if v is not None})
        paths = {f.name for f in fields(cls) if "Path" in str(f.type)}
        values.update({k: Path(v) for k, v in values.items() if k in paths and isinstance(v, str)})
        return replace(cls(), **values)
