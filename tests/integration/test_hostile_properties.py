"""Any value a user, a script or an import can give: stored and read back as given, or
refused with one sentence and nothing changed; afterwards every way of reading works.

Hypothesis draws dates over the whole ``datetime`` range in every ``zoneinfo`` zone,
integers of any size, text of any Unicode (lone surrogates, NUL, right-to-left, combining
marks, walls of repeated words) and drives them through the services and through the
command line's own argument parsing (``cli.main`` in this process: the key is derived
for each command, so those tests draw fewer examples).
"""

from __future__ import annotations

import json
import os
import subprocess
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st

from tests.conftest import TEST_PASSPHRASE
from tests.e2e.cli_runner import installed_command
from tests.helpers import snapshot
from tkg_journal import cli
from tkg_journal.domain.coach_sessions import CoachSession, Commitment
from tkg_journal.domain.dates import EARLIEST_DAY, LATEST_DAY
from tkg_journal.domain.entries import Entry, EntryKind
from tkg_journal.domain.experiments import DidIt, Experiment
from tkg_journal.domain.levels import Level
from tkg_journal.domain.progress import Period
from tkg_journal.domain.search import EntryFilter
from tkg_journal.domain.summary import SummaryOptions
from tkg_journal.paths import JournalPaths
from tkg_journal.services import journal_access
from tkg_journal.services.backups import Backups
from tkg_journal.services.coach_sessions import CoachSessions
from tkg_journal.services.errors import USER_ERRORS
from tkg_journal.services.experiments import Experiments
from tkg_journal.services.export import EmptyPeriod, plan_export
from tkg_journal.services.journal import Journal
from tkg_journal.services.progress import Progress

# Any code point, lone surrogates included (Hypothesis leaves category Cs out by default).
ANY_CHARACTER = st.characters(exclude_categories=())
ANY_TEXT = st.text(ANY_CHARACTER, max_size=120)
WALLS = st.builds(lambda word, times: (word + " ") * times, st.text(min_size=1, max_size=6),
                  st.integers(1, 4_000))
MOMENTS = st.datetimes(min_value=datetime.min, max_value=datetime.max, timezones=st.timezones())
DAYS = st.dates(min_value=date.min, max_value=date.max)
SERVICE_SETTINGS = settings(deadline=None,
                            suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                   HealthCheck.too_slow])


@pytest.fixture
def journal(journal_paths: JournalPaths) -> Iterator[Journal]:
    created = journal_access.create(journal_paths, passphrase=TEST_PASSPHRASE)
    yield created.journal
    created.journal.close()


def one_sentence(error: Exception) -> None:
    text = str(error)
    assert text and "\n" not in text and "Traceback" not in text


def every_read_works(journal: Journal, words: str = "note") -> None:
    """What a user does next: the list, search, due, progress, an export plan."""
    journal.list_entries(limit=20)
    journal.search(words)
    journal.search_entries(words, EntryFilter())
    Experiments(journal).due()
    CoachSessions(journal).due_commitments()
    Progress(journal).first_day()
    period = Period(EARLIEST_DAY, LATEST_DAY)  # every entry the journal can hold
    try:
        plan_export(journal, SummaryOptions(period, charts=False, include_private=True))
    except EmptyPeriod as error:  # nothing stored yet: a sentence, not a failure
        one_sentence(error)


@SERVICE_SETTINGS
@given(moment=MOMENTS, title=ANY_TEXT, body=st.one_of(ANY_TEXT, WALLS), tag=ANY_TEXT)
@example(moment=datetime(999, 1, 1, 10, tzinfo=UTC), title="old", body="x", tag="jrnl")
@example(moment=datetime(9999, 12, 31, 23, 59, tzinfo=UTC), title="", body="far", tag="x")
@example(moment=datetime(2026, 3, 1, tzinfo=UTC), title="wall", body="trust " * 83_000,
         tag="long")
def test_an_entry_is_kept_exactly_or_refused(
    journal: Journal, moment: datetime, title: str, body: str, tag: str
) -> None:
    before = journal.count_entries()
    try:
        entry = Entry(kind=EntryKind.FREE, occurred_at=moment, title=title, body=body,
                      tags=(tag,))
        stored = journal.add_entry(entry)
    except USER_ERRORS as error:
        one_sentence(error)
        assert journal.count_entries() == before
        event("refused")
    else:
        event("stored")
        back = journal.get_entry(stored.id)
        # Stored to the second, in UTC; the same instant whatever the zone it came in.
        assert back.occurred_at == moment.astimezone(UTC).replace(microsecond=0)
        assert (back.title, back.body, back.tags) == (entry.title, entry.body, entry.tags)
        [row] = [r for r in journal.list_entries() if r.id == stored.id]
        assert not row.date_unreadable
    every_read_works(journal, title or body[:20])


@SERVICE_SETTINGS
@given(start=DAYS, due=DAYS, held_on=DAYS, rated_on=DAYS, when=MOMENTS,
       outcome=st.integers(), belief=st.integers())
def test_experiments_sessions_and_ratings_keep_any_day_in_range_or_refuse(
    journal: Journal, start: date, due: date, held_on: date, rated_on: date,
    when: datetime, outcome: int, belief: int,
) -> None:
    experiments, sessions = Experiments(journal), CoachSessions(journal)
    progress = Progress(journal)

    def attempt(action) -> object | None:
        try:
            return action()
        except USER_ERRORS as error:
            one_sentence(error)
            return None

    made = attempt(lambda: experiments.create(Experiment(
        title="Pause", level=Level.GROWTH, trigger="t", old_behaviour="o", new_response="n",
        start_date=start, due_date=due, belief_before=belief)))
    if made is not None:
        assert experiments.get(made.id).due_date == due  # type: ignore[attr-defined]
        started = attempt(lambda: experiments.start(made.id))  # type: ignore[attr-defined]
        logged = started and attempt(lambda: experiments.log_attempt(
            made.id, did_it=DidIt.YES, outcome=outcome, when=when))  # type: ignore[attr-defined]
        if logged:
            [back] = [a for a in experiments.attempts(made.id)  # type: ignore[attr-defined]
                      if a.id == logged.id]  # type: ignore[attr-defined]
            assert back.occurred_at == when.astimezone(UTC).replace(microsecond=0)
    session = attempt(lambda: sessions.record(CoachSession(
        held_on=held_on, topics="t", commitments=(Commitment("c", due_date=due),))))
    if session is not None:
        assert sessions.get(session.id).held_on == held_on  # type: ignore[attr-defined]
    checkin = attempt(lambda: progress.record_checkin({Level.GROWTH: 5}, on=rated_on))
    if checkin is not None:
        assert progress.checkin_for(rated_on) is not None
    every_read_works(journal)
    assert journal.date_problems() == []


# --- through the command line's own parsing -------------------------------------------

CLI_SETTINGS = settings(deadline=None, max_examples=40,
                        suppress_health_check=[HealthCheck.function_scoped_fixture,
                                               HealthCheck.too_slow])


@pytest.fixture
def cli_journal(journal_paths: JournalPaths, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("TKG_JOURNAL_PASSPHRASE", TEST_PASSPHRASE)
    with journal_access.create(journal_paths, passphrase=TEST_PASSPHRASE).journal as journal:
        journal.add_entry(Entry(kind=EntryKind.FREE, occurred_at=datetime(2026, 3, 1, tzinfo=UTC),
                                body="a note to find"))
        # Today's backup, as the first command of the day would take it: the commands
        # under test then leave the folder as it was unless they store something.
        Backups(journal).daily_if_due()
    return journal_paths.data_dir


def run_main(capsys: pytest.CaptureFixture[str], data_dir: Path, *args: str
             ) -> tuple[int, str, str]:
    try:
        code = cli.main(["--data-dir", str(data_dir), *args])
    except SystemExit as done:  # argparse's usage errors
        code = int(done.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def assert_one_line(code: int, err: str) -> None:
    assert code in (1, 2), err
    assert len(err.strip().splitlines()) == 1, err
    assert "Traceback" not in err


def date_texts() -> st.SearchStrategy[str]:
    return st.one_of(
        MOMENTS.map(lambda m: m.strftime("%Y-%m-%d %H:%M") if m.year >= 1000
                    else m.isoformat()),
        MOMENTS.map(lambda m: m.isoformat()),
        DAYS.map(date.isoformat),
        st.builds(lambda n, unit: f"{n}{unit}", st.integers(0, 99_999), st.sampled_from("dwmy")),
        st.text(ANY_CHARACTER, max_size=25),
    )


@CLI_SETTINGS
@given(when=date_texts(), text=ANY_TEXT)
def test_add_stores_what_it_says_or_refuses_in_one_line(
    capsys: pytest.CaptureFixture[str], cli_journal: Path, when: str, text: str
) -> None:
    before = snapshot(cli_journal)
    code, out, err = run_main(capsys, cli_journal, "add", "--format", "json", "--when", when,
                              "--", text or "x")
    if code != 0:
        assert_one_line(code, err)
        assert snapshot(cli_journal) == before
        event("refused")
        return
    event("stored")
    new_id = json.loads(out)["id"]
    code, out, err = run_main(capsys, cli_journal, "list", "--format", "json")
    assert code == 0, err
    [row] = [r for r in json.loads(out) if r["id"] == new_id]
    assert "date_unreadable" not in row


@CLI_SETTINGS
@given(number=st.integers() | st.integers(-(2**70), 2**70),
       command=st.sampled_from([("list", "--limit"), ("search", "note", "--limit"),
                                ("experiment", "show"), ("session", "show"),
                                ("session", "done"), ("due", "--quiet-days"),
                                ("due", "--soon-days")]))
def test_any_integer_is_answered_or_refused_in_one_line(
    capsys: pytest.CaptureFixture[str], cli_journal: Path, number: int, command: tuple[str, ...]
) -> None:
    before = snapshot(cli_journal)
    code, _out, err = run_main(capsys, cli_journal, *command, str(number))
    if code != 0:
        assert_one_line(code, err)
    assert snapshot(cli_journal) == before


@CLI_SETTINGS
@given(since=date_texts(), until=date_texts(), words=ANY_TEXT)
def test_search_and_list_bounds_answer_or_refuse_in_one_line(
    capsys: pytest.CaptureFixture[str], cli_journal: Path, since: str, until: str, words: str
) -> None:
    for args in (("list", "--since", since, "--until", until),
                 ("search", "--since", since, "--until", until, "--", words or "note")):
        code, _out, err = run_main(capsys, cli_journal, *args)
        if code != 0:
            assert_one_line(code, err)


def test_afterwards_the_installed_command_and_the_app_still_work(cli_journal: Path,
                                                                  tmp_path: Path) -> None:
    """The properties above leave journals behind; one of them, filled by every kind of
    command, must still answer every reading command and start the app."""
    env = dict(os.environ, TKG_JOURNAL_PASSPHRASE=TEST_PASSPHRASE, QT_QPA_PLATFORM="offscreen")
    command = [installed_command(), "--data-dir", str(cli_journal)]
    for args in (["add", "--when", "2200-12-31 23:59", "the last day"],
                 ["add", "--when", "1900-01-01 00:00", "the first day"]):
        assert subprocess.run(command + args, env=env, timeout=60).returncode == 0
    for args in (["list"], ["search", "day"], ["due"], ["check"],
                 ["export", "-f", "md", "--no-charts", "--since", "1900-01-01",
                  "-o", str(tmp_path / "s.md")],
                 ["--startup-time"]):
        done = subprocess.run(command + args, env=env, capture_output=True, text=True,
                              timeout=120)
        assert done.returncode == 0, (args, done.stderr)
