"""What every benchmark needs to run the installed command: where it is, the demo
journal's passphrase, and one timed whole-process run."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

PASSPHRASE = "benchmark passphrase"


def command() -> list[str]:
    """``tkg-journal`` beside this Python, else ``python -m tkg_journal``."""
    found = Path(sys.executable).parent / "tkg-journal"
    return [str(found)] if found.exists() else [sys.executable, "-m", "tkg_journal"]


def environment(**extra: str) -> dict[str, str]:
    """The environment of a timed process: the demo journal's passphrase, and Python's
    byte-code cache on, as it is for a user (pip compiles an installed app; a
    development checkout caches on the first start). A shell that sets
    ``PYTHONDONTWRITEBYTECODE`` would otherwise have every run compile the app's source
    again: about 0.35 s of a 1 s start-up spent in ``compile()``."""
    env = dict(os.environ, TKG_JOURNAL_PASSPHRASE=PASSPHRASE, **extra)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def run_timed(args: list[str], data_dir: Path, *, stdin: bytes | None = None) -> float:
    """Seconds one whole ``tkg-journal --data-dir DIR ARGS`` process takes (it must succeed)."""
    env = environment()
    start = time.perf_counter()
    subprocess.run([*command(), "--data-dir", str(data_dir), *args], env=env, check=True,
                   input=stdin, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


#: A command run on a freshly built demo journal: its arguments and its standard input.
SetUp = tuple[list[str], bytes | None]


def demo_journal(
    name: str, entries: int, *, fresh: bool, folder_name: str = "journal",
    then: Sequence[SetUp] = (),
) -> Path:
    """``/tmp/tkg-<name>-<entries>/<folder_name>``: a passphrase demo journal of
    ``entries`` entries, built on first use (a few seconds), then the ``then`` commands
    run on it, and reused by later runs (``fresh`` builds it again)."""
    folder = Path(f"/tmp/tkg-{name}-{entries}")
    journal = folder / folder_name
    ready = folder / "ready"
    if fresh or not ready.exists():
        shutil.rmtree(folder, ignore_errors=True)
        start = time.perf_counter()
        run_timed(["demo", "--entries", str(entries), "--passphrase"], journal)
        for args, stdin in then:
            run_timed(args, journal, stdin=stdin)
        ready.write_text("built\n")
        print(f"built the {entries:,}-entry journal in {time.perf_counter() - start:.1f} s")
    return journal
