"""Export from the app (``x``, or ``export`` in the palette): a format, a file, then ``ctrl+s``.

The same files as ``kizuna export`` (:mod:`model.transfer.export`): everything as
JSON, people as vCard, open promises and follow-ups as iCalendar, this month's
focus as Markdown. Private and confidential notes stay out unless their box is
ticked (confidential includes private, as ``--include-confidential`` does), and the
notice says what was left out. The file is written atomically and privately; the
store is only read. Dismisses with the path written, or ``None``.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Checkbox, Input, Label, Select, Static

from model.errors import KizunaError
from model.language.i18n import N_, _
from model.transfer.export import KINDS, SUFFIXES, WITH_NOTES, export_data, write_export
from tui import threads
from tui.widgets.key_bar import KeyBar
from tui.field_keys import FIELD_KEYS

WHAT = {"json": N_("everything (kizuna import reads it back)"), "vcard": N_("people, for an address book"),
        "ics": N_("open promises and follow-ups, for a calendar"), "markdown": N_("this month's focus and review")}


def default_path(kind: str, today: date) -> str:
    return f"~/kizuna-{today.isoformat()}{SUFFIXES[kind]}"


class ExportDialog(ModalScreen[str | None]):
    """A format and a file name; ctrl+s writes it."""

    CSS_PATH = "export_dialog.tcss"

    BINDINGS = [
        Binding("ctrl+s", "confirm", "Export", id="export.confirm", priority=True,
                tooltip="Write the file (Enter in the file name too)"),
        Binding("escape", "cancel", "Cancel", id="export.cancel", tooltip="Close and write nothing"),
        *FIELD_KEYS,
    ]

    def __init__(self, store, today: date) -> None:
        super().__init__()
        self.store = store
        self.today = today
        self._writing = False

    def compose(self) -> ComposeResult:
        with Vertical(id="export-box") as box:
            box.border_title = _("Export")
            yield Label(_("Format"))
            yield Select([(f"{k} — {_(WHAT[k])}", k) for k in KINDS], value="json", allow_blank=False,
                         id="export-kind")
            yield Label(_("File"))
            yield Input(default_path("json", self.today), id="export-path")
            with Horizontal(id="export-scopes"):
                yield Checkbox(_("include private notes"), id="export-private")
                yield Checkbox(_("include confidential notes"), id="export-secret")
            yield Static("", id="export-message")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#export-path", Input).focus()

    @on(Select.Changed, "#export-kind")
    def _kind_changed(self, event: Select.Changed) -> None:
        path = self.query_one("#export-path", Input)
        if any(path.value == default_path(k, self.today) for k in KINDS):  # not typed by hand
            path.value = default_path(str(event.value), self.today)

    @on(Checkbox.Changed, "#export-secret")
    def _secret_changed(self, event: Checkbox.Changed) -> None:
        private = self.query_one("#export-private", Checkbox)
        if event.value:  # confidential includes private (as on the shell)
            private.value = True
        private.disabled = event.value

    @on(Input.Submitted, "#export-path")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_confirm()

    def action_confirm(self) -> None:
        if self._writing:
            return
        raw = self.query_one("#export-path", Input).value.strip()
        message = self.query_one("#export-message", Static)
        if not raw:
            message.update(Content.styled(_("✗ type the file to write"), "$text-error"))
            return
        kind = str(self.query_one("#export-kind", Select).value)
        secret = self.query_one("#export-secret", Checkbox).value
        private = secret or self.query_one("#export-private", Checkbox).value
        target = Path(raw).expanduser()
        today = self.today
        self._writing = True
        message.update(Content.styled(_("Writing {path} …").format(path=target), "$text-muted"))

        def job(store) -> int:
            data = export_data(store, kind, today, include_confidential=secret, include_private=private)
            write_export(target, data)
            return len(data)

        def done(size: int) -> None:
            self._writing = False
            said = _("Wrote {path} ({kind}, {size:,} bytes).").format(path=target, kind=kind, size=size)
            if kind in WITH_NOTES and not secret:
                said += " " + (_("Confidential notes were left out.") if private
                               else _("Private and confidential notes were left out."))
            self.app.notify(said, title=_("Exported"))
            self.dismiss(str(target))

        def failed(exc: KizunaError) -> None:
            self._writing = False
            message.update(Content.styled(_("✗ nothing written: {error}").format(error=exc), "$text-error"))

        store = self.store
        threads.write(self, lambda: job(store), done, failed)

    def action_cancel(self) -> None:
        self.dismiss(None)
