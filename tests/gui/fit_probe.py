"""Open the main window, every section and every dialog on the screen Qt was given, and
report what does not fit (run in its own process: the screen is chosen at start-up).

    QT_QPA_PLATFORM="offscreen:configfile=screens.json" \\
        python -m tests.gui.fit_probe DATA_DIR REPORT.json [--shots DIR] [--theme dark] [--calm]

``tests/gui/test_fits_any_screen.py`` runs it once per screen. Every dialog runs through
its real code path; ``QDialog.exec`` is replaced here so that, instead of waiting for a
click, the dialog is shown, measured (and photographed) and then cancelled.

What counts as not fitting, per top-level window:

- the window is not inside the screen's available geometry;
- a button that ends the dialog (in a button box, a wizard's, or a default button) is
  not wholly visible without scrolling;
- a label is clipped: a word-wrapped one shorter than its text needs at its width, any
  other narrower or shorter than its text (labels that elide themselves are skipped);
- a label overlaps another widget (a layout squeezed below its minimum).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from PySide6.QtCore import QRect
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLayout,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QWidget,
    QWizard,
)

PASSPHRASE = "correct horse battery staple"
SETTLE_MS = 150  # timers that fill a window right after it shows (previews)
CHARTS_MS = 30_000
ELLIPSIS = "\u2026"


@dataclass
class Report:
    screen: dict[str, object] = field(default_factory=dict)
    windows: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    #: what a screen reader would miss (tests/gui/accessibility_tree.py), per window
    accessibility: list[str] = field(default_factory=list)


def _rect(rect: QRect) -> str:
    return f"{rect.x()},{rect.y()} {rect.width()}x{rect.height()}"


def _in_window(widget: QWidget) -> QRect:
    window = widget.window()
    return QRect(widget.mapTo(window, widget.rect().topLeft()), widget.size())


def _shown_in(window: QWidget, kind: type[QWidget]) -> Iterator[QWidget]:
    for child in window.findChildren(kind):
        if child.isVisible() and child.window() is window:
            yield child


def _scrolls(widget: QWidget) -> bool:
    parent = widget.parentWidget()
    while parent is not None and not parent.isWindow():
        if isinstance(parent, QAbstractScrollArea):
            return True
        parent = parent.parentWidget()
    return False


def _label_problem(label: QLabel) -> str | None:
    text = label.text()
    if not text.strip() or ELLIPSIS in text:
        return None  # an icon, or a label that elides its own text (its tooltip has it)
    if label.wordWrap():
        needed = label.heightForWidth(label.width())
        if needed > label.height():
            return f"needs {needed}px of height at {label.width()}px, has {label.height()}"
        return None
    hint = label.sizeHint()
    if hint.width() > label.width() or hint.height() > label.height():
        return (f"needs {hint.width()}x{hint.height()}, "
                f"has {label.width()}x{label.height()}")
    return None


def _in_layout(layout: QLayout | None, widget: QWidget) -> bool:
    if layout is None:
        return False
    for index in range(layout.count()):
        item = layout.itemAt(index)
        if item.widget() is widget or _in_layout(item.layout(), widget):
            return True
    return False


def _laid_out(widget: QWidget) -> bool:
    """Placed by its parent's layout (not floated over it on purpose, like a busy bar)."""
    parent = widget.parentWidget()
    return parent is not None and _in_layout(parent.layout(), widget)


def _overlaps(label: QLabel, window: QWidget) -> list[str]:
    """The widgets beside a label in its parent's layout that it runs into."""
    if not _laid_out(label):
        return []
    mine = _in_window(label)
    found = []
    for other in _shown_in(window, QWidget):
        if other is label or other.parentWidget() is not label.parentWidget():
            continue
        if _laid_out(other) and _in_window(other).intersects(mine):
            found.append(other.objectName() or type(other).__name__)
    return found


def _end_buttons(window: QWidget) -> Iterator[QAbstractButton]:
    for box in _shown_in(window, QDialogButtonBox):
        assert isinstance(box, QDialogButtonBox)
        yield from (b for b in box.buttons() if b.isVisible())
    if isinstance(window, QWizard):
        for which in (QWizard.WizardButton.BackButton, QWizard.WizardButton.NextButton,
                      QWizard.WizardButton.FinishButton, QWizard.WizardButton.CancelButton):
            button = window.button(which)
            if button is not None and button.isVisible():
                yield button
    for button in _shown_in(window, QPushButton):
        assert isinstance(button, QPushButton)
        if button.isDefault():
            yield button


def check_window(window: QWidget, name: str, report: Report) -> None:
    """Add what does not fit in ``window`` to ``report``."""
    screen = window.screen()
    available = screen.availableGeometry()
    frame = window.frameGeometry()
    least = window.minimumSizeHint().expandedTo(window.minimumSize())
    report.windows.append(f"{name}: {_rect(frame)}, at least {least.width()}x{least.height()}")
    where = f"{name} ({type(window).__name__})"
    if not available.contains(frame):
        report.problems.append(
            f"{where}: window {_rect(frame)} is not inside the screen's {_rect(available)}")
    inside = window.rect()
    for button in set(_end_buttons(window)):
        text = button.text().replace("&", "")
        if not inside.contains(_in_window(button)):
            report.problems.append(f"{where}: button {text!r} is cut off by the window")
        elif _scrolls(button):
            report.problems.append(f"{where}: button {text!r} scrolls with the content")
        elif button.visibleRegion().boundingRect() != button.rect():
            report.problems.append(f"{where}: button {text!r} is partly hidden")
    for label in _shown_in(window, QLabel):
        assert isinstance(label, QLabel)
        label_name = label.objectName() or repr(label.text()[:30])
        problem = _label_problem(label)
        if problem is not None:
            report.problems.append(f"{where}: label {label_name} is clipped ({problem})")
        covered = _overlaps(label, window)
        if covered:
            report.problems.append(f"{where}: label {label_name} overlaps {covered}")


class Probe:
    """Walks the app, checking (and photographing) each window as it shows."""

    def __init__(self, report: Report, shots: Path | None) -> None:
        self.report = report
        self.shots = shots
        self.current = ""

    def look(self, window: QWidget, name: str) -> None:
        QTest.qWait(SETTLE_MS)
        QApplication.processEvents()
        check_window(window, name, self.report)
        from tests.gui.accessibility_tree import tree_problems

        self.report.accessibility += [f"{name}: {p}" for p in tree_problems(window)]
        if self.shots is not None:
            file_name = "".join(c if c.isalnum() else "-" for c in name.lower())
            window.grab().save(str(self.shots / f"{file_name}.png"))

    def look_restored(self, paths: object) -> None:
        """The main window as it opens again after it was closed on a bigger monitor
        (a laptop undocked): larger than this screen, partly beyond its edge."""
        from tkg_journal.app import build_main_window
        from tkg_journal.paths import JournalPaths
        from tkg_journal.services import journal_access
        from tkg_journal.ui.common.app_settings import AppSettings

        assert isinstance(paths, JournalPaths)
        big = QMainWindow()
        area = QApplication.primaryScreen().availableGeometry()
        big.setGeometry(area.width() // 2, area.height() // 2, 1800, 1100)
        settings = AppSettings(paths)
        settings.set_window_state("geometry", big.saveGeometry())
        settings.sync()
        main = build_main_window(paths, journal_access.unlock(paths, passphrase=PASSPHRASE))
        main.show()
        QTest.qWaitForWindowExposed(main)
        self.look(main, "main window, restored from a bigger screen")
        main.close()

    def fake_exec(self, dialog: QDialog) -> int:
        """Instead of a modal loop: show, check, cancel."""
        dialog.show()
        self.look(dialog, self.current)
        dialog.reject()
        dialog.hide()
        return int(QDialog.DialogCode.Rejected.value)

    def unexpected(self, args: tuple[object, ...]) -> int:
        texts = [a for a in args if isinstance(a, str)]
        self.report.problems.append(f"{self.current}: unexpected message box {texts}")
        return int(QMessageBox.StandardButton.Cancel.value)

    def dialog(self, name: str, open_it: Callable[[], object]) -> None:
        self.current = name
        before = len(self.report.windows)
        open_it()
        if len(self.report.windows) == before:
            self.report.problems.append(f"{name}: no dialog opened")


def _wait_for(done: Callable[[], bool], timeout_ms: int) -> None:
    waited = 0
    while not done() and waited < timeout_ms:
        QTest.qWait(50)
        waited += 50


def _fill(data_dir: Path) -> tuple[object, object]:
    from tkg_journal.paths import JournalPaths
    from tkg_journal.services import demo, journal_access

    paths = JournalPaths(data_dir)
    created = journal_access.create(paths, passphrase=PASSPHRASE)
    demo.fill(created.journal, entries=120, seed=7)
    return paths, created.journal


def run(data_dir: Path, shots: Path | None, *, calm: bool = False) -> Report:
    from tkg_journal.app import build_main_window
    from tkg_journal.domain.drafts import EntryDraft
    from tkg_journal.domain.entries import EntryKind
    from tkg_journal.paths import JournalPaths
    from tkg_journal.services.coach_sessions import CoachSessions
    from tkg_journal.services.experiments import Experiments
    from tkg_journal.services.journal import Journal
    from tkg_journal.ui.attention import backup_line, checkin_line, due_line
    from tkg_journal.ui.backups import backup_texts
    from tkg_journal.ui.common.level_button import LevelButton
    from tkg_journal.ui.experiments.new_due_date_dialog import NewDueDateDialog
    from tkg_journal.ui.journal.draft_recovery_dialog import DraftRecoveryDialog
    from tkg_journal.ui.keys.setup_wizard import SetupWizard
    from tkg_journal.ui.keys.unlock_dialog import UnlockDialog
    from tkg_journal.ui.progress import progress_texts

    report = Report()
    screen = QApplication.primaryScreen()
    report.screen = {"available": _rect(screen.availableGeometry()),
                     "dpr": screen.devicePixelRatio()}
    probe = Probe(report, shots)
    QDialog.exec = lambda dialog: probe.fake_exec(dialog)  # type: ignore[method-assign]
    # A message box would wait for a click forever: say so instead.
    for name in ("warning", "critical", "information", "question", "about"):
        setattr(QMessageBox, name, lambda *args, **_kwargs: probe.unexpected(args))
    QMessageBox.exec = lambda box: probe.unexpected((box.text(),))  # type: ignore[method-assign]

    paths, journal = _fill(data_dir)
    assert isinstance(paths, JournalPaths) and isinstance(journal, Journal)
    experiments = Experiments(journal)
    [active, *_] = experiments.active()
    sessions = CoachSessions(journal).sessions()
    commitment = next(c for s in sessions for c in s.commitments if c.id is not None)
    entry_id = journal.list_entries()[0].id
    assert active.id is not None and commitment.id is not None and entry_id is not None

    main = build_main_window(paths, journal)
    main._unlocker = lambda _parent: None  # the probe never unlocks again
    main.show()
    QTest.qWaitForWindowExposed(main)
    # The attention bar at its fullest, over every section: what is due, the rating and
    # the backup, each a line of long words (the windows below must still fit).
    if calm:  # pictures for the README: the window as it mostly is, no reminders
        main.attention.clear()
    else:
        main.attention.set_line(due_line(
            "Needs attention: \u201cPause before answering Sam\u201d (overdue by 2 days); "
            "\u201cAsk the team first\u201d (no attempt for 5 days) and 2 more."))
        main.attention.set_line(checkin_line(progress_texts.prompt_text(None)))
        main.attention.set_line(backup_line(
            backup_texts.BANNER_NEVER + backup_texts.BANNER_WHY
            + backup_texts.BANNER_LAST_TRY.format(reason="the folder /media/usb is gone")))
    view = main.experiments_section.experiments
    for index, section in enumerate(("journal", "experiments", "progress", "coach sessions")):
        main.show_section(index)
        if section == "progress":  # the charts, drawn off the GUI thread
            _wait_for(lambda: not main.progress_view.is_busy(), CHARTS_MS)
        probe.look(main, f"main window, {section}")
    # Progress ▸ Patterns: the same range and level, computed off the GUI thread.
    main.show_section(2)
    main.progress_view.show_patterns()
    _wait_for(lambda: not main.progress_view.is_busy(), CHARTS_MS)
    probe.look(main, "main window, patterns")
    main.progress_view.tabs.setCurrentIndex(0)
    main.show_section(0)
    conversation = next(e for e in journal.list_entries() if e.kind is EntryKind.CONVERSATION)
    assert conversation.id is not None
    main.journal_view.open_entry(conversation.id)
    probe.look(main, "main window, a difficult conversation")
    level_button = main.journal_view.editor.findChild(LevelButton, "editorLevel")
    assert level_button is not None
    level_button.open_pyramid()
    probe.look(level_button.picker.window(), "the level pyramid")
    level_button.picker.window().close()
    main.show_section(1)
    view.select_experiment(active.id)
    probe.look(main, "main window, an experiment")
    main.experiments_section.show_due()
    probe.look(main, "main window, due")

    probe.dialog("log attempt", lambda: main.log_attempt(active.id))
    probe.dialog("log attempt, choose", lambda: main.log_attempt())
    probe.dialog("new experiment", main.new_experiment)
    probe.dialog("edit experiment",
                 lambda: (main.show_section(1), view.edit_experiment(active.id or 0)))
    probe.dialog("experiment from an entry", lambda: main.experiment_from_entry(entry_id))
    probe.dialog("experiment from a commitment",
                 lambda: main.commitment_to_experiment(commitment.id or 0))
    probe.dialog("complete experiment",
                 lambda: view.close_experiment(active.id or 0, "complete"))
    probe.dialog("abandon experiment", lambda: view.close_experiment(active.id or 0, "abandon"))
    probe.dialog("new due date", lambda: NewDueDateDialog(
        date.today() - timedelta(days=3), date.today(), main).exec())
    probe.dialog("friction catalogue", main.friction_catalogue)
    probe.dialog("rate my levels", main.rate_levels)
    probe.dialog("export summary", main.export_summary)
    probe.dialog("export journal", main.export_journal_action.trigger)
    probe.dialog("import", main.import_action.trigger)
    probe.dialog("preferences", main.preferences)
    probe.dialog("shortcuts", main.show_shortcuts)
    probe.dialog("change passphrase", main.change_passphrase)
    probe.dialog("new recovery key", main.new_recovery_key)
    probe.dialog("restore a backup", main.restore_backup)
    draft = EntryDraft(kind=EntryKind.CONVERSATION, occurred_at=datetime.now(UTC),
                       title="Budget talk with Sam", what_happened="Pushed back")
    probe.dialog("recover drafts", lambda: DraftRecoveryDialog([(1, draft)], main).exec())
    probe.current = "quick capture"
    capture = main.quick_capture()
    assert capture is not None
    probe.look(capture, "quick capture")
    capture.close()
    probe.dialog("unlock", lambda: UnlockDialog(paths, main).exec())
    wizard = SetupWizard(JournalPaths(data_dir.parent / "new-journal"))
    wizard.show()
    probe.look(wizard, "set-up, protect")
    wizard.protect_page.passphrase_edit.setText(PASSPHRASE)
    wizard.protect_page.confirm_edit.setText(PASSPHRASE)
    wizard.next()
    probe.look(wizard, "set-up, recovery key")
    wizard.recovery_page.kept_checkbox.setChecked(True)
    wizard.next()
    probe.look(wizard, "set-up, start")
    if wizard.currentPage() is not wizard.start_page:
        report.problems.append("set-up: the probe did not reach the last page")
    wizard.reject()
    probe.dialog("re-encrypt", main.reencrypt)
    main.lock()
    probe.look(main, "main window, locked")
    main.close()
    probe.look_restored(paths)
    return report


def main(argv: list[str]) -> int:
    from tkg_journal.ui.common.theme import Theme, apply_theme

    parser = argparse.ArgumentParser(prog="python -m tests.gui.fit_probe")
    parser.add_argument("data_dir", type=Path)
    parser.add_argument("report", type=Path)
    parser.add_argument("--shots", type=Path, help="save a PNG of each window here")
    parser.add_argument("--theme", choices=[t.value for t in Theme], default=Theme.SYSTEM.value)
    parser.add_argument("--calm", action="store_true",
                        help="no reminders over the windows (pictures for the README)")
    args = parser.parse_args(argv)
    if args.shots is not None:
        args.shots.mkdir(parents=True, exist_ok=True)
    _app = QApplication(sys.argv[:1])  # alive until the report is written
    apply_theme(Theme(args.theme))
    report = run(args.data_dir, args.shots, calm=args.calm)
    args.report.write_text(json.dumps(report.__dict__, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
