"""What the accountability widgets say: the "Due and overdue" list (experiments and action
items from coach sessions) and the reminders. One place, so wording stays consistent and is
easy to review."""

from __future__ import annotations

from datetime import date

from tkg_journal.domain.accountability import DueItem, DueReason
from tkg_journal.domain.coach_sessions import CommitmentDue, CommitmentDueReason
from tkg_journal.services.experiments import clip_title

# --- the due list ---------------------------------------------------------------------------
DUE_HEADING = "Due and overdue"
DUE_EXPLAINER = (
    "Active experiments past their due date or with no attempt for a while, then action "
    "items from coach sessions due within a week. Log an attempt, open the experiment to "
    "finish or rethink it, or mark an action item done."
)
DUE_EMPTY = "Nothing needs attention. Well done."
DUE_QUIET_LABEL = "&Quiet after"
DUE_QUIET_TIP = "An active experiment with no attempt for this many days shows up here."
DUE_LOG = "&Log attempt"
DUE_OPEN = "&Open"
DUE_LIST_NAME = "Experiments that need attention"


def _days(days: int) -> str:
    return "1 day" if days == 1 else f"{days} days"


def due_reason(item: DueItem) -> str:
    """Why an experiment is listed: "Overdue by 4 days", "No attempt for 5 days"."""
    if item.reason is DueReason.OVERDUE:
        return f"Overdue by {_days(item.days)}"
    return f"No attempt for {_days(item.days)}"


def quiet_suffix(days: int) -> str:
    return " day" if days == 1 else " days"


# --- action items from coach sessions (in the due list) -----------------------------------
COMMITMENTS_HEADING = "Action items from coach sessions"
EXPERIMENTS_HEADING = "Experiments"
COMMITMENT_DONE = "Done"
COMMITMENT_DONE_TIP = "Mark this action item done: it leaves the list"
COMMITMENTS_LIST_NAME = "Action items that need attention"


def commitment_reason(due: CommitmentDue) -> str:
    """When an action item is due: "Overdue by 3 days", "Due today", "Due in 2 days"."""
    if due.reason is CommitmentDueReason.OVERDUE:
        return f"Overdue by {_days(due.days)}"
    if due.reason is CommitmentDueReason.DUE_TODAY:
        return "Due today"
    return "Due tomorrow" if due.days == 1 else f"Due in {_days(due.days)}"


def _day(day: date) -> str:
    return f"{day.day} {day:%b %Y}"


def commitment_session(held_on: date) -> str:
    """Where an action item comes from: "from the session of 12 Nov 2026"."""
    return f"from the session of {_day(held_on)}"


def commitment_tip(held_on: date, due: date | None) -> str:
    """The row's tooltip: "Committed to in the coach session of 12 Nov 2026, due 19 Nov 2026"."""
    when = f", due {_day(due)}" if due else ""
    return f"Committed to in the coach session of {_day(held_on)}{when}"


# --- reminders --------------------------------------------------------------------------
# The due line of the window's attention bar: no Alt letter (see ui/common/attention_banner);
# Ctrl+D shows what is due from anywhere.
BANNER_SHOW = "Show"
BANNER_SHOW_NAME = "Show what is due"
#: At most this many titles in the in-app banner; the rest are counted.
BANNER_MAX_TITLES = 3


def reminder_title(items: list[DueItem], actions: list[CommitmentDue]) -> str:
    if items and actions:
        return "Experiments and action items need attention"
    return "Experiments need attention" if items else "Action items need attention"


def reminder_counts(items: list[DueItem], actions: list[CommitmentDue]) -> str:
    """A summary without any of the user's words, for the desktop's notification (which
    other people may see and some desktops keep in a history):
    "2 experiments need attention: 1 overdue, 1 with no recent attempt." """
    sentences = []
    if items:
        overdue = sum(1 for item in items if item.reason is DueReason.OVERDUE)
        quiet = len(items) - overdue
        what = "1 experiment needs" if len(items) == 1 else f"{len(items)} experiments need"
        parts = [
            f"{overdue} overdue" if overdue else "",
            f"{quiet} with no recent attempt" if quiet else "",
        ]
        sentences.append(f"{what} attention: {', '.join(p for p in parts if p)}.")
    if actions:
        overdue = sum(1 for due in actions if due.reason is CommitmentDueReason.OVERDUE)
        today = len(actions) - overdue
        what = "1 action item" if len(actions) == 1 else f"{len(actions)} action items"
        parts = [f"{overdue} overdue" if overdue else "", f"{today} due today" if today else ""]
        sentences.append(f"{what} from coach sessions: {', '.join(p for p in parts if p)}.")
    return " ".join(sentences)


def reminder_banner(items: list[DueItem], actions: list[CommitmentDue]) -> str:
    """The in-app banner (inside the unlocked journal, so titles may show)."""
    named = [f"“{item.experiment.title}” ({due_reason(item).lower()})" for item in items]
    named += [
        f"“{clip_title(due.item.commitment.text)}” ({commitment_reason(due).lower()})"
        for due in actions
    ]
    shown = named[:BANNER_MAX_TITLES]
    rest = len(named) - len(shown)
    text = "; ".join(shown)
    if rest:
        text += f" and {rest} more"
    return f"Needs attention: {text}."
