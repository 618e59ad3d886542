"""Harvesters: fetch letters and commitments from the official sources into a folder.

``harvest("tk", HarvestQuery(...), out, settings)`` runs one harvester: ``tk`` (the
Tweede Kamer's OData, or its SyncFeed with ``feed=True``), ``tk-toezeggingen`` (the
Kamer's register of commitments) or ``ob`` (officiële bekendmakingen over SRU). Each
run is polite (:mod:`.http`), resumable and idempotent (:mod:`.state`), and reports
every document it saw (:mod:`.run`) in ``<out>/harvest-report.json``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from .. import __version__
from ..settings import Settings
from .http import HarvestError, PoliteClient, Politeness, ResponseCache
from .ob import harvest_publications
from .run import Entry, Harvest, Report
from .tk import harvest_documents, harvest_toezeggingen
from .tk_feed import harvest_feed

SOURCES = ("tk", "tk-toezeggingen", "ob")
CACHE_FOLDER = ".http-cache"
OPTIONS = {"tk": {"since", "dossier", "zaak"}, "tk-feed": set(),
           "tk-toezeggingen": {"since", "ministerie"}, "ob": {"since", "dossier"}}

__all__ = ["SOURCES", "Entry", "HarvestError", "HarvestQuery", "Report", "harvest",
           "user_agent"]


@dataclass(frozen=True)
class HarvestQuery:
    """What to harvest; each harvester uses the fields that apply to it."""

    since: date | None = None
    dossier: str | None = None
    zaak: str | None = None
    ministerie: str | None = None
    feed: bool = False


def user_agent(settings: Settings) -> str:
    contact = f"; {settings.harvest_contact}" if settings.harvest_contact else ""
    return f"kg-uitvoering/{__version__} (+{settings.harvest_project_url}{contact})"


def harvest(source: str, query: HarvestQuery, out: Path, settings: Settings,
            on_entry: Callable[[Entry], None] | None = None) -> Report:
    """Run one harvester into ``out``; the report says what happened to every document
    and, when the run stopped early, why (``report.failure``)."""
    if source not in SOURCES:
        raise ValueError(f"unknown source {source!r}; choose from {', '.join(SOURCES)}")
    if query.feed and source != "tk":
        raise ValueError("--feed is for the tk source only")
    name = "tk-feed" if query.feed else source
    unused = [f"--{option}" for option in ("since", "dossier", "zaak", "ministerie")
              if getattr(query, option) is not None and option not in OPTIONS[name]]
    if unused:
        raise ValueError(f"{name} does not take {', '.join(unused)}")
    politeness = Politeness(user_agent(settings), settings.harvest_rate,
                            settings.harvest_timeout, settings.harvest_retries,
                            settings.harvest_backoff)
    with PoliteClient(politeness, ResponseCache(out / CACHE_FOLDER)) as client:
        run = Harvest(name, out, client, on_entry)
        if name == "tk":
            harvest_documents(run, settings.tk_odata_url, query.since, query.dossier, query.zaak)
        elif name == "tk-feed":
            harvest_feed(run, settings.tk_feed_url)
        elif name == "tk-toezeggingen":
            harvest_toezeggingen(run, settings.tk_odata_url, query.since, query.ministerie)
        else:
            harvest_publications(run, settings.ob_sru_url, query.since, query.dossier,
                                 settings.harvest_page_size)
    return run.report
