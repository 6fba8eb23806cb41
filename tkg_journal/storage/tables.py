"""The schema declared as SQLModel tables: the typed description of every stored table.

The migration steps in ``migrations.py`` are what actually build a database, frozen per
version as migrations must be; these classes are where a schema change is authored and
reviewed, and ``tests/integration/test_schema.py`` fails if the two disagree. They are
also the ORM mapping for tools and reports that prefer SQLModel sessions
(:func:`orm_engine`). The CLI's hot paths do not import this module: importing
SQLModel alone costs more than the 0.3 s budget of a whole ``tkg-journal add``.
"""

from __future__ import annotations

from typing import Any

from sqlmodel import Field, SQLModel


class Meta(SQLModel, table=True):
    __tablename__ = "meta"
    key: str = Field(primary_key=True)
    value: str


class FrictionBehaviourRow(SQLModel, table=True):
    __tablename__ = "friction_behaviours"
    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(unique=True)
    level: int
    description: str = ""
    archived: int = 0
    created_at: str


class EntryRow(SQLModel, table=True):
    __tablename__ = "entries"
    id: int | None = Field(default=None, primary_key=True)
    kind: str
    occurred_at: str = Field(index=True)
    title: str = ""
    body: str = ""
    level: int | None = None
    share_with_coach: int = 0
    who: str = ""
    what_happened: str = ""
    feeling: str = ""
    intensity: int | None = None
    my_response: str = ""
    impact: str = ""
    try_next: str = ""
    feedback_source: str = ""
    sentiment: int | None = None
    import_ref: str | None = Field(default=None, unique=True)
    created_at: str
    updated_at: str


class EntryTagRow(SQLModel, table=True):
    __tablename__ = "entry_tags"
    entry_id: int = Field(foreign_key="entries.id", primary_key=True, ondelete="CASCADE")
    tag: str = Field(primary_key=True, index=True)


class ExperimentRow(SQLModel, table=True):
    __tablename__ = "experiments"
    id: int | None = Field(default=None, primary_key=True)
    title: str
    level: int
    trigger_text: str
    old_behaviour: str
    new_response: str
    prediction: str = ""
    success_criteria: str = ""
    behaviour_id: int | None = Field(
        default=None, foreign_key="friction_behaviours.id", ondelete="SET NULL"
    )
    start_date: str | None = None
    due_date: str | None = None
    status: str = "planned"
    belief_before: int | None = None
    belief_after: int | None = None
    learning: str = ""
    abandon_reason: str = ""
    source_entry_id: int | None = Field(default=None, foreign_key="entries.id", ondelete="SET NULL")
    created_at: str
    updated_at: str
    ended_on: str | None = Field(default=None, index=True)


class AttemptRow(SQLModel, table=True):
    __tablename__ = "attempts"
    id: int | None = Field(default=None, primary_key=True)
    experiment_id: int = Field(foreign_key="experiments.id", ondelete="CASCADE")
    occurred_at: str
    did_it: str
    outcome: int | None = None
    situation: str = ""
    note: str = ""
    created_at: str


class RatingCheckinRow(SQLModel, table=True):
    __tablename__ = "rating_checkins"
    id: int | None = Field(default=None, primary_key=True)
    rated_on: str = Field(unique=True)
    note: str = ""
    created_at: str


class LevelRatingRow(SQLModel, table=True):
    __tablename__ = "level_ratings"
    checkin_id: int = Field(foreign_key="rating_checkins.id", primary_key=True, ondelete="CASCADE")
    level: int = Field(primary_key=True)
    score: int


class CoachSessionRow(SQLModel, table=True):
    __tablename__ = "coach_sessions"
    id: int | None = Field(default=None, primary_key=True)
    held_on: str = Field(index=True)
    topics: str = ""
    notes: str = ""
    created_at: str


class CommitmentRow(SQLModel, table=True):
    __tablename__ = "commitments"
    id: int | None = Field(default=None, primary_key=True)
    session_id: int = Field(foreign_key="coach_sessions.id", ondelete="CASCADE")
    text: str
    due_date: str | None = None
    done: int = 0
    experiment_id: int | None = Field(
        default=None, foreign_key="experiments.id", ondelete="SET NULL"
    )


class DraftRow(SQLModel, table=True):
    __tablename__ = "drafts"
    id: int | None = Field(default=None, primary_key=True)
    entry_id: int | None = Field(default=None, foreign_key="entries.id", ondelete="CASCADE")
    payload: str
    saved_at: str


class WindowDraftRow(SQLModel, table=True):
    __tablename__ = "window_drafts"
    id: int | None = Field(default=None, primary_key=True)
    window: str
    payload: str
    saved_at: str


class ExperimentReminderRow(SQLModel, table=True):
    __tablename__ = "experiment_reminders"
    experiment_id: int = Field(foreign_key="experiments.id", primary_key=True, ondelete="CASCADE")
    reminded_on: str


class CommitmentReminderRow(SQLModel, table=True):
    __tablename__ = "commitment_reminders"
    commitment_id: int = Field(foreign_key="commitments.id", primary_key=True, ondelete="CASCADE")
    reminded_on: str


def orm_engine(connection: Any) -> Any:
    """A SQLAlchemy engine over an already keyed connection (``Database`` owns the key).

    ``creator`` hands SQLAlchemy our connection, so the key never passes through a URL.
    """
    from sqlalchemy import create_engine
    from sqlalchemy.pool import StaticPool

    return create_engine("sqlite://", creator=lambda: connection, poolclass=StaticPool)
