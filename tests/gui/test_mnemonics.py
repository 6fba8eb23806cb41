"""No two things on screen answer the same Alt+letter.

Every dialog runs through its real code path from the main window (``QDialog.exec`` is
replaced here: the dialog is shown, its mnemonics are read, and it is cancelled), and so
does every section of the main window with its menu bar; each menu is checked on its own.
Pages shown one at a time (a key dialog's, the restore dialog's) are checked page by page
as well: the first with the dialog around it, the others on their own (switched to here,
not by the dialog, which would also change its buttons); a wizard is walked page by page.

A clash is two visible, enabled buttons, buddy labels, group boxes, tabs or menu titles in
one window with the same ``&`` letter: Alt+letter then only cycles focus between them, and
the one the user meant never acts.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, timedelta

import pytest
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QDialog,
    QGroupBox,
    QLabel,
    QMainWindow,
    QMenu,
    QStackedWidget,
    QTabBar,
    QWidget,
    QWizard,
)

from tkg_journal.app import build_main_window
from tkg_journal.domain.drafts import EntryDraft
from tkg_journal.domain.entries import EntryKind
from tkg_journal.paths import JournalPaths
from tkg_journal.services import demo
from tkg_journal.services.coach_sessions import CoachSessions
from tkg_journal.services.experiments import Experiments
from tkg_journal.services.journal import Journal
from tkg_journal.ui.attention import backup_line, checkin_line, due_line
from tkg_journal.ui.experiments.new_due_date_dialog import NewDueDateDialog
from tkg_journal.ui.journal.draft_recovery_dialog import DraftRecoveryDialog
from tkg_journal.ui.keys.dialog_pages import DialogPages
from tkg_journal.ui.keys.setup_wizard import SetupWizard
from tkg_journal.ui.keys.unlock_dialog import UnlockDialog
from tkg_journal.ui.main_window import MainWindow


def mnemonic(text: str) -> str | None:
    """The Alt+letter ``text`` gives (``&&`` is a plain ampersand), lower-cased."""
    index = 0
    while (index := text.find("&", index)) != -1 and index + 1 < len(text):
        if text[index + 1] != "&":
            return text[index + 1].lower()
        index += 2
    return None


def test_mnemonic_reads_the_letter_after_a_single_ampersand():
    assert mnemonic("Start it &now") == "n"
    assert mnemonic("Q&&A &session") == "s"
    assert mnemonic("Plain") is None


def _owners(window: QWidget, within: QWidget | None = None) -> Iterator[tuple[str, str]]:
    """(text, what) for everything in ``window`` (or only ``within`` it) an Alt+letter
    reaches now."""
    for widget in (within or window).findChildren(QWidget):
        if widget.window() is not window or not widget.isVisible() or not widget.isEnabled():
            continue
        if isinstance(widget, QAbstractButton):
            yield widget.text(), f"button {widget.objectName() or widget.text()!r}"
        elif isinstance(widget, QLabel) and widget.buddy() is not None:
            yield widget.text(), f"label for {widget.buddy().objectName()!r}"
        elif isinstance(widget, QGroupBox):
            yield widget.title(), f"group {widget.title()!r}"
        elif isinstance(widget, QTabBar):
            for index in range(widget.count()):
                if widget.isTabEnabled(index) and widget.isTabVisible(index):
                    yield widget.tabText(index), f"tab {widget.tabText(index)!r}"
    if isinstance(window, QMainWindow) and within is None:
        for action in window.menuBar().actions():
            if action.isVisible():
                yield action.text(), f"menu {action.text()!r}"


def _clashes(owners: Iterator[tuple[str, str]]) -> list[str]:
    by_letter: dict[str, list[str]] = defaultdict(list)
    for text, what in owners:
        letter = mnemonic(text)
        if letter is not None:
            by_letter[letter].append(what)
    return [f"Alt+{letter.upper()}: {', '.join(whats)}"
            for letter, whats in sorted(by_letter.items()) if len(whats) > 1]


def _menu_clashes(menu: QMenu, path: str) -> list[str]:
    found = [f"{path}: {clash}" for clash in _clashes(
        (a.text(), f"item {a.text()!r}") for a in menu.actions()
        if a.isVisible() and not a.isSeparator())]
    for action in menu.actions():
        submenu = action.menu()
        if isinstance(submenu, QMenu):
            found += _menu_clashes(submenu, f"{path} > {action.text()}")
    return found


def _page_sets(window: QWidget) -> list[tuple[QWidget, int]]:
    return [(pages, pages.count()) for pages in window.findChildren(QWidget)
            if isinstance(pages, QStackedWidget | DialogPages) and pages.window() is window
            and pages.isVisible()]


class Walk:
    """Collects the clashes of each window it is shown, by name."""

    def __init__(self, qtbot) -> None:
        self.qtbot = qtbot
        self.clashes: dict[str, list[str]] = {}
        self.current = ""

    def look(self, window: QWidget, name: str) -> None:
        QApplication.processEvents()
        found = _clashes(_owners(window))
        # The main window's stacks are its sections (and the lock screen): shown by name.
        sets = [] if isinstance(window, QMainWindow) else _page_sets(window)
        for pages, count in sets:
            shown = pages.currentIndex()
            for index in range(count):
                if index != shown:
                    pages.setCurrentIndex(index)
                    QApplication.processEvents()
                    found += [f"(page {index}) {c}"
                              for c in _clashes(_owners(window, within=pages))]
            pages.setCurrentIndex(shown)
        self.clashes[name] = found

    def fake_exec(self, dialog: QDialog) -> int:
        dialog.show()
        self.qtbot.waitExposed(dialog)
        self.look(dialog, self.current)
        dialog.reject()
        dialog.hide()
        return int(QDialog.DialogCode.Rejected.value)

    def dialog(self, name: str, open_it: Callable[[], object]) -> None:
        self.current = name
        open_it()
        assert name in self.clashes, f"{name}: no dialog opened"


@pytest.fixture
def demo_journal(journal: Journal) -> Journal:
    demo.fill(journal, entries=40, seed=3)
    return journal


@pytest.fixture
def window(qtbot, journal_paths: JournalPaths, demo_journal: Journal) -> Iterator[MainWindow]:
    main = build_main_window(journal_paths, demo_journal)
    main._unlocker = lambda _parent: None
    main.show()
    qtbot.waitExposed(main)
    yield main
    main.journal_view.autosave.stop()
    main.journal_view.editor.set_modified(False)
    main.close()
    main.deleteLater()


def test_no_two_things_in_a_window_share_an_alt_letter(
    qtbot, monkeypatch: pytest.MonkeyPatch, window: MainWindow, journal_paths: JournalPaths,
    tmp_path,
):
    walk = Walk(qtbot)
    monkeypatch.setattr(QDialog, "exec", lambda dialog: walk.fake_exec(dialog))
    journal = window.journal
    assert journal is not None
    experiments = Experiments(journal)
    [active, *_] = experiments.active()
    commitment = next(c for s in CoachSessions(journal).sessions() for c in s.commitments
                      if c.id is not None)
    entry_id = journal.list_entries()[0].id
    assert active.id is not None and commitment.id is not None and entry_id is not None

    # Everything that can show at once: every line of the attention bar and the list's
    # filter panel.
    window.attention.set_line(due_line("Two experiments are due."))
    window.attention.set_line(checkin_line("Time to rate your levels."))
    window.attention.set_line(backup_line("This journal has no backup yet."))
    window.journal_view.filter_bar.toggle.setChecked(True)
    for kind in EntryKind:
        window.journal_view.new_entry(kind)
        walk.look(window, f"main window, journal, new {kind.value}")
    window.journal_view.editor.set_modified(False)
    for index, section in enumerate(("experiments", "progress", "coach sessions"), start=1):
        window.show_section(index)
        walk.look(window, f"main window, {section}")
    view = window.experiments_section.experiments
    window.show_section(1)
    view.select_experiment(active.id)
    walk.look(window, "main window, an active experiment")
    window.experiments_section.show_due()
    walk.look(window, "main window, due and overdue")
    menus = [a.menu() for a in window.menuBar().actions()]
    menu_clashes = [c for m in menus if isinstance(m, QMenu) for c in _menu_clashes(m, m.title())]

    walk.dialog("log attempt", lambda: window.log_attempt(active.id))
    walk.dialog("new experiment", window.new_experiment)
    walk.dialog("edit experiment", lambda: view.edit_experiment(active.id or 0))
    walk.dialog("experiment from an entry", lambda: window.experiment_from_entry(entry_id))
    walk.dialog("experiment from a commitment",
                lambda: window.commitment_to_experiment(commitment.id or 0))
    walk.dialog("complete experiment", lambda: view.close_experiment(active.id or 0, "complete"))
    walk.dialog("abandon experiment", lambda: view.close_experiment(active.id or 0, "abandon"))
    walk.dialog("new due date", lambda: NewDueDateDialog(
        date.today() - timedelta(days=3), date.today(), window).exec())
    walk.dialog("friction catalogue", window.friction_catalogue)
    walk.dialog("rate my levels", window.rate_levels)
    walk.dialog("export summary", window.export_summary)
    walk.dialog("export journal", window.export_journal_action.trigger)
    walk.dialog("import", window.import_action.trigger)
    walk.dialog("preferences", window.preferences)
    walk.dialog("shortcuts", window.show_shortcuts)
    walk.dialog("change passphrase", window.change_passphrase)
    walk.dialog("new recovery key", window.new_recovery_key)
    walk.dialog("restore a backup", window.restore_backup)
    draft = EntryDraft(kind=EntryKind.CONVERSATION, occurred_at=datetime.now(UTC),
                       title="Budget talk", what_happened="Pushed back")
    walk.dialog("recover drafts", lambda: DraftRecoveryDialog([(1, draft)], window).exec())
    walk.dialog("unlock", lambda: UnlockDialog(journal_paths, window).exec())
    capture = window.quick_capture()
    assert capture is not None
    qtbot.waitExposed(capture)
    walk.look(capture, "quick capture")
    capture.editor.set_modified(False)
    capture.close()
    wizard = SetupWizard(JournalPaths(tmp_path / "new-journal"))
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitExposed(wizard)
    walk.look(wizard, "set-up, protect")
    for page in ("recovery key", "start"):
        wizard.next()
        walk.look(wizard, f"set-up, {page}")
    assert isinstance(wizard, QWizard)
    wizard.reject()
    walk.dialog("re-encrypt", window.reencrypt)

    found = [f"{name}: {clash}" for name, clashes in walk.clashes.items() for clash in clashes]
    assert not found + menu_clashes, "\n".join(found + menu_clashes)
