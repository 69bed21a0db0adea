"""The files a device merges: other devices' files, the old store file, conflict copies.

Each is a :class:`Source`, read as far as it has arrived (:class:`Snapshot`): a half-arrived
source (its file here, a part not yet) is merged as far as it arrived and named in a one-line
notice. Conflict copies the sync tools leave (:data:`CONFLICT`) are sources too; once merged
they are moved into the backups folder, never deleted. ``kizuna sync status`` is :func:`peers`.
"""

from __future__ import annotations

import dataclasses
import os
import re
import zlib
from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path


from model.errors import KizunaError, StoreError
from model.language.i18n import _, ngettext
from model.records import Record, check_loaded
from model.store.devices import DEVICE_NAME, printable
from model.store.part_file import PartMissing
from model.store.parts import PARTITIONED, PART_COUNT, Parts, parts_dir, read_data
from model.store.storage import meta_doc, migrate
from model.store.sync import SyncMeta, _split, TYPES as _TYPES

#: a conflict copy of ``<base>.json`` as Syncthing, Dropbox, Nextcloud/ownCloud, Unison and iCloud name it
CONFLICT = re.compile(
    r"(?P<base>.+?)(?:\.sync-conflict-\d{8}-\d{6}-[A-Za-z0-9]+"  # Syncthing
    r"| \([^()/]*conflicted copy[^()/]*\)(?: \(\d+\))?"  # Dropbox, Nextcloud/ownCloud
    r"| \(conflict(?: #\d+)?_on_\d{4}-\d{2}-\d{2}\)"  # Unison's -copyonconflict
    r"| \d{1,3})\.json")  # iCloud: "kizuna 2.json"


@dataclass
class Source:
    """A file to merge: another device's store file, the old single store file, or a conflict copy."""

    key: str  # "device:<id>", "legacy", or "conflict:<file name>"
    path: Path
    parts: Path
    label: str  # how notices name where it came from

    @property
    def conflict(self) -> bool:
        return self.key.startswith("conflict:")

    def signature(self) -> str | None:
        try:
            st = self.path.stat()
        except OSError:
            return None
        try:
            names = sorted(os.listdir(self.parts))
        except OSError:
            names = []
        return f"{st.st_size}:{st.st_mtime_ns}:{zlib.crc32(chr(10).join(names).encode())}"


def find_sources(shared: Path, own: Path | None) -> list[Source]:
    """The files beside the store that may hold records this device has not merged."""
    out: list[Source] = []
    folders = [shared.parent]
    if own is not None:
        folders.append(own.parent)
        if shared.is_file():
            out.append(Source("legacy", shared, parts_dir(shared), "the store kept before two laptops"))
    for folder in folders:
        try:
            entries = os.listdir(folder)
        except OSError:
            continue
        for entry in sorted(entries):
            if not entry.endswith(".json"):
                continue
            path = folder / entry
            if own is not None and folder == own.parent and DEVICE_NAME.fullmatch(entry[:-5]):
                if path != own:
                    out.append(Source(f"device:{entry[:-5]}", path, parts_dir(path), entry[:-5]))
                continue
            m = CONFLICT.fullmatch(entry)
            if not m:
                continue
            base = m.group("base")
            if folder == shared.parent and base == shared.stem or (
                    own is not None and folder == own.parent and DEVICE_NAME.fullmatch(base)):
                out.append(Source(f"conflict:{entry}", path, folder / f"{base}-parts", f"conflict copy {entry}"))
    return out


class Snapshot:
    """A source read as far as it has arrived."""

    def __init__(self, source: Source) -> None:
        self.source = source
        data, named = read_data(source.path)
        self.data, _version = migrate(data, source.path)
        self.parts = {t: Parts(source.parts, t, _TYPES[t], named.get(t, [])) for t in PARTITIONED}
        self.missing = 0
        #: its merge data (outside text: checked as it is read)
        self.meta = SyncMeta.from_dict(meta_doc(self.data).get("sync"))

    def records(self, cls: type[Record], skip: Collection[int] = ()) -> list[Record]:
        """The records that arrived, but for the parts in ``skip``. The small tables are checked
        here (all at once when they are as Kizuna writes them, else one by one); the notes a merge
        would take are checked by it (:func:`check_record`): 50,000 checked on every merge cost seconds."""
        docs = list(self.data.get(cls.table, {}).values())
        names = _field_names(cls)
        try:
            if not all(d.keys() == names for d in docs):
                raise ValueError
            check_loaded(cls, docs)
            out: list[Record] = [cls.trusted(d) for d in docs]
        except (KizunaError, TypeError, ValueError):
            out = []
            for doc in docs:
                try:
                    out.append(cls.from_dict(doc))
                except (KizunaError, TypeError, ValueError) as exc:
                    raise StoreError(_("{path}: a {table} record cannot be used: {exc}").format(
                        path=self.source.path, table=cls.table, exc=exc)) from None
        part_set = self.parts.get(cls.table)
        if part_set is not None:
            for k in range(PART_COUNT):
                if k in skip:
                    continue
                try:
                    out.extend(part_set.part(k).values())
                except PartMissing:
                    self.missing += 1
        return out

    def picked(self, cls: type[Record], ids: list[str]) -> list[Record]:
        """The records with these ids (all of one skipped part), decoding only their lines."""
        try:
            return self.parts[cls.table].with_ids(ids)
        except PartMissing:
            self.missing += 1
            return []


_FIELDS: dict[type, set[str]] = {}


def _field_names(cls: type[Record]) -> set[str]:
    names = _FIELDS.get(cls)
    if names is None:
        names = _FIELDS[cls] = {f.name for f in dataclasses.fields(cls)}
    return names


def check_record(record: Record) -> None:
    """Refuse a record from another machine's file that Kizuna would not have written."""
    cls = type(record)
    names = _field_names(cls)
    try:
        if set(record.__dict__) != names:
            raise ValueError(f"fields {sorted(set(record.__dict__) ^ names)[:3]}")
        record.validate()
    except (KizunaError, TypeError, ValueError) as exc:
        raise StoreError(_("a {table} record from another device cannot be used: {exc}").format(
            table=cls.table, exc=exc)) from None


@dataclass
class Peer:
    """Another device as ``kizuna sync status`` shows it."""

    device: str
    name: str
    last_change: str  # when its file last changed ("" unknown)
    merged_at: str  # when this device last merged it ("" never)
    waiting: str  # what has not arrived or cannot be read ("" nothing)


def _clock_time(s: str) -> str:
    ms, _counter = _split(s)
    if ms <= 0:
        return ""
    try:
        return datetime.fromtimestamp(ms / 1000).isoformat(timespec="seconds")
    except (OverflowError, OSError, ValueError):
        return ""


def foreign(exc: StoreError) -> str:
    """A problem with another machine's file, said without "run kizuna doctor": not ours to repair."""
    return re.sub(r" ?\([^()]*'kizuna doctor'[^()]*\)", "", str(exc))  # the hint, in any language


def waiting_in(source: Source) -> tuple[str, SyncMeta]:
    """What a source still lacks, or why it cannot be read ("" when it is whole); its merge data."""
    try:
        snap = Snapshot(source)
    except StoreError as exc:
        return _("cannot be read: {exc}").format(exc=foreign(exc)), SyncMeta()
    missing = sum(len(p.absent()) for p in snap.parts.values())
    if not missing:
        return "", snap.meta
    return ngettext("waiting for {n} file", "waiting for {n} files", missing).format(n=missing), snap.meta


def peers(meta: SyncMeta, own: Path | None, shared: Path) -> tuple[list[Peer], list[str]]:
    """The other devices (their files here, or merged before) and the conflict copies waiting."""
    found: dict[str, Peer] = {}
    copies: list[str] = []
    for src in find_sources(shared, own):
        if src.conflict:
            copies.append(f"{src.path.name}: {waiting_in(src)[0] or _('not merged yet')}")
            continue
        if not src.key.startswith("device:"):
            continue
        device = src.key.split(":", 1)[1]
        done = (meta.merged.get(src.key) or {}).get("at", "")
        wait, theirs = waiting_in(src)
        if src.signature() == meta.seen.get(src.key):
            wait = ""
        elif not wait:
            wait = "not merged yet"
        try:  # the sync tools keep a file's time: when that device last wrote it
            changed = datetime.fromtimestamp(src.path.stat().st_mtime).isoformat(timespec="seconds")
        except (OSError, OverflowError, ValueError):
            changed = ""
        found[device] = Peer(device, printable(theirs.name), changed, done, wait)
    for key, entry in meta.merged.items():
        device = key.split(":", 1)[1] if key.startswith("device:") else ""
        if device and device not in found and DEVICE_NAME.fullmatch(device):
            since = meta.gone.get(device)
            found[device] = Peer(device, "", _clock_time(entry.get("clock", "")), entry.get("at", ""),
                                 _("its files left the folder (seen {since}; 'kizuna sync forget {device}' "
                                   "if it is retired)").format(since=since, device=device) if since else
                                 _("its file is not in the folder ('kizuna sync forget {device}' if it is "
                                   "retired)").format(device=device))
    return sorted(found.values(), key=lambda p: p.device), copies
