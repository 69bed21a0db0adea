"""A tiny app that opens one of the flow screens, for the flow tests (D2).

The flows are also driven through the real app (``make_app``) in each test
file; this harness lets a test open a screen directly with a known ``today``
and read what it dismissed with.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from textual.app import App
from textual.screen import Screen

from app_helpers import SIZE, TODAY, settle  # noqa: F401 (the flow tests import them from here)
from model.demo import build_demo
from model.store import Store

_UNSET = object()


class FlowApp(App[None]):
    """Pushes ``make()`` at start; keeps what the screen dismissed with in ``result``."""

    def __init__(self, make: Callable[[], Screen]) -> None:
        super().__init__()
        self.make = make
        self.result: object = _UNSET

    def on_mount(self) -> None:
        self.push_screen(self.make(), self._done)

    def _done(self, result: object) -> None:
        self.result = result

    @property
    def dismissed(self) -> bool:
        return self.result is not _UNSET


def demo_store(folder: Path, today: date = TODAY) -> Store:
    """A real store file in ``folder`` filled with the demo data as of ``today``."""
    store = Store(folder / "kizuna.json")
    build_demo(store, today)
    return store


def reopen(store: Store) -> Store:
    """The same file read fresh from disk: proves a change was written, not just held."""
    return Store(store.path)

