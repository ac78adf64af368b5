"""The pack editor, driven from the keyboard as a new user would."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest
from pack_builder import actor, pack, quote
from pack_builder import write_pack as write_pack_file
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
)
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


def picture(path: Path, color: str) -> Path:
    """A small PNG of one colour (different colours: different files)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    image = QImage(8, 8, QImage.Format.Format_RGB32)
    image.fill(QColor(color))
    assert image.save(str(path))
    return path


def test_a_chosen_picture_lands_in_images_and_the_study_window_follows(
    qtbot: QtBot,
    make_window: Callable[..., MainWindow],
    write_pack: Callable[..., Path],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    single = write_pack("talks.json")  # one file: the first picture makes it a folder
    window = make_window(single)
    store = ProgressStore(tmp_path / "p.db")
    features = StudyFeatures(window, store, clock=lambda: NOW)
    qtbot.keyClick(
        window.card_view,
        Qt.Key.Key_E,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    editor = editor_of(features)
    qtbot.waitExposed(editor)
    editor.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is editor)
    # three different pictures, all called portrait.png
    chosen = [picture(tmp_path / d / "portrait.png", c) for d, c in (("a", "red"), ("b", "blue"))]
    chosen.append(picture(tmp_path / "c" / "portrait.png", "green"))
    answers = iter(chosen)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_a, **_k: (str(next(answers)), ""))

    def choose_for_actor(row: int) -> str:
        editor.items.setFocus()
        editor.items.setCurrentRow(0)
        for _ in range(row):
            qtbot.keyClick(editor.items, Qt.Key.Key_Down)  # the actors follow the pack
        field = editor.fields["image"]
        (button,) = field.findChildren(QPushButton)
        with qtbot.waitSignal(editor.pack_files_changed):
            qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        control = field.control
        assert isinstance(control, QLineEdit)
        return control.text()

    folder = tmp_path / "talks"
    assert choose_for_actor(1) == "images/portrait.png"
    assert not single.exists() and (folder / "pack.json").is_file()
    # the study window shows the pack from its folder, not the file that has gone
    qtbot.waitUntil(lambda: window.loader.loaded is not None)
    loaded = window.loader.loaded
    assert loaded is not None and loaded.path == folder / "pack.json"
    assert not window.banner.isVisible()
    assert choose_for_actor(2) == "images/portrait-2.png"  # another picture, same name
    assert choose_for_actor(1) == "images/portrait-3.png"
    assert sorted(p.name for p in (folder / "images").iterdir()) == [
        "portrait-2.png",
        "portrait-3.png",
        "portrait.png",
    ]
    # saved, the study window draws the pictures on the actor cards
    with qtbot.waitSignal(editor.pack_saved):
        qtbot.keyClick(editor.items, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    pictures = {c.id: c.image for c in window.deck.cards if c.category is Category.ACTOR}
    assert pictures == {
        "alpha": folder / "images" / "portrait-3.png",
        "beta": folder / "images" / "portrait-2.png",
    }
    editor.close()
    store.close()


def test_a_quick_run_of_edits_on_a_big_pack_is_checked_and_drawn_once(
    qtbot: QtBot, tmp_path: Path
) -> None:
    data = pack(
        id="big",
        title="Big pack",
        as_of="2025-11-20",
        actors=[actor(f"a{i}", f"Actor {i}") for i in range(50)],
        quotes=[quote(f"q{i}", f"a{i % 50}", f"Quote number {i}.") for i in range(5000)],
    )
    editor = quiet(EditorWindow(PackDocument.open(write_pack_file(tmp_path, data, indent=2))))
    qtbot.addWidget(editor)
    editor.show()
    qtbot.waitExposed(editor)
    editor.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is editor)
    editor.focus_first_field()  # the pack's title
    drawn: list[None] = []
    editor.preview_updated.connect(lambda: drawn.append(None))
    with qtbot.waitSignal(editor.preview_updated):
        type_into_focus(qtbot, "Harbour talks")  # title, then Tab to the subtitle
        type_into_focus(qtbot, "Day one")
        type_into_focus(qtbot, "Who said what.")  # the summary
        type_into_focus(qtbot, "2025-13-45")  # as of: not a date
        assert drawn == []  # nothing redrawn or checked while the edits come
    assert len(drawn) == 1
    problems = [editor.problem_list.item(i).text() for i in range(editor.problem_list.count())]
    assert len(problems) == 1 and "as_of" in problems[0]
    assert editor.front.accessibleDescription() == "No card while the pack has problems"
    editor.fields["as_of"].control.setFocus()
    with qtbot.waitSignal(editor.preview_updated):
        type_into_focus(qtbot, "2025-12-01")
    assert len(drawn) == 2
    assert editor.problem_label.text() == "No problems: the pack is valid."
    front = editor.front.accessibleDescription()
    assert "Harbour talks" in front and "Day one" in front and "2025-12-01" in front
    assert editor.windowTitle().startswith("Harbour talks")


@pytest.mark.parametrize(
    ("answer", "kept"),
    [
        (QMessageBox.StandardButton.Yes, "harbour-talks"),
        (QMessageBox.StandardButton.No, "test-pack"),
        (QMessageBox.StandardButton.Cancel, "test-pack"),
    ],
)
def test_changing_the_pack_id_asks_first_because_progress_is_kept_by_it(
    qtbot: QtBot, write_pack: Callable[..., Path], answer: QMessageBox.StandardButton, kept: str
) -> None:
    path = write_pack()
    editor = EditorWindow(PackDocument.open(path))
    questions: list[str] = []

    def ask(_parent: object, _title: str, text: str, *_a: object) -> QMessageBox.StandardButton:
        questions.append(text)
        return answer

    editor.ask = ask
    qtbot.addWidget(editor)
    editor.show()
    qtbot.waitExposed(editor)
    editor.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is editor)
    id_field = editor.fields["id"].control
    assert isinstance(id_field, QLineEdit) and id_field.text() == "test-pack"
    id_field.setFocus()
    type_into_focus(qtbot, "harbour-talks")
    assert len(questions) == 1
    assert questions[0].startswith("Changing the pack id starts its progress afresh")
    assert id_field.text() == kept  # on screen
    qtbot.keyClick(editor.items, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert load_pack(path).id == kept
    assert editor.isWindowModified() is False
    id_field = editor.fields["id"].control
    assert isinstance(id_field, QLineEdit)
    id_field.setFocus()
    type_into_focus(qtbot, "harbour-talks")  # no question when nothing would change
    assert len(questions) == (1 if answer == QMessageBox.StandardButton.Yes else 2)


def test_ctrl_s_while_typing_saves_what_is_typed(
    qtbot: QtBot, write_pack: Callable[..., Path]
) -> None:
    path = write_pack()
    editor = quiet(EditorWindow(PackDocument.open(path)))
    qtbot.addWidget(editor)
    editor.show()
    qtbot.waitExposed(editor)
    editor.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is editor)
    editor.focus_first_field()
    title = QApplication.focusWidget()
    assert isinstance(title, QLineEdit)
    title.selectAll()
    qtbot.keyClicks(title, "Typed, not left")
    qtbot.keyClick(title, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)  # no Tab first
    assert load_pack(path).title == "Typed, not left"
    assert not editor.isWindowModified()


def test_tab_goes_from_the_list_to_the_first_field_and_round(
    qtbot: QtBot, write_pack: Callable[..., Path]
) -> None:
    editor = quiet(EditorWindow(PackDocument.open(write_pack())))
    qtbot.addWidget(editor)
    editor.show()
    qtbot.waitExposed(editor)
    editor.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is editor)
    editor.items.setFocus()
    qtbot.keyClick(editor.items, Qt.Key.Key_Down)
    qtbot.keyClick(editor.items, Qt.Key.Key_Down)
    qtbot.keyClick(editor.items, Qt.Key.Key_Down)  # the first quote
    qtbot.waitUntil(lambda: "text" in editor.fields and editor.fields["text"].isVisible())
    seen = []
    for _ in range(9):
        qtbot.keyClick(QApplication.focusWidget() or editor, Qt.Key.Key_Tab)
        seen.append(QApplication.focusWidget())
    assert seen[0] is editor.fields["text"].control  # not the scroll area around the form
    assert seen[1] is editor.fields["actor"].control
    assert seen[2] is editor.fields["context"].control
    assert seen[-1] is editor.items  # after the last field, back to the list
