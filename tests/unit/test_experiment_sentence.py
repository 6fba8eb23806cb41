"""The experiment's sentence reads as one English sentence however its parts were typed:
capitals and full stops from copied prose, two sentences in one box, the sentence's own
words typed again ("When when", "I will I'll"), names and acronyms that keep their
capitals."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tkg_journal.domain.experiment_sentence import (
    Part,
    experiment_sentence,
    first_sentence,
    shape_part,
)


@pytest.mark.parametrize(
    ("parts", "sentence"),
    [
        (  # the case: prose copied from an entry, capitals and full stops
            ("Sam questioned my numbers.", "Defending every figure.",
             "Notice the urge. Wait a day.", "It goes better than last time."),
            "When Sam questioned my numbers, instead of defending every figure I will notice "
            "the urge; wait a day, and I expect it goes better than last time.",
        ),
        (  # the sentence's own words, typed again
            ("When Sam asks for a date", "Instead of guessing one", "I will ask for a day",
             "I expect a better date"),
            "When Sam asks for a date, instead of guessing one I will ask for a day, "
            "and I expect a better date.",
        ),
        (
            ("whenever, when the CFO pushes", "instead of instead of folding",
             "I'll, I will check the numbers", "and I expect I expect fewer surprises!"),
            "When the CFO pushes, instead of folding I will check the numbers, "
            "and I expect fewer surprises.",
        ),
        (  # "I", acronyms and names keep their capitals; "The", "My" and "-ing" do not
            ("HR asks for the numbers", "I'm defensive", "I'd tell Priya first",
             "My manager hears it from me"),
            "When HR asks for the numbers, instead of I'm defensive I will tell Priya first, "
            "and I expect my manager hears it from me.",
        ),
        (
            ("The CEO asks in public", "Arguing on the spot", "Thank Grace for the question",
             "Grace relaxes"),
            "When the CEO asks in public, instead of arguing on the spot I will thank Grace "
            "for the question, and I expect Grace relaxes.",
        ),
        (  # "I will Notice": the capital came from the typed "I will", not from a name
            ("Sam pushes back", "defending", "I will Notice the urge", ""),
            "When Sam pushes back, instead of defending I will notice the urge.",
        ),
        (  # a full stop that ends no sentence; a quotation that asks inside the sentence
            ("Dr. Ng asks about cost, e.g. the cloud bill", "Listing excuses.",
             'Ask "what worries you most?" before answering.', ""),
            "When Dr. Ng asks about cost, e.g. the cloud bill, instead of listing excuses "
            'I will ask "what worries you most?" before answering.',
        ),
        (  # lines and bullets are sentences too; a quotation's full stop goes
            ("A report misses a deadline\nagain", '"Fine." Then silence.',
             "- Name it\n- Agree a date\n", "they know where they stand"),
            "When a report misses a deadline; again, instead of \"Fine\"; then silence "
            "I will name it; agree a date, and I expect they know where they stand.",
        ),
        (  # "Don't" after "I will"; a closing "I" or "I will" is the sentence's own
            ("Sam interrupts", "going quiet. I", "Don't wait. Do not apologise.", ""),
            "When Sam interrupts, instead of going quiet I will not wait; not apologise.",
        ),
        (  # a question ends the sentence only at its end
            ("Sam asks why?", "guessing", "ask what he means?", ""),
            "When Sam asks why, instead of guessing I will ask what he means?",
        ),
        (
            ("Sam asks", "guessing", "ask what he means?", "Will it help?"),
            "When Sam asks, instead of guessing I will ask what he means, "
            "and I expect Will it help?",
        ),
        (  # what is missing shows as such, nothing more
            ("When.", "Instead of", "I will.", "I expect"),
            "When \u2026, instead of \u2026 I will \u2026",
        ),
    ],
)
def test_parts_join_into_one_sentence(parts: tuple[str, str, str, str], sentence: str) -> None:
    assert experiment_sentence(*parts) == sentence


def test_first_sentence_is_the_event_without_its_background() -> None:
    assert first_sentence("Sam pushed back. The team was there.") == "Sam pushed back"
    assert first_sentence("\n\nDr. Ng asked twice!\nThen left") == "Dr. Ng asked twice"
    assert first_sentence("  ...  ") == ""


def test_a_part_is_shaped_for_its_place_with_the_names_it_is_given() -> None:
    assert shape_part("Sam gets the first word.", Part.NEW) == "sam gets the first word"
    names = frozenset({"Sam"})
    assert shape_part("Sam gets the first word.", Part.NEW, names=names) == (
        "Sam gets the first word"
    )
    assert shape_part("When Sam asks. Then Kofi.", Part.TRIGGER) == "Sam asks; then Kofi"


# --- any text at all ---------------------------------------------------------------------

_JOIN_DOUBLED = re.compile(
    r"^When (?:when|whenever)\b|\binstead of (?:instead|of|rather than)\b"
    r"|\bI will (?:I|will)\b|\b(?:I|will) I will\b|\bI expect (?:I expect|expect|and)\b",
    re.IGNORECASE,
)


def _one_sentence_problems(sentence: str) -> list[str]:
    found = []
    if len(sentence.splitlines()) != 1:
        found.append("more than one line")
    if ". I will" in sentence:
        found.append('". I will"')
    if _JOIN_DOUBLED.search(sentence):
        found.append(f"doubled at a join: {_JOIN_DOUBLED.search(sentence)}")
    return found


# Any text, and text made of the pieces that trip a sentence up, in any order.
_PIECES = ["I", "will", "I will", "I'll", "When", "when", "instead of", "expect", "e.g.", "Dr.",
           "Sam", "sam", "HR", "The", "ask", ".", "!", "?", "…", ";", ",", '"', "'", "(", ")",
           "-", "1)", "\n", "\u2028", " ", "  "]
_TEXT = st.one_of(
    st.text(),
    st.lists(st.sampled_from(_PIECES), max_size=12).flatmap(
        lambda pieces: st.sampled_from(["", " "]).map(lambda gap: gap.join(pieces))
    ),
)


@given(_TEXT, _TEXT, _TEXT, _TEXT)
def test_any_text_gives_one_line_without_a_stop_before_i_will(
    trigger: str, old: str, new: str, prediction: str
) -> None:
    sentence = experiment_sentence(trigger, old, new, prediction)
    assert sentence.startswith("When ")
    assert ". I will" not in sentence
    assert len(sentence.splitlines()) == 1


_PLAIN = st.lists(
    st.sampled_from(["sam", "pushes", "back", "the", "plan", "ask", "a", "question", "Priya",
                     "HR", "calm", "first"]),
    min_size=0, max_size=4,
).map(" ".join)
_BREAKS = st.sampled_from(["", ".", "!", "?", ". ", ".\n", "\n", "…", ";", ",", " "])


def _part(lead_ins: list[str], tails: list[str]) -> st.SearchStrategy[str]:
    """Text that repeats the sentence's words at the join, in any case and number."""
    words = st.lists(st.sampled_from(lead_ins), max_size=3).map(" ".join)
    cased = words.flatmap(lambda w: st.sampled_from([w, w.upper(), w.capitalize()]))
    return st.tuples(cased, _BREAKS, _PLAIN, _BREAKS, _PLAIN, st.sampled_from(tails)).map(
        lambda bits: " ".join(b for b in bits if b)
    )


@given(
    _part(["when", "whenever", "When"], ["", "."]),
    _part(["instead of", "Instead of", "of", "rather than"], ["", "I", "I will", "."]),
    _part(["I will", "I'll", "i will", "will", "I"], ["", ".", "?"]),
    _part(["I expect", "and I expect", "expect", "and"], ["", ".", "!"]),
)
def test_the_sentences_own_words_are_never_said_twice(
    trigger: str, old: str, new: str, prediction: str
) -> None:
    sentence = experiment_sentence(trigger, old, new, prediction)
    assert _one_sentence_problems(sentence) == [], sentence


@given(_TEXT, st.sampled_from(list(Part)))
def test_shaping_twice_changes_nothing(text: str, part: Part) -> None:
    # The form is filled with shaped parts, and the sentence shapes them again.
    once = shape_part(text, part)
    assert shape_part(once, part) == once
    assert len(once.splitlines()) <= 1
