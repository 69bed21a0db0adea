"""The Timeline pane: one person's notes and promises (or everyone's), newest first.

Confidential notes show as ``▒▒▒ confidential — press v to reveal`` until
``v`` reveals them; they are masked again when another person is chosen.
The highlighted entry is shown in full below the list.
"""

from __future__ import annotations

import heapq
from datetime import date
from functools import partial
from operator import attrgetter

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Static

from model.planning.book import Book
from model.records import Interaction, Promise
from tui.widgets.contact_list import fit
from tui.widgets.row_list import LazyRows, Row, RowList

MASK = "▒▒▒ confidential — press v to reveal"
KIND_WIDTH = 13  # "help received"


def _promise_words(p: Promise, today: date) -> tuple[str, str]:
    """(words, style) for a promise's state."""
    who = "I promised" if p.owner == "me" else "they promised"
    if p.status != "open":
        return f"{who} ({p.status}{' ' + p.resolved if p.resolved else ''}): {p.text}", "dim"
    days = (date.fromisoformat(p.due) - today).days
    if days < 0:
        return f"{who}, {-days}d overdue: {p.text}", "bold red"
    when = "due today" if days == 0 else f"due in {days}d"
    return f"{who}, {when}: {p.text}", "yellow"


class TimelinePane(Vertical):
    """Interactions and promises of the selected person, or of everyone."""

    BORDER_TITLE = "2 Timeline"

    BINDINGS = [
        Binding("t", "toggle_everyone", "Everyone", id="timeline.everyone",
                tooltip="Switch between the selected person's timeline and everyone's"),
        Binding("v", "toggle_reveal", "Reveal", id="timeline.reveal",
                tooltip="Reveal or hide the confidential notes shown"),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.book: Book | None = None
        self.today = date.today()
        self.contact_id: str | None = None
        self.everyone = False
        self.revealed = False
        self._items: dict[str, Interaction | Promise] = {}
        self._everyone_rows: tuple[Book, dict, LazyRows] | None = None

    def compose(self) -> ComposeResult:
        yield RowList(id="timeline-list")
        yield Static("", id="timeline-detail")

    @property
    def row_list(self) -> RowList:
        return self.query_one("#timeline-list", RowList)

    # -- content ---------------------------------------------------------------

    def show(self, book: Book, today: date, contact_id: str | None) -> None:
        """Show ``contact_id``'s timeline (or everyone's, in that mode)."""
        if contact_id != self.contact_id:
            self.revealed = False
        self.book, self.today, self.contact_id = book, today, contact_id
        self._render_rows()

    def _render_rows(self) -> None:
        book = self.book
        if book is None:
            return
        if self.everyone:
            self.border_title = "2 Timeline — everyone"
            rows = self._everyone()
        else:
            person = book.get_contact(self.contact_id) if self.contact_id else None
            self.border_title = f"2 Timeline — {person.name}" if person else "2 Timeline"
            items: list[Interaction | Promise] = list(book.timeline(person.id)) if person else []
            if person:
                items += book.promises_for(person.id)
            items.sort(key=self._sort_key, reverse=True)
            self._items = {self._key(obj): obj for obj in items}
            rows = [Row(key, partial(self._render_row, obj, False)) for key, obj in self._items.items()]
        self.border_subtitle = ("v: hide confidential  " if self.revealed else "") + f"{len(rows)} entries"
        self.row_list.set_rows(rows)
        if not rows:
            self._show_detail(None)

    def _everyone(self) -> LazyRows:
        """Everyone's entries, newest first: sorted once per snapshot, rows made when seen."""
        book = self.book
        assert book is not None
        cached = self._everyone_rows
        if cached is not None and cached[0] is book:
            self._items = cached[1]
            return cached[2]
        notes = sorted(book.interactions(), key=attrgetter("date", "created"), reverse=True)
        promises = sorted(book.promises(), key=self._sort_key, reverse=True)
        items = list(heapq.merge(notes, promises, key=self._sort_key, reverse=True)) if promises else notes
        keys = [("p:" if type(obj) is Promise else "i:") + obj.id for obj in items]
        by_key = dict(zip(keys, items))
        render = self._render_row
        rows = LazyRows(keys, lambda i: Row(keys[i], partial(render, items[i], True)))
        self._everyone_rows = (book, by_key, rows)
        self._items = by_key
        return rows

    @classmethod
    def _sort_key(cls, obj: Interaction | Promise) -> tuple[str, str]:
        if isinstance(obj, Promise):
            return (cls._promise_date(obj), obj.created)
        return (obj.date, obj.created)

    @staticmethod
    def _promise_date(p: Promise) -> str:
        return p.due if p.status == "open" else (p.resolved or p.due)

    @staticmethod
    def _key(obj: Interaction | Promise) -> str:
        return ("p:" if isinstance(obj, Promise) else "i:") + obj.id

    def _names(self, ids) -> str:
        book = self.book
        assert book is not None
        names = [c.name for c in (book.get_contact(i) for i in ids) if c is not None]
        if not names:
            return "?"
        return names[0] + (f" +{len(names) - 1}" if len(names) > 1 else "")

    def _render_row(self, obj: Interaction | Promise, names: bool, width: int) -> Text:
        """One entry as a line; reads ``revealed`` when drawn, so a toggle needs no rebuild."""
        if isinstance(obj, Promise):
            day = self._promise_date(obj)
            words, style = _promise_words(obj, self.today)
            kind, mark, mark_style = "promise", "◇", style
            people = (obj.contact,)
        else:
            day = obj.date
            masked = obj.scope == "confidential" and not self.revealed
            words = MASK if masked else obj.text.replace("\n", " ") or "(no text)"
            style = "dim italic" if masked else ("dim" if obj.kind == "log" else "")
            kind = obj.kind
            mark, mark_style = ("◆", "bold magenta") if obj.depth == "deep" else ("·", "")
            people = obj.contacts
        text = Text()
        text.append(day + " ", "dim")
        text.append(mark + " ", mark_style)
        text.append(fit(kind, KIND_WIDTH) + " ", "cyan")
        if names:
            text.append(fit(self._names(people), 16) + " ", "bold")
        text.append(words, style)
        return text

    # -- detail ------------------------------------------------------------------

    def _show_detail(self, key: str | None) -> None:
        detail = self.query_one("#timeline-detail", Static)
        obj = self._items.get(key) if key else None
        if obj is None or self.book is None:
            detail.update("" if self.contact_id or self.everyone else "Choose a person on the left.", layout=False)
            return
        text = Text()
        if isinstance(obj, Promise):
            words, style = _promise_words(obj, self.today)
            text.append(f"promise · due {obj.due}", "bold")
            if obj.original_due != obj.due:
                text.append(f" (first due {obj.original_due})", "dim")
            text.append(f" · {self._names((obj.contact,))}\n")
            text.append(words, style)
        else:
            masked = obj.scope == "confidential" and not self.revealed
            depth = "deep conversation" if obj.depth == "deep" else "touch"
            text.append(f"{obj.date} · {obj.kind} · {depth}", "bold")
            people = ", ".join(c.name for c in (self.book.get_contact(i) for i in obj.contacts) if c)
            text.append(f" · with {people}")
            if obj.scope != "open":
                text.append(f" · {obj.scope}", "magenta")
            if obj.tags:
                text.append("  " + " ".join("#" + t for t in obj.tags), "green")
            text.append("\n")
            text.append(MASK if masked else obj.text, "dim italic" if masked else "")
        detail.update(text, layout=False)  # its height is fixed (main.tcss): no layout

    @on(RowList.Highlighted, "#timeline-list")
    def _highlighted(self, event: RowList.Highlighted) -> None:
        event.stop()
        self._show_detail(event.key)

    @on(RowList.Selected, "#timeline-list")
    def _selected(self, event: RowList.Selected) -> None:
        """Enter on an entry in everyone's timeline shows that person's."""
        event.stop()
        obj = self._items.get(event.key)
        if obj is None or not self.everyone:
            return
        cid = obj.contact if isinstance(obj, Promise) else (obj.contacts[0] if obj.contacts else None)
        if cid:
            from tui.messages import OpenPerson

            self.everyone = False
            self.post_message(OpenPerson(cid))

    # -- actions -----------------------------------------------------------------

    def action_toggle_everyone(self) -> None:
        self.everyone = not self.everyone
        self._render_rows()

    def action_toggle_reveal(self) -> None:
        self.revealed = not self.revealed
        key = self.row_list.highlighted_key
        self._render_rows()
        if key:
            self.row_list.select_key(key)
        self._show_detail(self.row_list.highlighted_key)
