"""Every word the coach-session summary prints, in one place: section notes, field
labels, table columns and the words for statuses, outcomes and sentiments (the app's own,
as the Experiments section and the entry editor show them).

``summary_document`` puts them in order; the writers never add a word of their own (but
the PDF's page numbers and "continued", in ``pdf_style``).
"""

from __future__ import annotations

from tkg_journal.domain.accountability import DueReason
from tkg_journal.domain.experiments import DidIt, ExperimentStatus
from tkg_journal.reports.document import Align

MINUS = "\u2212"  # a real minus sign: as wide as "+", unlike the hyphen
EN_DASH = "\u2013"
ARROW = "\u2192"
NOT_SET = EN_DASH  # a value nobody gave (an unrated outcome, no due date)
SEPARATOR = " \u00b7 "  # the middle dot between facts on one line
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")

SINCE_SESSION = "Since the coach session of {day}: {range}"
ALL_TIME = "All time"
SINCE_DAY = "Since {day}"
UNTIL_DAY = "Up to {day}"
FACT_GENERATED = "Generated on"
FACT_ENTRIES = "Entries"
ENTRIES_SHARED_ONLY = "Only those I marked to share with my coach"
ENTRIES_PRIVATE_INCLUDED = "Private entries included"
NOTICE = (
    "This file is not encrypted. It holds what I chose to share from my private journal "
    "for my coach; please keep it private."
)
NOTICE_PROTECTED = (
    "This file opens only with its password. It holds what I chose to share from my "
    "private journal for my coach; please keep it, and the password, private."
)
NOTICE_PRIVATE = " It also includes entries I usually keep private."

# At a glance
GLANCE_COLUMNS = ("Level", "Entries", "Attempts", f"Self-rating (start {ARROW} end)", "Change")
GLANCE_ALIGN = (Align.LEFT, Align.RIGHT, Align.RIGHT, Align.CENTER, Align.RIGHT)
GLANCE_WIDTHS = (2.2, 1.0, 1.0, 2.0, 1.0)
GLANCE_NOTHING = "Nothing was written, tried or received in this period."
TOTAL_ENTRIES = "Entries"
TOTAL_EXPERIMENTS = "Experiments"
TOTAL_ATTEMPTS = "Attempts"
TOTAL_SUCCESS = "Success rate"
SUCCESS_TEXT = "{percent}% of attempts tried the new response fully"
NO_ATTEMPTS_RATE = "no attempts in this period"

# Charts
NO_CHARTS = "No charts are included in this export."

# Patterns (computed on the leader's machine from the entries this summary may show)
NO_PATTERNS_SHARED = (
    "No difficult conversation or feedback I shared with my coach in this period: "
    "no patterns to show."
)
NO_PATTERNS_AT_ALL = "No difficult conversation or feedback in this period: no patterns to show."
PATTERNS_FROM_SHARED = (
    "Computed on my computer from the {talks} and {feedback} I shared with my coach in "
    "this period."
)
PATTERNS_FROM_ALL = (
    "Computed on my computer from the {talks} and {feedback} of this period, private "
    "entries included."
)
HINTS_HEADING = "Where the root may be"
NO_HINTS = (
    "No root hint: too little friction in this period, or no weaker level below where it "
    "shows."
)
MOVED_HEADING = "Whose conversations changed most"
NO_MOVEMENT = (
    "Nobody appears in enough rated difficult conversations (four) to say how the "
    "intensity moved."
)
MOVED_COLUMNS = (
    "Person",
    "Conversations",
    "Mostly at",
    f"Intensity (first half {ARROW} second half)",
    "Change",
)
MOVED_ALIGN = (Align.LEFT, Align.RIGHT, Align.LEFT, Align.CENTER, Align.LEFT)
MOVED_WIDTHS = (1.7, 1.6, 1.5, 2.2, 2.2)
#: How many people the table lists (those whose intensity moved most, either way).
MOVED_PEOPLE = 3
MOVED_CHANGE = "{direction} by {change}"
MOVED_STEADY = "steady"

# Experiments
NO_EXPERIMENTS = "No experiments were touched in this period."
FIELD_LEVEL = "Level"
FIELD_STATUS = "Status"
FIELD_STARTED = "Started"
FIELD_DUE = "Due"
FIELD_SUCCESS = "Success looks like"
FIELD_BELIEF = "Belief it works"
FIELD_ATTEMPTS = "Attempts"
FIELD_MEAN_OUTCOME = "Mean outcome"
FIELD_LEARNING = "What I learned"
FIELD_ABANDON_REASON = "Why I stopped"
OVERDUE_SUFFIX = " (overdue)"
ATTEMPT_COLUMNS = ("Date", "Situation", "Did it", "Outcome", "Note")
ATTEMPT_ALIGN = (Align.LEFT, Align.LEFT, Align.LEFT, Align.LEFT, Align.LEFT)
ATTEMPT_WIDTHS = (1.5, 3.0, 1.05, 1.65, 2.8)
NO_ATTEMPTS = "No attempts were logged in this period ({total} in all)."
NO_ATTEMPTS_YET = "No attempts were logged yet."
STATUS_WORDS: dict[ExperimentStatus, str] = {
    ExperimentStatus.PLANNED: "Planned",
    ExperimentStatus.ACTIVE: "Active",
    ExperimentStatus.COMPLETED: "Completed",
    ExperimentStatus.ABANDONED: "Abandoned",
}
ENDED_ON = "{status} on {day}"
DID_IT_WORDS: dict[DidIt, str] = {DidIt.YES: "Yes", DidIt.PARTIAL: "Partly", DidIt.NO: "No"}
#: How an attempt went, from -2 to +2 (the attempt dialog's words).
OUTCOME_WORDS: dict[int, str] = {
    -2: "much worse",
    -1: "worse",
    0: "no change",
    1: "better",
    2: "much better",
}
#: How feedback landed, from -2 to +2 (the entry editor's words).
SENTIMENT_WORDS: dict[int, str] = {
    -2: "harsh",
    -1: "critical",
    0: "neutral",
    1: "positive",
    2: "very positive",
}
BELIEF_NOT_RATED = "not rated"

# Entries (shared, feedback, questions)
NO_LEVEL = "No level"
NO_SHARED_ENTRIES = "No entries were marked to share with my coach in this period."
NO_ENTRIES_AT_ALL = "No entries were written in this period."
TAGS = "Tags: {tags}"
PRIVATE_MARK = "Private"
FIELD_WHO = "Who"
FIELD_WHAT_HAPPENED = "What happened"
FIELD_FEELING = "What I felt"
FIELD_MY_RESPONSE = "My response"
FIELD_IMPACT = "Impact"
FIELD_TRY_NEXT = "What I'd try next"
INTENSITY = "intensity {value}/10"
FIELD_SOURCE = "From"
FIELD_SENTIMENT = "How it landed"

# Feedback
NO_FEEDBACK = "No feedback was recorded in this period."
FIELD_RECEIVED = "Received"
FIELD_MEAN_SENTIMENT = "Mean sentiment"
RECEIVED = "{count} ({positive} positive, {negative} negative)"
HIDDEN_FEEDBACK_ONE = "1 more feedback entry is private and not included."
HIDDEN_FEEDBACK_MANY = "{count} more feedback entries are private and not included."

# Commitments and what is overdue
NOTHING_OPEN = "No open commitments and nothing overdue."
COMMITMENTS_HEADING = "Commitments from coach sessions"
NO_COMMITMENTS = "No open commitments from coach sessions."
COMMITMENT_COLUMNS = ("Commitment", "Session", "Due", "Status")
COMMITMENT_ALIGN = (Align.LEFT, Align.LEFT, Align.LEFT, Align.LEFT)
COMMITMENT_WIDTHS = (4.0, 1.35, 1.35, 2.1)
COMMITMENT_OPEN = "open"
COMMITMENT_OVERDUE = "OVERDUE"
COMMITMENT_EXPERIMENT = "now an experiment"
OVERDUE_HEADING = "Overdue experiments"
NO_OVERDUE = "No experiment is overdue."
OVERDUE_COLUMNS = ("Experiment", "Level", "Due", "Why it shows")
OVERDUE_ALIGN = (Align.LEFT, Align.LEFT, Align.LEFT, Align.LEFT)
OVERDUE_WIDTHS = (4.0, 1.6, 1.4, 1.6)
DUE_REASON_TEXTS: dict[DueReason, tuple[str, str]] = {
    DueReason.OVERDUE: ("1 day overdue", "{days} days overdue"),
    DueReason.QUIET: ("no attempt for 1 day", "no attempt for {days} days"),
}

# Questions
NO_QUESTIONS = "No questions were added for this session."
QUESTION_ENTRIES_HEADING = "Entries I want to talk about"
