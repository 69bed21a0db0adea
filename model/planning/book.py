"""A read-only view of the whole store with the indexes planning needs.

Every planning rule asks the same few questions per person: when was our last
deep conversation, our last touch, what is on their timeline, which promises
are open. :class:`Book` answers them from indexes built in **one pass** over
the interactions, so a due list over 5,000 people and 50,000 notes never
scans the notes once per person.

Definitions used everywhere in planning:

* a **touch** is any interaction except Kizuna's own ``log`` entries (tier
  changes, snoozes, promise updates are bookkeeping, not contact);
* a **deep conversation** is a touch whose depth is ``deep``. A touch never
  counts as a deep conversation.

Questions that depend on a date take ``on_or_before``: planning "as of" a date
ignores notes dated after it (``kizuna today --date`` in the past, or a note
written ahead for a meeting next week).

A Book is a snapshot: build a new one (``Book.from_store``) after a change, or
follow the store's own writes with :func:`model.planning.book_update.updated` (the app does, after
each save: it costs what changed, not 50,000 notes). A Book is never changed
once built, except for caches it fills on first use, so another thread may go
on reading an old Book while a new one is made from it.
"""

from __future__ import annotations

import calendar
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from datetime import date
from operator import attrgetter
from typing import Any

from model.records import Contact, FocusPlan, Interaction, Promise, Settings

LOG = "log"
_NO_NOTES: tuple[Interaction, ...] = ()


def month_key(when: date | str) -> str:
    """``YYYY-MM`` for a date (or a month key passed through)."""
    if isinstance(when, date):
        return f"{when.year:04d}-{when.month:02d}"
    return when


def month_start(when: date) -> date:
    return when.replace(day=1)


def month_end(when: date) -> date:
    return when.replace(day=calendar.monthrange(when.year, when.month)[1])


def _iso(when: date | None) -> str | None:
    return None if when is None else when.isoformat()


def _touches(dates: Iterable[str], people: Iterable[Iterable[str]], kinds: Iterable[str],
             depths: Iterable[str]) -> tuple[dict[str, str], defaultdict[str, list[str]]]:
    """Each person's last touch and deep conversation dates, from the notes' columns.

    Dates stay ISO strings (they sort as dates) until someone asks; the deep
    lists are in no order (sorted copies are made on first use)."""
    last_touch: dict[str, str] = {}
    deep: defaultdict[str, list[str]] = defaultdict(list)
    get = last_touch.get
    for day, ids, kind, depth in zip(dates, people, kinds, depths):
        if kind == LOG:
            continue
        for cid in ids:
            if day > get(cid, ""):
                last_touch[cid] = day
        if depth == "deep":
            for cid in ids:
                deep[cid].append(day)
    return last_touch, deep


def _timeline_key(it: Interaction) -> tuple[str, str, str]:
    return (it.date, it.created, it.id)


def _promise_key(p: Promise) -> tuple[str, str, str]:
    return (p.due, p.created, p.id)


class Book:
    """Contacts, interactions, promises and plans with per-person indexes."""

    def __init__(
        self,
        contacts: Iterable[Contact],
        interactions: Iterable[Interaction],
        promises: Iterable[Promise],
        plans: Iterable[FocusPlan] = (),
        settings: Settings | None = None,
        *,
        mark: object = None,
    ) -> None:
        #: the store's change mark these records were read at (``Store.change_mark``), if known
        self.mark = mark
        self.settings = settings or Settings()
        self._contacts: dict[str, Contact] = {c.id: c for c in contacts}
        self._interactions: list[Interaction] = list(interactions)
        #: set by from_store(full=False): reads the records when first needed
        self._pending: Callable[[], list[Interaction]] | None = None
        self._source: Any = None  # the store, while _pending (for one person's notes)
        #: set by from_store(full=False): the store's interaction index (see note_columns)
        self._index: dict[str, list] | None = None
        self._promises: list[Promise] = list(promises)
        self._plans: dict[str, FocusPlan] = {p.month: p for p in plans}

        # One pass over the interactions for the dates every rule needs (see
        # _touches); timelines (needed per person, not for the due list) are
        # indexed in one more pass on first use.
        its = self._interactions
        last_touch, deep = _touches(*(map(attrgetter(name), its) for name in ("date", "contacts", "kind", "depth")))
        # The per-person lists are never changed once built (book_update.updated shares them
        # with the next Book); sorted copies are made on first use and kept here.
        self._timeline: dict[str, list[Interaction]] | None = None
        self._timeline_sorted: dict[str, list[Interaction]] = {}
        self._last_touch = last_touch
        self._deep = deep
        self._deep_sorted: dict[str, list[str]] = {}

        by_contact: dict[str, list[Promise]] = defaultdict(list)
        for p in self._promises:
            by_contact[p.contact].append(p)
        self._promises_by_contact = by_contact
        self._promise_by_id = {p.id: p for p in self._promises}

    @classmethod
    def from_store(cls, store, *, full: bool = True) -> Book:
        """A Book of everything in ``store`` right now.

        ``full=False`` is for one-shot commands that need the dates, not the notes
        (``kizuna today``): the indexes are built from the store's small
        interaction index (date, people, kind, depth, by column) instead of
        50,000 records, and the records are read from the store only if a
        timeline or the interactions are asked for. The app builds full books
        (in a worker), so its screens never touch the store.
        """
        mark = store.change_mark() if hasattr(store, "change_mark") else None
        if full or not hasattr(store, "interaction_index"):
            return cls(store.contacts(), store.interactions(), store.promises(),
                       store.focus_plans(), store.settings(), mark=mark)
        index = store.interaction_index()
        book = cls(store.contacts(), (), store.promises(), store.focus_plans(), store.settings(), mark=mark)
        book._last_touch, book._deep = _touches(index["date"], index["contacts"], index["kind"], index["depth"])
        book._index = index
        book._pending = store.interactions
        book._source = store
        return book

    def _notes(self) -> list[Interaction]:
        """The interactions, read from the store now if this book was built from its index."""
        if self._pending is not None:
            self._interactions, self._pending = self._pending(), None
            self._index = None
            self._timeline = None
            self._timeline_sorted = {}
        return self._interactions

    # -- people ---------------------------------------------------------------

    def contact(self, contact_id: str) -> Contact:
        """The person with this id (KeyError if there is none)."""
        return self._contacts[contact_id]

    def get_contact(self, contact_id: str) -> Contact | None:
        return self._contacts.get(contact_id)

    def contacts(self) -> list[Contact]:
        return list(self._contacts.values())

    def in_tier(self, tier: str) -> list[Contact]:
        return [c for c in self._contacts.values() if c.tier == tier]

    def tier_count(self, tier: str) -> int:
        counts = self.__dict__.get("_tier_counts")
        if counts is None:  # counted once per snapshot: the app asks per tier on every redraw
            counts = self.__dict__["_tier_counts"] = Counter(c.tier for c in self._contacts.values())
        return counts[tier]

    def cap(self, tier: str) -> int | None:
        """The cap of a tier, or None for an uncapped one."""
        if tier == "deep":
            return self.settings.deep_cap
        if tier == "active":
            return self.settings.active_cap
        return None

    # -- timeline ---------------------------------------------------------------

    def interactions(self) -> list[Interaction]:
        return list(self._notes())

    def note_columns(self) -> tuple[Iterable[str], Iterable[Sequence[str]], Iterable[str], Iterable[str]]:
        """Every note's date, people, kind and depth, as four columns in one order, each
        to be walked once (``zip`` them).

        From the store's small index when this Book was built from it and the notes
        were not read since (``kizuna health`` counts 50,000 notes without building
        them), else read off the notes as they are walked. For counting over everyone."""
        if self._pending is not None and self._index is not None:
            index = self._index
            return index["date"], index["contacts"], index["kind"], index["depth"]
        its = self._notes()
        return tuple(map(attrgetter(name), its) for name in ("date", "contacts", "kind", "depth"))  # type: ignore[return-value]

    def _timelines(self) -> dict[str, list[Interaction]]:
        if self._timeline is None:
            timeline: dict[str, list[Interaction]] = defaultdict(list)
            for it in self._notes():
                for cid in it.contacts:
                    timeline[cid].append(it)
            self._timeline = timeline
        return self._timeline

    def confidential_notes(self, contact_ids: Iterable[str]) -> set[str]:
        """The ids of the confidential notes with these people (a promise made in one is
        as confidential as it: model/records/privacy.py); a book built from the index reads only
        these people's notes."""
        out: set[str] = set()
        for cid in set(contact_ids):
            if self._pending is not None and hasattr(self._source, "interactions_with"):
                notes = self._source.interactions_with(cid)
            else:
                notes = self._timelines().get(cid, ())
            out.update(i.id for i in notes if i.scope == "confidential")
        return out

    def secret_promises(self, promises: Iterable[Promise]) -> set[str]:
        """The ids of the promises among ``promises`` made in a confidential note with their
        person (as :meth:`confidential_notes` of that person says); a book built from the
        index reads only those promises' notes, not each person's."""
        made_in = [p for p in promises if p.interaction]
        if not made_in:
            return set()
        if self._pending is not None and hasattr(self._source, "interactions_by_id"):
            notes = {i.id: i for i in self._source.interactions_by_id({p.interaction for p in made_in})}
            return {p.id for p in made_in if (n := notes.get(p.interaction)) is not None
                    and n.scope == "confidential" and p.contact in n.contacts}
        secret = {cid: self.confidential_notes((cid,)) for cid in {p.contact for p in made_in}}
        return {p.id for p in made_in if p.interaction in secret[p.contact]}

    def person_token(self, contact_id: str) -> tuple:
        """What this person's timeline is made of, as objects: two Books give the same
        objects (``is``, item by item) exactly when the person, their notes and their
        promises are unchanged between them (:func:`~model.planning.book_update.updated` shares them). Lets a screen
        keep what it drew for someone across snapshots."""
        return (self._contacts.get(contact_id), self._timelines().get(contact_id),
                self._promises_by_contact.get(contact_id))

    def timeline(self, contact_id: str) -> list[Interaction]:
        """This person's interactions, log entries included, newest first.

        By date, then by the moment written (``created``, to the microsecond);
        the id only orders two written in the same microsecond, so the order never
        depends on where the store keeps a note.
        """
        done = self._timeline_sorted.get(contact_id)
        if done is None:
            items = self._timelines().get(contact_id)
            if not items:
                return []
            done = sorted(items, key=_timeline_key, reverse=True)
            self._timeline_sorted[contact_id] = done
        return list(done)

    def notes_of(self, contact_id: str) -> Sequence[Interaction]:
        """This person's interactions in no order, log entries included: the Book's own
        list (do not change it), the same object in an updated Book while their notes
        are unchanged (one shared empty tuple for anyone without notes). For counting,
        where :meth:`timeline`'s sort is not needed."""
        return self._timelines().get(contact_id) or _NO_NOTES

    def last_touch(self, contact_id: str, on_or_before: date | None = None) -> date | None:
        """The date of the last touch (any interaction but a log entry)."""
        last = self._last_touch.get(contact_id)
        if last is None:
            return None
        bound = _iso(on_or_before)
        if bound is None or last <= bound:
            return date.fromisoformat(last)
        # Rare: notes dated after the bound exist. Walk this one timeline.
        best = ""
        for it in self._timelines().get(contact_id, ()):
            if it.kind != LOG and best < it.date <= bound:
                best = it.date
        return date.fromisoformat(best) if best else None

    def deep_dates(self, contact_id: str) -> list[date]:
        """Dates of this person's deep conversations, oldest first."""
        return [date.fromisoformat(d) for d in self._deep_list(contact_id)]

    def _deep_list(self, contact_id: str) -> list[str]:
        done = self._deep_sorted.get(contact_id)
        if done is None:
            items = self._deep.get(contact_id)
            if not items:
                return []
            done = self._deep_sorted[contact_id] = sorted(items)
        return done

    def last_deep(self, contact_id: str, on_or_before: date | None = None) -> date | None:
        """The date of the last deep conversation (on or before a date, if given)."""
        items = self._deep_list(contact_id)
        if not items:
            return None
        if on_or_before is None:
            return date.fromisoformat(items[-1])
        i = bisect_right(items, on_or_before.isoformat())
        return date.fromisoformat(items[i - 1]) if i else None

    def deep_count(self, contact_id: str, start: date, end: date) -> int:
        """How many deep conversations fall between ``start`` and ``end``, both included."""
        items = self._deep_list(contact_id)
        if not items:
            return 0
        lo = bisect_left(items, start.isoformat())
        hi = bisect_right(items, end.isoformat())
        return max(0, hi - lo)

    # -- promises ---------------------------------------------------------------

    def promises(self) -> list[Promise]:
        return list(self._promises)

    def promise(self, promise_id: str) -> Promise:
        """The promise with this id (KeyError if there is none)."""
        return self._promise_by_id[promise_id]

    def promises_for(self, contact_id: str) -> list[Promise]:
        """This person's promises (mine to them and theirs to me), by due date."""
        return sorted(self._promises_by_contact.get(contact_id, ()), key=_promise_key)

    def open_promises(self) -> list[Promise]:
        return [p for p in self._promises if p.status == "open"]

    # -- focus plans ---------------------------------------------------------------

    def plan(self, month: date | str) -> FocusPlan | None:
        """The focus plan of a month (``YYYY-MM`` or any date in it), if there is one."""
        return self._plans.get(month_key(month))

    def plans(self) -> list[FocusPlan]:
        return sorted(self._plans.values(), key=lambda p: p.month)

    def focus_ids(self, month: date | str) -> list[str]:
        """Ids of the people in a month's focus plan, in slot order, each once."""
        plan = self.plan(month)
        if plan is None:
            return []
        seen: dict[str, None] = {}
        for slot in plan.slots:
            if slot.contact and slot.contact in self._contacts:
                seen.setdefault(slot.contact, None)
        return list(seen)
