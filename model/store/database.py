"""The store: the owner's records in a store file and its part files, kept safe.

All access to the files goes through :class:`Store`. Its promises:

* **Atomic** writes (see :mod:`model.store.storage`).
* **Locked** read-modify-write: :meth:`Store.transaction` takes a lock file
  beside the store for as long as one change takes, reloads first if another
  process wrote since we last read, and writes once at the end. The lock is
  never held while the app sits idle, so ``kizuna note`` works while the app
  is open in another terminal.
* **Never overwrite what could not be read**: a damaged or newer file raises
  :class:`~model.errors.StoreError` and nothing is written.
* A failed write or a failed change reloads from disk, so memory never holds
  a change the file does not.
* **Rolling backups**: before the first write of a day the current file is
  kept as ``<name>-backups/<stem>-YYYY-MM-DD.json`` (the last seven days),
  with its part files hard-linked into ``<stem>-YYYY-MM-DD-parts/`` beside it.
* **Private**: the file is 0600, a folder Kizuna creates is 0700.

Records are referenced by their own ``id`` (a UUID); TinyDB's ``doc_id`` is
an internal storage key only. Records handed out are frozen snapshots.

The ``interactions`` table (tens of thousands of notes) lives in part files
beside the store file, read lazily and written copy-on-write with the store
file as the one commit point: see :mod:`model.store.parts`. The other tables live
inside the store file (:mod:`model.store.tables`); both kinds have one face.

Every write is also noted in a short journal (:mod:`model.store.journal`), so a
planning snapshot can follow this object's own changes
(:meth:`Store.changes_since`, ``model.planning.book_update.updated``) instead of being rebuilt.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any, TypeVar


from model.store import parts as _parts
from model.store import devices as _devices
from model.store import tombstones as _tombs
from model.store import sync as _sync
from model.store.sync import TYPES as _TYPES
from model.store.backups import backups_dir
from model.errors import NotFoundError, StoreError
from model.store.journal import ADD, PUT, REMOVE, SETTINGS, Changes, Journal, Mark
from model.store.lock import StoreLock
from model.store.merging import Merging
from model.store.writing import Writing, file_signature as _signature
from model.records import Contact, FocusPlan, Interaction, Promise, Record, Settings
from model.store.storage import META_TABLE, SCHEMA_VERSION, AtomicJSONStorage, meta_doc
from model.store.tables import FileTable
from model.language.i18n import _

R = TypeVar("R", bound=Record)

LOCK_TIMEOUT = 15.0
LOCK_POLL = 0.002


class Store(Merging, Writing):
    """One owner's Kizuna data in one file. Not thread-safe: use one thread."""

    def __init__(self, path: str | os.PathLike, *, private_folder: bool = False,
                 backup_day: Callable[[], date] = date.today,
                 tombstone_days: int = _tombs.TOMBSTONE_DAYS) -> None:
        self.path = Path(path)
        if self.path.is_symlink():  # it stays one: the target is written, its parts, lock and backups beside it
            self.path = Path(os.path.realpath(self.path))
        #: the path asked for; in a synced folder this device's own file is elsewhere (see model.store.sync)
        self.shared_path = self.path
        #: this machine's device id when the store is kept as device files, else None
        self.device: str | None = None
        if self.path.is_dir():
            raise StoreError(_("{path}: is a folder, not a store file").format(path=self.path))
        if _devices.sync_wanted(self.path):
            self.device = _devices.device_id()
            self.path = _devices.devices_dir(self.path) / f"{self.device}.json"
        #: one line each about what arrived from other devices (the caller shows them)
        self.notices: list[str] = []
        self._sync_meta: _sync.SyncMeta | None = None
        #: sources that could not be merged in full, by key: their signature then (not tried again until it changes)
        self._noted: dict[str, str] = {}
        #: conflict copies merged by the running transaction: moved to the backups once it committed
        self._merged_copies: list[Path] = []
        self._private_folder = private_folder
        #: the day a backup is named after (a parameter so tests can move through days)
        self._backup_day = backup_day
        #: how old a tombstone every device has merged must be to go (a parameter for tests)
        self._tombstone_days = tombstone_days
        self._storage = AtomicJSONStorage(self.path)
        self._lock: StoreLock | None = None  # made by the first transaction
        self._depth = 0
        self._signature: tuple[int, int, int] | None = None
        #: the tables inside the store file (contacts, promises, plans) of the version we read
        self._tables: dict[str, FileTable] = {}
        #: partitioned tables (interactions) of the version we read
        self._parts: dict[str, _parts.Parts] = {}
        #: what this object wrote since it last read the file (see changes_since)
        self._journal = Journal()
        #: one line per write that succeeded with a problem after its commit (the caller shows them)
        self.warnings: list[str] = []
        #: called with the (table, before, after) records of each committed transaction
        #: (the undo log, :mod:`model.actions.undo`); None records nothing
        self.on_commit: Callable[[list[tuple[str, Record | None, Record | None]]], None] | None = None
        self._ops: list[tuple[str, Record | None, Record | None]] = []
        self._read()
        self._merge_arrived()

    # -- loading ------------------------------------------------------------

    def _read(self) -> None:
        self._journal.reset()
        self._sync_meta = None
        self._signature = _signature(self.path)
        self._tables.clear()
        self._parts.clear()
        self._storage.load()
        self._open_parts()

    def _open_parts(self) -> None:
        """Name this version's part files; move any table still inside the file into parts."""
        data = self._storage.data
        folder = _parts.parts_dir(self.path)
        named = _parts.check_table(data, self.path)
        for table in _parts.PARTITIONED:
            cls = _TYPES[table]
            self._parts[table] = part_set = _parts.Parts(folder, table, cls, named.get(table, []))
            inline = data.pop(table, None)
            if inline:  # a file from before parts (or a restored old backup): move the records out
                try:
                    for doc in inline.values():
                        record = cls.trusted(doc)
                        part_set.replace(record) or part_set.insert(record)
                except _parts.PartMissing as exc:
                    raise StoreError(_("{exc}: a part file of the store is missing (run 'kizuna doctor')").format(
                        exc=exc)) from None
                self._storage.migrated = True

    def _table(self, cls: type[Record]) -> _parts.Parts | FileTable:
        """Where ``cls``'s records are: part files, or a table inside the store file."""
        table = self._parts.get(cls.table) or self._tables.get(cls.table)
        if table is None:
            table = self._tables[cls.table] = FileTable(self._storage, cls)
        return table

    def _in_parts(self, call: Callable[[], Any]) -> Any:
        """Run ``call`` on the part files; if another process superseded them since we
        read the store file (possible only outside a transaction), reload and retry."""
        try:
            return call()
        except _parts.PartMissing as exc:
            if self._depth:
                raise StoreError(_("{exc}: a part file of the store is missing; not writing (run 'kizuna doctor')").format(exc=exc)) from None
        self._read()
        try:
            return call()
        except _parts.PartMissing as exc:
            raise StoreError(_("{exc}: a part file of the store is missing (run 'kizuna doctor')").format(
                exc=exc)) from None

    def changed_on_disk(self) -> bool:
        """Has another process written the file, or another device's file arrived, since we last read?"""
        return _signature(self.path) != self._signature or bool(self._pending())

    def refresh(self) -> bool:
        """Reload if the file changed on disk, merge what arrived; say whether anything did."""
        changed = False
        if _signature(self.path) != self._signature:
            self._read()
            changed = True
        if self._pending():
            self._merge_arrived()
            changed = True
        return changed

    @property
    def backups_dir(self) -> Path:
        return backups_dir(self.path)

    # -- writing ------------------------------------------------------------

    @contextmanager
    def transaction(self) -> Iterator[Store]:
        """Lock, reload if needed, let the caller change things, write once.

        Nested calls join the outer transaction. If the body or the write
        fails, the in-memory data is reloaded from disk and the error raised.
        """
        if self._depth:
            self._depth += 1
            try:
                yield self
            finally:
                self._depth -= 1
            return
        self._prepare_folder()
        if self._lock is None:
            # filelock polls a held lock: a short poll (LOCK_POLL) keeps the hand-over
            # prompt; at its default a waiting `kizuna note` lost most of its time sleeping.
            self._lock = StoreLock(self.path, timeout=LOCK_TIMEOUT, poll=LOCK_POLL)
        with self._lock:
            self._depth = 1
            try:
                if _signature(self.path) != self._signature:
                    self._read()
                self._check_parts_present()
                self._merge_pending()
                self._tidy()
                yield self
                changed = self._storage.dirty or any(p.dirty for p in self._parts.values())
                if changed and self.device and not self._sync().name:  # how other machines' notices name this one
                    self._sync().name = _devices.host_name()
                    self._save_sync()
                if changed or self._storage.migrated:
                    self._commit()
                self._move_merged_copies()
                ops, self._ops = self._ops, []
                if ops and self.on_commit is not None:
                    self.on_commit(ops)
            except BaseException:
                self._ops = []
                self._merged_copies = []
                self._reload_after_failure()
                raise
            finally:
                self._depth = 0

    # -- reading records --------------------------------------------------------

    def records(self, cls: type[R]) -> list[R]:
        """Every record of a type, including ones without a method of their own (deletions)."""
        return list(self._in_parts(lambda: self._table(cls).all()))

    def contacts(self) -> list[Contact]:
        return self.records(Contact)

    def interactions(self) -> list[Interaction]:
        return self.records(Interaction)

    def interactions_with(self, contact_id: str) -> list[Interaction]:
        """One person's interactions (in no order), reading only their records from disk."""
        return list(self._in_parts(lambda: self._parts[Interaction.table].with_contact(contact_id)))

    def interactions_by_id(self, ids: Iterable[str]) -> list[Interaction]:
        """The interactions with these ids (those that exist), reading one part's bytes for each."""
        return list(self._in_parts(lambda: self._parts[Interaction.table].with_ids(ids)))

    def interactions_picked(self, pick: Callable[[bytes, Callable[[], dict]], Iterable[int]], *,
                            starts: bool = False) -> list[Interaction]:
        """The interactions whose lines ``pick(body, index)`` chooses in each part file, a
        superset to check (see :meth:`model.store.part_file.PartFile.rows_picked`; with
        ``starts``, ``pick`` gives where the lines start in ``body``): what ``kizuna
        search`` decodes instead of all 50,000 notes."""
        return list(self._in_parts(lambda: self._parts[Interaction.table].picked(pick, starts=starts)))

    def interaction_index(self) -> dict[str, list]:
        """``date``, ``contacts``, ``kind`` and ``depth`` of every interaction, by column.

        What planning needs to know who is due, without building 50,000 records:
        ``kizuna today`` reads only the parts' small index lines.
        """
        return self._in_parts(lambda: self._parts[Interaction.table].index())

    def promises(self) -> list[Promise]:
        return self.records(Promise)

    def focus_plans(self) -> list[FocusPlan]:
        return self.records(FocusPlan)

    def get(self, cls: type[R], record_id: str) -> R:
        found = self._in_parts(lambda: self._table(cls).find(record_id))
        if found is None:
            raise NotFoundError(_("no {what} with id {id}").format(what=_(cls.table.rstrip("s")), id=record_id))
        return found

    def contact(self, contact_id: str) -> Contact:
        return self.get(Contact, contact_id)

    def focus_plan(self, month: str) -> FocusPlan | None:
        for plan in self.focus_plans():
            if plan.month == month:
                return plan
        return None

    def settings(self) -> Settings:
        return Settings.from_dict(self._meta().get("settings") or {})

    def _meta(self) -> dict[str, Any]:
        return meta_doc(self._storage.data) or {"schema_version": SCHEMA_VERSION, "settings": {}}

    def _put_meta(self, **changes: Any) -> None:
        """Change keys of the store file's ``meta`` document (the settings, the merge data)."""
        self._storage.data[META_TABLE] = {"1": {**self._meta(), **changes}}
        self._storage.dirty = True

    @property
    def version(self) -> tuple[int, int, int] | None:
        """Changes whenever the file does; the app compares it to notice writes."""
        return self._signature

    def change_mark(self) -> Mark:
        """An opaque token for "the records as this object holds them now" (cheap)."""
        return self._journal.mark()

    def changes_since(self, mark: object) -> Changes | None:
        """The records this object added, replaced and removed since ``mark``, per table.

        None when it cannot tell: it read the file again since (another process
        wrote, a failed write was rolled back), or the change was too big to keep
        (see :mod:`model.store.journal`). Then rebuild whatever followed it.
        """
        return self._journal.since(mark)

    # -- changing records ---------------------------------------------------------

    def add(self, record: R) -> R:
        """Insert a new record (its ``id`` must be new)."""
        self.add_many([record])
        return record

    def add_many(self, records: Iterable[Record]) -> int:
        """Insert many new records in one transaction (one write); say how many. All or nothing."""
        records = list(records)
        with self.transaction():
            for record in records:
                self._insert(record)
        return len(records)

    def _insert(self, record: Record) -> None:
        table = self._table(type(record))
        if not self._in_parts(lambda: table.insert(record)):
            raise StoreError(_("{path}: a {table} record with id {id} exists already").format(
                path=self.path, table=record.table, id=record.id))
        if self.device and record.id in self._sync().tombstones.get(record.table, {}):
            self._lift_tombstone(record)
        self._done(ADD, record, None, record)

    def _done(self, op: str, record: Record, before: Record | None, after: Record | None) -> None:
        """Note a change in the journal, and for the undo log when one listens."""
        self._journal.record(record.table, record.id, op)
        if self.on_commit is not None:
            self._ops.append((record.table, before, after))

    def put(self, record: R) -> R:
        """Replace the stored record with the same ``id`` by ``record``."""
        with self.transaction():
            table = self._table(type(record))
            old = self._in_parts(lambda: table.find(record.id)) if (self.device or self.on_commit) else None
            if not self._in_parts(lambda: table.replace(record)):
                raise NotFoundError(_("no {what} with id {id} to update (another process may have deleted it)").format(
                    what=_(record.table.rstrip("s")), id=record.id))
            if old is not None and self.device:
                with self._clock() as clock:
                    _sync.stamp_changes(self._sync(), clock, record.table, old.to_dict(), record.to_dict())
            self._done(PUT, record, old, record)
        return record

    def remove(self, record: Record) -> None:
        with self.transaction():
            table = self._table(type(record))
            before = self._in_parts(lambda: table.find(record.id)) if self.on_commit else None
            if not self._in_parts(lambda: table.delete(record.id)):
                raise NotFoundError(_("no {what} with id {id} to remove").format(
                    what=_(record.table.rstrip("s")), id=record.id))
            if self.device:  # a tombstone: the deletion wins over older edits from other devices
                meta = self._sync()
                with self._clock() as clock:
                    meta.tombstones.setdefault(record.table, {})[record.id] = clock.now()
                    meta.stamps.get(record.table, {}).pop(record.id, None)
                    meta.held.get(record.table, {}).pop(record.id, None)  # held since its own stamp
            self._done(REMOVE, record, before, None)

    def save_settings(self, settings: Settings) -> None:
        with self.transaction():
            old = {**Settings().to_dict(), **(self._meta().get("settings") or {})}
            self._put_meta(settings=settings.to_dict())
            if self.device:  # stamp the keys changed (a merge compares them, as for records)
                with self._clock() as clock:
                    _sync.stamp_changes(self._sync(), clock, _sync.SETTINGS, {**old, "id": _sync.SETTINGS},
                                        {**settings.to_dict(), "id": _sync.SETTINGS})
            self._journal.record(SETTINGS, "", PUT)

    def record_types(self) -> dict[str, type[Record]]:
        return dict(_TYPES)
