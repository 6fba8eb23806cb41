"""How the summary writes dates, periods and numbers: "24 Nov 2026" whatever the
process's locale, "3 Nov \u2013 24 Nov 2026", signed numbers with "+" or a real minus sign
(U+2212), an outcome or a sentiment with its word."""

from __future__ import annotations

import math
from datetime import date

from tkg_journal.domain.progress import Period
from tkg_journal.reports.summary_texts import (
    ALL_TIME,
    EN_DASH,
    MINUS,
    MONTHS,
    NOT_SET,
    OUTCOME_WORDS,
    SENTIMENT_WORDS,
    SINCE_DAY,
    UNTIL_DAY,
)


def day_text(day: date) -> str:
    """``"24 Nov 2026"`` with English month names, whatever the locale."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def range_text(since: date, until: date) -> str:
    """``"3 Nov \u2013 24 Nov 2026"``; the year twice only when it changes; one day alone."""
    if since == until:
        return day_text(since)
    if since.year == until.year:
        return f"{since.day} {MONTHS[since.month - 1]} {EN_DASH} {day_text(until)}"
    return f"{day_text(since)} {EN_DASH} {day_text(until)}"


def period_text(period: Period) -> str:
    if period.since is not None and period.until is not None:
        return range_text(period.since, period.until)
    if period.since is not None:
        return SINCE_DAY.format(day=day_text(period.since))
    if period.until is not None:
        return UNTIL_DAY.format(day=day_text(period.until))
    return ALL_TIME


def signed(value: int) -> str:
    """``+2``, ``0``, ``\u22121`` (a real minus sign)."""
    if value > 0:
        return f"+{value}"
    return f"{MINUS}{-value}" if value < 0 else "0"


def signed_mean(value: float) -> str:
    """``+0.7``, ``0.0``, ``\u22121.3``: one decimal, never a "\u22120.0"."""
    text = f"{value:+.1f}"
    if text in ("+0.0", "-0.0"):
        return "0.0"
    return text.replace("-", MINUS)


def nearest(value: float) -> int:
    """Round half away from zero (Python's round() would make -0.5 and 0.5 both 0)."""
    return int(math.copysign(math.floor(abs(value) + 0.5), value))


def outcome_text(outcome: int | None) -> str:
    """``"+1 better"``, or an en dash for an attempt without an outcome."""
    if outcome is None:
        return NOT_SET
    return f"{signed(outcome)} {OUTCOME_WORDS[outcome]}"


def sentiment_text(sentiment: int) -> str:
    """``"+1 (positive)"``."""
    return f"{signed(sentiment)} ({SENTIMENT_WORDS[sentiment]})"


def percent_text(share: float) -> str:
    return f"{nearest(share * 100)}%"


def plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def as_sentence(text: str) -> str:
    text = text.strip()
    return text if not text or text.endswith((".", "!", "?")) else f"{text}."
