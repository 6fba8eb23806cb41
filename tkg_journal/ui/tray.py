"""The app in the system tray: its icon and menu, closing the window to it, starting in
it at login, and quitting for real.

Closing to the tray hides the window; it does not lock. The journal's words leave the
screen with the window, and the key stays so that reminders keep coming (they need the
open journal: what is due is inside the encryption). Every lock rule still holds while
hidden: the idle lock (no input reaches a hidden window, so it counts down), the
desktop's screen lock and sleep, and Lock in the tray's menu. Locked, the icon says that
reminders wait for an unlock, because nothing due is known outside the encrypted journal.

Quit (the menu's, the window's, Ctrl+Q) goes through the window's close, so unsaved
writing is kept exactly as on any quit; while the window is hidden Qt must not quit on
its own when some other window (a quick capture) closes, so "quit on last window closed"
is off for as long as the window is in the tray.

The offscreen platform (and a bare Xvfb) has no tray: :func:`tray_available` and
:func:`new_tray_icon` are this module's two doors to the real one, and tests replace them.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QEventLoop, QObject, QTimer
from PySide6.QtGui import QAction, QCloseEvent
from PySide6.QtWidgets import QApplication, QMenu, QSystemTrayIcon

from tkg_journal.services import autostart
from tkg_journal.services.desktop_entry import installed_command
from tkg_journal.ui import main_actions as acts
from tkg_journal.ui import tray_texts as texts
from tkg_journal.ui.common.app_settings import AppSettings
from tkg_journal.ui.common.icons import app_icon, icon
from tkg_journal.ui.common.object_name import named
from tkg_journal.ui.desktop_preferences import DesktopPreferences

if TYPE_CHECKING:
    from tkg_journal.ui.main_window import MainWindow

#: How long the one-time notice stays up, where the desktop lets the app decide.
NOTICE_MS = 10_000


def tray_available() -> bool:
    """Whether the desktop shows tray icons now (never offscreen, nor under a bare X
    server: a panel or a StatusNotifier host must be running)."""
    return QSystemTrayIcon.isSystemTrayAvailable()


def new_tray_icon(parent: QObject) -> QSystemTrayIcon:
    return QSystemTrayIcon(app_icon(), parent)


def wait_for_tray(timeout_ms: int, poll_ms: int = 250) -> bool:
    """Whether a tray shows up within ``timeout_ms`` (at login the panel may start after
    the app); events keep being handled meanwhile."""
    deadline = time.monotonic() + timeout_ms / 1000
    loop = QEventLoop()
    while not tray_available():
        if time.monotonic() >= deadline:
            return False
        QTimer.singleShot(poll_ms, loop.quit)
        loop.exec()
    return True


class AppTray(QObject):
    """The tray icon and what it does to the main window. Signals: none (it drives the
    window through its public slots)."""

    def __init__(self, window: MainWindow, settings: AppSettings) -> None:
        super().__init__(window)
        self.setObjectName("appTray")
        self._window = window
        self._settings = settings
        self._icon: QSystemTrayIcon | None = None
        self._hidden = False  # the window is hidden in the tray (not closed, not quit)
        self._quitting = False
        self._drafts_waiting = False  # unlocked with no window: offer drafts when shown
        self.quit_app: Callable[[], None] = QApplication.quit  # tests record it instead
        # What coming out of the tray asks (an unlock, the drafts), once the slot that
        # showed the window has returned: it may run from a menu or a socket, and it is
        # modal. One timer, so a window hidden again before it runs asks nothing.
        self._welcome = QTimer(self)
        self._welcome.setSingleShot(True)
        self._welcome.setInterval(0)
        self._welcome.timeout.connect(self._welcome_back)
        # The menu is no child of the window: it opens from the tray with the window hidden.
        self.menu = named(QMenu(), "trayMenu")
        self.state_action = self._add("trayState", texts.LOCKED_STATE, None)
        self.state_action.setEnabled(False)  # a line of information, not a command
        self.menu.addSeparator()
        self.capture_action = self._add("trayQuickCapture", texts.QUICK_CAPTURE,
                                        self._quick_capture, acts.QUICK_CAPTURE.icon)
        self.attempt_action = self._add("trayLogAttempt", texts.LOG_ATTEMPT,
                                        self._log_attempt, acts.LOG_ATTEMPT.icon)
        self.menu.addSeparator()
        self.open_action = self._add("trayOpen", texts.OPEN, self.show_window)
        self.lock_action = self._add("trayLock", texts.LOCK, window.lock, acts.LOCK.icon)
        self.menu.addSeparator()
        self.quit_action = self._add("trayQuit", texts.QUIT, self.quit)
        window.locked.connect(self.sync)
        window.unlocked.connect(self.sync)
        window.destroyed.connect(self.menu.deleteLater)
        self._hears_quits = False
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.aboutToQuit.connect(self._app_quitting)
        # Made now if there is a tray: the reminders shown when the journal unlocks go
        # to this icon, not to one of the notifier's own.
        self.sync()

    def _add(self, name: str, text: str, slot: Callable[[], object] | None,
             icon_name: str | None = None) -> QAction:
        action = named(QAction(text, self.menu), name)
        if icon_name:
            action.setIcon(icon(icon_name))
        if slot is not None:
            action.triggered.connect(lambda _checked=False: slot())
        self.menu.addAction(action)
        return action

    # --- state ------------------------------------------------------------------------------
    @property
    def icon(self) -> QSystemTrayIcon | None:
        return self._icon

    @property
    def in_tray(self) -> bool:
        """The window is hidden in the tray."""
        return self._hidden

    def available(self) -> bool:
        return tray_available()

    def closes_to_tray(self) -> bool:
        return self._settings.keep_in_tray and self.available()

    def sync(self) -> None:
        """The icon, its tooltip and menu, after a lock, an unlock or a change of setting."""
        locked = self._window.journal is None
        self.state_action.setText(texts.LOCKED_STATE if locked else texts.UNLOCKED_STATE)
        self.capture_action.setText(texts.QUICK_CAPTURE_LOCKED if locked else texts.QUICK_CAPTURE)
        self.attempt_action.setText(texts.LOG_ATTEMPT_LOCKED if locked else texts.LOG_ATTEMPT)
        self.lock_action.setEnabled(not locked)
        self._hear_quits(self.closes_to_tray())
        if not self.available():
            return
        tray = self._ensure_icon()
        tray.setToolTip(texts.TOOLTIP_LOCKED if locked else texts.TOOLTIP_UNLOCKED)
        if self._hidden or self._settings.keep_in_tray:
            tray.show()
        elif locked:
            tray.hide()  # as the reminders' own icon did; shown again for the next one

    def _ensure_icon(self) -> QSystemTrayIcon:
        if self._icon is None:
            tray = self._icon = new_tray_icon(self)
            tray.setObjectName("trayIcon")
            tray.setContextMenu(self.menu)
            tray.activated.connect(self._activated)
            self._window.notifier.use_tray(tray, self.available)
            # A clicked reminder asks for the due list (the notifier's); the window must
            # be there to show it.
            tray.messageClicked.connect(self.show_window)
        return self._icon

    def _activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason in (QSystemTrayIcon.ActivationReason.Trigger,
                      QSystemTrayIcon.ActivationReason.DoubleClick):
            self.show_window()

    # --- the window's life ------------------------------------------------------------------
    def _hear_quits(self, hear: bool) -> None:
        """Only while closing hides: a filter on every event of the app costs time."""
        app = QApplication.instance()
        if app is None or hear == self._hears_quits:
            return
        if hear:
            app.installEventFilter(self)  # a quit from elsewhere (Ctrl+C, the Dock) is one
        else:
            app.removeEventFilter(self)
        self._hears_quits = hear

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Quit and watched is QApplication.instance():
            # Qt asks every window to close: this one closes for real. If one refuses, the
            # app goes on, and closing is back to its setting.
            self._quitting = True
            QTimer.singleShot(0, self._quit_refused)
        return False

    def _quit_refused(self) -> None:
        self._quitting = False

    def _app_quitting(self) -> None:
        """The app is ending (Qt closed only the visible windows): a window hidden in the
        tray still holds the journal, and closes now as on any quit."""
        if self._window.journal is not None:
            self._quitting = True
            try:
                self._window.close()
            finally:
                self._quitting = False

    def keeps_running(self, event: QCloseEvent) -> bool:
        """The window's close: hide it in the tray instead (True: ``event`` is ignored
        and the window hidden), when the setting is on, there is a tray, and this is not
        a quit."""
        if self._quitting or not self.closes_to_tray():
            return False
        event.ignore()
        self.hide_to_tray()
        return True

    def hide_to_tray(self) -> None:
        window = self._window
        if window.journal is not None:
            # Saved now, as a person closing a window expects; what cannot be saved yet
            # stays in the editor and its encrypted draft, and every lock or quit keeps it.
            window.coach_sessions_view.flush()
            window.journal_view.flush()
        self._hidden = True
        self._welcome.stop()
        QApplication.setQuitOnLastWindowClosed(False)
        window.hide()
        self.sync()
        self._notice_once()

    def start_hidden(self, *, notes: Sequence[str] = (), offer_drafts: bool = False) -> None:
        """Started at login: no window, only the icon. ``notes``: what settling a crash's
        leftovers did (said in a tray message, there being no window); ``offer_drafts``:
        offer the drafts a crash left when the window is first shown."""
        self._hidden = True
        self._drafts_waiting = offer_drafts
        QApplication.setQuitOnLastWindowClosed(False)
        self.sync()
        if notes and self._icon is not None:
            self._icon.showMessage(texts.START_NOTE_TITLE, " ".join(notes),
                                   QSystemTrayIcon.MessageIcon.Information, NOTICE_MS)

    def show_window(self) -> None:
        """Open: the window, shown and raised; coming out of the tray locked, it asks to
        unlock (the passphrase prompt waits for this, not for the login)."""
        window = self._window
        came_back = self._hidden or not window.isVisible()
        self._hidden = False
        QApplication.setQuitOnLastWindowClosed(True)
        if window.isMinimized():
            window.showNormal()
        else:
            window.show()
        window.raise_()
        window.activateWindow()
        self.sync()
        if came_back:
            self._welcome.start()

    def _welcome_back(self) -> None:
        window = self._window
        if not window.isVisible():
            return
        if window.journal is None:
            window.unlock()  # it offers the drafts itself
        elif self._drafts_waiting:
            self._drafts_waiting = False
            window.offer_drafts()

    def quit(self) -> None:
        """Quit for real: the window's close keeps unsaved writing (or asks, and may be
        refused: then nothing quits)."""
        self._quitting = True
        try:
            closed = self._window.close()
        finally:
            self._quitting = False
        if not closed:
            return
        self._hidden = False
        if self._icon is not None:
            self._icon.hide()
        self.quit_app()

    def _notice_once(self) -> None:
        settings = self._settings
        if settings.tray_notice_shown or self._icon is None:
            return
        self._icon.showMessage(texts.NOTICE_TITLE, texts.NOTICE_TEXT,
                               QSystemTrayIcon.MessageIcon.Information, NOTICE_MS)
        settings.tray_notice_shown = True
        settings.sync()

    # --- the tray's commands ----------------------------------------------------------------
    def _unlocked_then(self, command: Callable[[], object]) -> None:
        """``command`` on the open journal; locked, the usual unlock comes first (a
        passphrase is asked for, a keyring key is fetched), and a cancel does nothing."""
        window = self._window
        if window.journal is None:
            window.unlock()
            if window.journal is None:
                return
        command()

    def _quick_capture(self) -> None:
        self._unlocked_then(self._window.quick_capture)

    def _log_attempt(self) -> None:
        self._unlocked_then(self._window.log_attempt)

    # --- Preferences ▸ Desktop --------------------------------------------------------------
    def preferences_page(self) -> DesktopPreferences:
        login = autostart.LoginStart.for_user() if autostart.supported() else None
        return DesktopPreferences(self._settings, login, tray=self.available(),
                                  command=installed_command,
                                  data_dir=Path(self._window.paths.data_dir))
