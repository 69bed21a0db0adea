"""The store's side of two laptops: merging what arrived from other devices' files.

:class:`Merging` is a part of :class:`model.store.database.Store` (a base class of it): under
the store's lock, every pending source (:mod:`model.store.sources`) is read as far as it has
arrived, planned record by record (every record it brings checked first: a source with one
bad record changes nothing) and applied to this device's records (:mod:`model.store.sync`
for the rule); tombstones no device needs any more are purged (:mod:`model.store.tombstones`).
A failure to merge is a notice, never an error: a half-arrived file is merged again later.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import orjson

from model.errors import KizunaError, StoreError
from model.language.i18n import _, ngettext, word
from model.language.os_errors import os_text
from model.records import RECORD_TYPES, Contact, Deletion, Interaction, Record, Settings
from model.store import devices as _devices
from model.store import parts as _parts
from model.store import sources as _sources
from model.store import sync as _sync
from model.store import tombstones as _tombs
from model.store.paths import make_private_dir
from model.store.parts import Parts
from model.store.storage import meta_doc
from model.store.sync import Clock, SyncMeta, TYPES as _TYPES

if TYPE_CHECKING:
    from model.store.journal import Journal
    from model.store.storage import AtomicJSONStorage
    from model.store.tables import FileTable


def _clean_stamps(value: object) -> dict[str, list[str]]:
    """Another device's stamps for one record, keeping only well-formed entries (its file is outside text)."""
    if not isinstance(value, dict):
        return {}
    return {f: [s[0], s[1]] for f, s in value.items()
            if isinstance(f, str) and isinstance(s, list) and len(s) == 2 and all(isinstance(x, str) for x in s)}


class Merging:
    """Merging other devices' files into this one (see the module)."""

    if TYPE_CHECKING:  # what Store gives
        path: Path
        shared_path: Path
        device: str | None
        notices: list[str]
        _sync_meta: SyncMeta | None
        _noted: dict[str, str]
        _merged_copies: list[Path]
        _backup_day: Callable[[], date]
        _tombstone_days: int
        _storage: AtomicJSONStorage
        _parts: dict[str, Parts]
        _journal: Journal

        def transaction(self) -> AbstractContextManager[Any]: ...
        def _table(self, cls: type[Record]) -> Parts | FileTable: ...
        def records(self, cls: type[Record]) -> list[Any]: ...
        def _meta(self) -> dict[str, Any]: ...
        def _put_meta(self, **changes: Any) -> None: ...
        def settings(self) -> Settings: ...
        @property
        def backups_dir(self) -> Path: ...

    def _sync(self) -> SyncMeta:
        if self._sync_meta is None:
            self._sync_meta = SyncMeta.from_dict(self._meta().get("sync"))
        return self._sync_meta

    @contextmanager
    def _clock(self) -> Iterator[Clock]:
        """This device's clock, for stamping; where it got to is saved with the stamps made."""
        clock = Clock(self.device or "here", self._sync().clock)
        yield clock
        self._sync().clock = clock.last
        self._save_sync()

    def _save_sync(self) -> None:
        self._put_meta(sync=self._sync().to_dict())

    def _pending(self) -> list[_sources.Source]:
        """Files beside the store holding changes not merged yet (cheap: a listing and a stat each)."""
        sources = _sources.find_sources(self.shared_path, self.path if self.device else None)
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
        clock = Clock(self.device or "here", meta.clock)
        changed = False
        learned: list[tuple[str, str]] = []  # tombstones new to this file
        for src in pending:
            sig = src.signature()
            try:
                snap = _sources.Snapshot(src)
                records = self._arrived_records(src, snap, meta)
            except StoreError as exc:
                self._noted[src.key] = sig or ""
                why = _sources.foreign(exc)
                self.notices.append(_("{name} left where it is: {why}").format(name=src.path.name, why=why)
                                    if src.conflict else
                                    _("not merged yet (still arriving, or damaged on {label}): {why}").format(
                                        label=src.label, why=why))
                continue
            label = src.label
            name = _devices.printable(snap.meta.name)
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
                meta.parts_seen[src.key] = {t: list(p.names) for t, p in snap.parts.items()}
                changed = True
        if learned:  # the clock of the first state of this file holding them (see _tombs.purgeable)
            tick = clock.now()
            for t, rid in learned:
                meta.held.setdefault(t, {})[rid] = tick
            changed = True
        if changed and self.device:
            self._purge(meta)
        if changed:
            self._check_caps()
            meta.clock = clock.last
            self._save_sync()
            self._journal.reset()

    def _purge(self, meta: SyncMeta) -> None:
        """Drop the tombstones no device can need any more (see :func:`_tombs.purgeable`)."""
        assert self.device
        gone = _tombs.note_gone(meta, self.device, _devices.present_devices(self.path.parent), self._backup_day())
        stones = _tombs.purgeable(meta, self.device, int(time.time() * 1000), self._tombstone_days, gone)
        _tombs.purge(meta, stones)
        deletions = self._table(Deletion)
        for t, rid in stones:  # its Deletion record too, or other devices would learn it again
            if t in _TYPES:
                deletions.delete(rid)

    def _arrived_records(self, src: _sources.Source, snap: _sources.Snapshot,
                         meta: SyncMeta) -> dict[type[Record], list[Record]]:
        """A source's records, but for the part files known to be merged already.

        Part files are never changed once written, so a part of the source that is one of
        ours (a conflict copy beside the store shares most of them) or that it named when
        it was last merged in full holds nothing new: merging a state again changes nothing.
        Only its records whose clock stamps may have moved are read from such a part.
        """
        out: dict[type[Record], list[Record]] = {}
        for cls in RECORD_TYPES:
            theirs = snap.parts.get(cls.table)
            if theirs is None:
                out[cls] = snap.records(cls)
                continue
            mine = self._parts.get(cls.table)
            before = (meta.parts_seen.get(src.key) or {}).get(cls.table) or []
            skip = {k for k, name in enumerate(theirs.names) if name is not None and (
                (mine is not None and theirs.folder == mine.folder and name == mine.names[k])
                or (k < len(before) and before[k] == name))}
            out[cls] = snap.records(cls, skip)
            stamped = snap.meta.stamps.get(cls.table)
            if skip and isinstance(stamped, dict):
                ids: dict[int, list[str]] = {}
                for rid in stamped:
                    if _parts.part_of(rid) in skip:
                        ids.setdefault(_parts.part_of(rid), []).append(rid)
                for wanted in ids.values():
                    out[cls] += snap.picked(cls, wanted)
        return out

    def _merge_snapshot(self, snap: _sources.Snapshot, records: dict, meta: SyncMeta,
                        clock: Clock, learned: list[tuple[str, str]]) -> int:
        """Merge one source's records into ours; say how many records changed here.

        Planned first, every record it brings checked, then applied: a source with one bad
        record changes nothing. The old store file of this machine is trusted as it always was.
        """
        theirs = snap.meta
        check = (lambda r: None) if snap.source.key == "legacy" else _sources.check_record
        ops: list[tuple] = []
        logs: list[Interaction] = []
        # Deletion records count as tombstones too, ours and theirs (see model.store.sync)
        my_deleted = _tombs.deletion_tombstones([d.to_dict() for d in self.records(Deletion)])
        x_deleted = _tombs.deletion_tombstones(snap.data.get(Deletion.table))
        try:
            for cls in RECORD_TYPES:
                t = cls.table
                table = self._table(cls)
                my_st = meta.stamps.get(t, {})
                my_tb = {**my_deleted.get(t, {}), **meta.tombstones.get(t, {})}
                x_st: Any = theirs.stamps.get(t) if isinstance(theirs.stamps.get(t), dict) else {}
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
                        merged, st, lost = _sync.merge_record(t, ro.to_dict(), rx.to_dict(), my_st.get(rid) or {}, sx)
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
            n += self._meta().get("settings") != values
            self._put_meta(settings=values)
            meta.stamps.setdefault(_sync.SETTINGS, {})[_sync.SETTINGS] = stamps
        return n

    def _merged_settings(self, snap: _sources.Snapshot, meta: SyncMeta,
                         theirs: SyncMeta) -> tuple[dict, dict] | None:
        """The settings with the source's merged in (checked), or None when nothing changes."""
        x_set = meta_doc(snap.data).get("settings")
        if not isinstance(x_set, dict) or not x_set:
            return None
        x_st: Any = theirs.stamps.get(_sync.SETTINGS) if isinstance(theirs.stamps.get(_sync.SETTINGS), dict) else {}
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
        for c in self.records(Contact):
            counts[c.tier] = counts.get(c.tier, 0) + 1
        for tier, cap in (("deep", settings.deep_cap), ("active", settings.active_cap)):
            if cap is not None and counts.get(tier, 0) > cap:
                self.notices.append(_("after merging, {tier} holds {count} people, more than its cap of {cap}: choose "
                                      "who moves down (kizuna today lists it)").format(
                    tier=word("tier", tier), count=counts[tier], cap=cap))

    def sync_status(self) -> tuple[str, list[_sources.Peer], list[str]]:
        """This device's name, the other devices and the conflict copies waiting (``kizuna sync status``)."""
        peers, copies = _sources.peers(self._sync(), self.path if self.device else None, self.shared_path)
        return _devices.printable(self._sync().name), peers, copies

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

    def _named_by_conflict_copies(self) -> set[str]:
        """Part files a conflict copy beside the store names: not set aside while it waits to be merged."""
        out: set[str] = set()
        own_parts = _parts.parts_dir(self.path)
        for src in _sources.find_sources(self.shared_path, self.path if self.device else None):
            if not src.conflict or src.parts != own_parts:
                continue
            try:  # only its list of parts is read: a copy damaged elsewhere still keeps its parts
                data = orjson.loads(src.path.read_bytes())
                out.update(n for names in _parts.check_table(data, src.path).values() for n in names if n)
            except (StoreError, OSError, ValueError, AttributeError, TypeError):
                continue  # a damaged copy names nothing it could be trusted with
        return out

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
