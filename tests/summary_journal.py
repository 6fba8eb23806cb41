"""A journal with known content for the pre-session summary tests.

Two coach sessions (27 Oct and 10 Nov 2026), "today" is 24 Nov 2026, so "since the last
session" is 10-24 Nov. In that period: a shared conversation (Foundation), a PRIVATE
reflection (Growth), a shared free entry with characters that Markdown and HTML must escape
(Empowerment), shared and PRIVATE feedback, a shared question for the coach (no level),
attempts on two experiments (one completed in the period), an experiment overdue since
15 Nov, commitments (one overdue, one open, one done), and check-ins before and inside the
period. Entries before the period (5 Nov) must not show. Times are 09:00-18:00 local time,
so the local day is the same in any time zone a test machine uses.
"""

from __future__ import annotations

from datetime import date, datetime

from tkg_journal.domain.coach_sessions import CoachSession, Commitment
from tkg_journal.domain.entries import ConversationFields, Entry, EntryKind, FeedbackFields
from tkg_journal.domain.experiments import DidIt, Experiment
from tkg_journal.domain.levels import Level
from tkg_journal.services.coach_sessions import CoachSessions
from tkg_journal.services.experiments import Experiments
from tkg_journal.services.journal import Journal
from tkg_journal.services.progress import Progress

TODAY = date(2026, 11, 24)
LAST_SESSION = date(2026, 11, 10)
PRIVATE_TITLES = ("I nearly lost my temper with Lee", "Too quick to decide")
SHARED_TITLES = (
    "Sam questioned the headcount numbers",
    "Handed the roadmap to Lee",
    "Clear priorities in the ops review",
)
QUESTION_TITLE = "How do I stop rescuing the team?"


def at(day: int, hour: int = 9, month: int = 11) -> datetime:
    return datetime(2026, month, day, hour).astimezone()


def fill(journal: Journal) -> dict[str, int]:
    """Write the known content; returns ids the tests refer to (``question``)."""
    clock = journal.clock
    try:
        return _fill(journal)
    finally:
        journal.clock = clock


def _on(journal: Journal, day: datetime) -> None:
    journal.clock = lambda: day


def _fill(journal: Journal) -> dict[str, int]:
    experiments = Experiments(journal)
    sessions = CoachSessions(journal)
    progress = Progress(journal)

    _on(journal, at(27, 17, month=10))
    sessions.record(
        CoachSession(
            held_on=date(2026, 10, 27),
            topics="Budget review fallout",
            notes="We looked at what happens when my numbers are questioned.",
            commitments=(
                Commitment("Book a 1:1 with each direct report", due_date=date(2026, 11, 7),
                           done=True),
            ),
        )
    )
    ask = experiments.create(
        Experiment(
            title="Ask before defending",
            level=Level.FOUNDATION,
            trigger="someone questions my numbers",
            old_behaviour="defending every figure at once",
            new_response="ask what worries them first",
            prediction="the conversation stays open",
            belief_before=30,
            due_date=date(2026, 11, 30),
        )
    )
    assert ask.id is not None
    _on(journal, at(28, 10, month=10))
    experiments.start(ask.id)
    side = experiments.create(
        Experiment(
            title="Say no to side projects",
            level=Level.GROWTH,
            trigger="a peer asks for help on a side project",
            old_behaviour="saying yes and working late",
            new_response="say no and name what I am protecting",
            due_date=date(2026, 11, 15),
        )
    )
    assert side.id is not None
    experiments.start(side.id)
    hand = experiments.create(
        Experiment(
            title="Hand over decisions",
            level=Level.EMPOWERMENT,
            trigger="a decision my team could make reaches me",
            old_behaviour="deciding it myself",
            new_response="hand it back with the context they need",
            belief_before=40,
            due_date=date(2026, 11, 20),
        )
    )
    assert hand.id is not None
    experiments.start(hand.id)

    _on(journal, at(3, 18))
    progress.record_checkin(
        {Level.FOUNDATION: 5, Level.GROWTH: 4, Level.EMPOWERMENT: 6, Level.GUIDANCE: 5,
         Level.MASTERY: 3},
        note="Before the second session",
    )
    _on(journal, at(5, 18))
    experiments.log_attempt(ask.id, did_it=DidIt.NO, outcome=-1, situation="Finance review",
                            when=at(4, 15))
    journal.save_entry(Entry(kind=EntryKind.CONVERSATION, occurred_at=at(5, 11),
                             title="Before the period: the forecast call", level=Level.FOUNDATION,
                             share_with_coach=True, body="Not in the summary."))

    _on(journal, at(10, 17))
    sessions.record(
        CoachSession(
            held_on=LAST_SESSION,
            topics="Delegation; feedback from Priya",
            notes="Hand decisions back; share plans earlier.",
            commitments=(
                Commitment("Share the Q1 plan draft with the team", due_date=date(2026, 11, 17)),
                Commitment("Write down three decisions to hand over",
                           due_date=date(2026, 12, 1)),
            ),
        )
    )

    _on(journal, at(24, 18))
    journal.save_entry(Entry(
        kind=EntryKind.CONVERSATION, occurred_at=at(12, 10), title=SHARED_TITLES[0],
        level=Level.FOUNDATION, tags=("budget",), share_with_coach=True,
        conversation=ConversationFields(
            who="Sam, head of Finance",
            what_happened="Sam questioned my headcount numbers in front of the exec team.",
            feeling="defensive, hot",
            intensity=7,
            my_response="I asked what worried him before answering.",
            impact="He explained the risk; we fixed the plan together.",
            try_next="Keep asking first.",
        ),
    ))
    journal.save_entry(Entry(
        kind=EntryKind.REFLECTION, occurred_at=at(14, 20), title=PRIVATE_TITLES[0],
        level=Level.GROWTH, body="Only for me: what set me off was feeling ignored.",
    ))
    journal.save_entry(Entry(
        kind=EntryKind.FREE, occurred_at=at(18, 16), title=SHARED_TITLES[1],
        level=Level.EMPOWERMENT, share_with_coach=True, tags=("delegation",),
        body="Handed the *roadmap* to Lee | first time < 1 week & it went well.",
    ))
    journal.save_entry(Entry(
        kind=EntryKind.FEEDBACK, occurred_at=at(19, 12), title=SHARED_TITLES[2],
        level=Level.GUIDANCE, share_with_coach=True,
        body="My priorities were clear and the team knew what to drop.",
        feedback=FeedbackFields(source="Peer, Finance", sentiment=1),
    ))
    journal.save_entry(Entry(
        kind=EntryKind.FEEDBACK, occurred_at=at(20, 12), title=PRIVATE_TITLES[1],
        level=Level.EMPOWERMENT, body="Private: a direct report says I decide too fast.",
        feedback=FeedbackFields(source="Direct report", sentiment=-1),
    ))
    question = journal.save_entry(Entry(
        kind=EntryKind.REFLECTION, occurred_at=at(21, 18), title=QUESTION_TITLE,
        tags=("question",), share_with_coach=True,
        body="When the team struggles I jump in. How do I stay out without abandoning them?",
    ))
    experiments.log_attempt(ask.id, did_it=DidIt.PARTIAL, outcome=0, situation="1:1 with Sam",
                            note="Asked one question, then argued.", when=at(12, 15))
    experiments.log_attempt(ask.id, did_it=DidIt.YES, outcome=2, situation="Board prep",
                            note="Asked first. He had a real point.", when=at(17, 11))
    experiments.log_attempt(hand.id, did_it=DidIt.YES, outcome=1, situation="Hiring plan",
                            note="Lee chose the candidate; a good call.", when=at(13, 14))
    _on(journal, at(17, 18))
    progress.record_checkin(
        {Level.FOUNDATION: 6, Level.GROWTH: 4, Level.EMPOWERMENT: 7, Level.GUIDANCE: 5,
         Level.MASTERY: 4},
    )
    _on(journal, at(20, 17))
    experiments.complete(hand.id, learning="Handing back with context works; they decide well.",
                         belief_after=75)
    _on(journal, at(24, 9))
    progress.record_checkin(
        {Level.FOUNDATION: 7, Level.GROWTH: 5, Level.EMPOWERMENT: 7, Level.GUIDANCE: 6,
         Level.MASTERY: 4},
    )
    assert question.id is not None
    return {"question": question.id}
