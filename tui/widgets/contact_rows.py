"""The contact list's rows for one snapshot, built without widgets (safe in a worker thread).

:func:`contact_rows` makes every person's row and folded search key, sorted by
tier, then due date, then name; a person whose record and due date did not
change since the ``previous`` snapshot keeps their row (and the list keeps its
drawing of it). :class:`GroupedRows` is what the list shows: the people a
filter found, each tier headed by its count against the cap, made when looked
at (a keystroke costs the scan of the keys, not a list of 5,000 rows).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from rich.cells import cell_len
from rich.text import Text

from model.language.i18n import _, word
from model.language.names import fold, prepare_keys, search_keys, sort_key
from model.planning.book import Book
from model.planning.health.rhythm import RHYTHM_MONTHS, RhythmCounter
from model.records import TIERS, Contact
from tui.health_charts import glyphs_of
from tui.text import fit
from tui.widgets.row_list import Row

TIER_ORDER = {t: i for i, t in enumerate(TIERS)}
DUE_WIDTH = 9
NAME_ONLY_BELOW = 30  # a row narrower than this shows the name and due date only
FAR = date.max
#: the rhythm column (the last 12 months, one cell each, and a space) shows from this row
#: width up; below it the column is the first to go
RHYTHM_WIDTH = RHYTHM_MONTHS + 1
RHYTHM_MIN_ROW = 44
NO_RHYTHM = "·" * RHYTHM_MONTHS
_RHYTHM_STYLE = {"◆": "bold magenta", "·": "dim"}


def due_label(due: date | None, today: date) -> tuple[str, str, str]:
    """(marker, words, style) for a person's next due date."""
    if due is None:
        return " ", "", ""
    days = (due - today).days
    if days < 0:
        return "!", _("{n}d late").format(n=-days), "bold red"
    if days == 0:
        return "●", _("today"), "bold yellow"
    return "·", _("in {n}d").format(n=days), "cyan"


def caps_line(book: Book) -> str:
    """``deep 5/5  active 12/15  network 40``."""
    parts = []
    for tier in ("deep", "active", "network"):
        cap = book.cap(tier)
        count = book.tier_count(tier)
        shown = word("tier", tier)
        parts.append(f"{shown} {count}/{cap}" if cap else f"{shown} {count}")
    return "  ".join(parts)


class PersonRow(Row):
    """One person in the list: their row, with the folded key the filter searches.

    A small object with slots rather than a closure: 5,000 of them are ~5 objects less
    each for the garbage collector to walk (closure, cells) on every full collection.
    """

    __slots__ = ("contact", "search", "rhythm", "_marker", "_words", "_style", "_snoozed")

    def __init__(self, c: Contact, due: date | None, today: date, rhythm: str = NO_RHYTHM) -> None:
        self.key = c.id
        self.contact = c
        tags = " ".join("#" + t for t in c.tags)
        self.search = fold(" ".join((*search_keys(c), c.company, c.industry, tags)))
        self._marker, self._words, self._style = due_label(due, today)
        self._snoozed = bool(c.snoozed_until and c.snoozed_until >= today.isoformat())
        #: the last months as glyphs (tui.health_charts.rhythm_glyphs), made in the snapshot's worker
        self.rhythm = rhythm

    def render(self, width: int) -> Text:
        c, style, words = self.contact, self._style, self._words
        spark = RHYTHM_WIDTH if width >= RHYTHM_MIN_ROW else 0
        if width < NAME_ONLY_BELOW:  # no room for a company worth reading: the name takes it
            name_w, rest = max(4, width - 3 - DUE_WIDTH - spark), 0
        else:
            name_w = max(8, min(24, (width - 2 - DUE_WIDTH - spark) // 2))
            rest = max(0, width - 2 - name_w - 1 - DUE_WIDTH - spark)
        text = Text()
        text.append(self._marker + " ", style)
        text.append(fit(c.name, name_w) + " ", "bold" if c.tier == "deep" else "")
        if rest:
            text.append(fit(c.company or c.industry, rest), "dim")
        if spark:
            text.append(" ")
            for glyph in self.rhythm:
                text.append(glyph, _RHYTHM_STYLE.get(glyph, "cyan"))
        label = _("snoozed") if self._snoozed and not words else words
        text.append(" " * (DUE_WIDTH - cell_len(label)) + label, style or "dim")  # by display width
        return text


def heading_row(label: str) -> Row:
    def render(width: int) -> Text:
        text = Text(f"── {label} ")
        text.append("─" * max(0, width - cell_len(text.plain)))
        return text

    return Row(None, render)


@dataclass(frozen=True)
class ContactRows:
    """Everyone's rows of one snapshot, sorted; nothing here changes once built."""

    today: date
    entries: list[PersonRow]  # by tier, then due date, then name
    keys: list[str]  # the folded search keys, in the same order
    blocks: list[tuple[int, int, Row]]  # (first, end, heading) of each tier with anyone in it
    caps: str
    where: dict[str, int] = field(repr=False)  # contact id -> index in entries
    #: contact id -> (contact, due, row, sort key, id, search key): what the next snapshot may reuse
    kept: dict[str, tuple] = field(repr=False)
    headings: dict[str, Row] = field(repr=False)  # heading label -> its row


def contact_rows(book: Book, today: date, due: dict[str, date],
                 previous: ContactRows | None = None) -> ContactRows:
    """Every person's row, sorted; reuses the rows of unchanged people from ``previous``.

    Records are frozen, so "the same object" means "unchanged": after a note is saved,
    5,000 people cost dict lookups, not 5,000 new rows. ``previous`` is only read.
    (What is kept per person is one tuple, so that sorting and indexing 5,000 people
    read tuples, not attributes scattered over 5,000 records.)
    """
    old = previous.kept if previous is not None and previous.today == today else {}
    kept: dict[str, tuple] = {}
    notes_of = book.notes_of
    counter = RhythmCounter(today)
    # everyone's rhythm in one walk when nothing can be reused; else each changed person's
    everyone = counter.counts_all(book) if not old else None
    if not old:
        prepare_keys(book.contacts(), everyone=True)
    for c in book.contacts():
        cid = c.id
        d = due.get(cid)
        notes = notes_of(cid)
        hit = old.get(cid)
        if hit is None or hit[0] is not c or hit[1] != d or not _same_notes(hit[6], notes):
            counts = everyone.get(cid) if everyone is not None else counter.counts(notes) if notes else None
            row = PersonRow(c, d, today, glyphs_of(*counts) if counts else NO_RHYTHM)
            # (record, due, row, sort key, id, search key, the notes the rhythm was counted from)
            hit = (c, d, row, (TIER_ORDER[c.tier], d or FAR, sort_key(c)), cid, row.search, notes)
        kept[cid] = hit
    # One sort holds the interpreter (the screen's thread waits): from the last snapshot's
    # order it finds the rows nearly sorted (~0.7 ms at 5,000 people; ~3.5 ms from the
    # book's order). Ties keep the book's order, as a sort of the book's order would.
    position = {cid: i for i, cid in enumerate(kept)}
    if old and previous is not None:
        ids = [cid for cid in previous.where if cid in position]
        ids += [cid for cid in kept if cid not in previous.where]
    else:
        ids = list(kept)
    order = [kept[cid] for cid in sorted(ids, key=lambda cid: (kept[cid][3], position[cid]))]
    entries = [h[2] for h in order]
    tiers = [h[3][0] for h in order]
    old_headings = previous.headings if previous is not None else {}
    headings: dict[str, Row] = {}
    blocks: list[tuple[int, int, Row]] = []
    for rank, tier in enumerate(TIERS):
        start, end = bisect_left(tiers, rank), bisect_right(tiers, rank)
        if start == end:
            continue
        cap, count = book.cap(tier), book.tier_count(tier)
        shown = word("tier", tier)
        label = f"{shown} {count}/{cap}" if cap else f"{shown} {count}"
        if cap is not None and count >= cap:
            label += _(" (full)")
        headings[label] = old_headings.get(label) or heading_row(label)
        blocks.append((start, end, headings[label]))
    return ContactRows(today, entries, [h[5] for h in order], blocks, caps_line(book),
                       {h[4]: i for i, h in enumerate(order)}, kept, headings)


def _same_notes(old: Sequence, new: Sequence) -> bool:
    """The same note objects (an updated Book shares the list itself; a Book built anew
    from the same records has new lists of the same notes)."""
    return old is new or (len(old) == len(new) and all(a is b for a, b in zip(old, new)))


class GroupedRows(Sequence[Row]):
    """The rows of the people at ``found`` (indexes into ``rows.entries``, ascending),
    each tier's people after its heading. Rows are looked up when asked for."""

    def __init__(self, rows: ContactRows, found: Sequence[int]) -> None:
        self.contact_rows = rows
        self.found = found
        self._parts: list[tuple[int, Row, int, int]] = []  # (position, heading, first in found, count)
        position = 0
        for start, end, heading in rows.blocks:
            lo, hi = bisect_left(found, start), bisect_left(found, end)
            if hi > lo:
                self._parts.append((position, heading, lo, hi - lo))
                position += 1 + hi - lo
        self._len = position

    def __len__(self) -> int:
        return self._len

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(self._len))]
        if index < 0:
            index += self._len
        if 0 <= index < self._len:
            for position, heading, lo, count in reversed(self._parts):
                if index >= position:
                    if index == position:
                        return heading
                    return self.contact_rows.entries[self.found[lo + index - position - 1]]
        raise IndexError(index)

    def find(self, key: str) -> int:
        """The position of the person ``key``, or -1 if the filter left them out."""
        i = self.contact_rows.where.get(key)
        if i is None:
            return -1
        j = bisect_left(self.found, i)
        if j == len(self.found) or self.found[j] != i:
            return -1
        for position, _heading, lo, count in self._parts:
            if lo <= j < lo + count:
                return position + 1 + j - lo
        return -1
