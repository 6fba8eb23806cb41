"""The pre-session summary: what happened since the last coach session, as plain data.

``services/summary.py`` fills a ``Summary`` from the journal (aggregations in SQL);
``reports/`` turns it into Markdown, HTML or PDF. Keeping the content here, apart from any
format, is what makes the three exports say the same thing in the same order.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import TYPE_CHECKING

from tkg_journal.domain.accountability import DueItem
from tkg_journal.domain.coach_sessions import CoachSession
from tkg_journal.domain.entries import Entry
from tkg_journal.domain.errors import ValidationError
from tkg_journal.domain.experiments import Attempt, DidIt, Experiment
from tkg_journal.domain.levels import Level
from tkg_journal.domain.patterns import PatternReport
from tkg_journal.domain.progress import Period

if TYPE_CHECKING:
    from tkg_journal.domain.coach_sessions import OpenCommitment


class SummarySection(StrEnum):
    """The optional parts of a summary, in the order they are printed. The title and the
    period always come first."""

    AT_A_GLANCE = "at-a-glance"
    CHARTS = "charts"
    PATTERNS = "patterns"
    EXPERIMENTS = "experiments"
    SHARED_ENTRIES = "entries"
    FEEDBACK = "feedback"
    COMMITMENTS = "commitments"
    QUESTIONS = "questions"

    # Shadows str.title() on purpose: a section's title reads as one everywhere it is used.
    @property
    def title(self) -> str:  # type: ignore[override]
        return _SECTION_TITLES[self]


_SECTION_TITLES = {
    SummarySection.AT_A_GLANCE: "At a glance",
    SummarySection.CHARTS: "The hierarchy and progress",
    SummarySection.PATTERNS: "Patterns",
    SummarySection.EXPERIMENTS: "Experiments",
    SummarySection.SHARED_ENTRIES: "Shared entries",
    SummarySection.FEEDBACK: "Feedback received",
    SummarySection.COMMITMENTS: "Open commitments and what is overdue",
    SummarySection.QUESTIONS: "Questions for my coach",
}

ALL_SECTIONS: tuple[SummarySection, ...] = tuple(SummarySection)


def parse_section(text: str) -> SummarySection:
    """A section by its name (``entries``) or title (``"shared entries"``), any case."""
    raw = text.strip().casefold()
    for section in SummarySection:
        if raw in (section.value, section.title.casefold()):
            return section
    names = ", ".join(section.value for section in SummarySection)
    raise ValidationError("section", f"unknown section {text!r}; use one of: {names}")

#: The charts a summary embeds, by their names in ``charts/catalogue.py``, in print order.
SUMMARY_CHARTS: tuple[str, ...] = ("hierarchy", "activity", "ratings", "attempts")


@dataclass(frozen=True, slots=True)
class SummaryOptions:
    """What the user asked for in the export dialog or on the command line.

    ``period`` has both ends set. Private entries are left out unless
    ``include_private``; entries picked as questions are included whatever their flag,
    because the user picked them for this export.
    """

    period: Period
    sections: frozenset[SummarySection] = frozenset(ALL_SECTIONS)
    include_private: bool = False
    charts: bool = True
    questions: str = ""
    question_entry_ids: tuple[int, ...] = ()

    def wants(self, section: SummarySection) -> bool:
        return section in self.sections


@dataclass(frozen=True, slots=True)
class LevelGlance:
    """One level in "At a glance": entries written at it in the period, attempts on its
    experiments, and its self-rating at the period's start and end (``None``: no check-in
    rated it)."""

    level: Level
    entries: int
    attempts: int
    rating_at_start: int | None
    rating_at_end: int | None

    @property
    def rating_change(self) -> int | None:
        if self.rating_at_start is None or self.rating_at_end is None:
            return None
        return self.rating_at_end - self.rating_at_start


@dataclass(frozen=True, slots=True)
class AtAGlance:
    """Counts over the period. ``levels`` holds all five levels, Foundation first.

    A rating "at the start" is the last check-in on or before the period's first day (or
    the first one inside the period when there is none before); "at the end" is the last
    check-in in the period.
    """

    levels: tuple[LevelGlance, ...]
    entries: int
    entries_without_level: int
    shared_entries: int
    experiments_active: int  # active at the end of the period
    experiments_completed: int  # completed during the period (by their last attempt or end)
    attempts: int
    attempts_yes: int
    attempts_partial: int
    attempts_no: int

    @property
    def success_rate(self) -> float | None:
        """The share of attempts in which the new response was tried fully (0..1)."""
        return self.attempts_yes / self.attempts if self.attempts else None


@dataclass(frozen=True, slots=True)
class ExperimentReport:
    """An experiment touched in the period (an attempt logged, or started, completed or
    abandoned in it), with the attempts of the period, oldest first."""

    experiment: Experiment
    attempts: tuple[Attempt, ...]
    attempts_all_time: int

    @property
    def mean_outcome(self) -> float | None:
        rated = [a.outcome for a in self.attempts if a.outcome is not None]
        return sum(rated) / len(rated) if rated else None

    def count(self, did_it: DidIt) -> int:
        return sum(1 for a in self.attempts if a.did_it is did_it)


@dataclass(frozen=True, slots=True)
class LevelEntries:
    """Entries of one level (``None``: without a level), oldest first."""

    level: Level | None
    entries: tuple[Entry, ...]


@dataclass(frozen=True, slots=True)
class FeedbackDigest:
    """Feedback received in the period. The numbers count every feedback entry; the
    entries listed are only those the summary may show (shared, or all when private ones
    are included)."""

    count: int
    mean_sentiment: float | None
    positive: int  # sentiment > 0
    negative: int  # sentiment < 0
    entries: tuple[Entry, ...]


@dataclass(frozen=True, slots=True)
class ChartImage:
    """A chart drawn for the summary, as PNG bytes (the reports never draw)."""

    name: str  # "hierarchy", "activity", ... (charts/catalogue.py)
    title: str
    description: str  # one sentence for alt text and the caption
    png: bytes
    width_px: int
    height_px: int
    # What the chart shows, in numbers (charts/summaries.py): for those who cannot see
    # the picture, as alt text and caption. Empty when the chart was not summarised.
    summary: str = ""


@dataclass(frozen=True, slots=True)
class Summary:
    """Everything a pre-session summary shows, in print order. A section the options left
    out is still filled (empty) but not printed: ``sections`` says what to print."""

    title: str
    period: Period
    generated_on: date
    last_session: CoachSession | None  # the session the period starts from, if any
    sections: tuple[SummarySection, ...]
    include_private: bool
    at_a_glance: AtAGlance
    charts: tuple[ChartImage, ...] = ()
    # Computed from the same entries the summary may show (shared ones unless private ones
    # are included); None when the section was left out.
    patterns: PatternReport | None = None
    experiments: tuple[ExperimentReport, ...] = ()
    shared_entries: tuple[LevelEntries, ...] = ()
    feedback: FeedbackDigest = field(
        default_factory=lambda: FeedbackDigest(0, None, 0, 0, ())
    )
    open_commitments: tuple[OpenCommitment, ...] = ()
    overdue_commitment_ids: frozenset[int] = frozenset()
    overdue_experiments: tuple[DueItem, ...] = ()
    questions: str = ""
    question_entries: tuple[Entry, ...] = ()

    def shows(self, section: SummarySection) -> bool:
        return section in self.sections

    @property
    def is_empty(self) -> bool:
        """Nothing happened in the period: no entry, attempt or feedback."""
        glance = self.at_a_glance
        return glance.entries == 0 and glance.attempts == 0 and self.feedback.count == 0
