"""Drafts: what the editor holds before it is a valid, saved entry.

An :class:`~tkg_journal.domain.entries.Entry` is always valid; what a person is typing is
not (yet). A draft keeps the editor's state as it is, so it can be stored (encrypted, in
the journal) every few seconds and offered back after a crash, and turned into an entry
with :meth:`EntryDraft.to_entry` when it is saved.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, fields
from datetime import datetime
from typing import Any

from tkg_journal.domain.entries import ConversationFields, Entry, EntryKind, FeedbackFields
from tkg_journal.domain.errors import ValidationError
from tkg_journal.domain.levels import Level

DRAFT_FORMAT = 1


@dataclass(frozen=True, slots=True)
class EntryDraft:
    """The editor's content, unvalidated. ``entry_id`` is set when editing a stored entry."""

    kind: EntryKind
    occurred_at: datetime
    entry_id: int | None = None
    title: str = ""
    body: str = ""
    level: Level | None = None
    tags: tuple[str, ...] = ()
    share_with_coach: bool = False
    who: str = ""
    what_happened: str = ""
    feeling: str = ""
    intensity: int | None = None
    my_response: str = ""
    impact: str = ""
    try_next: str = ""
    feedback_source: str = ""
    sentiment: int | None = None
    extra: dict[str, Any] = field(default_factory=dict)  # room for later editor fields

    @classmethod
    def from_entry(cls, entry: Entry) -> EntryDraft:
        c, f = entry.conversation, entry.feedback
        return cls(
            kind=entry.kind,
            occurred_at=entry.occurred_at,
            entry_id=entry.id,
            title=entry.title,
            body=entry.body,
            level=entry.level,
            tags=entry.tags,
            share_with_coach=entry.share_with_coach,
            who=c.who,
            what_happened=c.what_happened,
            feeling=c.feeling,
            intensity=c.intensity,
            my_response=c.my_response,
            impact=c.impact,
            try_next=c.try_next,
            feedback_source=f.source,
            sentiment=f.sentiment,
        )

    def to_entry(self) -> Entry:
        """The entry this draft describes.

        Raises:
            ValidationError: the draft is not a valid entry yet (e.g. nothing written).
        """
        return Entry(
            id=self.entry_id,
            kind=self.kind,
            occurred_at=self.occurred_at,
            title=self.title,
            body=self.body,
            level=self.level,
            tags=self.tags,
            share_with_coach=self.share_with_coach,
            conversation=ConversationFields(
                who=self.who,
                what_happened=self.what_happened,
                feeling=self.feeling,
                intensity=self.intensity,
                my_response=self.my_response,
                impact=self.impact,
                try_next=self.try_next,
            ),
            feedback=FeedbackFields(source=self.feedback_source, sentiment=self.sentiment),
        )

    def has_writing(self) -> bool:
        """Whether anything was written (an empty new draft is not worth keeping)."""
        texts = (
            self.title,
            self.body,
            self.who,
            self.what_happened,
            self.feeling,
            self.my_response,
            self.impact,
            self.try_next,
            self.feedback_source,
        )
        return any(t.strip() for t in texts) or bool(self.tags)

    def to_json(self) -> str:
        data = asdict(self)
        data["format"] = DRAFT_FORMAT
        data["kind"] = self.kind.value
        data["occurred_at"] = self.occurred_at.isoformat()
        data["level"] = int(self.level) if self.level is not None else None
        data["tags"] = list(self.tags)
        return json.dumps(data, ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> EntryDraft:
        """Read a stored draft; unknown keys from a newer version are kept in ``extra``.

        Raises:
            ValidationError: the text is not a draft this version can read.
        """
        try:
            data = json.loads(text)
            known = {f.name for f in fields(cls)}
            values = {k: v for k, v in data.items() if k in known}
            extra = {k: v for k, v in data.items() if k not in known and k != "format"}
            values["kind"] = EntryKind(values["kind"])
            values["occurred_at"] = datetime.fromisoformat(values["occurred_at"])
            values["level"] = Level(values["level"]) if values.get("level") else None
            values["tags"] = tuple(values.get("tags") or ())
            values["extra"] = {**values.get("extra", {}), **extra}
            return cls(**values)
        except (ValueError, KeyError, TypeError, AttributeError) as error:
            raise ValidationError("draft", f"a stored draft could not be read ({error})") from None
