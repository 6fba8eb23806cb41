"""A name for a splitter's handle: without one, a screen reader meets a nameless "grip"
between the panes and cannot tell what it divides."""

from __future__ import annotations

from PySide6.QtWidgets import QSplitter

DIVIDER_NAME = "Divider between {between}"
DIVIDER_TIP = "Drag to give one side more room"


def name_divider(splitter: QSplitter, between: str) -> None:
    """Name the handles of ``splitter`` (call after its panes are added)."""
    for index in range(1, splitter.count()):
        handle = splitter.handle(index)
        handle.setAccessibleName(DIVIDER_NAME.format(between=between))
        handle.setToolTip(DIVIDER_TIP)
