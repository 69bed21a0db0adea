"""The Kizuna terminal app and the one factory that builds it."""

from __future__ import annotations

from datetime import date

from textual.app import App, ComposeResult
from textual.widgets import Footer, Header, OptionList

from model.names import sort_key
from model.records import TIERS
from model.store import Store


class KizunaApp(App[int]):
    """A small, deep, diverse network."""

    TITLE = "Kizuna"

    def __init__(self, store: Store, today: date, demo: bool = False) -> None:
        super().__init__()
        self.store = store
        self.today = today
        self.sub_title = "demo data" if demo else str(store.path)

    def compose(self) -> ComposeResult:
        yield Header()
        people = sorted(self.store.contacts(), key=lambda c: (TIERS.index(c.tier), sort_key(c)))
        yield OptionList(*(f"{c.tier:<8} {c.name}" for c in people), id="contacts")
        yield Footer()


def make_app(store: Store, *, today: date | None = None, demo: bool = False) -> KizunaApp:
    """Build the app; used by ``kizuna``, the tests and the screenshot script."""
    return KizunaApp(store, today or date.today(), demo=demo)
