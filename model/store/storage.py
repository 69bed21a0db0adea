"""A TinyDB storage that never loses or half-writes the owner's notes.

TinyDB's own ``JSONStorage`` rewrites its file in place, takes an empty file
for a new database and offers no way to say "this file is damaged, leave it
alone". This storage:

* reads the whole file once (:meth:`AtomicJSONStorage.load`) and refuses a
  file that is empty, NUL-filled, not JSON, not shaped like a TinyDB file, or
  written by a newer Kizuna (``schema_version``), naming file, line and column;
* serves TinyDB from memory, so a transaction of many changes costs one write;
* writes atomically (:meth:`AtomicJSONStorage.flush`): a private temp file in
  the same folder, fsync, ``os.replace``, fsync of the folder. A crash at any
  instant leaves the old file or the new one, never a mix.

Locking and reloading belong to :class:`model.store.Store`, which owns this.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from itertools import repeat
from pathlib import Path
from typing import Any

import orjson
from tinydb.storages import Storage

from model.errors import StoreError
from model.language.i18n import _
from model.language.os_errors import os_text

SCHEMA_VERSION = 2
META_TABLE = "meta"
TEMP_PREFIX = ".kizuna-tmp-"

Data = dict[str, dict[str, Any]]


def _from_0(data: Data) -> Data:
    """Version 0 is a file with no ``meta`` table: stamp it as version 1."""
    data[META_TABLE] = {"1": {"schema_version": 1, "settings": {}}}
    return data


def _from_1(data: Data) -> Data:
    """Version 2 may hold a ``sync`` entry in ``meta`` (the merge's clock, stamps, tombstones:
    see :mod:`model.store.sync`); a version-1 file has none, which means "nothing merged yet"."""
    for doc in data[META_TABLE].values():
        doc["schema_version"] = 2
    return data


#: ``MIGRATIONS[n]`` turns a version-``n`` file into version ``n + 1``.
MIGRATIONS: dict[int, Callable[[Data], Data]] = {0: _from_0, 1: _from_1}


def schema_version(data: Data) -> int:
    meta = data.get(META_TABLE) or {}
    for doc in meta.values():
        if isinstance(doc, dict) and "schema_version" in doc:
            return doc["schema_version"]
    return 0


def migrate(data: Data, path: Path) -> tuple[Data, bool]:
    """Bring ``data`` up to :data:`SCHEMA_VERSION`; say whether anything changed."""
    version = schema_version(data)
    if not isinstance(version, int) or isinstance(version, bool) or version < 0:
        raise StoreError(_("{path}: schema_version {version!r} is not a version number; not touching it").format(
            path=path, version=version))
    if version > SCHEMA_VERSION:
        raise StoreError(
            _("{path}: written by a newer Kizuna (schema_version {version}, this one reads up "
              "to {newest}); upgrade Kizuna, the file was not touched").format(
                  path=path, version=version, newest=SCHEMA_VERSION)
        )
    changed = False
    while version < SCHEMA_VERSION:
        data = MIGRATIONS[version](data)
        version += 1
        changed = True
    return data, changed


def cannot_read(path: Path, exc: OSError) -> StoreError:
    return StoreError(_("{path}: cannot read it: {strerror}").format(path=path, strerror=os_text(exc)))


def encode(data: Data) -> bytes:
    """A store file's bytes, as every writer of one writes them."""
    return orjson.dumps(data, option=orjson.OPT_INDENT_2) + b"\n"


def meta_doc(data: Data) -> Any:
    """The ``meta`` document of a store file's data ({} when it has none)."""
    return next(iter(data.get(META_TABLE, {}).values()), {})


def parse(raw: bytes, path: Path) -> Data:
    """Decode and check the shape of a store file's bytes, or raise StoreError."""
    if not raw.strip(b"\x00 \t\r\n"):
        what = "empty" if not raw else "blank or NUL-filled"
        raise StoreError(_("{path}: the file is {what} ({raw} bytes), so it is damaged; not touching it "
                            "(run 'kizuna doctor')").format(path=path, what=what, raw=len(raw)))
    if raw.startswith(b"\xef\xbb\xbf"):  # a byte order mark from an editor: harmless
        raw = raw[3:]
    try:
        data = orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        line, column, msg = exc.lineno, exc.colno, exc.msg
        try:
            raw.decode("utf-8")
        except UnicodeDecodeError as bad:  # orjson reports those at line 1 column 1
            head = raw[:bad.start]
            line = head.count(b"\n") + 1
            column = len(head[head.rfind(b"\n") + 1:].decode("utf-8", "replace")) + 1
            msg = "bytes that are not UTF-8 text"
        raise StoreError(_("{path}: not valid JSON at line {line} column {column}: {msg}; not touching it "
                            "(run 'kizuna doctor')").format(path=path, line=line, column=column, msg=msg)) from None
    if not isinstance(data, dict):
        raise StoreError(_("{path}: expected a JSON object of tables, found {kind}; not touching it").format(
            path=path, kind=type(data).__name__))
    for name, table in data.items():
        # orjson builds exact dicts and strs: checking types by set keeps these loops in C
        if type(table) is not dict or not set(map(type, table.values())) <= {dict}:
            raise StoreError(_("{path}: table {name!r} is not an object of documents; not touching it").format(
                path=path, name=name))
        if name == META_TABLE:
            continue
        ids = list(map(dict.get, table.values(), repeat("id")))
        if all(map(str.isdigit, table)) and set(map(type, ids)) <= {str} and all(ids):
            continue
        for key, doc in table.items():  # say which document is wrong
            if not key.isdigit():
                raise StoreError(_("{path}: table {name!r} has a document key {key!r} that is not a number; not "
                                    "touching it").format(path=path, name=name, key=key))
            if type(doc.get("id")) is not str or not doc["id"]:
                raise StoreError(_("{path}: table {name!r} document {key} has no \"id\"; not touching it").format(
                    path=path, name=name, key=key))
    return data


def fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_new_file(path: Path, payload: bytes) -> None:
    """Create ``path`` (never an existing file), private, with ``payload``, fsynced; if that
    fails, the file it made is removed."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        view = memoryview(payload)
        while view:
            view = view[os.write(fd, view):]
        os.fsync(fd)
    except BaseException:
        os.close(fd)
        try:
            path.unlink(missing_ok=True)
        except OSError:
            pass  # named by nothing: the next writer removes or sets it aside
        raise
    os.close(fd)


def write_target(path: Path) -> Path:
    """The file a write to ``path`` replaces: a symlinked store stays a symlink, its target is written."""
    return Path(os.path.realpath(path)) if path.is_symlink() else path


def atomic_write(path: Path, payload: bytes) -> str | None:
    """Write ``payload`` to ``path`` so that a crash leaves old or new, never a mix.

    Raises OSError when the file was not replaced. Once it was (the commit point),
    a failing fsync of the folder is no longer an error: the new file is there but
    may not survive a power cut; that is returned as a warning.
    """
    path = write_target(path)
    folder = path.parent
    tmp = folder / f"{TEMP_PREFIX}{path.name}-{os.getpid()}-{os.urandom(4).hex()}"
    write_new_file(tmp, payload)
    try:
        os.replace(tmp, path)
    except BaseException:
        try:
            tmp.unlink(missing_ok=True)
        except OSError:
            pass  # a temp file is never read: the next write removes it
        raise
    try:
        fsync_dir(folder)
    except OSError as exc:
        return _("{path}: written, but the folder could not be synced ({strerror}); a power cut "
                  "now could undo it").format(path=path, strerror=os_text(exc))
    return None


class AtomicJSONStorage(Storage):
    """Holds the store's data in memory; loads and flushes the file on request."""

    def __init__(self, path: str | os.PathLike) -> None:
        self.path = Path(path)
        self.data: Data = {}
        self.dirty = False
        #: set when loading migrated the data: the next flush writes it back
        self.migrated = False

    # TinyDB's side ------------------------------------------------------------

    def read(self) -> Data:
        return self.data

    def write(self, data: Data) -> None:
        self.data = data
        self.dirty = True

    def close(self) -> None:
        """Nothing to close: the file is only open while it is read or written."""

    # the store's side ---------------------------------------------------------

    def load(self) -> None:
        """Read the file from disk (or start empty if there is none)."""
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            self.data, self.migrated = migrate({}, self.path)
            self.dirty = False
            return
        except IsADirectoryError:
            raise StoreError(_("{path}: is a folder, not a store file").format(path=self.path)) from None
        except OSError as exc:
            raise cannot_read(self.path, exc) from None
        self.data, self.migrated = migrate(parse(raw, self.path), self.path)
        self.dirty = False

    def flush(self) -> str | None:
        """Write the data (see :func:`atomic_write`); returns a warning, or None."""
        warning = atomic_write(self.path, encode(self.data))
        self.dirty = False
        self.migrated = False
        return warning
