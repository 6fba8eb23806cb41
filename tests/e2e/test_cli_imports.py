"""``tkg-journal import dayone|markdown`` as a user runs it: what is said, what is stored,
and a refusal that stores nothing."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from tests.e2e.cli_runner import run
from tests.helpers import snapshot

pytestmark = pytest.mark.e2e

DAYONE_ZIP = Path(__file__).resolve().parent.parent / "fixtures" / "dayone" / "dayone-export.zip"


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "journal"
    result = run("init", "--passphrase", data_dir=folder)
    assert result.returncode == 0, result.stderr
    return folder


def listed(data_dir: Path) -> list[dict[str, object]]:
    result = run("list", "--format", "json", data_dir=data_dir)
    assert result.returncode == 0, result.stderr
    rows: list[dict[str, object]] = json.loads(result.stdout)
    return rows


def test_import_dayone_says_what_came_in_and_what_did_not(data_dir: Path) -> None:
    result = run("import", "dayone", str(DAYONE_ZIP), data_dir=data_dir)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "Imported 8 entries from dayone-export.zip (0 were already present).",
        "  3 photos and 1 audio recording were not imported (the journal keeps text only).",
        "  1 entry without a known time zone was dated in UTC.",
    ]
    rows = listed(data_dir)
    assert len(rows) == 8
    talk = next(row for row in rows if row["title"] == "Budget talk with Sam")
    assert talk["level"] == "Growth"
    assert talk["tags"] == ["work"]

    again = run("import", "dayone", str(DAYONE_ZIP), data_dir=data_dir)
    assert again.returncode == 0, again.stderr
    assert again.stdout.startswith(
        "Imported 0 entries from dayone-export.zip (8 were already present)."
    )
    assert len(listed(data_dir)) == 8


def test_import_markdown_reads_a_folder_of_notes(data_dir: Path, tmp_path: Path) -> None:
    notes = tmp_path / "notes"
    (notes / "2024").mkdir(parents=True)
    (notes / "2024" / "2024-05-01 retro.md").write_text(
        "---\ntags: [team, Growth]\n---\n# Retro\n\nWe spoke plainly.\n", encoding="utf-8"
    )
    (notes / "loose thought.md").write_text("Trust comes first.\n", encoding="utf-8")
    result = run("import", "markdown", str(notes), data_dir=data_dir)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "Imported 2 entries from notes (0 were already present).\n"
    titles = {row["title"] for row in listed(data_dir)}
    assert titles == {"Retro", "loose thought"}
    again = run("import", "markdown", str(notes), data_dir=data_dir)
    assert "Imported 0 entries from notes (2 were already present)." in again.stdout


def test_bad_sources_are_refused_in_one_line_with_nothing_stored(
    data_dir: Path, tmp_path: Path
) -> None:
    run("add", "written before", data_dir=data_dir)
    bomb = tmp_path / "bomb.zip"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("Journal.json", b" " * (65 * 2**20))
    no_journal = tmp_path / "photos.zip"
    with zipfile.ZipFile(no_journal, "w") as archive:
        archive.writestr("photos/a.jpeg", b"x")
    bad_entry = tmp_path / "Journal.json"
    bad_entry.write_text(json.dumps({"entries": [
        {"uuid": "ABCDEF0123456789", "creationDate": "2024-01-01T00:00:00Z", "text": "ok"},
        {"uuid": "0123456789ABCDEF", "text": "no date"},
    ]}))
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "2024-01-02.md").write_bytes(b"caf\xe9")
    cases = [
        (("dayone", str(bomb)), "too large to import"),
        (("dayone", str(no_journal)), "contains no Day One journal (.json)"),
        (("dayone", str(bad_entry)),
         "Journal.json, entry 2 (uuid 01234567…): creationDate is missing"),
        (("dayone", "/dev/zero"), "/dev/zero is a device"),
        (("markdown", str(notes)), "2024-01-02.md: not UTF-8 text"),
        (("markdown", str(bad_entry)), "is not a folder"),
    ]
    before = snapshot(data_dir)
    for args, message in cases:
        result = run("import", *args, data_dir=data_dir)
        assert result.returncode == 1, (args, result.stdout)
        assert message in result.stderr, (args, result.stderr)
        assert "nothing was imported" in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1, result.stderr
        assert "Traceback" not in result.stderr
    assert snapshot(data_dir) == before
    assert [row["first_line"] for row in listed(data_dir)] == ["written before"]


def test_the_importers_never_load_qt_or_matplotlib(data_dir: Path, tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    from tests.e2e.cli_runner import PASSPHRASE

    probe = ("import sys; from tkg_journal.cli import main\n"
             "code = main(sys.argv[1:])\n"
             "heavy = sorted(m for m in sys.modules if m.split('.')[0] in "
             "('PySide6', 'shiboken6', 'matplotlib', 'sqlalchemy', 'sqlmodel'))\n"
             "print('HEAVY', heavy, 'CODE', code)\n")
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "a.md").write_text("a note", encoding="utf-8")
    env = dict(os.environ, TKG_JOURNAL_PASSPHRASE=PASSPHRASE)
    for args in (["import", "dayone", str(DAYONE_ZIP)], ["import", "markdown", str(notes)]):
        out = subprocess.run([sys.executable, "-c", probe, "--data-dir", str(data_dir), *args],
                             capture_output=True, text=True, env=env, check=True).stdout
        assert "HEAVY [] CODE 0" in out, (args, out)
