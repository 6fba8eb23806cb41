"""A journal holding dates version 0.1 wrote but could not read back: it opens, every read
works, the rows are marked, and the repair lists its changes after a verified backup."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from tests.conftest import TEST_PASSPHRASE
from tests.helpers import FIXED_NOW, entry
from tkg_journal.domain.coach_sessions import CoachSession, Commitment
from tkg_journal.domain.entries import EntryKind
from tkg_journal.domain.errors import ValidationError
from tkg_journal.domain.experiments import DidIt, Experiment
from tkg_journal.domain.levels import Level
from tkg_journal.domain.progress import Bucket, Period
from tkg_journal.domain.ratings import RatingCheckin
from tkg_journal.domain.search import EntryFilter
from tkg_journal.paths import JournalPaths
from tkg_journal.services import journal_access, restore
from tkg_journal.services.coach_sessions import CoachSessions
from tkg_journal.services.experiments import Experiments
from tkg_journal.services.journal import Journal
from tkg_journal.services.progress import Progress
from tkg_journal.storage import checkin_repository
from tkg_journal.storage.errors import WriteFailed


def as_version_0_1_wrote(moment: datetime) -> str:
    """What 0.1's ``to_stored`` wrote: strftime's year has no padding below 1000."""
    return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S")


# What 0.1 stored for `import jrnl` of an entry dated 0999-01-01 10:00 (in UTC) and for
# `add --when "9999-12-31 23:59"` in UTC; then values no version could read.
YEAR_999 = as_version_0_1_wrote(datetime(999, 1, 1, 10, 0, tzinfo=UTC))
YEAR_9999 = as_version_0_1_wrote(datetime(9999, 12, 31, 23, 59, tzinfo=UTC))


def overwrite(journal: Journal, table: str, column: str, row_id: int, value: object) -> None:
    with journal.db.transaction():
        journal.db.execute(f"UPDATE {table} SET {column} = ? WHERE id = ?", (value, row_id))


@pytest.fixture
def damaged(journal_paths: JournalPaths) -> Iterator[Journal]:
    """A passphrase journal with a good entry and rows of every kind holding bad dates."""
    journal = journal_access.create(journal_paths, passphrase=TEST_PASSPHRASE).journal
    journal.add_entry(entry(title="A good day", body="trust the team"))
    old = journal.add_entry(entry(title="old", body="x trust"))
    far = journal.add_entry(entry(title="far", body="y"))
    garbled = journal.add_entry(entry(title="garbled", body="z"))
    overwrite(journal, "entries", "occurred_at", old.id, YEAR_999)
    overwrite(journal, "entries", "occurred_at", far.id, YEAR_9999)
    overwrite(journal, "entries", "occurred_at", garbled.id, "not a date")
    experiments = Experiments(journal)
    experiment = experiments.create(
        Experiment(
            title="Pause",
            level=Level.FOUNDATION,
            trigger="challenged",
            old_behaviour="interrupt",
            new_response="pause",
            start_date=date(2026, 2, 1),
        )
    )
    experiments.start(experiment.id)
    attempt = experiments.log_attempt(experiment.id, did_it=DidIt.YES, outcome=1, when=FIXED_NOW)
    overwrite(journal, "experiments", "due_date", experiment.id, "0999-01-01")
    overwrite(journal, "attempts", "occurred_at", attempt.id, YEAR_999)
    sessions = CoachSessions(journal)
    session = sessions.record(
        CoachSession(
            held_on=date(2026, 2, 20),
            topics="Feedback",
            commitments=(Commitment("Ask Sam", due_date=date(2026, 3, 1)),),
        )
    )
    overwrite(journal, "coach_sessions", "held_on", session.id, "9999-12-31")
    overwrite(journal, "commitments", "due_date", session.commitments[0].id, "garbage")
    with journal.db.transaction():
        checkin_repository.upsert(
            journal.db, checkin=RatingCheckin(date(2026, 2, 1), {Level.GROWTH: 6})
        )
        journal.db.execute("UPDATE rating_checkins SET rated_on = '0999-01-01'")
    yield journal
    journal.close()


def test_every_read_works_and_marks_the_entries_it_cannot_date(damaged: Journal) -> None:
    rows = damaged.list_entries()
    assert len(rows) == 4
    unreadable = {row.title for row in rows if row.date_unreadable}
    assert unreadable == {"old", "far", "garbled"}
    by_title = {row.title: row for row in rows}
    # Shown at the nearest day the journal keeps, which any time zone can display.
    assert by_title["old"].occurred_at == datetime(1900, 1, 1, tzinfo=UTC)
    assert by_title["far"].occurred_at.date() == date(2200, 12, 31)
    for hours in (-12, 14):  # 9999 in Tokyo overflowed; the stand-in never can
        by_title["far"].occurred_at.astimezone(timezone(timedelta(hours=hours)))
    assert {hit.title for hit in damaged.search("trust")} == {"A good day", "old"}
    assert len(damaged.search_entries("trust", EntryFilter())) == 2
    for row in rows:
        assert damaged.get_entry(row.id).title == row.title
    experiments = Experiments(damaged)
    [summary] = experiments.summaries()
    # due 0999 reads as due on its start (it cannot be due before it began)
    assert experiments.get(summary.experiment.id).due_date == date(2026, 2, 1)
    assert [item.experiment.id for item in experiments.due()] == [summary.experiment.id]
    [attempt] = experiments.attempts(summary.experiment.id)
    assert attempt.occurred_at == datetime(1900, 1, 1, tzinfo=UTC)
    sessions = CoachSessions(damaged)
    [session] = sessions.sessions()
    assert session.held_on == date(2200, 12, 31)
    assert session.commitments[0].due_date == date(1900, 1, 1)
    assert sessions.due_commitments()
    progress = Progress(damaged)
    # the local day of the stand-in, 1900-01-01 00:00 UTC (31 December west of UTC)
    assert progress.first_day() == datetime(1900, 1, 1, tzinfo=UTC).astimezone().date()
    assert progress.activity(Period(), bucket=Bucket.MONTH)


def test_problems_name_each_row_and_the_value_the_repair_writes(damaged: Journal) -> None:
    described = [problem.describe() for problem in damaged.date_problems()]
    assert "entry 2: occurred at '999-01-01 10:00:00' -> 1900-01-01 00:00:00 UTC" in described
    assert "entry 3: occurred at '9999-12-31 23:59:00' -> 2200-12-31 23:59:59 UTC" in described
    # Text with no date in it falls back to when the row was written.
    garbled = next(d for d in described if d.startswith("entry 4: occurred at 'not a date'"))
    assert garbled.endswith(" UTC")
    assert "experiment 1: due date '0999-01-01' -> 2026-02-01" in described  # its start
    assert "attempt 1: occurred at '999-01-01 10:00:00' -> 1900-01-01 00:00:00 UTC" in described
    assert "coach session 1: held on '9999-12-31' -> 2200-12-31" in described
    assert "commitment 1: due date 'garbage' -> empty" in described
    assert "check-in 1: rated on '0999-01-01' -> 1900-01-01" in described
    assert len(described) == 8


def test_repair_backs_up_then_rewrites_and_the_backup_opens_as_before(
    damaged: Journal, journal_paths: JournalPaths, tmp_path
) -> None:
    problems, copy = damaged.repair_dates()
    assert len(problems) == 8 and copy is not None
    assert damaged.date_problems() == []
    assert not any(row.date_unreadable for row in damaged.list_entries())
    assert damaged.integrity_problems() == []
    # The backup: encrypted, readable with the passphrase, holding the values as they were.
    assert b"trust" not in copy.read_bytes()
    restored = JournalPaths(tmp_path / "restored")
    restore.restore(restored, copy, passphrase=TEST_PASSPHRASE)
    with journal_access.unlock(restored, passphrase=TEST_PASSPHRASE) as old:
        assert len(old.date_problems()) == 8
    assert oct(copy.stat().st_mode & 0o777) == "0o600"


def test_a_repair_that_cannot_back_up_changes_nothing(
    damaged: Journal, journal_paths: JournalPaths
) -> None:
    journal_paths.backups_dir.write_text("a file where the folder should be")
    before = [p.describe() for p in damaged.date_problems()]
    with pytest.raises(WriteFailed, match="could not back up"):
        damaged.repair_dates()
    assert [p.describe() for p in damaged.date_problems()] == before


def test_a_clean_journal_needs_no_repair_and_takes_no_backup(
    journal_paths: JournalPaths,
) -> None:
    with journal_access.create(journal_paths, passphrase=TEST_PASSPHRASE).journal as journal:
        journal.add_entry(entry(kind=EntryKind.REFLECTION, title="fine"))
        assert journal.repair_dates() == ([], None)
    assert not journal_paths.backups_dir.exists()


def test_what_0_1_wrote_is_now_refused_at_the_door() -> None:
    with pytest.raises(ValidationError, match="1900-01-01 to 2200-12-31"):
        entry(occurred_at=datetime(999, 1, 1, 10, tzinfo=UTC))
    with pytest.raises(ValidationError, match="1900-01-01 to 2200-12-31"):
        entry(occurred_at=datetime(9999, 12, 31, 23, 59, tzinfo=UTC))


def test_an_entry_with_an_unreadable_date_can_be_edited_or_deleted(damaged: Journal) -> None:
    rows = {row.title: row for row in damaged.list_entries()}
    old = damaged.get_entry(rows["old"].id)
    damaged.update_entry(replace(old, occurred_at=FIXED_NOW))
    assert not damaged.entry_summary(old.id).date_unreadable
    damaged.delete_entry(rows["far"].id)
    assert "far" not in {row.title for row in damaged.list_entries()}
