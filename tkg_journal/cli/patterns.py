"""``patterns``: the people, feelings and situations that recur in a period, whether an
experiment changed them, and which lower level may be the root (services/patterns.py).

Text reads as a short report (aligned columns, sentences); ``--format json`` is the whole
report, documented in docs/patterns.md. Each command imports what it needs when it runs
(start-up speed).
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from tkg_journal.cli.options import EXIT_OK, PROG, day_arg, format_option, level_arg, open_journal
from tkg_journal.cli.output import clip, print_json

if TYPE_CHECKING:
    from collections.abc import Sequence

    from tkg_journal.cli.options import Commands
    from tkg_journal.domain.experiment_effects import ExperimentEffect
    from tkg_journal.domain.patterns import FeelingCount, PatternReport, PersonPattern

# What the report says, in one place.
HEADING = "Patterns {period} ({level}, {entries}): {talks} and {feedback}."
ALL_TIME = "over all time"
SINCE = "since {since}"
UNTIL = "up to {until}"
FROM_TO = "from {since} to {until}"
EVERY_LEVEL = "every level"
AT_LEVEL = "at {level}"
ALL_ENTRIES = "all entries"
SHARED_ENTRIES = "entries shared with the coach"
NOTHING_YET = (
    "Nothing to see yet: patterns come from difficult conversations and feedback. "
    f"Add some with `{PROG} add --kind conversation --who NAME --felt WORDS --intensity 0-10`."
)
HINTS_TITLE = "Where the root may be"
NO_HINTS = (
    "No root hint: the last months hold too little friction, or no weaker level below "
    "where it shows."
)
HINT_ENTRIES = "{count} supporting entries, newest first: {ids} (`{prog} show ID`)"
PEOPLE_TITLE = "People ({shown} of {total}, most conversations first)"
PEOPLE_HEADERS = (
    "Name",
    "Talks",
    "Fb",
    "Mostly at",
    "Mean",
    "First → second half",
    "Slope/mo",
    "Felt most",
)
FEELINGS_TITLE = "Feelings named in difficult conversations"
FEELING_HEADERS = ("Group", "Entries", "Mean", "Words")
OTHER_WORDS = "Other words: {words}"
TRIGGERS_TITLE = "Recurring situations (experiments' triggers and attempts' situations)"
TRIGGER_HEADERS = ("Phrase", "Times", "Attempts", "Experiments")
NO_TRIGGERS = "No situation recurs yet in experiments' triggers and attempts."
EXPERIMENTS_TITLE = "Experiments that changed something ({shown} of {compared} compared)"
NO_CHANGE = (
    "No experiment has changed the intensity of its conversations by a point or more yet "
    "({compared} compared)."
)
NO_EXPERIMENTS = "No experiment ran in this period."
EXPERIMENT_LINE = "#{id}  {title} ({level}, {status}, started {start})"
ABOUT_LINE = "about: {about}"
INTENSITY_LINE = (
    "intensity {before:.1f} in the 90 days before ({before_n}), {since:.1f} since ({since_n}): "
    "{direction} by {change:.1f}"
)
ATTEMPTS_LINE = "attempts: {yes} done, {partial} partly, {no} not; mean outcome {outcome}"
CALMER, MORE_INTENSE = "calmer", "more intense"
MAX_PEOPLE = 12
MAX_EXPERIMENTS = 8
MAX_WORDS = 4
MAX_IDS = 10


def cmd_patterns(args: argparse.Namespace) -> int:
    from tkg_journal.domain.errors import DomainError
    from tkg_journal.domain.patterns import PatternQuery
    from tkg_journal.domain.progress import Period
    from tkg_journal.services.patterns import Patterns

    # Everything typed is checked before unlocking: a typo costs no Argon2id.
    since = day_arg(args.since, "--since")
    until = day_arg(args.until, "--until")
    if since is not None and until is not None and since > until:
        raise DomainError(
            f"--since {since.isoformat()} is after --until {until.isoformat()}: the period is empty"
        )
    level = level_arg(args.level)
    query = PatternQuery(period=Period(since, until), level=level, shared_only=args.shared)
    with open_journal(args) as journal:
        report = Patterns(journal).report(query)
    if args.format == "json":
        from tkg_journal.cli.pattern_json import report_json

        print_json(report_json(report))
        return EXIT_OK
    print_report(report)
    return EXIT_OK


# --- text ---------------------------------------------------------------------------------


def _many(n: int, one: str, more: str) -> str:
    return f"{n:,} {one if n == 1 else more}"


def _mean(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f}"


def _table(headers: Sequence[str], rows: Sequence[Sequence[str]], right: frozenset[int]) -> None:
    """Columns as wide as their widest cell; ``right`` are the numeric ones; the last
    column is not padded."""
    widths = [max(len(str(r[i])) for r in (headers, *rows)) for i in range(len(headers))]
    for row in (headers, *rows):
        cells = [
            cell if i == len(row) - 1 else (cell.rjust(w) if i in right else cell.ljust(w))
            for i, (cell, w) in enumerate(zip(row, widths, strict=True))
        ]
        print("  " + "  ".join(cells).rstrip())


def _period_words(report: PatternReport) -> str:
    period = report.query.period
    if period.since and period.until:
        return FROM_TO.format(since=period.since.isoformat(), until=period.until.isoformat())
    if period.since:
        return SINCE.format(since=period.since.isoformat())
    if period.until:
        return UNTIL.format(until=period.until.isoformat())
    return ALL_TIME


def _words(feelings: Sequence[FeelingCount], limit: int) -> str:
    return ", ".join(f"{f.word} {f.count:,}" for f in feelings[:limit]) or "-"


def _person_row(p: PersonPattern) -> list[str]:
    t = p.trend
    if t.first_half is None or t.second_half is None:
        halves = "-"
    else:
        halves = f"{t.first_half:.1f} → {t.second_half:.1f}"
        if t.direction is not None:
            halves += f"  {t.direction.value}"
    level = p.main_level
    return [
        clip(p.name, 24),
        f"{p.conversations:,}",
        f"{p.feedback:,}",
        level.title if level else "-",
        _mean(p.mean_intensity),
        halves,
        "-" if t.slope_per_month is None else f"{t.slope_per_month:+.2f}",
        ", ".join(f.word for f in p.feelings[:3]) or "-",
    ]


def _print_experiment(e: ExperimentEffect) -> None:
    print(
        "  "
        + EXPERIMENT_LINE.format(
            id=e.experiment_id,
            title=clip(e.title, 60),
            level=e.level.title,
            status=e.status.value,
            start=e.start.isoformat(),
        )
    )
    about = [*(f"with {name}" for name in e.people)]
    if e.trigger_words:
        about.append("trigger words " + ", ".join(e.trigger_words))
    if about:
        print("      " + ABOUT_LINE.format(about=clip("; ".join(about), 90)))
    change = e.change
    if change is not None and e.before.mean_intensity is not None:
        print(
            "      "
            + INTENSITY_LINE.format(
                before=e.before.mean_intensity,
                before_n=_many(e.before.conversations, "conversation", "conversations"),
                since=e.since.mean_intensity,
                since_n=e.since.conversations,
                direction=CALMER if change < 0 else MORE_INTENSE,
                change=abs(change),
            )
        )
    a = e.attempts
    outcome = "-" if a.mean_outcome is None else f"{a.mean_outcome:+.1f}"
    print("      " + ATTEMPTS_LINE.format(yes=a.yes, partial=a.partial, no=a.no, outcome=outcome))


def print_report(report: PatternReport) -> None:
    """The report as a person reads it."""
    query = report.query
    print(
        HEADING.format(
            period=_period_words(report),
            level=AT_LEVEL.format(level=query.level.label()) if query.level else EVERY_LEVEL,
            entries=SHARED_ENTRIES if query.shared_only else ALL_ENTRIES,
            talks=_many(report.conversations, "difficult conversation", "difficult conversations"),
            feedback=_many(report.feedback, "piece of feedback", "pieces of feedback"),
        )
    )
    if not report.conversations and not report.feedback and not report.experiments:
        print(NOTHING_YET)
        return
    print(f"\n{HINTS_TITLE}")
    if not report.hints:
        print(f"  {NO_HINTS}")
    for number, hint in enumerate(report.hints, start=1):
        print(f"  {number}. {hint.text}")
        ids = ", ".join(str(i) for i in hint.entry_ids[:MAX_IDS])
        print("     " + HINT_ENTRIES.format(count=hint.frictions, ids=ids, prog=PROG))

    if report.people:
        shown = report.people[:MAX_PEOPLE]
        print("\n" + PEOPLE_TITLE.format(shown=len(shown), total=len(report.people)))
        _table(PEOPLE_HEADERS, [_person_row(p) for p in shown], frozenset({1, 2, 4, 6}))

    groups = [g for g in report.feeling_groups if g.count]
    if groups:
        print(f"\n{FEELINGS_TITLE}")
        rows = [
            [g.group.value, f"{g.count:,}", _mean(g.mean_intensity), _words(g.words, MAX_WORDS)]
            for g in sorted(groups, key=lambda g: -g.count)
        ]
        _table(FEELING_HEADERS, rows, frozenset({1, 2}))
        other = [f for f in report.feelings if f.group is None]
        if other:
            print("  " + OTHER_WORDS.format(words=_words(other, 8)))

    print(f"\n{TRIGGERS_TITLE}")
    if report.triggers:
        rows = [
            [
                t.phrase,
                f"{t.count:,}",
                f"{t.attempts:,}",
                clip(", ".join(f"#{i}" for i in t.experiment_ids), 40),
            ]
            for t in report.triggers
        ]
        _table(TRIGGER_HEADERS, rows, frozenset({1, 2}))
    else:
        print(f"  {NO_TRIGGERS}")

    compared = [e for e in report.experiments if e.change is not None]
    changed = [e for e in report.experiments if e.changed_something]
    if not report.experiments:
        print(f"\n{NO_EXPERIMENTS}")
    elif not changed:
        print("\n" + NO_CHANGE.format(compared=len(compared)))
    else:
        shown_x = changed[:MAX_EXPERIMENTS]
        print("\n" + EXPERIMENTS_TITLE.format(shown=len(shown_x), compared=len(compared)))
        for effect in shown_x:
            _print_experiment(effect)


def register(sub: Commands) -> None:
    p = sub.add_parser(
        "patterns",
        help="the people, feelings and situations that recur, and where the root may be",
        description="Who appears in difficult conversations and feedback, the feelings "
        "named, recurring situations, experiments that changed something, and root hints "
        "(computed on this machine; nothing leaves it). By default over all time and every "
        "entry.",
    )
    p.add_argument("--since", metavar="DATE", help="from this day: 2026-01-31, today, 90d, ...")
    p.add_argument("--until", metavar="DATE", help="up to and including this day")
    p.add_argument("--level", "-l", help="one level, by name or number (growth, 2)")
    p.add_argument(
        "--shared",
        action="store_true",
        help="only the entries shared with the coach (as the coach summary counts them)",
    )
    format_option(p).set_defaults(run=cmd_patterns)
