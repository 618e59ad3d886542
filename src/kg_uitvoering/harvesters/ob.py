"""Officiële bekendmakingen through the SRU 2.0 service of repository.overheid.nl.

``?operation=searchRetrieve&version=2.0&query=<CQL>&startRecord=N&maximumRecords=M``,
the CQL built from the options (``w.dossiernummer``, ``dt.modified``) with every value
in quotes, page after page by ``sru:nextRecordPosition``. Per Kamerstuk (identifier
``kst-...``) the ``xml`` and ``metadata`` manifestations are written to
``<out>/ob/<identifier>.xml`` and ``<identifier>.metadata.xml``, the pair the
publication reader expects; other publications are reported as ``skipped``. A record
whose ``gzd:timestamp`` the state already has is ``unchanged`` and not fetched.
"""

from __future__ import annotations

from datetime import date
from urllib.parse import quote, urlencode
from xml.etree import ElementTree

from .http import Fetched
from .run import Harvest, Item, Outcome, Page, safe_name

SRU = "{http://docs.oasis-open.org/ns/search-ws/sruResponse}"
GZD = "{http://standaarden.overheid.nl/sru}"
DCTERMS = "{http://purl.org/dc/terms/}"
DIAGNOSTIC = "{http://docs.oasis-open.org/ns/search-ws/diagnostic}"


def cql_string(value: str) -> str:
    """A CQL term in double quotes, with backslashes and quotes escaped."""
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def cql_query(since: date | None, dossier: str | None) -> str:
    clauses = [f"c.product-area=={cql_string('officielepublicaties')}",
               f"w.publicatienaam=={cql_string('Kamerstuk')}"]
    if dossier:
        clauses.append(f"w.dossiernummer=={cql_string(dossier.strip())}")
    if since:
        clauses.append(f"dt.modified>={cql_string(since.isoformat())}")
    return " and ".join(clauses)


def sru_url(base: str, cql: str, start: int, size: int) -> str:
    params = {"operation": "searchRetrieve", "version": "2.0", "query": cql,
              "startRecord": start, "maximumRecords": size}
    return f"{base}?{urlencode(params, quote_via=quote)}"


def _text(element: ElementTree.Element, path: str) -> str | None:
    found = element.find(path)
    return ((found.text or "").strip() or None) if found is not None else None


def read_records(fetched: Fetched) -> tuple[list[Item], int | None]:
    """The records of an SRU response as items, and the next record position."""
    root = ElementTree.fromstring(fetched.content)
    if root.tag != f"{SRU}searchRetrieveResponse":
        raise ValueError("not an SRU searchRetrieveResponse")
    diagnostic = root.find(f".//{DIAGNOSTIC}diagnostic")
    if diagnostic is not None:
        raise ValueError(f"SRU diagnostic: {_text(diagnostic, f'{DIAGNOSTIC}message')}")
    items = []
    for record in root.iter(f"{SRU}record"):
        ident = _text(record, f".//{DCTERMS}identifier")
        position = _text(record, f"{SRU}recordPosition") or "?"
        if ident is None:
            items.append(Item(f"{fetched.url}#record-{position}", None,
                              source_url=fetched.url, problem="a record without an identifier"))
            continue
        version = _text(record, f".//{GZD}timestamp") or _text(record, f".//{DCTERMS}modified")
        urls = {url.get("manifestation"): (url.text or "").strip()
                for url in record.iter(f"{GZD}itemUrl")}
        items.append(Item(ident, version, urls, fetched.url))
    next_position = _text(root, f"{SRU}nextRecordPosition")
    return items, int(next_position) if next_position else None


def harvest_publications(harvest: Harvest, base: str, since: date | None, dossier: str | None,
                         page_size: int) -> None:
    cql = cql_query(since, dossier)

    def read_page(fetched: Fetched) -> Page:
        items, next_position = read_records(fetched)
        return Page(items, sru_url(base, cql, next_position, page_size)
                    if next_position else None)

    def handle(item: Item) -> Outcome:
        if not item.key.startswith("kst-"):
            return Outcome("skipped", f"{item.key} is not a Kamerstuk (kst-) publication")
        if safe_name(item.key, "") != item.key:
            return Outcome("error", f"identifier {item.key!r} is not a usable file name")
        if harvest.is_current(item.key, item.version):
            return Outcome("unchanged")
        if not item.data.get("xml"):
            return Outcome("error", "the record lists no xml manifestation")
        files = {f"ob/{item.key}.xml": harvest.client.get(item.data["xml"]).content}
        if item.data.get("metadata"):
            files[f"ob/{item.key}.metadata.xml"] = harvest.client.get(
                item.data["metadata"]).content
        return Outcome("ok", files=files)

    harvest.walk(sru_url(base, cql, 1, page_size), read_page, handle)
