"""Articles in HTML and Markdown reduced to text; dates and the title of a draft."""

from __future__ import annotations

from briefing_app.core.drafting import draft_article, kind_of, read_article


def test_html_is_reduced_to_paragraphs_without_scripts_styles_or_navigation() -> None:
    page = (
        "<html><head><title>Page | Site</title><style>p{}</style></head><body>"
        "<nav>Home &middot; News</nav><h1>Big   News</h1>"
        "<p>Cost: 5 &amp;lt; 6 &amp; rising.<br>\n New line</p>"
        "<script>var s = '\"not a quote\"';</script>"
        "<p>&ldquo;Yes,&rdquo; said <b>Ann</b> Lee.</p></body></html>"
    )
    article = read_article(page, "html")
    assert article.title == "Big News"
    assert article.text == (
        "Big News\n\nCost: 5 &lt; 6 & rising.\n\nNew line\n\n\u201cYes,\u201d said Ann Lee."
    )
    draft = draft_article(article.text)
    assert [(q.text, q.speaker_name) for q in draft.quotes] == [("Yes,", "Ann Lee")]


def test_the_page_title_is_used_when_there_is_no_heading() -> None:
    assert read_article("<title>Only a title</title><p>Text.</p>", "html").title == "Only a title"


def test_markdown_loses_its_markers_but_keeps_its_words() -> None:
    md = (
        "Intro line\n\n## Harbour Deal\n\n"
        '"This is *good*," said **Ann Lee**, [the mayor](https://example.com).\n\n'
        "- snake_case_name stays\n"
    )
    article = read_article(md, "md")
    assert article.title == "Harbour Deal"
    assert article.text.splitlines()[-1] == "snake_case_name stays"
    (quote,) = draft_article(article.text).quotes
    assert (quote.text, quote.speaker_name) == ("This is good,", "Ann Lee")


def test_plain_text_is_kept_exactly() -> None:
    raw = "  Title\r\n\r\nBody  text  "
    assert read_article(raw, "txt").text == raw


def test_kind_of_goes_by_the_suffix() -> None:
    assert [kind_of(n) for n in ("a.HTML", "b.htm", "c.md", "d.markdown", "e.txt", "-")] == [
        "html",
        "html",
        "md",
        "md",
        "txt",
        "txt",
    ]


def test_dates_in_three_forms_give_events_and_the_latest_is_as_of() -> None:
    text = (
        "Talks Resume\n\nOn November 7, 2025, talks began. They resumed on 12 Nov 2025.\n"
        "A deadline of 2026-01-15 was set. February 30, 2025 is no date.\n"
        'Ann Lee said it was "progress."'
    )
    draft = draft_article(text)
    assert [d.day.isoformat() for d in draft.dates] == ["2025-11-07", "2025-11-12", "2026-01-15"]
    pack = draft.to_pack_dict()
    assert pack["as_of"] == "2026-01-15" and pack["title"] == "Talks Resume"
    assert [e["date"] for e in pack["events"]] == ["2025-11-07", "2025-11-12", "2026-01-15"]
    assert pack["events"][0]["title"] == "On November 7, 2025, talks began."
