"""Official publications read from markup: ``kst-*.xml`` with the ``metadata.xml`` beside
it, and HTML pages (officielebekendmakingen and others). The tree and its layout as
text come from :mod:`.markup`; this module adds the hints each format states
(dossier, ondernummer, titles, vergaderjaar, chamber, date, signers) and merges the
metadata, which wins where it disagrees with the body (a warning says so).
"""

from __future__ import annotations

import re
from pathlib import Path
from xml.etree import ElementTree

from ..dutch import normalise_dossier, parse_dutch_date, parse_kamerstuk_id, parse_post, tidy
from ..model import KamerstukRef, Signer
from .base import Hints, Rendering, SourceDocument
from .decode import UnreadableInput, decode
from .markup import Node, Renderer, parse_tree, plain


def _dossier(text: str) -> str | None:
    text = tidy(text)
    if m := re.fullmatch(r"(\d{2} ?\d{3})(?:[ ;-]*([A-Z]{1,5}|\d{1,2}))?", text):
        return normalise_dossier(m[1], m[2])
    return text if re.fullmatch(r"[A-Z]{1,5}", text) else None


def _chamber(text: str) -> str | None:
    m = re.search(r"\b(Tweede|Eerste) Kamer\b", text)
    return f"{m[1]} Kamer" if m else None


def apply_metadata(hints: Hints, meta: dict[str, list[str]], warnings: list[str],
                   source: str) -> None:
    """Fill ``hints`` from metadata fields (``dossiernummer``, ``issued``, ...); metadata
    wins over what the document says, and every disagreement is a warning."""
    def first(key: str) -> str | None:
        return next((tidy(v) for v in meta.get(key.lower(), []) if tidy(v)), None)

    def put(name: str, value: object) -> None:
        current = getattr(hints, name)
        if current is not None and str(current).casefold() != str(value).casefold():
            warnings.append(f"{source} gives {name} {value!r}, the document {current!r}; "
                            "the metadata is kept")
        setattr(hints, name, value)

    dossier = _dossier(first("dossiernummer") or "")
    ident = first("identifier") or ""
    if dossier:
        put("kamerstuk", KamerstukRef(dossier, first("ondernummer")))
    elif ident.startswith("kst-") and (ref := parse_kamerstuk_id(ident)):
        put("kamerstuk", ref)
    for key, name in (("dossiertitel", "dossier_title"), ("vergaderjaar", "vergaderjaar"),
                      ("documenttitel", "title")):
        if value := first(key):
            put(name, value)
    if (issued := first("issued")) and hints.date is None:
        hints.date = issued[:10]
    if (available := first("available")) and hints.publication_date is None:
        hints.publication_date = available[:10]
    if chamber := _chamber(first("creator") or ""):
        put("chamber", chamber)


def read_metadata(original: str) -> tuple[str | None, dict[str, list[str]]]:
    """The identifier and fields of a ``metadata_gegevens`` or ``owms-metadata`` file."""
    meta: dict[str, list[str]] = {}
    for element in ElementTree.fromstring(original).iter():
        tag = str(element.tag).rsplit("}", 1)[-1].rsplit(":", 1)[-1]
        if "name" in element.attrib and "content" in element.attrib:
            key, value = element.attrib["name"], element.attrib["content"]
        elif len(element) == 0 and element.text and element.text.strip():
            key, value = tag, element.text
        else:
            continue
        meta.setdefault(key.rsplit(".", 1)[-1].lower(), []).append(value)
    return next(iter(meta.get("identifier", [])), None), meta


def _doc_id(path: str, root: Node, original: str, hints: Hints) -> str | None:
    for meta in root.find_all("meta"):
        if m := re.search(r"/([a-z]+(?:-\w+)+)/metadata\.xml", meta.attrs.get("content", "")):
            return m[1]
    if m := re.search(r"(?<![A-Za-z])((?:kst|ah|h|blg|stb|stcrt)-[\w-]+?)(?:\.\w+)?$",
                      Path(path).name):
        return m[1]
    ref = hints.kamerstuk
    return f"kst-{ref.dossier}-{ref.ondernummer}" if ref and ref.ondernummer else None


def _sibling_metadata(path: str, doc_id: str | None, hints: Hints, warnings: list[str]) -> None:
    file = Path(path)
    exact = [file.with_name("metadata.xml"), file.with_name(f"{file.stem}.metadata.xml"),
             file.with_name(f"{file.stem}_metadata.xml")]
    try:
        candidates = exact + sorted(file.parent.glob("*metadata*.xml"))
    except OSError:
        return
    seen: set[Path] = {file}
    for candidate in candidates:
        if candidate in seen or not candidate.is_file():
            continue
        seen.add(candidate)
        try:
            ident, meta = read_metadata(decode(candidate.read_bytes()[:2_000_000])[0])
        except (OSError, ValueError, ElementTree.ParseError) as exc:
            warnings.append(f"metadata {candidate.name} not read: {exc}")
            continue
        same = ident is not None and doc_id is not None and ident.lower() == doc_id.lower()
        if same or (candidate in exact and (ident is None or doc_id is None)):
            apply_metadata(hints, meta, warnings, f"metadata {candidate.name}")


def _xml_hints(root: Node, original: str, hints: Hints) -> None:
    text = {tag: [plain(n, original) for n in root.find_all(tag)] for tag in (
        "dossiernummer", "ondernummer", "vergaderjaar")}
    for line in root.find_all("tekstregel"):
        value = plain(line, original)
        if line.attrs.get("inhoud") == "vergaderjaar" and (m := re.search(r"\d{4}-\d{4}", value)):
            hints.vergaderjaar = m[0]
        elif line.attrs.get("inhoud") == "kameraanduiding":
            hints.chamber = _chamber(value)
    if hints.vergaderjaar is None and text["vergaderjaar"]:
        hints.vergaderjaar = text["vergaderjaar"][0]
    dossier = _dossier(text["dossiernummer"][0]) if text["dossiernummer"] else None
    numbers = root.find_all("ondernummer")
    if dossier:
        hints.kamerstuk = KamerstukRef(dossier, text["ondernummer"][0] if numbers else None)
    if numbers and hints.chamber is None:
        hints.chamber = {"1": "Eerste Kamer", "2": "Tweede Kamer"}.get(numbers[0].attrs.get(
            "kamer", ""))
    for dossier_node in root.find_all("dossier")[:1]:
        titles = [n for n in dossier_node.elements() if n.tag == "titel"]
        hints.dossier_title = plain(titles[0], original) if titles else None
    for stuk in root.find_all("stuk")[:1]:
        titles = [n for n in stuk.elements() if n.tag == "titel"]
        title = plain(titles[0], original) if titles else ""
        hints.title = title if title and not re.match(r"(?i)brief van\b", title) else None
    dates = [n for tag in ("plaats-datum", "datumtekst", "brief") for p in root.find_all(tag)
             for n in p.find_all("datum")]
    for node in dates[:1]:
        iso = node.attrs.get("isodatum", "")
        hints.date = iso if re.fullmatch(r"\d{4}-\d{2}-\d{2}", iso) else parse_dutch_date(
            plain(node, original))
    for signature in root.find_all("ondertekening"):
        post = parse_post(" ".join(plain(n, original) for n in signature.find_all("functie")))
        names = signature.find_all("naam")
        if post and names:
            hints.signers.append(Signer(plain(names[0], original), post.role, post.of))


def read_xml(path: str, original: str) -> SourceDocument:
    """Official XML (or any XML): text laid out as on officielebekendmakingen, with hints."""
    try:
        ElementTree.fromstring(original)
    except (ElementTree.ParseError, ValueError, RecursionError) as exc:
        raise UnreadableInput(f"malformed XML: {exc}") from exc
    root = parse_tree(original, is_html=False)
    renderer = Renderer(original, is_html=False)
    renderer.prepare(root)
    renderer.walk(root)
    text, offsets = renderer.finish()
    hints = Hints()
    warnings: list[str] = []
    _xml_hints(root, original, hints)
    _sibling_metadata(path, _doc_id(path, root, original, hints), hints, warnings)
    if not text.strip():
        warnings.append("the XML holds no text")
    return SourceDocument(path, Rendering.XML, text, offsets, original, hints, warnings)


def read_html(path: str, original: str) -> SourceDocument:
    """An HTML page: its text without site chrome, footnotes at the end, <meta> as hints."""
    root = parse_tree(original, is_html=True)
    renderer = Renderer(original, is_html=True)
    renderer.walk(root)
    text, offsets = renderer.finish()
    hints = Hints()
    warnings: list[str] = []
    meta: dict[str, list[str]] = {}
    for node in root.find_all("meta"):
        if "name" in node.attrs and "content" in node.attrs:
            meta.setdefault(node.attrs["name"].rsplit(".", 1)[-1].lower(), []).append(
                node.attrs["content"])
    apply_metadata(hints, meta, warnings, "the page's <meta>")
    if not text.strip():
        warnings.append("the HTML page holds no text")
    return SourceDocument(path, Rendering.HTML, text, offsets, original, hints, warnings)


__all__ = ["read_html", "read_xml"]
