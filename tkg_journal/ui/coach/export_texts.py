"""Every word the Export summary dialog shows, in one place.

An ``&`` in a label marks its Alt+letter mnemonic; the letters are unique within the dialog.
"""

from __future__ import annotations

from datetime import date

from tkg_journal.domain.coach_sessions import SummaryBasis, SummaryPeriod

DIALOG_TITLE = "Export summary for my coach"
INTRO = (
    "One document with what happened in the period: experiments, shared entries, feedback, "
    "ratings, open commitments and your questions. Only entries marked to share with your "
    "coach are included, unless you include private ones below."
)

# --- period -------------------------------------------------------------------------------
PERIOD_GROUP = "Period"
SINCE_SESSION = "&Since the last coach session ({day})"
# Right after today's session (recorded, the summary is for it): the period before it.
SINCE_SESSION_BEFORE_TODAYS = "&Since the coach session of {day}, up to today\u2019s"
BEFORE_FIRST_SESSION = "&Since {day}: the {days} days up to today\u2019s coach session"
SINCE_SESSION_NONE = "&Since the last coach session"
NO_SESSION_HINT = (
    "No coach session is recorded yet: record one in Coach sessions, or choose the days."
)
RANGE = "&From"
RANGE_TO = "to"
SINCE_ACCESSIBLE_NAME = "First day of the period"
UNTIL_ACCESSIBLE_NAME = "Last day of the period"

# --- contents -----------------------------------------------------------------------------
SECTIONS_GROUP = "What to include"
INCLUDE_CHARTS = "Include c&harts"
INCLUDE_CHARTS_TOOLTIP = "The hierarchy and progress charts, as pictures in the file"
INCLUDE_PRIVATE = "Include &private entries"
INCLUDE_PRIVATE_TOOLTIP = "Entries you did not mark to share with your coach, for this export only"
PRIVATE_WARNING = "Private entries will be in the file."

# --- questions ----------------------------------------------------------------------------
QUESTIONS_GROUP = "Questions for my coach"
QUESTIONS_LABEL = "&Questions"
QUESTIONS_PLACEHOLDER = "What do you want to ask or work on in the session?"
QUESTIONS_ACCESSIBLE_NAME = "Questions for my coach, free text"
QUESTION_ENTRIES_LABEL = "Entries tagged \u201cquestion\u201d in the period"
QUESTION_ENTRIES_ACCESSIBLE_NAME = "Entries to bring as questions"
QUESTION_HINT = "Tag an entry \u2018question\u2019 to bring it here."
QUESTION_PRIVATE_MARK = " (private: tick it to include it)"

# --- file ---------------------------------------------------------------------------------
FILE_GROUP = "File"
FORMAT_LABEL = "Fo&rmat"
FORMAT_ACCESSIBLE_NAME = "File format"
PATH_LABEL = "Save &to"
PATH_ACCESSIBLE_NAME = "File to save the summary to"
CHOOSE_BUTTON = "&Choose\u2026"
CHOOSE_TOOLTIP = "Choose the folder and the file name"
CHOOSE_TITLE = "Save the summary as"
DEFAULT_NAME = "coach-summary-{day}"  # + the format's suffix
FILE_FILTERS = {"pdf": "PDF (*.pdf)", "md": "Markdown (*.md)", "html": "HTML (*.html *.htm)"}
NO_PATH = "choose where to save the summary"
REPLACE_TITLE = "Replace the file?"
REPLACE_QUESTION = "{name} already exists. Replace it with this summary?"
REPLACE_READ_ONLY_QUESTION = (
    "{name} already exists and is read-only (protected from changes). "
    "Replace it with this summary anyway?"
)
REPLACE_CONFIRM = "&Replace"

# --- the PDF's password -------------------------------------------------------------------
PASSWORD_LABEL = "P&DF password"
PASSWORD_ACCESSIBLE_NAME = "Password to open the PDF"
PASSWORD_PLACEHOLDER = "Optional: your coach types it to open the file"
SHOW_PASSWORD = "Show pass&word"
SHOW_PASSWORD_ACCESSIBLE_NAME = "Show the PDF password"
PASSWORD_HINT_EMPTY = "Leave it empty for a PDF that opens without a password."
NO_PASSWORD_FORMATS = (
    "Markdown and HTML files cannot carry a password: anyone who has the file can read "
    "it. Choose PDF to lock the file with a password."
)

# --- preview ------------------------------------------------------------------------------
PREVIEW_LABEL = "Preview of what will be shared"
PREVIEW_ACCESSIBLE_NAME = "Preview of the summary"
PREVIEW_WAITING = "Preparing the preview\u2026"
CHARTS_NONE = "Charts: none (left out)."
CHARTS_COUNT = "Charts: {count} will be included (not shown in this preview)."
CHART_PLACEHOLDER = "Chart: {title}\n(drawn when the file is written)"
PREVIEW_FAILED = "The preview could not be prepared: {message}"

# --- the note, progress, result -----------------------------------------------------------
NOT_ENCRYPTED = (
    "The exported file is not encrypted: anyone who can open it can read it. Keep it "
    "somewhere private and delete it after the session."
)
PROTECTED = (
    "The PDF opens only with its password. Give the password to your coach another way "
    "than the file (not in the same email), and delete the file after the session."
)
EXPORT_BUTTON = "&Export"
EXPORT_TOOLTIP = "Write the summary to the file (Enter)"
CANCEL_BUTTON = "Cancel"
CLOSE_BUTTON = "Close"
STARTING = "Starting\u2026"
RUNNING_HINT = "Exporting: the dialog closes when the file is written."
SAVED = "Saved to {path}"
SAVED_WITH_CHARTS = "Saved to {path} (charts in {folder})"
SAVED_PROTECTED = "Saved to {path}, locked with the password"
OPEN_BUTTON = "&Open"
OPEN_TOOLTIP = "Open the summary in the app your system uses for it"
SHOW_BUTTON = "Show in fo&lder"
SHOW_TOOLTIP = "Open the folder that holds the summary"
OPEN_FAILED = "The system could not open {target}."
ERROR_PREFIX = "\u26a0 "

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def plain(label: str) -> str:
    """A label without its ``&`` mnemonic marker, for accessible names."""
    return label.replace("&&", "\0").replace("&", "").replace("\0", "&")


def day_text(day: date) -> str:
    """``"12 Nov 2026"``: a day as the rest of the app shows it."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def session_period_label(session: SummaryPeriod | None) -> str:
    """What the "since the session" choice covers, said as the period it is."""
    if session is None:
        return SINCE_SESSION_NONE
    since = session.period.since
    assert since is not None and session.period.until is not None
    if session.basis is SummaryBasis.BEFORE_TODAY_SINCE_PREVIOUS:
        return SINCE_SESSION_BEFORE_TODAYS.format(day=day_text(since))
    if session.basis is SummaryBasis.BEFORE_TODAY_FIRST:
        days = (session.period.until - since).days
        return BEFORE_FIRST_SESSION.format(day=day_text(since), days=days)
    return SINCE_SESSION.format(day=day_text(since))


def charts_line(count: int) -> str:
    return CHARTS_COUNT.format(count=count) if count else CHARTS_NONE
