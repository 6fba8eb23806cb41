"""Behaviour experiments, their attempts, accountability and the friction catalogue.

The use cases behind the Experiments section and ``tkg-journal experiment``: one
transaction per write, the lifecycle rules from :mod:`tkg_journal.domain.experiments`,
"today" from the journal's clock. Every refusal raises one of ``USER_ERRORS`` with a
one-line message and leaves the journal unchanged.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

from tkg_journal.domain import experiment_sentence as sentence
from tkg_journal.domain import experiments as lifecycle
from tkg_journal.domain.accountability import (
    DEFAULT_QUIET_DAYS,
    DueItem,
    check_quiet_days,
    due_items,
)
from tkg_journal.domain.entries import Entry, EntryKind
from tkg_journal.domain.errors import DomainError, TransitionError, ValidationError
from tkg_journal.domain.experiments import Attempt, DidIt, Experiment, ExperimentStatus
from tkg_journal.domain.friction import FrictionBehaviour
from tkg_journal.domain.levels import Level
from tkg_journal.domain.text_rules import MAX_TITLE_CHARS
from tkg_journal.services.journal import Journal
from tkg_journal.storage import (
    coach_session_repository,
    entry_repository,
    experiment_repository,
    friction_repository,
    reminder_repository,
    search_repository,
)
from tkg_journal.storage.errors import NotFound

#: How many of the latest outcomes a list row carries for its little trend.
RECENT_OUTCOMES = 10
#: A clock a few minutes off should not refuse "now"; a typo'd day in the future should be.
FUTURE_TOLERANCE = timedelta(minutes=5)


@dataclass(frozen=True, slots=True)
class ExperimentSummary:
    """One row of a list of experiments."""

    experiment: Experiment
    attempts: int
    last_attempt_at: datetime | None
    mean_outcome: float | None  # over attempts with an outcome
    recent_outcomes: tuple[int | None, ...]  # the last 10 attempts' outcomes, oldest first


@dataclass(frozen=True, slots=True)
class ExperimentPrefill:
    """ "Turn this entry (or this commitment) into an experiment": unvalidated starting
    values for the form, and where they came from (give ``commitment_id`` back to
    :meth:`Experiments.create` to link the commitment to the new experiment). A part
    the source cannot tell, such as the old behaviour, is empty for the leader to write."""

    title: str
    level: Level | None
    trigger: str
    old_behaviour: str
    new_response: str
    source_entry_id: int | None = None
    commitment_id: int | None = None


def _first_line(text: str) -> str:
    return next((line.strip() for line in text.splitlines() if line.strip()), "")


def prefill_parts(entry: Entry) -> tuple[str, str, str]:
    """(trigger, old behaviour, new response) of an experiment made from ``entry``, each
    one clause that reads after "When", "instead of" and "I will".

    - The trigger is the first sentence of what happened: the event itself; the sentences
      after it are background, which stays in the entry the experiment links to. An entry
      of another kind tells what happened in its text; without either, the title.
    - The old behaviour is left empty, for the leader to write; the form asks for it.
      "My response" is what the leader did, which is as often the good response as the
      one to change (more so as the coaching works), and no field of an entry says which
      it was: intensity measures the feeling, not the response, and the impact is free
      text. Put after "instead of", a good response makes the experiment say the opposite
      of what was meant, and "instead of I interrupted him" is not English either.
    - The new response is the whole of "what I'd try next", every step of it, its
      sentences joined by "; ".

    Capitals are lowered where they only started a sentence; names keep theirs.
    """
    fields = entry.conversation
    texts = (entry.title, entry.body, *fields.texts())
    names = sentence.written_with_capitals(*texts)
    # A conversation's text is an afterthought ("worth bringing to the coach"); in the
    # other kinds it is what happened, told in the leader's words.
    told = "" if entry.kind is EntryKind.CONVERSATION else entry.body
    event = (
        sentence.first_sentence(fields.what_happened or told)
        or entry.title
        or sentence.first_sentence(entry.body)
    )
    return (
        sentence.shape_part(event, sentence.Part.TRIGGER, names=names),
        "",
        sentence.shape_part(fields.try_next, sentence.Part.NEW, names=names),
    )


def clip_title(text: str) -> str:
    """One line, at most a title's length (an ellipsis says it was cut)."""
    text = " ".join(text.split())
    return text if len(text) <= MAX_TITLE_CHARS else text[: MAX_TITLE_CHARS - 1] + "…"


class Experiments:
    """The experiments of an open journal (uses ``journal.db`` and ``journal.clock``)."""

    def __init__(self, journal: Journal) -> None:
        self._journal = journal
        self._db = journal.db

    def _today(self) -> date:
        return self._journal.clock().date()

    # lifecycle --------------------------------------------------------------------
    def create(self, experiment: Experiment, *, commitment_id: int | None = None) -> Experiment:
        """Store a new experiment, planned or active (an active one starts today unless it
        has a start date). With ``commitment_id``, the coach-session commitment it is made
        from points at it afterwards, in the same transaction (a commitment becomes at most
        one experiment)."""
        if experiment.id is not None:
            raise DomainError(f"experiment {experiment.id} is already stored; update it instead")
        if not experiment.status.is_open:
            raise TransitionError(
                f"a new experiment is planned or active, not {experiment.status.value}"
            )
        # Dates in the past are allowed here: a leader may record an experiment already
        # under way. Only start() insists on a due date still ahead.
        if experiment.status is ExperimentStatus.ACTIVE and experiment.start_date is None:
            experiment = replace(experiment, start_date=self._today())
        with self._db.transaction():
            self._check_links(experiment)
            if commitment_id is not None:
                self._check_commitment_free(commitment_id)
            new_id = experiment_repository.insert(self._db, experiment=experiment)
            if commitment_id is not None:
                coach_session_repository.link_experiment(
                    self._db, commitment_id=commitment_id, experiment_id=new_id
                )
            return experiment_repository.get(self._db, experiment_id=new_id)

    def update(self, experiment: Experiment) -> Experiment:
        """Save edited fields; the status and the creation time stay as stored."""
        if experiment.id is None:
            raise NotFound("this experiment was never stored; create it first")
        with self._db.transaction():
            stored = experiment_repository.get(self._db, experiment_id=experiment.id)
            edited = replace(experiment, status=stored.status, created_at=stored.created_at)
            if stored.status is ExperimentStatus.COMPLETED and not edited.learning:
                raise ValidationError("learning", "a completed experiment keeps what was learned")
            if stored.status is ExperimentStatus.ABANDONED and not edited.abandon_reason:
                raise ValidationError("reason", "an abandoned experiment keeps why it was dropped")
            self._check_links(edited)
            experiment_repository.update(self._db, experiment=edited)
            return experiment_repository.get(self._db, experiment_id=experiment.id)

    def start(
        self, experiment_id: int, *, on: date | None = None, due: date | None = None
    ) -> Experiment:
        """planned -> active. A due date that has already passed must be replaced: the
        refusal says so, and ``due`` sets the new one in the same transaction."""
        today = self._today()
        with self._db.transaction():
            stored = experiment_repository.get(self._db, experiment_id=experiment_id)
            # The due date is set aside while the transition is checked, so a passed one
            # is reported as such (not as "due before start" once the start is today).
            started = lifecycle.start(replace(stored, due_date=None), on=on or today)
            if due is not None:
                self._refuse_past_due(due)
            elif stored.due_date is not None and stored.due_date < today:
                raise ValidationError(
                    "due",
                    f"experiment {experiment_id} was due on {stored.due_date.isoformat()}, "
                    "which has passed: give it a new due date to start it",
                )
            new_due = due or stored.due_date
            if new_due is not None:
                started = self._with_due(started, new_due)
            experiment_repository.update(self._db, experiment=started)
            return experiment_repository.get(self._db, experiment_id=experiment_id)

    def complete(
        self, experiment_id: int, *, learning: str, belief_after: int | None
    ) -> Experiment:
        """active -> completed, with what was learned (required) and the belief re-rated."""
        with self._db.transaction():
            stored = experiment_repository.get(self._db, experiment_id=experiment_id)
            done = lifecycle.complete(
                stored, learning=learning, belief_after=belief_after, on=self._today()
            )
            experiment_repository.update(self._db, experiment=done)
            return experiment_repository.get(self._db, experiment_id=experiment_id)

    def abandon(self, experiment_id: int, *, reason: str) -> Experiment:
        """planned | active -> abandoned, with the reason (required)."""
        with self._db.transaction():
            stored = experiment_repository.get(self._db, experiment_id=experiment_id)
            dropped = lifecycle.abandon(stored, reason=reason, on=self._today())
            experiment_repository.update(self._db, experiment=dropped)
            return experiment_repository.get(self._db, experiment_id=experiment_id)

    def reopen(self, experiment_id: int) -> Experiment:
        """completed | abandoned -> active again (explicitly); what was written stays."""
        with self._db.transaction():
            stored = experiment_repository.get(self._db, experiment_id=experiment_id)
            experiment_repository.update(self._db, experiment=lifecycle.reopen(stored))
            return experiment_repository.get(self._db, experiment_id=experiment_id)

    def delete(self, experiment_id: int) -> None:
        """Delete an experiment with its attempts."""
        with self._db.transaction():
            experiment_repository.delete(self._db, experiment_id=experiment_id)

    # attempts ---------------------------------------------------------------------
    def log_attempt(
        self,
        experiment_id: int,
        *,
        did_it: DidIt,
        outcome: int | None = None,
        situation: str = "",
        note: str = "",
        when: datetime | None = None,
    ) -> Attempt:
        """Record one real situation on an active experiment (``when`` defaults to now)."""
        now = self._journal.clock()
        moment = when or now
        if moment.tzinfo is not None and moment > now + FUTURE_TOLERANCE:
            raise ValidationError("when", "an attempt cannot be logged in the future")
        with self._db.transaction():
            stored = experiment_repository.get(self._db, experiment_id=experiment_id)
            lifecycle.can_log_attempt(stored)
            attempt = Attempt(
                experiment_id=experiment_id,
                occurred_at=moment,
                did_it=did_it if isinstance(did_it, DidIt) else lifecycle.parse_did_it(str(did_it)),
                outcome=outcome,
                situation=situation,
                note=note,
            )
            attempt_id = experiment_repository.insert_attempt(self._db, attempt=attempt)
        return replace(attempt, id=attempt_id)

    def attempts(self, experiment_id: int) -> list[Attempt]:
        """Every attempt on the experiment, oldest first."""
        if not experiment_repository.exists(self._db, experiment_id=experiment_id):
            raise NotFound(f"there is no experiment {experiment_id}")
        return experiment_repository.attempts_for(self._db, experiment_id=experiment_id)

    # reading ----------------------------------------------------------------------
    def get(self, experiment_id: int) -> Experiment:
        return experiment_repository.get(self._db, experiment_id=experiment_id)

    def summaries(
        self,
        *,
        status: ExperimentStatus | None = None,
        level: Level | None = None,
        text: str = "",
    ) -> list[ExperimentSummary]:
        """List rows: open ones first (active, then planned), then closed; newest first
        within each. ``text`` searches the experiments and their attempts (a hit in an
        attempt lists its experiment); text without a word matches nothing."""
        query = None
        if text.strip():
            query = search_repository.fts_query(text)
            if query is None:
                return []
        rows = experiment_repository.summaries(
            self._db, status=status, level=level, fts_query=query
        )
        recent = experiment_repository.recent_outcomes(
            self._db,
            experiment_ids=[r.experiment.id for r in rows if r.attempts and r.experiment.id],
            per_experiment=RECENT_OUTCOMES,
        )
        return [
            ExperimentSummary(
                experiment=r.experiment,
                attempts=r.attempts,
                last_attempt_at=r.last_attempt_at,
                mean_outcome=r.mean_outcome,
                recent_outcomes=recent.get(r.experiment.id or 0, ()),
            )
            for r in rows
        ]

    def from_entry(self, entry_id: int) -> list[Experiment]:
        """The experiments made from journal entry ``entry_id``, oldest first."""
        return experiment_repository.from_entry(self._db, entry_id=entry_id)

    def active(self) -> list[Experiment]:
        """The experiments an attempt can be logged on, newest first."""
        return experiment_repository.list_all(self._db, statuses=(ExperimentStatus.ACTIVE,))

    def prefill_from_entry(self, entry_id: int) -> ExperimentPrefill:
        """Starting values for an experiment made from a journal entry, each part shaped
        to read in the experiment's sentence (see :func:`prefill_parts`)."""
        entry = entry_repository.get(self._db, entry_id=entry_id)
        fields = entry.conversation
        if entry.title:
            title = entry.title
        elif fields.who:
            title = f"Experiment: {fields.who}"
        else:
            title = f"Experiment: {_first_line(entry.body) or entry.kind.label}"
        trigger, old, new = prefill_parts(entry)
        return ExperimentPrefill(
            title=clip_title(title),
            level=entry.level,
            trigger=trigger,
            old_behaviour=old,
            new_response=new,
            source_entry_id=entry_id,
        )

    # accountability ---------------------------------------------------------------
    def due(
        self, *, today: date | None = None, quiet_days: int = DEFAULT_QUIET_DAYS
    ) -> list[DueItem]:
        """Active experiments past due, then those quiet for ``quiet_days`` or more."""
        check_quiet_days(quiet_days)
        zone = self._journal.clock().tzinfo
        rows = experiment_repository.active_with_last_attempt(self._db)
        return due_items(
            [(e, last.astimezone(zone).date() if last else None) for e, last in rows],
            today=today or self._today(),
            quiet_days=quiet_days,
        )

    def reminders_due(
        self, *, today: date | None = None, quiet_days: int = DEFAULT_QUIET_DAYS
    ) -> list[DueItem]:
        """:meth:`due` without the experiments already reminded about today."""
        day = today or self._today()
        done = reminder_repository.reminded_on(self._db, day=day)
        return [
            item
            for item in self.due(today=day, quiet_days=quiet_days)
            if item.experiment.id not in done
        ]

    def mark_reminded(self, experiment_ids: Sequence[int], *, on: date | None = None) -> None:
        """Remember that these experiments were reminded about on ``on`` (default today)."""
        ids = list(dict.fromkeys(experiment_ids))
        if not ids:
            return
        with self._db.transaction():
            for experiment_id in ids:
                if not experiment_repository.exists(self._db, experiment_id=experiment_id):
                    raise NotFound(f"there is no experiment {experiment_id}")
            reminder_repository.mark(self._db, experiment_ids=ids, day=on or self._today())

    # friction catalogue -----------------------------------------------------------
    def behaviours(self, *, include_archived: bool = False) -> list[FrictionBehaviour]:
        """The catalogue, ordered by level (bottom up), then name."""
        return friction_repository.list_all(self._db, include_archived=include_archived)

    def behaviour_named(self, name: str) -> FrictionBehaviour:
        """The catalogue's behaviour called ``name`` (any case), archived ones included."""
        found = friction_repository.id_named(self._db, name=name.strip())
        if found is None:
            raise NotFound(f"there is no friction behaviour named {name.strip()!r}")
        return friction_repository.get(self._db, behaviour_id=found)

    def add_behaviour(self, name: str, level: Level, description: str = "") -> FrictionBehaviour:
        behaviour = FrictionBehaviour(name=name, level=level, description=description)
        with self._db.transaction():
            self._refuse_taken_name(behaviour.name, behaviour_id=None)
            new_id = friction_repository.insert(self._db, behaviour=behaviour)
            return friction_repository.get(self._db, behaviour_id=new_id)

    def rename_behaviour(self, behaviour_id: int, name: str) -> FrictionBehaviour:
        return self._change_behaviour(behaviour_id, name=name)

    def remap_behaviour(self, behaviour_id: int, level: Level) -> FrictionBehaviour:
        return self._change_behaviour(behaviour_id, level=level)

    def archive_behaviour(self, behaviour_id: int, *, archived: bool = True) -> FrictionBehaviour:
        """Archived behaviours leave the pickers; experiments linked to them keep the link."""
        return self._change_behaviour(behaviour_id, archived=archived)

    # helpers ----------------------------------------------------------------------
    def _change_behaviour(self, behaviour_id: int, **changes: object) -> FrictionBehaviour:
        with self._db.transaction():
            stored = friction_repository.get(self._db, behaviour_id=behaviour_id)
            changed = replace(stored, **changes)  # type: ignore[arg-type]
            if "name" in changes:
                self._refuse_taken_name(changed.name, behaviour_id=behaviour_id)
            friction_repository.update(self._db, behaviour=changed)
            return friction_repository.get(self._db, behaviour_id=behaviour_id)

    def _refuse_taken_name(self, name: str, *, behaviour_id: int | None) -> None:
        other = friction_repository.id_named(self._db, name=name)
        if other is not None and other != behaviour_id:
            raise ValidationError(
                "behaviour", f"there is already a friction behaviour named {name!r}"
            )

    def _refuse_past_due(self, due: date | None) -> None:
        if due is not None and due < self._today():
            raise ValidationError(
                "due", f"the due date {due.isoformat()} has already passed; give a later one"
            )

    @staticmethod
    def _with_due(experiment: Experiment, due: date) -> Experiment:
        if experiment.start_date and due < experiment.start_date:
            raise ValidationError(
                "due",
                f"the due date {due.isoformat()} is before the start date "
                f"{experiment.start_date.isoformat()}",
            )
        return replace(experiment, due_date=due)

    def _check_commitment_free(self, commitment_id: int) -> None:
        commitment, _session_id = coach_session_repository.get_commitment(
            self._db, commitment_id=commitment_id
        )
        if commitment.experiment_id is not None:
            raise DomainError(
                f"commitment {commitment_id} already became experiment {commitment.experiment_id}"
            )

    def _check_links(self, experiment: Experiment) -> None:
        """Name a missing behaviour or entry plainly instead of a foreign-key failure."""
        if experiment.behaviour_id is not None:
            friction_repository.get(self._db, behaviour_id=experiment.behaviour_id)
        if experiment.source_entry_id is not None:
            entry_repository.get(self._db, entry_id=experiment.source_entry_id)
