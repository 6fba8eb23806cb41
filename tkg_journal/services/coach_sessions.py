"""Coach sessions, the commitments made in them, and the action items that fall due.

The use cases behind ``tkg-journal session``, the action items of "Due and overdue" and
the "since the last session" period of the summary: one transaction per write, "today" from
the journal's clock, every refusal one of ``USER_ERRORS`` with a one-line message and the
journal left unchanged.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, timedelta

from tkg_journal.domain import coach_sessions as rules
from tkg_journal.domain.coach_sessions import (
    DEFAULT_SOON_DAYS,
    CoachSession,
    Commitment,
    CommitmentDue,
    OpenCommitment,
    SummaryPeriod,
)
from tkg_journal.domain.errors import DomainError, ValidationError
from tkg_journal.domain.progress import Period
from tkg_journal.services.experiments import ExperimentPrefill, clip_title
from tkg_journal.services.journal import Journal
from tkg_journal.storage import coach_session_repository as repository
from tkg_journal.storage import experiment_repository, reminder_repository
from tkg_journal.storage.errors import NotFound


class CoachSessions:
    """The coach sessions of an open journal (uses ``journal.db`` and ``journal.clock``)."""

    def __init__(self, journal: Journal) -> None:
        self._journal = journal
        self._db = journal.db

    def _today(self) -> date:
        return self._journal.clock().date()

    # sessions ---------------------------------------------------------------------
    def record(self, session: CoachSession) -> CoachSession:
        """Store a new session with its commitments; returns it with every id set."""
        if session.id is not None:
            raise DomainError(f"coach session {session.id} is already stored; update it instead")
        stored = [c.id for c in session.commitments if c.id is not None]
        if stored:
            raise DomainError(
                f"commitment {stored[0]} is already stored; a new session has new commitments"
            )
        self._check_session(session)
        with self._db.transaction():
            self._check_experiments(session.commitments)
            new_id = repository.insert(self._db, session=session)
            return repository.get(self._db, session_id=new_id)

    def update(self, session: CoachSession) -> CoachSession:
        """Replace the date, topics and notes; commitments with an id are updated, those
        without one added, and stored ones missing from ``session`` deleted."""
        if session.id is None:
            raise NotFound("this coach session was never stored; record it first")
        self._check_session(session)
        ids = [c.id for c in session.commitments if c.id is not None]
        repeated = next((i for i in ids if ids.count(i) > 1), None)
        if repeated is not None:
            raise ValidationError("commitment", f"commitment {repeated} is listed twice")
        with self._db.transaction():
            stored = repository.get(self._db, session_id=session.id)
            stored_ids = {c.id for c in stored.commitments}
            foreign = next((i for i in ids if i not in stored_ids), None)
            if foreign is not None:
                raise NotFound(f"coach session {session.id} has no commitment {foreign}")
            self._check_experiments(session.commitments)
            repository.update(self._db, session=session)
            repository.delete_commitments(
                self._db,
                commitment_ids=sorted(i for i in stored_ids - set(ids) if i is not None),
            )
            for commitment in session.commitments:
                if commitment.id is None:
                    repository.insert_commitment(
                        self._db, session_id=session.id, commitment=commitment
                    )
                else:
                    repository.update_commitment(self._db, commitment=commitment)
            return repository.get(self._db, session_id=session.id)

    def delete(self, session_id: int) -> None:
        """Delete a session with its commitments; experiments made from them stay."""
        with self._db.transaction():
            repository.delete(self._db, session_id=session_id)

    def get(self, session_id: int) -> CoachSession:
        return repository.get(self._db, session_id=session_id)

    def sessions(self) -> list[CoachSession]:
        """Every session with its commitments, newest first."""
        return repository.list_all(self._db, newest_first=True)

    def last_session(self) -> CoachSession | None:
        """The latest session held on or before today."""
        return repository.latest_on_or_before(self._db, day=self._today())

    def since_last_session(self) -> Period:
        """From the day of the last session (inclusive) to today.

        Raises:
            DomainError: no session is recorded yet.
        """
        last = self.last_session()
        return rules.since_last_session(last.held_on if last else None, today=self._today())

    def summary_period(self) -> SummaryPeriod:
        """The default period of a summary for the coach (see
        :func:`~tkg_journal.domain.coach_sessions.summary_period`): since the last
        session, or with one held today, the period before it.

        Raises:
            DomainError: no session is recorded yet.
        """
        today = self._today()
        days = [
            session.held_on
            for day in (today, today - timedelta(days=1))
            if (session := repository.latest_on_or_before(self._db, day=day)) is not None
        ]
        return rules.summary_period(days, today=today)

    # commitments ------------------------------------------------------------------
    def add_commitment(self, session_id: int, commitment: Commitment) -> Commitment:
        """Add a commitment to a stored session."""
        if commitment.id is not None:
            raise DomainError(f"commitment {commitment.id} is already stored")
        with self._db.transaction():
            session = repository.get(self._db, session_id=session_id)
            rules.check_commitment_due(commitment, held_on=session.held_on)
            self._check_experiments((commitment,))
            new_id = repository.insert_commitment(
                self._db, session_id=session_id, commitment=commitment
            )
            return repository.get_commitment(self._db, commitment_id=new_id)[0]

    def set_commitment_done(self, commitment_id: int, done: bool = True) -> Commitment:
        """Mark a commitment done (or, with ``done=False``, open again)."""
        with self._db.transaction():
            repository.set_done(self._db, commitment_id=commitment_id, done=done)
            return repository.get_commitment(self._db, commitment_id=commitment_id)[0]

    def open_commitments(self) -> list[OpenCommitment]:
        """Every commitment not done: by due date (none last), then id."""
        return repository.open_commitments(self._db)

    def due_commitments(
        self, *, soon_days: int = DEFAULT_SOON_DAYS, today: date | None = None
    ) -> list[CommitmentDue]:
        """The action items that need attention: overdue, due today, due within
        ``soon_days`` (commitments that became experiments are followed there)."""
        rules.check_soon_days(soon_days)
        return rules.due_commitments(
            self.open_commitments(), today=today or self._today(), soon_days=soon_days
        )

    def reminders_due(self, *, today: date | None = None) -> list[CommitmentDue]:
        """The action items to remind about: overdue or due today, and not yet reminded
        about today (due soon is for the list, not for a notification)."""
        day = today or self._today()
        done = reminder_repository.commitments_reminded_on(self._db, day=day)
        return [
            due
            for due in self.due_commitments(soon_days=0, today=day)
            if due.item.commitment.id not in done
        ]

    def mark_reminded(self, commitment_ids: Sequence[int], *, on: date | None = None) -> None:
        """Remember that these action items were reminded about on ``on`` (default today)."""
        ids = list(dict.fromkeys(commitment_ids))
        if not ids:
            return
        with self._db.transaction():
            for commitment_id in ids:
                if not repository.commitment_exists(self._db, commitment_id=commitment_id):
                    raise NotFound(f"there is no commitment {commitment_id}")
            reminder_repository.mark_commitments(
                self._db, commitment_ids=ids, day=on or self._today()
            )

    def experiment_prefill(self, commitment_id: int) -> ExperimentPrefill:
        """Starting values for an experiment made from a commitment; pass ``commitment_id``
        to ``Experiments.create`` to link the two."""
        commitment, _session_id = repository.get_commitment(self._db, commitment_id=commitment_id)
        return ExperimentPrefill(
            title=clip_title(commitment.text),
            level=None,
            trigger="",
            old_behaviour="",
            new_response=commitment.text,
            commitment_id=commitment_id,
        )

    # helpers ----------------------------------------------------------------------
    def _check_session(self, session: CoachSession) -> None:
        rules.check_held_on(session.held_on, today=self._today())
        for commitment in session.commitments:
            rules.check_commitment_due(commitment, held_on=session.held_on)

    def _check_experiments(self, commitments: Iterable[Commitment]) -> None:
        """Name a missing experiment plainly instead of a foreign-key failure."""
        for commitment in commitments:
            if commitment.experiment_id is not None and not experiment_repository.exists(
                self._db, experiment_id=commitment.experiment_id
            ):
                raise NotFound(
                    f"the commitment “{commitment.text}” names experiment "
                    f"{commitment.experiment_id}, which does not exist"
                )
