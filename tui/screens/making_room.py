"""Making room in a capped tier (a mixin of :class:`~tui.screens.contact_form.ContactForm`).

Moving someone into a capped tier (deep, active) asks the planning rules first
(:func:`model.planning.caps.tier_change`). When the tier is full the form shows the
planning message and the people who could make room; choosing one stages moving them
down a tier, written with the person on ``ctrl+s``. The rules are asked about the
snapshot with those moves staged (and with the person being added in it).
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from textual.widgets import OptionList, Select, Static
from textual.widgets.option_list import Option

from model.language.i18n import _, word
from model.planning.book import Book
from model.records import CAPPED_TIERS, Contact

if TYPE_CHECKING:
    from datetime import date

    from textual.screen import ModalScreen

    _Screen = ModalScreen[str | None]
else:
    _Screen = object


def lower_tier(book: Book, contact_id: str, tier: str) -> str:
    """Where someone moved out of ``tier`` to make room goes: one tier down, if it has room."""
    if tier == "deep":
        active = book.cap("active")
        if active is None or book.tier_count("active") < active:
            return "active"
    return "network"


class MakingRoom(_Screen):
    """The form's tier check (it needs the form's ``book``, ``original``, ``today``,
    ``_draft_id`` and the staging attributes set in ``_init_room``)."""

    book: Book
    original: Contact | None
    today: date
    _draft_id: str

    def _init_room(self) -> None:
        self._room: dict[str, str] = {}  # make room: contact id -> lower tier, applied on save
        self._staged: tuple[tuple, Book] | None = None  # the book with those moves, cached
        self._draft_book: tuple[Book, Book] | None = None

    def _tier(self) -> str:
        return self.query_one("#field-tier", Select).value  # type: ignore[return-value]  # never blank: allow_blank=False

    def _check_tier(self) -> bool:
        """Ask the planning rules about the chosen tier; show why not and who could make room."""
        tier = self._tier()
        message = self.query_one("#tier-message", Static)
        room = self.query_one("#make-room", OptionList)
        old = self.original.tier if self.original else "network"
        if tier not in CAPPED_TIERS or tier == old:
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
