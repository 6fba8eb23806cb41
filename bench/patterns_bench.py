"""Patterns timings (issue 19), next to their targets.

    python bench/patterns_bench.py [--runs 9] [--large 100000] [--fresh]

Two demo journals (passphrase mode) are built once and kept in /tmp/tkg-patterns-bench-N
(``--fresh`` builds them again; the 100,000-entry one takes a minute or two). Prints:

* whole ``tkg-journal patterns --format json`` processes on 10,000 entries (start-up,
  Argon2id unlock, the report, JSON out, exit), and the text report: medians;
* the service call in process on the large journal, as a Patterns page would fill:
  people, feelings and root hints (``PatternQuery.parts``) over the last 3 months (the
  Progress section's default range), the last year and all time; and the whole report
  (all five parts) over all time. Median and max of wall time, and the median CPU time
  (the machines are shared: CPU time is the steadier figure).

A warm-up run goes first: the first command of the day takes the daily backup.
"""

from __future__ import annotations

import argparse
import statistics
import time
from datetime import timedelta
from pathlib import Path

from bench_cli import PASSPHRASE, demo_journal, run_timed

PROCESS_TARGET_S = 0.5
PAGE_TARGET_MS = 300.0


def whole_processes(journal: Path, runs: int) -> None:
    run_timed(["patterns", "--format", "json"], journal)  # the day's backup, caches
    for label, args in (
        ("patterns --format json", ["patterns", "--format", "json"]),
        ("patterns (text)", ["patterns"]),
    ):
        times = [run_timed(args, journal) for _ in range(runs)]
        median = statistics.median(times)
        verdict = "ok" if median <= PROCESS_TARGET_S else "OVER"
        print(f"  {label:<28} median {median:.2f} s  (min {min(times):.2f})  "
              f"target <= {PROCESS_TARGET_S} s  {verdict}")


def in_process(journal: Path, runs: int) -> None:
    from tkg_journal.domain.patterns import ALL_PARTS, PatternPart, PatternQuery
    from tkg_journal.domain.progress import Period
    from tkg_journal.paths import JournalPaths
    from tkg_journal.services import journal_access
    from tkg_journal.services.patterns import Patterns

    page = frozenset({PatternPart.PEOPLE, PatternPart.FEELINGS, PatternPart.HINTS})
    # Opening a journal built by an older version migrates it first (schema 9 adds the
    # index the page reads through): say what was measured, so no figure is taken from a
    # journal without it.
    with journal_access.unlock(JournalPaths(journal), passphrase=PASSPHRASE) as opened:
        indexed = opened.db.scalar(
            "SELECT count(*) FROM sqlite_master WHERE name = 'entries_for_patterns'"
        )
        print(f"  (schema {opened.db.schema_version}, "
              f"{'with' if indexed else 'WITHOUT'} the patterns index)")
        patterns = Patterns(opened)
        today = opened.clock().date()
        cases = [
            ("page, last 3 months", PatternQuery(period=Period.last(months=3, today=today),
                                                 parts=page), True),
            ("page, last year", PatternQuery(period=Period.last(months=12, today=today),
                                             parts=page), True),
            ("page, all time", PatternQuery(parts=page), True),
            ("whole report, all time", PatternQuery(parts=ALL_PARTS), False),
            ("whole report, last 90 days", PatternQuery(
                period=Period(since=today - timedelta(days=89)), parts=ALL_PARTS), False),
        ]
        for label, query, targeted in cases:
            patterns.report(query)  # warm-up: imports, the stem cache
            walls, cpus = [], []
            for _ in range(runs):
                wall, cpu = time.perf_counter(), time.process_time()
                patterns.report(query)
                walls.append(1000 * (time.perf_counter() - wall))
                cpus.append(1000 * (time.process_time() - cpu))
            median = statistics.median(walls)
            target = (f"target <= {PAGE_TARGET_MS:.0f} ms  "
                      f"{'ok' if median <= PAGE_TARGET_MS else 'OVER'}") if targeted else ""
            print(f"  {label:<28} median {median:6.0f} ms  max {max(walls):6.0f}  "
                  f"cpu {statistics.median(cpus):6.0f} ms  {target}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--large", type=int, default=100_000)
    parser.add_argument("--fresh", action="store_true")
    args = parser.parse_args()
    small = demo_journal("patterns-bench", 10_000, fresh=args.fresh)
    print("10,000 entries, whole process:")
    whole_processes(small, args.runs)
    large = demo_journal("patterns-bench", args.large, fresh=args.fresh)
    print(f"{args.large:,} entries, the service in process:")
    in_process(large, args.runs)


if __name__ == "__main__":
    main()
