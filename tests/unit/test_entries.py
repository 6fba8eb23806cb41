"""Journal entries and the text rules they share: what a user may write and how it is kept."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from tkg_journal.domain.entries import (
    ConversationFields,
    Entry,
    EntryKind,
    FeedbackFields,
    parse_kind,
)
from tkg_journal.domain.errors import ValidationError
from tkg_journal.domain.levels import Level
from tkg_journal.domain.text_rules import (
    MAX_TAG_CHARS,
    MAX_TEXT_CHARS,
    MAX_TITLE_CHARS,
    clean_tag,
    clean_text,
)

WHEN = datetime(2026, 3, 1, 9, 30, tzinfo=UTC)


def entry(**changes: object) -> Entry:
    values: dict[str, object] = {
        "kind": EntryKind.CONVERSATION,
        "occurred_at": WHEN,
        "title": "Budget talk with Sam",
    }
    values.update(changes)
    return Entry(**values)  # type: ignore[arg-type]


# --- time and content -----------------------------------------------------------------


def test_an_entry_needs_a_time_zone() -> None:
    with pytest.raises(ValidationError, match="time zone") as caught:
        entry(occurred_at=datetime(2026, 3, 1, 9, 30))
    assert caught.value.field == "occurred_at"


def test_any_time_zone_is_accepted() -> None:
    zone = timezone(timedelta(hours=-5))
    assert entry(occurred_at=datetime(2026, 3, 1, 9, 30, tzinfo=zone)).occurred_at.tzinfo is zone


@pytest.mark.parametrize(
    "content",
    [
        {"title": "Only a title"},
        {"title": "", "body": "Only some text"},
        {"title": "", "conversation": ConversationFields(who="Sam")},
        {"title": "", "conversation": ConversationFields(intensity=0)},
    ],
)
def test_an_entry_needs_some_content(content: dict[str, object]) -> None:
    assert entry(**content)


@pytest.mark.parametrize(
    "content",
    [
        {"title": ""},
        {"title": "   ", "body": "\n\t "},
        {"title": "", "conversation": ConversationFields(who="  ")},
    ],
)
def test_an_empty_entry_is_refused_with_a_readable_message(content: dict[str, object]) -> None:
    with pytest.raises(ValidationError, match="needs a title, some text or an answer"):
        entry(**content)


def test_text_is_trimmed() -> None:
    made = entry(title="  Budget talk \n", body="\n  What happened.  \n")
    assert made.title == "Budget talk"
    assert made.body == "What happened."


def test_entries_are_private_by_default() -> None:
    assert entry().share_with_coach is False
    assert entry(share_with_coach=True).share_with_coach is True


def test_level_must_be_a_level() -> None:
    assert entry(level=Level.GROWTH).level is Level.GROWTH
    with pytest.raises(ValidationError, match="not a level"):
        entry(level=2)


# --- tags -----------------------------------------------------------------------------


def test_tags_are_normalised_and_deduplicated_in_order() -> None:
    made = entry(tags=["#Work", "@sam", "work", "  Budget ", "#SAM", "@#work"])
    assert made.tags == ("work", "sam", "budget")


@pytest.mark.parametrize("tag", ["two words", "tab\there", "a,b"])
def test_tags_with_spaces_or_commas_are_refused(tag: str) -> None:
    with pytest.raises(ValidationError, match="one word") as caught:
        entry(tags=[tag])
    assert caught.value.field == "tag"
    assert repr(tag) in str(caught.value)


@pytest.mark.parametrize("tag", ["", "  ", "#", "@@", "# "])
def test_empty_tags_are_refused(tag: str) -> None:
    with pytest.raises(ValidationError, match="tag cannot be empty"):
        entry(tags=[tag])


@pytest.mark.parametrize("tag", ["bell\x07", "esc\x1b[31m", "nul\x00"])
def test_tags_with_control_characters_are_refused(tag: str) -> None:
    with pytest.raises(ValidationError):
        entry(tags=[tag])


def test_tag_length_limit() -> None:
    assert clean_tag("x" * MAX_TAG_CHARS) == "x" * MAX_TAG_CHARS
    with pytest.raises(ValidationError, match=f"at most {MAX_TAG_CHARS} characters"):
        clean_tag("x" * (MAX_TAG_CHARS + 1))


# --- ranges ---------------------------------------------------------------------------


@pytest.mark.parametrize("value", [0, 5, 10, None])
def test_intensity_from_0_to_10(value: int | None) -> None:
    assert ConversationFields(feeling="anger", intensity=value).intensity == value


@pytest.mark.parametrize("value", [-1, 11, 100, True, 5.5, "7"])
def test_intensity_outside_0_to_10_is_refused(value: object) -> None:
    with pytest.raises(ValidationError) as caught:
        ConversationFields(intensity=value)  # type: ignore[arg-type]
    assert str(caught.value) == f"intensity must be a whole number from 0 to 10, not {value!r}"
    assert caught.value.field == "intensity"


@pytest.mark.parametrize("value", [-2, 0, 2, None])
def test_sentiment_from_minus_2_to_2(value: int | None) -> None:
    assert FeedbackFields(source="peer", sentiment=value).sentiment == value


@pytest.mark.parametrize("value", [-3, 3, False])
def test_sentiment_outside_minus_2_to_2_is_refused(value: object) -> None:
    with pytest.raises(ValidationError, match="sentiment must be a whole number from -2 to 2"):
        FeedbackFields(sentiment=value)  # type: ignore[arg-type]


def test_feedback_source_is_limited_like_a_title() -> None:
    with pytest.raises(ValidationError, match="feedback source is too long"):
        FeedbackFields(source="x" * (MAX_TITLE_CHARS + 1))


# --- length and control characters ----------------------------------------------------


def test_title_length_limit() -> None:
    assert len(entry(title="t" * MAX_TITLE_CHARS).title) == MAX_TITLE_CHARS
    with pytest.raises(ValidationError) as caught:
        entry(title="t" * (MAX_TITLE_CHARS + 1))
    assert caught.value.field == "title"
    assert str(caught.value) == "title is too long (301 characters; the limit is 300)"


def test_body_length_limit() -> None:
    with pytest.raises(ValidationError, match="the limit is 500,000"):
        entry(body="b" * (MAX_TEXT_CHARS + 1))


@pytest.mark.parametrize("bad", ["\x00", "\x07", "\x1b[31m", "\x08"])
def test_control_characters_are_refused(bad: str) -> None:
    with pytest.raises(ValidationError, match="title contains control characters"):
        entry(title=f"Budget{bad}talk")
    with pytest.raises(ValidationError, match="text contains control characters"):
        entry(body=f"Some{bad}text")
    with pytest.raises(ValidationError, match="what happened contains control characters"):
        ConversationFields(what_happened=f"x{bad}y")


def test_newlines_and_tabs_are_allowed_in_text() -> None:
    assert entry(body="line one\n\tline two\r\nline three").body == (
        "line one\n\tline two\r\nline three"
    )


def test_clean_text_treats_none_as_empty() -> None:
    assert clean_text("note", None) == ""


# --- kinds ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("conversation", EntryKind.CONVERSATION),
        ("Difficult conversation", EntryKind.CONVERSATION),
        ("difficult", EntryKind.CONVERSATION),
        ("Feedback received", EntryKind.FEEDBACK),
        ("FEEDBACK", EntryKind.FEEDBACK),
        ("reflection", EntryKind.REFLECTION),
        ("coach-notes", EntryKind.COACH_NOTES),
        ("coach_notes", EntryKind.COACH_NOTES),
        ("Coach-session notes", EntryKind.COACH_NOTES),
        (" free ", EntryKind.FREE),
        ("Free writing", EntryKind.FREE),
    ],
)
def test_parse_kind_accepts_values_and_titles(text: str, kind: EntryKind) -> None:
    assert parse_kind(text) is kind


@pytest.mark.parametrize("text", ["", "meeting", "notes", "conversations"])
def test_unknown_kind_lists_the_valid_ones(text: str) -> None:
    with pytest.raises(ValidationError) as caught:
        parse_kind(text)
    assert caught.value.field == "kind"
    for kind in EntryKind:
        assert kind.value in str(caught.value)


def test_kinds_have_readable_labels() -> None:
    assert EntryKind.CONVERSATION.label == "Difficult conversation"
    assert EntryKind.FEEDBACK.label == "Feedback received"


# --- display title --------------------------------------------------------------------


def test_display_title_is_the_title_when_there_is_one() -> None:
    assert entry(title="Budget talk", body="Other text").display_title == "Budget talk"


def test_display_title_falls_back_to_the_first_line_of_the_text() -> None:
    assert entry(title="", body="\n  First line\nSecond line").display_title == "First line"


def test_display_title_falls_back_to_the_first_guided_answer() -> None:
    made = entry(title="", conversation=ConversationFields(feeling="Angry\nthen calm"))
    assert made.display_title == "Angry"


def test_display_title_of_a_long_line_is_shortened_to_80_characters() -> None:
    made = entry(title="", body="w" * 200)
    assert len(made.display_title) == 80
    assert made.display_title == "w" * 79 + "…"
    assert entry(title="", body="w" * 80).display_title == "w" * 80


def test_display_title_of_an_entry_with_only_an_intensity_is_empty() -> None:
    assert entry(title="", conversation=ConversationFields(intensity=3)).display_title == ""
