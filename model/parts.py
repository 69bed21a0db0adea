"""Big tables live beside the store file, in part files written copy-on-write.

A lifetime of notes (50,000 interactions, ~30 MB of JSON) cannot be parsed and
rewritten for every ``kizuna note`` in well under 0.3 s. So the ``interactions``
table is split by a hash of each record's own ``id`` into :data:`PART_COUNT`
part files in ``<stem>-parts/`` beside the store (``kizuna-parts/`` for
``kizuna.json``). The store file keeps everything else (meta, contacts,
promises, focus plans) and, in its ``parts`` table, the names of the part files
that make up the current version.

Why the store's promises still hold:

* **Atomic, across files.** A part file is never changed: a changed part is
  written under a new random name (fsynced, folder fsynced), and only then is
  the store file itself replaced atomically to name it. The store file is the
  single commit point: a crash before it leaves the old version (the old part
  files are untouched), after it the new one. Superseded part files are
  deleted after the commit; files nothing names (left by a crash) are deleted
  under the lock by the next writer.
* **Never overwrite what could not be read.** Part files are never
  overwritten at all. A part that does not parse raises a StoreError naming
  it, and a change that needs it is refused.
* **Lazy.** Only the parts a command touches are read: ``kizuna note`` reads
  and rewrites one sixteenth of the notes; ``kizuna show`` and the planning
  views read them all.

A part file is JSON, stored by column (one list per field), because building
50,000 records from lists of values is about twice as fast as from 50,000
objects: ``{"table": "interactions", "fields": [...], "columns": {field: [...]}}``.
"""

from __future__ import annotations

import gc
import os
import zlib
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import MISSING, fields
from pathlib import Path

import orjson

from model.errors import StoreError
from model.records import Record

#: tables kept in part files, and how many parts each is split into
PART_COUNT = 16
PARTITIONED = ("interactions",)
#: the store file's table naming the current part files: {"1": {"id": table, "files": [name|None, ...]}}
PARTS_TABLE = "parts"


class PartMissing(Exception):
    """A part file named by the store file we read is gone: another process committed since."""


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while building many objects at once.

    Building 50,000 records triggers dozens of full collections that each walk
    every object already built (3-4 times the cost of the work itself). Records
    have no reference cycles, so nothing is lost by not looking; and on the way
    out the objects built are moved to the collector's permanent generation
    (:func:`gc.freeze`), or the first collection after the pause would walk
    them all once more (0.1 s at 50,000 notes) and every later full one again,
    a visible stutter in the app. Frozen objects are still freed as soon as
    nothing refers to them.
    """
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.freeze()
            gc.enable()


def part_of(record_id: str, count: int = PART_COUNT) -> int:
    """The part a record lives in, from its id alone (stable across processes)."""
    return zlib.crc32(record_id.encode("utf-8")) % count


def parts_dir(store_path: Path) -> Path:
    return store_path.with_name(store_path.stem + "-parts")


def encode(table: str, cls: type[Record], records: Iterable[Record]) -> bytes:
    names = [f.name for f in fields(cls)]
    dicts = [r.__dict__ for r in records]
    columns = {name: [d[name] for d in dicts] for name in names}
    return orjson.dumps({"table": table, "fields": names, "columns": columns}) + b"\n"


def decode(raw: bytes, path: Path, table: str, cls: type[Record]) -> dict[str, Record]:
    """The records of one part file, by id; StoreError naming the file if it is damaged."""
    try:
        data = orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        raise StoreError(f"{path}: not valid JSON at line {exc.lineno} column {exc.colno}: {exc.msg}; "
                         f"not touching it (restore it from the backups folder)") from None
    columns = data.get("columns") if isinstance(data, dict) else None
    if (not isinstance(columns, dict) or data.get("table") != table
            or not all(isinstance(c, list) for c in columns.values())
            or len({len(c) for c in columns.values()}) > 1 or "id" not in columns):
        raise StoreError(f"{path}: not a part file of the {table} table; not touching it")
    count = len(columns["id"])
    names = list(columns)
    cols = list(columns.values())
    for f in fields(cls):  # a field added since the file was written: its default
        if f.name not in columns:
            default = f.default if f.default is not MISSING else f.default_factory()  # type: ignore[misc]
            names.append(f.name)
            cols.append([default] * count)
    for name in cls._lists:
        if name in names:
            i = names.index(name)
            cols[i] = [tuple(v) if v else () for v in cols[i]]
    if not all(type(i) is str and i for i in cols[names.index("id")]):
        raise StoreError(f"{path}: a record of the {table} table has no \"id\"; not touching it")
    new = object.__new__
    out: dict[str, Record] = {}
    for row in zip(*cols):
        obj = new(cls)
        obj.__dict__.update(zip(names, row))
        out[obj.id] = obj  # type: ignore[attr-defined]
    if len(out) != count:
        raise StoreError(f"{path}: the {table} table holds one id twice; not touching it")
    return out


def read(folder: Path, name: str, table: str, cls: type[Record]) -> dict[str, Record]:
    path = folder / name
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise PartMissing(str(path)) from None
    except OSError as exc:
        raise StoreError(f"{path}: cannot read it: {exc.strerror}") from None
    return decode(raw, path, table, cls)


def write_new(folder: Path, table: str, index: int, payload: bytes) -> str:
    """Write a new part file (never an existing one); return its name. Not yet fsynced folder."""
    name = f"{table}-{index:02d}-{os.urandom(6).hex()}.json"
    fd = os.open(folder / name, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        view = memoryview(payload)
        while view:
            view = view[os.write(fd, view):]
        os.fsync(fd)
    except BaseException:
        os.close(fd)
        (folder / name).unlink(missing_ok=True)
        raise
    os.close(fd)
    return name


def remove_unnamed(folder: Path, named: set[str]) -> None:
    """Delete part files the store file does not name (superseded, or left by a crash)."""
    try:
        entries = os.listdir(folder)
    except (FileNotFoundError, NotADirectoryError):
        return
    for entry in entries:
        if entry not in named and entry.endswith(".json") and any(entry.startswith(t + "-") for t in PARTITIONED):
            (folder / entry).unlink(missing_ok=True)


class Parts:
    """One partitioned table of one store version: its part files, loaded lazily, and changes."""

    def __init__(self, folder: Path, table: str, cls: type[Record], names: list[str | None]) -> None:
        self.folder = folder
        self.table = table
        self.cls = cls
        self.names: list[str | None] = (list(names) + [None] * PART_COUNT)[:PART_COUNT]
        self._loaded: dict[int, dict[str, Record]] = {}
        self.dirty: set[int] = set()
        self._all: list[Record] | None = None

    def part(self, k: int) -> dict[str, Record]:
        loaded = self._loaded.get(k)
        if loaded is None:
            name = self.names[k]
            with gc_paused():
                loaded = {} if name is None else read(self.folder, name, self.table, self.cls)
            self._loaded[k] = loaded
        return loaded

    def all(self) -> list[Record]:
        if self._all is None:
            with gc_paused():
                out: list[Record] = []
                for k in range(PART_COUNT):
                    out.extend(self.part(k).values())
            self._all = out
        return self._all

    def find(self, record_id: str) -> Record | None:
        return self.part(part_of(record_id)).get(record_id)

    def insert(self, record: Record) -> bool:
        """Add a record; False if its id is taken."""
        k = part_of(record.id)
        docs = self.part(k)
        if record.id in docs:
            return False
        docs[record.id] = record
        self._changed(k)
        return True

    def replace(self, record: Record) -> bool:
        k = part_of(record.id)
        docs = self.part(k)
        if record.id not in docs:
            return False
        docs[record.id] = record
        self._changed(k)
        return True

    def delete(self, record_id: str) -> bool:
        k = part_of(record_id)
        if self.part(k).pop(record_id, None) is None:
            return False
        self._changed(k)
        return True

    def _changed(self, k: int) -> None:
        self.dirty.add(k)
        self._all = None

    def write_dirty(self) -> tuple[list[str], list[str]]:
        """Write every changed part to a new file; return (new names, superseded names).

        The store file is not touched: the caller commits by writing it with
        :attr:`names`, then deletes the superseded files.
        """
        written: list[str] = []
        old: list[str] = []
        if not self.dirty:
            return written, old
        self.folder.mkdir(mode=0o700, exist_ok=True)
        try:
            for k in sorted(self.dirty):
                docs = self._loaded[k]
                name = write_new(self.folder, self.table, k, encode(self.table, self.cls, docs.values())) \
                    if docs else None
                if name:
                    written.append(name)
                if self.names[k]:
                    old.append(self.names[k])  # type: ignore[arg-type]
                self.names[k] = name
            fd = os.open(self.folder, os.O_RDONLY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)
        except BaseException:
            for name in written:
                (self.folder / name).unlink(missing_ok=True)
            raise
        self.dirty.clear()
        return written, old

    def named(self) -> list[str]:
        return [n for n in self.names if n]
