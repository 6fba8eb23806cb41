"""Fill a new, empty journal with realistic sample data (for trying the app and benchmarks)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, timedelta

from tkg_journal.domain.errors import DomainError
from tkg_journal.services import demo_data
from tkg_journal.services.journal import Journal
from tkg_journal.storage import (
    checkin_repository,
    coach_session_repository,
    entry_repository,
    experiment_repository,
)

MAX_DEMO_ENTRIES = 200_000


@dataclass(frozen=True, slots=True)
class DemoSummary:
    entries: int
    experiments: int
    attempts: int
    checkins: int
    sessions: int


def fill(journal: Journal, *, entries: int, seed: int) -> DemoSummary:
    """Write the sample journal in one transaction; refuses a journal that has content."""
    if not 0 <= entries <= MAX_DEMO_ENTRIES:
        raise DomainError(f"--entries must be between 0 and {MAX_DEMO_ENTRIES:,}")
    if not journal.is_empty():
        raise DomainError(
            "sample data only goes into a new, empty journal; this one "
            "already has entries (use another --data-dir)"
        )
    now = journal.clock()
    # The sample ends yesterday: entries get random times of day, and none may lie in the
    # future of someone trying the app in the morning.
    data = demo_data.generate(
        entries=entries, seed=seed, today=now.date() - timedelta(days=1), tz=now.tzinfo or UTC
    )
    attempts = 0
    experiment_ids: list[int] = []
    session_ids: list[int] = []
    with journal.db.transaction():
        entry_repository.insert_many(journal.db, entries=data.entries)
        for item in data.experiments:
            experiment_id = experiment_repository.insert(journal.db, experiment=item.experiment)
            experiment_ids.append(experiment_id)
            experiment_repository.insert_attempts(
                journal.db,
                attempts=[replace(a, experiment_id=experiment_id) for a in item.attempts],
            )
            attempts += len(item.attempts)
        checkin_repository.insert_many(journal.db, checkins=data.checkins)
        for session in data.sessions:
            session_ids.append(coach_session_repository.insert(journal.db, session=session))
        for link in data.links:  # a commitment that became an experiment
            stored = coach_session_repository.get(journal.db, session_id=session_ids[link.session])
            commitment_id = stored.commitments[link.commitment].id
            assert commitment_id is not None
            coach_session_repository.link_experiment(
                journal.db,
                commitment_id=commitment_id,
                experiment_id=experiment_ids[link.experiment],
            )
    return DemoSummary(
        len(data.entries), len(data.experiments), attempts, len(data.checkins), len(data.sessions)
    )
