"""Stop PySide6 from reading the source of every module imported after Qt.

PySide6 replaces ``__import__`` so that a module may write ``from __feature__
import snake_case`` and see Qt's names its own way. To learn which modules use
PySide at all, it calls ``inspect.getsource`` on each module the first time an
import statement names it after Qt is loaded, the standard library's too
(``contextlib`` alone takes ~6 ms): ~18 ms on the way to a 50,000-item pack's
filter counts, ~30 ms over a session, on the GUI thread or the pack loader's.

The app never selects a feature (a test holds it to that), so every module
can take the answer a module that uses PySide gets, "no feature selected",
without its source being read. If a PySide6 release drops the check, nothing
is changed and the import simply costs what it costs (logged at debug).
"""

from __future__ import annotations

import logging
import sys

logger = logging.getLogger(__name__)

_FEATURE_MODULES = ("PySide6.support.feature", "shibokensupport.feature")


def skip_feature_source_scan() -> bool:
    """Answer PySide6's "does this module use PySide?" without reading the module's
    source; True if the check was found (call after importing PySide6)."""
    for name in _FEATURE_MODULES:
        feature = sys.modules.get(name)
        if feature is not None and callable(getattr(feature, "_mod_uses_pyside", None)):
            setattr(feature, "_mod_uses_pyside", _uses_pyside)  # noqa: B010
            return True
    logger.debug("PySide6 reads no module sources on import here; nothing to skip")
    return False


def _uses_pyside(module: object) -> bool:
    """Every module is taken as a PySide user with no feature selected: Qt's own names."""
    return True
