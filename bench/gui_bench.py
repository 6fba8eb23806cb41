"""Desktop app timings on a 10,000-entry demo journal (offscreen Qt).

    python bench/gui_bench.py [--entries 10000] [--runs 9]

Prints, next to the targets of issue 3:

* start-up: median of whole ``tkg-journal --startup-time`` processes (process start to the
  first paint of the main window with the entry list filled; passphrase mode, so ~0.1 s
  of each is Argon2id by design), and whether matplotlib was imported on that path;
* search as you type: from a key press in the search field to the updated list, in
  process, over several words typed letter by letter;
* opening an entry: from selecting a row to the editor showing it;
* Progress ▸ Patterns fill: from asking (the range changed) to the page filled, in
  process: the report computed off the GUI thread on its own connection (people, feelings
  and root hints only), then the hint cards, the people table and the bars filled and
  painted. Over the last 3 months (the section's default range) and all time; median of
  runs, and the longest. ``--patterns-only`` measures only this (on a bigger journal,
  ``--entries 100000``, without the minutes the other figures take there);
* resident memory with all 10,000 rows loaded into the list.

Machines are shared and noisy: read medians, compare ratios, rerun when in doubt.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench_cli import PASSPHRASE, command
from bench_cli import environment as timed_environment

WORDS = ["budget", "defensive", "delegation", "feedback", "trust", "listened"]
PATTERNS_TARGET_MS = 300.0
#: The Patterns page's ranges timed: (label, index in the section's range box).
PATTERN_RANGES = (("last 3 months", 0), ("all time", 3))


def environment() -> dict[str, str]:
    return timed_environment(QT_QPA_PLATFORM="offscreen")


def build_journal(data_dir: Path, entries: int) -> None:
    subprocess.run([*command(), "--data-dir", str(data_dir), "demo", "--entries", str(entries),
                    "--passphrase"], env=environment(), check=True, stdout=subprocess.DEVNULL)


def startup_ms(data_dir: Path) -> float:
    done = subprocess.run([*command(), "--data-dir", str(data_dir), "--startup-time"],
                          env=environment(), check=True, capture_output=True, text=True)
    match = re.match(r"(\d+) ms", done.stdout)
    if not match:
        raise SystemExit(f"unexpected --startup-time output: {done.stdout!r} {done.stderr!r}")
    return float(match.group(1))


def matplotlib_on_startup_path(data_dir: Path) -> bool:
    probe = (
        "import sys\nfrom tkg_journal.cli import main\n"
        f"main(['--data-dir', {str(data_dir)!r}, '--startup-time'])\n"
        "print('matplotlib' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], env=environment(), check=True,
                          capture_output=True, text=True)
    return done.stdout.strip().splitlines()[-1] == "True"


def rss_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def patterns_fill_ms(window: object, runs: int) -> dict[str, tuple[float, float]]:
    """Median and longest fill of Progress ▸ Patterns per range, in ms (the section and
    its tab shown first: the first report warms the caches, as a user's first look does)."""
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from tkg_journal.ui.main_window import MainWindow

    assert isinstance(window, MainWindow)
    app = QApplication.instance()
    assert app is not None
    progress = window.progress_view
    window.show_section(2)
    progress.show_patterns()

    loader = progress.patterns_page.loader

    def settle() -> None:
        # Wait in an event loop, as the app does: polling here would take the GIL from
        # the worker computing the report, and time the polling.
        if progress.is_busy():
            loop = QEventLoop()
            loader.loaded.connect(loop.quit)  # after the page's own slot: the page is filled
            loader.failed.connect(loop.quit)
            guard = QTimer(loop, singleShot=True, interval=60_000)  # a bug must not hang it
            guard.timeout.connect(loop.quit)
            guard.start()
            loop.exec()
            loader.loaded.disconnect(loop.quit)
            loader.failed.disconnect(loop.quit)
        app.processEvents()  # the filled page painted

    settle()
    found: dict[str, tuple[float, float]] = {}
    for label, index in PATTERN_RANGES:
        progress.range_combo.setCurrentIndex(index)
        progress.refresh()
        settle()
        fills = []
        for _ in range(runs):
            start = time.perf_counter()
            progress.refresh()  # what a change of range or level does, once it settles
            settle()
            fills.append(time.perf_counter() - start)
            assert progress.patterns_page.report is not None
        found[label] = (statistics.median(fills) * 1000, max(fills) * 1000)
    progress.range_combo.setCurrentIndex(0)
    window.show_section(0)
    app.processEvents()
    return found


def print_patterns(entries: int, fills: dict[str, tuple[float, float]]) -> None:
    for label, (median, longest) in fills.items():
        verdict = "ok" if median <= PATTERNS_TARGET_MS else "OVER"
        print(f"Patterns page fill, {label:<14} median {median:6.0f} ms   (target <= "
              f"{PATTERNS_TARGET_MS:.0f} ms at 100,000 entries; max {longest:.0f}) "
              f"{verdict} at {entries:,}")


def patterns_only(data_dir: Path, runs: int) -> dict[str, tuple[float, float]]:
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtWidgets import QApplication

    from tkg_journal.app import build_main_window
    from tkg_journal.paths import JournalPaths
    from tkg_journal.services import journal_access

    app = QApplication.instance() or QApplication([])
    paths = JournalPaths(data_dir)
    window = build_main_window(paths, journal_access.unlock(paths, passphrase=PASSPHRASE))
    window.show()
    app.processEvents()
    fills = patterns_fill_ms(window, runs)
    window.close()
    return fills


def in_process(
    data_dir: Path, runs: int
) -> tuple[dict[str, float], dict[str, tuple[float, float]]]:
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtCore import QModelIndex, Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from tkg_journal.app import build_main_window
    from tkg_journal.paths import JournalPaths
    from tkg_journal.services import journal_access

    app = QApplication.instance() or QApplication([])
    paths = JournalPaths(data_dir)
    journal = journal_access.unlock(paths, passphrase=PASSPHRASE)
    window = build_main_window(paths, journal)
    window.show()
    app.processEvents()
    view = window.journal_view
    search = view.filter_bar.search

    keystrokes = []
    for _ in range(runs):
        for word in WORDS:
            search.clear()
            app.processEvents()
            for letter in word:
                start = time.perf_counter()
                QTest.keyClick(search, letter)
                app.processEvents()  # the list has repainted with the new rows
                keystrokes.append(time.perf_counter() - start)
    search.clear()
    app.processEvents()

    openings = []
    for i in range(runs * 10):
        row = (i * 37) % view.model.rowCount()
        start = time.perf_counter()
        view.list.setCurrentIndex(view.model.index(row))
        app.processEvents()
        openings.append(time.perf_counter() - start)
        assert view.editor.draft().entry_id == view.model.summary(row).id

    # Opening the Progress section the first time: the lazy matplotlib import, then every
    # chart drawn (off the GUI thread) and shown.
    progress = window.progress_view
    start = time.perf_counter()
    window.show_section(2)
    while not (progress.panels and not progress.is_busy()
               and all(panel.figure is not None for panel in progress.panels.values())):
        app.processEvents()
        time.sleep(0.002)
    progress_first_open = time.perf_counter() - start
    window.show_section(0)
    app.processEvents()
    patterns = patterns_fill_ms(window, runs)

    while view.model.canFetchMore(QModelIndex()):
        view.model.fetchMore(QModelIndex())
    view.list.scrollToBottom()
    app.processEvents()
    rows = view.model.rowCount()
    memory = rss_mb()
    QTest.keyClick(view.list, Qt.Key.Key_Home)
    window.close()
    return {
        "keystroke_ms": statistics.median(keystrokes) * 1000,
        "keystroke_p90_ms": statistics.quantiles(keystrokes, n=10)[-1] * 1000,
        "open_ms": statistics.median(openings) * 1000,
        "progress_s": progress_first_open,
        "rss_mb": memory,
        "rows": rows,
    }, patterns


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--patterns-only", action="store_true",
                        help="only the Patterns page's fill (quick on a 100,000-entry journal)")
    options = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="tkg-gui-bench-"))
    try:
        data_dir = work / "journal"
        build_journal(data_dir, options.entries)
        if options.patterns_only:
            print(f"{options.entries:,}-entry demo journal, {options.runs} runs, offscreen")
            print_patterns(options.entries, patterns_only(data_dir, options.runs))
            return 0
        startup_ms(data_dir)  # warm the file cache
        startups = [startup_ms(data_dir) for _ in range(options.runs)]
        matplotlib_loaded = matplotlib_on_startup_path(data_dir)
        figures, patterns = in_process(data_dir, max(3, options.runs // 3))
        print(f"{options.entries:,}-entry demo journal, {options.runs} runs, offscreen")
        print(f"start-up to first filled paint   median {statistics.median(startups):6.0f} ms"
              f"   (target <= 1200 ms; min {min(startups):.0f}, max {max(startups):.0f})")
        print(f"matplotlib imported at start-up  {'YES' if matplotlib_loaded else 'no'}"
              "   (target: no)")
        print(f"search keystroke -> updated list median {figures['keystroke_ms']:5.1f} ms"
              f"   (target <= 50 ms; p90 {figures['keystroke_p90_ms']:.1f})")
        print(f"open an entry                    median {figures['open_ms']:6.1f} ms"
              "   (target <= 30 ms)")
        print(f"Progress section, first open     {figures['progress_s']:6.2f} s"
              "    (target <= 1.5 s; matplotlib import + all six charts drawn)")
        print_patterns(options.entries, patterns)
        print(f"resident memory, {figures['rows']:,.0f} rows loaded  {figures['rss_mb']:6.0f} MB"
              "   (target <= 300 MB)")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
