"""Reading the dates people type: ISO dates, today, yesterday and spans like 7d."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from tkg_journal.domain.dates import EARLIEST_DAY, parse_date, parse_datetime
from tkg_journal.domain.errors import ValidationError

TODAY = date(2026, 3, 10)
PARIS = ZoneInfo("Europe/Paris")
NOW = datetime(2026, 3, 10, 14, 45, tzinfo=PARIS)
RELATIVE = re.compile(r"\s*\d{1,5}\s*[dwmy]\s*", re.IGNORECASE)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-03-01", date(2026, 3, 1)),
        (" 2024-02-29 ", date(2024, 2, 29)),
        ("today", TODAY),
        ("TODAY", TODAY),
        ("yesterday", date(2026, 3, 9)),
        (" Yesterday\n", date(2026, 3, 9)),
        ("0d", TODAY),
        ("7d", date(2026, 3, 3)),
        ("7 d", date(2026, 3, 3)),
        ("2w", date(2026, 2, 24)),
        ("1m", date(2026, 2, 8)),
        ("1y", date(2025, 3, 10)),
        ("10D", date(2026, 2, 28)),
    ],
)
def test_parse_date(text: str, expected: date) -> None:
    assert parse_date(text, today=TODAY) == expected


@pytest.mark.parametrize(
    "text", ["", "tomorrow", "2026-02-30", "2026-13-01", "01/03/2026", "7", "d7", "-7d", "7x"]
)
def test_invalid_dates_name_the_field_and_the_accepted_forms(text: str) -> None:
    with pytest.raises(ValidationError) as caught:
        parse_date(text, today=TODAY, field="due")
    assert caught.value.field == "due"
    message = str(caught.value)
    assert message.startswith(f"due {text!r} is not a date")
    assert "YYYY-MM-DD" in message
    assert "7d" in message


def test_default_field_is_date() -> None:
    with pytest.raises(ValidationError, match=r"^date 'soon' is not a date") as caught:
        parse_date("soon", today=TODAY)
    assert caught.value.field == "date"


def test_parse_datetime_without_zone_is_read_in_the_zone_of_now() -> None:
    value = parse_datetime("2026-03-01 09:30", now=NOW)
    assert value == datetime(2026, 3, 1, 9, 30, tzinfo=PARIS)
    assert value.utcoffset() == timedelta(hours=1)


def test_parse_datetime_with_a_zone_keeps_it() -> None:
    value = parse_datetime("2026-03-01T09:30:00+05:00", now=NOW)
    assert value.utcoffset() == timedelta(hours=5)
    assert value == datetime(2026, 3, 1, 4, 30, tzinfo=UTC)


def test_parse_datetime_accepts_the_utc_z_suffix() -> None:
    assert parse_datetime("2026-03-01T09:30Z", now=NOW) == datetime(2026, 3, 1, 9, 30, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("now", NOW),
        ("NOW", NOW),
        ("today", datetime(2026, 3, 10, tzinfo=PARIS)),
        ("yesterday", datetime(2026, 3, 9, tzinfo=PARIS)),
        ("2026-03-01", datetime(2026, 3, 1, tzinfo=PARIS)),
        ("7d", datetime(2026, 3, 3, tzinfo=PARIS)),
    ],
)
def test_parse_datetime_accepts_dates_as_midnight(text: str, expected: datetime) -> None:
    value = parse_datetime(text, now=NOW)
    assert value == expected
    assert value.tzinfo is not None


def test_parse_datetime_in_another_zone_uses_that_zone() -> None:
    zone = timezone(timedelta(hours=-7))
    now = datetime(2026, 3, 10, 8, 0, tzinfo=zone)
    assert parse_datetime("2026-03-01 09:30", now=now).utcoffset() == timedelta(hours=-7)


@pytest.mark.parametrize("text", ["2026-03-01 25:00", "today 09:30", "9:30 tomorrow", "T"])
def test_invalid_datetimes_name_the_field(text: str) -> None:
    with pytest.raises(ValidationError) as caught:
        parse_datetime(text, now=NOW, field="when")
    assert caught.value.field == "when"
    assert str(caught.value).startswith(f"when {text!r} is not a date")


@given(st.text().filter(lambda text: not RELATIVE.fullmatch(text)))
@example("2026-03-01T09:30")
@example("")
@example("\x00")
def test_any_text_is_a_date_or_a_validation_error(text: str) -> None:
    try:
        value = parse_date(text, today=TODAY)
    except ValidationError as error:
        assert error.field == "date"
    else:
        assert isinstance(value, date)
    try:
        moment = parse_datetime(text, now=NOW)
    except ValidationError as error:
        assert error.field == "time"
    else:
        assert moment.tzinfo is not None


UNIT_DAYS = {"d": 1, "w": 7, "m": 30, "y": 365}


@given(
    st.sampled_from("dwmy").flatmap(lambda unit: st.tuples(st.integers(0, 99_999), st.just(unit)))
)
def test_spans_count_back_from_today_within_the_journal_range(span: tuple[int, str]) -> None:
    count, unit = span
    days = count * UNIT_DAYS[unit]
    if days <= (TODAY - EARLIEST_DAY).days:
        assert parse_date(f"{count}{unit}", today=TODAY) == TODAY - timedelta(days=days)
    else:  # before 1900, or before year 1: refused, naming the range
        with pytest.raises(ValidationError, match="1900-01-01 to 2200-12-31"):
            parse_date(f"{count}{unit}", today=TODAY)


@pytest.mark.parametrize("text", ["99999m", "3000y", "99999y"])
def test_a_span_before_year_one_is_a_validation_error(text: str) -> None:
    with pytest.raises(ValidationError):
        parse_date(text, today=TODAY)
    with pytest.raises(ValidationError):
        parse_datetime(text, now=NOW)
