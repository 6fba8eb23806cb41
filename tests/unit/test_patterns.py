"""The pattern computations on hand-made rows: names, feelings, trends, people, triggers,
experiments' effects and root hints; and free text that never breaks them."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tkg_journal.domain.experiment_effects import (
    AttemptTally,
    ConversationText,
    ExperimentFacts,
    effects,
)
from tkg_journal.domain.experiments import ExperimentStatus
from tkg_journal.domain.feelings import Feeling, FeelingGroup, group_of, parse_feelings
from tkg_journal.domain.levels import Level
from tkg_journal.domain.pattern_text import (
    StemFinder,
    person_key,
    person_names,
    phrases,
    stem,
    word_stems,
)
from tkg_journal.domain.patterns import (
    MonthIndex,
    PatternRow,
    TrendDirection,
    feelings,
    people,
    trend,
)
from tkg_journal.domain.root_hints import HintEvidence, HintReason, root_hints, window_words
from tkg_journal.domain.triggers import SituationText, recurring_triggers

DAY0 = 2461000.0  # a Julian day; rows count days from it
START = date(2026, 1, 1)


def day_of(d: date) -> float:
    return DAY0 + (d - START).days


MONTHS = MonthIndex([(day_of(date(2026, m, 1)), date(2026, m, 1)) for m in range(1, 13)])


def talk(i: int, day: int, who: str, intensity: int | None, feeling: str = "",
         level: int | None = 2) -> PatternRow:
    return (i, "conversation", DAY0 + day, level, who, feeling, intensity, None)


def feedback_row(i: int, day: int, who: str, sentiment: int, level: int | None = 2) -> PatternRow:
    return (i, "feedback", DAY0 + day, level, who, "", None, sentiment)


# --- names ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "names"),
    [
        ("Sam (CFO)", ("Sam",)),
        ("  sam  ", ("sam",)),
        ("Priya (engineer, direct report)", ("Priya",)),
        ("Omar, head of Finance", ("Omar",)),
        ("Nadia, my manager (COO)", ("Nadia",)),
        ("Sam and Priya", ("Sam", "Priya")),
        ("Sam, Priya & Omar", ("Sam", "Priya", "Omar")),
        ("with Sam", ("Sam",)),
        ('"Sam"', ("Sam",)),
        ("(CFO)", ()),
        ("Sam (CFO", ("Sam",)),
        ("", ()),
        ("my leadership team", ("my leadership team",)),
    ],
)
def test_names_lose_roles_and_split_at_joiners(who: str, names: tuple[str, ...]) -> None:
    assert person_names(who) == names


def test_spellings_that_differ_in_case_and_spaces_are_one_person() -> None:
    assert person_key(" SAM ") == person_key("sam") == person_key("Sam")
    assert person_key("Sam  Lee") == person_key("sam lee")


@given(st.text())
def test_any_who_answer_gives_names_without_crashing(text: str) -> None:
    for name in person_names(text):
        assert name and name == name.strip()
        assert len(name) <= 60


# --- feelings -------------------------------------------------------------------------------


def test_feelings_are_read_from_phrases_and_grouped() -> None:
    found = parse_feelings("Frustrated, a bit anxious; my chest went tight")
    assert [(f.word, f.group) for f in found] == [
        ("frustrated", FeelingGroup.ANGER),
        ("anxious", FeelingGroup.FEAR),
    ]


@pytest.mark.parametrize(
    ("word", "group"),
    [("irritated", "anger"), ("annoyed", "anger"), ("nervous", "fear"), ("worried", "fear"),
     ("disappointed", "sadness"), ("embarrassed", "shame"), ("guilty", "shame"),
     ("relieved", "calm"), ("proud", "joy")],
)
def test_synonyms_fall_into_their_group(word: str, group: str) -> None:
    assert group_of(word) == FeelingGroup(group)


def test_unknown_words_are_kept_and_descriptions_left_out() -> None:
    assert [(f.word, f.group) for f in parse_feelings("Cornered. Wobbly")] == [
        ("cornered", FeelingGroup.FEAR),
        ("wobbly", None),
    ]
    assert parse_feelings("my face went hot") == ()


def test_denied_feelings_and_stopwords_do_not_count() -> None:
    assert [f.word for f in parse_feelings("not angry, just very tired")] == ["tired"]
    assert parse_feelings("a bit, really, so") == ()


def test_phrases_of_several_words_are_matched_first() -> None:
    assert [f.word for f in parse_feelings("Angry, then a sinking feeling")] == [
        "angry",
        "sinking feeling",
    ]


@given(st.text())
def test_any_felt_answer_parses_without_crashing(text: str) -> None:
    for feeling in parse_feelings(text):
        assert feeling.word and feeling.word == feeling.word.casefold()


_FELT_PARTS = st.sampled_from([
    "frustrated", "a bit anxious", "not angry", "angry", "small", "my face went hot",
    "relieved", "Cornered", "not very angry", "wobbly", "", "so", "hurt",
])


@given(st.lists(st.lists(_FELT_PARTS, max_size=4).map(", ".join) | st.text(max_size=40),
                max_size=12))
def test_remembering_parts_across_answers_changes_no_answer(texts: list[str]) -> None:
    parts: dict[str, tuple[Feeling, ...]] = {}
    for text in texts:
        assert parse_feelings(text, parts) == parse_feelings(text)


def test_feelings_are_counted_per_entry_with_their_intensity() -> None:
    rows = [
        talk(1, 0, "Sam", 8, "Frustrated, annoyed"),
        talk(2, 1, "Sam", 4, "frustrated"),
        talk(3, 2, "Priya", None, "Wobbly"),
        feedback_row(4, 3, "Sam", -1),
    ]
    words, groups = feelings(rows)
    by_word = {w.word: w for w in words}
    assert by_word["frustrated"].count == 2 and by_word["frustrated"].mean_intensity == 6
    assert by_word["wobbly"].group is None and by_word["wobbly"].mean_intensity is None
    anger = next(g for g in groups if g.group is FeelingGroup.ANGER)
    assert anger.count == 2  # entry 1 names two anger words: it counts once
    assert [g.group for g in groups] == list(FeelingGroup)


# --- trends and people ----------------------------------------------------------------------


def test_trend_compares_halves_and_fits_a_slope_per_month() -> None:
    month = 365.2425 / 12
    falling = trend([(i * month, 8 - i) for i in range(6)])  # one point less per month
    assert falling.first_half == 7.0 and falling.second_half == 4.0
    assert falling.change == -3.0
    assert falling.slope_per_month == pytest.approx(-1.0)
    assert falling.direction is TrendDirection.CALMER
    rising = trend([(0, 2), (10, 2), (20, 6), (30, 7)])
    assert rising.direction is TrendDirection.MORE_INTENSE and rising.slope_per_month > 0
    steady = trend([(0, 5), (10, 6), (20, 5), (30, 6)])
    assert steady.direction is TrendDirection.STEADY


def test_a_short_series_has_no_direction() -> None:
    assert trend([]).first_half is None
    assert trend([(0, 5)]).change is None
    three = trend([(0, 9), (1, 5), (2, 1)])
    assert three.change == -8 and three.direction is None
    same_day = trend([(3, 9), (3, 1)])
    assert same_day.slope_per_month is None


def test_people_are_merged_across_spellings_and_counted() -> None:
    rows = [
        talk(1, 0, "Sam (CFO)", 8, "angry", level=2),
        talk(2, 20, "sam", 7, "Angry, anxious", level=2),
        talk(3, 40, " Sam ", 3, "calm", level=1),
        talk(4, 70, "Sam, finance", 2, "relieved", level=2),
        talk(5, 71, "Priya and Sam", 5, "tense", level=3),
        feedback_row(6, 72, "Sam (CFO)", -2, level=2),
        talk(7, 73, "(nobody)", 5),
    ]
    found = people(rows, MONTHS)
    sam = found[0]
    assert sam.name == "Sam" and sam.key == "sam"
    assert sam.conversations == 5 and sam.feedback == 1
    assert sam.entry_ids == (1, 2, 3, 4, 5, 6)
    assert {(c.level, c.count) for c in sam.levels} == {
        (Level.FOUNDATION, 1), (Level.GROWTH, 4), (Level.EMPOWERMENT, 1)}
    assert sam.main_level is Level.GROWTH
    assert sam.feelings[0].word == "angry" and sam.feelings[0].count == 2
    assert sam.trend.first_half == 7.5 and sam.trend.second_half == 3.5
    assert sam.trend.direction is TrendDirection.CALMER
    assert [(m.month, m.conversations, m.mean_intensity) for m in sam.months] == [
        (date(2026, 1, 1), 2, 7.5), (date(2026, 2, 1), 1, 3.0), (date(2026, 3, 1), 2, 3.5)]
    assert sam.mean_sentiment == -2
    assert [p.name for p in found] == ["Sam", "Priya"]


@given(st.lists(st.tuples(st.text(max_size=40), st.integers(0, 10) | st.none(),
                          st.text(max_size=40)), max_size=30))
def test_people_and_feelings_never_crash_on_free_text(
    answers: list[tuple[str, int | None, str]]
) -> None:
    rows = [talk(i, i, who, intensity, felt) for i, (who, intensity, felt) in enumerate(answers)]
    for person in people(rows, MONTHS):
        assert person.conversations >= 1
    feelings(rows)


# --- triggers -------------------------------------------------------------------------------


def test_stems_let_word_forms_meet() -> None:
    assert stem("misses") == stem("missed") == stem("missing") == stem("miss")
    assert stem("meetings") == stem("meeting")
    assert "miss commitment" in phrases("after a missed commitment")


def test_recurring_situations_need_two_texts_and_drop_names() -> None:
    texts = [
        SituationText(1, "a direct report misses a commitment", attempt=False),
        SituationText(1, "1:1 with Priya after a missed commitment", attempt=True),
        SituationText(2, "Priya missed the commitment again", attempt=True),
        SituationText(2, "Budget meeting with Finance", attempt=True),
    ]
    found = recurring_triggers(texts, exclude=frozenset({"priya"}))
    # "misses a", "missed a", "missed the": one phrase, shown as most often written; its
    # single words recur no more often than it does, so they are not listed apart.
    assert [(t.phrase, t.count, t.attempts, t.experiment_ids) for t in found] == [
        ("missed commitment", 3, 2, (1, 2)),
    ]


@given(st.lists(st.text(max_size=80), max_size=20))
def test_any_situation_text_gives_triggers_without_crashing(texts: list[str]) -> None:
    found = recurring_triggers([SituationText(1, t, attempt=True) for t in texts])
    assert all(t.count >= 2 for t in found)


# Letters, the joiners inside words, and characters whose case folding changes length.
_WORDY = st.text(alphabet=st.sampled_from(list("aeimnst'\u2019- .,ÉéßİﬁΣς1²½\u0131")), max_size=40)


@given(st.lists(_WORDY, max_size=12), st.lists(_WORDY, max_size=6))
def test_the_stem_finder_finds_what_word_stems_finds(texts: list[str], words: list[str]) -> None:
    # StemFinder is word_stems(text) & wanted with each word stemmed once: the same answer
    # for every text, in any order, whatever it saw before.
    wanted = frozenset(stem(w) for w in words)
    wanted |= {s for text in texts[:2] for s in word_stems(text)}
    find = StemFinder(wanted)
    for text in [*texts, *reversed(texts)]:
        assert find(text) == word_stems(text) & wanted


@given(st.lists(st.tuples(st.integers(-40, 400) | st.just(-DAY0), st.integers(0, 10)),
                max_size=25))
def test_months_are_right_for_rows_in_any_order(points: list[tuple[int, int]]) -> None:
    # _person looks a month up only when a row leaves the last one's span: rows out of time
    # order (a damaged date reads as day 0, anywhere in the list) must still land right.
    rows = [talk(i, day, "Sam", intensity) for i, (day, intensity) in enumerate(points)]
    expected: dict[date, list[int]] = {}
    for row in rows:
        month = MONTHS.month_of(row[2])
        if month is not None:
            expected.setdefault(month, []).append(row[6] or 0)
    found = people(rows, MONTHS)
    assert len(found) == (1 if rows else 0)
    assert not rows or [(m.month, m.conversations, m.mean_intensity) for m in found[0].months] == [
        (month, len(seen), sum(seen) / len(seen)) for month, seen in sorted(expected.items())
    ]


# --- experiments ----------------------------------------------------------------------------


def conversation(i: int, d: date, who: str, intensity: int, what: str = "") -> ConversationText:
    return (i, day_of(d), who, intensity, what)


def facts(start: date, trigger: str = "I disagree with a proposal", *texts: str,
          source_who: str = "") -> ExperimentFacts:
    return ExperimentFacts(
        experiment_id=7, title="Raise it early", level=Level.GROWTH,
        status=ExperimentStatus.ACTIVE, start=start, trigger=trigger, texts=texts,
        source_who=source_who, attempts=AttemptTally(yes=2, no=1, mean_outcome=1.0))


def test_an_experiment_with_calmer_conversations_changed_something() -> None:
    start = date(2026, 3, 1)
    rows = [conversation(i, start - timedelta(days=40 - i), "Sam (CFO)", 8) for i in range(4)]
    rows += [conversation(10 + i, start + timedelta(days=5 + i), "sam", 3) for i in range(4)]
    rows += [conversation(20, start + timedelta(days=6), "Priya", 9)]  # someone else
    found = effects([facts(start, "a report misses a deadline", "1:1 with Sam")], rows,
                    day_start=day_of, today=date(2026, 6, 1))
    effect = found[0]
    assert effect.people == ("Sam",)
    assert effect.before.conversations == 4 and effect.before.mean_intensity == 8
    assert effect.since.conversations == 4 and effect.since.mean_intensity == 3
    assert effect.change == -5 and effect.changed_something
    assert effect.attempts.total == 3


def test_trigger_words_match_conversations_and_thin_windows_say_nothing() -> None:
    start = date(2026, 3, 1)
    rows = [
        conversation(2, start - timedelta(days=200), "Omar", 9, "missed deadline"),  # too early
        conversation(1, start - timedelta(days=3), "Omar", 8, "Omar missed the deadline again"),
        conversation(3, start + timedelta(days=3), "Lee", 2, "Lee missed a deadline"),
        conversation(4, start + timedelta(days=4), "Lee", 2, "a deadline, nothing missed"),
        conversation(5, start + timedelta(days=5), "Lee", 9, "the budget"),  # not about it
    ]
    effect = effects([facts(start, "someone misses a deadline")], rows, day_start=day_of,
                     today=date(2026, 6, 1))[0]
    assert effect.before.entry_ids == (1,)
    assert effect.since.entry_ids == (3, 4)
    assert effect.change is None and not effect.changed_something  # too few to compare


def test_an_experiment_not_started_yet_is_left_out() -> None:
    assert effects([facts(date(2026, 7, 1))], [], day_start=day_of, today=date(2026, 6, 1)) == ()


# --- root hints -----------------------------------------------------------------------------

TODAY = date(2026, 3, 31)


def evidence(frictions: list[tuple[int, Level]], ratings: dict[Level, list[int]] | None = None,
             entries: dict[Level, int] | None = None) -> HintEvidence:
    return HintEvidence(
        since=TODAY - timedelta(days=90), until=TODAY, today=TODAY, frictions=frictions,
        entries=entries or {Level.FOUNDATION: 20, Level.GROWTH: 20},
        ratings=ratings or {})


def test_a_hint_names_the_friction_level_and_the_weak_root() -> None:
    frictions = [(i, Level.GROWTH) for i in range(30, 24, -1)]
    hints = root_hints(evidence(frictions, {Level.FOUNDATION: [7, 6, 5]}))
    assert len(hints) == 1
    hint = hints[0]
    assert hint.text == (
        "Most friction in the last 3 months shows at Growth (communication); your "
        "Foundation rating fell from 7 to 5: the root may be self-awareness."
    )
    assert (hint.friction_level, hint.root_level, hint.reason) == (
        Level.GROWTH, Level.FOUNDATION, HintReason.RATING_FELL)
    assert hint.entry_ids == (30, 29, 28, 27, 26, 25) and hint.frictions == 6


def test_a_low_rating_or_few_entries_below_also_make_a_hint() -> None:
    frictions = [(i, Level.EMPOWERMENT) for i in range(6)]
    low = root_hints(evidence(frictions, {Level.GROWTH: [4]},
                              {Level.FOUNDATION: 9, Level.GROWTH: 9, Level.EMPOWERMENT: 9}))
    assert low[0].reason is HintReason.RATING_LOW and low[0].root_level is Level.GROWTH
    assert "you rate Growth 4 of 10" in low[0].text
    few = root_hints(evidence(frictions, {}, {Level.FOUNDATION: 1, Level.EMPOWERMENT: 12}))
    assert few[0].reason is HintReason.FEW_ENTRIES and few[0].root_level is Level.FOUNDATION
    assert "you wrote 1 entry at Foundation against 12 entries at Empowerment" in few[0].text


def test_hints_are_silent_when_the_evidence_is_thin() -> None:
    weak = {Level.FOUNDATION: [8, 3]}
    assert root_hints(evidence([(i, Level.GROWTH) for i in range(4)], weak)) == ()
    # Enough frictions, but spread thin: no level holds five.
    spread = [(i, Level(2 + i % 3)) for i in range(9)]
    assert root_hints(evidence(spread, weak)) == ()
    # Enough friction, nothing weak below it.
    steady = {Level.FOUNDATION: [7, 7]}
    assert root_hints(evidence([(i, Level.GROWTH) for i in range(9)], steady)) == ()
    # Friction at the foundation itself: no lower level to point at.
    assert root_hints(evidence([(i, Level.FOUNDATION) for i in range(9)], weak)) == ()


def test_never_more_than_three_hints_and_one_per_root() -> None:
    frictions = [(i, Level(2 + i % 4)) for i in range(40)]
    ratings = {Level.FOUNDATION: [8, 3], Level.GROWTH: [8, 3], Level.EMPOWERMENT: [8, 3],
               Level.GUIDANCE: [8, 3]}
    hints = root_hints(evidence(frictions, ratings))
    assert len(hints) == 1  # every level's root is the weak foundation: said once
    distinct = root_hints(evidence(frictions, {Level.GROWTH: [2], Level.FOUNDATION: [9]},
                                   {lv: 10 for lv in Level}))
    assert len(distinct) <= 3
    assert len({h.root_level for h in distinct}) == len(distinct)


def test_the_window_reads_as_words() -> None:
    assert window_words(date(2026, 1, 1), TODAY, TODAY) == "in the last 3 months"
    assert window_words(date(2026, 3, 25), TODAY, TODAY) == "in the last 7 days"
    assert window_words(date(2025, 1, 1), date(2025, 3, 31), TODAY) == (
        "from 2025-01-01 to 2025-03-31")
