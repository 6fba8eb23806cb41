"""``chart``: one of the Progress section's charts drawn to a PNG or SVG file, headless
(matplotlib's Agg). matplotlib is imported only when a chart is drawn."""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import TYPE_CHECKING

from tkg_journal.cli.options import EXIT_OK, PROG, UsageError, day_arg, open_journal

if TYPE_CHECKING:
    from tkg_journal.cli.options import Commands
    from tkg_journal.domain.progress import Period

CHART_SUFFIXES = (".png", ".svg")


def _chart_names() -> list[str]:
    from tkg_journal.services.progress_charts import CHARTS

    return [info.name for info in CHARTS]


def _chart_period(args: argparse.Namespace) -> Period:
    from tkg_journal.domain.progress import Period

    return Period(since=day_arg(args.since, "--since"), until=day_arg(args.until, "--until"))


def cmd_chart(args: argparse.Namespace) -> int:
    """Render a Progress chart to a PNG or SVG file, headless (matplotlib's Agg)."""
    from tkg_journal.domain.errors import DomainError

    if args.list:
        if args.name or args.out:
            raise UsageError("--list takes no chart name and no --out")
        from tkg_journal.services.progress_charts import CHARTS

        width = max(len(info.name) for info in CHARTS)
        for info in CHARTS:
            print(f"{info.name:<{width}}  {info.description}")
        return EXIT_OK
    if not args.name:
        raise UsageError(f"name a chart to draw (the names: {PROG} chart --list)")
    if not args.out:
        raise UsageError("give the file to write: --out FILE.png or --out FILE.svg")
    # Everything the user typed is checked before unlocking: a typo costs no Argon2id
    # and no render, and a refused command leaves no file behind.
    from tkg_journal.domain.levels import parse_level

    names = _chart_names()
    if args.name not in names:
        raise DomainError(f"there is no chart {args.name!r}; the charts: {', '.join(names)}")
    out = Path(args.out).expanduser()
    if out.suffix.lower() not in CHART_SUFFIXES:
        raise DomainError(f"--out {args.out}: the file name must end in .png or .svg")
    if out.is_dir():
        raise DomainError(f"--out {args.out} is a folder; give a file name ending in .png or .svg")
    if not out.parent.is_dir():
        raise DomainError(f"--out {args.out}: the folder {out.parent} does not exist")
    if not os.access(out.parent, os.W_OK | os.X_OK):
        raise DomainError(f"--out {args.out}: the folder {out.parent} is not writable")
    period = _chart_period(args)
    levels = [parse_level(text) for text in args.level]

    from tkg_journal.services import progress_charts
    from tkg_journal.services.progress import Progress

    with open_journal(args) as journal:
        chart = progress_charts.collect(Progress(journal), args.name, period=period, levels=levels)
    # The chart's sentence (as the app and the coach summary give it) goes with the
    # picture: on the terminal, for a reader who cannot see it, and in the file.
    sentence = progress_charts.sentence(chart)
    progress_charts.save(progress_charts.build(chart, dark=args.dark), out, description=sentence)
    print(f"Saved the {args.name} chart to {out}.")
    print(sentence)
    return EXIT_OK


def register(sub: Commands) -> None:
    p = sub.add_parser(
        "chart",
        help="draw a Progress chart to a PNG or SVG file (--list: the charts)",
        description="Draw one of the Progress section's charts, headless.",
    )
    p.add_argument("name", nargs="?", metavar="NAME", help="the chart (see --list)")
    p.add_argument("--list", action="store_true", help="list the charts, one per line")
    p.add_argument("--out", "-o", metavar="FILE", help="the file to write: FILE.png or FILE.svg")
    p.add_argument("--since", metavar="DATE", help="from this day: 2026-01-31, 90d, ...")
    p.add_argument("--until", metavar="DATE", help="up to and including this day")
    p.add_argument(
        "--level", "-l", action="append", default=[], help="only this level (repeatable)"
    )
    p.add_argument("--dark", action="store_true", help="the dark theme")
    p.set_defaults(run=cmd_chart)
