"""The people of a sample journal, and the draws every part of the generator shares.

A journal's cast is dealt once from the names in ``people.toml``: direct reports (the team
turns over a little across the span), peers heading the other functions, the manager, three
board members and everybody else. The helpers below keep the whole journal on one story:
most of the work at the bottom of the hierarchy at first, moving slowly up.
"""

from __future__ import annotations

import random
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, tzinfo

from tkg_journal.domain.levels import Level
from tkg_journal.services.demo_text import People

#: The sample covers the 910 days that end at ``today``.
SPAN_DAYS = 910

# The story the patterns tell on first look (services/patterns.py): one direct report
# whose difficult conversations stay hot until an experiment about them starts (at
# ``STORY_START`` through the span) and calm down after it; one peer with whom friction
# persists whatever is tried; and, in ratings, a Foundation that dips in the last months
# while the friction with the peer shows at Growth.
STORY_START = 0.55
#: When the experiment with the peer starts (it changes nothing and is abandoned).
PEER_EXPERIMENT_START = 0.72
#: The share of difficult conversations with the direct report, and with the peer.
FOCUS_SHARE = 0.12
PEER_SHARE = 0.09
_LEVELS = tuple(Level)


@dataclass(frozen=True, slots=True)
class Person:
    name: str
    role: str


@dataclass(frozen=True, slots=True)
class Cast:
    """The recurring people of one journal."""

    reports: tuple[Person, ...]
    peers: tuple[Person, ...]
    manager: Person
    board: tuple[str, ...]
    others: tuple[str, ...]

    @property
    def focus(self) -> Person:
        """The direct report of the story: on the team for the whole span."""
        return self.reports[3]

    @property
    def rival(self) -> Person:
        """The peer of the story: the head of Finance (the budget fights), if there is one."""
        return next((p for p in self.peers if p.role == "Finance"), self.peers[0])

    def team_at(self, progress: float) -> tuple[Person, ...]:
        """The eight direct reports at ``progress`` (0 to 1) through the span."""
        first = min(3, int(progress * 4))
        return self.reports[first : first + 8]


def make_cast(rng: random.Random, people: People) -> Cast:
    names = rng.sample(people.first_names, len(people.first_names))
    roles = rng.sample(people.report_roles, len(people.report_roles))
    reports = tuple(Person(n, r) for n, r in zip(names, roles, strict=False))
    rest = names[len(reports) :]
    peers = tuple(Person(n, f) for n, f in zip(rest, people.peer_functions, strict=False))
    rest = rest[len(peers) :]
    manager = Person(rest[0], rng.choice(people.manager_roles))
    return Cast(reports, peers, manager, tuple(rest[1:4]), tuple(rest[4:]))


def level_at(rng: random.Random, progress: float) -> Level:
    """Most of the work is at the bottom of the hierarchy, moving slowly up over time."""
    weights = (
        0.36 - 0.12 * progress,
        0.30 - 0.04 * progress,
        0.16 + 0.06 * progress,
        0.11 + 0.05 * progress,
        0.07 + 0.05 * progress,
    )
    return rng.choices(_LEVELS, weights=weights)[0]


def clamp(value: float, low: int, high: int) -> int:
    return max(low, min(high, round(value)))


def local_time(day: date, hour: int, minute: int, tz: tzinfo) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=tz)


def capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def fill(templates: Iterable[str], ctx: dict[str, str]) -> str:
    """The templates, joined into one text, with the slots of ``ctx`` filled in."""
    return " ".join(templates).format_map(ctx)
