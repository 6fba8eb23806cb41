"""Every word the Coach sessions section shows: the list, the header, the editor and the
commitments table.

An ``&`` in a label marks its Alt+letter mnemonic; the view's letters avoid the menu bar's
(F, E, X, P, V, H) and are unique among what is visible at the same time.
"""

from __future__ import annotations

from datetime import date

from tkg_journal.domain.experiments import ExperimentStatus

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
ERROR_PREFIX = "\u26a0 "
DOT = " \u00b7 "


def plain(label: str) -> str:
    """A label without its ``&`` mnemonic marker, for accessible names."""
    return label.replace("&&", "\0").replace("&", "").replace("\0", "&")


def day_text(day: date) -> str:
    """``"12 Nov 2026"``."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def weekday_text(day: date) -> str:
    """``"Tue 12 Nov 2026"``: how a session is named in the list."""
    return f"{WEEKDAYS[day.weekday()]} {day_text(day)}"


# --- the list and its header --------------------------------------------------------------
LIST_ACCESSIBLE_NAME = "Coach sessions"
EMPTY_LIST = (
    "No coach sessions yet.\n\nAfter a session, press \u201cNew session\u201d and note the "
    "date, the topics and what you committed to."
)
NO_TOPICS = "(no topics)"
NO_SESSION_HEADER = "No session recorded yet"
HEADER_ACCESSIBLE_NAME = "Since the last session"
NEW_BUTTON = "&New session"
NEW_TOOLTIP = "Record a coach session held today (change the date if it was earlier)"
EXPORT_BUTTON = "Export s&ummary\u2026"
EXPORT_TOOLTIP = "Export what happened since the last session for your coach"


def header_text(last: date | None, entries: int, attempts: int) -> str:
    """``"Last session 12 Nov 2026 · since then: 23 entries, 4 attempts"``."""
    if last is None:
        return NO_SESSION_HEADER
    return (
        f"Last session {day_text(last)}{DOT}since then: "
        f"{_count(entries, 'entry', 'entries')}, {_count(attempts, 'attempt', 'attempts')}"
    )


def commitments_open_text(open_count: int, total: int) -> str:
    """``"2 of 3 commitments open"``, ``"all 3 commitments done"``, ``"no commitments"``."""
    if total == 0:
        return "no commitments"
    noun = "commitment" if total == 1 else "commitments"
    if open_count == 0:
        return "the commitment is done" if total == 1 else f"all {total} commitments done"
    if open_count == total:
        return f"{total} {noun} open"
    return f"{open_count} of {total} {noun} open"


def _count(number: int, one: str, many: str) -> str:
    return f"{number} {one if number == 1 else many}"


# --- the editor ---------------------------------------------------------------------------
PLACEHOLDER = "Choose a session on the left, or record a new one."
EDITOR_ACCESSIBLE_NAME = "The coach session"
NEW_TITLE = "New coach session"
EDIT_TITLE = "Coach session of {day}"
DATE_LABEL = "&Date"
DATE_ACCESSIBLE_NAME = "Day of the session"
TOPICS_LABEL = "&Topics"
TOPICS_PLACEHOLDER = "What you talked about (the first line names the session in the list)"
TOPICS_ACCESSIBLE_NAME = "Topics"
NOTES_LABEL = "N&otes"
NOTES_PLACEHOLDER = "What you noticed, what the coach said, what you want to remember"
NOTES_ACCESSIBLE_NAME = "Notes"
COMMITMENTS_LABEL = "Co&mmitments"
COMMITMENTS_ACCESSIBLE_NAME = "Commitments"
COMMITMENTS_HINT = (
    "Tick what is done. Double-click (or F2) to edit the text or the due date; Delete "
    "clears a due date."
)
ADD_BUTTON = "&Add commitment"
ADD_TOOLTIP = "A new commitment from this session"
REMOVE_BUTTON = "&Remove commitment"
REMOVE_TOOLTIP = "Remove the selected commitment (an experiment made from it stays)"
EXPERIMENT_BUTTON = "Turn into exper&iment\u2026"
EXPERIMENT_TOOLTIP = "Plan a behaviour experiment from the selected commitment"
SAVE_BUTTON = "&Save"
SAVE_TOOLTIP = "Save the session (Ctrl+S)"
DELETE_BUTTON = "De&lete session\u2026"
DELETE_TOOLTIP = "Delete this session and its commitments"
DELETE_TITLE = "Delete this coach session?"
DELETE_QUESTION = (
    "The session of {day}, its notes and its {count} will be deleted. Experiments made "
    "from its commitments stay. This cannot be undone."
)
DELETE_CONFIRM = "&Delete"
UNSAVED_TITLE = "This session is not saved"
UNSAVED_QUESTION = (
    "The session could not be saved ({reason}). Keep editing it, or discard the changes?"
)
KEEP_EDITING = "&Keep editing"
DISCARD = "&Discard changes"

# --- status lines -------------------------------------------------------------------------
RECORDED = "Coach session recorded"
SAVED = "Coach session saved"
DELETED = "Coach session deleted"
EXPERIMENT_CREATED = "Experiment planned from the commitment"
SAVE_FIRST = "save the session first: the commitment needs to be stored to become an experiment"

# --- the commitments table ----------------------------------------------------------------
COLUMN_TITLES = ("Done", "Commitment", "Due", "Experiment")
COLUMN_TOOLTIPS = (
    "Ticked when it is done",
    "What you committed to",
    "When it is due (shows in \u201cDue and overdue\u201d)",
    "The experiment made from it, if any",
)
NO_DUE = "\u2013"
NEW_COMMITMENT = ""  # a new row starts empty and is edited at once
STATUS_WORDS: dict[ExperimentStatus, str] = {
    ExperimentStatus.PLANNED: "planned",
    ExperimentStatus.ACTIVE: "active",
    ExperimentStatus.COMPLETED: "completed",
    ExperimentStatus.ABANDONED: "abandoned",
}


def experiment_text(title: str, status: ExperimentStatus) -> str:
    return f"{title} ({STATUS_WORDS[status]})"


def commitment_spoken(text: str, done: bool, due: date | None, experiment: str) -> str:
    parts = [text or "(empty)", "done" if done else "open"]
    if due is not None:
        parts.append(f"due {day_text(due)}")
    if experiment:
        parts.append(f"experiment {experiment}")
    return ", ".join(parts)
