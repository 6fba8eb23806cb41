"""The command line's start-up: a hotkey or a reminder runs it, so importing it loads the
standard library and the ``tkg_journal.cli`` package only; the domain, storage, services
and every third-party package wait until a command asks for them."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

pytestmark = pytest.mark.e2e

PROBE = (
    "import json, sys\n"
    "before = set(sys.modules)\n"
    "import tkg_journal.cli\n"
    "print(json.dumps(sorted(set(sys.modules) - before)))\n"
)


def test_importing_the_command_line_loads_only_the_standard_library() -> None:
    result = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True,
                            check=True)
    loaded = json.loads(result.stdout)
    ours = [m for m in loaded if m.split(".")[0] == "tkg_journal"]
    others = [m for m in loaded if m.split(".")[0] not in {"tkg_journal", *sys.stdlib_module_names}]
    assert "tkg_journal.cli.options" in ours  # the probe saw the package load
    assert [m for m in ours if m != "tkg_journal" and not m.startswith("tkg_journal.cli")] == []
    assert others == []
