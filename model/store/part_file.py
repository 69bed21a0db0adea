"""The part file format: JSON Lines, read as far as asked, never changed once written.

A part file (see :mod:`model.store.parts` for why notes live in parts) is a header
line ``{"table", "fields", "rows"}``, an *index* line with the few fields
planning needs (date, people, kind, depth) by column, then one record per line
as a JSON array of its fields. Planning (``kizuna today``) parses only the
index lines; ``kizuna show`` finds its person's quoted id in the bytes and
parses only those lines; loading everything parses the record lines in one go,
which is about twice as fast as one JSON object per record.

A part file is written once under a new name (:func:`write_new`) and never
changed; a damaged one is named in a :class:`~model.errors.StoreError` and
never overwritten.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import MISSING, fields
from pathlib import Path
from typing import Any, BinaryIO

import orjson

from model.errors import StoreError
from model.records import Record
from model.language.i18n import _
from model.store.storage import cannot_read, write_new_file


class PartMissing(Exception):
    """A part file named by the store file we read is gone: another process committed since."""


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


class PartFile:
    """A part file read as far as asked: header and index line first, the records when needed.

    Part files are never changed once written (only deleted when superseded), so
    reading the rest later reads the same file; if it was deleted meanwhile,
    :class:`PartMissing` makes the store reload.
    """

    def __init__(self, path: Path, table: str) -> None:
        self.path = path
        self.table = table
        with self._open() as f:
            first, second = f.readline(), f.readline()
            self._offset = f.tell()
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
        self._as_written: bool | None = None  # one record per line, as its header says

    @property
    def _body(self) -> bytes:
        """The record lines (read on first use)."""
        if self._rest is None:
            with self._open() as f:
                f.seek(self._offset)
                self._rest = f.read()  # ends with a newline: not stripped, that would copy it
        return self._rest

    @contextmanager
    def _open(self) -> Iterator[BinaryIO]:
        """The file, open to read; gone means another process committed since (PartMissing)."""
        try:
            with open(self.path, "rb", buffering=1 << 17) as f:  # the index line in one or two reads
                yield f
        except FileNotFoundError:
            raise PartMissing(str(self.path)) from None
        except OSError as exc:
            raise cannot_read(self.path, exc) from None

    def damaged(self, what: str) -> StoreError:
        return StoreError(_("{path}: {what}; not touching it (run 'kizuna doctor')").format(path=self.path, what=what))

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
        if self._as_written is None:  # (counted once: a command may look for many needles)
            self._as_written = body.count(b"\n") == self.rows
        if not self._as_written:  # not as written: let lines() say what is wrong
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

    def rows_picked(self, pick, *, starts: bool = False) -> list[list]:
        """The records at the line numbers ``pick(body, index)`` chooses, decoded.

        ``body`` is the record lines' bytes as written; ``index()`` gives the index
        line's columns (:data:`INDEX_FIELDS`, one entry per line). For a search that
        finds words in the bytes, then decodes only those lines. With ``starts``,
        ``pick(body, part)`` (``part`` this file: its ``fields``, its ``index()``) gives
        the byte offsets where its lines start in ``body`` instead: the 3,000 lines are
        then not split (``kizuna search``)."""
        if not starts:
            lines = self.lines()
            chosen = sorted(set(pick(self._body, self.index)))
            return [self._loads(lines[i], 3 + i) for i in chosen if 0 <= i < len(lines)]
        body = self._body
        if self._as_written is None:
            self._as_written = body.count(b"\n") == self.rows
        if not self._as_written:
            self.lines()  # says what is wrong (or only blank lines at the end: the offsets hold)
        rows = []
        find = body.find
        for start in sorted(set(pick(body, self))):
            if not 0 <= start < len(body) or start and body[start - 1] != 0x0A:
                continue  # not the start of a line
            end = find(b"\n", start)
            line = body[start:end] if end != -1 else body[start:]
            try:
                rows.append(orjson.loads(line))
            except orjson.JSONDecodeError:
                self._loads(line, 3 + body.count(b"\n", 0, start))  # raises, naming the line
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
                missing[f.name] = f.default if f.default is not MISSING else f.default_factory()  # type: ignore[operator]  # not MISSING here
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


def write_new(folder: Path, table: str, index: int, payload: bytes) -> str:
    """Write a new part file (never an existing one); return its name. Not yet fsynced folder."""
    name = f"{table}-{index:02d}-{os.urandom(6).hex()}.json"
    write_new_file(folder / name, payload)
    return name
