"""The quiz in Arabic and in a small window: options mirror, dates and sources keep
their order beside right-to-left words, and feedback never hides what was asked."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from briefing_app.core.pack import load_pack, parse_pack
from briefing_app.core.quiz import QuestionKind
from briefing_app.paths import bundled_briefs_dir
from briefing_app.ui.quiz.view import QuizView, Stage

pytestmark = pytest.mark.gui

DIGITS = [Qt.Key.Key_1, Qt.Key.Key_2, Qt.Key.Key_3, Qt.Key.Key_4]
NAMES = ["وزارة الدفاع", "وزارة الخارجية", "خفر السواحل", "رئيس الوزراء"]


def arabic_pack() -> Any:
    actors = [{"id": f"a{i}", "name": name} for i, name in enumerate(NAMES)]
    raw: dict[str, Any] = {
        "format": "briefing-pack",
        "version": 1,
        "id": "ar-quiz",
        "title": "إحاطة",
        "language": "ar",
        "sources": [{"id": "s", "title": "وكالة الأنباء", "publisher": "وكالة الأنباء الإقليمية"}],
        "actors": actors,
        "quotes": [],
        "measures": [
            {
                "id": f"m{i}",
                "actor": f"a{i}",
                "title": f"إجراء رقم {i}",
                "category": "عسكري",
                "date": "2025-03-03",
                "source": "s",
            }
            for i in range(4)
        ],
        "implications": [],
    }
    return parse_pack(json.dumps(raw, ensure_ascii=False).encode())


def started(qtbot: QtBot, view: QuizView, kinds: list[QuestionKind], n: int) -> QuizView:
    qtbot.addWidget(view)
    view.show()
    qtbot.waitExposed(view)
    view.start(kinds, n)
    return view


def test_arabic_options_mirror_and_dates_and_sources_keep_their_order(qtbot: QtBot) -> None:
    view = QuizView(arabic_pack(), seed=3)
    view.resize(1280, 800)
    started(qtbot, view, [QuestionKind.WHO_DID], 1)
    for card in view.option_cards[:4]:
        # The number sits beside the first (rightmost) word, not across the row.
        assert card.layoutDirection() is Qt.LayoutDirection.RightToLeft
        qtbot.waitUntil(lambda c=card: c.badge.x() > c.name.x() + c.name.width() / 2)
    # The date reads as the feedback writes it, in a left-to-right isolate.
    assert view.subject_note.text() == "عسكري · \u20663 Mar 2025\u2069"
    q = view.question
    assert q is not None
    qtbot.keyClick(view, DIGITS[(q.correct + 1) % 4])
    # The source's brackets stay with the Arabic title they belong to.
    assert "Source: \u2068وكالة الأنباء (وكالة الأنباء الإقليمية)\u2069" in view.meta_label.text()
    assert view.answer_label.text().startswith("The answer: \u2068")


def test_latin_options_do_not_mirror(qtbot: QtBot) -> None:
    view = QuizView(load_pack(bundled_briefs_dir() / "us-japan-taiwan-2025"), seed=2)
    view.resize(1280, 800)
    started(qtbot, view, [QuestionKind.WHO_SAID], 1)
    card = view.option_cards[0]
    assert card.layoutDirection() is Qt.LayoutDirection.LeftToRight
    assert card.badge.x() < card.name.x()


def fully_shown(widget: QWidget) -> bool:
    return widget.isVisible() and widget.visibleRegion().boundingRect() == widget.rect()


def test_at_800x600_feedback_keeps_the_question_and_both_answers_in_view(
    qtbot: QtBot,
) -> None:
    view = QuizView(load_pack(bundled_briefs_dir() / "us-japan-taiwan-2025"), seed=2)
    view.resize(800, 600)
    view.ask_again_box.setChecked(False)
    started(qtbot, view, [QuestionKind.WHO_SAID, QuestionKind.WHO_DID], 12)
    checked = 0
    while (q := view.question) is not None and view.stage is not Stage.DONE:
        wrong = (q.correct + 1) % len(q.options)
        qtbot.keyClick(view, DIGITS[wrong])
        chosen, right = view.option_cards[wrong], view.option_cards[q.correct]
        qtbot.waitUntil(
            lambda c=chosen, r=right: (
                fully_shown(c)
                and fully_shown(r)
                and fully_shown(view.verdict_label)
                and fully_shown(view.answer_label)
            )
        )
        if len(q.subject) <= 120:  # a very long quote may have to scroll
            assert fully_shown(view.subject_label), q.subject
        checked += 1
        qtbot.keyClick(view, Qt.Key.Key_Return)
        # The options stepped aside come back for the next question.
        if view.question is not None and view.stage is Stage.ASKING:
            shown = sum(card.isVisible() for card in view.option_cards)
            assert shown == len(view.question.options)
    assert checked >= 10


def test_a_right_to_left_question_is_never_clipped_at_its_line_ends(qtbot: QtBot) -> None:
    """Found at 800x600: a line that fit to the pixel was drawn past the label's left edge."""
    quote = (
        "أمن الملاحة في الخليج مسؤولية جماعية لا يمكن لأي دولة أن تتحملها وحدها، "
        "ونحن ملتزمون بحماية الممرات البحرية لصالح العالم أجمع."
    )
    pack = arabic_pack()
    raw = json.loads(json.dumps({"quotes": [{"id": "q", "actor": "a0", "text": quote}]}))
    data = {
        "format": "briefing-pack",
        "version": 1,
        "id": "ar-long",
        "title": "إحاطة",
        "language": "ar",
        "actors": [{"id": a.id, "name": a.name} for a in pack.actors],
        "quotes": raw["quotes"] + [{"id": "q2", "actor": "a1", "text": "الحوار هو الطريق."}],
        "measures": [],
        "implications": [],
    }
    for width in range(760, 840, 4):  # every width where some line fits to the pixel
        encoded = json.dumps(data, ensure_ascii=False).encode()
        view = QuizView(parse_pack(encoded), seed=1, priorities={"q": 1.0})
        view.resize(width, 600)
        started(qtbot, view, [QuestionKind.WHO_SAID], 1)
        assert view.question is not None and view.question.item_id == "q"
        label = view.subject_label
        qtbot.waitUntil(lambda lab=label: lab.width() > 0)
        image = label.grab().toImage()  # the text on a transparent ground
        ink = [
            y
            for y in range(image.height())
            for x in (0, 1)
            if (pixel := image.pixelColor(x, y)).alpha() > 100 and pixel.lightness() < 110
        ]
        assert not ink, (width, len(ink))
        view.close()


def test_the_quiz_window_alone_follows_the_users_theme_and_quiz_settings(
    qtbot: QtBot, isolated_data_dir: Path
) -> None:
    from briefing_app.ui.quiz.view import quiz_window
    from briefing_app.ui.settings import Settings, SettingsStore, ThemeChoice

    SettingsStore().save(Settings(theme=ThemeChoice.DARK, quiz_ask_again=False))
    pack = load_pack(bundled_briefs_dir() / "us-japan-taiwan-2025")
    view = quiz_window(pack, kinds=[QuestionKind.WHO_DID], count=3, typed=True)
    qtbot.addWidget(view)
    view.show()
    assert view.theme.name == "dark"
    assert not view.ask_again_box.isChecked() and view.check_on_choose_box.isChecked()
    assert view.typed_radio.isChecked() and view.length_box.value() == 3
    assert view.kind_boxes[QuestionKind.WHO_DID].isChecked()
    assert not view.kind_boxes[QuestionKind.WHO_SAID].isChecked()
    # The page is painted dark: its background is darker than its text.
    image = view.grab().toImage()
    assert image.pixelColor(5, 5).lightness() < 80
