"""``tkg-journal patterns --format json``: the report as JSON (documented in docs/patterns.md).

``format_version`` changes only when a field changes meaning or goes away; new fields may
appear without it. Means are rounded to two decimals; days are ISO dates.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tkg_journal.domain.experiment_effects import IntensityWindow
    from tkg_journal.domain.feelings import FeelingGroup
    from tkg_journal.domain.levels import Level
    from tkg_journal.domain.patterns import FeelingCount, PatternReport, PersonPattern, Trend

FORMAT_VERSION = 1


def _number(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


def _level(level: Level | None) -> dict[str, Any] | None:
    return None if level is None else {"level": level.title, "level_rank": int(level)}


def _group(group: FeelingGroup | None) -> str | None:
    return None if group is None else group.value


def _feeling(f: FeelingCount) -> dict[str, Any]:
    return {
        "word": f.word,
        "group": _group(f.group),
        "count": f.count,
        "mean_intensity": _number(f.mean_intensity),
    }


def _trend(t: Trend) -> dict[str, Any]:
    return {
        "points": t.points,
        "first_half": _number(t.first_half),
        "second_half": _number(t.second_half),
        "change": _number(t.change),
        "slope_per_month": _number(t.slope_per_month),
        "direction": t.direction.value if t.direction else None,
    }


def _person(p: PersonPattern) -> dict[str, Any]:
    return {
        "name": p.name,
        "key": p.key,
        "conversations": p.conversations,
        "feedback": p.feedback,
        "levels": [{**(_level(c.level) or {}), "count": c.count} for c in p.levels],
        "feelings": [_feeling(f) for f in p.feelings],
        "mean_intensity": _number(p.mean_intensity),
        "mean_sentiment": _number(p.mean_sentiment),
        "trend": _trend(p.trend),
        "months": [
            {
                "month": m.month.isoformat()[:7],
                "conversations": m.conversations,
                "mean_intensity": _number(m.mean_intensity),
            }
            for m in p.months
        ],
        "entry_ids": list(p.entry_ids),
    }


def _window(w: IntensityWindow) -> dict[str, Any]:
    return {
        "first_day": w.first_day.isoformat(),
        "last_day": w.last_day.isoformat(),
        "conversations": w.conversations,
        "mean_intensity": _number(w.mean_intensity),
        "entry_ids": list(w.entry_ids),
    }


def report_json(report: PatternReport) -> dict[str, Any]:
    """The whole report as JSON-ready data."""
    query = report.query
    return {
        "format_version": FORMAT_VERSION,
        "period": {
            "since": query.period.since.isoformat() if query.period.since else None,
            "until": query.period.until.isoformat() if query.period.until else None,
            "today": report.today.isoformat(),
        },
        "level": _level(query.level),
        "shared_only": query.shared_only,
        "conversations": report.conversations,
        "feedback": report.feedback,
        "people": [_person(p) for p in report.people],
        "feelings": {
            "groups": [
                {
                    "group": g.group.value,
                    "count": g.count,
                    "mean_intensity": _number(g.mean_intensity),
                    "words": [w.word for w in g.words],
                }
                for g in report.feeling_groups
            ],
            "words": [_feeling(f) for f in report.feelings],
        },
        "triggers": [
            {
                "phrase": t.phrase,
                "count": t.count,
                "attempts": t.attempts,
                "experiment_ids": list(t.experiment_ids),
            }
            for t in report.triggers
        ],
        "experiments": [
            {
                "id": e.experiment_id,
                "title": e.title,
                **(_level(e.level) or {}),
                "status": e.status.value,
                "start": e.start.isoformat(),
                "people": list(e.people),
                "trigger_words": list(e.trigger_words),
                "before": _window(e.before),
                "since": _window(e.since),
                "change": _number(e.change),
                "changed_something": e.changed_something,
                "attempts": {
                    "yes": e.attempts.yes,
                    "partial": e.attempts.partial,
                    "no": e.attempts.no,
                    "mean_outcome": _number(e.attempts.mean_outcome),
                },
            }
            for e in report.experiments
        ],
        "hints": [
            {
                "text": h.text,
                "friction_level": _level(h.friction_level),
                "root_level": _level(h.root_level),
                "reason": h.reason.value,
                "frictions": h.frictions,
                "entry_ids": list(h.entry_ids),
                "rating_before": h.rating_before,
                "rating_now": h.rating_now,
                "root_entries": h.root_entries,
            }
            for h in report.hints
        ],
    }
