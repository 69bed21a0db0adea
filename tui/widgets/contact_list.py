"""The Contacts pane: everyone, by tier then due, filtered as you type.

Each person's row and folded search key are built once per snapshot; a
keystroke in the filter only tests the query against the keys and hands the
matching (already built) rows to the :class:`RowList`. A tier heading shows
its count against the cap (``deep 5/5``).
"""

from __future__ import annotations

from dataclasses import dataclass
from operator import itemgetter
from datetime import date

from rich.cells import cell_len
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.geometry import Region, Size
from textual.message import Message
from textual.widgets import Input, Static

from model.names import fold, sort_key
from model.planning.book import Book
from model.records import TIERS, Contact
from tui.commands.output import fit
from tui.widgets.row_list import Row, RowList

TIER_ORDER = {t: i for i, t in enumerate(TIERS)}
DUE_WIDTH = 9


def due_label(due: date | None, today: date) -> tuple[str, str, str]:
    """(marker, words, style) for a person's next due date."""
    if due is None:
        return " ", "", ""
    days = (due - today).days
    if days < 0:
        return "!", f"{-days}d late", "bold red"
    if days == 0:
        return "●", "today", "bold yellow"
    return "·", f"in {days}d", "cyan"


def caps_line(book: Book) -> str:
    """``deep 5/5  active 12/15  network 40``."""
    parts = []
    for tier in ("deep", "active", "network"):
        cap = book.cap(tier)
        count = book.tier_count(tier)
        parts.append(f"{tier} {count}/{cap}" if cap else f"{tier} {count}")
    return "  ".join(parts)


class FilterInput(Input):
    """The filter box: Down or Enter goes to the list."""

    BINDINGS = [Binding("down", "to_list", "To the list", show=False, id="contacts.to_list")]

    def _watch_value(self, value: str) -> None:
        """Input's own watcher assigns ``virtual_size``, a layout reactive: every keystroke
        re-laid out and redrew the whole screen (~20 ms of the frame). This box has a fixed
        size and no scrollbar: set the new size quietly first, so that assignment is a no-op."""
        self.set_reactive(Input.virtual_size, Size(self.content_width, 1))
        super()._watch_value(value)

    def action_to_list(self) -> None:
        self.screen.focus_next()


@dataclass
class Entry:
    """One person in the list: the row, the folded search key, the sort key."""

    contact: Contact
    key: str
    row: Row


class ContactsPane(Vertical):
    """Contacts: a filter box over the list of everyone."""

    BORDER_TITLE = "1 Contacts"

    BINDINGS = [
        Binding("slash", "filter", "Filter", key_display="/", id="contacts.filter",
                tooltip="Type to filter by name, reading, company, industry or #tag"),
        Binding("e", "edit", "Edit", id="contacts.edit", tooltip="Edit the highlighted person"),
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
        self._entries: list[Entry] = []
        self._keys: list[str] = []
        self._tiers: list[str] = []
        self._rows: list[Row] = []
        self._all_rows: list[Row] = []
        self._headings: dict[str, Row] = {}
        #: contact id -> (contact, due, today, entry, sort key) of the last snapshot
        self._entry_cache: dict[str, tuple[Contact, date | None, date, Entry, tuple]] = {}
        self._book: Book | None = None
        self._today = date.today()

    def compose(self) -> ComposeResult:
        yield Static("", id="caps")
        yield FilterInput(placeholder="/ filter: name, reading, company, #tag", id="filter")
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

    def show_book(self, book: Book, today: date, due: dict[str, date]) -> None:
        """Rebuild every row for a new snapshot (keeps filter and cursor)."""
        self._book, self._today = book, today
        far = date.max
        # A person whose record and due date did not change keeps their entry: after a
        # note is saved, 5,000 people cost dict lookups, not 5,000 new rows (a 100+ ms
        # stall on the main thread at 50,000 notes). Records are frozen, so "the same
        # object" means "unchanged".
        old, cache = self._entry_cache, {}
        for c in book.contacts():
            d = due.get(c.id)
            hit = old.get(c.id)
            if hit is None or hit[0] is not c or hit[1] != d or hit[2] != today:
                hit = (c, d, today, self._entry(c, d, today), (TIER_ORDER.get(c.tier, 9), d or far, sort_key(c)))
            cache[c.id] = hit
        self._entry_cache = cache
        order = sorted(cache.values(), key=itemgetter(4))  # the sort key is kept with the entry too
        self._entries = [h[3] for h in order]
        # parallel lists: a keystroke scans plain strings, nothing else
        self._keys = [e.key for e in self._entries]
        self._tiers = [e.contact.tier for e in self._entries]
        self._rows = [e.row for e in self._entries]
        self._headings = {}
        for tier in TIERS:
            cap, count = book.cap(tier), book.tier_count(tier)
            label = f"{tier} {count}/{cap}" if cap else f"{tier} {count}"
            full = cap is not None and count >= cap
            self._headings[tier] = Row(None, self._heading(label, full))
        self._all_rows = self._grouped(range(len(self._entries)))
        self.query_one("#caps", Static).update(caps_line(book))
        self.apply_filter(self.filter_input.value)

    def _grouped(self, indexes) -> list[Row]:
        """The rows at ``indexes`` (in order) with a heading before each tier."""
        rows: list[Row] = []
        tiers, all_rows, headings = self._tiers, self._rows, self._headings
        tier = None
        for i in indexes:
            if tiers[i] != tier:
                tier = tiers[i]
                rows.append(headings[tier])
            rows.append(all_rows[i])
        return rows

    @staticmethod
    def _heading(label: str, full: bool):
        def render(width: int) -> Text:
            text = Text(f"── {label} " + ("(full) " if full else ""))
            text.append("─" * max(0, width - cell_len(text.plain)))
            return text
        return render

    @staticmethod
    def _entry(c: Contact, due: date | None, today: date) -> Entry:
        marker, words, style = due_label(due, today)
        tags = " ".join("#" + t for t in c.tags)
        key = fold(" ".join((c.name, c.reading, c.company, c.industry, tags)))
        snoozed = bool(c.snoozed_until and c.snoozed_until >= today.isoformat())

        def render(width: int) -> Text:
            name_w = max(8, min(24, (width - 2 - DUE_WIDTH) // 2))
            rest = max(0, width - 2 - name_w - 1 - DUE_WIDTH)
            text = Text()
            text.append(marker + " ", style)
            text.append(fit(c.name, name_w) + " ", "bold" if c.tier == "deep" else "")
            text.append(fit(c.company or c.industry, rest), "dim")
            label = "snoozed" if snoozed and not words else words
            text.append(f"{label:>{DUE_WIDTH}}", style or "dim")
            return text

        return Entry(c, key, Row(c.id, render))

    def apply_filter(self, query: str) -> int:
        """Show the people whose name, reading, company, industry or tags hold every word."""
        words = fold(query).split()
        total = len(self._entries)
        if not words:
            self.row_list.set_rows(self._all_rows)
            self._show_count(f"{total}")
            return total
        keys = self._keys
        first = words[0]
        found = [i for i, k in enumerate(keys) if first in k]
        for word in words[1:]:
            found = [i for i in found if word in keys[i]]
        self.row_list.set_rows(self._grouped(found))
        self._show_count(f"{len(found)} of {total}")
        return len(found)

    def _show_count(self, text: str) -> None:
        """The count in the pane's bottom border. Assigning ``border_subtitle`` repaints the
        whole pane (~3 ms of a keystroke); only the bottom line changes, so store the title
        as Textual's descriptor does and repaint that one line."""
        if self.border_subtitle == text:
            return
        height, width = self.size
        if not self.is_mounted or height < 1:
            self.border_subtitle = text
            return
        self._border_subtitle = self.render_str(text).expand_tabs(4).split()[0]
        ox, oy = self.content_offset  # refresh regions are in content coordinates
        self.refresh(Region(-ox, height - 1 - oy, width, 1))

    def select(self, contact_id: str) -> bool:
        if not self.row_list.select_key(contact_id):
            self.filter_input.value = ""
            self.apply_filter("")
            return self.row_list.select_key(contact_id)
        return True

    # -- events ----------------------------------------------------------------

    @on(Input.Changed, "#filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.apply_filter(event.value)

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

    def action_edit(self) -> None:
        if self.highlighted_id:
            self.post_message(self.PersonOpened(self.highlighted_id))
