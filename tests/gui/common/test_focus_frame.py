"""Where the keys go can be seen: the entry list and a multi-line field draw a frame in
the highlight colour while they have the focus, and only then (in the main window as the
app builds it, and in the dialogs it opens)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage, QPalette
from PySide6.QtWidgets import QApplication, QPlainTextEdit, QWidget

from tests.helpers import entry
from tkg_journal.app import build_main_window
from tkg_journal.domain.entries import EntryKind
from tkg_journal.paths import JournalPaths
from tkg_journal.services.journal import Journal
from tkg_journal.ui.main_window import MainWindow


@pytest.fixture
def window(qtbot, journal_paths: JournalPaths, journal: Journal) -> Iterator[MainWindow]:
    journal.add_entry(entry(title="Budget talk"))
    main = build_main_window(journal_paths, journal)
    main.show()
    qtbot.waitExposed(main)
    main.journal_view.new_entry(EntryKind.CONVERSATION)
    yield main
    main.journal_view.autosave.stop()
    main.journal_view.editor.set_modified(False)
    main.close()
    main.deleteLater()


def _focus(qtbot, widget: QWidget) -> None:
    widget.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is widget)


def _edge(image: QImage) -> QColor:
    """The colour of the frame: the left edge, half-way down."""
    return image.pixelColor(0, image.height() // 2)


def _looks(qtbot, widget: QWidget, elsewhere: QWidget) -> tuple[QImage, QImage]:
    """``widget`` drawn without the focus, then with it."""
    _focus(qtbot, elsewhere)
    unfocused = widget.grab().toImage()
    _focus(qtbot, widget)
    focused = widget.grab().toImage()
    return unfocused, focused


@pytest.mark.parametrize("name", ["entryList", "editorWhatHappened"])
def test_the_list_and_a_multi_line_field_show_where_the_focus_is(
    qtbot, window: MainWindow, name: str
):
    widget = window.findChild(QWidget, name)
    assert widget is not None and widget.isVisible(), name
    title = window.findChild(QWidget, "editorTitle")
    contents = widget.contentsRect()
    unfocused, focused = _looks(qtbot, widget, title)
    highlight = widget.palette().color(QPalette.ColorRole.Highlight)
    assert unfocused != focused
    assert _edge(focused) == highlight
    assert _edge(unfocused) != highlight
    assert widget.contentsRect() == contents  # gaining focus moves nothing inside


@pytest.fixture
def dark_palette(qapp) -> Iterator[QPalette]:
    """The application switched to a dark palette (as the desktop's theme switch does)."""
    light = QPalette(qapp.palette())
    dark = QPalette(light)
    dark.setColor(QPalette.ColorRole.Base, QColor("#1e1e1e"))
    # Frames of lists and boxes are Mid; the entry page's answer rules are Midlight.
    dark.setColor(QPalette.ColorRole.Mid, QColor("#3c3c3c"))
    dark.setColor(QPalette.ColorRole.Midlight, QColor("#3c3c3c"))
    dark.setColor(QPalette.ColorRole.Highlight, QColor("#c77d1a"))
    yield dark
    qapp.setPalette(light)


def test_the_frame_follows_a_switch_to_a_dark_palette(
    qtbot, qapp, window: MainWindow, dark_palette: QPalette
):
    qapp.setPalette(dark_palette)  # after the window was built and shown
    qtbot.wait(10)  # the frame follows once the change has reached every widget
    field = window.findChild(QPlainTextEdit, "editorWhatHappened")
    assert field is not None
    unfocused, focused = _looks(qtbot, field, window.journal_view.list)
    assert _edge(focused) == QColor("#c77d1a")
    assert _edge(unfocused) == QColor("#3c3c3c")


def test_a_dialogs_multi_line_field_shows_focus_too(qtbot, window: MainWindow):
    from tkg_journal.services.experiments import Experiments
    from tkg_journal.ui.experiments.attempt_dialog import AttemptDialog

    assert window.journal is not None
    dialog = AttemptDialog(Experiments(window.journal), window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    unfocused, focused = _looks(qtbot, dialog.note_edit, dialog.situation_edit)
    assert _edge(focused) == dialog.note_edit.palette().color(QPalette.ColorRole.Highlight)
    assert _edge(unfocused) != _edge(focused)
    dialog.reject()
