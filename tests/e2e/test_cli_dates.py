"""Dates at the edges of the calendar, through the installed command: the two ways 0.1 let
one command lock a user out of their journal, and a journal they already damaged."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from tests.conftest import TEST_PASSPHRASE
from tests.e2e.cli_runner import installed_command, run
from tests.helpers import snapshot
from tkg_journal.paths import JournalPaths
from tkg_journal.services import journal_access

pytestmark = pytest.mark.e2e

RANGE = "outside the dates the journal keeps (1900-01-01 to 2200-12-31)"


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "journal"
    assert run("init", "--passphrase", data_dir=folder).returncode == 0
    assert run("add", "--when", "2026-03-01 10:00", "a good day", data_dir=folder).returncode == 0
    return folder


def still_works(data_dir: Path, *, zone: str = "UTC") -> None:
    """Every reading command answers, in any time zone, without a traceback."""
    env = {"TZ": zone}
    for args in (
        ("list",),
        ("list", "--format", "json"),
        ("search", "day"),
        ("due",),
        ("session", "list"),
        ("experiment", "list"),
    ):
        done = run(*args, data_dir=data_dir, env=env)
        assert done.returncode == 0, (args, done.stderr)
        assert "Traceback" not in done.stderr


def test_an_import_dated_0999_is_refused_and_the_journal_still_opens(
    data_dir: Path, tmp_path: Path
) -> None:
    old = tmp_path / "old.json"
    old.write_text('{"entries":[{"date":"0999-01-01","time":"10:00","title":"old","body":"x"}]}')
    before = snapshot(data_dir)
    done = run("import", "jrnl", str(old), data_dir=data_dir)
    assert done.returncode == 1
    assert done.stderr.strip() == (
        f"tkg-journal: entry 1: the entry's date 0999-01-01 is {RANGE}; nothing was imported"
    )
    assert snapshot(data_dir) == before
    still_works(data_dir)


@pytest.mark.parametrize("zone", ["UTC", "Asia/Tokyo", "Pacific/Kiritimati", "Etc/GMT+12"])
def test_a_date_in_year_9999_is_refused_and_every_zone_still_lists(
    data_dir: Path, zone: str
) -> None:
    before = snapshot(data_dir)
    done = run("add", "--when", "9999-12-31 23:59", "x", data_dir=data_dir, env={"TZ": zone})
    assert done.returncode == 1
    assert done.stderr.strip() == f"tkg-journal: --when 9999-12-31 is {RANGE}"
    assert snapshot(data_dir) == before
    still_works(data_dir, zone=zone)


def test_the_last_day_kept_is_accepted_and_reads_back_in_every_zone(data_dir: Path) -> None:
    done = run("add", "--when", "2200-12-31 23:59", "--format", "json", "far", data_dir=data_dir)
    assert done.returncode == 0, done.stderr
    for zone in ("Asia/Tokyo", "Etc/GMT+12", "Pacific/Kiritimati"):
        listed = run("list", "--format", "json", data_dir=data_dir, env={"TZ": zone})
        assert listed.returncode == 0, listed.stderr
        assert "far" in {row["first_line"] for row in json.loads(listed.stdout)}
    for bound in ("--since", "--until"):
        assert run("list", bound, "2200-12-31", data_dir=data_dir).returncode == 0
        done = run("list", bound, "2201-01-01", data_dir=data_dir)
        assert (done.returncode, done.stderr.strip()) == (
            1,
            f"tkg-journal: {bound} 2201-01-01 is {RANGE}",
        )


@pytest.mark.parametrize(
    "args",
    [
        (
            "experiment",
            "add",
            "-t",
            "t",
            "-l",
            "1",
            "--trigger",
            "a",
            "--old",
            "b",
            "--new",
            "c",
            "--due",
            "9999-01-01",
        ),
        (
            "experiment",
            "add",
            "-t",
            "t",
            "-l",
            "1",
            "--trigger",
            "a",
            "--old",
            "b",
            "--new",
            "c",
            "--start",
            "1899-12-31",
        ),
        ("session", "add", "--date", "0999-01-01", "--topics", "x"),
        ("export", "--format", "md", "-o", "out.md", "--since", "0001-01-01"),
        ("chart", "activity", "-o", "a.png", "--until", "9999-12-31"),
        ("list", "--since", "99999y"),
    ],
)
def test_every_date_option_names_the_range(data_dir: Path, args: tuple[str, ...]) -> None:
    before = snapshot(data_dir)
    done = run(*args, data_dir=data_dir)
    assert done.returncode == 1, done.stderr
    assert RANGE in done.stderr and len(done.stderr.strip().splitlines()) == 1
    assert snapshot(data_dir) == before


def damage_like_0_1(data_dir: Path) -> None:
    """Write what 0.1 stored for those two commands (strftime years, no range)."""
    paths = JournalPaths(data_dir)
    journal = journal_access.unlock(paths, passphrase=TEST_PASSPHRASE)
    with journal, journal.db.transaction():
        journal.db.execute(
            "INSERT INTO entries (kind, occurred_at, title, body, created_at, updated_at) "
            "VALUES ('free', '999-01-01 10:00:00', 'old', 'x', ?, ?), "
            "('free', '9999-12-31 23:59:00', '', 'far away', ?, ?)",
            ("2026-03-01 10:00:00",) * 4,
        )


def test_a_journal_0_1_damaged_opens_everywhere_and_repairs(data_dir: Path) -> None:
    damage_like_0_1(data_dir)
    still_works(data_dir, zone="Asia/Tokyo")
    listed = run("list", data_dir=data_dir)
    assert listed.stdout.count("date unreadable") == 2
    assert "2 entries above have a stored date that cannot be read" in listed.stderr
    rows = json.loads(run("list", "--format", "json", data_dir=data_dir).stdout)
    assert sum(row.get("date_unreadable", False) for row in rows) == 2

    before = snapshot(data_dir)
    checked = run("check", data_dir=data_dir)
    assert checked.returncode == 1
    assert "entry 2: occurred at '999-01-01 10:00:00' -> 1900-01-01 00:00:00 UTC" in checked.stdout
    assert "check --repair" in checked.stdout
    assert snapshot(data_dir) == before  # check alone changes nothing

    repaired = run("check", "--repair", data_dir=data_dir)
    assert repaired.returncode == 0, repaired.stderr
    assert "Backed up the journal to" in repaired.stdout
    assert "Repaired 2 stored dates" in repaired.stdout
    assert len(list((data_dir / "backups").glob("*-repair.tkgbackup"))) == 1
    assert run("check", data_dir=data_dir).returncode == 0
    listed = run("list", data_dir=data_dir)
    assert "date unreadable" not in listed.stdout and listed.stderr == ""

    # The app starts on it too (the first paint of the filled main window).
    started = start_app(data_dir)
    assert started.returncode == 0, started.stderr
    assert "(3 entries)" in started.stdout


def test_the_app_starts_on_a_journal_it_cannot_fully_date(data_dir: Path) -> None:
    damage_like_0_1(data_dir)
    started = start_app(data_dir, TZ="Asia/Tokyo")
    assert started.returncode == 0, started.stderr
    assert "(3 entries)" in started.stdout
    assert "Traceback" not in started.stderr


def start_app(data_dir: Path, **env: str) -> subprocess.CompletedProcess[str]:
    """The desktop app on ``data_dir`` to its first filled paint (``--startup-time``)."""
    environment = dict(
        os.environ, QT_QPA_PLATFORM="offscreen", TKG_JOURNAL_PASSPHRASE=TEST_PASSPHRASE, **env
    )
    return subprocess.run(
        [installed_command(), "--data-dir", str(data_dir), "--startup-time"],
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )
