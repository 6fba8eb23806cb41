"""The coach sessions as a Qt list model, newest first, as the service orders them.

A leader has tens of sessions, not thousands: the model loads them all at once (with their
commitments, in one query in the service). Each row reads in two lines: the day, then the
first line of the topics and how many commitments are still open.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar, Final

from PySide6.QtCore import QObject, Qt

from tkg_journal.domain.coach_sessions import CoachSession
from tkg_journal.services.coach_sessions import CoachSessions
from tkg_journal.ui.coach import session_texts as texts
from tkg_journal.ui.common.row_list_model import AnyIndex, RowListModel

SessionRole: Final = Qt.ItemDataRole.UserRole + 1  # the row's CoachSession
SessionIdRole: Final = Qt.ItemDataRole.UserRole + 2  # its id
DayRole: Final = Qt.ItemDataRole.UserRole + 3  # "Tue 12 Nov 2026" (the first line)
TopicsRole: Final = Qt.ItemDataRole.UserRole + 4  # the topics' first line
CommitmentsRole: Final = Qt.ItemDataRole.UserRole + 5  # "2 of 3 commitments open"


def topics_line(session: CoachSession) -> str:
    """The first non-blank line of the topics (or of the notes when there are none)."""
    for text in (session.topics, session.notes):
        line = next((line.strip() for line in text.splitlines() if line.strip()), "")
        if line:
            return line
    return texts.NO_TOPICS


def commitments_line(session: CoachSession) -> str:
    return texts.commitments_open_text(session.open_commitments, len(session.commitments))


def detail_line(session: CoachSession) -> str:
    return topics_line(session) + texts.DOT + commitments_line(session)


class SessionListModel(RowListModel[CoachSession]):
    """Rows are :class:`CoachSession` values, newest first, in one column."""

    ROLE_NAMES: ClassVar[Mapping[int, bytes]] = {
        SessionRole: b"session",
        SessionIdRole: b"sessionId",
        DayRole: b"day",
        TopicsRole: b"topics",
        CommitmentsRole: b"commitments",
    }

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._service: CoachSessions | None = None

    def set_service(self, service: CoachSessions | None) -> None:
        """Show ``service``'s sessions; ``None`` (locking) empties the model."""
        self._service = service
        self.reload()

    def _fetch(self) -> list[CoachSession]:
        return list(self._service.sessions()) if self._service is not None else []

    def _row_id(self, row: CoachSession) -> int | None:
        return row.id

    # --- lookup ---------------------------------------------------------------------------
    def session(self, row: int) -> CoachSession:
        return self._rows[row]

    def sessions(self) -> list[CoachSession]:
        return list(self._rows)

    # --- QAbstractItemModel ---------------------------------------------------------------
    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        session = self._row_at(index)
        if session is None or index.column():
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{texts.weekday_text(session.held_on)}\n{detail_line(session)}"
        if role == DayRole:
            return texts.weekday_text(session.held_on)
        if role == TopicsRole:
            return topics_line(session)
        if role == CommitmentsRole:
            return commitments_line(session)
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            return f"{texts.weekday_text(session.held_on)}: {detail_line(session)}"
        if role == SessionRole:
            return session
        if role == SessionIdRole:
            return session.id
        return None
