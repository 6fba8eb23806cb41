"""Run the installed ``tkg-journal`` command the way a user's script would."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

PASSPHRASE = "correct horse battery staple"


def installed_command() -> str:
    beside_python = Path(sys.executable).parent / "tkg-journal"
    found = str(beside_python) if beside_python.exists() else shutil.which("tkg-journal")
    if not found:
        pytest.fail("the tkg-journal command is not installed (pip install -e .)")
    return found


def run(*args: str, data_dir: Path, passphrase: str | None = PASSPHRASE,
        stdin: bytes | None = None, env: dict[str, str] | None = None,
        preexec: object = None, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    environment = dict(os.environ)
    environment.pop("TKG_JOURNAL_PASSPHRASE", None)
    if passphrase is not None:
        environment["TKG_JOURNAL_PASSPHRASE"] = passphrase
    environment.update(env or {})
    raw = subprocess.run(
        [installed_command(), "--data-dir", str(data_dir), *args],
        input=stdin, stdin=None if stdin is not None else subprocess.DEVNULL,
        capture_output=True, timeout=timeout, env=environment,
        preexec_fn=preexec)  # type: ignore[arg-type]
    return subprocess.CompletedProcess(raw.args, raw.returncode,
                                       raw.stdout.decode("utf-8", "replace"),
                                       raw.stderr.decode("utf-8", "replace"))
