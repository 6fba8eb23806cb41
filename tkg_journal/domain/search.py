"""Read shapes for lists and search results (what a list row or a hit shows)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from tkg_journal.domain.entries import EntryKind
from tkg_journal.domain.levels import Level

MATCH_START = "\x02"
MATCH_END = "\x03"


def highlight(snippet: str, before: str, after: str) -> str:
    return snippet.replace(MATCH_START, before).replace(MATCH_END, after)


class HitType(StrEnum):
    ENTRY = "entry"
    EXPERIMENT = "experiment"
    ATTEMPT = "attempt"


@dataclass(frozen=True, slots=True)
class EntryFilter:
    """What a list or search is narrowed to; ``None`` means "any"."""

    since: datetime | None = None
    until: datetime | None = None  # exclusive
    levels: tuple[Level, ...] = ()
    kinds: tuple[EntryKind, ...] = ()
    tag: str | None = None
    shared_only: bool = False
    #: Only these entries (a person's conversations, a hint's evidence); ``None`` is any,
    #: and an empty tuple matches nothing.
    entry_ids: tuple[int, ...] | None = None


@dataclass(frozen=True, slots=True)
class EntrySummary:
    """One row of the entry list: enough to show it without loading the whole entry."""

    id: int
    occurred_at: datetime
    kind: EntryKind
    level: Level | None
    title: str
    first_line: str
    share_with_coach: bool
    #: The stored date could not be read (written by an older version or damaged): the
    #: row shows ``occurred_at`` as the nearest day the journal keeps, with a marker, until
    #: the entry is edited or ``tkg-journal check --repair`` fixes it.
    date_unreadable: bool = False


@dataclass(frozen=True, slots=True)
class SearchHit:
    """A ranked match. ``snippet`` wraps matched words in :data:`MATCH_START` and
    :data:`MATCH_END` (control characters no user text can contain); a presenter turns
    them into bold, brackets or HTML with :func:`highlight`.

    For an attempt, ``id`` is the attempt's and ``parent_id`` its experiment's.
    """

    type: HitType
    id: int
    parent_id: int | None
    occurred_at: datetime
    level: Level | None
    title: str
    snippet: str
    rank: float


@dataclass(frozen=True, slots=True)
class EntryHit:
    """An entry found by search: its list row plus the matched passage (marked as in
    :class:`SearchHit`)."""

    summary: EntrySummary
    snippet: str | None  # None: not made yet (see Journal.entry_snippet)
    rank: float
