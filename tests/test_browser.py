"""The SPARQL editor as a person uses it: headless Chromium against a real server. YASGUI
on this endpoint with every canned query as an example, examples run to a table of
results, a query typed and run with Ctrl+Enter, the plain form without JavaScript, and
the page when ``make install`` did not bundle YASGUI. Screenshots go to the test
output folder (``$KGU_TEST_OUTPUT``, by default ``build/test-output/``)."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterator
from importlib import resources
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi.templating import Jinja2Templates

from kg_uitvoering.library import load_library
from kg_uitvoering.server.editor import Editor

from .browser import CTRL, Browser, browser_fixture, chromium, output_folder  # noqa: F401 (a fixture)
from .test_server import LETTERS_COUNT, start, stop

RESULTS = ".tabPanel.active .yasr_results"
ROWS = f"""Array.from(document.querySelectorAll("{RESULTS} tbody tr"),
                  tr => Array.from(tr.cells).slice(1).map(td => td.innerText))"""  # after the row number


@pytest.fixture(scope="module")
def server(letters_build: Path) -> Iterator[str]:
    process, url = start(letters_build / "store", {})
    yield url
    stop(process)


def canned(server: str) -> dict[str, dict[str, Any]]:
    return {q["name"]: q for q in httpx.get(f"{server}/api/queries").json()}


def api_records(server: str, query: dict[str, Any]) -> list[dict[str, Any]]:
    """The rows the query API gives for the example values of the required parameters."""
    values = {p["name"]: p["example"] for p in query["parameters"] if p["required"]}
    response = httpx.get(f"{server}/api/queries/{query['name']}", params=values,
                         headers={"Accept": "application/json"})
    assert response.status_code == 200, response.text
    records: list[dict[str, Any]] = response.json()
    return records


def test_editor_offers_every_canned_query(browser: Browser, server: str) -> None:
    browser.open(f"{server}/sparql")
    browser.wait_for(".yasgui .CodeMirror")
    assert not browser.visible("#query-form")  # YASGUI replaced the plain form
    endpoint = browser.evaluate("document.querySelector('.tabPanel.active input.autocomplete').value")
    assert endpoint == f"{server}/sparql"
    queries = canned(server)
    shown = browser.evaluate("Array.from(document.querySelectorAll('a.example'),"
                             " a => [a.dataset.name, a.innerText])")
    assert sorted(name for name, _ in shown) == sorted(queries)
    assert all(summary == queries[name]["summary"] for name, summary in shown)
    loaded = browser.evaluate("performance.getEntriesByType('resource').map(e => e.name)")
    assert f"{server}/static/yasgui/yasgui.min.js" in loaded
    assert all(url.startswith(server + "/") for url in loaded), loaded  # offline: no CDN
    browser.screenshot(output_folder() / "editor.png")


@pytest.mark.parametrize("name", ["letters-per-signer",  # no parameters
                                  "letters-citing-kamerstuk",  # a required parameter
                                  "commitments"])  # paginated
def test_an_example_runs_to_a_table(browser: Browser, server: str, name: str) -> None:
    browser.open(f"{server}/sparql")
    browser.click(f'a.example[data-name="{name}"]')
    browser.wait(f"document.querySelector('.yasgui .tab.active').innerText.startsWith('{name}')")
    browser.click(".tabPanel.active .yasqe_queryButton")
    browser.wait_for(f"{RESULTS} tbody tr")
    expected = api_records(server, canned(server)[name])
    assert expected
    headers = [h.strip() for h in browser.texts(f"{RESULTS} thead th")[1:]]
    assert headers == list(expected[0])
    rows = browser.evaluate(ROWS)
    assert len(rows) == len(expected)
    first = headers[0]
    assert [row[0] for row in rows] == [f"<{r[first]}>" if r[first].startswith("https://") else r[first]
                                        for r in expected]
    browser.screenshot(output_folder() / f"editor-{name}.png")


def test_a_typed_query_runs_with_ctrl_enter(browser: Browser, server: str) -> None:
    browser.open(f"{server}/sparql")
    browser.click(".yasgui button.addTab")
    browser.type(".tabPanel.active .CodeMirror", LETTERS_COUNT)
    browser.press("Enter", "Enter", 13, CTRL)
    browser.wait_for(f"{RESULTS} tbody tr")
    [[count]] = browser.evaluate(ROWS)
    assert count.startswith('"8"^^')  # an xsd:integer


def test_the_plain_form_without_javascript(server: str) -> None:
    with chromium(javascript=False) as browser:
        browser.open(f"{server}/sparql")
        assert browser.visible("#query-form") and browser.count("#yasgui > *") == 0
        browser.click('a.example[data-name="letters-per-signer"]', navigates=True)
        assert browser.url() == f"{server}/sparql?example=letters-per-signer"
        assert "Letters per signer" in browser.evaluate("document.getElementById('query').value")
        browser.screenshot(output_folder() / "editor-without-javascript.png")
        browser.click("#query-form button", navigates=True)
        answer = json.loads(browser.texts("body")[0])
    expected = api_records(server, canned(server)["letters-per-signer"])
    assert [b["name"]["value"] for b in answer["results"]["bindings"]] == [r["name"] for r in expected]


def test_the_page_says_when_the_editor_files_are_missing(browser: Browser, server: str,
                                                         tmp_path: Path) -> None:
    """As without ``make install``'s npm step: the plain form, and a note."""
    templates = Jinja2Templates(directory=str(resources.files("kg_uitvoering.server") / "templates"))
    editor = dataclasses.replace(Editor.load(load_library(None), templates), bundled=False)
    html = templates.get_template("editor.html").render(editor.context(f"{server}/sparql"))
    page = tmp_path / "editor.html"  # with the server as its base, for /static/site.css
    page.write_text(html.replace("<head>", f'<head><base href="{server}/">', 1), encoding="utf-8")
    browser.open(page.as_uri())
    assert browser.visible("#editor-missing") and "make install" in browser.texts("#editor-missing")[0]
    assert browser.count("script") == 0 and browser.count("a.example") == len(canned(server))
    browser.screenshot(output_folder() / "editor-files-missing.png")
    browser.type("#query", LETTERS_COUNT)
    browser.click("#query-form button", navigates=True)
    answer = json.loads(browser.texts("body")[0])
    assert answer["results"]["bindings"][0]["n"]["value"] == "8"
