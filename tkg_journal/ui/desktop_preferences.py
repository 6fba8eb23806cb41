"""Preferences ▸ Desktop: start at login in the tray, and keep running in the tray when
the window is closed.

The first box shows whether the autostart entry is really there (the person may have
removed it, or switched it off in the desktop's own settings) and changes the file only
when OK is pressed and the choice differs from it; a failure says why on the page, and
the file stays as it was. The second is a setting of the app's; where the desktop shows
no tray icons it can do nothing, so it is off-limits there, with the reason.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QCheckBox, QLabel, QVBoxLayout, QWidget

from tkg_journal.services.autostart import LoginStart
from tkg_journal.services.desktop_entry import APP_ID
from tkg_journal.ui import tray_texts as texts
from tkg_journal.ui.common.app_settings import AppSettings
from tkg_journal.ui.common.messages import inline_error_label
from tkg_journal.ui.common.object_name import named
from tkg_journal.ui.common.preferences_page import PreferencesPage


def _note(text: str, name: str) -> QLabel:
    note = named(QLabel(text), name)
    note.setWordWrap(True)
    note.setForegroundRole(QPalette.ColorRole.PlaceholderText)
    note.setIndent(24)  # under its box's text, not its square
    return note


def _box(name: str, text: str, accessible: str, checked: bool) -> QCheckBox:
    box = named(QCheckBox(text), name)
    box.setAccessibleName(accessible)
    box.setChecked(checked)
    return box


class DesktopPreferences(PreferencesPage):
    """A page of the Preferences dialog; :meth:`save` stores what it shows.

    ``login``: the autostart entry, or None where the platform has none (the box is then
    off-limits, with the reason); ``tray``: whether the desktop shows tray icons;
    ``command``: the installed command to start (raises ``FileNotFoundError``).
    """

    title = texts.TAB

    def __init__(self, settings: AppSettings, login: LoginStart | None, *, tray: bool,
                 command: Callable[[], Path], data_dir: Path,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("desktopPreferences")
        self._settings = settings
        self._login = login
        self._command = command
        self._data_dir = data_dir
        self.login_box = _box("startAtLogin", texts.LOGIN, texts.LOGIN_NAME,
                              login is not None and login.is_enabled())
        self.keep_box = _box("keepInTray", texts.KEEP, texts.KEEP_NAME, settings.keep_in_tray)
        self.error = inline_error_label("desktopPreferencesError")
        self.error.hide()
        layout = QVBoxLayout(self)
        layout.addWidget(self.login_box)
        layout.addWidget(_note(texts.LOGIN_NOTE if login is not None else texts.LOGIN_NOT_HERE,
                               "startAtLoginNote"))
        layout.addWidget(self.keep_box)
        layout.addWidget(_note(texts.KEEP_NOTE if tray else texts.NO_TRAY, "keepInTrayNote"))
        layout.addWidget(self.error)
        layout.addStretch(1)
        if login is None:
            self.login_box.setEnabled(False)
            self.login_box.setToolTip(texts.LOGIN_NOT_HERE)
        if not tray:
            # What it would do cannot happen here; the stored choice is kept for a desktop
            # that has a tray (the same journal on another computer, a panel added later).
            self.keep_box.setEnabled(False)
            self.keep_box.setToolTip(texts.NO_TRAY)

    def save(self) -> bool:
        self.error.hide()
        login = self._login
        if login is not None and self.login_box.isChecked() != login.is_enabled():
            failure = self._change_login(login, start=self.login_box.isChecked())
            if failure:
                self.error.setText(failure)
                self.error.show()
                self.login_box.setFocus()
                return False
        if self.keep_box.isEnabled():
            self._settings.keep_in_tray = self.keep_box.isChecked()
        return True

    def _change_login(self, login: LoginStart, *, start: bool) -> str:
        """Write or remove the autostart entry; the message for the page if that failed."""
        try:
            if start:
                try:
                    command = self._command()
                except FileNotFoundError:
                    return texts.LOGIN_NO_COMMAND.format(command=APP_ID)
                login.enable(command, self._data_dir)
            else:
                login.disable()
        except OSError as error:
            reason = error.strerror or str(error)
            where = error.filename or login.entry
            return texts.LOGIN_FAILED.format(reason=f"{where}: {reason}")
        return ""
