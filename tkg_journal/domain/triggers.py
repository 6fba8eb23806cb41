"""Recurring situations: the words and phrases that experiments' triggers and attempts'
situations share (no I/O).

Each text counts a phrase once (see :func:`.pattern_text.phrases`). A phrase recurs when
two texts or more hold it; a single word is left out when a two-word phrase holding it
recurs just as often ("commitment" when every one is a "missed commitment"). People's
names are not situations: the caller passes them to leave out.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from tkg_journal.domain.pattern_text import phrases

#: A phrase must recur in this many texts to count.
MIN_RECURRENCE = 2
#: How many recurring phrases a report lists.
MAX_TRIGGERS = 15


@dataclass(frozen=True, slots=True)
class SituationText:
    """An experiment's trigger (``attempt`` False) or one of its attempts' situations."""

    experiment_id: int
    text: str
    attempt: bool


@dataclass(frozen=True, slots=True)
class TriggerPattern:
    """A phrase that recurs: in how many texts, how many of them attempts' situations,
    and the experiments they belong to (by id, ascending)."""

    phrase: str
    count: int
    attempts: int
    experiment_ids: tuple[int, ...]


def recurring_triggers(
    texts: Iterable[SituationText],
    *,
    exclude: frozenset[str] = frozenset(),
    limit: int = MAX_TRIGGERS,
) -> tuple[TriggerPattern, ...]:
    """The recurring phrases of ``texts``, most texts first (two-word phrases before single
    words on a tie); ``exclude`` holds lower-case words to leave out (names)."""
    counts: dict[str, list[int]] = {}  # key -> [texts, attempts]
    written: dict[str, dict[str, int]] = {}
    experiments: dict[str, set[int]] = {}
    cache: dict[str, dict[str, str]] = {}
    for item in texts:
        found = cache.get(item.text)
        if found is None:
            found = cache[item.text] = phrases(item.text, exclude)
        for key, form in found.items():
            tally = counts.get(key)
            if tally is None:
                tally = counts[key] = [0, 0]
                written[key] = {}
                experiments[key] = set()
            tally[0] += 1
            tally[1] += item.attempt
            forms = written[key]
            forms[form] = forms.get(form, 0) + 1
            experiments[key].add(item.experiment_id)
    recurring = {key: tally for key, tally in counts.items() if tally[0] >= MIN_RECURRENCE}
    pairs = [key for key in recurring if " " in key]
    covered = {
        word
        for pair in pairs
        for word in pair.split(" ")
        if recurring[pair][0] >= recurring.get(word, [0])[0]
    }
    kept = [key for key in recurring if " " in key or key not in covered]
    kept.sort(key=lambda k: (-recurring[k][0], " " not in k, k))
    return tuple(
        TriggerPattern(
            phrase=max(written[key].items(), key=lambda item: (item[1], item[0]))[0],
            count=recurring[key][0],
            attempts=recurring[key][1],
            experiment_ids=tuple(sorted(experiments[key])),
        )
        for key in kept[:limit]
    )
