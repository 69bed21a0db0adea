"""Two laptops, one synced folder: device files, conflict copies and the merge.

A store in a synced folder (Syncthing, Dropbox, Nextcloud, iCloud Drive) is
kept as one store *per device*: ``kizuna-devices/<device>.json`` with its part
files in ``kizuna-devices/<device>-parts/``. A device writes only its own
files and never deletes another device's, so a sync tool never sees two
writers of one file. Each device's file holds everything that device knows;
the others' files are read as *sources* and merged into it record by record
(:func:`merge_source`), so a half-arrived source (its file here, a part not
yet) is merged as far as it has arrived and named in a one-line notice.

The merge is a state merge: union by record id; for a record changed on both
sides each field is taken from the later change by its hybrid logical clock
stamp (:class:`Clock`), the set-aside value kept on the person's timeline as
a ``log`` note whose id is derived from what it records (so both laptops
make the same one); a deletion (tombstone) wins over older edits. Merging is
the same whichever laptop does it and in whatever order, so both converge.

Tombstones: the merge's own (``SyncMeta.tombstones``, stamped by the clock,
set by ``Store.remove`` in device mode) are authoritative for the merge. The
:class:`~model.records.Deletion` records that deleting from Kizuna leaves (in
any mode, see :mod:`model.actions.edit`) count as tombstones too, stamped at
their ``created`` time (:func:`deletion_tombstones`): a deletion made before
the store went into device mode, or one held in a conflict copy, still wins
over older edits. Putting a deleted record back (an undo) lifts its tombstone
with fresh stamps, so it comes back on the other laptops too. A tombstone goes
(:func:`purgeable`) once every device known here has merged a state of this
file that held it and it is older than :data:`TOMBSTONE_DAYS`.

The settings are merged the same way, per key (:func:`merge_settings`); none
is about one machine. The layout is on in a synced folder (:func:`sync_reason`:
a sync client's marker file or folder name, ``kizuna-devices/``, or
``KIZUNA_SYNC``); ``kizuna sync on|off`` is :func:`switch_sync`.

Conflict copies the sync tools leave (:data:`CONFLICT`) are sources too; once
merged they are moved into the backups folder, never deleted.
"""

from __future__ import annotations

import dataclasses
import os
from datetime import datetime
import re
import secrets
import socket
import time
import uuid
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson

from model.errors import KizunaError, StoreError
from model.records import RECORD_TYPES, Interaction, Record
from model.store.part_file import PartMissing
from model.store.parts import PARTITIONED, PART_COUNT, Parts, parts_dir, read_data
from model.store.storage import META_TABLE, migrate
from model.language.i18n import _, ngettext
from model.language.os_errors import os_text

DEVICE_ENV = "KIZUNA_DEVICE"
SYNC_ENV = "KIZUNA_SYNC"
DEVICE_NAME = re.compile(r"[A-Za-z0-9_-]{1,40}")
#: files and folders that say "this folder is synced" (Syncthing, Dropbox, Nextcloud/ownCloud)
SYNC_MARKERS = (".stfolder", ".dropbox", ".dropbox.cache", ".owncloudsync.log", ".sync_journal.db", ".nextcloudsync.log")
#: a conflict copy of ``<base>.json`` as Syncthing, Dropbox, Nextcloud/ownCloud, Unison and iCloud name it
CONFLICT = re.compile(
    r"(?P<base>.+?)(?:\.sync-conflict-\d{8}-\d{6}-[A-Za-z0-9]+"  # Syncthing
    r"| \([^()/]*conflicted copy[^()/]*\)(?: \(\d+\))?"  # Dropbox, Nextcloud/ownCloud
    r"| \(conflict(?: #\d+)?_on_\d{4}-\d{2}-\d{2}\)"  # Unison's -copyonconflict
    r"| \d{1,3})\.json")  # iCloud: "kizuna 2.json"
_TYPES = {cls.table: cls for cls in RECORD_TYPES}
_NO_LOG = {"id", "created", "updated"}
#: fields a change is not stamped for (see :func:`stamp_changes`)
NO_STAMP = _NO_LOG


def devices_dir(store_path: Path) -> Path:
    return store_path.with_name(store_path.stem + "-devices")


def device_id() -> str:
    """This machine's device id: ``$KIZUNA_DEVICE``, else chosen once and kept outside any synced folder."""
    env = os.environ.get(DEVICE_ENV)
    if env:
        if not DEVICE_NAME.fullmatch(env):
            raise StoreError(_("{var}={env!r}: a device id is 1-40 letters, digits, '-' or '_'").format(
                var=DEVICE_ENV, env=env[:40]))
        return env
    from platformdirs import user_config_path

    from model.store.paths import make_private_dir
    from model.store.storage import atomic_write

    where = user_config_path("kizuna", appauthor=False) / "device"
    try:
        found = where.read_text("utf-8").strip()
        if DEVICE_NAME.fullmatch(found):
            return found
    except (OSError, UnicodeDecodeError):
        pass
    new = secrets.token_hex(4).upper()
    try:
        make_private_dir(where.parent)
        atomic_write(where, new.encode() + b"\n")
    except OSError as exc:
        raise StoreError(_("{where}: cannot keep this machine's device id: {strerror}").format(
            where=where, strerror=os_text(exc))) from None
    return new


#: path parts of the folders the usual sync clients keep (OneDrive, Google Drive and iCloud
#: leave no marker file): OneDrive, "OneDrive - Company", Dropbox, "Dropbox (Team)", Nextcloud,
#: ownCloud, iCloud Drive as seen on macOS, Google Drive's mount and its "My Drive", and
#: macOS's ~/Library/CloudStorage, where every newer client keeps its folder ("OneDrive-Personal")
SYNC_FOLDERS = re.compile(
    r"onedrive|onedrive ?- ?.+|dropbox|dropbox \(.+\)|nextcloud|owncloud|mobile documents|icloud ?drive"
    r"|com~apple~clouddocs|google ?drive|googledrive-.+|my drive|cloudstorage")


def off_marker(store_path: Path) -> Path:
    """The file ``kizuna sync off`` leaves beside the store: one file, the layout not wanted."""
    return store_path.with_name(store_path.stem + "-sync-off")


def sync_reason(store_path: Path) -> str | None:
    """Why the store is kept as device files, in a few words; None when it is one file."""
    if os.environ.get(SYNC_ENV, "") not in ("", "0"):
        return _("{var} is set").format(var=SYNC_ENV)
    if devices_dir(store_path).is_dir():
        return _("{name}/ is there").format(name=devices_dir(store_path).name)
    if os.path.lexists(off_marker(store_path)):
        return None
    for folder in [store_path.parent, *store_path.parent.parents][:12]:
        for m in SYNC_MARKERS:
            if os.path.lexists(folder / m):
                return _("{path} marks a synced folder").format(path=folder / m)
    for part in store_path.parent.parts:
        if SYNC_FOLDERS.fullmatch(part.casefold()):
            return _("{part!r} in its path is a synced folder").format(part=part)
    return None


def sync_wanted(store_path: Path) -> bool:
    """Keep the store as device files? Yes once any device wrote them, when asked, or in a synced folder."""
    return sync_reason(store_path) is not None


def own_file(store_path: Path) -> Path:
    """The file this machine writes for the store at ``store_path`` (itself unless in a synced folder)."""
    return devices_dir(store_path) / f"{device_id()}.json" if sync_wanted(store_path) else store_path


# -- the clock --------------------------------------------------------------------


def stamp(ms: int, counter: int, device: str) -> str:
    """A hybrid logical clock reading as a string that sorts in time order."""
    return f"{ms:015d}.{counter:05d}.{device}"


def _split(s: str) -> tuple[int, int]:
    try:
        ms, counter, _rest = s.split(".", 2)
        return int(ms), int(counter)
    except ValueError:
        return 0, 0


class Clock:
    """A hybrid logical clock: wall time, but never behind any stamp seen.

    A laptop whose clock runs ahead stamps the future; the other laptop, once it
    has seen that stamp, stamps after it, so its later edit still wins.
    """

    def __init__(self, device: str, last: str = "") -> None:
        self.device = device
        self.last = last

    def see(self, other: str) -> None:
        if other and _split(other) > _split(self.last):
            self.last = stamp(*_split(other), self.device)

    def now(self) -> str:
        ms, counter = _split(self.last)
        wall = int(time.time() * 1000)
        self.last = stamp(wall, 0, self.device) if wall > ms else stamp(ms, counter + 1, self.device)
        return self.last


# -- sources ----------------------------------------------------------------------


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
        meta = next(iter(self.data.get(META_TABLE, {}).values()), {})
        #: its merge data (outside text: checked as it is read)
        self.meta = SyncMeta.from_dict(meta.get("sync") if isinstance(meta, dict) else None)

    def records(self, cls: type[Record]) -> list[Record]:
        """The records that arrived. The small tables are validated here; the notes a merge
        would take are checked by it (:func:`check_record`): 50,000 checked on every merge cost seconds."""
        out: list[Record] = []
        for doc in self.data.get(cls.table, {}).values():
            try:
                out.append(cls.from_dict(doc))
            except (KizunaError, TypeError, ValueError) as exc:
                raise StoreError(_("{path}: a {table} record cannot be used: {exc}").format(
                    path=self.source.path, table=cls.table, exc=exc)) from None
        part_set = self.parts.get(cls.table)
        if part_set is not None:
            for k in range(PART_COUNT):
                try:
                    out.extend(part_set.part(k).values())
                except PartMissing:
                    self.missing += 1
        return out


_FIELDS: dict[type, set[str]] = {}


def check_record(record: Record) -> None:
    """Refuse a record from another machine's file that Kizuna would not have written."""
    cls = type(record)
    names = _FIELDS.get(cls)
    if names is None:
        names = _FIELDS[cls] = {f.name for f in dataclasses.fields(cls)}
    try:
        if set(record.__dict__) != names:
            raise ValueError(f"fields {sorted(set(record.__dict__) ^ names)[:3]}")
        record.validate()
    except (KizunaError, TypeError, ValueError) as exc:
        raise StoreError(_("a {table} record from another device cannot be used: {exc}").format(
            table=cls.table, exc=exc)) from None


# -- the merge --------------------------------------------------------------------


@dataclass
class SyncMeta:
    """What a device file keeps for merging (in its ``meta`` document, key ``sync``)."""

    clock: str = ""
    #: per table, per record id, per field: [stamp of its last change, stamp it replaced]
    stamps: dict[str, dict[str, dict[str, list[str]]]] = field(default_factory=dict)
    #: per table, per record id: the stamp of its deletion
    tombstones: dict[str, dict[str, str]] = field(default_factory=dict)
    #: per source key: the signature of the source when it was merged in full
    seen: dict[str, str] = field(default_factory=dict)
    name: str = ""
    #: per source key, its last merge here: {"clock": its clock then, "at": when (local time),
    #: "ack": the clock of this device's file that it had merged} (status, tombstone purge)
    merged: dict[str, dict[str, str]] = field(default_factory=dict)
    #: per table, per id: this device's clock when a tombstone learnt from another file entered
    #: this file (its own deletions entered at their own stamp); see :func:`purgeable`
    held: dict[str, dict[str, str]] = field(default_factory=dict)

    @classmethod
    def from_dict(cls, d: Any) -> SyncMeta:
        if not isinstance(d, dict):
            return cls()
        def obj(key: str) -> dict:
            v = d.get(key)
            return v if isinstance(v, dict) else {}

        def strings(key: str) -> dict[str, dict[str, str]]:  # another device's file is outside text
            return {k: {f: x for f, x in v.items() if isinstance(x, str)} for k, v in obj(key).items()
                    if isinstance(v, dict)}
        return cls(str(d.get("clock") or ""), obj("stamps"), strings("tombstones"), obj("seen"),
                   str(d.get("name") or ""), strings("merged"), strings("held"))

    def to_dict(self) -> dict[str, Any]:
        out = {"clock": self.clock, "name": self.name, "stamps": self.stamps,
               "tombstones": self.tombstones, "seen": self.seen}
        if self.merged:
            out["merged"] = self.merged
        if self.held:
            out["held"] = self.held
        return out

    def ack_of(self, device: str) -> str:
        """The clock of ``device``'s file as this file last merged it in full ("" if never)."""
        return (self.merged.get(f"device:{device}") or {}).get("clock", "")


def host_name() -> str:
    return printable(socket.gethostname()) or "this machine"


def deletion_tombstones(docs: Any) -> dict[str, dict[str, str]]:
    """Tombstones (per table, per id: a stamp) for ``deletions`` table documents, each
    stamped at its ``created`` time; documents that do not parse are left out (outside text)."""
    out: dict[str, dict[str, str]] = {}
    for doc in (docs.values() if isinstance(docs, dict) else docs or ()):
        if not isinstance(doc, dict):
            continue
        rid, of, created = doc.get("id"), doc.get("of"), doc.get("created")
        if not (isinstance(rid, str) and of in _TYPES and isinstance(created, str)):
            continue
        try:
            ms = int(datetime.fromisoformat(created).timestamp() * 1000)
        except (ValueError, OverflowError, OSError):
            continue
        s = stamp(max(ms, 0), 0, "deletion")
        if s > out.setdefault(of, {}).get(rid, ""):
            out[of][rid] = s
    return out


def latest(stamps: dict[str, list[str]] | None) -> str:
    return max((s[0] for s in (stamps or {}).values() if s), default="")


def _enc(value: Any) -> bytes:
    return orjson.dumps(value, option=orjson.OPT_SORT_KEYS)


def _short(value: Any) -> str:
    text = value if isinstance(value, str) else _enc(value).decode()
    text = " ".join(text.split())
    return text if len(text) <= 80 else text[:79] + "…"


def _person(table: str, doc: dict) -> str | None:
    if table == "contacts":
        return doc["id"]
    if table == "interactions":
        return doc["contacts"][0] if doc.get("contacts") else None
    if table == "promises":
        return doc.get("contact") or None
    return None


def merge_record(table: str, mine: dict, theirs: dict, s_mine: dict, s_theirs: dict,
                 source_label: str) -> tuple[dict, dict, list[Interaction]]:
    """Field by field, the later change wins. Returns (record, its stamps, log notes for what lost)."""
    out = dict(mine)
    stamps = dict(s_mine)
    logs: list[Interaction] = []
    lost: list[tuple[str, Any, str]] = []
    for name in sorted(set(mine) | set(theirs)):
        a, b = mine.get(name), theirs.get(name)
        if a == b:
            continue
        if name == "updated":
            out[name] = max(str(a or ""), str(b or ""))
            continue
        if name == "created":
            out[name] = min(str(a or "~"), str(b or "~"))
            continue
        sa, sb = s_mine.get(name) or ["", ""], s_theirs.get(name) or ["", ""]
        if (sb[0], _enc(b)) > (sa[0], _enc(a)):
            out[name], win_s, lose, lose_s = b, sb, a, sa
            if s_theirs.get(name):
                stamps[name] = list(sb)
        else:
            win_s, lose, lose_s = sa, b, sb
        if win_s[0] and len(win_s) > 1 and win_s[1] == lose_s[0]:
            continue  # the winner replaced exactly this value: an update, not a conflict
        if name not in _NO_LOG:
            lost.append((name, lose, lose_s[0]))
    person = _person(table, out)
    when = max(str(mine.get("updated") or ""), str(theirs.get("updated") or ""))
    what = {"contacts": "this person's", "interactions": "a note's", "promises": "a promise's"}.get(table)
    for name, lose, lose_stamp in lost if person and what else ():
        key = f"kizuna-merge:{table}:{mine['id']}:{name}:{lose_stamp}:{_enc(lose).decode()}"
        logs.append(Interaction.trusted({
            "id": str(uuid.uuid5(uuid.NAMESPACE_URL, key)), "date": when[:10], "contacts": (person,),
            "kind": "log", "depth": "touch", "tags": (), "scope": "open",
            "text": f"Two laptops changed {what} {name}: set aside {_short(lose)!r} (kept {_short(out[name])!r})",
            "created": when, "updated": when}))
    return out, stamps, logs


#: where the settings' stamps are kept: ``SyncMeta.stamps[SETTINGS][SETTINGS]``, per setting key
SETTINGS = "settings"


def merge_settings(mine: dict, theirs: dict, s_mine: dict, s_theirs: dict,
                   defaults: dict) -> tuple[dict, dict]:
    """The settings merged: per key, the later change wins by its clock stamp, as for records.

    A value never chosen here (absent, or unstamped and the default) gives way to any other;
    two unstamped values (from before two laptops) go to the greater, by their JSON. Each key
    ends as the greatest of its values in one order, so every merge order ends the same.
    Returns (settings, their stamps).
    """
    out, stamps = dict(mine), dict(s_mine)

    def rank(d: dict, s: dict, key: str) -> tuple[str, bool, bytes]:
        when = (s.get(key) or [""])[0]
        return when, bool(when) or d[key] != defaults.get(key), _enc(d[key])

    for key in theirs:
        if key in mine and theirs[key] == mine[key]:
            if s_theirs.get(key) and (s_theirs[key][0]) > (s_mine.get(key) or [""])[0]:
                stamps[key] = list(s_theirs[key])  # the same value: keep its later stamp
        elif key not in mine or rank(theirs, s_theirs, key) > rank(mine, s_mine, key):
            out[key] = theirs[key]
            if s_theirs.get(key):
                stamps[key] = list(s_theirs[key])
    return out, stamps


def stamp_changes(meta: SyncMeta, clock: Clock, table: str, old: dict | None, new: dict) -> None:
    """Stamp the fields a local change touched (what a merge compares)."""
    if old is None:
        return
    rec = meta.stamps.setdefault(table, {}).setdefault(new["id"], {})
    for name, value in new.items():
        if name in _NO_LOG or old.get(name) == value:
            continue
        rec[name] = [clock.now(), (rec.get(name) or [""])[0]]


# -- tombstones: kept long enough, not for ever ----------------------------------------

#: a tombstone is kept at least this long, for a device this store has not heard from
TOMBSTONE_DAYS = 400


def purgeable(meta: SyncMeta, me: str, now_ms: int, days: int = TOMBSTONE_DAYS) -> list[tuple[str, str]]:
    """The tombstones no device can need any more, as (table, id): older than ``days``, and
    every other device known to this file has merged a state of this file that held it.

    Once every device has merged the deletion, none still holds the record with older edits
    to bring it back; a device not heard from yet (a laptop joining later with an old copy)
    is what the age is for.
    """
    devices = {k.split(":", 1)[1] for k in (*meta.seen, *meta.merged) if k.startswith("device:")} - {me}
    acks = [(meta.merged.get(f"device:{d}") or {}).get("ack", "") for d in devices]
    oldest = now_ms - days * 86_400_000
    out = []
    for table, stones in meta.tombstones.items():
        held = meta.held.get(table, {})
        for rid, ts in stones.items():
            if _split(ts)[0] < oldest and all(ack >= held.get(rid, ts) for ack in acks):
                out.append((table, rid))
    return out


def purge(meta: SyncMeta, stones: list[tuple[str, str]]) -> None:
    for table, rid in stones:
        meta.tombstones[table].pop(rid, None)
        meta.held.get(table, {}).pop(rid, None)


# -- the switch and the status (``kizuna sync``) -----------------------------------------


def switch_sync(store_path: Path, on: bool) -> str:
    """Turn the device layout on or off for the store at ``store_path``; say what was done.

    On: ``kizuna-devices/`` is made beside the store (the marker Kizuna honours from then on,
    carried to the other laptops by the sync tool). Off: only before any device file exists,
    as the one file would not hold the notes in them.
    """
    from model.store.paths import make_private_dir

    devices, off = devices_dir(store_path), off_marker(store_path)
    if on:
        try:
            if os.path.lexists(off):
                off.unlink()
            make_private_dir(devices)
        except OSError as exc:
            raise StoreError(_("{devices}: cannot turn the two-laptop layout on: {strerror}").format(
                devices=devices, strerror=os_text(exc))) from None
        return _("on: this laptop keeps its own file in {devices}").format(devices=devices)
    try:
        files = sorted(n[:-5] for n in os.listdir(devices) if n.endswith(".json")) if devices.is_dir() else []
    except OSError as exc:
        raise StoreError(_("{path}: cannot read it: {strerror}").format(path=devices, strerror=os_text(exc))) from None
    if files:
        shown = _(", ").join(files[:3]) + (_(" and {n} more").format(n=len(files) - 3) if len(files) > 3 else "")
        raise StoreError(ngettext("{devices} holds the files of {n} device ({shown}): the layout stays on, "
                                  "as one file would not hold their notes",
                                  "{devices} holds the files of {n} devices ({shown}): the layout stays on, "
                                  "as one file would not hold their notes", len(files)).format(
            devices=devices, n=len(files), shown=shown))
    try:
        if devices.is_dir():
            devices.rmdir()
        make_private_dir(off.parent)
        fd = os.open(off, os.O_WRONLY | os.O_CREAT, 0o600)
        os.close(fd)
    except OSError as exc:
        raise StoreError(_("{off}: cannot turn the two-laptop layout off: {strerror}").format(
            off=off, strerror=os_text(exc))) from None
    also = _("; but {var} is set, which keeps it on for this shell").format(var=SYNC_ENV) \
        if os.environ.get(SYNC_ENV, "") not in ("", "0") else ""
    return _("off: the store stays one file, {name} ({marker} says so){also}").format(
        name=store_path.name, marker=off.name, also=also)


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


def printable(text: str, width: int = 40) -> str:
    return "".join(ch for ch in text if ch.isprintable())[:width]


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
            found[device] = Peer(device, "", _clock_time(entry.get("clock", "")), entry.get("at", ""),
                                 "its file is not in the folder")
    return sorted(found.values(), key=lambda p: p.device), copies
