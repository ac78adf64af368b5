"""Editing packs without Qt: a document model the editor binds to, and CSV import."""

from .document import Change, EditError, PackDocument, StillReferenced

__all__ = ["Change", "EditError", "PackDocument", "StillReferenced"]
