"""What harvesters take: VoID at /.well-known/void, a DCAT-AP-NL catalog at /catalog,
the dumps at /dumps/, sitemap.xml and Atom feeds of the canned queries."""

from __future__ import annotations

from collections.abc import Mapping

from fastapi import FastAPI

from ..library import CannedQuery
from ..settings import Settings
from ..store import Store


def add_harvesting(app: FastAPI, settings: Settings, store: Store,
                   library: Mapping[str, CannedQuery]) -> None:
    """Register the harvesting routes."""
