"""Handouts and exports: PDF (Qt), Anki package and TSV, and a Markdown brief (pure).

``pdf`` is not imported here so that the TSV and Markdown exports never load Qt.
"""

from __future__ import annotations

from .atomic import ExportCancelled, ExportError, atomic_write_bytes, atomic_write_text
from .markdown import pack_to_markdown
from .tsv import cards_to_tsv

__all__ = [
    "ExportCancelled",
    "ExportError",
    "atomic_write_bytes",
    "atomic_write_text",
    "cards_to_tsv",
    "pack_to_markdown",
]
