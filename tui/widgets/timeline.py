"""The Timeline pane: one person's notes and promises (or everyone's), newest first.

Confidential notes show as ``▒▒▒ confidential — press v to reveal`` until
``v`` reveals them; they are masked again when another person is chosen.
The highlighted entry is shown in full below the list.
"""

from __future__ import annotations

import heapq
from collections import OrderedDict
from collections.abc import Callable
from datetime import date
from functools import partial
from operator import attrgetter

from rich.cells import cell_len
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Static

from model.language.i18n import N_, _, ngettext, word
from model.planning.book import Book
from model.planning.health.rhythm import person_rhythm
from model.records import Interaction, Promise
from model.language.text import visible, visible_line
from tui.health_charts import rhythm_glyphs
from tui import threads
from tui.hanging_rows import paragraph
from tui.text import fit, kind_width
from tui.widgets.border_lines import BorderLines
from tui.widgets.row_list import LazyRows, Row, RowList

MASK = N_("▒▒▒ confidential — press v to reveal")
#: the kind column of a narrow row at most ("help r…"), so 80 columns keep 30 for the text
SHORT_KIND_MOST = 7
#: the note's text a row keeps beside the full kind column (else it is a narrow row)
FULL_TEXT_LEAST = 40


def kind_column(width: int, names: bool = False) -> tuple[int, bool]:
    """(cells, full) of the kind column in a row ``width`` cells wide: the full labels
    when the text keeps FULL_TEXT_LEAST beside them (and the names, when shown), else the
    short ones; the people get 10 cells in a narrow row, 16 in a full one."""
    full, short = kind_width(), min(kind_width("kind short"), SHORT_KIND_MOST)
    if width >= 11 + 2 + full + 1 + FULL_TEXT_LEAST + (17 if names else 0):
        return full, True
    return short, False


def _secret(book: Book, p: Promise, revealed: bool) -> bool:
    """Made in a confidential note, and not revealed: its text is masked like the note's."""
    return not revealed and p.interaction is not None and p.interaction in book.confidential_notes((p.contact,))


def _promise_words(p: Promise, today: date, secret: bool = False) -> tuple[str, str]:
    """(words, style) for a promise's state."""
    who = _("I promised") if p.owner == "me" else _("they promised")
    text = _(MASK) if secret else visible_line(p.text)
    if p.status != "open":
        return f"{who} ({word('status', p.status)}{' ' + p.resolved if p.resolved else ''}): {text}", "dim"
    days = (date.fromisoformat(p.due) - today).days
    if days < 0:
        return _("{who}, {n}d overdue: {text}").format(who=who, n=-days, text=text), "bold red"
    when = _("due today") if days == 0 else _("due in {n}d").format(n=days)
    return f"{who}, {when}: {text}", "yellow"


def _entry_text(book: Book, today: date, revealed: bool, names: bool,
                obj: Interaction | Promise, width: int) -> Text:
    """One entry as a line. Everything it shows is bound when its row is made, so a row
    always draws the same line (the list keeps drawn rows); a reveal makes new rows."""
    if isinstance(obj, Promise):
        day = _promise_date(obj)
        words, style = _promise_words(obj, today, _secret(book, obj, revealed))
        kind, mark, mark_style = _("promise"), "◇", style
        people = (obj.contact,)
    else:
        day = obj.date
        masked = obj.scope == "confidential" and not revealed
        words = _(MASK) if masked else visible_line(_clip(obj.text, width).replace("\n", " ")) or _("(no text)")
        style = "dim italic" if masked else ("dim" if obj.kind == "log" else "")
        kind = word("kind", obj.kind)
        mark, mark_style = ("◆", "bold magenta") if obj.depth == "deep" else ("·", "")
        people = obj.contacts
    cells, full = kind_column(width, names)
    if not full and isinstance(obj, Interaction):
        kind = word("kind short", obj.kind)
    text = Text()
    text.append(day + " ", "dim")
    text.append(mark + " ", mark_style)
    text.append(fit(kind, cells) + " ", "cyan")
    if names:
        text.append(fit(_names(book, people), 16 if full else 10) + " ", "bold")
    text.append(words, style)
    return text


def _clip(text: str, width: int) -> str:
    """The start of ``text`` that still overflows ``width`` cells: the line is cut to its
    width anyway (with …), and measuring a long note cell by cell is most of its cost."""
    if len(text) > width + 1:
        start = text[:width + 1]
        if cell_len(start) > width:
            return start
    return text


def _names(book: Book, ids) -> str:
    names = [visible(c.name) for c in (book.get_contact(i) for i in ids) if c is not None]
    if not names:
        return "?"
    return names[0] + (f" +{len(names) - 1}" if len(names) > 1 else "")


def _promise_date(p: Promise) -> str:
    return p.due if p.status == "open" else (p.resolved or p.due)


def _sort_key(obj: Interaction | Promise) -> tuple[str, str]:
    if type(obj) is Promise:
        return (_promise_date(obj), obj.created)
    return (obj.date, obj.created)


def _key(obj: Interaction | Promise) -> str:
    return ("p:" if type(obj) is Promise else "i:") + obj.id


class Entries:
    """Timeline entries, newest first, with their row keys and where each key is.

    Widget-free: everyone's (tens of thousands: a long sort) are made in the snapshot's worker when they will be wanted (:func:`everyone_entries`).
    """

    __slots__ = ("items", "keys", "where")

    def __init__(self, items: list[Interaction | Promise]) -> None:
        self.items = items
        self.keys = [_key(obj) for obj in items]
        self.where = {key: i for i, key in enumerate(self.keys)}

    def get(self, key: str | None) -> Interaction | Promise | None:
        i = self.where.get(key) if key else None
        return None if i is None else self.items[i]


NO_ENTRIES = Entries([])


def person_entries(book: Book, contact_id: str) -> Entries:
    items: list[Interaction | Promise] = book.timeline(contact_id)
    items += book.promises_for(contact_id)
    items.sort(key=_sort_key, reverse=True)
    return Entries(items)


def everyone_entries(book: Book) -> Entries:
    """Everyone's notes and promises, newest first."""
    notes = _sorted_in_pieces(book.interactions(), attrgetter("date", "created"))
    promises = _sorted_in_pieces(book.promises(), _sort_key)
    return Entries(list(heapq.merge(notes, promises, key=_sort_key, reverse=True)) if promises else notes)


def _sorted_in_pieces(items: list, key, piece: int = 2_000) -> list:
    """``sorted(items, key=key, reverse=True)`` (as stable), in pieces merged in Python.

    One ``sorted`` of tens of thousands of notes is a single call into C that holds the
    interpreter throughout: in a worker it froze the screen as surely as on the main
    thread. Small pieces hold it briefly, and the merge lets go between items.
    """
    if len(items) <= piece:
        return sorted(items, key=key, reverse=True)
    runs = [sorted(items[i:i + piece], key=key, reverse=True) for i in range(0, len(items), piece)]
    return list(heapq.merge(*runs, key=key, reverse=True))


class TimelinePane(BorderLines, Vertical):
    """Interactions and promises of the selected person, or of everyone."""

    BORDER_TITLE = N_("2 Timeline")
    PEOPLE_KEPT = 16  # the last people's rows kept for going back to them
    #: everyone's timeline of a book with more notes than this is sorted in a worker
    #: (too long for the key that asks for it)
    SORT_IN_WORKER_ABOVE = 5_000

    BINDINGS = [
        Binding("t", "toggle_everyone", "Everyone", id="timeline.everyone",
                tooltip="Switch between the selected person's timeline and everyone's"),
        Binding("v", "toggle_reveal", "Reveal", id="timeline.reveal",
                tooltip="Reveal or hide the confidential notes shown"),
        Binding("e", "edit_entry", "Edit entry", id="timeline.edit",
                tooltip="Correct the highlighted note or promise (people, date, kind, text, ...)"),
        Binding("d,delete", "delete_entry", "Delete entry", id="timeline.delete",
                tooltip="Delete the highlighted note or promise (asks first; u undoes it)"),
        Binding("slash", "search", "Search", key_display="/", id="timeline.search",
                tooltip="Search every note and promise"),
    ]

    def describe_binding(self, binding: Binding) -> str | None:
        """The key bar's word for ``binding`` now (``v`` reads Hide once revealed)."""
        if binding.action == "toggle_reveal" and self.revealed:
            return N_("Hide")  # (translated where shown: key_bar.describe)
        return None

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.border_title = _(self.BORDER_TITLE)  # in the language in use now, not at import
        self.book: Book | None = None
        self.today = date.today()
        self.contact_id: str | None = None
        self.everyone = False
        self.revealed = False
        self._entries: Entries = NO_ENTRIES  # what the list shows
        #: makes everyone's entries of a book (the main screen hands in ones made in a worker)
        self.everyone_source: Callable[[Book], Entries] = everyone_entries
        self._shown: tuple | None = None  # (book, today, person, everyone, revealed) on screen
        self._rows_for: tuple | None = None  # (today, revealed) the rows below were made for
        #: person -> (their Book.person_token, entries, rows): kept across snapshots while
        #: the person's notes and promises are the same objects (book_update.updated shares them)
        self._people: OrderedDict[str, tuple[tuple, Entries, LazyRows]] = OrderedDict()
        self._everyone_rows: tuple[Book, Entries, LazyRows] | None = None
        self._sorting: Book | None = None  # the book whose everyone's timeline a worker sorts
        self._detail_shown: tuple | None = None  # what the detail below the list shows
        self._detail_words: Text | None = None  # ... and its text

    def compose(self) -> ComposeResult:
        yield RowList(id="timeline-list")
        yield Static("", id="timeline-detail")

    def on_mount(self) -> None:
        # The detail follows the list's cursor at once, in the frame the list is drawn in
        # (the Highlighted message would draw it a frame later).
        self.watch(self.row_list, "cursor", self._cursor_moved, init=False)

    @property
    def row_list(self) -> RowList:
        return self.query_one("#timeline-list", RowList)

    # -- content ---------------------------------------------------------------

    def show(self, book: Book, today: date, contact_id: str | None) -> None:
        """Show ``contact_id``'s timeline (or everyone's, in that mode)."""
        if contact_id != self.contact_id and self.revealed:
            self.revealed = False
            self.refresh_bindings()
        self.book, self.today, self.contact_id = book, today, contact_id
        self._render_rows()

    def _render_rows(self) -> None:
        book = self.book
        if book is None:
            return
        shown = (book, self.today, self.contact_id, self.everyone, self.revealed)
        if shown == self._shown:
            return  # already on screen (the cursor and the scroll stay where they are)
        self._shown = shown
        if self._rows_for != (self.today, self.revealed):
            self._rows_for = (self.today, self.revealed)
            self._people.clear()
            self._everyone_rows = None
        if self.everyone:
            title = _("2 Timeline — everyone")
            made = self._everyone()
            if made is None:  # being sorted in a worker: shown when it is done
                self._entries = NO_ENTRIES
                self.set_border_text(title, _("sorting every note…"))
                self.row_list.set_rows([])
                return
            self._entries, rows = made
        else:
            person = book.get_contact(self.contact_id) if self.contact_id else None
            title = _("2 Timeline — {name}").format(name=visible(person.name)) if person else _(self.BORDER_TITLE)
            if person:  # their last 12 months: ◆ a deep conversation, ▂▄▆█ touches, · none
                title += "  " + rhythm_glyphs(person_rhythm(book, person.id, self.today))
            self._entries, rows = self._person(person.id) if person else (NO_ENTRIES, [])
        subtitle = (_("v: hide confidential  ") if self.revealed else "") + ngettext(
            "{n} entry", "{n} entries", len(rows)).format(n=len(rows))
        self.set_border_text(title, subtitle)
        self.row_list.set_rows(rows)

    def _person(self, contact_id: str) -> tuple[Entries, LazyRows]:
        """One person's entries and their rows (made when seen; kept for the last few
        people, so going back to someone draws nothing new)."""
        book = self.book
        assert book is not None
        token = book.person_token(contact_id)
        kept = self._people.get(contact_id)
        if kept is not None and len(kept[0]) == len(token) and all(a is b for a, b in zip(kept[0], token)):
            # the same notes and promises in a new snapshot: the same rows, nothing redrawn
            self._people.move_to_end(contact_id)
            return kept[1], kept[2]
        entries, rows = self._lazy_rows(person_entries(book, contact_id), names=False)
        self._people[contact_id] = (token, entries, rows)
        self._people.move_to_end(contact_id)
        if len(self._people) > self.PEOPLE_KEPT:
            self._people.popitem(last=False)
        return entries, rows

    def _everyone(self) -> tuple[Entries, LazyRows] | None:
        """Everyone's entries (sorted once per snapshot, in its worker if the main screen
        had them made there), rows made when seen; None while a worker sorts them."""
        book = self.book
        assert book is not None
        if self._everyone_rows is None or self._everyone_rows[0] is not book:
            if len(book.interactions()) > self.SORT_IN_WORKER_ABOVE:
                if self._sorting is not book:
                    self._sorting = book
                    self._sort_everyone(book)
                return None
            self._everyone_rows = (book, *self._lazy_rows(self.everyone_source(book), names=True))
        return self._everyone_rows[1], self._everyone_rows[2]

    def _sort_everyone(self, book: Book) -> None:
        threads.read(self, lambda: self.everyone_source(book), lambda entries: self._everyone_sorted(book, entries),
                     group="everyone", name="sort everyone's timeline")

    def _everyone_sorted(self, book: Book, entries: Entries) -> None:
        if self._sorting is book:
            self._sorting = None
        if book is not self.book:
            return  # a newer snapshot came meanwhile: it asks for its own
        self._everyone_rows = (book, *self._lazy_rows(entries, names=True))
        if self.everyone:
            self._shown = None
            self._render_rows()

    def _lazy_rows(self, entries: Entries, *, names: bool) -> tuple[Entries, LazyRows]:
        items, keys = entries.items, entries.keys
        render = partial(_entry_text, self.book, self.today, self.revealed, names)
        return entries, LazyRows(keys, lambda i: Row(keys[i], partial(render, items[i])), entries.where)

    # -- detail ------------------------------------------------------------------

    def _show_detail(self, key: str | None) -> None:
        obj = self._entries.get(key)
        shown = (obj, self.book, self.today, self.revealed, bool(self.contact_id or self.everyone))
        if shown == self._detail_shown:
            return
        self._detail_shown = shown
        detail = self.query_one("#timeline-detail", Static)
        if obj is None or self.book is None:
            self._detail_words = None
            detail.update("" if self.contact_id or self.everyone else _("Choose a person on the left."), layout=False)
            return
        words = self._detail_text(obj)
        if words == self._detail_words:
            return  # the same entry, word for word, in a new snapshot: nothing to draw again
        self._detail_words = words
        # its height is fixed (main.tcss): no layout; wrapped the Japanese way
        detail.update(paragraph(Content.from_rich_text(words)), layout=False)

    def _detail_text(self, obj: Interaction | Promise) -> Text:
        """One entry in full: its date, kind, people, scope, tags and text."""
        assert self.book is not None
        text = Text()
        if isinstance(obj, Promise):
            words, style = _promise_words(obj, self.today, _secret(self.book, obj, self.revealed))
            text.append(_("promise · due {date}").format(date=obj.due), "bold")
            if obj.original_due != obj.due:
                text.append(_(" (first due {date})").format(date=obj.original_due), "dim")
            text.append(f" · {_names(self.book, (obj.contact,))}\n")
            text.append(words, style)
        else:
            masked = obj.scope == "confidential" and not self.revealed
            depth = _("deep conversation") if obj.depth == "deep" else _("touch")
            # a log entry is Kizuna's own record (a tier change, a snooze): it has no depth
            text.append(f"{obj.date} · {word('kind', obj.kind)}" + ("" if obj.kind == "log" else f" · {depth}"),
                        "bold")
            people = ", ".join(visible(c.name) for c in (self.book.get_contact(i) for i in obj.contacts) if c)
            text.append(_(" · with {people}").format(people=people))
            if obj.scope != "open":
                text.append(f" · {word('scope', obj.scope)}", "magenta")
            if obj.tags:
                text.append("  " + visible(" ".join("#" + t for t in obj.tags)), "green")
            text.append("\n")
            text.append(_(MASK) if masked else visible(obj.text, multiline=True), "dim italic" if masked else "")
        return text

    def _cursor_moved(self) -> None:
        self._show_detail(self.row_list.highlighted_key)

    @on(RowList.Highlighted, "#timeline-list")
    def _highlighted(self, event: RowList.Highlighted) -> None:
        event.stop()  # the detail was shown when the cursor moved

    @on(RowList.Selected, "#timeline-list")
    def _selected(self, event: RowList.Selected) -> None:
        """Enter on an entry opens it in full; in everyone's timeline it shows that person's."""
        event.stop()
        obj = self._entries.get(event.key)
        if obj is None:
            return
        if not self.everyone:
            from tui.screens.entry import EntryScreen

            self.app.push_screen(EntryScreen(self._detail_text(obj)))
            return
        cid = obj.contact if isinstance(obj, Promise) else (obj.contacts[0] if obj.contacts else None)
        if cid:
            from tui.messages import OpenPerson

            self.everyone = False
            self.post_message(OpenPerson(cid))

    # -- actions -----------------------------------------------------------------

    @property
    def highlighted_entry(self) -> Interaction | Promise | None:
        return self._entries.get(self.row_list.highlighted_key)

    def action_edit_entry(self) -> None:
        entry = self.highlighted_entry
        if entry is not None:
            self.app.edit_entry(entry)

    def action_delete_entry(self) -> None:
        entry = self.highlighted_entry
        if entry is not None:
            self.app.delete_entry(entry)

    def action_search(self) -> None:
        self.app.action_search()

    def action_toggle_everyone(self) -> None:
        self.everyone = not self.everyone
        self._render_rows()

    def action_toggle_reveal(self) -> None:
        self.revealed = not self.revealed
        self.refresh_bindings()
        key = self.row_list.highlighted_key
        self._render_rows()
        if key:
            self.row_list.select_key(key)
        self._show_detail(self.row_list.highlighted_key)
