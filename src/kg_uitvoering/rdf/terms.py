"""The namespaces and fixed terms of the mapping, and lookups it needs from data files.

The vocabulary itself is ``ontology/kg-uitvoering.ttl``; this module only names the
terms the mapping emits (a test checks that each one is declared there).
"""

from __future__ import annotations

import csv
import re
from functools import cache
from importlib import resources

from rdflib import Namespace, URIRef

from ..extract.organisations import load_gazetteer

KGU = Namespace("https://w3id.org/kg-uitvoering/def#")
ELI = Namespace("http://data.europa.eu/eli/ontology#")
ORG = Namespace("http://www.w3.org/ns/org#")
OA = Namespace("http://www.w3.org/ns/oa#")
CITO = Namespace("http://purl.org/spar/cito/")
SCHEMA = Namespace("https://schema.org/")
SOFTWARE = Namespace("https://w3id.org/kg-uitvoering/software/")  # one IRI per version

ROLES = {"Minister": KGU.Minister, "Staatssecretaris": KGU.Staatssecretaris,
         "Minister-president": KGU.MinisterPresident,
         "Viceminister-president": KGU.Minister}
COMMITMENT_KINDS = {"new": KGU.NewCommitment, "fulfilled": KGU.FulfilledCommitment,
                    "postponed": KGU.PostponedCommitment}
REGISTER_STATUSES = {"Openstaand": KGU.RegisterOpen, "Voldaan": KGU.RegisterFulfilled,
                     "Deels Voldaan": KGU.RegisterPartlyFulfilled, "Vervallen": KGU.RegisterLapsed}
REFERENCE_TYPES = {"handelingen": KGU.HandelingenReference, "aanhangsel": KGU.AanhangselReference,
                   "tk-document": KGU.TKDocumentReference, "tk-zaak": KGU.TKZaakReference,
                   "eu": KGU.EUReference, "url": KGU.URLReference,
                   "other": KGU.MiscellaneousReference}


def ministry_of(portfolio: str | None) -> str | None:
    """The gazetteer name of the ministry a portfolio belongs to, where there is one:
    "Binnenlandse Zaken en Koninkrijksrelaties" -> "Ministerie van Binnenlandse Zaken en
    Koninkrijksrelaties"; "Rechtsbescherming" (a minister without a ministry) -> None."""
    if not portfolio:
        return None
    gazetteer = load_gazetteer()
    found = gazetteer.folded.get(f"ministerie van {portfolio}".casefold())
    return gazetteer.entries[found[0]].name if found else None


def ministry_named(name: str) -> str | None:
    """The gazetteer name of a ministry as a register names it: a portfolio, an
    abbreviation ("BZK") or the full name ("Ministerie van Defensie"); None if unknown."""
    return ministry_of(re.sub(r"(?i)^ministerie van\s+", "", name.strip()))


@cache
def _tooi() -> dict[str, str]:
    table = resources.files("kg_uitvoering").joinpath("data", "tooi.tsv")
    lines = [ln for ln in table.read_text(encoding="utf-8").splitlines() if not ln.startswith("#")]
    return {row["name"]: row["tooi"] for row in csv.DictReader(lines, delimiter="\t")}


def tooi_identifier(name: str) -> URIRef | None:
    """The documented TOOI identifier of an organisation, or None."""
    found = _tooi().get(name)
    return URIRef(found) if found else None
