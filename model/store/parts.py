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

The file format (JSON Lines with an index line) is :mod:`model.store.part_file`.
"""

from __future__ import annotations

import os
import re
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path

import orjson

from model.errors import StoreError
from model.store.part_file import INDEX_FIELDS, PartFile, PartMissing, encode, write_new
from model.store.paths import make_private_dir
from model.store.storage import cannot_read, fsync_dir, parse
from model.records import Record
from model.language.i18n import _

__all__ = ["INDEX_FIELDS", "PART_COUNT", "PARTITIONED", "PARTS_TABLE", "PartMissing", "Parts", "encode",
           "check_table", "part_of", "parts_dir", "set_aside_unnamed"]

#: tables kept in part files, and how many parts each is split into
PART_COUNT = 16
PARTITIONED = ("interactions",)
#: the store file's table naming the current part files: {"1": {"id": table, "files": [name|None, ...]}}
PARTS_TABLE = "parts"


def part_of(record_id: str, count: int = PART_COUNT) -> int:
    """The part a record lives in, from its id alone (stable across processes)."""
    return zlib.crc32(record_id.encode("utf-8")) % count


def parts_dir(store_path: Path) -> Path:
    return store_path.with_name(store_path.stem + "-parts")


#: the only names a part file can have: ``<table>-<part, 2 digits>-<12 hex digits>.json``
PART_NAME = re.compile(r"([a-z_]+)-(\d\d)-[0-9a-f]{12}\.json")


def is_part_name(name: str) -> bool:
    m = PART_NAME.fullmatch(name)
    return m is not None and m.group(1) in PARTITIONED and int(m.group(2)) < PART_COUNT


def read_data(path: Path) -> tuple[dict, dict[str, list[str | None]]]:
    """A store file's tables and the part files it names, checked (StoreError if it cannot be
    read or trusted): a backup, another device's file, a conflict copy."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise cannot_read(path, exc) from None
    data = parse(raw, path)
    return data, check_table(data, path)


def check_table(data: dict, path: Path) -> dict[str, list[str | None]]:
    """The part file names the store file's ``parts`` table gives, per table, checked.

    Each must be a plain part name for its own table and position (so never a path
    out of the parts folder); anything else refuses the whole store: clean-up and
    writes act on these names, and a damaged list must not make them act at all.
    """
    def bad(what: str) -> StoreError:
        return StoreError(_("{path}: its list of part files is damaged ({what}); not touching it (run "
                             "'kizuna doctor')").format(path=path, what=what))

    named: dict[str, list[str | None]] = {}
    for key, doc in data.get(PARTS_TABLE, {}).items():
        table, files = doc.get("id"), doc.get("files")
        if table not in PARTITIONED:
            raise bad(f"document {key} names the table {str(table)[:40]!r}")
        if table in named:
            raise bad(f"the {table} table is listed twice")
        if files is None:
            files = []
        if type(files) is not list or len(files) > PART_COUNT:
            raise bad(f"the {table} files are not a list of {PART_COUNT} names")
        for k, name in enumerate(files):
            if name is None:
                continue
            if type(name) is not str or not name.startswith(f"{table}-{k:02d}-") or not is_part_name(name):
                raise bad(f"{str(name)[:60]!r} is not the name of part {k} of the {table} table")
        named[table] = files
    return named


def set_aside_unnamed(folder: Path, named: set[str], aside: Path) -> int:
    """Move part files the store file does not name into ``aside``; say how many.

    They are superseded files whose deletion did not happen, a crashed writer's
    new files, or the current files when an old store file was copied back: only
    the first are certainly worthless, so none is deleted here.
    """
    try:
        entries = os.listdir(folder)
    except (FileNotFoundError, NotADirectoryError):
        return 0
    moved = 0
    for entry in entries:
        if entry in named or not is_part_name(entry):
            continue
        if not moved:
            make_private_dir(aside)
        os.replace(folder / entry, aside / entry)
        moved += 1
    return moved


def remove_files(folder: Path, names: list[str]) -> bool:
    """Delete files this process made or superseded; False if one could not be (left for later)."""
    ok = True
    for name in names:
        try:
            (folder / name).unlink(missing_ok=True)
        except OSError:
            ok = False  # unnamed: the next writer sets it aside
    return ok


class Parts:
    """One partitioned table of one store version: its part files, loaded lazily, and changes."""

    def __init__(self, folder: Path, table: str, cls: type[Record], names: list[str | None]) -> None:
        self.folder = folder
        self.table = table
        self.cls = cls
        self.names: list[str | None] = (list(names) + [None] * PART_COUNT)[:PART_COUNT]
        self._loaded: dict[int, dict[str, Record]] = {}
        self._files: dict[int, PartFile | None] = {}
        #: per part read for writing: the lines of its records as read, by id, while unchanged
        self._lines: dict[int, dict[str, bytes]] = {}
        #: per part read for reading: its file (with its bytes) and records as read, until a change
        self._unsplit: dict[int, tuple[PartFile, list[Record]]] = {}
        self.dirty: set[int] = set()
        self._all: list[Record] | None = None

    def _file(self, k: int) -> PartFile | None:
        """Part ``k`` read from disk but not yet decoded (None when it holds nothing)."""
        if k not in self._files:
            name = self.names[k]
            self._files[k] = None if name is None else PartFile(self.folder / name, self.table)
        return self._files[k]

    def part(self, k: int, *, for_writing: bool = False) -> dict[str, Record]:
        loaded = self._loaded.get(k)
        if loaded is not None and for_writing and k in self._unsplit:
            # read earlier for reading (the app loads everything): split its lines now,
            # before the first change, so the write reuses them
            read_file, records = self._unsplit.pop(k)
            self._lines[k] = read_file.lines_by_id(self.cls, records)
        if loaded is None:
            f = self._file(k)
            records = [] if f is None else f.records(self.cls)
            loaded = {r.id: r for r in records}
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
            out: list[Record] = []
            for k in range(PART_COUNT):
                out.extend(self.part(k).values())
            self._all = out
        return self._all

    def _each(self, ks: Iterable[int] = range(PART_COUNT)) -> Iterator[tuple[int, dict[str, Record] | None, PartFile]]:
        """Per part that holds anything: ``(k, its records, None)`` if they are held in memory,
        else ``(k, None, its file)``, read as far as its index line."""
        for k in ks:
            if k in self._loaded:
                yield k, self._loaded[k], None  # type: ignore[misc]  # no file when held
            elif (f := self._file(k)) is not None:
                yield k, None, f

    def index(self) -> dict[str, list]:
        """:data:`INDEX_FIELDS` of every record, by column, without building records."""
        out: dict[str, list] = {name: [] for name in INDEX_FIELDS}
        for _k, loaded, f in self._each():
            index = None if loaded is not None else f.index()
            for name in INDEX_FIELDS:
                if index is None:
                    out[name].extend(r.__dict__[name] for r in loaded.values())  # type: ignore[union-attr]
                elif (column := index.get(name)) is None:
                    raise f.damaged(f"its index line has no {name}")
                else:
                    out[name].extend(column)
        return out

    def with_contact(self, contact_id: str) -> list[Record]:
        """The records whose ``contacts`` hold ``contact_id``, building only those."""
        out: list[Record] = []
        needle = orjson.dumps(contact_id)  # as it stands in every line naming them
        for _k, loaded, f in self._each():
            if loaded is not None:
                out.extend(r for r in loaded.values() if contact_id in r.contacts)  # type: ignore[attr-defined]  # notes
            elif rows := f.rows_with(needle):  # the id may also stand in a note's text: keep the notes naming them
                out.extend(r for r in f.records(self.cls, rows) if contact_id in r.contacts)  # type: ignore[attr-defined]  # notes
        return out

    def with_ids(self, record_ids) -> list[Record]:
        """The records with these ids, each looked for in its own part's bytes only."""
        out: list[Record] = []
        by_part: dict[int, list[str]] = {}
        for rid in set(record_ids):
            by_part.setdefault(part_of(rid), []).append(rid)
        for k, loaded, f in self._each(by_part):
            if loaded is not None:
                out.extend(r for rid in by_part[k] if (r := loaded.get(rid)) is not None)
                continue
            wanted = set(by_part[k])
            for rid in by_part[k]:  # the id may also stand in another record's text: keep the record itself
                if rows := f.rows_with(orjson.dumps(rid)):
                    out.extend(r for r in f.records(self.cls, rows) if r.id in wanted)
        return out

    def picked(self, pick, *, starts: bool = False) -> list[Record]:
        """The records whose lines ``pick`` chooses in each part file (see
        :meth:`PartFile.rows_picked`); a part held in memory gives all its records."""
        out: list[Record] = []
        for _k, loaded, f in self._each():
            out.extend(loaded.values() if loaded is not None
                       else f.records(self.cls, f.rows_picked(pick, starts=starts)))
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
        :attr:`names`, then deletes the superseded files once that is durable.
        If this fails, the files it wrote (named by nothing) are deleted and
        :attr:`names` is left as it was.
        """
        written: list[str] = []
        old: list[str] = []
        if not self.dirty:
            return written, old
        names = list(self.names)
        make_private_dir(self.folder)
        try:
            for k in sorted(self.dirty):
                docs = self._loaded[k]
                name = write_new(self.folder, self.table, k, encode(self.table, self.cls, docs.values(), self._lines.get(k))) \
                    if docs else None
                if name:
                    written.append(name)
                if names[k]:
                    old.append(names[k])  # type: ignore[arg-type]  # not None: just checked
                names[k] = name
            fsync_dir(self.folder)
        except BaseException:
            remove_files(self.folder, written)
            raise
        self.names = names
        self.dirty.clear()
        return written, old

    def named(self) -> list[str]:
        return [n for n in self.names if n]

    def absent(self) -> list[str]:
        """The part files named that are not there (not arrived yet, or lost)."""
        return [n for n in self.named() if not os.path.isfile(self.folder / n)]
