"""Keys typed ahead of a screen (a mixin of :class:`tui.app.KizunaApp`).

Textual hands a key to the focused widget of the screen on top. A screen just pushed
has no focus until it is built, so ``n`` and a line typed in one burst lost the line
(or its letters acted on the screen below). The app holds the keys that arrive
meanwhile and replays them, in order, once the screen has handled its first messages
(built, mounted, focused); a key that opens a screen runs as soon as it arrives.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from textual import events
from textual.binding import Binding

from tui.opening import OPENS

if TYPE_CHECKING:
    from textual.app import App

    _App = App[int]
else:
    _App = object

#: the longest keys wait for a screen that asked for them to be held (see TypeAhead.hold_keys)
HOLD_SECONDS = 1.0


class TypeAhead(_App):
    """Holding and replaying keys (it needs the app's ``keymap``)."""

    keymap: dict[str, str]
    _held_keys: list[events.Event] | None = None  # keys waiting for a screen (hold_keys)
    _hold_round = 0

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, (events.Key, events.Paste)) and not event.is_forwarded:
            if self._held_keys is not None:
                self._held_keys.append(event)
                return
            if isinstance(event, events.Key) and await self._opens_a_screen(event):
                return
        await super().on_event(event)

    async def _opens_a_screen(self, event: events.Key) -> bool:
        """Run a key that opens a screen (``n``, ``r``, ...) as soon as it arrives.

        Textual looks an app's key up only after it has been to the focused widget and
        back, while the keys typed after it go on to that widget: ``n`` and a line in one
        burst left the line on the main screen. A key typed into a text field stays text.
        """
        from textual.screen import ModalScreen
        from textual.widgets import Input

        screen = self.screen
        # TextArea's module only once a screen with one has loaded it: importing it here
        # cost the app's first keystroke ~12 ms (no widget is a TextArea before then)
        text_area = sys.modules.get("textual.widgets._text_area")
        fields = (Input, text_area.TextArea) if text_area is not None else (Input,)
        if isinstance(screen, ModalScreen) or isinstance(screen.focused, fields):
            return False
        keys = {key.strip() for b in self.BINDINGS if isinstance(b, Binding) and b.action in OPENS
                for key in self.keymap.get(b.id or "", b.key).split(",")}
        if event.key not in keys:  # (most keys: no need to ask every binding of the screen)
            return False
        found = screen.active_bindings.get(event.key)
        if found is None or found.node is not self or found.binding.action not in OPENS or not found.enabled:
            return False
        return await self.run_action(found.binding.action)

    def push_screen(self, screen, callback=None, wait_for_dismiss=False):
        """Push ``screen``; the keys that arrive before it is built and focused wait for it."""
        self.hold_keys()
        result = super().push_screen(screen, callback, wait_for_dismiss=wait_for_dismiss)
        target = self.get_screen(screen) if isinstance(screen, str) else screen
        target.call_later(self.call_later, self.release_keys)
        return result

    def hold_keys(self) -> None:
        """Keep the keys that arrive from now on until :meth:`release_keys` (or a second)."""
        if self._held_keys is None:
            self._held_keys = []
            self._hold_round += 1
            round_ = self._hold_round
            self.set_timer(HOLD_SECONDS, lambda: self._release_stale(round_), name="release-held-keys")

    async def _release_stale(self, round_: int) -> None:
        if round_ == self._hold_round:  # (a screen that never came to take its keys)
            await self.release_keys()

    async def release_keys(self) -> None:
        """Hand the held keys on, in order, to whatever has the focus now."""
        held, self._held_keys = self._held_keys, None
        for event in held or ():
            if self._held_keys is not None:  # a held key opened another screen: it waits too
                self._held_keys.append(event)
            elif not (isinstance(event, events.Key) and await self._opens_a_screen(event)):
                await super().on_event(event)
