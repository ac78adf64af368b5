"""Where things are written: the progress store and export targets, missing,
read-only, on a full disk, or links.

A full disk is a file-size limit (``RLIMIT_FSIZE``, as ``prlimit --fsize``):
writes past it fail with EFBIG, as they would with ENOSPC. A read-only folder is
a folder without write permission, or, for root, a private read-only mount.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from kit import Case, Outcome, answered, answers_lost, answers_printed, valid_pack, write

QUESTIONS = 12
FULL_AFTER = 40_000  # bytes a file: enough to create the store, not to keep answering
FULL_EXPORT = 100  # bytes a file: less than any export of the smallest pack


def _quiz_pack(d: Path) -> Path:
    quotes = [
        {"id": f"q{i}", "actor": "ann" if i % 2 else "bob", "text": f"Line {i} " + "word " * 40}
        for i in range(QUESTIONS)
    ]
    return write(d, "pack.json", valid_pack(quotes=quotes))


def _quiz(d: Path) -> list[str]:
    return ["quiz", str(_quiz_pack(d)), "--text", "--questions", str(QUESTIONS), "--seed", "3"]


def _all_kept(data: str) -> Callable[[Path, Outcome], None]:
    def check(d: Path, out: Outcome) -> None:
        shown = answers_printed(out.stdout)
        assert shown == QUESTIONS, out.stdout[-300:]
        assert answered(d / "pack.json", d / data) == shown

    return check


def _kept_or_told(d: Path, out: Outcome) -> None:
    """On a full disk every answer is kept, or the quiz says it could not keep it."""
    assert answers_printed(out.stdout) == QUESTIONS, out.stdout[-300:]
    out.answers_lost = answers_lost(out, d / "pack.json", d / "data")
    assert out.answers_lost == 0


def _told_not_saved(d: Path, out: Outcome) -> None:
    assert answers_printed(out.stdout) == QUESTIONS, out.stdout[-300:]
    assert "will not be saved" in out.stderr, out.stderr


def _export(fmt: str) -> Callable[[Path], list[str]]:
    def make(d: Path) -> list[str]:
        pack = write(d, "pack.json", valid_pack())
        return ["export", str(pack), "--to", fmt, "-o", str(d / "out" / f"brief.{fmt}")]

    return make


def _nothing_at_the_target(d: Path, out: Outcome) -> None:
    assert list((d / "out").iterdir()) == [], "a failed export left a file behind"


def _full_disk_export(fmt: str) -> Case:
    def make(d: Path) -> list[str]:
        (d / "out").mkdir()
        return _export(fmt)(d)

    return Case(
        f"export {fmt} on a full disk",
        make,
        "error",
        file_size_limit=FULL_EXPORT,
        check=_nothing_at_the_target,
    )


def _render_full_disk(d: Path) -> list[str]:
    pack = write(d, "pack.json", valid_pack())
    (d / "out").mkdir()
    return ["render", str(pack), "-o", str(d / "out"), "--size", "640x360"]


def _link_to_a_file(d: Path) -> list[str]:
    pack = write(d, "pack.json", valid_pack())
    write(d, "elsewhere.md", "someone else's file\n")
    (d / "brief.md").symlink_to(d / "elsewhere.md")
    return ["export", str(pack), "--to", "md", "-o", str(d / "brief.md")]


def _link_replaced_not_followed(d: Path, out: Outcome) -> None:
    """The export replaces the link with its file; it never writes through the link."""
    assert (d / "elsewhere.md").read_text() == "someone else's file\n"
    assert not (d / "brief.md").is_symlink()
    assert (d / "brief.md").read_text().startswith("# A pack under attack")


def _dangling_link(d: Path) -> list[str]:
    pack = write(d, "pack.json", valid_pack())
    (d / "brief.md").symlink_to(d / "no" / "such" / "target.md")
    return ["export", str(pack), "--to", "md", "-o", str(d / "brief.md")]


def _dangling_link_replaced(d: Path, out: Outcome) -> None:
    assert not (d / "no").exists()
    assert (d / "brief.md").read_text().startswith("# A pack under attack")


def storage_cases() -> list[Case]:
    answers = "1\n" * QUESTIONS
    return [
        Case(
            "quiz: progress folder missing (made on first use)",
            _quiz,
            "ok",
            stdin=answers,
            env={"BRIEFING_APP_DATA_DIR": "{dir}/not/yet/made"},
            check=_all_kept("not/yet/made"),
        ),
        Case(
            "quiz: progress on a full disk",
            _quiz,
            "ok",
            stdin=answers,
            env={"BRIEFING_APP_DATA_DIR": "{dir}/data"},
            file_size_limit=FULL_AFTER,
            check=_kept_or_told,
        ),
        Case(
            "quiz: progress on a disk full from the start",
            _quiz,
            "ok",
            stdin=answers,
            env={"BRIEFING_APP_DATA_DIR": "{dir}/data"},
            file_size_limit=0,
            check=_kept_or_told,
        ),
        Case(
            "quiz: progress folder read-only",
            _quiz,
            "ok",
            process=True,
            stdin=answers,
            env={"BRIEFING_APP_DATA_DIR": "{dir}/data"},
            read_only="data",
            check=_told_not_saved,
        ),
        Case(
            "export to a read-only folder",
            _export("md"),
            "error",
            process=True,
            read_only="out",
            check=_nothing_at_the_target,
        ),
        *[_full_disk_export(fmt) for fmt in ("pdf", "apkg", "tsv", "md")],
        Case(
            "render on a full disk",
            _render_full_disk,
            "error",
            file_size_limit=FULL_EXPORT,
            check=_nothing_at_the_target,
        ),
        Case(
            "export to a symlink to a file",
            _link_to_a_file,
            "ok",
            check=_link_replaced_not_followed,
        ),
        Case("export to a dangling symlink", _dangling_link, "ok", check=_dangling_link_replaced),
    ]
