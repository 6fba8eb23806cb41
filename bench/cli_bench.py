"""Whole-process timings of the command line on a 10,000-entry demo journal.

    python bench/cli_bench.py [--entries 10000] [--runs 9]

Builds a passphrase-protected journal with ``tkg-journal demo`` in a temp folder, then
prints the median wall time of complete ``tkg-journal`` processes (start-up, Argon2id
unlock, query, exit), next to the targets. Machines are shared and noisy: read medians,
compare ratios, rerun when in doubt. The passphrase mode is the slower one (Argon2id
takes ~0.1 s by design); keyring mode skips it.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

from bench_cli import PASSPHRASE, command, environment, run_timed

QUERIES = ["budget", "defensive", "delegat", "feedback manager", "team trust"]


def median_of(runs: int, make_args: object, data_dir: Path) -> float:
    samples = [run_timed(make_args(i), data_dir) for i in range(runs)]  # type: ignore[operator]
    return statistics.median(samples)


def active_experiment(data_dir: Path) -> str:
    """The id of an active experiment in the demo journal (attempts go only on those)."""
    env = environment()
    out = subprocess.run([*command(), "--data-dir", str(data_dir), "experiment", "list",
                          "--status", "active", "--format", "json"], env=env, check=True,
                         capture_output=True, text=True).stdout
    return str(json.loads(out)[0]["id"])


def jrnl_export(path: Path, count: int) -> Path:
    entries = [{"date": f"20{20 + i % 6}-{1 + i % 12:02d}-{1 + i % 28:02d}",
                "time": f"{7 + i % 12:02d}:{i % 60:02d}", "title": f"Imported note {i}",
                "body": f"Met the team about the roadmap, item {i}. It went better than "
                        "last time; I listened before answering.",
                "tags": ["@work", "@growth"] if i % 3 else ["@work"], "starred": i % 9 == 0}
               for i in range(count)]
    path.write_text(json.dumps({"tags": {}, "entries": entries}))
    return path


def in_process_search(data_dir: Path, runs: int) -> float:
    from tkg_journal.paths import JournalPaths
    from tkg_journal.services import journal_access

    with journal_access.unlock(JournalPaths(data_dir), passphrase=PASSPHRASE) as journal:
        journal.search("warm-up")
        samples = []
        for i in range(runs * 5):
            start = time.perf_counter()
            journal.search(QUERIES[i % len(QUERIES)], limit=20)
            samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=9)
    options = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="tkg-bench-"))
    try:
        journal = work / "journal"
        start = time.perf_counter()
        run_timed(["demo", "--entries", str(options.entries), "--passphrase"], journal)
        build = time.perf_counter() - start
        runs = options.runs
        results = [
            ("add", median_of(runs, lambda i: ["add", "--level", "growth",
                                                f"bench note {i}"], journal), 0.3),
            ("search", median_of(runs, lambda i: ["search", QUERIES[i % len(QUERIES)]],
                                 journal), 0.3),
            ("list --limit 20", median_of(runs, lambda i: ["list", "--limit", "20"],
                                          journal), None),
        ]
        experiment = active_experiment(journal)
        results.append(("experiment log", median_of(
            runs, lambda i: ["experiment", "log", experiment, "--did", "yes", "--outcome",
                             str(i % 5 - 2), "--situation", f"bench meeting {i}"], journal), 0.3))
        results.append(("due", median_of(runs, lambda i: ["due"], journal), None))
        export = jrnl_export(work / "jrnl.json", 10_000)
        import_times = []
        for i in range(3):
            target = work / f"import-{i}"
            run_timed(["init", "--passphrase"], target)
            import_times.append(run_timed(["import", "jrnl", str(export)], target))
        results.append(("import jrnl (10,000 entries)", statistics.median(import_times), 10.0))
        fts = in_process_search(journal, runs)
        size = sum(p.stat().st_size for p in journal.iterdir() if p.is_file())
        print(f"journal: {options.entries:,} demo entries, {size / 2**20:.1f} MB on disk, "
              f"built in {build:.1f} s; medians of {runs} runs (import: 3)")
        print(f"{'operation':<42}{'median':>10}{'target':>10}")
        for name, seconds, target in results:
            goal = f"<= {target:g} s" if target else "-"
            print(f"{'tkg-journal ' + name:<42}{seconds:>9.3f}s{goal:>10}")
        print(f"{'in-process FTS query':<42}{fts * 1000:>8.1f}ms{'<= 20 ms':>10}")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
