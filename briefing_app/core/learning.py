"""Learning steps for one study sitting, as Anki has them.

A card rated Again comes back a few cards later in the same sitting, and keeps
coming back until it is rated Good or Easy; Hard brings it back a little later.
The scheduler (FSRS) still decides the next day's review; this only decides
what the learner sees again before they stop.
"""

from __future__ import annotations

AGAIN = 1
HARD = 2
AGAIN_GAP = 3  # cards shown in between before an Again card returns
HARD_GAP = 6


class LearningSteps:
    """Which cards of this sitting are still being learned, and when each returns."""

    def __init__(self, again_gap: int = AGAIN_GAP, hard_gap: int = HARD_GAP) -> None:
        self.again_gap = again_gap
        self.hard_gap = hard_gap
        self._learning: set[str] = set()
        self._learned: set[str] = set()

    def rated(self, card_id: str, rating: int) -> int | None:
        """Note a rating; how many cards later the card should return, or None."""
        if rating == AGAIN:
            self._learning.add(card_id)
            self._learned.discard(card_id)
            return self.again_gap
        if rating == HARD and card_id in self._learning:
            return self.hard_gap
        self._learning.discard(card_id)
        self._learned.add(card_id)
        return None

    def undo(self, card_id: str) -> None:
        """Forget a card's rating (Ctrl+Z): it is neither learned nor in learning."""
        self._learning.discard(card_id)
        self._learned.discard(card_id)

    @property
    def learned(self) -> int:
        return len(self._learned)

    @property
    def still_learning(self) -> int:
        return len(self._learning)

    def summary(self) -> str:
        """``5 cards learned, 2 to review again`` for the end of the sitting."""
        cards = "card" if self.learned == 1 else "cards"
        return f"{self.learned} {cards} learned, {self.still_learning} to review again"
