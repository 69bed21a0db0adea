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

A part file is JSON Lines (see :func:`encode`): a header, an *index* line
with the few fields planning needs (date, people, kind, depth) by column, then
one record per line as a JSON array. Planning (``kizuna today``) parses only
the index lines; ``kizuna show`` parses the index and then only its person's
lines; loading everything parses the record lines in one go, which is about
twice as fast as one JSON object per record.
"""

from __future__ import annotations

import gc
import os
import zlib
from collections.abc import Iterable, Iterator
from typing import Any
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


#: Whether :func:`gc_paused` ends in ``gc.freeze()``. An application that keeps
#: windows open while the store is read in a thread (the Kizuna app) turns it off
#: and freezes at moments of its own choosing: a freeze would keep an open window,
#: once closed, for ever.
FREEZE_AFTER_PAUSE = True


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
            if FREEZE_AFTER_PAUSE:
                gc.freeze()
            gc.enable()


def part_of(record_id: str, count: int = PART_COUNT) -> int:
    """The part a record lives in, from its id alone (stable across processes)."""
    return zlib.crc32(record_id.encode("utf-8")) % count


def parts_dir(store_path: Path) -> Path:
    return store_path.with_name(store_path.stem + "-parts")


#: the fields of each record also kept in a part's index line (what planning needs)
INDEX_FIELDS = ("date", "contacts", "kind", "depth")


def encode(table: str, cls: type[Record], records: Iterable[Record],
           reuse: dict[str, bytes] | None = None) -> bytes:
    """A part file: a header line, an index line, then one line per record.

    Line 1 ``{"table", "fields", "rows"}``; line 2 the :data:`INDEX_FIELDS` by
    column (planning reads only this line); then each record as a JSON array of
    its fields, one per line (``kizuna show`` parses only the lines it needs).
    orjson never writes a raw newline inside a string, so lines are records.

    ``reuse`` maps ids of records unchanged since they were read to their lines
    as read, so adding one note to a part does not encode its 3,000 others again.
    """
    names = [f.name for f in fields(cls)]
    dicts = [r.__dict__ for r in records]
    header = {"table": table, "fields": names, "rows": len(dicts)}
    index = {name: [d[name] for d in dicts] for name in INDEX_FIELDS if name in names}
    lines = [orjson.dumps(header), orjson.dumps(index)]
    dumps = orjson.dumps
    if reuse:
        get = reuse.get
        lines.extend(get(d["id"]) or dumps([d[n] for n in names]) for d in dicts)
    else:
        lines.extend(dumps([d[n] for n in names]) for d in dicts)
    return b"\n".join(lines) + b"\n"


class _Part:
    """A part file read as far as asked: header and index line first, the records when needed.

    Part files are never changed once written (only deleted when superseded), so
    reading the rest later reads the same file; if it was deleted meanwhile,
    :class:`PartMissing` makes the store reload.
    """

    def __init__(self, path: Path, table: str) -> None:
        self.path = path
        self.table = table
        try:
            with open(path, "rb") as f:
                first, second = f.readline(), f.readline()
                self._offset = f.tell()
        except FileNotFoundError:
            raise PartMissing(str(path)) from None
        except OSError as exc:
            raise StoreError(f"{path}: cannot read it: {exc.strerror}") from None
        if not first.strip(b"\x00 \t\r\n"):
            raise self.damaged("the file is empty or blank, so it is damaged")
        try:
            header = orjson.loads(first)
        except orjson.JSONDecodeError as exc:
            raise self.damaged(f"not valid JSON at line 1 column {exc.colno}: {exc.msg}") from None
        if isinstance(header, dict) and not second.endswith(b"\n"):
            raise self.damaged("it is cut short in its first lines")
        if (not isinstance(header, dict) or header.get("table") != table
                or not isinstance(header.get("fields"), list) or "id" not in header["fields"]
                or type(header.get("rows")) is not int):
            raise self.damaged(f"not a part file of the {table} table")
        self.fields: list[str] = header["fields"]
        self.rows: int = header["rows"]
        self._index_line = second
        self._rest: bytes | None = None

    @property
    def _body(self) -> bytes:
        """The record lines (read on first use)."""
        if self._rest is None:
            try:
                with open(self.path, "rb") as f:
                    f.seek(self._offset)
                    self._rest = f.read()  # ends with a newline: not stripped, that would copy it
            except FileNotFoundError:
                raise PartMissing(str(self.path)) from None
            except OSError as exc:
                raise StoreError(f"{self.path}: cannot read it: {exc.strerror}") from None
        return self._rest

    def damaged(self, what: str) -> StoreError:
        return StoreError(f"{self.path}: {what}; not touching it (restore it from the backups folder)")

    def _loads(self, raw: bytes, line: int) -> Any:
        try:
            return orjson.loads(raw)
        except orjson.JSONDecodeError as exc:
            raise self.damaged(f"not valid JSON at line {line + exc.lineno - 1} column {exc.colno}: "
                               f"{exc.msg}") from None

    def index(self) -> dict[str, list]:
        index = self._loads(self._index_line, 2)
        if (not isinstance(index, dict) or not all(isinstance(c, list) and len(c) == self.rows
                                                   for c in index.values())):
            raise self.damaged("its index line does not match its records")
        return index

    def _split(self) -> list[bytes]:
        lines = self._body.split(b"\n")
        while lines and not lines[-1]:
            lines.pop()
        return lines

    def lines(self) -> list[bytes]:
        lines = self._split()
        if len(lines) != self.rows:
            raise self.damaged(f"it holds {len(lines)} records where its header says {self.rows}")
        return lines

    def rows_with(self, needle: bytes) -> list[list]:
        """The records whose lines hold ``needle``, decoded (a superset: the caller checks).

        ``kizuna show`` looks for one person's quoted id: finding it in the bytes and
        decoding only those lines is several times faster than decoding the index
        line and splitting 3,000 lines.
        """
        body = self._body
        if body.count(b"\n") != self.rows:  # not as written: let lines() say what is wrong
            lines = self.lines()
            return [self._loads(line, 3 + i) for i, line in enumerate(lines) if needle in line]
        rows = []
        find = body.find
        i = find(needle)
        while i != -1:
            start = body.rfind(b"\n", 0, i) + 1
            end = find(b"\n", i)
            try:
                rows.append(orjson.loads(body[start:end]))
            except orjson.JSONDecodeError:
                self._loads(body[start:end], 3 + body.count(b"\n", 0, start))  # raises, naming the line
            i = find(needle, end)
        return rows

    def lines_by_id(self, cls: type[Record], records: list[Record]) -> dict[str, bytes]:
        """Each record's line as read (for :func:`encode` to reuse), if written with today's fields."""
        if self.fields != [f.name for f in fields(cls)] or not self._body:
            return {}
        return dict(zip((r.__dict__["id"] for r in records), self._split()))

    def records(self, cls: type[Record], rows: list[list] | None = None) -> list[Record]:
        """Build records from rows (all of them when ``rows`` is None)."""
        if rows is None:
            body = self._body.rstrip(b"\n")
            rows = self._loads(b"[" + body.replace(b"\n", b",") + b"]", 3) if body else []
            if len(rows) != self.rows:
                raise self.damaged(f"it holds {len(rows)} records where its header says {self.rows}")
        names = self.fields
        width = len(names)
        lists = [i for i, n in enumerate(names) if n in cls._lists]
        missing = {}
        for f in fields(cls):  # a field added since the file was written: its default
            if f.name not in names:
                missing[f.name] = f.default if f.default is not MISSING else f.default_factory()  # type: ignore[misc]
        new = object.__new__
        out: list[Record] = []
        append = out.append
        try:
            for row in rows:
                if len(row) != width:
                    raise TypeError
                for i in lists:
                    row[i] = tuple(row[i]) if row[i] else ()
                obj = new(cls)
                d = obj.__dict__
                if missing:
                    d.update(missing)
                d.update(zip(names, row))
                append(obj)
        except TypeError:
            raise self.damaged(f"a record of the {self.table} table is not a list of its fields") from None
        ids = [r.__dict__["id"] for r in out]
        try:
            "".join(ids)
        except TypeError:
            raise self.damaged(f"a record of the {self.table} table has an id that is not text") from None
        if not all(ids):
            raise self.damaged(f"a record of the {self.table} table has no \"id\"")
        return out


def read(folder: Path, name: str, table: str) -> _Part:
    return _Part(folder / name, table)


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
        self._files: dict[int, _Part | None] = {}
        #: per part read for writing: the lines of its records as read, by id, while unchanged
        self._lines: dict[int, dict[str, bytes]] = {}
        #: per part read for reading: its file (with its bytes) and records as read, until a change
        self._unsplit: dict[int, tuple[_Part, list[Record]]] = {}
        self.dirty: set[int] = set()
        self._all: list[Record] | None = None

    def _file(self, k: int) -> _Part | None:
        """Part ``k`` read from disk but not yet decoded (None when it holds nothing)."""
        if k not in self._files:
            name = self.names[k]
            self._files[k] = None if name is None else read(self.folder, name, self.table)
        return self._files[k]

    def part(self, k: int, *, for_writing: bool = False) -> dict[str, Record]:
        loaded = self._loaded.get(k)
        if loaded is not None and for_writing and k in self._unsplit:
            # read earlier for reading (the app loads everything): split its lines now,
            # before the first change, so the write reuses them
            f, records = self._unsplit.pop(k)
            self._lines[k] = f.lines_by_id(self.cls, records)
        if loaded is None:
            f = self._file(k)
            with gc_paused():
                records = [] if f is None else f.records(self.cls)
                loaded = {r.id: r for r in records}  # type: ignore[attr-defined]
            if f is not None and len(loaded) != f.rows:
                raise f.damaged(f"the {self.table} table holds one id twice")
            if for_writing and f is not None:  # a command that changes one note: keep the others' lines
                self._lines[k] = f.lines_by_id(self.cls, records)
            elif f is not None:  # keep the bytes (not split: cheap) in case a change comes later
                self._unsplit[k] = (f, records)
            self._loaded[k] = loaded
            self._files.pop(k, None)  # the bytes are not needed any more
        return loaded

    def all(self) -> list[Record]:
        if self._all is None:
            with gc_paused():
                out: list[Record] = []
                for k in range(PART_COUNT):
                    out.extend(self.part(k).values())
            self._all = out
        return self._all

    def index(self) -> dict[str, list]:
        """:data:`INDEX_FIELDS` of every record, by column, without building records."""
        out: dict[str, list] = {name: [] for name in INDEX_FIELDS}
        with gc_paused():
            for k in range(PART_COUNT):
                if k in self._loaded:
                    records = self._loaded[k].values()
                    for name in INDEX_FIELDS:
                        out[name].extend(r.__dict__[name] for r in records)
                    continue
                f = self._file(k)
                if f is None:
                    continue
                index = f.index()
                for name in INDEX_FIELDS:
                    column = index.get(name)
                    if column is None:
                        raise f.damaged(f"its index line has no {name}")
                    out[name].extend(column)
        return out

    def with_contact(self, contact_id: str) -> list[Record]:
        """The records whose ``contacts`` hold ``contact_id``, building only those."""
        out: list[Record] = []
        needle = orjson.dumps(contact_id)  # as it stands in every line naming them
        for k in range(PART_COUNT):
            if k in self._loaded:
                out.extend(r for r in self._loaded[k].values() if contact_id in r.contacts)  # type: ignore[attr-defined]
                continue
            f = self._file(k)
            if f is None:
                continue
            rows = f.rows_with(needle)
            if rows:  # the id may also stand in a note's text: keep only the notes naming them
                out.extend(r for r in f.records(self.cls, rows) if contact_id in r.contacts)  # type: ignore[attr-defined]
        return out

    def find(self, record_id: str) -> Record | None:
        return self.part(part_of(record_id)).get(record_id)

    def insert(self, record: Record) -> bool:
        """Add a record; False if its id is taken."""
        k = part_of(record.id)
        docs = self.part(k, for_writing=True)
        if record.id in docs:
            return False
        docs[record.id] = record
        self._changed(k)
        return True

    def replace(self, record: Record) -> bool:
        k = part_of(record.id)
        docs = self.part(k, for_writing=True)
        if record.id not in docs:
            return False
        docs[record.id] = record
        self._lines.get(k, {}).pop(record.id, None)
        self._changed(k)
        return True

    def delete(self, record_id: str) -> bool:
        k = part_of(record_id)
        if self.part(k, for_writing=True).pop(record_id, None) is None:
            return False
        self._lines.get(k, {}).pop(record_id, None)
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
                name = write_new(self.folder, self.table, k, encode(self.table, self.cls, docs.values(), self._lines.get(k))) \
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
