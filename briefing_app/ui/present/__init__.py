"""Presentation mode: an audience view for the projector and a presenter console.

``PresentationController`` is the entry point; see its module for the API.
"""

from __future__ import annotations

from .audience import AudienceView
from .console import PresenterConsole
from .controller import PresentationController

__all__ = ["AudienceView", "PresentationController", "PresenterConsole"]
