"""One entry from the command line: ``show``, ``edit``, ``delete``, ``add`` with the guided
answers, and the tags in ``list``/``search`` JSON; through the installed command on a real
encrypted journal."""

from __future__ import annotations

import json
import os
import pty
import subprocess
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import TEST_PASSPHRASE
from tests.e2e.cli_runner import PASSPHRASE, installed_command, run
from tests.helpers import snapshot
from tkg_journal.domain.entries import Entry, EntryKind, FeedbackFields
from tkg_journal.domain.experiments import Experiment
from tkg_journal.domain.levels import Level
from tkg_journal.paths import JournalPaths
from tkg_journal.services import journal_access
from tkg_journal.services.experiments import Experiments
from tkg_journal.services.journal import Journal

pytestmark = pytest.mark.e2e

GUIDED = (
    "--who", "Sam (product lead)",
    "--what-happened", "He pushed back on the roadmap in the review",
    "--felt", "defensive",
    "--intensity", "7",
    "--response", "I talked over him",
    "--impact", "He went quiet for the rest of the meeting",
    "--next", "Ask one question before I answer",
)


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "journal"
    assert run("init", "--passphrase", data_dir=folder).returncode == 0
    return folder


def ok(*args: str, data_dir: Path, stdin: bytes | None = None) -> str:
    done = run(*args, data_dir=data_dir, stdin=stdin)
    assert done.returncode == 0, (args, done.stderr)
    return done.stdout


def add(data_dir: Path, *args: str) -> int:
    return int(json.loads(ok("add", "--format", "json", *args, data_dir=data_dir))["id"])


def shown(data_dir: Path, entry_id: int) -> dict[str, Any]:
    return dict(json.loads(ok("show", str(entry_id), "--format", "json", data_dir=data_dir)))


def conversation(data_dir: Path) -> int:
    return add(data_dir, "--title", "Roadmap pushback", "-l", "1", "--tag", "roadmap",
               "--when", "2026-03-02 09:15", "--notes", "Bring this to my coach", *GUIDED)


def in_journal(data_dir: Path) -> Journal:
    return journal_access.unlock(JournalPaths(data_dir), passphrase=TEST_PASSPHRASE)


# --- add and show ------------------------------------------------------------------------


def test_add_with_guided_answers_makes_a_conversation_that_show_prints_whole(
        data_dir: Path) -> None:
    entry_id = conversation(data_dir)
    data = shown(data_dir, entry_id)
    assert data["kind"] == "conversation"
    assert data["conversation"] == {
        "who": "Sam (product lead)", "what_happened": "He pushed back on the roadmap in the review",
        "feeling": "defensive", "intensity": 7, "my_response": "I talked over him",
        "impact": "He went quiet for the rest of the meeting",
        "try_next": "Ask one question before I answer"}
    assert data["body"] == "Bring this to my coach"
    assert (data["title"], data["level"], data["level_rank"]) == ("Roadmap pushback",
                                                                  "Foundation", 1)
    assert data["tags"] == ["roadmap"] and data["shared"] is False
    assert data["feedback"] == {"source": "", "sentiment": None}
    assert data["experiments"] == []
    moment = datetime.fromisoformat(data["occurred_at"])  # ISO 8601 with its offset
    assert moment.utcoffset() is not None
    assert moment.astimezone().strftime("%Y-%m-%d %H:%M") == "2026-03-02 09:15"
    assert set(data) == {"id", "kind", "level", "level_rank", "title", "occurred_at", "tags",
                         "shared", "body", "conversation", "feedback", "experiments",
                         "created_at", "updated_at"}

    text = ok("show", str(entry_id), data_dir=data_dir)
    assert text.startswith(f"Entry {entry_id}: Roadmap pushback\n")
    assert "Difficult conversation, 2026-03-02 09:15" in text
    assert "Tags: roadmap" in text and "Shared with the coach: no" in text
    for heading, answer in (("Who", "Sam (product lead)"), ("What I felt", "defensive"),
                            ("Intensity", "7 / 10"), ("My response", "I talked over him"),
                            ("What I'd try next", "Ask one question before I answer"),
                            ("Notes", "Bring this to my coach")):
        assert f"\n{heading}\n  {answer}\n" in text, heading
    assert "From whom" not in text and "Experiments from this entry" not in text


def test_show_text_leaves_out_empty_answers(data_dir: Path) -> None:
    entry_id = add(data_dir, "--who", "Priya", "just the who")
    text = ok("show", str(entry_id), data_dir=data_dir)
    assert "\nWho\n  Priya\n" in text and "\nNotes\n  just the who\n" in text
    for heading in ("What happened", "What I felt", "Intensity", "My response", "Impact"):
        assert f"\n{heading}\n" not in text


def test_guided_answers_with_another_kind_keep_that_kind(data_dir: Path) -> None:
    entry_id = add(data_dir, "--kind", "reflection", "--who", "the team", "a pattern")
    assert shown(data_dir, entry_id)["kind"] == "reflection"
    assert shown(data_dir, add(data_dir, "plain words"))["kind"] == "free"


def test_show_a_feedback_entry_and_the_experiment_made_from_an_entry(data_dir: Path) -> None:
    with in_journal(data_dir) as journal:
        feedback = journal.add_entry(Entry(
            kind=EntryKind.FEEDBACK, occurred_at=datetime.now().astimezone(),
            title="Skip-level", body="You listen better now", level=Level.GROWTH,
            feedback=FeedbackFields(source="my manager", sentiment=1)))
        assert feedback.id is not None
        experiment = Experiments(journal).create(Experiment(
            title="Ask before answering", level=Level.FOUNDATION, trigger="pushback",
            old_behaviour="talk over", new_response="ask a question",
            source_entry_id=feedback.id))
    data = shown(data_dir, feedback.id)
    assert data["feedback"] == {"source": "my manager", "sentiment": 1}
    assert data["experiments"] == [{"id": experiment.id, "title": "Ask before answering",
                                    "status": "planned"}]
    text = ok("show", str(feedback.id), data_dir=data_dir)
    assert "Feedback received" in text
    assert "\nFrom whom\n  my manager\n" in text
    assert "\nHow it landed\n  +1 positive\n" in text
    assert "\nWhat they said\n  You listen better now\n" in text
    assert f"Experiments from this entry\n  {experiment.id:>5}  Ask before answering (planned)" \
        in text


def test_show_a_missing_entry_is_one_line(data_dir: Path) -> None:
    done = run("show", "999", data_dir=data_dir)
    assert (done.returncode, done.stderr.strip()) == (1, "tkg-journal: there is no entry 999")


# --- edit ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("args", "field", "expected", "said"), [
    (("--title", "New title"), "title", "New title", "title"),
    (("--level", "growth"), "level", "Growth", "level"),
    (("--level", "none"), "level", None, "level"),
    (("--kind", "reflection"), "kind", "reflection", "kind"),
    (("--share",), "shared", True, "shared"),
    (("--body", "Rewritten"), "body", "Rewritten", "body"),
    (("--who", "Alex"), ("conversation", "who"), "Alex", "who"),
    (("--what-happened", "x"), ("conversation", "what_happened"), "x", "what-happened"),
    (("--felt", "calm"), ("conversation", "feeling"), "calm", "felt"),
    (("--intensity", "3"), ("conversation", "intensity"), 3, "intensity"),
    (("--intensity", "none"), ("conversation", "intensity"), None, "intensity"),
    (("--response", "I asked"), ("conversation", "my_response"), "I asked", "response"),
    (("--impact", ""), ("conversation", "impact"), "", "impact"),
    (("--next", "Pause"), ("conversation", "try_next"), "Pause", "next"),
])
def test_each_edit_option_changes_only_its_field(
        data_dir: Path, args: tuple[str, ...], field: str | tuple[str, str], expected: object,
        said: str) -> None:
    entry_id = conversation(data_dir)
    before = shown(data_dir, entry_id)
    out = ok("edit", str(entry_id), *args, data_dir=data_dir)
    assert out.strip() == f"Changed entry {entry_id}: {said}."
    after = shown(data_dir, entry_id)
    if isinstance(field, tuple):
        group, name = field
        assert after[group][name] == expected
        after[group] = dict(after[group], **{name: before[group][name]})
    else:
        assert after[field] == expected
        after[field] = before[field]
        if field == "level":
            after["level_rank"] = before["level_rank"]
    assert after["updated_at"] >= before["updated_at"]
    after["updated_at"] = before["updated_at"]
    assert after == before


def test_edit_no_share_and_when(data_dir: Path) -> None:
    entry_id = add(data_dir, "--share", "shared at first")
    ok("edit", str(entry_id), "--no-share", "--when", "yesterday 18:30", data_dir=data_dir)
    data = shown(data_dir, entry_id)
    assert data["shared"] is False
    moment = datetime.fromisoformat(data["occurred_at"]).astimezone()
    assert (moment.date(), moment.strftime("%H:%M")) == (date.today() - timedelta(days=1),
                                                         "18:30")


def test_edit_adds_and_removes_tags(data_dir: Path) -> None:
    entry_id = add(data_dir, "--tag", "budget", "--tag", "old", "words")
    out = ok("edit", str(entry_id), "--tag", "#Q1", "--tag", "team", "--untag", "old",
             data_dir=data_dir)
    assert out.strip() == f"Changed entry {entry_id}: tags (+q1 +team -old)."
    assert sorted(shown(data_dir, entry_id)["tags"]) == ["budget", "q1", "team"]


def test_edit_body_from_standard_input(data_dir: Path) -> None:
    entry_id = add(data_dir, "short")
    ok("edit", str(entry_id), "--body", "-", data_dir=data_dir,
       stdin="Line one\nline two ünïcode\n".encode())
    assert shown(data_dir, entry_id)["body"] == "Line one\nline two ünïcode"


def test_edit_to_the_same_values_says_so_and_writes_nothing(data_dir: Path) -> None:
    entry_id = add(data_dir, "--title", "Same", "words")
    before = shown(data_dir, entry_id)
    out = ok("edit", str(entry_id), "--title", "Same", data_dir=data_dir)
    assert out.strip() == f"Entry {entry_id} already had those values; nothing was changed."
    assert shown(data_dir, entry_id) == before  # updated_at too: nothing was written


@pytest.mark.parametrize(("args", "message"), [
    ((), "nothing to change"),
    (("--level", "summit"), "unknown level 'summit'"),
    (("--kind", "rant"), "unknown entry kind"),
    (("--intensity", "11"), "--intensity '11' is not a whole number from 0 to 10"),
    (("--intensity", "high"), "--intensity 'high'"),
    (("--when", "2026-02-30"), "--when '2026-02-30' is not a date"),
    (("--when", "someday"), "--when 'someday' is not a date"),
    (("--tag", "two words"), "one word"),
    (("--untag", "absent"), "has no tag 'absent'"),
    (("--tag", "x", "--untag", "x"), "both name 'x'"),
    (("--title", "", "--body", "", "--who", "", "--what-happened", "", "--felt", "",
      "--response", "", "--impact", "", "--next", "", "--intensity", "none"),
     "an entry needs a title"),
])
def test_bad_edits_are_one_line_exit_1_and_change_nothing(
        data_dir: Path, args: tuple[str, ...], message: str) -> None:
    entry_id = conversation(data_dir)
    before, files = shown(data_dir, entry_id), snapshot(data_dir)
    done = run("edit", str(entry_id), *args, data_dir=data_dir)
    assert done.returncode == 1, done.stderr
    assert message in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1, done.stderr
    assert shown(data_dir, entry_id) == before
    assert snapshot(data_dir) == files


def test_edit_or_delete_a_missing_entry_is_one_line(data_dir: Path) -> None:
    for args in (("edit", "999", "--title", "x"), ("delete", "999", "--yes")):
        done = run(*args, data_dir=data_dir)
        assert (done.returncode, done.stderr.strip()) == (1, "tkg-journal: there is no entry 999")


# --- delete -------------------------------------------------------------------------------


def test_delete_with_yes(data_dir: Path) -> None:
    keep, gone = add(data_dir, "keep me"), add(data_dir, "delete me")
    assert ok("delete", str(gone), "--yes", data_dir=data_dir).strip() == \
        f"Deleted entry {gone}."
    assert [r["id"] for r in json.loads(ok("list", "--format", "json", data_dir=data_dir))] == \
        [keep]


def test_delete_without_a_terminal_or_yes_refuses_and_keeps_the_entry(data_dir: Path) -> None:
    entry_id = add(data_dir, "still here")
    files = snapshot(data_dir)
    done = run("delete", str(entry_id), data_dir=data_dir)
    assert done.returncode == 1
    assert "--yes" in done.stderr and len(done.stderr.strip().splitlines()) == 1
    assert snapshot(data_dir) == files
    assert shown(data_dir, entry_id)["body"] == "still here"


def delete_on_a_terminal(data_dir: Path, entry_id: int, answer: str) -> tuple[int, str]:
    """``delete ID`` with a terminal on standard input, answering the question."""
    leader, follower = pty.openpty()
    try:
        os.write(leader, f"{answer}\n".encode())
        done = subprocess.run(
            [installed_command(), "--data-dir", str(data_dir), "delete", str(entry_id)],
            stdin=follower, capture_output=True, text=True, timeout=60,
            env=dict(os.environ, TKG_JOURNAL_PASSPHRASE=PASSPHRASE))
    finally:
        os.close(leader)
        os.close(follower)
    return done.returncode, done.stdout


def test_delete_on_a_terminal_asks_first(data_dir: Path) -> None:
    entry_id = add(data_dir, "--title", "Budget talk", "words")
    code, out = delete_on_a_terminal(data_dir, entry_id, "n")
    assert code == 1
    assert f'Delete entry {entry_id} "Budget talk"? [y/N]' in out
    assert shown(data_dir, entry_id)["title"] == "Budget talk"
    code, out = delete_on_a_terminal(data_dir, entry_id, "y")
    assert code == 0, out
    assert run("show", str(entry_id), data_dir=data_dir).returncode == 1


# --- list and search ------------------------------------------------------------------------


def test_list_and_search_json_carry_each_entrys_tags(data_dir: Path) -> None:
    tagged = add(data_dir, "--tag", "budget", "--tag", "q1", "budget talk")
    plain = add(data_dir, "budget without tags")
    rows = {r["id"]: r for r in json.loads(ok("list", "--format", "json", data_dir=data_dir))}
    assert (sorted(rows[tagged]["tags"]), rows[plain]["tags"]) == (["budget", "q1"], [])
    assert {"id", "occurred_at", "kind", "level", "level_rank", "title", "first_line",
            "shared", "tags"} <= set(rows[tagged])
    hits = {h["id"]: h for h in json.loads(ok("search", "budget", "--format", "json",
                                               data_dir=data_dir))}
    assert (sorted(hits[tagged]["tags"]), hits[plain]["tags"]) == (["budget", "q1"], [])
    assert {"type", "id", "experiment_id", "snippet", "rank", "tags"} <= set(hits[tagged])


# --- dates forward as well as back ----------------------------------------------------------


def test_due_dates_read_forward_and_a_bare_span_is_refused(data_dir: Path) -> None:
    base = ("experiment", "add", "-t", "t", "-l", "1", "--trigger", "a", "--old", "b",
            "--new", "c", "--format", "json")
    due = json.loads(ok(*base, "--due", "+7d", data_dir=data_dir))["due_date"]
    assert due == (date.today() + timedelta(days=7)).isoformat()
    due = json.loads(ok(*base, "--due", "in 2 weeks", data_dir=data_dir))["due_date"]
    assert due == (date.today() + timedelta(days=14)).isoformat()
    files = snapshot(data_dir)
    done = run(*base, "--due", "7d", data_dir=data_dir)
    assert done.returncode == 1
    assert done.stderr.strip() == ("tkg-journal: --due '7d' is ambiguous: write +7d "
                                   "(in 7 days) or -7d (7 days ago)")
    assert snapshot(data_dir) == files
    ok("session", "add", "--topics", "t", data_dir=data_dir)
    committed = json.loads(ok("session", "commit", "1", "Book the offsite", "--due", "tomorrow",
                              "--format", "json", data_dir=data_dir))
    assert committed["due_date"] == (date.today() + timedelta(days=1)).isoformat()


def test_since_keeps_counting_back(data_dir: Path) -> None:
    add(data_dir, "--when", "3d ago", "three days back")
    add(data_dir, "--when", "20d", "twenty days back")
    rows = json.loads(ok("list", "--since", "7d", "--format", "json", data_dir=data_dir))
    assert [r["first_line"] for r in rows] == ["three days back"]
