"""The process-wide interpreter settings Kizuna changes, all here, each put back afterwards.

* A command (``kizuna note``, ``kizuna today``...) runs with the cyclic garbage
  collector paused (:func:`collector_paused`), and so does the app while it builds a
  whole snapshot: tens of thousands of records that hold no reference cycles, which
  the collector would walk again and again while they are built (several times the
  cost of building them).
* The app (:func:`for_the_app`, from its mount to its unmount) hands the interpreter
  between threads every :data:`SWITCH_SECONDS` instead of Python's 5 ms, so the
  screen is not kept waiting by a worker, and leaves full collections to the quiet
  moments :mod:`tui.collector` chooses (its freezes), the collector's third
  threshold raised to :data:`FULL_EVERY`. On exit the frozen objects are handed back
  to the collector.

``model`` never touches these: a library does not change the process it runs in.
The measurements behind the numbers are in bench/NOTES.md.
"""

from __future__ import annotations

import gc
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager

#: how long a thread may keep the interpreter while another waits for it (Python: 5 ms)
SWITCH_SECONDS = 0.001
#: the collector's third threshold while the app runs (Python's default is 10)
FULL_EVERY = 1000


def for_the_app() -> Callable[[], None]:
    """Set the app's settings now; returns what puts the previous ones back."""
    switch = sys.getswitchinterval()
    threshold = gc.get_threshold()
    sys.setswitchinterval(SWITCH_SECONDS)
    gc.set_threshold(threshold[0], threshold[1], FULL_EVERY)

    def restore() -> None:
        sys.setswitchinterval(switch)
        gc.set_threshold(*threshold)
        gc.unfreeze()  # what the app froze is the collector's again once it is gone

    return restore


@contextmanager
def collector_paused(exiting: bool = False, *, freeze: bool = False) -> Iterator[None]:
    """The cyclic collector off for a while (one command; one snapshot built whole), then
    back as it was. Nothing is frozen here unless ``exiting`` (a command whose process ends
    next) or ``freeze`` (the app and its first snapshot, made before any window exists): then
    what it built is frozen, so neither the collections due when the collector is back
    (each walked all of it: ~0.4 s of the app's start) nor the one at exit walk it. The app
    freezes at moments of its own (:mod:`tui.collector`), when no closing window would be
    frozen with the rest."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            if exiting or freeze:
                gc.freeze()
            gc.enable()
