"""Hostile inputs for every command and the window's opening code, as data.

Each ``Case`` builds its input in a fresh folder, runs one command (in-process
through ``cli.main``, or as a real process where one is needed: a kill, a FIFO,
concurrent writers) and says which outcome is right: a clear error (exit 1 or
2, one plain line per problem, no traceback) or a correct result. The pytest
suite (``test_hostile.py``) asserts every case; ``benchmarks/hostile.py`` runs
the same cases, slow ones included, and prints the figures.

The JSON parsing cases are written here, in the spirit of nst/JSONTestSuite
(its files are not vendored): the classes of malformed JSON it covers.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from authoring_cases import authoring_cases
from kit import Case, Outcome, png_bytes, valid_pack, write
from storage_cases import storage_cases

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
<!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">]>
<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><text>&lol4;</text></svg>"""
EXTERNAL_SVG = b"""<?xml version="1.0"?>
<!DOCTYPE svg [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="10"
 height="10"><image xlink:href="http://example.com/x.png" width="10" height="10"/>
<text>&xxe;</text></svg>"""


# --- the JSON parsing cases ------------------------------------------------------------

MALFORMED_JSON: dict[str, bytes] = {
    "trailing comma in object": b'{"format": "briefing-pack",}',
    "trailing comma in array": b'{"actors": [1,]}',
    "single quotes": b"{'format': 'briefing-pack'}",
    "unquoted key": b"{format: 1}",
    "comment": b'{"format": "briefing-pack" /* hi */}',
    "NaN": b'{"version": NaN}',
    "Infinity": b'{"version": Infinity}',
    "leading zero": b'{"version": 01}',
    "plus sign": b'{"version": +1}',
    "hex number": b'{"version": 0x1}',
    "huge exponent": b'{"version": 1e999999}',
    "unterminated string": b'{"title": "abc',
    "unterminated object": b'{"title": "abc"',
    "unterminated array": b'{"actors": [',
    "bad escape": b'{"title": "a\\qb"}',
    "lone high surrogate": b'{"title": "\\ud800"}',
    "lone low surrogate": b'{"title": "\\udc00x"}',
    "raw control character in string": b'{"title": "a\x01b"}',
    "raw newline in string": b'{"title": "a\nb"}',
    "two top-level values": b"{} {}",
    "top-level string": b'"briefing-pack"',
    "top-level number": b"42",
    "top-level null": b"null",
    "top-level array": b"[]",
    "empty object": b"{}",
    "empty file": b"",
    "only whitespace": b" \n\t ",
    "duplicate key": b'{"format": "briefing-pack", "format": "briefing-pack"}',
    "UTF-8 BOM then garbage": b"\xef\xbb\xbf{x}",
    "UTF-16 LE with BOM": "\ufeff{}".encode("utf-16-le"),
    "UTF-16 BE with BOM": "\ufeff{}".encode("utf-16-be"),
    "UTF-32": "{}".encode("utf-32"),
    "invalid UTF-8": b'{"title": "caf\xe9"}',
    "overlong UTF-8": b'{"title": "\xc0\xaf"}',
    "NUL bytes": b'{"title": "a"}\x00\x00',
    "deep nesting 100,000": b"[" * 100_000 + b"]" * 100_000,
    "deep object nesting": b'{"a":' * 50_000 + b"1" + b"}" * 50_000,
    "10 MB string": b'{"title": "' + b"a" * 10_000_000 + b'"}',
}


def _json_case(label: str, data: bytes) -> Case:
    return Case(
        f"json: {label}",
        lambda d: ["validate", str(write(d, "pack.json", data))],
        "error",
    )


def _pack_case(name: str, pack: dict[str, Any], command: str = "validate") -> Case:
    def make(d: Path) -> list[str]:
        path = write(d, "pack.json", pack)
        if command == "validate":
            return ["validate", str(path)]
        if command == "render":
            return ["render", str(path), "-o", str(d / "out"), "--size", "320x180"]
        if command == "export":
            return ["export", str(path), "--to", "md", "-o", str(d / "out.md")]
        if command == "quiz":
            return ["quiz", str(path), "--text", "--questions", "1", "--seed", "1"]
        return ["stats", str(path)]

    return Case(f"{command}: {name}", make, "error")


def _big_file(d: Path) -> list[str]:
    path = d / "big.json"
    with path.open("wb") as f:
        f.write(b'{"title": "')
        f.write(b"a" * (25 * 1024 * 1024))
        f.write(b'"}')
    return ["validate", str(path)]


def _sparse_gib(d: Path) -> list[str]:
    path = d / "sparse.json"
    with path.open("wb") as f:
        f.truncate(1024**3)  # 1 GiB of nothing, allocated on no disk
    return ["validate", str(path)]


def _too_many_items(d: Path) -> list[str]:
    quotes = [{"id": f"q{i}", "actor": "ann", "text": "x"} for i in range(50_001)]
    return ["validate", str(write(d, "pack.json", valid_pack(quotes=quotes)))]


def _folder_named_json(d: Path) -> list[str]:
    (d / "x.json").mkdir()
    return ["validate", str(d / "x.json")]


def _fifo(d: Path) -> list[str]:
    folder = d / "pack"
    folder.mkdir()
    os.mkfifo(folder / "pack.json")
    return ["validate", str(folder)]


def _dev_zero(d: Path) -> list[str]:
    folder = d / "zero"
    folder.mkdir()
    (folder / "pack.json").symlink_to("/dev/zero")
    return ["validate", str(folder)]


def _symlink_loop(d: Path) -> list[str]:
    shelf = d / "shelf"
    shelf.mkdir()
    write(shelf, "good.json", valid_pack())
    (shelf / "loop.json").symlink_to(shelf / "loop.json")
    (shelf / "a").symlink_to(shelf / "b")
    (shelf / "b").symlink_to(shelf / "a")
    return ["validate", str(shelf)]


def _ten_thousand_packs(d: Path) -> list[str]:
    shelf = d / "shelf"
    shelf.mkdir()
    body = json.dumps(valid_pack())
    for i in range(10_000):
        (shelf / f"p{i:05}.json").write_text(body.replace('"hostile"', f'"p{i}"'))
    return ["validate", str(shelf)]


def _picture(name: str, target: str | Callable[[Path], str]) -> Case:
    def make(d: Path) -> list[str]:
        image = target(d) if callable(target) else target
        pack = valid_pack()
        pack["actors"][0]["image"] = image
        path = write(d / "pack", "pack.json", pack)
        return ["validate", str(path.parent)]

    return Case(f"picture: {name}", make, "error")


def _symlink_out(d: Path) -> str:
    outside = write(d, "secret.png", png_bytes(8, 8))
    (d / "pack").mkdir(exist_ok=True)
    (d / "pack" / "face.png").symlink_to(outside)
    return "face.png"


def _fifo_picture(d: Path) -> str:
    (d / "pack").mkdir(exist_ok=True)
    os.mkfifo(d / "pack" / "face.png")
    return "face.png"


def _folder_picture(d: Path) -> str:
    (d / "pack" / "face.png").mkdir(parents=True)
    return "face.png"


def _svg_posing_as_png(d: Path) -> list[str]:
    """An SVG named face.png whose <image> points at a picture outside the pack."""
    from PySide6.QtGui import QColor, QImage

    outside = QImage(64, 64, QImage.Format.Format_RGB32)
    outside.fill(QColor("#ff00ff"))
    outside.save(str(d / "outside.png"))
    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
        f'width="64" height="64"><image xlink:href="{d / "outside.png"}" width="64" '
        'height="64"/></svg>'
    )
    folder = d / "pack"
    write(folder, "images/face.png", svg)
    pack = valid_pack()
    pack["actors"][0]["image"] = "images/face.png"
    write(folder, "pack.json", pack)
    return ["render", str(folder), "-o", str(d / "out"), "--size", "320x180"]


def _nothing_from_outside(d: Path, out: Outcome) -> None:
    """Not one pixel of the outside picture's magenta in any rendered card."""
    from PySide6.QtGui import QImage

    magenta = bytes([0xFF, 0x00, 0xFF, 0xFF])  # RGBA8888
    for png in (d / "out").glob("*.png"):
        image = QImage(str(png)).convertToFormat(QImage.Format.Format_RGBA8888)
        assert magenta not in bytes(image.constBits()), png.name


def _escapes_in_a_file_name(d: Path) -> list[str]:
    shelf = d / "shelf"
    write(shelf, "\x1b]0;pwned\x07\x1b[2J.json", valid_pack())
    return ["validate", str(shelf)]


def _escapes_in_pack_ids(d: Path) -> list[str]:
    """A folder of packs, one id holding escapes: the list of ids must print them safely."""
    shelf = d / "shelf"
    write(shelf, "a.json", valid_pack(id="\x1b]0;pwned\x07\x1b[2J"))
    write(shelf, "b.json", valid_pack(id="plain"))
    return ["quiz", str(shelf), "--text"]


def _render_with_picture(name: str, data: bytes, suffix: str) -> Case:
    """A hostile picture inside the pack: refused at drawing time, placeholder drawn."""

    def make(d: Path) -> list[str]:
        folder = d / "pack"
        write(folder, f"images/face{suffix}", data)
        pack = valid_pack()
        pack["actors"][0]["image"] = f"images/face{suffix}"
        write(folder, "pack.json", pack)
        return ["render", str(folder), "-o", str(d / "out"), "--size", "320x180"]

    def check(d: Path, out: Outcome) -> None:
        assert (d / "out" / "ann-front.png").stat().st_size > 0

    return Case(f"render: {name}", make, "ok", check=check)


def _export_to(name: str, target: Callable[[Path], Path]) -> Case:
    def make(d: Path) -> list[str]:
        pack = write(d, "pack.json", valid_pack())
        return ["export", str(pack), "--to", "md", "-o", str(target(d))]

    return Case(f"export to {name}", make, "error")


def _symlinked_output(d: Path) -> Path:
    (d / "real").mkdir()
    (d / "link").symlink_to(d / "real")
    return d / "link"


def _kill_during_pdf(folder: Path) -> Outcome:
    quotes = [{"id": f"q{i}", "actor": "ann", "text": f"Quote number {i}"} for i in range(3000)]
    pack = write(folder, "pack.json", valid_pack(quotes=quotes))
    target = folder / "handout.pdf"
    start = time.perf_counter()
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "briefing_app",
            "export",
            str(pack),
            "--to",
            "pdf",
            "-o",
            str(target),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    deadline = time.monotonic() + 30
    while not list(folder.glob(".handout.pdf.*.part")) and time.monotonic() < deadline:
        time.sleep(0.05)  # wait until the export is really writing pages
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=10)
    assert not target.exists(), "a killed export left a file at the target"
    return Outcome(proc.returncode, "", "", time.perf_counter() - start)


def _concurrent_quizzes(folder: Path, kill: int) -> Outcome:
    """Eight terminal quizzes on one store; ``kill`` of them killed mid-run."""
    quotes = [
        {"id": f"q{i}", "actor": "ann" if i % 2 else "bob", "text": f"Line {i}"} for i in range(40)
    ]
    pack = write(folder, "pack.json", valid_pack(quotes=quotes))
    data = folder / "data"
    env = {**os.environ, "BRIEFING_APP_DATA_DIR": str(data), "PYTHONIOENCODING": "utf-8"}
    env.pop("DISPLAY", None)
    start = time.perf_counter()
    procs = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "briefing_app",
                "quiz",
                str(pack),
                "--text",
                "--questions",
                "20",
                "--seed",
                str(n),
            ],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        for n in range(8)
    ]
    printed = 0
    for n, proc in enumerate(procs):
        assert proc.stdin is not None and proc.stdout is not None
        if n < kill:
            proc.stdin.write("1\n" * 5)
            proc.stdin.flush()
            seen = 0
            while seen < 5:
                line = proc.stdout.readline()
                if not line:
                    break
                if line.startswith(("Right: ", "Wrong. ")):
                    seen += 1
            printed += seen
            proc.kill()
            proc.wait()
        else:
            out, _err = proc.communicate("1\n" * 20, timeout=60)
            printed += sum(
                1 for line in out.splitlines() if line.startswith(("Right: ", "Wrong. "))
            )
    stats = subprocess.run(
        [sys.executable, "-m", "briefing_app", "stats", str(pack), "--json"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    kept = json.loads(stats.stdout)["answered"]
    return Outcome(0, "", "", time.perf_counter() - start, answers_lost=max(0, printed - kept))


def _quiz_one(d: Path) -> list[str]:
    pack = write(d, "pack.json", valid_pack())
    return ["quiz", str(pack), "--text", "--questions", "1", "--seed", "1"]


def cases() -> list[Case]:
    """Every hostile case, the slow ones marked."""
    out = [_json_case(label, data) for label, data in MALFORMED_JSON.items()]
    out += [
        Case("size: 25 MiB file", _big_file, "error"),
        Case("size: 1 GiB sparse file", _sparse_gib, "error"),
        Case("size: 50,001 items", _too_many_items, "error"),
        Case("path: a folder named x.json", _folder_named_json, "error"),
        Case("path: a FIFO as pack.json", _fifo, "error", process=True),
        Case("path: /dev/zero linked as pack.json", _dev_zero, "error"),
        Case("path: a symlink loop in a folder of packs", _symlink_loop, "ok"),
        Case("path: a folder of 10,000 packs", _ten_thousand_packs, "ok", slow=True),
        Case("path: a missing file", lambda d: ["validate", str(d / "nope.json")], "error"),
        _picture("'..' leaves the folder", "../secret.png"),
        _picture("absolute path", "/etc/passwd.png"),
        _picture("file:// URL", "file:///etc/secret.png"),
        _picture("http:// URL", "http://example.com/face.png"),
        _picture("symlink out of the pack", _symlink_out),
        _picture("a FIFO named face.png", _fifo_picture),
        _picture("a folder named face.png", _folder_picture),
        Case(
            "render: an SVG named .png drawing a file outside the pack",
            _svg_posing_as_png,
            "ok",
            check=_nothing_from_outside,
        ),
        Case("path: escape sequences in a file name", _escapes_in_a_file_name, "ok"),
        Case(
            "usage: escape sequences in an unknown argument",
            lambda d: ["stats", str(write(d, "p.json", valid_pack())), "\x1b]0;pwned\x07"],
            "error",
        ),
        Case(
            "quiz: escape sequences in the ids of a folder's packs", _escapes_in_pack_ids, "error"
        ),
        _render_with_picture(
            "PNG bomb (50,000 x 50,000 declared)", png_bytes(50_000, 50_000), ".png"
        ),
        _render_with_picture("corrupt PNG", png_bytes(8, 8, corrupt=True), ".png"),
        _render_with_picture("SVG billion laughs", BILLION_LAUGHS, ".svg"),
        _render_with_picture("SVG external entity and link", EXTERNAL_SVG, ".svg"),
        _export_to("a folder", lambda d: (d / "out").mkdir() or d / "out"),
        _export_to("a symlink to a folder", _symlinked_output),
        _export_to("missing parents", lambda d: d / "no" / "such" / "folder" / "x.md"),
        _export_to("a 300-character name", lambda d: d / ("n" * 300 + ".md")),
        Case(
            "render: --size 100000x100000",
            lambda d: [
                "render",
                str(write(d, "p.json", valid_pack())),
                "-o",
                str(d / "o"),
                "--size",
                "100000x100000",
            ],
            "error",
        ),
        Case(
            "render: --size 0x0",
            lambda d: [
                "render",
                str(write(d, "p.json", valid_pack())),
                "-o",
                str(d / "o"),
                "--size",
                "0x0",
            ],
            "error",
        ),
        Case(
            "quiz: progress folder is a file",
            _quiz_one,
            "ok",
            stdin="1\n",
            env={"BRIEFING_APP_DATA_DIR": "/dev/null/progress"},
        ),
    ]
    out += storage_cases() + authoring_cases()
    for command in ("validate", "render", "export", "quiz", "stats"):
        hostile = valid_pack(title="Title \x1b]0;pwned\x07 \x1b[2J")
        out.append(_pack_case("escape sequences in the title", hostile, command))
        out.append(_pack_case("a misspelt key", {**valid_pack(), "titel": "x"}, command))
    return out


def _last(argv: list[str]) -> Path:
    return Path(argv[-1])


PATH_CASES: dict[str, Callable[[Path], Path]] = {
    "a folder named x.json": lambda d: _last(_folder_named_json(d)),
    "a FIFO as pack.json": lambda d: _last(_fifo(d)),
    "/dev/zero linked as pack.json": lambda d: _last(_dev_zero(d)),
    "a 1 GiB sparse file": lambda d: _last(_sparse_gib(d)),
    "a 25 MiB file": lambda d: _last(_big_file(d)),
    "a missing file": lambda d: d / "nope.json",
    "a link to itself": lambda d: (d / "loop.json").symlink_to(d / "loop.json") or d / "loop.json",
}

PROCESS_CASES: dict[str, Callable[[Path], Outcome]] = {
    "export: kill -9 during a PDF export": _kill_during_pdf,
    "quiz: 8 concurrent quizzes, none killed": lambda d: _concurrent_quizzes(d, 0),
    "quiz: 8 concurrent quizzes, 3 killed mid-run": lambda d: _concurrent_quizzes(d, 3),
}
SLOW_PROCESS_CASES = {"quiz: 8 concurrent quizzes, 3 killed mid-run"}
