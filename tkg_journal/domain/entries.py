"""Journal entries: the difficult conversations, feedback and reflections a leader writes."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from tkg_journal.domain.dates import check_moment
from tkg_journal.domain.errors import ValidationError
from tkg_journal.domain.levels import Level
from tkg_journal.domain.text_rules import (
    MAX_TITLE_CHARS,
    check_range,
    clean_tag,
    clean_text,
)


class EntryKind(StrEnum):
    """What an entry records; each kind has its own template in the editor."""

    CONVERSATION = "conversation"
    FEEDBACK = "feedback"
    REFLECTION = "reflection"
    COACH_NOTES = "coach-notes"
    FREE = "free"

    @property
    def label(self) -> str:
        """The kind as the user reads it: "Difficult conversation"."""
        return _KIND_TITLES[self]


_KIND_TITLES = {
    EntryKind.CONVERSATION: "Difficult conversation",
    EntryKind.FEEDBACK: "Feedback received",
    EntryKind.REFLECTION: "Reflection",
    EntryKind.COACH_NOTES: "Coach-session notes",
    EntryKind.FREE: "Free writing",
}


def parse_kind(text: str) -> EntryKind:
    """Read an entry kind by its value or title, case-insensitively (``conversation``,
    ``"feedback received"``, ``coach-notes``)."""
    raw = text.strip().casefold().replace("_", "-")
    for kind in EntryKind:
        if raw in (kind.value, kind.label.casefold(), kind.label.casefold().split()[0]):
            return kind
    valid = ", ".join(kind.value for kind in EntryKind)
    raise ValidationError("kind", f"unknown entry kind {text!r}; use one of: {valid}")


@dataclass(frozen=True, slots=True)
class ConversationFields:
    """The guided questions of a difficult conversation; every one is optional."""

    who: str = ""
    what_happened: str = ""
    feeling: str = ""
    intensity: int | None = None
    my_response: str = ""
    impact: str = ""
    try_next: str = ""

    def __post_init__(self) -> None:
        for name in ("who", "what_happened", "feeling", "my_response", "impact", "try_next"):
            object.__setattr__(self, name, clean_text(name.replace("_", " "), getattr(self, name)))
        check_range("intensity", self.intensity, 0, 10)

    def is_empty(self) -> bool:
        return (
            not any(
                (
                    self.who,
                    self.what_happened,
                    self.feeling,
                    self.my_response,
                    self.impact,
                    self.try_next,
                )
            )
            and self.intensity is None
        )

    def texts(self) -> tuple[str, ...]:
        """The written answers, in template order, for search and previews."""
        return (
            self.who,
            self.what_happened,
            self.feeling,
            self.my_response,
            self.impact,
            self.try_next,
        )


@dataclass(frozen=True, slots=True)
class FeedbackFields:
    """Who gave the feedback (a role is enough) and how it landed, -2 (harsh) .. +2."""

    source: str = ""
    sentiment: int | None = None

    def __post_init__(self) -> None:
        object.__setattr__(
            self, "source", clean_text("feedback source", self.source, limit=MAX_TITLE_CHARS)
        )
        check_range("sentiment", self.sentiment, -2, 2)


@dataclass(frozen=True, slots=True)
class Entry:
    """One journal entry. ``id`` is ``None`` until the entry is stored.

    Entries are private unless ``share_with_coach`` is set: only shared entries go into a
    coach-session export by default.
    """

    kind: EntryKind
    occurred_at: datetime
    title: str = ""
    body: str = ""
    level: Level | None = None
    tags: tuple[str, ...] = ()
    share_with_coach: bool = False
    conversation: ConversationFields = field(default_factory=ConversationFields)
    feedback: FeedbackFields = field(default_factory=FeedbackFields)
    id: int | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None

    def __post_init__(self) -> None:
        if self.occurred_at.tzinfo is None:
            raise ValidationError("occurred_at", "an entry's time must carry a time zone")
        check_moment("the entry's date", self.occurred_at)
        object.__setattr__(self, "title", clean_text("title", self.title, limit=MAX_TITLE_CHARS))
        object.__setattr__(self, "body", clean_text("text", self.body))
        object.__setattr__(self, "tags", tuple(dict.fromkeys(clean_tag(t) for t in self.tags)))
        if self.level is not None and not isinstance(self.level, Level):
            raise ValidationError("level", f"not a level: {self.level!r}")
        if not (self.title or self.body or not self.conversation.is_empty()):
            raise ValidationError(
                "text",
                "an entry needs a title, some text or an answer to one of the guided questions",
            )

    @property
    def display_title(self) -> str:
        """The title, or the first line of what was written when there is none."""
        if self.title:
            return self.title
        first = next((t for t in (self.body, *self.conversation.texts()) if t), "")
        line = first.splitlines()[0] if first else ""
        return line if len(line) <= 80 else line[:79] + "…"
