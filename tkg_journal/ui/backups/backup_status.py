"""The backup line in the main window's status bar: "Last backup: today 09:12", or a
progress bar while a backup is being made."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtWidgets import QHBoxLayout, QProgressBar, QWidget

from tkg_journal.ui.backups import backup_texts as texts
from tkg_journal.ui.common.object_name import named
from tkg_journal.ui.common.value_label import ValueLabel

PROGRESS_WIDTH = 110


class BackupStatus(QWidget):
    """Empty while the journal is locked (it says nothing then)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("backupStatusArea")
        self.label = named(ValueLabel(texts.STATUS_NAME), "backupStatus")
        self.progress = named(QProgressBar(), "backupProgress")
        self.progress.setAccessibleName(texts.PROGRESS_NAME)
        self.progress.setTextVisible(False)
        self.progress.setMaximumWidth(PROGRESS_WIDTH)
        self.progress.hide()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.progress)
        layout.addWidget(self.label)

    def text(self) -> str:
        return self.label.text()

    def show_running(self) -> None:
        self.label.setText(texts.BACKING_UP)
        self.progress.setRange(0, 0)  # busy until the copy reports its pages
        self.progress.show()

    def set_progress(self, done: int, total: int) -> None:
        if total > 0 and done < total:
            self.progress.setRange(0, total)
            self.progress.setValue(done)
        else:  # copied: it is being verified and written, which reports no steps
            self.progress.setRange(0, 0)

    def show_last(self, last: datetime | None, path: Path | None, *, now: datetime) -> None:
        self.progress.hide()
        when = texts.NO_BACKUP_YET if last is None else texts.LAST_BACKUP.format(
            when=texts.when_words(last, now)
        )
        self.label.setText(when)
        self.label.setToolTip(texts.LAST_BACKUP_TIP.format(path=path) if path else "")

    def clear(self) -> None:
        self.progress.hide()
        self.label.clear()
        self.label.setToolTip("")
