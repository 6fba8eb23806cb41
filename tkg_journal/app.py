"""Composition root of the desktop app: paths, key, journal, settings, main window.

``cli.main`` calls :func:`run_gui` when no sub-command is given. Qt is imported here
lazily (inside the function), so importing this module costs nothing on CLI paths, and
nothing on the start-up path imports matplotlib: charts load when their section opens.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from tkg_journal.paths import JournalPaths, resolve_paths

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication, QWidget

    from tkg_journal.services.journal import Journal
    from tkg_journal.ui.main_window import MainWindow
    from tkg_journal.ui.single_instance import SingleInstance

EXIT_OK, EXIT_FAILED = 0, 1
#: At login the panel that shows tray icons may come up after the app: wait this long for
#: it before starting with a window instead.
TRAY_WAIT_MS = 10_000
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
    # From TKG_JOURNAL_PASSPHRASE or --passphrase-file; out of repr, so out of tracebacks.
    passphrase: str | None = field(default=None, repr=False)
    startup_time: bool = False  # print ms from process start to the first filled paint
    in_tray: bool = False  # at login: no window, only the tray icon (where there is a tray)


def run_gui(options: GuiOptions) -> int:
    from PySide6.QtWidgets import QApplication

    from tkg_journal import APP_NAME
    from tkg_journal.ui.common.app_settings import AppSettings
    from tkg_journal.ui.common.error_dialog import install_exception_hook
    from tkg_journal.ui.common.icons import app_icon
    from tkg_journal.ui.preferences_apply import apply_app_wide
    from tkg_journal.ui.single_instance import FolderClaim, SingleInstance
    from tkg_journal.ui.single_instance_texts import NOT_LOCKABLE_NOTE

    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    app.setDesktopFileName("tkg-journal")
    app.setWindowIcon(app_icon())
    install_exception_hook()
    paths = resolve_paths(options.data_dir)
    apply_app_wide(AppSettings(paths))  # the theme, before the first window (unlock, set-up)
    # Take the folder before anything reads it: a second app on the same journal must not
    # unlock it again, nor offer the first one's live drafts as a crash's leftovers.
    instance = SingleInstance(paths)
    claim = instance.claim()
    if claim is FolderClaim.IN_USE:
        return _defer_to_running_app(instance, options)
    if claim is FolderClaim.NOT_LOCKABLE:
        print(NOT_LOCKABLE_NOTE.format(folder=paths.data_dir, reason=instance.failure),
              file=sys.stderr)
    try:
        return _open_and_run(app, paths, options, instance)
    finally:
        instance.release()


def _open_and_run(app: QApplication, paths: JournalPaths, options: GuiOptions,
                  instance: SingleInstance) -> int:
    """Unlock (or set up) the journal and run the main window; ``instance`` holds the
    folder (or could not lock it) for all of it."""
    from PySide6.QtCore import QTimer

    from tkg_journal.services import journal_access
    from tkg_journal.services.errors import USER_ERRORS
    from tkg_journal.ui.common.error_dialog import show_error

    notes: list[str] = []
    in_tray = (options.in_tray and not options.startup_time and journal_access.exists(paths)
               and _tray_shows_up())
    try:
        if in_tray:
            journal, notes = _open_quietly(paths, options)
        elif journal_access.exists(paths):
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
    if journal is None and not in_tray:  # the user cancelled set-up or unlocking
        return EXIT_OK
    try:
        window = build_main_window(paths, journal)
    except USER_ERRORS as error:  # damage deep in the file shows when its page is read
        if journal is not None:
            journal.close()
        if options.startup_time:
            print(f"tkg-journal: {error}", file=sys.stderr)
        else:
            show_error(None, error)
        return EXIT_FAILED
    instance.show_on_request(window)
    # Started again (from the menu) while in the tray: the window comes out of it.
    instance.activation_requested.connect(window.tray.show_window)
    if in_tray:
        window.tray.start_hidden(notes=notes,
                                 offer_drafts=journal is not None and instance.holds_lock)
        return int(app.exec())
    if options.startup_time:
        _report_first_paint(window)
    window.show()
    # Drafts found now were left by an app that crashed or was killed only if this
    # process holds the folder: no other app can be writing drafts into it.
    if not options.startup_time and instance.holds_lock:
        QTimer.singleShot(0, window.offer_drafts)
    return int(app.exec())


def _defer_to_running_app(instance: SingleInstance, options: GuiOptions) -> int:
    """Another app holds this journal folder: bring its window forward and leave."""
    from tkg_journal.ui.single_instance import ask_holder_to_come_forward, show_in_use
    from tkg_journal.ui.single_instance_texts import BROUGHT_FORWARD_NOTE, IN_USE_NOTE

    holder = instance.holder()
    if ask_holder_to_come_forward(instance.paths):
        print(BROUGHT_FORWARD_NOTE.format(pid=holder.pid), file=sys.stderr)
        return EXIT_OK
    if options.startup_time:
        print(IN_USE_NOTE.format(pid=holder.pid, host=holder.host), file=sys.stderr)
    else:
        show_in_use(holder)
    return EXIT_FAILED


def _tray_shows_up() -> bool:
    from tkg_journal.ui.tray import wait_for_tray

    return wait_for_tray(TRAY_WAIT_MS)


def _open_quietly(paths: JournalPaths, options: GuiOptions) -> tuple[Journal | None, list[str]]:
    """At login, with no window: a keyring journal opens as at any start (the keyring is
    the login's); a passphrase one stays locked, with no prompt, unless the passphrase was
    given for automation. Any failure leaves it locked: Open then unlocks it the usual way
    and says why. Returns the journal (or None) and what settling a crash's leftovers did.
    """
    from tkg_journal.security.key_file import KeyMode
    from tkg_journal.services import journal_access
    from tkg_journal.services.errors import USER_ERRORS

    notes: list[str] = []
    try:
        notes = journal_access.prepare(paths)
        if journal_access.key_mode(paths) is KeyMode.KEYRING:
            return journal_access.unlock(paths), notes
        if options.passphrase is not None:
            return journal_access.unlock(paths, passphrase=options.passphrase), notes
    except USER_ERRORS:
        pass
    return None, notes


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

    # What a crash left is settled first; the user hears of it (a re-encryption finished,
    # a key file put back from its copy) in the dialog, or in a message when none is shown.
    notes = journal_access.prepare(paths)
    reason = None
    if journal_access.key_mode(paths) is KeyMode.KEYRING:
        try:
            journal = journal_access.unlock(paths)
        except KeyringUnavailable:
            reason = KEYRING_GONE
        except KeyringEntryMissing:
            reason = KEYRING_ENTRY_MISSING
        else:
            if notes:
                from PySide6.QtWidgets import QMessageBox

                from tkg_journal import APP_NAME
                from tkg_journal.ui.common.messages import as_sentence

                text = " ".join(as_sentence(note) for note in notes)
                QMessageBox.information(parent, APP_NAME, text)
            return journal
    dialog = UnlockDialog(paths, parent, reason=reason, notes=notes)
    return dialog.journal if dialog.exec() else None


def _report_first_paint(window: MainWindow) -> None:
    """``--startup-time``: when the entry list first paints with its rows, print the
    milliseconds since the process started and quit."""
    from PySide6.QtCore import QEvent, QObject, QTimer

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
            window.tray.quit()  # closes (never into the tray) and leaves

    probe = FirstPaint(window)
    view.viewport().installEventFilter(probe)


def build_main_window(paths: JournalPaths, journal: Journal | None) -> MainWindow:
    """The main window around an open journal (None: locked, as at a login start), wired
    to unlock it again after a lock."""
    from tkg_journal.ui.common.app_settings import AppSettings
    from tkg_journal.ui.common.focus_frame import show_focus_in
    from tkg_journal.ui.main_window import MainWindow

    window = MainWindow(paths, AppSettings(paths),
                        unlocker=lambda parent: ask_to_unlock(paths, parent))
    show_focus_in(window)  # and in every dialog and window it opens
    if journal is not None:
        window.set_journal(journal)
    return window
