"""Content negotiation: the ``Accept`` header with q-values, or a ``format=`` parameter."""

from __future__ import annotations

FORMAT_NAMES = {
    "json": "application/sparql-results+json", "xml": "application/sparql-results+xml",
    "csv": "text/csv", "tsv": "text/tab-separated-values", "turtle": "text/turtle",
    "ttl": "text/turtle", "ntriples": "application/n-triples", "nt": "application/n-triples",
    "jsonld": "application/ld+json", "rdfxml": "application/rdf+xml", "trig": "application/trig",
    "nquads": "application/n-quads", "nq": "application/n-quads",
}
# What a client gets when it accepts anything, per query form.
DEFAULTS = ["application/sparql-results+json", "text/turtle"]


def accepted(header: str | None, fmt: str | None = None, defaults: list[str] = DEFAULTS
             ) -> list[str]:
    """Media types in order of preference; q=0 types are left out, ties keep header order.

    ``format=`` (a name above or a media type) comes first; a missing header means */*,
    and */* stands for ``defaults`` first.
    """
    ranked: list[tuple[float, int, str]] = []
    for i, part in enumerate((header or "*/*").split(",")):
        media, *params = [p.strip() for p in part.split(";")]
        if not media:
            continue
        q = 1.0
        for param in params:
            key, _, value = param.partition("=")
            if key.strip().lower() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        if q > 0:
            ranked.append((-q, i, media.lower()))
    types = [media for _, _, media in sorted(ranked)]
    if fmt:
        types.insert(0, FORMAT_NAMES.get(fmt.lower(), fmt.lower()))
    if "*/*" in types:
        at = types.index("*/*")
        types[at:at + 1] = [*defaults, "*/*"]
    return types


def prefers_html(header: str | None) -> bool:
    """A browser: text/html ranks above every RDF type it accepts."""
    types = accepted(header)
    return bool(types) and types[0] in ("text/html", "application/xhtml+xml")
