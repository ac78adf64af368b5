"""``briefing-app quiz PATH --text`` with answers piped in, as a script would."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from cli_runner import Done, run_cli
from pack_builder import actor, measure, quote, source
from pack_builder import pack as build_pack
from pack_builder import write_pack as write_pack_file

from briefing_app.core.pack import load_pack
from briefing_app.core.quiz import QuestionKind, build_session

ACTORS: list[dict[str, Any]] = [
    actor(
        "takaichi",
        "Sanae Takaichi",
        role="Prime Minister of Japan",
        affiliation="Japan",
        aliases=["Takaichi"],
    ),
    actor(
        "pigott", "Tommy Pigott", role="State Department spokesperson", affiliation="United States"
    ),
    actor("glass", "George Glass", affiliation="United States"),
    actor("mofa-cn", "Chinese Foreign Ministry", kind="institution", affiliation="China"),
    actor("china", "China", kind="state", affiliation="China"),
    actor("us", "United States", kind="state", aliases=["US"]),
]
QUOTES = [
    ("q1", "takaichi", "a survival-threatening situation"),
    ("q2", "pigott", "ironclad"),
    ("q3", "glass", "unwavering"),
    ("q4", "mofa-cn", "egregious"),
    ("q5", "glass", "very unhelpful"),
]
MEASURES = [("m1", "china", "Seafood import ban"), ("m2", "us", "Defence guarantees")]


def write_pack(
    tmp_path: Path,
    actors: list[dict[str, Any]] = ACTORS,
    quotes: list[tuple[str, str, str]] = QUOTES,
) -> Path:
    data = build_pack(
        id="cli-quiz",
        title="CLI quiz pack",
        sources=[source("src", "The Daily")],
        actors=actors,
        quotes=[
            quote(i, a, t, context=f"about {i}", date="2025-11-10", source="src")
            for i, a, t in quotes
        ],
        measures=[measure(i, a, t) for i, a, t in MEASURES],
    )
    return write_pack_file(tmp_path, data, ensure_ascii=False)


def quiz(*args: str, answers: str = "") -> Done:
    no_display = {"DISPLAY": None, "WAYLAND_DISPLAY": None, "QT_QPA_PLATFORM": None}
    return run_cli("quiz", *args, input=answers, env=no_display)


def quiz_process(*args: str, answers: str = "") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    env.pop("DISPLAY", None)
    return subprocess.run(
        [sys.executable, "-m", "briefing_app", "quiz", *args],
        input=answers,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        env=env,
    )


def session_for(path: Path, kind: QuestionKind | None, n: int, seed: int) -> Any:
    kinds = list(QuestionKind) if kind is None else [kind]
    return build_session(load_pack(path), kinds, n, seed)


@pytest.mark.parametrize("kind", ["who-said", "who-did", "which-quote", "mixed"])
def test_all_right_answers_score_full_marks(tmp_path: Path, kind: str) -> None:
    path = write_pack(tmp_path)
    chosen = None if kind == "mixed" else QuestionKind(kind)
    session = session_for(path, chosen, 4, seed=7)
    n = len(session.questions)
    answers = "".join(f"{q.correct + 1}\n" for q in session.questions)
    result = quiz(
        str(path), "--text", "--questions", "4", "--seed", "7", "--kind", kind, answers=answers
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[-1] == f"Score: {n}/{n}"
    assert result.stdout.count("Right: ") == n
    assert "Traceback" not in result.stderr


def test_a_real_process_reads_piped_answers(tmp_path: Path) -> None:
    path = write_pack(tmp_path)
    session = session_for(path, QuestionKind.WHO_SAID, 2, seed=3)
    answers = "".join(f"{q.correct + 1}\n" for q in session.questions)
    args = (str(path), "--text", "--questions", "2", "--seed", "3")
    result = quiz_process(*args, answers=answers)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == f"Score: {len(session.questions)}/2"


def test_all_wrong_answers_score_zero_and_show_the_right_ones(tmp_path: Path) -> None:
    path = write_pack(tmp_path)
    session = session_for(path, QuestionKind.WHO_SAID, 5, seed=1)
    answers = "".join(f"{(q.correct + 1) % len(q.options) + 1}\n" for q in session.questions)
    result = quiz(str(path), "--text", "--questions", "5", "--seed", "1", answers=answers)
    assert result.returncode == 0
    assert result.stdout.splitlines()[-1] == "Score: 0/5"
    for q in session.questions:
        assert f"Wrong. The right answer: {q.answer}" in result.stdout
        assert f"Context: {q.context}" in result.stdout
    assert "Source: The Daily" in result.stdout
    assert "Date: 2025-11-10" in result.stdout


def test_options_are_numbered_one_per_line_with_roles(tmp_path: Path) -> None:
    path = write_pack(tmp_path)
    session = session_for(path, QuestionKind.WHO_SAID, 5, seed=2)
    result = quiz(str(path), "--text", "--questions", "5", "--seed", "2", answers="1\n" * 5)
    lines = result.stdout.splitlines()
    for q in session.questions:
        for i, option in enumerate(q.options, 1):
            assert f"{i}) {option.line}" in lines
    assert any(line[3:] == "Sanae Takaichi — Prime Minister of Japan" for line in lines)
    assert not any(line.endswith("George Glass — ") for line in lines)
    assert any(line[3:] == "George Glass" for line in lines)  # no role, no dash


def test_end_of_input_ends_early_with_the_score_so_far(tmp_path: Path) -> None:
    path = write_pack(tmp_path)
    session = session_for(path, QuestionKind.WHO_SAID, 5, seed=3)
    answers = f"{session.questions[0].correct + 1}\n{session.questions[1].correct + 1}"
    result = quiz(str(path), "--text", "--questions", "5", "--seed", "3", answers=answers)
    assert result.returncode == 0
    assert "stopped after 2 of 5" in result.stdout
    assert result.stdout.splitlines()[-1] == "Score: 2/2"
    empty = quiz(str(path), "--text", "--seed", "3", answers="")
    assert empty.returncode == 0
    assert empty.stdout.splitlines()[-1] == "Score: 0/0"


def test_an_answer_that_is_not_an_option_is_asked_again(tmp_path: Path) -> None:
    path = write_pack(tmp_path)
    session = session_for(path, QuestionKind.WHO_SAID, 1, seed=4)
    right = session.questions[0].correct + 1
    result = quiz(
        str(path), "--text", "--questions", "1", "--seed", "4", answers=f"7\nabc\n\n{right}\n"
    )
    assert "'7' is not an option" in result.stdout
    assert "'abc' is not an option" in result.stdout
    assert result.stdout.splitlines()[-1] == "Score: 1/1"


def test_typed_answers_accept_names_aliases_and_typos(tmp_path: Path) -> None:
    path = write_pack(tmp_path)
    session = session_for(path, QuestionKind.WHO_SAID, 5, seed=5)
    spelled = {
        "takaichi": "takaichi",
        "pigott": "Tomy Pigott",
        "glass": "GEORGE GLASS",
        "mofa-cn": "chinese foreign ministry.",
    }
    answers = "".join(f"{spelled[q.correct_option.actor_id]}\n" for q in session.questions)
    result = quiz(
        str(path), "--text", "--typed", "--questions", "5", "--seed", "5", answers=answers
    )
    assert result.returncode == 0
    assert "1) " not in result.stdout  # typed mode shows no options
    assert result.stdout.splitlines()[-1] == "Score: 5/5"
    wrong = quiz(
        str(path), "--text", "--typed", "--questions", "5", "--seed", "5", answers="Nobody\n" * 5
    )
    assert wrong.stdout.splitlines()[-1] == "Score: 0/5"


def test_a_pack_with_one_speaker_has_no_quiz(tmp_path: Path) -> None:
    path = write_pack(tmp_path, quotes=[("q1", "glass", "one"), ("q2", "glass", "two")])
    result = quiz(str(path), "--text")
    assert result.returncode == 1
    assert "only one actor (George Glass)" in result.stderr
    assert "needs at least two" in result.stderr
    assert result.stdout == ""


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    path = write_pack(tmp_path)
    zero = quiz(str(path), "--text", "--questions", "0")
    assert zero.returncode == 2
    assert "--questions must be at least 1" in zero.stderr
    assert quiz(str(path), "--text", "--kind", "nonsense").returncode == 2
    assert quiz(str(path), "--text", "--questions", "many").returncode == 2


def test_a_bad_pack_is_reported_with_its_location(tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    path.write_text('{"format": "briefing-pack", "version": 1,', encoding="utf-8")
    result = quiz(str(path), "--text")
    assert result.returncode == 1
    assert result.stderr.startswith(f"{path}: ")
    assert "Traceback" not in result.stderr
    missing = quiz(str(tmp_path / "nope.json"), "--text")
    assert missing.returncode == 1
    assert "no such file" in missing.stderr


def test_run_quiz_records_answers(tmp_path: Path) -> None:
    import argparse
    import io

    from briefing_app.commands.quiz import run_quiz

    path = write_pack(tmp_path)
    session = session_for(path, QuestionKind.WHO_SAID, 2, seed=8)
    calls: list[tuple[str, str, str, bool]] = []

    class Recorder:
        def record_answer(
            self, pack_id: str, item_id: str, kind: str, correct: bool, answered_at: Any
        ) -> None:
            calls.append((pack_id, item_id, kind, correct))

    args = argparse.Namespace(
        path=str(path), text=True, questions=2, seed=8, kind="who-said", typed=False
    )
    answers = f"{session.questions[0].correct + 1}\n{(session.questions[1].correct + 1) % 2 + 1}\n"
    out = io.StringIO()
    code = run_quiz(args, recorder=Recorder(), stdin=io.StringIO(answers), stdout=out)
    assert code == 0
    assert calls == [
        ("cli-quiz", session.questions[0].item_id, "who-said", True),
        ("cli-quiz", session.questions[1].item_id, "who-said", False),
    ]
    assert out.getvalue().splitlines()[-1] == "Score: 1/2"


def test_without_text_and_without_a_display_it_says_to_use_text(tmp_path: Path) -> None:
    if not sys.platform.startswith("linux"):
        pytest.skip("only Linux can be without a display")
    path = write_pack(tmp_path)
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    }
    result = subprocess.run(
        [sys.executable, "-m", "briefing_app", "quiz", str(path)],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
        input="",
    )
    assert result.returncode == 1
    assert "--text" in result.stderr


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
def test_a_person_at_a_terminal_gets_a_prompt(tmp_path: Path) -> None:
    import pty
    import select
    import time

    path = write_pack(tmp_path)
    session = session_for(path, QuestionKind.WHO_SAID, 1, seed=6)
    pid, fd = pty.fork()
    if pid == 0:  # the child: the quiz, on the pseudo-terminal
        os.execv(
            sys.executable,
            [
                sys.executable,
                "-m",
                "briefing_app",
                "quiz",
                str(path),
                "--text",
                "--questions",
                "1",
                "--seed",
                "6",
            ],
        )
    output = b""
    answered = False
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 1.0)
        if not ready:
            continue
        try:
            chunk = os.read(fd, 4096)
        except OSError:
            break
        if not chunk:
            break
        output += chunk
        if not answered and b"Your answer (1-" in output:
            os.write(fd, f"{session.questions[0].correct + 1}\n".encode())
            answered = True
    else:
        os.kill(pid, 9)
    os.waitpid(pid, 0)
    text = output.decode("utf-8", "replace")
    assert "Your answer (1-" in text
    assert "Score: 1/1" in text


def test_terminal_output_never_carries_raw_control_characters() -> None:
    """Belt and braces: even text that slipped past validation is printed visibly."""
    from briefing_app.terminal import safe

    hostile = "title\x1b]0;pwned\x07 \x1b[2J \u202eevil \x9b"
    shown = safe(hostile)
    assert "\x1b" not in shown and "\x07" not in shown and "\u202e" not in shown
    assert "\\x1b]0;pwned\\x07" in shown and "\\u202e" in shown and "\\x9b" in shown
    assert safe("line one\nline\ttwo") == "line one\nline\ttwo"


def test_a_name_that_is_not_one_option_says_which_it_resembles(tmp_path: Path) -> None:
    path = write_pack(tmp_path)
    session = build_session(load_pack(path), [QuestionKind.WHO_SAID], 5, seed=2)
    number, question = next(
        (n, q)
        for n, q in enumerate(session.questions)
        if any(o.label == "Tommy Pigott" for o in q.options)
    )
    option = next(i for i, o in enumerate(question.options, 1) if o.label == "Tommy Pigott")
    answers = "".join(f"{q.correct + 1}\n" for q in session.questions[:number])
    answers += f"tomm\n{question.correct + 1}\n"
    result = quiz(
        str(path),
        "--text",
        "--kind",
        "who-said",
        "--questions",
        "5",
        "--seed",
        "2",
        answers=answers,
    )
    assert f"'tomm' is not an option: it resembles {option}) Tommy Pigott" in result.stdout


def test_ctrl_c_prints_the_score_so_far_and_exits_130(tmp_path: Path) -> None:
    import argparse
    import io

    from briefing_app.commands.quiz import run_quiz

    path = write_pack(tmp_path)
    session = session_for(path, QuestionKind.WHO_SAID, 3, seed=5)

    class InterruptedInput(io.StringIO):
        def readline(self, size: int | None = -1) -> str:
            line = super().readline()
            if not line:
                raise KeyboardInterrupt
            return line

    args = argparse.Namespace(
        path=str(path), text=True, questions=3, seed=5, kind="who-said", typed=False
    )
    out = io.StringIO()
    first = f"{session.questions[0].correct + 1}\n"
    code = run_quiz(args, stdin=InterruptedInput(first), stdout=out)
    assert code == 130
    lines = out.getvalue().splitlines()
    assert lines[-2:] == ["Interrupted.", "Score: 1/1"]


def test_long_lines_wrap_between_words_under_their_indent() -> None:
    from briefing_app.commands.quiz import wrap_for_terminal

    option = "2) Sanae Takaichi — Prime Minister of Japan and president of the ruling party"
    wrapped = wrap_for_terminal(option, 30).splitlines()
    assert len(wrapped) > 1
    assert all(len(line) <= 30 for line in wrapped)
    assert all(line.startswith("   ") for line in wrapped[1:])  # under the name, not the 2)
    assert " ".join(w.strip() for w in wrapped) == option  # no word cut or lost
    assert wrap_for_terminal(option, None) == option  # piped output is left alone


def test_the_width_is_the_terminal_s_only_at_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    import io

    from briefing_app.commands.quiz import line_width

    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.setenv("COLUMNS", "64")
    assert line_width(Tty()) == 64
    assert line_width(io.StringIO()) is None


def test_repeat_missed_asks_a_miss_again_and_scores_first_answers(tmp_path: Path) -> None:
    path = write_pack(tmp_path)
    session = session_for(path, QuestionKind.WHO_SAID, 3, seed=1)
    names = {a["id"]: a["name"] for a in ACTORS}
    first, *rest = [names[q.correct_option.actor_id] for q in session.questions]
    answers = "".join(f"{a}\n" for a in ["Nobody Atall", *rest, first])
    args = ("--text", "--typed", "--questions", "3", "--seed", "1", "--repeat-missed")
    result = quiz(str(path), *args, answers=answers)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "This question comes back in a few questions." in out
    assert "Question 4 of 4 · Again (missed earlier) · Who said this?" in out
    assert out.count("Right: ") == 3
    lines = out.splitlines()
    assert lines[-2:] == ["1 of 1 missed answer right when asked again.", "Score: 2/3"]


def test_without_repeat_missed_a_miss_is_asked_once(tmp_path: Path) -> None:
    path = write_pack(tmp_path)
    session = session_for(path, QuestionKind.WHO_SAID, 2, seed=1)
    answers = "".join(f"{(q.correct + 1) % len(q.options) + 1}\n" for q in session.questions)
    result = quiz(str(path), "--text", "--questions", "2", "--seed", "1", answers=answers)
    assert "Again" not in result.stdout and "comes back" not in result.stdout
    assert result.stdout.splitlines()[-1] == "Score: 0/2"
