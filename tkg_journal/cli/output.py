"""Everything the commands print goes through here: JSON, and the text helpers and JSON
shapes that more than one command shares (stamps, clipped lines, counts, levels, the
records of experiments, attempts, coach sessions and commitments).

Standard library only at the top: the domain types are named for the type checker.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from datetime import date, datetime

    from tkg_journal.domain.accountability import DueItem
    from tkg_journal.domain.coach_sessions import CoachSession, Commitment, CommitmentDue
    from tkg_journal.domain.experiments import Attempt, Experiment
    from tkg_journal.domain.levels import Level
    from tkg_journal.services.experiments import ExperimentSummary


def print_json(data: Any) -> None:
    # One write of the whole text: json.dump writes each of its (many thousand) pieces
    # through the stream, which costs more than making the text.
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def print_result(fmt: str, data: Any, line: str) -> None:
    """What a command changed: ``data`` as JSON with ``--format json``, its id alone with
    ``--print-id``, else ``line``."""
    if fmt == "json":
        print_json(data)
    elif fmt == "id":
        print(data["id"])
    else:
        print(line)


def print_recovery_sheet(recovery_key: str, block_lines: Sequence[str]) -> None:
    """The recovery sheet's text: ``tkg-journal recover --recovery-key-file FILE`` reads
    it back whole (the prose lines are skipped)."""
    print("\nRecovery key (print it or write it down, and keep it somewhere safe):\n")
    print(f"    {recovery_key}\n")
    print("Recovery block (with the key above, it opens journal.db even if journal.keys is")
    print("lost: keep the key and the block together, as safe as a key):\n")
    for line in block_lines:
        print(f"    {line}")
    print("\nThey unlock this journal if the passphrase is forgotten or the keyring is lost.")
    print("The recovery key is shown only this once.")


# --- text --------------------------------------------------------------------------------


def clip(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def local_stamp(moment: datetime) -> str:
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


def level_text(level: Level | None) -> str:
    return level.label() if level else "-"


def count(n: int, noun: str) -> str:
    """``1 entry``, ``2 entries``, ``3 stored dates``."""
    if n == 1:
        return f"{n} {noun}"
    return f"{n} {noun[:-1]}ies" if noun.endswith("y") else f"{n} {noun}s"


def days(n: int) -> str:
    return f"{n} day{'s' if n != 1 else ''}"


def iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def field(label: str, text: str) -> None:
    """``Label:  text``, continuation lines indented under the text."""
    lines = text.splitlines() or [""]
    print(f"  {label + ':':<15}{lines[0]}")
    for line in lines[1:]:
        print(f"  {'':<15}{line}")


def _outcome_mark(outcome: int | None) -> str:
    """One character per attempt for a trend: ``+`` went well, ``0`` neutral, ``-`` badly,
    ``.`` no outcome recorded."""
    if outcome is None:
        return "."
    return "+" if outcome > 0 else "-" if outcome < 0 else "0"


def trend(outcomes: Sequence[int | None]) -> str:
    return " ".join(_outcome_mark(o) for o in outcomes)


def outcome_text(outcome: int | None) -> str:
    """``+2``, ``0``, ``-1``; `` .`` when no outcome was recorded."""
    return " ." if outcome is None else f"{outcome:+d}" if outcome else "0"


# --- JSON shapes --------------------------------------------------------------------------


def experiment_json(e: Experiment) -> dict[str, Any]:
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
        "start_date": iso(e.start_date),
        "due_date": iso(e.due_date),
        "belief_before": e.belief_before,
        "belief_after": e.belief_after,
        "learning": e.learning,
        "abandon_reason": e.abandon_reason,
        "source_entry_id": e.source_entry_id,
        "created_at": e.created_at.astimezone().isoformat() if e.created_at else None,
    }


def attempt_json(a: Attempt) -> dict[str, Any]:
    return {
        "id": a.id,
        "experiment_id": a.experiment_id,
        "occurred_at": a.occurred_at.astimezone().isoformat(),
        "did_it": a.did_it.value,
        "outcome": a.outcome,
        "situation": a.situation,
        "note": a.note,
    }


def summary_json(s: ExperimentSummary) -> dict[str, Any]:
    return {
        **experiment_json(s.experiment),
        "attempts": s.attempts,
        "last_attempt_at": s.last_attempt_at.astimezone().isoformat()
        if s.last_attempt_at
        else None,
        "mean_outcome": round(s.mean_outcome, 3) if s.mean_outcome is not None else None,
        "recent_outcomes": list(s.recent_outcomes),
    }


def due_json(item: DueItem) -> dict[str, Any]:
    e = item.experiment
    return {
        "id": e.id,
        "title": e.title,
        "reason": item.reason.value,
        "days": item.days,
        "level": e.level.title,
        "level_rank": int(e.level),
        "start_date": iso(e.start_date),
        "due_date": iso(e.due_date),
    }


def commitment_json(c: Commitment) -> dict[str, Any]:
    return {
        "id": c.id,
        "text": c.text,
        "due_date": iso(c.due_date),
        "done": c.done,
        "experiment_id": c.experiment_id,
    }


def session_json(s: CoachSession) -> dict[str, Any]:
    return {
        "id": s.id,
        "held_on": s.held_on.isoformat(),
        "topics": s.topics,
        "notes": s.notes,
        "commitments": [commitment_json(c) for c in s.commitments],
    }


def commitment_due_json(action: CommitmentDue) -> dict[str, Any]:
    return {
        **commitment_json(action.item.commitment),
        "reason": action.reason.value,
        "days": action.days,
        "session_id": action.item.session_id,
        "held_on": action.item.held_on.isoformat(),
    }
