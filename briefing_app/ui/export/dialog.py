"""File > Export: a PDF handout, a one-card-a-page PDF, an exam sheet, Anki TSV or Markdown.

The export runs on the GUI thread, page by page; the progress callback pumps
events so that the Cancel button stays live. Cancelling stops before the file
is written, so nothing (not even a partial file) is left behind.

Signals (past tense): ``exported(path: str, summary: str)`` after a file was
written, ``export_failed(message: str)`` when it could not be (not on cancel).
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEventLoop, QStandardPaths, Signal
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

logger = logging.getLogger(__name__)


class ExportDialog(QDialog):
    """Choose a format and a file, export with a progress bar, cancel any time."""

    exported = Signal(str, str)
    export_failed = Signal(str)

    def __init__(self, pack: Pack, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.pack = pack
        self._running = False
        self._cancel_requested = False
        self._close_when_stopped = False
        self.setWindowTitle("Export")
        self.setMinimumWidth(520)

        self.format_box = QComboBox()
        for fmt in FORMATS:
            self.format_box.addItem(fmt.label, fmt.key)
        self.path_edit = QLineEdit()
        self.path_edit.setPlaceholderText("Where to save the file")
        self.browse_button = QPushButton("Choose\u2026")
        self.browse_button.clicked.connect(self.choose_path)
        path_row = QHBoxLayout()
        path_row.addWidget(self.path_edit, 1)
        path_row.addWidget(self.browse_button)

        form = QFormLayout()
        form.addRow("Format", self.format_box)
        form.addRow("Save as", path_row)

        self.progress_bar = QProgressBar()
        self.progress_bar.setRange(0, 1)
        self.progress_bar.setValue(0)
        self.progress_bar.setTextVisible(True)
        self.progress_bar.setFormat("")
        self.status_label = QLabel(f"Exporting \u201c{pack.title}\u201d.")
        self.status_label.setWordWrap(True)

        self.buttons = QDialogButtonBox()
        self.export_button = self.buttons.addButton(
            "Export", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.export_button.setDefault(True)
        self.export_button.clicked.connect(self.start_export)
        self.cancel_button.clicked.connect(self._on_cancel)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.progress_bar)
        layout.addWidget(self.status_label)
        layout.addWidget(self.buttons)

        self._auto_path = True
        self.path_edit.textEdited.connect(self._path_edited)
        self.format_box.currentIndexChanged.connect(self._format_changed)
        self._suggest_path()

    # --- choosing -------------------------------------------------------------------

    @property
    def export_format(self) -> ExportFormat:
        return FORMATS[max(0, self.format_box.currentIndex())]

    def set_format(self, key: str) -> None:
        """Select a format by key: pdf, pdf-one-per-page, pdf-exam, tsv or md."""
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

    def _format_changed(self, _index: int) -> None:
        if self._auto_path:
            self._suggest_path()
            return
        path = self.output_path()
        if path is None:
            return
        # keep the user's folder and name, but give it the new format's extension
        wanted = self.export_format.extension
        if path.suffix.lower() in {".pdf", ".tsv", ".txt", ".md"} and path.suffix != wanted:
            self.path_edit.setText(str(path.with_suffix(wanted)))

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
        if not path.suffix:
            path = path.with_suffix(fmt.extension)
            self.set_output_path(path)
        self._set_running(True)
        self.progress_bar.setRange(0, 1)
        self.progress_bar.setValue(0)
        self.progress_bar.setFormat("")
        self.status_label.setText(f"Exporting to {path}\u2026")
        try:
            summary = self._export(fmt, path)
        except ExportCancelled:
            self.progress_bar.setValue(0)
            self.progress_bar.setFormat("")
            self.status_label.setText("Export cancelled; no file was written.")
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
        self.progress_bar.setValue(self.progress_bar.maximum())
        self.progress_bar.setFormat("Done")
        self.status_label.setText(f"Saved {path} ({summary}).")
        self.cancel_button.setText("Close")
        self.exported.emit(str(path), summary)
        return True

    def _export(self, fmt: ExportFormat, path: Path) -> str:
        written = export_pack(
            self.pack, fmt, path, progress=self._progress, cancelled=self._cancelled
        )
        return written.summary

    def _progress(self, done: int, total: int) -> None:
        self.progress_bar.setRange(0, total)
        self.progress_bar.setValue(done)
        self.progress_bar.setFormat(f"Page {done} of {total}")
        # keep the dialog responsive, Cancel included, without letting input reach
        # anything that could start a second export
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents)

    def _cancelled(self) -> bool:
        return self._cancel_requested

    def cancel_export(self) -> None:
        """Stop a running export; the file is not written."""
        if self._running:
            self._cancel_requested = True
            self.status_label.setText("Cancelling\u2026")

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
        self.status_label.setText(message)
        self.progress_bar.setValue(0)
        self.progress_bar.setFormat("")
