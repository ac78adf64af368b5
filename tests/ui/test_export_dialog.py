"""File > Export: formats, the progress bar, cancel without a partial file, errors."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from pathlib import Path

import pytest
from pack_builder import actor, implication, measure, parse, quote
from pack_builder import pack as build_pack
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QFileDialog, QWidget
from pytestqt.qtbot import QtBot

from briefing_app.core.models import Pack
from briefing_app.export.formats import FORMATS
from briefing_app.ui.export.dialog import ExportDialog

pytestmark = pytest.mark.gui

PACK = build_pack(
    id="dialog-demo",
    title="Dialog demo",
    actors=[actor(f"a{i}", f"Speaker {i}", role="Envoy") for i in range(4)],
    quotes=[quote(f"q{i}", f"a{i % 4}", f"Quote <b>{i}</b>\twith a tab") for i in range(12)],
    measures=[measure("m1", "a1", "Tariff on widgets")],
    implications=[implication("i1", "Prices rise")],
)
CARDS = 4 + 12 + 1 + 1


def spoken_name(widget: QWidget) -> str:
    """What a screen reader announces for ``widget``."""
    interface = QAccessible.queryAccessibleInterface(widget)
    return interface.text(QAccessible.Text.Name) if interface is not None else ""


@pytest.fixture
def pack() -> Pack:
    return parse(PACK)


@pytest.fixture
def dialog(qtbot: QtBot, pack: Pack) -> ExportDialog:
    widget = ExportDialog(pack)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def test_lists_every_format(dialog: ExportDialog) -> None:
    keys = [dialog.format_box.itemData(i) for i in range(dialog.format_box.count())]
    assert keys == ["pdf", "pdf-one-per-page", "pdf-exam", "apkg", "tsv", "md"]
    assert keys == [f.key for f in FORMATS]
    assert dialog.output_path() is not None
    assert dialog.output_path().name == "dialog-demo.pdf"  # type: ignore[union-attr]


def test_suggested_folder_exists(
    qtbot: QtBot, pack: Pack, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With no Documents folder (a fresh account, a container) it suggests home."""
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    widget = ExportDialog(pack)
    qtbot.addWidget(widget)
    suggested = widget.output_path()
    assert suggested is not None and suggested.parent == tmp_path
    (tmp_path / "Documents").mkdir()
    widget.set_format("md")
    assert widget.output_path() == tmp_path / "Documents" / "dialog-demo.md"


def test_suggested_name_follows_the_format(dialog: ExportDialog) -> None:
    dialog.set_format("tsv")
    assert dialog.output_path().name == "dialog-demo.tsv"  # type: ignore[union-attr]
    dialog.set_output_path("/tmp/mine.tsv")
    dialog.set_format("md")
    assert dialog.output_path() == Path("/tmp/mine.md")


def test_pdf_export_with_progress(qtbot: QtBot, dialog: ExportDialog, tmp_path: Path) -> None:
    out = tmp_path / "handout.pdf"
    dialog.set_output_path(out)
    seen: list[int] = []
    dialog.progress_bar.valueChanged.connect(seen.append)
    with qtbot.waitSignal(dialog.exported) as blocker:
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    pages = 1 + -(-CARDS // 3)
    assert blocker.args == [str(out), f"{pages} pages"]
    assert len(PdfReader(out).pages) == pages
    assert seen[-1] == pages and seen == sorted(seen)
    assert dialog.progress_bar.value() == dialog.progress_bar.maximum()
    assert "Saved" in dialog.status_label.text()
    assert dialog.cancel_button.text() == "Close"


@pytest.mark.parametrize(("key", "expected"), [("tsv", "#separator:tab"), ("md", "# Dialog demo")])
def test_text_exports(
    qtbot: QtBot, dialog: ExportDialog, tmp_path: Path, key: str, expected: str
) -> None:
    out = tmp_path / f"out.{key}"
    dialog.set_format(key)
    dialog.set_output_path(out)
    with qtbot.waitSignal(dialog.exported):
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert out.read_text(encoding="utf-8").startswith(expected)
    assert f"({CARDS} cards)" in dialog.status_label.text()


def test_exam_sheet(qtbot: QtBot, dialog: ExportDialog, tmp_path: Path) -> None:
    out = tmp_path / "exam.pdf"
    dialog.set_format("pdf-exam")
    dialog.set_output_path(out)
    assert dialog.start_export()
    last = PdfReader(out).pages[-1].extract_text()
    assert "Answer" in last and "Speaker" in last


def test_cancel_mid_export_leaves_no_file(
    qtbot: QtBot, dialog: ExportDialog, tmp_path: Path
) -> None:
    out = tmp_path / "cards.pdf"
    dialog.set_format("pdf-one-per-page")
    dialog.set_output_path(out)

    def click_cancel_after_the_first_page(value: int) -> None:
        if value == 1 and dialog.running:
            qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)

    dialog.progress_bar.valueChanged.connect(click_cancel_after_the_first_page)
    with qtbot.assertNotEmitted(dialog.exported), qtbot.assertNotEmitted(dialog.export_failed):
        assert dialog.start_export() is False
    assert not out.exists()
    assert os.listdir(tmp_path) == []
    assert "cancelled" in dialog.status_label.text()
    assert dialog.isVisible()  # Cancel during an export stops it; it does not close
    assert dialog.export_button.isEnabled()


def test_closing_during_export_cancels_then_closes(
    qtbot: QtBot, dialog: ExportDialog, tmp_path: Path
) -> None:
    out = tmp_path / "handout.pdf"
    dialog.set_output_path(out)
    dialog.progress_bar.valueChanged.connect(lambda v: v == 1 and dialog.reject())
    assert dialog.start_export() is False
    assert not out.exists()
    assert not dialog.isVisible()


def test_unwritable_path_shows_the_reason(
    qtbot: QtBot, dialog: ExportDialog, tmp_path: Path
) -> None:
    out = tmp_path / "missing" / "handout.pdf"
    dialog.set_output_path(out)
    with qtbot.waitSignal(dialog.export_failed) as blocker:
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert "does not exist" in blocker.args[0]
    assert "does not exist" in dialog.status_label.text()
    assert not out.parent.exists()
    assert dialog.export_button.isEnabled()


def test_no_path(dialog: ExportDialog) -> None:
    dialog.set_output_path("")
    assert dialog.start_export() is False
    assert "Choose where" in dialog.status_label.text()


def test_choose_uses_the_save_dialog(
    dialog: ExportDialog, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[str] = []

    def fake_save(*args: object) -> tuple[str, str]:
        asked.append(str(args[3]))
        return str(tmp_path / "picked.md"), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(fake_save))
    dialog.set_format("md")
    dialog.choose_path()
    assert asked == ["Markdown files (*.md)"]
    assert dialog.output_path() == tmp_path / "picked.md"


def test_missing_extension_is_added(dialog: ExportDialog, tmp_path: Path) -> None:
    dialog.set_format("tsv")
    dialog.set_output_path(tmp_path / "deck")
    assert dialog.start_export()
    assert (tmp_path / "deck.tsv").is_file()
    assert dialog.output_path() == tmp_path / "deck.tsv"


def test_a_pdf_is_never_written_under_a_markdown_name(
    qtbot: QtBot, dialog: ExportDialog, tmp_path: Path
) -> None:
    dialog.set_format("pdf")
    dialog.path_edit.setText(str(tmp_path / "brief.md"))  # typed after choosing PDF
    assert dialog.start_export()
    assert (tmp_path / "brief.pdf").read_bytes().startswith(b"%PDF")
    assert not (tmp_path / "brief.md").exists()
    assert "ends in .pdf" in dialog.status_label.text()


def test_after_saving_open_and_show_in_folder_and_a_new_choice_clears_the_line(
    qtbot: QtBot, dialog: ExportDialog, tmp_path: Path
) -> None:
    opened: list[str] = []
    dialog.open_url = lambda url: opened.append(url.toLocalFile())
    assert not dialog.progress_bar.isVisible()  # no empty bar that looks like a field
    dialog.set_format("md")
    dialog.set_output_path(tmp_path / "brief.md")
    assert dialog.start_export()
    assert dialog.open_button.isVisible() and dialog.folder_button.isVisible()
    assert dialog.progress_bar.isVisible()
    assert dialog.progress_bar.value() == dialog.progress_bar.maximum() > 0
    qtbot.mouseClick(dialog.open_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.folder_button, Qt.MouseButton.LeftButton)
    assert opened == [str(tmp_path / "brief.md"), str(tmp_path)]
    dialog.set_format("tsv")
    assert dialog.status_label.text() == "" and not dialog.status_label.isVisible()
    assert not dialog.open_button.isVisible() and not dialog.progress_bar.isVisible()
    assert dialog.output_path() == tmp_path / "brief.tsv"


def test_the_dialog_follows_the_theme(qtbot: QtBot, dialog: ExportDialog) -> None:
    from briefing_app.paint.theme import dark_theme

    light = dialog.grab().toImage().pixelColor(4, 4).lightness()
    dialog.set_theme(dark_theme())
    assert dialog.grab().toImage().pixelColor(4, 4).lightness() < light - 100


def test_every_format_changes_the_ending_of_any_other_formats_name(
    dialog: ExportDialog, tmp_path: Path
) -> None:
    """Driven by the registry: a format added there is covered here without a new line."""
    for before in FORMATS:
        for after in FORMATS:
            dialog.set_format(before.key)
            dialog.set_output_path(tmp_path / f"brief{before.extension}")
            dialog.set_format(after.key)
            assert dialog.output_path() == tmp_path / f"brief{after.extension}", (before, after)


def test_a_name_the_format_accepts_is_kept(dialog: ExportDialog, tmp_path: Path) -> None:
    dialog.set_format("tsv")
    dialog.set_output_path(tmp_path / "deck.txt")  # the TSV filter offers *.txt too
    assert dialog.start_export()
    assert (tmp_path / "deck.txt").is_file()


def test_choosing_pdf_for_brief_md_by_keyboard(
    qtbot: QtBot, dialog: ExportDialog, tmp_path: Path
) -> None:
    dialog.set_format("md")
    dialog.set_output_path(tmp_path / "brief.md")
    assert dialog.start_export()
    assert dialog.status_label.isVisible()
    dialog.format_box.setFocus()
    qtbot.keyClick(dialog.format_box, Qt.Key.Key_Home)  # the first format: the PDF handout
    assert dialog.export_format.key == "pdf"
    assert dialog.output_path() == tmp_path / "brief.pdf"
    assert not dialog.status_label.isVisible() and not dialog.open_button.isVisible()
    qtbot.keyClick(dialog.format_box, Qt.Key.Key_Down)
    assert dialog.export_format.key == FORMATS[1].key
    assert dialog.output_path() == tmp_path / f"brief{FORMATS[1].extension}"


def test_the_progress_bar_shows_no_text_and_the_count_is_said_below(
    dialog: ExportDialog, tmp_path: Path
) -> None:
    said: list[str] = []
    dialog.progress_bar.valueChanged.connect(lambda _v: said.append(dialog.status_label.text()))
    dialog.set_output_path(tmp_path / "handout.pdf")
    assert not dialog.progress_bar.isTextVisible()  # a bar, not something to type into
    assert dialog.start_export()
    pages = 1 + -(-CARDS // 3)
    assert f"Page {pages} of {pages}\u2026" in said
    assert dialog.progress_bar.accessibleName() == "Export progress"


def test_every_control_is_named_and_the_tab_chain_is_visible(
    qtbot: QtBot, dialog: ExportDialog, tmp_path: Path
) -> None:
    dialog.set_format("md")
    dialog.set_output_path(tmp_path / "brief.md")
    assert dialog.start_export()
    dialog.activateWindow()
    dialog.format_box.setFocus()
    qtbot.waitUntil(lambda: dialog.focusWidget() is dialog.format_box)
    stops = []
    for _ in range(12):
        widget = dialog.focusWidget()
        assert widget is not None
        if widget in stops:
            break
        stops.append(widget)
        qtbot.keyClick(widget, Qt.Key.Key_Tab)
    names = [spoken_name(w) for w in stops]
    assert all(w.isVisible() for w in stops) and all(names), names
    named = set(names)
    assert {"Open the exported file", "Show the exported file in its folder"} <= named
    assert dialog.open_button in stops and dialog.export_button in stops


def test_show_in_folder_by_keyboard_opens_the_folder(
    qtbot: QtBot, dialog: ExportDialog, tmp_path: Path
) -> None:
    opened: list[str] = []
    dialog.open_url = lambda url: opened.append(url.toString())
    dialog.set_format("md")
    dialog.set_output_path(tmp_path / "brief.md")
    assert dialog.start_export()
    dialog.folder_button.setFocus()
    qtbot.keyClick(dialog.folder_button, Qt.Key.Key_Space)
    assert opened == [f"file://{tmp_path.as_posix()}"]
