"""What one :class:`~model.store.Store` object itself changed, so a snapshot can follow it.

The app keeps a planning snapshot (:class:`model.planning.Book`) of the whole
store. Rebuilding it after every save is a Python pass over 50,000 notes; the
store instead keeps a short journal of its own writes, and
:meth:`Store.changes_since` answers "what changed since this mark?" so the
snapshot can be updated from the few records that did (``model.planning.book_update.updated``).

The journal only knows what *this* object wrote. Whenever the store reads the
file again (another process wrote, a failed write was rolled back by reloading,
a part file was superseded under a reader), its *epoch* moves on and every
older mark answers ``None``: the caller must rebuild from the store. The
journal is bounded (:data:`MAX_ENTRIES`); a mark older than what it still holds
answers ``None`` too.
"""

from __future__ import annotations

#: entries kept; past this the oldest half is dropped (a mark before them answers None).
#: A change this big (an import) costs about as much to follow as to rebuild.
MAX_ENTRIES = 2048
#: the pseudo-table of :meth:`Store.save_settings`
SETTINGS = "settings"

ADD, PUT, REMOVE = "add", "put", "remove"


class Mark(tuple):
    """An opaque point in one store object's history (compare marks with ``==``).

    (journal, epoch, seq); a plain tuple subclass, as cheap to import as to make:
    every command imports the store."""

    __slots__ = ()

    journal = property(lambda self: self[0])
    epoch = property(lambda self: self[1])
    seq = property(lambda self: self[2])


class Changes:
    """What changed between two marks, per table (``contacts``, ``interactions``, ...).

    Ids are net of each other: a record added and then changed is *added*; one
    changed twice is *replaced* once; one added and then removed is in none.
    A record removed and added again (a new position in its table) is in both
    ``removed`` and ``added``; apply removals first. ``added`` keeps the order
    the records were added in (the order the store holds them in).
    """

    __slots__ = ("since", "mark", "added", "replaced", "removed", "settings")

    def __init__(self, since: Mark, mark: Mark, added: dict[str, tuple[str, ...]] | None = None,
                 replaced: dict[str, frozenset[str]] | None = None,
                 removed: dict[str, frozenset[str]] | None = None, settings: bool = False) -> None:
        self.since = since
        self.mark = mark  #: the mark of the state these changes lead to
        self.added = added or {}
        self.replaced = replaced or {}
        self.removed = removed or {}
        self.settings = settings

    def __repr__(self) -> str:
        return (f"Changes(added={self.added}, replaced={self.replaced}, removed={self.removed}, "
                f"settings={self.settings})")

    def __bool__(self) -> bool:
        return bool(self.added or self.replaced or self.removed or self.settings)

    def put(self, table: str) -> set[str]:
        """Ids of ``table`` added or replaced."""
        return set(self.added.get(table, ())) | self.replaced.get(table, frozenset())

    def tables(self) -> set[str]:
        return set(self.added) | set(self.replaced) | set(self.removed)


class Journal:
    """The writes of one store object since it last read its file."""

    def __init__(self) -> None:
        self._key = object()  # marks of another store never match
        self._epoch = 0
        self._base = 0  # the sequence number of _entries[0]
        self._entries: list[tuple[str, str, str]] = []  # (table, id, ADD | PUT | REMOVE)

    def reset(self) -> None:
        """The store read its file again: nothing before now can be followed."""
        self._epoch += 1
        self._base += len(self._entries)
        self._entries = []

    def record(self, table: str, record_id: str, op: str) -> None:
        self._entries.append((table, record_id, op))
        if len(self._entries) > MAX_ENTRIES:
            drop = len(self._entries) // 2
            self._base += drop
            del self._entries[:drop]

    def mark(self) -> Mark:
        return Mark((self._key, self._epoch, self._base + len(self._entries)))

    def since(self, mark: object) -> Changes | None:
        if (not isinstance(mark, Mark) or mark.journal is not self._key or mark.epoch != self._epoch
                or mark.seq < self._base or mark.seq > self._base + len(self._entries)):
            return None
        # per id: did it exist at the mark, was it removed meanwhile, does it exist now
        first: dict[tuple[str, str], str] = {}
        last: dict[tuple[str, str], str] = {}
        dropped: set[tuple[str, str]] = set()
        added_at: dict[tuple[str, str], int] = {}
        settings = False
        for n, (table, record_id, op) in enumerate(self._entries[mark.seq - self._base:]):
            if table == SETTINGS:
                settings = True
                continue
            key = (table, record_id)
            first.setdefault(key, op)
            last[key] = op
            if op == REMOVE:
                dropped.add(key)
            elif op == ADD:
                added_at[key] = n
        added: dict[str, list[tuple[int, str]]] = {}
        replaced: dict[str, set[str]] = {}
        removed: dict[str, set[str]] = {}
        for key, op in last.items():
            table, record_id = key
            existed = first[key] != ADD  # an add succeeds only on a new id
            exists = op != REMOVE
            if existed and (not exists or key in dropped):
                removed.setdefault(table, set()).add(record_id)
            if exists and (not existed or key in dropped):
                added.setdefault(table, []).append((added_at[key], record_id))
            elif exists:
                replaced.setdefault(table, set()).add(record_id)
        return Changes(
            since=mark, mark=self.mark(),
            added={t: tuple(i for _, i in sorted(ids)) for t, ids in added.items()},
            replaced={t: frozenset(ids) for t, ids in replaced.items()},
            removed={t: frozenset(ids) for t, ids in removed.items()},
            settings=settings,
        )
