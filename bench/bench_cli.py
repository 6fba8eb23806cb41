"""What every benchmark needs to run the installed command: where it is, the demo
journal's passphrase, and one timed whole-process run."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

PASSPHRASE = "benchmark passphrase"


def command() -> list[str]:
    """``tkg-journal`` beside this Python, else ``python -m tkg_journal``."""
    found = Path(sys.executable).parent / "tkg-journal"
    return [str(found)] if found.exists() else [sys.executable, "-m", "tkg_journal"]


def run_timed(args: list[str], data_dir: Path, *, stdin: bytes | None = None) -> float:
    """Seconds one whole ``tkg-journal --data-dir DIR ARGS`` process takes (it must succeed)."""
    env = dict(os.environ, TKG_JOURNAL_PASSPHRASE=PASSPHRASE)
    start = time.perf_counter()
    subprocess.run([*command(), "--data-dir", str(data_dir), *args], env=env, check=True,
                   input=stdin, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start
