"""The README holds on a fresh machine: its "Try it" block runs as written, pasted into a
shell, and its test command is the one CI runs. The block is read from README.md itself,
so a change to either that breaks the other fails here."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import pytest

from tests.e2e.cli_runner import installed_command
from tests.pdf_text import pdf_text

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def shell_block_after(heading: str) -> str:
    """The first ```sh block after the line that starts with ``heading``."""
    match = re.search(rf"^{re.escape(heading)}.*?```sh\n(.*?)```", README, re.S | re.M)
    assert match, f"README has no ```sh block after {heading!r}"
    return match.group(1)


def test_the_try_it_block_runs_as_written(tmp_path: Path) -> None:
    home = tmp_path / "try-home"
    home.mkdir()
    environment = {
        name: value for name, value in os.environ.items() if not name.startswith("TKG_")
    }
    environment |= {
        "HOME": str(home),
        "TMPDIR": str(tmp_path),  # where its mktemp makes the journal's folder
        "PATH": f"{Path(installed_command()).parent}{os.pathsep}/usr/bin:/bin",
    }
    done = subprocess.run(["bash", "-euo", "pipefail", "-c", shell_block_after("Try it")],
                          env=environment, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    assert "Added entry" in done.stdout
    assert re.search(r"Logged attempt \d+ on experiment \d+\.", done.stdout)
    assert re.search(r"Added commitment \d+ to coach session \d+, due ", done.stdout)
    summary = pdf_text(home / "coach-summary.pdf")
    # The period is the last 30 days, not the one day since the session recorded above.
    assert "Say it plainly" in summary
    assert "Budget talk with Sam" in summary


def test_ci_runs_the_readmes_test_command() -> None:
    start = README[README.index("## Start"):]
    blocks = re.findall(r"```sh\n(.*?)\n```", start[:start.index("\n## ", 1)], re.S)
    assert len(blocks) == 2, "the Start section has exactly two commands"
    install_and_start, test_command = blocks
    assert install_and_start.endswith(".venv/bin/tkg-journal")
    ci_lines = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert test_command in ci_lines
