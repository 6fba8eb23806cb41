"""scripts/test, the README's test command, on a machine where it may not install: it
names the OS packages the tests need and stops before making anything."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parents[2]


def fake_command(folder: Path, name: str, script: str) -> None:
    path = folder / name
    path.write_text(f"#!/bin/sh\n{script}\n", encoding="utf-8")
    path.chmod(0o755)


def test_without_root_or_sudo_it_names_the_packages_and_stops(tmp_path: Path) -> None:
    checkout = tmp_path / "checkout"
    (checkout / "scripts").mkdir(parents=True)
    shutil.copy2(ROOT / "scripts" / "test", checkout / "scripts" / "test")
    fakes = tmp_path / "bin"
    fakes.mkdir()
    fake_command(fakes, "dpkg-query", "exit 1")  # nothing installed
    fake_command(fakes, "id", 'echo 1000')  # not root
    fake_command(fakes, "sudo", "exit 1")  # no sudo without a password
    environment = dict(os.environ, PATH=f"{fakes}{os.pathsep}{os.environ['PATH']}")
    done = subprocess.run(["bash", str(checkout / "scripts" / "test")], env=environment,
                          stdin=subprocess.DEVNULL, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 1
    assert "this account cannot install them" in done.stderr
    assert "sudo apt-get install" in done.stderr
    assert "xvfb" in done.stderr and "poppler-utils" in done.stderr
    assert not (checkout / ".venv").exists()  # stopped before anything was made


def test_it_refuses_a_python_older_than_3_11(tmp_path: Path) -> None:
    checkout = tmp_path / "checkout"
    (checkout / "scripts").mkdir(parents=True)
    shutil.copy2(ROOT / "scripts" / "test", checkout / "scripts" / "test")
    fakes = tmp_path / "bin"
    fakes.mkdir()
    fake_command(fakes, "python3", 'case "$1" in --version) echo "Python 3.9.2";; *) exit 1;; esac')
    environment = dict(os.environ, PATH=f"{fakes}{os.pathsep}{os.environ['PATH']}")
    done = subprocess.run(["bash", str(checkout / "scripts" / "test")], env=environment,
                          stdin=subprocess.DEVNULL, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 1
    assert "needs Python 3.11 or newer" in done.stderr and "3.9.2" in done.stderr
