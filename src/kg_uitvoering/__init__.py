"""kg-uitvoering: Dutch parliamentary letters (Kamerbrieven) as a linked-data knowledge graph.

The public API: read a letter from any rendering, extract its record, and run a batch.
"""

from .extract import extract
from .model import LetterRecord
from .pipeline import RunEntry, run_extraction
from .sources import Rendering, SourceDocument, UnreadableInput, read_source

__version__ = "0.1.0"

__all__ = [
    "LetterRecord",
    "Rendering",
    "RunEntry",
    "SourceDocument",
    "UnreadableInput",
    "__version__",
    "extract",
    "read_source",
    "run_extraction",
]
