"""Which backups to keep: the newest few, then one a day, one a week, one a month.

The rule is restic's ``forget --keep-last --keep-daily --keep-weekly --keep-monthly`` (and
what Time Machine does with its hourly, daily and weekly copies): walking from the newest
backup back, the newest backup of each of the last ``daily`` days that have one is kept,
likewise for ``weekly`` ISO weeks and ``monthly`` months, and the ``last`` newest are kept
whatever their dates. A backup kept by any rule stays; the others may be deleted. Days,
weeks and months are those of the local calendar the caller's datetimes are in.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from datetime import datetime

from tkg_journal.domain.errors import ValidationError

#: Upper bound of each count: a policy is typed by a user (CLI, Preferences).
MAX_KEEP = 10_000


@dataclass(frozen=True, slots=True)
class RetentionPolicy:
    last: int = 3
    daily: int = 7
    weekly: int = 4
    monthly: int = 12

    def __post_init__(self) -> None:
        for name in ("last", "daily", "weekly", "monthly"):
            value = getattr(self, name)
            if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= MAX_KEEP:
                raise ValidationError(
                    "retention", f"keep-{name} must be a whole number from 0 to {MAX_KEEP}"
                )
        if self.last + self.daily + self.weekly + self.monthly == 0:
            raise ValidationError("retention", "a retention policy must keep at least one backup")

    def describe(self) -> str:
        return (
            f"the newest {self.last}, then one a day for {self.daily} days, one a week for "
            f"{self.weekly} weeks and one a month for {self.monthly} months"
        )


def _day(moment: datetime) -> Hashable:
    return moment.date()


def _week(moment: datetime) -> Hashable:
    return moment.isocalendar()[:2]


def _month(moment: datetime) -> Hashable:
    return (moment.year, moment.month)


def to_keep(moments: Sequence[datetime], policy: RetentionPolicy) -> set[int]:
    """The indexes into ``moments`` (when each backup was taken) of the backups to keep."""
    newest_first = sorted(range(len(moments)), key=lambda i: moments[i], reverse=True)
    kept = set(newest_first[: policy.last])
    buckets: list[tuple[int, Callable[[datetime], Hashable]]] = [
        (policy.daily, _day),
        (policy.weekly, _week),
        (policy.monthly, _month),
    ]
    for count, bucket_of in buckets:
        seen: set[Hashable] = set()
        for index in newest_first:
            if len(seen) == count:
                break
            bucket = bucket_of(moments[index])
            if bucket not in seen:
                seen.add(bucket)
                kept.add(index)
    return kept
