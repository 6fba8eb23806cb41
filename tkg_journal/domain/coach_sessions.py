"""Coach sessions: when they were held, what was discussed, and what was committed to."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from tkg_journal.domain.errors import ValidationError
from tkg_journal.domain.text_rules import MAX_TITLE_CHARS, clean_text


@dataclass(frozen=True, slots=True)
class Commitment:
    """Something the leader committed to in a session; may become an experiment."""

    text: str
    due_date: date | None = None
    done: bool = False
    experiment_id: int | None = None
    id: int | None = None

    def __post_init__(self) -> None:
        object.__setattr__(
            self, "text", clean_text("commitment", self.text, limit=MAX_TITLE_CHARS * 3)
        )
        if not self.text:
            raise ValidationError("commitment", "a commitment cannot be empty")


@dataclass(frozen=True, slots=True)
class CoachSession:
    held_on: date
    topics: str = ""
    notes: str = ""
    commitments: tuple[Commitment, ...] = ()
    id: int | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "topics", clean_text("topics", self.topics))
        object.__setattr__(self, "notes", clean_text("notes", self.notes))
