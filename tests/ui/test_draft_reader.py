"""New pack from article: review the found quotes with the keyboard, save a valid pack."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from pytestqt.qtbot import QtBot

from briefing_app.core.pack import load_pack
from briefing_app.ui.draft.reader import DraftReader, Verdict

ARTICLE = (
    "Harbour Deal Signed\n\n"
    '"This is a good day," said Mayor Ann Lee. She called the deal "fair."\n\n'
    'Port chief Omar Said warned of "hard years ahead."\n\n'
    'A note on the door: "closed until spring."\n'
)


def reader(qtbot: QtBot) -> DraftReader:
    widget = DraftReader(ARTICLE)
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    widget.list.setFocus()
    return widget


def test_keys_accept_reject_and_move(qtbot: QtBot, tmp_path: Path) -> None:
    r = reader(qtbot)
    assert [rv.suggestion.text for rv in r.reviews] == [
        "This is a good day,",
        "fair.",
        "hard years ahead.",
        "closed until spring.",
    ]
    assert r.list.item(0).text().endswith("Ann Lee  (line 3)")
    assert "speaker unknown" in r.list.item(3).text()
    for key in (Qt.Key.Key_A, Qt.Key.Key_R, Qt.Key.Key_A):
        qtbot.keyClick(r, key)
    assert [rv.verdict for rv in r.reviews[:3]] == [
        Verdict.ACCEPTED,
        Verdict.REJECTED,
        Verdict.ACCEPTED,
    ]
    qtbot.keyClick(r, Qt.Key.Key_K)
    assert r.list.currentRow() == 2
    assert "2 accepted" in r.status.text()
    out = tmp_path / "draft.json"
    assert r.save_to(out)
    pack = load_pack(out)
    assert [q.text for q in pack.quotes] == ["This is a good day,", "hard years ahead."]
    assert {a.name for a in pack.actors} == {"Ann Lee", "Omar Said"}


def test_a_name_selected_in_the_article_becomes_the_speaker(qtbot: QtBot, tmp_path: Path) -> None:
    r = reader(qtbot)
    r.list.setCurrentRow(3)  # "closed until spring." has no speaker
    start = ARTICLE.index("Omar Said")
    cursor = r.article.textCursor()
    cursor.setPosition(start)
    cursor.setPosition(start + len("Omar Said"), QTextCursor.MoveMode.KeepAnchor)
    r.article.setTextCursor(cursor)
    qtbot.mouseClick(r.from_selection, Qt.MouseButton.LeftButton)
    assert r.reviews[3].suggestion.speaker_name == "Omar Said"
    r.list.setFocus()
    qtbot.keyClick(r, Qt.Key.Key_A)
    out = tmp_path / "d.json"
    assert r.save_to(out)
    data = json.loads(out.read_text(encoding="utf-8"))
    (quote,) = data["quotes"]
    assert quote["text"] == "closed until spring."
    ev = quote["x-evidence"]
    assert ARTICLE[ev["start"] : ev["end"]] == "closed until spring."


def test_an_edit_can_narrow_a_quote_but_never_invent_one(qtbot: QtBot) -> None:
    r = reader(qtbot)
    r.activateWindow()
    r.list.setFocus()
    qtbot.keyClick(r.list, Qt.Key.Key_Return)  # Enter edits the quote
    qtbot.waitUntil(r.quote_edit.hasFocus)
    r.quote_edit.setText("a good day")
    r.quote_edit.editingFinished.emit()
    assert r.reviews[0].suggestion.text == "a good day"
    r.quote_edit.setText("a great day")  # not in the article
    r.quote_edit.editingFinished.emit()
    assert r.reviews[0].suggestion.text == "a good day"
    assert "undone" in r.status.text()
