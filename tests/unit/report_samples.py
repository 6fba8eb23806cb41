"""Hand-built ``Summary`` values for the report tests (no journal, no charts drawn).

``sample_summary()`` has a bit of everything the summary prints: two levels of shared
entries and one without a level, an experiment with three attempts, a completed and an
abandoned one, feedback with private pieces left out, commitments (one overdue, one
turned into an experiment), an overdue experiment and questions. Texts carry the
characters that need escaping (``|``, ``<``, ``&``, ``*``, newlines) and some that need a
Unicode font (en dash, curly quotes, accents).
"""

from __future__ import annotations

import struct
import zlib
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

from tkg_journal.domain.accountability import DueItem, DueReason
from tkg_journal.domain.coach_sessions import CoachSession, Commitment, OpenCommitment
from tkg_journal.domain.entries import ConversationFields, Entry, EntryKind, FeedbackFields
from tkg_journal.domain.experiments import Attempt, DidIt, Experiment, ExperimentStatus
from tkg_journal.domain.levels import Level
from tkg_journal.domain.patterns import (
    LevelCount,
    PatternQuery,
    PatternReport,
    PersonPattern,
    Trend,
)
from tkg_journal.domain.progress import Period
from tkg_journal.domain.root_hints import HintReason, RootHint
from tkg_journal.domain.summary import (
    ALL_SECTIONS,
    AtAGlance,
    ChartImage,
    ExperimentReport,
    FeedbackDigest,
    LevelEntries,
    LevelGlance,
    Summary,
)

TODAY = date(2026, 11, 24)
SESSION_DAY = date(2026, 11, 3)
PERIOD = Period(SESSION_DAY, TODAY)


def png(width: int, height: int, rgb: tuple[int, int, int] = (70, 120, 180)) -> bytes:
    """A real (tiny, solid-colour) PNG, made without Pillow."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    row = b"\x00" + bytes(rgb) * width
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(row * height))
        + chunk(b"IEND", b"")
    )


def at(day: int, hour: int = 9, month: int = 11) -> datetime:
    return datetime(2026, month, day, hour, 0, tzinfo=UTC)


def chart(name: str, title: str, description: str, summary: str = "") -> ChartImage:
    return ChartImage(name, title, description, png(40, 24), 40, 24, summary)


#: What each sample chart shows, as charts/summaries.py words it (alt text and caption).
ACTIVITY_SUMMARY = "12 entries and 5 attempts. Most entries at Growth (6 of 12)."
HIERARCHY_SUMMARY = "Weakest level: Foundation (38%); work here next: Foundation."
RATINGS_SUMMARY = "3 check-ins. Latest ratings: Foundation 4, Growth 7; Foundation fell from 5 to 4"

CHARTS = (
    # Given out of print order: the document puts the hierarchy first.
    chart(
        "activity",
        "Activity per level",
        "Entries and attempts per level, week by week",
        ACTIVITY_SUMMARY,
    ),
    chart(
        "hierarchy",
        "The hierarchy",
        "The five levels bottom-up, shaded by current strength",
        HIERARCHY_SUMMARY,
    ),
    chart(
        "ratings",
        "Self-rating per level",
        "Your 1-10 self-rating of each level over time.",
        RATINGS_SUMMARY,
    ),
    # One without a summary: its alt text falls back to the caption.
    chart("attempts", "Experiment attempts", "How often you tried the new response"),
)

PAUSE = Experiment(
    id=7,
    title="Pause before answering",
    level=Level.FOUNDATION,
    trigger="Sam questions my plan in the weekly meeting",
    old_behaviour="defending it straight away",
    new_response="take one breath and ask a question first",
    prediction="the conversation stays calm.",
    success_criteria="Three meetings in a row without raising my voice",
    start_date=date(2026, 10, 20),
    due_date=date(2026, 11, 20),
    status=ExperimentStatus.ACTIVE,
    belief_before=40,
)
PAUSE_ATTEMPTS = (
    Attempt(7, at(4, 10), DidIt.YES, 1, "Roadmap review | Q1 <draft>", "Asked “what worries you?”"),
    Attempt(7, at(11, 15), DidIt.PARTIAL, 0, "Budget & *headcount* call", "Paused, then\ndefended"),
    Attempt(7, at(18, 11), DidIt.NO, None, "1:1 with Zoë", ""),
)
DELEGATE = Experiment(
    id=8,
    title="Hand the release notes to Priya",
    level=Level.EMPOWERMENT,
    trigger="a release is due",
    old_behaviour="writing the notes myself at midnight",
    new_response="ask Priya to own them and review once",
    start_date=date(2026, 10, 1),
    status=ExperimentStatus.COMPLETED,
    belief_before=30,
    belief_after=75,
    learning="She writes them better than I do.\n\nLetting go took one conversation.",
    ended_on=date(2026, 11, 21),
)
DELEGATE_ATTEMPTS = (
    Attempt(8, at(14, 17), DidIt.YES, 2, "Release 4.2", "Notes were out a day early"),
)
VISION = Experiment(
    id=9,
    title="Monthly vision note",
    level=Level.GUIDANCE,
    trigger="the month starts",
    old_behaviour="skipping it",
    new_response="write five lines on where we are heading",
    status=ExperimentStatus.ABANDONED,
    abandon_reason="The team asked for a talk instead of a note.",
    ended_on=date(2026, 11, 5),
)

CONVERSATION = Entry(
    id=101,
    kind=EntryKind.CONVERSATION,
    occurred_at=at(5, 16),
    title="Pushback from Sam on the roadmap",
    body="I noticed my jaw clench.\nThen I *still* interrupted.\n\nNext time: breathe first.",
    level=Level.FOUNDATION,
    tags=("roadmap", "sam"),
    share_with_coach=True,
    conversation=ConversationFields(
        who="Sam (product lead)",
        what_happened="Sam said the plan ignores support load.",
        feeling="defensive",
        intensity=7,
        my_response="I listed every reason the plan was right.",
        impact="Sam went quiet; the meeting ran over.",
        try_next="Ask what Sam sees that I don't.",
    ),
)
SECOND_FOUNDATION = Entry(
    id=102,
    kind=EntryKind.REFLECTION,
    occurred_at=at(12, 8),
    title="What sets me off",
    body="Being surprised in front of others.",
    level=Level.FOUNDATION,
    share_with_coach=True,
)
GROWTH = Entry(
    id=103,
    kind=EntryKind.REFLECTION,
    occurred_at=at(19, 20),
    title="Budget | priorities <Q1> & *urgent*",
    body="# not a heading\n- not a list\n1. not a list either",
    level=Level.GROWTH,
    tags=("budget",),
    share_with_coach=True,
)
NO_LEVEL = Entry(
    id=104,
    kind=EntryKind.FREE,
    occurred_at=at(20, 7),
    body="A quiet week \u2013 finally.",
    share_with_coach=True,
)
FEEDBACK = Entry(
    id=201,
    kind=EntryKind.FEEDBACK,
    occurred_at=at(13, 12),
    title="Peer in Finance on the budget review",
    body="You listened more than last quarter.",
    level=Level.GROWTH,
    share_with_coach=True,
    feedback=FeedbackFields(source="a peer in Finance", sentiment=1),
)
QUESTION_ENTRY = Entry(
    id=301,
    kind=EntryKind.REFLECTION,
    occurred_at=at(22, 21),
    title="Am I delegating or dumping?",
    body="Priya took the notes, but I still check every line.",
    level=Level.EMPOWERMENT,
)

QUESTIONS = (
    "How do I stay calm when I am surprised in public?\n"
    "(It happened twice this month.)\n"
    "\n"
    "Is it time to move on to Growth, or stay with Foundation?"
)


def person(name: str, talks: int, level: Level, first: float, second: float) -> PersonPattern:
    return PersonPattern(
        key=name.casefold(),
        name=name,
        conversations=talks,
        feedback=0,
        levels=(LevelCount(level, talks),),
        feelings=(),
        mean_intensity=(first + second) / 2,
        trend=Trend(points=talks, first_half=first, second_half=second, slope_per_month=None),
        months=(),
        mean_sentiment=None,
        entry_ids=tuple(range(100, 100 + talks)),
    )


#: The patterns of the shared entries: a hint, and people whose intensity moved (Sam
#: calmer, Omar more intense, Priya steady, Lee too few to say: left out of the table).
PATTERNS = PatternReport(
    query=PatternQuery(period=PERIOD, shared_only=True),
    today=TODAY,
    conversations=14,
    feedback=2,
    people=(
        person("Sam", 6, Level.FOUNDATION, 7.3, 4.0),
        person("Omar <Finance>", 4, Level.GROWTH, 5.0, 6.5),
        person("Priya", 4, Level.GROWTH, 5.0, 5.5),
        person("Lee", 2, Level.EMPOWERMENT, 6.0, 4.0),
    ),
    hints=(
        RootHint(
            text="Most friction in the last 3 weeks shows at Growth (communication); your "
            "Foundation rating fell from 7 to 5: the root may be self-awareness.",
            friction_level=Level.GROWTH,
            root_level=Level.FOUNDATION,
            reason=HintReason.RATING_FELL,
            frictions=6,
            entry_ids=(101, 102),
            rating_before=7,
            rating_now=5,
        ),
    ),
)


def sample_summary() -> Summary:
    return Summary(
        title="Before my coach session",
        period=PERIOD,
        generated_on=TODAY,
        last_session=CoachSession(held_on=SESSION_DAY, topics="Defensiveness", id=3),
        sections=ALL_SECTIONS,
        include_private=False,
        at_a_glance=AtAGlance(
            levels=(
                LevelGlance(Level.FOUNDATION, 5, 3, 4, 6),
                LevelGlance(Level.GROWTH, 3, 0, 6, 5),
                LevelGlance(Level.EMPOWERMENT, 1, 1, 5, 5),
                LevelGlance(Level.GUIDANCE, 0, 0, None, None),
                LevelGlance(Level.MASTERY, 0, 0, 3, None),
            ),
            entries=11,
            entries_without_level=2,
            shared_entries=6,
            experiments_active=1,
            experiments_completed=1,
            attempts=4,
            attempts_yes=2,
            attempts_partial=1,
            attempts_no=1,
        ),
        charts=CHARTS,
        patterns=PATTERNS,
        experiments=(
            ExperimentReport(PAUSE, PAUSE_ATTEMPTS, attempts_all_time=5),
            ExperimentReport(DELEGATE, DELEGATE_ATTEMPTS, attempts_all_time=6),
            ExperimentReport(VISION, (), attempts_all_time=0),
        ),
        shared_entries=(
            LevelEntries(Level.FOUNDATION, (CONVERSATION, SECOND_FOUNDATION)),
            LevelEntries(Level.GROWTH, (GROWTH,)),
            LevelEntries(None, (NO_LEVEL,)),
        ),
        feedback=FeedbackDigest(
            count=3, mean_sentiment=1 / 3, positive=2, negative=1, entries=(FEEDBACK,)
        ),
        open_commitments=(
            OpenCommitment(
                Commitment("Talk to Sam before the next roadmap review", date(2026, 11, 10), id=31),
                session_id=3,
                held_on=SESSION_DAY,
            ),
            OpenCommitment(
                Commitment("Try the pause in every 1:1", date(2026, 12, 1), experiment_id=7, id=32),
                session_id=3,
                held_on=SESSION_DAY,
            ),
            OpenCommitment(Commitment("Read “The Culture Code”", id=33), 3, SESSION_DAY),
        ),
        overdue_commitment_ids=frozenset({31}),
        overdue_experiments=(DueItem(PAUSE, DueReason.OVERDUE, 4),),
        questions=QUESTIONS,
        question_entries=(QUESTION_ENTRY,),
    )


def empty_summary() -> Summary:
    """Nothing happened in the period, every section asked for."""
    return Summary(
        title="Before my coach session",
        period=Period(date(2026, 12, 30), date(2027, 1, 6)),
        generated_on=date(2027, 1, 6),
        last_session=None,
        sections=ALL_SECTIONS,
        include_private=False,
        at_a_glance=AtAGlance(
            levels=tuple(LevelGlance(level, 0, 0, None, None) for level in Level),
            entries=0,
            entries_without_level=0,
            shared_entries=0,
            experiments_active=0,
            experiments_completed=0,
            attempts=0,
            attempts_yes=0,
            attempts_partial=0,
            attempts_no=0,
        ),
    )


def long_attempts(count: int) -> tuple[Attempt, ...]:
    """``count`` attempts over the period, numbered in their situation text."""
    start = at(3, 8)
    outcomes = (-2, -1, 0, 1, 2, None)
    did = (DidIt.YES, DidIt.PARTIAL, DidIt.NO)
    return tuple(
        Attempt(
            7,
            start + timedelta(hours=8 * i),
            did[i % 3],
            outcomes[i % 6],
            f"Situation number {i + 1}: a meeting where the plan was questioned",
            "Kept calm and asked a question" if i % 2 else "",
        )
        for i in range(count)
    )


def with_long_table(count: int = 60) -> Summary:
    summary = sample_summary()
    report = ExperimentReport(PAUSE, long_attempts(count), attempts_all_time=count)
    return replace(summary, experiments=(report, *summary.experiments[1:]))
