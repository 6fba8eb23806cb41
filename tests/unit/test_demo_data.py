"""The demo-journal generator: deterministic, the requested size, realistic and valid."""

from __future__ import annotations

import re
import statistics
from collections import Counter
from datetime import date, timedelta
from zoneinfo import ZoneInfo

import pytest

from tkg_journal.domain.entries import EntryKind
from tkg_journal.domain.experiments import ExperimentStatus
from tkg_journal.domain.levels import Level
from tkg_journal.services.demo_data import DemoJournal, generate

TODAY = date(2026, 11, 24)
TZ = ZoneInfo("Europe/Berlin")


@pytest.fixture(scope="module")
def journal() -> DemoJournal:
    return generate(entries=1000, seed=42, today=TODAY, tz=TZ)


def test_same_seed_gives_the_same_journal() -> None:
    first = generate(entries=300, seed=7, today=TODAY, tz=TZ)
    second = generate(entries=300, seed=7, today=TODAY, tz=TZ)
    assert first == second


def test_another_seed_gives_another_journal() -> None:
    first = generate(entries=300, seed=7, today=TODAY, tz=TZ)
    other = generate(entries=300, seed=8, today=TODAY, tz=TZ)
    assert first.entries != other.entries
    assert first.experiments != other.experiments
    assert first.checkins != other.checkins


@pytest.mark.parametrize("count", [0, 1, 2, 7, 49, 50, 237])
def test_gives_the_requested_number_of_entries(count: int) -> None:
    demo = generate(entries=count, seed=1, today=TODAY, tz=TZ)
    assert len(demo.entries) == count
    assert len(demo.experiments) <= max(6, count // 50)
    if count >= 50:
        assert len(demo.experiments) >= 6
    if count == 0:
        assert demo.experiments == ()


def test_ratings_and_sessions_do_not_depend_on_the_number_of_entries() -> None:
    small = generate(entries=0, seed=3, today=TODAY, tz=TZ)
    large = generate(entries=500, seed=3, today=TODAY, tz=TZ)
    assert small.checkins == large.checkins
    assert small.sessions == large.sessions
    assert small.checkins and small.sessions


def test_negative_entry_count_is_refused() -> None:
    with pytest.raises(ValueError):
        generate(entries=-1, seed=1, today=TODAY, tz=TZ)


def test_entries_span_two_and_a_half_years_up_to_today(journal: DemoJournal) -> None:
    times = [e.occurred_at for e in journal.entries]
    assert times == sorted(times)
    assert all(t.tzinfo is not None and t.utcoffset() is not None for t in times)
    assert times[-1] - times[0] >= timedelta(days=2 * 365)
    assert times[0].date() >= TODAY - timedelta(days=920)
    assert times[-1].astimezone(TZ).date() <= TODAY
    assert all(7 <= t.astimezone(TZ).hour < 21 for t in times)
    weekdays = sum(t.astimezone(TZ).weekday() < 5 for t in times)
    assert weekdays > 0.75 * len(times)


def test_nothing_that_happened_is_dated_after_today(journal: DemoJournal) -> None:
    for demo in journal.experiments:
        assert all(a.occurred_at.astimezone(TZ).date() <= TODAY for a in demo.attempts)
    assert all(c.rated_on <= TODAY for c in journal.checkins)
    assert all(s.held_on <= TODAY for s in journal.sessions)


def test_entries_are_unstored_and_of_every_kind_and_level(journal: DemoJournal) -> None:
    entries = journal.entries
    assert all(e.id is None for e in entries)
    kinds = Counter(e.kind for e in entries)
    assert set(kinds) == set(EntryKind)
    assert kinds.most_common(1)[0][0] is EntryKind.CONVERSATION
    levels = Counter(e.level for e in entries)
    assert set(Level) <= set(levels)
    assert levels[Level.FOUNDATION] > levels[Level.GUIDANCE] > 0
    assert levels[Level.GROWTH] > levels[Level.MASTERY] > 0
    assert all(e.kind is EntryKind.FREE for e in entries if e.level is None)
    assert 0.12 < sum(e.share_with_coach for e in entries) / len(entries) < 0.28
    assert all(len(e.tags) <= 3 for e in entries)
    assert all(e.title and len(e.title) <= 120 for e in entries)


def test_conversations_fill_the_guided_fields(journal: DemoJournal) -> None:
    conversations = [e for e in journal.entries if e.kind is EntryKind.CONVERSATION]
    assert conversations
    for entry in conversations:
        fields = entry.conversation
        assert all(fields.texts()), fields
        assert fields.intensity is not None and 0 <= fields.intensity <= 10


def test_feedback_and_written_entries_have_their_content(journal: DemoJournal) -> None:
    for entry in journal.entries:
        if entry.kind is EntryKind.FEEDBACK:
            assert entry.feedback.source
            assert entry.feedback.sentiment is not None
            assert -2 <= entry.feedback.sentiment <= 2
        elif entry.kind in (EntryKind.REFLECTION, EntryKind.FREE):
            assert 2 <= len(re.findall(r"[.!?](?:\s|$)", entry.body)) <= 6, entry.body


def test_texts_are_varied(journal: DemoJournal) -> None:
    happened = [e.conversation.what_happened for e in journal.entries
                if e.kind is EntryKind.CONVERSATION]
    assert len(set(happened)) >= 0.8 * len(happened)
    bodies = [e.body for e in journal.entries if e.kind is EntryKind.REFLECTION]
    assert len(set(bodies)) >= 0.8 * len(bodies)


def test_the_data_shows_growth_over_time(journal: DemoJournal) -> None:
    intensities = [e.conversation.intensity for e in journal.entries
                   if e.kind is EntryKind.CONVERSATION and e.conversation.intensity is not None]
    quarter = len(intensities) // 4
    assert statistics.mean(intensities[-quarter:]) < statistics.mean(intensities[:quarter]) - 1
    first, last = journal.checkins[0], journal.checkins[-1]
    assert first.scores[Level.FOUNDATION] < last.scores[Level.FOUNDATION]


def test_experiments_cover_every_status_with_consistent_dates(journal: DemoJournal) -> None:
    experiments = [d.experiment for d in journal.experiments]
    statuses = Counter(x.status for x in experiments)
    assert set(statuses) == set(ExperimentStatus)
    assert statuses[ExperimentStatus.PLANNED] == 1
    assert 2 <= statuses[ExperimentStatus.ACTIVE] <= 3
    assert any(x.is_overdue(TODAY) for x in experiments)
    for x in experiments:
        assert x.id is None
        assert x.start_date is not None and x.due_date is not None
        assert x.start_date <= x.due_date
        assert x.belief_before is not None and 10 <= x.belief_before <= 60
        if x.status is ExperimentStatus.COMPLETED:
            assert x.learning and x.belief_after is not None
        if x.status is ExperimentStatus.ABANDONED:
            assert x.abandon_reason


def test_attempts_belong_to_started_experiments_within_their_dates(
        journal: DemoJournal) -> None:
    for demo in journal.experiments:
        x = demo.experiment
        if x.status is ExperimentStatus.PLANNED:
            assert demo.attempts == ()
            continue
        assert 3 <= len(demo.attempts) <= 12
        assert x.start_date is not None and x.due_date is not None
        for attempt in demo.attempts:
            assert attempt.experiment_id == 0
            assert x.start_date <= attempt.occurred_at.date() <= min(x.due_date, TODAY)
            assert attempt.outcome is not None and -2 <= attempt.outcome <= 2


def test_checkins_are_fortnightly_and_rate_every_level(journal: DemoJournal) -> None:
    days = [c.rated_on for c in journal.checkins]
    assert days == sorted(set(days))
    assert 55 <= len(days) <= 75
    assert all(set(c.scores) == set(Level) for c in journal.checkins)


def test_sessions_are_four_weekly_with_commitments(journal: DemoJournal) -> None:
    sessions = journal.sessions
    assert 28 <= len(sessions) <= 36
    for session in sessions:
        assert session.topics and session.notes
        assert 1 <= len(session.commitments) <= 3
        for commitment in session.commitments:
            assert commitment.due_date is not None and commitment.due_date > session.held_on
    old = [c for s in sessions for c in s.commitments
           if c.due_date is not None and c.due_date < TODAY - timedelta(days=30)]
    assert sum(c.done for c in old) > 0.8 * len(old)
    assert not any(c.done for c in sessions[-1].commitments)


def test_a_benchmark_sized_journal_can_be_generated() -> None:
    demo = generate(entries=10_000, seed=1, today=TODAY, tz=TZ)
    assert len(demo.entries) == 10_000
    assert len(demo.experiments) == 100
