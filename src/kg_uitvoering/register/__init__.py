"""The Tweede Kamer's commitment register: reading its records and linking them to the
commitments extracted from letters."""

from .matching import LetterIndex, LetterSummary, summarise
from .toezegging import RegisterError, read_toezegging

__all__ = ["LetterIndex", "LetterSummary", "RegisterError", "read_toezegging", "summarise"]
