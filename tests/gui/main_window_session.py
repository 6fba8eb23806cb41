"""The main window as a test uses it: built on a journal, shown, active (the keys go to
it), and afterwards closed without a question about unsaved writing."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from tkg_journal.app import build_main_window
from tkg_journal.paths import JournalPaths
from tkg_journal.services.journal import Journal
from tkg_journal.ui.main_window import MainWindow


@contextmanager
def active_main_window(qtbot, paths: JournalPaths, journal: Journal) -> Iterator[MainWindow]:
    main = build_main_window(paths, journal)
    main.show()
    qtbot.waitExposed(main)
    main.activateWindow()
    qtbot.waitUntil(main.isActiveWindow)
    try:
        yield main
    finally:
        main.journal_view.autosave.stop()
        main.journal_view.editor.set_modified(False)
        main.close()
        main.deleteLater()
