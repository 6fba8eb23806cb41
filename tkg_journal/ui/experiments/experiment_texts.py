"""Every word the Experiments section shows: the list, the detail pane and its dialogs
(logging an attempt and the friction catalogue among them).

Kept in one place so the wording of the coaching method ("When …, instead of … I will …,
and I expect …") can be read and changed together. An ``&`` in a label marks its Alt+letter
mnemonic; letters are unique among what is visible at the same time, and the view's buttons
avoid the menu bar's letters (F, E, V, H).
"""

from __future__ import annotations

from datetime import date, datetime

from tkg_journal.domain.experiments import (
    DidIt,
    Experiment,
    ExperimentStatus,
    experiment_sentence,
)
from tkg_journal.domain.levels import Level

MINUS = "\u2212"  # a real minus sign: as wide as "+", unlike the hyphen
ELLIPSIS = "…"
ERROR_PREFIX = "⚠ "


def plain(label: str) -> str:
    """A label without its ``&`` mnemonic marker, for accessible names."""
    return label.replace("&&", "\0").replace("&", "").replace("\0", "&")


# --- statuses, outcomes, "did it" ------------------------------------------------------
STATUS_WORDS: dict[ExperimentStatus, str] = {
    ExperimentStatus.PLANNED: "Planned",
    ExperimentStatus.ACTIVE: "Active",
    ExperimentStatus.COMPLETED: "Completed",
    ExperimentStatus.ABANDONED: "Abandoned",
}

#: How an attempt went, from -2 to +2 (the same words as the attempt dialog's buttons).
OUTCOME_WORDS: dict[int, str] = {
    -2: "much worse",
    -1: "worse",
    0: "no change",
    1: "better",
    2: "much better",
}
NO_OUTCOME = "not rated"

DID_IT_WORDS: dict[DidIt, str] = {
    DidIt.YES: "Yes",
    DidIt.PARTIAL: "Partly",
    DidIt.NO: "No",
}


def signed(value: int) -> str:
    """``+2``, ``0``, ``\u22121`` (with a real minus sign, U+2212)."""
    if value > 0:
        return f"+{value}"
    return f"{MINUS}{-value}" if value < 0 else "0"


def outcome_text(outcome: int | None) -> str:
    """``"+1  went well"``, or an en dash for an attempt without an outcome."""
    if outcome is None:
        return "\u2013"
    return f"{signed(outcome)}  {OUTCOME_WORDS[outcome]}"


def mean_text(mean: float | None) -> str:
    if mean is None:
        return "\u2013"
    text = f"{mean:+.1f}"
    return text.replace("-", MINUS)


def day_text(day: date) -> str:
    """``"3 Mar 2026"``: a day as every list in the app shows it."""
    return f"{day.day} {day:%b %Y}"


def moment_text(moment: datetime) -> str:
    """``"3 Mar 2026, 14:05"`` in the user's local time."""
    local = moment.astimezone()
    return f"{local.day} {local:%b %Y, %H:%M}"


# --- the list --------------------------------------------------------------------------
LIST_ACCESSIBLE_NAME = "Experiments"
SEARCH_PLACEHOLDER = "Search experiments (Ctrl+F)"
SEARCH_ACCESSIBLE_NAME = "Search experiments and attempts"
STATUS_FILTER_ACCESSIBLE_NAME = "Filter by status"
LEVEL_FILTER_ACCESSIBLE_NAME = "Filter by level"
#: The filters' visible labels (their buddies), short for a narrow list.
STATUS_FILTER_LABEL = "Stat&us"
LEVEL_FILTER_LABEL = "Level"  # every letter of it is taken here (Log, Edit, View)
STATUS_FILTER_ALL = "All"
STATUS_FILTER_OPEN = "Open"
LEVEL_FILTER_ALL = "Any level"
COLUMN_TITLES = ("Experiment", "Status", "Level", "Attempts", "Last attempt", "Trend")
EMPTY_LIST = (
    "No experiments yet.\nPress “New experiment” to try a new response\nin real situations."
)
NO_MATCHES = "Nothing matches.\nTry fewer words, or another status or level."
LOCKED_LIST = ""


def count_text(shown: int, *, filtering: bool) -> str:
    noun = "experiment" if shown == 1 else "experiments"
    if not filtering:
        return f"{shown} {noun}"
    return f"{shown} {noun} " + ("matches" if shown == 1 else "match")


def summary_spoken(
    title: str, status: ExperimentStatus, level: Level, attempts: int, mean: float | None
) -> str:
    """One sentence a screen reader says for a row (and the row's tooltip)."""
    tried = (
        "no attempts yet"
        if not attempts
        else (f"{attempts} attempt{'s' if attempts != 1 else ''}, mean outcome {mean_text(mean)}")
    )
    return f"{title}: {STATUS_WORDS[status].lower()}, level {level.label()}, {tried}"


# --- the detail pane -------------------------------------------------------------------
NEW_BUTTON = "&New experiment"
NEW_TOOLTIP = "Plan a new behaviour experiment"
EDIT_BUTTON = "Ed&it…"
EDIT_TOOLTIP = "Change this experiment's wording, level or dates"
START_BUTTON = "&Start"
START_TOOLTIP = "Start trying the new response: attempts can be logged from now on"
LOG_BUTTON = "&Log attempt…"
LOG_TOOLTIP = "Record a real situation where you tried (or did not try) the new response"
COMPLETE_BUTTON = "Co&mplete…"
COMPLETE_TOOLTIP = "Close the experiment with what you learned"
ABANDON_BUTTON = "A&bandon…"
ABANDON_TOOLTIP = "Stop this experiment and say why"
REOPEN_BUTTON = "&Reopen…"
REOPEN_TOOLTIP = "Make this closed experiment active again (its learning stays)"
ACTIONS_ACCESSIBLE_NAME = "Experiment actions"

NOTHING_SELECTED = "Choose an experiment on the left, or start a new one."
DETAIL_ACCESSIBLE_NAME = "Experiment details"
STATEMENT_ACCESSIBLE_NAME = "The experiment in one sentence"
TREND_LABEL = "Outcomes of the last attempts"
TREND_ACCESSIBLE_NAME = "Outcome trend"
ATTEMPTS_LABEL = "Attempts"
ATTEMPTS_ACCESSIBLE_NAME = "Attempts of this experiment"
NO_ATTEMPTS = "No attempts logged yet."
NO_OUTCOMES_YET = "No outcomes rated yet."
ATTEMPT_COLUMNS = ("When", "Did it", "Outcome", "Situation", "Note")

FIELD_SUCCESS = "Success looks like"
FIELD_BEHAVIOUR = "Friction behaviour"
FIELD_BELIEF = "Belief it works"
FIELD_LEARNING = "What I learned"
FIELD_ABANDON_REASON = "Why I stopped"
FIELD_SOURCE = "From journal entry"
NOT_SET = "\u2013"


def belief_text(before: int | None, after: int | None) -> str:
    if before is None and after is None:
        return "not rated"
    first = f"{before}%" if before is not None else "not rated"
    if after is None:
        return f"{first} before"
    return f"{first} before, {after}% after"


def status_line(status: ExperimentStatus, start: date | None, due: date | None, today: date) -> str:
    """``"Active since 3 Mar 2026 · due 17 Mar 2026 (overdue)"``."""
    parts = [STATUS_WORDS[status]]
    if status is ExperimentStatus.PLANNED:
        if start is not None:
            parts[0] += f", to start {day_text(start)}"
    elif start is not None:
        parts[0] += (
            f" since {day_text(start)}"
            if status is ExperimentStatus.ACTIVE
            else (f" (started {day_text(start)})")
        )
    if due is not None:
        overdue = status is ExperimentStatus.ACTIVE and due < today
        parts.append(f"due {day_text(due)}" + (" (overdue)" if overdue else ""))
    return " · ".join(parts)


def attempts_summary(attempts: int, with_outcome: int, mean: float | None) -> str:
    if not attempts:
        return NO_ATTEMPTS
    noun = "attempt" if attempts == 1 else "attempts"
    text = f"{attempts} {noun}"
    if with_outcome:
        text += f", mean outcome {mean_text(mean)}"
    return text


# --- statement sentence ----------------------------------------------------------------
def statement_preview(trigger: str, old: str, new: str, prediction: str) -> str:
    """The experiment sentence while it is written: missing parts show as ``…``."""
    return experiment_sentence(trigger, old, new, prediction, missing=ELLIPSIS)


# --- status messages -------------------------------------------------------------------
CREATED = "Experiment saved"
UPDATED = "Experiment updated"
STARTED = "Experiment started: log an attempt whenever the situation comes up"
COMPLETED = "Experiment completed"
ABANDONED = "Experiment abandoned"
REOPENED = "Experiment reopened"

# --- reopen and start questions --------------------------------------------------------
REOPEN_TITLE = "Reopen experiment"
REOPEN_QUESTION = (
    "Reopen this experiment? It becomes active again and attempts can be logged; what you "
    "wrote when you closed it stays."
)
REOPEN_CONFIRM = "Reopen"

DUE_DIALOG_TITLE = "New due date"
DUE_DIALOG_TEXT = (
    "This experiment was due on {due}, which has passed. When should it be done by now?"
)
DUE_DIALOG_LABEL = "&Due by"
DUE_DIALOG_START = "&Start"

# --- the create/edit dialog ------------------------------------------------------------
NEW_DIALOG_TITLE = "New experiment"
EDIT_DIALOG_TITLE = "Edit experiment"
PREFILL_DIALOG_TITLE = "New experiment from a journal entry"
DIALOG_INTRO = (
    "An experiment tries a new response in real situations: when something happens, instead "
    "of what you usually do, you do something else, and see what it changes."
)
PREFILL_INTRO = "Filled in from your journal entry: check the wording and fill in the rest."
TITLE_LABEL = "&Title"
TITLE_PLACEHOLDER = "In a few words, e.g. Pause before answering pushback"
BEHAVIOUR_LABEL = "&Friction behaviour"
BEHAVIOUR_NONE = "None chosen"
BEHAVIOUR_TOOLTIP = "The behaviour that creates friction; choosing one suggests its root level"
LEVEL_LABEL = "&Level"


def behaviour_item(name: str, level: Level) -> str:
    return f"{name} ({level.title})"


def root_level_text(level: Level) -> str:
    return f"Root level of this behaviour: {level.title}"


TRIGGER_LABEL = "&When…"
TRIGGER_PLACEHOLDER = "the situation, e.g. a peer pushes back on my plan in a meeting"
OLD_LABEL = "in&stead of…"  # N is "Start it now", W "When…"
OLD_PLACEHOLDER = "what I usually do, e.g. defending my plan straight away"
NEW_LABEL = "&I will…"
NEW_PLACEHOLDER = "the new response, e.g. ask one question before I answer"
PREDICTION_LABEL = "and I e&xpect…"
PREDICTION_PLACEHOLDER = "what I think will happen (optional)"
SUCCESS_LABEL = "S&uccess looks like"
SUCCESS_PLACEHOLDER = "How I will know it worked (optional)"
START_LABEL = "St&art on"
DUE_LABEL = "&Due by"
DATE_NOT_SET = "Not set"
BELIEF_LABEL = "&Belief it works"
BELIEF_NOT_RATED = "Not rated"
BELIEF_TOOLTIP = (
    "How much you believe the new response will work, 0 (not at all) to 100 (certain). "
    "You rate it again when the experiment ends."
)
START_NOW_LABEL = "Start it &now"
START_NOW_TOOLTIP = "Make it active today, so attempts can be logged right away"
PREVIEW_LABEL = "The experiment"
PREVIEW_ACCESSIBLE_NAME = "The experiment in one sentence"
SAVE_BUTTON = "Save"
CREATE_BUTTON = "Create"
ACCEPT_HINT = "Ctrl+Return saves"
NO_LEVEL_ERROR = "Choose the level where the root of this behaviour lies"
#: What the dialog says when a field the sentence needs is empty (by Experiment field).
REQUIRED_ERRORS: dict[str, str] = {
    "title": "Give the experiment a title",
    "trigger": "Say when: the situation that calls for the new response",
    "old_behaviour": "Say what you usually do in that situation",
    "new_response": "Say what you will do instead",
}

# --- complete / abandon ----------------------------------------------------------------
COMPLETE_DIALOG_TITLE = "Complete experiment"
ABANDON_DIALOG_TITLE = "Abandon experiment"
COMPLETE_INTRO = "What did this experiment teach you? It stays with the experiment."
ABANDON_INTRO = "Why are you stopping it? Knowing why helps the next experiment."
LEARNING_LABEL = "What I &learned"
LEARNING_PLACEHOLDER = "What changed, what did not, what surprised you"
BELIEF_AFTER_LABEL = "&Belief it works now"
BELIEF_BEFORE_TEXT = "Before: {before}"
PERCENT_SUFFIX = "%"
REASON_LABEL = "&Why I am stopping"
REASON_PLACEHOLDER = "e.g. the situation no longer comes up; wrong behaviour to work on"
COMPLETE_ACCEPT = "Complete"
ABANDON_ACCEPT = "Abandon"
LEARNING_REQUIRED = "Completing an experiment asks what you learned"
REASON_REQUIRED = "Abandoning an experiment asks why"

# --- logging an attempt ----------------------------------------------------------------
ATTEMPT_TITLE = "Log attempt"
ATTEMPT_HINT = (
    "Y / P / N answer “Did you try it?”; arrow keys choose within a row. "
    "Enter logs (Ctrl+Enter from the note), Esc cancels."
)
ATTEMPT_EXPERIMENT = "&Experiment"
ATTEMPT_WHEN = "&When"
ATTEMPT_DID_IT = "Did you try the new response?"
ATTEMPT_OUTCOME = "How did it go?"
ATTEMPT_SITUATION = "&Situation"
ATTEMPT_SITUATION_PLACEHOLDER = "One line: where, with whom"
ATTEMPT_NOTE = "N&ote"
ATTEMPT_NOTE_PLACEHOLDER = "What happened, what you noticed (optional)"
ATTEMPT_LOG = "&Log attempt"
ATTEMPT_NO_ACTIVE = (
    "No experiment is active. Start an experiment in the Experiments section first; "
    "attempts are logged on active experiments."
)
ATTEMPT_NOT_ACTIVE = "That experiment is not active; choose an active one below."
ATTEMPT_CHOOSE_DID_IT = "Say whether you tried it: Yes, Partly or No."
ATTEMPT_CHOOSE_EXPERIMENT = "Choose the experiment this attempt belongs to."

DID_IT_LABELS: dict[DidIt, str] = {
    DidIt.YES: "&Yes",
    DidIt.PARTIAL: "&Partly",
    DidIt.NO: "&No",
}
DID_IT_NAMES: dict[DidIt, str] = {DidIt.YES: "Yes", DidIt.PARTIAL: "Partly", DidIt.NO: "No"}

#: Outcome value (None: not rated) -> (sign, words) as the buttons show them.
OUTCOME_LABELS: dict[int | None, tuple[str, str]] = {
    -2: ("\u22122", "much worse"),
    -1: ("\u22121", "worse"),
    0: ("0", "no change"),
    1: ("+1", "better"),
    2: ("+2", "much better"),
    None: ("", "not rated"),
}


def experiment_choice(experiment: Experiment) -> str:
    """How an experiment reads in a picker: "2 Growth · Say no to the Friday deadline"."""
    return f"{experiment.level.label()} \u00b7 {experiment.title}"


# --- the friction catalogue ------------------------------------------------------------
FRICTION_TITLE = "Friction behaviours"
FRICTION_EXPLAINER = (
    "Behaviours that create friction, each mapped to the level where its root lies. "
    "F2 renames the selected behaviour or changes its level."
)
FRICTION_HEADERS = ("Behaviour", "Root level", "Archived")
FRICTION_TABLE_NAME = "Friction behaviours"
FRICTION_SHOW_ARCHIVED = "Sho&w archived"  # A is Add
FRICTION_RENAME = "&Rename"
FRICTION_REMAP = "Change &level"
FRICTION_ARCHIVE = "Arc&hive"
FRICTION_UNARCHIVE = "Unarc&hive"
FRICTION_NEW_NAME = "&New behaviour"
FRICTION_NEW_PLACEHOLDER = "e.g. interrupting when challenged"
FRICTION_NEW_LEVEL = "Root le&vel"
FRICTION_ADD = "&Add"
FRICTION_CLOSE = "Close"
FRICTION_ADDED = "Added “{name}”."
FRICTION_EMPTY_NAME = "Type the behaviour's name first."

# --- the outcome trend, in words (its accessible description and tooltip) ----------------
TREND_COUNTS = "{attempts}: {better} better, {same} no change, {worse} worse"
TREND_NOT_RATED = ", {count} not rated"
TREND_NONE_RATED = "{attempts}, no outcome rated yet"
TREND_MEAN = "; mean outcome {mean}; latest {latest}"
TREND_IMPROVING = "improving"
TREND_WORSENING = "getting worse"
TREND_STEADY = "steady"
TREND_CELL = "{row}. Outcomes of the last attempts: {trend}"
