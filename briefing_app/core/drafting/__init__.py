"""Drafting a pack from a news article: quotes and who said them, for the user to review."""

from .draft import Draft, Suggestion, draft_article
from .reading import Article, kind_of, read_article

__all__ = ["Article", "Draft", "Suggestion", "draft_article", "kind_of", "read_article"]
