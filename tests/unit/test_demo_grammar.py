"""The sample journal reads as written English: no doubled words ("the the billing
migration", "hiring plan plan"), no broken articles ("a the", "a Operations initiative",
"an plan"), no unfilled ``{slot}`` and no stray spaces, in every kind of text it makes
and in every template of ``resources/sample`` with every value its slots can take."""

from __future__ import annotations

import re
import string
from collections.abc import Iterator, Mapping
from dataclasses import fields, is_dataclass
from datetime import date
from zoneinfo import ZoneInfo

import pytest

from tkg_journal.domain.experiments import experiment_sentence
from tkg_journal.services.demo_data import DemoJournal, generate
from tkg_journal.services.demo_text import SLOTS, sample_text

# --- the checker ----------------------------------------------------------------------

_DOUBLED = re.compile(r"\b(\w+)\s+\1\b", re.IGNORECASE)
_DETERMINER = r"the|a|an|my|our|your|their|his|her|its|this|that|these|those|some|any"
# An article is a word of its own: not the "A" of "Q&A" or "Plan-A".
_WORD_START = r"(?<![\w&'\u2019-])"
_BROKEN = re.compile(
    rf"{_WORD_START}(?:a|an)\s+(?:{_DETERMINER})\b|\bthe\s+(?:a|an|my|our|their)\b", re.I
)
_ARTICLE = re.compile(rf"{_WORD_START}(a|an)\s+([\w'\u2019%:-]+)", re.IGNORECASE)
_LOWER_SENTENCE = re.compile(r"[.!?]\s+[a-z]")
# Spelling is not sound: these take the other article than their first letter suggests.
_A_BEFORE_VOWEL = frozenset({"one", "once", "user", "useful", "usual", "unique", "unit", "union"})
_AN_BEFORE_CONSONANT = frozenset({"hour", "hours", "honest", "honour", "heir"})
_SAID_AS_A_WORD = frozenset({"SOC", "NASA", "OKR"})  # acronyms not spelt out letter by letter
_LETTERS_SAID_WITH_A_VOWEL = "AEFHILMNORSX"  # "an HR partner", "an MBA"


def _wants_an(word: str) -> bool:
    head = word.split("-")[0]
    number = re.match(r"\d+", head)
    if number:  # "an 8-week plan", "an 11pm call", "an 18% cut", "a 1:1"
        return number[0].startswith("8") or number[0] in ("11", "18")
    if len(head) > 1 and head.isupper() and head not in _SAID_AS_A_WORD:
        return head[0] in _LETTERS_SAID_WITH_A_VOWEL
    lower = head.lower()
    if lower in _A_BEFORE_VOWEL:
        return False
    return lower in _AN_BEFORE_CONSONANT or lower[:1] in "aeiou"


def problems(text: str) -> list[str]:
    """What reads wrong in ``text``, each as the words at fault."""
    found = [f"doubled word: {m[0]!r}" for m in _DOUBLED.finditer(text)]
    found += [f"broken article: {m[0]!r}" for m in _BROKEN.finditer(text)]
    for m in _ARTICLE.finditer(text):
        article, word = m[1].lower(), m[2]
        if word.lower() not in _DETERMINER.split("|") and (article == "an") != _wants_an(word):
            found.append(f"wrong article: {m[0]!r}")
    found += [f"sentence starts in lower case: {m[0]!r}" for m in _LOWER_SENTENCE.finditer(text)]
    if "{" in text or "}" in text:
        found.append("unfilled slot")
    if text != " ".join(text.split()):
        found.append("stray white space")
    return found


@pytest.mark.parametrize(
    "bad",
    [
        "I caught myself rewriting the the hiring plan plan that Leila owns.",
        "Mei was late with a the customer portal milestone",
        "Aisha presented it as a Operations initiative.",
        "We agreed an plan.",
        "It took a hour.",
        "an 5% cut, a 8-week plan",
        "a HR business partner",
        "I agreed to step out of the weekly meeting. the team said nothing",
        "Finished {project} early.",
        "The learning. ",
    ],
)
def test_the_checker_finds_what_reads_wrong(bad: str) -> None:
    assert problems(bad)


@pytest.mark.parametrize(
    "good",
    [
        "A user and an hour in a 1:1 on a one-page plan, an 18-month plan and a useful talk.",
        "An annoying reply-all about the SOC 2 audit from a SOC team and an HR partner.",
        "No: a QA lead, an engineer, a CEO and an update.",
    ],
)
def test_the_checker_passes_good_english(good: str) -> None:
    assert problems(good) == [], problems(good)


# --- every kind of generated text -----------------------------------------------------


def _texts(journal: DemoJournal) -> Iterator[tuple[str, str]]:
    """(where, text) for every text the journal holds, of every kind."""
    for entry in journal.entries:
        yield from (("entry title", entry.title), ("entry body", entry.body))
        yield from (("guided answer", text) for text in entry.conversation.texts())
        yield "feedback source", entry.feedback.source
    for item in journal.experiments:
        x = item.experiment
        yield "experiment title", x.title
        for name in ("success_criteria", "learning", "abandon_reason"):
            yield f"experiment {name}", getattr(x, name)
        sentence = experiment_sentence(x.trigger, x.old_behaviour, x.new_response, x.prediction)
        yield "experiment sentence", sentence
        for attempt in item.attempts:
            yield from (("attempt situation", attempt.situation), ("attempt note", attempt.note))
    yield from (("rating note", checkin.note) for checkin in journal.checkins)
    for session in journal.sessions:
        yield from (("session topics", session.topics), ("session notes", session.notes))
        yield from (("commitment", c.text) for c in session.commitments)


@pytest.mark.parametrize("seed", [1, 7, 42, 2026])
def test_a_generated_journal_reads_cleanly(seed: int) -> None:
    journal = generate(entries=1500, seed=seed, today=date(2026, 11, 24), tz=ZoneInfo("UTC"))
    seen: dict[str, int] = {}
    wrong: dict[str, str] = {}
    for where, text in _texts(journal):
        seen[where] = seen.get(where, 0) + 1
        for problem in problems(text):
            wrong.setdefault(problem, f"{where}: {text}")
    assert wrong == {}
    kinds = {"entry body", "guided answer", "attempt note", "commitment", "experiment sentence"}
    assert kinds <= set(seen) and sum(seen.values()) > 10_000


# --- every template with every slot value ---------------------------------------------


def _strings(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif is_dataclass(value) and not isinstance(value, type):
        for field in fields(value):
            yield from _strings(getattr(value, field.name))
    elif isinstance(value, Mapping):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, tuple):
        for item in value:
            yield from _strings(item)


def _slot_values() -> dict[str, tuple[str, ...]]:
    people, writing = sample_text().people, sample_text().writing
    sources = writing.sources["any"]
    return {
        "name": people.first_names,
        "project": people.projects,
        "other": people.projects,
        "meeting": people.meetings,
        "When": tuple(when for group in people.when for when in group),
        "func": people.peer_functions,
        "nth": people.nth,
        "pct": people.pct,
        # The few templates filled in by the generator with values of its own.
        "role": (*people.report_roles, *people.peer_functions, *people.manager_roles),
        "speaker": tuple(f"my {s}" if s.startswith("peer") else s for s in sources),
        "about": tuple(r.topic for tones in writing.remarks.values() for rs in tones for r in rs),
        "topic": tuple(topic for topics in writing.coach_topics.values() for topic in topics),
        "title": ("Coach, don't tell",),
        "round": ("2",),
    }


def _expansions(template: str, values: Mapping[str, tuple[str, ...]]) -> Iterator[str]:
    """The template with each value of each slot in turn (the others at their first)."""
    slots = {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}
    first = {slot: values[slot][0] for slot in slots}
    yield template.format_map(first)
    for slot in slots:
        for value in values[slot][1:]:
            yield template.format_map({**first, slot: value})


def test_every_template_reads_cleanly_with_every_slot_value() -> None:
    values = _slot_values()
    templates = set(_strings(sample_text()))
    assert len(templates) > 900
    wrong: dict[str, str] = {}
    for template in sorted(templates):
        used = {name for _, name, _, _ in string.Formatter().parse(template) if name}
        assert used <= set(values), f"unknown slot in {template!r}"
        for text in _expansions(template, values):
            for problem in problems(text):
                wrong.setdefault(problem, text)
    assert wrong == {}


def test_every_entry_slot_is_known() -> None:
    assert set(_slot_values()) >= SLOTS


def test_whole_noun_phrase_slots_stand_alone() -> None:
    """``{project}`` and ``{meeting}`` are whole noun phrases ("the billing migration"), so a
    template must not put an article or a modifier before them: "the {project} plan" read
    "the the hiring plan plan", "the weekly {project} meeting" "the weekly the ... meeting"."""
    before = re.compile(r"\b(?:the|a|an)\s+(?:\w+\s+)?\{(?:project|other|meeting)\}", re.I)
    misused = [t for t in _strings(sample_text()) if before.search(t)]
    assert misused == []
