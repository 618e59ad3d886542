"""The SPARQL query editor for people: YASGUI, bundled at install time, served from the
package with the canned queries as examples."""

from __future__ import annotations

from collections.abc import Mapping

from fastapi import FastAPI
from fastapi.templating import Jinja2Templates

from ..library import CannedQuery


def add_editor(app: FastAPI, library: Mapping[str, CannedQuery], templates: Jinja2Templates) -> None:
    """Register the editor's static files."""
