"""F1: every key of the window, in groups, filtered as you type, readable aloud."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QDialog

from tkg_journal.app import build_main_window
from tkg_journal.paths import JournalPaths
from tkg_journal.services.journal import Journal
from tkg_journal.ui.main_window import MainWindow
from tkg_journal.ui.shortcuts_dialog import ShortcutsDialog

GROUPS = ["Writing", "Navigation", "Experiments", "Progress", "Coach", "Journal & keys",
          "In dialogs"]


@pytest.fixture
def window(qtbot, journal_paths: JournalPaths, journal: Journal) -> Iterator[MainWindow]:
    main = build_main_window(journal_paths, journal)
    main.show()
    qtbot.waitExposed(main)
    yield main
    main.close()
    main.deleteLater()


@pytest.fixture
def dialog(qtbot, window: MainWindow) -> ShortcutsDialog:
    shown = ShortcutsDialog(window.actions(), window)
    qtbot.addWidget(shown)
    shown.show()
    qtbot.waitExposed(shown)
    return shown


def _groups(model: QSortFilterProxyModel) -> dict[str, list[tuple[str, str]]]:
    """What the tree shows: group -> [(what it does, keys)]."""
    shown = {}
    for row in range(model.rowCount()):
        group = model.index(row, 0)
        shown[group.data()] = [
            (model.index(child, 0, group).data(), model.index(child, 1, group).data())
            for child in range(model.rowCount(group))
        ]
    return shown


def test_f1_opens_it_over_the_window(qtbot, window: MainWindow):
    opened: list[QDialog] = []
    window.run_dialog = lambda d: opened.append(d) or 0  # type: ignore[method-assign]
    window.activateWindow()
    qtbot.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_F1)
    assert [type(d) for d in opened] == [ShortcutsDialog]


def test_every_key_of_the_window_is_listed_once_in_its_group(
    qtbot, qtmodeltester, window: MainWindow, dialog: ShortcutsDialog
):
    qtmodeltester.check(dialog.model)
    qtmodeltester.check(dialog.proxy)
    shown = _groups(dialog.proxy)
    assert list(shown) == GROUPS  # no "Other": every key has a group
    listed = [keys for group in GROUPS[:-1] for _what, keys in shown[group]]
    expected = [a.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
                for a in window.actions() if not a.shortcut().isEmpty()]
    assert sorted(listed) == sorted(expected)
    assert ("Turn entry into experiment", "Ctrl+E") in shown["Experiments"]
    assert ("Log attempt", "Ctrl+Shift+A") in shown["Experiments"]
    assert ("Lock", "Ctrl+L") in shown["Journal & keys"]
    assert ("New entry of kind: Difficult conversation", "Ctrl+Alt+1") in shown["Writing"]
    assert all("&" not in what for rows in shown.values() for what, _keys in rows)


def test_typing_filters_by_words_or_keys_and_keeps_the_groups(
    qtbot, dialog: ShortcutsDialog
):
    assert dialog.focusWidget() is dialog.filter_edit  # the first keystroke filters
    qtbot.keyClicks(dialog.filter_edit, "attempt")
    shown = _groups(dialog.proxy)
    assert shown["Experiments"] == [("Log attempt", "Ctrl+Shift+A")]
    assert all("attempt" in (what + keys).lower() for rows in shown.values()
               for what, keys in rows)
    dialog.filter_edit.setText("ctrl+e")
    assert ("Turn entry into experiment", "Ctrl+E") in _groups(dialog.proxy)["Experiments"]
    dialog.filter_edit.setText("progress")  # a group's name keeps all of its shortcuts
    assert _groups(dialog.proxy)["Progress"] == [("Rate my levels", "Ctrl+Shift+R")]
    # Every row the filter leaves is open to see, and Down goes to the first shortcut.
    group = dialog.proxy.index(0, 0)
    assert dialog.tree.isExpanded(group)
    qtbot.keyClick(dialog.filter_edit, Qt.Key.Key_Down)
    assert dialog.tree.hasFocus()
    assert dialog.tree.currentIndex().parent() == group


def test_says_when_nothing_matches(qtbot, dialog: ShortcutsDialog):
    dialog.filter_edit.setText("xylophone")
    assert dialog.proxy.rowCount() == 0
    assert dialog.empty_label.isVisible()
    assert "xylophone" in dialog.empty_label.text()
    dialog.filter_edit.clear()
    assert not dialog.empty_label.isVisible()
    assert dialog.proxy.rowCount() == len(GROUPS)


def test_a_screen_reader_hears_each_row_and_group(dialog: ShortcutsDialog):
    for widget in (dialog, dialog.filter_edit, dialog.tree):
        assert widget.accessibleName(), widget.objectName()
    proxy = dialog.proxy
    experiments = next(proxy.index(r, 0) for r in range(proxy.rowCount())
                       if proxy.index(r, 0).data() == "Experiments")
    assert experiments.data(Qt.ItemDataRole.AccessibleTextRole) == "Experiments, 5 shortcuts"
    spoken = [proxy.index(r, c, experiments).data(Qt.ItemDataRole.AccessibleTextRole)
              for r in range(proxy.rowCount(experiments)) for c in (0, 1)]
    assert "Log attempt: Ctrl+Shift+A" in spoken
    assert all(spoken)


def test_it_fits_a_1024_by_600_screen(dialog: ShortcutsDialog):
    frame = dialog.frameGeometry()
    assert frame.width() <= 1024 and frame.height() <= 600 - 40  # a panel takes some
    least = dialog.minimumSizeHint()
    assert least.width() <= 600 and least.height() <= 400
