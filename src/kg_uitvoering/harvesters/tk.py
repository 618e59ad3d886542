"""The Tweede Kamer's Open Data Portal over OData v4: letters (``Document`` of soort
'Brief regering') and the register of commitments (``Toezegging``).

Letters: ``Document?$filter=...&$expand=Kamerstukdossier,Zaak,DocumentActor&$orderby=
GewijzigdOp``, page after page by ``@odata.nextLink``. A document marked
``Verwijderd`` is recorded as ``deleted`` (its files stay); one whose ``GewijzigdOp``
the state already has is ``unchanged`` and not downloaded; any other gets its file
from ``Document(<Id>)/resource`` written to ``<out>/tk/<DocumentNummer><ext>`` with
the sidecar ``<DocumentNummer>.tk.json`` (the entity as OData returns it).
Commitments are written to ``<out>/toezeggingen/<Nummer>.toezegging.json``.

Filters are built from typed values, string literals quoted the OData way (a quote
doubled), so no user input reaches the query unescaped.
"""

from __future__ import annotations

import json
import re
from datetime import date, datetime, time
from typing import Any
from urllib.parse import quote, urlencode, urljoin
from zoneinfo import ZoneInfo

from .http import Fetched
from .run import Harvest, Item, Outcome, Page, now_utc, safe_name

LETTER_SOORT = "Brief regering"
EXPAND = "Kamerstukdossier,Zaak,DocumentActor"
EXTENSIONS = {
    "application/pdf": ".pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx",
    "text/html": ".html",
    "application/xhtml+xml": ".html",
    "application/xml": ".xml",
    "text/xml": ".xml",
}
GUID = re.compile(r"[0-9a-fA-F]{8}(?:-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}")
DOSSIER = re.compile(r"(\d{1,6})(?:-([A-Za-z0-9]{1,10}))?")
AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def odata_string(value: str) -> str:
    """An OData string literal: in single quotes, each quote inside doubled."""
    return "'" + value.replace("'", "''") + "'"


def odata_start_of_day(day: date) -> str:
    """Midnight of ``day`` in The Hague, as an OData DateTimeOffset literal."""
    return datetime.combine(day, time(), AMSTERDAM).isoformat()


def dossier_filter(dossier: str, variable: str = "d") -> str:
    """``Kamerstukdossier/any(...)`` for '29362' or '33000-IV' (number plus Toevoeging)."""
    match = DOSSIER.fullmatch(dossier.strip())
    if not match:
        raise ValueError(f"not a dossier number: {dossier!r} (expected e.g. 29362 or 36600-VII)")
    condition = f"{variable}/Nummer eq {int(match[1])}"
    if match[2]:
        condition += f" and {variable}/Toevoeging eq {odata_string(match[2].upper())}"
    return f"Kamerstukdossier/any({variable}: {condition})"


def query_url(base: str, entity_set: str, filters: list[str], expand: str | None = None) -> str:
    params = {"$filter": " and ".join(filters)} if filters else {}
    if expand:
        params["$expand"] = expand
    params["$orderby"] = "GewijzigdOp"
    return f"{base.rstrip('/')}/{entity_set}?" + urlencode(params, quote_via=quote,
                                                           safe="$,()/:'")


def document_query_url(base: str, since: date | None, dossier: str | None,
                       zaak: str | None) -> str:
    filters = [f"Soort eq {odata_string(LETTER_SOORT)}"]
    if since:
        filters.append(f"Datum ge {odata_start_of_day(since)}")
    if dossier:
        filters.append(dossier_filter(dossier))
    if zaak:
        filters.append(f"Zaak/any(z: z/Nummer eq {odata_string(zaak.strip())})")
    return query_url(base, "Document", filters, EXPAND)


def toezegging_query_url(base: str, since: date | None, ministerie: str | None) -> str:
    filters = []
    if since:
        filters.append(f"Aanmaakdatum ge {odata_start_of_day(since)}")
    if ministerie:
        filters.append(f"Ministerie eq {odata_string(ministerie.strip())}")
    return query_url(base, "Toezegging", filters)


def read_odata_page(fetched: Fetched) -> Page:
    """An OData page: its ``value`` entities as items, and the ``@odata.nextLink``."""
    body = json.loads(fetched.content)
    if not isinstance(body, dict) or not isinstance(body.get("value"), list):
        raise ValueError("not an OData collection (no 'value' list)")
    items = []
    for index, entity in enumerate(body["value"]):
        if isinstance(entity, dict) and isinstance(entity.get("Id"), str):
            items.append(Item(entity["Id"], entity.get("GewijzigdOp"), entity, fetched.url))
        else:
            items.append(Item(f"{fetched.url}#{index}", None, problem="an entity without an Id"))
    next_link = body.get("@odata.nextLink")
    return Page(items, urljoin(fetched.url, next_link) if isinstance(next_link, str) else None)


def extension(content_type: str | None) -> str:
    return EXTENSIONS.get((content_type or "").split(";")[0].strip().lower(), ".bin")


def sidecar(source: str, url: str, key: str, value: dict[str, Any]) -> bytes:
    """The JSON written beside a harvested document (key ``document``) or commitment."""
    data = {"source": source, "url": url, "retrieved": now_utc(), key: value}
    return (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def letter_outcome(harvest: Harvest, item: Item, document: dict[str, Any], source: str,
                   resource_url: str) -> Outcome:
    """A letter from OData or the SyncFeed: deleted, unchanged, or its file and sidecar."""
    if document.get("Verwijderd"):
        return Outcome("deleted", "marked deleted at the source; files kept")
    if harvest.is_current(item.key, item.version):
        return Outcome("unchanged")
    fetched = harvest.client.get(resource_url)
    stem = safe_name(document.get("DocumentNummer"), item.key)
    ext = extension(document.get("ContentType") or fetched.content_type)
    return Outcome("ok", files={
        f"tk/{stem}{ext}": fetched.content,
        f"tk/{stem}.tk.json": sidecar(source, item.source_url, "document", document)})


def harvest_documents(harvest: Harvest, base: str, since: date | None, dossier: str | None,
                      zaak: str | None) -> None:
    def handle(item: Item) -> Outcome:
        if not GUID.fullmatch(item.key):
            return Outcome("error", f"not a document Id: {item.key!r}")
        resource = f"{base.rstrip('/')}/Document({item.key})/resource"
        return letter_outcome(harvest, item, item.data, "tk-odata", resource)

    harvest.walk(document_query_url(base, since, dossier, zaak), read_odata_page, handle)


def harvest_toezeggingen(harvest: Harvest, base: str, since: date | None,
                         ministerie: str | None) -> None:
    def handle(item: Item) -> Outcome:
        if item.data.get("Verwijderd"):
            return Outcome("deleted", "marked deleted at the source; file kept")
        if harvest.is_current(item.key, item.version):
            return Outcome("unchanged")
        name = safe_name(item.data.get("Nummer"), safe_name(item.key, "toezegging"))
        return Outcome("ok", files={f"toezeggingen/{name}.toezegging.json": sidecar(
            "tk-odata", item.source_url, "toezegging", item.data)})

    harvest.walk(toezegging_query_url(base, since, ministerie), read_odata_page, handle)
