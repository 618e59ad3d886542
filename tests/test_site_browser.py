"""The site as a person uses it, in headless Chromium against a real server: the home
page, a search, a letter page with its highlighted commitments and working citation
links, and the API docs (Swagger UI served without a CDN). Screenshots go to the test
output folder."""

from __future__ import annotations

import httpx
from rdflib import URIRef
from rdflib.namespace import RDFS

from kg_uitvoering.validate import ontology_graph

from .browser import Browser, browser_fixture, output_folder  # noqa: F401 (a fixture)
from .test_browser import server  # noqa: F401 (a fixture: a server on the data/letters store)
from .test_linked_data import KGU


def test_home_search_and_a_letter_page(browser: Browser, server: str) -> None:  # noqa: F811
    browser.open(f"{server}/")
    counts = browser.evaluate("""Array.from(document.querySelectorAll("main table tbody tr"),
                                 tr => Array.from(tr.cells).map(td => td.innerText))""")
    letter = next(str(o) for o in ontology_graph().objects(URIRef(KGU + "Letter"), RDFS.label)
                  if getattr(o, "language", None) == "nl")
    assert [letter, "8"] in counts  # the 8 letters of data/letters
    browser.screenshot(output_folder() / "home.png")
    # Search a signer by name from the box on the home page, then open the person.
    browser.type("#home-search", "huffelen")
    browser.click("main form[role=search] button", navigates=True)
    assert "/search" in browser.url()
    browser.click("ul.found a", navigates=True)
    assert browser.texts("h1") == ["A.C. van Huffelen"]
    # The person's letter: its text with the commitments highlighted by kind.
    browser.click("main table a[href^='/doc/kamerstuk/']", navigates=True)
    browser.wait_for(".letter-text mark")
    new = browser.texts(".letter-text mark.commitment-new")
    fulfilled = browser.texts(".letter-text mark.commitment-fulfilled")
    assert new and fulfilled and all(browser.visible(f".letter-text mark.{k}")
                                     for k in ("commitment-new", "citation"))
    browser.screenshot(output_folder() / "letter.png")
    # Every citation mark links to a Kamerstuk page that answers; one is followed by click.
    links = browser.evaluate("""Array.from(document.querySelectorAll(".letter-text mark.citation a"),
                                a => a.getAttribute("href"))""")
    assert links and all(httpx.get(server + href, headers={"Accept": "text/html"}).status_code == 200
                         for href in set(links))
    browser.click(".letter-text mark.citation a", navigates=True)
    assert browser.url().endswith(links[0])
    assert browser.texts("h1")[0].startswith(("Kamerstuk", "kamerstuk"))


def test_the_api_docs_render_offline(browser: Browser, server: str) -> None:  # noqa: F811
    browser.open(f"{server}/api/docs")
    browser.wait_for(".opblock-summary-path", 5)  # Swagger UI drew the operations
    paths = browser.texts(".opblock-summary-path")
    canned = [q["name"] for q in httpx.get(f"{server}/api/queries").json()]
    assert {f"/api/queries/{name}" for name in canned} <= {p.strip() for p in paths}
    browser.screenshot(output_folder() / "api-docs.png")
