"""The tables kept inside the store file: contacts, promises, focus plans.

Each is TinyDB's layout inside the store file's data
(:class:`model.store.storage.AtomicJSONStorage`): ``{"1": {...}, "2": {...}}``,
documents keyed by a number (TinyDB's ``doc_id``, internal), each holding the
record's own ``id``. :class:`FileTable` gives such a table the face of a
partitioned one (:class:`model.store.parts.Parts`) — ``all``, ``find``, ``insert``,
``replace``, ``delete`` — so :class:`model.store.Store` treats both alike.

Records are built without validation (:meth:`Record.trusted`: they were
validated on the way in) once per table until it changes; a new document takes
the next number after the highest, found once and then counted on (TinyDB
scanned the table for it on every insert: 3,000 imported people took seconds).
"""

from __future__ import annotations

from model.errors import StoreError, ValidationError
from model.records import Record, check_loaded
from model.store.storage import AtomicJSONStorage
from model.language.i18n import _


class FileTable:
    """One table of the store file's data, as of the version the storage holds."""

    def __init__(self, storage: AtomicJSONStorage, cls: type[Record]) -> None:
        self.storage = storage
        self.cls = cls
        self.table = cls.table
        self._records: list[Record] | None = None  # callers get copies: changed here in place
        self._where: dict[str, int] | None = None  # record id -> its index in _records
        self._doc_ids: dict[str, int] | None = None  # record id -> document number
        self._next: int | None = None
        self._checked = False

    def _docs(self) -> dict[str, dict]:
        return self.storage.data.get(self.table, {})

    def _check(self) -> None:
        """Refuse a table whose records have a wrong type, an unknown value or a shared id
        (one line naming the record and the field), before anything is built from it."""
        if not self._checked:
            docs = self.storage.data.get(self.table, {})
            if not isinstance(docs, dict):
                raise StoreError(_("{path}: its {table} table is not a table of records").format(
                    path=self.storage.path, table=self.table))
            try:
                check_loaded(self.cls, list(docs.values()))
            except ValidationError as exc:
                raise StoreError(_("{path}: {exc} (fix it in the file, or restore a backup)").format(
                    path=self.storage.path, exc=exc)) from None
            self._checked = True

    def _ids(self) -> dict[str, int]:
        if self._doc_ids is None:
            self._check()
            self._doc_ids = {doc["id"]: int(key) for key, doc in self._docs().items()}
        return self._doc_ids

    def all(self) -> list[Record]:
        """Every record, in the file's order (the caller copies the list)."""
        if self._records is None:
            self._check()
            trusted = self.cls.trusted
            # trusted() copies each document: no need to copy it first
            self._records = [trusted(doc) for doc in self._docs().values()]
            self._where = None
        return self._records

    def find(self, record_id: str) -> Record | None:
        doc_id = self._ids().get(record_id)
        return None if doc_id is None else self.cls.trusted(self._docs()[str(doc_id)])

    def insert(self, record: Record) -> bool:
        """Add a record at the end; False if its id is taken."""
        ids = self._ids()
        if record.id in ids:
            return False
        if self._next is None:
            self._next = max(ids.values(), default=0) + 1
        self.storage.data.setdefault(self.table, {})[str(self._next)] = record.to_dict()
        ids[record.id] = self._next
        self._next += 1
        self._changed(keep=True)
        if self._records is not None:  # one more at the end: no need to build them all again
            self._records.append(record)
            self._where = None
        return True

    def replace(self, record: Record) -> bool:
        """Put ``record`` in the place of the one with its id; False if there is none."""
        doc_id = self._ids().get(record.id)
        if doc_id is None:
            return False
        self._docs()[str(doc_id)] = record.to_dict()
        self._changed(keep=True)
        if self._records is not None:  # the one record in its place, the others as they were
            if self._where is None:
                self._where = {r.id: i for i, r in enumerate(self._records)}
            self._records[self._where[record.id]] = record
        return True

    def delete(self, record_id: str) -> bool:
        doc_id = self._ids().pop(record_id, None)
        if doc_id is None:
            return False
        del self._docs()[str(doc_id)]
        self._next = None  # the highest number may have gone: count again, as TinyDB would
        self._changed()
        return True

    def _changed(self, keep: bool = False) -> None:
        self.storage.dirty = True
        if not keep:
            self._records = None
            self._where = None
