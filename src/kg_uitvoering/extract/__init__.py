"""From a read letter (:class:`SourceDocument`) to its :class:`LetterRecord`.

``extract(doc)`` finds the signature blocks first (they close the body), then the
zones of the letter, then everything else in the body and footnotes.
"""

from __future__ import annotations

import hashlib

from ..model import LetterRecord, Signer, SourceInfo
from ..sources.base import SourceDocument
from .citations import find_citations, find_other_references
from .commitments import find_commitments
from .dilemmas import find_dilemmas
from .document import read_document
from .layout import layout
from .organisations import find_organisations
from .signers import find_signers, reconcile_signers

__all__ = ["extract"]


def extract(doc: SourceDocument) -> LetterRecord:
    """Everything GUIDELINES.md asks for, with passages; problems become warnings."""
    text = doc.text
    sha = hashlib.sha256(doc.original.encode("utf-8")).hexdigest()
    record = LetterRecord(source=SourceInfo(doc.path, doc.rendering.value, sha), text=text,
                          warnings=list(doc.warnings))
    if not text.strip():
        record.warnings.append("no letter text found")
        return record
    signed = find_signers(text)
    zones = layout(text, [span for _, span in signed])
    record.document, warnings = read_document(text, zones.header[1], doc.hints)
    record.warnings.extend(warnings)
    record.signers = [signer for signer, _ in signed]
    if doc.hints.authority is not None and doc.hints.signers:
        record.signers, warnings = reconcile_signers(record.signers, doc.hints.signers,
                                                     doc.hints.authority)
        record.warnings.extend(warnings)
    elif not record.signers and doc.hints.signers:
        record.signers = [Signer(s.name, s.role, s.of) for s in doc.hints.signers]
        record.warnings.append("no signature in the text; signers taken from the page's metadata")
    elif not record.signers:
        record.warnings.append("no signature found")
    spans = zones.search_spans()
    own = record.document.kamerstuk
    record.citations = find_citations(text, spans, own)
    own_numbers = {n for n in (record.document.documentnummer, record.document.zaak) if n}
    record.other_references = find_other_references(text, spans, own_numbers)
    record.organisations = find_organisations(text, spans)
    record.dilemmas = find_dilemmas(text, spans)
    record.commitments = find_commitments(text, spans, record.document.date)
    return record
