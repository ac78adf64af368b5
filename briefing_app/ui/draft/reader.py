"""File > New pack from article: the article with its quotes marked, and the suggestions.

The core drafter finds the quotes and speakers; here the user reviews each one:
accept (A), reject (R), move (J/K), edit the quote or pick another speaker
(Enter), or select a name in the article and make it the speaker. Saving writes a
pack with the accepted quotes (each with its evidence) and opens it.

Signals: ``pack_saved(str)`` with the path of the pack written.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QKeyEvent, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from ...core.cards import Category
from ...core.drafting import Draft, Suggestion, draft_article
from ...core.drafting.speakers import Speaker, classify
from ...export.atomic import ExportError, atomic_write_text
from ...paint.theme import Theme, palette_theme
from ..styles import render_stylesheet


class Verdict(StrEnum):
    PENDING = "pending"
    ACCEPTED = "accepted"
    REJECTED = "rejected"


MARKS = {Verdict.PENDING: "\u25cb", Verdict.ACCEPTED: "\u2713", Verdict.REJECTED: "\u2715"}


@dataclass
class Review:
    """One suggestion under review: the drafter's find and the user's decision."""

    suggestion: Suggestion
    verdict: Verdict = Verdict.PENDING


class DraftReader(QDialog):
    """Review a drafted article, then save the accepted quotes as a pack."""

    pack_saved = Signal(str)
    draft_ready = Signal(object)  # the pack dict, for the editor

    def __init__(
        self,
        text: str,
        title: str = "",
        parent: QWidget | None = None,
        *,
        theme: Theme | None = None,
    ) -> None:
        super().__init__(parent)
        self.draft: Draft = draft_article(text, title)
        self.reviews = [Review(s) for s in self.draft.quotes]
        self.setObjectName("draftReader")
        self.setWindowTitle(f"New pack from article \u2014 {self.draft.title}")
        self.resize(1180, 760)
        self._build()
        self.set_theme(theme or palette_theme(parent.palette() if parent is not None else None))
        self._fill_list()
        if self.reviews:
            self.list.setCurrentRow(0)
        self.list.setFocus()

    # --- building -------------------------------------------------------------------

    def _build(self) -> None:
        self.article = QTextEdit()
        self.article.setObjectName("article")
        self.article.setReadOnly(True)
        self.article.setAcceptRichText(False)
        self.article.setPlainText(self.draft.text)  # article text is never HTML
        self.article.setAccessibleName("The article, with the quotes found marked")
        self.list = QListWidget()
        self.list.setObjectName("suggestions")
        self.list.setAccessibleName("Suggested quotes")
        self.list.setWordWrap(True)
        self.list.currentRowChanged.connect(self._show_current)
        self.quote_edit = QLineEdit()
        self.quote_edit.setAccessibleName("Quote text")
        self.quote_edit.editingFinished.connect(self._quote_edited)
        self.list.itemActivated.connect(lambda _item: self.quote_edit.setFocus())  # Enter edits
        self.speaker_box = QComboBox()
        self.speaker_box.setEditable(True)
        self.speaker_box.setAccessibleName("Speaker")
        self.speaker_box.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.speaker_box.activated.connect(lambda _i: self._speaker_chosen())
        line = self.speaker_box.lineEdit()
        if line is not None:
            line.editingFinished.connect(self._speaker_chosen)
        self.from_selection = QPushButton("Speaker from selected text")
        self.from_selection.clicked.connect(self.speaker_from_selection)
        self.status = QLabel("")
        self.status.setObjectName("draftStatus")
        self.status.setWordWrap(True)
        self.save_button = QPushButton("Open in the editor")
        self.save_button.setObjectName("primary")
        self.save_button.setToolTip(
            "The accepted quotes as a new pack, to review and save (Ctrl+Enter)"
        )
        self.save_button.clicked.connect(self.open_in_editor)
        for button in (self.save_button, self.from_selection):
            button.setAutoDefault(False)  # Enter edits the quote, it never saves
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.article)
        split.addWidget(self._review_panel())
        split.setSizes([640, 520])
        outer = QVBoxLayout(self)
        outer.addWidget(split)

    def _review_panel(self) -> QWidget:
        right = QWidget()
        column = QVBoxLayout(right)
        column.addWidget(
            QLabel("Suggested quotes  \u00b7  J/K move  \u00b7  A accept  \u00b7  R reject")
        )
        column.addWidget(self.list, 1)
        column.addWidget(QLabel("Quote (Enter edits)"))
        column.addWidget(self.quote_edit)
        column.addWidget(QLabel("Speaker"))
        row = QHBoxLayout()
        row.addWidget(self.speaker_box, 1)
        row.addWidget(self.from_selection)
        column.addLayout(row)
        column.addWidget(self.status)
        column.addWidget(self.save_button)
        return right

    def set_theme(self, theme: Theme) -> None:
        self.theme = theme
        self.setStyleSheet(
            render_stylesheet("dialog", theme).replace("exportDialog", "draftReader")
        )
        self._highlight()

    # --- showing ---------------------------------------------------------------------

    def _fill_list(self) -> None:
        self.list.clear()
        for review in self.reviews:
            self.list.addItem(QListWidgetItem(self._line(review)))
        self._refresh_speakers()
        self._update_status()

    def _line(self, review: Review) -> str:
        s = review.suggestion
        who = s.speaker_name or "speaker unknown"
        return f"{MARKS[review.verdict]}  \u201c{s.text}\u201d \u2014 {who}  (line {s.line})"

    def _refresh_speakers(self) -> None:
        names = sorted({n for r in self.reviews if (n := r.suggestion.speaker_name)})
        current = self.speaker_box.currentText()
        self.speaker_box.clear()
        self.speaker_box.addItems([n for n in names if n])
        self.speaker_box.setEditText(current)

    def current(self) -> Review | None:
        row = self.list.currentRow()
        return self.reviews[row] if 0 <= row < len(self.reviews) else None

    def _show_current(self, _row: int) -> None:
        review = self.current()
        if review is None:
            return
        self.quote_edit.setText(review.suggestion.text)
        self.speaker_box.setEditText(review.suggestion.speaker_name or "")
        cursor = self.article.textCursor()
        cursor.setPosition(review.suggestion.start)
        cursor.setPosition(review.suggestion.end, QTextCursor.MoveMode.KeepAnchor)
        self.article.setTextCursor(cursor)
        self.article.ensureCursorVisible()
        self._highlight()

    def _highlight(self) -> None:
        """Every quote found, tinted by its verdict; the current one stronger."""
        if not hasattr(self, "reviews"):
            return
        colours = {
            Verdict.PENDING: QColor(self.theme.category_tints[Category.QUOTE]),
            Verdict.ACCEPTED: QColor("#CDEFD8" if not self.theme.is_dark else "#1E4630"),
            Verdict.REJECTED: QColor(self.theme.surface_alt),
        }
        selections = []
        current = self.current()
        for review in self.reviews:
            fmt = QTextCharFormat()
            fmt.setBackground(colours[review.verdict])
            if review is current:
                fmt.setFontUnderline(True)
            cursor = QTextCursor(self.article.document())
            cursor.setPosition(review.suggestion.start)
            cursor.setPosition(review.suggestion.end, QTextCursor.MoveMode.KeepAnchor)
            selection = QTextEdit.ExtraSelection()
            selection.cursor = cursor
            selection.format = fmt
            selections.append(selection)
        self.article.setExtraSelections(selections)

    def _update_status(self) -> None:
        accepted = [r for r in self.reviews if r.verdict is Verdict.ACCEPTED]
        unknown = [r for r in accepted if r.suggestion.speaker is None]
        pending = sum(1 for r in self.reviews if r.verdict is Verdict.PENDING)
        text = f"{len(accepted)} accepted, {pending} to review, {len(self.reviews)} found"
        if unknown:
            text += f"; {len(unknown)} accepted without a speaker (choose one to keep them)"
        self.status.setText(text)

    # --- deciding --------------------------------------------------------------------

    def decide(self, verdict: Verdict) -> None:
        """Accept or reject the current suggestion and move on to the next."""
        review = self.current()
        if review is None:
            return
        review.verdict = verdict
        row = self.list.currentRow()
        item = self.list.item(row)
        if item is not None:
            item.setText(self._line(review))
        self._update_status()
        if row + 1 < self.list.count():
            self.list.setCurrentRow(row + 1)
        else:
            self._highlight()

    def set_speaker(self, name: str) -> None:
        """Attribute the current quote to ``name`` (an actor of the draft, or a new one)."""
        review = self.current()
        name = " ".join(name.split())
        if review is None or not name:
            return
        known = next(
            (r.suggestion.speaker for r in self.reviews if r.suggestion.speaker_name == name), None
        )
        review.suggestion.speaker = known or _speaker_named(name)
        review.suggestion.confidence = 1.0
        item = self.list.currentItem()
        if item is not None:
            item.setText(self._line(review))
        self._refresh_speakers()
        self._update_status()

    def speaker_from_selection(self) -> None:
        """The text selected in the article (a name) becomes the current quote's speaker."""
        self.set_speaker(self.article.textCursor().selectedText())

    def _speaker_chosen(self) -> None:
        review = self.current()
        text = self.speaker_box.currentText()
        if review is not None and text and text != (review.suggestion.speaker_name or ""):
            self.set_speaker(text)

    def _quote_edited(self) -> None:
        """An edited quote must still stand in the article: it is narrowed, never invented."""
        review = self.current()
        if review is None:
            return
        wanted = " ".join(self.quote_edit.text().split())
        s = review.suggestion
        found = self.draft.text.find(wanted, max(0, s.start - 200), s.end + 200) if wanted else -1
        if found == -1:
            self.quote_edit.setText(s.text)
            self.status.setText("A quote must be words of the article: the edit was undone.")
            return
        s.start, s.end, s.text = found, found + len(wanted), wanted
        item = self.list.currentItem()
        if item is not None:
            item.setText(self._line(review))
        self._highlight()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        typing = self.quote_edit.hasFocus() or self.speaker_box.hasFocus()
        if typing and key not in (Qt.Key.Key_Escape,):
            super().keyPressEvent(event)
            return
        actions = {
            Qt.Key.Key_J: lambda: self.list.setCurrentRow(
                min(self.list.currentRow() + 1, self.list.count() - 1)
            ),
            Qt.Key.Key_K: lambda: self.list.setCurrentRow(max(self.list.currentRow() - 1, 0)),
            Qt.Key.Key_A: lambda: self.decide(Verdict.ACCEPTED),
            Qt.Key.Key_R: lambda: self.decide(Verdict.REJECTED),
            Qt.Key.Key_Return: self.quote_edit.setFocus,
            Qt.Key.Key_Enter: self.quote_edit.setFocus,
        }
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and (
            event.modifiers() & Qt.KeyboardModifier.ControlModifier
        ):
            self.open_in_editor()
            return
        action = actions.get(Qt.Key(key))
        if action is not None and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            action()
            event.accept()
            return
        if key == Qt.Key.Key_Escape and typing:
            self.list.setFocus()
            return
        super().keyPressEvent(event)

    # --- saving ----------------------------------------------------------------------

    def pack_dict(self) -> dict[str, object]:
        accepted = [r.suggestion for r in self.reviews if r.verdict is Verdict.ACCEPTED]
        return self.draft.to_pack_dict(accepted)

    def save_to(self, path: Path) -> bool:
        """Write the accepted quotes as a pack to ``path``; True when written."""
        try:
            atomic_write_text(
                path, json.dumps(self.pack_dict(), ensure_ascii=False, indent=2) + "\n"
            )
        except ExportError as exc:
            self.status.setText(str(exc))
            return False
        self.pack_saved.emit(str(path))
        return True

    def open_in_editor(self) -> None:
        """Hand the accepted quotes to the pack editor as a new pack."""
        if not any(r.verdict is Verdict.ACCEPTED for r in self.reviews):
            self.status.setText("Accept at least one quote (A) first.")
            return
        self.draft_ready.emit(self.pack_dict())
        self.accept()


def _speaker_named(name: str) -> Speaker:
    return classify(name)


class PasteArticle(QDialog):
    """Paste an article's text (or open a file) to draft a pack from it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("New pack from article")
        self.resize(720, 520)
        self.editor = QPlainTextEdit()
        self.editor.setAccessibleName("Article text")
        self.editor.setPlaceholderText("Paste the article here, or open a .txt, .md or .html file.")
        open_button = QPushButton("Open file\u2026")
        open_button.clicked.connect(self._open_file)
        go = QPushButton("Find quotes")
        go.setDefault(True)
        go.clicked.connect(self.accept)
        row = QHBoxLayout()
        row.addWidget(open_button)
        row.addStretch(1)
        row.addWidget(go)
        layout = QVBoxLayout(self)
        layout.addWidget(self.editor, 1)
        layout.addLayout(row)

    def _open_file(self) -> None:
        from ...core.drafting import kind_of, read_article

        path, _ = QFileDialog.getOpenFileName(
            self, "Open an article", "", "Articles (*.txt *.md *.html *.htm);;All files (*)"
        )
        if not path:
            return
        try:
            raw = Path(path).read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            self.editor.setPlaceholderText(f"{Path(path).name} could not be read: {exc}")
            return
        self.editor.setPlainText(read_article(raw, kind_of(path)).text)

    def text(self) -> str:
        return self.editor.toPlainText()
