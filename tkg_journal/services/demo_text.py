"""The words of the sample journal, read from ``resources/sample/*.toml``.

The prose lives in data files (format ``tkg-journal-sample``, version 1; docs/design.md,
"Sample data"), one a part of the journal: ``people.toml`` (the cast, projects, meetings,
tags), ``conversations.toml`` (difficult-conversation scenarios), ``writing.toml``
(reflections, feedback, coach notes, free writing), ``experiments.toml`` and
``sessions.toml`` (rating notes, coach sessions). This module turns them into typed,
immutable records and checks their shape, so that a damaged file fails here, naming the
file and key, and not halfway through a generated journal. The generator draws from
every list in file order: the same files and seed always give the same journal.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, fields
from functools import cache
from pathlib import Path
from typing import TypeVar

from tkg_journal.domain.experiments import DidIt
from tkg_journal.domain.levels import Level
from tkg_journal.paths import resource_dir

__all__ = [
    "SAMPLE_FORMAT",
    "SAMPLE_VERSION",
    "SLOTS",
    "Conversations",
    "ExperimentTemplate",
    "Experiments",
    "People",
    "Remark",
    "SampleDataError",
    "SampleText",
    "Scenario",
    "Sessions",
    "Writing",
    "load",
    "sample_text",
]

SAMPLE_FORMAT = "tkg-journal-sample"
SAMPLE_VERSION = 1
#: The ``{slot}`` names a template may use; each entry fills them in once, so they agree.
SLOTS = frozenset({"name", "project", "other", "meeting", "When", "func", "nth", "pct"})
#: A feedback remark's tone, in the order the generator indexes them (0, 1, 2).
TONES = ("negative", "mixed", "positive")

Texts = tuple[str, ...]
_T = TypeVar("_T")
_R = TypeVar("_R")


class SampleDataError(ValueError):
    """A sample-data file is missing, of another format or version, or badly shaped: a
    fault of the installation (or of an edit to the files), never of the user's journal."""


@dataclass(frozen=True, slots=True)
class People:
    first_names: Texts
    report_roles: Texts
    peer_functions: Texts
    manager_roles: Texts
    projects: Texts
    meetings: Texts
    nth: Texts
    pct: Texts
    #: ``{When}`` for an entry written before 11, before 15, and later.
    when: tuple[Texts, Texts, Texts]
    #: How the "Who" field names each kind of counterpart: ``{name}`` and ``{role}``.
    who: Mapping[str, str]
    team_names: Texts
    general_tags: Texts
    level_tags: Mapping[Level, Texts]


@dataclass(frozen=True, slots=True)
class Scenario:
    """One kind of difficult conversation, written so that any choice from each list fits
    any choice from the others (the same counterpart, topic and root level)."""

    level: Level
    who: str  # "report", "report:<role word>", "peer", "peer:<function>", "manager", ...
    intensity: int  # typical intensity at the start of the coaching
    tags: Texts
    titles: Texts
    what: Texts
    details: Texts
    feelings: Texts
    reactive: Texts
    constructive: Texts
    impact_bad: Texts
    impact_good: Texts
    try_next: Texts


@dataclass(frozen=True, slots=True)
class Conversations:
    scenarios: Mapping[Level, tuple[Scenario, ...]]
    feeling_high: Texts
    feeling_low: Texts
    reactive_tails: Texts
    constructive_tails: Texts
    afterthoughts: Texts


@dataclass(frozen=True, slots=True)
class Remark:
    """Feedback someone gave: its title topic, what they said, and which sources could
    plausibly have said it ("up", "down", "side" or "any")."""

    topic: str
    said: str
    source_group: str


@dataclass(frozen=True, slots=True)
class Writing:
    observations: Mapping[Level, Texts]
    insights: Mapping[Level, Texts]
    intentions: Texts
    progress_notes: Texts
    reflection_titles: Mapping[Level, Texts]
    generic_titles: Texts
    feedback_title: str
    feedback_verbs: Texts
    follow_ups: Texts
    sources: Mapping[str, Texts]
    #: Per tone (see :data:`TONES`): how I took it, and what was said, per level.
    reactions: tuple[Texts, Texts, Texts]
    remarks: Mapping[Level, tuple[tuple[Remark, ...], ...]]
    coach_titles: Texts
    coach_generic: Texts
    coach_homework: Texts
    coach_topics: Mapping[Level, Texts]
    coach_points: Mapping[Level, Texts]
    free_titles: Texts
    free_sentences: Texts


@dataclass(frozen=True, slots=True)
class ExperimentTemplate:
    title: str
    trigger: str
    old_behaviour: str
    new_response: str
    prediction: str
    success_criteria: str


@dataclass(frozen=True, slots=True)
class Experiments:
    templates: Mapping[Level, tuple[ExperimentTemplate, ...]]
    round_title: str
    situations: Mapping[Level, Texts]
    attempt_notes: Mapping[DidIt, Texts]
    learnings: Mapping[Level, Texts]
    learning_tails: Texts
    abandon_reasons: Texts


@dataclass(frozen=True, slots=True)
class Sessions:
    rating_notes: Texts
    topics: Texts
    notes: Texts
    commitments: Texts
    #: The latest session's commitment that became an experiment.
    experiment_commitment: str


@dataclass(frozen=True, slots=True)
class SampleText:
    people: People
    conversations: Conversations
    writing: Writing
    experiments: Experiments
    sessions: Sessions


class _Table:
    """One TOML table, read with checks whose errors name the file and the key."""

    def __init__(self, data: Mapping[str, object], where: str) -> None:
        self._data = data
        self.where = where

    def _get(self, key: str) -> object:
        if key not in self._data:
            raise SampleDataError(f"{self.where}: '{key}' is missing")
        return self._data[key]

    def _fail(self, key: str, what: str) -> SampleDataError:
        return SampleDataError(f"{self.where}: '{key}' must be {what}")

    def text(self, key: str) -> str:
        value = self._get(key)
        if not isinstance(value, str):
            raise self._fail(key, "text")
        return value

    def number(self, key: str) -> int:
        value = self._get(key)
        if not isinstance(value, int) or isinstance(value, bool):
            raise self._fail(key, "a whole number")
        return value

    def texts(self, key: str) -> Texts:
        value = self._get(key)
        if not (isinstance(value, list) and value and all(isinstance(v, str) for v in value)):
            raise self._fail(key, "a list of text, not empty")
        return tuple(value)

    def table(self, key: str) -> _Table:
        value = self._get(key)
        if not isinstance(value, dict):
            raise self._fail(key, "a table")
        return _Table(value, f"{self.where} [{key}]")

    def tables(self, key: str) -> tuple[_Table, ...]:
        value = self._get(key)
        if not (isinstance(value, list) and value and all(isinstance(v, dict) for v in value)):
            raise self._fail(key, "an array of tables ([[...]]), not empty")
        return tuple(_Table(v, f"{self.where} [[{key}]] #{i + 1}") for i, v in enumerate(value))

    def choice(self, key: str, allowed: tuple[str, ...]) -> str:
        value = self.text(key)
        if value not in allowed:
            raise self._fail(key, "one of " + ", ".join(allowed))
        return value

    def level(self) -> Level:
        return Level[self.choice("level", tuple(level.name.lower() for level in Level)).upper()]

    def by_level(self, key: str) -> dict[Level, Texts]:
        table = self.table(key)
        return {level: table.texts(level.name.lower()) for level in Level}


def _grouped(pairs: list[tuple[Level, _T]], where: str) -> dict[Level, tuple[_T, ...]]:
    """Items per level, in file order; every level must have some."""
    grouped = {level: tuple(item for at, item in pairs if at is level) for level in Level}
    for level, items in grouped.items():
        if not items:
            raise SampleDataError(f"{where}: nothing for level '{level.name.lower()}'")
    return grouped


def _open(folder: Path, name: str) -> _Table:
    path = folder / name
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise SampleDataError(f"sample data {path} cannot be read: {error}") from error
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise SampleDataError(f"sample data {path} is not valid TOML: {error}") from error
    table = _Table(data, name)
    if table.text("format") != SAMPLE_FORMAT or table.number("version") != SAMPLE_VERSION:
        raise SampleDataError(
            f"{path} is not {SAMPLE_FORMAT} version {SAMPLE_VERSION} "
            "(the sample data does not match this version of the app)"
        )
    return table


def _record(record: type[_R], t: _Table, **given: object) -> _R:
    """A record whose fields not ``given`` are read from the keys of the same name, each
    as its annotation says: text, a whole number, a level, a list of text, or a table of
    lists of text keyed by level."""
    readers: dict[str, Callable[[str], object]] = {
        "str": t.text,
        "int": t.number,
        "Level": lambda _key: t.level(),
        "Texts": t.texts,
        "Mapping[Level, Texts]": t.by_level,
    }
    values = dict(given)
    for field in fields(record):  # type: ignore[arg-type]  # always a dataclass here
        if field.name not in values:
            values[field.name] = readers[str(field.type)](field.name)
    return record(**values)


def _people(t: _Table) -> People:
    when, who, tags = t.table("when"), t.table("who"), t.table("tags")
    people = _record(
        People,
        t,
        when=(when.texts("morning"), when.texts("midday"), when.texts("evening")),
        who={kind: who.text(kind) for kind in ("report", "peer", "manager", "board", "skip")},
        team_names=who.texts("team"),
        general_tags=tags.texts("general"),
        level_tags={level: tags.texts(level.name.lower()) for level in Level},
    )
    # Reports, peers, the manager, three board members and at least one more person.
    needed = len(people.report_roles) + len(people.peer_functions) + 5
    if len(set(people.first_names)) < needed:
        raise SampleDataError(f"{t.where}: 'first_names' needs {needed} different names")
    if len(people.projects) < 2:
        raise SampleDataError(f"{t.where}: 'projects' needs two or more")
    return people


def _conversations(t: _Table) -> Conversations:
    scenarios = [_record(Scenario, s) for s in t.tables("scenario")]
    grouped = _grouped([(s.level, s) for s in scenarios], f"{t.where} [[scenario]]")
    return _record(Conversations, t, scenarios=grouped)


def _writing(t: _Table) -> Writing:
    reflection, feedback, coach, free = (
        t.table(key) for key in ("reflection", "feedback", "coach_notes", "free")
    )
    sources_table = feedback.table("sources")
    sources = {group: sources_table.texts(group) for group in ("up", "down", "side")}
    sources["any"] = (*sources["up"], *sources["down"], *sources["side"])
    reactions = feedback.table("reactions")
    said: dict[tuple[Level, str], list[Remark]] = {}
    for r in feedback.tables("remark"):
        remark = Remark(r.text("topic"), r.text("said"), r.choice("from", tuple(sources)))
        said.setdefault((r.level(), r.choice("tone", TONES)), []).append(remark)
    if len(said) != len(Level) * len(TONES):
        raise SampleDataError(f"{feedback.where}: every level needs a remark of every tone")
    return Writing(
        observations=reflection.by_level("observations"),
        insights=reflection.by_level("insights"),
        intentions=reflection.texts("intentions"),
        progress_notes=reflection.texts("progress_notes"),
        reflection_titles=reflection.by_level("titles"),
        generic_titles=reflection.texts("generic_titles"),
        feedback_title=feedback.text("title"),
        feedback_verbs=feedback.texts("verbs"),
        follow_ups=feedback.texts("follow_ups"),
        sources=sources,
        reactions=(
            reactions.texts("negative"),
            reactions.texts("mixed"),
            reactions.texts("positive"),
        ),
        remarks={level: tuple(tuple(said[level, tone]) for tone in TONES) for level in Level},
        coach_titles=coach.texts("titles"),
        coach_generic=coach.texts("generic"),
        coach_homework=coach.texts("homework"),
        coach_topics=coach.by_level("topics"),
        coach_points=coach.by_level("points"),
        free_titles=free.texts("titles"),
        free_sentences=free.texts("sentences"),
    )


def _experiments(t: _Table) -> Experiments:
    templates = [(x.level(), _record(ExperimentTemplate, x)) for x in t.tables("experiment")]
    notes = t.table("attempt_notes")
    return _record(
        Experiments,
        t,
        templates=_grouped(templates, f"{t.where} [[experiment]]"),
        attempt_notes={did: notes.texts(did.value) for did in DidIt},
    )


def load(folder: Path) -> SampleText:
    """Read and check the five files in ``folder``.

    Raises:
        SampleDataError: a file is missing, unreadable, of another format or version, or
            not shaped as documented.
    """
    return SampleText(
        people=_people(_open(folder, "people.toml")),
        conversations=_conversations(_open(folder, "conversations.toml")),
        writing=_writing(_open(folder, "writing.toml")),
        experiments=_experiments(_open(folder, "experiments.toml")),
        sessions=_record(Sessions, _open(folder, "sessions.toml")),
    )


@cache
def sample_text() -> SampleText:
    """The installed sample data, read once per process."""
    return load(resource_dir() / "sample")
