"""One timeline entry in full (Enter on a timeline row): Escape, Enter or ``q`` closes.

``app.push_screen(EntryScreen(text))`` with the entry as the timeline's detail
draws it (a confidential note stays masked unless it was revealed).
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from tui.widgets.key_bar import KeyBar


class EntryScreen(ModalScreen[None]):
    """A note or a promise, every word of it."""

    CSS_PATH = "entry.tcss"
    BINDINGS = [
        Binding("escape,enter,q", "dismiss", "Close", id="entry.close", tooltip="Back to the timeline"),
        Binding("j,down", "scroll('down')", "Down", show=False, id="entry.down"),
        Binding("k,up", "scroll('up')", "Up", show=False, id="entry.up"),
    ]

    def __init__(self, text: Text) -> None:
        super().__init__()
        self.text = text

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="entry-box"):
            yield Static(self.text, id="entry-text")
        yield KeyBar()

    def action_scroll(self, direction: str) -> None:
        box = self.query_one("#entry-box", VerticalScroll)
        box.scroll_down() if direction == "down" else box.scroll_up()
