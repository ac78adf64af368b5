"""Editing packs without Qt: a document model the editor binds to, and CSV import."""

from .changes import Address, Change, EditError, StillReferenced
from .document import PackDocument
from .locating import LocatedProblem

__all__ = [
    "Address",
    "Change",
    "EditError",
    "LocatedProblem",
    "PackDocument",
    "StillReferenced",
]
