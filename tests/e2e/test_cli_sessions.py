"""``tkg-journal session ...`` and the action items of ``tkg-journal due`` as a user's shell
or script runs them: record a session, add commitments, list, show, mark done, delete; JSON
for scripts; bad input refused in one line with nothing written."""

from __future__ import annotations

import json
import shutil
import subprocess
from datetime import date, timedelta
from pathlib import Path

import pytest

from tests.e2e.cli_runner import installed_command, run
from tests.helpers import snapshot

pytestmark = pytest.mark.e2e

EXPERIMENT = ("--title", "Pause before answering", "--level", "foundation",
              "--trigger", "a peer challenges my plan", "--old", "defending it at once",
              "--new", "ask one question first")


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "journal"
    result = run("init", "--passphrase", data_dir=folder)
    assert result.returncode == 0, result.stderr
    return folder


def ok(*args: str, data_dir: Path, stdin: bytes | None = None) -> str:
    result = run(*args, data_dir=data_dir, stdin=stdin)
    assert result.returncode == 0, (args, result.stderr)
    return result.stdout


def as_json(*args: str, data_dir: Path) -> object:
    return json.loads(ok(*args, "--format", "json", data_dir=data_dir))


def past(days: int) -> str:
    return (date.today() - timedelta(days=days)).isoformat()


def future(days: int) -> str:
    return (date.today() + timedelta(days=days)).isoformat()


def record(data_dir: Path, *args: str) -> int:
    data = as_json("session", "add", *args, data_dir=data_dir)
    assert isinstance(data, dict)
    return int(data["id"])


def commit(data_dir: Path, session_id: int, text: str, *args: str) -> int:
    data = as_json("session", "commit", str(session_id), text, *args, data_dir=data_dir)
    assert isinstance(data, dict)
    return int(data["id"])


def test_record_commit_list_show_done_delete(data_dir: Path) -> None:
    out = ok("session", "add", "--date", past(14), "--topics", "Delegation; feedback from Priya",
             "--notes", "Hand decisions back.", data_dir=data_dir)
    assert out.strip() == f"Recorded coach session 1 ({past(14)})."
    out = ok("session", "commit", "1", "Share", "the", "Q1 plan draft", "--due", past(7),
             data_dir=data_dir)
    assert out.strip() == f"Added commitment 1 to coach session 1, due {past(7)}."
    second = commit(data_dir, 1, "Write down three decisions to hand over")
    newer = record(data_dir, "--topics", "Roadmap hand-over")  # --date: today by default

    listed = ok("session", "list", data_dir=data_dir).splitlines()
    assert listed[0].split() == ["id", "date", "open", "topics"]
    assert listed[1].split()[:3] == [str(newer), date.today().isoformat(), "0/0"]
    assert listed[2].split()[:3] == ["1", past(14), "2/2"]
    assert "Delegation; feedback from Priya" in listed[2]

    shown = ok("session", "show", "1", data_dir=data_dir)
    assert shown.startswith(f"Coach session 1: {past(14)}\n")
    assert "Topics:        Delegation; feedback from Priya" in shown
    assert "Notes:         Hand decisions back." in shown
    assert "Commitments (2, 2 open):" in shown
    lines = [line.split(None, 3) for line in shown.splitlines() if line.startswith("     ")]
    assert lines == [["1", "overdue", past(7), "Share the Q1 plan draft"],
                     [str(second), "open", "-", "Write down three decisions to hand over"]]

    assert ok("session", "done", "1", data_dir=data_dir).strip() == "Commitment 1 done."
    data = as_json("session", "show", "1", data_dir=data_dir)
    assert data == {
        "id": 1, "held_on": past(14), "topics": "Delegation; feedback from Priya",
        "notes": "Hand decisions back.",
        "commitments": [
            {"id": 1, "text": "Share the Q1 plan draft", "due_date": past(7), "done": True,
             "experiment_id": None},
            {"id": second, "text": "Write down three decisions to hand over", "due_date": None,
             "done": False, "experiment_id": None},
        ],
    }
    undone = as_json("session", "done", "1", "--undo", data_dir=data_dir)
    assert isinstance(undone, dict) and undone["done"] is False
    sessions = as_json("session", "list", data_dir=data_dir)
    assert [s["id"] for s in sessions] == [newer, 1]  # type: ignore[union-attr]

    out = ok("session", "delete", "1", data_dir=data_dir)
    assert out.strip() == "Deleted coach session 1 and its 2 commitment(s)."
    assert [s["id"] for s in as_json("session", "list", data_dir=data_dir)] == [  # type: ignore[union-attr]
        newer]
    assert run("session", "show", "1", data_dir=data_dir).returncode == 1


def test_notes_can_come_from_standard_input(data_dir: Path) -> None:
    notes = "We looked at the budget review.\nNext: share plans earlier, ünïcode"
    ok("session", "add", "--topics", "Budget", "--notes", "-", data_dir=data_dir,
       stdin=notes.encode())
    data = as_json("session", "show", "1", data_dir=data_dir)
    assert isinstance(data, dict) and data["notes"] == notes.strip()


def test_empty_list_says_how_to_start(data_dir: Path) -> None:
    result = run("session", "list", data_dir=data_dir)
    assert result.returncode == 0 and result.stdout == ""
    assert "session add" in result.stderr
    assert as_json("session", "list", data_dir=data_dir) == []


def test_due_lists_action_items_after_the_experiments(data_dir: Path) -> None:
    session = record(data_dir, "--date", past(20), "--topics", "Follow-ups")
    overdue = commit(data_dir, session, "Raise the missed deadlines with Elena", "--due", past(3))
    today = commit(data_dir, session, "Book the offsite", "--due", "today")
    soon = commit(data_dir, session, "Draft the one-page strategy", "--due", future(2))
    commit(data_dir, session, "Later than a week", "--due", future(9))
    commit(data_dir, session, "No date at all")
    text = ok("due", data_dir=data_dir)
    assert text.startswith("Every active experiment is on track.\n\nCommitments (3):\n")

    late = as_json("experiment", "add", *EXPERIMENT, "--active", "--start", past(20), "--due",
                   past(4), data_dir=data_dir)
    assert isinstance(late, dict)
    lines = ok("due", data_dir=data_dir).splitlines()
    assert lines[0] == "Needs attention (1):"
    assert lines[1].split()[:2] == [str(late["id"]), "overdue"]
    block = lines.index("Commitments (3):")
    assert block > 2 and lines[block - 1] == ""
    rows = lines[block + 1:block + 4]
    assert rows[0].split()[:2] == [str(overdue), "overdue"]
    assert f"overdue by 3 days (due {past(3)})" in rows[0]
    assert "Raise the missed deadlines with Elena" in rows[0]
    assert rows[1].split()[:3] == [str(today), "due", "today"]
    assert rows[2].split()[:3] == [str(soon), "due", "soon"]
    assert f"due in 2 days ({future(2)})" in rows[2]
    assert lines[block + 4] == "Mark one done: tkg-journal session done ID"

    # The JSON of `due` stays the list of experiments scripts already read ...
    items = as_json("due", data_dir=data_dir)
    assert [i["id"] for i in items] == [late["id"]]  # type: ignore[union-attr]
    # ... and the action items are their own list.
    actions = as_json("due", "--commitments", data_dir=data_dir)
    assert [(a["id"], a["reason"], a["days"]) for a in actions] == [  # type: ignore[union-attr]
        (overdue, "overdue", 3), (today, "due today", 0), (soon, "due soon", 2)]
    assert actions[0] == {  # type: ignore[index]
        "id": overdue, "text": "Raise the missed deadlines with Elena", "due_date": past(3),
        "done": False, "experiment_id": None, "reason": "overdue", "days": 3,
        "session_id": session, "held_on": past(20)}
    wider = as_json("due", "--commitments", "--soon-days", "9", data_dir=data_dir)
    assert len(wider) == 4  # type: ignore[arg-type]
    only = ok("due", "--commitments", data_dir=data_dir)
    assert only.startswith("Commitments (3):") and "Needs attention" not in only

    ok("session", "done", str(overdue), data_dir=data_dir)
    ok("session", "done", str(today), data_dir=data_dir)
    ok("session", "done", str(soon), data_dir=data_dir)
    assert ok("due", "--commitments", data_dir=data_dir).strip() == (
        "No commitment is overdue or due in the next 7 days.")
    assert "Commitments" not in ok("due", data_dir=data_dir)


def test_nothing_due_at_all(data_dir: Path) -> None:
    assert ok("due", data_dir=data_dir).strip() == (
        "Nothing needs attention: every active experiment is on track and no commitment is due.")


@pytest.fixture(scope="module")
def one_session(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A journal with one session (ten days ago) and one commitment, built once and copied
    per test (each bad-input case starts from the same files)."""
    home = tmp_path_factory.mktemp("home")
    folder = home / "journal"
    env = {"HOME": str(home), "XDG_DATA_HOME": str(home / "data"),
           "XDG_CONFIG_HOME": str(home / "config"),
           "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"}
    for args in (("init", "--passphrase"),
                 ("session", "add", "--date", past(10), "--topics", "Delegation"),
                 ("session", "commit", "1", "Ask Sam first", "--due", past(2))):
        result = run(*args, data_dir=folder, env=env)
        assert result.returncode == 0, result.stderr
    return folder


@pytest.mark.parametrize(("args", "message"), [
    (("session", "add", "--date", future(1), "--topics", "x"),
     f"a coach session cannot be recorded for a day still ahead ({future(1)})"),
    (("session", "add", "--date", "2026-02-30", "--topics", "x"), "--date '2026-02-30' is not"),
    (("session", "add"), "a coach session needs --topics TEXT or --notes TEXT"),
    (("session", "add", "--topics", "   ", "--notes", ""), "needs --topics TEXT or --notes"),
    (("session", "add", "--topics", "bad\x1b[2J"), "control characters"),
    (("session", "commit", "99", "x"), "there is no coach session 99"),
    (("session", "commit", "1", "x", "--due", past(11)), "before its session"),
    (("session", "commit", "1", "   "), "a commitment cannot be empty"),
    (("session", "commit", "1", "x", "--due", "soon"), "--due 'soon' is not a date"),
    (("session", "show", "99"), "there is no coach session 99"),
    (("session", "done", "99"), "there is no commitment 99"),
    (("session", "done", "99", "--undo"), "there is no commitment 99"),
    (("session", "delete", "99"), "there is no coach session 99"),
    (("due", "--soon-days", "-1"), "soon days must be from 0 to 365"),
    (("due", "--commitments", "--soon-days", "400"), "soon days must be from 0 to 365"),
])
def test_bad_input_is_one_clear_line_exit_1_and_changes_nothing(
        one_session: Path, tmp_path: Path, args: tuple[str, ...], message: str) -> None:
    data_dir = tmp_path / "copy"
    shutil.copytree(one_session, data_dir)
    before = snapshot(data_dir)
    result = run(*args, data_dir=data_dir)
    assert result.returncode == 1, result.stderr
    assert result.stdout == ""
    assert message in result.stderr
    assert result.stderr.startswith("tkg-journal: ")
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert snapshot(data_dir) == before


@pytest.mark.parametrize("args", [
    ("session",),
    ("session", "commit", "1"),  # TEXT is required
    ("session", "commit", "one", "x"),
    ("session", "done", "abc"),
    ("session", "add", "--topics", "-", "--notes", "-"),
    ("due", "--soon-days", "seven"),
])
def test_usage_errors_exit_2_and_change_nothing(
        one_session: Path, tmp_path: Path, args: tuple[str, ...]) -> None:
    data_dir = tmp_path / "copy"
    shutil.copytree(one_session, data_dir)
    before = snapshot(data_dir)
    result = run(*args, data_dir=data_dir)
    assert result.returncode == 2, result.stderr
    assert "--help`)" in result.stderr or "standard input" in result.stderr
    assert len(result.stderr.splitlines()) == 1
    assert snapshot(data_dir) == before


def test_session_help_lists_the_actions() -> None:
    out = subprocess.run([installed_command(), "session", "--help"], capture_output=True,
                         text=True)
    assert out.returncode == 0
    for action in ("add", "commit", "list", "show", "done", "delete"):
        assert action in out.stdout
    top = subprocess.run([installed_command(), "--help"], capture_output=True, text=True).stdout
    assert "session" in top
    due = subprocess.run([installed_command(), "due", "--help"], capture_output=True,
                         text=True).stdout
    assert "--commitments" in due and "--soon-days" in due


def test_print_id_gives_a_script_only_the_new_ids(data_dir: Path) -> None:
    """``ID=$(tkg-journal ... --print-id)``: each command that makes a record prints its id
    and nothing else, and the id is the record's."""
    entry = ok("add", "Said it plainly", "--print-id", data_dir=data_dir).strip()
    experiment = ok("experiment", "add", *EXPERIMENT, "--print-id", data_dir=data_dir).strip()
    session = ok("session", "add", "--topics", "Delegation", "--print-id",
                 data_dir=data_dir).strip()
    commitment = ok("session", "commit", session, "Ask first", "--print-id",
                    data_dir=data_dir).strip()
    assert all(text.isdigit() for text in (entry, experiment, session, commitment))
    shown = as_json("experiment", "show", experiment, data_dir=data_dir)
    assert isinstance(shown, dict) and shown["title"] == "Pause before answering"
    assert "Ask first" in ok("session", "show", session, data_dir=data_dir)
    assert "Said it plainly" in ok("show", entry, data_dir=data_dir)
