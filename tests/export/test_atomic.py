"""All or nothing: no partial file, no stray temporary file, the old file intact."""

from __future__ import annotations

import os
from pathlib import Path
from typing import BinaryIO

import pytest

from briefing_app.export.atomic import ExportError, atomic_write_bytes, atomic_write_text


def test_writes_and_replaces(tmp_path: Path) -> None:
    out = tmp_path / "brief.md"
    atomic_write_text(out, "one\n")
    atomic_write_text(out, "two 日本語\n")
    assert out.read_text(encoding="utf-8") == "two 日本語\n"
    assert os.listdir(tmp_path) == ["brief.md"]


def test_missing_folder_is_a_clear_error(tmp_path: Path) -> None:
    out = tmp_path / "no-such-folder" / "brief.md"
    with pytest.raises(ExportError, match=r"folder .* does not exist"):
        atomic_write_text(out, "x")
    assert not out.parent.exists()


def test_a_folder_is_not_a_file(tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="it is a folder"):
        atomic_write_text(tmp_path, "x")


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root ignores permissions")
def test_unwritable_folder(tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        with pytest.raises(ExportError, match="Permission denied"):
            atomic_write_text(locked / "brief.md", "x")
        assert os.listdir(locked) == []
    finally:
        locked.chmod(0o700)


def test_unwritable_path_even_as_root(tmp_path: Path) -> None:
    """A path under a regular file cannot be written by anyone."""
    blocker = tmp_path / "file.txt"
    blocker.write_text("x")
    with pytest.raises(ExportError, match=r"cannot write .*brief\.md: .* is not a folder"):
        atomic_write_text(blocker / "brief.md", "x")
    assert sorted(os.listdir(tmp_path)) == ["file.txt"]


def test_failure_mid_write_keeps_the_old_file(tmp_path: Path) -> None:
    out = tmp_path / "cards.tsv"
    out.write_text("old contents\n")

    def write_then_fail(handle: BinaryIO) -> None:
        handle.write(b"half of the new")
        raise RuntimeError("disk on fire")

    with pytest.raises(RuntimeError, match="disk on fire"):
        atomic_write_bytes(out, write_then_fail)
    assert out.read_text() == "old contents\n"
    assert os.listdir(tmp_path) == ["cards.tsv"]


def test_os_error_mid_write_becomes_export_error(tmp_path: Path) -> None:
    out = tmp_path / "cards.tsv"

    def fill_the_disk(handle: BinaryIO) -> None:
        handle.write(b"partial")
        raise OSError(28, "No space left on device")

    with pytest.raises(ExportError, match=r"cannot write .*: No space left on device"):
        atomic_write_bytes(out, fill_the_disk)
    assert os.listdir(tmp_path) == []


def test_keeps_an_existing_files_permissions(tmp_path: Path) -> None:
    out = tmp_path / "brief.md"
    out.write_text("old")
    out.chmod(0o640)
    atomic_write_text(out, "new")
    assert out.stat().st_mode & 0o777 == 0o640


def test_new_file_gets_ordinary_permissions(tmp_path: Path) -> None:
    out = tmp_path / "brief.md"
    atomic_write_text(out, "new")
    umask = os.umask(0)
    os.umask(umask)
    assert out.stat().st_mode & 0o777 == 0o666 & ~umask


def test_permission_denied_is_reported_plainly(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What a read-only folder gives a normal user (root would not be refused)."""
    import tempfile

    def refuse(*args: object, **kwargs: object) -> tuple[int, str]:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    out = tmp_path / "brief.md"
    with pytest.raises(ExportError) as info:
        atomic_write_text(out, "x")
    assert str(info.value) == f"cannot write {out}: Permission denied"
    assert os.listdir(tmp_path) == []


def test_failed_rename_removes_the_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*args: object) -> None:
        raise OSError(18, "Invalid cross-device link")

    monkeypatch.setattr(os, "replace", refuse)
    out = tmp_path / "brief.md"
    with pytest.raises(ExportError, match="Invalid cross-device link"):
        atomic_write_text(out, "x")
    assert os.listdir(tmp_path) == []
