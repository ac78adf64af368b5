"""The pack editor, driven from the keyboard as a new user would."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QMessageBox, QPlainTextEdit
from pytestqt.qtbot import QtBot

from briefing_app.core.cards import Category
from briefing_app.core.editing import PackDocument
from briefing_app.core.pack import load_pack
from briefing_app.core.progress import ProgressStore
from briefing_app.paths import bundled_briefs_dir
from briefing_app.ui.editor.window import EditorWindow
from briefing_app.ui.study.features import StudyFeatures
from briefing_app.ui.study.main_window import MainWindow

NOW = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)


def type_into_focus(qtbot: QtBot, text: str) -> None:
    """Type ``text`` where the keyboard focus is, then Tab away (the field commits)."""
    widget = QApplication.focusWidget()
    assert isinstance(widget, QLineEdit | QPlainTextEdit), type(widget)
    if isinstance(widget, QLineEdit):
        widget.selectAll()
    else:
        widget.selectAll()
    qtbot.keyClicks(widget, text)
    qtbot.keyClick(widget, Qt.Key.Key_Tab)


def editor_of(features: StudyFeatures) -> EditorWindow:
    (editor,) = features.editors
    editor.ask = lambda *_a, **_k: QMessageBox.StandardButton.Discard  # no modal in a test
    return editor


def quiet(editor: EditorWindow) -> EditorWindow:
    editor.ask = lambda *_a, **_k: QMessageBox.StandardButton.Discard
    return editor


def test_a_new_user_makes_a_five_card_pack_with_the_keyboard_and_studies_it(
    qtbot: QtBot,
    make_window: Callable[..., MainWindow],
    write_pack: Callable[..., Path],
    tmp_path: Path,
) -> None:
    window = make_window(write_pack())  # whatever the window showed before
    store = ProgressStore(tmp_path / "p.db")
    features = StudyFeatures(window, store, clock=lambda: NOW)
    qtbot.keyClick(window.card_view, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    editor = editor_of(features)  # deleted when closed: the window owns it, not qtbot
    qtbot.waitExposed(editor)
    editor.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is editor)
    assert QApplication.focusWidget() is editor.fields["title"].control
    type_into_focus(qtbot, "Harbour talks")  # the title field has the focus

    def key(k: Qt.Key, mod: Qt.KeyboardModifier = Qt.KeyboardModifier.ControlModifier) -> None:
        qtbot.keyClick(QApplication.focusWidget() or editor, k, mod)

    key(Qt.Key.Key_1)  # add an actor: its name is selected, ready to type
    type_into_focus(qtbot, "Ann Lee")
    key(Qt.Key.Key_1)
    type_into_focus(qtbot, "Bob Ray")
    key(Qt.Key.Key_2)  # a quote, said by the first actor
    type_into_focus(qtbot, "We start today.")
    key(Qt.Key.Key_2)
    type_into_focus(qtbot, "Not before spring.")
    key(Qt.Key.Key_3)  # a measure
    type_into_focus(qtbot, "Port fees frozen")
    assert editor.problem_label.text() == "No problems: the pack is valid."
    key(Qt.Key.Key_S)  # save: a new pack goes to the packs folder and opens
    qtbot.waitUntil(lambda: window.windowTitle().startswith("Harbour talks"), timeout=3000)
    pack = window.current_pack()
    assert pack is not None and pack.title == "Harbour talks"
    cards = [c for c in window.deck.cards if c.category is not Category.TITLE]
    assert len(cards) == 5
    assert {c.front.headline for c in cards if c.category is Category.QUOTE} == {
        "We start today.",
        "Not before spring.",
    }
    assert pack.id == "harbour-talks"  # named after its title at the first save
    # and study it at once: flip, rate
    editor.close()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    window.card_view.setFocus()
    qtbot.keyClick(window.card_view, Qt.Key.Key_Right)
    qtbot.keyClick(window.card_view, Qt.Key.Key_Space)
    assert window.card_view.face() == "back" and features.rating_bar.isVisible()
    store.close()


def test_undo_redo_and_the_dirty_marker(qtbot: QtBot, tmp_path: Path) -> None:
    folder = tmp_path / "pack"
    shutil.copytree(bundled_briefs_dir() / "us-japan-taiwan-2025", folder)
    editor = quiet(EditorWindow(PackDocument.open(folder)))
    qtbot.addWidget(editor)
    editor.show()
    assert not editor.isWindowModified()
    editor.edit_field("title", "Renamed brief")
    assert editor.isWindowModified() and editor.doc.dirty
    editor.undo_stack.undo()
    assert editor.doc.data["title"].startswith("Unshakable") and not editor.doc.dirty
    editor.undo_stack.redo()
    assert editor.doc.data["title"] == "Renamed brief"
    assert editor.save()
    assert load_pack(folder).title == "Renamed brief"


def test_problems_are_shown_beside_the_field_and_listed(qtbot: QtBot, tmp_path: Path) -> None:
    doc = PackDocument.new("Talks", tmp_path / "t.json")
    doc.add_item("actors", {"name": "Ann Lee"})
    editor = quiet(EditorWindow(doc))
    qtbot.addWidget(editor)
    editor.show()
    editor.add("quotes")
    editor.edit_field("date", "2025-13-45")
    editor.check()
    assert any(
        "quotes[0].date" in editor.problem_list.item(i).text()
        for i in range(editor.problem_list.count())
    )
    date_field = editor.fields["date"]
    assert date_field.control.property("problem") is True
    assert "not a real date" in date_field.control.toolTip() or date_field.control.toolTip()


def test_alt_up_moves_an_item_and_renaming_an_id_updates_references(
    qtbot: QtBot, tmp_path: Path
) -> None:
    doc = PackDocument.new("Talks", tmp_path / "t.json")
    doc.add_item("actors", {"name": "Ann Lee"})
    doc.add_item("actors", {"name": "Bob Ray"})
    doc.add_item("quotes", {"actor": "bob-ray", "text": "Hello."})
    editor = quiet(EditorWindow(doc))
    qtbot.addWidget(editor)
    editor.show()
    editor.select(("actors", 1))
    qtbot.keyClick(editor.items, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert [a["name"] for a in editor.doc.items("actors")] == ["Bob Ray", "Ann Lee"]
    editor.select(("actors", 0))
    editor.edit_field("id", "robert-ray")
    assert editor.doc.items("quotes")[0]["actor"] == "robert-ray"


def test_speaker_notes_are_shown_and_edited_for_the_pack_and_every_item(
    qtbot: QtBot, tmp_path: Path
) -> None:
    folder = tmp_path / "pack"
    shutil.copytree(bundled_briefs_dir() / "us-japan-taiwan-2025", folder)
    doc = PackDocument.open(folder)
    first_quote = doc.items("quotes")[0]
    first_quote["notes"] = "Pause here: let the room read it."
    editor = quiet(EditorWindow(doc))
    qtbot.addWidget(editor)
    editor.show()
    qtbot.waitExposed(editor)
    assert "notes" in editor.fields  # the pack's own notes
    for list_name in ("actors", "quotes", "measures", "implications", "sources"):
        if doc.items(list_name):
            editor.select((list_name, 0))
            qtbot.waitUntil(editor.fields["notes"].isVisible)  # shown as the form is built
    editor.select(("quotes", 0))
    notes = editor.fields["notes"].control
    assert isinstance(notes, QPlainTextEdit)
    assert notes.toPlainText() == "Pause here: let the room read it."
    notes.setFocus()
    type_into_focus(qtbot, "Ask who has read the statement.")
    assert editor.save()
    assert load_pack(folder).quotes[0].notes == "Ask who has read the statement."
