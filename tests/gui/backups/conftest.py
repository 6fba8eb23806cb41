"""Backups in the app: a real main window over a real encrypted journal, and a clock for
the backup files so a test can take backups "on" the days it needs."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest

from tkg_journal.app import build_main_window
from tkg_journal.paths import JournalPaths
from tkg_journal.services.journal import Journal
from tkg_journal.storage import backup as backup_storage
from tkg_journal.ui.main_window import MainWindow

#: A Wednesday morning, local time, for backups taken on the test's clock.
DAY_ONE = datetime(2030, 5, 8, 10, 0).astimezone()


class BackupClock:
    """When backups are taken (their file names and manifests), settable by a test."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def advance(self, **delta: float) -> datetime:
        self.now += timedelta(**delta)
        return self.now


@pytest.fixture
def backup_clock(monkeypatch: pytest.MonkeyPatch) -> BackupClock:
    """``storage.backup`` reads the time as ``datetime.now(UTC)``: give it this clock."""
    clock = BackupClock(DAY_ONE)

    class ClockedDatetime(datetime):
        @classmethod
        def now(cls, tz=None):
            return clock.now.astimezone(tz or UTC)

    monkeypatch.setattr(backup_storage, "datetime", ClockedDatetime)
    return clock


@pytest.fixture
def window(qtbot, journal_paths: JournalPaths, journal: Journal) -> Iterator[MainWindow]:
    main = build_main_window(journal_paths, journal)
    main.show()
    qtbot.waitExposed(main)
    settle(qtbot, main)
    yield main
    main.journal_view.autosave.stop()
    main.journal_view.editor.set_modified(False)
    main.close()
    main.deleteLater()


def settle(qtbot, window: MainWindow, timeout: int = 20_000) -> None:
    """Wait until no backup work runs (the look at unlock, a backup, a pending one)."""
    qtbot.waitUntil(
        lambda: not window.backups.job.is_running() and window.backups._pending is None,
        timeout=timeout,
    )
