"""The first-run screen: an empty store, and what to do about it."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Center, Middle
from textual.screen import Screen
from textual.widgets import Header, Static

from tui.widgets.key_bar import KeyBar


def welcome_text(app) -> Text:
    text = Text()
    text.append("Welcome to Kizuna 絆\n\n", "bold")
    text.append("A small, deep, diverse network instead of a big shallow one.\n"
                "Your store is empty. To begin:\n\n")
    steps = [("a", "add a person (name, company, tier, ...)", "action_add_person"),
             ("n", "capture a note: @Tanaka lunch, talked hiring #sales", "action_capture"),
             ("i", "import contacts (vCard, LinkedIn or Google CSV, JSON)", "action_import")]
    for key, words, action in steps:
        if hasattr(app, action):
            text.append(f"  press {key}  ", "bold cyan")
            text.append(words + "\n")
    text.append("\nOr explore first: quit (ctrl+q) and run ", "")
    text.append("kizuna --demo", "bold")
    text.append(" for a disposable copy of demo data.\n")
    text.append("Press ? for every key.", "dim")
    return text


class FirstRunScreen(Screen):
    """Shown while the store has no one in it; leaves as soon as someone is added."""

    DEFAULT_CSS = """
    FirstRunScreen #welcome {
        width: 72; height: auto; border: round $accent; padding: 1 3; background: $surface;
    }
    """

    BINDINGS = [Binding("q", "app.quit", "Quit", id="first_run.quit")]

    def compose(self) -> ComposeResult:
        yield Header()
        with Middle(), Center():
            yield Static(welcome_text(self.app), id="welcome")
        yield KeyBar()
