"""Behaviour experiments: ``experiment add|list|show|start|complete|abandon|reopen|log|
behaviours``. Each command imports what it needs when it runs (start-up speed)."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from tkg_journal.cli.options import (
    EXIT_OK,
    UsageError,
    creating_format_option,
    day_arg,
    due_arg,
    format_option,
    level_arg,
    now,
    open_journal,
    record_command,
)
from tkg_journal.cli.output import (
    attempt_json,
    clip,
    experiment_json,
    field,
    iso,
    level_text,
    local_stamp,
    outcome_text,
    print_json,
    print_result,
    summary_json,
    trend,
)

if TYPE_CHECKING:
    from tkg_journal.cli.options import Commands
    from tkg_journal.domain.experiments import Experiment


def _changed(e: Experiment, args: argparse.Namespace, verb: str) -> int:
    due = f", due {e.due_date.isoformat()}" if e.due_date and e.status.is_open else ""
    line = f"Experiment {e.id} {verb}: now {e.status.value}{due}."
    print_result(args.format, experiment_json(e), line)
    return EXIT_OK


def cmd_experiment_add(args: argparse.Namespace) -> int:
    from tkg_journal.domain.experiments import Experiment, ExperimentStatus
    from tkg_journal.services.experiments import Experiments

    level = level_arg(args.level)
    start_date, due_date = day_arg(args.start, "--start"), due_arg(args.due)
    with open_journal(args) as journal:
        experiments = Experiments(journal)
        behaviour = experiments.behaviour_named(args.behaviour) if args.behaviour else None
        if level is None:
            if behaviour is None:
                raise UsageError("give the experiment's --level (or a --behaviour to take it from)")
            level = behaviour.level  # the symptom suggests its root level
        stored = experiments.create(
            Experiment(
                title=args.title,
                level=level,
                trigger=args.trigger,
                old_behaviour=args.old,
                new_response=args.new,
                prediction=args.prediction or "",
                success_criteria=args.criteria or "",
                behaviour_id=behaviour.id if behaviour else None,
                start_date=start_date,
                due_date=due_date,
                belief_before=args.belief,
                status=ExperimentStatus.ACTIVE if args.active else ExperimentStatus.PLANNED,
            )
        )
    line = f"Added experiment {stored.id} ({stored.status.value})."
    print_result(args.format, experiment_json(stored), line)
    return EXIT_OK


def cmd_experiment_list(args: argparse.Namespace) -> int:
    from tkg_journal.domain.experiments import parse_status
    from tkg_journal.services.experiments import Experiments

    status = parse_status(args.status) if args.status else None
    level = level_arg(args.level)
    with open_journal(args) as journal:
        rows = Experiments(journal).summaries(status=status, level=level, text=args.search or "")
    if args.format == "json":
        print_json([summary_json(r) for r in rows])
        return EXIT_OK
    if not rows:
        print("No experiments match.", file=sys.stderr)
        return EXIT_OK
    print(
        f"{'id':>6}  {'status':<9}  {'level':<15}  {'tries':>5}  {'trend':<19}  {'due':<10}  title"
    )
    for r in rows:
        e = r.experiment
        print(
            f"{e.id:>6}  {e.status.value:<9}  {level_text(e.level):<15}  {r.attempts:>5}  "
            f"{trend(r.recent_outcomes):<19}  {iso(e.due_date) or '-':<10}  {clip(e.title, 60)}"
        )
    return EXIT_OK


def cmd_experiment_show(args: argparse.Namespace) -> int:
    from tkg_journal.services.experiments import Experiments

    with open_journal(args) as journal:
        experiments = Experiments(journal)
        e = experiments.get(args.id)
        attempts = experiments.attempts(args.id)
        behaviour = (
            next(
                (
                    b
                    for b in experiments.behaviours(include_archived=True)
                    if b.id == e.behaviour_id
                ),
                None,
            )
            if e.behaviour_id is not None
            else None
        )
    if args.format == "json":
        data = experiment_json(e)
        data["behaviour"] = behaviour.name if behaviour else None
        data["attempts"] = [attempt_json(a) for a in attempts]
        print_json(data)
        return EXIT_OK
    print(f"Experiment {e.id}: {e.title}  [{e.status.value}]")
    field("Level", e.level.label())
    field("Experiment", e.statement)
    if e.success_criteria:
        field("Success", e.success_criteria)
    if behaviour:
        field("Behaviour", behaviour.name + (" (archived)" if behaviour.archived else ""))
    dates = [
        f"start {iso(e.start_date)}" if e.start_date else "",
        f"due {iso(e.due_date)}" if e.due_date else "",
    ]
    if any(dates):
        field("Dates", ", ".join(d for d in dates if d))
    if e.belief_before is not None or e.belief_after is not None:
        before = "-" if e.belief_before is None else f"{e.belief_before}%"
        after = "-" if e.belief_after is None else f"{e.belief_after}%"
        field("Belief", f"{before} before, {after} after")
    if e.learning:
        field("Learning", e.learning)
    if e.abandon_reason:
        field("Abandoned", e.abandon_reason)
    if e.source_entry_id is not None:
        field("From entry", str(e.source_entry_id))
    if not attempts:
        print("\nNo attempts yet.")
        return EXIT_OK
    rated = [a.outcome for a in attempts if a.outcome is not None]
    mean = f", mean outcome {sum(rated) / len(rated):+.1f}" if rated else ""
    print(f"\nAttempts ({len(attempts)}{mean}):  {trend([a.outcome for a in attempts])}")
    for a in attempts:
        words = " - ".join(t for t in (a.situation, a.note) if t)
        outcome = outcome_text(a.outcome)
        print(
            f"  {local_stamp(a.occurred_at)}  {a.did_it.value:<7}  {outcome:>2}  {clip(words, 80)}"
        )
    return EXIT_OK


def cmd_experiment_start(args: argparse.Namespace) -> int:
    from tkg_journal.domain.errors import ValidationError
    from tkg_journal.services.experiments import Experiments

    on, due = day_arg(args.on, "--on"), due_arg(args.due)
    with open_journal(args) as journal:
        try:
            started = Experiments(journal).start(args.id, on=on, due=due)
        except ValidationError as error:
            if error.field == "due" and args.due is None:  # say how to give the new one
                raise ValidationError("due", f"{error} (--due DATE)") from None
            raise
    return _changed(started, args, "started")


def cmd_experiment_complete(args: argparse.Namespace) -> int:
    from tkg_journal.domain.errors import ValidationError
    from tkg_journal.services.experiments import Experiments

    if not (args.learning or "").strip():
        raise ValidationError(
            "learning", "completing an experiment asks what you learned: give --learning TEXT"
        )
    with open_journal(args) as journal:
        done = Experiments(journal).complete(
            args.id, learning=args.learning, belief_after=args.belief
        )
    return _changed(done, args, "completed")


def cmd_experiment_abandon(args: argparse.Namespace) -> int:
    from tkg_journal.domain.errors import ValidationError
    from tkg_journal.services.experiments import Experiments

    if not (args.reason or "").strip():
        raise ValidationError("reason", "abandoning an experiment asks why: give --reason TEXT")
    with open_journal(args) as journal:
        dropped = Experiments(journal).abandon(args.id, reason=args.reason)
    return _changed(dropped, args, "abandoned")


def cmd_experiment_reopen(args: argparse.Namespace) -> int:
    from tkg_journal.services.experiments import Experiments

    with open_journal(args) as journal:
        reopened = Experiments(journal).reopen(args.id)
    return _changed(reopened, args, "reopened")


def cmd_experiment_log(args: argparse.Namespace) -> int:
    from tkg_journal.domain.dates import parse_datetime
    from tkg_journal.domain.experiments import parse_did_it
    from tkg_journal.domain.text_rules import check_range
    from tkg_journal.services.experiments import Experiments

    # Checked before unlocking: a typo costs no passphrase prompt and no Argon2id.
    did_it = parse_did_it(args.did)
    check_range("outcome", args.outcome, -2, 2)
    when = parse_datetime(args.when, now=now(), field="--when") if args.when else None
    with open_journal(args) as journal:
        attempt = Experiments(journal).log_attempt(
            args.id,
            did_it=did_it,
            outcome=args.outcome,
            situation=args.situation or "",
            note=args.note or "",
            when=when,
        )
    line = f"Logged attempt {attempt.id} on experiment {attempt.experiment_id}."
    print_result(args.format, attempt_json(attempt), line)
    return EXIT_OK


def cmd_experiment_behaviours(args: argparse.Namespace) -> int:
    from tkg_journal.services.experiments import Experiments

    with open_journal(args) as journal:
        behaviours = Experiments(journal).behaviours(include_archived=args.all)
    if args.format == "json":
        print_json(
            [
                {
                    "id": b.id,
                    "name": b.name,
                    "level": b.level.title,
                    "level_rank": int(b.level),
                    "description": b.description,
                    "archived": b.archived,
                }
                for b in behaviours
            ]
        )
        return EXIT_OK
    for b in behaviours:
        archived = "  (archived)" if b.archived else ""
        print(f"{b.id:>4}  {level_text(b.level):<15}  {b.name}{archived}")
    return EXIT_OK


def register(sub: Commands) -> None:
    exp = sub.add_parser(
        "experiment",
        help="behaviour experiments: add, list, show, start, log attempts, complete",
        description="When <trigger>, instead of <old behaviour> I will <new response>.",
    )
    actions = exp.add_subparsers(dest="action", metavar="ACTION", required=True)

    p = creating_format_option(
        actions.add_parser("add", help="add a behaviour experiment (planned)"))
    p.add_argument("--title", "-t", required=True)
    p.add_argument("--level", "-l", help="root level by name or number (or from --behaviour)")
    p.add_argument("--trigger", required=True, help="when ... (the situation)")
    p.add_argument("--old", required=True, metavar="OLD", help="instead of ... (old behaviour)")
    p.add_argument("--new", required=True, metavar="NEW", help="I will ... (new response)")
    p.add_argument("--prediction", help="and I expect ...")
    p.add_argument("--criteria", help="success criteria")
    p.add_argument("--start", metavar="DATE", help="start date: 2026-03-01, today, ...")
    p.add_argument("--due", metavar="DATE", help="due date: 2026-12-01, +2w, in 10 days, friday")
    p.add_argument("--belief", type=int, metavar="0-100", help="belief before, 0-100")
    p.add_argument("--behaviour", metavar="NAME", help="the friction behaviour it works on")
    p.add_argument(
        "--active",
        action="store_true",
        help="already under way: active from --start (or today) instead of planned",
    )
    p.set_defaults(run=cmd_experiment_add)

    p = format_option(actions.add_parser("list", help="list experiments, open ones first"))
    p.add_argument("--status", "-s", help="planned, active, completed or abandoned")
    p.add_argument("--level", "-l")
    p.add_argument("--search", metavar="TEXT", help="words in the experiment or its attempts")
    p.set_defaults(run=cmd_experiment_list)

    record_command(actions, "show", "an experiment with its attempts", cmd_experiment_show)

    p = record_command(actions, "start", "planned -> active", cmd_experiment_start)
    p.add_argument("--on", metavar="DATE", help="start date, if none was planned (default today)")
    p.add_argument("--due", metavar="DATE", help="a new due date: 2026-12-01, +2w, next friday")

    p = record_command(
        actions, "complete", "active -> completed, with the learning", cmd_experiment_complete
    )
    p.add_argument("--learning", metavar="TEXT", help="what you learned (required)")
    p.add_argument("--belief", type=int, metavar="0-100", help="belief after, 0-100")

    p = record_command(actions, "abandon", "planned or active -> abandoned", cmd_experiment_abandon)
    p.add_argument("--reason", metavar="TEXT", help="why (required)")

    record_command(
        actions, "reopen", "make a closed experiment active again", cmd_experiment_reopen
    )

    p = record_command(actions, "log", "log an attempt on an active experiment", cmd_experiment_log)
    p.add_argument("--did", required=True, metavar="yes|partial|no", help="did you try it?")
    p.add_argument("--outcome", type=int, metavar="-2..2", help="how it went, -2 .. +2")
    p.add_argument("--situation", metavar="TEXT")
    p.add_argument("--note", metavar="TEXT")
    p.add_argument("--when", metavar="DATETIME", help="when (default now): 2026-03-01 14:30")

    p = format_option(actions.add_parser("behaviours", help="the friction behaviour catalogue"))
    p.add_argument("--all", action="store_true", help="include archived behaviours")
    p.set_defaults(run=cmd_experiment_behaviours)
