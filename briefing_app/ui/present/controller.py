"""Presentation mode: owns the talk, the audience view, the presenter console and the keys.

Signals (snake_case, past tense):
    presentation_ended(int)   the talk ended (Esc, or a window was closed); the card index reached
    card_shown(int, str)      the room now sees this card index and face ("front" or "back")

The main window starts a talk over the cards it shows, in its order, so its
category filter, search and shuffle carry over::

    talk = PresentationController(cards=window.visible_cards(), start_index=i, theme=theme)
    talk.presentation_ended.connect(window.return_to_card)
    talk.start()

Both windows share one key handler (an event filter), so a clicker works
whichever of them has the keyboard. The audience goes on the second screen
when there is one; screens plugged in or removed mid-talk move the windows
without restarting. With one screen, Tab switches between the two windows.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable, Collection, Sequence

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QKeyEvent, QMouseEvent, QScreen
from PySide6.QtWidgets import QWidget

from ...core.cards import Card
from ...core.talk import Talk
from ...paint.theme import Theme
from .audience import AUDIENCE_TEXT_SCALE, AudienceView
from .console import PresenterConsole, fill_for

AUDIENCE = "audience"
CONSOLE = "console"
CLOCK_TICK_MS = 250
MESSAGE_MS = 4000

_K = Qt.Key
FORWARD_KEYS = frozenset({_K.Key_PageDown, _K.Key_Right, _K.Key_Space})
BACK_KEYS = frozenset({_K.Key_PageUp, _K.Key_Left})
BLACK_KEYS = frozenset({_K.Key_B, _K.Key_Period})
WHITE_KEYS = frozenset({_K.Key_W, _K.Key_Comma})
ENTER_KEYS = frozenset({_K.Key_Return, _K.Key_Enter})
DIGIT_KEYS = {getattr(_K, f"Key_{d}"): d for d in range(10)}
OUR_KEYS = (
    FORWARD_KEYS
    | BACK_KEYS
    | BLACK_KEYS
    | WHITE_KEYS
    | ENTER_KEYS
    | frozenset(DIGIT_KEYS)
    | frozenset(
        {
            _K.Key_G,
            _K.Key_N,
            _K.Key_O,
            _K.Key_P,
            _K.Key_R,
            _K.Key_S,
            _K.Key_Home,
            _K.Key_End,
            _K.Key_Backspace,
            _K.Key_Escape,
            _K.Key_Tab,
            _K.Key_Backtab,
            _K.Key_F5,
        }
    )
)
_IGNORED_MODIFIERS = Qt.KeyboardModifier.KeypadModifier | Qt.KeyboardModifier.ShiftModifier


class PresentationController(QObject):
    """Runs one talk over ``cards`` (in the order given), starting at ``start_index``."""

    presentation_ended = Signal(int)
    card_shown = Signal(int, str)

    def __init__(
        self,
        cards: Sequence[Card],
        start_index: int,
        theme: Theme,
        parent: QObject | None = None,
        *,
        full_screen: bool = True,
        screens: Callable[[], Sequence[QScreen]] | None = None,
        clock: Callable[[], float] = time.monotonic,
        text_scale: float = AUDIENCE_TEXT_SCALE,
        reduce_motion: bool = False,
    ) -> None:
        super().__init__(parent)
        self._talk = Talk(cards, start_index, clock)
        self._full_screen = full_screen
        self._screens = screens or QGuiApplication.screens
        self._running = False
        self._single = True
        self._front = AUDIENCE
        self._swapped = False
        self._removed: QScreen | None = None
        self._audience_screen: QScreen | None = None
        self._shown: tuple[int, str] | None = None
        self.audience = AudienceView(theme, text_scale, reduce_motion)
        self.console = PresenterConsole(self._talk.cards, theme)
        for watched in (self.audience, self.console, self.console.card_list):
            watched.installEventFilter(self)
        self.audience.closed.connect(self.end)
        self.console.closed.connect(self.end)
        self.console.card_chosen.connect(self.go_to)
        self._tick = QTimer(self)
        self._tick.setInterval(CLOCK_TICK_MS)
        self._tick.timeout.connect(self._update_clocks)
        self._message_timer = QTimer(self)
        self._message_timer.setSingleShot(True)
        self._message_timer.setInterval(MESSAGE_MS)
        self._message_timer.timeout.connect(self._clear_message)
        self._rescreen = QTimer(self)
        self._rescreen.setSingleShot(True)
        self._rescreen.setInterval(0)
        self._rescreen.timeout.connect(self.screens_changed)

    # --- reading -----------------------------------------------------------------

    @property
    def talk(self) -> Talk:
        return self._talk

    @property
    def is_running(self) -> bool:
        return self._running

    @property
    def single_screen(self) -> bool:
        """True when both windows share one screen (Tab switches between them)."""
        return self._single

    @property
    def front_window(self) -> str:
        """With one screen, which window is showing: ``"audience"`` or ``"console"``."""
        return self._front

    @property
    def audience_screen(self) -> QScreen | None:
        return self._audience_screen

    # --- starting and ending --------------------------------------------------------

    def start(self) -> None:
        """Show the windows on their screens and start the clocks."""
        if self._running:
            return
        self._running = True
        self._talk.restart_clock()
        app = QGuiApplication.instance()
        if isinstance(app, QGuiApplication):
            app.screenAdded.connect(self._on_screen_added)
            app.screenRemoved.connect(self._on_screen_removed)
            app.primaryScreenChanged.connect(self._on_screen_added)
        self._place()
        self._sync()
        self._tick.start()

    def end(self) -> None:
        """Close both windows and emit ``presentation_ended`` with the card reached."""
        if not self._running:
            return
        self._running = False
        self._tick.stop()
        self._message_timer.stop()
        self._rescreen.stop()
        app = QGuiApplication.instance()
        if isinstance(app, QGuiApplication):
            for signal, slot in (
                (app.screenAdded, self._on_screen_added),
                (app.screenRemoved, self._on_screen_removed),
                (app.primaryScreenChanged, self._on_screen_added),
            ):
                with contextlib.suppress(RuntimeError, TypeError):
                    signal.disconnect(slot)
        self.audience.close_quietly()
        self.console.close_quietly()
        self.presentation_ended.emit(self._talk.index)

    # --- moving (also used by the console's card list) ----------------------------------

    def go_to(self, index: int) -> None:
        """Show the front of card ``index`` (0-based)."""
        self._talk.go_to(index)
        self._sync()

    def toggle_window(self) -> None:
        """With one screen, show the other window (audience view or console)."""
        if not self._single:
            return
        self._front = CONSOLE if self._front == AUDIENCE else AUDIENCE
        self._place()
        self._sync()

    def swap_screens(self) -> None:
        """With two screens, put the audience view where the console was, and back."""
        if self._single:
            return
        self._swapped = not self._swapped
        self._place()
        self._sync()

    # --- screens ---------------------------------------------------------------------

    def screens_changed(self) -> None:
        """Re-place both windows after a screen was plugged in or removed (no restart)."""
        if not self._running:
            return
        self._place()
        self._sync()
        self._removed = None

    def _on_screen_added(self, _screen: QScreen | None = None) -> None:
        self._rescreen.start()

    def _on_screen_removed(self, screen: QScreen) -> None:
        self._removed = screen
        self._rescreen.start()

    def _choose(self) -> tuple[QScreen | None, QScreen | None]:
        """(audience screen, console screen); the console screen is None with one screen."""
        screens = [s for s in self._screens() if s is not self._removed]
        if not screens:
            return None, None
        primary = QGuiApplication.primaryScreen()
        main = next((i for i, s in enumerate(screens) if s is primary), 0)
        others = [i for i in range(len(screens)) if i != main]
        if not others:
            return screens[main], None
        audience, console = screens[others[0]], screens[main]
        if self._swapped:
            audience, console = console, audience
        return audience, console

    def _place(self) -> None:
        audience_screen, console_screen = self._choose()
        self._audience_screen = audience_screen
        if audience_screen is None:
            return
        self._single = console_screen is None
        if console_screen is None:
            shown, hidden = (
                (self.audience, self.console)
                if self._front == AUDIENCE
                else (self.console, self.audience)
            )
            hidden.hide()
            self._show_on(shown, audience_screen)
            shown.activateWindow()
            if shown is self.console:
                self.console.card_list.setFocus()
            else:
                self.audience.setFocus()
        else:
            self._front = AUDIENCE
            self._show_on(self.audience, audience_screen)
            self._show_on(self.console, console_screen)
            self.console.activateWindow()
            self.console.card_list.setFocus()

    def _show_on(self, window: QWidget, screen: QScreen) -> None:
        geometry = screen.geometry()
        if window.screen() is not screen:
            if window.isFullScreen():
                window.showNormal()
            window.setScreen(screen)
        if window.geometry() != geometry:
            window.setGeometry(geometry)
        if self._full_screen:
            window.showFullScreen()
        else:
            window.show()
        window.raise_()

    def _screen_note(self) -> str:
        if self._single:
            shown = "the console" if self._front == CONSOLE else "the audience view"
            return f"One screen: showing {shown}. Tab switches."
        screen = self._audience_screen
        if screen is None:
            return ""
        size = screen.geometry().size()
        name = screen.name() or "second screen"
        return f"Audience on {name} ({size.width()}\u00d7{size.height()}). S swaps screens."

    # --- keys and the mouse ------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent):
            # Keep application shortcuts from stealing the clicker's keys.
            if self._is_ours(event):
                event.accept()
                return True
        elif kind == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            if self.handle_key(event):
                return True
        elif (
            kind == QEvent.Type.MouseButtonRelease
            and watched is self.audience
            and isinstance(event, QMouseEvent)
        ):
            if event.button() == Qt.MouseButton.LeftButton:
                self._talk.flip_or_next()
            elif event.button() == Qt.MouseButton.RightButton:
                self._talk.step_back()
            else:
                return False
            self._sync()
            return True
        return super().eventFilter(watched, event)

    def _is_ours(self, event: QKeyEvent) -> bool:
        if event.modifiers() & ~_IGNORED_MODIFIERS:
            return False
        if event.key() in ENTER_KEYS and self._talk.jump_buffer is None:
            return False
        return event.key() in OUR_KEYS

    def handle_key(self, event: QKeyEvent) -> bool:
        """Act on a presenter's key; False for keys left to the focused widget."""
        if not self._is_ours(event):
            return False
        key = event.key()
        if key in DIGIT_KEYS:
            self._talk.type_digit(DIGIT_KEYS[key])
        elif key in (_K.Key_Tab, _K.Key_Backtab):
            self.toggle_window()
            return True
        elif key == _K.Key_S:
            self.swap_screens()
            return True
        elif key == _K.Key_O:
            self.show_overview()
            return True
        elif key in (_K.Key_P, _K.Key_R):
            self._clock_key(
                key, shifted=bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
            )
        elif key == _K.Key_N and event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
            self._talk.previous()
        elif key == _K.Key_Escape:
            if not self._talk.cancel_jump():
                self.end()
                return True
        else:
            action = self._talk_action(key)
            if action is not None:
                action()
        # F5 (a clicker's "start" button) is taken and ignored: the talk is running.
        self._sync()
        return True

    def _clock_key(self, key: int, shifted: bool) -> None:
        """P pauses or resumes the talk clock; Shift+R sets it back to zero."""
        if key == _K.Key_P:
            self._talk.toggle_clock()
        elif shifted:
            self._talk.restart_clock()
        self._update_clocks()

    def show_overview(self) -> None:
        """Every card as a thumbnail on the presenter's screen, to jump to by sight."""
        if self._single and self._front != CONSOLE:
            self.toggle_window()
        self.console.overview.open_at(self._talk.index)

    def _talk_action(self, key: int) -> Callable[[], object] | None:
        """What a key does to the talk (move, flip, blank, jump), or None."""
        t = self._talk
        if key == _K.Key_Backspace:
            return t.erase_digit if t.jump_buffer is not None else t.step_back
        groups: tuple[tuple[Collection[int], Callable[[], object]], ...] = (
            ((_K.Key_G,), t.start_jump),
            (ENTER_KEYS, t.commit_jump),
            (FORWARD_KEYS, t.flip_or_next),
            (BACK_KEYS, t.step_back),
            ((_K.Key_N,), t.next),
            ((_K.Key_Home,), t.first),
            ((_K.Key_End,), t.last),
            (BLACK_KEYS, t.toggle_black),
            (WHITE_KEYS, t.toggle_white),
        )
        return next((action for keys, action in groups if key in keys), None)

    # --- showing -----------------------------------------------------------------------

    def _sync(self) -> None:
        t = self._talk
        self.audience.show_card(t.current, t.face, fill_for(t.screen), (t.index, len(t)))
        overlay = ""
        if self._single and self._front == AUDIENCE:
            if t.jump_buffer is not None:
                overlay = f"Go to card {t.jump_buffer}\u2581"
            elif t.message:
                overlay = t.message
        self.audience.set_overlay(overlay)
        self.console.show_talk(t, self._screen_note())
        if t.message:
            self._message_timer.start()
        shown = (t.index, t.face)
        if shown != self._shown and t.current is not None:
            self._shown = shown
            self.card_shown.emit(*shown)

    def _update_clocks(self) -> None:
        talk = self._talk
        self.console.update_clocks(talk.elapsed(), talk.time_on_card(), talk.clock_paused)

    def _clear_message(self) -> None:
        self._talk.clear_message()
        if self._running:
            self._sync()
