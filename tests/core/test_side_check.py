"""A helper process checks a big pack while the window starts; it checks the very
bytes the window read (never the file again), and anything but a timely "valid"
means checking here.

The helper runs the same fast-path check as the loader (``try_fast``); these tests
run real helper processes (``MIN_BYTES`` lowered so a small pack gets one).
"""

from __future__ import annotations

import os
import signal
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from pack_builder import actor, encode, pack, quote, write_pack

from briefing_app.core import limits, prefetch, side_check
from briefing_app.core.pack import UTF8_BOM, parse_pack
from briefing_app.core.side_check import SideCheck, answer_for

LONG_WAIT = 60.0  # a loaded test machine: the answer itself is what is tested


def _valid(**changes: object) -> dict[str, Any]:
    fields: dict[str, Any] = {
        "id": "side",
        "actors": [actor("ann", "Ann Example"), actor("bo", "Bo Example")],
        "quotes": [quote("q1", "ann", "We object."), quote("q2", "bo", "We agree.")],
    }
    built: dict[str, Any] = pack(**{**fields, **changes})
    return built


def _helper_for_any_pack(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every pack is big enough for a helper (and the machine is taken as multi-core)."""
    monkeypatch.setattr(side_check, "MIN_BYTES", 0)
    monkeypatch.setattr(side_check, "usable", lambda: True)


def test_the_helper_proves_the_bytes_it_is_given_not_the_file(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    _helper_for_any_pack(monkeypatch)
    path = write_pack(tmp_path, _valid())
    data = path.read_bytes()
    helper = SideCheck.start(path, data)
    assert helper is not None
    assert helper.proves(answer_for(data), LONG_WAIT)
    assert not helper.proves(answer_for(data), LONG_WAIT)  # asked once
    invalid = encode(_valid(quotes=[quote("q1", "nobody", "Who?")]))
    other = SideCheck.start(path, invalid)  # the file on disk is valid; these bytes are not
    assert other is not None
    assert not other.proves(answer_for(invalid), LONG_WAIT)


@pytest.mark.parametrize(
    "content",
    [
        pytest.param(encode(_valid(quotes=[quote("q1", "nobody", "Who?")])), id="bad reference"),
        pytest.param(b'{"format": "briefing-pack", "version": 1', id="truncated"),
        pytest.param(encode(_valid(title="  padded  ")), id="doubtful for the fast path"),
    ],
)
def test_no_proof_for_a_pack_the_fast_check_does_not_accept(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, content: bytes
) -> None:
    _helper_for_any_pack(monkeypatch)
    assert not _helper_proves(tmp_path / "pack.json", content)


def _helper_proves(path: Path, content: bytes) -> bool:
    """Write ``content`` to ``path``, start a helper on it and ask it (waiting long)."""
    path.write_bytes(content)
    helper = SideCheck.start(path, content)
    assert helper is not None
    return helper.proves(answer_for(content), LONG_WAIT)


def test_no_helper_without_a_python_to_run_it(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    _helper_for_any_pack(monkeypatch)
    path = write_pack(tmp_path, _valid())
    monkeypatch.setattr(sys, "executable", str(tmp_path / "no-such-python"))
    assert SideCheck.start(path, path.read_bytes()) is None


def test_the_helper_runs_this_apps_code_whatever_the_current_folder(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """A ``briefing_app`` in the folder the app starts from is never the helper's code."""
    _helper_for_any_pack(monkeypatch)
    fake = tmp_path / "elsewhere" / "briefing_app" / "core"
    fake.mkdir(parents=True)
    (fake.parent / "__init__.py").write_text("")
    (fake / "__init__.py").write_text("")
    (fake / "side_check.py").write_text(  # "proves" anything it is given
        "import sys\nprint(f'valid {len(sys.stdin.buffer.read())}')\n"
    )
    monkeypatch.chdir(fake.parent.parent)
    invalid = encode(_valid(quotes=[quote("q1", "nobody", "Who?")]))
    assert not _helper_proves(tmp_path / "pack.json", invalid)
    assert _helper_proves(tmp_path / "pack.json", encode(_valid()))  # the app's own check


def test_a_file_saved_after_the_windows_read_leaves_the_proof_to_its_bytes(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """The window builds what it read; the helper proves exactly that, whatever the
    file holds by then (a later save is the file watcher's to reload)."""
    _helper_for_any_pack(monkeypatch)
    monkeypatch.setattr(side_check, "WAIT_S", LONG_WAIT)
    path = write_pack(tmp_path, _valid())
    real_start = SideCheck.start

    def saved_again_first(checked: Path, data: bytes) -> SideCheck | None:
        checked.write_bytes(encode(_valid(actors=[])))  # invalid now
        return real_start(checked, data)

    monkeypatch.setattr(SideCheck, "start", saved_again_first)
    prefetch.start(path)
    data = prefetch.take(path)
    assert data == encode(_valid())
    assert prefetch.proven(data)


def test_helpers_asked_late_or_never_are_stopped_and_collected(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    if not Path("/proc/self/fd").is_dir():
        pytest.skip("counts processes and files through /proc")
    _helper_for_any_pack(monkeypatch)
    path = write_pack(tmp_path, _valid())
    files = _open_files()
    before = _children()
    late = SideCheck.start(path, path.read_bytes())
    assert late is not None
    assert _until(lambda: len(_children() - before) == 1)
    (helper_pid,) = _children() - before
    os.kill(helper_pid, signal.SIGSTOP)  # it cannot answer now, however the test is timed
    assert not late.proves(answer_for(path.read_bytes()), wait=0.0)
    assert _until(lambda: not _children() - before)  # stopped, and its exit collected
    prefetch.start(path)
    assert prefetch.take(path) is not None
    assert _until(lambda: len(_children() - before) == 1)
    prefetch.release()  # loaded without asking (the pack failed before its checks)
    assert _until(lambda: not _children() - before)
    assert _until(lambda: _open_files() == files)


def _children() -> set[int]:
    """This process's child processes (running, or exited and not yet collected)."""
    me, found = os.getpid(), set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue  # gone meanwhile
        if int(fields[1]) == me:
            found.add(int(stat.parent.name))
    return found


def _open_files() -> int:
    return len(os.listdir("/proc/self/fd"))


def _until(condition: Callable[[], bool], timeout: float = 30.0) -> bool:
    """Poll ``condition`` until it holds or ``timeout`` passes (processes end on their own
    time); its last answer."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.01)
    return True


def test_no_helper_for_a_small_pack(tmp_path: Path) -> None:
    path = write_pack(tmp_path, _valid())
    assert path.stat().st_size < side_check.MIN_BYTES
    assert SideCheck.start(path, path.read_bytes()) is None


@pytest.mark.parametrize(
    ("content", "answer"),
    [
        (encode(_valid()), "proof"),
        (UTF8_BOM + encode(_valid()), "proof"),
        (encode(_valid(actors=[])), "doubtful"),
        (encode(_valid()) + b" " * 64, "doubtful"),  # over the (lowered) size limit
    ],
    ids=["valid", "valid with a byte order mark", "invalid", "too large"],
)
def test_the_helpers_answer(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, content: bytes, answer: str
) -> None:
    monkeypatch.setattr(limits, "MAX_FILE_BYTES", len(encode(_valid())) + 3)
    said = side_check.check([str(tmp_path / "pack.json")], content)
    assert said == (answer_for(content) if answer == "proof" else answer)


def test_the_helper_without_a_file_says_so() -> None:
    assert side_check.check([], encode(_valid())).startswith("unreadable: ")


def test_the_prefetch_hands_over_the_proof_for_its_own_bytes_once(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    _helper_for_any_pack(monkeypatch)
    monkeypatch.setattr(side_check, "WAIT_S", LONG_WAIT)
    path = write_pack(tmp_path, _valid())
    prefetch.start(path)
    data = prefetch.take(path)
    assert data is not None
    assert not prefetch.proven(bytes(bytearray(data)))  # equal bytes, but not the ones read
    prefetch.start(path)
    data = prefetch.take(path)
    assert data is not None
    assert prefetch.proven(data)
    assert not prefetch.proven(data)  # once


@pytest.mark.parametrize("bom", [b"", UTF8_BOM], ids=["plain", "with a byte order mark"])
def test_a_proved_pack_is_built_as_a_checked_one(bom: bytes) -> None:
    data = bom + encode(_valid(**{"x-note": {"a": [1, 2]}, "tags": ["t"]}))
    asked: list[bytes] = []

    def proof(seen: bytes) -> bool:
        asked.append(seen)
        return True

    proved = parse_pack(data, proof=proof)
    assert asked == [data]  # the bytes as read, asked once
    assert proved == parse_pack(data)
    assert proved.extensions == {"x-note": {"a": [1, 2]}}
