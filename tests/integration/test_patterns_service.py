"""The patterns service over a real encrypted journal: the period, the level, shared entries
only, parts asked for; and the demo journal's story, as a new user first sees it."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import date, datetime, timedelta

import pytest

from tests.conftest import TEST_PASSPHRASE
from tkg_journal.domain.entries import ConversationFields, Entry, EntryKind, FeedbackFields
from tkg_journal.domain.experiments import DidIt, Experiment
from tkg_journal.domain.levels import Level
from tkg_journal.domain.patterns import PatternPart, PatternQuery, TrendDirection
from tkg_journal.domain.progress import Period
from tkg_journal.domain.root_hints import HintReason
from tkg_journal.paths import JournalPaths
from tkg_journal.services import demo, journal_access
from tkg_journal.services.experiments import Experiments
from tkg_journal.services.journal import Journal
from tkg_journal.services.patterns import Patterns
from tkg_journal.services.progress import Progress

TODAY = date(2026, 3, 20)


@pytest.fixture
def local_zone(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("TZ", "Europe/Berlin")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def local(d: date, hour: int = 12) -> datetime:
    return datetime(d.year, d.month, d.day, hour).astimezone()


@pytest.fixture
def journal(local_zone: None, journal_paths: JournalPaths) -> Iterator[Journal]:
    created = journal_access.create(journal_paths, passphrase=TEST_PASSPHRASE)
    now = local(TODAY, 18)
    created.journal.clock = lambda: now
    yield created.journal
    created.journal.close()


def talk(journal: Journal, d: date, who: str, intensity: int, felt: str = "frustrated",
         level: Level = Level.GROWTH, shared: bool = False, what: str = "it happened") -> int:
    stored = journal.add_entry(Entry(
        kind=EntryKind.CONVERSATION, occurred_at=local(d), level=level, share_with_coach=shared,
        conversation=ConversationFields(who=who, what_happened=what, feeling=felt,
                                        intensity=intensity)))
    assert stored.id is not None
    return stored.id


def started(journal: Journal, title: str, trigger: str, start: date,
            attempts: dict[int, str], *, outcome: int) -> None:
    """An experiment at Growth started on ``start``, with an attempt done on each of
    ``attempts``' days after it, in its situation."""
    experiments = Experiments(journal)
    made = experiments.create(Experiment(
        title=title, level=Level.GROWTH, trigger=trigger, old_behaviour="the old way",
        new_response="the new way", start_date=start, due_date=TODAY + timedelta(days=10)))
    assert made.id is not None
    experiments.start(made.id, on=start)
    for day, situation in attempts.items():
        experiments.log_attempt(made.id, did_it=DidIt.YES, outcome=outcome, situation=situation,
                                when=local(start + timedelta(days=day)))


def test_people_feelings_and_counts_over_a_period_and_a_level(journal: Journal) -> None:
    start = TODAY - timedelta(days=120)
    for i in range(6):
        talk(journal, start + timedelta(days=i * 20), "Sam (CFO)" if i % 2 else "sam", 8 - i,
             "Frustrated, a bit anxious")
    talk(journal, start + timedelta(days=5), "Priya", 5, "guilty", level=Level.EMPOWERMENT)
    journal.add_entry(Entry(kind=EntryKind.FEEDBACK, occurred_at=local(TODAY), level=Level.GROWTH,
                            body="fine", feedback=FeedbackFields("Sam", -1)))
    patterns = Patterns(journal)

    report = patterns.report()
    assert (report.conversations, report.feedback) == (7, 1)
    sam = report.person("SAM (cfo)")
    assert sam is not None and sam.name in ("Sam", "sam")
    assert (sam.conversations, sam.feedback) == (6, 1)
    assert sam.trend.direction is TrendDirection.CALMER
    assert sam.trend.first_half == 7 and sam.trend.second_half == 4
    assert sam.trend.slope_per_month is not None and sam.trend.slope_per_month < 0
    groups = {g.group.value: g.count for g in report.feeling_groups}
    assert groups["anger"] == 6 and groups["fear"] == 6 and groups["shame"] == 1

    growth = patterns.report(PatternQuery(level=Level.GROWTH))
    assert [p.key for p in growth.people] == ["sam"]
    recent = patterns.report(PatternQuery(period=Period(since=TODAY - timedelta(days=30))))
    assert recent.conversations == 1  # the sixth, on day 100 of 120


def test_shared_only_counts_what_the_coach_may_see(journal: Journal) -> None:
    talk(journal, TODAY, "Sam", 8, shared=True)
    talk(journal, TODAY, "Omar", 9)
    shared = Patterns(journal).report(PatternQuery(shared_only=True))
    assert [p.name for p in shared.people] == ["Sam"]
    assert shared.conversations == 1


def test_only_the_parts_asked_for_are_computed(journal: Journal) -> None:
    talk(journal, TODAY, "Sam", 8)
    report = Patterns(journal).report(PatternQuery(parts=frozenset({PatternPart.FEELINGS})))
    assert report.people == () and report.feelings
    assert report.hints == () and report.experiments == ()


def test_an_experiment_that_calmed_a_relationship_shows_its_effect(journal: Journal) -> None:
    start = TODAY - timedelta(days=40)
    for i in range(4):
        talk(journal, start - timedelta(days=30 - i * 5), "Sam", 8)
        talk(journal, start + timedelta(days=3 + i * 5), "Sam", 3)
    started(journal, "Raise it early", "Sam misses a deadline", start,
            {2: "1:1 with Sam"}, outcome=2)
    effect = Patterns(journal).report().experiments[0]
    assert effect.people == ("Sam",)
    assert (effect.before.mean_intensity, effect.since.mean_intensity) == (8, 3)
    assert effect.changed_something and effect.attempts.yes == 1


def test_a_name_is_not_a_situation_even_in_a_period_without_its_person(
    journal: Journal,
) -> None:
    talk(journal, TODAY - timedelta(days=200), "Lena (Product)", 6)  # long before the period
    situation = "Lena pushed back in the roadmap review"
    started(journal, "Ask first", "a roadmap review runs over", TODAY - timedelta(days=20),
            {2: situation, 6: situation, 9: situation}, outcome=1)
    recent = Period(since=TODAY - timedelta(days=30))
    report = Patterns(journal).report(PatternQuery(period=recent))
    assert report.people == ()  # Lena's only conversation is outside the period
    phrases = [t.phrase for t in report.triggers]
    assert any("roadmap" in p for p in phrases), report.triggers
    assert not any("lena" in p.casefold() for p in phrases), report.triggers


def test_root_hints_come_from_the_last_months_and_stay_silent_on_thin_evidence(
    journal: Journal,
) -> None:
    progress = Progress(journal)
    progress.record_checkin({Level.FOUNDATION: 7, Level.GROWTH: 6}, on=TODAY - timedelta(days=60))
    progress.record_checkin({Level.FOUNDATION: 5, Level.GROWTH: 6}, on=TODAY - timedelta(days=3))
    ids = [talk(journal, TODAY - timedelta(days=50 - i), "Omar", 8) for i in range(4)]
    assert Patterns(journal).report().hints == ()  # four frictions: too few to say anything
    ids.append(talk(journal, TODAY - timedelta(days=10), "Omar", 7))
    hints = Patterns(journal).report().hints
    assert len(hints) == 1
    assert hints[0].reason is HintReason.RATING_FELL
    assert hints[0].text == (
        "Most friction in the last 3 months shows at Growth (communication); your Foundation "
        "rating fell from 7 to 5: the root may be self-awareness."
    )
    assert hints[0].entry_ids == tuple(reversed(ids))
    assert Patterns(journal).report(PatternQuery(level=Level.MASTERY)).hints == ()


def test_an_empty_journal_has_no_patterns(journal: Journal) -> None:
    report = Patterns(journal).report()
    assert report.conversations == 0 and report.people == () and report.hints == ()
    assert all(g.count == 0 for g in report.feeling_groups)


# --- the demo journal's story ---------------------------------------------------------------


@pytest.fixture(scope="module")
def demo_report(tmp_path_factory: pytest.TempPathFactory) -> Iterator[object]:
    paths = JournalPaths(tmp_path_factory.mktemp("demo"))
    created = journal_access.create(paths, passphrase=TEST_PASSPHRASE)
    with created.journal as journal:
        demo.fill(journal, entries=2000, seed=7)
        yield Patterns(journal).report()


def test_the_demo_tells_its_story_on_first_look(demo_report: object) -> None:
    from tkg_journal.domain.patterns import PatternReport

    assert isinstance(demo_report, PatternReport)
    report = demo_report
    first, second = report.people[:2]
    # The direct report: hot until the experiment about them, calm since.
    assert first.trend.direction is TrendDirection.CALMER
    assert first.trend.change is not None and first.trend.change <= -2.5
    # The peer: the friction stays.
    assert second.trend.direction is TrendDirection.STEADY
    assert second.mean_intensity is not None and second.mean_intensity >= 6
    story = next(e for e in report.experiments if first.name in e.people)
    assert story.changed_something and story.change is not None and story.change < 0
    # A foundation that dips while the friction shows at Growth.
    assert [(h.friction_level, h.root_level, h.reason) for h in report.hints] == [
        (Level.GROWTH, Level.FOUNDATION, HintReason.RATING_FELL)
    ]
    assert report.triggers and report.feelings
    # Feedback from the one person a role stands for ("Lukas (peer in Finance)") joins
    # their conversations; a role that could be anyone stays a role of its own.
    assert second.feedback > 0 and second.conversations > 0
    givers = {p.name: p for p in report.people if p.feedback}
    assert sum(1 for p in givers.values() if p.conversations) >= 3  # manager and peers
    assert "a direct report" in givers and givers["a direct report"].conversations == 0
