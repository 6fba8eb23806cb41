"""What an open window held when the journal was locked or the app quit.

Locking closes every window that shows the journal (a dialog left on screen would show
private text to whoever walks by). What the user had typed in one of them is not lost:
it is kept in the journal, encrypted like every row, as a :class:`WindowDraft`, and
the window is opened again with it after unlocking.

A draft names the window (``window``: "attempt", "experiment", ...), how to open it
again (``context``: e.g. the experiment the attempt was for) and what its fields held
(``fields``: by field name, JSON values). The stored form is versioned JSON, documented
in docs/design.md; a newer version's unknown keys are kept, not dropped.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from tkg_journal.domain.errors import ValidationError

WINDOW_DRAFT_FORMAT = 1

#: A JSON value (what ``json`` reads and writes).
JsonValue = Any


@dataclass(frozen=True, slots=True)
class WindowDraft:
    """One window's unsaved input. ``fields`` and ``context`` hold JSON values only."""

    window: str
    context: Mapping[str, JsonValue] = field(default_factory=dict)
    fields: Mapping[str, JsonValue] = field(default_factory=dict)
    extra: Mapping[str, JsonValue] = field(default_factory=dict)  # a newer version's keys

    def __post_init__(self) -> None:
        if not self.window.strip():
            raise ValidationError("window", "a window draft must name its window")

    def to_json(self) -> str:
        data = {
            **self.extra,
            "format": WINDOW_DRAFT_FORMAT,
            "window": self.window,
            "context": dict(self.context),
            "fields": dict(self.fields),
        }
        return json.dumps(data, ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> WindowDraft:
        """Read a stored window draft.

        Raises:
            ValidationError: the text is not a window draft this version can read.
        """
        try:
            data = json.loads(text)
            if not isinstance(data, dict):
                raise TypeError("not an object")
            window, context, fields_ = data["window"], data["context"], data["fields"]
            if not (isinstance(window, str) and isinstance(context, dict)
                    and isinstance(fields_, dict)):
                raise TypeError("window, context or fields has the wrong type")
            known = {"format", "window", "context", "fields"}
            extra = {k: v for k, v in data.items() if k not in known}
            return cls(window=window, context=context, fields=fields_, extra=extra)
        except (ValueError, KeyError, TypeError) as error:
            raise ValidationError(
                "window draft", f"a stored window draft could not be read ({error})"
            ) from None
