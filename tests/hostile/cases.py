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
import struct
import subprocess
import sys
import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cli_runner import Done, run_cli

TIME_LIMIT_S = 20.0  # no case may take longer: a hang is a failure


def valid_pack(**changes: Any) -> dict[str, Any]:
    pack: dict[str, Any] = {
        "format": "briefing-pack",
        "version": 1,
        "id": "hostile",
        "title": "A pack under attack",
        "actors": [
            {"id": "ann", "name": "Ann Example", "role": "Minister"},
            {"id": "bob", "name": "Bob Example", "kind": "person"},
        ],
        "quotes": [
            {"id": "q1", "actor": "ann", "text": "We will not back down."},
            {"id": "q2", "actor": "bob", "text": "This is a grave mistake."},
        ],
        "measures": [{"id": "m1", "actor": "ann", "title": "Tariffs on widgets"}],
        "implications": [{"id": "i1", "title": "Trade slows", "actors": ["ann"]}],
    }
    pack.update(changes)
    return pack


def write(folder: Path, name: str, data: bytes | str | dict[str, Any]) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, dict):
        data = json.dumps(data, ensure_ascii=False)
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def png_bytes(width: int, height: int, *, corrupt: bool = False) -> bytes:
    """A real PNG header declaring ``width`` x ``height`` (the data need not match)."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        crc = zlib.crc32(kind + body) & 0xFFFFFFFF
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00" * 64)
    if corrupt:
        pixels = b"garbage" * 8
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


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


@dataclass
class Outcome:
    """What a case did: its exit status, what it printed, how long it took."""

    status: int
    stdout: str
    stderr: str
    seconds: float
    answers_lost: int = 0


@dataclass
class Case:
    """One hostile input: ``make`` builds it and returns the command line to run."""

    name: str
    make: Callable[[Path], list[str]]
    expect: str  # "error" or "ok"
    process: bool = False  # run as a real process (kills, FIFOs, concurrency)
    slow: bool = False
    check: Callable[[Path, Outcome], None] | None = None
    stdin: str = ""
    env: dict[str, str | None] = field(default_factory=dict)

    def run(self, folder: Path) -> Outcome:
        argv = self.make(folder)
        start = time.perf_counter()
        if self.process:
            env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
            for key, value in self.env.items():
                if value is None:
                    env.pop(key, None)
                else:
                    env[key] = value
            done: Done | subprocess.CompletedProcess[str] = subprocess.run(
                [sys.executable, "-m", "briefing_app", *argv],
                input=self.stdin,
                capture_output=True,
                text=True,
                env=env,
                timeout=TIME_LIMIT_S * 3,
            )
        else:
            done = run_cli(*argv, input=self.stdin, env=self.env)
        return Outcome(done.returncode, done.stdout, done.stderr, time.perf_counter() - start)


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


def _read_only_progress(d: Path) -> list[str]:
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
            _read_only_progress,
            "ok",
            stdin="1\n",
            env={"BRIEFING_APP_DATA_DIR": "/dev/null/progress"},
        ),
    ]
    for command in ("validate", "render", "export", "quiz", "stats"):
        hostile = valid_pack(title="Title \x1b]0;pwned\x07 \x1b[2J")
        out.append(_pack_case("escape sequences in the title", hostile, command))
        out.append(_pack_case("a misspelt key", {**valid_pack(), "titel": "x"}, command))
    return out


PROCESS_CASES: dict[str, Callable[[Path], Outcome]] = {
    "export: kill -9 during a PDF export": _kill_during_pdf,
    "quiz: 8 concurrent quizzes, none killed": lambda d: _concurrent_quizzes(d, 0),
    "quiz: 8 concurrent quizzes, 3 killed mid-run": lambda d: _concurrent_quizzes(d, 3),
}
SLOW_PROCESS_CASES = {"quiz: 8 concurrent quizzes, 3 killed mid-run"}


def judge(case: Case, outcome: Outcome) -> str:
    """``clear error``, ``correct``, ``traceback``, ``hang`` or ``wrong`` (with why)."""
    text = outcome.stdout + outcome.stderr
    if "Traceback" in text or "internal error" in text:
        return "traceback"
    if outcome.seconds > TIME_LIMIT_S:
        return "hang"
    if case.expect == "error":
        lines = [line for line in outcome.stderr.splitlines() + outcome.stdout.splitlines() if line]
        if outcome.status in (1, 2) and lines and all(len(line) < 400 for line in lines):
            return "clear error"
        return f"wrong (status {outcome.status})"
    return "correct" if outcome.status == 0 else f"wrong (status {outcome.status})"
