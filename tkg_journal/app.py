"""Composition root of the desktop app: paths, key, journal, settings, main window.

``cli.main`` calls :func:`run_gui` when no sub-command is given. Qt is imported here
lazily (inside the function), so importing this module costs nothing on CLI paths, and
nothing on the start-up path imports matplotlib: charts load when their section opens.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from typing import TYPE_CHECKING

from tkg_journal.paths import JournalPaths, resolve_paths

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from tkg_journal.services.journal import Journal
    from tkg_journal.ui.main_window import MainWindow

EXIT_OK, EXIT_FAILED = 0, 1
KEYRING_GONE = (
    "This journal keeps its key in the system keyring, but no keyring is available now. "
    "Unlock it with your recovery key."
)
KEYRING_ENTRY_MISSING = (
    "The system keyring no longer holds this journal's key (it may have been reset or "
    "moved to another computer). Unlock with your recovery key: the key is then put back "
    "into the keyring."
)


@dataclass(frozen=True, slots=True)
class GuiOptions:
    data_dir: str | None = None
    passphrase: str | None = None  # from TKG_JOURNAL_PASSPHRASE or --passphrase-file
    startup_time: bool = False  # print ms from process start to the first filled paint


def run_gui(options: GuiOptions) -> int:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from tkg_journal import APP_NAME
    from tkg_journal.services import journal_access
    from tkg_journal.services.errors import USER_ERRORS
    from tkg_journal.ui.common.error_dialog import install_exception_hook, show_error
    from tkg_journal.ui.common.icons import app_icon

    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    app.setDesktopFileName("tkg-journal")
    app.setWindowIcon(app_icon())
    install_exception_hook()
    paths = resolve_paths(options.data_dir)

    try:
        if journal_access.exists(paths):
            journal = _open_at_start(paths, options)
        elif options.startup_time:
            print(f"tkg-journal: no journal in {paths.data_dir}", file=sys.stderr)
            return EXIT_FAILED
        else:
            journal = _first_run(paths)
    except USER_ERRORS as error:
        if options.startup_time:
            print(f"tkg-journal: {error}", file=sys.stderr)
        else:
            show_error(None, error)
        return EXIT_FAILED
    if journal is None:  # the user cancelled set-up or unlocking
        return EXIT_OK
    try:
        window = build_main_window(paths, journal)
    except USER_ERRORS as error:  # damage deep in the file shows when its page is read
        journal.close()
        if options.startup_time:
            print(f"tkg-journal: {error}", file=sys.stderr)
        else:
            show_error(None, error)
        return EXIT_FAILED
    if options.startup_time:
        _report_first_paint(window)
    window.show()
    if not options.startup_time:
        QTimer.singleShot(0, window.offer_drafts)
    return int(app.exec())


def _first_run(paths: JournalPaths) -> Journal | None:
    from tkg_journal.ui.keys.setup_wizard import SetupWizard

    wizard = SetupWizard(paths)
    if not wizard.exec():
        return None
    return wizard.journal


def _open_at_start(paths: JournalPaths, options: GuiOptions) -> Journal | None:
    """With a passphrase given for automation, use it (a wrong one fails, as in the CLI);
    else unlock as a person would."""
    from tkg_journal.security.key_file import KeyMode
    from tkg_journal.services import journal_access

    if options.passphrase is not None and journal_access.key_mode(paths) is KeyMode.PASSPHRASE:
        return journal_access.unlock(paths, passphrase=options.passphrase)
    if options.startup_time:
        return journal_access.unlock(paths)  # keyring journals; passphrase ones say so
    return ask_to_unlock(paths, None)


def ask_to_unlock(paths: JournalPaths, parent: QWidget | None) -> Journal | None:
    """Unlock the way the journal is protected: keyring silently, passphrase by asking.

    A keyring that has lost the key (or is gone) asks for the recovery key instead."""
    from tkg_journal.security.errors import KeyringEntryMissing, KeyringUnavailable
    from tkg_journal.security.key_file import KeyMode
    from tkg_journal.services import journal_access
    from tkg_journal.ui.keys.unlock_dialog import UnlockDialog

    reason = None
    if journal_access.key_mode(paths) is KeyMode.KEYRING:
        try:
            return journal_access.unlock(paths)
        except KeyringUnavailable:
            reason = KEYRING_GONE
        except KeyringEntryMissing:
            reason = KEYRING_ENTRY_MISSING
    dialog = UnlockDialog(paths, parent, reason=reason)
    return dialog.journal if dialog.exec() else None


def _report_first_paint(window: MainWindow) -> None:
    """``--startup-time``: when the entry list first paints with its rows, print the
    milliseconds since the process started and quit."""
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication

    from tkg_journal.startup_clock import seconds_since_process_start

    view = window.journal_view.list

    class FirstPaint(QObject):
        done = False

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint and not self.done:
                model = view.model()
                if model.rowCount() or not window.journal_view.model.total():
                    self.done = True
                    # Measure after this paint has finished, then leave.
                    QTimer.singleShot(0, self.report)
            return False

        def report(self) -> None:
            milliseconds = seconds_since_process_start() * 1000
            rows = window.journal_view.model.total()
            noun = "entry" if rows == 1 else "entries"
            print(f"{milliseconds:.0f} ms to the first paint of the main window "
                  f"({rows:,} {noun})", flush=True)
            window.close()
            QApplication.quit()

    probe = FirstPaint(window)
    view.viewport().installEventFilter(probe)


def build_main_window(paths: JournalPaths, journal: Journal) -> MainWindow:
    """The main window around an open journal, wired to unlock it again after a lock."""
    from tkg_journal.ui.common.app_settings import AppSettings
    from tkg_journal.ui.main_window import MainWindow

    window = MainWindow(paths, AppSettings(paths),
                        unlocker=lambda parent: ask_to_unlock(paths, parent))
    window.set_journal(journal)
    return window
