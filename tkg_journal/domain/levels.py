"""The five levels of the coaching hierarchy, bottom to top.

The order is part of the type: ``Level.FOUNDATION < Level.GROWTH`` and iterating
``Level`` yields the levels bottom-up, which is the order of every list, chart and
export in the app ("work from the bottom of the hierarchy up").
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum

from tkg_journal.domain.errors import ValidationError


@dataclass(frozen=True, slots=True)
class LevelInfo:
    """What a level is about and how a gap at that level shows up."""

    title: str
    focus: str
    description: str
    gap_signs: tuple[str, ...]
    colour: str  # "#rrggbb", the one colour of this level in every view, chart and export


class Level(IntEnum):
    """A level of the hierarchy; its value is its rank, 1 (bottom) to 5 (top)."""

    FOUNDATION = 1
    GROWTH = 2
    EMPOWERMENT = 3
    GUIDANCE = 4
    MASTERY = 5

    @property
    def info(self) -> LevelInfo:
        return _INFO[self]

    @property
    def title(self) -> str:
        return _INFO[self].title

    @property
    def focus(self) -> str:
        return _INFO[self].focus

    @property
    def colour(self) -> str:
        """The level's colour (``"#rrggbb"``), chosen to read on light and dark backgrounds."""
        return _INFO[self].colour

    @property
    def below(self) -> Level | None:
        """The level one step lower (where the root of a symptom often lies), if any."""
        return Level(self - 1) if self > Level.FOUNDATION else None

    def label(self) -> str:
        """``"2 Growth"``: rank and title, as lists and exports show a level."""
        return f"{int(self)} {self.title}"


_INFO: dict[Level, LevelInfo] = {
    Level.FOUNDATION: LevelInfo(
        "Foundation",
        "self-awareness, emotional intelligence",
        "Noticing what I feel and the impact I have before I act on it.",
        (
            "defensiveness",
            "reacting before noticing the feeling",
            "not seeing one's own impact",
        ),
        "#A0673F",
    ),
    Level.GROWTH: LevelInfo(
        "Growth",
        "communication, collaboration",
        "Saying the hard thing clearly and kindly, and working across the organisation.",
        (
            "avoiding difficult conversations",
            "blunt, careless or inconsistent messages",
            "can't influence peers",
        ),
        "#2E8B57",
    ),
    Level.EMPOWERMENT: LevelInfo(
        "Empowerment",
        "empathy, vulnerability",
        "Trusting the team, letting go of control and showing up as a person.",
        (
            "dismissiveness",
            "control",
            "doing it all instead of delegating and trusting the team",
        ),
        "#C98A16",
    ),
    Level.GUIDANCE: LevelInfo(
        "Guidance",
        "strategic thinking, vision",
        "Thinking beyond one's own function and setting a direction others can follow.",
        (
            "thinking only inside one's own function",
            "no direction the team can follow",
        ),
        "#3A74C0",
    ),
    Level.MASTERY: LevelInfo(
        "Mastery",
        "mastery, legacy",
        "Building other leaders and results that outlast me.",
        (
            "not building other leaders",
            "results that do not outlast the leader",
        ),
        "#8A5CC7",
    ),
}


def parse_level(text: str | int) -> Level:
    """Read a level given by name or rank, case-insensitively: ``"growth"``, ``"2"``, ``2``.

    Raises:
        ValidationError: the text names no level; the message lists the valid ones.
    """
    raw = str(text).strip()
    if raw.isascii() and raw.isdecimal() and 1 <= int(raw) <= len(Level):
        return Level(int(raw))
    for level in Level:
        if raw.casefold() == level.title.casefold():
            return level
    valid = ", ".join(f"{lvl.title.lower()} ({int(lvl)})" for lvl in Level)
    raise ValidationError("level", f"unknown level {raw!r}; use one of: {valid}")
