"""Timings of the Progress charts on a 10,000-entry demo journal (2+ years of data).

    python bench/charts_bench.py [--entries 10000] [--runs 7]

Builds a passphrase-protected journal with ``tkg-journal demo`` in a temp folder, then, in
this process: the time to the first chart (the lazy matplotlib import included: nothing
imports it before), the median time of each aggregation (SQL), and the median render of
each chart after the first (the service's aggregation, the figure's build and a full Agg
draw, as the Progress section does it), for all time and for the last 12 months; then the
median wall time of whole ``tkg-journal chart activity --out x.png`` processes. Machines
are shared and noisy: read medians, rerun when in doubt.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from bench_cli import PASSPHRASE, run_timed

RENDER_TARGET_MS = 300.0
FIRST_TARGET_S = 1.5


def median_ms(runs: int, action: Callable[[], Any]) -> float:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples) * 1000


def in_process(data_dir: Path, runs: int) -> None:
    assert "matplotlib" not in sys.modules
    from tkg_journal.domain.progress import Bucket, Period
    from tkg_journal.paths import JournalPaths
    from tkg_journal.services import journal_access
    from tkg_journal.services.progress import Progress

    with journal_access.unlock(JournalPaths(data_dir), passphrase=PASSPHRASE) as journal:
        progress = Progress(journal)
        today = journal.clock().date()
        all_time = Period()

        start = time.perf_counter()
        from matplotlib.backends.backend_agg import FigureCanvasAgg

        from tkg_journal.services import progress_charts

        def draw(name: str, period: Period) -> None:
            figure = progress_charts.render(progress, name, period=period, today=today)
            FigureCanvasAgg(figure).draw()

        draw("activity", all_time)
        first = time.perf_counter() - start
        print(f"first chart (activity, all time, matplotlib import included): "
              f"{first:.2f} s   target <= {FIRST_TARGET_S:g} s (Progress opened the first time)")

        print(f"\n{'aggregation (SQL), all time':<40}{'median':>10}")
        queries: list[tuple[str, Callable[[], Any]]] = [
            ("activity (month)", lambda: progress.activity(all_time, bucket=Bucket.MONTH)),
            ("activity (week)", lambda: progress.activity(all_time, bucket=Bucket.WEEK)),
            ("ratings", lambda: progress.ratings(all_time)),
            ("attempt_stats (month)",
             lambda: progress.attempt_stats(all_time, bucket=Bucket.MONTH)),
            ("feedback", lambda: progress.feedback(all_time)),
            ("strengths (90 days)", lambda: progress.strengths(today=today)),
            ("journaling_days", lambda: progress.journaling_days(all_time)),
            ("first_day", progress.first_day),
        ]
        for name, query in queries:
            print(f"{name:<40}{median_ms(runs * 3, query):>8.1f}ms")

        last_year = Period.last(months=12, today=today)
        print(f"\n{'chart render (data + build + Agg draw)':<40}{'all time':>10}"
              f"{'12 months':>11}{'target':>10}")
        for info in progress_charts.CHARTS:
            draw(info.name, all_time)  # this chart's own first draw (fonts, caches)
            whole = median_ms(runs, lambda n=info.name: draw(n, all_time))
            recent = median_ms(runs, lambda n=info.name: draw(n, last_year))
            verdict = "ok" if max(whole, recent) <= RENDER_TARGET_MS else "SLOW"
            print(f"{info.name:<40}{whole:>8.0f}ms{recent:>9.0f}ms"
                  f"{'<= ' + format(RENDER_TARGET_MS, 'g') + ' ms':>12}  {verdict}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=7)
    options = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="tkg-charts-bench-"))
    try:
        journal = work / "journal"
        start = time.perf_counter()
        run_timed(["demo", "--entries", str(options.entries), "--passphrase"], journal)
        print(f"journal: {options.entries:,} demo entries, built in "
              f"{time.perf_counter() - start:.1f} s; medians of {options.runs} runs; "
              f"today {date.today().isoformat()}\n")
        in_process(journal, options.runs)
        out = work / "x.png"
        samples = [run_timed(["chart", "activity", "--out", str(out)], journal)
                   for _ in range(max(3, options.runs // 2))]
        print(f"\n{'tkg-journal chart activity --out x.png':<40}"
              f"{statistics.median(samples):>9.2f}s  (whole process: start-up, Argon2id "
              "unlock, matplotlib import, render, PNG write)")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
