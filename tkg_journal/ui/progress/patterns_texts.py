"""User-facing text of Progress ▸ Patterns: the root hints, the people, the feelings and
what the journal shows when a person or a hint is picked."""

from __future__ import annotations

from collections.abc import Sequence

from tkg_journal.domain.patterns import FeelingGroupCount, PersonPattern, TrendDirection

TAB_CHARTS = "Charts"
TAB_PATTERNS = "Patterns"
TABS_ACCESSIBLE_NAME = "Charts or patterns"
PAGE_ACCESSIBLE_NAME = "Patterns"

# --- the overview line and the empty state -----------------------------------------------
OVERVIEW_CAPTION = "Patterns"
OVERVIEW = "{period}, {level}: {talks} and {feedback}."
EVERY_LEVEL = "every level"
AT_LEVEL = "at {level}"
ALL_TIME = "Over all time"
FROM_TO = "From {since} to {until}"
SINCE = "Since {since}"
FINDING = "Finding patterns…"
EMPTY = (
    "Patterns appear once you have written a few difficult conversations in this period, "
    "with who they were with and how strongly you felt (the guided questions of a "
    "difficult conversation), or feedback with who gave it. Try a longer range, or any level."
)
#: Said once, quietly, at the foot of the page.
PRIVATE_NOTE = "Computed on this computer from your encrypted journal; nothing leaves it."
FAILED = "The patterns could not be computed: {message}"

# --- root hints ---------------------------------------------------------------------------
HINTS_TITLE = "Where the root may be"
NO_HINTS = (
    "No root hint: the last months of this range hold too little friction, or no weaker "
    "level below where it shows."
)
HINT_ACCESSIBLE_NAME = "Root hint {number}"
HINT_FRICTION = "friction at"
HINT_ROOT = "root may be"
SHOW_HINT_ENTRIES = "Show the {count} entries"
SHOW_HINT_ENTRY = "Show the entry"
SHOW_HINT_TOOLTIP = "Show the newest conversations and feedback behind this hint in the journal"
HINT_ENTRIES_LABEL = "the {count} newest frictions at {level}"

# --- people -------------------------------------------------------------------------------
PEOPLE_TITLE = "People in difficult conversations and feedback"
PEOPLE_ACCESSIBLE_NAME = "People"
PEOPLE_HEADERS = (
    "Name",
    "Conversations",
    "Feedback",
    "Mostly at",
    "Mean intensity",
    "First \u2192 second half",
    "By month",
)
PEOPLE_TOOLTIPS = (
    "The name as written most often (case and a role in brackets do not count)",
    "Difficult conversations with them",
    "Feedback they gave",
    "The level most of their entries are at",
    "Mean intensity of the conversations (0 to 10)",
    "Mean intensity of the older half of the conversations, then the newer half",
    "Mean intensity of each month's conversations, oldest on the left",
)
SHOW_PERSON = "Sh&ow their entries"
SHOW_PERSON_NAME = "Show the chosen person's entries in the journal"
SHOW_PERSON_TOOLTIP = (
    "Show this person's conversations and feedback in the journal "
    "(or double-click the person, or press Enter)"
)
NO_PEOPLE = "Nobody is named in this range's difficult conversations or feedback yet."
NOT_SET = "\u2013"
HALVES = "{first:.1f} \u2192 {second:.1f}"
HALVES_MOVED = "{first:.1f} \u2192 {second:.1f} {direction}"
SPARKLINE_SPOKEN = "intensity by month: {values}"
SPARKLINE_NONE = "no rated conversations"
NO_VALUE = "none"
CALMER = TrendDirection.CALMER.value
MORE_INTENSE = TrendDirection.MORE_INTENSE.value

# --- feelings -----------------------------------------------------------------------------
FEELINGS_TITLE = "Feelings named"
FEELINGS_ACCESSIBLE_NAME = "Feelings named, by group"
FEELINGS_SENTENCE = "Feelings named in {talks}: {groups}."
FEELING_GROUP = "{group} {count} (mean intensity {mean})"
FEELING_GROUP_UNRATED = "{group} {count}"
OTHER_WORDS = " Other words: {words}."
NO_FEELINGS = "No feelings were named in this range's difficult conversations."
BAR_VALUE = "{count}"
BAR_VALUE_MEAN = "{count} · mean {mean}"

# --- the journal, narrowed ----------------------------------------------------------------
PERSON_ENTRIES = "{what} with {name}"


def many(count: int, one: str, more: str) -> str:
    return f"{count:,} {one if count == 1 else more}"


def person_entries(person: PersonPattern) -> str:
    """"42 conversations and 3 pieces of feedback with Sam": what the journal then shows."""
    parts = []
    if person.conversations:
        parts.append(many(person.conversations, "conversation", "conversations"))
    if person.feedback:
        parts.append(many(person.feedback, "piece of feedback", "pieces of feedback"))
    return PERSON_ENTRIES.format(what=" and ".join(parts), name=person.name)


def mean_text(value: float | None) -> str:
    return NOT_SET if value is None else f"{value:.1f}"


def halves_text(person: PersonPattern) -> str:
    trend = person.trend
    if trend.first_half is None or trend.second_half is None:
        return NOT_SET
    direction = trend.direction
    if direction is None or direction is TrendDirection.STEADY:
        return HALVES.format(first=trend.first_half, second=trend.second_half) + (
            " steady" if direction is TrendDirection.STEADY else ""
        )
    return HALVES_MOVED.format(
        first=trend.first_half, second=trend.second_half, direction=direction.value
    )


def sparkline_spoken(values: Sequence[float | None], direction: TrendDirection | None) -> str:
    """"intensity by month: 7, 7, 6, 4, 3; calmer": what the sparkline shows, in words."""
    if not any(v is not None for v in values):
        return SPARKLINE_NONE
    words = ", ".join(NO_VALUE if v is None else f"{v:.0f}" for v in values)
    text = SPARKLINE_SPOKEN.format(values=words)
    return f"{text}; {direction.value}" if direction is not None else text


def feelings_sentence(
    groups: Sequence[FeelingGroupCount], talks: int, other: Sequence[tuple[str, int]]
) -> str:
    """Every group named (most first) with its count and mean intensity: the bars' numbers."""
    named = sorted((g for g in groups if g.count), key=lambda g: -g.count)
    if not named:
        return NO_FEELINGS
    parts = [
        FEELING_GROUP.format(
            group=g.group.value, count=f"{g.count:,}", mean=mean_text(g.mean_intensity)
        )
        if g.mean_intensity is not None
        else FEELING_GROUP_UNRATED.format(group=g.group.value, count=f"{g.count:,}")
        for g in named
    ]
    text = FEELINGS_SENTENCE.format(
        talks=many(talks, "difficult conversation", "difficult conversations"),
        groups=", ".join(parts),
    )
    if other:
        text += OTHER_WORDS.format(words=", ".join(f"{word} {n:,}" for word, n in other))
    return text
