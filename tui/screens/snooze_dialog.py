"""A small dialog that asks until when, and why: for snoozing a person or moving a promise.

``app.push_screen(SnoozeDialog(today, name="Sato Ken"), callback)`` dismisses
with ``(until: date, reason: str)`` or ``None`` on Escape. The date accepts
what a person types: ``2026-12-10``, ``12/10``, ``tomorrow``, ``fri``,
``next week``, ``2w``, ``+10d``, ``next month`` (:mod:`model.capture.dates`).
"""

from __future__ import annotations

from datetime import date

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from model.actions.dates import DateRuleError, check_snooze
from model.capture import DateWordError, parse_due
from model.language.i18n import _
from tui.screens.capture import day_words
from tui.widgets.key_bar import KeyBar
from tui.field_keys import FIELD_KEYS


class SnoozeDialog(ModalScreen[tuple[date, str] | None]):
    """Until when, and the reason. Enter in the reason (or ctrl+s) confirms."""

    CSS_PATH = "snooze_dialog.tcss"

    BINDINGS = [
        Binding("ctrl+s", "confirm", "OK", tooltip="Snooze until that date", id="snooze.confirm"),
        Binding("escape", "cancel", "Cancel", tooltip="Close and change nothing", id="snooze.cancel"),
        *FIELD_KEYS,
    ]

    def __init__(self, today: date, *, name: str, verb: str = "", default: str = "2w",
                 due: date | None = None) -> None:
        super().__init__()
        self.today = today
        self.due = due  # a promise's due date: a snooze may only put it off (model.actions.dates)
        self.who = name
        self.verb = verb or _("Snooze")
        self.default = default

    def compose(self) -> ComposeResult:
        with Vertical(id="snooze-box") as box:
            box.border_title = f"{self.verb}: {self.who}"
            yield Label(_("Until (2026-12-10, 12/10, fri, 2w, next month, eom)"))
            yield Input(value=self.default, id="snooze-until", select_on_focus=True)
            yield Label(_("Reason (why it can wait)"))
            yield Input(placeholder=_("e.g. travelling until December"), id="snooze-reason")
            yield Static(id="snooze-message")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#snooze-until", Input).focus()
        self._show_until()

    @on(Input.Changed, "#snooze-until")
    def _show_until(self) -> None:
        message = self.query_one("#snooze-message", Static)
        try:
            when = check_snooze(parse_due(self.query_one("#snooze-until", Input).value, self.today),
                                self.today, self.due)
        except (DateWordError, DateRuleError) as exc:
            message.update(Content.assemble(("✗ ", "bold $text-error"), (str(exc), "$text-error")))
            return
        message.update(Content(_("until {date}").format(date=day_words(when, self.today))))

    @on(Input.Submitted, "#snooze-until")
    def _to_reason(self) -> None:
        self.query_one("#snooze-reason", Input).focus()

    @on(Input.Submitted, "#snooze-reason")
    def action_confirm(self) -> None:
        until_text = self.query_one("#snooze-until", Input).value
        reason = self.query_one("#snooze-reason", Input).value.strip()
        message = self.query_one("#snooze-message", Static)
        try:
            when = check_snooze(parse_due(until_text, self.today), self.today, self.due)
        except (DateWordError, DateRuleError) as exc:
            message.update(Content.assemble(("✗ ", "bold $text-error"), (str(exc), "$text-error")))
            self.query_one("#snooze-until", Input).focus()
            return
        if not reason:
            message.update(Content.styled("✗ " + _("say why (a reason keeps you honest later)"), "$text-error"))
            self.query_one("#snooze-reason", Input).focus()
            return
        self.dismiss((when, reason))

    def action_cancel(self) -> None:
        self.dismiss(None)
