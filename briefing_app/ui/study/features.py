"""Quiz, ratings, "Due now", statistics, presentation and export, on the study window.

The study window knows cards and navigation; this object adds the features that
need the progress store or open other views, through the window's public hooks
(``register_action``, ``card_view`` signals, ``deck``). Wired in ``ui/app.py``.

Signals:
    rating_recorded(str, int)   a card id and the rating (1-4) just saved
    quiz_opened()               the quiz replaced the card view
    quiz_left()                 the card view is back
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QToolButton,
    QVBoxLayout,
)

from ...core.cards import Category
from ...core.editing import PackDocument
from ...core.learning import LearningSteps
from ...core.progress import ProgressError, ProgressStore, due_filter
from ...core.schedule import RATING_LABELS, RATINGS, Rating, format_interval
from ...paint.theme import Theme
from .rating_bar import RatingBar

if TYPE_CHECKING:
    from ..editor.window import EditorWindow
    from ..present import PresentationController
    from ..quiz.view import QuizView
    from .main_window import MainWindow

Clock = Callable[[], datetime]

# name: (text, shortcut, menu, on the toolbar, checkable)
FEATURE_ACTIONS: dict[str, tuple[str, str, str, bool, bool]] = {
    "due": ("&Due now", "D", "go", True, True),
    "quiz": ("&Quiz", "Q", "go", True, False),
    "present": ("&Present", "F5", "go", True, False),
    "undo_rating": ("&Undo last rating", "Ctrl+Z", "go", False, False),
    "stats": ("S&tatistics", "Ctrl+I", "view", True, False),
    "export": ("&Export\u2026", "Ctrl+E", "file", False, False),
    "draft": ("New pack from &article\u2026", "Ctrl+Shift+N", "file", False, False),
    "new_pack": ("&New pack", "Ctrl+N", "file", False, False),
    "import": ("&Import quotes\u2026", "Ctrl+Shift+I", "file", False, False),
    "edit_pack": ("&Edit pack", "Ctrl+Shift+E", "edit", False, False),
}


def utc_now() -> datetime:
    return datetime.now(UTC)


class StudyFeatures(QObject):
    """Everything the study window offers beyond flipping cards."""

    rating_recorded = Signal(str, int)
    quiz_opened = Signal()
    quiz_left = Signal()

    def __init__(
        self, window: MainWindow, store: ProgressStore | None, *, clock: Clock = utc_now
    ) -> None:
        super().__init__(window)
        self.window = window
        self.store = store
        self.clock = clock
        self.quiz: QuizView | None = None
        self.presentation: PresentationController | None = None
        self.dialogs: list[QDialog] = []
        self.editors: list[EditorWindow] = []
        self._undo: list[tuple[str, str, int]] = []  # (pack id, card id, review id)
        self.steps = LearningSteps()  # Again cards come back within this sitting
        self._disabled: list[QAction] = []
        self.actions: dict[str, QAction] = {}
        self.mode_buttons: dict[str, QToolButton] = {}
        self._build_actions()
        self.rating_bar = RatingBar(theme=window.theme())
        self.rating_bar.hide()
        self.rating_bar.rating_chosen.connect(self.rate)
        window.add_below_card(self.rating_bar)
        window.theme_changed.connect(self._follow_theme)
        window.set_hint("Space flips  \u00b7  1\u20134 rate  \u00b7  F1 shortcuts")
        window.card_view.card_flipped.connect(self._on_flipped)
        window.card_view.card_changed.connect(lambda _card: self.rating_bar.hide())
        window.pack_opened.connect(lambda _loaded: self._on_pack_opened())
        if store is not None and store.recovery_message:
            window.banner.show_problems("About your progress", [store.recovery_message])

    # --- building ------------------------------------------------------------------

    def _build_actions(self) -> None:
        handlers: dict[str, Callable[[], None]] = {
            "quiz": self.open_quiz,
            "due": self._due_toggled,
            "present": self.start_presentation,
            "undo_rating": self.undo_rating,
            "stats": self.show_stats,
            "export": self.show_export,
            "draft": self.draft_from_article,
            "new_pack": self.new_pack,
            "import": self.import_quotes,
            "edit_pack": self.edit_pack,
        }
        for name, (text, key, menu, toolbar, checkable) in FEATURE_ACTIONS.items():
            action = QAction(text, self.window)
            action.setObjectName(f"action_{name}")
            action.setShortcut(QKeySequence(key))
            action.setCheckable(checkable)
            handler = handlers[name]
            if checkable:
                action.toggled.connect(lambda _on, h=handler: h())
            else:
                action.triggered.connect(lambda _c=False, h=handler: h())
            self.window.register_action(action, menu=menu)
            self.actions[name] = action
            if toolbar:
                self._add_mode_button(action, key)
        for rating in RATINGS:
            label = RATING_LABELS[rating]
            action = QAction(f"Rate the card {label}", self.window)
            action.setObjectName(f"action_rate_{label.lower()}")
            action.setShortcut(QKeySequence(str(int(rating))))
            action.triggered.connect(lambda _c=False, r=rating: self._rate_by_key(r))
            self.window.register_action(action, menu="go")
            self.actions[f"rate_{label.lower()}"] = action

    def _add_mode_button(self, action: QAction, key: str) -> None:
        button = self.window.add_mode_button(action, key)
        self.mode_buttons[action.objectName().removeprefix("action_")] = button

    def _follow_theme(self, theme: Theme) -> None:
        """Every view this object opened follows the window's theme, the quiz included."""
        self.rating_bar.set_theme(theme)
        if self.quiz is not None:
            self.quiz.set_theme(theme)
        if not self.dialogs:
            return
        from ..export.dialog import ExportDialog
        from ..stats.view import StatsView

        for dialog in self.dialogs:
            if isinstance(dialog, ExportDialog):
                dialog.set_theme(theme)
            for view in dialog.findChildren(StatsView):
                view.set_theme(theme)

    # --- rating ------------------------------------------------------------------------

    def _ratable(self) -> bool:
        card = self.window.current_card()
        return (
            self.store is not None
            and self.window.current_pack() is not None
            and card is not None
            and card.category is not Category.TITLE
        )

    def _on_flipped(self, face: str) -> None:
        if face != "back" or not self._ratable() or self.store is None:
            self.rating_bar.hide()
            return
        pack = self.window.current_pack()
        card = self.window.current_card()
        assert pack is not None and card is not None
        self.rating_bar.set_theme(self.window.theme())
        self.rating_bar.set_intervals(self.store.preview_intervals(pack.id, card.id, self.clock()))
        self.rating_bar.show()

    def _rate_by_key(self, rating: Rating) -> None:
        if self.rating_bar.isVisible():
            self.rate(int(rating))

    def rate(self, rating: int) -> None:
        """Save the rating of the card showing, then move on (as Anki does)."""
        pack = self.window.current_pack()
        card = self.window.current_card()
        if self.store is None or pack is None or card is None or not self._ratable():
            return
        now = self.clock()
        try:
            review_id = self.store.record_rating(pack.id, card.id, rating, now)
        except ProgressError as exc:
            self.window.banner.show_problems("Your rating could not be saved", [str(exc)])
            return
        self._undo.append((pack.id, card.id, review_id))
        self.rating_bar.hide()
        self.rating_recorded.emit(card.id, int(rating))
        state = self.store.card_state(pack.id, card.id)
        when = format_interval(state.due - now) if state is not None else ""
        label = RATING_LABELS[Rating(rating)]
        gap = self.steps.rated(card.id, int(rating))
        if gap is not None:
            self.window.deck.repeat_later(card.id, gap)
        moved = self.window.deck.next()
        if moved:
            self.window.show_current()
        tail = "" if moved else f"  \u00b7  end of the cards: {self.steps.summary()}"
        if gap is not None and moved:
            tail = f"  \u00b7  back after {gap} more cards"
        self.window.statusBar().showMessage(
            f"Rated {label}: next review in {when}  \u00b7  Ctrl+Z undoes{tail}", 6000
        )

    def undo_rating(self) -> None:
        """Take back the last rating and show that card again, turned over."""
        if self.store is None or not self._undo:
            self.window.statusBar().showMessage("No rating to undo", 3000)
            return
        pack_id, card_id, review_id = self._undo.pop()
        self.steps.undo(card_id)
        try:
            undone = self.store.undo_rating(review_id)
        except ProgressError as exc:
            self.window.banner.show_problems("The rating could not be undone", [str(exc)])
            return
        pack = self.window.current_pack()
        if (
            undone
            and pack is not None
            and pack.id == pack_id
            and self.window.deck.go_to_id(card_id)
        ):
            self.window.show_current("back")
            self._on_flipped("back")
        self.window.statusBar().showMessage(
            "Rating undone" if undone else "That rating was already gone", 4000
        )

    # --- due now -----------------------------------------------------------------------

    def _due_toggled(self) -> None:
        self.apply_due_filter()
        self.window.show_current()
        if self.actions["due"].isChecked() and not len(self.window.deck) and self.window.deck.total:
            self.window.card_view.set_message(
                "Nothing is due now", "Every card is scheduled for later. Press D to see all cards."
            )

    def apply_due_filter(self) -> None:
        """Restrict the deck to due (and never-studied) cards while "Due now" is on."""
        deck = self.window.deck
        pack = self.window.current_pack()
        if not self.actions["due"].isChecked() or self.store is None or pack is None:
            deck.set_only_ids(None)
            return
        ids = deck.study_ids()
        due = due_filter(self.store, pack.id, ids, self.clock(), include_new=True)
        deck.set_only_ids(frozenset(due))
        deck.first()

    def _on_pack_opened(self) -> None:
        self._undo.clear()
        self.steps = LearningSteps()
        self.rating_bar.hide()
        if self.actions["due"].isChecked():
            self.apply_due_filter()
            self.window.show_current()

    # --- quiz ----------------------------------------------------------------------------

    def open_quiz(self) -> None:
        """Swap the card view for a quiz on the open pack; Esc brings the cards back."""
        pack = self.window.current_pack()
        if pack is None:
            self.window.statusBar().showMessage("Open a valid pack to take a quiz", 4000)
            return
        if self.quiz is not None:
            return
        from ..quiz.view import QuizView

        settings = self.window.settings
        self.quiz = QuizView(
            pack,
            self.store,
            theme=self.window.theme(),
            check_on_choose=settings.quiz_check_on_choose,
            ask_again=settings.quiz_ask_again,
        )
        self.quiz.check_on_choose_box.toggled.connect(self._remember_quiz_choices)
        self.quiz.ask_again_box.toggled.connect(self._remember_quiz_choices)
        self.quiz.quiz_closed.connect(self.close_quiz)
        self._suspend_study_keys(True)
        self.window.enter_view(self.quiz)
        self.quiz.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.quiz_opened.emit()

    def _remember_quiz_choices(self) -> None:
        """The quiz setup's checkboxes are settings: the next quiz starts as this one was left."""
        if self.quiz is None:
            return
        settings = self.window.settings
        settings.quiz_check_on_choose = self.quiz.check_on_choose_box.isChecked()
        settings.quiz_ask_again = self.quiz.ask_again_box.isChecked()
        self.window.save_settings()

    def close_quiz(self) -> None:
        if self.quiz is None:
            return
        quiz = self.window.leave_view()
        if quiz is not None:
            quiz.deleteLater()
        self.quiz = None
        self._suspend_study_keys(False)
        if self.actions["due"].isChecked():
            self.apply_due_filter()
        self.window.show_current()
        self.window.card_view.setFocus()
        self.quiz_left.emit()

    def _suspend_study_keys(self, suspend: bool) -> None:
        """While the quiz runs, its keys (1-4, Enter, letters) must not also move cards."""
        if suspend:
            keep = {"quit", "help", "toggle_theme", "zoom_in", "zoom_out", "zoom_reset"}
            self._disabled = [
                a
                for a in self.window.all_actions()
                if a.isEnabled() and a.objectName().removeprefix("action_") not in keep
            ]
            for action in self._disabled:
                action.setEnabled(False)
            self.window.toolbar.setVisible(False)
        else:
            for action in self._disabled:
                action.setEnabled(True)
            self._disabled = []
            self.window.toolbar.setVisible(True)

    # --- statistics, presentation, export ----------------------------------------------

    def show_stats(self) -> None:
        pack = self.window.current_pack()
        if pack is None or self.store is None:
            self.window.statusBar().showMessage("Open a valid pack to see its statistics", 4000)
            return
        from ..stats.view import StatsView

        dialog = QDialog(self.window)
        dialog.setWindowTitle(f"Statistics \u2014 {pack.title}")
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        layout = QVBoxLayout(dialog)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(StatsView(pack, self.store, parent=dialog, theme=self.window.theme()))
        # 1040x760, or less on a small screen: the whole window stays on it.
        screen = self.window.screen().availableGeometry()
        dialog.resize(min(1040, screen.width() - 40), min(760, screen.height() - 60))
        self._keep(dialog)
        dialog.show()

    def start_presentation(self) -> None:
        cards = self.window.visible_cards()
        if not cards:
            self.window.statusBar().showMessage("No cards to present", 4000)
            return
        from ..present import PresentationController

        talk = PresentationController(
            cards=cards,
            start_index=self.window.deck.index,
            theme=self.window.theme(),
            parent=self.window,
        )
        talk.presentation_ended.connect(self._presentation_ended)
        self.presentation = talk
        talk.start()

    def _presentation_ended(self, index: int) -> None:
        self.window.deck.go_to(index)
        self.window.show_current()
        self.window.activateWindow()
        self.window.card_view.setFocus()
        self.presentation = None

    def show_export(self) -> None:
        pack = self.window.current_pack()
        if pack is None:
            self.window.statusBar().showMessage("Open a valid pack to export it", 4000)
            return
        from ..export.dialog import ExportDialog

        dialog = ExportDialog(pack, self.window, theme=self.window.theme())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self._keep(dialog)
        dialog.open()

    # --- writing packs ------------------------------------------------------------------

    def open_editor(self, doc: PackDocument) -> EditorWindow:
        """The pack editor on ``doc``; a saved pack opens (or reloads) in the study window."""
        from ...core.progress import data_dir
        from ..editor.window import EditorWindow

        editor = EditorWindow(
            doc, self.window, theme=self.window.theme(), default_folder=data_dir() / "packs"
        )
        editor.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        editor.pack_saved.connect(lambda path: self.window.open_path(path))
        editor.pack_files_changed.connect(self._pack_files_changed)
        self.window.theme_changed.connect(editor.set_theme)
        self.editors.append(editor)
        editor.destroyed.connect(lambda _o=None, e=editor: self._forget_editor(e))
        editor.show()
        editor.activateWindow()
        return editor

    def _pack_files_changed(self, old: str, new: str) -> None:
        """A picture landed in an edited pack's folder (a single file may have moved into
        one): the window showing that pack loads it again from where it now is."""
        loader = self.window.loader
        shown = loader.loaded.path if loader.loaded is not None else loader.pending
        if shown is None:
            return
        shown_file = shown / "pack.json" if shown.is_dir() else shown  # the old may be gone
        if shown_file.resolve() == Path(old).resolve():
            self.window.open_path(new)

    def _forget_editor(self, editor: EditorWindow) -> None:
        if editor in self.editors:
            self.editors.remove(editor)

    def new_pack(self) -> None:
        """A new, empty pack in the editor, its title ready to type."""
        from ...core.editing import PackDocument

        editor = self.open_editor(PackDocument.new("New pack"))
        editor.focus_first_field()
        title = editor.fields.get("title")
        if title is not None and hasattr(title.control, "selectAll"):
            title.control.selectAll()

    def edit_pack(self) -> None:
        """The pack on screen, in the editor (its author's layout kept)."""
        from ...core.editing import PackDocument
        from ...core.errors import PackError

        loaded = self.window.loader.loaded
        path = loaded.path if loaded is not None else self.window.loader.pending
        if path is None:
            self.window.statusBar().showMessage("Open a pack to edit it (or Ctrl+N)", 4000)
            return
        try:
            doc = PackDocument.open(path)
        except PackError as exc:
            self.window.banner.show_problems(
                "The pack cannot be edited", [str(p) for p in exc.problems]
            )
            return
        self.open_editor(doc)

    def import_quotes(self) -> None:
        """A CSV or TSV of quotes and speakers, as a new pack in the editor."""
        from PySide6.QtWidgets import QFileDialog

        from ...core.editing import PackDocument
        from ...core.editing.importing import import_table

        path, _ = QFileDialog.getOpenFileName(
            self.window, "Import quotes", "", "Tables (*.csv *.tsv *.txt);;All files (*)"
        )
        if not path:
            return
        try:
            text = Path(path).read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            self.window.banner.show_problems("The file cannot be read", [str(exc)])
            return
        result = import_table(text, Path(path).name, None, skip_bad=True)
        if result.problems:
            self.window.banner.show_problems(
                f"{len(result.problems)} row(s) left out", [str(p) for p in result.problems]
            )
        if result.pack:
            self.open_editor(PackDocument(result.pack))

    def draft_from_article(self) -> None:
        """Paste or open an article, review the quotes found, save them as a pack."""
        from ..draft.reader import DraftReader, PasteArticle

        paste = PasteArticle(self.window)
        if paste.exec() != QDialog.DialogCode.Accepted or not paste.text().strip():
            return
        reader = DraftReader(paste.text(), parent=self.window, theme=self.window.theme())
        reader.pack_saved.connect(lambda path: self.window.open_path(path))
        reader.draft_ready.connect(lambda data: self.open_editor(PackDocument(data)))
        reader.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self._keep(reader)
        reader.open()

    def _keep(self, dialog: QDialog) -> None:
        """Hold a reference while the dialog is open (Python would otherwise drop it)."""
        self.dialogs.append(dialog)
        dialog.finished.connect(
            lambda _r, d=dialog: self.dialogs.remove(d) if d in self.dialogs else None
        )
