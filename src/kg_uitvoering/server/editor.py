"""The SPARQL query editor for people: YASGUI, bundled at install time, served from the
package with the canned queries as examples.

``make install`` copies YASGUI's build (npm, ``package.json``) to ``static/yasgui/``,
which ``/static`` serves; no file comes from a CDN. GET ``/sparql`` from a browser
answers :func:`editor_page`: YASGUI on this endpoint, the canned queries as examples
that open in a tab of their own, and a plain form that works without JavaScript (or
without the bundled files). ``?example=NAME`` fills the editor with one example.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources

from fastapi import FastAPI, Request, Response
from fastapi.templating import Jinja2Templates

from ..library import CannedQuery, ParameterError, bind, with_values

BUNDLE = ("yasgui.min.js", "yasgui.min.css")  # copied from node_modules/@zazuko/yasgui/build
DEFAULT_QUERY = """PREFIX kgu: <https://w3id.org/kg-uitvoering/def#>
PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT ?brief ?titel WHERE { ?brief a kgu:Letter ; dcterms:title ?titel } LIMIT 20
"""
FORMATS = {"json": "JSON", "xml": "XML", "csv": "CSV", "tsv": "TSV", "turtle": "Turtle (CONSTRUCT)"}


@dataclass(frozen=True)
class Example:
    name: str
    summary: str
    text: str  # ready to run: required parameters bound to their example values


def example(query: CannedQuery) -> Example:
    """The query with its required parameters bound to their examples, as the API would
    bind them, and a page's LIMIT when it is paginated; the raw text when a required
    parameter has no example."""
    values = {p.name: p.example for p in query.parameters if p.required and p.example is not None}
    try:
        text = with_values(query.text, bind(query, values))
    except ParameterError:
        return Example(query.name, query.summary, query.text)
    if query.pagination is not None:
        text = text.rstrip() + f"\nLIMIT {query.pagination}\n"
    return Example(query.name, query.summary, text)


@dataclass(frozen=True)
class Editor:
    examples: tuple[Example, ...]
    templates: Jinja2Templates
    bundled: bool  # YASGUI's files are in static/yasgui/

    @classmethod
    def load(cls, library: Mapping[str, CannedQuery], templates: Jinja2Templates) -> Editor:
        """The examples in the order of their summaries; whether ``make install`` bundled YASGUI."""
        folder = resources.files("kg_uitvoering.server") / "static" / "yasgui"
        examples = tuple(example(q) for q in sorted(library.values(), key=lambda q: q.summary))
        return cls(examples, templates, all((folder / name).is_file() for name in BUNDLE))

    def context(self, endpoint: str, name: str | None = None) -> dict[str, object]:
        """What ``editor.html`` shows; ``name``: the example to fill in, if it is one."""
        chosen = {e.name: e for e in self.examples}.get(name or "")
        return {"endpoint": endpoint, "examples": self.examples, "bundled": self.bundled,
                "chosen": chosen, "query": chosen.text if chosen else DEFAULT_QUERY,
                "default_query": DEFAULT_QUERY, "formats": FORMATS}

    def page(self, request: Request, endpoint: str) -> Response:
        return self.templates.TemplateResponse(
            request, "editor.html", self.context(endpoint, request.query_params.get("example")))


def add_editor(app: FastAPI, library: Mapping[str, CannedQuery], templates: Jinja2Templates) -> None:
    """Keep the editor on the app for GET /sparql; its files are under ``/static/yasgui/``."""
    app.state.editor = Editor.load(library, templates)


def editor_page(request: Request, endpoint: str) -> Response:
    """The editor page, for a browser's GET /sparql without a query."""
    editor: Editor = request.app.state.editor
    return editor.page(request, endpoint)
