"""Search snippets built in Python: the words around a hit, matches marked, cut ends '…'.

They replace FTS5's ``snippet()`` (whose cost grows with the square of the hits in one
text), so the ordinary cases are checked against what ``snippet()`` itself printed.
"""

from __future__ import annotations

import re

import sqlcipher3
from hypothesis import given, settings
from hypothesis import strategies as st

from tkg_journal.domain.search import MATCH_END, MATCH_START, highlight
from tkg_journal.domain.snippets import (
    MAX_SNIPPET_CHARS,
    MAX_TOKEN_CHARS,
    SNIPPET_TOKENS,
    best_snippet,
    fold,
    snippet,
)
from tkg_journal.domain.text_rules import MAX_TEXT_CHARS
from tkg_journal.storage.search_repository import MAX_QUERY_WORDS, fts_query, query_words


def shown(text: str) -> str:
    return highlight(text, "[", "]")


def test_matched_words_are_marked_whole_and_a_short_text_is_shown_whole() -> None:
    assert shown(snippet("we spoke about delegation at length", ["delegat"])) == (
        "we spoke about [delegation] at length"
    )


def test_every_match_in_the_window_is_marked_ignoring_case_and_accents() -> None:
    text = "Café first, then the CAFE again and a cafeteria"
    assert shown(snippet(text, ["café"])) == "[Café] first, then the [CAFE] again and a [cafeteria]"


def test_several_query_words_are_all_marked() -> None:
    assert shown(snippet("I trust my team with the budget", ["team", "trust"])) == (
        "I [trust] my [team] with the budget"
    )


def test_a_word_only_containing_the_query_is_not_a_match() -> None:
    assert shown(snippet("distrust is not trust", ["trust"])) == "distrust is not [trust]"


def test_a_cut_text_gets_an_ellipsis_at_each_cut_end() -> None:
    words = [f"w{i}" for i in range(40)]
    text = " ".join([*words[:20], "budget", *words[20:]])
    result = snippet(text, ["budget"])
    assert result.startswith("…") and result.endswith("…")
    assert len(result.replace("…", "").split()) == SNIPPET_TOKENS
    assert f"{MATCH_START}budget{MATCH_END}" in result


def test_the_snippet_starts_at_the_sentence_of_the_hit_when_it_fits() -> None:
    text = (
        "One two three four five six seven eight nine ten eleven twelve thirteen fourteen. "
        "Then trust came back and everything was fine again after a long while of nothing"
    )
    assert shown(snippet(text, ["trust"])) == (
        "…Then [trust] came back and everything was fine again after a long while of…"
    )


def test_the_end_of_a_text_is_shown_without_an_ellipsis() -> None:
    text = " ".join(f"w{i}" for i in range(30)) + " the budget."
    assert shown(snippet(text, ["budget"])).endswith("the [budget].")


def test_no_hit_shows_the_start_unmarked() -> None:
    text = " ".join(f"w{i}" for i in range(30))
    assert snippet(text, ["zebra"]) == " ".join(f"w{i}" for i in range(SNIPPET_TOKENS)) + "…"
    assert snippet("", ["zebra"]) == ""
    assert snippet("a b", []) == "a b"


def test_line_breaks_and_runs_of_spaces_become_one_space() -> None:
    assert shown(snippet("Budget\n\n\ttalk   went  well\n", ["talk"])) == "Budget [talk] went well"


def test_the_body_is_preferred_to_the_title_unless_only_the_title_matches() -> None:
    assert shown(best_snippet(("the budget talk", "Budget"), ["budget"])) == "the [budget] talk"
    assert shown(best_snippet(("nothing here", "Budget"), ["budget"])) == "[Budget]"
    # The title shows both words, the body one of them: the title wins.
    assert shown(best_snippet(("budget only", "Budget and trust"), ["budget", "trust"])) == (
        "[Budget] and [trust]"
    )


def test_a_very_long_word_is_clipped() -> None:
    assert snippet("see " + "x" * 100 + " end", ["see"]) == (
        f"{MATCH_START}see{MATCH_END} {'x' * (MAX_TOKEN_CHARS - 1)}… end"
    )
    # A word too long to read to its end ends the snippet.
    result = snippet("see " + "x" * 100_000 + " end", ["x"])
    assert result == f"see {MATCH_START}{'x' * (MAX_TOKEN_CHARS - 1)}…{MATCH_END}"


def test_a_500000_character_entry_of_one_repeated_word_gives_a_short_snippet() -> None:
    text = ("trust " * 83_000).strip()
    result = snippet(text, ["trust"])
    assert result == " ".join([f"{MATCH_START}trust{MATCH_END}"] * SNIPPET_TOKENS) + "…"


def test_a_500000_character_mixed_entry_marks_only_the_words_searched() -> None:
    text = ("delegate trust team " * 25_000).strip()
    assert len(text) <= MAX_TEXT_CHARS
    result = shown(snippet(text, ["team", "deleg"]))
    assert result.startswith("[delegate] trust [team] [delegate] trust [team]")
    assert result.endswith("…") and len(result) < 200


def test_a_hit_far_into_a_long_text_is_found() -> None:
    text = "filler " * 2_000 + "the budget decision"
    assert shown(snippet(text, ["budget"])).endswith("filler filler the [budget] decision")


def test_fold_compares_words_as_the_index_does() -> None:
    assert fold("Café") == fold("CAFE") == fold("cafe\u0301") == "cafe"
    assert fold("TRÜST") == "trust"
    assert fold("Größe") == "große"  # ß has no diacritic; FTS5 keeps it too


def test_a_query_word_read_the_same_as_an_earlier_one_is_searched_once() -> None:
    assert query_words("trust Trust TRÜST team trust") == ("trust", "team")
    assert fts_query("café CAFE cafe") == '"café"*'
    assert len(query_words(" ".join(["same"] * 10_000))) == 1
    assert len(query_words(" ".join(f"w{i}" for i in range(10_000)))) == MAX_QUERY_WORDS


# --- the same output as FTS5's snippet() for ordinary text -------------------------------

ORDINARY = [
    "I rewrote someone's work again today. The team is more capable than my behaviour "
    "suggests I think.",
    "Asked what problem the other side is solving before defending my budget. It went "
    "better than last time; I listened before answering.",
    "Tariq made a decision without me and I felt a flash of irritation. Delegating the "
    "outcome, not just the task, is the hard part.",
    "Someone told me I seem calmer in meetings lately. I want to track whether that holds "
    "when the pressure is on: budget season, reviews, the offsite.",
    "we spoke about delegation at length",
    "Budget",
]


def fts5_snippet(text: str, query: str) -> str:
    """What ``snippet(search_index, -1, ..., '…', 14)`` made of ``text``."""
    db = sqlcipher3.connect(":memory:")
    db.execute("CREATE VIRTUAL TABLE t USING fts5(body, tokenize='unicode61 remove_diacritics 2')")
    db.execute("INSERT INTO t (body) VALUES (?)", (text,))
    row = db.execute(
        "SELECT snippet(t, -1, ?, ?, '…', 14) FROM t WHERE t MATCH ?",
        (MATCH_START, MATCH_END, fts_query(query)),
    ).fetchone()
    db.close()
    return " ".join(row[0].split()) if row else ""


def test_a_word_found_once_gives_what_fts5_snippet_gave() -> None:
    # (With several hits FTS5 weighs repeats and sentence starts in ways not copied.)
    compared = 0
    for text in ORDINARY:
        words = re.findall(r"\w+", text)
        for query in [*words, "bud"]:
            if sum(fold(word).startswith(fold(query)) for word in words) == 1:
                assert snippet(text, [query]) == fts5_snippet(text, query), (text, query)
                compared += 1
    assert compared > 50


# --- any text, any query -----------------------------------------------------------------

# Combining marks, right-to-left letters (Hebrew, Arabic), their marks and direction
# controls, private use, CJK, and the characters that separate words.
_HARD = (
    "\u0300\u0301\u0308\u0327\u036f\u05d0\u05d1\u05b7\u0627\u0644\u064e\u0661"
    "\u200f\u202e\ue000\u4e2d\u00e9\u0130\u03c3\u03c2\u00df_.:!? \n\t-'\"…\x02\x03"
)
texts = st.one_of(
    st.text(),
    st.text(alphabet=st.sampled_from(_HARD + "abctrus"), max_size=2_000),
    st.builds(
        lambda word, n: (word + " ") * n, st.text(min_size=1, max_size=12), st.integers(1, 3_000)
    ),
)
queries = st.lists(st.one_of(st.text(max_size=30), st.text(alphabet=_HARD + "abct")), max_size=20)


@settings(max_examples=300, deadline=None)
@given(texts, queries)
def test_any_text_and_query_give_a_short_snippet_without_error(text: str, words: list[str]) -> None:
    result = best_snippet((text, text[:50]), words)
    assert len(result) <= MAX_SNIPPET_CHARS
    assert "\n" not in result


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.text(alphabet="abcdefghij", min_size=1, max_size=9), max_size=60),
    st.text(alphabet="klmnop", min_size=1, max_size=9),
    st.integers(0, 60),
    st.integers(1, 9),
)
def test_a_query_word_in_the_text_is_always_marked(
    filler: list[str], word: str, position: int, prefix: int
) -> None:
    words = [*filler[:position], word, *filler[position:]]
    result = snippet(" ".join(words), [word[:prefix].upper()])
    assert f"{MATCH_START}{word}{MATCH_END}" in result
    assert result.count(MATCH_START) == result.count(MATCH_END) == 1
