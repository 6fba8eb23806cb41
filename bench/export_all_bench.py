"""Whole-process timings and memory of the whole-journal export and its re-import.

    python bench/export_all_bench.py [--entries 10000] [--runs 5] [--memory 10000,30000,100000]

Builds a passphrase-protected demo journal (``demo_journal``, reused between runs), then
times whole ``tkg-journal`` processes: ``export-all --format json`` of it, and
``import json`` of that file into a new, empty journal (each import gets its own). Then the
peak resident memory of ``export-all --format json`` (the child's ``ru_maxrss``) on demo
journals of each ``--memory`` size: it should stay flat, as the export streams. Targets
(issue 17): export <= 3 s and import <= 10 s at 10,000 entries; export < 300 MB at
100,000. Machines are shared and noisy: read medians, rerun when in doubt.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import tempfile
from pathlib import Path

from bench_cli import command, demo_journal, environment, run_timed

TARGETS = {"export": 3.0, "import": 10.0}
MEMORY_TARGET_MB = 300


def peak_memory_mb(args: list[str], data_dir: Path) -> float:
    """The peak resident memory of one whole ``tkg-journal`` process, in MB."""
    pid = os.fork()
    if pid == 0:  # the child: becomes the command, so its rusage is the command's alone
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, 1)
            os.dup2(devnull, 2)
            argv = [*command(), "--data-dir", str(data_dir), *args]
            os.execve(argv[0], argv, environment())
        finally:
            os._exit(127)
    _, status, usage = os.wait4(pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        raise subprocess.CalledProcessError(os.waitstatus_to_exitcode(status), args)
    return usage.ru_maxrss / 1024  # Linux reports KiB


def _line(label: str, samples: list[float], target: float) -> str:
    median = statistics.median(samples)
    verdict = "ok" if median <= target else "SLOW"
    return f"{label:<34}{median:>8.2f}s{min(samples):>7.2f}s{f'<= {target:g} s':>10}  {verdict}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--memory", default="10000,30000,100000",
                        help="journal sizes to measure the export's peak memory on")
    parser.add_argument("--fresh", action="store_true", help="build the demo journals again")
    options = parser.parse_args()
    journal = demo_journal("export-all", options.entries, fresh=options.fresh)
    work = Path(tempfile.mkdtemp(prefix="tkg-export-all-bench-"))
    try:
        out = work / "journal.json"
        export = ["export-all", "--format", "json", "-o", str(out)]
        run_timed(export, journal)  # warm the page cache
        print(f"journal: {options.entries:,} demo entries; medians of {options.runs} "
              "whole processes\n")
        print(f"{'command':<34}{'median':>9}{'min':>8}{'target':>10}")
        print(_line("export-all --format json", [run_timed(export, journal)
                                                 for _ in range(options.runs)],
                    TARGETS["export"]))
        print(f"{'  (file size)':<34}{out.stat().st_size / 2**20:>8.1f} MB")
        samples = []
        for run in range(options.runs):
            empty = work / f"empty-{run}"
            run_timed(["init", "--passphrase"], empty)
            samples.append(run_timed(["import", "json", str(out)], empty) )
            shutil.rmtree(empty)
        print(_line("import json (into an empty journal)", samples, TARGETS["import"]))
        print(f"\n{'peak memory of export-all json':<34}{'entries':>9}{'MB':>8}{'target':>10}")
        for size in (int(text) for text in options.memory.split(",") if text):
            folder = demo_journal("export-all", size, fresh=False)
            target_out = work / f"memory-{size}.json"
            megabytes = peak_memory_mb(
                ["export-all", "--format", "json", "-o", str(target_out)], folder
            )
            verdict = "ok" if megabytes < MEMORY_TARGET_MB else "HIGH"
            print(f"{'':<34}{size:>9,}{megabytes:>8.0f}{f'< {MEMORY_TARGET_MB} MB':>10}  "
                  f"{verdict}")
            target_out.unlink()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))  # a crashed child leaves no core file
    raise SystemExit(main())
