"""The whole-journal JSON document (``tkg-journal export-all --format json``), written as it
is read: a header, then each section's records one at a time.

The format is described key by key in ``docs/export-format.md``; what is fixed here is
its name, its version, its sections and how Python values become JSON values (moments as
ISO 8601 with their offset, days as ``YYYY-MM-DD``, levels by name). Nothing builds the
document in memory: :class:`JsonDocumentWriter` writes each record to the file as it
comes, so a journal of any size is exported with the memory of one record.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import date, datetime
from enum import Enum
from typing import Any, BinaryIO

from tkg_journal.domain.levels import Level

#: What the ``format`` key holds: a reader refuses any other document.
FORMAT_NAME = "tkg-journal-export"
#: The version this app writes and reads. A change that old readers can ignore (a new
#: optional key) keeps it; anything else raises it, and a reader refuses a higher one.
FORMAT_VERSION = 1
#: The record lists, in the order they are written.
SECTIONS = (
    "entries",
    "experiments",
    "attempts",
    "friction_behaviours",
    "rating_checkins",
    "coach_sessions",
    "commitments",
)


def level_name(level: Level) -> str:
    """A level as the document writes it: ``"growth"``."""
    return level.name.lower()


def plain(value: Any) -> Any:
    """``value`` as JSON can hold it: moments and days as ISO 8601 text, levels by name,
    a dict of level scores keyed by level name."""
    if isinstance(value, Level):
        return level_name(value)
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, Mapping):
        return {plain(key): plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [plain(item) for item in value]
    return value


def _dumped(value: Any) -> bytes:
    # ensure_ascii=False: the document stays readable (and half the size) in any language.
    return json.dumps(plain(value), ensure_ascii=False).encode("utf-8")


class JsonDocumentWriter:
    """Writes one document to ``handle``: :meth:`begin`, then for each of :data:`SECTIONS`
    in order :meth:`section` and its :meth:`record` calls, then :meth:`end`."""

    def __init__(self, handle: BinaryIO) -> None:
        self._handle = handle
        self._first_section = True
        self._first_record = True

    def begin(self, header: Mapping[str, Any]) -> None:
        fields = {"format": FORMAT_NAME, "version": FORMAT_VERSION, **header}
        self._handle.write(b"{")
        self._handle.write(
            b",".join(
                b"\n  " + _dumped(key) + b": " + _dumped(value) for key, value in fields.items()
            )
        )

    def section(self, name: str) -> None:
        if not self._first_section:
            self._handle.write(b"\n  ]")
        self._first_section = False
        self._first_record = True
        self._handle.write(b",\n  " + _dumped(name) + b": [")

    def record(self, record: Mapping[str, Any]) -> None:
        self._handle.write(b"\n    " if self._first_record else b",\n    ")
        self._first_record = False
        self._handle.write(_dumped(record))

    def end(self) -> None:
        if not self._first_section:
            self._handle.write(b"\n  ]")
        self._handle.write(b"\n}\n")
