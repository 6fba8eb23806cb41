"""The main window: a shell of menus, actions, navigation and the lock.

The sections do the work (JournalView, and the Experiments, Progress and Coach-session
views); this class only wires them, owns the open journal's lifetime and locks it on
demand or when idle. What each action is (text, keys, icon, tip) and where the menus and
toolbars show it is in ``main_actions``; how the sections' signals reach the window and
each other in ``section_wiring``; the question asked about unsaved writing on quitting is
in ``unsaved_writing``.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from PySide6.QtCore import QSize, QTimer, Signal
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from tkg_journal import APP_NAME, __version__
from tkg_journal.domain.drafts import EntryDraft
from tkg_journal.domain.entries import EntryKind
from tkg_journal.paths import JournalPaths
from tkg_journal.services import journal_access
from tkg_journal.services.coach_sessions import CoachSessions
from tkg_journal.services.errors import USER_ERRORS
from tkg_journal.services.experiments import Experiments
from tkg_journal.services.journal import Journal
from tkg_journal.ui import main_actions as acts
from tkg_journal.ui.accountability.reminder_notifier import ReminderNotifier
from tkg_journal.ui.attention import CHECKIN, DUE, attention_banner, wire_attention
from tkg_journal.ui.backups.backup_coordinator import BackupCoordinator
from tkg_journal.ui.backups.restore_dialog import restore_from_backup
from tkg_journal.ui.coach.coach_sessions_view import CoachSessionsView
from tkg_journal.ui.coach.export_dialog import ExportDialog
from tkg_journal.ui.common.app_settings import AppSettings
from tkg_journal.ui.common.error_dialog import show_error
from tkg_journal.ui.common.icons import app_icon
from tkg_journal.ui.common.object_name import named
from tkg_journal.ui.common.unsaved_input import UnsavedInput, keeps_input
from tkg_journal.ui.common.value_label import ValueLabel
from tkg_journal.ui.common.window_fit import keep_on_screen, place_main_window
from tkg_journal.ui.desk_lock import hide_journal_windows, offer_back_after_unlock, reopeners
from tkg_journal.ui.experiments.attempt_dialog import AttemptDialog
from tkg_journal.ui.experiments.experiment_dialog import experiment_from_commitment
from tkg_journal.ui.experiments.friction_catalogue_dialog import FrictionCatalogueDialog
from tkg_journal.ui.experiments_section import ExperimentsSection
from tkg_journal.ui.idle_watcher import IdleWatcher
from tkg_journal.ui.journal.journal_view import JournalView
from tkg_journal.ui.journal.quick_capture_window import QuickCaptureWindow
from tkg_journal.ui.keys.change_passphrase_dialog import DONE_MESSAGE as PASSPHRASE_CHANGED
from tkg_journal.ui.keys.change_passphrase_dialog import ChangePassphraseDialog
from tkg_journal.ui.keys.new_recovery_key_dialog import DONE_MESSAGE as RECOVERY_KEY_REPLACED
from tkg_journal.ui.keys.new_recovery_key_dialog import NewRecoveryKeyDialog
from tkg_journal.ui.keys.reencrypt_dialog import DONE_MESSAGE as REENCRYPTED
from tkg_journal.ui.keys.reencrypt_dialog import ReencryptDialog
from tkg_journal.ui.lock_view import LOCKED_TITLE, LockView
from tkg_journal.ui.portable_actions import export_journal, import_into
from tkg_journal.ui.preferences_apply import apply_preferences
from tkg_journal.ui.preferences_dialog import PreferencesDialog
from tkg_journal.ui.progress.checkin_prompt import CheckinPrompt
from tkg_journal.ui.progress.progress_view import ProgressView
from tkg_journal.ui.section_wiring import wire_sections
from tkg_journal.ui.session_lock_watcher import SessionLockWatcher
from tkg_journal.ui.shortcuts_dialog import ShortcutsDialog
from tkg_journal.ui.tray import AppTray
from tkg_journal.ui.unsaved_writing import keep_writing_before_close

Unlocker = Callable[[QWidget], Journal | None]
#: The status line while locked (cleared on unlocking).
LOCKED_STATUS = "Locked"


class MainWindow(QMainWindow):
    """Signals:
        locked(): the journal was locked (key dropped, content hidden).
        unlocked(): a journal is open and shown.
    """

    locked = Signal()
    unlocked = Signal()

    def __init__(self, paths: JournalPaths, settings: AppSettings, unlocker: Unlocker,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.setWindowTitle(APP_NAME)
        self.setWindowIcon(app_icon())
        self.paths = paths
        self.settings = settings
        self._unlocker = unlocker
        self._journal: Journal | None = None
        # The windows with input the lock and the quit keep (first: the sections register).
        self.unsaved = UnsavedInput(self)

        self._experiments: Experiments | None = None
        self.journal_view = JournalView()
        self.journal_view.editor.set_writing_points(settings.writing_points)
        self.experiments_section = ExperimentsSection(
            lambda: self.settings.quiet_days, self._set_quiet_days
        )
        self.sections = named(QStackedWidget(), "sections")
        self.sections.addWidget(self.journal_view)
        self.sections.addWidget(self.experiments_section)
        self.progress_view = ProgressView()
        self.sections.addWidget(self.progress_view)
        self.coach_sessions_view = CoachSessionsView()
        self.sections.addWidget(self.coach_sessions_view)
        self.coach_sessions_view.keep_input_in(self.unsaved)
        # One bar for what needs attention: what is due, the rating, the backup (ui/attention).
        self.attention = attention_banner()
        # Back up now, the daily backup, the status-bar line and the stale-backup reminder.
        self.backups = BackupCoordinator(self)
        self.content = named(QWidget(), "content")
        content_layout = QVBoxLayout(self.content)
        content_layout.setContentsMargins(0, 0, 0, 0)
        content_layout.setSpacing(0)
        content_layout.addWidget(self.attention)
        content_layout.addWidget(self.sections, 1)
        self.lock_view = LockView()
        self.lock_view.set_icon(app_icon().pixmap(QSize(96, 96), self.devicePixelRatioF()))
        self.stack = named(QStackedWidget(), "mainStack")
        self.stack.addWidget(self.content)
        self.stack.addWidget(self.lock_view)
        self.setCentralWidget(self.stack)

        self.save_status = named(ValueLabel("Status"), "saveStatus")
        self.statusBar().addPermanentWidget(self.save_status)
        self.statusBar().setSizeGripEnabled(False)  # a nameless grip; the frame resizes
        self.statusBar().addPermanentWidget(self.backups.status_widget)
        self.backups.status.connect(self.save_status.setText)

        self._create_actions()

        self.idle = IdleWatcher(settings.idle_lock_minutes, self)
        self.idle.idle.connect(self.lock)
        self.session_watcher = SessionLockWatcher(self)
        self.session_watcher.lock_requested.connect(lambda _why: self.lock())
        self.reopen = reopeners(self)  # each window the lock closes, opened again
        self.lock_view.unlock_requested.connect(self.unlock)
        self.notifier = ReminderNotifier(self, get_quiet_days=lambda: self.settings.quiet_days)
        self.notifier.open_due_requested.connect(self.show_due)
        self.tray = AppTray(self, settings)  # its icon carries the reminders (ui/tray)
        wire_sections(self)  # status, errors and the links between sections
        self.checkin_prompt = CheckinPrompt(
            self, get_every_days=lambda: self.settings.checkin_every_days
        )
        wire_attention(self.attention, self.notifier, self.checkin_prompt, self.backups,
                       show_due=self.show_due, rate_levels=self.rate_levels)
        place_main_window(self)  # its screen's share; a saved geometry replaces it
        self._restore_layout()
        self._show_locked(True)

    # --- actions, menus and toolbars (what they are: main_actions) ------------------------
    def _create_actions(self) -> None:
        view = self.journal_view

        def action(spec: acts.ActionSpec, slot: Callable[[], object]) -> QAction:
            return acts.make_action(self, spec, slot)

        self.new_action = action(acts.NEW_ENTRY, self._new_entry)
        self.kind_actions = [
            action(spec, partial(self._new_entry, kind))
            for spec, kind in zip(acts.NEW_OF_KIND, EntryKind, strict=True)
        ]
        self.quick_action = action(acts.QUICK_CAPTURE, self.quick_capture)
        self.save_action = action(acts.SAVE, self._save_current)
        self.export_action = action(acts.EXPORT_SUMMARY, self.export_summary)
        self.export_journal_action = action(acts.EXPORT_JOURNAL, partial(export_journal, self))
        self.import_action = action(acts.IMPORT, partial(import_into, self))
        self.back_up_action = action(acts.BACK_UP_NOW, self.backups.back_up_now)
        self.restore_action = action(acts.RESTORE_BACKUP, self.restore_backup)
        self.passphrase_action = action(acts.CHANGE_PASSPHRASE, self.change_passphrase)
        self.recovery_key_action = action(acts.NEW_RECOVERY_KEY, self.new_recovery_key)
        self.reencrypt_action = action(acts.REENCRYPT, self.reencrypt)
        self.delete_action = action(acts.DELETE, view.delete_current)
        self.lock_action = action(acts.LOCK, self.lock)
        self.quit_action = action(acts.QUIT, lambda: self.tray.quit())  # closes, not hides
        self.find_action = action(acts.FIND, self._find)
        self.list_action = action(acts.FOCUS_LIST, self._focus_list)
        self.clear_filters_action = action(acts.CLEAR_FILTERS, view.clear_filters)
        self.preferences_action = action(acts.PREFERENCES, self.preferences)
        self.shortcuts_action = action(acts.SHORTCUTS, self.show_shortcuts)
        self.about_action = action(acts.ABOUT, self.about)
        self.new_experiment_action = action(acts.NEW_EXPERIMENT, self.new_experiment)
        self.log_attempt_action = action(acts.LOG_ATTEMPT, self.log_attempt)
        self.entry_experiment_action = action(acts.ENTRY_TO_EXPERIMENT, self.entry_to_experiment)
        self.due_action = action(acts.DUE, self.show_due)
        self.friction_action = action(acts.FRICTION, self.friction_catalogue)
        self.rate_action = action(acts.RATE_LEVELS, self.rate_levels)
        self.section_group = QActionGroup(self)
        self.section_actions = []
        for index, spec in enumerate(acts.SECTIONS):
            section = action(spec, partial(self.show_section, index))
            section.setCheckable(True)
            self.section_group.addAction(section)
            self.section_actions.append(section)
        self.section_actions[0].setChecked(True)
        # What needs an open journal: off while locked.
        self.content_actions = [
            self.new_action, *self.kind_actions, self.quick_action, self.save_action,
            self.delete_action, self.lock_action, self.find_action, self.list_action,
            self.clear_filters_action, *self.section_actions, self.new_experiment_action,
            self.log_attempt_action, self.entry_experiment_action, self.due_action,
            self.friction_action, self.rate_action, self.export_action, self.passphrase_action,
            self.recovery_key_action, self.back_up_action, self.restore_action,
            self.reencrypt_action,
        ]
        actions = acts.by_name(self.actions())
        acts.build_menus(self.menuBar(), actions)
        self.nav_bar, self.tool_bar = acts.build_toolbars(self, actions)

    # --- the journal's lifetime -------------------------------------------------------------
    @property
    def journal(self) -> Journal | None:
        return self._journal

    def set_journal(self, journal: Journal) -> None:
        """Show an unlocked journal."""
        self._journal = journal
        self._experiments = Experiments(journal)
        self.journal_view.set_journal(journal)
        self.experiments_section.set_service(self._experiments)
        sessions = CoachSessions(journal)
        self.experiments_section.due.set_sessions(sessions)
        self.progress_view.set_service(journal)
        self.coach_sessions_view.set_service(journal)
        self._show_locked(False)
        self.notifier.set_services(self._experiments, sessions)
        self.checkin_prompt.set_service(journal)
        self.backups.set_journal(journal)
        self.unsaved.set_store(journal)
        self.lock_view.set_note("")
        if self.save_status.text() == LOCKED_STATUS:  # said while locked; no longer true
            self.save_status.clear()
        self.idle.restart()
        self.unlocked.emit()

    def offer_drafts(self) -> None:
        """After unlocking: offer back what was not saved (see ``desk_lock``)."""
        offer_back_after_unlock(self)

    def run_dialog(self, dialog: QDialog) -> int:
        """One place where modal dialogs run (tests drive dialogs without blocking)."""
        return dialog.exec()

    def lock(self, spare: QWidget | None = None) -> None:
        """Keep what is being written (encrypted), drop the key and close or empty every
        window that shows the journal (all but ``spare``, the dialog that asked)."""
        if self._journal is None:
            return
        self.coach_sessions_view.flush()  # saved if it can be; else kept below as a draft
        if not self.journal_view.flush() or not self.unsaved.keep_all():
            # Not even a draft could be written (full disk?): locking now would lose it.
            self.show_error_text("The journal was not locked because your writing could not "
                                 "be saved. Free some disk space and try again.")
            return
        self.unsaved.close_all()
        hide_journal_windows(self, spare)
        self.unsaved.set_store(None)
        journal, self._journal = self._journal, None
        self._experiments = None
        self._let_go_of_the_journal()
        self.attention.clear()  # it names experiments and action items
        self.journal_view.set_journal(None)
        journal.close()
        self.idle.stop()
        self._show_locked(True)
        self.save_status.setText(LOCKED_STATUS)
        self.locked.emit()

    def _let_go_of_the_journal(self) -> None:
        """Reminders and sections drop their services (the journal view, which may still
        hold writing, is the caller's to empty)."""
        self.notifier.set_services(None, None)
        self.checkin_prompt.set_service(None)
        self.backups.set_journal(None)  # waits for a running backup: it holds the key
        self.experiments_section.set_service(None)
        self.progress_view.set_service(None)
        self.coach_sessions_view.set_service(None)

    def unlock(self) -> None:
        journal = self._unlocker(self)
        if journal is not None:
            self.set_journal(journal)
            QTimer.singleShot(0, self.offer_drafts)

    def _show_locked(self, locked: bool) -> None:
        self.stack.setCurrentWidget(self.lock_view if locked else self.content)
        for action in self.content_actions:
            action.setEnabled(not locked)
        self.nav_bar.setVisible(not locked)
        self.tool_bar.setVisible(not locked)
        self.setWindowTitle(LOCKED_TITLE if locked else APP_NAME)
        if locked:
            self.lock_view.focus_unlock()

    def show_section(self, index: int) -> None:
        self.sections.setCurrentIndex(index)
        self.section_actions[index].setChecked(True)
        editing = index == 0
        for action in (self.delete_action, self.list_action, self.clear_filters_action):
            action.setEnabled(editing and self._journal is not None)
        # Ctrl+S saves what is edited: an entry, or a coach session.
        self.save_action.setEnabled(index in (0, 3) and self._journal is not None)
        if index == 3:
            self.coach_sessions_view.refresh()

    # --- commands ---------------------------------------------------------------------------
    def _save_current(self) -> None:
        if self.sections.currentWidget() is self.coach_sessions_view:
            self.coach_sessions_view.save()
        else:
            self.journal_view.save()

    def export_summary(self) -> None:
        """The export dialog: the summary for the coach, since the last session by default."""
        if self._journal is None or not self.coach_sessions_view.flush():
            return
        dialog = ExportDialog(self._journal, self)
        dialog.exported.connect(
            lambda result: self.save_status.setText(f"Summary saved to {result.path}")
        )
        try:
            self.run_dialog(dialog)
        finally:
            dialog.deleteLater()

    def restore_backup(self) -> None:
        """Replace the journal with a backup; the dialog closes the journal (by locking it)
        only once everything is checked, and the lock screen then opens the restored one."""
        if self._journal is not None and (done := restore_from_backup(
                self._journal, self._close_for_restore, self.run_dialog, self)):
            self.lock_view.set_note(done)
            self.save_status.setText(done)
            self.lock_view.focus_unlock()

    def _close_for_restore(self, asking: QWidget) -> bool:
        self.lock(spare=asking)  # the dialog that needs the journal closed stays open
        return self._journal is None

    def change_passphrase(self) -> None:
        """Change the passphrase (or set one instead of the keyring): only the key file
        changes, the journal stays open."""
        if self._journal is not None:
            self._run_key_dialog(
                ChangePassphraseDialog(self._journal.paths, self), PASSPHRASE_CHANGED)

    def new_recovery_key(self) -> None:
        """Replace the recovery key: shown first, written only once kept and confirmed."""
        if self._journal is not None:
            self._run_key_dialog(
                NewRecoveryKeyDialog(self._journal.paths, self), RECOVERY_KEY_REPLACED)

    def reencrypt(self) -> None:
        """A new key for the journal: it is closed (locked) while the dialog re-encrypts
        it, then opened again with the key that opens it now (new, or old on failure)."""
        if self._journal is None:
            return
        dialog = ReencryptDialog(self._journal.paths, self,
                                 release=lambda: self._close_for_restore(dialog))
        try:
            accepted = self.run_dialog(dialog)
            dialog.wait()
            key = dialog.journal_key()
        finally:
            dialog.deleteLater()
        if key is not None and self._journal is None:
            try:
                self.set_journal(journal_access.open_with_key(self.paths, key))
            except USER_ERRORS as error:  # the lock screen opens it the usual way
                self.show_error(error)
                return
        if accepted:
            self.save_status.setText(REENCRYPTED)

    def _run_key_dialog(self, dialog: QDialog, done: str) -> None:
        try:
            if self.run_dialog(dialog):
                self.save_status.setText(done)
        finally:
            dialog.deleteLater()

    def commitment_to_experiment(self, commitment_id: int) -> None:
        """An experiment pre-filled from a session's commitment, linked to it."""
        if self._journal is None:
            return
        try:
            made = experiment_from_commitment(self._journal, commitment_id, self.run_dialog, self)
        except USER_ERRORS as error:
            self.show_error(error)
            return
        if made is not None:
            self.coach_sessions_view.refresh()
            self.experiments_section.refresh()
            self.save_status.setText("Experiment planned from the commitment")

    def _new_entry(self, kind: EntryKind = EntryKind.CONVERSATION) -> None:
        self.show_section(0)
        self.journal_view.new_entry(kind)

    def _find(self) -> None:
        """Search where the user is: experiments in that section, else the journal."""
        if self.sections.currentWidget() is self.experiments_section:
            self.experiments_section.tabs.setCurrentIndex(0)
            self.experiments_section.experiments.focus_search()
            return
        self.show_section(0)
        self.journal_view.focus_search()

    def _focus_list(self) -> None:
        self.show_section(0)
        self.journal_view.focus_list()

    def _set_quiet_days(self, days: int) -> None:
        self.settings.quiet_days = days
        self.settings.sync()

    def new_experiment(self) -> None:
        if self._experiments is None:
            return
        self.show_section(1)
        self.experiments_section.tabs.setCurrentIndex(0)
        self.experiments_section.experiments.new_experiment()

    def log_attempt(self, experiment_id: int | None = None) -> None:
        """The attempt dialog: for one experiment (else the one on show), or a pick."""
        if self._experiments is None:
            return
        experiment_id = experiment_id or self.experiments_section.shown_experiment_id()
        dialog = AttemptDialog(self._experiments, self, experiment_id=experiment_id)
        if self.run_dialog(dialog) and dialog.logged is not None:
            self.experiments_section.refresh()
            self.experiments_section.experiments.select_experiment(dialog.logged.experiment_id)
            self.save_status.setText("Attempt logged")

    def entry_to_experiment(self) -> None:
        """An experiment pre-filled from the open entry (saved first, so it has an id)."""
        if self._experiments is None or not self.journal_view.flush():
            return
        entry_id = self.journal_view.editor.draft().entry_id
        if entry_id is None:
            self.show_error_text("Write and save the entry first; then it can become an "
                                 "experiment.")
            return
        self.experiment_from_entry(entry_id)

    def experiment_from_entry(self, entry_id: int) -> None:
        if self._experiments is None:
            return
        try:
            prefill = self._experiments.prefill_from_entry(entry_id)
        except USER_ERRORS as error:
            self.show_error(error)
            return
        self.show_section(1)
        self.experiments_section.tabs.setCurrentIndex(0)
        self.experiments_section.experiments.new_from_prefill(prefill)

    def show_due(self) -> None:
        if self._experiments is None:
            return
        self.attention.remove_line(DUE)
        self.show_section(1)
        self.experiments_section.show_due()

    def rate_levels(self) -> None:
        """The self-rating check-in, from the Progress section (its charts then update)."""
        if self._journal is None:
            return
        self.attention.remove_line(CHECKIN)
        self.show_section(2)
        self.progress_view.rate_levels()

    def friction_catalogue(self) -> None:
        if self._experiments is None:
            return
        self.run_dialog(FrictionCatalogueDialog(self._experiments, self))
        self.experiments_section.refresh()

    def quick_capture(self) -> QuickCaptureWindow | None:
        if self._journal is None:
            return None
        window = QuickCaptureWindow(lambda: self._journal, self)
        window.setWindowIcon(app_icon())
        window.editor.set_writing_points(self.settings.writing_points)
        window.saved.connect(self.journal_view.entry_saved_elsewhere)
        window.saved.connect(lambda _entry: self.save_status.setText("Quick capture saved"))
        window.error.connect(self.show_error)
        window.more.connect(self.continue_capture)
        keeps_input(window, "quick_capture", capture=window.held_input,
                    restore=window.give_back_input)
        window.show()
        window.raise_()
        window.activateWindow()
        return window

    def continue_capture(self, draft: EntryDraft, draft_id: int | None) -> None:
        """Quick capture's "More…": the full entry, here, with what was written."""
        self.show_section(0)
        self.raise_()
        self.activateWindow()
        self.journal_view.continue_capture(draft, draft_id)

    def preferences(self) -> None:
        pages = [p for p in (self.tray.preferences_page(), self.backups.preferences_page()) if p]
        dialog = PreferencesDialog(self.settings, self.paths, self, pages)
        if self.run_dialog(dialog):
            apply_preferences(self)

    def show_shortcuts(self) -> None:
        self.run_dialog(ShortcutsDialog(self.actions(), self))

    def about(self) -> None:
        QMessageBox.about(
            self, f"About {APP_NAME}",
            f"<h3>{APP_NAME} {__version__}</h3>"
            "<p>A private, encrypted journal for leadership coaching.</p>"
            f"<p>Journal folder:<br><code>{self.paths.data_dir}</code></p>",
        )

    def show_error(self, error: BaseException) -> None:
        show_error(self, error)

    def show_error_text(self, text: str) -> None:
        QMessageBox.warning(self, APP_NAME, text)

    # --- closing ---------------------------------------------------------------------------
    def closeEvent(self, event: QCloseEvent) -> None:
        if self.tray.keeps_running(event):  # hidden in the tray, not closed
            return
        if self._journal is not None:
            # Like the lock: open windows and a session that cannot be saved yet are kept
            # as drafts and come back after the next unlock.
            self.coach_sessions_view.flush()
            if not self.unsaved.keep_all():
                self.show_error_text("The journal was not closed because your writing could "
                                     "not be saved. Free some disk space and try again.")
                event.ignore()
                return
            if not keep_writing_before_close(self.journal_view, self, self.run_dialog):
                event.ignore()
                return
        self.unsaved.close_all()
        hide_journal_windows(self)
        self.unsaved.set_store(None)
        self._save_layout()
        self._let_go_of_the_journal()
        self.idle.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self.idle)
        if self._journal is not None:
            self.journal_view.set_journal(None)
            self._journal.close()
            self._journal = None
        event.accept()

    def _save_layout(self) -> None:
        self.settings.set_window_state("geometry", self.saveGeometry())
        self.settings.set_window_state("splitter", self.journal_view.splitter.saveState())
        self.settings.sync()

    def _restore_layout(self) -> None:
        geometry = self.settings.window_state("geometry")
        if geometry is not None and self.restoreGeometry(geometry):
            keep_on_screen(self)  # saved on a bigger (or another) screen
        splitter = self.settings.window_state("splitter")
        if splitter is not None:
            self.journal_view.splitter.restoreState(splitter)
        else:
            self.journal_view.splitter.setSizes([420, 700])
