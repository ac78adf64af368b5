"""Fixtures for every test: progress never touches the real user's data folder, and
every pack any test loads is loaded by both paths of the loader, which must agree."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))  # tests/cli_runner.py and friends


@pytest.fixture(autouse=True)
def isolated_data_dir(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """Point ``BRIEFING_APP_DATA_DIR`` (inherited by subprocesses) at a fresh folder."""
    folder = tmp_path_factory.mktemp("data")
    monkeypatch.setenv("BRIEFING_APP_DATA_DIR", str(folder))
    return folder


@pytest.fixture(autouse=True)
def fast_and_checked_loaders_agree(monkeypatch: pytest.MonkeyPatch) -> None:
    """Whenever the fast loader accepts a pack in a test, the checked path must accept it
    too, with the same values, and building it from a helper's proof must give the same
    pack again: a differential check over every pack the suite loads."""
    from pack_values import pack_values

    from briefing_app.core import checked_load, fast_load
    from briefing_app.core import pack as pack_module
    from briefing_app.core.errors import PackError
    from briefing_app.core.models import Pack

    def both(
        data: bytes, base_dir: Path | None, proven: Callable[[], bool] | None = None
    ) -> Pack | None:
        fast = fast_load.try_fast(data, base_dir, proven)
        if fast is not None:
            built = fast_load.try_fast(data, base_dir, lambda: True)  # as from a proof
            assert built is not None
            assert pack_values(built) == pack_values(fast)
            assert _item_types(built) == _item_types(fast)
            try:
                checked = checked_load.parse_checked(data, base_dir)
            except PackError as exc:  # pragma: no cover - the failure this guards against
                raise AssertionError(f"the fast loader accepted a refused pack: {exc}") from None
            assert pack_values(fast) == pack_values(checked)
        return fast

    monkeypatch.setattr(pack_module, "try_fast", both)


def _item_types(pack: object) -> list[type]:
    from briefing_app.core.models import ITEM_TYPES

    return [type(item) for name in ITEM_TYPES for item in getattr(pack, name)]


@pytest.fixture(autouse=True)
def no_helper_left_running() -> Iterator[None]:
    """A test that started a prefetch (and so maybe a side-check helper) leaves none."""
    yield
    from briefing_app.core import prefetch

    prefetch.stop()
