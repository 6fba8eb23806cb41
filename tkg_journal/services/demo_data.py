"""A realistic, deterministic sample journal: how a new user tries the app, and how the
benchmarks get a journal of 10,000 entries.

:func:`generate` builds plain domain objects (no ids, nothing stored) covering the 910 days
that end at ``today``: entries of every kind and level, behaviour experiments with their
attempts, fortnightly self-ratings and four-weekly coach sessions. The data tells a story the
charts can show: a leader who starts at the bottom of the hierarchy (most entries at
Foundation and Growth, intense and reactive conversations, low self-ratings) and slowly gets
calmer, more constructive and more trusted, with experiments moving up the levels.

Sizes: ``entries`` sets the number of entries and, at about one per hundred, of experiments
(at least six from 50 entries up, fewer below; none at 0). Check-ins and coach sessions
depend on the time span only, so ``entries=0`` gives a journal with ratings and sessions but
no entries and no experiments.

The same arguments always give the same journal: everything is drawn from
``random.Random(seed)``; the ratings and sessions come from their own streams split off that
seed, so a 200-entry trial and a 10,000-entry benchmark share them.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta, tzinfo
from itertools import accumulate

from tkg_journal.domain.coach_sessions import CoachSession, Commitment
from tkg_journal.domain.entries import ConversationFields, Entry, EntryKind, FeedbackFields
from tkg_journal.domain.experiments import Attempt, DidIt, Experiment, ExperimentStatus
from tkg_journal.domain.levels import Level
from tkg_journal.domain.ratings import RatingCheckin

__all__ = ["DemoExperiment", "DemoJournal", "DemoLink", "generate"]


@dataclass(frozen=True, slots=True)
class DemoExperiment:
    """An experiment (``id`` None) with its attempts, whose ``experiment_id`` is a placeholder
    0: the caller stores the experiment first and then sets the real id on each attempt."""

    experiment: Experiment
    attempts: tuple[Attempt, ...]


@dataclass(frozen=True, slots=True)
class DemoLink:
    """A commitment that became an experiment, by position (nothing has an id yet):
    ``sessions[session].commitments[commitment]`` is linked to ``experiments[experiment]``
    once both are stored."""

    session: int
    commitment: int
    experiment: int


@dataclass(frozen=True, slots=True)
class DemoJournal:
    entries: tuple[Entry, ...]
    experiments: tuple[DemoExperiment, ...]
    checkins: tuple[RatingCheckin, ...]
    sessions: tuple[CoachSession, ...]
    # Kept apart from ``sessions`` so that the sessions stay the same whatever the number
    # of entries (and so of experiments).
    links: tuple[DemoLink, ...] = ()


_SPAN_DAYS = 910
_LEVELS = tuple(Level)


# --- the cast --------------------------------------------------------------------------

_FIRST_NAMES = (
    "Priya",
    "Marco",
    "Jonas",
    "Aisha",
    "Tom",
    "Mei",
    "Lukas",
    "Sofia",
    "Daniel",
    "Chloe",
    "Ravi",
    "Hannah",
    "Kwame",
    "Elena",
    "Sam",
    "Yuki",
    "Omar",
    "Fatima",
    "Ben",
    "Ingrid",
    "Carlos",
    "Nadia",
    "Felix",
    "Grace",
    "Tariq",
    "Lena",
    "Diego",
    "Amara",
    "Jakob",
    "Zoe",
    "Arjun",
    "Maya",
    "Pieter",
    "Leila",
    "Noah",
    "Sienna",
    "Mateo",
    "Freya",
    "Kofi",
    "Anna",
)
_REPORT_ROLES = (
    "senior engineer",
    "engineering manager",
    "product manager",
    "staff engineer",
    "designer",
    "data analyst",
    "QA lead",
    "support manager",
    "platform manager",
    "programme manager",
    "senior engineer",
)
_PEER_FUNCTIONS = ("Finance", "Sales", "Product", "People", "Operations", "Marketing")
_MANAGER_ROLES = ("CEO", "COO", "Chief Product Officer")


@dataclass(frozen=True, slots=True)
class _Person:
    name: str
    role: str


@dataclass(frozen=True, slots=True)
class _Cast:
    """The recurring people of one journal; the team turns over a little across the span."""

    reports: tuple[_Person, ...]
    peers: tuple[_Person, ...]
    manager: _Person
    board: tuple[_Person, ...]
    others: tuple[str, ...]

    def team_at(self, progress: float) -> tuple[_Person, ...]:
        first = min(3, int(progress * 4))
        return self.reports[first : first + 8]


def _make_cast(rng: random.Random) -> _Cast:
    names = rng.sample(_FIRST_NAMES, len(_FIRST_NAMES))
    roles = rng.sample(_REPORT_ROLES, len(_REPORT_ROLES))
    reports = tuple(_Person(n, r) for n, r in zip(names[:11], roles, strict=True))
    peers = tuple(_Person(n, f) for n, f in zip(names[11:17], _PEER_FUNCTIONS, strict=True))
    manager = _Person(names[17], rng.choice(_MANAGER_ROLES))
    board = tuple(_Person(n, "board member") for n in names[18:21])
    return _Cast(reports, peers, manager, board, tuple(names[21:]))


# --- shared phrase pools --------------------------------------------------------------

_PROJECTS = (
    "the billing migration",
    "the Q3 roadmap",
    "the mobile relaunch",
    "the data platform",
    "the pricing change",
    "the SOC 2 audit",
    "the partner integration",
    "the onboarding revamp",
    "the support backlog",
    "the cloud cost review",
    "the hiring plan",
    "the search rebuild",
    "the customer portal",
    "the EU expansion",
    "the reporting overhaul",
    "the on-call rota",
)
_MEETINGS = (
    "the weekly staff meeting",
    "the quarterly business review",
    "the exec team meeting",
    "the roadmap review",
    "the budget review",
    "the all-hands",
    "the incident review",
    "the leadership offsite",
    "the planning session",
    "the Monday priorities call",
)
_WHEN_MORNING = ("Yesterday", "Yesterday afternoon", "Late yesterday", "At the end of yesterday")
_WHEN_MIDDAY = ("This morning", "Earlier today", "Just before lunch", "An hour ago")
_WHEN_EVENING = ("This afternoon", "Today", "Earlier this evening", "At the end of the day")
_NTH = ("second", "third", "fourth")
_PCT = ("5%", "10%", "15%", "20%")

_TAGS_GENERAL = (
    "1on1",
    "team",
    "board",
    "peer",
    "budget",
    "hiring",
    "delegation",
    "feedback",
    "strategy",
    "exec-team",
)
_LEVEL_TAGS: dict[Level, tuple[str, ...]] = {
    Level.FOUNDATION: ("self-awareness", "triggers", "defensiveness", "energy"),
    Level.GROWTH: ("communication", "peer", "feedback", "conflict"),
    Level.EMPOWERMENT: ("delegation", "trust", "team", "1on1"),
    Level.GUIDANCE: ("strategy", "direction", "exec-team", "planning"),
    Level.MASTERY: ("mentoring", "succession", "leaders", "career"),
}


@dataclass(frozen=True, slots=True)
class _Scenario:
    """One kind of difficult conversation, written so that any choice from each pool fits
    any choice from the others (the same counterpart, topic and root level)."""

    level: Level
    who: str  # "report", "report:<role word>", "peer", "peer:<function>", "manager", ...
    intensity: int  # typical intensity at the start of the coaching
    tags: tuple[str, ...]
    titles: tuple[str, ...]
    what: tuple[str, ...]
    details: tuple[str, ...]
    feelings: tuple[str, ...]
    reactive: tuple[str, ...]
    constructive: tuple[str, ...]
    impact_bad: tuple[str, ...]
    impact_good: tuple[str, ...]
    try_next: tuple[str, ...]


_SCENARIOS = (
    _Scenario(
        Level.FOUNDATION,
        "manager",
        8,
        ("exec-team", "feedback", "defensiveness"),
        (
            "{name} criticised {project} in front of everyone",
            "Called out in {meeting}",
            "Got defensive when {name} questioned my team",
        ),
        (
            "In {meeting} {name} said {project} was drifting and asked why nobody had flagged "
            "it earlier. The whole exec team was there.",
            "{When} {name} questioned my team's estimates for {project} in front of the other "
            "directors and asked whether we had padded them.",
            "{name} interrupted my update in {meeting} to say the {project} numbers didn't add up "
            "and that they expected better from my area.",
        ),
        (
            "It was the {nth} comment about my area in a month.",
            "Two of my peers had seen the draft and said nothing.",
            "Half of it was fair; the timeline slip was real.",
        ),
        (
            "Defensive, embarrassed, a bit ashamed",
            "Attacked and exposed; my face went hot",
            "Angry first, then a sinking feeling",
            "Small, like being back at school",
        ),
        (
            "I jumped straight in with the reasons it wasn't my team's fault and listed what the "
            "other teams had got wrong.",
            "I talked over {name} and defended every number before the question was finished.",
            "I went quiet, sulked for the rest of the meeting and sent a long justification by "
            "email afterwards.",
        ),
        (
            "I noticed the heat in my face, took a breath and asked {name} which part worried "
            "them most.",
            'I said "fair question, let me check and come back by Friday" instead of arguing on '
            "the spot.",
            "I acknowledged the slip, said what we were changing and asked for a follow-up 1:1.",
        ),
        (
            "The meeting got tense and the real question never got answered. {name} looked "
            "irritated.",
            "My peers went quiet; I probably looked more worried than the numbers warranted.",
        ),
        (
            "The temperature dropped straight away and we spent the time on the actual risk.",
            "{name} thanked me afterwards and the follow-up was a useful conversation.",
        ),
        (
            "Pause, breathe and ask one clarifying question before answering.",
            "Separate the fact from the tone: answer the fact, let the tone go.",
            "Send the numbers before the meeting so there are fewer surprises.",
        ),
    ),
    _Scenario(
        Level.FOUNDATION,
        "report",
        7,
        ("1on1", "team", "triggers"),
        (
            "Snapped at {name} over bad news",
            "{name} brought bad news about {project}",
            "Lost my temper in the 1:1 with {name}",
        ),
        (
            "{name} told me in our 1:1 that {project} would slip by another two weeks and that "
            "a key dependency was blocked.",
            "{When} {name} flagged a production issue on {project} that had been known about for "
            "days but not escalated.",
            "{name} came to me with a problem on {project} ten minutes before I had to present it "
            "in {meeting}.",
        ),
        (
            "It was the {nth} slip this quarter.",
            "I was already running late and hadn't eaten.",
            "{name} had clearly been nervous about telling me.",
        ),
        (
            "Frustrated and panicky",
            "Irritated, then guilty",
            "Overwhelmed; everything felt urgent",
            "Let down",
        ),
        (
            'I snapped "why am I only hearing this now?" before {name} had finished the sentence.',
            "I sighed loudly, took the laptop and started fixing the plan myself.",
            "I was short and cold for the rest of the 1:1 and ended it early.",
        ),
        (
            'I noticed my jaw clench, said "thanks for telling me" and asked what {name} needed '
            "from me.",
            "I told {name} I was frustrated with the situation, not with them, and we worked out "
            "the options together.",
            "I asked for ten minutes to think, took a walk and came back with questions instead "
            "of blame.",
        ),
        (
            "{name} apologised several times and went very quiet. I worry they'll hide bad news "
            "next time.",
            "We lost the rest of the meeting to my mood, and the plan didn't get any better.",
        ),
        (
            "{name} relaxed and brought up a second risk that I wouldn't have heard otherwise.",
            "We had a workable plan in twenty minutes, and {name} owned it.",
        ),
        (
            "Thank people for bad news before reacting to it.",
            "Notice the first flash of irritation and name it to myself.",
            'Ask "what do you need from me?" before anything else.',
        ),
    ),
    _Scenario(
        Level.FOUNDATION,
        "peer",
        6,
        ("peer", "meetings", "self-awareness"),
        (
            "Kept interrupting {name}",
            "{name} pointed out that I interrupt",
            "Talked over {name} in {meeting}",
        ),
        (
            "In {meeting} I interrupted {name} three times while they explained the {func} view "
            "on {project}.",
            "After {meeting}, {name} told me privately that I had cut them off every time they "
            "tried to make a point.",
            "{When} {name} and I disagreed about {project}, and halfway through I realised I'd "
            "been finishing their sentences.",
        ),
        (
            'Someone else had to say "let them finish".',
            "I was sure I already knew what they were going to say.",
            "I didn't notice it myself at all.",
        ),
        (
            "Impatient, then embarrassed",
            "Certain I was right; irritated",
            "Caught out",
            "Uncomfortable; I didn't like what I saw",
        ),
        (
            "I brushed it off and said I was just trying to keep the meeting moving.",
            "I explained why my point mattered more and carried on.",
            "I apologised quickly and then did it again ten minutes later.",
        ),
        (
            'I stopped, said "sorry, go on" and wrote my point down instead of saying it.',
            "I thanked {name} for telling me and asked how often it happens.",
            "I counted to three before speaking for the rest of the meeting and asked {name} to "
            "finish the thought.",
        ),
        (
            "{name} stopped contributing; the {func} view never made it into the decision.",
            "It felt like a win in the moment, but the decision didn't stick.",
        ),
        (
            "{name} made a point I hadn't considered and it changed the plan.",
            "The discussion was slower but better, and {name} was noticeably warmer afterwards.",
        ),
        (
            "Write my point down and wait until the other person has finished.",
            "Ask one question before making my own point.",
            "Ask {name} to flag it if I do it again.",
        ),
    ),
    _Scenario(
        Level.FOUNDATION,
        "board",
        9,
        ("board", "budget", "defensiveness"),
        (
            "Board challenge on {project}",
            "{name} pushed hard in the board meeting",
            "Rough board Q&A",
        ),
        (
            "In the board meeting {name} challenged the business case for {project} and asked "
            "whether I really understood the cost base.",
            "{name} asked three pointed questions about our delivery record and said the board had "
            "heard this before.",
            "During the board pre-read call {name} said my section on {project} was too optimistic "
            "and asked for the downside case.",
        ),
        (
            "The CEO was watching to see how I'd handle it.",
            "I had prepared for the numbers, not the tone.",
            "The question was fair; I just didn't like how it was asked.",
        ),
        (
            "Threatened and defensive",
            "Exposed; my heart was racing",
            "Angry and embarrassed at the same time",
            "Nervous",
        ),
        (
            "I over-explained for five minutes and sounded defensive even to myself.",
            "I pushed back on the premise of the question instead of answering it.",
            "I got rattled and promised a date that I shouldn't have promised.",
        ),
        (
            "I paused, said it was a fair challenge and walked through the downside case calmly.",
            "I answered what I knew, said clearly what I didn't and committed to a follow-up note.",
            "I asked {name} what would make them more confident, and answered that.",
        ),
        (
            "The CEO had to step in to move the meeting on. I replayed it all evening.",
            "The board left with less confidence than when we started.",
        ),
        (
            "{name} nodded and said the answer was helpful. The CEO said it was my best board "
            "session so far.",
            "The follow-up note landed well and the challenge turned into support.",
        ),
        (
            "Prepare the toughest three questions in advance and rehearse calm answers.",
            "Treat a challenge as interest, not attack.",
            "Take one breath before answering anyone senior.",
        ),
    ),
    _Scenario(
        Level.FOUNDATION,
        "peer",
        7,
        ("peer", "email", "triggers"),
        (
            "Sent a sharp email to {name}",
            "Late-night email about {project}",
            "Regretted my reply to {name}",
        ),
        (
            "I sent {name} a sharp email at 11pm after reading their comments on {project}, and "
            "copied in two other people.",
            "{name} replied-all to question my team's work on {project}, and I fired back within "
            "minutes.",
            "{When} I wrote a message to {name} about the {project} handover that I regretted as "
            "soon as I hit send.",
        ),
        (
            "I was tired and still angry about {meeting}.",
            "The tone of their message got to me, not the content.",
            "I'd drafted it three times and sent the worst version.",
        ),
        (
            "Furious, then regretful",
            "Self-righteous in the moment",
            "Wound up; couldn't sleep",
            "Annoyed and a bit hurt",
        ),
        (
            "I sent it without reading it back and then defended it when {name} called.",
            "I doubled down in the follow-up thread.",
            "I pretended it hadn't happened and avoided {name} the next day.",
        ),
        (
            "I wrote the reply, saved it as a draft and slept on it. I sent a much shorter "
            "version in the morning.",
            "I called {name} instead of replying in writing.",
            "I apologised for the tone the next morning and kept the substance.",
        ),
        (
            "{name} escalated it to their manager and it became a thing.",
            "The thread grew to twelve people and the actual issue got lost.",
        ),
        (
            "The call took ten minutes and we agreed a handover plan.",
            "{name} apologised for their tone too. The relationship feels better than before.",
        ),
        (
            "No emails after 9pm when I'm annoyed: draft only.",
            "Pick up the phone when I notice I'm rewriting a message for the third time.",
            "Read it back as if I were the person receiving it.",
        ),
    ),
    _Scenario(
        Level.GROWTH,
        "report",
        6,
        ("1on1", "performance", "delegation"),
        (
            "{name} missed the {project} deadline again",
            "Finally raised the deadlines with {name}",
            "Deadline conversation with {name}",
        ),
        (
            "{name} missed the {project} deadline for the {nth} time. I'd been avoiding the "
            "conversation for weeks.",
            "In our 1:1 I raised that {name}'s deliverables on {project} had slipped three sprints "
            "running.",
            "{When} I realised I'd been quietly redoing {name}'s work on {project} rather than "
            "talking about the missed deadlines.",
        ),
        (
            "The rest of the team has started to notice.",
            "{name} is well liked and I didn't want to damage that.",
            "I'd hinted at it twice, but never said it plainly.",
        ),
        (
            "Anxious, and guilty for letting it go so long",
            "Reluctant; I hate these conversations",
            "Frustrated, but also worried about {name}",
            "Nervous",
        ),
        (
            "I hinted at some timing concerns and changed the subject when {name} looked "
            "uncomfortable.",
            "I let it build up and then unloaded everything at once.",
            "I softened it so much that I'm not sure {name} heard a problem at all.",
        ),
        (
            "I described the three missed dates and the impact on the team, and asked what was "
            "getting in the way.",
            'I said it plainly, "the deadlines are slipping and I need that to change", then '
            "listened.",
            "We agreed what done looks like for the next milestone and a weekly check-in.",
        ),
        (
            "Nothing changed. The next deadline slipped too.",
            "{name} felt ambushed and defensive; we ended in a worse place.",
        ),
        (
            "{name} told me about a workload problem I hadn't seen. We re-planned together.",
            "{name} hit the next milestone early and said the clarity helped.",
        ),
        (
            "Raise issues after the first miss, not the third.",
            "Use situation, behaviour, impact, and then stop talking.",
            "Agree one concrete next step and a date to check in.",
        ),
    ),
    _Scenario(
        Level.GROWTH,
        "peer",
        8,
        ("peer", "credit", "conflict"),
        (
            "{name} presented our work as theirs",
            "Credit for {project}",
            "Peer took credit in {meeting}",
        ),
        (
            "In {meeting} {name} presented the {project} results as a {func} initiative without "
            "mentioning my team.",
            "{name} sent the exec update on {project} with only their name on it; my team did most "
            "of the work.",
            "{When} I heard that {name} had told the CEO the {project} idea came from {func}.",
        ),
        (
            "Two of my engineers saw it and asked me about it afterwards.",
            "It's not the first time.",
            "I wasn't sure whether it was deliberate.",
        ),
        (
            "Angry and protective of my team",
            "Resentful",
            "Indignant, then petty",
            "Hurt; I thought we were on the same side",
        ),
        (
            "I said nothing in the meeting and complained about {name} to my team afterwards.",
            "I corrected {name} sharply in front of everyone.",
            "I started copying the CEO on everything to make a point.",
        ),
        (
            "I asked {name} for coffee and told them directly how it landed and what I'd like "
            "next time.",
            "In the meeting I added, calmly, that the analysis was done by my team, and named the "
            "two engineers.",
            "I asked {name} how we could present joint work in future, and we agreed a simple "
            "rule.",
        ),
        (
            "The team felt unprotected, and the tension with {name} is now obvious to others.",
            "It became a quiet feud that slowed {project} down.",
        ),
        (
            "{name} hadn't realised and apologised. The next update named my team first.",
            "The team noticed that I stood up for them without making a scene.",
        ),
        (
            "Talk to the person before I talk about them.",
            "Name my team's contribution early and often, without drama.",
            "Assume oversight before malice until I know more.",
        ),
    ),
    _Scenario(
        Level.GROWTH,
        "report:engineer",
        7,
        ("feedback", "1on1", "team"),
        (
            "Hard feedback for {name} on code reviews",
            "Told {name} how their reviews land",
            "Feedback to {name} about tone",
        ),
        (
            "I gave {name} feedback that their code review comments are making junior engineers "
            "afraid to submit work.",
            "Two people told me separately that {name} was dismissive in the {project} design "
            "review. I raised it in our 1:1.",
            "{When} I told {name} that being the strongest engineer on the team doesn't excuse how "
            "they talk to people in stand-ups.",
        ),
        (
            "{name} is the person I rely on most technically.",
            "I'd been putting it off for a month.",
            "I worried {name} would quit.",
        ),
        (
            "Nervous beforehand, relieved afterwards",
            "Uneasy; I respect {name} a lot",
            "Tense",
            "Determined but anxious",
        ),
        (
            "I buried the feedback between two compliments and {name} only heard the compliments.",
            "When {name} pushed back I backed down and said it was probably a misunderstanding.",
            "I got into an argument about whether the comments were technically right, which "
            "wasn't the point.",
        ),
        (
            "I gave two specific examples, described the impact on the juniors, and asked {name} "
            "how they saw it.",
            "When {name} got defensive, I stayed calm and repeated the impact without adding more.",
            "I said I valued their standards and that the way they shared them had to change, in "
            "the same breath.",
        ),
        (
            "{name} was cold for a week and nothing changed in the reviews.",
            "{name} now thinks someone on the team complained and is trying to work out who.",
        ),
        (
            "{name} was quiet, then said nobody had ever told them. The next reviews were "
            "noticeably kinder.",
            "{name} offered to pair with the juniors on reviews. Better than I hoped.",
        ),
        (
            "Give feedback within a week of seeing it, with an example.",
            "Hold the line when they push back: curious, not retreating.",
            "Follow up in two weeks and notice the change out loud.",
        ),
    ),
    _Scenario(
        Level.GROWTH,
        "peer:Finance",
        8,
        ("budget", "peer", "conflict"),
        (
            "Tense budget meeting with {name}",
            "Budget fight over {project}",
            "{name} wants another {pct} cut",
        ),
        (
            "In the budget review {name} proposed cutting {pct} from my area and moving the money "
            "into Sales.",
            "{name} and I argued over the headcount for {project} in front of the CFO; both of us "
            "dug in.",
            "{When} {name} rejected the {project} business case, saying the benefits were soft.",
        ),
        (
            "I had spent a weekend on the numbers.",
            "The CFO let us argue rather than stepping in.",
            "{name} had clearly agreed it with the CEO beforehand.",
        ),
        (
            "Cornered",
            "Frustrated and unheard",
            "Angry; I felt set up",
            "Anxious about my team's plans",
        ),
        (
            "I argued every line item and raised my voice at one point.",
            "I said the cut was impossible and refused to discuss options.",
            "I went over {name}'s head to the CEO the same afternoon.",
        ),
        (
            "I asked {name} what problem the cut was solving, and we found a smaller option that "
            "worked for both of us.",
            "I laid out the trade-offs plainly: if we cut {pct}, here is what stops. Then I let "
            "the group decide.",
            "I acknowledged the pressure Finance is under before making my case.",
        ),
        (
            "We lost the argument anyway and {name} now sees me as difficult.",
            "The meeting ended without a decision; we'll have to do it all again.",
        ),
        (
            "We agreed a phased cut that protects the critical work on {project}.",
            "{name} said afterwards it was the most constructive budget round we've had.",
        ),
        (
            "Ask what problem the other side is solving before defending my budget.",
            "Bring options, not a single number.",
            "Meet {name} before the group meeting.",
        ),
    ),
    _Scenario(
        Level.GROWTH,
        "manager",
        6,
        ("manager", "prioritisation", "exec-team"),
        (
            "Pushing back on {name}'s new request",
            "Saying no to another priority",
            "Couldn't say no to {name}",
        ),
        (
            "{name} asked my team to take on a new customer request on top of {project}, with the "
            "same deadline.",
            "{When} {name} moved the {project} launch forward by a month in {meeting}, without "
            "asking me.",
            "{name} asked me to just find a way to absorb {other} as well.",
        ),
        (
            "My team is already stretched.",
            "I said yes to the last two requests without pushing back.",
            "{name} was clearly under pressure from the board.",
        ),
        ("Torn and anxious", "Resentful but scared to say no", "Overloaded", "Frustrated"),
        (
            "I said yes on the spot and then complained to my team about it.",
            'I said "fine" in a tone that clearly wasn\'t fine.',
            "I agreed in the meeting and sent a long list of objections by email later.",
        ),
        (
            "I said I wanted to make it work and asked which of the current priorities should "
            "move.",
            "I showed {name} the team's capacity on one slide and asked for a decision.",
            "I said no to the date and yes to the goal, and proposed a smaller first release.",
        ),
        (
            "The team is now on three priorities and trusts my yeses less.",
            "{name} was surprised by my email and asked why I hadn't said so at the time.",
        ),
        (
            "{name} dropped one of the other priorities. The team was relieved.",
            "{name} said it helped to see the trade-off clearly and agreed the smaller release.",
        ),
        (
            "Say what it would cost before saying yes.",
            'Ask "what should drop?" whenever something new comes in.',
            "Push back in the room, not by email afterwards.",
        ),
    ),
    _Scenario(
        Level.GROWTH,
        "report",
        7,
        ("performance", "hr", "1on1"),
        (
            "Performance conversation with {name}",
            "Told {name} it isn't working",
            "Starting a performance plan with {name}",
        ),
        (
            "I told {name} that their work on {project} wasn't at the level the role needs, and "
            "that we would start a formal plan.",
            "With HR in the room I walked {name} through the improvement plan.",
            "{When} {name} asked me straight out whether their job was at risk.",
        ),
        (
            "I had been too vague for months, so it came as a shock.",
            "{name} is going through a hard time at home.",
            "HR had coached me on the wording.",
        ),
        ("Dreading it; slept badly", "Sad and responsible", "Uncomfortable but clear", "Guilty"),
        (
            "I read from the HR script and avoided eye contact.",
            "I softened it so much that {name} left thinking it was a formality.",
            "When {name} got upset I promised things I can't guarantee.",
        ),
        (
            "I was clear and kind: this is the gap, this is the support, this is the timeline.",
            "I let the silence sit when {name} needed it, instead of filling it.",
            "I answered the question honestly and explained what success would look like.",
        ),
        (
            "{name} was blindsided and went to HR to complain about the process.",
            "The message didn't land, so we'll have to have the conversation again.",
        ),
        (
            "{name} was upset but thanked me for being straight. We have a clear plan.",
            "{name} asked good questions and seemed to take it seriously.",
        ),
        (
            "Don't let a performance issue run for months without naming it.",
            "Say the hard sentence first, then offer support.",
            "Write down the three things success looks like and share them.",
        ),
    ),
    _Scenario(
        Level.EMPOWERMENT,
        "report",
        6,
        ("delegation", "micromanagement", "trust"),
        ("{name} said I'm micromanaging", "Rewrote {name}'s deck again", "Control on {project}"),
        (
            "{name} told me in our 1:1 that they feel I check everything they do on {project}.",
            "I rewrote most of {name}'s slides for {meeting} the night before, without asking.",
            "{When} {name} asked whether I trusted them to run {project}, after I joined yet "
            "another of their meetings uninvited.",
        ),
        (
            "Honestly, their version was fine.",
            "{name} has been on the team for three years.",
            "I told myself I was just helping.",
        ),
        (
            "Defensive, then uncomfortable",
            "Caught; they were right",
            "Anxious about the outcome",
            "Embarrassed",
        ),
        (
            "I explained why the stakes were too high to let it go.",
            "I said I was only trying to help and moved on.",
            "I agreed to step back and then checked in the very next day.",
        ),
        (
            "I asked {name} what good support from me would look like.",
            "I agreed to step out of the weekly {project} meeting and get a written update "
            "instead.",
            "I told {name} the control is about my anxiety, not their ability, and that I'm "
            "working on it.",
        ),
        (
            "{name} looked deflated. I suspect they've stopped bringing me ideas.",
            "{name} has started copying me on everything, just in case.",
        ),
        (
            "{name} ran the next review without me and it went well.",
            "{name} said it was the first time a manager had admitted that.",
        ),
        (
            "Agree check-in points in advance and don't add extra ones.",
            'Ask "what do you need from me?" instead of fixing it.',
            "Notice the urge to step in and wait 24 hours.",
        ),
    ),
    _Scenario(
        Level.EMPOWERMENT,
        "skip",
        5,
        ("team", "ideas", "listening"),
        (
            "Dismissed {name}'s idea",
            "Shut down a new idea in {meeting}",
            "{name}'s idea about {project}",
        ),
        (
            "In {meeting} {name}, one of the newer engineers, suggested a different approach to "
            "{project} and I said we'd tried that before they had finished.",
            "{name} proposed automating part of {project}. I said it wasn't a priority and moved "
            "on.",
            "{When} {name} asked a question in the all-hands that I answered with a joke at their "
            "expense.",
        ),
        (
            "I saw their face drop.",
            "Nobody else suggested anything for the rest of the meeting.",
            "We actually hadn't tried exactly that.",
        ),
        (
            "Impatient, then regretful",
            "Didn't notice at the time",
            "Uncomfortable when I saw the reaction",
            "Rushed",
        ),
        (
            "I carried on with the agenda and didn't come back to it.",
            "I explained at length why the old approach was better.",
            "I laughed it off when someone mentioned it afterwards.",
        ),
        (
            "I went back to {name} after the meeting, apologised and asked them to walk me "
            "through it.",
            "I asked the group what would have to be true for it to work.",
            "I thanked {name} in the next meeting and gave them time to prototype it.",
        ),
        (
            "{name} hasn't spoken up in a meeting since.",
            "The team learned that ideas get shot down.",
        ),
        (
            "{name}'s prototype saved two days a sprint.",
            "Two other people brought ideas the following week.",
        ),
        (
            "Ask one curious question before judging an idea.",
            "Let the most junior person speak first.",
            'Catch "we tried that" before it leaves my mouth.',
        ),
    ),
    _Scenario(
        Level.EMPOWERMENT,
        "report",
        4,
        ("1on1", "wellbeing", "empathy"),
        (
            "{name} told me they're struggling",
            "Personal news from {name}",
            "1:1 with {name} about burnout",
        ),
        (
            "{name} told me in our 1:1 that they are caring for a parent and barely sleeping.",
            "{name} said they are close to burnout after the {project} crunch.",
            "{When} {name} broke down in our 1:1 while talking about the workload on {project}.",
        ),
        (
            "I had no idea.",
            "I'd just been pushing them for an update.",
            "They asked me not to tell the team.",
        ),
        (
            "Awkward; I didn't know what to say",
            "Concerned and a bit out of my depth",
            "Moved",
            "Guilty",
        ),
        (
            "I jumped straight to solutions and a plan for covering their work.",
            'I said "let me know if you need anything" and went back to the agenda.',
            "I shared a long story about my own hard year.",
        ),
        (
            "I stopped the agenda, listened, and asked what would help this month.",
            "I told {name} I was glad they told me, and we agreed to take work off their plate.",
            "I said briefly that I'd had a hard year once too, and then asked about them.",
        ),
        (
            "{name} closed up again; I think they regret telling me.",
            "We ended up talking about me, not them.",
        ),
        (
            "{name} said they felt much lighter afterwards. We moved one deliverable.",
            "{name} took a week off and came back noticeably better.",
        ),
        (
            "Listen first; ask before offering solutions.",
            "Check in a week later without being asked.",
            "Be more open about my own limits so others can be too.",
        ),
    ),
    _Scenario(
        Level.EMPOWERMENT,
        "report",
        6,
        ("delegation", "trust", "team"),
        (
            "Took {project} back from {name}",
            "Delegated, then grabbed it back",
            "Letting {name} own {project}",
        ),
        (
            "I had delegated {project} to {name}, and when the first milestone wobbled I took it "
            "back without discussing it.",
            "{name} made a call on {project} I wouldn't have made. I reversed it in front of the "
            "team.",
            "{When} I caught myself rewriting the {project} plan that {name} owns.",
        ),
        (
            "The milestone was only a few days late.",
            "The team watched it happen.",
            "I'd told {name} it was theirs only two weeks earlier.",
        ),
        (
            "Anxious about the outcome",
            "Impatient",
            "Uneasy about my own reaction",
            "Worried about looking bad upstairs",
        ),
        (
            "I told {name} I'd take it from here and didn't explain.",
            "I overrode the decision and said I'd explain later. I didn't.",
            "I kept the reins and told myself it was temporary.",
        ),
        (
            "I gave {name} the plan back with one question to think about instead of an "
            "instruction.",
            "I asked {name} to walk me through their reasoning and left the decision with them.",
            "I told {name} what I was worried about and let them decide how to handle it.",
        ),
        (
            "{name} is disengaged and I'm doing two jobs again.",
            "The team now checks with me before {name}, which undermines them.",
        ),
        (
            "{name}'s decision turned out to be right.",
            "{name} fixed the milestone themselves and the team rallied around them.",
        ),
        (
            "Agree in advance what help looks like when things wobble.",
            "Let people make different calls from mine unless the risk is real.",
            "Ask a question instead of taking the wheel.",
        ),
    ),
    _Scenario(
        Level.GUIDANCE,
        "team",
        5,
        ("strategy", "team", "direction"),
        (
            "Team asked why we're doing {project}",
            '"What\'s the strategy?"',
            "Direction question in {meeting}",
        ),
        (
            "In {meeting} someone asked why we are doing {project} at all, and I couldn't explain "
            "it in one sentence.",
            "My leads each described our priorities differently in the planning session; there "
            "were five versions of the strategy.",
            "{When} a new hire asked how our work on {project} connects to the company goals, and "
            "the room went quiet.",
        ),
        (
            "It was a fair question.",
            "I had assumed the plan was obvious.",
            "The roadmap has changed three times this year.",
        ),
        ("Exposed", "Frustrated with myself", "Unsettled", "Defensive at first, then curious"),
        (
            "I gave a long answer about the roadmap that didn't answer the question.",
            "I said it came from above and we just have to deliver.",
            "I promised a strategy document and then didn't write it.",
        ),
        (
            "I admitted the direction wasn't clear enough and asked the team to help me shape it.",
            "I wrote a one-page why and tested it with the leads before sharing it.",
            "I connected {project} to the two company goals it serves and asked what was missing.",
        ),
        (
            "People left the meeting still unsure what matters most.",
            "The team is treating every request as equally important.",
        ),
        (
            "The leads now use the same three priorities in their own meetings.",
            "The one-pager got better with the team's edits, and they own it now.",
        ),
        (
            "Be able to say the why of every major project in one sentence.",
            "Repeat the direction more often than feels necessary.",
            "Ask the team to explain the strategy back to me.",
        ),
    ),
    _Scenario(
        Level.GUIDANCE,
        "peer:Sales",
        7,
        ("peer", "roadmap", "strategy"),
        (
            "Roadmap clash with {name}",
            "{func} wants everything now",
            "Priority fight over {project}",
        ),
        (
            "{name} demanded we drop {project} to build a feature for one big customer.",
            "In {meeting} {name} and I argued over whether {project} or the customer requests "
            "matter more, each from our own side.",
            "{When} {name} told me my team lives in its own world and doesn't understand what "
            "customers need.",
        ),
        (
            "The deal matters a lot for the quarter.",
            "I only looked at it from my own side.",
            "The CEO asked us to sort it out between us.",
        ),
        (
            "Irritated and protective",
            "Defensive",
            "Exasperated",
            "Uncomfortable, because there's some truth in it",
        ),
        (
            "I defended my roadmap and said Sales always overpromises.",
            "I agreed to the feature just to end the argument.",
            "I escalated it to the CEO straight away.",
        ),
        (
            "I asked {name} to walk me through the customer's problem and the numbers behind the "
            "deal.",
            "We mapped both options against the company goals together, not our team goals.",
            "I proposed a joint review with the CEO where we each present the other's side.",
        ),
        (
            "The decision was made on volume, not merit, and both teams are unhappy.",
            "{name} now goes around me to my engineers.",
        ),
        (
            "We found a smaller version of the feature that serves the customer and keeps "
            "{project} on track.",
            "{name} and I now meet every two weeks to look at the roadmap together.",
        ),
        (
            "Start from the company goal, not my function's goal.",
            "Understand the other function's numbers before the meeting.",
            "Treat peers as co-owners of the outcome.",
        ),
    ),
    _Scenario(
        Level.GUIDANCE,
        "team",
        6,
        ("reorg", "team", "change"),
        ("Announced the reorg", "Reorg Q&A went badly", "Change conversation with the team"),
        (
            "I announced the reorg of the {project} teams in {meeting}. There were a lot of "
            "anxious questions.",
            "In the Q&A after the reorg announcement someone asked whether there would be layoffs.",
            "{When} two of my leads told me the team doesn't understand why we're reorganising.",
        ),
        (
            "The rumours had started before I could say anything.",
            "I had rehearsed the slides, not the questions.",
            "Leadership had only agreed the final shape the night before.",
        ),
        ("Nervous and on guard", "Protective of the plan", "Worried about the team", "Tired"),
        (
            "I gave corporate answers and cut the Q&A short.",
            "I got defensive when people questioned the rationale.",
            "I said nothing would really change, which isn't true.",
        ),
        (
            "I explained the why, what we know, what we don't, and when they'll hear more.",
            "I answered the layoffs question honestly and promised a date for more information.",
            "I set up small-group sessions so people could ask questions more safely.",
        ),
        (
            "People trust the announcement less than the rumours.",
            "Two good people started interviewing elsewhere.",
        ),
        (
            "The team was unsettled but felt informed. Attrition has stayed low.",
            "The small-group sessions surfaced two real issues with the plan, which we fixed.",
        ),
        (
            "Lead with the why; say what I don't know.",
            "Give people a date for the next update and keep it.",
            "Spend more time on the questions than on the slides.",
        ),
    ),
    _Scenario(
        Level.MASTERY,
        "report",
        4,
        ("succession", "mentoring", "career"),
        (
            "Succession talk with {name}",
            "Asked {name} to step up",
            "Growing {name} into a bigger role",
        ),
        (
            "I told {name} that I see them as my potential successor and asked what they want.",
            "In our monthly career conversation {name} said they weren't sure they want to lead a "
            "bigger team.",
            "{When} I asked {name} to run {meeting} for the next quarter, with me in the back row.",
        ),
        (
            "I have never done this deliberately before.",
            "Part of me doesn't want to let go.",
            "{name} was surprised.",
        ),
        ("Hopeful, and a little possessive", "Proud", "Uncertain", "Strangely anxious"),
        (
            "I filled the silence with my own plan for their career.",
            "I gave {name} the meeting but corrected them in front of everyone.",
            "I talked mostly about what I'd done at their stage.",
        ),
        (
            "I asked what they want the next three years to look like and mostly listened.",
            "I agreed a development plan with {name} with real stretch, not just more work.",
            "I stayed quiet in {meeting} and gave feedback privately afterwards.",
        ),
        (
            "{name} left the conversation with my ambitions, not theirs.",
            "{name} seemed less confident after I stepped in.",
        ),
        (
            "{name} ran the meeting really well and the team responded to them.",
            "{name} said it was the most useful career conversation they've had.",
        ),
        (
            "Give away a visible responsibility each quarter.",
            "Coach with questions, not answers.",
            "Ask what they want before telling them what I see.",
        ),
    ),
    _Scenario(
        Level.MASTERY,
        "report",
        6,
        ("promotion", "feedback", "career"),
        (
            "Told {name} the promotion didn't happen",
            "Promotion conversation with {name}",
            "{name} not promoted this cycle",
        ),
        (
            "I told {name} they weren't promoted this cycle and explained what the committee "
            "wanted to see.",
            "{name} asked why a peer got the promotion and they didn't.",
            "{When} {name} told me they were thinking of leaving after the promotion news.",
        ),
        (
            "I had argued for them in the committee and lost.",
            "I'd been vague about the bar all year.",
            "{name} is one of the people I most want to keep.",
        ),
        ("Dreading it; I felt responsible", "Sad", "Uncomfortable", "Worried about losing them"),
        (
            "I blamed the committee and distanced myself from the decision.",
            "I promised next cycle would be different.",
            "I got defensive when {name} questioned the process.",
        ),
        (
            "I owned my part, was specific about the gap and offered a clear plan.",
            "I acknowledged the disappointment without rushing to fix it.",
            "I asked what would make them want to stay and grow here.",
        ),
        ("{name} feels I didn't fight for them.", "{name} has started interviewing elsewhere."),
        (
            "{name} was disappointed but said the plan was fair.",
            "{name} has a sponsor now and knows exactly what to work on.",
        ),
        (
            "Be clear about the bar all year, not only at review time.",
            "Own decisions I'm part of, even ones I disagreed with.",
            "Follow up monthly on the development plan.",
        ),
    ),
    _Scenario(
        Level.MASTERY,
        "report:manager",
        5,
        ("mentoring", "managers", "leaders"),
        (
            "Let {name} handle the conflict",
            "Coaching {name} through a team conflict",
            "Resisted jumping in for {name}",
        ),
        (
            "{name}, one of my newer managers, has two people in conflict on {project} and asked "
            "me to step in.",
            "{name} asked me to take over a difficult conversation with one of their reports.",
            "{When} I heard that {name}'s team was arguing in public channels about {project}, and "
            "I wanted to sort it out myself.",
        ),
        (
            "I could have solved it in ten minutes.",
            "It's {name}'s first team.",
            "Part of me liked being needed.",
        ),
        ("Tempted to fix it", "Impatient", "Protective of {name}", "Calm, mostly"),
        (
            "I took over the conversation and resolved it myself.",
            "I told {name} exactly what to say, word for word.",
            "I went to the team directly without telling {name}.",
        ),
        (
            "I asked {name} what they thought was going on and what options they saw.",
            "We role-played the conversation and {name} led it the next day.",
            "I stayed available but let {name} own the outcome.",
        ),
        (
            "The conflict stopped, but {name} didn't learn anything and the team saw me as the "
            "real manager.",
            "{name} felt undermined.",
        ),
        (
            "{name} handled it well and grew visibly in confidence.",
            "The team now goes to {name} first.",
        ),
        (
            "Build leaders by letting them handle hard things, with support.",
            'Ask "what do you think?" at least twice before advising.',
            "Measure success by what my managers can do without me.",
        ),
    ),
)
_SCENARIOS_BY_LEVEL: dict[Level, tuple[_Scenario, ...]] = {
    level: tuple(s for s in _SCENARIOS if s.level is level) for level in Level
}

_FEELING_HIGH = (
    "My chest went tight.",
    "I could feel my heart racing.",
    "Face hot, jaw clenched.",
    "I wanted to walk out.",
    "My voice went up.",
)
_FEELING_LOW = (
    "I noticed it early this time.",
    "It was there, but it didn't take over.",
    "Milder than it would have been a year ago.",
    "I could name it while it was happening.",
)
_REACTIVE_TAILS = (
    "I knew while doing it that it wasn't helping.",
    "I only noticed afterwards.",
    "Classic me.",
    "Not my finest moment.",
)
_CONSTRUCTIVE_TAILS = (
    "It felt slow, but it worked.",
    "Not perfect, but much better than my usual.",
    "I had to hold myself back consciously.",
    "It came more naturally than last time.",
)
_AFTERTHOUGHTS = (
    "Coming back to this a day later: the feeling passed much faster than the consequences.",
    "Worth bringing to the next coaching session.",
    "Same pattern as last month. The trigger is being questioned in public.",
    "Looking back, I was reacting to the tone, not the content.",
    "Talked it through at home in the evening; I see it more clearly now.",
    "I want to notice whether this happens more when I'm tired.",
    "This one went better than I expected. Noting it so I remember that it can.",
    "Reading it back, I can see where I could have paused.",
)


# --- reflections, feedback, coach notes, free writing ---------------------------------

_OBSERVATIONS: dict[Level, tuple[str, ...]] = {
    Level.FOUNDATION: (
        "I noticed today that my irritation starts in my shoulders well before I say anything.",
        "Three times this week I reacted before I knew what I was feeling.",
        "In {meeting} I got defensive again when my team's work was questioned.",
        "I've been short with people all week and only realised it when {name} asked if I was OK.",
        "My energy was low today and everyone around me felt it.",
        "I caught myself rehearsing arguments in the shower again.",
        "I went into {meeting} already annoyed, and it showed.",
    ),
    Level.GROWTH: (
        "I avoided a conversation with {name} again this week.",
        "My update in {meeting} was long and nobody knew what I was asking for.",
        "I said yes to three things today that I should have pushed back on.",
        "{name} and I keep talking past each other about {project}.",
        "I was blunt in an email about {project} and it landed badly.",
        "I had a difficult conversation today and it went better than the one in my head.",
    ),
    Level.EMPOWERMENT: (
        "I rewrote someone's work again today.",
        "{name} made a decision without me and I felt a flash of irritation.",
        "I was the bottleneck on {project} this week: four things waited for my approval.",
        "I didn't ask a single question in my 1:1s this week; I just gave answers.",
        "I told the team I was struggling with the workload and nobody thought less of me.",
        "I dismissed a concern from {name} that turned out to be right.",
    ),
    Level.GUIDANCE: (
        "I spent the whole week in delivery and none of it on direction.",
        "The team couldn't explain how {project} connects to the company goals.",
        "In {meeting} I only argued for my own area.",
        "I made a decision on {project} that solved my problem and created one for {func}.",
        "I blocked out two hours to think about next year and it was the best two hours of "
        "the month.",
    ),
    Level.MASTERY: (
        "{name} handled something this week that I would have had to do myself a year ago.",
        "I asked myself what would fall apart if I left tomorrow: too much.",
        "I spent an hour coaching {name} and it felt more valuable than anything else I did.",
        "My managers still escalate decisions they could make themselves.",
        "I noticed I still take the credit in {meeting} for things my leads drove.",
    ),
}
_INSIGHTS: dict[Level, tuple[str, ...]] = {
    Level.FOUNDATION: (
        "The defensiveness is about feeling judged, not about the actual question.",
        "When I'm tired my fuse is half as long; sleep is a leadership issue for me.",
        "My face says a lot more than I think it does.",
        "Naming the feeling, even silently, takes some of the heat out of it.",
        "The impact I have is bigger than I think, because of my role.",
        "Pausing feels like weakness in the moment, but nobody else sees it that way.",
    ),
    Level.GROWTH: (
        "The conversation I avoid is usually the one that matters most.",
        "Clarity is kind; vagueness just postpones the pain.",
        "Influence with peers comes from understanding their goals, not from better arguments.",
        "Short, specific and early beats long, careful and late.",
        "When I prepare the first sentence, the rest of a hard conversation follows.",
        "I'm consistent with my team and inconsistent with my peers.",
    ),
    Level.EMPOWERMENT: (
        "Control is how I manage my own anxiety, and the team pays for it.",
        "Trust is something I give first, not something people have to earn from me.",
        "People bring more when I show a bit of myself.",
        "Delegating the outcome, not just the task, is the hard part.",
        "The team is more capable than my behaviour suggests I think.",
        "Listening without fixing is a skill I haven't practised.",
    ),
    Level.GUIDANCE: (
        "My job is to make the direction obvious, not to make every decision.",
        "If I can't explain the strategy in one sentence, the team can't follow it.",
        "Thinking like an enterprise leader sometimes means losing for my function.",
        "Repetition feels boring to me and is still news to the team.",
        "The best strategic conversations I've had started with someone else's problem.",
    ),
    Level.MASTERY: (
        "My legacy is the leaders I leave behind, not the projects.",
        "If the team can't run without me, I haven't finished my job.",
        "Building leaders is slower than doing it myself, and that's the point.",
        "Sponsoring someone means spending my own credibility on them.",
        "The results that last are the ones other people own.",
    ),
}
_INTENTIONS = (
    "Next week I'll try to notice it earlier.",
    "Bringing this to my coach.",
    "One small thing to try tomorrow: ask before I answer.",
    "I want to track whether this is getting better.",
    "I'll ask {name} for honest feedback on this.",
    "I'm going to set up an experiment for this.",
    "For now, just noticing is enough.",
)
_PROGRESS_NOTES = (
    "A year ago this would have ruined my day; today it took ten minutes to settle.",
    "I didn't get defensive, and only realised it afterwards.",
    "Someone told me I seem calmer in meetings lately.",
    "The conversations are getting cleaner.",
    "People are bringing me problems earlier than they used to.",
)
_REFLECTION_TITLES: dict[Level, tuple[str, ...]] = {
    Level.FOUNDATION: (
        "Why I get defensive",
        "Noticing before reacting",
        "Tired and reactive",
        "What my face says",
        "Triggers this week",
    ),
    Level.GROWTH: (
        "The conversation I keep avoiding",
        "Clear asks",
        "Saying no",
        "Talking past {name}",
        "Hard conversations",
    ),
    Level.EMPOWERMENT: (
        "Letting go of {project}",
        "Control and anxiety",
        "Bottleneck week",
        "Listening without fixing",
        "Trusting the team",
    ),
    Level.GUIDANCE: (
        "Direction, not delivery",
        "The why of {project}",
        "Thinking beyond my area",
        "Next year",
        "Strategy in one sentence",
    ),
    Level.MASTERY: (
        "Who could replace me?",
        "Building leaders",
        "Coaching {name}",
        "What will outlast me",
        "Giving away the stage",
    ),
}
_GENERIC_TITLES = (
    "After {meeting}",
    "End-of-week reflection",
    "Thinking about {project}",
    "Notes to self",
    "Looking back at the week",
    "Looking back at the month",
)

_SOURCES_UP = ("my manager", "the CEO", "a board member")
_SOURCES_DOWN = (
    "a direct report",
    "one of my team leads",
    "a skip-level report",
    "a new hire on the team",
)
_SOURCES_SIDE = (
    "peer in Finance",
    "peer in Sales",
    "peer in Product",
    "peer in Operations",
    "the HR business partner",
)
_SOURCES = {
    "up": _SOURCES_UP,
    "down": _SOURCES_DOWN,
    "side": _SOURCES_SIDE,
    "any": (*_SOURCES_UP, *_SOURCES_DOWN, *_SOURCES_SIDE),
}
_FEEDBACK_VERBS = (
    "told me that",
    "said that",
    "mentioned that",
    "pointed out that",
    "was candid: they said that",
    "wrote in my 360 that",
)

# (title topic, what they said, who could plausibly say it) per level, for -, 0 and +
_FEEDBACK: dict[Level, tuple[tuple[tuple[str, str, str], ...], ...]] = {
    Level.FOUNDATION: (
        (
            ("on defensiveness", "I get defensive whenever my team's work is questioned", "any"),
            (
                "on my reactions",
                "people can read my irritation on my face before I say a word",
                "down",
            ),
            ("on the board Q&A", "I sounded rattled when the board pushed on the numbers", "up"),
        ),
        (
            (
                "on self-awareness",
                "I'm calmer in meetings, but it still shows when I'm stressed",
                "any",
            ),
            (
                "on pressure",
                "I handle pressure well in public but pass it on to the team in private",
                "down",
            ),
            ("on my impact", "I don't realise how much weight my offhand comments carry", "up"),
        ),
        (
            (
                "on staying calm",
                "I stayed remarkably calm in a meeting that could have gone badly",
                "any",
            ),
            ("on listening", "I seem much more open to challenge than a year ago", "side"),
            (
                "on owning a mistake",
                "it made a difference when I owned my mistake on {project} in front of the team",
                "down",
            ),
        ),
    ),
    Level.GROWTH: (
        (
            (
                "on my updates",
                "my updates in {meeting} are hard to follow: lots of detail and no clear ask",
                "up",
            ),
            (
                "on avoiding conversations",
                "I avoid difficult conversations and let problems drag on",
                "down",
            ),
            ("on tone in email", "my emails can come across as blunt and dismissive", "side"),
        ),
        (
            (
                "on clarity",
                "I'm clear with my team but hard to read in cross-functional meetings",
                "side",
            ),
            ("on my timing", "my feedback is useful but usually arrives too late", "down"),
            (
                "on influencing",
                "I have the right ideas but don't bring peers along early enough",
                "up",
            ),
        ),
        (
            (
                "on a difficult conversation",
                "the way I handled a recent performance conversation was fair and clear",
                "any",
            ),
            (
                "on collaboration",
                "working with my team on {project} has been the easiest cross-team work this year",
                "side",
            ),
            ("on communication", "my all-hands update was the clearest one they've heard", "any"),
        ),
    ),
    Level.EMPOWERMENT: (
        (
            ("on micromanagement", "they feel I don't trust them to run things without me", "down"),
            (
                "on being a bottleneck",
                "decisions wait for me and it slows the whole team down",
                "any",
            ),
            ("on listening", "I often dismiss ideas before hearing them out", "down"),
        ),
        (
            (
                "on delegation",
                "I've started delegating, but I still take things back when they get hard",
                "down",
            ),
            (
                "on approachability",
                "people like working for me but hesitate to bring me bad news",
                "side",
            ),
            (
                "on empathy",
                "I care about the team, but it doesn't always show under pressure",
                "down",
            ),
        ),
        (
            ("on trust", "they feel more trusted since I stopped reviewing every deck", "down"),
            (
                "on support",
                "it meant a lot that I listened instead of fixing during a hard week",
                "down",
            ),
            (
                "on openness",
                "my honesty about my own mistakes makes it easier for others to admit theirs",
                "any",
            ),
        ),
    ),
    Level.GUIDANCE: (
        (
            (
                "on direction",
                "the team doesn't know what our priorities are beyond this quarter",
                "down",
            ),
            (
                "on silo thinking",
                "I argue for my own area instead of for the company in exec meetings",
                "up",
            ),
            ("on strategy", "my plans are solid on delivery but thin on the why", "up"),
        ),
        (
            (
                "on the roadmap",
                "the roadmap is clearer, but it changes too often to plan around",
                "side",
            ),
            (
                "on the big picture",
                "I'm starting to think beyond my function, but not consistently yet",
                "up",
            ),
            (
                "on vision",
                "they get the vision but don't see how their work connects to it",
                "down",
            ),
        ),
        (
            (
                "on the strategy one-pager",
                "the one-page strategy is the first thing that made our direction clear",
                "down",
            ),
            (
                "on enterprise thinking",
                "I made a call that helped Sales at my own team's expense, and it was noticed",
                "up",
            ),
            ("on planning", "the joint planning for {project} was the best we've done", "side"),
        ),
    ),
    Level.MASTERY: (
        (
            (
                "on succession",
                "there's no obvious successor in my team and that worries them",
                "up",
            ),
            (
                "on developing people",
                "I'm great to learn from but don't give people room to grow",
                "down",
            ),
            ("on credit", "I could do more to put my leads in front of the exec team", "down"),
        ),
        (
            (
                "on growing leaders",
                "my managers are improving, but they still lean on me for every hard call",
                "up",
            ),
            (
                "on sponsorship",
                "I support people well in private but rarely sponsor them in public",
                "side",
            ),
            (
                "on legacy",
                "the team performs well, but it's not clear how much depends on me",
                "up",
            ),
        ),
        (
            (
                "on mentoring",
                "the mentoring I've done has changed how they see their career",
                "down",
            ),
            (
                "on my leads",
                "my leads ran the quarterly review without me and it was excellent",
                "up",
            ),
            (
                "on building the team",
                "my team is now where other leaders hire managers from",
                "side",
            ),
        ),
    ),
}
_FEEDBACK_REACTIONS = (
    (
        "My first reaction was to explain it away. I didn't, but I wanted to.",
        "That stung, mostly because I think it's true.",
        "I asked for an example and got two.",
        "I thanked them and wrote it down before I could argue with it.",
        "Hard to hear. It matches what my coach has been saying.",
    ),
    (
        "Fair, and useful to hear both halves.",
        "Good to know the change is visible, even if it's not finished.",
        "I asked what one thing would make the biggest difference.",
        "Not a surprise, but I appreciated the honesty.",
    ),
    (
        "I didn't expect that, and it felt good.",
        "Evidence that the work is working.",
        "I tried to just say thank you without deflecting.",
        "Noting it here so I remember it on a bad day.",
        "Six months ago I wouldn't have heard this.",
    ),
)
_FEEDBACK_FOLLOW_UPS = (
    "I'll bring it to my next coaching session.",
    "Worth an experiment.",
    "I want to check whether others see the same.",
    "I'll ask again in a couple of months.",
)

_COACH_TOPICS: dict[Level, tuple[str, ...]] = {
    Level.FOUNDATION: ("noticing triggers", "defensiveness", "self-awareness under pressure"),
    Level.GROWTH: ("difficult conversations", "influencing peers", "clear asks"),
    Level.EMPOWERMENT: ("delegation", "letting go of control", "vulnerability"),
    Level.GUIDANCE: ("strategy on a page", "enterprise thinking", "setting direction"),
    Level.MASTERY: ("succession", "building leaders", "legacy"),
}
_COACH_POINTS: dict[Level, tuple[str, ...]] = {
    Level.FOUNDATION: (
        "My coach asked what I feel in my body just before I get defensive. Heat in the face, "
        "every time.",
        "We traced three recent blow-ups back to the same trigger: being questioned in public.",
        "The coach's point: the pause is the skill; everything else follows.",
        "We talked about the gap between my intent and my impact.",
    ),
    Level.GROWTH: (
        "We rehearsed the conversation with {name}; the first sentence matters most.",
        "My coach pointed out that I avoid conflict with peers but not with my team.",
        "We worked on making a clear ask at the end of every update.",
        "We looked at why my influence with {func} is low: I only show up when I need something.",
    ),
    Level.EMPOWERMENT: (
        "We mapped what I still hold on to, and why.",
        "My coach asked what I'm protecting when I take work back.",
        "We talked about showing more of myself to the team, in small doses.",
        "The coach challenged me: who on the team could run {project} if I let them?",
    ),
    Level.GUIDANCE: (
        "We drafted the one-sentence why for {project}.",
        "My coach asked how the CEO would describe my team's contribution. I couldn't answer.",
        "We talked about spending time on direction, not just delivery.",
        "The question of the session: what would I do if I ran the whole company?",
    ),
    Level.MASTERY: (
        "We talked about who could replace me, and what they'd need.",
        "My coach asked what I want to be remembered for here.",
        "We discussed the difference between mentoring and sponsoring.",
        "We looked at which decisions I could hand to my leads this quarter.",
    ),
}
_COACH_GENERIC = (
    "We started by reviewing the experiments from last time.",
    "Good session; lots of uncomfortable questions.",
    "We spent most of the time on one situation, which was the right call.",
    "My coach noticed I was talking faster than usual.",
)
_COACH_HOMEWORK = (
    "Homework: log every time I notice the trigger this fortnight.",
    "Homework: one difficult conversation I've been avoiding, before next time.",
    "Homework: ask two people for feedback on this.",
    "Homework: set up a new experiment and track the attempts.",
    "Next step: draft it and send it to my coach.",
)

_FREE_TITLES = (
    "Thoughts before the offsite",
    "Long week",
    "Random notes",
    "Evening thoughts",
    "Things I'm grateful for",
    "Before the quarterly review",
    "On the train home",
    "What's on my mind",
    "Energy check",
    "Notes on {project}",
    "Ideas for {meeting}",
    "Holiday reading",
)
_FREE_SENTENCES = (
    "Long week: three late evenings and one very early start.",
    "I'm proud of how the team handled {project} this month.",
    "I keep thinking about what kind of leader I want to be in five years.",
    "Need to block time for thinking; my calendar is all meetings.",
    "Read a chapter about feedback cultures on the train; some of it applies to us.",
    "Slept badly; too many open loops in my head.",
    "I want the team to be able to run {meeting} without me by the summer.",
    "Grateful for {name}'s steadiness this week.",
    "I noticed I'm more patient when I exercise in the morning.",
    "Not much happened today, which was a relief.",
    "Three things on my mind: {project}, hiring, and my own energy.",
    "Planning the offsite agenda; I want more listening and fewer slides.",
    "I said no to a meeting today and nothing bad happened.",
    "It's been a year of change, some good and some hard.",
    "I want to write here more regularly; it helps.",
    "Feeling stretched thin, but not overwhelmed.",
    "The team seems more settled than a few months ago.",
    "Had a good walk at lunch and came back with a clearer head.",
    "Worried about the budget for next year.",
    "Reminder to myself: the people matter more than the plan.",
)


# --- experiments ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _ExperimentTemplate:
    title: str
    trigger: str
    old_behaviour: str
    new_response: str
    prediction: str
    success_criteria: str


_EXPERIMENTS: dict[Level, tuple[_ExperimentTemplate, ...]] = {
    Level.FOUNDATION: (
        _ExperimentTemplate(
            "Pause before answering criticism",
            "I feel criticised in a meeting",
            "defending myself immediately",
            "pause, breathe and ask a clarifying question",
            "the discussion to stay on the real issue, and to look more confident, not less",
            "In 4 of the next 6 meetings where I'm challenged, I ask a question before defending.",
        ),
        _ExperimentTemplate(
            "Name the feeling first",
            "I notice irritation rising in a 1:1",
            "letting it leak out in my tone",
            "silently name the feeling and slow my voice down",
            "people to stay open and keep bringing me problems",
            "I catch it before speaking at least half the time, and note it here.",
        ),
        _ExperimentTemplate(
            "No angry emails after 9pm",
            "a message annoys me in the evening",
            "replying straight away",
            "write a draft, save it and reread it in the morning",
            "fewer escalations and less regret",
            "No evening email I later apologise for, for a whole month.",
        ),
        _ExperimentTemplate(
            "Thank the messenger",
            "someone brings me bad news",
            "asking why I'm only hearing this now",
            "say thank you first, then ask what they need from me",
            "bad news to reach me earlier",
            "The team flags at least one risk earlier than usual in the next month.",
        ),
    ),
    Level.GROWTH: (
        _ExperimentTemplate(
            "Raise it after the first miss",
            "a direct report misses a commitment",
            "waiting and hinting until it happens again",
            "raise it within two days, using situation, behaviour and impact",
            "problems to be fixed while they're small",
            "Every miss is discussed within two days, for six weeks.",
        ),
        _ExperimentTemplate(
            "A clear ask in every update",
            "I give an update in the staff meeting",
            "walking through every detail",
            "open with the one decision or help I need",
            "shorter meetings and faster decisions",
            "Peers can repeat my ask back after each update.",
        ),
        _ExperimentTemplate(
            "Coffee before conflict",
            "I disagree with a peer's proposal",
            "arguing it out in the group meeting",
            "talk to them one-to-one before the meeting and understand their goal",
            "fewer stand-offs and better joint proposals",
            "Three pre-meetings held, at least two ending in a shared position.",
        ),
        _ExperimentTemplate(
            "Cost before yes",
            "my manager adds a new priority",
            "saying yes and absorbing it",
            "say what it would cost and ask what should drop",
            "a sustainable workload and more trust in my yes",
            "Every new request this month gets an explicit trade-off.",
        ),
    ),
    Level.EMPOWERMENT: (
        _ExperimentTemplate(
            "Agreed check-ins only",
            "I feel anxious about a delegated project",
            "checking in every day and reviewing everything",
            "stick to the agreed check-in points and ask rather than fix",
            "the owner to step up and the work to be as good or better",
            "No unplanned check-ins for four weeks; the owner reports on time.",
        ),
        _ExperimentTemplate(
            "Ask before answering",
            "someone brings me a problem",
            "giving them my solution",
            'ask "what do you think we should do?" first',
            "people to bring solutions, not just problems",
            "In half of my 1:1s the solution comes from them.",
        ),
        _ExperimentTemplate(
            "Hear the idea out",
            "a junior person suggests an idea I doubt",
            "saying we tried that straight away",
            "ask what would have to be true for it to work",
            "more ideas from the team, and better ones",
            "At least two new ideas raised in team meetings this month.",
        ),
        _ExperimentTemplate(
            "Share one real thing",
            "the team is under pressure",
            "putting on a brave face and pushing harder",
            "say honestly how I'm finding it and ask how they are",
            "more openness and earlier warnings",
            "At least two people tell me about problems earlier than before.",
        ),
    ),
    Level.GUIDANCE: (
        _ExperimentTemplate(
            "One-sentence why",
            "I kick off a new project",
            "starting with the plan and the dates",
            "start with one sentence on why it matters to the company",
            "the team to make better trade-offs without me",
            "Three team members can explain the why unprompted.",
        ),
        _ExperimentTemplate(
            "Argue for the company",
            "the exec meeting discusses resources",
            "arguing only for my function",
            "state the company-level trade-off before my team's needs",
            "more influence and trust among my peers",
            "The CEO or a peer notices the change without my pointing it out.",
        ),
        _ExperimentTemplate(
            "Two hours for direction",
            "my week fills up with delivery meetings",
            "letting thinking time disappear",
            "protect two hours a week for direction and next year",
            "a clearer plan and fewer surprises",
            "The block survives six weeks in a row.",
        ),
        _ExperimentTemplate(
            "Repeat the priorities",
            "a new request comes into the team",
            "reprioritising silently in my head",
            "restate our three priorities and where the request fits",
            "less thrash, and a team that can say no itself",
            "The leads use the same three priorities in their own meetings.",
        ),
    ),
    Level.MASTERY: (
        _ExperimentTemplate(
            "Coach, don't tell",
            "one of my managers asks me what to do",
            "telling them the answer",
            "ask two questions before giving any advice",
            "them to grow faster and need me less",
            "My managers solve more escalations themselves over the quarter.",
        ),
        _ExperimentTemplate(
            "Give away the stage",
            "there's a visible exec or board slot",
            "presenting it myself",
            "let one of my leads present, and prepare them well",
            "my leads to become known and trusted above me",
            "Two leads present to the exec team this quarter.",
        ),
        _ExperimentTemplate(
            "Talk about succession",
            "the quarterly career conversations come round",
            "talking only about the next role",
            "talk openly about succession and what they'd need to step up",
            "a real bench of successors",
            "Two people have a written development plan for a bigger role.",
        ),
        _ExperimentTemplate(
            "Stay quiet in their meeting",
            "I attend a meeting one of my leads runs",
            "taking over when it drifts",
            "stay quiet and give feedback afterwards",
            "them to own the room, and the team to follow them",
            "I don't intervene in five meetings in a row.",
        ),
    ),
}
_SITUATIONS: dict[Level, tuple[str, ...]] = {
    Level.FOUNDATION: (
        "{name} questioned my numbers in {meeting}",
        "Challenged on {project} in the leadership meeting",
        "A sharp comment from {name} in a 1:1",
        "An annoying reply-all about {project} late in the evening",
        "{name} told me {project} would slip again",
        "Board pre-read call; pushback on my section",
    ),
    Level.GROWTH: (
        "Staff meeting update on {project}",
        "{name} missed a handover date",
        "Disagreement with {name} about {project}",
        "A new request from my manager at short notice",
        "1:1 with {name} after a missed commitment",
        "Budget pre-meeting with Finance",
    ),
    Level.EMPOWERMENT: (
        "{name} presented the {project} plan",
        "{name} asked me how to handle a customer escalation",
        "Team meeting; {name} suggested a new approach",
        "Crunch week on {project}",
        "{name} was late with a {project} milestone",
        "1:1 where {name} brought a problem",
    ),
    Level.GUIDANCE: (
        "Kick-off for {project}",
        "Exec meeting on next year's headcount",
        "New request from Sales",
        "Quarterly planning with my leads",
        "All-hands Q&A",
        "My weekly thinking block",
    ),
    Level.MASTERY: (
        "{name} asked what to do about a conflict in their team",
        "Board slot on {project}",
        "Career conversation with {name}",
        "{name} ran {meeting}",
        "Leadership offsite preparation",
        "Escalation from one of my managers",
    ),
}
_ATTEMPT_NOTES: dict[DidIt, tuple[str, ...]] = {
    DidIt.YES: (
        "Did it. Felt awkward, worked well.",
        "Did it without much effort this time.",
        "Paused, asked, and the whole tone changed.",
        "It worked; {name} noticed.",
        "Easier than last time.",
        "Did it, and it went better than I predicted.",
    ),
    DidIt.PARTIAL: (
        "Started well, slipped back halfway through.",
        "Remembered halfway through.",
        "Did the first part, then reverted under pressure.",
        "Better than usual, not what I planned.",
        "Caught myself late, but caught myself.",
    ),
    DidIt.NO: (
        "Completely forgot in the moment.",
        "Too tired; the old habit won.",
        "Noticed only afterwards.",
        "The pressure was high and I reverted.",
        "Chose not to; it didn't feel like the right moment.",
    ),
}
_OUTCOMES: dict[DidIt, tuple[tuple[int, ...], tuple[int, ...]]] = {
    DidIt.YES: ((0, 1, 2), (1, 5, 8)),
    DidIt.PARTIAL: ((-1, 0, 1), (2, 5, 8)),
    DidIt.NO: ((-2, -1, 0), (3, 7, 10)),
}
_LEARNINGS: dict[Level, tuple[str, ...]] = {
    Level.FOUNDATION: (
        "The pause is short but it changes everything. Nobody notices it except me.",
        "My defensiveness peaks when I'm tired; I now prepare differently for late meetings.",
        "Naming the feeling silently is enough to lower the heat.",
    ),
    Level.GROWTH: (
        "Raising things early is easier than I feared, and people mostly appreciate it.",
        "A clear ask halves the discussion time.",
        "Understanding my peer's goal first changes the whole conversation.",
    ),
    Level.EMPOWERMENT: (
        "The team does fine, often better, without my extra check-ins.",
        "Asking first gets me better answers than I'd have come up with.",
        "Showing a bit of how I feel makes people more open, not less.",
    ),
    Level.GUIDANCE: (
        "Saying the why once is not enough; repeating it is the job.",
        "Arguing for the company gained me more influence than arguing for my team ever did.",
        "The thinking time is the most valuable part of my week.",
    ),
    Level.MASTERY: (
        "Asking questions feels slower, but my managers grow faster.",
        "Giving away the stage costs me nothing and builds a lot.",
        "People welcome a succession conversation; they don't find it threatening.",
    ),
}
_LEARNING_TAILS = (
    "It's mostly a habit now.",
    "It works best when I've slept and prepared.",
    "I'll keep doing this after the experiment.",
    "",
)
_ABANDON_REASONS = (
    "The reorg changed my role and the trigger hardly comes up any more.",
    "Too broad; I'm splitting it into two smaller experiments.",
    "Wrong experiment: my coach and I found the real root is a level lower.",
    "I couldn't find enough real situations to try it.",
    "Parking it during a very heavy quarter; I'd rather do it properly later.",
    "Replaced by a better-defined experiment.",
)


# --- ratings and coach sessions -------------------------------------------------------

# Self-ratings at the start and the end of the span: leaders tend to rate the top of the
# hierarchy generously at first, and the foundation grows most once the work starts.
_RATING_PATH: dict[Level, tuple[float, float]] = {
    Level.FOUNDATION: (3.5, 7.5),
    Level.GROWTH: (4.0, 7.2),
    Level.EMPOWERMENT: (4.6, 6.8),
    Level.GUIDANCE: (5.5, 6.7),
    Level.MASTERY: (5.0, 6.2),
}
_RATING_NOTES = (
    "Felt calmer this fortnight.",
    "Tough two weeks; the ratings reflect it.",
    "Being honest: Foundation is lower than I'd like.",
    "Better conversations with peers.",
    "Delegation is improving slowly.",
    "Not sure I'm rating consistently.",
    "Busy period, little reflection.",
    "Good feedback from the team this week.",
    "Rated after a rough board meeting.",
    "Starting to see progress.",
)
_SESSION_TOPICS = (
    "defensiveness in exec meetings",
    "the conversation with {name}",
    "delegating {project}",
    "the budget round with Finance",
    "board preparation",
    "the team reorg",
    "influencing peers",
    "my energy and workload",
    "succession planning",
    "feedback from the 360",
    "review of open experiments",
    "setting direction for next year",
    "promotion decisions",
    "a conflict between two of my leads",
    "saying no to my manager",
    "how I show up under pressure",
)
_SESSION_NOTES = (
    "We reviewed the experiments since last time and what the attempts showed.",
    "Most of the session was about the conversation with {name}.",
    "My coach pointed out that the same trigger keeps coming up.",
    "We practised the opening lines for a hard conversation.",
    "Good progress on the foundation work; the coach suggested moving some attention to "
    "delegation.",
    "We talked about my ratings: I still score myself higher at the top levels than the "
    "evidence supports.",
    "The coach asked what I'd stop doing if I had half the time.",
    "I arrived frustrated; we used that as the material.",
    "We looked at feedback from {func} and what it says about my influence.",
    "A shorter session; we focused on one commitment.",
    "We celebrated a win: the budget conversation went well.",
    "We agreed to focus on one level at a time.",
)
_COMMITMENTS = (
    "Raise the missed deadlines with {name} this week",
    "Draft the one-page strategy for {project}",
    "Ask three people for feedback on how I show up in meetings",
    "Log every defensive moment until the next session",
    "Hand {project} to {name} with agreed check-in points",
    "Have coffee with the head of {func} before the budget round",
    "Start a new experiment on pausing before answering",
    "Let {name} run {meeting} next time",
    "Write down my three priorities and share them with the leads",
    "Block two hours a week for thinking time",
    "Have the development conversation with {name}",
    "Say no to one new request and explain the trade-off",
    "Thank the next person who brings me bad news before reacting",
    "Prepare the board questions with my manager",
)


# --- drawing helpers ------------------------------------------------------------------

_KINDS = (
    EntryKind.CONVERSATION,
    EntryKind.REFLECTION,
    EntryKind.FEEDBACK,
    EntryKind.COACH_NOTES,
    EntryKind.FREE,
)
_KIND_CUM = tuple(accumulate((40, 25, 15, 5, 15)))
# About a fifth overall: coach notes are written for the coach, free writing rarely is.
_SHARE_ODDS = {
    EntryKind.CONVERSATION: 0.25,
    EntryKind.REFLECTION: 0.18,
    EntryKind.FEEDBACK: 0.18,
    EntryKind.COACH_NOTES: 0.5,
    EntryKind.FREE: 0.05,
}
_HOURS = tuple(range(7, 21))
_HOUR_CUM = tuple(accumulate((2, 4, 5, 5, 5, 6, 5, 5, 5, 6, 7, 6, 4, 3)))
_TAG_COUNT_CUM = tuple(accumulate((15, 35, 35, 15)))


def _level_at(rng: random.Random, progress: float) -> Level:
    """Most of the work is at the bottom of the hierarchy, moving slowly up over time."""
    weights = (
        0.36 - 0.12 * progress,
        0.30 - 0.04 * progress,
        0.16 + 0.06 * progress,
        0.11 + 0.05 * progress,
        0.07 + 0.05 * progress,
    )
    return rng.choices(_LEVELS, weights=weights)[0]


def _clamp(value: float, low: int, high: int) -> int:
    return max(low, min(high, round(value)))


def _day_weight(day: date) -> float:
    """A working year: few entries at weekends, over Christmas and in August."""
    weight = 1.0 if day.weekday() < 5 else (0.25 if day.weekday() == 5 else 0.3)
    if (day.month == 12 and day.day >= 22) or (day.month == 1 and day.day <= 2):
        weight *= 0.2
    elif day.month == 8:
        weight *= 0.6
    return weight


def _at(day: date, hour: int, minute: int, tz: tzinfo) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=tz)


def _pick_person(
    rng: random.Random, cast: _Cast, who: str, progress: float
) -> tuple[str, str, str]:
    """(name, how the 'who' field describes them, their function for peers)."""
    kind, _, detail = who.partition(":")
    if kind == "report":
        team = cast.team_at(progress)
        fitting = [p for p in team if detail in p.role] or list(team)
        person = rng.choice(fitting)
        return person.name, f"{person.name} ({person.role}, direct report)", ""
    if kind == "peer":
        peers = [p for p in cast.peers if p.role == detail] if detail else list(cast.peers)
        person = rng.choice(peers)
        return person.name, f"{person.name}, head of {person.role}", person.role
    if kind == "manager":
        return cast.manager.name, f"{cast.manager.name}, my manager ({cast.manager.role})", ""
    if kind == "board":
        person = rng.choice(cast.board)
        return person.name, f"{person.name}, board member", ""
    if kind == "skip":
        name = rng.choice(cast.others)
        return name, f"{name}, engineer in one of my teams", ""
    team_name = rng.choice(
        ("my leadership team", "the platform team", "the whole department", "my leads")
    )
    return "the team", team_name, ""


def _context(rng: random.Random, cast: _Cast, progress: float, hour: int) -> dict[str, str]:
    """The slot values shared by every phrase of one entry, so that they agree."""
    project_i = rng.randrange(len(_PROJECTS))
    other_i = (project_i + 1 + rng.randrange(len(_PROJECTS) - 1)) % len(_PROJECTS)
    when = _WHEN_MORNING if hour < 11 else (_WHEN_MIDDAY if hour < 15 else _WHEN_EVENING)
    peer = rng.choice(cast.peers)
    return {
        "name": rng.choice(cast.team_at(progress)).name,
        "project": _PROJECTS[project_i],
        "other": _PROJECTS[other_i],
        "meeting": rng.choice(_MEETINGS),
        "When": rng.choice(when),
        "func": peer.role,
        "nth": rng.choice(_NTH),
        "pct": rng.choice(_PCT),
    }


def _tags(rng: random.Random, specific: tuple[str, ...]) -> tuple[str, ...]:
    count = rng.choices((0, 1, 2, 3), cum_weights=_TAG_COUNT_CUM)[0]
    return tuple(
        rng.choice(specific) if rng.random() < 0.75 else rng.choice(_TAGS_GENERAL)
        for _ in range(count)
    )


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


# --- entries --------------------------------------------------------------------------


def _entry_slots(rng: random.Random, count: int, start: date) -> list[tuple[int, int, int]]:
    """Sorted (day index, hour, minute) for ``count`` entries, first and last pinned to the
    ends of the span so that even a small journal covers all of it."""
    if count == 0:
        return []
    day_cum = list(
        accumulate(_day_weight(start + timedelta(days=i)) for i in range(_SPAN_DAYS + 1))
    )
    days = sorted(rng.choices(range(_SPAN_DAYS + 1), cum_weights=day_cum, k=count))
    if count >= 2:
        days[0], days[-1] = 0, _SPAN_DAYS
    hours = rng.choices(_HOURS, cum_weights=_HOUR_CUM, k=count)
    return sorted((d, h, rng.randrange(60)) for d, h in zip(days, hours, strict=True))


def _conversation(
    rng: random.Random, cast: _Cast, level: Level, progress: float, ctx: dict[str, str]
) -> tuple[str, str, ConversationFields, tuple[str, ...]]:
    scenario = rng.choice(_SCENARIOS_BY_LEVEL[level])
    name, who, func = _pick_person(rng, cast, scenario.who, progress)
    ctx["name"] = name
    if func:
        ctx["func"] = func
    intensity = _clamp(rng.gauss(scenario.intensity - 3.2 * progress, 1.3), 0, 10)
    constructive = rng.random() < 0.15 + 0.65 * progress - 0.04 * (intensity - 5)

    what = rng.choice(scenario.what)
    if rng.random() < 0.6:
        what = f"{what} {rng.choice(scenario.details)}"
    feeling = rng.choice(scenario.feelings)
    if rng.random() < 0.5:
        tail = rng.choice(_FEELING_HIGH if intensity >= 6 else _FEELING_LOW)
        feeling = f"{feeling}. {tail}"
    if constructive:
        response = rng.choice(scenario.constructive)
        tails, impacts = _CONSTRUCTIVE_TAILS, scenario.impact_good
    else:
        response = rng.choice(scenario.reactive)
        tails, impacts = _REACTIVE_TAILS, scenario.impact_bad
    if rng.random() < 0.4:
        response = f"{response} {rng.choice(tails)}"
    fields = ConversationFields(
        who=who,
        what_happened=what.format_map(ctx),
        feeling=feeling.format_map(ctx),
        intensity=intensity,
        my_response=response.format_map(ctx),
        impact=rng.choice(impacts).format_map(ctx),
        try_next=rng.choice(scenario.try_next).format_map(ctx),
    )
    body = rng.choice(_AFTERTHOUGHTS) if rng.random() < 0.25 else ""
    return rng.choice(scenario.titles).format_map(ctx), body, fields, scenario.tags


def _reflection(
    rng: random.Random, level: Level, progress: float, ctx: dict[str, str]
) -> tuple[str, str]:
    count = rng.randint(2, 6)
    intentions = 1 if rng.random() < 0.6 else 0
    insights = _INSIGHTS[level]
    sentences = [
        rng.choice(_OBSERVATIONS[level]),
        *rng.sample(insights, min(len(insights), count - 1 - intentions)),
    ]
    if count > 2 and rng.random() < 0.6 * progress:
        sentences[-1] = rng.choice(_PROGRESS_NOTES)
    sentences += rng.sample(_INTENTIONS, intentions)
    titles = _REFLECTION_TITLES[level] if rng.random() < 0.7 else _GENERIC_TITLES
    return rng.choice(titles).format_map(ctx), " ".join(sentences).format_map(ctx)


def _feedback(
    rng: random.Random, level: Level, progress: float, ctx: dict[str, str]
) -> tuple[str, str, FeedbackFields]:
    roll = rng.random()
    tone = 0 if roll < 0.45 - 0.3 * progress else (2 if roll > 0.8 - 0.45 * progress else 1)
    topic, said, group = rng.choice(_FEEDBACK[level][tone])
    source = rng.choice(_SOURCES[group])
    sentiment = (-2 if rng.random() < 0.3 else -1, 0, 2 if rng.random() < 0.35 else 1)[tone]
    speaker = f"my {source}" if source.startswith("peer") else source
    sentences = [
        f"{_capital(speaker)} {rng.choice(_FEEDBACK_VERBS)} {said}.",
        rng.choice(_FEEDBACK_REACTIONS[tone]),
    ]
    if rng.random() < 0.4:
        sentences.append(rng.choice(_FEEDBACK_FOLLOW_UPS))
    title = f"Feedback from {speaker} {topic}"
    return title, " ".join(sentences).format_map(ctx), FeedbackFields(source, sentiment)


def _coach_notes(rng: random.Random, level: Level, ctx: dict[str, str]) -> tuple[str, str]:
    topic = rng.choice(_COACH_TOPICS[level])
    sentences = rng.sample(_COACH_POINTS[level], rng.randint(1, 3))
    if rng.random() < 0.5:
        sentences.insert(0, rng.choice(_COACH_GENERIC))
    if rng.random() < 0.6:
        sentences.append(rng.choice(_COACH_HOMEWORK))
    if len(sentences) == 1:
        sentences.append(rng.choice(_COACH_HOMEWORK))
    title = rng.choice(
        (
            "Notes from coaching: {t}",
            "Coach call: {t}",
            "After coaching: {t}",
            "Coaching session on {t}",
        )
    ).format(t=topic)
    return title, " ".join(sentences).format_map(ctx)


def _free(rng: random.Random, ctx: dict[str, str]) -> tuple[str, str]:
    sentences = rng.sample(_FREE_SENTENCES, rng.randint(2, 6))
    return rng.choice(_FREE_TITLES).format_map(ctx), " ".join(sentences).format_map(ctx)


def _make_entries(
    rng: random.Random, cast: _Cast, count: int, start: date, tz: tzinfo
) -> tuple[Entry, ...]:
    entries: list[Entry] = []
    for day, hour, minute in _entry_slots(rng, count, start):
        progress = day / _SPAN_DAYS
        kind = rng.choices(_KINDS, cum_weights=_KIND_CUM)[0]
        level = _level_at(rng, progress)
        entry_level: Level | None = level
        ctx = _context(rng, cast, progress, hour)
        conversation = ConversationFields()
        feedback = FeedbackFields()
        specific = _LEVEL_TAGS[level]
        if kind is EntryKind.CONVERSATION:
            title, body, conversation, specific = _conversation(rng, cast, level, progress, ctx)
        elif kind is EntryKind.REFLECTION:
            title, body = _reflection(rng, level, progress, ctx)
        elif kind is EntryKind.FEEDBACK:
            title, body, feedback = _feedback(rng, level, progress, ctx)
            specific = ("feedback", *specific)
        elif kind is EntryKind.COACH_NOTES:
            title, body = _coach_notes(rng, level, ctx)
            specific = ("coaching", *specific)
        else:
            title, body = _free(rng, ctx)
            if rng.random() < 0.4:
                entry_level, specific = None, _TAGS_GENERAL
        entries.append(
            Entry(
                kind=kind,
                occurred_at=_at(start + timedelta(days=day), hour, minute, tz),
                title=title,
                body=body,
                level=entry_level,
                tags=_tags(rng, specific),
                share_with_coach=rng.random() < _SHARE_ODDS[kind],
                conversation=conversation,
                feedback=feedback,
            )
        )
    return tuple(entries)


# --- experiments ----------------------------------------------------------------------


def _experiment_count(entries: int) -> int:
    if entries >= 50:
        return max(6, round(entries / 100))
    return min(6, entries // 8)


def _schedule(
    rng: random.Random, count: int, start: date, today: date
) -> list[tuple[ExperimentStatus, date, date]]:
    """(status, start, due) oldest first: closed ones spread over the span, then 2-3 active
    ones (the oldest of them overdue), then one planned."""
    if count == 0:
        return []
    active = min(3 if count >= 8 else 2, count - 1)
    closed = count - 1 - active
    plan: list[tuple[ExperimentStatus, date, date]] = []
    window = _SPAN_DAYS - 110
    abandoned: set[int] = set()
    if closed >= 3:
        abandoned.update(rng.sample(range(closed), max(1, round(closed * 0.15))))
    for i in range(closed):
        begin = start + timedelta(days=i * window // closed + rng.randint(0, 10))
        status = ExperimentStatus.ABANDONED if i in abandoned else ExperimentStatus.COMPLETED
        plan.append((status, begin, begin + timedelta(days=rng.randint(14, 42))))
    recent = (((35, 50), (21, 28)), ((10, 25), (28, 42)), ((2, 8), (21, 35)))
    for (ago_lo, ago_hi), (len_lo, len_hi) in recent[:active]:
        begin = today - timedelta(days=rng.randint(ago_lo, ago_hi))
        plan.append(
            (ExperimentStatus.ACTIVE, begin, begin + timedelta(days=rng.randint(len_lo, len_hi)))
        )
    begin = today + timedelta(days=rng.randint(3, 10))
    plan.append((ExperimentStatus.PLANNED, begin, begin + timedelta(days=rng.randint(21, 35))))
    return plan


def _attempts(
    rng: random.Random,
    cast: _Cast,
    level: Level,
    first: date,
    last: date,
    progress: float,
    many: int,
    tz: tzinfo,
) -> tuple[Attempt, ...]:
    span = (last - first).days
    count = min(many, max(3, span + 1))
    days = sorted(rng.randint(0, span) for _ in range(count))
    attempts = []
    for j, day in enumerate(days):
        along = j / max(1, count - 1)
        yes = 0.2 + 0.35 * along + 0.25 * progress
        no = max(0.05, 0.4 - 0.25 * along - 0.15 * progress)
        roll = rng.random()
        did = DidIt.YES if roll < yes else (DidIt.NO if roll > 1 - no else DidIt.PARTIAL)
        values, cum = _OUTCOMES[did]
        ctx = {
            "name": rng.choice(cast.team_at(progress)).name,
            "project": rng.choice(_PROJECTS),
            "meeting": rng.choice(_MEETINGS),
        }
        attempts.append(
            Attempt(
                experiment_id=0,
                occurred_at=_at(
                    first + timedelta(days=day), rng.randint(8, 19), rng.randrange(60), tz
                ),
                did_it=did,
                outcome=rng.choices(values, cum_weights=cum)[0],
                situation=rng.choice(_SITUATIONS[level]).format_map(ctx),
                note=rng.choice(_ATTEMPT_NOTES[did]).format_map(ctx) if rng.random() < 0.8 else "",
            )
        )
    return tuple(sorted(attempts, key=lambda a: a.occurred_at))


def _make_experiments(
    rng: random.Random, cast: _Cast, count: int, start: date, today: date, tz: tzinfo
) -> tuple[DemoExperiment, ...]:
    used: dict[tuple[Level, int], int] = {}
    running: set[tuple[Level, int]] = set()
    result = []
    for status, begin, due in _schedule(rng, count, start, today):
        progress = min(1.0, max(0, (begin - start).days) / _SPAN_DAYS)
        while True:
            level = _level_at(rng, progress)
            index = rng.randrange(len(_EXPERIMENTS[level]))
            # A second round of an experiment only makes sense once the first is closed.
            if not (status.is_open and (level, index) in running):
                break
        if status.is_open:
            running.add((level, index))
        template = _EXPERIMENTS[level][index]
        used[level, index] = rounds = used.get((level, index), 0) + 1
        title = template.title if rounds == 1 else f"{template.title} (round {rounds})"
        belief_before = _clamp(10 + rng.random() * 35 + 15 * progress, 10, 60)
        belief_after: int | None = None
        learning = abandon_reason = ""
        last = min(due, today)
        if status is ExperimentStatus.COMPLETED:
            gain = rng.randint(10, 35) if rng.random() < 0.85 else rng.randint(-10, 5)
            belief_after = _clamp(belief_before + gain, 0, 100)
            learning = f"{rng.choice(_LEARNINGS[level])} {rng.choice(_LEARNING_TAILS)}"
        elif status is ExperimentStatus.ABANDONED:
            abandon_reason = rng.choice(_ABANDON_REASONS)
            last = begin + timedelta(days=max(2, (due - begin).days * rng.randint(3, 7) // 10))
        experiment = Experiment(
            title=title,
            level=level,
            trigger=template.trigger,
            old_behaviour=template.old_behaviour,
            new_response=template.new_response,
            prediction=template.prediction,
            success_criteria=template.success_criteria,
            start_date=begin,
            due_date=due,
            status=status,
            belief_before=belief_before,
            belief_after=belief_after,
            learning=learning,
            abandon_reason=abandon_reason,
            ended_on=None if status.is_open else last,
        )
        attempts: tuple[Attempt, ...] = ()
        if status is not ExperimentStatus.PLANNED:
            many = rng.randint(3, 5) if status is ExperimentStatus.ABANDONED else rng.randint(3, 12)
            attempts = _attempts(rng, cast, level, begin, last, progress, many, tz)
        result.append(DemoExperiment(experiment, attempts))
    return tuple(result)


# --- ratings and sessions -------------------------------------------------------------


def _make_checkins(rng: random.Random, start: date, today: date) -> tuple[RatingCheckin, ...]:
    checkins = []
    day = start + timedelta(days=rng.randint(0, 6))
    while day <= today:
        progress = (day - start).days / _SPAN_DAYS
        scores = {
            level: _clamp(low + (high - low) * progress + rng.gauss(0, 0.6), 1, 10)
            for level, (low, high) in _RATING_PATH.items()
        }
        note = rng.choice(_RATING_NOTES) if rng.random() < 0.45 else ""
        checkins.append(RatingCheckin(rated_on=day, scores=scores, note=note))
        day += timedelta(days=14 + rng.randint(-2, 2))
    return tuple(checkins)


#: The latest session lies at least this many days back, so that one of its commitments
#: can already be overdue (due after the session, before today).
_LAST_SESSION_MIN_AGE = 3
#: A commitment forgotten for longer than this was cleaned up (marked done) by now.
_FORGOTTEN_DAYS = 60
#: The latest session's commitment that became an experiment (see :class:`DemoLink`).
_EXPERIMENT_COMMITMENT = "Turn what we found today into a behaviour experiment and try it"


def _make_sessions(
    rng: random.Random, cast: _Cast, start: date, today: date
) -> tuple[CoachSession, ...]:
    sessions = []
    day = start + timedelta(days=rng.randint(2, 10))
    while True:
        if day.weekday() >= 5:
            day += timedelta(days=7 - day.weekday())
        if day > today - timedelta(days=_LAST_SESSION_MIN_AGE):
            break
        progress = (day - start).days / _SPAN_DAYS
        ctx = {
            "name": rng.choice(cast.team_at(progress)).name,
            "project": rng.choice(_PROJECTS),
            "meeting": rng.choice(_MEETINGS),
            "func": rng.choice(cast.peers).role,
        }
        topics = "; ".join(rng.sample(_SESSION_TOPICS, rng.randint(2, 3))).format_map(ctx)
        notes = " ".join(rng.sample(_SESSION_NOTES, rng.randint(2, 4))).format_map(ctx)
        commitments = []
        for text in rng.sample(_COMMITMENTS, rng.randint(1, 3)):
            due = day + timedelta(days=rng.randint(7, 14))
            # Most are done a week after they fall due; the few forgotten ones were
            # cleaned up later, so none lingers for months in "Due and overdue".
            done = due < today - timedelta(days=7) and (
                rng.random() < 0.92 or due < today - timedelta(days=_FORGOTTEN_DAYS)
            )
            commitments.append(Commitment(text.format_map(ctx), due_date=due, done=done))
        sessions.append(
            CoachSession(
                held_on=day, topics=_capital(topics), notes=notes, commitments=tuple(commitments)
            )
        )
        day += timedelta(days=28 + rng.randint(-4, 4))
    if sessions:
        sessions[-1] = _follow_up(rng, sessions[-1], today)
    return tuple(sessions)


def _follow_up(rng: random.Random, session: CoachSession, today: date) -> CoachSession:
    """The latest session shows both ways a commitment is followed up: an action item
    already overdue (its first), and one that became an experiment (its last; linked when
    the journal is stored)."""
    first, *rest = session.commitments
    days_to_yesterday = (today - session.held_on).days - 1
    overdue = replace(
        first,
        due_date=session.held_on + timedelta(days=rng.randint(1, days_to_yesterday)),
        done=False,
    )
    experiment = Commitment(_EXPERIMENT_COMMITMENT, due_date=session.held_on + timedelta(days=14))
    return replace(session, commitments=(overdue, *rest[:1], experiment))


def _link_latest_session(
    sessions: tuple[CoachSession, ...], experiments: tuple[DemoExperiment, ...]
) -> tuple[DemoLink, ...]:
    """Link the latest session's experiment commitment to the open experiment that started
    first on or after that session (else the planned one, else the latest started)."""
    if not sessions or not experiments:
        return ()
    held_on = sessions[-1].held_on
    open_ones = [
        (item.experiment.start_date or held_on, position)
        for position, item in enumerate(experiments)
        if item.experiment.status.is_open
    ]
    if not open_ones:
        return ()
    after = [pair for pair in open_ones if pair[0] >= held_on]
    _start, position = min(after) if after else max(open_ones)
    return (DemoLink(len(sessions) - 1, len(sessions[-1].commitments) - 1, position),)


# --- entry point ----------------------------------------------------------------------


def generate(*, entries: int, seed: int, today: date, tz: tzinfo) -> DemoJournal:
    """A sample journal of ``entries`` entries over the 910 days ending at ``today``.

    Entry times are local working hours in ``tz``; nothing is dated after ``today`` except
    what is by nature in the future (the planned experiment, due dates of open work).

    Raises:
        ValueError: ``entries`` is negative.
    """
    if entries < 0:
        raise ValueError(f"entries must be 0 or more, not {entries}")
    master = random.Random(seed)
    # Separate streams so that the number of entries does not change the ratings and sessions.
    cast_rng, entry_rng, experiment_rng, checkin_rng, session_rng = (
        random.Random(master.getrandbits(64)) for _ in range(5)
    )
    start = today - timedelta(days=_SPAN_DAYS)
    cast = _make_cast(cast_rng)
    made_entries = _make_entries(entry_rng, cast, entries, start, tz)
    experiments = _make_experiments(
        experiment_rng, cast, _experiment_count(entries), start, today, tz
    )
    sessions = _make_sessions(session_rng, cast, start, today)
    return DemoJournal(
        entries=made_entries,
        experiments=experiments,
        checkins=_make_checkins(checkin_rng, start, today),
        sessions=sessions,
        links=_link_latest_session(sessions, experiments),
    )
