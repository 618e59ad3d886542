"""The Tweede Kamer's own metadata of a letter: a ``<name>.tk.json`` sidecar beside it.

A harvester writes each letter as ``<DocumentNummer>.<ext>`` with
``<DocumentNummer>.tk.json`` beside it: ``{"source": "tk-odata" | "tk-syncfeed", "url",
"retrieved", "document": {...}}``, where ``document`` is an OData v4 ``Document`` entity
(PascalCase: ``DocumentNummer``, ``Datum``, ``Vergaderjaar``, ``Kamer``, ``Volgnummer``,
``Onderwerp``, ``Titel``, ...) with its ``Kamerstukdossier``, ``Zaak`` and
``DocumentActor`` expanded. The Kamer's registration is authoritative: it fills the
hints and wins over what the rendering says (a warning for each disagreement), and
:attr:`Hints.authority` tells the extraction to let it win over the letter's text too.

Signers are the ``DocumentActor`` entries whose ``Relatie`` is a signing relation
("Ondertekenaar", "Eerste ondertekenaar", "Mede ondertekenaar", "Indiener") or whose
``Functie`` is a government post; an actor needs a post to be a signer.

A sidecar that cannot be read is a warning on the letter; the letter is never lost.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from ..dutch import normalise_dossier, parse_post, tidy
from ..model import KamerstukRef, Signer
from .base import Hints, SourceDocument

SIDECAR_SUFFIX = ".tk.json"
SIGNING_RELATION = re.compile(r"(?i)^(?:(?:eerste|mede)[ -]?)?(?:ondertekenaar|indiener)$")
CHAMBERS = {"1": "Eerste Kamer", "2": "Tweede Kamer"}
DOCUMENTNUMMER = re.compile(r"\d{4}D\d{4,6}")
ZAAKNUMMER = re.compile(r"\d{4}Z\d{4,6}")


class SidecarError(ValueError):
    """A sidecar that is not the shape the harvester writes."""


def sidecar_of(path: Path) -> Path:
    """``2022D56402.pdf`` -> ``2022D56402.tk.json`` (the same folder)."""
    return path.with_name(path.stem + SIDECAR_SUFFIX)


def entity_text(entity: dict[str, Any], key: str) -> str | None:
    """A field of an OData entity as tidy text; None when null, absent or blank."""
    value = entity.get(key)
    return (tidy(str(value)) or None) if value is not None else None


def _entities(document: dict[str, Any], key: str) -> list[dict[str, Any]]:
    value = document.get(key) or []
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise SidecarError(f"{key} is not a list of entities")
    return value


def read_sidecar(path: Path) -> tuple[dict[str, Any], str]:
    """The ``document`` entity of a sidecar and a name for it in warnings."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise SidecarError(str(exc)) from exc
    if not isinstance(data, dict) or not isinstance(data.get("document"), dict):
        raise SidecarError('no "document" object')
    return data["document"], f"{data.get('source') or 'TK'} metadata {path.name}"


def _kamerstuk(document: dict[str, Any]) -> KamerstukRef | None:
    dossiers = _entities(document, "Kamerstukdossier")
    if not dossiers or dossiers[0].get("Nummer") is None:
        return None
    toevoeging = entity_text(dossiers[0], "Toevoeging")
    return KamerstukRef(normalise_dossier(str(dossiers[0]["Nummer"]), toevoeging),
                        entity_text(document, "Volgnummer"))


def metadata_signers(document: dict[str, Any], warnings: list[str], source: str) -> list[Signer]:
    """The signers among the document's actors (see the module's docstring)."""
    signers: list[Signer] = []
    for actor in _entities(document, "DocumentActor"):
        name, relation = entity_text(actor, "ActorNaam"), entity_text(actor, "Relatie") or ""
        post = parse_post(entity_text(actor, "Functie") or "")
        if not name or not (post or SIGNING_RELATION.match(relation)):
            continue
        if post is None:
            warnings.append(f"{source}: {name} ({relation}) holds no government post; "
                            "not taken as a signer")
            continue
        signers.append(Signer(name, post.role, post.of))
    return signers


def metadata_hints(document: dict[str, Any], warnings: list[str], source: str) -> Hints:
    """The hints a ``Document`` entity states; values of the wrong form are warnings."""
    hints = Hints(authority=source)
    number = entity_text(document, "DocumentNummer")
    if number and DOCUMENTNUMMER.fullmatch(number):
        hints.documentnummer = number
    elif number:
        warnings.append(f"{source}: DocumentNummer {number!r} is not a document number")
    zaken = [z for z in (entity_text(z, "Nummer") for z in _entities(document, "Zaak")) if z]
    hints.zaak = next((z for z in zaken if ZAAKNUMMER.fullmatch(z)), None)
    hints.kamerstuk = _kamerstuk(document)
    hints.dossier_title = next((entity_text(d, "Titel") for d in _entities(document, "Kamerstukdossier")),
                               None)
    datum = entity_text(document, "Datum") or ""
    hints.date = datum[:10] if re.match(r"\d{4}-\d{2}-\d{2}", datum) else None
    vergaderjaar = entity_text(document, "Vergaderjaar") or ""
    hints.vergaderjaar = vergaderjaar if re.fullmatch(r"\d{4}-\d{4}", vergaderjaar) else None
    hints.chamber = CHAMBERS.get(str(document.get("Kamer")))
    hints.title = entity_text(document, "Onderwerp") or entity_text(document, "Titel")
    hints.signers = metadata_signers(document, warnings, source)
    if document.get("Verwijderd") is True:
        warnings.append(f"{source}: the Kamer marks this document as deleted (Verwijderd)")
    return hints


FIELDS = ("documentnummer", "zaak", "kamerstuk", "dossier_title", "date", "vergaderjaar",
          "chamber", "title")


def merge_hints(hints: Hints, found: Hints, warnings: list[str]) -> None:
    """Put the metadata's values into the reader's hints; it wins, disagreements are warned."""
    for name in FIELDS:
        value, current = getattr(found, name), getattr(hints, name)
        if value is None:
            continue
        if current is not None and str(current).casefold() != str(value).casefold():
            warnings.append(f"{found.authority} gives {name} '{value}', the rendering "
                            f"'{current}'; the metadata is kept")
        setattr(hints, name, value)
    if found.signers:
        hints.signers = found.signers
    hints.authority = found.authority


def apply_sidecar(doc: SourceDocument) -> None:
    """Fill ``doc.hints`` from the sidecar beside ``doc.path``, if there is one."""
    path = sidecar_of(Path(doc.path))
    if not path.is_file():
        return
    try:
        document, source = read_sidecar(path)
        warnings: list[str] = []
        found = metadata_hints(document, warnings, source)
    except SidecarError as exc:
        doc.warnings.append(f"TK metadata {path.name} not read: {exc}")
        return
    doc.warnings.extend(warnings)
    merge_hints(doc.hints, found, doc.warnings)
