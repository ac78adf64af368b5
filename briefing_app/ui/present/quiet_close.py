"""Closing a presentation window without announcing it.

The audience view and the console both say ``closed`` when the presenter closes
one (that ends the talk), but not when the controller closes them itself.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtCore import SignalInstance


class QuietClose:
    """Mixin for a widget with a ``closed`` signal; call ``announce_close`` in closeEvent."""

    _closing_quietly = False
    if TYPE_CHECKING:
        closed: SignalInstance

        def close(self) -> bool: ...

    def close_quietly(self) -> None:
        """Close without emitting ``closed`` (the controller is ending the talk)."""
        self._closing_quietly = True
        try:
            self.close()
        finally:
            self._closing_quietly = False

    def announce_close(self) -> None:
        if not self._closing_quietly:
            self.closed.emit()
