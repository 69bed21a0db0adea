"""A yes/no question in a small dialog: ``y`` answers yes, ``n`` or Escape no.

``app.push_screen(ConfirmScreen("Discard your changes to 佐藤 健?"), callback)``
calls back with ``True`` for yes and ``False`` for no. Escape means no, so
pressing it twice from a form never throws work away by accident.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from tui.widgets.key_bar import KeyBar


class ConfirmScreen(ModalScreen[bool]):
    """Ask one question; dismiss with the answer."""

    CSS_PATH = "confirm.tcss"

    BINDINGS = [
        Binding("y", "answer(True)", "Discard", id="confirm.yes",
                tooltip="Yes: throw the changes away and close the form"),
        Binding("n,escape", "answer(False)", "Keep editing", id="confirm.no",
                tooltip="No: back to the form, nothing lost"),
    ]

    #: the keys, as the dialog lists them under the question
    KEYS = "y  yes, discard · n  no, keep editing"

    def __init__(self, question: str) -> None:
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-box"):
            yield Static(self.question, id="confirm-question", markup=False)
            yield Static(self.KEYS, id="confirm-keys")
        yield KeyBar()

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)


class DeleteConfirm(ConfirmScreen):
    """Delete something (a note, a promise, a person)? ``y`` deletes, ``n`` or Escape keeps it."""

    BINDINGS = [
        Binding("y", "answer(True)", "Delete", id="confirm.delete",
                tooltip="Yes: delete it (u undoes it)"),
        Binding("n,escape", "answer(False)", "Keep", id="confirm.keep",
                tooltip="No: keep it, nothing changes"),
    ]
    KEYS = "y  yes, delete (u undoes it) · n  no, keep it"
