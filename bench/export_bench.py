"""Whole-process timings of the pre-session summary export on a 10,000-entry demo journal.

    python bench/export_bench.py [--entries 10000] [--runs 5]

Builds a passphrase-protected demo journal in a temp folder, then times whole
``tkg-journal export`` processes (start-up, Argon2id unlock, SQL, charts, layout, write) for
the last three months: Markdown (with its chart PNGs, and without charts), HTML and PDF with
charts. Targets from issue 6: Markdown <= 1 s, PDF with charts <= 3 s. Machines are shared
and noisy: read medians, rerun when in doubt.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from bench_cli import run_timed

TARGETS = {"md": 1.0, "pdf": 3.0}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    options = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="tkg-export-bench-"))
    try:
        journal = work / "journal"
        start = time.perf_counter()
        run_timed(["demo", "--entries", str(options.entries), "--passphrase"], journal)
        since = (date.today() - timedelta(days=91)).isoformat()
        print(f"journal: {options.entries:,} demo entries, built in "
              f"{time.perf_counter() - start:.1f} s; three-month summary since {since}; "
              f"medians of {options.runs} whole processes\n")
        cases = [
            ("Markdown with charts", "md", []),
            ("Markdown without charts", "md", ["--no-charts"]),
            ("HTML with charts", "html", []),
            ("PDF with charts", "pdf", []),
            ("PDF without charts", "pdf", ["--no-charts"]),
        ]
        print(f"{'export':<28}{'median':>9}{'min':>8}{'target':>10}")
        for label, fmt, extra in cases:
            out = work / f"summary.{fmt}"
            args = ["export", "--since", since, "--format", fmt, "-o", str(out), *extra]
            run_timed(args, journal)  # warm the page cache and the font cache
            samples = [run_timed(args, journal) for _ in range(options.runs)]
            target = TARGETS.get(fmt)
            median = statistics.median(samples)
            verdict = "" if target is None else ("ok" if median <= target else "SLOW")
            shown = f"<= {target:g} s" if target else "-"
            print(f"{label:<28}{median:>8.2f}s{min(samples):>7.2f}s{shown:>10}  {verdict}")
        size = (work / "summary.pdf").stat().st_size
        print(f"\nPDF size: {size / 1024:.0f} KiB")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
