"""The state of a talk: which card and face the room sees, blackouts, jumps and clocks.

Pure Python so the presentation windows and the tests share one set of rules,
and the clock is passed in so the timers can be tested without waiting.

A talk steps through faces the way a clicker expects: forward shows the back
of the card, then the front of the next one; back undoes that step. While the
screen is blacked or whited out, a step only brings the picture back, so the
presenter never moves on past a card the room has not seen.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from enum import StrEnum

from .cards import Card, CardFace, Face

FRONT = CardFace.FRONT
BACK = CardFace.BACK
MAX_JUMP_DIGITS = 6


class ScreenState(StrEnum):
    """What the audience screen shows: the card, or a black or white fill."""

    NORMAL = "normal"
    BLACK = "black"
    WHITE = "white"


class Talk:
    """A presentation in progress over ``cards``, in the order given."""

    def __init__(
        self,
        cards: Sequence[Card],
        start_index: int = 0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._cards: tuple[Card, ...] = tuple(cards)
        self._clock = clock
        self._index = self._clamp(start_index)
        self._face = FRONT
        self._screen = ScreenState.NORMAL
        self._jump: str | None = None
        self._message = ""
        self._started = clock()
        self._card_started = self._started
        self._paused_at: float | None = None

    # --- reading -----------------------------------------------------------------

    @property
    def cards(self) -> tuple[Card, ...]:
        return self._cards

    @property
    def index(self) -> int:
        """The current card's position, 0-based (0 when there are no cards)."""
        return self._index

    @property
    def face(self) -> str:
        """``"front"`` or ``"back"``."""
        return self._face

    @property
    def screen(self) -> ScreenState:
        return self._screen

    @property
    def jump_buffer(self) -> str | None:
        """The digits typed for a jump, or None when no jump is being typed."""
        return self._jump

    @property
    def message(self) -> str:
        """A short note for the presenter (a refused jump); cleared by the next action."""
        return self._message

    def clear_message(self) -> None:
        """Forget the presenter's note (the window shows it for a few seconds)."""
        self._message = ""

    @property
    def current(self) -> Card | None:
        return self._cards[self._index] if self._cards else None

    @property
    def next_card(self) -> Card | None:
        """The card after this one, or None at the end."""
        i = self._index + 1
        return self._cards[i] if i < len(self._cards) else None

    @property
    def at_end(self) -> bool:
        """True when no step forward is left: the last card's back, or no cards at all."""
        return not self._cards or (self._index == len(self._cards) - 1 and self._face == BACK)

    def __len__(self) -> int:
        return len(self._cards)

    def position_text(self) -> str:
        """``3 / 12``, 1-based, or ``0 / 0`` with no cards."""
        if not self._cards:
            return "0 / 0"
        return f"{self._index + 1:,} / {len(self._cards):,}"

    def _now(self) -> float:
        """The clock as the timers see it: stopped while the talk clock is paused."""
        return self._paused_at if self._paused_at is not None else self._clock()

    def elapsed(self) -> float:
        """Seconds the talk has run (pauses not counted)."""
        return max(0.0, self._now() - self._started)

    def time_on_card(self) -> float:
        """Seconds on the current card (flipping does not reset it; pauses not counted)."""
        return max(0.0, self._now() - self._card_started)

    @property
    def clock_paused(self) -> bool:
        return self._paused_at is not None

    def toggle_clock(self) -> bool:
        """Pause the talk clock, or resume it where it stopped; True when now paused."""
        if self._paused_at is None:
            self._paused_at = self._clock()
            return True
        stopped = self._clock() - self._paused_at
        self._started += stopped
        self._card_started += stopped
        self._paused_at = None
        return False

    def restart_clock(self) -> None:
        """Start both timers again from zero (when the talk is shown, or on Shift+R)."""
        now = self._clock()
        self._started = now
        self._card_started = now
        if self._paused_at is not None:
            self._paused_at = now

    def hidden_face(self, card: Card) -> Face:
        """The face of ``card`` the room does not see now: the presenter's crib."""
        return card.front if self.face == BACK else card.back

    # --- moving ------------------------------------------------------------------

    def go_to(self, index: int, face: str = FRONT) -> bool:
        """Show card ``index`` (clamped); True if the card or face changed.

        An explicit jump also lifts a blackout: the presenter chose what to show.
        """
        self._message = ""
        self._jump = None
        if not self._cards:
            return False
        index = self._clamp(index)
        self._screen = ScreenState.NORMAL
        changed = index != self._index or face != self._face
        if index != self._index:
            self._card_started = self._now()
        self._index = index
        self._face = CardFace(face)
        return changed

    def next(self) -> bool:
        """The next card's front (no flip); False at the end or when only unblanking."""
        if self._unblank():
            return False
        if self._index + 1 >= len(self._cards):
            return False
        return self.go_to(self._index + 1)

    def previous(self) -> bool:
        """The previous card's front (no flip); False at the start or when only unblanking."""
        if self._unblank():
            return False
        if self._index == 0:
            return False
        return self.go_to(self._index - 1)

    def flip(self) -> bool:
        """Turn the current card over; False when there is nothing to turn."""
        if self._unblank() or not self._cards:
            return False
        self._face = BACK if self._face == FRONT else FRONT
        return True

    def flip_or_next(self) -> bool:
        """One step forward: the back of this card, then the front of the next."""
        if self._unblank() or not self._cards:
            return False
        if self._face == FRONT:
            self._face = BACK
            return True
        return self.next()

    def step_back(self) -> bool:
        """Undo one step: the front of this card, then the back of the previous one."""
        if self._unblank() or not self._cards:
            return False
        if self._face == BACK:
            self._face = FRONT
            return True
        if self._index == 0:
            return False
        return self.go_to(self._index - 1, BACK)

    def first(self) -> bool:
        return self.go_to(0)

    def last(self) -> bool:
        return self.go_to(len(self._cards) - 1)

    # --- jumping -----------------------------------------------------------------

    def start_jump(self) -> None:
        """G: begin typing a card number."""
        self._message = ""
        self._jump = ""

    def type_digit(self, digit: int | str) -> None:
        """A digit key: starts a jump if none is being typed, else adds to it."""
        d = str(digit)
        if len(d) != 1 or not d.isdigit():
            raise ValueError(f"not a digit: {digit!r}")
        self._message = ""
        buffer = self._jump or ""
        if len(buffer) < MAX_JUMP_DIGITS:
            self._jump = buffer + d

    def erase_digit(self) -> None:
        """Backspace while typing a number."""
        if self._jump:
            self._jump = self._jump[:-1]

    def cancel_jump(self) -> bool:
        """Forget the typed number; True if there was one."""
        had = self._jump is not None
        self._jump = None
        return had

    def commit_jump(self) -> bool:
        """Enter: go to the typed card (1-based); out of range is refused with a message."""
        buffer, self._jump = self._jump, None
        if not buffer:
            self._message = ""
            return False
        number = int(buffer)
        if not 1 <= number <= len(self._cards):
            if self._cards:
                self._message = f"No card {number:,}: the cards are 1\u2013{len(self._cards):,}"
            else:
                self._message = "There are no cards to jump to"
            return False
        moved = self.go_to(number - 1)
        return moved

    # --- blanking ----------------------------------------------------------------

    def toggle_black(self) -> None:
        """B: black out the audience screen, or bring the card back."""
        self._message = ""
        black = ScreenState.BLACK
        self._screen = ScreenState.NORMAL if self._screen is black else black

    def toggle_white(self) -> None:
        """W: white out the audience screen, or bring the card back."""
        self._message = ""
        white = ScreenState.WHITE
        self._screen = ScreenState.NORMAL if self._screen is white else white

    # --- internals ---------------------------------------------------------------

    def _unblank(self) -> bool:
        """Lift a blackout instead of moving; True if the screen was blanked."""
        self._message = ""
        self._jump = None
        if self._screen is ScreenState.NORMAL:
            return False
        self._screen = ScreenState.NORMAL
        return True

    def _clamp(self, index: int) -> int:
        if not self._cards:
            return 0
        return max(0, min(index, len(self._cards) - 1))
