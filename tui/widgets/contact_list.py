"""The Contacts pane: everyone, by tier then due, filtered as you type.

The rows of a snapshot are built once, off the main thread if the screen is given
them (:mod:`tui.widgets.contact_rows`); a keystroke in the filter only tests the
query against the folded keys (only against the last matches when the query
grows) and hands the list a view of the matching rows. A tier heading shows its
count against the cap (``deep 5/5``).
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import compress, repeat
from operator import contains
from datetime import date

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.geometry import Size
from textual.message import Message
from textual.widgets import Input, Static

from model.language.i18n import N_, _
from model.language.names import fold
from model.planning.book import Book
from tui.widgets.border_lines import BorderLines
from tui.widgets.contact_rows import ContactRows, GroupedRows, caps_line, contact_rows, due_label
from tui.widgets.row_list import RowList

__all__ = ["ContactsPane", "FilterInput", "caps_line", "due_label"]


class FilterInput(Input):
    """The filter box: Down or Enter goes to the list."""

    BINDINGS = [Binding("down", "to_list", "To the list", show=False, id="contacts.to_list")]

    @property
    def content_width(self) -> int:
        """At least the box's width: Input sets its ``virtual_size`` (a layout reactive) from
        this on every keystroke, so a width that grew with the text laid out and redrew the
        whole screen per keystroke. The box never changes size; only text longer than the
        box still changes it (and scrolls, as before). The placeholder does not count: it is
        cut at the box's edge, and measured it made the first keystroke in a narrow box lay out."""
        width = self.scrollable_content_region.width
        return max(super().content_width, width) if self.value else width

    def on_resize(self) -> None:
        # The layout left ``virtual_size`` at its own measure (0x0 at the start, the old
        # width after a resize): the first keystroke after it then laid out the whole
        # screen. Set it now to what that keystroke would, without a layout.
        self.set_reactive(Input.virtual_size, Size(self.content_width, 1))

    def action_to_list(self) -> None:
        self.screen.focus_next()


class ContactsPane(BorderLines, Vertical):
    """Contacts: a filter box over the list of everyone."""

    BORDER_TITLE = N_("1 Contacts")

    BINDINGS = [
        Binding("slash", "filter", "Filter", key_display="/", id="contacts.filter",
                tooltip="Type to filter by name, reading, company, industry or #tag"),
        Binding("escape", "clear_filter", "Clear filter", show=False, id="contacts.clear_filter"),
    ]

    @dataclass
    class PersonHighlighted(Message):
        contact_id: str | None

        def can_replace(self, message: Message) -> bool:
            return isinstance(message, ContactsPane.PersonHighlighted)

    @dataclass
    class PersonOpened(Message):
        contact_id: str

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.border_title = _(self.BORDER_TITLE)  # in the language in use now, not at import
        self._view: ContactRows | None = None
        self._query: str | None = None  # the folded filter the list shows (None: not yet)
        self._found: list[int] | range = range(0)  # the people it found (indexes in the rows)

    def compose(self) -> ComposeResult:
        yield Static("", id="caps")
        yield FilterInput(placeholder=_("/ filter: name, reading, company, #tag"), id="filter")
        yield RowList(id="contact-list")

    @property
    def row_list(self) -> RowList:
        return self.query_one("#contact-list", RowList)

    @property
    def filter_input(self) -> Input:
        return self.query_one("#filter", Input)

    @property
    def highlighted_id(self) -> str | None:
        return self.row_list.highlighted_key

    # -- content -------------------------------------------------------------

    @property
    def contact_rows(self) -> ContactRows | None:
        return self._view

    def show_book(self, book: Book, today: date, due: dict[str, date]) -> None:
        """Rebuild every row for a new snapshot (keeps filter and cursor)."""
        self.show_rows(contact_rows(book, today, due, self._view))

    def show_rows(self, rows: ContactRows) -> None:
        """Show a snapshot's rows (from :func:`contact_rows`), keeping the filter and cursor."""
        self._query = None  # filter again, over the new rows
        if self._view is None or rows.caps != self._view.caps:  # (a redraw of the line else)
            self.query_one("#caps", Static).update(rows.caps, layout=False)
        self._view = rows
        self.apply_filter(self.filter_input.value)

    def apply_filter(self, query: str) -> int:
        """Show the people whose name, reading, company, industry or tags hold every word."""
        rows = self._view
        if rows is None:
            return 0
        folded = fold(query)
        if folded == self._query:
            return len(self._found)
        total = len(rows.entries)
        words = folded.split()
        if not words:
            found: list[int] | range = range(total)
        else:
            # A query that grows (typing on) can only narrow: test the last matches only.
            grows = bool(self._query) and folded.startswith(self._query)
            keys = rows.keys
            found = self._found if grows else range(total)
            for word in words:  # (the test of every key in C: a comprehension took ~1 ms)
                found = list(compress(found, map(contains, map(keys.__getitem__, found), repeat(word))))
        self._query, self._found = folded, found
        self.row_list.set_rows(GroupedRows(rows, found))
        self.set_border_text(subtitle=_("{found} of {total}").format(found=len(found), total=total)
                             if words else f"{total}")
        return len(found)

    def select(self, contact_id: str) -> bool:
        if not self.row_list.select_key(contact_id):
            self.filter_input.value = ""
            self.apply_filter("")
            return self.row_list.select_key(contact_id)
        return True

    # -- events ----------------------------------------------------------------

    def on_mount(self) -> None:
        # The list follows the filter at once, drawn in the same frame as the typed key
        # (Input.Changed would filter a frame later).
        self.watch(self.filter_input, "value", self.apply_filter, init=False)

    @on(Input.Changed, "#filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.apply_filter(self.filter_input.value)  # already done when the value changed

    @on(Input.Submitted, "#filter")
    def _filter_done(self, event: Input.Submitted) -> None:
        event.stop()
        self.row_list.focus()

    @on(RowList.Highlighted, "#contact-list")
    def _highlighted(self, event: RowList.Highlighted) -> None:
        event.stop()
        self.post_message(self.PersonHighlighted(event.key))

    @on(RowList.Selected, "#contact-list")
    def _selected(self, event: RowList.Selected) -> None:
        event.stop()
        self.post_message(self.PersonOpened(event.key))

    def action_filter(self) -> None:
        self.filter_input.focus()

    def action_clear_filter(self) -> None:
        if self.filter_input.value:
            self.filter_input.value = ""
        self.row_list.focus()

