"""``tkg-journal export-all`` and ``tkg-journal import json``, run as installed commands:
the three formats, a round trip into a new journal, and refusals in one line, exit 1."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

from tests.e2e.cli_runner import run


def ok(*args: str, data_dir: Path) -> str:
    done = run(*args, data_dir=data_dir)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_export_all_and_import_json_round_trip(tmp_path: Path) -> None:
    source, copy = tmp_path / "source", tmp_path / "copy"
    ok("demo", "--entries", "60", "--passphrase", data_dir=source)
    out = tmp_path / "exports"
    out.mkdir()
    said = ok("export-all", "--format", "json", "-o", str(out / "all.json"), data_dir=source)
    assert said.startswith("Exported 60 entries, ")
    assert stat.S_IMODE((out / "all.json").stat().st_mode) == 0o600
    ok("export-all", "-f", "markdown", "-o", str(out / "md"), data_dir=source)
    assert stat.S_IMODE((out / "md").stat().st_mode) == 0o700
    assert (out / "md" / "index.md").is_file()
    ok("export-all", "-f", "jrnl", "-o", str(out / "j.txt"), "--level", "growth", data_dir=source)
    assert "@growth" in (out / "j.txt").read_text("utf-8")

    ok("init", "--passphrase", data_dir=copy)
    said = ok("import", "json", str(out / "all.json"), data_dir=copy)
    assert said.startswith("Imported 60 entries, ")
    said = ok("import", "json", str(out / "all.json"), data_dir=copy)
    assert said.startswith("Imported nothing new from all.json")
    ok("export-all", "-f", "json", "-o", str(out / "again.json"), data_dir=copy)
    first = json.loads((out / "all.json").read_text("utf-8"))
    again = json.loads((out / "again.json").read_text("utf-8"))
    assert [e["title"] for e in again["entries"]] == [e["title"] for e in first["entries"]]
    assert len(again["commitments"]) == len(first["commitments"])


def test_refusals_are_one_line_and_leave_nothing(tmp_path: Path) -> None:
    journal = tmp_path / "journal"
    ok("init", "--passphrase", data_dir=journal)
    out = tmp_path / "out"
    out.mkdir()
    (out / "notes.txt").write_text("mine")
    cases = [
        (["export-all", "-f", "markdown", "-o", str(out)], "is not empty"),
        (
            ["export-all", "-f", "json", "-o", str(tmp_path / "missing" / "a.json")],
            "does not exist",
        ),
        (["export-all", "-f", "json", "-o", str(out)], "is a folder"),
        (["import", "json", str(out / "notes.txt")], "not valid JSON"),
        (["import", "json", "/dev/zero"], "is a device"),
    ]
    for args, message in cases:
        done = run(*args, data_dir=journal)
        assert done.returncode == 1, (args, done.stderr)
        assert message in done.stderr and done.stderr.count("\n") == 1, done.stderr
    assert os.listdir(out) == ["notes.txt"]
    newer = tmp_path / "newer.json"
    newer.write_text('{"format": "tkg-journal-export", "version": 2}')
    done = run("import", "json", str(newer), data_dir=journal)
    assert done.returncode == 1 and "newer than this app reads" in done.stderr
