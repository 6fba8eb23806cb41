"""Re-encryption timings: whole ``tkg-journal rekey --yes`` processes on demo journals.

    python bench/rekey_bench.py [--sizes 10000 100000] [--runs 5] [--fresh]

Each journal (passphrase mode) is built once with ``tkg-journal demo --entries N
--passphrase`` and kept in /tmp/tkg-rekey-bench-N/master (``--fresh`` builds it again).
Every run re-encrypts a fresh copy of it (the copy is not timed), so each run does the
same work: start-up, three Argon2id runs (unlock, the passphrase checked again, the new
passphrase slot), the backup taken first, the copy under the new key, its check, the swap.

Prints, per size: the median (and min, max) of whole processes, the database's size, and
one in-process run split by stage (from the service's progress reports).

Machines are shared and noisy: read medians, compare ratios, rerun when in doubt.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import time
from pathlib import Path

from bench_cli import PASSPHRASE, demo_journal, run_timed


def master(entries: int, fresh: bool) -> Path:
    """The demo journal of ``entries`` entries, built on first use and then reused."""
    return demo_journal("rekey-bench", entries, fresh=fresh, folder_name="master")


def fresh_copy(journal: Path) -> Path:
    work = journal.parent / "work"
    shutil.rmtree(work, ignore_errors=True)
    shutil.copytree(journal, work)
    return work


def whole_processes(journal: Path, runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        work = fresh_copy(journal)
        times.append(run_timed(["rekey", "--yes"], work))
    return times


def stages(journal: Path) -> dict[str, float]:
    """Seconds per stage of one re-encryption in this process (after the unlock)."""
    from tkg_journal.paths import JournalPaths
    from tkg_journal.services import journal_access, rekey

    paths = JournalPaths(fresh_copy(journal))
    key = journal_access.unlock_key(paths, passphrase=PASSPHRASE)
    marks: list[tuple[str, float]] = []

    def note(stage: rekey.Stage, _fraction: float) -> None:
        if not marks or marks[-1][0] != stage.value:
            marks.append((stage.value, time.perf_counter()))

    start = time.perf_counter()
    rekey.rekey(paths, key=key, passphrase=PASSPHRASE, progress=note)
    end = time.perf_counter()
    spent = {}
    for (name, began), (_, ended) in zip(marks, [*marks[1:], ("end", end)], strict=True):
        spent[name] = ended - began
    spent["total in process"] = end - start
    return spent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--fresh", action="store_true")
    args = parser.parse_args()
    for entries in args.sizes:
        journal = master(entries, args.fresh)
        megabytes = (journal / "journal.db").stat().st_size / 1e6
        times = whole_processes(journal, args.runs)
        print(
            f"\n{entries:,} entries ({megabytes:.0f} MB): `tkg-journal rekey --yes` median "
            f"{statistics.median(times):.2f} s (min {min(times):.2f}, max {max(times):.2f}, "
            f"{len(times)} runs)"
        )
        for name, seconds in stages(journal).items():
            print(f"  {name:<36} {seconds:6.2f} s")


if __name__ == "__main__":
    main()
