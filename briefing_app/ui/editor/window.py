"""The pack editor: every part of a pack in forms, checked as you type, with undo.

Left, the pack and its lists (actors, quotes, measures, implications, events,
sources); right, the form of the selected item, its card drawn live front and
back, and the problems of the whole pack (click one to go there). Every edit
goes through ``core.editing.PackDocument`` wrapped in a ``QUndoCommand``.

Keys: Ctrl+1..6 add an actor, quote, measure, implication, event, source;
Alt+Up/Down move the selected item; Delete deletes it; Ctrl+Z / Ctrl+Shift+Z
undo and redo; Ctrl+S saves (Ctrl+Shift+S: save as); Ctrl+W closes.

Checking the whole pack and drawing the card wait for a pause in the editing
(``CHECK_DELAY_MS``), so a quick run of edits on a pack of thousands of items
is checked once; the result after the pause is exact.

Signals: ``pack_saved(str)`` with the path written; ``pack_files_changed(str, str)``
(old path, new path) when a chosen picture lands in the pack's folder (a
single-file pack then moves into one); ``preview_updated()`` each time the card
preview is drawn.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QObject, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QImage,
    QKeyEvent,
    QKeySequence,
    QPainter,
    QPixmap,
    QUndoCommand,
    QUndoStack,
)
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ...core.cards import Card, build_cards, title_card
from ...core.editing import Change, EditError, PackDocument, StillReferenced
from ...core.errors import Problem
from ...core.models import Pack
from ...paint.card_painter import paint_stage
from ...paint.theme import Theme, palette_theme
from ..styles import render_stylesheet
from .fields import SPECS, FieldWidget

SECTIONS: tuple[tuple[str | None, str, str], ...] = (
    (None, "Pack", ""),
    ("actors", "Actors", "Ctrl+1"),
    ("quotes", "Quotes", "Ctrl+2"),
    ("measures", "Measures", "Ctrl+3"),
    ("implications", "Implications", "Ctrl+4"),
    ("events", "Events", "Ctrl+5"),
    ("sources", "Sources", "Ctrl+6"),
)
LABEL_FIELDS = {"actors": "name", "quotes": "text", "sources": "title"}
CHECK_DELAY_MS = 200  # the pause in editing after which the pack is checked and drawn
Address = tuple[str | None, int]


class ChangeCommand(QUndoCommand):
    """A core ``Change`` on Qt's undo stack: redo applies it, undo reverts it."""

    def __init__(self, editor: EditorWindow, change: Change) -> None:
        super().__init__(change.text)
        self.editor, self.change, self._first = editor, change, True

    def redo(self) -> None:
        if self._first:  # the document already holds it: the operation applied it
            self._first = False
        else:
            self.change.apply(self.editor.doc)
        self.editor.after_change(self.change.focus)

    def undo(self) -> None:
        self.change.revert(self.editor.doc)
        self.editor.after_change(self.change.focus)


class EditorWindow(QMainWindow):
    """Edit one pack. ``doc.path`` None means a new pack not saved yet."""

    pack_saved = Signal(str)
    pack_files_changed = Signal(str, str)
    preview_updated = Signal()

    def __init__(
        self,
        doc: PackDocument,
        parent: QWidget | None = None,
        *,
        theme: Theme | None = None,
        default_folder: Path | None = None,
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.doc = doc
        self.default_folder = default_folder
        self.undo_stack = QUndoStack(self)
        self.undo_stack.cleanChanged.connect(self._clean_changed)
        self.fields: dict[str, FieldWidget] = {}
        self.current: Address = (None, 0)
        self._problems: list[Problem] = []
        self._pack: Pack | None = None  # as last checked: the cards are drawn from it
        self._cards: dict[str, Card] | None = None  # built when first drawn after a check
        self._check_timer = QTimer(self)
        self._check_timer.setSingleShot(True)
        self._check_timer.setInterval(CHECK_DELAY_MS)
        self._check_timer.timeout.connect(self.check)
        # How the editor asks a yes/no question; a test can answer for the user.
        self.ask: Callable[..., QMessageBox.StandardButton] = QMessageBox.question
        self.setObjectName("packEditor")
        self.setStyleSheet("")
        self.resize(1240, 820)
        self._build()
        self._build_actions()
        self.theme = theme or palette_theme(parent.palette() if parent is not None else None)
        self.set_theme(self.theme)
        self.refresh_items()
        self.select((None, 0))
        self.check()
        self._update_title()

    # --- building -------------------------------------------------------------------

    def _build(self) -> None:
        self.items = QListWidget()
        self.items.setObjectName("editorItems")
        self.items.setAccessibleName("The pack and its items")
        self.items.setDragDropMode(QListWidget.DragDropMode.InternalMove)
        self.items.currentRowChanged.connect(self._row_chosen)
        self.items.model().rowsMoved.connect(self._rows_dragged)
        self.items.installEventFilter(self)
        self.form_host = QWidget()
        self.form_host.setObjectName("editorForm")
        self.form = QFormLayout(self.form_host)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        scroll = QScrollArea()
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes from the list to the fields
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.form_host)
        self.front = QLabel()
        self.back = QLabel()
        for face, name in ((self.front, "Card front"), (self.back, "Card back")):
            face.setAccessibleName(name)
            face.setMinimumSize(320, 180)
            face.setAlignment(Qt.AlignmentFlag.AlignCenter)
        previews = QHBoxLayout()
        previews.addWidget(self.front)
        previews.addWidget(self.back)
        self.problem_list = QListWidget()
        self.problem_list.setObjectName("editorProblems")
        self.problem_list.setAccessibleName("Problems")
        self.problem_list.setMaximumHeight(130)
        self.problem_list.itemActivated.connect(self._problem_chosen)
        self.problem_list.itemClicked.connect(self._problem_chosen)
        right = QWidget()
        column = QVBoxLayout(right)
        column.addWidget(scroll, 3)
        column.addLayout(previews, 2)
        self.problem_label = QLabel("")
        self.problem_label.setObjectName("problemHeading")
        column.addWidget(self.problem_label)
        column.addWidget(self.problem_list)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.items)
        split.addWidget(right)
        split.setSizes([330, 910])
        self.setCentralWidget(split)

    def _build_actions(self) -> None:
        def add(text: str, keys: str | QKeySequence.StandardKey, slot: Any) -> QAction:
            action = QAction(text, self)
            action.setShortcut(QKeySequence(keys))
            action.triggered.connect(lambda _c=False: slot())
            self.addAction(action)
            return action

        for list_name, title, key in SECTIONS:
            if list_name is not None:
                add(f"Add to {title}", key, lambda n=list_name: self.add(n))
        self.undo_action = self.undo_stack.createUndoAction(self, "&Undo")
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.redo_action = self.undo_stack.createRedoAction(self, "&Redo")
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        self.addActions([self.undo_action, self.redo_action])
        add("Move up", "Alt+Up", lambda: self.move_item(-1))
        add("Move down", "Alt+Down", lambda: self.move_item(1))
        add("Save", "Ctrl+S", self.save)
        add("Save as", "Ctrl+Shift+S", self.save_as)
        add("Close", "Ctrl+W", self.close)
        self.delete_action = add("Delete item", "Delete", self.delete_current)
        self.delete_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.items.addAction(self.delete_action)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Alt+Up/Down in the list moves the item (the list would only move the selection)."""
        if (
            watched is self.items
            and isinstance(event, QKeyEvent)
            and event.modifiers() == Qt.KeyboardModifier.AltModifier
            and event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down)
        ):
            if event.type() == QEvent.Type.KeyPress:
                self.move_item(-1 if event.key() == Qt.Key.Key_Up else 1)
            return True
        return super().eventFilter(watched, event)

    def set_theme(self, theme: Theme) -> None:
        self.theme = theme
        t = theme
        sheet = render_stylesheet("dialog", t).replace("QDialog#exportDialog", "#packEditor")
        extra = f"""
*[problem="true"] {{ border: 2px solid {t.danger}; }}
#packEditor QListWidget {{
    background: {t.surface}; color: {t.text}; border: 1px solid {t.border};
    border-radius: 10px; padding: 6px; font-size: 14px;
}}
#packEditor QListWidget::item {{ padding: 5px 8px; border-radius: 6px; }}
#packEditor QListWidget::item:selected {{ background: {t.accent}; color: {t.surface}; }}
#packEditor QPlainTextEdit {{
    background: {t.surface}; color: {t.text}; border: 1px solid {t.border};
    border-radius: 8px; padding: 6px; font-size: 14px;
}}
#packEditor QScrollArea {{ border: none; background: {t.background}; }}
QWidget#editorForm {{ background: {t.background}; }}
QLabel#problemHeading {{ color: {t.muted}; }}
#editorProblems {{ color: {t.danger}; }}
"""
        self.setStyleSheet(sheet + extra)
        self._draw_previews()

    # --- the item list ----------------------------------------------------------------

    def addresses(self) -> list[Address]:
        out: list[Address] = [(None, 0)]
        for list_name, _title, _key in SECTIONS[1:]:
            out += [(list_name, i) for i in range(len(self.doc.items(list_name or "")))]
        return out

    def _label(self, address: Address) -> str:
        list_name, index = address
        if list_name is None:
            return f"\u25a0  {self.doc.data.get('title', 'Pack')}"
        item = self.doc.items(list_name)[index]
        text = str(item.get(LABEL_FIELDS.get(list_name, "title"), "") or item.get("id", ""))
        short = " ".join(text.split())
        short = short if len(short) <= 48 else short[:47] + "\u2026"
        return f"{list_name[:-1].capitalize()}:  {short}"

    def refresh_items(self) -> None:
        """The list's labels as the document stands; only the rows that changed are set."""
        labels = [self._label(address) for address in self.addresses()]
        self.items.blockSignals(True)
        if self.items.count() != len(labels):
            self.items.clear()
            for row, label in enumerate(labels):
                entry = QListWidgetItem(label)
                if row == 0:  # the pack itself stays on top
                    entry.setFlags(entry.flags() & ~Qt.ItemFlag.ItemIsDragEnabled)
                self.items.addItem(entry)
        else:
            for row, label in enumerate(labels):
                entry = self.items.item(row)
                if entry is not None and entry.text() != label:
                    entry.setText(label)
        self.items.blockSignals(False)

    def select(self, address: Address | None) -> None:
        addresses = self.addresses()
        wanted = address if address in addresses else (None, 0)
        self.items.blockSignals(True)
        self.items.setCurrentRow(addresses.index(wanted))
        self.items.blockSignals(False)
        self._show_form(wanted)

    def _row_chosen(self, row: int) -> None:
        addresses = self.addresses()
        if 0 <= row < len(addresses):
            self._show_form(addresses[row])

    # --- the form ---------------------------------------------------------------------

    def _show_form(self, address: Address) -> None:
        self.current = address
        while self.form.rowCount():
            row = self.form.takeRow(0)  # deleted later: a field may be mid-signal
            for item in (row.labelItem, row.fieldItem):
                widget = item.widget() if item is not None else None
                if widget is not None:
                    widget.hide()
                    widget.deleteLater()
        self.fields = {}
        list_name, index = address
        values = self.doc.data if list_name is None else self.doc.items(list_name)[index]
        actors = [(a["id"], str(a.get("name", a["id"]))) for a in self.doc.items("actors")]
        sources = [(s["id"], str(s.get("title", s["id"]))) for s in self.doc.items("sources")]
        for spec in SPECS[list_name]:
            field = FieldWidget(spec)
            if spec.kind in ("actor", "actors"):
                field.set_choices(actors)
            elif spec.kind == "source":
                field.set_choices(sources)
            field.set_value(values.get(spec.key))
            field.edited.connect(
                lambda value, key=spec.key, at=address: self.edit_field(key, value, at)
            )
            field.picture_wanted.connect(self.choose_picture)
            self.form.addRow(spec.label, field)
            self.fields[spec.key] = field
        self._mark_problems()
        self._draw_previews()

    def focus_first_field(self) -> None:
        first = next(iter(self.fields.values()), None)
        if first is not None:
            first.control.setFocus(Qt.FocusReason.TabFocusReason)

    # --- editing --------------------------------------------------------------------------

    def push(self, change: Change) -> None:
        self.undo_stack.push(ChangeCommand(self, change))

    def edit_field(self, key: str, value: Any, at: Address | None = None) -> None:
        """Set a field of the item at ``at`` (the form it came from; default: the one shown).

        A field that commits as its form is replaced (Ctrl+1 while typing) still
        writes to its own item, never to the one now shown.
        """
        list_name, index = at if at is not None else self.current
        if (list_name, index) not in self.addresses():
            return
        values = self.doc.data if list_name is None else self.doc.items(list_name)[index]
        if (values.get(key) or None) == (value or None):
            return
        if key == "id" and list_name is None and not self._may_change_pack_id(value):
            field = self.fields.get("id")
            if field is not None and self.current == (None, 0):
                field.set_value(values.get("id"))  # the old id stays
            return
        try:
            if key == "id" and list_name is not None:
                change = self.doc.rename_id(str(values.get("id", "")), str(value))
            else:
                change = self.doc.set_field(list_name, index, key, value)
        except EditError as exc:
            self.statusBar().showMessage(str(exc), 6000)
            self._show_form(self.current)
            return
        self.push(change)

    def _may_change_pack_id(self, new: Any) -> bool:
        """Progress is kept per pack id: a saved pack's new id asks first."""
        old = self.doc.saved.get("id")
        if self.doc.path is None or not old or new == old:
            return True  # a pack never saved has no progress yet; back to its id is fine
        answer = self.ask(
            self,
            "Change the pack id?",
            f"Changing the pack id starts its progress afresh: what you studied under "
            f"'{old}' will not count for '{new}'. Change it anyway?",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def commit_fields(self) -> None:
        """A field still being typed in counts: Ctrl+S and closing do not leave it."""
        focused = QApplication.focusWidget()
        for field in list(self.fields.values()):
            if focused is not None and (focused is field or field.isAncestorOf(focused)):
                field.edited.emit(field.value())

    def add(self, list_name: str) -> None:
        fields: dict[str, Any] = {}
        if list_name in ("quotes", "measures") and self.doc.items("actors"):
            fields["actor"] = self.doc.items("actors")[0]["id"]
        if list_name == "events":
            fields["date"] = str(self.doc.data.get("as_of", "2025-01-01"))
        defaults = {"actors": "name", "quotes": "text", "sources": "title"}
        placeholder = {"actors": "New actor", "quotes": "New quote", "sources": "New source"}
        key = defaults.get(list_name, "title")
        fields[key] = placeholder.get(list_name, f"New {list_name[:-1]}")
        self.push(self.doc.add_item(list_name, fields))
        self.focus_first_field()
        first = self.fields.get(key)
        if first is not None and hasattr(first.control, "selectAll"):
            first.control.selectAll()

    def delete_current(self) -> None:
        list_name, index = self.current
        if list_name is None:
            return
        try:
            change = self.doc.delete_item(list_name, index)
        except StillReferenced as exc:
            answer = self.ask(
                self,
                "Delete with its items?",
                f"{exc.item_id} is used by {len(exc.dependants)} other item(s). Delete the "
                "quotes and measures that depend on it too? (It is also taken off any lists.)",
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Cancel,
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
            change = self.doc.delete_item(list_name, index, cascade=True)
        self.push(change)

    def move_item(self, step: int) -> None:
        list_name, index = self.current
        if list_name is None:
            return
        target = index + step
        if 0 <= target < len(self.doc.items(list_name)):
            self.push(self.doc.move_item(list_name, index, target))

    def _rows_dragged(self, *_args: object) -> None:
        """A drag in the list: the dropped row becomes a move within its own list."""
        QTimer.singleShot(0, self._apply_drag)

    def _apply_drag(self) -> None:
        before = self.addresses()
        labels = [self.items.item(i).text() for i in range(self.items.count())]
        expected = [self._label(a) for a in before]
        for old, label in enumerate(expected):
            new = labels.index(label) if label in labels else old
            address = before[old]
            if new != old and address[0] is not None:
                target = before[new] if new < len(before) else before[-1]
                if target[0] == address[0]:
                    self.push(self.doc.move_item(address[0], address[1], target[1]))
                    return
        self.refresh_items()  # a drop into another list is undone
        self.select(self.current)

    def choose_picture(self) -> None:
        list_name, index = self.current
        if list_name != "actors":
            return
        path, _ = QFileDialog.getOpenFileName(
            self, "Choose a picture", "", "Pictures (*.png *.jpg *.jpeg *.svg)"
        )
        if not path:
            return
        self.commit_fields()
        if self.doc.path is None and not self.save():  # a new pack: saved first
            return
        old = self.doc.path
        try:
            self.push(self.doc.add_picture(index, Path(path)))
        except (EditError, OSError) as exc:
            self.statusBar().showMessage(str(exc), 6000)
        # The picture is in the pack's folder now (which a single file became):
        # a study window showing the pack reloads it from where it now is.
        if old is not None and self.doc.path is not None:
            self.pack_files_changed.emit(str(old), str(self.doc.path))

    def after_change(self, focus: Address | None) -> None:
        """The document changed (an edit, undo or redo): list, form, previews, checks."""
        target = focus if focus is not None else self.current
        self.refresh_items()
        if target == self.current and target in self.addresses() and self.fields:
            self._refresh_values()  # same item: update in place, keep the keyboard focus
            self.items.blockSignals(True)
            self.items.setCurrentRow(self.addresses().index(target))
            self.items.blockSignals(False)
        else:
            self.select(target)
        self._update_title()
        self._check_timer.start()

    def _refresh_values(self) -> None:
        list_name, index = self.current
        values = self.doc.data if list_name is None else self.doc.items(list_name)[index]
        for key, field in self.fields.items():
            field.set_value(values.get(key))

    # --- checking -------------------------------------------------------------------------

    def check(self) -> None:
        """Validate the document as it stands, with the core's own rules, and draw its card.

        Edits call this after a pause (``CHECK_DELAY_MS``); saving calls it at once.
        """
        self._check_timer.stop()
        self._pack, self._problems = self.doc.checked()
        self._cards = None
        self.problem_list.clear()
        for problem in self._problems:
            self.problem_list.addItem(str(problem))
        count = len(self._problems)
        self.problem_label.setText(
            "No problems: the pack is valid." if not count else f"{count} problem(s):"
        )
        self.problem_list.setVisible(bool(count))
        self._mark_problems()
        self._draw_previews()

    def _mark_problems(self) -> None:
        for field in self.fields.values():
            field.show_problem("")
        for problem in self._problems:
            list_name, index, key = self.doc.location_of(problem)
            here = self.current == (list_name, index) or (
                list_name is None and self.current[0] is None
            )
            if here and key in self.fields:
                self.fields[key].show_problem(problem.message)

    def _problem_chosen(self, item: QListWidgetItem) -> None:
        row = self.problem_list.row(item)
        if not 0 <= row < len(self._problems):
            return
        list_name, index, key = self.doc.location_of(self._problems[row])
        self.select((list_name, index) if list_name else (None, 0))
        if key in self.fields:
            self.fields[key].control.setFocus(Qt.FocusReason.OtherFocusReason)

    # --- the live preview -----------------------------------------------------------------

    def _draw_previews(self) -> None:
        """Draw the card, front and back; its text is each face's accessible description."""
        card = self._current_card()
        for label, face in ((self.front, "front"), (self.back, "back")):
            if card is None:
                label.setAccessibleDescription(
                    "No card while the pack has problems" if self._pack is None else "No card"
                )
            else:
                side = card.front if face == "front" else card.back
                label.setAccessibleDescription("\n".join(side.texts()))
            size = QSize(max(320, label.width()), max(180, round(max(320, label.width()) * 9 / 16)))
            image = QImage(size, QImage.Format.Format_ARGB32_Premultiplied)
            painter = QPainter(image)
            paint_stage(painter, QRectF(0, 0, size.width(), size.height()), card, face, self.theme)
            painter.end()
            label.setPixmap(QPixmap.fromImage(image))
        self.preview_updated.emit()

    def _current_card(self) -> Card | None:
        """The card of the item being edited, built as the study window would build it
        from the pack as last checked (none while the pack has problems)."""
        pack = self._pack
        if pack is None:
            return None
        list_name, index = self.current
        if list_name is None:
            return title_card(pack)
        if self._cards is None:  # once per check: building all cards of a big pack is slow
            self._cards = {card.id: card for card in build_cards(pack)}
        item_id = self.doc.items(list_name)[index].get("id")
        return self._cards.get(str(item_id))

    # --- saving and closing -----------------------------------------------------------------

    def _clean_changed(self, _clean: bool) -> None:
        self._update_title()

    def _update_title(self) -> None:
        name = self.doc.path.name if self.doc.path else "new pack"
        # "[*]" is where the desktop shows the unsaved-changes mark
        self.setWindowTitle(f"{self.doc.data.get('title', 'Pack')} ({name})[*] \u2014 Edit pack")
        self.setWindowModified(self.doc.dirty)

    def _save_new(self) -> None:
        """A new pack's first save: into the packs folder, its id made from its title."""
        from ...core.editing.document import slug

        if self.doc.data.get("id") == "new-pack":
            self.doc.data["id"] = slug(str(self.doc.data.get("title", "")), "new-pack")
        folder = self.default_folder or Path.home()
        folder.mkdir(parents=True, exist_ok=True)
        stem = str(self.doc.data.get("id", "new-pack"))
        target, n = folder / f"{stem}.json", 2
        while target.exists():
            target, n = folder / f"{stem}-{n}.json", n + 1
        self.doc.save(target, anyway=True)

    def save(self) -> bool:
        """Save in place (a new pack goes to the packs folder); problems need "save anyway"."""
        self.commit_fields()
        self.check()
        if self._problems:
            answer = self.ask(
                self,
                "Save a draft with problems?",
                f"The pack has {len(self._problems)} problem(s). Save it anyway as a draft? "
                "It will be listed as invalid until they are fixed.",
                QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Cancel,
            )
            if answer != QMessageBox.StandardButton.Save:
                return False
        try:
            if self.doc.path is None:
                self._save_new()
            else:
                self.doc.save(anyway=True)
        except EditError as exc:
            self.statusBar().showMessage(str(exc), 8000)
            return False
        self.undo_stack.setClean()
        self._update_title()
        self.statusBar().showMessage(f"Saved {self.doc.path}", 4000)
        self.pack_saved.emit(str(self.doc.path))
        return True

    def save_as(self) -> None:
        self.commit_fields()
        path, _ = QFileDialog.getSaveFileName(
            self,
            "Save the pack as",
            f"{self.doc.data.get('id', 'pack')}.json",
            "Briefing packs (*.json)",
        )
        if path:
            try:
                self.doc.save_as(Path(path), anyway=True)
            except EditError as exc:
                self.statusBar().showMessage(str(exc), 8000)
                return
            self.after_change(self.current)
            self.pack_saved.emit(str(self.doc.path))

    def closeEvent(self, event: QCloseEvent) -> None:
        self.commit_fields()
        if self.doc.dirty:
            answer = self.ask(
                self,
                "Save your changes?",
                "This pack has changes that are not saved.",
                QMessageBox.StandardButton.Save
                | QMessageBox.StandardButton.Discard
                | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Save,
            )
            if answer == QMessageBox.StandardButton.Cancel or (
                answer == QMessageBox.StandardButton.Save and not self.save()
            ):
                event.ignore()
                return
        super().closeEvent(event)
