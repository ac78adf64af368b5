"""File > Export: every format of ``export/formats.py`` (PDFs, Anki, Markdown).

The format list is the registry's ``FORMATS`` and nothing else: a format added
there appears here, with its file name ending and the endings it accepts (read
from its file filter). The export runs on the GUI thread, page by page; the
progress callback pumps events so that the Cancel button stays live. Cancelling
stops before the file is written, so nothing (not even a partial file) is left
behind.

Signals (past tense): ``exported(path: str, summary: str)`` after a file was
written, ``export_failed(message: str)`` when it could not be (not on cancel).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEventLoop, QStandardPaths, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QIcon, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...core.models import Pack
from ...export.atomic import ExportCancelled, ExportError
from ...export.formats import FORMATS, ExportFormat, export_pack
from ...paint.theme import Theme, palette_theme
from ..quiz.widgets import SUCCESS
from ..styles import render_stylesheet

logger = logging.getLogger(__name__)


def accepted_extensions(fmt: ExportFormat) -> set[str]:
    """The endings a format's files may have: its own and those its file filter lists."""
    return {fmt.extension, *(e.lower() for e in re.findall(r"\*(\.\w+)", fmt.file_filter))}


KNOWN_EXTENSIONS = set().union(*(accepted_extensions(f) for f in FORMATS))


def with_extension(path: Path, fmt: ExportFormat) -> tuple[Path, bool]:
    """``path`` with an ending ``fmt`` accepts; True when it had to be changed.

    A PDF is never written to ``brief.md``: another format's ending is replaced,
    a missing one is added, any other ending (``notes.v2``) is kept and extended.
    """
    if path.suffix.lower() in accepted_extensions(fmt):
        return path, False
    if path.suffix.lower() in KNOWN_EXTENSIONS:
        return path.with_suffix(fmt.extension), True
    return path.with_name(path.name + fmt.extension), True


class ExportDialog(QDialog):
    """Choose a format and a file, export with a progress bar, cancel any time."""

    exported = Signal(str, str)
    export_failed = Signal(str)

    def __init__(
        self, pack: Pack, parent: QWidget | None = None, *, theme: Theme | None = None
    ) -> None:
        super().__init__(parent)
        self.pack = pack
        self._running = False
        self._cancel_requested = False
        self._close_when_stopped = False
        self._saved: Path | None = None
        # How files and folders are opened; a test swaps in a recorder.
        self.open_url: Callable[[QUrl], object] = QDesktopServices.openUrl
        self.setObjectName("exportDialog")
        self.setWindowTitle("Export")
        self.setMinimumWidth(560)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 18)
        layout.setSpacing(12)
        eyebrow = QLabel("EXPORT")
        eyebrow.setObjectName("exportEyebrow")
        layout.addWidget(eyebrow)
        self.title_label = QLabel(pack.title)
        self.title_label.setObjectName("exportTitle")
        self.title_label.setTextFormat(Qt.TextFormat.PlainText)
        self.title_label.setWordWrap(True)
        layout.addWidget(self.title_label)
        layout.addSpacing(4)
        layout.addLayout(self._build_choice())
        self.progress_bar = QProgressBar()
        # A thin filled track with no text inside: it cannot be taken for a text field.
        # What it counts ("Page 3 of 14") is said on the status line below it.
        self.progress_bar.setTextVisible(False)
        self.progress_bar.setAccessibleName("Export progress")
        self.progress_bar.hide()  # shown only once an export starts
        layout.addWidget(self.progress_bar)
        self.status_label = QLabel("")
        self.status_label.setObjectName("exportStatus")
        self.status_label.setTextFormat(Qt.TextFormat.PlainText)
        self.status_label.setWordWrap(True)
        self.status_label.setAccessibleName("Export result")
        self.status_label.hide()  # no empty gap before the first result
        layout.addWidget(self.status_label)
        layout.addLayout(self._build_buttons())
        self.set_theme(theme or palette_theme(parent.palette() if parent is not None else None))

        self._auto_path = True
        self.path_edit.textEdited.connect(self._path_edited)
        self.format_box.currentIndexChanged.connect(self._format_changed)
        self._suggest_path()

    # --- building -------------------------------------------------------------------

    def _build_choice(self) -> QFormLayout:
        """The format and the file to save."""
        self.format_box = QComboBox()
        self.format_box.setAccessibleName("Export format")
        for fmt in FORMATS:  # the registry is the one list of formats
            self.format_box.addItem(fmt.label, fmt.key)
        self.path_edit = QLineEdit()
        self.path_edit.setPlaceholderText("Where to save the file")
        self.path_edit.setAccessibleName("File to save")
        self.browse_button = QPushButton("Choose\u2026")
        self.browse_button.setAccessibleName("Choose where to save")
        self.browse_button.clicked.connect(self.choose_path)
        path_row = QHBoxLayout()
        path_row.addWidget(self.path_edit, 1)
        path_row.addWidget(self.browse_button)
        form = QFormLayout()
        form.addRow("Format", self.format_box)
        form.addRow("Save as", path_row)
        return form

    def _build_buttons(self) -> QHBoxLayout:
        """Open and Show in folder (after a save) on the left; Export and Cancel on the right."""
        self.open_button = QPushButton("Open")
        self.open_button.setAccessibleName("Open the exported file")
        self.open_button.clicked.connect(self.open_file)
        self.folder_button = QPushButton("Show in folder")
        self.folder_button.setAccessibleName("Show the exported file in its folder")
        self.folder_button.clicked.connect(self.show_folder)
        self.open_button.hide()
        self.folder_button.hide()
        self.buttons = QDialogButtonBox()
        self.export_button = self.buttons.addButton(
            "Export", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.setIcon(QIcon())  # text only, like every other button here
        self.export_button.setObjectName("primary")
        for button in (self.browse_button, self.open_button, self.folder_button):
            button.setAutoDefault(False)
        self.export_button.setDefault(True)
        self.export_button.clicked.connect(self.start_export)
        self.cancel_button.clicked.connect(self._on_cancel)
        row = QHBoxLayout()
        row.setContentsMargins(0, 6, 0, 0)
        row.addWidget(self.open_button)
        row.addWidget(self.folder_button)
        row.addStretch(1)
        row.addWidget(self.buttons)
        return row

    # --- choosing -------------------------------------------------------------------

    @property
    def export_format(self) -> ExportFormat:
        return FORMATS[max(0, self.format_box.currentIndex())]

    def set_format(self, key: str) -> None:
        """Select a format by its key in the registry (pdf, apkg, md, ...)."""
        index = self.format_box.findData(key)
        if index < 0:
            raise ValueError(f"unknown export format {key!r}")
        self.format_box.setCurrentIndex(index)

    def set_output_path(self, path: str | Path) -> None:
        self._auto_path = False
        self.path_edit.setText(str(path))

    def output_path(self) -> Path | None:
        text = self.path_edit.text().strip()
        return Path(text).expanduser() if text else None

    def choose_path(self) -> None:
        fmt = self.export_format
        start = str(self.output_path() or self._default_path())
        path, _ = QFileDialog.getSaveFileName(self, "Export as", start, fmt.file_filter)
        if path:
            self.set_output_path(path)

    def _default_path(self) -> Path:
        documents = QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation
        )
        folder = Path(documents) if documents and Path(documents).is_dir() else Path.home()
        return folder / f"{self.pack.id}{self.export_format.suffix}"

    def _suggest_path(self) -> None:
        if self._auto_path:
            self.path_edit.setText(str(self._default_path()))

    def _path_edited(self, _text: str) -> None:
        self._auto_path = False

    def set_theme(self, theme: Theme) -> None:
        """Restyle in ``theme`` (the window broadcasts its theme changes)."""
        # dialog.qss is shared with the article reader; the green of a saved file is ours
        green = SUCCESS[theme.name]
        saved = f'QDialog#exportDialog QLabel#exportStatus[state="ok"] {{ color: {green}; }}'
        self.setStyleSheet(render_stylesheet("dialog", theme) + "\n" + saved)

    def _format_changed(self, _index: int) -> None:
        self._clear_result()
        if self._auto_path:
            self._suggest_path()
            return
        path = self.output_path()
        # keep the user's folder and name, but give another format's ending the new one
        if path is not None and path.suffix.lower() in KNOWN_EXTENSIONS:
            fixed, changed = with_extension(path, self.export_format)
            if changed:
                self.path_edit.setText(str(fixed))

    # --- exporting ------------------------------------------------------------------

    @property
    def running(self) -> bool:
        return self._running

    def start_export(self) -> bool:
        """Export to the chosen path; True if a file was written."""
        if self._running:
            return False
        path = self.output_path()
        if path is None:
            self._show_error("Choose where to save the file first.")
            return False
        fmt = self.export_format
        path, corrected = with_extension(path, fmt)
        if corrected:
            self.set_output_path(path)
        self._clear_result()
        self._set_running(True)
        self.progress_bar.show()
        self._fit_height()
        self.progress_bar.setRange(0, 0)  # busy until the exporter counts its pages
        self._set_status(f"Exporting to {path}\u2026")
        try:
            summary = self._export(fmt, path)
        except ExportCancelled:
            self.progress_bar.hide()
            self._set_status("Export cancelled; no file was written.")
            return False
        except ExportError as exc:
            self._show_error(str(exc))
            self.export_failed.emit(str(exc))
            return False
        except Exception as exc:  # never let an export take the window down
            logger.exception("export to %s failed", path)
            message = f"The export failed: {exc!r}"
            self._show_error(message)
            self.export_failed.emit(message)
            return False
        finally:
            self._set_running(False)
            if self._close_when_stopped:
                self._close_when_stopped = False
                super().reject()
        if self.progress_bar.maximum() == 0:  # a text format: no pages were counted
            self.progress_bar.setRange(0, 1)
        self.progress_bar.setValue(self.progress_bar.maximum())
        note = f" The name now ends in {fmt.extension}, as the format does." if corrected else ""
        self._set_status(f"Saved {path} ({summary}).{note}", "ok")
        self._saved = path
        self.open_button.show()
        self.folder_button.show()
        self.open_button.setFocus()  # the likely next step; Tab reaches the rest
        self.cancel_button.setText("Close")
        self.exported.emit(str(path), summary)
        return True

    def _export(self, fmt: ExportFormat, path: Path) -> str:
        written = export_pack(
            self.pack, fmt, path, progress=self._progress, cancelled=self._cancelled
        )
        return written.summary

    def open_file(self) -> None:
        """Open the exported file in the desktop's app for it."""
        if self._saved is not None:
            self.open_url(QUrl.fromLocalFile(str(self._saved)))

    def show_folder(self) -> None:
        """Open the folder that holds the exported file."""
        if self._saved is not None:
            self.open_url(QUrl.fromLocalFile(str(self._saved.parent)))

    def _set_status(self, text: str, state: str = "") -> None:
        """The result line; ``state`` ("ok", "error" or "") picks its colour in the sheet."""
        self.status_label.setText(text)
        self.status_label.setVisible(bool(text))
        if self.status_label.property("state") != state:
            self.status_label.setProperty("state", state)
            self.status_label.style().unpolish(self.status_label)
            self.status_label.style().polish(self.status_label)
        self._fit_height()

    def _fit_height(self) -> None:
        """Grow to what shows now (a wrapped title, the bar, the result line).

        A top-level layout does not count wrapped labels in its minimum height, so
        the fields would be squeezed instead; this asks the layout for the height
        at the current width.
        """
        layout = self.layout()
        if layout is None:
            return
        layout.activate()
        width = self.width()
        needed = (
            layout.totalHeightForWidth(width)
            if layout.hasHeightForWidth()
            else layout.totalSizeHint().height()
        )
        self.setMinimumHeight(needed)
        if self.height() < needed:
            self.resize(width, needed)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._fit_height()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self._fit_height()

    def _clear_result(self) -> None:
        """A new choice or a new export: the last result line and its buttons go."""
        self._saved = None
        self._set_status("")
        self.open_button.hide()
        self.folder_button.hide()
        if not self._running:
            self.progress_bar.hide()

    def _progress(self, done: int, total: int) -> None:
        if not self._cancel_requested:
            self._set_status(f"Page {done} of {total}\u2026")
        self.progress_bar.setRange(0, total)
        self.progress_bar.setValue(done)
        # keep the dialog responsive, Cancel included, without letting input reach
        # anything that could start a second export
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents)

    def _cancelled(self) -> bool:
        return self._cancel_requested

    def cancel_export(self) -> None:
        """Stop a running export; the file is not written."""
        if self._running:
            self._cancel_requested = True
            self._set_status("Cancelling\u2026")

    def _on_cancel(self) -> None:
        if self._running:
            self.cancel_export()
        else:
            self.reject()

    def reject(self) -> None:
        """Escape or the window's close button: cancel first, then close."""
        if self._running:
            self.cancel_export()
            self._close_when_stopped = True
            return
        super().reject()

    def _set_running(self, running: bool) -> None:
        self._running = running
        if running:
            self._cancel_requested = False
        for widget in (self.format_box, self.path_edit, self.browse_button, self.export_button):
            widget.setEnabled(not running)
        self.cancel_button.setText("Cancel")

    def _show_error(self, message: str) -> None:
        self.progress_bar.hide()
        self._set_status(message, "error")
