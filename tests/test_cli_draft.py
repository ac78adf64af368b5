"""``briefing-app draft`` and ``briefing-app check``, in-process."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cli_runner import run_cli
from pack_builder import actor, quote, write_pack
from pack_builder import pack as build_pack

from briefing_app.paths import bundled_briefs_dir

ARTICLE = (
    Path(__file__).resolve().parents[1].parent / "shared" / "sources" / "unshakable-alliance.txt"
)
TEXT = (
    "Harbour Deal Signed\n\n"
    '"This is a good day," said Mayor Ann Lee. Critics called it "a giveaway."\n\n'
    'A note on the door: "closed until spring."\n'
)


def test_draft_writes_a_valid_pack_and_lists_speakerless_quotes(tmp_path: Path) -> None:
    article = tmp_path / "news.txt"
    article.write_text(TEXT, encoding="utf-8")
    out = tmp_path / "draft.json"
    done = run_cli("draft", article, "-o", out)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "2 quotes from 2 speakers, 1 without a speaker"
    assert "line 5: no speaker found for: closed until spring." in done.stderr
    assert run_cli("validate", out).returncode == 0
    pack = json.loads(out.read_text(encoding="utf-8"))
    assert pack["title"] == "Harbour Deal Signed"


def test_draft_reads_standard_input_and_takes_a_title(tmp_path: Path) -> None:
    out = tmp_path / "d.json"
    done = run_cli("draft", "-", "-o", out, "--title", "My brief", input=TEXT)
    assert done.returncode == 0 and json.loads(out.read_text())["title"] == "My brief"


@pytest.mark.parametrize("content", ["", "   \n\n  "])
def test_an_empty_article_exits_1(tmp_path: Path, content: str) -> None:
    article = tmp_path / "empty.txt"
    article.write_text(content, encoding="utf-8")
    done = run_cli("draft", article, "-o", tmp_path / "x.json")
    assert done.returncode == 1 and "empty" in done.stderr
    assert run_cli("draft", tmp_path / "missing.txt", "-o", tmp_path / "x.json").returncode == 1
    assert run_cli("draft").returncode == 2


def test_check_lists_quotes_that_are_not_verbatim(tmp_path: Path) -> None:
    article = tmp_path / "news.txt"
    article.write_text(TEXT, encoding="utf-8")
    out = tmp_path / "draft.json"
    run_cli("draft", article, "-o", out)
    assert run_cli("check", out, "--source", article).returncode == 0
    pack = json.loads(out.read_text(encoding="utf-8"))
    pack["quotes"][0]["text"] = "This is a great day,"
    out.write_text(json.dumps(pack), encoding="utf-8")
    done = run_cli("check", out, "--source", article)
    assert done.returncode == 1
    assert done.stdout.startswith(f"{pack['quotes'][0]['id']}: not verbatim")


@pytest.mark.skipif(not ARTICLE.exists(), reason="the shared article is not beside the project")
def test_the_shipped_pack_passes_check_against_its_article() -> None:
    done = run_cli("check", bundled_briefs_dir() / "us-japan-taiwan-2025", "--source", ARTICLE)
    assert done.returncode == 0, done.stdout


def test_quotes_a_pack_cannot_hold_are_left_out_and_named(tmp_path: Path) -> None:
    article = tmp_path / "news.txt"
    long_words = "word " * 500
    article.write_text(
        f'Title\n\nBob Ray said it was "{long_words}end." Ann Lee said "bad\x1bidea."\n',
        encoding="utf-8",
    )
    out = tmp_path / "draft.json"
    done = run_cli("draft", article, "-o", out)
    assert done.returncode == 0
    assert done.stdout.strip() == "1 quote from 1 speaker, 0 without a speaker"
    assert "line 3: left out (longer than 2000 characters): word word" in done.stderr
    pack = json.loads(out.read_text(encoding="utf-8"))
    assert [q["text"] for q in pack["quotes"]] == ["bad idea."]  # the escape became a space
    assert run_cli("validate", out).returncode == 0
    assert run_cli("check", out, "--source", article).returncode == 0


def test_an_html_article_gives_a_pack_whose_quotes_check_against_it(tmp_path: Path) -> None:
    article = tmp_path / "news.html"
    article.write_text(
        "<html><head><title>Site</title></head><body><h1>Port Deal</h1>"
        "<p>&ldquo;A fair deal,&rdquo; said <i>Mayor Ann Lee</i>.</p></body></html>",
        encoding="utf-8",
    )
    out = tmp_path / "draft.json"
    done = run_cli("draft", article, "-o", out)
    assert done.stdout.strip() == "1 quote from 1 speaker, 0 without a speaker"
    pack = json.loads(out.read_text(encoding="utf-8"))
    assert pack["title"] == "Port Deal"
    assert [(q["text"], q["actor"]) for q in pack["quotes"]] == [("A fair deal,", "ann-lee")]
    assert pack["actors"][0]["role"] == "Mayor"
    assert run_cli("check", out, "--source", article).returncode == 0


def test_check_forgives_quote_marks_and_whitespace_only(tmp_path: Path) -> None:
    article = tmp_path / "news.txt"
    article.write_text(
        "Ann Lee said it was \u201cnot\n  \u2018over\u2019 yet.\u201d\n", encoding="utf-8"
    )
    path = write_pack(
        tmp_path,
        build_pack(
            id="p",
            title="T",
            actors=[actor("lee", "Ann Lee")],
            quotes=[
                quote("q-marks", "lee", "not 'over' yet."),
                quote("q-case", "lee", "Not 'over' yet."),
            ],
        ),
    )
    done = run_cli("check", path, "--source", article)
    assert done.returncode == 1
    assert done.stdout.splitlines() == [
        f"q-case: not verbatim in {article}: Not 'over' yet.",
        "1 of 2 quotes are not verbatim in the source",
    ]
    assert run_cli("check", path).returncode == 2
    assert run_cli("check", path, "--source", tmp_path / "missing.txt").returncode == 1
