"""The codebase's own rules, checked by tools as part of the suite: lint, types, layers."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def _run(*command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=600)


def _tool(name: str) -> str:
    path = BIN / name
    if not path.exists():
        pytest.fail(f"{name} is not installed: pip install -e '.[test,lint]'")
    return str(path)


def test_ruff_is_clean() -> None:
    result = _run(_tool("ruff"), "check", "tkg_journal", "tests", "bench")
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_strict_outside_ui() -> None:
    result = _run(_tool("mypy"))
    assert result.returncode == 0, result.stdout + result.stderr


def test_layer_contracts_hold() -> None:
    """ui -> services -> storage/security/reports/charts -> domain; Qt only in ui/."""
    result = _run(_tool("lint-imports"))
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_package_is_installed() -> None:
    """A wheel holds only the packages pyproject lists: one left out is missing from a
    ``pip install .`` and from the bundle, though an editable install hides it."""
    import tomllib

    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"][
        "packages"])
    on_disk = {
        ".".join(init.parent.relative_to(ROOT).parts)
        for init in (ROOT / "tkg_journal").rglob("__init__.py")
    }
    assert on_disk - listed == set()
