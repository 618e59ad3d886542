"""Records to RDF: IRIs, the mapping and the namespaces of the public vocabulary."""

from .iris import DEFAULT_BASE, Iris
from .mapping import letter_graph
from .terms import KGU

__all__ = ["DEFAULT_BASE", "KGU", "Iris", "letter_graph"]
