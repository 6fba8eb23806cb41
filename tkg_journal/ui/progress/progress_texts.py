"""User-facing text of the Progress section, the check-in dialog and the check-in prompt."""

from __future__ import annotations

from datetime import date

# --- the Progress section ---------------------------------------------------------------
SECTION_NAME = "Progress"
RANGE_LABEL = "&Range:"
RANGE_ACCESSIBLE_NAME = "Time range of the charts"
RANGE_CHOICES: tuple[tuple[str, int | None], ...] = (
    # (text, months; None = all time). "Custom…" is added after these.
    ("Last 3 months", 3),
    ("Last 6 months", 6),
    ("Last year", 12),
    ("All time", None),
)
RANGE_CUSTOM = "Custom…"
SINCE_ACCESSIBLE_NAME = "First day of the custom range"
UNTIL_ACCESSIBLE_NAME = "Last day of the custom range"
RANGE_DASH = "to"
LEVEL_LABEL = "&Level:"
LEVEL_ANY = "Any level"
LEVEL_ACCESSIBLE_NAME = "Show one level in the charts that are drawn per level"
LEVEL_TOOLTIP = (
    "Show one level in the charts that are drawn per level (activity, attempts, feedback) "
    "and in the patterns. The rating trend, the hierarchy and the calendar always show the "
    "whole picture."
)
RATE_BUTTON = "Ra&te my levels…"  # R is the range's
RATE_TOOLTIP = "Rate each level from 1 to 10: the inside view of your progress"
SAVE_BUTTON = "&Save chart as…"
SAVE_TOOLTIP = "Save one of the charts as a PNG picture or an SVG drawing"
SAVE_THIS_CHART = "Save this chart as…"
SAVE_DIALOG_TITLE = "Save the “{title}” chart"
SAVE_FILTERS = "PNG picture (*.png);;SVG drawing (*.svg)"
SAVE_PNG_FILTER = "PNG picture (*.png)"
SAVED = "Chart saved to {path}"
SAVE_FAILED_TITLE = "Chart not saved"
CHART_SAVE_NOTHING = "This chart is still being drawn; try again in a moment."
CHARTS_ACCESSIBLE_NAME = "Progress charts"
CHART_ACCESSIBLE_NAME = "{title} chart"
DRAWING = "Drawing…"
DRAWING_CHART = "Drawing “{title}”…"
CHART_FAILED = "This chart could not be drawn."
CHART_FAILED_DETAIL = "This chart could not be drawn: {message}"
CHECKIN_SAVED = "Levels rated for {day}"
HOVER_VALUE = "{series}: {value}"
HOVER_AT = "{series} · {when}: {value}"
HOVER_WEEK = "week of {day}"
NO_LEVEL = "No level"
# "Show as table": a toggle under each chart. Six in one window need six Alt letters,
# none of the section's (R, L, T, S) or the menu bar's (F, E, X, P, V, H).
TABLE_TOGGLES = {
    "activity": "Table of &activity",
    "ratings": "Table of rati&ngs",
    "attempts": "Table of atte&mpts",
    "feedback": "Table of feed&back",
    "hierarchy": "Table of hierarch&y",
    "calendar": "Table of &days",
}
TABLE_TOGGLE_FALLBACK = "Show as table"
TABLE_TOGGLE_NAME = "Show {title} as a table"


def table_toggle_name(title: str) -> str:
    """"Show the hierarchy as a table": a title's leading article reads lower-case
    mid-sentence."""
    if title.startswith("The "):
        title = "the " + title[4:]
    return TABLE_TOGGLE_NAME.format(title=title)

TABLE_TOGGLE_TOOLTIP = (
    "Show the numbers this chart is drawn from as a table: click a column title to sort, "
    "Ctrl+C copies the selected cells"
)
TABLE_ACCESSIBLE_NAME = "{title} table"
CHART_FOCUS_HINT = "Arrow keys move through the points, Home and End go to the first and last"
POINT_ACCESSIBLE_NAME = "{point}, {title} chart"
CALENDAR_POINT = "{day}: {entries}"
NO_ENTRIES = "no entries"


def saved_status(path: str) -> str:
    return SAVED.format(path=path)


def day_text(day: date) -> str:
    """ "Tue 3 Mar 2026": unambiguous in every locale's reading of numbers."""
    return f"{day:%a} {day.day} {day:%b %Y}"


# --- the check-in dialog -----------------------------------------------------------------
CHECKIN_TITLE = "Rate my levels"
CHECKIN_INTRO = (
    "How strong is each level for you right now? 1 is “a gap that shows every day”, "
    "10 is “solid, even under pressure”. Rate honestly: it is the trend that counts."
)
CHECKIN_ALREADY_TODAY = "You rated today already; saving replaces it."
CHECKIN_LAST_TIME = "last time {score}"
CHECKIN_NOTE_LABEL = "&Note (optional):"
CHECKIN_NOTE_PLACEHOLDER = "What stands behind these numbers this week?"
CHECKIN_NOTE_ACCESSIBLE_NAME = "Note on this check-in"
CHECKIN_SLIDER_ACCESSIBLE_NAME = "Rating of {level}, 1 to 10"
CHECKIN_VALUE_ACCESSIBLE_NAME = "Rating of {level}"
CHECKIN_SAVE = "&Save rating"
CHECKIN_SAVE_TOOLTIP = "Save the rating (Ctrl+Return)"
CHECKIN_SCALE_LOW = "1 · a gap"
CHECKIN_SCALE_HIGH = "solid · 10"

# --- the weekly prompt -------------------------------------------------------------------
# A line of the window's attention bar, beside its Rate button (no Alt letter: see
# ui/common/attention_banner; Ctrl+Shift+R rates from anywhere).
PROMPT_NEVER = "Rate your five levels once a week and the Progress section shows how they change."
PROMPT_AGAIN = (
    "Your last rating of the levels was {days} days ago: a quick check-in keeps the trend honest."
)
PROMPT_RATE = "Rate"
PROMPT_RATE_NAME = "Rate my levels now"


def prompt_text(days_since_last: int | None) -> str:
    if days_since_last is None:
        return PROMPT_NEVER
    return PROMPT_AGAIN.format(days=days_since_last)
