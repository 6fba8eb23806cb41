"""Backup and restore timings on a 10,000-entry demo journal.

    python bench/backup_bench.py [--entries 10000] [--runs 7] [--fresh]

The journal (passphrase mode) is built once with ``tkg-journal demo`` and kept in
/tmp/tkg-backup-bench-N (``--fresh`` builds it again). Prints medians of whole
processes (start-up, Argon2id unlock, the work, exit), next to issue 14's targets:

* ``tkg-journal backup``: online copy, integrity check, archive, read back, rename;
* ``tkg-journal restore FILE`` into an empty folder (a new machine);
* ``tkg-journal restore --yes FILE`` over the journal (which is backed up first).

Machines are shared and noisy: read medians, compare ratios, rerun when in doubt.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
from pathlib import Path

from bench_cli import command, demo_journal, run_timed

TARGET_S = 2.0


def journal_dir(entries: int, fresh: bool) -> Path:
    # The first command of the day takes the day's backup; take it while building.
    day_backup = (["list", "--limit", "1"], None)
    return demo_journal("backup-bench", entries, fresh=fresh, then=[day_backup])


def newest_backup(folder: Path) -> Path:
    return max(folder.glob("*.tkgbackup"), key=lambda path: path.stat().st_mtime)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--fresh", action="store_true", help="build the journal again")
    options = parser.parse_args()
    journal = journal_dir(options.entries, options.fresh)
    scratch = journal.parent / "scratch"
    shutil.rmtree(scratch, ignore_errors=True)
    backups = scratch / "backups"

    taking = [run_timed(["backup", "--to", str(backups)], journal) for _ in range(options.runs)]
    saved = newest_backup(backups)
    size = saved.stat().st_size / 2**20

    into_empty = []
    for number in range(options.runs):
        target = scratch / f"new-machine-{number}"
        into_empty.append(run_timed(["restore", str(saved)], target))
        shutil.rmtree(target)

    over = []
    for number in range(options.runs):
        target = scratch / f"over-{number}"
        shutil.copytree(journal, target, ignore=shutil.ignore_patterns("backups"))
        over.append(run_timed(["restore", "--yes", str(saved)], target))
        shutil.rmtree(target)

    print(
        f"journal: {options.entries:,} demo entries; backup file {size:.1f} MB; "
        f"medians of {options.runs} whole `{' '.join(command())}` processes\n"
    )
    print(f"{'operation':<52}{'median':>9}{'min':>8}{'target':>10}")
    for label, samples in (
        ("tkg-journal backup", taking),
        ("tkg-journal restore FILE (into an empty folder)", into_empty),
        ("tkg-journal restore --yes FILE (over the journal)", over),
    ):
        median = statistics.median(samples)
        verdict = "ok" if median <= TARGET_S else "SLOW"
        target = f"<= {TARGET_S:g} s"
        print(f"{label:<52}{median:>8.2f}s{min(samples):>7.2f}s{target:>10}  {verdict}")
    shutil.rmtree(scratch, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
