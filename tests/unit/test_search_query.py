"""Typed search text becomes a safe FTS5 query: quoted words, the last one a prefix."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tkg_journal.storage.search_repository import MAX_QUERY_WORDS, fts_query

SAFE_QUERY = re.compile(r'(?:"\w+"\* )*"\w+"\*')


def test_words_are_quoted_and_each_is_a_prefix() -> None:
    assert fts_query("trust my tea") == '"trust"* "my"* "tea"*'


def test_a_single_word_is_a_prefix_search() -> None:
    assert fts_query("deleg") == '"deleg"*'


def test_surrounding_and_repeated_whitespace_is_ignored() -> None:
    assert fts_query("  hard \t  talk\n") == '"hard"* "talk"*'


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("trust AND team", '"trust"* "AND"* "team"*'),
        ("trust OR team", '"trust"* "OR"* "team"*'),
        ("NOT defensive", '"NOT"* "defensive"*'),
        ("NEAR(trust team)", '"NEAR"* "trust"* "team"*'),
        ('"exact phrase"', '"exact"* "phrase"*'),
        ('say "no', '"say"* "no"*'),
        ("(boss OR peer)", '"boss"* "OR"* "peer"*'),
        ("-angry", '"angry"*'),
        ("deleg*", '"deleg"*'),
        ("title:budget", '"title"* "budget"*'),
        ("^start +plus", '"start"* "plus"*'),
        ("don't", '"don"* "t"*'),
    ],
)
def test_fts_operators_typed_by_the_user_become_plain_words(text: str, expected: str) -> None:
    assert fts_query(text) == expected


def test_non_ascii_words_are_kept() -> None:
    assert fts_query("équipe Größe") == '"équipe"* "Größe"*'


@pytest.mark.parametrize("text", ["", "   ", "\n\t", '"', "***", "-:()", "\"'^+*.,;!?"])
def test_no_word_gives_no_query(text: str) -> None:
    assert fts_query(text) is None


def test_very_long_input_is_capped() -> None:
    query = fts_query(" ".join(f"w{i}" for i in range(100)))
    assert query is not None
    assert query.count('"') == 2 * MAX_QUERY_WORDS
    assert query.endswith(f'"w{MAX_QUERY_WORDS - 1}"*')


@given(st.text())
def test_any_text_gives_none_or_only_quoted_words(text: str) -> None:
    query = fts_query(text)
    if query is None:
        assert not re.search(r"\w", text)
    else:
        assert SAFE_QUERY.fullmatch(query), query
