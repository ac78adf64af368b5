"""The statistics view and the rating bar, drawn offscreen with real stored progress."""

from __future__ import annotations

import os
import re

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import json
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPalette
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from briefing_app.core.models import Pack
from briefing_app.core.pack import parse_pack
from briefing_app.core.progress import DB_NAME, ProgressStore
from briefing_app.core.schedule import Rating, format_interval, preview_intervals, review
from briefing_app.paint.theme import dark_theme, light_theme, palette_theme
from briefing_app.ui.stats.charts import PAD, nice_ceiling
from briefing_app.ui.stats.view import StatsView
from briefing_app.ui.study.rating_bar import RatingBar

pytestmark = pytest.mark.gui

NOW = datetime(2026, 1, 5, 17, 0, tzinfo=UTC)


def make_pack(title: str = "Demo <b>brief</b>") -> Pack:
    raw = {
        "format": "briefing-pack",
        "version": 1,
        "id": "demo",
        "title": title,
        "actors": [
            {"id": "ann", "name": "Ann <i>Example</i>"},
            {"id": "bob", "name": "Bob Example"},
        ],
        "quotes": [
            {"id": "q1", "actor": "ann", "text": "We stand firm."},
            {"id": "q2", "actor": "bob", "text": "We object."},
        ],
        "measures": [{"id": "m1", "actor": "bob", "title": "Travel advisory"}],
        "implications": [{"id": "i1", "title": "Tension", "actors": ["ann"]}],
    }
    return parse_pack(json.dumps(raw).encode())


@pytest.fixture
def store(tmp_path: Path) -> Iterator[ProgressStore]:
    with ProgressStore(tmp_path / DB_NAME) as s:
        yield s


def fill(store: ProgressStore) -> None:
    """A fortnight of study, on fixed dates."""
    for day in range(14):
        t = NOW - timedelta(days=13 - day, hours=5)
        store.record_rating("demo", "ann", Rating.Good if day % 3 else Rating.Again, t)
        store.record_rating("demo", "i1", Rating.Hard, t + timedelta(minutes=1))
        if day % 2:
            store.record_answer("demo", "q1", "who-said", True, t + timedelta(minutes=2))
            store.record_answer("demo", "q2", "who-said", day % 4 == 1, t + timedelta(minutes=3))


def test_the_view_shows_the_stored_numbers(qtbot: QtBot, store: ProgressStore) -> None:
    fill(store)
    view = StatsView(make_pack(), store, now_provider=lambda: NOW)
    qtbot.addWidget(view)
    s = view.stats
    assert s is not None
    assert (s.answered, s.reviews, s.cards_seen) == (14, 28, 4)
    assert view.seen_tile.value == "4 / 6"
    assert view.quiz_tile.value == f"{s.correct / s.answered:.0%}"
    assert view.reviews_tile.value == "28"
    # 5 Again out of 28 self-ratings: a recall rate, never mixed into quiz accuracy.
    assert "recall rate 82%" in view.reviews_tile.accessibleDescription()
    assert s.accuracy == s.correct / s.answered
    assert view.due_tile.value == str(s.due_now)
    assert len(view.per_day_chart.columns) == 30
    assert view.per_day_chart.columns[-1].label == "Today"
    assert sum(c.total for c in view.per_day_chart.columns) == 42
    assert len(view.due_chart.columns) == 8
    assert [r.label for r in view.category_bars.rows] == [
        "Actors",
        "Quotes",
        "Measures",
        "Implications",
    ]
    assert view.category_bars.rows[2].detail == "0 of 1 seen"
    assert {r.label for r in view.actor_bars.rows} == {"Ann <i>Example</i>", "Bob Example"}


def test_charts_have_names_and_their_numbers_as_text(qtbot: QtBot, store: ProgressStore) -> None:
    fill(store)
    view = StatsView(make_pack(), store, now_provider=lambda: NOW)
    qtbot.addWidget(view)
    for chart in (view.per_day_chart, view.due_chart, view.category_bars, view.actor_bars):
        assert chart.accessibleName()  # a screen reader names every chart
    per_day = view.per_day_chart.accessibleDescription().splitlines()
    assert len(per_day) == 30 and per_day[-1].startswith("Today \u2014 Card reviews: ")
    values = [re.findall(r": (\d+)", line.split(" \u2014 ")[1]) for line in per_day]
    assert [[int(v) for v in vs] for vs in values] == [
        list(c.values) for c in view.per_day_chart.columns
    ]
    assert sum(int(v) for vs in values for v in vs) == 42  # the numbers the columns draw
    bars = view.category_bars.accessibleDescription()
    assert "Actors: " in bars and " of " in bars
    assert view.reviews_tile.accessibleName() == "Card reviews"
    assert "28" in view.reviews_tile.accessibleDescription()


def test_pack_text_is_plain_text(qtbot: QtBot, store: ProgressStore) -> None:
    view = StatsView(make_pack(), store, now_provider=lambda: NOW)
    qtbot.addWidget(view)
    assert view.title_label.textFormat() == Qt.TextFormat.PlainText
    assert view.title_label.text() == "Demo <b>brief</b>"


def test_refresh_picks_up_new_progress(qtbot: QtBot, store: ProgressStore) -> None:
    view = StatsView(make_pack(), store, now_provider=lambda: NOW)
    qtbot.addWidget(view)
    assert view.stats is not None and view.stats.answered == 0
    assert view.quiz_tile.value == "–"
    store.record_answer("demo", "q1", "who-said", True, NOW - timedelta(minutes=5))
    assert view.refresh().answered == 1
    assert view.quiz_tile.value == "100%"


@pytest.mark.parametrize("theme", [light_theme(), dark_theme()], ids=["light", "dark"])
def test_it_draws_with_and_without_data(
    qtbot: QtBot, store: ProgressStore, theme: object, tmp_path: Path
) -> None:
    empty = StatsView(make_pack(), store, now_provider=lambda: NOW, theme=theme)  # type: ignore[arg-type]
    qtbot.addWidget(empty)
    empty.resize(1000, 1000)
    assert not empty.grab().isNull()
    fill(store)
    view = StatsView(make_pack(), store, now_provider=lambda: NOW, theme=theme)  # type: ignore[arg-type]
    qtbot.addWidget(view)
    view.resize(1000, 1100)
    view.show()
    qtbot.waitExposed(view)
    image = view.grab().toImage()
    assert image.width() == 1000
    background = QColor(theme.background)  # type: ignore[attr-defined]
    assert image.pixelColor(4, 4) == background
    colors = {image.pixelColor(x, y).rgb() for x in range(0, 1000, 7) for y in range(0, 1100, 7)}
    assert len(colors) > 20  # charts were drawn, not a blank page


def test_a_store_that_cannot_save_says_so(qtbot: QtBot, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with ProgressStore(blocker / DB_NAME) as store:
        view = StatsView(make_pack(), store, now_provider=lambda: NOW)
        qtbot.addWidget(view)
        assert "will not be saved" in view.warning_label.text()


def test_the_theme_follows_the_palette(qtbot: QtBot) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    palette = parent.palette()
    palette.setColor(QPalette.ColorRole.Window, QColor("#101010"))
    parent.setPalette(palette)
    assert palette_theme(parent.palette()).is_dark
    palette.setColor(QPalette.ColorRole.Window, QColor("#f0f0f0"))
    parent.setPalette(palette)
    assert not palette_theme(parent.palette()).is_dark


def test_axis_tops_are_round_numbers() -> None:
    assert [nice_ceiling(v) for v in (0, 1, 3, 7, 11, 24, 31, 170)] == [1, 1, 3, 8, 20, 30, 40, 200]


# -- rating bar ---------------------------------------------------------------


def test_rating_buttons_emit_their_rating(qtbot: QtBot) -> None:
    bar = RatingBar()
    qtbot.addWidget(bar)
    bar.show()
    for rating in (Rating.Again, Rating.Hard, Rating.Good, Rating.Easy):
        with qtbot.waitSignal(bar.rating_chosen) as blocker:
            qtbot.mouseClick(bar.buttons[rating], Qt.MouseButton.LeftButton)
        assert blocker.args == [int(rating)]


def test_rating_buttons_show_the_next_interval(qtbot: QtBot) -> None:
    bar = RatingBar(theme=dark_theme())
    qtbot.addWidget(bar)
    state = review(None, Rating.Good, NOW).card
    preview = preview_intervals(state, NOW + timedelta(minutes=10))
    bar.set_intervals(preview)
    for rating, button in bar.buttons.items():
        _label, interval = button.text().split("\n")
        assert interval == format_interval(preview[rating])
    assert bar.buttons[Rating.Again].text().startswith("Again\n")
    bar.set_intervals({1: "<1m", 2: timedelta(minutes=6), 3: timedelta(days=3), 4: "9d"})
    assert [b.text() for b in bar.buttons.values()] == [
        "Again\n<1m",
        "Hard\n6m",
        "Good\n3d",
        "Easy\n9d",
    ]
    assert "next in 3d" in bar.buttons[Rating.Good].toolTip()
    bar.clear_intervals()
    assert bar.buttons[Rating.Easy].text() == "Easy"


def test_keys_one_to_four_choose_a_rating_only_when_usable(qtbot: QtBot) -> None:
    bar = RatingBar()
    qtbot.addWidget(bar)
    got: list[int] = []
    bar.rating_chosen.connect(got.append)
    assert not bar.key_pressed(Qt.Key.Key_3)  # hidden: the card is not flipped yet
    bar.show()
    assert bar.key_pressed(Qt.Key.Key_3)
    assert bar.key_pressed(int(Qt.Key.Key_1.value))
    assert not bar.key_pressed(Qt.Key.Key_5)
    assert not bar.key_pressed(0x01000000)
    bar.setEnabled(False)
    assert not bar.key_pressed(Qt.Key.Key_4)
    assert got == [3, 1]


def test_headline_tiles_go_two_by_two_when_narrow(qtbot: QtBot, store: ProgressStore) -> None:
    view = StatsView(make_pack(), store, now_provider=lambda: NOW)
    qtbot.addWidget(view)
    view.resize(1100, 800)
    view.show()
    qtbot.waitExposed(view)
    assert view.quiz_tile.y() == view.seen_tile.y()
    view.resize(700, 800)
    qtbot.waitUntil(
        lambda: (
            view.quiz_tile.y() == view.seen_tile.y() and view.reviews_tile.y() > view.seen_tile.y()
        )
    )


def test_tab_reaches_every_tile_and_chart_with_a_ring(qtbot: QtBot, store: ProgressStore) -> None:
    """The keyboard (and a screen reader following focus) meets each chart by name."""
    fill(store)
    view = StatsView(make_pack(), store, now_provider=lambda: NOW)
    qtbot.addWidget(view)
    view.resize(1000, 700)
    view.show()
    qtbot.waitExposed(view)
    view.activateWindow()
    first = view.seen_tile
    first.setFocus()
    qtbot.waitUntil(first.hasFocus)
    stops: list[QWidget] = []
    widget: QWidget | None = first
    while widget is not None and widget not in stops and len(stops) < 20:
        stops.append(widget)
        qtbot.keyClick(widget, Qt.Key.Key_Tab)
        widget = view.focusWidget()
    panels = [
        view.seen_tile,
        view.quiz_tile,
        view.reviews_tile,
        view.due_tile,
        view.per_day_chart,
        view.due_chart,
        view.category_bars,
        view.actor_bars,
    ]
    assert set(panels) <= set(stops)
    for panel in panels:
        assert panel.accessibleName() and panel.accessibleDescription()
    # the focused chart is drawn with a ring in the accent colour, the others are not
    view.category_bars.setFocus()
    qtbot.waitUntil(view.category_bars.hasFocus)
    accent = QColor(view.theme.accent)
    ring = view.category_bars.grab().toImage().pixelColor(1, 40)
    plain = view.actor_bars.grab().toImage().pixelColor(1, 40)
    assert ring == accent and plain != accent


def test_bar_text_says_what_the_bars_draw(qtbot: QtBot, store: ProgressStore) -> None:
    from briefing_app.ui.stats.charts import BarList, BarRow

    bars = BarList(light_theme(), "Accuracy")
    qtbot.addWidget(bars)
    bars.set_rows(
        [BarRow("Quotes", 2, 3, "#000000", detail="Envoy"), BarRow("Actors", 0, 0, "#000000")],
        note="Based on 3 answers",
    )
    assert bars.accessibleDescription().splitlines() == [
        "Quotes: 67% (2 of 3); Envoy",
        "Actors: not yet",
        "Based on 3 answers",
    ]


def test_the_year_heatmap_shows_every_day_of_the_last_year(
    qtbot: QtBot, store: ProgressStore, tmp_path: Path
) -> None:
    from briefing_app.ui.stats.heatmap import levels

    fill(store)
    old = NOW - timedelta(days=200)
    for minute in range(6):  # one busy day months ago
        store.record_rating("demo", "ann", Rating.Good, old + timedelta(minutes=minute))
    view = StatsView(make_pack(), store, now_provider=lambda: NOW)
    qtbot.addWidget(view)
    view.resize(1100, 1400)
    view.show()
    qtbot.waitExposed(view)
    s = view.stats
    assert s is not None
    assert len(s.year) == 371 and s.year[-1].day == NOW.date()
    assert s.year[-201].total == 6 and sum(d.total for d in s.year) == 42 + 6
    text = view.heatmap.accessibleDescription()
    assert "48 reviews and answers on 15 days in the last year" in text
    assert "busiest day" in text and ": 6." in text
    # Colours: empty days plain, the busiest day the deepest step.
    steps = levels([d.total for d in s.year])
    assert steps[-201] == 4 and steps[0] == 0
    view.heatmap.setFocus()
    image = view.heatmap.grab().toImage()
    accent = QColor(view.theme.color("accent"))
    deep = sum(
        1
        for x in range(0, image.width(), 3)
        for y in range(0, image.height(), 3)
        if image.pixelColor(x, y).rgb() == accent.rgb()
    )
    assert deep > 0  # the busiest day (and the focus ring) in the full accent colour
    out = Path(os.environ.get("BRIEFING_RENDER_DIR", tmp_path))
    assert view.grab().save(str(out / "stats-heatmap.png"))


def test_heatmap_levels_follow_the_learner_s_own_busy_days() -> None:
    from briefing_app.ui.stats.heatmap import levels

    assert levels([0, 0]) == [0, 0]
    counts = [0, 1, 2, 3, 4, 40]
    steps = levels(counts)
    assert steps[0] == 0 and steps[1] == 1 and steps[-1] == 4  # the quietest and busiest
    assert steps == sorted(steps)  # more reviews never a lighter square


def test_a_tile_caption_is_never_cut_short(qtbot: QtBot, store: ProgressStore) -> None:
    """At 1280x800 four tiles share a row; a long caption takes a second line, no '…'."""
    fill(store)
    view = StatsView(make_pack(), store, now_provider=lambda: NOW)
    qtbot.addWidget(view)
    view.resize(880, 800)  # four tiles a row, each under 200 px
    view.show()
    qtbot.waitExposed(view)
    tile = view.reviews_tile
    caption = "28 in 30 days · recall rate 82%"
    assert tile.caption == caption
    fm = QFontMetricsF(light_theme().font(12.5))
    room = tile.width() - 2 * PAD - 16
    assert fm.horizontalAdvance(caption) > room  # too long for one line at this width
    assert tile.height() >= tile.HEIGHT + tile.LINE
    # the other tiles of the row are as tall, so the row stays even
    assert view.seen_tile.height() == tile.height() == view.due_tile.height()
