"""A record of the Tweede Kamer's commitment register: a ``NAME.toezegging.json`` file.

The harvester writes ``{"source", "url", "retrieved", "toezegging": {...}}`` where
``toezegging`` is the register's entity (fields of ``tkData-v1-0-toezegging.xsd``, in
OData's PascalCase): ``Id``, ``Nummer``, ``Tekst``, ``Status`` ("Openstaand", "Voldaan",
"Deels Voldaan", "Vervallen"), ``Ministerie`` (a name or an abbreviation such as "BZK"),
``DatumNakoming``, ``KamerbriefNakoming`` (free text: a document number "2023D12345", a
Kamerstuk "29 362, nr. 318" / "Kamerstuk 29362-318", or a title), ``Aanmaakdatum``, the
person (``Initialen``, ``Tussenvoegsel``, ``Achternaam``, ``Naam``), ``Functie``,
``ActiviteitNummer`` and ``Verwijderd``.

:func:`read_toezegging` raises :class:`RegisterError` with the reason when the file
gives no usable record (malformed JSON, no ``Tekst``, no ``Nummer`` or ``Id``); fields
of the wrong form are left out with a warning.
"""

from __future__ import annotations

import json
import re
from datetime import datetime
from pathlib import Path
from typing import Any

from ..dutch import parse_kamerstuk_id, parse_post
from ..extract.citations import CITATION, citation_refs
from ..model import KamerstukRef, Toezegging
from ..sources.tk_metadata import DOCUMENTNUMMER, entity_text

STATUSES = ("Openstaand", "Voldaan", "Deels Voldaan", "Vervallen")
DOCUMENT_IN_TEXT = re.compile(rf"\b{DOCUMENTNUMMER.pattern}\b")
# An identifier such as "29362-318", "kst-33400-VII-52" (the letters' citation pattern
# reads "Kamerstuk 29362-318" as the dossier alone).
KAMERSTUK_ID = re.compile(r"(?<![\w-])(?:kst-)?\d{5}(?:-[0-9A-Z]{1,5})+(?![\w-])")


class RegisterError(ValueError):
    """A register file that gives no record; the message is the reason."""


def _date(value: str | None, name: str, warnings: list[str]) -> str | None:
    if value and re.match(r"\d{4}-\d{2}-\d{2}", value):
        return value[:10]
    if value:
        warnings.append(f"{name} {value!r} is not a date; left out")
    return None


def _person(entity: dict[str, Any]) -> str | None:
    parts = (entity_text(entity, "Tussenvoegsel"), entity_text(entity, "Achternaam"))
    surname = " ".join(p for p in parts if p)
    if surname:
        first = entity_text(entity, "Initialen") or entity_text(entity, "Voornaam")
        return f"{first} {surname}" if first else surname
    return entity_text(entity, "Naam")


def fulfilment_references(text: str) -> tuple[tuple[str, ...], tuple[KamerstukRef, ...]]:
    """The document numbers and numbered Kamerstukken that ``KamerbriefNakoming`` names."""
    documents = tuple(dict.fromkeys(DOCUMENT_IN_TEXT.findall(text)))
    refs = [parse_kamerstuk_id(m[0]) for m in KAMERSTUK_ID.finditer(text)]
    refs += [ref for m in CITATION.finditer(text) for ref, _ in citation_refs(m)]
    return documents, tuple(dict.fromkeys(r for r in refs if r and r.ondernummer))


def _provenance(data: dict[str, Any], warnings: list[str]) -> tuple[str | None, str | None]:
    url = entity_text(data, "url")
    if url and not re.match(r"https?://\S+$", url):
        warnings.append(f"url {url!r} is not an http(s) URL; left out")
        url = None
    retrieved = entity_text(data, "retrieved")
    try:
        stamp = datetime.fromisoformat(retrieved) if retrieved else None
    except ValueError:
        warnings.append(f"retrieved {retrieved!r} is not an ISO date-time; left out")
        stamp = None
    return url, stamp.isoformat() if stamp else None


def read_toezegging(path: Path) -> tuple[Toezegging, list[str]]:
    """The record in ``path`` and the warnings about its fields."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise RegisterError(f"cannot read file: {exc}") from exc
    except json.JSONDecodeError as exc:
        raise RegisterError(f"malformed JSON: {exc}") from exc
    entity = data.get("toezegging") if isinstance(data, dict) else None
    if not isinstance(entity, dict):
        raise RegisterError('no "toezegging" object')
    text, key = entity_text(entity, "Tekst"), entity_text(entity, "Nummer") or entity_text(entity, "Id")
    if not text:
        raise RegisterError("the record has no Tekst")
    if not key:
        raise RegisterError("the record has neither Nummer nor Id")
    warnings: list[str] = []
    status = entity_text(entity, "Status")
    if status and status not in STATUSES:
        warnings.append(f"Status {status!r} is none of {', '.join(STATUSES)}; left out")
        status = None
    fulfilment = entity_text(entity, "KamerbriefNakoming")
    documents, kamerstukken = fulfilment_references(fulfilment or "")
    function = entity_text(entity, "Functie")
    url, retrieved = _provenance(data, warnings)
    if entity.get("Verwijderd") is True:
        warnings.append("the Kamer marks this record as deleted (Verwijderd)")
    return Toezegging(
        key=key, text=text, identifier=entity_text(entity, "Id"), status=status,
        ministry=entity_text(entity, "Ministerie"),
        due=_date(entity_text(entity, "DatumNakoming"), "DatumNakoming", warnings),
        created=_date(entity_text(entity, "Aanmaakdatum"), "Aanmaakdatum", warnings),
        fulfilment=fulfilment, fulfilment_documents=documents,
        fulfilment_kamerstukken=kamerstukken, person=_person(entity), function=function,
        post=parse_post(function or ""), activity=entity_text(entity, "ActiviteitNummer"),
        url=url, retrieved=retrieved, deleted=entity.get("Verwijderd") is True), warnings
