"""Root hints: where friction clusters at a level while a level below it is weak, said in
the coaching model's terms ("fix the root, not the symptom") (no I/O).

The evidence is the most recent :data:`HINT_WINDOW_DAYS` days of the period asked about
(the whole period when it is shorter): hints are about where the work is now.

* A *friction* is a difficult conversation of intensity :data:`FRICTION_INTENSITY` or more,
  or feedback that landed badly (sentiment below 0), at a level.
* A level where :data:`MIN_EVIDENCE` frictions or more cluster (not Foundation: nothing
  lies below it) gets a hint when a lower level is weak, looking from the bottom up: its
  self-rating fell by :data:`RATING_DROP` points or more over the window, or its latest
  rating is :data:`LOW_RATING` or less, or it holds fewer than :data:`FEW_ENTRIES_SHARE`
  of the entries the friction level holds.
* At most :data:`MAX_HINTS` hints, one per root (where its friction shows most), the level
  with most friction first; none at all when the window holds fewer than
  :data:`MIN_EVIDENCE` frictions (thin evidence says nothing).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from tkg_journal.domain.levels import Level

HINT_WINDOW_DAYS = 91
FRICTION_INTENSITY = 6
MIN_EVIDENCE = 5
RATING_DROP = 2
LOW_RATING = 4
FEW_ENTRIES_SHARE = 0.25
MAX_HINTS = 3
#: How many supporting entries a hint lists (the newest); ``frictions`` counts them all.
MAX_SUPPORT = 10

# The sentences, in the coaching model's words.
MOST_FRICTION = "Most friction {window} shows at {level} ({focus})"
ALSO_FRICTION = "Friction {window} also clusters at {level} ({focus})"
RATING_FELL = "your {root} rating fell from {before} to {now}"
RATING_LOW = "you rate {root} {now} of 10"
FEW_ENTRIES = "you wrote {count} at {root} against {against} at {level}"
ROOT_MAY_BE = "the root may be {focus}"
IN_THE_LAST_DAYS = "in the last {days} days"
IN_THE_LAST_MONTH = "in the last month"
IN_THE_LAST_MONTHS = "in the last {months} months"
FROM_TO = "from {since} to {until}"


class HintReason(StrEnum):
    """Why the lower level looks weak."""

    RATING_FELL = "rating-fell"
    RATING_LOW = "rating-low"
    FEW_ENTRIES = "few-entries"


@dataclass(frozen=True, slots=True)
class RootHint:
    """One hint: the sentence, the levels, the reason, and the supporting frictions
    (``entry_ids``, newest first, at most :data:`MAX_SUPPORT` of ``frictions``)."""

    text: str
    friction_level: Level
    root_level: Level
    reason: HintReason
    frictions: int
    entry_ids: tuple[int, ...]
    rating_before: int | None = None
    rating_now: int | None = None
    root_entries: int | None = None


@dataclass(frozen=True, slots=True)
class HintEvidence:
    """What the hints are made from, over one window of local days.

    ``frictions`` are ``(entry id, level)``, newest first; ``entries`` counts every entry
    per level; ``ratings`` holds each level's self-ratings in day order.
    """

    since: date
    until: date
    today: date
    frictions: Sequence[tuple[int, Level]]
    entries: Mapping[Level, int]
    ratings: Mapping[Level, Sequence[int]]


def window_words(since: date, until: date, today: date) -> str:
    """How a sentence names the window: "in the last 3 months", "from 2026-01-05 to ..."."""
    if until < today:
        return FROM_TO.format(since=since.isoformat(), until=until.isoformat())
    days = (until - since).days + 1
    months = round(days / (365.2425 / 12))
    if days < 28 or months < 1:
        return IN_THE_LAST_DAYS.format(days=days)
    return IN_THE_LAST_MONTH if months == 1 else IN_THE_LAST_MONTHS.format(months=months)


def _first_focus(level: Level) -> str:
    """ "communication" of "communication, collaboration": the sentence names one."""
    return level.focus.split(",")[0].strip()


def _entries(count: int) -> str:
    return "nothing" if count == 0 else f"{count} entr{'y' if count == 1 else 'ies'}"


def _weakness(
    root: Level, level: Level, evidence: HintEvidence
) -> tuple[HintReason, str, dict[str, int | None]] | None:
    scores = evidence.ratings.get(root, ())
    if len(scores) >= 2 and scores[0] - scores[-1] >= RATING_DROP:
        return (
            HintReason.RATING_FELL,
            RATING_FELL.format(root=root.title, before=scores[0], now=scores[-1]),
            {"rating_before": scores[0], "rating_now": scores[-1]},
        )
    if scores and scores[-1] <= LOW_RATING:
        return (
            HintReason.RATING_LOW,
            RATING_LOW.format(root=root.title, now=scores[-1]),
            {"rating_now": scores[-1]},
        )
    here, below = evidence.entries.get(level, 0), evidence.entries.get(root, 0)
    if below < FEW_ENTRIES_SHARE * here:
        return (
            HintReason.FEW_ENTRIES,
            FEW_ENTRIES.format(
                count=_entries(below), root=root.title, against=_entries(here), level=level.title
            ),
            {"root_entries": below},
        )
    return None


def root_hints(evidence: HintEvidence, *, level: Level | None = None) -> tuple[RootHint, ...]:
    """The hints the evidence supports (see the module's docstring); with ``level``, only
    those whose friction or root is at that level."""
    if len(evidence.frictions) < MIN_EVIDENCE:
        return ()
    by_level: dict[Level, list[int]] = {}
    for entry_id, at in evidence.frictions:
        by_level.setdefault(at, []).append(entry_id)
    ranked = sorted(by_level, key=lambda lv: (-len(by_level[lv]), int(lv)))
    window = window_words(evidence.since, evidence.until, evidence.today)
    hints: list[RootHint] = []
    roots: set[Level] = set()
    for at in ranked:
        ids = by_level[at]
        if len(ids) < MIN_EVIDENCE or at is Level.FOUNDATION:
            continue
        for root in (lv for lv in Level if lv < at):
            weak = _weakness(root, at, evidence)
            if weak is None:
                continue
            if root in roots:  # one root, one hint: where its friction shows most
                break
            roots.add(root)
            reason, because, numbers = weak
            opening = MOST_FRICTION if at is ranked[0] else ALSO_FRICTION
            text = (
                opening.format(window=window, level=at.title, focus=_first_focus(at))
                + f"; {because}: "
                + ROOT_MAY_BE.format(focus=_first_focus(root))
                + "."
            )
            hint = RootHint(
                text=text,
                friction_level=at,
                root_level=root,
                reason=reason,
                frictions=len(ids),
                entry_ids=tuple(ids[:MAX_SUPPORT]),
                rating_before=numbers.get("rating_before"),
                rating_now=numbers.get("rating_now"),
                root_entries=numbers.get("root_entries"),
            )
            if level is None or level in (at, root):
                hints.append(hint)
            break
        if len(hints) == MAX_HINTS:
            break
    return tuple(hints)
