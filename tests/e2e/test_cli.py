"""The installed ``tkg-journal`` command, run as a subprocess: what a user or script sees."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from tests.e2e.cli_runner import PASSPHRASE, installed_command, run
from tests.helpers import snapshot

pytestmark = pytest.mark.e2e


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "journal"
    result = run("init", "--passphrase", data_dir=folder)
    assert result.returncode == 0, result.stderr
    return folder


def test_init_prints_a_recovery_key_that_unlocks(tmp_path: Path) -> None:
    folder = tmp_path / "j"
    result = run("init", "--passphrase", data_dir=folder)
    assert result.returncode == 0
    key_line = next(line.strip() for line in result.stdout.splitlines()
                    if line.count("-") == 7)
    run("add", "kept safe", data_dir=folder)
    recovered = run("recover", "--keyring", data_dir=folder, passphrase=None,
                    env={"TKG_JOURNAL_RECOVERY_KEY": key_line})
    # No keyring on this machine: the recovery key is right, the keyring step says why not.
    assert recovered.returncode == 1
    assert "keyring" in recovered.stderr
    reset = run("recover", data_dir=folder, passphrase=None,
                env={"TKG_JOURNAL_RECOVERY_KEY": key_line,
                     "TKG_JOURNAL_NEW_PASSPHRASE": "a whole new phrase"})
    assert reset.returncode == 0, reset.stderr
    listed = run("list", data_dir=folder, passphrase="a whole new phrase")
    assert "kept safe" in listed.stdout


def test_init_without_a_keyring_explains_the_passphrase_option(tmp_path: Path) -> None:
    result = run("init", data_dir=tmp_path / "j", passphrase=None)
    assert result.returncode == 1
    assert "init --passphrase" in result.stderr
    assert "Traceback" not in result.stderr


def test_init_with_a_keyring_needs_no_passphrase_later(tmp_path: Path) -> None:
    env = {"PYTHON_KEYRING_BACKEND": "tests.fakes.keyrings.FileKeyring",
           "TKG_TEST_KEYRING_FILE": str(tmp_path / "keyring.json"),
           "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    folder = tmp_path / "j"
    assert run("init", data_dir=folder, passphrase=None, env=env).returncode == 0
    assert run("add", "no passphrase needed", data_dir=folder, passphrase=None,
               env=env).returncode == 0
    assert "no passphrase needed" in run("list", data_dir=folder, passphrase=None,
                                         env=env).stdout


def test_add_list_search_as_json(data_dir: Path) -> None:
    added = run("add", "--level", "Growth", "--kind", "conversation", "--title",
                "Budget talk", "--tag", "budget", "--share", "--format", "json",
                "I", "hinted", "instead", "of", "saying", "it", data_dir=data_dir)
    assert added.returncode == 0, added.stderr
    entry_id = json.loads(added.stdout)["id"]
    run("add", "-l", "1", "--when", "yesterday", "Felt defensive in the review",
        data_dir=data_dir)
    rows = json.loads(run("list", "--format", "json", data_dir=data_dir).stdout)
    assert [r["title"] for r in rows] == ["Budget talk", ""]
    assert rows[0] | {"occurred_at": None} == {
        "id": entry_id, "occurred_at": None, "kind": "conversation", "level": "Growth",
        "level_rank": 2, "title": "Budget talk", "first_line": "I hinted instead of saying it",
        "shared": True, "tags": ["budget"]}
    assert len(json.loads(run("list", "--format", "json", "--level", "foundation",
                              data_dir=data_dir).stdout)) == 1
    assert len(json.loads(run("list", "--format", "json", "--since", "today",
                              data_dir=data_dir).stdout)) == 1
    hits = json.loads(run("search", "hinted", "--format", "json", data_dir=data_dir).stdout)
    assert hits[0]["id"] == entry_id
    assert "[hinted]" in hits[0]["snippet"]
    text = run("search", "defens", data_dir=data_dir)
    assert "[defensive]" in text.stdout


def test_add_reads_standard_input(data_dir: Path) -> None:
    result = run("add", "-", data_dir=data_dir, stdin="Line one\nline two ünïcode\n".encode())
    assert result.returncode == 0, result.stderr
    assert "Line one" in run("list", data_dir=data_dir).stdout


@pytest.mark.parametrize(("args", "stdin", "message"), [
    (("add", "--level", "summit", "text"), None, "unknown level 'summit'"),
    (("add", "--level", "9", "text"), None, "unknown level"),
    (("add", "--kind", "rant", "text"), None, "unknown entry kind"),
    (("add", "--when", "2026-02-30", "text"), None, "not a date"),
    (("add",), None, "nothing to add"),
    (("add", "-"), b"   \n", "nothing to add"),
    (("add", "-"), b"caf\xe9 latin-1", "not valid UTF-8"),
    (("add", "--tag", "two words", "text"), None, "one word"),
    (("list", "--since", "last tuesday"), None, "--since 'last tuesday' is not a date"),
    (("list", "--limit", "0"), None, "--limit"),
    (("search", "x", "--until", "2026-13-01"), None, "not a date"),
    (("search", "  "), None, "needs some words"),
])
def test_bad_input_is_one_clear_line_and_changes_nothing(
        data_dir: Path, args: tuple[str, ...], stdin: bytes | None, message: str) -> None:
    before = snapshot(data_dir)
    result = run(*args, data_dir=data_dir, stdin=stdin)
    assert result.returncode != 0
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert snapshot(data_dir) == before


def test_wrong_passphrase_exits_1_and_leaves_files_unchanged(data_dir: Path) -> None:
    run("add", "something", data_dir=data_dir)
    before = snapshot(data_dir)
    result = run("list", data_dir=data_dir, passphrase="wrong wrong wrong")
    assert result.returncode == 1
    assert result.stderr.strip() == "tkg-journal: wrong passphrase: it does not unlock " \
                                    "this journal"
    assert snapshot(data_dir) == before


def test_no_passphrase_and_no_terminal_exits_2_without_waiting(data_dir: Path) -> None:
    result = run("list", data_dir=data_dir, passphrase=None)
    assert result.returncode == 2
    assert "TKG_JOURNAL_PASSPHRASE" in result.stderr


def test_passphrase_file_works_and_a_missing_one_is_explained(data_dir: Path,
                                                              tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text(PASSPHRASE + "\n")
    ok = run("--passphrase-file", str(secret), "list", data_dir=data_dir, passphrase=None)
    assert ok.returncode == 0, ok.stderr
    missing = run("--passphrase-file", str(tmp_path / "nope"), "list", data_dir=data_dir,
                  passphrase=None)
    assert missing.returncode == 2
    assert "cannot read the passphrase file" in missing.stderr


def test_damaged_journal_is_reported_not_overwritten(data_dir: Path) -> None:
    database = data_dir / "journal.db"
    data = bytearray(database.read_bytes())
    data[200:260] = bytes(60)
    database.write_bytes(bytes(data))
    before = snapshot(data_dir)
    result = run("add", "more", data_dir=data_dir)
    assert result.returncode == 1
    assert "damaged" in result.stderr and "Traceback" not in result.stderr
    assert snapshot(data_dir) == before


def test_missing_journal_tells_how_to_create_one(tmp_path: Path) -> None:
    result = run("list", data_dir=tmp_path / "none")
    assert result.returncode == 1
    assert "tkg-journal init" in result.stderr


def _jrnl(path: Path, count: int, *, bad_at: int | None = None) -> Path:
    entries = [{"date": f"2023-{1 + i % 12:02d}-{1 + i % 28:02d}", "time": "08:15",
                "title": f"Imported {i}", "body": f"jrnl body {i}", "tags": ["@work"],
                "starred": i % 10 == 0} for i in range(count)]
    if bad_at is not None:
        entries[bad_at]["date"] = "not-a-date"
    path.write_text(json.dumps({"tags": {"@work": count}, "entries": entries}))
    return path


def test_import_jrnl(data_dir: Path, tmp_path: Path) -> None:
    result = run("import", "jrnl", str(_jrnl(tmp_path / "j.json", 50)), data_dir=data_dir)
    assert result.returncode == 0, result.stderr
    assert "Imported 50 entries" in result.stdout
    again = run("import", "jrnl", str(tmp_path / "j.json"), data_dir=data_dir)
    assert "Imported 0 entries" in again.stdout and "50 were already" in again.stdout
    assert len(json.loads(run("search", "jrnl", "--limit", "100", "--format", "json",
                              data_dir=data_dir).stdout)) == 50


@pytest.mark.parametrize(("content", "message"), [
    (b"{not json", "not valid JSON"),
    (b"\xff\xfe\x00garbage", "not valid UTF-8"),
    (b'["a", "list"]', "not a jrnl JSON export"),
    (b'{"entries": [{"date": "2020-01-01", "body": 5}]}', "entry 1"),
])
def test_malformed_import_is_refused_whole(data_dir: Path, tmp_path: Path, content: bytes,
                                           message: str) -> None:
    source = tmp_path / "bad.json"
    source.write_bytes(content)
    before = snapshot(data_dir)
    result = run("import", "jrnl", str(source), data_dir=data_dir)
    assert result.returncode == 1
    assert message in result.stderr
    assert snapshot(data_dir) == before


def test_import_with_one_bad_entry_imports_nothing(data_dir: Path, tmp_path: Path) -> None:
    result = run("import", "jrnl", str(_jrnl(tmp_path / "j.json", 30, bad_at=29)),
                 data_dir=data_dir)
    assert result.returncode == 1
    assert "entry 30" in result.stderr and "nothing was imported" in result.stderr
    assert json.loads(run("list", "--format", "json", data_dir=data_dir).stdout) == []


def test_huge_import_is_refused_before_reading(data_dir: Path, tmp_path: Path) -> None:
    huge = tmp_path / "huge.json"
    with huge.open("wb") as handle:  # sparse: large on paper, cheap on disk
        handle.truncate(65 * 1024 * 1024)
    result = run("import", "jrnl", str(huge), data_dir=data_dir)
    assert result.returncode == 1
    assert "too large" in result.stderr


def test_full_disk_during_import_keeps_the_journal_intact(data_dir: Path,
                                                          tmp_path: Path) -> None:
    import resource
    import signal

    run("add", "written before the disk filled", data_dir=data_dir)
    source = _jrnl(tmp_path / "big.json", 3000)
    limit = (data_dir / "journal.db").stat().st_size + 64 * 1024

    def small_disk() -> None:  # the child can write only a little more than it has
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    result = run("import", "jrnl", str(source), data_dir=data_dir, preexec=small_disk)
    assert result.returncode == 1, result.stdout
    assert "Traceback" not in result.stderr
    assert "nothing was saved" in result.stderr or "disk" in result.stderr
    rows = json.loads(run("list", "--format", "json", data_dir=data_dir).stdout)
    assert [r["first_line"] for r in rows] == ["written before the disk filled"]
    assert run("check", data_dir=data_dir).returncode == 0


def test_killed_in_the_middle_of_writing_loses_no_committed_entry(data_dir: Path) -> None:
    """SIGKILL during a stream of writes: the journal opens intact with whole entries."""
    import os
    import signal
    import sys
    import time

    script = (
        "import os, sys\n"
        "from tkg_journal.paths import JournalPaths\n"
        "from tkg_journal.services import journal_access\n"
        "from tkg_journal.domain.entries import Entry, EntryKind\n"
        "from datetime import datetime, timezone\n"
        "j = journal_access.unlock(JournalPaths(__import__('pathlib').Path(sys.argv[1])),"
        " passphrase=os.environ['TKG_JOURNAL_PASSPHRASE'])\n"
        "i = 0\n"
        "while True:\n"
        "    j.add_entry(Entry(kind=EntryKind.FREE, occurred_at=datetime.now(timezone.utc),"
        " title=f'n{i}', body='x' * 2000))\n"
        "    i += 1\n"
        "    if i == 20: print('writing', flush=True)\n")
    env = dict(os.environ, TKG_JOURNAL_PASSPHRASE=PASSPHRASE)
    child = subprocess.Popen([sys.executable, "-c", script, str(data_dir)], env=env,
                             stdout=subprocess.PIPE, text=True)
    assert child.stdout is not None and child.stdout.readline().strip() == "writing"
    time.sleep(0.3)
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    child.stdout.close()
    assert run("check", data_dir=data_dir).returncode == 0
    rows = json.loads(run("list", "--format", "json", data_dir=data_dir).stdout)
    titles = {r["title"] for r in rows}
    assert len(rows) >= 20
    assert titles == {f"n{i}" for i in range(len(rows))}  # no gaps, no half entries


def test_demo_fills_a_new_journal(tmp_path: Path) -> None:
    folder = tmp_path / "demo"
    result = run("demo", "--entries", "300", "--passphrase", data_dir=folder)
    assert result.returncode == 0, result.stderr
    assert "300 entries" in result.stdout
    rows = json.loads(run("list", "--format", "json", data_dir=folder).stdout)
    assert len(rows) == 300
    assert {r["kind"] for r in rows} == {"conversation", "feedback", "reflection",
                                         "coach-notes", "free"}
    again = run("demo", data_dir=folder)
    assert again.returncode == 1 and "empty journal" in again.stderr


def test_cli_never_imports_qt_or_matplotlib(data_dir: Path) -> None:
    probe = ("import sys, runpy; sys.argv = ['tkg-journal'] + sys.argv[1:]\n"
             "from tkg_journal.cli import main\n"
             "code = main(sys.argv[1:])\n"
             "heavy = sorted(m for m in sys.modules if m.split('.')[0] in "
             "('PySide6', 'shiboken6', 'matplotlib', 'sqlalchemy', 'sqlmodel') "
             "or m.startswith(('tkg_journal.charts', 'tkg_journal.services.progress')))\n"
             "print('HEAVY', heavy, 'CODE', code)\n")
    import os
    import sys

    env = dict(os.environ, TKG_JOURNAL_PASSPHRASE=PASSPHRASE)
    added = run("experiment", "add", "--title", "t", "--level", "1", "--trigger", "a",
                "--old", "b", "--new", "c", "--active", data_dir=data_dir)
    assert added.stdout.strip() == "Added experiment 1 (active).", added.stderr
    for args in (["add", "x"], ["list", "--limit", "20"], ["search", "x"],
                 ["experiment", "log", "1", "--did", "yes", "--outcome", "1"], ["due"],
                 ["session", "add", "--topics", "t"], ["session", "commit", "1", "c", "--due",
                 "today"], ["session", "list"], ["session", "show", "1"], ["session", "done", "1"],
                 ["due", "--commitments"], ["session", "delete", "1"], ["patterns"],
                 ["patterns", "--format", "json", "--level", "growth"]):
        out = subprocess.run([sys.executable, "-c", probe, "--data-dir", str(data_dir), *args],
                             capture_output=True, text=True, env=env, check=True).stdout
        assert "HEAVY [] CODE 0" in out, (args, out)


def test_export_without_charts_never_imports_qt_or_matplotlib(data_dir: Path,
                                                             tmp_path: Path) -> None:
    probe = ("import sys; from tkg_journal.cli import main\n"
             "code = main(sys.argv[1:])\n"
             "heavy = sorted(m for m in sys.modules if m.split('.')[0] in "
             "('PySide6', 'shiboken6', 'matplotlib', 'sqlalchemy', 'sqlmodel'))\n"
             "print('HEAVY', heavy, 'CODE', code)\n")
    import os
    import sys

    env = dict(os.environ, TKG_JOURNAL_PASSPHRASE=PASSPHRASE)
    assert run("add", "--share", "x", data_dir=data_dir).returncode == 0
    for fmt in ("md", "html", "pdf"):
        args = ["export", "--since", "7d", "--format", fmt, "--no-charts", "-o",
                str(tmp_path / f"s.{fmt}")]
        out = subprocess.run([sys.executable, "-c", probe, "--data-dir", str(data_dir), *args],
                             capture_output=True, text=True, env=env, check=True).stdout
        assert "HEAVY [] CODE 0" in out, (args, out)


def test_help_and_version() -> None:
    out = subprocess.run([installed_command(), "--help"], capture_output=True, text=True)
    assert out.returncode == 0
    for command in ("init", "add", "list", "search", "import", "demo", "experiment", "due",
                    "session", "export", "chart"):
        assert command in out.stdout
    assert subprocess.run([installed_command(), "--version"], capture_output=True,
                          text=True).stdout.startswith("tkg-journal ")
