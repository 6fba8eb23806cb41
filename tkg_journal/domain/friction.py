"""The catalogue of friction behaviours, each mapped to the level where its root lies."""

from __future__ import annotations

from dataclasses import dataclass

from tkg_journal.domain.errors import ValidationError
from tkg_journal.domain.levels import Level
from tkg_journal.domain.text_rules import MAX_TITLE_CHARS, clean_text


@dataclass(frozen=True, slots=True)
class FrictionBehaviour:
    """A behaviour that creates friction ("defensiveness") and its root level."""

    name: str
    level: Level
    description: str = ""
    archived: bool = False
    id: int | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "name", clean_text("behaviour", self.name, limit=MAX_TITLE_CHARS))
        if not self.name:
            raise ValidationError("behaviour", "a friction behaviour needs a name")
        if not isinstance(self.level, Level):
            raise ValidationError("level", f"not a level: {self.level!r}")


def seed_catalogue() -> tuple[FrictionBehaviour, ...]:
    """The behaviours named in the coaching model, one per gap sign of each level."""
    return tuple(
        FrictionBehaviour(name=sign[0].upper() + sign[1:], level=level)
        for level in Level
        for sign in level.info.gap_signs
    )
