"""Preferences: when the journal locks itself, and where it lives; and pages that
features add (Backups), each a tab with its own ``save()``."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from tkg_journal.paths import JournalPaths
from tkg_journal.ui.common.app_settings import (
    MAX_CHECKIN_EVERY_DAYS,
    MAX_IDLE_LOCK_MINUTES,
    AppSettings,
)
from tkg_journal.ui.common.object_name import named
from tkg_journal.ui.common.preferences_page import PreferencesPage


class PreferencesDialog(QDialog):
    def __init__(self, settings: AppSettings, paths: JournalPaths,
                 parent: QWidget | None = None,
                 pages: Sequence[PreferencesPage] = ()) -> None:
        super().__init__(parent)
        self.setObjectName("preferencesDialog")
        self.setWindowTitle("Preferences")
        self._settings = settings
        self.idle_minutes = named(QSpinBox(), "idleLockMinutes")
        self.idle_minutes.setRange(0, MAX_IDLE_LOCK_MINUTES)
        self.idle_minutes.setSpecialValueText("Never")
        self.idle_minutes.setSuffix(" min")
        self.idle_minutes.setValue(settings.idle_lock_minutes)
        self.idle_minutes.setAccessibleName("Lock after this many idle minutes")
        self.checkin_days = named(QSpinBox(), "checkinEveryDays")
        self.checkin_days.setRange(0, MAX_CHECKIN_EVERY_DAYS)
        self.checkin_days.setSpecialValueText("Never")
        self.checkin_days.setSuffix(" days")
        self.checkin_days.setValue(settings.checkin_every_days)
        self.checkin_days.setAccessibleName("Remind me to rate my levels every this many days")
        folder = named(QLabel(str(paths.data_dir)), "dataFolder")
        folder.setTextInteractionFlags(folder.textInteractionFlags().TextSelectableByMouse)
        self._pages = list(pages)
        general = QWidget()
        form = QFormLayout(general)
        label = QLabel("&Lock when idle for")
        label.setBuddy(self.idle_minutes)
        form.addRow(label, self.idle_minutes)
        checkin_label = QLabel("&Remind me to rate my levels every")
        checkin_label.setBuddy(self.checkin_days)
        form.addRow(checkin_label, self.checkin_days)
        form.addRow("Journal folder", folder)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("preferencesTabs")
        self.tabs.setTabBarAutoHide(True)  # no lone "General" tab while the journal is locked
        self.tabs.addTab(general, "&General")
        for page in self._pages:
            self.tabs.addTab(page, page.title)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(buttons)

    def accept(self) -> None:
        for page in self._pages:
            if not page.save():
                self.tabs.setCurrentWidget(page)  # it says why on the page
                return
        self._settings.idle_lock_minutes = self.idle_minutes.value()
        self._settings.checkin_every_days = self.checkin_days.value()
        self._settings.sync()
        super().accept()
