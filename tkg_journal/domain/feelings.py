"""The feelings a leader names in "What I felt", read into words and grouped (no I/O).

:func:`parse_feelings` turns free text ("Frustrated, a bit anxious; my chest went tight")
into the feeling words it names, each with its :class:`FeelingGroup` when the small
built-in vocabulary knows it (``frustrated`` -> anger, ``nervous`` -> fear). The rules:

* the text is cut into parts at punctuation and at the words that join feelings ("and",
  "then", "but"); a known word or phrase anywhere in a part counts ("a sinking feeling",
  "out of my depth");
* a word the vocabulary does not know is kept as it was written (lower case) when it is
  the only significant word of its part ("Small", "Cornered"); longer parts that name no
  known feeling are a description ("my face went hot"), not a feeling word, and are left
  out;
* a feeling denied just before ("not angry", "no longer anxious") is not counted;
* any text at all is accepted: nothing here raises.

The vocabulary is deliberately small and plain: the four feelings the coaching works with
(anger, fear, sadness, shame), and joy and calm so that the good days show too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum


class FeelingGroup(StrEnum):
    """A family of feelings; the value is how lists and exports name it."""

    ANGER = "anger"
    FEAR = "fear"
    SADNESS = "sadness"
    SHAME = "shame"
    JOY = "joy"
    CALM = "calm"

    @property
    def is_difficult(self) -> bool:
        """The four the coaching works with (the others are the good days)."""
        return self not in (FeelingGroup.JOY, FeelingGroup.CALM)


@dataclass(frozen=True, slots=True)
class Feeling:
    """One feeling word as named: ``word`` in lower case, its group if the vocabulary knows it."""

    word: str
    group: FeelingGroup | None


_G = FeelingGroup
# Each text is a word as lists show it, then (after "|") other forms counted as that word;
# a phrase of several words is matched before its single words.
_GROUPS: dict[FeelingGroup, tuple[str, ...]] = {
    _G.ANGER: (
        "angry|anger|angered|mad|cross",
        "frustrated|frustration|frustrating",
        "irritated|irritation|irritable|irritating",
        "annoyed|annoyance|annoying",
        "furious|fury|livid|enraged|rage|outraged",
        "resentful|resentment|resented",
        "bitter",
        "impatient|impatience",
        "exasperated|exasperation",
        "indignant|indignation",
        "self-righteous",
        "wound up|worked up",
        "fed up",
        "set up",
        "defensive|defensiveness",
        "attacked",
        "hostile",
        "protective",
    ),
    _G.FEAR: (
        "anxious|anxiety",
        "nervous|nerves|jittery",
        "worried|worry|worrying",
        "afraid|scared|frightened|fear|fearful",
        "terrified",
        "panicky|panic|panicked",
        "threatened",
        "insecure",
        "vulnerable",
        "uneasy|unease",
        "uncomfortable|discomfort",
        "tense|tension",
        "stressed|stress",
        "overwhelmed",
        "overloaded",
        "cornered",
        "trapped",
        "torn",
        "dread|dreading|dreaded",
        "sinking feeling",
        "unsettled",
        "uncertain|unsure",
        "concerned",
        "apprehensive",
        "on edge",
        "on guard",
        "out of my depth",
    ),
    _G.SADNESS: (
        "sad|sadness",
        "unhappy",
        "hurt",
        "let down",
        "disappointed|disappointment",
        "lonely|alone",
        "isolated",
        "unheard",
        "invisible",
        "tired|exhausted|drained|weary",
        "deflated",
        "discouraged",
        "regretful|regret",
        "sorry",
    ),
    _G.SHAME: (
        "ashamed|shame|shamed",
        "embarrassed|embarrassment",
        "humiliated",
        "mortified",
        "guilty|guilt",
        "exposed",
        "caught out|caught",
        "small",
        "stupid",
        "inadequate",
        "awkward",
        "foolish",
        "petty",
    ),
    _G.JOY: (
        "happy",
        "glad",
        "pleased",
        "delighted",
        "joy|joyful",
        "proud|pride",
        "grateful|thankful",
        "moved|touched",
        "hopeful|hope",
        "excited",
        "energised|energized",
        "curious",
        "confident",
        "determined",
        "motivated",
    ),
    _G.CALM: (
        "calm|calmer",
        "relaxed",
        "settled",
        "steady",
        "grounded",
        "clear",
        "relieved|relief",
        "at ease",
        "peaceful",
        "content",
    ),
}
_VOCABULARY: dict[str, tuple[str, FeelingGroup]] = {
    form: (entry.split("|")[0], group)
    for group, entries in _GROUPS.items()
    for entry in entries
    for form in entry.split("|")
}
del _G

#: How many words the longest phrase of the vocabulary has.
_LONGEST = max(len(key.split()) for key in _VOCABULARY)


def word_list(text: str) -> list[str]:
    """The words of a text: long word lists read better as text than as quoted items."""
    return text.split()


# Words that carry no feeling of their own: fillers, hedges and the words around feelings.
STOPWORDS = frozenset(
    word_list(
        """
        a about above after again against
        all also am an and any are as at be because been before being below between both but by
        can could did do does doing down during each even ever few first for from further get
        got had has have having he her here hers him his how i i'd i'm i've if in into is it
        it's its itself just least less like little lot made make me more most mostly much my
        myself no nor not now of off on once only or other our ours out over own quite rather
        really same she should slightly so some somewhat still such than that the their them
        then there these they this those though through to too under until up very was we were
        what when where which while who whom why will with would you your bit kind sort felt
        feel feeling feelings fairly pretty totally completely utterly extremely incredibly
        deeply mildly strangely oddly afterwards beforehand moment time already almost maybe
        perhaps way just right wrong
        """
    )
)
# Words that deny the feeling after them ("not angry", "no longer worried").
_NEGATIONS = frozenset({"not", "no", "never", "without", "hardly", "barely", "nothing"})
_NEGATED_CONTRACTION = re.compile(r"n['\u2019]t$")

# Parts of a text, split where one feeling ends and another begins.
_PARTS = re.compile(r"[,;:.!?()\[\]/|\n\r\t+&\u2013\u2014]|\s-\s|\b(?:and|then|but|yet)\b", re.I)
_WORD = re.compile(r"[^\W\d_]+(?:['\u2019-][^\W\d_]+)*", re.UNICODE)
#: A word longer than this is not a feeling word (pasted text, a run of letters).
MAX_WORD_CHARS = 30


def group_of(word: str) -> FeelingGroup | None:
    """The group of a feeling word or phrase (any form the vocabulary knows), else None."""
    found = _VOCABULARY.get(word.strip().casefold())
    return found[1] if found else None


def vocabulary() -> dict[FeelingGroup, tuple[str, ...]]:
    """The shown words of each group, as :func:`parse_feelings` reports them."""
    shown: dict[FeelingGroup, dict[str, None]] = {group: {} for group in FeelingGroup}
    for word, group in _VOCABULARY.values():
        shown[group][word] = None
    return {group: tuple(words) for group, words in shown.items()}


def parse_feelings(
    text: str, parts: dict[str, tuple[Feeling, ...]] | None = None
) -> tuple[Feeling, ...]:
    """The feelings named in ``text``, in the order written, each word once.

    ``parts`` remembers what each part of a text (between commas, "and", ...) names,
    across calls: people write a different answer each time, but from the same few
    parts ("frustrated", "a bit anxious").
    """
    found: dict[str, Feeling] = {}
    for part in _PARTS.split(text.casefold()):
        if not part or part.isspace():
            continue
        named = parts.get(part) if parts is not None else None
        if named is None:
            named = _part_feelings(part)
            if parts is not None:
                parts[part] = named
        for feeling in named:
            found.setdefault(feeling.word, feeling)
    return tuple(found.values())


def _part_feelings(part: str) -> tuple[Feeling, ...]:
    """The feelings one part of a text names: the vocabulary's words and phrases in it,
    else its one significant word (unless denied)."""
    words = [w.replace("\u2019", "'") for w in _WORD.findall(part)]
    known = _known_in(words)
    if known:
        return tuple(known)
    significant = [w for w in words if w not in STOPWORDS and w not in _NEGATIONS]
    if (
        len(significant) == 1
        and len(significant[0]) <= MAX_WORD_CHARS
        and not _denied(words, words.index(significant[0]))
    ):
        return (Feeling(significant[0], None),)
    return ()


def _known_in(words: list[str]) -> list[Feeling]:
    """The vocabulary's words and phrases in ``words``, longest phrases first."""
    known: list[Feeling] = []
    i = 0
    while i < len(words):
        for size in range(min(_LONGEST, len(words) - i), 0, -1):
            hit = _VOCABULARY.get(" ".join(words[i : i + size]))
            if hit is not None:
                if not _denied(words, i):
                    known.append(Feeling(*hit))
                i += size
                break
        else:
            i += 1
    return known


def _denied(words: list[str], at: int) -> bool:
    """Whether one of the two words before ``words[at]`` denies it ("not very angry")."""
    before = words[max(0, at - 2) : at]
    return any(w in _NEGATIONS or _NEGATED_CONTRACTION.search(w) for w in before)
