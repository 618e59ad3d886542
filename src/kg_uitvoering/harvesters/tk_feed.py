"""The Tweede Kamer's SyncFeed (Atom) for documents: incremental updates.

``SyncFeed/2.0/Feed?category=Document`` lists every change, oldest first, page after
page (``<link rel="next" href="...&skiptoken=N">``). Each ``<entry>`` holds a
``<document id=... bijgewerkt=... verwijderd=...>`` element (namespace
``http://www.tweedekamer.nl/xsd/tkData/v1-0``) and a ``<link rel="enclosure">`` to
the file. Only letters (soort 'Brief regering') are kept; they are written as the
OData harvester writes them, the sidecar's ``document`` in OData's PascalCase keys
(``bijgewerkt`` becomes ``GewijzigdOp``; the feed names related dossiers and cases
only by Id, so their other fields are null, and lists no actors). The state keeps
the last page, so the next run goes on from there.

One entry that is not well-formed XML does not spoil its page: the other entries are
read one by one and the bad one is reported as an ``error``.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlencode, urljoin
from xml.etree import ElementTree

from .http import Fetched
from .run import Harvest, Item, Outcome, Page
from .tk import GUID, LETTER_SOORT, letter_outcome

ATOM = "{http://www.w3.org/2005/Atom}"
DOCUMENT_FIELDS = (
    "Id", "Soort", "DocumentNummer", "Titel", "Onderwerp", "Datum", "Vergaderjaar", "Kamer",
    "Volgnummer", "Citeertitel", "Alias", "DatumRegistratie", "DatumOntvangst",
    "Aanhangselnummer", "KenmerkAfzender", "Organisatie", "ContentType", "ContentLength",
    "GewijzigdOp", "ApiGewijzigdOp", "Verwijderd")
KAMERSTUKDOSSIER_FIELDS = (
    "Id", "Titel", "Citeertitel", "Alias", "Nummer", "Toevoeging", "HoogsteVolgnummer",
    "Afgesloten", "Kamer", "GewijzigdOp", "ApiGewijzigdOp", "Verwijderd")
ZAAK_FIELDS = (
    "Id", "Nummer", "Soort", "Titel", "Citeertitel", "Alias", "Status", "Onderwerp",
    "GestartOp", "Organisatie", "Grondslagvoorhang", "Termijn", "Vergaderjaar", "Volgnummer",
    "HuidigeBehandelstatus", "Afgedaan", "GrootProject", "GewijzigdOp", "ApiGewijzigdOp",
    "Verwijderd", "Kabinetsappreciatie")
INTEGERS = ("Kamer", "Volgnummer", "ContentLength")


def local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def pascal(name: str) -> str:
    return name[:1].upper() + name[1:]


def reference(ref: str | None, fields: tuple[str, ...]) -> dict[str, Any]:
    return {name: ref if name == "Id" else None for name in fields}


def document_entity(element: ElementTree.Element) -> dict[str, Any]:
    """A ``<document>`` of the feed as the OData ``Document`` entity (same keys)."""
    entity: dict[str, Any] = dict.fromkeys(DOCUMENT_FIELDS)
    entity.update(Id=element.get("id"), GewijzigdOp=element.get("bijgewerkt"),
                  Verwijderd=element.get("verwijderd", "false").lower() == "true",
                  ContentType=element.get("contentType"),
                  ContentLength=element.get("contentLength"))
    dossiers: list[dict[str, Any]] = []
    zaken: list[dict[str, Any]] = []
    for child in element:
        name = local(str(child.tag))
        if name == "kamerstukdossier":
            dossiers.append(reference(child.get("ref"), KAMERSTUKDOSSIER_FIELDS))
        elif name == "zaak":
            zaken.append(reference(child.get("ref"), ZAAK_FIELDS))
        elif pascal(name) in DOCUMENT_FIELDS and child.get("ref") is None:
            entity[pascal(name)] = (child.text or "").strip() or None
    for name in INTEGERS:
        if isinstance(entity[name], str) and entity[name].lstrip("-").isdigit():
            entity[name] = int(entity[name])
    entity.update(Kamerstukdossier=dossiers, Zaak=zaken, DocumentActor=[])
    return entity


def _entry_item(entry: ElementTree.Element, page_url: str) -> Item:
    content = entry.find(f"{ATOM}content")
    element = next(iter(content), None) if content is not None else None
    if element is None and content is not None and (content.text or "").strip():
        element = ElementTree.fromstring((content.text or "").strip())  # escaped XML
    if element is None or local(str(element.tag)) != "document" or not element.get("id"):
        raise ValueError("the entry holds no <document id=...>")
    enclosure = next((link.get("href") for link in entry.iter(f"{ATOM}link")
                      if link.get("rel") == "enclosure"), None)
    entity = document_entity(element)
    return Item(entity["Id"], entity["GewijzigdOp"], (entity, enclosure), page_url)


def _broken_entry(chunk: str, page_url: str, index: int, reason: str) -> Item:
    ident = GUID.search(chunk)
    key = ident[0] if ident else f"{page_url}#entry-{index + 1}"
    return Item(key, None, source_url=page_url, problem=reason)


def _item(entry: ElementTree.Element, page_url: str, index: int) -> Item:
    try:
        return _entry_item(entry, page_url)
    except (ValueError, ElementTree.ParseError) as exc:
        return _broken_entry(ElementTree.tostring(entry, "unicode"), page_url, index, str(exc))


def _salvage(text: str, page_url: str) -> tuple[ElementTree.Element, list[Item]]:
    """A feed that is not well-formed, read entry by entry inside the feed's start tag
    (which declares the namespaces): only a broken entry is lost."""
    opening = re.search(r"<feed\b[^>]*>", text)
    if opening is None:
        raise ValueError("not an Atom feed")
    first = text.find("<entry", opening.end())
    head = text[:first] if first >= 0 else text.rstrip().removesuffix("</feed>")
    root = ElementTree.fromstring(head + "</feed>")
    items = []
    for index, chunk in enumerate(re.findall(r"<entry\b.*?</entry>", text, re.S)):
        try:
            entry = ElementTree.fromstring(opening[0] + chunk + "</feed>").find(f"{ATOM}entry")
        except ElementTree.ParseError as exc:
            items.append(_broken_entry(chunk, page_url, index, f"malformed XML: {exc}"))
            continue
        if entry is not None:
            items.append(_item(entry, page_url, index))
    return root, items


def read_feed_page(fetched: Fetched) -> Page:
    """A feed page: its entries as items (a broken one as an error item), and ``next``."""
    text = fetched.content.decode("utf-8-sig")
    try:
        root = ElementTree.fromstring(text)
        items = [_item(entry, fetched.url, index)
                 for index, entry in enumerate(root.findall(f"{ATOM}entry"))]
    except ElementTree.ParseError:
        root, items = _salvage(text, fetched.url)
    next_link = next((link.get("href") for link in root.findall(f"{ATOM}link")
                      if link.get("rel") == "next"), None)
    return Page(items, urljoin(fetched.url, next_link) if next_link else None)


def feed_url(feed: str) -> str:
    return f"{feed}?{urlencode({'category': 'Document'})}"


def harvest_feed(harvest: Harvest, feed: str) -> None:
    def handle(item: Item) -> Outcome:
        document, enclosure = item.data
        if document["Verwijderd"]:
            if harvest.known(item.key) is None:
                return Outcome("skipped", "deleted at the source; never harvested")
        elif document["Soort"] != LETTER_SOORT:
            return Outcome("skipped", f"soort {document['Soort']!r}, not {LETTER_SOORT!r}")
        resource = enclosure or urljoin(feed, f"Resources/{item.key}")
        return letter_outcome(harvest, item, document, "tk-syncfeed", resource)

    harvest.walk(feed_url(feed), read_feed_page, handle, keep_last_page=True)
