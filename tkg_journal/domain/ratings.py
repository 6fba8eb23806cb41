"""Periodic self-ratings of each level: the inside view of change."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from tkg_journal.domain.dates import check_day
from tkg_journal.domain.errors import ValidationError
from tkg_journal.domain.levels import Level
from tkg_journal.domain.text_rules import check_range, clean_text


@dataclass(frozen=True, slots=True)
class RatingCheckin:
    """A check-in on one day: a score 1-10 for some or all levels, plus a note.

    At most one check-in per day; rating again the same day replaces it.
    """

    rated_on: date
    scores: dict[Level, int]
    note: str = ""
    id: int | None = None

    def __post_init__(self) -> None:
        check_day("check-in date", self.rated_on)
        if not self.scores:
            raise ValidationError("scores", "a check-in rates at least one level")
        for level, score in self.scores.items():
            if not isinstance(level, Level):
                raise ValidationError("level", f"not a level: {level!r}")
            check_range(f"{level.title} rating", score, 1, 10)
        object.__setattr__(self, "note", clean_text("note", self.note))
