"""``tkg-journal --self-test``: one line per part of the install, exit 0 only when all of
them work, and a broken part named without hiding the others."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.e2e.cli_runner import run

pytestmark = pytest.mark.e2e

CHECKS = ("SQLCipher", "Argon2id", "Keyring", "Qt", "Chart", "PDF")


def test_every_part_is_checked_and_passes(tmp_path: Path) -> None:
    result = run("--self-test", data_dir=tmp_path / "unused", passphrase=None,
                 env={"QT_QPA_PLATFORM": "offscreen"})
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert [line.split(":")[0].split()[-1] for line in lines[:-1]] == list(CHECKS)
    assert all(line.startswith("ok ") for line in lines[:-1]), lines
    assert "FTS5" in lines[0] and "'offscreen' loaded" in lines[3]
    assert lines[-1] == "All checks passed."
    assert not (tmp_path / "unused").exists()  # nothing of the user's is touched


def test_a_part_that_fails_is_named_and_the_exit_code_says_so(tmp_path: Path) -> None:
    result = run("--self-test", data_dir=tmp_path / "unused", passphrase=None,
                 env={"QT_QPA_PLATFORM": "no-such-platform"})
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    failed = [line for line in lines if line.startswith("FAIL")]
    assert len(failed) == 1 and failed[0].startswith("FAIL  Qt: ")
    assert sum(line.startswith("ok ") for line in lines) == len(CHECKS) - 1
    assert lines[-1] == "1 of 6 checks failed."


def test_it_takes_no_command(tmp_path: Path) -> None:
    result = run("--self-test", "list", data_dir=tmp_path, passphrase=None)
    assert result.returncode == 2
    assert "without a command" in result.stderr
