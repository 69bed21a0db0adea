"""Undo the last changes made from this machine.

Every transaction the store commits hands its records, as they were before and
after, to :class:`UndoLog` (``Store.on_commit``), which keeps the last
:data:`KEEP` of them in ``<store stem>.undo.<machine>.json`` beside the store
(0600). The log is per machine and is not part of the store (nor of its
backups): another laptop sharing the store never undoes this one's changes.

:func:`undo` puts the newest change's records back as they were before, in one
transaction, and only if each one is still exactly as that change left it: a
record another process changed (or deleted) since is never overwritten; undo
refuses and says which record and why.
"""

from __future__ import annotations

import os
import re
import socket
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson

from model.errors import KizunaError, StoreError
from model.records import Contact, Deletion, FocusPlan, Interaction, Promise, Record, now_stamp
from model.language.i18n import _
from model.language.os_errors import os_text

#: how many changes the log keeps
KEEP = 30
#: a change touching more records than this (an import) is noted, not kept for undo
MAX_RECORDS = 5000
_TYPES: dict[str, type[Record]] = {c.table: c for c in (Contact, Interaction, Promise, FocusPlan, Deletion)}


class UndoError(KizunaError):
    """Nothing to undo, or the change cannot be undone safely; the message says why."""


def undo_path(store_path: Path) -> Path:
    """``<stem>.undo.<this machine's name>.json`` beside the store: a store in a synced folder
    is shared by two laptops, and each must undo only its own changes."""
    store_path = Path(store_path)
    host = re.sub(r"[^A-Za-z0-9._-]+", "_", socket.gethostname()).strip("._") or "this-machine"
    return store_path.with_name(f"{store_path.stem}.undo.{host}.json")


def describe_ops(ops: list[tuple[str, Record | None, Record | None]]) -> str:
    """A few words for what a change did: ``a note added (2026-12-05 talked pricing)``,
    ``Tanaka: tier deep -> active``, ``Mori deleted, 3 notes deleted`` ..."""
    said: list[str] = []
    groups: dict[tuple[str, str], list[Record]] = {}
    for table, before, after in ops:
        rec = after or before
        if table == Deletion.table or rec is None:
            continue
        if table == Interaction.table and rec.kind == "log":
            continue  # the timeline line an action writes about itself
        if table == Promise.table and before is not None and after is not None \
                and before.to_dict() | {"interaction": None} == after.to_dict() | {"interaction": None}:
            continue  # only unlinked from a deleted note
        if table == Contact.table and before is not None and after is not None:
            change = f"tier {before.tier} -> {after.tier}" if before.tier != after.tier else "details changed"
            said.append(f"{after.name}: {change}")
            continue
        if table == Promise.table and before is not None and after is not None and before.status != after.status:
            said.append(f"promise {after.status}: {after.text[:40]}")
            continue
        verb = "added" if before is None else "deleted" if after is None else "changed"
        groups.setdefault((table, verb), []).append(rec)
    nouns = {"interactions": ("note", "notes"), "contacts": ("person", "people"),
             "promises": ("promise", "promises"), "focus_plans": ("focus plan", "focus plans")}
    for (table, verb), recs in groups.items():
        one, many = nouns.get(table, (table, table))
        if len(recs) > 1:
            said.append(f"{len(recs)} {many} {verb}")
        elif table == Contact.table:
            said.append(f"{recs[0].name} {verb}")
        elif table == Interaction.table:
            first = recs[0].text.split("\n", 1)[0]
            said.append(f"a note {verb} ({f'{recs[0].date} {first[:40]}'.rstrip()})")
        elif table == Promise.table:
            said.append(f"a promise {verb} ({recs[0].text[:40]})")
        else:
            said.append(f"a {one} {verb}")
    return ", ".join(said) or "a timeline entry"


def _dump(record: Record | None) -> dict | None:
    return None if record is None else record.to_dict()


@dataclass
class Entry:
    """One change: when, what (a few words), and its records before and after."""

    at: str
    label: str
    ops: list[dict[str, Any]]  # {"table", "id", "before", "after"}
    too_big: int = 0  # records in a change too big to keep (ops is then empty)

    def to_dict(self) -> dict[str, Any]:
        return {"at": self.at, "label": self.label, "ops": self.ops, "too_big": self.too_big}


class UndoLog:
    """The undo log file of one store on this machine."""

    def __init__(self, store_path: str | os.PathLike, keep: int = KEEP) -> None:
        self.path = undo_path(Path(store_path))
        self.keep = keep
        #: set when the log could not be written (the change itself was saved)
        self.problem: str | None = None
        #: the words the next change is described with (else made up from its records)
        self.next_label: str | None = None

    def attach(self, store) -> UndoLog:
        """Record every change ``store`` commits from now on."""
        getattr(store, "raw", store).on_commit = self.record
        return self

    # -- the file --------------------------------------------------------------

    def entries(self) -> list[Entry]:
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return []
        except OSError as exc:
            raise StoreError(_("{path}: cannot read the undo log: {strerror}").format(
                path=self.path, strerror=os_text(exc))) from None
        try:
            data = orjson.loads(raw)
            return [Entry(e["at"], e["label"], list(e["ops"]), int(e.get("too_big", 0)))
                    for e in data["entries"]]
        except (orjson.JSONDecodeError, KeyError, TypeError, ValueError):
            raise StoreError(_("{path}: the undo log is damaged; delete it to start a new one").format(
                path=self.path)) from None

    def _write(self, entries: list[Entry]) -> None:
        data = orjson.dumps({"entries": [e.to_dict() for e in entries[-self.keep:]]})
        fd, tmp = tempfile.mkstemp(prefix=f".{self.path.name}.tmp-", dir=self.path.parent)
        try:
            os.fchmod(fd, 0o600)
            # no fsync: every save would wait for it, and a log lost in a crash (or found
            # damaged, then replaced) only costs undo steps, never data
            with os.fdopen(fd, "wb") as f:
                f.write(data)
            os.replace(tmp, self.path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

    # -- recording ---------------------------------------------------------------

    def record(self, ops: list[tuple[str, Record | None, Record | None]]) -> None:
        """Keep one committed change (called by the store, holding its lock)."""
        label, self.next_label = self.next_label or describe_ops(ops), None
        if len(ops) > MAX_RECORDS:
            entry = Entry(now_stamp(), label, [], too_big=len(ops))
        else:
            entry = Entry(now_stamp(), label, [
                {"table": t, "id": (a or b).id, "before": _dump(b), "after": _dump(a)}
                for t, b, a in ops])
        try:
            entries = self.entries()
        except StoreError:
            entries = []  # a damaged log is replaced: it only ever held undo steps
        try:
            self._write([*entries, entry])
            self.problem = None
        except OSError as exc:
            # the change is saved; only its undo step is lost
            self.problem = _("{path}: cannot write the undo log: {strerror}").format(
                path=self.path, strerror=os_text(exc))

    def last(self) -> Entry | None:
        entries = self.entries()
        return entries[-1] if entries else None


def undo(store, log: UndoLog) -> Entry:
    """Undo the newest change in ``log``; return it. Refuses (UndoError) rather than
    overwrite a record changed since by another process."""
    raw = getattr(store, "raw", store)  # the app's SharedStore wraps the store
    with store.transaction():
        saved_hook, raw.on_commit = raw.on_commit, None  # undoing is not itself a step to undo
        try:
            entry = _undo_newest(store, log)
        finally:
            raw.on_commit = saved_hook  # before the commit: nothing was recorded meanwhile
    # After the commit, under the lock again (another process may have added a step
    # meanwhile): if this fails the step stays, and a second undo refuses it.
    try:
        with store.transaction():
            now = log.entries()
            for i in range(len(now) - 1, -1, -1):
                if now[i].at == entry.at and now[i].label == entry.label:
                    del now[i]
                    log._write(now)
                    break
    except OSError as exc:
        raise StoreError(_("{path}: undone, but the undo log could not be updated: {strerror}").format(
            path=log.path, strerror=os_text(exc))) from None
    return entry


def _undo_newest(store, log: UndoLog) -> Entry:
    entries = log.entries()
    if not entries:
        raise UndoError(_("nothing to undo (no change from this machine is on record)"))
    entry = entries[-1]
    if entry.too_big:
        raise UndoError(_("the last change ({label}, {too_big} records) is too big to undo; restore a "
                           "backup instead ({folder})").format(
            label=entry.label, too_big=entry.too_big, folder=store.backups_dir))
    plan = []
    for op in reversed(entry.ops):
        cls = _TYPES.get(op["table"])
        if cls is None:
            raise UndoError(_("{path}: an unknown table {table!r}; not undoing").format(
                path=log.path, table=op["table"]))
        current = _find(store, cls, op["id"])
        if (None if current is None else current.to_dict()) != op["after"]:
            raise UndoError(_("cannot undo {label}: {op} was changed since (by another process or window); "
                               "nothing undone").format(
                label=entry.label, op=_what(cls, op)))
        plan.append((cls, op, current))
    for cls, op, current in plan:
        if op["before"] is None:
            store.remove(current)
        elif current is None:
            store.add(cls.from_dict(op["before"]))
        else:
            store.put(cls.from_dict(op["before"]))
    return entry


def _find(store, cls: type[Record], record_id: str) -> Record | None:
    try:
        return store.get(cls, record_id)
    except KizunaError:
        return None


def _what(cls: type[Record], op: dict) -> str:
    rec = op["after"] or op["before"] or {}
    if cls is Contact:
        return f"the person {rec.get('name', '')}"
    if cls is Interaction:
        return f"the note of {rec.get('date', '')} ({str(rec.get('text', ''))[:30]})"
    if cls is Promise:
        return f"the promise {str(rec.get('text', ''))[:30]!r}"
    return f"a {cls.table.rstrip('s')} record"
