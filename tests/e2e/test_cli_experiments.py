"""``tkg-journal experiment ...`` and ``tkg-journal due`` as a user's shell or script runs
them: the whole loop, JSON for scripts, and bad input refused in one line with nothing
written."""

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


def ok(*args: str, data_dir: Path) -> str:
    result = run(*args, data_dir=data_dir)
    assert result.returncode == 0, (args, result.stderr)
    return result.stdout


def as_json(*args: str, data_dir: Path) -> object:
    return json.loads(ok(*args, "--format", "json", data_dir=data_dir))


def add(data_dir: Path, *extra: str) -> int:
    data = as_json("experiment", "add", *EXPERIMENT, *extra, data_dir=data_dir)
    assert isinstance(data, dict)
    return int(data["id"])


def past(days: int) -> str:
    return (date.today() - timedelta(days=days)).isoformat()


def future(days: int) -> str:
    return (date.today() + timedelta(days=days)).isoformat()


def test_the_full_loop_add_start_log_three_times_complete_show(data_dir: Path) -> None:
    out = ok("experiment", "add", *EXPERIMENT, "--prediction", "the room stays calm",
             "--criteria", "three calm answers", "--due", future(14), "--belief", "30",
             "--behaviour", "defensiveness", data_dir=data_dir)
    assert out.strip() == "Added experiment 1 (planned)."
    assert ok("experiment", "start", "1", data_dir=data_dir).startswith(
        "Experiment 1 started: now active")
    for days, (did, outcome) in zip((3, 2, 1), (("yes", "2"), ("partial", "0"), ("yes", "-1")),
                                    strict=True):
        out = ok("experiment", "log", "1", "--did", did, "--outcome", outcome,
                 "--situation", f"weekly meeting {days}", "--note", "kept calm",
                 "--when", f"{past(days)} 10:00", data_dir=data_dir)
        assert out.startswith("Logged attempt")
    out = ok("experiment", "complete", "1", "--learning", "asking first calms the room",
             "--belief", "75", data_dir=data_dir)
    assert "now completed" in out
    shown = ok("experiment", "show", "1", data_dir=data_dir)
    assert "Experiment 1: Pause before answering  [completed]" in shown
    assert ("When a peer challenges my plan, instead of defending it at once I will ask one "
            "question first, and I expect the room stays calm.") in shown
    assert "Defensiveness" in shown
    assert "30% before, 75% after" in shown
    assert "asking first calms the room" in shown
    assert "Attempts (3, mean outcome +0.3):  + 0 -" in shown
    lines = [line for line in shown.splitlines() if "weekly meeting" in line]
    assert [line.split()[0] for line in lines] == [past(3), past(2), past(1)]  # oldest first
    assert "partial" in lines[1]


def test_show_and_list_as_json(data_dir: Path) -> None:
    first = add(data_dir, "--active", "--start", past(5))
    second = add(data_dir, "--level", "growth")
    ok("experiment", "log", str(first), "--did", "yes", "--outcome", "2", data_dir=data_dir)
    ok("experiment", "log", str(first), "--did", "no", data_dir=data_dir)
    shown = as_json("experiment", "show", str(first), data_dir=data_dir)
    assert isinstance(shown, dict)
    assert (shown["status"], shown["level"], shown["start_date"]) == (
        "active", "Foundation", past(5))
    assert [(a["did_it"], a["outcome"]) for a in shown["attempts"]] == [("yes", 2), ("no", None)]
    listed = as_json("experiment", "list", data_dir=data_dir)
    assert isinstance(listed, list)
    assert [(r["id"], r["status"], r["attempts"]) for r in listed] == [
        (first, "active", 2), (second, "planned", 0)]
    assert listed[0]["recent_outcomes"] == [2, None]
    assert listed[0]["mean_outcome"] == 2
    growth = as_json("experiment", "list", "--level", "2", data_dir=data_dir)
    assert [r["id"] for r in growth] == [second]  # type: ignore[union-attr]
    planned = as_json("experiment", "list", "--status", "planned", data_dir=data_dir)
    assert [r["id"] for r in planned] == [second]  # type: ignore[union-attr]
    text = ok("experiment", "list", data_dir=data_dir)
    assert "+ ." in text.splitlines()[1]


def test_abandon_and_reopen(data_dir: Path) -> None:
    number = str(add(data_dir))
    assert "now abandoned" in ok("experiment", "abandon", number, "--reason", "team changed",
                                 data_dir=data_dir)
    assert "now active" in ok("experiment", "reopen", number, data_dir=data_dir)
    shown = as_json("experiment", "show", number, data_dir=data_dir)
    assert isinstance(shown, dict)
    assert (shown["status"], shown["abandon_reason"]) == ("active", "team changed")


def test_start_after_the_due_date_asks_for_a_new_one(data_dir: Path) -> None:
    number = str(add(data_dir, "--start", past(10), "--due", past(2)))
    before = snapshot(data_dir)
    refused = run("experiment", "start", number, data_dir=data_dir)
    assert refused.returncode == 1
    assert f"was due on {past(2)}, which has passed" in refused.stderr
    assert "--due DATE" in refused.stderr
    assert snapshot(data_dir) == before
    out = ok("experiment", "start", number, "--due", future(7), data_dir=data_dir)
    assert out.strip() == f"Experiment {number} started: now active, due {future(7)}."


def test_due_lists_overdue_then_quiet_and_exits_0(data_dir: Path) -> None:
    assert ok("due", data_dir=data_dir).startswith("Nothing needs attention")
    overdue = add(data_dir, "--active", "--start", past(20), "--due", past(4))
    quiet = add(data_dir, "--active", "--start", past(6), "--title", "Quiet one")
    fine = add(data_dir, "--active", "--start", past(1))
    add(data_dir, "--start", past(30), "--due", past(10))  # planned: never due
    text = ok("due", data_dir=data_dir)
    lines = text.splitlines()
    assert lines[0] == "Needs attention (2):"
    assert lines[1].split()[:2] == [str(overdue), "overdue"]
    assert f"overdue by 4 days (due {past(4)})" in lines[1]
    assert lines[2].split()[:2] == [str(quiet), "quiet"]
    assert "no attempt for 6 days" in lines[2] and "Quiet one" in lines[2]
    items = as_json("due", "--quiet-days", "1", data_dir=data_dir)
    assert [(i["id"], i["reason"], i["days"]) for i in items] == [  # type: ignore[union-attr]
        (overdue, "overdue", 4), (quiet, "quiet", 6), (fine, "quiet", 1)]
    ok("experiment", "log", str(quiet), "--did", "yes", data_dir=data_dir)
    after = as_json("due", data_dir=data_dir)
    assert [i["id"] for i in after] == [overdue]  # type: ignore[union-attr]


@pytest.fixture(scope="module")
def three_states(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, int]]:
    """A journal with a planned, an active (one attempt) and a completed experiment, built
    once and copied per test (each bad-input case starts from the same files)."""
    home = tmp_path_factory.mktemp("home")
    folder = home / "journal"
    env = {"HOME": str(home), "XDG_DATA_HOME": str(home / "data"),
           "XDG_CONFIG_HOME": str(home / "config"),
           "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"}

    def must(*args: str) -> str:
        result = run(*args, data_dir=folder, env=env)
        assert result.returncode == 0, result.stderr
        return result.stdout

    must("init", "--passphrase")
    ids = {}
    for name, extra in (("planned", ()), ("active", ("--active",)), ("closed", ("--active",))):
        ids[name] = int(json.loads(must("experiment", "add", *EXPERIMENT, *extra,
                                        "--format", "json"))["id"])
    must("experiment", "complete", str(ids["closed"]), "--learning", "done")
    must("experiment", "log", str(ids["active"]), "--did", "yes")
    return folder, ids


@pytest.mark.parametrize(("args", "message"), [
    (("experiment", "log", "999", "--did", "yes"), "there is no experiment 999"),
    (("experiment", "show", "999"), "there is no experiment 999"),
    (("experiment", "start", "999"), "there is no experiment 999"),
    (("experiment", "log", "{planned}", "--did", "yes"),
     "attempts can only be logged on an active experiment"),
    (("experiment", "log", "{closed}", "--did", "yes"), "is completed"),
    (("experiment", "log", "{active}", "--did", "yes", "--outcome", "3"),
     "outcome must be a whole number from -2 to 2"),
    (("experiment", "log", "{active}", "--did", "yes", "--outcome", "-3"), "from -2 to 2"),
    (("experiment", "log", "{active}", "--did", "maybe"), "must be yes, partial or no"),
    (("experiment", "log", "{active}", "--did", "yes", "--when", "2026-02-30 10:00"),
     "--when '2026-02-30 10:00' is not a date"),
    (("experiment", "log", "{active}", "--did", "yes", "--when", "2100-01-01"), "future"),
    (("experiment", "complete", "{active}"), "give --learning TEXT"),
    (("experiment", "complete", "{active}", "--learning", "   "), "what you learned"),
    (("experiment", "complete", "{active}", "--learning", "x", "--belief", "101"),
     "belief after must be a whole number from 0 to 100"),
    (("experiment", "complete", "{planned}", "--learning", "x"),
     "is planned; it cannot become completed"),
    (("experiment", "abandon", "{active}"), "give --reason TEXT"),
    (("experiment", "abandon", "{closed}", "--reason", "x"), "is completed"),
    (("experiment", "start", "{active}"), "is active; it cannot become active"),
    (("experiment", "start", "{planned}", "--due", "2020-01-01"), "already passed"),
    (("experiment", "reopen", "{active}"), "already open"),
    (("experiment", "add", *EXPERIMENT, "--due", "2026-13-01"), "--due '2026-13-01' is not"),
    (("experiment", "add", *EXPERIMENT, "--start", "someday"), "--start 'someday' is not"),
    (("experiment", "add", *EXPERIMENT, "--belief", "150"), "belief before"),
    (("experiment", "add", *EXPERIMENT, "--start", "2026-03-10", "--due", "2026-03-01"),
     "the due date is before the start date"),
    (("experiment", "add", *EXPERIMENT, "--behaviour", "no such thing"),
     "no friction behaviour named 'no such thing'"),
    (("experiment", "add", *EXPERIMENT[:2], *EXPERIMENT[4:], "--level", "top"),
     "unknown level 'top'"),
    (("experiment", "add", *EXPERIMENT[2:], "--title", "   "), "needs a title"),
    (("experiment", "list", "--status", "done"), "unknown status 'done'"),
    (("due", "--quiet-days", "0"), "quiet days must be from 1"),
])
def test_bad_input_is_one_clear_line_exit_1_and_changes_nothing(
        three_states: tuple[Path, dict[str, int]], tmp_path: Path, args: tuple[str, ...],
        message: str) -> None:
    template, ids = three_states
    data_dir = tmp_path / "copy"
    shutil.copytree(template, data_dir)
    before = snapshot(data_dir)
    result = run(*(a.format(**ids) for a in args), data_dir=data_dir)
    assert result.returncode == 1, result.stderr
    assert result.stdout == ""
    assert message in result.stderr
    assert result.stderr.startswith("tkg-journal: ")
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert snapshot(data_dir) == before


@pytest.mark.parametrize("args", [
    ("experiment", "log", "abc", "--did", "yes"),
    ("experiment", "log", "1"),  # --did is required
    ("experiment", "log", "1", "--did", "yes", "--outcome", "two"),
    ("experiment", "add", "--title", "x"),
    ("experiment", "start", "1", "--learning", "x"),
    ("experiment",),
    ("due", "--quiet-days", "three"),
])
def test_usage_errors_exit_2_and_change_nothing(data_dir: Path, args: tuple[str, ...]) -> None:
    add(data_dir, "--active")
    before = snapshot(data_dir)
    result = run(*args, data_dir=data_dir)
    assert result.returncode == 2, result.stderr
    assert "--help`)" in result.stderr and len(result.stderr.splitlines()) == 1
    assert snapshot(data_dir) == before


def test_add_takes_the_level_from_the_behaviour(data_dir: Path) -> None:
    args = [a for a in EXPERIMENT[:2] + EXPERIMENT[4:]]
    data = as_json("experiment", "add", *args, "--behaviour", "AVOIDING DIFFICULT CONVERSATIONS",
                   data_dir=data_dir)
    assert isinstance(data, dict)
    assert data["level"] == "Growth"
    behaviours = as_json("experiment", "behaviours", data_dir=data_dir)
    named = {b["name"]: b for b in behaviours}  # type: ignore[union-attr]
    assert data["behaviour_id"] == named["Avoiding difficult conversations"]["id"]
    missing = run("experiment", "add", *args, data_dir=data_dir)
    assert missing.returncode == 2 and "--level" in missing.stderr


def test_search_finds_words_in_attempts(data_dir: Path) -> None:
    number = add(data_dir, "--active")
    ok("experiment", "log", str(number), "--did", "yes", "--note", "the zebra steering group",
       data_dir=data_dir)
    found = as_json("experiment", "list", "--search", "zebra", data_dir=data_dir)
    assert [r["id"] for r in found] == [number]  # type: ignore[union-attr]
    assert as_json("experiment", "list", "--search", "giraffe", data_dir=data_dir) == []
    hits = as_json("search", "zebra", data_dir=data_dir)
    assert [(h["type"], h["experiment_id"]) for h in hits] == [  # type: ignore[union-attr]
        ("attempt", number)]


def test_experiment_help_lists_the_actions() -> None:
    out = subprocess.run([installed_command(), "experiment", "--help"], capture_output=True,
                         text=True)
    assert out.returncode == 0
    for action in ("add", "list", "show", "start", "complete", "abandon", "reopen", "log"):
        assert action in out.stdout
    top = subprocess.run([installed_command(), "--help"], capture_output=True, text=True).stdout
    assert "experiment" in top and "due" in top
