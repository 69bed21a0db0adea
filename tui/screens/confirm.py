"""A yes/no question in a small dialog: ``y`` answers yes, ``n`` or Escape no.

``app.push_screen(ConfirmScreen("Discard your changes to 佐藤 健?"), callback)``
calls back with ``True`` for yes and ``False`` for no. Escape means no, so
pressing it twice from a form never throws work away by accident. ``yes`` and
``no`` say what each answer does (``ConfirmScreen("Mark it broken?", yes="mark
it broken", no="leave it")``).
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from model.language.i18n import N_, _
from tui.widgets.key_bar import KeyBar


class ConfirmScreen(ModalScreen[bool]):
    """Ask one question; dismiss with the answer."""

    CSS_PATH = "confirm.tcss"

    BINDINGS = [
        Binding("y", "answer(True)", "Yes", id="confirm.yes",
                tooltip="Yes: do what the question asks (e.g. discard the form's changes)"),
        Binding("n,escape", "answer(False)", "No", id="confirm.no",
                tooltip="No: back where you were, nothing changed"),
    ]

    #: the keys, as the dialog lists them under the question
    KEYS = N_("y  yes, discard · n  no, keep editing")

    def __init__(self, question: str, *, yes: str | None = None, no: str | None = None) -> None:
        super().__init__()
        self.question = question
        self.keys = _(self.KEYS)
        if yes or no:  # what each answer does, for this question
            self.keys = _("y  yes, {yes} · n  no, {no}").format(yes=yes or _("yes"), no=no or _("no"))

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-box"):
            yield Static(self.question, id="confirm-question", markup=False)
            yield Static(self.keys, id="confirm-keys", markup=False)
        yield KeyBar()

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)
