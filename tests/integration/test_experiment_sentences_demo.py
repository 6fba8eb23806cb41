"""Every conversation and piece of feedback in the demo journal, turned into an experiment
("Turn this entry into an experiment", Ctrl+E), reads as one English sentence: the one the
form previews, the experiments list shows and the coach's PDF prints. So does the sentence
made of the entry's own answers pasted into the form as they were written."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

from tests.conftest import TEST_PASSPHRASE
from tkg_journal.domain.entries import Entry, EntryKind
from tkg_journal.domain.experiments import experiment_sentence
from tkg_journal.domain.search import EntryFilter
from tkg_journal.paths import JournalPaths
from tkg_journal.services import demo, journal_access
from tkg_journal.services.experiments import Experiments
from tkg_journal.services.journal import Journal

_MAIN_JOINS = ("When ", ", instead of ", " I will ", ", and I expect ")
_DOUBLED = re.compile(r"\b(\w+)\s+\1\b", re.IGNORECASE)
_WORD = re.compile(r"[^\W\d_][\w'\u2019-]*")
# A capital after a lower-case letter or a comma and a space: the journal writes the word
# with a capital mid-sentence, so it is a name (a person, a team, "Q3", "Sales").
_MID_SENTENCE = re.compile(r"(?<=[a-z,] )[A-Z][\w'\u2019-]*")


class Words:
    """What the journal's own writing says about its words: which it writes in lower case
    (common words), and which with a capital mid-sentence (names)."""

    def __init__(self, texts: list[str]) -> None:
        self.lower = {w for text in texts for w in _WORD.findall(text) if w.islower()}
        self.names = {m[0] for text in texts for m in _MID_SENTENCE.finditer(text)}

    def is_common(self, word: str) -> bool:
        return word.lower() in self.lower and word not in self.names


@pytest.fixture
def journal(journal_paths: JournalPaths) -> Iterator[Journal]:
    created = journal_access.create(journal_paths, passphrase=TEST_PASSPHRASE)
    demo.fill(created.journal, entries=400, seed=7)
    yield created.journal
    created.journal.close()


def _texts(entry: Entry) -> tuple[str, ...]:
    return (entry.title, entry.body, *entry.conversation.texts())


def _capitalised_after(sentence: str, joins: tuple[str, ...], words: Words) -> list[str]:
    """Common words after a join that start with a capital only because their text
    started a sentence ("When The CEO", "I will Notice"); "I…", acronyms and names keep
    theirs."""
    found = []
    for join in joins:
        for at in (m.end() for m in re.finditer(re.escape(join), sentence)):
            word = _WORD.match(sentence, at)
            if word is None or not word[0][0].isupper():
                continue
            text = word[0]
            if text == "I" or text[:2] in ("I'", "I\u2019") or not text[1:2].islower():
                continue
            if words.is_common(text):
                found.append(f"{join.strip()!r} + {text!r}")
    return found


def _problems(sentence: str, joins: tuple[str, ...], words: Words) -> list[str]:
    found = []
    if len(sentence.splitlines()) != 1:
        found.append("more than one line")
    if not sentence.endswith((".", "\u2026", "?")) or sentence.endswith(".."):
        found.append("not one closing full stop")
    if re.search(r"[.!?]\s", sentence):
        found.append("a sentence ends inside")
    if ". I will" in sentence or " I will I will" in sentence:
        found.append("broken at 'I will'")
    found += [f"doubled word {m[0]!r}" for m in _DOUBLED.finditer(sentence)]
    found += [f"capital after {w}" for w in _capitalised_after(sentence, joins, words)]
    return found


def test_every_experiment_made_from_the_demo_journal_reads_as_one_sentence(
    journal: Journal,
) -> None:
    service = Experiments(journal)
    rows = journal.list_entries(EntryFilter(kinds=(EntryKind.CONVERSATION, EntryKind.FEEDBACK)))
    entries = [journal.get_entry(row.id) for row in rows]
    words = Words([text for e in entries for text in _texts(e)])
    wrong: dict[str, str] = {}
    kinds: dict[EntryKind, int] = {}
    for entry in entries:
        assert entry.id is not None
        kinds[entry.kind] = kinds.get(entry.kind, 0) + 1
        prefill = service.prefill_from_entry(entry.id)
        # What the form previews, before the leader writes the old behaviour.
        made = experiment_sentence(prefill.trigger, prefill.old_behaviour, prefill.new_response)
        assert prefill.trigger and prefill.old_behaviour == ""
        assert bool(prefill.new_response) == bool(entry.conversation.try_next)
        for problem in _problems(made, (*_MAIN_JOINS, "; "), words):
            wrong.setdefault(problem, made)
        answers = entry.conversation
        if answers.my_response:
            # Every answer pasted in as written, two sentences and all. A sentence inside
            # a part that starts with a word other than a common one keeps its capital
            # (it may be a name), so only the sentence's own joins are checked for those.
            pasted = experiment_sentence(
                answers.what_happened, answers.my_response, answers.try_next, answers.impact
            )
            for problem in _problems(pasted, _MAIN_JOINS, words):
                wrong.setdefault(problem, pasted)
    assert wrong == {}, "\n".join(f"{k}: {v}" for k, v in wrong.items())
    assert kinds.get(EntryKind.CONVERSATION, 0) > 100 and kinds.get(EntryKind.FEEDBACK, 0) > 30
