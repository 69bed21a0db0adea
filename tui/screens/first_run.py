"""The first-run screen: an empty store, and what to do about it."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Center, Middle
from textual.screen import Screen
from textual.widgets import Header, Static

from model.language.i18n import _
from tui.widgets.key_bar import KeyBar


def welcome_text(app) -> Text:
    text = Text()
    text.append(_("Welcome to Kizuna 絆") + "\n\n", "bold")
    text.append(_("A small, deep, diverse network instead of a big shallow one.") + "\n"
                + _("Your store is empty. To begin:") + "\n\n")
    steps = [("a", _("add a person (name, company, tier, ...)"), "action_add_person"),
             ("n", _("capture a note: @+Tanaka lunch, talked hiring #sales"), "action_capture"),
             ("i", _("import contacts (vCard, LinkedIn or Google CSV, JSON)"), "action_import")]
    for key, words, action in steps:
        if hasattr(app, action):
            text.append("  " + _("press {key}").format(key=key) + "  ", "bold cyan")
            text.append(words + "\n")
    before, _sep, after = _("Or explore first: quit (ctrl+q) and run {command} for a disposable copy of "
                            "demo data.").partition("{command}")
    text.append("\n" + before)
    text.append("kizuna --demo", "bold")
    text.append(after + "\n")
    text.append(_("Press ? for every key."), "dim")
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
