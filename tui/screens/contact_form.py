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
"""

from __future__ import annotations

import dataclasses
import re
from datetime import date

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Input, Label, OptionList, Select, SelectionList, Static, TextArea
from textual.widgets.option_list import Option

from model.errors import KizunaError, ValidationError
from model.language.i18n import N_, _, stored_generation, word, value as shown_value
from model.planning.book import Book
from model.records import LEVELS, PURPOSES, RELATIONS, STAGES, TIERS, Contact, new_id, now_stamp
from tui import threads
from tui.book_source import follow_book
from model.language.text import clean_field, visible
from tui.widgets.jk_lists import JKOptionList
from tui.widgets.key_bar import KeyBar
from tui.widgets.reading_input import ReadingInput
from tui.field_keys import FIELD_KEYS

#: (field, label, kind, choices or hint). Every field of Contact a person edits; labels and hints
#: are marked with N_ and translated when shown.
FIELDS: tuple[tuple[str, str, str, object], ...] = (
    ("name", N_("Name"), "text", N_("e.g. 佐藤 健 or Ken Sato")),
    ("reading", N_("Reading"), "text", N_("furigana or romaji, used to sort and search: さとう けん")),
    ("company", N_("Company"), "text", ""),
    ("title", N_("Title"), "text", ""),
    ("industry", N_("Industry"), "text", N_("e.g. manufacturing, finance")),
    ("function", N_("Function"), "text", N_("sales, engineering, finance, ...")),
    ("level", N_("Level"), "choice", LEVELS),
    ("generation", N_("Generation"), "generation", N_("20s, 30s, 40s, ...")),
    ("relation", N_("Relation"), "choice", RELATIONS),
    ("tier", N_("Tier"), "tier", TIERS),
    ("purposes", N_("Purposes"), "multi", PURPOSES),
    ("stage", N_("Stage"), "choice", STAGES),
    ("next_step", N_("Next step"), "text", ""),
    ("emails", N_("Emails"), "list", N_("comma-separated")),
    ("phones", N_("Phones"), "list", N_("comma-separated")),
    ("links", N_("Links"), "list", N_("comma-separated (social profiles, site)")),
    ("how_met", N_("How we met"), "text", ""),
    ("tags", N_("Tags"), "tags", N_("#hiring #tokyo (spaces or commas)")),
    ("birthday", N_("Birthday"), "text", N_("YYYY-MM-DD, or --MM-DD without the year")),
    ("cadence_days", N_("Cadence"), "int", N_("days between touches (blank: the default)")),
    ("snoozed_until", N_("Snoozed until"), "date", N_("YYYY-MM-DD (blank: not snoozed)")),
    ("snooze_reason", N_("Snooze reason"), "text", ""),
    ("notes", N_("Notes"), "notes", ""),
)
CAPPED = ("deep", "active")


class OutsideChange(KizunaError):
    """The person was saved in another window since the form read them."""

    def __init__(self, current: Contact) -> None:
        super().__init__(f"{current.name} was changed in another window")
        self.current = current


def lower_tier(book: Book, contact_id: str, tier: str) -> str:
    """Where someone moved out of ``tier`` to make room goes: one tier down, if it has room."""
    if tier == "deep":
        active = book.cap("active")
        if active is None or book.tier_count("active") < active:
            return "active"
    return "network"


class ContactForm(ModalScreen[str | None]):
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
        self._room: dict[str, str] = {}  # make room: contact id -> lower tier, applied on save
        self._staged: tuple[tuple, Book] | None = None  # the book with those moves, cached
        self._draft_id = new_id()  # the id a new person will be saved with
        self._draft_book: tuple[Book, Book] | None = None
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
                            yield self._widget(name, kind, extra, value)
                            yield Static("", classes="field-error", id=f"error-{name}")
                            yield Static("", classes="field-outside", id=f"outside-{name}")
                            if kind == "tier":
                                yield Static("", id="tier-message")
                                yield JKOptionList(id="make-room")
            yield Static(_("ctrl+s save · Esc cancel · Tab next field"), id="form-hint")
        yield KeyBar()

    def _widget(self, name: str, kind: str, extra, value) -> Widget:
        wid = f"field-{name}"
        if kind in ("choice", "tier"):
            options = [(word(name, v), v) for v in extra]  # shown translated, stored as is
            if kind == "tier":
                current = value or "network"
                return Select(options, value=current, allow_blank=False, id=wid, compact=True)
            return Select(options, value=value or Select.NULL, prompt=_("(not set)"), id=wid, compact=True)
        if kind == "multi":
            chosen = set(value or ())
            return SelectionList(*[(word("purpose", p), p, p in chosen) for p in extra], id=wid)
        # what an old store holds is shown without its control characters (saving drops them)
        if kind == "notes":
            return TextArea(clean_field(value or "", multiline=True), id=wid, soft_wrap=True,
                            show_line_numbers=False)
        if kind == "list":
            text = ", ".join(value or ())
        elif kind == "tags":
            text = " ".join("#" + t for t in value or ())
        elif kind in ("int", "date"):
            text = "" if value is None else str(value)
        elif kind == "generation":
            text = shown_value("generation", value or "")  # 40代 in Japanese, stored as 40s
        else:
            text = value or ""
        if name == "reading":
            return ReadingInput(clean_field(text), _(str(extra)), id=wid, compact=True)
        return Input(clean_field(text), placeholder=_(str(extra)) if extra else "", id=wid, compact=True)

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
        widget = self.query_one(f"#field-{name}")
        if kind in ("choice", "tier"):
            value = widget.value
            return "" if value is Select.NULL else value
        if kind == "multi":
            return tuple(widget.selected)
        if kind == "notes":
            return widget.text
        text = widget.value.strip()
        if kind == "list":
            return tuple(v.strip() for v in text.split(",") if v.strip())
        if kind == "tags":
            return tuple(dict.fromkeys(t.lstrip("#") for t in re.split(r"[\s,]+", text) if t.lstrip("#")))
        if kind == "int":
            if not text:
                return None
            if text.isdigit():
                return int(text)
            raise ValidationError(f"contact.{name}", _("{text!r} is not a whole number of days").format(text=text))
        if kind == "date":
            return text or None
        if kind == "generation":
            return stored_generation(text)
        return text

    def _set_field(self, name: str, kind: str, value) -> None:
        """Show ``value`` (a Contact value) in a field, as the form first shows one."""
        widget = self.query_one(f"#field-{name}")
        if kind in ("choice", "tier"):
            widget.value = value or (Select.NULL if kind == "choice" else "network")
        elif kind == "multi":
            widget.deselect_all()
            for v in value or ():
                widget.select(v)
        elif kind == "notes":
            widget.text = value or ""
        elif kind == "list":
            widget.value = ", ".join(value or ())
        elif kind == "tags":
            widget.value = " ".join("#" + t for t in value or ())
        elif kind == "generation":
            widget.value = shown_value("generation", value or "")
        else:
            widget.value = "" if value is None else str(value)

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

    # -- tiers and caps --------------------------------------------------------------

    def _tier(self) -> str:
        return self.query_one("#field-tier", Select).value  # type: ignore[return-value]  # never blank: allow_blank=False

    def _check_tier(self) -> bool:
        """Ask the planning rules about the chosen tier; show why not and who could make room."""
        tier = self._tier()
        message = self.query_one("#tier-message", Static)
        room = self.query_one("#make-room", OptionList)
        old = self.original.tier if self.original else "network"
        if tier not in CAPPED or tier == old:
            self._say(message, "")
            room.display = False
            return True
        from model.planning.caps import tier_change

        contact_id = self.original.id if self.original else self._draft_id
        book = self._staged_book()
        check = tier_change(book, contact_id, tier, self.today)
        if check.allowed:
            self._say(message, self._room_text(tier))
            room.display = False
            self._say(self.query_one("#error-tier", Static), "")
            return True
        self._say(message, f"⚠ {check.message}")
        room.clear_options()
        for cand in check.candidates:
            target = lower_tier(book, cand.contact_id, tier)
            if cand.days_since_deep is None:
                since = _("no deep conversation on record")
            else:
                since = _("{n} days since a deep conversation").format(n=cand.days_since_deep)
            why = _("{since}, trust {balance:+d}").format(since=since, balance=cand.balance)
            room.add_option(Option(_("Move {name} to {tier} — {why}").format(
                name=cand.name, tier=word("tier", target), why=why), id=cand.contact_id))
        room.display = bool(room.option_count)
        return False

    @staticmethod
    def _say(widget: Static, text: str) -> None:
        widget.update(text)
        widget.display = bool(text)

    def _room_text(self, tier: str) -> str:
        if not self._room:
            return ""
        moves = _(", ").join(_("{name} to {tier}").format(name=self.book.contact(cid).name, tier=word("tier", target))
                             for cid, target in self._room.items() if self.book.get_contact(cid))
        return _("✓ On save: {moves}, making room in {tier}. ctrl+s saves; Esc changes nothing.").format(
            moves=moves, tier=word("tier", tier))

    def _staged_book(self) -> Book:
        """The snapshot (with the person being added) and the make-room moves staged here."""
        base = self.book if self.original is not None else self._book_with_draft()
        if not self._room:
            return base
        key = (base, tuple(self._room.items()))
        if self._staged is not None and self._staged[0] == key:
            return self._staged[1]
        contacts = [dataclasses.replace(c, tier=self._room[c.id]) if c.id in self._room else c
                    for c in base.contacts()]
        staged = Book(contacts, base.interactions(), base.promises(), base.plans(), base.settings)
        self._staged = (key, staged)
        return staged

    def _book_with_draft(self) -> Book:
        """The snapshot plus the person being added (as ``network``), to ask the caps about."""
        cached = self._draft_book
        if cached is not None and cached[0] is self.book:
            return cached[1]
        draft = Contact(name=_("(new person)"), id=self._draft_id)  # named in the caps message
        book = self.book
        with_draft = Book([*book.contacts(), draft], book.interactions(), book.promises(),
                          book.plans(), book.settings)
        self._draft_book = (book, with_draft)
        return with_draft

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
        wanted = contact.name

        def job(store):
            from model.actions import set_tier
            from model.actions.dates import check_snooze  # the one rule for snoozes

            if contact.snoozed_until and contact.snoozed_until != (original.snoozed_until if original else None):
                check_snooze(date.fromisoformat(contact.snoozed_until), today, field="contact.snoozed_until")
            with store.transaction():
                for cid, target in room.items():  # make room first: the cap is checked after
                    set_tier(store, cid, target, today, reason=f"made room in {contact.tier} for {wanted}")
                if original is None:
                    # a capped tier is entered through set_tier, which checks the cap and logs it
                    first = dataclasses.replace(contact, tier="network") if contact.tier in CAPPED else contact
                    store.add(first)
                    old_tier = first.tier
                else:
                    current = store.contact(original.id)
                    if current.updated != original.updated:
                        raise OutsideChange(current)
                    old_tier = current.tier
                    store.put(dataclasses.replace(contact, tier=old_tier))
                if contact.tier != old_tier:
                    set_tier(store, contact.id, contact.tier, today, reason="contact form",
                             added=original is None)
            return contact.id

        def failed(exc: KizunaError) -> None:
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
