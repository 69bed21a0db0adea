"""When the app lets Python's garbage collector look at what it built, and when not.

Python's cyclic collector walks every object it tracks. A full collection
comes after every few thousand objects that survive, and it walks them all:
at 50,000 notes that is the records and indexes (200,000 objects), and after
some scrolling Textual's drawn lines too (each ``Strip`` brings its own small
caches). Walked from the main thread that is a visible stall in the middle of
a keystroke; from a worker it holds the interpreter just as long.

``gc.freeze()`` moves every object alive into a generation the collector never
walks again (they are still freed the usual way when nothing refers to them).
The app freezes

* the app and its first snapshot as they are made, before any window exists
  (``make_app``); at once after a snapshot built whole (another process changed
  the store);
* otherwise after each burst of use, once nothing has been typed or clicked
  for :data:`IDLE_SECONDS`: a collection then costs a few milliseconds, and
  the moment is one where nobody waits.

Full collections are left to those quiet moments: while the app runs, the
collector's own full collections come only rarely (:mod:`tui.interpreter`), so
that one does not land in the middle of a save or a keystroke. Young
collections (short) run as usual.

Frozen objects that later become garbage *in a reference cycle* are never
freed, and widgets are full of cycles. So a freeze happens only when the main
screen is on top, no notification is showing, nothing is running in a worker,
and every screen that was closed has been collected (a ``gc.collect()`` first):
never while a window that will close is alive. (A screen the app keeps installed to
show again, the capture box, is alive on purpose.)
"""

from __future__ import annotations

import gc
import time
import weakref
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from textual.app import App

#: quiet this long (no key, no click) before an idle freeze
IDLE_SECONDS = 1.0
#: a freeze wanted now that is not safe yet is tried again this often, this many times
SOON_SECONDS = 0.1
SOON_TRIES = 30


class Collector:
    """The app's freezes: asked for with :meth:`want`, done by :meth:`tick` or at once."""

    def __init__(self, app: App, is_main: Callable[[], bool]) -> None:
        self.app = app
        self.is_main = is_main  # () -> whether the screen on top is the main screen
        self.wanted = False
        self.last_input = 0.0
        self._screens_seen: weakref.WeakSet = weakref.WeakSet()

    def want(self, *, now: bool = False) -> None:
        """Freeze at the next quiet moment; ``now``: as soon as it is safe, quiet or not
        (at start, and after a whole new snapshot: the big builds)."""
        self.wanted = True
        if now:
            self._soon(SOON_TRIES)

    def _soon(self, tries: int) -> None:
        if not self.try_freeze() and self.wanted and tries > 0:
            self.app.set_timer(SOON_SECONDS, lambda: self._soon(tries - 1), name="freeze-soon")

    def input_seen(self) -> None:
        """A key or a click: what it draws is new, and the quiet moment starts again."""
        self.last_input = time.monotonic()
        self.wanted = True

    def screen_changed(self, screen) -> None:
        self._screens_seen.add(screen)
        self.wanted = True

    def tick(self) -> None:
        """Called once a second: freeze if wanted and nothing has happened for a while."""
        if self.wanted and time.monotonic() - self.last_input >= IDLE_SECONDS:
            self.try_freeze()

    def try_freeze(self) -> bool:
        """Collect and freeze now if it is safe (see the module's docstring)."""
        app = self.app
        if not self.wanted or not app.is_running or not app.screen_stack or not self.is_main():
            return False  # (a timer may fire while the app closes)
        if any(w.is_running for w in app.workers) or app.screen.query("Toast"):
            return False  # a worker may be building; a notification will be removed
        gc.collect()  # the closed screens' cycles, or they would be frozen with the rest
        stack = app.screen_stack
        if any(s not in stack and not app.is_screen_installed(s) for s in self._screens_seen):
            # A closed screen is still referred to (Textual finishes removing a closed
            # screen a moment later; it keeps the last finished worker, and so its
            # screen, until that thread runs another): freezing now would keep it
            # for ever. The next tick tries again.
            return False
        self.wanted = False
        gc.freeze()
        return True
