"""The ``tkg-journal`` command line: quick capture, search, import and export from scripts.

Start-up speed matters here (a hotkey or a calendar reminder runs these commands), so this
module imports only the standard library at the top; each command imports what it needs,
and nothing on these paths imports Qt or matplotlib.

Exit codes: 0 success; 1 the command failed (bad input, wrong key, damaged file...) and
nothing was changed; 2 wrong usage or a needed secret was not given; 130 interrupted.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from datetime import UTC, datetime, time, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

if TYPE_CHECKING:
    from datetime import date

    from tkg_journal.domain.accountability import DueItem
    from tkg_journal.domain.coach_sessions import CoachSession, Commitment, CommitmentDue
    from tkg_journal.domain.experiments import Attempt, Experiment
    from tkg_journal.domain.levels import Level
    from tkg_journal.domain.progress import Period
    from tkg_journal.paths import JournalPaths
    from tkg_journal.services.drawing_process import DrawingProcess
    from tkg_journal.services.experiments import ExperimentSummary
    from tkg_journal.services.journal import Journal

PROG = "tkg-journal"
PASSPHRASE_ENV = "TKG_JOURNAL_PASSPHRASE"
NEW_PASSPHRASE_ENV = "TKG_JOURNAL_NEW_PASSPHRASE"
RECOVERY_KEY_ENV = "TKG_JOURNAL_RECOVERY_KEY"
EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130


class UsageError(Exception):
    """Wrong usage or a missing secret: exit 2 with the message."""


# --- reading input ---------------------------------------------------------------------


def _now() -> datetime:
    return datetime.now().astimezone()


def _level(text: str | None) -> Level | None:
    from tkg_journal.domain.levels import parse_level

    return parse_level(text) if text is not None else None


def _since(text: str | None, field: str = "--since") -> datetime | None:
    """Start of that local day."""
    from tkg_journal.domain.dates import parse_date

    if text is None:
        return None
    now = _now()
    return datetime.combine(
        parse_date(text, today=now.date(), field=field), time(), tzinfo=now.tzinfo
    )


def _until(text: str | None) -> datetime | None:
    """``--until`` names the last day included, so the bound is the next midnight."""
    start = _since(text, "--until")
    return start + timedelta(days=1) if start else None


def _day(text: str | None, field: str) -> date | None:
    """A calendar day as typed (``2026-03-20``, ``today``, ``yesterday``, ``7d`` ago)."""
    from tkg_journal.domain.dates import parse_date

    return parse_date(text, today=_now().date(), field=field) if text is not None else None


def _read_secret_file(path: str, what: str) -> str:
    """A passphrase or recovery key from a file, a pipe (``<(pass show journal)``) or a
    FIFO with a writer; a device, a silent FIFO or a large file is refused (exit 2)."""
    from tkg_journal.safe_read import UnreadableFile, read_user_file

    try:
        # A passphrase or recovery key is a line, not a document: 64 KB is plenty.
        raw = read_user_file(path, limit=64 * 1024, what=f"the {what} file")
    except UnreadableFile as error:
        raise UsageError(str(error)) from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise UsageError(f"the {what} file {path} is not UTF-8 text") from None
    return text.rstrip("\r\n")  # files written with echo end in a newline


def _secret(file_path: str | None, env: str, what: str, *, repeat: bool) -> str:
    """A secret from a file, then an environment variable, then a hidden prompt on a
    terminal (asked twice for a new one). Never waits on a pipe: a script without the
    secret gets exit 2 and a message saying how to give it."""
    if file_path:
        return _read_secret_file(file_path, what)
    if env in os.environ:
        return _environment_text(env)
    if not sys.stdin.isatty():
        raise UsageError(
            f"a {what} is needed: set {env}, use the --{what.replace(' ', '-')}"
            "-file option, or run in a terminal to be asked"
        )
    import getpass

    try:
        label = f"{what[0].upper()}{what[1:]}"
        if repeat:  # a new secret: say the rule before it is typed, check it before repeating
            from tkg_journal.services.journal_access import (
                MIN_PASSPHRASE_CHARS,
                check_new_passphrase,
            )

            label += f" (at least {MIN_PASSPHRASE_CHARS} characters)"
        first = getpass.getpass(f"{label}: ")
        if repeat:
            check_new_passphrase(first)
        if repeat and getpass.getpass("Repeat it: ") != first:
            raise UsageError(f"the two entries of the {what} differ; nothing was changed")
    except EOFError:
        raise UsageError(f"no {what} given") from None
    return first


def _passphrase(args: argparse.Namespace, *, new: bool = False) -> str:
    return _secret(args.passphrase_file, PASSPHRASE_ENV, "passphrase", repeat=new)


def _new_passphrase(args: argparse.Namespace) -> str:
    return _secret(args.new_passphrase_file, NEW_PASSPHRASE_ENV, "new passphrase", repeat=True)


def _recovery_key(args: argparse.Namespace) -> str:
    return _secret(args.recovery_key_file, RECOVERY_KEY_ENV, "recovery key", repeat=False)


def _environment_text(name: str) -> str:
    """An environment variable's text; bytes that are not UTF-8 (which Python keeps as
    lone surrogates) would fail deep inside the key derivation, so they are refused here."""
    value = os.environ[name]
    if not _is_text(value):
        raise UsageError(f"{name} is not valid UTF-8 text; set it again in a UTF-8 terminal")
    return value


def _is_text(value: str) -> bool:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _undecodable_argument(argv: Sequence[str]) -> str | None:
    """The message for the first argument that is not UTF-8 text, if any."""
    for number, argument in enumerate(argv, start=1):
        if not _is_text(argument):
            shown = argument.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
            return (
                f"argument {number} ({shown!r}) holds bytes that are not UTF-8 text; "
                "nothing was changed"
            )
    return None


def _read_stdin_text() -> str:
    from tkg_journal.domain.text_rules import MAX_TEXT_CHARS

    limit = MAX_TEXT_CHARS * 4 + 3  # UTF-8: at most 4 bytes a character, and a BOM
    raw = sys.stdin.buffer.read(limit + 1)
    if len(raw) > limit:
        raise UsageError(
            f"the text on standard input is longer than one text can be ({MAX_TEXT_CHARS:,} "
            "characters); nothing was saved"
        )
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise UsageError(
            f"the text on standard input is not valid UTF-8 (bad byte at offset {error.start})"
        ) from None


# --- opening the journal ----------------------------------------------------------------


def _paths(args: argparse.Namespace) -> JournalPaths:
    from tkg_journal.paths import resolve_paths

    paths = resolve_paths(args.data_dir)
    if paths.data_dir.exists() and not paths.data_dir.is_dir():
        from tkg_journal.storage.errors import JournalNotFound

        raise JournalNotFound(
            f"{paths.data_dir} is a file, not a folder: give the journal's folder "
            "with --data-dir or TKG_JOURNAL_HOME"
        )
    return paths


def _open(args: argparse.Namespace) -> Journal:
    from tkg_journal.security.key_file import KeyMode
    from tkg_journal.services import journal_access

    paths = _paths(args)
    if journal_access.key_mode(paths) is KeyMode.PASSPHRASE:
        return journal_access.unlock(paths, passphrase=_passphrase(args))
    return journal_access.unlock(paths)


def _create(args: argparse.Namespace, use_passphrase: bool) -> tuple[Journal, str]:
    from tkg_journal.services import journal_access

    paths = _paths(args)
    if journal_access.exists(paths):  # before asking for a passphrase we would not use
        from tkg_journal.storage.errors import JournalExists

        raise JournalExists(f"a journal already exists in {paths.data_dir}; nothing was changed")
    passphrase = _passphrase(args, new=True) if use_passphrase else None
    created = journal_access.create(paths, passphrase=passphrase)
    return created.journal, created.recovery_key


def _print_recovery_key(recovery_key: str) -> None:
    print("\nRecovery key (print it or write it down, and keep it somewhere safe):\n")
    print(f"    {recovery_key}\n")
    print("It unlocks this journal if the passphrase is forgotten or the keyring is lost.")
    print("It is shown only this once.")


# --- commands -----------------------------------------------------------------------------


def cmd_init(args: argparse.Namespace) -> int:
    journal, recovery_key = _create(args, args.passphrase)
    with journal:
        how = "protected by your passphrase" if args.passphrase else "key kept in the OS keyring"
        print(f"Created an encrypted journal in {journal.paths.data_dir} ({how}).")
    _print_recovery_key(recovery_key)
    return EXIT_OK


def cmd_add(args: argparse.Namespace) -> int:
    from tkg_journal.domain.dates import parse_datetime
    from tkg_journal.domain.entries import Entry, EntryKind, parse_kind

    body = _read_stdin_text() if args.text == ["-"] else " ".join(args.text)
    if not body.strip() and not (args.title or "").strip():
        raise UsageError(
            "nothing to add: give the entry's text (or - to read it from "
            "standard input) or a --title"
        )
    kind = parse_kind(args.kind) if args.kind is not None else EntryKind.FREE
    level = _level(args.level)
    occurred_at = parse_datetime(args.when, now=_now(), field="--when") if args.when else _now()
    entry = Entry(
        kind=kind,
        occurred_at=occurred_at,
        title=args.title or "",
        body=body,
        level=level,
        tags=tuple(args.tag),
        share_with_coach=args.share,
    )
    with _open(args) as journal:
        stored = journal.add_entry(entry)
    if args.format == "json":
        _print_json({"id": stored.id})
    else:
        print(f"Added entry {stored.id}.")
    return EXIT_OK


def _local_stamp(moment: datetime) -> str:
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


def _level_text(level: Level | None) -> str:
    return level.label() if level else "-"


def cmd_list(args: argparse.Namespace) -> int:
    from tkg_journal.domain.search import EntryFilter

    level = _level(args.level)
    filters = EntryFilter(
        since=_since(args.since),
        until=_until(args.until),
        levels=(level,) if level else (),
        tag=args.tag.lower().lstrip("#@") if args.tag else None,
    )
    with _open(args) as journal:
        rows = journal.list_entries(filters, limit=args.limit)
    if args.format == "json":
        _print_json(
            [
                {
                    "id": r.id,
                    "occurred_at": r.occurred_at.astimezone().isoformat(),
                    "kind": r.kind.value,
                    "level": r.level.title if r.level else None,
                    "level_rank": int(r.level) if r.level else None,
                    "title": r.title,
                    "first_line": r.first_line,
                    "shared": r.share_with_coach,
                    **({"date_unreadable": True} if r.date_unreadable else {}),
                }
                for r in rows
            ]
        )
        return EXIT_OK
    if not rows:
        print("No entries match.", file=sys.stderr)
    for r in rows:
        headline = " - ".join(t for t in (r.title, r.first_line) if t)
        stamp = _UNREADABLE_STAMP if r.date_unreadable else _local_stamp(r.occurred_at)
        print(
            f"{r.id:>6}  {stamp}  {r.kind.value:<12}  "
            f"{_level_text(r.level):<13}  {_clip(headline, 90)}"
        )
    _note_unreadable_dates(sum(r.date_unreadable for r in rows))
    return EXIT_OK


# As wide as a local stamp ("2026-03-01 14:30"), so the columns stay aligned.
_UNREADABLE_STAMP = "date unreadable "


def _note_unreadable_dates(count: int) -> None:
    if count:
        subject = "1 entry above has" if count == 1 else f"{count} entries above have"
        print(
            f"{PROG}: {subject} a stored date that cannot be read; "
            f"`{PROG} check --repair` fixes it",
            file=sys.stderr,
        )


def cmd_search(args: argparse.Namespace) -> int:
    from tkg_journal.domain.search import highlight

    if not args.query.strip():
        raise UsageError("search needs some words to look for")
    with _open(args) as journal:
        hits = journal.search(
            args.query,
            since=_since(args.since),
            until=_until(args.until),
            level=_level(args.level),
            limit=args.limit,
        )
    if args.format == "json":
        _print_json(
            [
                {
                    "type": h.type.value,
                    "id": h.id,
                    "experiment_id": h.parent_id,
                    "occurred_at": h.occurred_at.astimezone().isoformat(),
                    "level": h.level.title if h.level else None,
                    "title": h.title,
                    "snippet": highlight(h.snippet, "[", "]"),
                    "rank": round(h.rank, 4),
                }
                for h in hits
            ]
        )
        return EXIT_OK
    if not hits:
        print("Nothing found.", file=sys.stderr)
    bold = sys.stdout.isatty() and not os.environ.get("NO_COLOR")
    before, after = ("\x1b[1m", "\x1b[0m") if bold else ("[", "]")
    for h in hits:
        label = f"{h.type.value} {h.id}" + (f" (experiment {h.parent_id})" if h.parent_id else "")
        print(
            f"{label:<24}  {_local_stamp(h.occurred_at)}  {_level_text(h.level):<13}  "
            f"{_clip(h.title, 60)}"
        )
        print(f"    {highlight(h.snippet, before, after)}")
    return EXIT_OK


def cmd_import(args: argparse.Namespace) -> int:
    from tkg_journal.services.jrnl_import import parse, read_file, store

    path = Path(args.file)
    # Parsed once, before unlocking: a bad file is refused without asking for a passphrase.
    parsed = parse(read_file(path), zone=_now().tzinfo or UTC)
    with _open(args) as journal:
        result = store(journal, parsed)
    skipped = (
        f"; {result.already_present} were already in the journal" if result.already_present else ""
    )
    print(f"Imported {result.imported} entries from {path.name}{skipped}.")
    return EXIT_OK


def cmd_demo(args: argparse.Namespace) -> int:
    from tkg_journal.services import demo, journal_access

    if args.entries < 0:
        raise UsageError("--entries cannot be negative")
    recovery_key = None
    if journal_access.exists(_paths(args)):
        journal = _open(args)
    else:
        journal, recovery_key = _create(args, args.passphrase)
    with journal:
        summary = demo.fill(journal, entries=args.entries, seed=args.seed)
        print(
            f"Sample journal in {journal.paths.data_dir}: {summary.entries} entries, "
            f"{summary.experiments} experiments with {summary.attempts} attempts, "
            f"{summary.checkins} rating check-ins, {summary.sessions} coach sessions."
        )
    if recovery_key:
        _print_recovery_key(recovery_key)
    return EXIT_OK


def cmd_check(args: argparse.Namespace) -> int:
    """Every page authenticated, then every stored date readable (``--repair``: fixed,
    after a backup)."""
    with _open(args) as journal:
        problems = journal.integrity_problems()
        count = journal.count_entries()
        if problems:
            print(f"{PROG}: the journal is damaged:", file=sys.stderr)
            for line in problems[:20]:
                print(f"  {line}", file=sys.stderr)
            return EXIT_FAILED
        print(f"The journal is intact ({_count(count, 'entry')}, every page authenticated).")
        if args.repair:
            dates, copy = journal.repair_dates()
        else:
            dates, copy = journal.date_problems(), None
    if not dates:
        return EXIT_OK
    if copy is not None:
        print(f"Backed up the journal to {copy} first.")
        print(f"Repaired {_count(len(dates), 'stored date')} that could not be read:")
    else:
        print(f"{_count(len(dates), 'stored date')} cannot be read (written by an older version):")
    for problem in dates:
        print(f"  {problem.describe()}")
    if copy is None:
        print(f"Run `{PROG} check --repair` to write the values shown (a backup is taken first).")
        return EXIT_FAILED
    return EXIT_OK


def _count(n: int, noun: str) -> str:
    """``1 entry``, ``2 entries``, ``3 stored dates``."""
    if n == 1:
        return f"{n} {noun}"
    return f"{n} {noun[:-1]}ies" if noun.endswith("y") else f"{n} {noun}s"


def cmd_passwd(args: argparse.Namespace) -> int:
    """Set or change the passphrase (from keyring mode too). Re-wraps the key only."""
    from tkg_journal.security.key_file import KeyMode
    from tkg_journal.services import journal_access

    paths = _paths(args)
    old = _passphrase(args) if journal_access.key_mode(paths) is KeyMode.PASSPHRASE else None
    key = journal_access.unlock_key(paths, passphrase=old)
    journal_access.change_passphrase(paths, key=key, new_passphrase=_new_passphrase(args))
    print("Passphrase set. The journal was not re-encrypted; the recovery key still works.")
    return EXIT_OK


def cmd_recover(args: argparse.Namespace) -> int:
    """Unlock with the recovery key, then set a new passphrase or restore the keyring."""
    from tkg_journal.services import journal_access

    paths = _paths(args)
    key = journal_access.unlock_key(paths, recovery_key=_recovery_key(args))
    if args.keyring:
        journal_access.use_keyring(paths, key=key)
        print("The journal's key is back in the OS keyring.")
    else:
        journal_access.change_passphrase(paths, key=key, new_passphrase=_new_passphrase(args))
        print("New passphrase set.")
    return EXIT_OK


# --- experiments ---------------------------------------------------------------------------


def _outcome_mark(outcome: int | None) -> str:
    """One character per attempt for a trend: ``+`` went well, ``0`` neutral, ``-`` badly,
    ``.`` no outcome recorded."""
    if outcome is None:
        return "."
    return "+" if outcome > 0 else "-" if outcome < 0 else "0"


def _trend(outcomes: Sequence[int | None]) -> str:
    return " ".join(_outcome_mark(o) for o in outcomes)


def _outcome_text(outcome: int | None) -> str:
    """``+2``, ``0``, ``-1``; `` .`` when no outcome was recorded."""
    return " ." if outcome is None else f"{outcome:+d}" if outcome else "0"


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def _experiment_json(e: Experiment) -> dict[str, Any]:
    return {
        "id": e.id,
        "title": e.title,
        "status": e.status.value,
        "level": e.level.title,
        "level_rank": int(e.level),
        "statement": e.statement,
        "trigger": e.trigger,
        "old_behaviour": e.old_behaviour,
        "new_response": e.new_response,
        "prediction": e.prediction,
        "success_criteria": e.success_criteria,
        "behaviour_id": e.behaviour_id,
        "start_date": _iso(e.start_date),
        "due_date": _iso(e.due_date),
        "belief_before": e.belief_before,
        "belief_after": e.belief_after,
        "learning": e.learning,
        "abandon_reason": e.abandon_reason,
        "source_entry_id": e.source_entry_id,
        "created_at": e.created_at.astimezone().isoformat() if e.created_at else None,
    }


def _attempt_json(a: Attempt) -> dict[str, Any]:
    return {
        "id": a.id,
        "experiment_id": a.experiment_id,
        "occurred_at": a.occurred_at.astimezone().isoformat(),
        "did_it": a.did_it.value,
        "outcome": a.outcome,
        "situation": a.situation,
        "note": a.note,
    }


def _summary_json(s: ExperimentSummary) -> dict[str, Any]:
    return {
        **_experiment_json(s.experiment),
        "attempts": s.attempts,
        "last_attempt_at": s.last_attempt_at.astimezone().isoformat()
        if s.last_attempt_at
        else None,
        "mean_outcome": round(s.mean_outcome, 3) if s.mean_outcome is not None else None,
        "recent_outcomes": list(s.recent_outcomes),
    }


def _due_json(item: DueItem) -> dict[str, Any]:
    e = item.experiment
    return {
        "id": e.id,
        "title": e.title,
        "reason": item.reason.value,
        "days": item.days,
        "level": e.level.title,
        "level_rank": int(e.level),
        "start_date": _iso(e.start_date),
        "due_date": _iso(e.due_date),
    }


def _changed(e: Experiment, args: argparse.Namespace, verb: str) -> int:
    if args.format == "json":
        _print_json(_experiment_json(e))
    else:
        due = f", due {e.due_date.isoformat()}" if e.due_date and e.status.is_open else ""
        print(f"Experiment {e.id} {verb}: now {e.status.value}{due}.")
    return EXIT_OK


def cmd_experiment_add(args: argparse.Namespace) -> int:
    from tkg_journal.domain.experiments import Experiment, ExperimentStatus
    from tkg_journal.services.experiments import Experiments

    level = _level(args.level)
    start_date, due_date = _day(args.start, "--start"), _day(args.due, "--due")
    with _open(args) as journal:
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
    if args.format == "json":
        _print_json(_experiment_json(stored))
    else:
        print(f"Added experiment {stored.id} ({stored.status.value}).")
    return EXIT_OK


def cmd_experiment_list(args: argparse.Namespace) -> int:
    from tkg_journal.domain.experiments import parse_status
    from tkg_journal.services.experiments import Experiments

    status = parse_status(args.status) if args.status else None
    level = _level(args.level)
    with _open(args) as journal:
        rows = Experiments(journal).summaries(status=status, level=level, text=args.search or "")
    if args.format == "json":
        _print_json([_summary_json(r) for r in rows])
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
            f"{e.id:>6}  {e.status.value:<9}  {_level_text(e.level):<15}  {r.attempts:>5}  "
            f"{_trend(r.recent_outcomes):<19}  {_iso(e.due_date) or '-':<10}  {_clip(e.title, 60)}"
        )
    return EXIT_OK


def _field(label: str, text: str) -> None:
    """``Label:  text``, continuation lines indented under the text."""
    lines = text.splitlines() or [""]
    print(f"  {label + ':':<15}{lines[0]}")
    for line in lines[1:]:
        print(f"  {'':<15}{line}")


def cmd_experiment_show(args: argparse.Namespace) -> int:
    from tkg_journal.services.experiments import Experiments

    with _open(args) as journal:
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
        data = _experiment_json(e)
        data["behaviour"] = behaviour.name if behaviour else None
        data["attempts"] = [_attempt_json(a) for a in attempts]
        _print_json(data)
        return EXIT_OK
    print(f"Experiment {e.id}: {e.title}  [{e.status.value}]")
    _field("Level", e.level.label())
    _field("Experiment", e.statement)
    if e.success_criteria:
        _field("Success", e.success_criteria)
    if behaviour:
        _field("Behaviour", behaviour.name + (" (archived)" if behaviour.archived else ""))
    dates = [
        f"start {_iso(e.start_date)}" if e.start_date else "",
        f"due {_iso(e.due_date)}" if e.due_date else "",
    ]
    if any(dates):
        _field("Dates", ", ".join(d for d in dates if d))
    if e.belief_before is not None or e.belief_after is not None:
        before = "-" if e.belief_before is None else f"{e.belief_before}%"
        after = "-" if e.belief_after is None else f"{e.belief_after}%"
        _field("Belief", f"{before} before, {after} after")
    if e.learning:
        _field("Learning", e.learning)
    if e.abandon_reason:
        _field("Abandoned", e.abandon_reason)
    if e.source_entry_id is not None:
        _field("From entry", str(e.source_entry_id))
    if not attempts:
        print("\nNo attempts yet.")
        return EXIT_OK
    rated = [a.outcome for a in attempts if a.outcome is not None]
    mean = f", mean outcome {sum(rated) / len(rated):+.1f}" if rated else ""
    print(f"\nAttempts ({len(attempts)}{mean}):  {_trend([a.outcome for a in attempts])}")
    for a in attempts:
        words = " - ".join(t for t in (a.situation, a.note) if t)
        outcome = _outcome_text(a.outcome)
        print(
            f"  {_local_stamp(a.occurred_at)}  {a.did_it.value:<7}  {outcome:>2}  "
            f"{_clip(words, 80)}"
        )
    return EXIT_OK


def cmd_experiment_start(args: argparse.Namespace) -> int:
    from tkg_journal.domain.errors import ValidationError
    from tkg_journal.services.experiments import Experiments

    on, due = _day(args.on, "--on"), _day(args.due, "--due")
    with _open(args) as journal:
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
    with _open(args) as journal:
        done = Experiments(journal).complete(
            args.id, learning=args.learning, belief_after=args.belief
        )
    return _changed(done, args, "completed")


def cmd_experiment_abandon(args: argparse.Namespace) -> int:
    from tkg_journal.domain.errors import ValidationError
    from tkg_journal.services.experiments import Experiments

    if not (args.reason or "").strip():
        raise ValidationError("reason", "abandoning an experiment asks why: give --reason TEXT")
    with _open(args) as journal:
        dropped = Experiments(journal).abandon(args.id, reason=args.reason)
    return _changed(dropped, args, "abandoned")


def cmd_experiment_reopen(args: argparse.Namespace) -> int:
    from tkg_journal.services.experiments import Experiments

    with _open(args) as journal:
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
    when = parse_datetime(args.when, now=_now(), field="--when") if args.when else None
    with _open(args) as journal:
        attempt = Experiments(journal).log_attempt(
            args.id,
            did_it=did_it,
            outcome=args.outcome,
            situation=args.situation or "",
            note=args.note or "",
            when=when,
        )
    if args.format == "json":
        _print_json(_attempt_json(attempt))
    else:
        print(f"Logged attempt {attempt.id} on experiment {attempt.experiment_id}.")
    return EXIT_OK


def cmd_due(args: argparse.Namespace) -> int:
    from tkg_journal.domain.accountability import DueReason, check_quiet_days
    from tkg_journal.domain.coach_sessions import check_soon_days
    from tkg_journal.services.coach_sessions import CoachSessions
    from tkg_journal.services.experiments import Experiments

    check_quiet_days(args.quiet_days)
    check_soon_days(args.soon_days)
    with _open(args) as journal:
        items = [] if args.commitments else Experiments(journal).due(quiet_days=args.quiet_days)
        actions = CoachSessions(journal).due_commitments(soon_days=args.soon_days)
    if args.format == "json":
        # The plain list of experiments stays what scripts already read; the action items
        # are a list of their own, asked for with --commitments.
        if args.commitments:
            _print_json([_commitment_due_json(a) for a in actions])
        else:
            _print_json([_due_json(item) for item in items])
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
            days = _days(item.days)
            why = (
                f"overdue by {days} (due {_iso(e.due_date)})"
                if item.reason is DueReason.OVERDUE
                else f"no attempt for {days}"
            )
            print(f"{e.id:>6}  {item.reason.value:<8}  {why:<34}  {_clip(e.title, 60)}")
        print(f"Log an attempt: {PROG} experiment log ID --did yes|partial|no [--outcome -2..2]")
    else:
        print("Every active experiment is on track.")
    if actions:
        print()
        _print_commitments_due(actions, args.soon_days)
    return EXIT_OK


def _days(days: int) -> str:
    return f"{days} day{'s' if days != 1 else ''}"


def _print_commitments_due(actions: Sequence[CommitmentDue], soon_days: int) -> None:
    from tkg_journal.domain.coach_sessions import CommitmentDueReason

    if not actions:
        print(f"No commitment is overdue or due in the next {_days(soon_days)}.")
        return
    print(f"Commitments ({len(actions)}):")
    for action in actions:
        c = action.item.commitment
        due = _iso(c.due_date)
        if action.reason is CommitmentDueReason.OVERDUE:
            why = f"overdue by {_days(action.days)} (due {due})"
        elif action.reason is CommitmentDueReason.DUE_TODAY:
            why = f"due today ({due})"
        else:
            why = f"due in {_days(action.days)} ({due})"
        print(f"{c.id:>6}  {action.reason.value:<9}  {why:<34}  {_clip(c.text, 60)}")
    print(f"Mark one done: {PROG} session done ID")


def cmd_experiment_behaviours(args: argparse.Namespace) -> int:
    from tkg_journal.services.experiments import Experiments

    with _open(args) as journal:
        behaviours = Experiments(journal).behaviours(include_archived=args.all)
    if args.format == "json":
        _print_json(
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
        print(f"{b.id:>4}  {_level_text(b.level):<15}  {b.name}{archived}")
    return EXIT_OK


# --- coach sessions ----------------------------------------------------------------------


def _commitment_json(c: Commitment) -> dict[str, Any]:
    return {
        "id": c.id,
        "text": c.text,
        "due_date": _iso(c.due_date),
        "done": c.done,
        "experiment_id": c.experiment_id,
    }


def _session_json(s: CoachSession) -> dict[str, Any]:
    return {
        "id": s.id,
        "held_on": s.held_on.isoformat(),
        "topics": s.topics,
        "notes": s.notes,
        "commitments": [_commitment_json(c) for c in s.commitments],
    }


def _commitment_due_json(action: CommitmentDue) -> dict[str, Any]:
    return {
        **_commitment_json(action.item.commitment),
        "reason": action.reason.value,
        "days": action.days,
        "session_id": action.item.session_id,
        "held_on": action.item.held_on.isoformat(),
    }


def _text_arg(text: str | None) -> str:
    """An option's text; ``-`` reads it from standard input (long notes, a pipe)."""
    if text == "-":
        return _read_stdin_text()
    return text or ""


def cmd_session_add(args: argparse.Namespace) -> int:
    from tkg_journal.domain.coach_sessions import CoachSession, check_held_on
    from tkg_journal.domain.errors import ValidationError
    from tkg_journal.services.coach_sessions import CoachSessions

    if args.topics == "-" and args.notes == "-":
        raise UsageError("only one of --topics and --notes can read standard input")
    held_on = _day(args.date, "--date") or _now().date()
    topics, notes = _text_arg(args.topics), _text_arg(args.notes)
    # Checked before unlocking: a typo costs no passphrase prompt and no Argon2id.
    try:
        session = CoachSession(held_on=held_on, topics=topics, notes=notes)
    except ValidationError:
        if not (topics.strip() or notes.strip()):  # say which options give them
            raise ValidationError(
                "topics", "a coach session needs --topics TEXT or --notes TEXT"
            ) from None
        raise
    check_held_on(held_on, today=_now().date())
    with _open(args) as journal:
        stored = CoachSessions(journal).record(session)
    if args.format == "json":
        _print_json(_session_json(stored))
    else:
        print(f"Recorded coach session {stored.id} ({stored.held_on.isoformat()}).")
    return EXIT_OK


def cmd_session_commit(args: argparse.Namespace) -> int:
    from tkg_journal.domain.coach_sessions import Commitment
    from tkg_journal.services.coach_sessions import CoachSessions

    commitment = Commitment(" ".join(args.text), due_date=_day(args.due, "--due"))
    with _open(args) as journal:
        stored = CoachSessions(journal).add_commitment(args.session_id, commitment)
    if args.format == "json":
        _print_json(_commitment_json(stored))
    else:
        due = f", due {stored.due_date.isoformat()}" if stored.due_date else ""
        print(f"Added commitment {stored.id} to coach session {args.session_id}{due}.")
    return EXIT_OK


def cmd_session_list(args: argparse.Namespace) -> int:
    from tkg_journal.services.coach_sessions import CoachSessions

    with _open(args) as journal:
        sessions = CoachSessions(journal).sessions()
    if args.format == "json":
        _print_json([_session_json(s) for s in sessions])
        return EXIT_OK
    if not sessions:
        print(f"No coach sessions yet: {PROG} session add --topics TEXT", file=sys.stderr)
        return EXIT_OK
    print(f"{'id':>6}  {'date':<10}  {'open':>6}  topics")
    for s in sessions:
        counts = f"{s.open_commitments}/{len(s.commitments)}"
        topics = s.topics or s.notes
        print(f"{s.id:>6}  {s.held_on.isoformat():<10}  {counts:>6}  {_clip(topics, 70)}")
    return EXIT_OK


def cmd_session_show(args: argparse.Namespace) -> int:
    from tkg_journal.services.coach_sessions import CoachSessions

    with _open(args) as journal:
        s = CoachSessions(journal).get(args.id)
    if args.format == "json":
        _print_json(_session_json(s))
        return EXIT_OK
    today = _now().date()
    print(f"Coach session {s.id}: {s.held_on.isoformat()}")
    if s.topics:
        _field("Topics", s.topics)
    if s.notes:
        _field("Notes", s.notes)
    if not s.commitments:
        print(f"\nNo commitments yet: {PROG} session commit {s.id} TEXT [--due DATE]")
        return EXIT_OK
    print(f"\nCommitments ({len(s.commitments)}, {s.open_commitments} open):")
    for c in s.commitments:
        if c.done:
            state = "done"
        elif c.due_date is not None and c.due_date < today:
            state = "overdue"
        else:
            state = "open"
        link = f"  (experiment {c.experiment_id})" if c.experiment_id is not None else ""
        print(f"{c.id:>6}  {state:<7}  {_iso(c.due_date) or '-':<10}  {c.text}{link}")
    return EXIT_OK


def cmd_session_done(args: argparse.Namespace) -> int:
    from tkg_journal.services.coach_sessions import CoachSessions

    with _open(args) as journal:
        stored = CoachSessions(journal).set_commitment_done(args.id, done=not args.undo)
    if args.format == "json":
        _print_json(_commitment_json(stored))
    else:
        print(f"Commitment {stored.id} {'is open again' if args.undo else 'done'}.")
    return EXIT_OK


def cmd_session_delete(args: argparse.Namespace) -> int:
    from tkg_journal.services.coach_sessions import CoachSessions

    with _open(args) as journal:
        sessions = CoachSessions(journal)
        count = len(sessions.get(args.id).commitments)
        sessions.delete(args.id)
    if args.format == "json":
        _print_json({"id": args.id, "deleted": True, "commitments_deleted": count})
    else:
        print(f"Deleted coach session {args.id} and its {count} commitment(s).")
    return EXIT_OK


# --- charts ----------------------------------------------------------------------------------

CHART_SUFFIXES = (".png", ".svg")


def _chart_names() -> list[str]:
    from tkg_journal.services.progress_charts import CHARTS

    return [info.name for info in CHARTS]


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

    with _open(args) as journal:
        figure = progress_charts.render(
            Progress(journal), args.name, period=period, levels=levels, dark=args.dark
        )
    progress_charts.save(figure, out)
    print(f"Saved the {args.name} chart to {out}.")
    return EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    """Write the pre-session summary of a period as PDF, Markdown or HTML."""
    from tkg_journal.services.drawing_process import DrawingProcess

    # The charts' helper is forked first: it imports matplotlib on the other core while
    # this process checks the arguments, derives the key and reads the journal.
    cores = min(os.cpu_count() or 1, 4)
    with DrawingProcess(processes=cores, start_helper=not args.no_charts) as drawing:
        return _export(args, drawing)


def _export(args: argparse.Namespace, drawing: DrawingProcess) -> int:
    from tkg_journal.domain.errors import DomainError
    from tkg_journal.domain.progress import Period
    from tkg_journal.domain.summary import ALL_SECTIONS, SummaryOptions, parse_section
    from tkg_journal.services.export import parse_format

    # Everything typed is checked before unlocking: a typo costs no Argon2id, and a
    # refused command leaves no file behind.
    fmt = parse_format(args.format)
    out = Path(args.output).expanduser()
    if out.is_dir():
        raise DomainError(
            f"-o {args.output} is a folder; give a file name like summary{fmt.suffix}"
        )
    if not out.parent.is_dir():
        problem = "is a file, not a folder" if out.parent.exists() else "does not exist"
        raise DomainError(f"-o {args.output}: {out.parent} {problem}")
    if not os.access(out.parent, os.W_OK | os.X_OK):
        raise DomainError(f"-o {args.output}: the folder {out.parent} is not writable")
    from tkg_journal.services.files import is_read_only

    if is_read_only(out) and not args.force:
        raise DomainError(f"{out} is read-only; nothing was written (use --force to replace it)")
    since = _day(args.since, "--since")
    until = _day(args.until, "--until")
    if since is not None and until is not None and since > until:
        raise DomainError(
            f"--since {since.isoformat()} is after --until {until.isoformat()}: the period is empty"
        )
    left_out = {parse_section(text) for text in args.without}

    from tkg_journal.services.coach_sessions import CoachSessions
    from tkg_journal.services.export import plan_export, write_export

    with _open(args) as journal:
        today = journal.clock().date()
        # The default period starts on the day of the last coach session.
        start = since or CoachSessions(journal).since_last_session().since
        period = Period(since=start, until=until or today)
        options = SummaryOptions(
            period=period,
            sections=frozenset(ALL_SECTIONS) - left_out,
            include_private=args.include_private,
            charts=not args.no_charts,
            questions=args.questions or "",
        )
        plan = plan_export(journal, options)
    # Drawing and writing need no database: the journal (and its key) is closed already.
    result = write_export(plan, fmt, out, draw=drawing.draw, replace_read_only=args.force)
    summary = result.summary
    print(f"Exported the summary of {_period_words(summary.period)} to {out} ({fmt.label}).")
    if result.charts_folder is not None:
        print(f"Its charts are in {result.charts_folder}{os.sep}")
    if summary.include_private:
        print("Private entries are included.")
    print(
        "The exported file is not encrypted: keep it somewhere private and delete it after "
        "the session.",
        file=sys.stderr,
    )
    return EXIT_OK


def _period_words(period: Period) -> str:
    assert period.since is not None and period.until is not None
    return f"{period.since.isoformat()} to {period.until.isoformat()}"


def _chart_period(args: argparse.Namespace) -> Period:
    from tkg_journal.domain.progress import Period

    return Period(since=_day(args.since, "--since"), until=_day(args.until, "--until"))


# --- output helpers ------------------------------------------------------------------------


def _clip(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


# SQLite's integers are 64-bit: a larger id or limit cannot even be asked about.
_LARGEST_INTEGER = 2**63 - 1


def _whole_number(text: str, what: str, low: int) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not {what}") from None
    if not low <= value <= _LARGEST_INTEGER:
        raise argparse.ArgumentTypeError(
            f"{text} is not {what} (a whole number from {low} to {_LARGEST_INTEGER:,})"
        )
    return value


def _record_id(text: str) -> int:
    return _whole_number(text, "an id", 1)


def _limit(text: str) -> int:
    return _whole_number(text, "a limit", 1)


def _print_json(data: Any) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


# --- parser ------------------------------------------------------------------------------


class _Parser(argparse.ArgumentParser):
    """argparse with one-line errors: the mistake and where help is, without the usage
    block (a script's log, or a person, reads one sentence). Sub-commands inherit it."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_USAGE, f"{self.prog}: {message} (see `{self.prog} --help`)\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog=PROG,
        description="TKG Journal: an encrypted journal for leadership coaching. "
        "Without a command, opens the desktop app.",
    )
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        help="journal folder (default: TKG_JOURNAL_HOME or the platform's user data folder)",
    )
    parser.add_argument(
        "--passphrase-file",
        metavar="FILE",
        help=f"read the passphrase from FILE (or set {PASSPHRASE_ENV})",
    )
    parser.add_argument(
        "--startup-time",
        action="store_true",
        help="open the desktop app, print the milliseconds from process start to the first "
        "paint of the filled main window, and quit (a benchmark)",
    )
    parser.add_argument("--version", action="version", version=_version())
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("init", help="create a new encrypted journal")
    p.add_argument(
        "--passphrase",
        action="store_true",
        help="protect the key with a passphrase instead of the OS keyring",
    )
    p.set_defaults(run=cmd_init)

    p = sub.add_parser("add", help="add an entry")
    p.add_argument("text", nargs="*", help="the entry's text, or - to read standard input")
    p.add_argument("--level", "-l", help="level by name or number (growth, 2)")
    p.add_argument(
        "--kind", "-k", help="conversation, feedback, reflection, coach-notes, free (default)"
    )
    p.add_argument("--title", "-t")
    p.add_argument("--tag", action="append", default=[], help="a tag (repeatable)")
    p.add_argument("--share", action="store_true", help="share with the coach in exports")
    p.add_argument(
        "--when", help="when it happened (default now): 2026-03-01 14:30, yesterday, ..."
    )
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.set_defaults(run=cmd_add)

    for name, helptext in (
        ("list", "list entries, newest first"),
        ("search", "full-text search of everything written"),
    ):
        p = sub.add_parser(name, help=helptext)
        if name == "search":
            p.add_argument("query")
        p.add_argument("--since", help="from this day: 2026-01-31, today, yesterday, 7d")
        p.add_argument("--until", help="up to and including this day")
        p.add_argument("--level", "-l")
        if name == "list":
            p.add_argument("--tag")
        p.add_argument("--limit", "-n", type=_limit, default=None if name == "list" else 20)
        p.add_argument("--format", choices=("text", "json"), default="text")
        p.set_defaults(run=cmd_list if name == "list" else cmd_search)

    p = sub.add_parser("import", help="import entries from another journal app")
    p.add_argument("source", choices=("jrnl",), help="the format (jrnl's JSON export)")
    p.add_argument("file", help="the exported file")
    p.set_defaults(run=cmd_import)

    p = sub.add_parser("demo", help="fill a new journal with realistic sample data")
    p.add_argument("--entries", type=int, default=1000)
    p.add_argument("--seed", type=int, default=7)
    p.add_argument(
        "--passphrase",
        action="store_true",
        help="if the journal is new: use a passphrase instead of the keyring",
    )
    p.set_defaults(run=cmd_demo)

    p = sub.add_parser(
        "check",
        help="verify every page of the journal and that every stored date reads back",
    )
    p.add_argument(
        "--repair",
        action="store_true",
        help="rewrite stored dates that cannot be read (older versions wrote some), listing "
        "each change; the journal is backed up first",
    )
    p.set_defaults(run=cmd_check)

    p = sub.add_parser("passwd", help="set or change the passphrase")
    p.add_argument(
        "--new-passphrase-file",
        metavar="FILE",
        help=f"read the new passphrase from FILE (or set {NEW_PASSPHRASE_ENV})",
    )
    p.set_defaults(run=cmd_passwd)

    p = sub.add_parser("recover", help="regain access with the recovery key")
    p.add_argument(
        "--recovery-key-file",
        metavar="FILE",
        help=f"read the recovery key from FILE (or set {RECOVERY_KEY_ENV})",
    )
    p.add_argument(
        "--keyring",
        action="store_true",
        help="put the key back in the OS keyring instead of setting a passphrase",
    )
    p.add_argument(
        "--new-passphrase-file",
        metavar="FILE",
        help=f"read the new passphrase from FILE (or set {NEW_PASSPHRASE_ENV})",
    )
    p.set_defaults(run=cmd_recover)

    _add_experiment_parsers(sub)

    _add_session_parsers(sub)

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
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.set_defaults(run=cmd_due)

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

    p = sub.add_parser(
        "export",
        help="write the pre-session summary as PDF, Markdown or HTML",
        description="Write what happened in a period (by default since the last coach "
        "session) as one document for the coach. The file is not encrypted; only entries "
        "shared with the coach are in it unless --include-private is given.",
    )
    when = p.add_mutually_exclusive_group()
    when.add_argument("--since", metavar="DATE", help="from this day: 2026-09-01, 90d, ...")
    when.add_argument(
        "--since-last-session",
        action="store_true",
        help="from the day of the last coach session (the default)",
    )
    p.add_argument("--until", metavar="DATE", help="up to and including this day (default today)")
    p.add_argument("--format", "-f", required=True, metavar="pdf|md|html", help="the file format")
    p.add_argument("--output", "-o", required=True, metavar="FILE", help="the file to write")
    p.add_argument("--force", action="store_true", help="replace FILE even if it is read-only")
    p.add_argument(
        "--include-private",
        action="store_true",
        help="include entries not marked 'share with coach' (left out by default)",
    )
    p.add_argument("--no-charts", action="store_true", help="leave the charts out")
    p.add_argument("--questions", metavar="TEXT", help="questions for my coach (free text)")
    p.add_argument(
        "--without",
        action="append",
        default=[],
        metavar="SECTION",
        help="leave a section out (repeatable): at-a-glance, charts, experiments, entries, "
        "feedback, commitments, questions",
    )
    p.set_defaults(run=cmd_export)
    return parser


def _add_experiment_parsers(sub: Any) -> None:
    exp = sub.add_parser(
        "experiment",
        help="behaviour experiments: add, list, show, start, log attempts, complete",
        description="When <trigger>, instead of <old behaviour> I will <new response>.",
    )
    actions = exp.add_subparsers(dest="action", metavar="ACTION", required=True)

    def with_format(p: argparse.ArgumentParser) -> argparse.ArgumentParser:
        p.add_argument("--format", choices=("text", "json"), default="text")
        return p

    p = with_format(actions.add_parser("add", help="add a behaviour experiment (planned)"))
    p.add_argument("--title", "-t", required=True)
    p.add_argument("--level", "-l", help="root level by name or number (or from --behaviour)")
    p.add_argument("--trigger", required=True, help="when ... (the situation)")
    p.add_argument("--old", required=True, metavar="OLD", help="instead of ... (old behaviour)")
    p.add_argument("--new", required=True, metavar="NEW", help="I will ... (new response)")
    p.add_argument("--prediction", help="and I expect ...")
    p.add_argument("--criteria", help="success criteria")
    p.add_argument("--start", metavar="DATE", help="start date: 2026-03-01, today, ...")
    p.add_argument("--due", metavar="DATE", help="due date")
    p.add_argument("--belief", type=int, metavar="0-100", help="belief before, 0-100")
    p.add_argument("--behaviour", metavar="NAME", help="the friction behaviour it works on")
    p.add_argument(
        "--active",
        action="store_true",
        help="already under way: active from --start (or today) instead of planned",
    )
    p.set_defaults(run=cmd_experiment_add)

    p = with_format(actions.add_parser("list", help="list experiments, open ones first"))
    p.add_argument("--status", "-s", help="planned, active, completed or abandoned")
    p.add_argument("--level", "-l")
    p.add_argument("--search", metavar="TEXT", help="words in the experiment or its attempts")
    p.set_defaults(run=cmd_experiment_list)

    p = with_format(actions.add_parser("show", help="an experiment with its attempts"))
    p.add_argument("id", type=_record_id, metavar="ID")
    p.set_defaults(run=cmd_experiment_show)

    p = with_format(actions.add_parser("start", help="planned -> active"))
    p.add_argument("id", type=_record_id, metavar="ID")
    p.add_argument("--on", metavar="DATE", help="start date, if none was planned (default today)")
    p.add_argument("--due", metavar="DATE", help="a new due date")
    p.set_defaults(run=cmd_experiment_start)

    p = with_format(actions.add_parser("complete", help="active -> completed, with the learning"))
    p.add_argument("id", type=_record_id, metavar="ID")
    p.add_argument("--learning", metavar="TEXT", help="what you learned (required)")
    p.add_argument("--belief", type=int, metavar="0-100", help="belief after, 0-100")
    p.set_defaults(run=cmd_experiment_complete)

    p = with_format(actions.add_parser("abandon", help="planned or active -> abandoned"))
    p.add_argument("id", type=_record_id, metavar="ID")
    p.add_argument("--reason", metavar="TEXT", help="why (required)")
    p.set_defaults(run=cmd_experiment_abandon)

    p = with_format(actions.add_parser("reopen", help="make a closed experiment active again"))
    p.add_argument("id", type=_record_id, metavar="ID")
    p.set_defaults(run=cmd_experiment_reopen)

    p = with_format(actions.add_parser("log", help="log an attempt on an active experiment"))
    p.add_argument("id", type=_record_id, metavar="ID")
    p.add_argument("--did", required=True, metavar="yes|partial|no", help="did you try it?")
    p.add_argument("--outcome", type=int, metavar="-2..2", help="how it went, -2 .. +2")
    p.add_argument("--situation", metavar="TEXT")
    p.add_argument("--note", metavar="TEXT")
    p.add_argument("--when", metavar="DATETIME", help="when (default now): 2026-03-01 14:30")
    p.set_defaults(run=cmd_experiment_log)

    p = with_format(actions.add_parser("behaviours", help="the friction behaviour catalogue"))
    p.add_argument("--all", action="store_true", help="include archived behaviours")
    p.set_defaults(run=cmd_experiment_behaviours)


def _add_session_parsers(sub: Any) -> None:
    session = sub.add_parser(
        "session",
        help="coach sessions: add, commit, list, show, done, delete",
        description="Coach sessions and the commitments made in them. A commitment with a "
        "due date is an action item: it shows in `due` until it is marked done.",
    )
    actions = session.add_subparsers(dest="action", metavar="ACTION", required=True)

    def with_format(p: argparse.ArgumentParser) -> argparse.ArgumentParser:
        p.add_argument("--format", choices=("text", "json"), default="text")
        return p

    p = with_format(actions.add_parser("add", help="record a coach session; prints its id"))
    p.add_argument("--date", metavar="DATE", help="the day it was held (default today)")
    p.add_argument("--topics", metavar="TEXT", help="what was discussed (- reads stdin)")
    p.add_argument("--notes", metavar="TEXT", help="notes from the session (- reads stdin)")
    p.set_defaults(run=cmd_session_add)

    p = with_format(actions.add_parser("commit", help="add a commitment to a session"))
    p.add_argument("session_id", type=_record_id, metavar="SESSION_ID")
    p.add_argument("text", nargs="+", metavar="TEXT", help="what you committed to")
    p.add_argument("--due", metavar="DATE", help="due date: 2026-12-01, today, ...")
    p.set_defaults(run=cmd_session_commit)

    p = with_format(actions.add_parser("list", help="coach sessions, newest first"))
    p.set_defaults(run=cmd_session_list)

    p = with_format(actions.add_parser("show", help="a session with its commitments"))
    p.add_argument("id", type=_record_id, metavar="ID")
    p.set_defaults(run=cmd_session_show)

    p = with_format(actions.add_parser("done", help="mark a commitment done"))
    p.add_argument("id", type=_record_id, metavar="COMMITMENT_ID")
    p.add_argument("--undo", action="store_true", help="open it again")
    p.set_defaults(run=cmd_session_done)

    p = with_format(
        actions.add_parser("delete", help="delete a session and its commitments (no question)")
    )
    p.add_argument("id", type=_record_id, metavar="ID")
    p.set_defaults(run=cmd_session_delete)


def _version() -> str:
    from tkg_journal import __version__

    return f"{PROG} {__version__}"


def _run_gui(args: argparse.Namespace) -> int:
    """No command: the desktop app. A passphrase given for automation is used; otherwise
    the app asks for it in a dialog (never on the terminal)."""
    from tkg_journal.app import GuiOptions, run_gui

    try:
        passphrase = (
            _read_secret_file(args.passphrase_file, "passphrase")
            if args.passphrase_file
            else _environment_text(PASSPHRASE_ENV)
            if PASSPHRASE_ENV in os.environ
            else None
        )
    except UsageError as error:
        print(f"{PROG}: {error}", file=sys.stderr)
        return EXIT_USAGE
    options = GuiOptions(args.data_dir, passphrase, args.startup_time)
    return run_gui(options)


def main(argv: Sequence[str] | None = None) -> int:
    arguments = sys.argv[1:] if argv is None else list(argv)
    undecodable = _undecodable_argument(arguments)
    if undecodable:
        print(f"{PROG}: {undecodable}", file=sys.stderr)
        return EXIT_USAGE
    parser = build_parser()
    args = parser.parse_args(arguments)
    if args.data_dir == "":
        parser.error("--data-dir is empty; give the journal's folder")
    if args.command is None:
        return _run_gui(args)
    if args.startup_time:
        parser.error("--startup-time measures the desktop app; give it without a command")
    from tkg_journal.services.errors import USER_ERRORS, PassphraseRequired

    try:
        return int(args.run(args))
    except UsageError as error:
        print(f"{PROG}: {error}", file=sys.stderr)
        return EXIT_USAGE
    except PassphraseRequired as error:
        print(f"{PROG}: {error}", file=sys.stderr)
        return EXIT_USAGE
    except USER_ERRORS as error:
        print(f"{PROG}: {error}", file=sys.stderr)
        return EXIT_FAILED
    except KeyboardInterrupt:
        print(f"\n{PROG}: interrupted; nothing was saved", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:  # `tkg-journal list | head`: the reader left, not an error
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except OSError as error:  # the user's environment (permissions, a file for a folder)
        print(f"{PROG}: {_os_error_text(error)}; nothing was changed", file=sys.stderr)
        return EXIT_FAILED


def _os_error_text(error: OSError) -> str:
    reason = error.strerror or str(error)
    return f"{error.filename}: {reason}" if error.filename else reason
