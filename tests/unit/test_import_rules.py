"""What every importer shares (level tags, tag words, titles) and the front-matter reader,
checked without a journal."""

from __future__ import annotations

import pytest

from tkg_journal.domain.levels import Level
from tkg_journal.domain.text_rules import MAX_TITLE_CHARS
from tkg_journal.services import front_matter
from tkg_journal.services.entry_import import (
    as_tag,
    joined,
    level_from_tags,
    level_tag,
    split_title,
)
from tkg_journal.services.front_matter import UNREADABLE, FrontMatterError


@pytest.mark.parametrize(
    ("tag", "level"),
    [
        ("Growth", Level.GROWTH),
        ("growth", Level.GROWTH),
        ("GROWTH", Level.GROWTH),
        ("2 Growth", Level.GROWTH),
        ("2-growth", Level.GROWTH),
        ("#Foundation", Level.FOUNDATION),
        ("@mastery", Level.MASTERY),
        ("5. Mastery", Level.MASTERY),
        ("3 Growth", None),  # the rank says another level: not a level's name
        ("growthmindset", None),
        ("Growth work", None),
        ("work", None),
        ("", None),
    ],
)
def test_a_tag_names_a_level_only_when_it_is_one(tag: str, level: Level | None) -> None:
    assert level_tag(tag) is level


def test_the_first_level_tag_wins_and_every_level_tag_leaves_the_tags() -> None:
    level, rest = level_from_tags(["work", "4 Guidance", "team", "growth"])
    assert level is Level.GUIDANCE
    assert rest == ["work", "team"]
    assert level_from_tags(["work"]) == (None, ["work"])


@pytest.mark.parametrize(
    ("text", "tag"),
    [("Team Work", "Team-Work"), ("a, b", "a-b"), ("#work", "work"), ("  x  ", "x"), ("#", "")],
)
def test_tags_from_other_apps_become_one_word(text: str, tag: str) -> None:
    assert as_tag(text) == tag


def test_a_long_title_is_shortened_and_kept_whole_in_the_body() -> None:
    long = "word " * 100
    title, body = split_title(long.strip(), "rest")
    assert len(title) == MAX_TITLE_CHARS and title.endswith("…")
    assert body == f"{long.strip()}\n\nrest"
    assert split_title("short", "rest") == ("short", "rest")


def test_lists_read_as_a_sentence() -> None:
    assert joined(["a"]) == "a"
    assert joined(["a", "b"]) == "a and b"
    assert joined(["a", "b", "c"]) == "a, b and c"


# --- front matter ----------------------------------------------------------------------


def test_the_export_s_front_matter_is_read() -> None:
    text = (
        "---\n"
        'title: "Hard talk: \\"Sam\\" # not a comment"\n'
        "date: 2024-03-02T09:15:00+01:00\n"
        'kind: "conversation"\n'
        'level: "Growth"\n'
        'tags: ["work", "team, lead"]\n'
        "shared: true\n"
        "---\n"
        "\n# Hard talk\n"
    )
    meta, rest = front_matter.split(text)
    assert meta == {
        "title": 'Hard talk: "Sam" # not a comment',
        "date": "2024-03-02T09:15:00+01:00",
        "kind": "conversation",
        "level": "Growth",
        "tags": ["work", "team, lead"],
        "shared": True,
    }
    assert rest == "\n# Hard talk\n"


def test_obsidian_front_matter_is_read() -> None:
    meta, rest = front_matter.split(
        "---\n"
        "created: 2024-01-02 07:45\n"
        "tags:\n"
        "  - journal\n"
        "  - 'it''s fine'\n"
        "aliases: [Morning]\n"
        "cssclasses:\n"
        "  wide: true\n"
        "level: ~  # not set yet\n"
        "empty:\n"
        "...\n"
        "Body"
    )
    assert meta is not None
    assert meta["created"] == "2024-01-02 07:45"
    assert meta["tags"] == ["journal", "it's fine"]
    assert meta["aliases"] == ["Morning"]
    assert meta["cssclasses"] is UNREADABLE
    assert meta["level"] is None
    assert meta["empty"] is None
    assert rest == "Body"


@pytest.mark.parametrize(
    "text", ["no front matter", "---\nan unclosed rule\nis text", "", "\n---\nx: 1\n---\n"]
)
def test_text_without_a_closed_block_has_no_front_matter(text: str) -> None:
    assert front_matter.split(text) == (None, text)


@pytest.mark.parametrize(
    ("block", "problem"),
    [
        ("just words\n", "line 2 is not `key: value`"),
        ("  - item\n", "line 2 belongs to no key"),
        ('title: "open\n', "a quote is not closed"),
        ('tags: ["a" b]\n', "runs on"),
        ('title: "\\q"\n', "is not a quoted text"),
    ],
)
def test_front_matter_it_cannot_read_is_refused_by_line(block: str, problem: str) -> None:
    with pytest.raises(FrontMatterError, match=problem):
        front_matter.split(f"---\n{block}---\nbody")
