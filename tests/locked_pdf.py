"""A password-locked PDF as a coach's PDF reader sees it, through poppler's ``pdfinfo`` and
``pdftotext`` (apt: poppler-utils), with and without the password.

A missing tool fails the test instead of skipping it (see ``tests/pdf_text.py``).
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest


def _tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        pytest.fail(f"{name} is not installed: apt-get install -y poppler-utils")
    return found


def _run(
    name: str, path: Path, password: str | None, *extra: str
) -> subprocess.CompletedProcess[str]:
    given = ["-upw", password] if password is not None else []
    return subprocess.run(
        [_tool(name), *given, *extra, str(path), *(["-"] if name == "pdftotext" else [])],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def pdfinfo(path: Path, password: str | None = None) -> subprocess.CompletedProcess[str]:
    return _run("pdfinfo", path, password)


def pdftotext(path: Path, password: str | None = None) -> subprocess.CompletedProcess[str]:
    return _run("pdftotext", path, password, "-layout")


def assert_locked(path: Path, password: str, *words: str) -> str:
    """``path`` is AES-256 encrypted, unreadable without ``password`` and readable with it,
    its text holding ``words``; returns that text."""
    closed = pdftotext(path)
    assert closed.returncode != 0, "the PDF opened without its password"
    assert "password" in closed.stderr.lower()
    assert closed.stdout == ""
    assert pdfinfo(path).returncode != 0
    info = pdfinfo(path, password)
    assert info.returncode == 0, info.stderr
    encrypted = next(line for line in info.stdout.splitlines() if line.startswith("Encrypted:"))
    assert "yes" in encrypted and "AES-256" in encrypted, encrypted
    assert pdftotext(path, password + "x").returncode != 0
    opened = pdftotext(path, password)
    assert opened.returncode == 0, opened.stderr
    for word in words:
        assert word in opened.stdout, word
    return opened.stdout
