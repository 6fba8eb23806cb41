"""The entries of a sample journal: difficult conversations, reflections, feedback, coach
notes and free writing, over a working year's rhythm (few at weekends, in August and over
Christmas), getting calmer and more constructive as the coaching goes on; among them the
recurring conversations of the story the patterns tell (see demo_cast).

Every entry draws one set of slot values (:func:`_context`) that all its phrases share, so
that the person, project and meeting agree throughout the entry.
"""

from __future__ import annotations

import random
from datetime import date, timedelta, tzinfo
from itertools import accumulate

from tkg_journal.domain.entries import ConversationFields, Entry, EntryKind, FeedbackFields
from tkg_journal.domain.levels import Level
from tkg_journal.services.demo_cast import (
    FOCUS_SHARE,
    PEER_SHARE,
    SPAN_DAYS,
    STORY_START,
    Cast,
    capital,
    clamp,
    fill,
    level_at,
    local_time,
)
from tkg_journal.services.demo_text import Conversations, People, SampleText, Scenario, Writing

_KINDS = (
    EntryKind.CONVERSATION,
    EntryKind.REFLECTION,
    EntryKind.FEEDBACK,
    EntryKind.COACH_NOTES,
    EntryKind.FREE,
)
_KIND_CUM = tuple(accumulate((40, 25, 15, 5, 15)))
# About a fifth overall: coach notes are written for the coach, free writing rarely is.
_SHARE_ODDS = {
    EntryKind.CONVERSATION: 0.25,
    EntryKind.REFLECTION: 0.18,
    EntryKind.FEEDBACK: 0.18,
    EntryKind.COACH_NOTES: 0.5,
    EntryKind.FREE: 0.05,
}
_HOURS = tuple(range(7, 21))
_HOUR_CUM = tuple(accumulate((2, 4, 5, 5, 5, 6, 5, 5, 5, 6, 7, 6, 4, 3)))
_TAG_COUNT_CUM = tuple(accumulate((15, 35, 35, 15)))

Context = dict[str, str]


def _day_weight(day: date) -> float:
    """A working year: few entries at weekends, over Christmas and in August."""
    weight = 1.0 if day.weekday() < 5 else (0.25 if day.weekday() == 5 else 0.3)
    if (day.month == 12 and day.day >= 22) or (day.month == 1 and day.day <= 2):
        weight *= 0.2
    elif day.month == 8:
        weight *= 0.6
    return weight


def _entry_slots(rng: random.Random, count: int, start: date) -> list[tuple[int, int, int]]:
    """Sorted (day index, hour, minute) for ``count`` entries, first and last pinned to the
    ends of the span so that even a small journal covers all of it."""
    if count == 0:
        return []
    day_cum = list(accumulate(_day_weight(start + timedelta(days=i)) for i in range(SPAN_DAYS + 1)))
    days = sorted(rng.choices(range(SPAN_DAYS + 1), cum_weights=day_cum, k=count))
    if count >= 2:
        days[0], days[-1] = 0, SPAN_DAYS
    hours = rng.choices(_HOURS, cum_weights=_HOUR_CUM, k=count)
    return sorted((d, h, rng.randrange(60)) for d, h in zip(days, hours, strict=True))


def _context(rng: random.Random, people: People, cast: Cast, progress: float, hour: int) -> Context:
    """The slot values shared by every phrase of one entry, so that they agree."""
    projects = people.projects
    project_i = rng.randrange(len(projects))
    other_i = (project_i + 1 + rng.randrange(len(projects) - 1)) % len(projects)
    when = people.when[0 if hour < 11 else (1 if hour < 15 else 2)]
    peer = rng.choice(cast.peers)
    return {
        "name": rng.choice(cast.team_at(progress)).name,
        "project": projects[project_i],
        "other": projects[other_i],
        "meeting": rng.choice(people.meetings),
        "When": rng.choice(when),
        "func": peer.role,
        "nth": rng.choice(people.nth),
        "pct": rng.choice(people.pct),
    }


def _tags(
    rng: random.Random, specific: tuple[str, ...], general: tuple[str, ...]
) -> tuple[str, ...]:
    count = rng.choices((0, 1, 2, 3), cum_weights=_TAG_COUNT_CUM)[0]
    return tuple(
        rng.choice(specific) if rng.random() < 0.75 else rng.choice(general) for _ in range(count)
    )


def _pick_person(
    rng: random.Random, people: People, cast: Cast, who: str, progress: float
) -> tuple[str, str, str]:
    """(name, how the 'who' field describes them, their function for peers)."""
    kind, _, detail = who.partition(":")
    says = people.who
    if kind == "report":
        team = cast.team_at(progress)
        person = rng.choice([p for p in team if detail in p.role] or list(team))
        return person.name, says["report"].format(name=person.name, role=person.role), ""
    if kind == "peer":
        peers = [p for p in cast.peers if p.role == detail] if detail else list(cast.peers)
        person = rng.choice(peers)
        return person.name, says["peer"].format(name=person.name, role=person.role), person.role
    if kind == "manager":
        boss = cast.manager
        return boss.name, says["manager"].format(name=boss.name, role=boss.role), ""
    if kind in ("board", "skip"):
        name = rng.choice(cast.board if kind == "board" else cast.others)
        return name, says[kind].format(name=name), ""
    return "the team", rng.choice(people.team_names), ""


def _story_scenario(lines: Conversations, who: str) -> Scenario:
    """The Growth scenario of the story's counterpart ("report", or "peer" for any peer)."""
    growth = lines.scenarios[Level.GROWTH]
    return next((s for s in growth if s.who.split(":")[0] == who), growth[0])


def _story(
    rng: random.Random, text: SampleText, cast: Cast, progress: float
) -> tuple[Scenario, str, str, float] | None:
    """Whether this conversation is one of the story's (demo_cast): its scenario, the
    counterpart's name and "Who" answer, and the intensity it starts from."""
    roll = rng.random()
    says = text.people.who
    if roll < FOCUS_SHARE:
        person = cast.focus
        # Hot until the experiment about them starts, calm within six weeks of it.
        calmer = min(1.0, max(0.0, progress - STORY_START) / 0.05)
        return (
            _story_scenario(text.conversations, "report"),
            person.name,
            says["report"].format(name=person.name, role=person.role),
            7.6 - 4.6 * calmer,
        )
    if roll < FOCUS_SHARE + PEER_SHARE:
        person = cast.rival
        # The friction persists: as hot at the end as at the start.
        return (
            _story_scenario(text.conversations, "peer"),
            person.name,
            says["peer"].format(name=person.name, role=person.role),
            7.4,
        )
    return None


def _conversation(
    rng: random.Random,
    text: SampleText,
    cast: Cast,
    level: Level,
    progress: float,
    ctx: Context,
) -> tuple[str, str, ConversationFields, tuple[str, ...], Level]:
    lines: Conversations = text.conversations
    story = _story(rng, text, cast, progress)
    if story is not None:
        scenario, name, who, typical = story
        func = cast.rival.role if name == cast.rival.name else ""
        level = scenario.level
    else:
        scenario = rng.choice(lines.scenarios[level])
        name, who, func = _pick_person(rng, text.people, cast, scenario.who, progress)
        typical = scenario.intensity - 3.2 * progress
    ctx["name"] = name
    if func:
        ctx["func"] = func
    intensity = clamp(rng.gauss(typical, 1.3 if story is None else 1.0), 0, 10)
    constructive = rng.random() < 0.15 + 0.65 * progress - 0.04 * (intensity - 5)

    what = rng.choice(scenario.what)
    if rng.random() < 0.6:
        what = f"{what} {rng.choice(scenario.details)}"
    feeling = rng.choice(scenario.feelings)
    if rng.random() < 0.5:
        tail = rng.choice(lines.feeling_high if intensity >= 6 else lines.feeling_low)
        feeling = f"{feeling}. {tail}"
    if constructive:
        response = rng.choice(scenario.constructive)
        tails, impacts = lines.constructive_tails, scenario.impact_good
    else:
        response = rng.choice(scenario.reactive)
        tails, impacts = lines.reactive_tails, scenario.impact_bad
    if rng.random() < 0.4:
        response = f"{response} {rng.choice(tails)}"
    fields = ConversationFields(
        who=who,
        what_happened=what.format_map(ctx),
        feeling=feeling.format_map(ctx),
        intensity=intensity,
        my_response=response.format_map(ctx),
        impact=rng.choice(impacts).format_map(ctx),
        try_next=rng.choice(scenario.try_next).format_map(ctx),
    )
    body = rng.choice(lines.afterthoughts) if rng.random() < 0.25 else ""
    return rng.choice(scenario.titles).format_map(ctx), body, fields, scenario.tags, level


def _reflection(
    rng: random.Random, words: Writing, level: Level, progress: float, ctx: Context
) -> tuple[str, str]:
    count = rng.randint(2, 6)
    intentions = 1 if rng.random() < 0.6 else 0
    insights = words.insights[level]
    sentences = [
        rng.choice(words.observations[level]),
        *rng.sample(insights, min(len(insights), count - 1 - intentions)),
    ]
    if count > 2 and rng.random() < 0.6 * progress:
        sentences[-1] = rng.choice(words.progress_notes)
    sentences += rng.sample(words.intentions, intentions)
    titles = words.reflection_titles[level] if rng.random() < 0.7 else words.generic_titles
    return rng.choice(titles).format_map(ctx), fill(sentences, ctx)


def _feedback(
    rng: random.Random, words: Writing, cast: Cast, level: Level, progress: float, ctx: Context
) -> tuple[str, str, FeedbackFields]:
    roll = rng.random()
    tone = 0 if roll < 0.45 - 0.3 * progress else (2 if roll > 0.8 - 0.45 * progress else 1)
    remark = rng.choice(words.remarks[level][tone])
    source = rng.choice(words.sources[remark.source_group])
    sentiment = (-2 if rng.random() < 0.3 else -1, 0, 2 if rng.random() < 0.35 else 1)[tone]
    speaker = f"my {source}" if source.startswith("peer") else source
    sentences = [
        f"{capital(speaker)} {rng.choice(words.feedback_verbs)} {remark.said}.",
        rng.choice(words.reactions[tone]),
    ]
    if rng.random() < 0.4:
        sentences.append(rng.choice(words.follow_ups))
    title = words.feedback_title.format(speaker=speaker, about=remark.topic)
    return title, fill(sentences, ctx), FeedbackFields(_source_named(source, cast), sentiment)


def _source_named(source: str, cast: Cast) -> str:
    """The "From whom" as a leader writes it: the one person a role stands for is named,
    with the role in brackets ("Priya (my manager)", "Tom (peer in Finance)"), so that
    their feedback joins their conversations in the patterns; a role that could be anyone
    ("a direct report") stays a role."""
    if source == "my manager":
        return f"{cast.manager.name} ({source})"
    function = source.removeprefix("peer in ")
    peer = next((p for p in cast.peers if p.role == function), None)
    return f"{peer.name} ({source})" if peer is not None and function != source else source


def _coach_notes(rng: random.Random, words: Writing, level: Level, ctx: Context) -> tuple[str, str]:
    topic = rng.choice(words.coach_topics[level])
    sentences = rng.sample(words.coach_points[level], rng.randint(1, 3))
    if rng.random() < 0.5:
        sentences.insert(0, rng.choice(words.coach_generic))
    if rng.random() < 0.6:
        sentences.append(rng.choice(words.coach_homework))
    if len(sentences) == 1:
        sentences.append(rng.choice(words.coach_homework))
    title = rng.choice(words.coach_titles).format(topic=topic)
    return title, fill(sentences, ctx)


def _free(rng: random.Random, words: Writing, ctx: Context) -> tuple[str, str]:
    sentences = rng.sample(words.free_sentences, rng.randint(2, 6))
    return rng.choice(words.free_titles).format_map(ctx), fill(sentences, ctx)


def make_entries(
    rng: random.Random, text: SampleText, cast: Cast, count: int, start: date, tz: tzinfo
) -> tuple[Entry, ...]:
    """``count`` entries over the span that begins at ``start``, oldest first."""
    words, tags = text.writing, text.people.level_tags
    general = text.people.general_tags
    entries: list[Entry] = []
    for day, hour, minute in _entry_slots(rng, count, start):
        progress = day / SPAN_DAYS
        kind = rng.choices(_KINDS, cum_weights=_KIND_CUM)[0]
        level = level_at(rng, progress)
        entry_level: Level | None = level
        ctx = _context(rng, text.people, cast, progress, hour)
        conversation = ConversationFields()
        feedback = FeedbackFields()
        specific = tags[level]
        if kind is EntryKind.CONVERSATION:
            title, body, conversation, specific, level = _conversation(
                rng, text, cast, level, progress, ctx
            )
            entry_level = level
        elif kind is EntryKind.REFLECTION:
            title, body = _reflection(rng, words, level, progress, ctx)
        elif kind is EntryKind.FEEDBACK:
            title, body, feedback = _feedback(rng, words, cast, level, progress, ctx)
            specific = ("feedback", *specific)
        elif kind is EntryKind.COACH_NOTES:
            title, body = _coach_notes(rng, words, level, ctx)
            specific = ("coaching", *specific)
        else:
            title, body = _free(rng, words, ctx)
            if rng.random() < 0.4:
                entry_level, specific = None, general
        entries.append(
            Entry(
                kind=kind,
                occurred_at=local_time(start + timedelta(days=day), hour, minute, tz),
                title=title,
                body=body,
                level=entry_level,
                tags=_tags(rng, specific, general),
                share_with_coach=rng.random() < _SHARE_ODDS[kind],
                conversation=conversation,
                feedback=feedback,
            )
        )
    return tuple(entries)
