"""The contact form: add (``a``) or edit (``e``, Enter) every field of a person.

Validation messages appear under the field they are about (from
``ValidationError.field``). Moving someone into a capped tier (deep, active)
asks the planning rules first; when the tier is full the form shows the
planning message and the people who could make room: Enter on one stages
moving them down a tier, and ``ctrl+s`` saves both in one transaction. Nothing
is written before ``ctrl+s``; Escape leaves the store as it was.

A change made to the person in another window meanwhile is taken in, not
thrown away: the fields you did not touch take the new values, your edits stay
on top, and the form names the fields that changed outside (and where both
changed, what the other window wrote); the next ``ctrl+s`` saves.

The form dismisses with the saved person's id, or ``None`` on Escape. Escape
after a change asks first (:class:`~tui.screens.confirm.ConfirmScreen`), so
edits are never thrown away by one key. Writes run in a thread worker through
the app's shared store.

The fields are :mod:`tui.widgets.contact_fields`; the tier check and the staged
moves, :mod:`tui.screens.making_room`; what a save writes, :func:`model.actions.save_contact`.
"""

from __future__ import annotations

import dataclasses
from datetime import date

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList, Select, Static

from model.errors import KizunaError, ValidationError
from model.language.i18n import _, word
from model.language.text import visible
from model.planning.book import Book
from model.records import Contact, new_id, now_stamp
from tui import threads
from tui.book_source import follow_book
from tui.screens.making_room import MakingRoom, lower_tier
from tui.widgets.contact_fields import FIELDS, field_widget, read_field, show_value
from tui.widgets.jk_lists import JKOptionList
from tui.widgets.key_bar import KeyBar
from tui.widgets.reading_input import ReadingInput
from tui.field_keys import FIELD_KEYS


class ContactForm(MakingRoom, ModalScreen[str | None]):
    """Add or edit one person."""

    CSS_PATH = "contact_form.tcss"

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="form.save", priority=True,
                tooltip="Save the person (Enter in a one-line field saves too)"),
        Binding("escape", "cancel", "Cancel", id="form.cancel",
                tooltip="Close without saving (asks first if anything was changed)"),
        *FIELD_KEYS,
        Binding("ctrl+g", "forget", "Forget person", id="form.forget",
                tooltip="Remove this person and what is theirs alone (shows what goes, asks first; u undoes it)"),
    ]

    def __init__(self, store, today: date, contact_id: str | None = None, *, focus: str = "name") -> None:
        super().__init__()
        self._focus = focus  # the field the form opens on (``tier`` to move someone)
        self.store = store
        self.today = today
        self.book: Book = self.app.book  # the snapshot the main screen shows
        self.original: Contact | None = self.book.get_contact(contact_id) if contact_id else None
        self._draft_id = new_id()  # the id a new person will be saved with
        self._init_room()
        self._saving = False
        self._initial: dict | None = None  # the fields as first shown, to tell if anything changed

    # -- layout ----------------------------------------------------------------

    def compose(self) -> ComposeResult:
        c = self.original or Contact(name="x")
        title = (_("Edit {name}").format(name=visible(self.original.name)) if self.original
                 else _("Add a person"))
        with Vertical(id="form"):
            yield Static(Content(title), id="form-title")
            yield Static("", id="form-error")
            with VerticalScroll(id="form-fields"):
                for name, label, kind, extra in FIELDS:
                    value = getattr(c, name) if self.original else None
                    with Horizontal(classes="field", id=f"row-{name}"):
                        yield Label(_(label), classes="field-label")
                        with Vertical(classes="field-body"):
                            yield field_widget(name, kind, extra, value)
                            yield Static("", classes="field-error", id=f"error-{name}")
                            yield Static("", classes="field-outside", id=f"outside-{name}")
                            if kind == "tier":
                                yield Static("", id="tier-message")
                                yield JKOptionList(id="make-room")
            yield Static(_("ctrl+s save · Esc cancel · Tab next field"), id="form-hint")
        yield KeyBar()

    def on_mount(self) -> None:
        follow_book(self)
        self.query_one("#make-room", OptionList).display = False
        for note in self.query(".field-outside"):
            note.display = False
        self.query_one(f"#field-{self._focus}").focus()
        self.query_one(f"#row-{self._focus}").scroll_visible(animate=False)
        self._check_tier()
        self._offer_reading()
        try:
            self._initial = self._read()
        except ValidationError:
            self._initial = None  # a stored value the form cannot read back: any Escape asks

    def changed(self) -> bool:
        """Whether any field differs from what the form first showed (or room is being made)."""
        if self._room:
            return True
        try:
            return self._initial is None or self._read() != self._initial
        except ValidationError:
            return True  # e.g. letters typed into the cadence: an edit, if not a valid one

    def show_book(self, book: Book) -> None:
        """A newer snapshot (a write here or elsewhere): take in an outside change to this
        person, and check the tier against it."""
        self.book = book
        if not self.is_mounted:
            return
        if self.original is not None and not self._saving:
            current = book.get_contact(self.original.id)
            if current is not None and current.updated != self.original.updated:
                self.rebase(current)
        self._check_tier()

    # -- reading the fields ------------------------------------------------------

    def _read(self) -> dict:
        """The fields as Contact values; a ValidationError names a field it cannot read."""
        return {name: self._field(name, kind) for name, _label, kind, _extra in FIELDS}

    def _field(self, name: str, kind: str):
        """One field as a Contact value."""
        return read_field(self.query_one(f"#field-{name}"), name, kind)

    def _set_field(self, name: str, kind: str, value) -> None:
        """Show ``value`` (a Contact value) in a field, as the form first shows one."""
        show_value(self.query_one(f"#field-{name}"), kind, value)

    # -- an outside change -----------------------------------------------------------

    def rebase(self, current: Contact) -> None:
        """Take in ``current`` (the person as another window saved them): fields not edited
        here take its values; edits made here stay on top; the fields changed are named."""
        before = self.original
        assert before is not None
        outside: list[str] = []
        for name, label, kind, _extra in FIELDS:
            old, new = getattr(before, name), getattr(current, name)
            if old == new:
                continue
            outside.append(_(label).lower())
            note = self.query_one(f"#outside-{name}", Static)
            try:
                mine = self._field(name, kind)
            except ValidationError:
                mine = object()  # an edit, if not a valid one
            if mine == old:  # not edited here: take theirs
                with self.prevent(Select.Changed):
                    self._set_field(name, kind, new)
                self._say(note, _("↻ changed in another window"))
            else:
                shown = ", ".join(new) if isinstance(new, tuple) else ("" if new is None else str(new))
                self._say(note, _("↻ the other window wrote: {value} — your edit is kept").format(
                    value=shown or _("(blank)")))
        self.original = current
        if self._initial is not None:
            self._initial = {name: getattr(current, name) for name, *_ in FIELDS}
        if outside:
            general = self.query_one("#form-error", Static)
            general.update(_("↻ {name} was changed in another window ({fields}). "
                             "Your edits are kept on top; ctrl+s saves them.").format(
                name=current.name, fields=_(", ").join(outside)))
            general.display = True

    def _build(self) -> Contact:
        values = self._read()
        if self.original is None:
            return Contact(id=self._draft_id, **values)
        return dataclasses.replace(self.original, updated=now_stamp(), **values)

    # -- errors ------------------------------------------------------------------

    def _clear_errors(self) -> None:
        for error in self.query(".field-error"):
            error.update("")
            error.display = False
        self.query_one("#form-error", Static).display = False

    def show_error(self, exc: KizunaError) -> None:
        """Put the message under its field (or under the title if it names none)."""
        field = getattr(exc, "field", "")
        name = field.split(".", 1)[1] if "." in field else field
        name = name.split("[", 1)[0]
        message = getattr(exc, "message", str(exc))
        errors = self.query(f"#error-{name}") if name else None
        if not errors:
            general = self.query_one("#form-error", Static)
            general.update(f"⚠ {exc}")
            general.display = True
            return
        error = errors.first(Static)
        error.update(f"⚠ {message}")
        error.display = True
        self.query_one(f"#field-{name}").focus()
        self.query_one(f"#row-{name}").scroll_visible()

    # -- the reading, the tier (tui.screens.making_room) ------------------------------

    @on(Input.Changed, "#field-name")
    def _offer_reading(self) -> None:
        """Offer the reading guessed from the name (model.language.readings) in the empty reading field."""
        from model.language.readings import guess

        name = self.query_one("#field-name", Input).value.strip()
        self.query_one("#field-reading", ReadingInput).offer(guess(name))

    @on(Select.Changed, "#field-tier")
    def _tier_changed(self) -> None:
        self._room.clear()  # the moves were to make room in the tier chosen before
        self.query_one("#error-tier", Static).display = False
        self._check_tier()

    @on(OptionList.OptionSelected, "#make-room")
    def _make_room(self, event: OptionList.OptionSelected) -> None:
        """Stage moving someone down a tier: written with the person, on ctrl+s."""
        cid = event.option.id
        if not cid:
            return
        self._room[cid] = lower_tier(self._staged_book(), cid, self._tier())
        if self._check_tier():
            self.query_one("#field-tier").focus()

    # -- saving ------------------------------------------------------------------------

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def action_save(self) -> None:
        if self._saving:
            return
        self._clear_errors()
        try:
            contact = self._build()
        except ValidationError as exc:
            self.show_error(exc)
            return
        if not self._check_tier():
            tier = self._tier()
            book = self._staged_book()
            self.show_error(ValidationError("contact.tier", _(
                "{tier} is full ({count} of {cap}): choose below who moves down, or another tier").format(
                    tier=word("tier", tier), count=book.tier_count(tier), cap=book.cap(tier))))
            room = self.query_one("#make-room", OptionList)
            if room.display:
                room.focus()
                room.highlighted = 0
            return
        self._saving = True
        original = self.original
        today = self.today
        room = dict(self._room)

        def job(store) -> str:
            from model.actions import save_contact

            return save_contact(store, contact, original, today, room)

        def failed(exc: KizunaError) -> None:
            from model.actions import OutsideChange

            self._saving = False
            if isinstance(exc, OutsideChange):
                self.rebase(exc.current)  # nothing written: the user checks and saves again
                return
            self.show_error(exc)

        def done(contact_id: str) -> None:
            self._saving = False
            said = _("Updated {name} ({tier}).") if original else _("Added {name} ({tier}).")
            moved = "".join(_(" Moved {name} to {tier}.").format(name=visible(self.book.contact(cid).name),
                                                                 tier=word("tier", target))
                            for cid, target in room.items() if self.book.get_contact(cid))
            self.app.notify(said.format(name=visible(contact.name), tier=word("tier", contact.tier)) + moved,
                            title=_("Saved"))
            self.dismiss(contact_id)

        store = self.store
        threads.write(self, lambda: job(store), done, failed)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "forget":
            return self.original is not None  # (a person not saved yet has nothing to forget)
        return True

    def action_forget(self) -> None:
        if self.original is not None:
            self.app.forget_person(self.original.id, self)

    def action_cancel(self) -> None:
        """Close without saving; ask first if anything was changed."""
        if not self.changed():
            self.dismiss(None)
            return
        from tui.screens.confirm import ConfirmScreen

        if self.original is not None:
            name = self.original.name
        else:
            typed = self.query_one("#field-name", Input).value.strip()
            name = typed or _("the new person")

        def answered(discard: bool | None) -> None:
            if discard:
                self.dismiss(None)

        self.app.push_screen(ConfirmScreen(_("Discard your changes to {name}?").format(name=name)), answered)
