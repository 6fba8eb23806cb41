"""A whole-journal JSON export read back (``import json``): checked key by key into rows
ready to store, or refused with a message that names the record and the key
(``entries[12]: occurred_at is missing``).

Every record goes through the domain's own types (``Entry``, ``Experiment``...), so an
import accepts exactly what the app itself could have written: the same text limits,
ranges and states. Links between records are kept as the document's ids here; the
import (``journal_import.py``) maps them to the ids it stores.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from tkg_journal.domain.coach_sessions import CoachSession, Commitment
from tkg_journal.domain.entries import ConversationFields, Entry, EntryKind, FeedbackFields
from tkg_journal.domain.errors import DomainError
from tkg_journal.domain.experiments import Attempt, DidIt, Experiment, ExperimentStatus
from tkg_journal.domain.friction import FrictionBehaviour
from tkg_journal.domain.levels import Level
from tkg_journal.domain.ratings import RatingCheckin
from tkg_journal.reports.journal_json import FORMAT_NAME, FORMAT_VERSION, SECTIONS
from tkg_journal.services.errors import ImportFailed
from tkg_journal.storage import clock

#: The most records of one kind a document may hold (the jrnl import's limit too).
MAX_RECORDS = 200_000
_MAX_REF_CHARS = 200
_LEVELS = {level.name.lower(): level for level in Level}


class _Refused(Exception):
    """One key of one record is wrong; the message names the key."""


@dataclass(slots=True)
class Row:
    """One record ready to store: its id in the document, the columns' values (links
    still as document ids, at the positions ``links`` names with their section), a
    natural key that tells it is in the journal already, and its tags or scores."""

    source_id: int
    values: list[Any]
    key: tuple[Any, ...]
    links: dict[int, str] = field(default_factory=dict)
    extra: list[Any] = field(default_factory=list)


@dataclass(slots=True)
class Document:
    """Every section of the document, each a list of :class:`Row` in document order."""

    sections: dict[str, list[Row]]


class _Fields:
    """Typed reads of one record's keys; each failure names the key."""

    def __init__(self, item: object) -> None:
        if not isinstance(item, dict):
            raise _Refused("is not a JSON object")
        self._item: dict[str, Any] = item

    def _get(self, name: str, required: bool) -> Any:
        if name not in self._item or (required and self._item[name] is None):
            if required:
                raise _Refused(f"{name} is missing")
            return None
        return self._item[name]

    def text(self, name: str, *, required: bool = False) -> str:
        value = self._get(name, required)
        if value is None:
            return ""
        if not isinstance(value, str):
            raise _Refused(f"{name} must be text")
        return value

    def integer(self, name: str, *, required: bool = False) -> int | None:
        value = self._get(name, required)
        if value is not None and (not isinstance(value, int) or isinstance(value, bool)):
            raise _Refused(f"{name} must be a whole number")
        return value

    def whole(self, name: str) -> int:
        value = self.integer(name, required=True)
        assert value is not None
        return value

    def boolean(self, name: str) -> bool:
        value = self._get(name, False)
        if value is not None and not isinstance(value, bool):
            raise _Refused(f"{name} must be true or false")
        return bool(value)

    def moment(self, name: str, *, required: bool = False) -> datetime | None:
        value = self._get(name, required)
        if value is None:
            return None
        if not isinstance(value, str):
            raise _Refused(f"{name} must be a date and time (ISO 8601 text)")
        try:
            moment = datetime.fromisoformat(value)
        except ValueError:
            raise _Refused(f"{name} {value!r} is not an ISO 8601 date and time") from None
        if moment.tzinfo is None:
            raise _Refused(f"{name} {value!r} has no UTC offset (like +00:00)")
        return moment

    def day(self, name: str, *, required: bool = False) -> date | None:
        value = self._get(name, required)
        if value is None:
            return None
        if not isinstance(value, str) or len(value) != 10:
            raise _Refused(f"{name} must be a day (YYYY-MM-DD)")
        try:
            return date.fromisoformat(value)
        except ValueError:
            raise _Refused(f"{name} {value!r} is not a day (YYYY-MM-DD)") from None

    def level(self, name: str, *, required: bool = False) -> Level | None:
        value = self._get(name, required)
        if value is None:
            return None
        if not isinstance(value, str) or value not in _LEVELS:
            raise _Refused(f"{name} must be one of {', '.join(_LEVELS)}")
        return _LEVELS[value]

    def record(self, name: str) -> _Fields:
        value = self._get(name, False)
        try:
            return _Fields({} if value is None else value)
        except _Refused:
            raise _Refused(f"{name} must be a JSON object") from None

    def texts(self, name: str) -> list[str]:
        value = self._get(name, False)
        if value is None:
            return []
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise _Refused(f"{name} must be a list of text")
        return value

    def raw(self, name: str) -> Any:
        return self._get(name, False)


def _stored(moment: datetime | None, default: datetime) -> str:
    return clock.to_stored(moment or default)


def _choice(value: str, name: str, parse: Callable[[str], Any], valid: str) -> Any:
    try:
        return parse(value)
    except ValueError:
        raise _Refused(f"{name} {value!r} is not one of {valid}") from None


def _entry(f: _Fields, now: datetime) -> Row:
    conversation, feedback = f.record("conversation"), f.record("feedback")
    kinds = ", ".join(k.value for k in EntryKind)
    entry = Entry(
        kind=_choice(f.text("kind", required=True), "kind", EntryKind, kinds),
        occurred_at=f.moment("occurred_at", required=True) or now,
        title=f.text("title"),
        body=f.text("body"),
        level=f.level("level"),
        tags=tuple(f.texts("tags")),
        share_with_coach=f.boolean("shared"),
        conversation=ConversationFields(
            who=conversation.text("who"),
            what_happened=conversation.text("what_happened"),
            feeling=conversation.text("feeling"),
            intensity=conversation.integer("intensity"),
            my_response=conversation.text("my_response"),
            impact=conversation.text("impact"),
            try_next=conversation.text("try_next"),
        ),
        feedback=FeedbackFields(
            source=feedback.text("source"), sentiment=feedback.integer("sentiment")
        ),
    )
    ref = f.raw("import_ref")
    if ref is not None and (
        not isinstance(ref, str) or not 0 < len(ref) <= _MAX_REF_CHARS or not _is_text(ref)
    ):
        raise _Refused(f"import_ref must be text of 1 to {_MAX_REF_CHARS} characters or null")
    created = _stored(f.moment("created_at"), now)
    updated = _stored(f.moment("updated_at"), now)
    occurred = clock.to_stored(entry.occurred_at)
    c, fb = entry.conversation, entry.feedback
    values = [
        entry.kind.value,
        occurred,
        entry.title,
        entry.body,
        int(entry.level) if entry.level else None,
        int(entry.share_with_coach),
        c.who,
        c.what_happened,
        c.feeling,
        c.intensity,
        c.my_response,
        c.impact,
        c.try_next,
        fb.source,
        fb.sentiment,
        ref,
        created,
        updated,
    ]
    key = (occurred, created, entry.kind.value, entry.title, entry.body)
    return Row(f.whole("id"), values, key, extra=list(entry.tags))


def _is_text(value: str) -> bool:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return "\x00" not in value


def _experiment(f: _Fields, now: datetime) -> Row:
    statuses = ", ".join(s.value for s in ExperimentStatus)
    x = Experiment(
        title=f.text("title", required=True),
        level=f.level("level", required=True) or Level.FOUNDATION,
        trigger=f.text("trigger", required=True),
        old_behaviour=f.text("old_behaviour", required=True),
        new_response=f.text("new_response", required=True),
        prediction=f.text("prediction"),
        success_criteria=f.text("success_criteria"),
        start_date=f.day("start_date"),
        due_date=f.day("due_date"),
        status=_choice(f.text("status") or "planned", "status", ExperimentStatus, statuses),
        belief_before=f.integer("belief_before"),
        belief_after=f.integer("belief_after"),
        learning=f.text("learning"),
        abandon_reason=f.text("abandon_reason"),
        ended_on=f.day("ended_on"),
    )
    created = _stored(f.moment("created_at"), now)
    values = [
        x.title,
        int(x.level),
        x.trigger,
        x.old_behaviour,
        x.new_response,
        x.prediction,
        x.success_criteria,
        f.integer("friction_behaviour_id"),
        clock.date_to_stored(x.start_date),
        clock.date_to_stored(x.due_date),
        x.status.value,
        x.belief_before,
        x.belief_after,
        x.learning,
        x.abandon_reason,
        f.integer("source_entry_id"),
        created,
        _stored(f.moment("updated_at"), now),
        clock.date_to_stored(x.ended_on),
    ]
    key = (x.title, x.trigger, x.old_behaviour, x.new_response, created)
    links = {7: "friction_behaviours", 15: "entries"}
    return Row(f.whole("id"), values, key, links)


def _attempt(f: _Fields, now: datetime) -> Row:
    attempt = Attempt(
        experiment_id=0,
        occurred_at=f.moment("occurred_at", required=True) or now,
        did_it=_choice(f.text("did_it", required=True), "did_it", DidIt, "yes, partial, no"),
        outcome=f.integer("outcome"),
        situation=f.text("situation"),
        note=f.text("note"),
    )
    occurred = clock.to_stored(attempt.occurred_at)
    values = [
        f.whole("experiment_id"),
        occurred,
        attempt.did_it.value,
        attempt.outcome,
        attempt.situation,
        attempt.note,
        _stored(f.moment("created_at"), now),
    ]
    # The experiment's key is its id in the journal: filled in once it is known.
    key = (occurred, attempt.did_it.value, attempt.situation, attempt.note)
    return Row(f.whole("id"), values, key, {0: "experiments"})


def _friction(f: _Fields, now: datetime) -> Row:
    behaviour = FrictionBehaviour(
        name=f.text("name", required=True),
        level=f.level("level", required=True) or Level.FOUNDATION,
        description=f.text("description"),
        archived=f.boolean("archived"),
    )
    values = [
        behaviour.name,
        int(behaviour.level),
        behaviour.description,
        int(behaviour.archived),
        _stored(f.moment("created_at"), now),
    ]
    return Row(f.whole("id"), values, (ascii_folded(behaviour.name),))


def ascii_folded(name: str) -> str:
    """A name as SQLite's ``NOCASE`` compares it (ASCII letters only folded)."""
    return "".join(ch.lower() if ch.isascii() else ch for ch in name)


def _checkin(f: _Fields, now: datetime) -> Row:
    raw = f.raw("scores")
    if not isinstance(raw, dict):
        raise _Refused("scores must be a JSON object of level names and scores")
    scores: dict[Level, int] = {}
    for name, score in raw.items():
        if name not in _LEVELS:
            raise _Refused(f"scores: {name!r} is not one of {', '.join(_LEVELS)}")
        if not isinstance(score, int) or isinstance(score, bool):
            raise _Refused(f"scores: {name} must be a whole number")
        scores[_LEVELS[name]] = score
    checkin = RatingCheckin(
        rated_on=f.day("rated_on", required=True) or now.date(),
        scores=scores,
        note=f.text("note"),
    )
    day = checkin.rated_on.isoformat()
    values = [day, checkin.note, _stored(f.moment("created_at"), now)]
    extra = [(int(level), score) for level, score in sorted(checkin.scores.items())]
    return Row(f.whole("id"), values, (day,), extra=extra)


def _session(f: _Fields, now: datetime) -> Row:
    # Checked whole (it needs topics, notes or a commitment) once its commitments are known.
    held_on = f.day("held_on", required=True) or now.date()
    created = _stored(f.moment("created_at"), now)
    values = [held_on.isoformat(), f.text("topics"), f.text("notes"), created]
    return Row(f.whole("id"), values, (held_on.isoformat(), created))


def _commitment(f: _Fields, _now: datetime) -> Row:
    commitment = Commitment(
        text=f.text("text", required=True),
        due_date=f.day("due_date"),
        done=f.boolean("done"),
    )
    values = [
        f.whole("session_id"),
        commitment.text,
        clock.date_to_stored(commitment.due_date),
        int(commitment.done),
        f.integer("experiment_id"),
    ]
    key = (commitment.text, values[2])
    return Row(f.whole("id"), values, key, {0: "coach_sessions", 4: "experiments"})


_READERS: dict[str, Callable[[_Fields, datetime], Row]] = {
    "entries": _entry,
    "experiments": _experiment,
    "attempts": _attempt,
    "friction_behaviours": _friction,
    "rating_checkins": _checkin,
    "coach_sessions": _session,
    "commitments": _commitment,
}


def parse(raw: bytes) -> Document:
    """The document in ``raw``, every record checked; :class:`ImportFailed` otherwise."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ImportFailed(
            f"the file is not valid UTF-8 (bad byte at offset {error.start}); nothing was imported"
        ) from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise ImportFailed(
            f"the file is not valid JSON (line {error.lineno}, column {error.colno}: "
            f"{error.msg}); nothing was imported"
        ) from None
    except RecursionError:
        raise ImportFailed("the file is nested too deeply to be an export") from None
    _check_header(data)
    now = datetime.now(UTC).replace(microsecond=0)
    sections: dict[str, list[Row]] = {}
    for name in SECTIONS:
        items = data.get(name)
        if not isinstance(items, list):
            problem = "is missing" if items is None else "must be a list"
            raise ImportFailed(f'"{name}" {problem}; nothing was imported')
        if len(items) > MAX_RECORDS:
            raise ImportFailed(
                f'"{name}" holds {len(items):,} records; the limit is {MAX_RECORDS:,}'
            )
        sections[name] = [_read(name, number, item, now) for number, item in enumerate(items)]
    document = Document(sections)
    _check_links(document)
    return document


def _check_header(data: Any) -> None:
    if not isinstance(data, dict) or data.get("format") != FORMAT_NAME:
        raise ImportFailed(
            f'the file is not a TKG Journal export (its "format" is not "{FORMAT_NAME}"); '
            "write one with `tkg-journal export-all --format json`"
        )
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise ImportFailed('the export\'s "version" must be a whole number from 1')
    if version > FORMAT_VERSION:
        raise ImportFailed(
            f"the file is a version {version} export, newer than this app reads (version "
            f"{FORMAT_VERSION}): update TKG Journal to import it; nothing was imported"
        )


def _read(section: str, number: int, item: object, now: datetime) -> Row:
    where = f"{section}[{number}]"
    try:
        return _READERS[section](_Fields(item), now)
    except (_Refused, DomainError, ValueError, TypeError, OverflowError) as error:
        raise ImportFailed(f"{where}: {error}; nothing was imported") from None


def _check_links(document: Document) -> None:
    """Every id unique within its section; every link to a record of the document."""
    ids: dict[str, set[int]] = {}
    for name, rows in document.sections.items():
        seen: set[int] = set()
        for number, row in enumerate(rows):
            if row.source_id in seen:
                raise ImportFailed(f"{name}[{number}]: id {row.source_id} appears twice")
            seen.add(row.source_id)
        ids[name] = seen
    for name, rows in document.sections.items():
        for number, row in enumerate(rows):
            for position, target in row.links.items():
                linked = row.values[position]
                if linked is not None and linked not in ids[target]:
                    raise ImportFailed(
                        f"{name}[{number}]: it links to {target} id {linked}, which the "
                        "file does not hold; nothing was imported"
                    )
    _check_sessions(document)


def _check_sessions(document: Document) -> None:
    """A coach session says something: topics, notes or a commitment (as the app asks)."""
    texts: dict[int, list[str]] = {}
    for row in document.sections["commitments"]:
        texts.setdefault(row.values[0], []).append(row.values[1])
    for number, row in enumerate(document.sections["coach_sessions"]):
        try:
            session = CoachSession(
                held_on=date.fromisoformat(row.values[0]),
                topics=row.values[1],
                notes=row.values[2],
                commitments=tuple(Commitment(t) for t in texts.get(row.source_id, [])),
            )
        except DomainError as error:
            raise ImportFailed(f"coach_sessions[{number}]: {error}; nothing was imported") from None
        row.values[1], row.values[2] = session.topics, session.notes
