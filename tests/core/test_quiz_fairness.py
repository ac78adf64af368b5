"""Fair questions: never the answer in the question, never nested actors together,
never the same options twice in a row, over the bundled packs and generated ones."""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

import msgspec
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefing_app.core.models import Actor, Pack
from briefing_app.core.pack import load_pack, parse_pack
from briefing_app.core.quiz import QuestionKind, Session, build_session, option_set
from briefing_app.core.quiz_fairness import BLANK, mask_mentions, mentions, nested

BRIEFS = Path(__file__).resolve().parents[2] / "briefs"
BUNDLED = sorted(BRIEFS.glob("*/pack.json"))
ALL_KINDS = list(QuestionKind)


def a(id: str, name: str, kind: str = "person", **more: Any) -> Actor:
    return Actor(id=id, name=name, kind=kind, **more)


CHINA = a("china", "China", "state", affiliation="China", aliases=["Beijing", "PRC"])
JAPAN = a("japan", "Japan", "state", affiliation="Japan", aliases=["Tokyo"])
MINISTRY = a("mfa", "Chinese Foreign Ministry", "institution", affiliation="China")
COAST_GUARD = a("ccg", "China Coast Guard", "institution")  # no affiliation: named after it
LEADER = a("takaichi", "Sanae Takaichi", affiliation="Japan", aliases=["Takaichi"])
DIPLOMAT = a("osaka", "Chinese diplomat in Osaka", affiliation="China", aliases=["Osaka diplomat"])


def test_a_state_contains_its_ministry_coast_guard_and_leader() -> None:
    assert nested(CHINA, MINISTRY) and nested(MINISTRY, CHINA)
    assert nested(CHINA, COAST_GUARD)
    assert nested(JAPAN, LEADER)


def test_siblings_and_other_states_are_not_nested() -> None:
    assert not nested(MINISTRY, COAST_GUARD)
    assert not nested(CHINA, JAPAN)
    assert not nested(LEADER, CHINA)
    assert not nested(MINISTRY, JAPAN)


def test_mentions_are_whole_words_of_a_name_or_alias() -> None:
    title = "Inflammatory post by a Chinese diplomat in Osaka"
    assert mentions(title, DIPLOMAT)
    masked = mask_mentions(title, DIPLOMAT)
    assert masked == f"Inflammatory post by a {BLANK}"
    assert not mentions(masked, DIPLOMAT)
    assert mentions("Talks with Beijing resume", CHINA)
    assert not mentions("Chinaware exports", CHINA)
    us = a("us", "United States", "state", aliases=["US"])
    assert not mentions("We use every channel", us)


def pack_json(rng: random.Random) -> dict[str, Any]:
    """A pack with states, their people and bodies, and titles that name actors."""
    states = ["Aland", "Borvia", "Cardia", "Dunmark"][: rng.randint(2, 4)]
    actors: list[dict[str, Any]] = []
    for s in states:
        sid = s.lower()
        actors.append({"id": sid, "name": s, "kind": "state", "affiliation": s})
        actors.append({"id": f"{sid}-fm", "name": f"{s} Foreign Office", "kind": "institution"})
        for n in range(rng.randint(1, 3)):
            actors.append(
                {
                    "id": f"{sid}-p{n}",
                    "name": f"Person {n} of {s}",
                    "affiliation": s,
                    "aliases": [f"P{n}{s[:2]}"],
                }
            )
    ids = [x["id"] for x in actors]
    quotes = [
        {
            "id": f"q{i}",
            "actor": (who := rng.choice(ids)),
            "text": rng.choice(
                ["We stand firm", "I, {n}, will not yield", "Talks with {o}"]
            ).format(n=next(x["name"] for x in actors if x["id"] == who), o=rng.choice(states))
            + f" ({i})",
        }
        for i in range(rng.randint(4, 12))
    ]
    measures = [
        {
            "id": f"m{i}",
            "actor": (who := rng.choice(ids)),
            "title": f"Step {i} by {next(x['name'] for x in actors if x['id'] == who)}"
            f" against {rng.choice(states)}",
        }
        for i in range(rng.randint(3, 10))
    ]
    return {
        "format": "briefing-pack",
        "version": 1,
        "id": "generated",
        "title": "Generated",
        "actors": actors,
        "quotes": quotes,
        "measures": measures,
        "implications": [],
        "sources": [],
    }


def packs() -> list[tuple[str, Pack]]:
    found = [(p.parent.name, load_pack(p)) for p in BUNDLED]
    rng = random.Random(7)
    found += [
        (f"generated-{i}", parse_pack(json.dumps(pack_json(rng)).encode())) for i in range(12)
    ]
    return found


PACKS = packs()


def sessions(pack: Pack) -> list[Session]:
    return [build_session(pack, ALL_KINDS, 200, seed=seed) for seed in range(8)]


@pytest.mark.parametrize(("name", "pack"), PACKS, ids=[n for n, _ in PACKS])
def test_no_question_names_its_answer(name: str, pack: Pack) -> None:
    asked = 0
    for session in sessions(pack):
        for q in session.questions:
            if q.kind is QuestionKind.WHICH_QUOTE:
                continue
            answer = pack.actor(q.correct_option.actor_id)
            assert answer is not None
            assert not mentions(q.subject, answer), f"{q.subject!r} names {answer.name}"
            asked += 1
    assert asked > 0


@pytest.mark.parametrize(("name", "pack"), PACKS, ids=[n for n, _ in PACKS])
def test_no_two_nested_actors_are_offered_together(name: str, pack: Pack) -> None:
    for session in sessions(pack):
        for q in session.questions:
            offered = [pack.actor(o.actor_id) for o in q.options]
            for i, first in enumerate(offered):
                for second in offered[i + 1 :]:
                    assert first is not None and second is not None
                    assert not nested(first, second), f"{first.name} with {second.name}"


@pytest.mark.parametrize(("name", "pack"), PACKS, ids=[n for n, _ in PACKS])
def test_two_questions_in_a_row_never_offer_the_same_options(name: str, pack: Pack) -> None:
    # A short sitting, as people take them: the pack has enough items to avoid
    # twins. (A sitting that asks every item may end on one it could not avoid.)
    for seed in range(8):
        session = build_session(pack, ALL_KINDS, 10, seed=seed)
        for before, after in zip(session.questions, session.questions[1:], strict=False):
            assert option_set(before) != option_set(after), (before.subject, after.subject)


@pytest.mark.parametrize("path", BUNDLED, ids=[p.parent.name for p in BUNDLED])
def test_the_shipped_examples_from_the_issue_are_fair(path: Path) -> None:
    pack = load_pack(path)
    session = build_session(pack, [QuestionKind.WHO_DID], 200, seed=1)
    for q in session.questions:
        names = {o.label for o in q.options}
        # A state never appears with its own ministry or coast guard.
        assert not {"China", "Chinese Foreign Ministry"} <= names
        assert not {"China", "Chinese coast guard"} <= names


@pytest.mark.parametrize(
    "text",
    [
        "Talks with Beijing resume",
        "Chinaware exports",
        "We use every channel",
        "The U.S. and China's coast guard; the Chinese diplomat in Osaka spoke",
        "A post by a ___ in Osaka",
        "",
    ],
)
def test_the_mention_index_names_exactly_the_actors_mentions_finds(text: str) -> None:
    """The index only narrows the search; its answer is ``mentions`` actor by actor."""
    from briefing_app.core.quiz_fairness import MentionIndex

    for path in sorted(BRIEFS.glob("*/pack.json")):
        pack = load_pack(path)
        index = MentionIndex(pack.actors)
        texts = [text, *(q.text for q in pack.quotes), *(m.title for m in pack.measures)]
        for sample in texts:
            expected = {a.id for a in pack.actors if mentions(sample, a)}
            assert index.named_in(sample) == expected, sample


_NAME_CHARS = "abcABC .-'’ßẞİıſKΣσς日本"


@given(
    names=st.lists(st.text(_NAME_CHARS, min_size=1, max_size=8), min_size=1, max_size=6),
    glue=st.lists(st.text(_NAME_CHARS + ",;!?", max_size=5), min_size=1, max_size=6),
)
@settings(max_examples=300, deadline=None)
def test_the_mention_index_agrees_on_odd_names(names: list[str], glue: list[str]) -> None:
    from briefing_app.core.quiz_fairness import MentionIndex

    actors = [
        msgspec.convert({"id": f"a{i}", "name": n if n.strip() else "x"}, Actor)
        for i, n in enumerate(names)
    ]
    text = "".join(g + n for g, n in zip(glue, names, strict=False))
    expected = {a.id for a in actors if mentions(text, a)}
    assert MentionIndex(actors).named_in(text) == expected
