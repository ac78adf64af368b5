"""The core stays free of Qt, and ``import briefing_app`` stays cheap.

Each check runs in a fresh interpreter, because this test process may already
have imported PySide6 or pydantic for other tests.
"""

from __future__ import annotations

import subprocess
import sys

import pytest


def _modules_after(statement: str) -> set[str]:
    code = f"import sys\n{statement}\nprint('\\n'.join(sys.modules))"
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    return set(done.stdout.split())


@pytest.mark.parametrize(
    "module",
    [
        "briefing_app.core",
        "briefing_app.core.pack",
        "briefing_app.core.cards",
        "briefing_app.core.models",
        "briefing_app.core.references",
        "briefing_app.commands.validate",
    ],
)
def test_core_never_imports_qt(module: str) -> None:
    loaded = _modules_after(f"import {module}\nfrom briefing_app.core.pack import load_pack")
    assert module in loaded
    assert not {m for m in loaded if m.split(".")[0] in ("PySide6", "shiboken6")}


def test_loading_a_pack_never_imports_qt() -> None:
    loaded = _modules_after(
        "from briefing_app.core.pack import load_pack\n"
        "from briefing_app.core.cards import build_cards\n"
        "from briefing_app.paths import bundled_briefs_dir\n"
        "build_cards(load_pack(bundled_briefs_dir() / 'us-japan-taiwan-2025'))"
    )
    assert not {m for m in loaded if m.startswith(("PySide6", "shiboken6"))}


def test_import_briefing_app_does_not_import_pydantic() -> None:
    loaded = _modules_after("import briefing_app")
    assert "briefing_app" in loaded
    assert "pydantic" not in loaded
    assert "pydantic_core" not in loaded
    assert "jiter" not in loaded


def test_lazy_names_still_work() -> None:
    loaded = _modules_after(
        "import briefing_app\n"
        "assert callable(briefing_app.load_pack)\n"
        "assert issubclass(briefing_app.PackError, Exception)\n"
        "assert briefing_app.Problem('a', 'b').location == 'a'"
    )
    assert "pydantic" in loaded


def test_unknown_attribute_is_an_attribute_error() -> None:
    import briefing_app

    with pytest.raises(AttributeError):
        briefing_app.no_such_thing  # noqa: B018
