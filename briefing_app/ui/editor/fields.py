"""The editor's forms: which fields each part of a pack has, and the control for each.

A ``FieldSpec`` says the key, the label and the kind of control: one line,
several lines, a date (typed, or picked from a calendar), a choice, a comma
list, an actor picker with type-to-search, a list of actors, a source picker,
the id (renaming updates every reference), a picture. ``FieldWidget`` wraps the
control with one ``value()`` / ``set_value()`` and an ``edited`` signal.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QCalendarWidget,
    QComboBox,
    QCompleter,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QToolButton,
    QWidget,
    QWidgetAction,
)

MEASURE_CATEGORIES = ["diplomatic", "economic", "military", "travel", "legal", "security", "trade"]


@dataclass(frozen=True)
class FieldSpec:
    key: str
    label: str
    kind: str  # line, multi, date, choice, list, actor, actors, source, id, picture
    choices: tuple[str, ...] = ()
    editable_choice: bool = False


F = FieldSpec
SPECS: dict[str | None, tuple[FieldSpec, ...]] = {
    None: (
        F("title", "Title", "line"),
        F("subtitle", "Subtitle", "line"),
        F("summary", "Summary", "multi"),
        F("as_of", "As of", "date"),
        F("language", "Language", "line"),
        F("tags", "Tags", "list"),
        F("notes", "Speaker notes", "multi"),
        F("id", "Id", "line"),  # progress is kept by it: changing it asks first
    ),
    "actors": (
        F("name", "Name", "line"),
        F("kind", "Kind", "choice", ("person", "institution", "state")),
        F("role", "Role", "line"),
        F("affiliation", "Affiliation", "line"),
        F("summary", "Summary", "multi"),
        F("aliases", "Aliases", "list"),
        F("image", "Picture", "picture"),
        F("notes", "Speaker notes", "multi"),
        F("id", "Id", "id"),
    ),
    "quotes": (
        F("text", "Quote", "multi"),
        F("actor", "Said by", "actor"),
        F("context", "Context", "multi"),
        F("date", "Date", "date"),
        F("source", "Source", "source"),
        F("notes", "Speaker notes", "multi"),
        F("id", "Id", "id"),
    ),
    "measures": (
        F("title", "Measure", "line"),
        F("actor", "Taken by", "actor"),
        F("category", "Category", "choice", tuple(MEASURE_CATEGORIES), True),
        F("detail", "Detail", "multi"),
        F("date", "Date", "date"),
        F("source", "Source", "source"),
        F("notes", "Speaker notes", "multi"),
        F("id", "Id", "id"),
    ),
    "implications": (
        F("title", "Implication", "line"),
        F("detail", "Detail", "multi"),
        F("actors", "Concerns", "actors"),
        F("source", "Source", "source"),
        F("notes", "Speaker notes", "multi"),
        F("id", "Id", "id"),
    ),
    "events": (
        F("title", "Event", "line"),
        F("date", "Date", "date"),
        F("detail", "Detail", "multi"),
        F("actors", "Actors", "actors"),
        F("source", "Source", "source"),
        F("notes", "Speaker notes", "multi"),
        F("id", "Id", "id"),
    ),
    "sources": (
        F("title", "Title", "line"),
        F("publisher", "Publisher", "line"),
        F("url", "Web address", "line"),
        F("date", "Date", "date"),
        F("note", "Note", "multi"),
        F("notes", "Speaker notes", "multi"),
        F("id", "Id", "id"),
    ),
}


class _Plain(QPlainTextEdit):
    """Multi-line text whose edit counts when the field is left (Tab moves on, not in)."""

    left = Signal()

    def focusOutEvent(self, event: Any) -> None:
        super().focusOutEvent(event)
        self.left.emit()


class FieldWidget(QWidget):
    """One field's control. Signals: ``edited(object)`` with the new value."""

    edited = Signal(object)
    picture_wanted = Signal()

    def __init__(self, spec: FieldSpec, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.spec = spec
        self._ids: list[str] = []  # actor or source ids behind the shown names
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.control = self._make(spec)
        self.control.setAccessibleName(spec.label)
        row.addWidget(self.control, 1)
        if spec.kind == "date":
            row.addWidget(self._calendar_button())
        if spec.kind == "picture":
            choose = QPushButton("Choose\u2026")
            choose.setAccessibleName("Choose a picture")
            choose.clicked.connect(self.picture_wanted.emit)
            row.addWidget(choose)

    def _make(self, spec: FieldSpec) -> QWidget:
        if spec.kind == "multi":
            edit = _Plain()
            edit.setTabChangesFocus(True)
            edit.setFixedHeight(84 if spec.key not in ("text", "summary") else 110)
            edit.left.connect(lambda: self.edited.emit(self.value()))
            return edit
        if spec.kind in ("choice", "actor", "source"):
            box = QComboBox()
            box.setEditable(spec.kind == "actor" or spec.editable_choice)
            if spec.kind == "choice":
                box.addItems(list(spec.choices))
            box.activated.connect(lambda _i: self.edited.emit(self.value()))
            line = box.lineEdit() if box.isEditable() else None
            if line is not None:
                line.editingFinished.connect(lambda: self.edited.emit(self.value()))
            return box
        if spec.kind == "actors":
            listing = QListWidget()
            listing.setFixedHeight(110)
            listing.itemChanged.connect(lambda _item: self.edited.emit(self.value()))
            return listing
        line_edit = QLineEdit()
        if spec.kind == "date":
            line_edit.setPlaceholderText("YYYY-MM-DD")
        if spec.kind == "list":
            line_edit.setPlaceholderText("comma, separated")
        line_edit.editingFinished.connect(lambda: self.edited.emit(self.value()))
        return line_edit

    def _calendar_button(self) -> QToolButton:
        button = QToolButton()
        button.setText("\u25be")
        button.setAccessibleName("Pick the date from a calendar")
        button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(button)
        calendar = QCalendarWidget()
        action = QWidgetAction(menu)
        action.setDefaultWidget(calendar)
        menu.addAction(action)
        button.setMenu(menu)

        def picked(day: QDate) -> None:
            assert isinstance(self.control, QLineEdit)
            self.control.setText(day.toString(Qt.DateFormat.ISODate))
            menu.hide()
            self.edited.emit(self.value())

        calendar.clicked.connect(picked)
        calendar.activated.connect(picked)
        return button

    # --- values ----------------------------------------------------------------------

    def set_choices(self, names: list[tuple[str, str]]) -> None:
        """Actor or source pickers: (id, shown name) pairs; the empty choice first for sources."""
        control = self.control
        if isinstance(control, QComboBox):
            control.blockSignals(True)
            control.clear()
            pairs = ([("", "(none)")] if self.spec.kind == "source" else []) + names
            self._ids = [i for i, _ in pairs]
            control.addItems([n for _, n in pairs])
            if control.isEditable():
                completer = QCompleter([n for _, n in pairs], control)
                completer.setFilterMode(Qt.MatchFlag.MatchContains)  # type-to-search
                completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
                control.setCompleter(completer)
            control.blockSignals(False)
        elif isinstance(control, QListWidget):
            control.blockSignals(True)
            control.clear()
            self._ids = [i for i, _ in names]
            for _i, name in names:
                item = QListWidgetItem(name)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Unchecked)
                control.addItem(item)
            control.blockSignals(False)

    def value(self) -> Any:
        c = self.control
        if isinstance(c, QPlainTextEdit):
            return c.toPlainText().strip()
        if isinstance(c, QComboBox):
            if self.spec.kind in ("actor", "source"):
                shown = c.currentText().strip()
                names = [c.itemText(i) for i in range(c.count())]
                if shown in names:
                    return self._ids[names.index(shown)]
                return shown  # typed: an id or a name the validator will judge
            return c.currentText().strip()
        if isinstance(c, QListWidget):
            return [
                self._ids[i]
                for i in range(c.count())
                if (item := c.item(i)) is not None and item.checkState() == Qt.CheckState.Checked
            ]
        assert isinstance(c, QLineEdit)
        text = c.text().strip()
        if self.spec.kind == "list":
            return [part.strip() for part in text.split(",") if part.strip()]
        return text

    def _set_combo(self, c: QComboBox, value: Any) -> None:
        if self.spec.kind in ("actor", "source"):
            index = self._ids.index(value) if value in self._ids else -1
        else:
            index = c.findText(str(value or ""))
        if index >= 0:
            c.setCurrentIndex(index)
        elif c.isEditable():
            c.setEditText("" if value is None else str(value))

    def set_value(self, value: Any) -> None:
        c = self.control
        c.blockSignals(True)
        if isinstance(c, QPlainTextEdit):
            c.setPlainText("" if value is None else str(value))
        elif isinstance(c, QComboBox):
            self._set_combo(c, value)
        elif isinstance(c, QListWidget):
            chosen = set(value or [])
            for i in range(c.count()):
                item = c.item(i)
                if item is not None:
                    checked = self._ids[i] in chosen
                    item.setCheckState(
                        Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
                    )
        elif isinstance(c, QLineEdit):
            if isinstance(value, list):
                c.setText(", ".join(str(v) for v in value))
            else:
                c.setText("" if value is None else str(value))
        c.blockSignals(False)

    def show_problem(self, message: str) -> None:
        """A problem with this field: a red outline and the message as the tooltip."""
        self.control.setProperty("problem", bool(message))
        self.control.setToolTip(message)
        self.control.style().unpolish(self.control)
        self.control.style().polish(self.control)
