"""The talk's rules: stepping through faces, blackouts, jumps and clocks (fake clock)."""

from __future__ import annotations

import pytest

from briefing_app.core.cards import Card, Category, Detail, Face
from briefing_app.core.talk import BACK, FRONT, ScreenState, Talk


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def card(n: int) -> Card:
    return Card(
        id=f"c{n}",
        category=Category.QUOTE,
        front=Face(f"Quote {n}"),
        back=Face(
            f"Speaker {n}", "Role", (Detail("Context", f"ctx {n}"), Detail("Date", "2025-11-07"))
        ),
    )


def talk(n: int = 5, start: int = 0) -> tuple[Talk, FakeClock]:
    clock = FakeClock()
    return Talk([card(i) for i in range(1, n + 1)], start, clock=clock), clock


def shown(t: Talk) -> tuple[str, str]:
    assert t.current is not None
    return t.current.id, t.face


def test_starts_on_the_front_of_the_start_card() -> None:
    t, _ = talk(start=2)
    assert shown(t) == ("c3", FRONT)
    assert t.screen is ScreenState.NORMAL
    assert t.position_text() == "3 / 5"
    assert t.next_card is not None and t.next_card.id == "c4"


def test_start_index_is_clamped() -> None:
    assert talk(start=99)[0].index == 4
    assert talk(start=-3)[0].index == 0


def test_flip_or_next_shows_the_back_then_the_next_front() -> None:
    t, _ = talk(3)
    steps = []
    for _ in range(6):
        t.flip_or_next()
        steps.append(shown(t))
    assert steps == [
        ("c1", BACK),
        ("c2", FRONT),
        ("c2", BACK),
        ("c3", FRONT),
        ("c3", BACK),
        ("c3", BACK),
    ]
    assert t.at_end


def test_step_back_undoes_flip_or_next() -> None:
    t, _ = talk(3, start=2)
    t.step_back()
    assert shown(t) == ("c2", BACK)
    t.step_back()
    assert shown(t) == ("c2", FRONT)
    t.step_back()
    t.step_back()
    assert shown(t) == ("c1", FRONT)
    assert t.step_back() is False


def test_next_and_previous_move_whole_cards_to_the_front() -> None:
    t, _ = talk(3)
    t.flip()
    assert t.next() is True
    assert shown(t) == ("c2", FRONT)
    t.flip()
    assert t.previous() is True
    assert shown(t) == ("c1", FRONT)
    assert t.previous() is False
    t.last()
    assert t.next() is False
    assert shown(t) == ("c3", FRONT)


def test_blackout_and_whiteout_toggle_and_replace_each_other() -> None:
    t, _ = talk()
    t.toggle_black()
    assert t.screen is ScreenState.BLACK
    t.toggle_white()
    assert t.screen is ScreenState.WHITE
    t.toggle_white()
    assert t.screen is ScreenState.NORMAL
    t.toggle_black()
    t.toggle_black()
    assert t.screen is ScreenState.NORMAL


def test_a_step_while_blanked_only_brings_the_card_back() -> None:
    t, _ = talk()
    t.toggle_black()
    assert t.flip_or_next() is False
    assert shown(t) == ("c1", FRONT)
    assert t.screen is ScreenState.NORMAL
    t.toggle_white()
    t.next()
    assert shown(t) == ("c1", FRONT)
    assert t.screen is ScreenState.NORMAL


def test_a_jump_lifts_a_blackout() -> None:
    t, _ = talk()
    t.toggle_black()
    t.type_digit(4)
    assert t.commit_jump() is True
    assert shown(t) == ("c4", FRONT)
    assert t.screen is ScreenState.NORMAL


def test_g_then_digits_then_enter_jumps_one_based() -> None:
    t, _ = talk(12)
    t.flip()
    t.start_jump()
    assert t.jump_buffer == ""
    t.type_digit("1")
    t.type_digit("1")
    assert t.jump_buffer == "11"
    assert t.commit_jump() is True
    assert shown(t) == ("c11", FRONT)
    assert t.jump_buffer is None


def test_digits_alone_start_a_jump_and_backspace_erases() -> None:
    t, _ = talk(12)
    t.type_digit(1)
    t.type_digit(2)
    t.erase_digit()
    t.type_digit(0)
    assert t.jump_buffer == "10"
    t.commit_jump()
    assert t.index == 9


@pytest.mark.parametrize("number", ["0", "6", "999999"])
def test_out_of_range_jumps_are_refused_with_a_message(number: str) -> None:
    t, _ = talk(5, start=1)
    for d in number:
        t.type_digit(d)
    assert t.commit_jump() is False
    assert t.index == 1
    assert "cards are 1\u20135" in t.message
    t.flip_or_next()
    assert t.message == ""


def test_enter_with_nothing_typed_does_nothing() -> None:
    t, _ = talk()
    t.start_jump()
    assert t.commit_jump() is False
    assert t.commit_jump() is False
    assert t.index == 0 and t.message == ""


def test_cancel_jump_and_moving_forget_typed_digits() -> None:
    t, _ = talk()
    t.type_digit(3)
    assert t.cancel_jump() is True
    assert t.cancel_jump() is False
    t.type_digit(3)
    t.flip_or_next()
    assert t.jump_buffer is None


def test_type_digit_refuses_non_digits() -> None:
    t, _ = talk()
    with pytest.raises(ValueError):
        t.type_digit("x")
    with pytest.raises(ValueError):
        t.type_digit(12)


def test_jump_buffer_is_bounded() -> None:
    t, _ = talk()
    for _ in range(20):
        t.type_digit(9)
    assert t.jump_buffer is not None and len(t.jump_buffer) <= 6


def test_clocks_count_the_talk_and_the_card_but_not_flips() -> None:
    t, clock = talk()
    clock.now += 30
    t.flip()
    clock.now += 15
    assert t.elapsed() == 45
    assert t.time_on_card() == 45
    t.flip_or_next()
    clock.now += 5
    assert t.elapsed() == 50
    assert t.time_on_card() == 5
    t.go_to(1, BACK)  # same card: the card timer keeps running
    assert t.time_on_card() == 5
    t.restart_clock()
    assert t.elapsed() == 0 and t.time_on_card() == 0


def test_the_hidden_face_is_the_one_the_room_does_not_see() -> None:
    t = Talk([card(0), card(1)], clock=FakeClock())
    c = t.current
    assert c is not None
    assert t.hidden_face(c) is c.back
    t.flip_or_next()
    assert t.hidden_face(c) is c.front


def test_no_cards_is_harmless() -> None:
    t = Talk([], clock=FakeClock())
    assert t.current is None and t.next_card is None
    assert t.position_text() == "0 / 0"
    assert t.flip_or_next() is False
    assert t.step_back() is False
    assert t.next() is False and t.previous() is False
    t.type_digit(1)
    assert t.commit_jump() is False
    assert t.message
    assert t.at_end
