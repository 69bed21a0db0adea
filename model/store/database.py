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
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path
from typing import Any, TypeVar

import orjson

from model.store import parts as _parts
from model.store import sync as _sync
from model.store.backups import backups_dir, keep_daily, set_aside_dir
from model.errors import KizunaError, NotFoundError, StoreError
from model.store.journal import ADD, PUT, REMOVE, SETTINGS, Changes, Journal, Mark
from model.store.lock import LockTimeout, StoreLock
from model.records import RECORD_TYPES, Contact, Deletion, FocusPlan, Interaction, Promise, Record, Settings
from model.store.paths import make_private_dir
from model.store.storage import META_TABLE, SCHEMA_VERSION, TEMP_PREFIX, AtomicJSONStorage, write_target
from model.store.tables import FileTable
from model.language.i18n import _, ngettext, word
from model.language.os_errors import os_text

R = TypeVar("R", bound=Record)

LOCK_TIMEOUT = 15.0
LOCK_POLL = 0.002
_TYPES = {cls.table: cls for cls in RECORD_TYPES}


def _clean_stamps(value: object) -> dict[str, list[str]]:
    """Another device's stamps for one record, keeping only well-formed entries (its file is outside text)."""
    if not isinstance(value, dict):
        return {}
    return {f: [s[0], s[1]] for f, s in value.items()
            if isinstance(f, str) and isinstance(s, list) and len(s) == 2 and all(isinstance(x, str) for x in s)}


def _parts_table(path: Path) -> dict:
    """Only the ``parts`` table of a store file (for a conflict copy: which part files it names)."""
    data = orjson.loads(path.read_bytes())
    if not isinstance(data, dict) or not isinstance(data.get(_parts.PARTS_TABLE, {}), dict):
        raise StoreError(_("{path}: not a store file").format(path=path))
    return {_parts.PARTS_TABLE: data.get(_parts.PARTS_TABLE, {})}


def _signature(path: Path) -> tuple[int, int, int] | None:
    try:
        st = path.stat()
    except OSError:  # gone, or unreadable: reading it says which
        return None
    return (st.st_ino, st.st_mtime_ns, st.st_size)


class Store:
    """One owner's Kizuna data in one file. Not thread-safe: use one thread."""

    def __init__(self, path: str | os.PathLike, *, private_folder: bool = False,
                 backup_day: Callable[[], date] = date.today,
                 tombstone_days: int = _sync.TOMBSTONE_DAYS) -> None:
        self.path = Path(path)
        if self.path.is_symlink():  # it stays one: the target is written, its parts, lock and backups beside it
            self.path = Path(os.path.realpath(self.path))
        #: the path asked for; in a synced folder this device's own file is elsewhere (see model.store.sync)
        self.shared_path = self.path
        #: this machine's device id when the store is kept as device files, else None
        self.device: str | None = None
        if self.path.is_dir():
            raise StoreError(_("{path}: is a folder, not a store file").format(path=self.path))
        if _sync.sync_wanted(self.path):
            self.device = _sync.device_id()
            self.path = _sync.devices_dir(self.path) / f"{self.device}.json"
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

    # -- other devices (see model.store.sync) ----------------------------------------

    def _sync(self) -> _sync.SyncMeta:
        if self._sync_meta is None:
            self._sync_meta = _sync.SyncMeta.from_dict(self._meta().get("sync"))
        return self._sync_meta

    @contextmanager
    def _clock(self) -> Iterator[_sync.Clock]:
        """This device's clock, for stamping; where it got to is saved with the stamps made."""
        clock = _sync.Clock(self.device or "here", self._sync().clock)
        yield clock
        self._sync().clock = clock.last
        self._save_sync()

    def _save_sync(self) -> None:
        meta = dict(self._meta())
        meta["sync"] = self._sync().to_dict()
        self._storage.data[META_TABLE] = {"1": meta}
        self._storage.dirty = True

    def _pending(self) -> list[_sync.Source]:
        """Files beside the store holding changes not merged yet (cheap: a listing and a stat each)."""
        sources = _sync.find_sources(self.shared_path, self.path if self.device else None)
        if not sources:
            return []
        seen = self._sync().seen
        out = []
        for src in sources:
            sig = src.signature()
            if sig is not None and sig != seen.get(src.key) and sig != self._noted.get(src.key):
                out.append(src)
        return out

    def _merge_arrived(self) -> None:
        """Merge what arrived from other devices, as one write; a failure is a notice, not an error."""
        pending = self._pending()
        if not pending:
            return
        try:
            with self.transaction():
                pass  # the transaction merges before its body
        except StoreError as exc:
            self.notices.append(_("not merged yet: {exc}").format(exc=exc))
            for src in pending:  # tried again when they change (or at the next command), not every second
                self._noted[src.key] = src.signature() or ""

    def _merge_pending(self) -> None:
        """Under the lock: merge every pending source into this device's records."""
        pending = self._pending()
        if not pending:
            return
        meta = self._sync()
        clock = _sync.Clock(self.device or "here", meta.clock)
        changed = False
        learned: list[tuple[str, str]] = []  # tombstones new to this file
        for src in pending:
            sig = src.signature()
            try:
                snap = _sync.Snapshot(src)
                records = {cls: snap.records(cls) for cls in RECORD_TYPES}
            except StoreError as exc:
                self._noted[src.key] = sig or ""
                why = _sync.foreign(exc)
                self.notices.append(_("{name} left where it is: {why}").format(name=src.path.name, why=why)
                                    if src.conflict else
                                    _("not merged yet (still arriving, or damaged on {label}): {why}").format(
                                        label=src.label, why=why))
                continue
            label = src.label
            name = _sync.printable(snap.meta.name)
            if name and src.key.startswith("device:"):
                label = f"{name} ({src.label})"
            n = self._merge_snapshot(snap, records, meta, clock, learned)
            theirs = snap.meta
            ack = theirs.ack_of(self.device) if self.device else ""
            was = meta.merged.get(src.key) or {}
            moved = (was.get("clock"), was.get("ack")) != (theirs.clock, ack)
            if not src.conflict and (n or not snap.missing or moved):
                # when, and how far each side had got (kizuna sync status, the tombstone purge)
                meta.merged[src.key] = {"clock": theirs.clock, "ack": ack,
                                        "at": datetime.now().isoformat(timespec="seconds")}
                changed = True
            if n:
                self.notices.append(ngettext("{n} change merged from {label}", "{n} changes merged from {label}", n).format(
                    n=n, label=label))
            if snap.missing:
                self._noted[src.key] = sig or ""
                self.notices.append(ngettext("waiting for {n} file from {label}", "waiting for {n} files from {label}", snap.missing).format(
                    n=snap.missing, label=label))
            elif src.conflict:
                self._merged_copies.append(src.path)
            else:
                meta.seen[src.key] = sig or ""
                changed = True
        if learned:  # the clock of the first state of this file holding them (see _sync.purgeable)
            tick = clock.now()
            for t, rid in learned:
                meta.held.setdefault(t, {})[rid] = tick
            changed = True
        if changed and self.device:
            stones = _sync.purgeable(meta, self.device, int(time.time() * 1000), self._tombstone_days)
            _sync.purge(meta, stones)
            deletions = self._table(Deletion)
            for t, rid in stones:  # its Deletion record too, or other devices would learn it again
                if t in _TYPES:
                    deletions.delete(rid)
        if changed:
            self._check_caps()
            meta.clock = clock.last
            self._save_sync()
            self._journal.reset()

    def _merge_snapshot(self, snap: _sync.Snapshot, records: dict, meta: _sync.SyncMeta,
                        clock: _sync.Clock, learned: list[tuple[str, str]]) -> int:
        """Merge one source's records into ours; say how many records changed here.

        Planned first, every record it brings checked, then applied: a source with one bad
        record changes nothing. The old store file of this machine is trusted as it always was.
        """
        theirs = snap.meta
        check = (lambda r: None) if snap.source.key == "legacy" else _sync.check_record
        ops: list[tuple] = []
        logs: list[Interaction] = []
        # Deletion records count as tombstones too, ours and theirs (see model.store.sync)
        my_deleted = _sync.deletion_tombstones([d.to_dict() for d in self._all(Deletion)])
        x_deleted = _sync.deletion_tombstones(snap.data.get(Deletion.table))
        try:
            for cls in RECORD_TYPES:
                t = cls.table
                table = self._table(cls)
                my_st = meta.stamps.get(t, {})
                my_tb = {**my_deleted.get(t, {}), **meta.tombstones.get(t, {})}
                x_st = theirs.stamps.get(t) if isinstance(theirs.stamps.get(t), dict) else {}
                x_tb = {**x_deleted.get(t, {}), **theirs.tombstones.get(t, {})}
                ops += [("tomb", t, table, rid, ts) for rid, ts in x_tb.items()]
                for rx in records[cls]:
                    rid = rx.id
                    sx = _clean_stamps(x_st.get(rid))
                    tb = max(my_tb.get(rid, ""), x_tb.get(rid, ""))
                    if tb and _sync.latest(sx) < tb:
                        continue
                    ro = table.find(rid)
                    if ro is None:
                        check(rx)
                        ops.append(("put", t, table, rx, sx))
                    elif ro == rx:
                        if sx:
                            ops.append(("stamps", t, table, rid, sx))
                    else:
                        merged, st, lost = _sync.merge_record(t, ro.to_dict(), rx.to_dict(), my_st.get(rid) or {},
                                                             sx, snap.source.label)
                        new = cls.trusted(merged)
                        check(new)
                        ops.append(("put", t, table, new, st))
                        logs += lost
        except _parts.PartMissing as exc:
            raise StoreError(_("{exc}: a part file of the store is missing; not writing (run 'kizuna doctor')").format(
                exc=exc)) from None
        settings = self._merged_settings(snap, meta, theirs)
        clock.see(theirs.clock)
        n = 0
        for op, t, table, a, b in ops:
            my_st = meta.stamps.setdefault(t, {})
            if op == "tomb":
                if b > meta.tombstones.setdefault(t, {}).get(a, ""):
                    meta.tombstones[t][a] = b
                    learned.append((t, a))
                if b > _sync.latest(my_st.get(a)) and table.delete(a):
                    my_st.pop(a, None)
                    n += 1
            elif op == "stamps":  # the same value on both: keep the later stamp of each field
                mine = my_st.get(a) or {}
                later = {f: s for f, s in b.items() if s[0] > (mine.get(f) or [""])[0]}
                if later:
                    my_st[a] = {**mine, **later}
            else:
                old = table.find(a.id)
                if old != a:
                    (table.replace(a) if old is not None else table.insert(a))
                    n += 1
                if b:
                    my_st[a.id] = b
        notes = self._table(Interaction)
        for log in logs:
            if notes.find(log.id) is None:
                notes.insert(log)
        if settings is not None:
            values, stamps = settings
            doc = dict(self._meta())
            n += doc.get("settings") != values
            doc["settings"] = values
            self._storage.data[META_TABLE] = {"1": doc}
            self._storage.dirty = True
            meta.stamps.setdefault(_sync.SETTINGS, {})[_sync.SETTINGS] = stamps
        return n

    def _merged_settings(self, snap: _sync.Snapshot, meta: _sync.SyncMeta,
                         theirs: _sync.SyncMeta) -> tuple[dict, dict] | None:
        """The settings with the source's merged in (checked), or None when nothing changes."""
        doc = next(iter(snap.data.get(META_TABLE, {}).values()), {})
        x_set = doc.get("settings") if isinstance(doc, dict) else None
        if not isinstance(x_set, dict) or not x_set:
            return None
        x_st = theirs.stamps.get(_sync.SETTINGS) if isinstance(theirs.stamps.get(_sync.SETTINGS), dict) else {}
        my_set = dict(self._meta().get("settings") or {})
        my_st = (meta.stamps.get(_sync.SETTINGS) or {}).get(_sync.SETTINGS) or {}
        values, stamps = _sync.merge_settings(my_set, x_set, my_st, _clean_stamps(x_st.get(_sync.SETTINGS)),
                                              Settings().to_dict())
        if values == my_set and stamps == my_st:
            return None
        try:
            Settings.from_dict(values)
        except (KizunaError, TypeError, ValueError) as exc:
            raise StoreError(f"{snap.source.path}: its settings cannot be used: {exc}") from None
        return values, stamps

    def _check_caps(self) -> None:
        """Two laptops that each filled a tier's last place: say so (``kizuna today`` keeps saying it)."""
        settings = self.settings()
        counts: dict[str, int] = {}
        for c in self._all(Contact):
            counts[c.tier] = counts.get(c.tier, 0) + 1
        for tier, cap in (("deep", settings.deep_cap), ("active", settings.active_cap)):
            if cap is not None and counts.get(tier, 0) > cap:
                self.notices.append(_("after merging, {tier} holds {count} people, more than its cap of {cap}: choose "
                                      "who moves down (kizuna today lists it)").format(
                    tier=word("tier", tier), count=counts[tier], cap=cap))

    def sync_status(self) -> tuple[str, list[_sync.Peer], list[str]]:
        """This device's name, the other devices and the conflict copies waiting (``kizuna sync status``)."""
        peers, copies = _sync.peers(self._sync(), self.path if self.device else None, self.shared_path)
        return _sync.printable(self._sync().name), peers, copies

    def take_notices(self) -> list[str]:
        """The notices so far, once (the app shows each once)."""
        out, self.notices = self.notices, []
        return out

    def _move_merged_copies(self) -> None:
        """Conflict copies merged and committed: into the backups folder, never deleted."""
        copies, self._merged_copies = self._merged_copies, []
        if not copies:
            return
        aside = self.backups_dir / "conflict-copies"
        for path in copies:
            try:
                make_private_dir(aside)
                os.replace(path, aside / path.name)
                self.notices.append(_("{name} merged and moved to {aside}").format(name=path.name, aside=aside))
            except OSError as exc:
                self.notices.append(_("{name} merged but not moved: {strerror}").format(
                    name=path.name, strerror=os_text(exc)))

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
            self._lock = StoreLock(self.path.with_name(self.path.name + ".lock"),
                                   timeout=LOCK_TIMEOUT, poll=LOCK_POLL)
        try:
            self._lock.acquire()
        except LockTimeout:
            raise StoreError(_("{path}: another Kizuna process has held the lock for {seconds:.0f} s; try "
                               "again").format(path=self.path, seconds=LOCK_TIMEOUT)) from None
        except OSError as exc:
            raise StoreError(_("{path}: cannot take the lock: {strerror}").format(
                path=self.path, strerror=os_text(exc))) from None
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
                self._sync().name = _sync.host_name()
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
            try:
                self._lock.release()
            except OSError:
                pass  # closing the lock file (or this process ending) releases it anyway

    def _commit(self) -> None:
        """Back up, write new parts, then the store file (the commit point), then tidy.

        Before the commit only files this write made are deleted; after it, the
        superseded parts only once the commit is durable (folder synced).
        """
        try:
            self._backup()
            new, superseded = self._write_parts()
        except (OSError, orjson.JSONEncodeError) as exc:  # write_dirty removed its own files
            raise self._write_error(exc) from exc
        try:
            warning = self._storage.flush()
        except (OSError, orjson.JSONEncodeError) as exc:
            # JSONEncodeError: text JSON cannot hold (a lone surrogate from a bad byte)
            if _signature(self.path) == self._signature:  # not replaced: nothing names the new parts
                _parts.remove_files(_parts.parts_dir(self.path), new)
            raise self._write_error(exc) from exc
        self._signature = _signature(self.path)
        if warning:
            self.warnings.append(warning)  # not durable yet: the old parts may still be needed
            return
        _parts.remove_files(_parts.parts_dir(self.path), superseded)

    def _write_error(self, exc: BaseException) -> StoreError:
        reason = os_text(exc)
        return StoreError(_("{path}: cannot write it: {reason}; nothing was saved").format(
            path=self.path, reason=reason))

    def _write_parts(self) -> tuple[list[str], list[str]]:
        """Write changed parts to new files and name them in the store file's data.

        Returns the new and the superseded file names.
        """
        new: list[str] = []
        superseded: list[str] = []
        table = {}
        for i, (name, part_set) in enumerate(self._parts.items(), start=1):
            written, old = part_set.write_dirty()
            new += written
            superseded += old
            table[str(i)] = {"id": name, "files": part_set.names}
        if any(doc["files"] for doc in table.values()) or _parts.PARTS_TABLE in self._storage.data:
            self._storage.data[_parts.PARTS_TABLE] = table
            self._storage.dirty = True
        return new, superseded

    def _check_parts_present(self) -> None:
        """Refuse to write (or tidy) a store whose file names a part that is not there."""
        missing = [p.folder / name for p in self._parts.values() for name in p.absent()]
        if missing:
            raise StoreError(_("{name}: a part file of the store is missing; not writing (run 'kizuna doctor')").format(
                name=missing[0]))

    def _reload_after_failure(self) -> None:
        try:
            self._read()
        except StoreError:
            # The file itself is the problem; keep nothing that is not on disk.
            self._journal.reset()
            self._storage.data = {}
            self._tables.clear()
            self._parts.clear()
            self._signature = None  # no good snapshot: the next transaction reads (and refuses) again

    def _prepare_folder(self) -> None:
        folder = self.path.parent
        try:
            make_private_dir(folder)
            if self._private_folder:
                os.chmod(folder, 0o700)
        except OSError as exc:
            raise StoreError(_("{folder}: cannot create the folder: {strerror}").format(
                folder=folder, strerror=os_text(exc))) from None

    def _tidy(self) -> None:
        """Under the lock, with the part list checked: clear what killed writers left.

        Temp files are never named by anything and are deleted; part files the store
        file does not name are moved into the backups folder (see
        :func:`model.store.parts.set_aside_unnamed`). A failure here loses nothing.
        """
        target = write_target(self.path)
        try:
            for folder in {self.path.parent, target.parent}:
                for tmp in folder.glob(f"{TEMP_PREFIX}{target.name}-*"):
                    tmp.unlink(missing_ok=True)
            named = {n for p in self._parts.values() for n in p.named()}
            named |= self._named_by_conflict_copies()
            _parts.set_aside_unnamed(_parts.parts_dir(self.path), named,
                                     set_aside_dir(self.path, self._backup_day()))
        except OSError:
            pass

    def _named_by_conflict_copies(self) -> set[str]:
        """Part files a conflict copy beside the store names: not set aside while it waits to be merged."""
        out: set[str] = set()
        own_parts = _parts.parts_dir(self.path)
        for src in _sync.find_sources(self.shared_path, self.path if self.device else None):
            if not src.conflict or src.parts != own_parts:
                continue
            try:
                data = _parts_table(src.path)
                out.update(n for names in _parts.check_table(data, src.path).values() for n in names if n)
            except (StoreError, OSError, ValueError, AttributeError, TypeError):
                continue  # a damaged copy names nothing it could be trusted with
        return out

    def _backup(self) -> None:
        """Keep today's first version of the store (see :mod:`model.store.backups`)."""
        names = [n for p in self._parts.values() for n in p.named()]
        keep_daily(self.path, self._backup_day(), names)

    # -- reading records --------------------------------------------------------

    def _all(self, cls: type[R]) -> list[R]:
        return list(self._in_parts(lambda: self._table(cls).all()))

    def records(self, cls: type[R]) -> list[R]:
        """Every record of a type, including ones without a method of their own (deletions)."""
        return self._all(cls)

    def contacts(self) -> list[Contact]:
        return self._all(Contact)

    def interactions(self) -> list[Interaction]:
        return self._all(Interaction)

    def interactions_with(self, contact_id: str) -> list[Interaction]:
        """One person's interactions (in no order), reading only their records from disk."""
        return list(self._in_parts(lambda: self._parts[Interaction.table].with_contact(contact_id)))

    def interactions_picked(self, pick: Callable[[bytes, Callable[[], dict]], Iterable[int]]) -> list[Interaction]:
        """The interactions whose lines ``pick(body, index)`` chooses in each part file, a
        superset to check (see :meth:`model.store.part_file.PartFile.rows_picked`): what
        ``kizuna search`` decodes instead of all 50,000 notes."""
        return list(self._in_parts(lambda: self._parts[Interaction.table].picked(pick)))

    def interaction_index(self) -> dict[str, list]:
        """``date``, ``contacts``, ``kind`` and ``depth`` of every interaction, by column.

        What planning needs to know who is due, without building 50,000 records:
        ``kizuna today`` reads only the parts' small index lines.
        """
        return self._in_parts(lambda: self._parts[Interaction.table].index())

    def promises(self) -> list[Promise]:
        return self._all(Promise)

    def focus_plans(self) -> list[FocusPlan]:
        return self._all(FocusPlan)

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
        for doc in self._storage.data.get(META_TABLE, {}).values():
            return doc
        return {"schema_version": SCHEMA_VERSION, "settings": {}}

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
        with self.transaction():
            self._insert(record)
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
        self._journal.record(record.table, record.id, ADD)
        if self.on_commit is not None:
            self._ops.append((record.table, None, record))

    def put(self, record: R) -> R:
        """Replace the stored record with the same ``id`` by ``record``."""
        with self.transaction():
            table = self._table(type(record))
            old = self._in_parts(lambda: table.find(record.id)) if (self.device or self.on_commit) else None
            before = old
            if not self._in_parts(lambda: table.replace(record)):
                raise NotFoundError(_("no {what} with id {id} to update (another process may have deleted it)").format(
                    what=_(record.table.rstrip("s")), id=record.id))
            if old is not None and self.device:
                with self._clock() as clock:
                    _sync.stamp_changes(self._sync(), clock, record.table, old.to_dict(), record.to_dict())
            self._journal.record(record.table, record.id, PUT)
            if self.on_commit is not None:
                self._ops.append((record.table, before, record))
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
            self._journal.record(record.table, record.id, REMOVE)
            if self.on_commit is not None:
                self._ops.append((record.table, before, None))

    def _lift_tombstone(self, record: Record) -> None:
        """A deleted record put back (an undo): stamp every field after its tombstone so the
        other devices take it back too, and drop the tombstone here."""
        meta = self._sync()
        meta.tombstones[record.table].pop(record.id, None)
        meta.held.get(record.table, {}).pop(record.id, None)
        with self._clock() as clock:
            meta.stamps.setdefault(record.table, {})[record.id] = {
                name: [clock.now(), ""] for name in record.to_dict() if name not in _sync.NO_STAMP}

    def tombstoned(self) -> dict[str, tuple[str, str]]:
        """Records the merge holds as deleted (device mode), by id: (table, tombstone stamp),
        for each tombstone no later change outran."""
        meta = self._sync()
        out: dict[str, tuple[str, str]] = {}
        for t, stones in meta.tombstones.items():
            if t not in _TYPES:  # a Deletion record taken back by an undo leaves one too
                continue
            stamps = meta.stamps.get(t, {})
            out.update((rid, (t, ts)) for rid, ts in stones.items() if ts > _sync.latest(stamps.get(rid)))
        return out

    def save_settings(self, settings: Settings) -> None:
        with self.transaction():
            meta = dict(self._meta())
            old = {**Settings().to_dict(), **(meta.get("settings") or {})}
            meta["settings"] = settings.to_dict()
            self._storage.data[META_TABLE] = {"1": meta}
            self._storage.dirty = True
            if self.device:  # stamp the keys changed (a merge compares them, as for records)
                with self._clock() as clock:
                    _sync.stamp_changes(self._sync(), clock, _sync.SETTINGS, {**old, "id": _sync.SETTINGS},
                                        {**meta["settings"], "id": _sync.SETTINGS})
            self._journal.record(SETTINGS, "", PUT)

    def record_types(self) -> dict[str, type[Record]]:
        return dict(_TYPES)
