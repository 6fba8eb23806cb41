"""Reading dates forward as well as back: due dates (``+2w``, ``in 10 days``, ``friday``),
the refusal of a span without a direction, and the moment of an entry (``yesterday
18:30``)."""

from __future__ import annotations

import calendar
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from tkg_journal.domain.dates import (
    EARLIEST_DAY,
    LATEST_DAY,
    parse_date,
    parse_day,
    parse_due_date,
    parse_moment,
)
from tkg_journal.domain.errors import ValidationError

TUESDAY = date(2026, 3, 10)
FRIDAY = date(2026, 3, 13)
PARIS = ZoneInfo("Europe/Paris")
NOW = datetime(2026, 3, 10, 14, 45, tzinfo=PARIS)
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("today", TUESDAY),
        ("tomorrow", date(2026, 3, 11)),
        ("yesterday", date(2026, 3, 9)),
        ("+2w", date(2026, 3, 24)),
        ("+10d", date(2026, 3, 20)),
        ("+ 10 days", date(2026, 3, 20)),
        ("in 10d", date(2026, 3, 20)),
        ("in 2 weeks", date(2026, 3, 24)),
        ("In 1 Week", date(2026, 3, 17)),
        ("in 1 month", date(2026, 4, 10)),
        ("+1y", date(2027, 3, 10)),
        ("-3d", date(2026, 3, 7)),
        ("3d ago", date(2026, 3, 7)),
        ("3 days ago", date(2026, 3, 7)),
        ("2 weeks  ago", date(2026, 2, 24)),
        ("friday", date(2026, 3, 13)),
        ("fri", date(2026, 3, 13)),
        ("next friday", date(2026, 3, 13)),
        ("tuesday", date(2026, 3, 17)),  # today is Tuesday: the next one is a week away
        ("monday", date(2026, 3, 16)),
        ("last friday", date(2026, 3, 6)),
        ("last tuesday", date(2026, 3, 3)),
        ("2026-04-01", date(2026, 4, 1)),
        (" 2024-02-29 ", date(2024, 2, 29)),
    ],
)
def test_due_dates_forward_and_back(text: str, expected: date) -> None:
    assert parse_due_date(text, today=TUESDAY) == expected


def test_next_friday_on_a_friday_is_the_following_week() -> None:
    assert parse_due_date("next friday", today=FRIDAY) == date(2026, 3, 20)
    assert parse_due_date("friday", today=FRIDAY) == date(2026, 3, 20)
    assert parse_due_date("today", today=FRIDAY) == FRIDAY


@given(st.dates(min_value=date(1901, 1, 1), max_value=date(2200, 12, 20)),
       st.sampled_from(WEEKDAYS), st.booleans())
def test_a_weekday_is_that_day_within_the_next_or_last_seven(
        today: date, name: str, nextword: bool) -> None:
    ahead = parse_due_date(f"next {name}" if nextword else name, today=today)
    assert 1 <= (ahead - today).days <= 7
    assert ahead.weekday() == WEEKDAYS.index(name)
    back = parse_due_date(f"last {name}", today=today)
    assert 1 <= (today - back).days <= 7
    assert back.weekday() == WEEKDAYS.index(name)


@pytest.mark.parametrize(
    ("today", "text", "expected"),
    [
        (date(2026, 1, 31), "+1m", date(2026, 2, 28)),
        (date(2024, 1, 31), "+1m", date(2024, 2, 29)),  # leap year
        (date(2026, 3, 31), "-1m", date(2026, 2, 28)),
        (date(2026, 5, 31), "in 1 month", date(2026, 6, 30)),
        (date(2026, 12, 31), "+1m", date(2027, 1, 31)),
        (date(2026, 1, 15), "-1m", date(2025, 12, 15)),
        (date(2024, 2, 29), "+1y", date(2025, 2, 28)),  # leap day, a year on
        (date(2024, 2, 29), "+4y", date(2028, 2, 29)),
        (date(2024, 2, 29), "1 year ago", date(2023, 2, 28)),
        (date(2024, 2, 28), "+1d", date(2024, 2, 29)),
        (date(2026, 12, 31), "tomorrow", date(2027, 1, 1)),
    ],
)
def test_month_ends_and_leap_days(today: date, text: str, expected: date) -> None:
    assert parse_due_date(text, today=today) == expected


@given(st.dates(min_value=date(1950, 1, 1), max_value=date(2150, 12, 31)),
       st.integers(-600, 600))
def test_months_keep_the_day_or_the_months_last(today: date, months: int) -> None:
    text = f"{'+' if months >= 0 else '-'}{abs(months)}m"
    moved = parse_due_date(text, today=today)
    assert (moved.year * 12 + moved.month) - (today.year * 12 + today.month) == months
    last = calendar.monthrange(moved.year, moved.month)[1]
    assert moved.day == min(today.day, last)


@given(st.integers(0, 5000), st.sampled_from(["d", "w"]))
def test_plus_and_minus_are_mirror_images(count: int, unit: str) -> None:
    days = count * (7 if unit == "w" else 1)
    assert parse_due_date(f"+{count}{unit}", today=TUESDAY) == TUESDAY + timedelta(days=days)
    assert parse_due_date(f"in {count}{unit}", today=TUESDAY) == TUESDAY + timedelta(days=days)
    assert parse_due_date(f"-{count}{unit}", today=TUESDAY) == TUESDAY - timedelta(days=days)
    assert parse_due_date(f"{count}{unit} ago", today=TUESDAY) == TUESDAY - timedelta(days=days)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("7d", "--due '7d' is ambiguous: write +7d (in 7 days) or -7d (7 days ago)"),
        ("1 week", "--due '1 week' is ambiguous: write +1w (in 1 week) or -1w (1 week ago)"),
        ("3 months", "write +3m (in 3 months) or -3m (3 months ago)"),
    ],
)
def test_a_span_without_a_direction_is_refused_for_a_due_date(text: str, message: str) -> None:
    with pytest.raises(ValidationError) as caught:
        parse_due_date(text, today=TUESDAY)
    assert caught.value.field == "--due"
    assert message in str(caught.value) and "\n" not in str(caught.value)


def test_since_still_reads_a_bare_span_as_that_long_ago() -> None:
    assert parse_date("90d", today=TUESDAY) == TUESDAY - timedelta(days=90)
    assert parse_day("90d", today=TUESDAY, bare_span_back=True) == TUESDAY - timedelta(days=90)


@pytest.mark.parametrize(
    "text",
    ["soon", "", "in -3d", "-3d ago", "next week", "2026-02-30", "2026-13-01", "fryday",
     "in", "ago", "+", "7x", "01/03/2026"],
)
def test_other_text_names_the_option_and_the_forms(text: str) -> None:
    with pytest.raises(ValidationError) as caught:
        parse_due_date(text, today=TUESDAY)
    assert caught.value.field == "--due"
    assert str(caught.value).startswith(f"--due {text.strip()!r} is not a date; use YYYY-MM-DD")
    assert "+7d" in str(caught.value)


@pytest.mark.parametrize("text", ["+99999y", "in 3000 years", "-99999y", "2201-01-01",
                                  "+99999w"])
def test_days_outside_the_journal_range_are_refused(text: str) -> None:
    with pytest.raises(ValidationError, match="1900-01-01 to 2200-12-31"):
        parse_due_date(text, today=TUESDAY)


@given(st.text(max_size=30))
@example("in 5 wks")
@example("next \x00")
@example("٣d ago")
def test_any_text_is_a_day_in_range_or_a_validation_error(text: str) -> None:
    try:
        day = parse_due_date(text, today=TUESDAY)
    except ValidationError as error:
        assert error.field == "--due"
    else:
        assert EARLIEST_DAY <= day <= LATEST_DAY
    try:
        moment = parse_moment(text, now=NOW)
    except ValidationError as error:
        assert error.field == "--when"
    else:
        assert moment.tzinfo is not None


# --- the moment of an entry -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("now", NOW),
        ("yesterday 18:30", datetime(2026, 3, 9, 18, 30, tzinfo=PARIS)),
        ("Yesterday at 7:05", datetime(2026, 3, 9, 7, 5, tzinfo=PARIS)),
        ("tomorrow 09:00", datetime(2026, 3, 11, 9, 0, tzinfo=PARIS)),
        ("friday at 9:00", datetime(2026, 3, 13, 9, 0, tzinfo=PARIS)),
        ("3d ago 12:00:30", datetime(2026, 3, 7, 12, 0, 30, tzinfo=PARIS)),
        ("8:15", datetime(2026, 3, 10, 8, 15, tzinfo=PARIS)),
        ("2026-03-01 09:30", datetime(2026, 3, 1, 9, 30, tzinfo=PARIS)),
        ("2026-03-01T09:30", datetime(2026, 3, 1, 9, 30, tzinfo=PARIS)),
        ("2026-03-01", datetime(2026, 3, 1, tzinfo=PARIS)),
        ("yesterday", datetime(2026, 3, 9, tzinfo=PARIS)),
        ("7d", datetime(2026, 3, 3, tzinfo=PARIS)),  # as --when has always read it: back
        ("+2d", datetime(2026, 3, 12, tzinfo=PARIS)),
    ],
)
def test_moments_past_and_forward_with_times(text: str, expected: datetime) -> None:
    assert parse_moment(text, now=NOW) == expected


def test_an_iso_moment_keeps_its_zone() -> None:
    value = parse_moment("2026-03-01T09:30:00+05:00", now=NOW)
    assert value.utcoffset() == timedelta(hours=5)
    assert value.time() == time(9, 30)


@pytest.mark.parametrize(
    ("text", "start"),
    [
        ("yesterday 25:00", "--when 'yesterday 25:00' is not a date and time"),
        ("2026-03-01 09:61", "--when '2026-03-01 09:61' is not a date and time"),
        ("someday 10:00", "--when 'someday' is not a date"),
        ("2026-03-01T9", "--when '2026-03-01T9' is not a date and time"),
        ("2026-02-30", "--when '2026-02-30' is not a date"),
    ],
)
def test_bad_moments_name_the_option(text: str, start: str) -> None:
    with pytest.raises(ValidationError) as caught:
        parse_moment(text, now=NOW)
    assert caught.value.field == "--when"
    assert str(caught.value).startswith(start)


def test_a_moment_past_the_range_names_it() -> None:
    with pytest.raises(ValidationError, match=r"^--when 9999-12-31 is outside"):
        parse_moment("9999-12-31 23:59", now=NOW)
