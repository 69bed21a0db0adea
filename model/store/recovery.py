"""The way back: list the backups, put one back, find and repair a damaged store.

Everything here works on the files, under the store's lock, and follows the
store's rules: nothing is overwritten in place, and nothing is deleted. What
is replaced (the current store by a restore, a damaged part by a repair) is
first kept aside in the backups folder (``<stem>-before-restore-STAMP.json``
with its ``-parts/`` folder, ``<stem>-damaged-STAMP/``), so a wrong step can
always be taken back.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field, fields
from datetime import datetime
from pathlib import Path

import orjson

from model.errors import KizunaError, StoreError
from model.records import Contact, Interaction, Promise
from model.store import parts as _parts
from model.store.backups import backup_files, backups_dir, link_or_copy, link_parts
from model.store.lock import StoreLock
from model.store.part_file import PartFile, encode, write_new
from model.store.paths import make_private_dir
from model.store.storage import Data, atomic_write, cannot_read, fsync_dir, parse
from model.store.storage import encode as encode_store
from model.language.i18n import _

TABLE = _parts.PARTITIONED[0]
FIELDS = [f.name for f in fields(Interaction)]


# -- reading a store's files without trusting them ---------------------------------------------

def part_names(data: Data) -> list[str | None]:
    for doc in data.get(_parts.PARTS_TABLE, {}).values():
        if doc.get("id") == TABLE:
            return (list(doc.get("files") or []) + [None] * _parts.PART_COUNT)[:_parts.PART_COUNT]
    return [None] * _parts.PART_COUNT


def read_part(path: Path) -> list[Interaction]:
    """Every record of a part file, or StoreError naming what is wrong with it."""
    f = PartFile(path, TABLE)
    f.index()
    return f.records(Interaction)  # type: ignore[return-value]  # read as Interaction


def intact_records(path: Path, k: int) -> tuple[list[Interaction], int | None]:
    """The records of a damaged part that still read (it is JSON Lines), and how many its header says."""
    try:
        raw = path.read_bytes()
    except OSError:
        return [], None
    lines = raw.split(b"\n")
    names, rows = FIELDS, None
    try:
        header = orjson.loads(lines[0])
        if isinstance(header, dict) and isinstance(header.get("fields"), list):
            names = header["fields"]
            rows = header.get("rows") if type(header.get("rows")) is int else None
    except (orjson.JSONDecodeError, IndexError):
        pass
    out: dict[str, Interaction] = {}
    for line in lines[1:]:
        try:
            row = orjson.loads(line)
        except orjson.JSONDecodeError:
            continue
        if not isinstance(row, list) or len(row) != len(names):
            continue
        doc = {n: tuple(v) if isinstance(v, list) else v for n, v in zip(names, row) if n in FIELDS}
        try:
            record = Interaction(**doc)
        except (KizunaError, TypeError, ValueError):
            continue
        if _parts.part_of(record.id) == k:
            out[record.id] = record
    return list(out.values()), rows


@dataclass
class BackupInfo:
    day: str
    path: Path
    size: int = 0
    people: int | None = None
    notes: int | None = None
    problem: str | None = None  # why it cannot be read, if it cannot


def _size(path: Path) -> int:
    total = 0
    for p in [path, *(_parts.parts_dir(path).glob("*") if _parts.parts_dir(path).is_dir() else [])]:
        try:
            total += p.stat().st_size
        except OSError:
            pass
    return total


def describe_backup(day: str, path: Path) -> BackupInfo:
    info = BackupInfo(day, path, _size(path))
    try:
        data, _ = _parts.read_data(path)
        info.people = len(data.get(Contact.table, {}))
        notes = len(data.get(TABLE, {}))  # a file from before part files
        folder = _parts.parts_dir(path)
        for name in part_names(data):
            if name:
                notes += PartFile(folder / name, TABLE).rows
        info.notes = notes
    except _parts.PartMissing as exc:
        info.problem = f"{exc}: a part file of it is missing"
    except StoreError as exc:
        info.problem = str(exc)
    return info


def list_backups(store_path: Path) -> list[BackupInfo]:
    """The daily backups, newest first."""
    return [describe_backup(day, path) for day, path in reversed(backup_files(store_path))]


# -- doing things under the lock ----------------------------------------------------------------

def _locked(store_path: Path) -> StoreLock:
    make_private_dir(store_path.parent)  # the lock file is made beside the store
    return StoreLock(store_path, timeout=15, poll=0.01)


def _stamp(now: datetime) -> str:
    return now.strftime("%Y%m%d-%H%M%S")


def keep_current_aside(store_path: Path, now: datetime) -> Path:
    """Keep the store file and every file of its parts folder in the backups folder; return where."""
    aside = backups_dir(store_path) / f"{store_path.stem}-before-restore-{_stamp(now)}{store_path.suffix}"
    make_private_dir(aside.parent)
    folder = _parts.parts_dir(store_path)
    if folder.is_dir():
        link_parts(store_path, aside, [p.name for p in folder.iterdir() if p.is_file()])
    if store_path.exists():
        link_or_copy(store_path, aside)
    fsync_dir(aside.parent)
    return aside


# -- restore ------------------------------------------------------------------------------------

@dataclass
class RestorePlan:
    backup: BackupInfo
    current_problem: str | None = None  # the current store cannot be read: all of it is kept aside
    lost_people: int = 0
    lost_notes: int = 0
    lost_promises: int = 0
    gained_notes: int = 0
    newest_lost: list[Interaction] = field(default_factory=list)
    people_names: dict[str, str] = field(default_factory=dict)
    aside: Path | None = None


def _records(path: Path) -> tuple[list[Contact], list[Interaction], list[Promise]]:
    from model.store.database import Store

    store = Store(path)
    return store.contacts(), store.interactions(), store.promises()


def backup_path(store_path: Path, day: str) -> Path:
    """The backup of ``day`` (or a store a restore kept aside, by name); StoreError if none."""
    found = {d: p for d, p in backup_files(store_path)}
    kept = backups_dir(store_path) / day  # a store kept aside by a restore (to take a restore back)
    if day not in found and re.fullmatch(rf"{re.escape(store_path.stem)}-before-restore-[0-9-]+"
                                         rf"{re.escape(store_path.suffix)}", day) and kept.is_file():
        found[day] = kept
    if day not in found:
        have = ", ".join(sorted(found)) or _("none yet")
        raise StoreError(_("no backup of {day} in {folder} (backups: {have})").format(
            day=day, folder=backups_dir(store_path), have=have))
    return found[day]


def plan_restore(store_path: Path, day: str) -> RestorePlan:
    found = {day: backup_path(store_path, day)}
    info = describe_backup(day, found[day])
    if info.problem:
        raise StoreError(_("the backup of {day} cannot be read: {problem}").format(day=day, problem=info.problem))
    plan = RestorePlan(info)
    people, notes, promises = _records(found[day])
    try:
        now_people, now_notes, now_promises = _records(store_path)
    except StoreError as exc:
        plan.current_problem = str(exc)
        return plan
    ids = {c.id for c in people}
    note_ids = {i.id for i in notes}
    promise_ids = {p.id for p in promises}
    plan.lost_people = sum(c.id not in ids for c in now_people)
    lost = [i for i in now_notes if i.id not in note_ids]
    plan.lost_notes = len(lost)
    plan.lost_promises = sum(p.id not in promise_ids for p in now_promises)
    plan.gained_notes = len(note_ids - {i.id for i in now_notes})
    plan.newest_lost = sorted(lost, key=lambda i: (i.date, i.created), reverse=True)[:5]
    plan.people_names = {c.id: c.name for c in [*people, *now_people]}
    return plan


def restore(store_path: Path, day: str, now: datetime) -> RestorePlan:
    """Put the backup of ``day`` back; the current store is kept aside first, never deleted."""
    backup_path(store_path, day)  # before the lock (which makes the folder): a wrong date changes nothing
    with _locked(store_path):
        plan = plan_restore(store_path, day)
        backup = plan.backup.path
        data_raw = backup.read_bytes()
        plan.aside = keep_current_aside(store_path, now)
        folder = _parts.parts_dir(store_path)
        names = [n for n in part_names(_parts.read_data(backup)[0]) if n]
        if names:
            make_private_dir(folder)
        for name in names:
            _put_part(_parts.parts_dir(backup) / name, folder / name)
        if names:
            fsync_dir(folder)
        atomic_write(store_path, data_raw)  # the commit point: it names the backup's parts
    return plan


def _put_part(source: Path, target: Path) -> None:
    """Make ``target`` hold ``source``'s bytes; an existing different file there is replaced
    atomically (it was kept aside before)."""
    try:
        if target.exists() and (os.path.samefile(source, target) or target.read_bytes() == source.read_bytes()):
            return
    except OSError:
        pass
    tmp = target.with_name(f".kizuna-put-{os.urandom(4).hex()}-{target.name}")
    link_or_copy(source, tmp)
    os.replace(tmp, target)


# -- doctor ---------------------------------------------------------------------------------------

@dataclass
class PartReport:
    k: int
    name: str | None
    problem: str
    intact: list[Interaction] = field(default_factory=list)
    header_rows: int | None = None
    from_backup: list[Interaction] = field(default_factory=list)
    backup_day: str | None = None
    whole_copy: Path | None = None  # the same file, intact, in a backup (it went missing)

    @property
    def recovered(self) -> list[Interaction]:
        out = {r.id: r for r in self.from_backup}
        out.update((r.id, r) for r in self.intact)
        return list(out.values())

    @property
    def unrecovered(self) -> int | None:
        if self.whole_copy or self.header_rows is None:
            return None
        return max(0, self.header_rows - len(self.recovered))


@dataclass
class Diagnosis:
    store_path: Path
    store_problem: str | None = None
    table_problem: str | None = None  # the store file reads, but its list of part files does not
    parts: list[PartReport] = field(default_factory=list)
    restore_day: str | None = None  # the newest readable backup, when the store file itself is lost
    people: int = 0
    notes: int = 0
    backups: int = 0

    @property
    def healthy(self) -> bool:
        return not self.store_problem and not self.table_problem and not self.parts


def _backup_parts(store_path: Path, k: int) -> tuple[str | None, list[Interaction]]:
    """Part ``k`` of the newest backup that holds it readable."""
    for day, path in reversed(backup_files(store_path)):
        try:
            name = part_names(_parts.read_data(path)[0])[k]
            if name is None:
                return day, []
            return day, read_part(_parts.parts_dir(path) / name)
        except (StoreError, _parts.PartMissing):
            continue
    return None, []


def _copy_of(store_path: Path, name: str) -> Path | None:
    """The same part file, by name, anywhere in the backups folder (they are hard links)."""
    try:
        found = sorted(backups_dir(store_path).rglob(name))
    except OSError:
        return None
    return _first_readable(found)


def _unnamed_candidate(store_path: Path, k: int, named: set[str]) -> Path | None:
    """The newest readable part-``k`` file the store file does not name (in the parts folder or
    set aside): what a damaged list of names lost track of."""
    folder = _parts.parts_dir(store_path)
    pattern = f"{TABLE}-{k:02d}-*.json"
    found = [*folder.glob(pattern), *backups_dir(store_path).glob(f"{store_path.stem}-set-aside-*/{pattern}")]
    found = [p for p in found if p.name not in named and _parts.is_part_name(p.name)]
    return _first_readable(sorted(found, key=lambda p: p.stat().st_mtime_ns, reverse=True))


def _first_readable(paths: list[Path]) -> Path | None:
    """The first of ``paths`` that reads as a whole part file."""
    for p in paths:
        try:
            read_part(p)
            return p
        except (StoreError, _parts.PartMissing):
            continue
    return None


def diagnose(store_path: Path) -> Diagnosis:
    d = Diagnosis(store_path, backups=len(backup_files(store_path)))
    data = None
    if not store_path.exists():
        d.store_problem = f"{store_path}: there is no store file"
    else:
        try:
            data = parse(store_path.read_bytes(), store_path)
        except OSError as exc:
            d.store_problem = str(cannot_read(store_path, exc))
        except StoreError as exc:
            d.store_problem = str(exc)
    if data is None:
        for info in list_backups(store_path):
            if not info.problem:
                d.restore_day = info.day
                break
        return d
    d.people = len(data.get(Contact.table, {}))
    folder = _parts.parts_dir(store_path)
    try:
        _parts.check_table(data, store_path)
        names = part_names(data)
    except StoreError as exc:  # the list of names is lost: find each part's newest file
        d.table_problem = str(exc)
        names = [None] * _parts.PART_COUNT
        for k in range(_parts.PART_COUNT):
            found = _unnamed_candidate(store_path, k, set())
            if found:
                d.parts.append(PartReport(k, None, "not in the damaged list", whole_copy=found))
        return d
    for k, name in enumerate(names):
        if name is None:
            continue
        try:
            d.notes += len(read_part(folder / name))
            continue
        except _parts.PartMissing:
            report = PartReport(k, name, "it is missing")
            report.whole_copy = _copy_of(store_path, name) or _unnamed_candidate(
                store_path, k, {n for n in names if n})
        except StoreError as exc:
            report = PartReport(k, name, str(exc).split(": ", 1)[-1].split("; not touching")[0])
            report.intact, report.header_rows = intact_records(folder / name, k)
        if not report.whole_copy:
            report.backup_day, report.from_backup = _backup_parts(store_path, k)
        d.parts.append(report)
    return d


@dataclass
class Repair:
    restored: RestorePlan | None = None
    aside: Path | None = None
    rebuilt: list[tuple[PartReport, str | None]] = field(default_factory=list)


def repair(store_path: Path, now: datetime) -> Repair:
    """Do what :func:`diagnose` says can be done; the damaged files are kept aside."""
    d = diagnose(store_path)
    if d.healthy:
        return Repair()
    if d.store_problem:
        if not d.restore_day:
            raise StoreError(_("{problem}; and no backup can be read, so nothing can be repaired").format(
                problem=d.store_problem))
        return Repair(restored=restore(store_path, d.restore_day, now))
    with _locked(store_path):
        d = diagnose(store_path)  # again, under the lock
        if d.healthy or d.store_problem:
            return Repair()
        data = parse(store_path.read_bytes(), store_path)
        folder = _parts.parts_dir(store_path)
        aside = backups_dir(store_path) / f"{store_path.stem}-damaged-{_stamp(now)}"
        make_private_dir(aside)
        link_or_copy(store_path, aside / store_path.name)
        names = [None] * _parts.PART_COUNT if d.table_problem else part_names(data)
        out = Repair(aside=aside)
        written: list[str] = []
        try:
            make_private_dir(folder)
            for report in d.parts:
                if report.name and (folder / report.name).exists():
                    link_or_copy(folder / report.name, aside / report.name)
                if report.whole_copy:
                    _put_part(report.whole_copy, folder / report.whole_copy.name)
                    names[report.k] = report.whole_copy.name
                    out.rebuilt.append((report, report.whole_copy.name))
                    continue
                records = sorted(report.recovered, key=lambda r: (r.date, r.created))
                new = write_new(folder, TABLE, report.k, encode(TABLE, Interaction, records)) if records else None
                if new:
                    written.append(new)
                names[report.k] = new
                out.rebuilt.append((report, new))
            fsync_dir(folder)
        except BaseException:
            _parts.remove_files(folder, written)
            raise
        data[_parts.PARTS_TABLE] = {"1": {"id": TABLE, "files": names}}
        atomic_write(store_path, encode_store(data))
        for report, new in out.rebuilt:  # committed: the damaged files now live only aside
            if report.name and new != report.name and (aside / report.name).exists():
                _parts.remove_files(folder, [report.name])
    return out
