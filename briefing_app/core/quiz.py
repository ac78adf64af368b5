"""Who-said-what quizzes: questions, plausible wrong options, sessions.

Pure and seedable: the window, the terminal and the tests all build the same
session from the same pack and seed. Wrong options are chosen to be hard to
rule out (same kind of actor, same side), never to be secretly right, and
never to repeat a name, so a learner cannot win by elimination or lose on a
technicality.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime
from enum import StrEnum
from functools import partial
from itertools import islice
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from .answer_matching import MatchResult, match_typed, name_key, normalize
from .quiz_fairness import MentionIndex, mask_mentions, mentions, nested

if TYPE_CHECKING:
    from .models import Actor, Measure, Pack, Quote

MAX_OPTIONS = 4


class QuestionKind(StrEnum):
    """What a question shows and what it asks for; values match the CLI's ``--kind``."""

    WHO_SAID = "who-said"
    WHO_DID = "who-did"
    WHICH_QUOTE = "which-quote"

    @property
    def label(self) -> str:
        return KIND_LABELS[self]


KIND_LABELS = {
    QuestionKind.WHO_SAID: "Who said this?",
    QuestionKind.WHO_DID: "Who did this?",
    QuestionKind.WHICH_QUOTE: "Which of these did they say?",
}


@runtime_checkable
class ReviewPriority(Protocol):
    """Something that knows which items need practice (the progress store)."""

    def priority(self, pack_id: str, item_id: str) -> float:
        """Higher is asked first: answered wrongly, due for review, or new."""
        ...


@runtime_checkable
class AnswerRecorder(Protocol):
    """Something that keeps quiz answers (the progress store)."""

    def record_answer(
        self, pack_id: str, item_id: str, kind: str, correct: bool, answered_at: datetime
    ) -> None: ...


Priorities = ReviewPriority | Mapping[str, float] | Callable[[str], float]


@dataclass(frozen=True)
class Option:
    """One choice: an actor (``label`` = name, ``detail`` = role) or, for
    which-quote questions, one of the quotes (``label`` = its text)."""

    label: str
    detail: str | None
    actor_id: str
    quote_id: str | None = None

    @property
    def line(self) -> str:
        """``Name — role``, or just the label when there is no role."""
        return f"{self.label} — {self.detail}" if self.detail else self.label


@dataclass(frozen=True)
class Question:
    """One question and everything its feedback shows.

    ``subject`` is what is asked about (a quote's text, a measure's title, an
    actor's name); ``accepted`` lists every actor whose typed name counts.
    """

    kind: QuestionKind
    item_id: str
    prompt: str
    subject: str
    subject_note: str | None
    options: tuple[Option, ...]
    correct: int
    accepted: frozenset[str]
    answer: str
    context: str | None = None
    detail: str | None = None
    date: str | None = None
    source: str | None = None

    @property
    def correct_option(self) -> Option:
        return self.options[self.correct]

    @property
    def accepts_typed(self) -> bool:
        """Which-quote answers are quotes, which nobody can be asked to type."""
        return self.kind is not QuestionKind.WHICH_QUOTE


@dataclass(frozen=True)
class TypedResult:
    """A typed answer, judged: right or not, and what it was taken to mean."""

    correct: bool
    match: MatchResult
    meant: str | None  # the name of the actor the answer was read as


@dataclass
class Session:
    """The questions of one sitting, in order, with the generator that shuffled them."""

    pack_id: str
    questions: tuple[Question, ...]
    seed: int | None = None
    rng: random.Random = field(default_factory=random.Random, repr=False, compare=False)

    def __len__(self) -> int:
        return len(self.questions)

    def retry(self, missed_item_ids: Iterable[str]) -> Session:
        """The same questions for the missed items, reordered and with the options
        reshuffled so the right answer is not remembered by its position."""
        wanted = set(missed_item_ids)
        chosen = [q for q in self.questions if q.item_id in wanted]
        self.rng.shuffle(chosen)
        shuffled = tuple(reshuffled(q, self.rng) for q in chosen)
        return Session(self.pack_id, shuffled, self.seed, self.rng)


def check_choice(question: Question, index: int) -> bool:
    """Whether option ``index`` (0-based) is the right one."""
    return index == question.correct


def check_typed(question: Question, answer: str, pack: Pack) -> TypedResult:
    """Judge a typed name; a tie between actors counts only if all of them are right."""
    match = match_typed(answer, pack.actors)
    if match.candidates and all(c in question.accepted for c in match.candidates):
        return TypedResult(True, match, question.correct_option.label)
    meant = None
    if match.actor_id is not None:
        actor = pack.actor(match.actor_id)
        meant = actor.name if actor else None
    return TypedResult(False, match, meant)


def quiz_unavailable_reason(pack: Pack, kind: QuestionKind) -> str | None:
    """Why this pack cannot give this kind of quiz, in words; None when it can."""
    if kind is QuestionKind.WHO_DID:
        actor_ids, noun, quiz = [m.actor for m in pack.measures], "measures", "who-did-what"
    else:
        actor_ids, noun, quiz = [q.actor for q in pack.quotes], "quotes", "who-said-what"
    if not actor_ids:
        return f"this pack has no {noun}; a {quiz} quiz needs {noun} from at least two actors"
    names = _distinct_names(pack, actor_ids)
    if len(names) < 2:
        who = names[0] if names else "an unknown actor"
        return (
            f"this pack's {noun} come from only one actor ({who}); a {quiz} quiz needs at least two"
        )
    return None


class QuizIndex:
    """Lookups a session needs many times, normalised once per pack (packs may
    hold tens of thousands of quotes)."""

    def __init__(self, pack: Pack) -> None:
        self.pack = pack
        self.quotes = {q.id: q for q in pack.quotes}
        self.measures = {m.id: m for m in pack.measures}
        self.quote_text = {q.id: normalize(q.text) for q in pack.quotes}
        self.said_by: dict[str, set[str]] = {}
        for q in pack.quotes:
            self.said_by.setdefault(self.quote_text[q.id], set()).add(q.actor)
        self.done_by: dict[str, set[str]] = {}
        for m in pack.measures:
            self.done_by.setdefault(normalize(m.title), set()).add(m.actor)
        self.quotes_of: dict[str, list[Quote]] = {}
        for q in pack.quotes:
            self.quotes_of.setdefault(q.actor, []).append(q)
        self.mentions = MentionIndex(pack.actors)


def build_session(
    pack: Pack,
    kinds: Iterable[QuestionKind],
    count: int,
    seed: int | None = None,
    priorities: Priorities | None = None,
) -> Session:
    """Draw up to ``count`` questions without repeating an item.

    Kinds the pack cannot support are skipped. Without ``priorities`` the order
    is random; with them, higher-priority items come first (ties in random order).
    """
    rng = random.Random(seed)
    index = QuizIndex(pack)
    wanted = [k for k in dict.fromkeys(kinds) if quiz_unavailable_reason(pack, k) is None]
    candidates: list[tuple[QuestionKind, str]] = []
    for kind in wanted:
        ids = index.measures if kind is QuestionKind.WHO_DID else index.quotes
        candidates.extend((kind, item_id) for item_id in ids)
    rng.shuffle(candidates)
    if priorities is not None:
        rank = _priority_function(pack.id, priorities)
        candidates.sort(key=lambda c: -rank(c[1]))
    questions: list[Question] = []
    held: list[Question] = []  # questions that would repeat the options just shown
    used: set[str] = set()
    wanted_count = max(count, 0)
    for kind, item_id in candidates:
        if len(questions) >= wanted_count:
            break
        if item_id in used:
            continue
        previous = questions[-1] if questions else None
        question = _unlike(previous, partial(make_question, index, kind, item_id, rng))
        if question is None:
            continue
        used.add(item_id)
        if previous is not None and option_set(question) == option_set(previous):
            held.append(question)
            continue
        questions.append(question)
        _release_held(questions, held, wanted_count)
    for question in held[: max(wanted_count - len(questions), 0)]:
        _insert_apart(questions, question)
    return Session(pack.id, tuple(questions), seed, rng)


def _insert_apart(questions: list[Question], question: Question) -> None:
    """Put ``question`` where neither neighbour offers the same options (else at the end)."""
    mine = option_set(question)
    for at in range(len(questions) + 1):
        before = at == 0 or option_set(questions[at - 1]) != mine
        after = at == len(questions) or option_set(questions[at]) != mine
        if before and after:
            questions.insert(at, question)
            return
    questions.append(question)


def _release_held(questions: list[Question], held: list[Question], count: int) -> None:
    """Ask held-back questions as soon as they no longer follow their twin."""
    while held and len(questions) < count:
        fit = next((q for q in held if option_set(q) != option_set(questions[-1])), None)
        if fit is None:
            return
        held.remove(fit)
        questions.append(fit)


def option_set(question: Question) -> frozenset[str]:
    """Who (or which quotes) a question offers, ignoring order."""
    return frozenset(o.quote_id or o.actor_id for o in question.options)


def _unlike(
    previous: Question | None, draw: Callable[[], Question | None], tries: int = 6
) -> Question | None:
    """A fresh draw while it offers the very same options as the question before.

    Two questions in a row showing the same four names let the learner answer
    the second by elimination; a small pack may leave no other choice.
    """
    question = draw()
    for _ in range(tries):
        if question is None or previous is None or option_set(question) != option_set(previous):
            break
        question = draw()
    return question


def make_question(
    index: QuizIndex, kind: QuestionKind, item_id: str, rng: random.Random
) -> Question | None:
    """One question about one item, or None when it would have no wrong option."""
    if kind is QuestionKind.WHO_DID:
        measure = index.measures.get(item_id)
        return _who_did(index, measure, rng) if measure else None
    quote = index.quotes.get(item_id)
    if quote is None:
        return None
    if kind is QuestionKind.WHO_SAID:
        return _who_said(index, quote, rng)
    return _which_quote(index, quote, rng)


def rank_distractors(
    pack: Pack,
    actor: Actor,
    excluded: set[str],
    rng: random.Random,
    subject: str = "",
    named: frozenset[str] | None = None,
) -> Iterator[Actor]:
    """Other actors, most plausible first, one per name, none nested in another.

    Plausible means like the answer: same kind and side, then same kind, then
    same side, then anyone; an actor the question itself names comes last.
    An actor that contains or is contained by the answer (a state and its
    ministry) is never offered, nor two that contain each other. Within a
    tier the order is random. ``named``: the ids the subject names, when the
    caller has them from a ``MentionIndex`` (else found here, actor by actor).
    Lazy: a question takes three, and checking each
    candidate against those already taken must not grow with a pack of thousands.
    """
    taken = {name_key(actor.name) or actor.name.casefold()}
    pool = [a for a in pack.actors if a.id != actor.id and a.id not in excluded]
    rng.shuffle(pool)
    if named is None:
        named = frozenset(a.id for a in pool if subject and mentions(subject, a))
    pool.sort(key=lambda a: (a.id in named, _tier(actor, a)))
    ranked: list[Actor] = []
    for other in pool:
        key = name_key(other.name) or other.name.casefold()
        if key in taken or any(nested(other, a) for a in (actor, *ranked)):
            continue
        taken.add(key)
        ranked.append(other)
        yield other


def _tier(answer: Actor, other: Actor) -> int:
    same_kind = other.kind == answer.kind
    same_side = bool(answer.affiliation) and _same_side(answer, other)
    if same_kind and same_side:
        return 0
    if same_kind:
        return 1
    if same_side:
        return 2
    return 3


def _same_side(a: Actor, b: Actor) -> bool:
    return name_key(a.affiliation or "") == name_key(b.affiliation or "")


def _who_said(index: QuizIndex, quote: Quote, rng: random.Random) -> Question | None:
    pack = index.pack
    actor = pack.actor(quote.actor)
    if actor is None:
        return None
    also = index.said_by[index.quote_text[quote.id]]
    distractors = list(
        islice(
            rank_distractors(
                pack, actor, also, rng, quote.text, index.mentions.named_in(quote.text)
            ),
            MAX_OPTIONS - 1,
        )
    )
    source = pack.source(quote.source)
    return _actor_question(
        QuestionKind.WHO_SAID,
        quote.id,
        KIND_LABELS[QuestionKind.WHO_SAID],
        mask_mentions(quote.text, actor),
        None,
        actor,
        distractors,
        also,
        rng,
        context=quote.context,
        date=quote.date,
        source=_source_text(source.title if source else None, source.publisher if source else None),
    )


def _who_did(index: QuizIndex, measure: Measure, rng: random.Random) -> Question | None:
    pack = index.pack
    actor = pack.actor(measure.actor)
    if actor is None:
        return None
    also = index.done_by[normalize(measure.title)]
    named = index.mentions.named_in(measure.title)
    ranked = rank_distractors(pack, actor, also, rng, measure.title, named)
    distractors = list(islice(ranked, MAX_OPTIONS - 1))
    source = pack.source(measure.source)
    note = " · ".join(p for p in (measure.category, measure.date) if p) or None
    return _actor_question(
        QuestionKind.WHO_DID,
        measure.id,
        KIND_LABELS[QuestionKind.WHO_DID],
        mask_mentions(measure.title, actor),
        note,
        actor,
        distractors,
        also,
        rng,
        detail=measure.detail,
        date=measure.date,
        source=_source_text(source.title if source else None, source.publisher if source else None),
    )


def _actor_question(
    kind: QuestionKind,
    item_id: str,
    prompt: str,
    subject: str,
    note: str | None,
    actor: Actor,
    distractors: list[Actor],
    accepted: set[str],
    rng: random.Random,
    **feedback: str | None,
) -> Question | None:
    if not distractors:
        return None
    right = Option(actor.name, actor.role, actor.id)
    options = [right, *(Option(a.name, a.role, a.id) for a in distractors)]
    rng.shuffle(options)
    return Question(
        kind=kind,
        item_id=item_id,
        prompt=prompt,
        subject=subject,
        subject_note=note,
        options=tuple(options),
        correct=options.index(right),
        accepted=frozenset(accepted | {actor.id}),
        answer=right.line,
        **feedback,
    )


def _which_quote(index: QuizIndex, quote: Quote, rng: random.Random) -> Question | None:
    pack = index.pack
    actor = pack.actor(quote.actor)
    if actor is None:
        return None
    text = index.quote_text
    used_texts = {text[q.id] for q in index.quotes_of.get(actor.id, [])}
    wrong: list[Quote] = []
    silent = {a.id for a in pack.actors if a.id not in index.quotes_of}
    for other in rank_distractors(pack, actor, silent, rng):
        if len(wrong) >= MAX_OPTIONS - 1:
            break
        choices = [q for q in index.quotes_of.get(other.id, []) if text[q.id] not in used_texts]
        if choices:
            pick = _similar_length(choices, len(quote.text), rng)
            used_texts.add(text[pick.id])
            wrong.append(pick)
    if not wrong:
        return None
    right = Option(quote.text, None, actor.id, quote.id)
    options = [right, *(Option(q.text, None, q.actor, q.id) for q in wrong)]
    rng.shuffle(options)
    source = pack.source(quote.source)
    return Question(
        kind=QuestionKind.WHICH_QUOTE,
        item_id=quote.id,
        prompt=f"Which of these did {actor.name} say?",
        subject=actor.name,
        subject_note=actor.role,
        options=tuple(options),
        correct=options.index(right),
        accepted=frozenset({actor.id}),
        answer=f"“{quote.text}”",
        context=quote.context,
        date=quote.date,
        source=_source_text(source.title if source else None, source.publisher if source else None),
    )


def _similar_length(choices: list[Quote], length: int, rng: random.Random) -> Quote:
    """One of the two quotes closest in length, so the right one does not stand out."""
    nearest = sorted(choices, key=lambda q: abs(len(q.text) - length))[:2]
    return rng.choice(nearest)


def reshuffled(question: Question, rng: random.Random) -> Question:
    """The same question with its options in a new order (the right one followed)."""
    options = list(question.options)
    right = options[question.correct]
    rng.shuffle(options)
    return replace(question, options=tuple(options), correct=options.index(right))


def _priority_function(pack_id: str, priorities: Priorities) -> Callable[[str], float]:
    if isinstance(priorities, ReviewPriority):
        store = priorities
        return lambda item_id: store.priority(pack_id, item_id)
    if isinstance(priorities, Mapping):
        table = priorities
        return lambda item_id: float(table.get(item_id, 0.0))
    return priorities


def _distinct_names(pack: Pack, actor_ids: Iterable[str]) -> list[str]:
    """Names of the actors, one per distinct (normalised) name, in first-seen order."""
    names: dict[str, str] = {}
    for actor_id in actor_ids:
        actor = pack.actor(actor_id)
        name = actor.name if actor else actor_id
        names.setdefault(name_key(name) or name.casefold(), name)
    return list(names.values())


def _source_text(title: str | None, publisher: str | None) -> str | None:
    if not title:
        return None
    return f"{title} ({publisher})" if publisher else title
