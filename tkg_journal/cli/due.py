"""``due``: what needs attention now, across the two things with dates: active
experiments (overdue, or quiet for days) and the commitments made in coach sessions
(overdue or due soon). Each command imports what it needs when it runs (start-up speed)."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from typing import TYPE_CHECKING

from tkg_journal.cli.options import EXIT_OK, PROG, format_option, open_journal
from tkg_journal.cli.output import clip, commitment_due_json, days, due_json, iso, print_json

if TYPE_CHECKING:
    from tkg_journal.cli.options import Commands
    from tkg_journal.domain.coach_sessions import CommitmentDue


def cmd_due(args: argparse.Namespace) -> int:
    from tkg_journal.domain.accountability import DueReason, check_quiet_days
    from tkg_journal.domain.coach_sessions import check_soon_days
    from tkg_journal.services.coach_sessions import CoachSessions
    from tkg_journal.services.experiments import Experiments

    check_quiet_days(args.quiet_days)
    check_soon_days(args.soon_days)
    with open_journal(args) as journal:
        items = [] if args.commitments else Experiments(journal).due(quiet_days=args.quiet_days)
        actions = CoachSessions(journal).due_commitments(soon_days=args.soon_days)
    if args.format == "json":
        # The plain list of experiments stays what scripts already read; the action items
        # are a list of their own, asked for with --commitments.
        if args.commitments:
            print_json([commitment_due_json(a) for a in actions])
        else:
            print_json([due_json(item) for item in items])
        return EXIT_OK
    if args.commitments:
        _print_commitments_due(actions, args.soon_days)
        return EXIT_OK
    if not items and not actions:
        print(
            "Nothing needs attention: every active experiment is on track and no commitment is due."
        )
        return EXIT_OK
    if items:
        print(f"Needs attention ({len(items)}):")
        for item in items:
            e = item.experiment
            span = days(item.days)
            why = (
                f"overdue by {span} (due {iso(e.due_date)})"
                if item.reason is DueReason.OVERDUE
                else f"no attempt for {span}"
            )
            print(f"{e.id:>6}  {item.reason.value:<8}  {why:<34}  {clip(e.title, 60)}")
        print(f"Log an attempt: {PROG} experiment log ID --did yes|partial|no [--outcome -2..2]")
    else:
        print("Every active experiment is on track.")
    if actions:
        print()
        _print_commitments_due(actions, args.soon_days)
    return EXIT_OK


def _print_commitments_due(actions: Sequence[CommitmentDue], soon_days: int) -> None:
    from tkg_journal.domain.coach_sessions import CommitmentDueReason

    if not actions:
        print(f"No commitment is overdue or due in the next {days(soon_days)}.")
        return
    print(f"Commitments ({len(actions)}):")
    for action in actions:
        c = action.item.commitment
        due = iso(c.due_date)
        if action.reason is CommitmentDueReason.OVERDUE:
            why = f"overdue by {days(action.days)} (due {due})"
        elif action.reason is CommitmentDueReason.DUE_TODAY:
            why = f"due today ({due})"
        else:
            why = f"due in {days(action.days)} ({due})"
        print(f"{c.id:>6}  {action.reason.value:<9}  {why:<34}  {clip(c.text, 60)}")
    print(f"Mark one done: {PROG} session done ID")


def register(sub: Commands) -> None:
    p = sub.add_parser(
        "due",
        help="experiments and coach-session commitments that need attention now",
        description="Experiments overdue or quiet, then the action items from coach sessions "
        "that are overdue or due soon. With --format json: the experiments as a list "
        "(--commitments: the action items as a list instead).",
    )
    p.add_argument(
        "--quiet-days",
        type=int,
        default=3,  # = accountability.DEFAULT_QUIET_DAYS (not imported: start-up speed)
        metavar="N",
        help="an active experiment with no attempt for N days is quiet (default 3)",
    )
    p.add_argument(
        "--soon-days",
        type=int,
        default=7,  # = coach_sessions.DEFAULT_SOON_DAYS
        metavar="N",
        help="a commitment due within N days is listed as due soon (default 7)",
    )
    p.add_argument(
        "--commitments",
        action="store_true",
        help="only the action items from coach sessions (not the experiments)",
    )
    format_option(p).set_defaults(run=cmd_due)
