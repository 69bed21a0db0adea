"""Follow a store's own writes: a new :class:`Book` from an old one and what changed.

After a save the app needs a new planning snapshot. Building one from scratch
is a Python pass over every note, holding the interpreter in a worker while the
screen wants it. :func:`updated` starts from the previous
Book instead and touches only what the store's journal says changed
(:meth:`model.store.Store.changes_since`): the records are read by id, the
dicts and lists of the old Book are copied shallowly, and only the affected
people's lists are rebuilt. Everything else (records, per-person lists, sorted
caches) is shared with the old Book, which is never changed: the app's screens
go on reading it while the new one is made.

Where it would be complicated to be exact, it builds the whole Book again:
the old Book was read from the store's index only (``full=False``), or notes
were edited or removed while the old Book had no timeline index.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from itertools import repeat
from operator import is_
from typing import TYPE_CHECKING

from model.errors import NotFoundError
from model.records import Contact, FocusPlan, Interaction, Promise

from model.planning.book import Book

if TYPE_CHECKING:
    from model.store.journal import Changes

LOG = "log"


def updated(book: Book, store, changes: Changes | None = None) -> Book:
    """A new Book of ``store`` as it is now, made from ``book`` and what changed.

    ``changes`` is ``store.changes_since(book.mark)`` (asked for when not given).
    Equal in every query to ``Book.from_store(store)``, except that
    :meth:`~Book.interactions` may list new notes in another order; in time
    proportional to what changed, sharing every unchanged record, list and index
    with ``book``, which is left exactly as it was. When the changes cannot be
    followed (None: the store read its file again; or ``book`` was not built at a
    mark of this store) it is a full ``Book.from_store(store)``. Call it while no
    one else writes to ``store`` (the app holds its lock).
    """
    if book.mark is None or book._pending is not None:
        return _rebuilt(book, store)
    if changes is None or changes.since != book.mark or store.change_mark() != changes.mark:
        changes = store.changes_since(book.mark)  # the store moved on since: follow all of it
    if changes is None or _needs_timeline(changes) and book._timeline is None:
        return _rebuilt(book, store)
    try:
        new = _follow(book, store, changes)
    except NotFoundError:  # not what the journal says: never guess
        return _rebuilt(book, store)
    if store.change_mark() != changes.mark:  # reading by id reloaded the store: start again
        return _rebuilt(book, store)
    return new


def _rebuilt(book: Book, store) -> Book:
    """A whole new Book, with a timeline index if ``book`` had one (built here, in the
    caller's thread, not later on whichever thread asks first)."""
    new = type(book).from_store(store)
    if book._timeline is not None:
        new.timeline("")
    return new


def _needs_timeline(changes: Changes) -> bool:
    """Edited or removed notes: their people are found through the timeline index."""
    return bool(changes.replaced.get(Interaction.table) or changes.removed.get(Interaction.table))


def _follow(book: Book, store, changes: Changes) -> Book:
    new = object.__new__(type(book))
    new.__dict__.update(book.__dict__)  # everything shared; what changes is replaced below
    new.mark = changes.mark
    new._timeline_sorted = dict(book._timeline_sorted)
    new._deep_sorted = dict(book._deep_sorted)
    if changes.settings:
        new.settings = store.settings()
    if Contact.table in changes.tables():
        _contacts(book, new, store, changes)
    if Interaction.table in changes.tables():
        _interactions(book, new, store, changes)
    if Promise.table in changes.tables():
        _promises(book, new, store, changes)
    if FocusPlan.table in changes.tables():
        new._plans = {p.month: p for p in store.focus_plans()}  # a few hundred at most
    return new


def _apply(old: list, changes: Changes, table: str, fetched: dict) -> list:
    """``old`` in store order with the changes applied: replaced records keep their
    place, removed ones go, added ones come last (as the store keeps them)."""
    added = [fetched[i] for i in changes.added.get(table, ())]
    replaced = changes.replaced.get(table, frozenset())
    removed = changes.removed.get(table, frozenset())
    if not replaced and not removed:
        return old + added
    out: list = []
    append = out.append
    for r in old:
        rid = r.id
        if rid in replaced:
            append(fetched[rid])
        elif rid not in removed:
            append(r)
    out += added
    return out


def _contacts(book: Book, new: Book, store, changes: Changes) -> None:
    table = Contact.table
    fetched = {i: store.get(Contact, i) for i in changes.put(table)}
    contacts = dict(book._contacts)
    counts = book.__dict__.get("_tier_counts")
    counts = Counter(counts) if counts is not None else None
    for cid in changes.removed.get(table, ()):
        old = contacts.pop(cid, None)
        if old is not None and counts is not None:
            counts[old.tier] -= 1
    for cid in changes.replaced.get(table, ()):
        old = contacts.get(cid)
        if old is not None and counts is not None:
            counts[old.tier] -= 1
        contacts[cid] = fetched[cid]  # an existing key keeps its place, as in the store
        if counts is not None:
            counts[fetched[cid].tier] += 1
    for cid in changes.added.get(table, ()):
        contacts[cid] = fetched[cid]
        if counts is not None:
            counts[fetched[cid].tier] += 1
    new._contacts = contacts
    if counts is None:
        new.__dict__.pop("_tier_counts", None)
    else:
        new.__dict__["_tier_counts"] = counts


def _interactions(book: Book, new: Book, store, changes: Changes) -> None:
    table = Interaction.table
    fetched = {i: store.get(Interaction, i) for i in changes.put(table)}
    gone = changes.replaced.get(table, frozenset()) | changes.removed.get(table, frozenset())
    if gone:  # edited or removed notes: book has a timeline index (see _needs_timeline)
        old_records, new._interactions = _edited(book, changes, fetched, gone)
    else:
        old_records, new._interactions = [], _apply(book._interactions, changes, table, fetched)

    new_for: dict[str, list[Interaction]] = defaultdict(list)
    for it in fetched.values():
        for cid in it.contacts:
            new_for[cid].append(it)
    affected = set(new_for)
    for it in old_records:
        affected.update(it.contacts)

    last_touch = dict(book._last_touch)
    deep = defaultdict(list, book._deep)
    for cid in affected:
        new._timeline_sorted.pop(cid, None)
        new._deep_sorted.pop(cid, None)
    if book._timeline is None:  # only added notes (see _needs_timeline): dates move forward
        for cid, notes in new_for.items():
            touches = [it for it in notes if it.kind != LOG]
            if not touches:
                continue
            day = max(it.date for it in touches)
            if day > last_touch.get(cid, ""):
                last_touch[cid] = day
            days = [it.date for it in touches if it.depth == "deep"]
            if days:
                deep[cid] = deep.get(cid, []) + days  # a new list: the old one is shared
    else:
        timeline = defaultdict(list, book._timeline)
        for cid in affected:
            kept = [it for it in timeline.get(cid, ()) if it.id not in gone] if gone else list(timeline.get(cid, ()))
            notes = kept + new_for.get(cid, [])
            if notes:
                timeline[cid] = notes
            else:
                timeline.pop(cid, None)
            touches = [it for it in notes if it.kind != LOG]
            if touches:
                last_touch[cid] = max(it.date for it in touches)
            else:
                last_touch.pop(cid, None)
            days = [it.date for it in touches if it.depth == "deep"]
            if days:
                deep[cid] = days
            else:
                deep.pop(cid, None)
        new._timeline = timeline
    new._last_touch = last_touch
    new._deep = deep


def _edited(book: Book, changes: Changes, fetched: dict[str, Interaction],
            gone: frozenset[str]) -> tuple[list[Interaction], list[Interaction]]:
    """The notes replaced or removed, and the notes with the changes applied.

    Walking every note's id reads every note, so an edited note is looked up on
    its people's timelines and then found in the list by identity; a removed one
    (whose people we do not know), or many, in one walk over the ids.
    """
    table = Interaction.table
    replaced = changes.replaced.get(table, frozenset())
    added = [fetched[i] for i in changes.added.get(table, ())]
    found: dict[str, Interaction] = {}
    for rid in replaced if len(gone) <= 4 and len(replaced) == len(gone) else ():
        for cid in fetched[rid].contacts:
            old = next((it for it in book._timeline.get(cid, ()) if it.id == rid), None)  # type: ignore[union-attr]  # checked above
            if old is not None:
                found[rid] = old
                break
    if len(found) == len(gone):
        out = list(book._interactions)
        for pos, rid in sorted(((_position(out, old), rid) for rid, old in found.items()), reverse=True):
            out[pos] = fetched[rid]
        return list(found.values()), out + added
    return ([it for it in book._interactions if it.id in gone],
            _apply(book._interactions, changes, table, fetched))


def _position(items: list, obj: object) -> int:
    """Where ``obj`` itself is in ``items``, comparing identities only (no __eq__)."""
    return list(map(is_, items, repeat(obj))).index(True)


def _promises(book: Book, new: Book, store, changes: Changes) -> None:
    table = Promise.table
    fetched = {i: store.get(Promise, i) for i in changes.put(table)}
    gone = changes.replaced.get(table, frozenset()) | changes.removed.get(table, frozenset())
    new._promises = _apply(book._promises, changes, table, fetched)
    by_id = dict(book._promise_by_id)
    affected: set[str] = set()
    for pid in gone:
        old = by_id.pop(pid, None)
        if old is not None:
            affected.add(old.contact)
    new_for: dict[str, list[Promise]] = defaultdict(list)
    for pid, p in fetched.items():
        by_id[pid] = p
        new_for[p.contact].append(p)
    affected.update(new_for)
    by_contact = defaultdict(list, book._promises_by_contact)
    for cid in affected:
        kept = [p for p in by_contact.get(cid, ()) if p.id not in gone]
        promises = kept + new_for.get(cid, [])
        if promises:
            by_contact[cid] = promises
        else:
            by_contact.pop(cid, None)
    new._promise_by_id = by_id
    new._promises_by_contact = by_contact
