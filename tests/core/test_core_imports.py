"""The core stays free of Qt, and ``import briefing_app`` stays cheap.

Each check runs in a fresh interpreter, because this test process may already
have imported PySide6 or pydantic for other tests.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest


def _modules_after(statement: str) -> set[str]:
    code = f"import sys\n{statement}\nprint('\\n'.join(sys.modules))"
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    return set(done.stdout.split())


def _package_modules(package: str) -> list[str]:
    """Every module of a package, found on disk (so a new module is checked without a list)."""
    root = Path(__file__).resolve().parents[2] / package.replace(".", "/")
    return sorted(
        f"{package}.{'.'.join(p.relative_to(root).with_suffix('').parts)}".removesuffix(".__init__")
        for p in root.rglob("*.py")
    )


def test_every_core_module_stays_free_of_qt() -> None:
    modules = _package_modules("briefing_app.core")
    assert len(modules) > 15  # the walk found the package
    loaded = _modules_after("\n".join(f"import {m}" for m in modules))
    assert set(modules) <= loaded
    assert not {m for m in loaded if m.split(".")[0] in ("PySide6", "shiboken6")}


def test_the_painting_layer_never_imports_widgets() -> None:
    modules = _package_modules("briefing_app.paint")
    loaded = _modules_after("\n".join(f"import {m}" for m in modules))
    assert set(modules) <= loaded
    assert "PySide6.QtGui" in loaded
    assert "PySide6.QtWidgets" not in loaded


@pytest.mark.parametrize("package", ["briefing_app.export", "briefing_app.commands"])
def test_export_and_commands_never_import_the_window_package(package: str) -> None:
    """The layers point one way: core <- paint <- ui/export/commands (but the quiz window)."""
    offenders = []
    for module in _package_modules(package):
        path = Path(__file__).resolve().parents[2] / (module.replace(".", "/") + ".py")
        if not path.exists():
            path = path.with_suffix("") / "__init__.py"
        for line in path.read_text(encoding="utf-8").splitlines():
            if re.match(r"\s*from \.\.(ui)\b|\s*(from|import) briefing_app\.ui\b", line):
                if module == "briefing_app.commands.quiz" and "quiz.view" in line:
                    continue  # the one command that opens a window
                offenders.append(f"{module}: {line.strip()}")
    assert offenders == []


def test_commands_import_only_what_they_run() -> None:
    loaded = _modules_after("from briefing_app.cli import main\nmain(['schema'])")
    assert "PySide6" not in loaded and "briefing_app.commands.render" not in loaded


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
    assert "briefing_app.core.pack" in loaded
    assert "pydantic" not in loaded  # the validator waits for a pack that needs it


def test_a_valid_pack_loads_without_pydantic_and_an_invalid_one_with_it() -> None:
    script = (
        "from briefing_app.core.pack import load_or_error\n"
        "from briefing_app.paths import bundled_briefs_dir\n"
        "pack = load_or_error(bundled_briefs_dir() / 'us-japan-taiwan-2025')\n"
        "assert pack.title, pack\n"
    )
    assert "pydantic" not in _modules_after(script)
    broken = script + (
        "import pathlib, tempfile\n"
        "path = pathlib.Path(tempfile.mkdtemp()) / 'pack.json'\n"
        'path.write_text(\'{"format": "briefing-pack"}\')\n'
        "assert load_or_error(path).problems\n"
    )
    assert "pydantic" in _modules_after(broken)


def test_unknown_attribute_is_an_attribute_error() -> None:
    import briefing_app

    with pytest.raises(AttributeError):
        briefing_app.no_such_thing  # noqa: B018
