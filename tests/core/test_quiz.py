"""The quiz engine: right answers present, wrong ones plausible, typing forgiven, seeds repeat."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any

import msgspec
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefing_app.core.answer_matching import match_typed, normalize
from briefing_app.core.models import Actor, Pack
from briefing_app.core.pack import load_pack, parse_pack
from briefing_app.core.quiz import (
    AnswerRecorder,
    QuestionKind,
    ReviewPriority,
    build_session,
    check_choice,
    check_typed,
    quiz_unavailable_reason,
)
from briefing_app.core.quiz_fairness import mentions, nested

ALL_KINDS = list(QuestionKind)


def actor(
    id: str, name: str, kind: str = "person", affiliation: str | None = None, **more: Any
) -> dict[str, Any]:
    data: dict[str, Any] = {"id": id, "name": name, "kind": kind, **more}
    if affiliation:
        data["affiliation"] = affiliation
    return data


def make_pack(
    actors: list[dict[str, Any]],
    quotes: list[tuple[str, str, str]],
    measures: list[tuple[str, str, str]] = (),  # type: ignore[assignment]
) -> Pack:
    data = {
        "format": "briefing-pack",
        "version": 1,
        "id": "test-pack",
        "title": "Test pack",
        "sources": [{"id": "src", "title": "The Daily", "publisher": "Press"}],
        "actors": actors,
        "quotes": [
            {
                "id": qid,
                "actor": who,
                "text": text,
                "context": f"context of {qid}",
                "date": "2025-11-10",
                "source": "src",
            }
            for qid, who, text in quotes
        ],
        "measures": [
            {"id": mid, "actor": who, "title": title, "category": "economic", "source": "src"}
            for mid, who, title in measures
        ],
        "implications": [],
    }
    return parse_pack(json.dumps(data).encode())


ACTORS = [
    actor(
        "takaichi",
        "Sanae Takaichi",
        affiliation="Japan",
        aliases=["Takaichi", "PM Takaichi"],
        role="Prime Minister of Japan",
    ),
    actor("motegi", "Toshimitsu Motegi", affiliation="Japan", role="Foreign Minister"),
    actor("koizumi", "Shinjirō Koizumi", affiliation="Japan", role="Defence Minister"),
    actor("pigott", "Tommy Pigott", affiliation="United States", aliases=["Pigott"]),
    actor("glass", "George Glass", affiliation="United States", aliases=["Ambassador Glass"]),
    actor("xue", "Xue Jian", affiliation="China", aliases=["Osaka consul"]),
    actor("mofa-cn", "Chinese Foreign Ministry", kind="institution", affiliation="China"),
    actor("pla", "People's Liberation Army", kind="institution", affiliation="China"),
    actor("china", "China", kind="state", affiliation="China", aliases=["PRC", "Beijing"]),
    actor("japan", "Japan", kind="state", affiliation="Japan", aliases=["Tokyo"]),
    actor("us", "United States", kind="state", affiliation="United States", aliases=["US", "USA"]),
]
QUOTES = [
    ("q-survival", "takaichi", "a survival-threatening situation"),
    ("q-ironclad", "pigott", "ironclad"),
    ("q-unwavering", "glass", "unwavering"),
    ("q-egregious", "mofa-cn", "egregious"),
    ("q-cut", "xue", "cut off that dirty neck"),
    ("q-calm", "motegi", "we will respond calmly"),
    ("q-calm-2", "koizumi", "We will respond calmly!"),  # the same words, said twice
    ("q-peace", "us", "the cornerstone of peace"),
]
MEASURES = [
    ("m-seafood", "china", "Ban on Japanese seafood imports"),
    ("m-travel", "china", "Travel advisory against visiting Japan"),
    ("m-travel-2", "pla", "Travel advisory against visiting Japan"),
    ("m-defence", "us", "Defence guarantees including the Senkakus"),
    ("m-patrol", "japan", "Extra coast guard patrols"),
]


@pytest.fixture
def pack() -> Pack:
    return make_pack(ACTORS, QUOTES, MEASURES)


def tier(answer: dict[str, Any], other: dict[str, Any]) -> int:
    same_kind = answer["kind"] == other["kind"]
    same_side = answer.get("affiliation") == other.get("affiliation")
    return 0 if same_kind and same_side else 1 if same_kind else 2 if same_side else 3


# --- Options ---------------------------------------------------------------


@pytest.mark.parametrize("seed", range(20))
def test_the_right_answer_is_always_an_option(pack: Pack, seed: int) -> None:
    session = build_session(pack, ALL_KINDS, 50, seed=seed)
    assert len(session) > 0
    for q in session.questions:
        assert 2 <= len(q.options) <= 4
        assert check_choice(q, q.correct)
        assert not any(check_choice(q, i) for i in range(len(q.options)) if i != q.correct)
        right = q.correct_option
        if q.kind is QuestionKind.WHICH_QUOTE:
            assert right.quote_id == q.item_id
        elif q.kind is QuestionKind.WHO_SAID:
            assert right.actor_id == pack_item(pack, q.item_id)["actor"]


def _actor(pack: Pack, actor_id: str) -> Actor:
    found = pack.actor(actor_id)
    assert found is not None
    return found


def pack_item(pack: Pack, item_id: str) -> dict[str, Any]:
    for item in (*pack.quotes, *pack.measures):
        if item.id == item_id:
            return msgspec.structs.asdict(item)
    raise KeyError(item_id)


@pytest.mark.parametrize("seed", range(20))
def test_wrong_options_are_plausible_distinct_and_truly_wrong(pack: Pack, seed: int) -> None:
    by_id = {a["id"]: a for a in ACTORS}
    session = build_session(pack, [QuestionKind.WHO_SAID, QuestionKind.WHO_DID], 50, seed=seed)
    for q in session.questions:
        names = [o.label.casefold() for o in q.options]
        assert len(set(names)) == len(names), "two options with the same name"
        answer = by_id[q.correct_option.actor_id]
        wrong = [o for i, o in enumerate(q.options) if i != q.correct]
        # Nobody who also said or did the very same thing is offered as wrong.
        assert not any(o.actor_id in q.accepted for o in wrong)
        # The wrong options start with the most plausible fair one the pack has:
        # not nested in the answer, not named by the question itself.
        right = pack.actor(answer["id"])
        assert right is not None
        fair = [
            a
            for a in ACTORS
            if a["id"] not in q.accepted
            and not nested(right, _actor(pack, a["id"]))
            and not mentions(q.subject, _actor(pack, a["id"]))
        ]
        if fair:
            best = min(tier(answer, a) for a in fair)
            assert min(tier(answer, by_id[o.actor_id]) for o in wrong) == best


def test_wrong_options_prefer_the_same_kind_and_side(pack: Pack) -> None:
    session = build_session(pack, [QuestionKind.WHO_SAID], 50, seed=3)
    q = next(q for q in session.questions if q.item_id == "q-survival")
    wrong = {o.actor_id for i, o in enumerate(q.options) if i != q.correct}
    # Takaichi's fellow Japanese politicians first, then other people.
    assert {"motegi", "koizumi"} <= wrong
    assert all(a in {"motegi", "koizumi", "pigott", "glass", "xue"} for a in wrong)


def test_an_actor_who_said_the_same_words_is_never_a_wrong_option(pack: Pack) -> None:
    for seed in range(30):
        session = build_session(pack, [QuestionKind.WHO_SAID, QuestionKind.WHO_DID], 50, seed=seed)
        for q in session.questions:
            ids = {o.actor_id for o in q.options}
            if q.item_id in ("q-calm", "q-calm-2"):
                assert not {"motegi", "koizumi"} <= ids
                assert q.accepted == {"motegi", "koizumi"}
            if q.item_id in ("m-travel", "m-travel-2"):
                assert not {"china", "pla"} <= ids


def test_no_two_options_share_a_name() -> None:
    actors = [
        actor("a1", "Alex Kim", affiliation="X"),
        actor("a2", "ALEX KIM", affiliation="X"),
        actor("a3", "Álex Kim", affiliation="X"),
        actor("b", "Bo Lee", affiliation="X"),
        actor("c", "Cy Park", affiliation="X"),
    ]
    pack = make_pack(actors, [("q1", "b", "one"), ("q2", "c", "two"), ("q3", "a1", "three")])
    for seed in range(20):
        for q in build_session(pack, [QuestionKind.WHO_SAID], 10, seed=seed).questions:
            keys = [normalize(o.label) for o in q.options]
            assert len(set(keys)) == len(keys)


def test_which_quote_options_come_from_different_actors_with_different_words(pack: Pack) -> None:
    for seed in range(20):
        session = build_session(pack, [QuestionKind.WHICH_QUOTE], 50, seed=seed)
        assert len(session) == len(QUOTES)
        for q in session.questions:
            actors = [o.actor_id for o in q.options]
            texts = [normalize(o.label) for o in q.options]
            assert len(set(actors)) == len(actors)
            assert len(set(texts)) == len(texts)
            assert q.prompt.startswith("Which of these did ")
            assert not q.accepts_typed


# --- Sessions --------------------------------------------------------------


def test_the_same_seed_gives_the_same_session(pack: Pack) -> None:
    a = build_session(pack, ALL_KINDS, 8, seed=42)
    b = build_session(pack, ALL_KINDS, 8, seed=42)
    c = build_session(pack, ALL_KINDS, 8, seed=43)
    assert a.questions == b.questions
    assert a.questions != c.questions
    assert (
        a.retry([q.item_id for q in a.questions[:3]]).questions
        == b.retry([q.item_id for q in b.questions[:3]]).questions
    )


def test_a_session_never_repeats_an_item(pack: Pack) -> None:
    session = build_session(pack, ALL_KINDS, 100, seed=1)
    ids = [q.item_id for q in session.questions]
    assert len(ids) == len(set(ids)) == len(QUOTES) + len(MEASURES)
    assert len(build_session(pack, ALL_KINDS, 4, seed=1)) == 4


def test_priorities_put_wrong_and_due_items_first(pack: Pack) -> None:
    class Store:
        def __init__(self) -> None:
            self.asked: list[tuple[str, str]] = []

        def priority(self, pack_id: str, item_id: str) -> float:
            self.asked.append((pack_id, item_id))
            return {"q-cut": 5.0, "q-ironclad": 3.0}.get(item_id, 1.0)

    store = Store()
    assert isinstance(store, ReviewPriority)
    session = build_session(pack, [QuestionKind.WHO_SAID], 3, seed=9, priorities=store)
    assert [q.item_id for q in session.questions[:2]] == ["q-cut", "q-ironclad"]
    assert store.asked and all(p == "test-pack" for p, _ in store.asked)
    mapping = build_session(pack, [QuestionKind.WHO_SAID], 1, seed=9, priorities={"q-calm": 9})
    assert mapping.questions[0].item_id == "q-calm"


def test_retry_asks_only_the_missed_items_again(pack: Pack) -> None:
    session = build_session(pack, [QuestionKind.WHO_SAID], 8, seed=5)
    missed = [session.questions[1].item_id, session.questions[4].item_id]
    again = session.retry(missed)
    assert sorted(q.item_id for q in again.questions) == sorted(missed)
    first = {q.item_id: q for q in session.questions}
    for q in again.questions:
        assert q.correct_option == first[q.item_id].correct_option
        assert set(q.options) == set(first[q.item_id].options)
    assert len(session.retry([])) == 0


def test_feedback_carries_context_date_and_source(pack: Pack) -> None:
    session = build_session(pack, [QuestionKind.WHO_SAID], 50, seed=2)
    q = next(q for q in session.questions if q.item_id == "q-survival")
    assert q.answer == "Sanae Takaichi — Prime Minister of Japan"
    assert q.context == "context of q-survival"
    assert q.date == "2025-11-10"
    assert q.source == "The Daily (Press)"


def test_an_answer_recorder_is_a_protocol() -> None:
    class Recorder:
        def record_answer(
            self, pack_id: str, item_id: str, kind: str, correct: bool, answered_at: datetime
        ) -> None:
            pass

    assert isinstance(Recorder(), AnswerRecorder)


# --- Availability ----------------------------------------------------------


def test_quotes_from_one_actor_give_no_quiz_and_say_why() -> None:
    pack = make_pack(ACTORS[:3], [("q1", "takaichi", "one"), ("q2", "takaichi", "two")])
    reason = quiz_unavailable_reason(pack, QuestionKind.WHO_SAID)
    assert reason == (
        "this pack's quotes come from only one actor (Sanae Takaichi); "
        "a who-said-what quiz needs at least two"
    )
    assert quiz_unavailable_reason(pack, QuestionKind.WHICH_QUOTE) == reason
    assert "no measures" in (quiz_unavailable_reason(pack, QuestionKind.WHO_DID) or "")
    assert len(build_session(pack, ALL_KINDS, 10, seed=1)) == 0


def test_a_pack_with_no_quotes_says_so() -> None:
    pack = make_pack(ACTORS[:2], [])
    assert "has no quotes" in (quiz_unavailable_reason(pack, QuestionKind.WHO_SAID) or "")


def test_two_speakers_are_enough(pack: Pack) -> None:
    small = make_pack(ACTORS[:2], [("q1", "takaichi", "one"), ("q2", "motegi", "two")])
    assert quiz_unavailable_reason(small, QuestionKind.WHO_SAID) is None
    session = build_session(small, [QuestionKind.WHO_SAID], 5, seed=0)
    assert len(session) == 2
    assert all(len(q.options) == 2 for q in session.questions)


# --- Typed answers ---------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("Sanae Takaichi", "takaichi"),
        ("sanae takaichi", "takaichi"),
        ("  SANAE   TAKAICHI ", "takaichi"),
        ("Takaichi", "takaichi"),  # an alias
        ("pm takaichi", "takaichi"),
        ("Takaïchi", "takaichi"),  # accents ignored
        ("Takaichi.", "takaichi"),  # punctuation ignored
        ("Takiachi", "takaichi"),  # two letters swapped
        ("Takaichu", "takaichi"),  # one wrong letter
        ("Takachi", "takaichi"),  # one missing letter
        ("Shinjiro Koizumi", "koizumi"),  # the pack's accent, not typed
        ("peoples liberation army", "pla"),
        ("U.S.", "us"),
        ("usa", "us"),
        ("beijing", "china"),
        ("Pigot", "pigott"),
    ],
)
def test_typed_answers_forgive_case_accents_punctuation_and_typos(
    pack: Pack, typed: str, expected: str
) -> None:
    assert match_typed(typed, pack.actors).actor_id == expected


@pytest.mark.parametrize("typed", ["", "   ", "?!", "Obama", "UK", "Taka", "Xi"])
def test_typed_answers_that_name_nobody(pack: Pack, typed: str) -> None:
    result = match_typed(typed, pack.actors)
    assert result.actor_id is None
    assert not result.ambiguous


def test_an_answer_equally_close_to_two_actors_is_refused() -> None:
    actors = [actor("jon", "Jon Berg"), actor("jan", "Jan Berg"), actor("x", "Someone Else")]
    pack = make_pack(actors, [("q1", "jon", "one"), ("q2", "x", "two")])
    result = match_typed("Jen Berg", pack.actors)
    assert result.actor_id is None
    assert result.ambiguous_names == ("Jon Berg", "Jan Berg")
    q = next(
        q
        for q in build_session(pack, [QuestionKind.WHO_SAID], 5, seed=0).questions
        if q.item_id == "q1"
    )
    judged = check_typed(q, "Jen Berg", pack)
    assert not judged.correct
    assert judged.match.ambiguous_names == ("Jon Berg", "Jan Berg")
    assert check_typed(q, "jon berg", pack).correct
    assert not check_typed(q, "jan berg", pack).correct
    assert check_typed(q, "jan berg", pack).meant == "Jan Berg"


def test_a_typed_name_of_anyone_who_said_the_same_words_counts(pack: Pack) -> None:
    session = build_session(pack, [QuestionKind.WHO_SAID], 50, seed=0)
    q = next(q for q in session.questions if q.item_id == "q-calm")
    assert check_typed(q, "Motegi", pack).correct is False  # no alias "Motegi": too far
    assert check_typed(q, "Toshimitsu Motegi", pack).correct
    assert check_typed(q, "shinjiro koizumi", pack).correct
    assert not check_typed(q, "Sanae Takaichi", pack).correct


@settings(max_examples=200, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.sampled_from(ACTORS), st.data())
def test_any_single_typo_in_a_long_name_still_matches(
    pack: Pack, who: dict[str, Any], data: st.DataObject
) -> None:
    name = normalize(who["name"])
    if len(name) < 6:
        return
    i = data.draw(st.integers(0, len(name) - 1))
    letter = data.draw(st.sampled_from("abcdefghijklmnopqrstuvwxyz"))
    edit = data.draw(st.sampled_from(["replace", "delete", "insert"]))
    if edit == "replace":
        typo = name[:i] + letter + name[i + 1 :]
    elif edit == "delete":
        typo = name[:i] + name[i + 1 :]
    else:
        typo = name[:i] + letter + name[i:]
    result = match_typed(typo, pack.actors)
    # Either the right actor, or a refusal that names them: never someone else.
    assert result.actor_id == who["id"] or who["name"] in result.ambiguous_names


@settings(max_examples=100, deadline=None)
@given(
    st.lists(st.sampled_from(["Ann", "Bo", "Cy", "Di", "Ed"]), min_size=1, max_size=12),
    st.integers(0, 2**32),
    st.integers(1, 20),
)
def test_random_packs_always_give_valid_sessions(speakers: list[str], seed: int, n: int) -> None:
    actors = [
        actor(s.casefold(), s, affiliation="X" if s < "C" else "Y")
        for s in dict.fromkeys(["Ann", "Bo", "Cy", "Di", "Ed"])
    ]
    quotes = [(f"q{i}", s.casefold(), f"words {i % 4}") for i, s in enumerate(speakers)]
    pack = make_pack(actors, quotes)
    reason = quiz_unavailable_reason(pack, QuestionKind.WHO_SAID)
    session = build_session(pack, ALL_KINDS, n, seed=seed)
    if reason is not None:
        assert len(session) == 0
        return
    assert 0 < len(session) <= n
    for q in session.questions:
        assert q.correct_option.actor_id in q.accepted
        wrong = [o for i, o in enumerate(q.options) if i != q.correct]
        assert wrong
        assert not any(o.actor_id in q.accepted for o in wrong)
        if q.kind is QuestionKind.WHICH_QUOTE:
            texts = [normalize(o.label) for o in q.options]
            assert len(set(texts)) == len(texts)


BUNDLED = Path(__file__).resolve().parents[2] / "briefs" / "us-japan-taiwan-2025"


@pytest.mark.skipif(not BUNDLED.exists(), reason="no bundled pack yet")
def test_the_bundled_pack_has_a_quiz() -> None:
    pack = load_pack(BUNDLED)
    for kind in ALL_KINDS:
        assert quiz_unavailable_reason(pack, kind) is None
    session = build_session(pack, ALL_KINDS, 10, seed=1)
    assert len(session) == 10
    assert match_typed("takaichi", pack.actors).actor_id == "takaichi"


def test_the_progress_store_orders_the_next_session(pack: Pack, tmp_path: Path) -> None:
    from datetime import UTC

    from briefing_app.core.progress import ProgressStore

    now = datetime(2026, 1, 5, 12, 0, tzinfo=UTC)
    with ProgressStore(tmp_path / "progress.sqlite3", clock=lambda: now) as store:
        assert isinstance(store, AnswerRecorder)
        assert isinstance(store, ReviewPriority)
        first = build_session(pack, [QuestionKind.WHO_SAID], 8, seed=1, priorities=store)
        for q in first.questions:
            missed = q.item_id == "q-cut"
            store.record_answer(pack.id, q.item_id, q.kind.value, not missed, now)
        again = build_session(pack, [QuestionKind.WHO_SAID], 3, seed=2, priorities=store)
        assert again.questions[0].item_id == "q-cut"
