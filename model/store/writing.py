"""The store's writes: one commit of new part files and the store file, and what surrounds it.

:class:`Writing` is a part of :class:`model.store.database.Store` (a base class of it), used
by its transaction under the lock: back up the day's first version, write the changed parts
under new names (never over old ones), replace the store file atomically (the one commit
point), then delete the superseded parts once that is durable; clear what killed writers
left; after a failure, reload so memory never holds what the file does not.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import orjson

from model.errors import StoreError
from model.language.i18n import _
from model.language.os_errors import os_text
from model.store import parts as _parts
from model.store.backups import keep_daily, set_aside_dir
from model.store.paths import make_private_dir
from model.store.storage import TEMP_PREFIX, write_target

if TYPE_CHECKING:
    from model.store.journal import Journal
    from model.store.parts import Parts
    from model.store.storage import AtomicJSONStorage
    from model.store.tables import FileTable


def file_signature(path: Path) -> tuple[int, int, int] | None:
    try:
        st = path.stat()
    except OSError:  # gone, or unreadable: reading it says which
        return None
    return (st.st_ino, st.st_mtime_ns, st.st_size)


class Writing:
    """The store's commit and its clean-up (see the module)."""

    if TYPE_CHECKING:  # what Store gives
        path: Path
        warnings: list[str]
        _signature: tuple[int, int, int] | None
        _storage: AtomicJSONStorage
        _parts: dict[str, Parts]
        _tables: dict[str, FileTable]
        _journal: Journal
        _private_folder: bool
        _backup_day: Callable[[], date]

        def _read(self) -> None: ...
        def _named_by_conflict_copies(self) -> set[str]: ...

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
            if file_signature(self.path) == self._signature:  # not replaced: nothing names the new parts
                _parts.remove_files(_parts.parts_dir(self.path), new)
            raise self._write_error(exc) from exc
        self._signature = file_signature(self.path)
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

    def _backup(self) -> None:
        """Keep today's first version of the store (see :mod:`model.store.backups`)."""
        names = [n for p in self._parts.values() for n in p.named()]
        keep_daily(self.path, self._backup_day(), names)
