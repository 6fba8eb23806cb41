"""Every word the entry editor and the tag field show to the user (the level picker's
own words are in ``ui/common/level_texts``: the experiment dialog shows the picker too).

Kept in one place so the wording of the guided templates can be read, reviewed and
changed together. An ``&`` in a label marks its Alt+letter mnemonic; the letters are
unique among the fields that are visible at the same time and avoid the menu bar's (F, E,
X, P, V, H) and quick capture's Save (S); tests/gui/test_mnemonics.py checks it.
"""

from __future__ import annotations

from dataclasses import dataclass

from tkg_journal.domain.entries import EntryKind

# --- top row -------------------------------------------------------------------------
KIND_LABEL = "&Kind"
OCCURRED_AT_LABEL = "&Date and time"
OCCURRED_AT_TOOLTIP = "When it happened (your local time)"
SHARE_LABEL = "Share with my &coach"
SHARE_TOOLTIP = (
    "Entries are private by default. Only entries shared with your coach go into the "
    "coach-session export."
)
TITLE_LABEL = "&Title"
# An entry whose stored date could not be read (see EntrySummary.date_unreadable): the
# list says so instead of showing the stand-in day; setting the date and saving fixes it.
UNREADABLE_DATE_STAMP = "Date unreadable"
UNREADABLE_DATE_SPOKEN = "date could not be read, set it in the editor"

# --- difficult conversation ----------------------------------------------------------
WHO_LABEL = "&Who"
WHO_PLACEHOLDER = "Name or role, e.g. Sam (product lead)"
WHAT_HAPPENED_LABEL = "Wh&at happened"
WHAT_HAPPENED_PLACEHOLDER = "The facts, as a camera would have recorded them"
FEELING_LABEL = "What &I felt"
FEELING_PLACEHOLDER = "e.g. frustrated, defensive, anxious"
INTENSITY_LABEL = "I&ntensity"
INTENSITY_NOT_RATED = "Not rated"
INTENSITY_SUFFIX = " / 10"
INTENSITY_TOOLTIP = (
    "How strong the feeling was: 0 (barely there) to 10 (the strongest you know). "
    "Leave it at “Not rated” if you would rather not say."
)
MY_RESPONSE_LABEL = "My &response"
MY_RESPONSE_PLACEHOLDER = "What I said and did"
IMPACT_LABEL = "I&mpact"
IMPACT_PLACEHOLDER = "On them, on me, on the work"
TRY_NEXT_LABEL = "What I'd tr&y next"
TRY_NEXT_PLACEHOLDER = "One thing I could do differently next time"

# --- feedback ------------------------------------------------------------------------
FEEDBACK_SOURCE_LABEL = "From wh&om"
FEEDBACK_SOURCE_PLACEHOLDER = "A role is enough, e.g. my manager, a peer in Finance"
SENTIMENT_LABEL = "Ho&w it landed"
_MINUS = "\u2212"  # a real minus sign: as wide as "+", unlike the hyphen
SENTIMENT_TOOLTIP = f"How the feedback came across, from harsh ({_MINUS}2) to very positive (+2)"
SENTIMENT_NOT_RATED = "Not rated"
#: (value, words) from harsh to very positive.
SENTIMENT_CHOICES: tuple[tuple[int, str], ...] = (
    (-2, f"{_MINUS}2  harsh"),
    (-1, f"{_MINUS}1  critical"),
    (0, "0  neutral"),
    (1, "+1  positive"),
    (2, "+2  very positive"),
)

# --- level and tags ------------------------------------------------------------------
LEVEL_LABEL = "&Level"
TAGS_LABEL = "Ta&gs"
TAGS_PLACEHOLDER = "Tags, separated by commas"

# --- accessible names (the labels without their mnemonic marker) ---------------------
EDITOR_ACCESSIBLE_NAME = "Entry editor"
SCROLL_ACCESSIBLE_NAME = "Entry form"


def plain(label: str) -> str:
    """A label without its ``&`` mnemonic marker, for accessible names."""
    return label.replace("&&", "\0").replace("&", "").replace("\0", "&")


@dataclass(frozen=True, slots=True)
class KindTexts:
    """What changes with the kind of entry: the prompts that make it a guided template."""

    hint: str
    title_placeholder: str
    body_label: str
    body_placeholder: str


KIND_TEXTS: dict[EntryKind, KindTexts] = {
    EntryKind.CONVERSATION: KindTexts(
        hint="Capture it now, in a minute; come back later to reflect. Every question is optional.",
        title_placeholder="In a few words, e.g. Roadmap pushback from Sam",
        body_label="N&otes",  # N is Intensity's here
        body_placeholder="Anything else: context, what to reflect on later, a question for "
        "my coach",
    ),
    EntryKind.FEEDBACK: KindTexts(
        hint="Feedback from others is how change shows from the outside. Write it down as "
        "close to their words as you can.",
        title_placeholder="In a few words, e.g. Skip-level feedback after the all-hands",
        body_label="What they &said",
        body_placeholder="Their words, as close as you remember them. What rings true? "
        "What would you like to ask?",
    ),
    EntryKind.REFLECTION: KindTexts(
        hint="Look for the pattern, and for the root rather than the symptom.",
        title_placeholder="In a few words, e.g. Week 12: when I take over",
        body_label="Reflectio&n",
        body_placeholder="What did I notice about how I lead this week? What pattern keeps "
        "showing up?",
    ),
    EntryKind.COACH_NOTES: KindTexts(
        hint="Commitments made in a session can become behaviour experiments.",
        title_placeholder="In a few words, e.g. Session with my coach, 4 March",
        body_label="Session &notes",
        body_placeholder="What did we talk about? What did I commit to, and by when? What "
        "do I want to bring next time?",
    ),
    EntryKind.FREE: KindTexts(
        hint="No template: write whatever is on your mind.",
        title_placeholder="A title, if you like",
        body_label="&Notes",
        body_placeholder="Whatever is on your mind",
    ),
}

# --- errors --------------------------------------------------------------------------
ERROR_PREFIX = "⚠ "
NOTHING_WRITTEN_FIELD = "text"
