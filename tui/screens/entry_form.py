"""Correct one timeline entry: a note's people, kind, depth, date, scope, tags and text,
or a promise's text, due date and owner. ``ctrl+s`` saves, Escape closes.

The form is filled from the snapshot; the save goes through
:func:`model.actions.edit.edit_note` / ``edit_promise``, which refuse (and nothing is
saved) if another window or process changed the entry since it was shown.
"""

from __future__ import annotations

import re

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Select, Static, TextArea

from model.errors import KizunaError
from model.language.i18n import N_, _, word
from model.language.names import resolve
from model.records import DEPTHS, KINDS, OWNERS, SCOPES, Interaction, Promise
from tui import threads
from tui.widgets.key_bar import KeyBar
from tui.field_keys import FIELD_KEYS


#: whose a promise is, as the form offers it (stored as ``me`` / ``them``)
OWNER_WORDS = {"me": N_("mine (I promised)"), "them": N_("theirs (they promised)")}


class EntryForm(ModalScreen[object]):
    """Edit a note or a promise; dismiss with the saved record (None when closed)."""

    CSS_PATH = "entry_form.tcss"

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="entry.save", priority=True,
                tooltip="Save the corrected entry"),
        Binding("escape", "cancel", "Cancel", id="entry.cancel", tooltip="Close without saving"),
        *FIELD_KEYS,
    ]

    def __init__(self, entry: Interaction | Promise) -> None:
        super().__init__()
        self.entry = entry
        self._saving = False

    def compose(self) -> ComposeResult:
        book = self.app.book
        e = self.entry
        with Vertical(id="entry-form"):
            if isinstance(e, Promise):
                yield Static(_("Edit the promise"), id="entry-title")
                yield Static("", id="entry-error")
                yield from self._row(_("Text"), Input(e.text, id="entry-text", compact=True))
                yield from self._row(_("Due"), Input(e.due, placeholder="YYYY-MM-DD", id="entry-due", compact=True))
                yield from self._row(_("Whose"), Select([(_(OWNER_WORDS.get(o, o)), o) for o in OWNERS], value=e.owner,
                                                     allow_blank=False, id="entry-owner", compact=True))
            else:
                names = ", ".join(c.name for c in (book.get_contact(i) for i in e.contacts) if c)
                yield Static(_("Edit the note"), id="entry-title")
                yield Static("", id="entry-error")
                yield from self._row(_("People"), Input(names, placeholder=_("names, comma-separated"),
                                                     id="entry-people", compact=True))
                yield from self._row(_("Date"), Input(e.date, placeholder="YYYY-MM-DD", id="entry-date", compact=True))
                yield from self._row(_("Kind"), Select([(word("kind", k), k) for k in KINDS], value=e.kind,
                                                    allow_blank=False, id="entry-kind", compact=True))
                yield from self._row(_("Depth"), Select([(word("depth", d), d) for d in DEPTHS], value=e.depth,
                                                     allow_blank=False, id="entry-depth", compact=True))
                yield from self._row(_("Scope"), Select([(word("scope", s), s) for s in SCOPES], value=e.scope,
                                                     allow_blank=False, id="entry-scope", compact=True))
                yield from self._row(_("Tags"), Input(" ".join("#" + t for t in e.tags), id="entry-tags",
                                                   compact=True))
                yield Label(_("Text"), classes="entry-label")
                yield TextArea(e.text, id="entry-body", soft_wrap=True, show_line_numbers=False)
            yield Static(_("ctrl+s save · Esc cancel · Tab next field"), id="entry-hint")
        yield KeyBar()

    @staticmethod
    def _row(label: str, widget) -> ComposeResult:
        with Horizontal(classes="entry-row"):
            yield Label(label, classes="entry-label")
            yield widget

    def on_mount(self) -> None:
        first = "#entry-text" if isinstance(self.entry, Promise) else "#entry-body"
        self.query_one(first).focus()

    def _changes(self) -> dict:
        if isinstance(self.entry, Promise):
            due = self.query_one("#entry-due", Input).value.strip()
            return {"text": self.query_one("#entry-text", Input).value.strip(), "due": due,
                    "owner": self.query_one("#entry-owner", Select).value}
        book = self.app.book
        names = [n.strip() for n in self.query_one("#entry-people", Input).value.split(",") if n.strip()]
        people = tuple(resolve(book.contacts(), n).id for n in names)
        tags = tuple(dict.fromkeys(t.lstrip("#") for t in
                                   re.split(r"[\s,]+", self.query_one("#entry-tags", Input).value)
                                   if t.lstrip("#")))
        return {"contacts": people, "date": self.query_one("#entry-date", Input).value.strip(),
                "kind": self.query_one("#entry-kind", Select).value,
                "depth": self.query_one("#entry-depth", Select).value,
                "scope": self.query_one("#entry-scope", Select).value, "tags": tags,
                "text": self.query_one("#entry-body", TextArea).text.rstrip()}

    def action_save(self) -> None:
        from model.actions.edit import edit_note, edit_promise

        if self._saving:
            return
        try:
            changes = self._changes()
        except KizunaError as exc:
            self._error(str(exc))
            return
        entry = self.entry
        change = edit_promise if isinstance(entry, Promise) else edit_note
        self._saving = True
        store = self.app.store  # the app's SharedStore
        threads.write(self, lambda: change(store, entry, **changes), self._saved, self._failed)

    def _saved(self, record) -> None:
        self._saving = False
        self.dismiss(record)

    def _failed(self, exc: KizunaError) -> None:
        self._saving = False
        self._error(str(exc))

    def _error(self, message: str) -> None:
        error = self.query_one("#entry-error", Static)
        error.update(message)
        error.display = True

    def action_cancel(self) -> None:
        self.dismiss(None)
