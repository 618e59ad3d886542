"""HTML pages and official XML (``kst-*.xml``, ``<officiele-publicatie>``) as letter text.

Both are read with one small tokenizer that remembers where every tag and text run
starts, so that each character of the text points into the file (a character written
as an entity, ``&amp;``, points at the ``&``). The standard library's XML parser only
checks that XML is well-formed; a file that is not gives ``UnreadableInput``.

XML is laid out like the officielebekendmakingen page of the same Kamerstuk::

    Vergaderjaar 2022-2023 / Tweede Kamer der Staten-Generaal   (one line each)
    29 362 Modernisering van de overheid
    Nr. 318 BRIEF VAN DE STAATSSECRETARIS ...
    Aan de Voorzitter van de Tweede Kamer der Staten-Generaal
    Den Haag, 22 december 2022
    <paragraphs, separated by blank lines>
    De Staatssecretaris van ...,
    A.C. van Huffelen
    1 <footnote text>                     (footnotes at the end; the marker stays inline)

Elements that hold paragraphs (``<al>``) are blocks, all others are inline text. Hints
come from the XML (dossier and ondernummer, titles, vergaderjaar, chamber, date, the
signers of ``<ondertekening>``) and then from a ``metadata.xml`` lying beside the file
(``metadata_gegevens`` or ``owms-metadata``), which wins where the two disagree; each
disagreement is a warning. HTML pages give their ``<meta name=...>`` tags as metadata;
scripts, navigation, headers, footers and other site chrome are left out, block
elements become lines and footnotes become "N text" lines at the end.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

from ..dutch import tidy
from .base import TextBuilder
from .text import CHROME

TOKEN = re.compile(
    r"<!--.*?(?:-->|\Z)|<!\[CDATA\[.*?(?:\]\]>|\Z)|<[!?][^>]*>?|</?[A-Za-z_][^<>]*>?", re.S)
ATTR = re.compile(r"""([\w:.-]+)\s*(?:=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?""")
PIECE = re.compile(r"\s+|&(?:#\d+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);?|[^\s&]+|&")
MAX_DEPTH = 200
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
        "source", "track", "wbr"}
HTML_SKIP = {"script", "style", "noscript", "template", "svg", "nav", "header", "footer", "form",
             "button", "select", "iframe", "object", "aside", "head", "canvas", "map", "title"}
HTML_CHROME = re.compile(r"^(?:kopregel|voetregel|inhoudsopgave|breadcrumbs?|skip.*|cookie.*|menu|"
                         r"nav|navigation|share|social|toolbar|sidebar|site-header|site-footer|"
                         r"header|footer|search|zoeken|print|note-close|footnote-back(?:ref)?|"
                         r"reversefootnote)$", re.I)
HTML_BLOCK2 = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "table", "ul",
               "ol", "dl", "figure", "section", "article", "main", "address", "dd", "dt",
               "caption", "figcaption", "hr"}
HTML_BLOCK1 = {"div", "br", "tr", "body", "html", "center", "fieldset", "legend"}
NOTE_CLASSES = {"noot", "voetnoot", "footnote", "note"}
NOTES_CLASSES = {"noten", "voetnoten", "footnotes", "notes"}
XML_SKIP = {"metadata", "meta"}
XML_BLOCK = {"al", "tussenkop", "kop", "titel", "li", "tekstregel", "richting", "plaats-datum",
             "slotformule", "functie", "dossier", "stuknr", "datumtekst", "ondertekening",
             "vraag", "antwoord", "nr", "kamervraagomschrijving", "row", "tabel", "lijst",
             "al-groep", "aanhef", "kamervraagnummer", "p", "noot.al"}
ROWS = {"row", "tr"}
INLINE_AFTER = {("titel", "dossiernummer"), ("titel", "stuknr"), ("al", "li.nr")}
TIGHT = {"ondertekening", "kamerstukkop", "kamervraagkop", "row", "tgroup"}


@dataclass
class Text:
    start: int
    end: int
    raw: bool = False  # CDATA: no entities


@dataclass
class Node:
    tag: str
    attrs: dict[str, str]
    start: int
    children: list[Node | Text] = field(default_factory=list)

    def elements(self) -> list[Node]:
        return [c for c in self.children if isinstance(c, Node)]

    def find_all(self, tag: str) -> list[Node]:
        found: list[Node] = []
        stack = [self]
        while stack:
            node = stack.pop()
            found.extend(c for c in node.elements() if c.tag == tag)
            stack.extend(reversed(node.elements()))
        return sorted(found, key=lambda n: n.start)

    def classes(self) -> set[str]:
        return set((self.attrs.get("class", "") + " " + self.attrs.get("id", "")).lower().split())


def parse_tree(original: str, is_html: bool) -> Node:
    """A forgiving tree of ``original``: unmatched end tags are ignored, open ones closed."""
    root = Node("#root", {}, 0)
    stack = [root]
    pos, n = 0, len(original)
    while pos < n:
        lt = original.find("<", pos)
        lt = n if lt < 0 else lt
        m = TOKEN.match(original, lt) if lt < n else None
        if lt > pos or m is None:
            end = lt if lt > pos else lt + 1
            stack[-1].children.append(Text(pos, end))
            pos = end
            continue
        tok, pos = m.group(), m.end()
        if tok.startswith("<![CDATA["):
            stack[-1].children.append(Text(m.start() + 9, pos - 3 if tok.endswith("]]>") else pos,
                                           raw=True))
            continue
        name_match = re.match(r"</?\s*([\w:.-]+)", tok)
        if tok.startswith(("<!", "<?")) or name_match is None:
            continue
        name = name_match[1].rsplit(":", 1)[-1]
        name = name.lower() if is_html else name
        if tok.startswith("</"):
            depth = next((k for k in range(len(stack) - 1, 0, -1) if stack[k].tag == name), 0)
            if depth:
                del stack[depth:]
            continue
        attrs = {a[1].rsplit(":", 1)[-1].lower(): html.unescape(a[2] or a[3] or a[4] or "")
                 for a in ATTR.finditer(tok, name_match.end())}
        if is_html and name == "p" and stack[-1].tag == "p":
            stack.pop()
        node = Node(name, attrs, m.start())
        stack[-1].children.append(node)
        if is_html and name in ("script", "style"):
            close = re.compile(rf"</{name}\s*>", re.I).search(original, pos)
            pos = close.end() if close else n
        elif not (tok.endswith("/>") or (is_html and name in VOID)) and len(stack) < MAX_DEPTH:
            stack.append(node)
    return root


class Writer:
    """Writes text with collapsed whitespace, line breaks between blocks, and offsets."""

    def __init__(self, original: str) -> None:
        self.original = original
        self.builder = TextBuilder()
        self.newlines = 0
        self.space_at: int | None = None
        self.flat = False  # inside a footnote or table row: blocks become spaces

    def block(self, lines: int) -> None:
        """Start the next text on a new line (``lines`` = 2: after a blank line)."""
        if self.flat:  # a space, placed at the next character written (see _lead)
            self.space(len(self.original))
        elif len(self.builder):
            self.newlines = max(self.newlines, lines)

    def space(self, at: int) -> None:
        if len(self.builder) and not self.newlines and self.space_at is None:
            self.space_at = at

    def _lead(self, at: int) -> None:
        if self.newlines:
            self.builder.put("\n" * self.newlines, at)
        elif self.space_at is not None:
            self.builder.put(" ", min(self.space_at, at))
        self.newlines, self.space_at = 0, None

    def put(self, text: str, at: int) -> None:
        self._lead(at)
        self.builder.put(text, at)

    def text(self, run: Text) -> None:
        pattern = re.compile(r"\s+|[^\s]+") if run.raw else PIECE
        for m in pattern.finditer(self.original, run.start, run.end):
            piece = m.group()
            if piece[0].isspace():
                self.space(m.start())
                continue
            decoded = html.unescape(piece) if piece[0] == "&" and not run.raw else piece
            if decoded != piece and not decoded.strip():
                self.space(m.start())
            elif decoded != piece:
                self.put(decoded, m.start())
            else:
                self._lead(m.start())
                self.builder.copy(self.original, m.start(), m.end())


def plain(node: Node | Text, original: str) -> str:
    """The text content of a node, entities decoded and whitespace collapsed."""
    if isinstance(node, Text):
        return original[node.start:node.end] if node.raw else html.unescape(
            original[node.start:node.end])
    return tidy(" ".join(plain(c, original) for c in node.children))


class Renderer:
    """Walks a tree into a :class:`Writer`; footnotes are kept for the end."""

    def __init__(self, original: str, is_html: bool) -> None:
        self.w = Writer(original)
        self.original = original
        self.is_html = is_html
        self.notes: list[Node] = []
        self.with_al: set[int] = set()  # elements holding an <al>: blocks
        self.ids: dict[str, Node] = {}

    def prepare(self, root: Node) -> None:
        order: list[Node] = []
        stack = [root]
        while stack:
            node = stack.pop()
            order.append(node)
            stack.extend(node.elements())
        self.ids = {node.attrs["id"]: node for node in order if "id" in node.attrs}
        for node in reversed(order):  # children before their parents
            if any(c.tag == "al" or id(c) in self.with_al for c in node.elements()):
                self.with_al.add(id(node))

    def kind(self, node: Node, previous: Node | None, gap: int) -> tuple[str, int]:
        """("skip" | "note" | "notes" | "inline" | "block", blank-line count for blocks)."""
        tag = node.tag
        if self.is_html:
            classes = node.classes()
            if (tag in HTML_SKIP or any(HTML_CHROME.match(c) for c in classes) or "hidden" in
                    node.attrs or node.attrs.get("aria-hidden") == "true" or node.attrs.get(
                    "role") in ("navigation", "banner", "contentinfo", "search")):
                return "skip", 0
            if all(isinstance(c, Text) for c in node.children) and CHROME.match(
                    plain(node, self.original)):
                return "skip", 0
            if classes & NOTES_CLASSES:
                return "notes", 0
            if classes & NOTE_CLASSES and tag != "a" and tag != "sup":
                return "note", 0
            if tag in HTML_BLOCK2:
                return "block", min(gap, 2)
            return ("block", 1) if tag in HTML_BLOCK1 else ("inline", 0)
        if tag in XML_SKIP or node.attrs.get("inhoud") in ("kamernummer", "documenttype"):
            return "skip", 0
        if tag == "noot":
            return "note", 0
        if previous is not None and (tag, previous.tag) in INLINE_AFTER:
            return "inline", 0
        if (tag == "naam" and gap == 1) or tag in XML_BLOCK or id(node) in self.with_al:
            return "block", gap
        return "inline", 0

    def visible(self, node: Node) -> str:
        """The text of ``node`` that is rendered (chrome inside it left out)."""
        return " ".join(plain(c, self.original) if isinstance(c, Text) else self.visible(c)
                        for c in node.children
                        if isinstance(c, Text) or self.kind(c, None, 2)[0] != "skip")

    def walk(self, node: Node, gap: int = 2) -> None:
        previous: Node | None = None
        for child in node.children:
            if isinstance(child, Text):
                self.w.text(child)
                continue
            kind, lines = self.kind(child, previous, gap)
            before, previous = previous, child
            inner = 1 if child.tag in TIGHT or "ondertekening" in child.classes() else gap
            if (kind == "note" or child.tag == "nootref") and not self.w.flat:
                note = self.ids.get(child.attrs.get("refid", ""), child)  # nootref: 2nd marker
                if kind == "note":
                    self.notes.append(child)
                number = next((n for n in note.elements() if n.tag == "noot.nr"), None)
                if number is not None:
                    self.walk(number)
            elif kind == "notes" and not self.w.flat:
                self.notes.extend(child.find_all("li") or child.elements())
            elif kind == "block":
                self.w.block(lines)
                flat, self.w.flat = self.w.flat, self.w.flat or child.tag in ROWS
                self.walk(child, inner)  # a table row is one line, its cells apart by spaces
                self.w.flat = flat
                self.w.block(lines)
            elif kind == "inline" or kind in ("note", "notes"):
                if before is not None and (child.tag, before.tag) in INLINE_AFTER:
                    self.w.newlines = 0  # "Nr. 318 BRIEF VAN ...", "• text": on one line
                if child.tag in ("achternaam", "td", "th", "entry", "titel", "al"):
                    self.w.space(child.start)
                self.walk(child, inner)

    def finish(self) -> tuple[str, list[int]]:
        if self.notes:
            self.w.block(2)
        for number, note in enumerate(self.notes, start=1):
            self.w.block(1)
            self.w.flat = True
            if not re.match(r"\s*\d", self.visible(note)):
                self.w.put(str(number), note.start)
                self.w.space(note.start)
            self.walk(note)
            self.w.flat = False
        return self.w.builder.build()


def _head(sample: str) -> str:
    return re.sub(r"^(?:\s|<!--.*?-->)*", "", sample.lstrip("\ufeff")[:4096], flags=re.S)


def looks_like_html(sample: str) -> bool:
    """An HTML or XHTML page (a doctype, an <html> tag, or markup made of HTML tags)."""
    head = _head(sample)
    if re.search(r"<!DOCTYPE\s+html|<html[\s>]", head, re.I):
        return True
    return head.startswith("<") and bool(re.search(r"<(?:head|body|p|div|h[1-6]|table|span|a)"
                                                   r"[\s>]", head, re.I))


def looks_like_xml(sample: str) -> bool:
    """XML that is not an HTML page: ``<?xml``, official publications, metadata."""
    head = _head(sample)
    if re.search(r"<!DOCTYPE\s+html|<html[\s>]", head, re.I):
        return False
    return head.startswith("<?xml") or bool(re.match(
        r"<(?:[\w-]+:)?(?:officiele-publicatie|metadata_gegevens|owms-metadata)\b", head))


__all__ = ["Node", "Renderer", "looks_like_html", "looks_like_xml", "parse_tree", "plain"]
