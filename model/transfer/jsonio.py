"""Kizuna's own JSON export: every record, and a way back in.

The export is one object: ``format``, ``version``, ``exported``, ``settings``
and one list per table (``contacts``, ``interactions``, ``promises``,
``focus_plans``), each record as the store holds it, and ``deletions``: the
ids of records deleted from the store (tombstones, see
:mod:`model.actions.edit`). Confidential notes are left out unless asked for.

Importing it (all or nothing, like every import):

* into an empty store gives back the same records, ids and timestamps
  included, and the settings;
* into a store that has records, a record whose ``id`` is already there is
  kept in whichever version has the newer ``updated`` stamp; a focus plan for
  a month that already has one is the same plan (one plan per month), newer
  wins; settings are taken from the file only while the store still has the
  default settings. People are matched by id only here, never by name or
  email: use ``kizuna merge`` for two records of one person.
* every record is validated; the first bad one stops the import with its
  place in the file (``contacts[12].tier: ...``), and so does a note or
  promise about a person who is in neither the file nor the store.
* a record this store has deleted is never brought back (skipped, "deleted
  in this store"); the file's deletions of records the store does not hold
  are recorded, so a restore keeps them too. An import never deletes.
"""

from __future__ import annotations

from dataclasses import fields
from datetime import datetime, timezone
from typing import Any

import orjson

from model.errors import KizunaError, ValidationError
from model.records import Contact, Deletion, FocusPlan, Interaction, Promise, Record, Settings, field_label, now_stamp
from model.actions.edit import deleted_ids, deletions
from model.transfer.common import ImportPlan, Problem
from model.records.privacy import exported, masked_promise, secret_note_ids
from model.language.text import json_safe

FORMAT = "kizuna-export"
VERSION = 1
#: why a record is skipped: the store deleted it (an import never brings one back)
DELETED_HERE = "deleted in this store"
TABLES: dict[str, type[Record]] = {"contacts": Contact, "interactions": Interaction,
                                   "promises": Promise, "focus_plans": FocusPlan}


class JSONFileError(KizunaError):
    """The file is not a Kizuna export, or one of its records is invalid."""


def export(store, include_confidential: bool = False, include_private: bool = False) -> bytes:
    """Everything in ``store`` as Kizuna JSON: confidential notes, and the text of the
    promises made in them, only if asked; private notes only if asked (model/records/privacy.py).
    Hidden characters are written as ``\\u`` escapes: the same text, nothing raw."""
    every = store.interactions()
    notes = [i for i in every if exported(i, include_confidential, include_private)]
    secret = set() if include_confidential else secret_note_ids(every)
    data = {
        "format": FORMAT,
        "version": VERSION,
        "exported": now_stamp(),
        "confidential_included": include_confidential,
        "private_included": include_private or include_confidential,
        "settings": store.settings().to_dict(),
        "contacts": [c.to_dict() for c in store.contacts()],
        "interactions": [i.to_dict() for i in notes],
        "promises": [masked_promise(p, secret) for p in store.promises()],
        "focus_plans": [p.to_dict() for p in store.focus_plans()],
        "deletions": [d.to_dict() for d in sorted(deletions(store), key=lambda d: (d.created, d.id))],
    }
    return json_safe(orjson.dumps(data, option=orjson.OPT_INDENT_2).decode()).encode() + b"\n"


def parse(raw: bytes) -> dict[str, list[Record] | Settings | None]:
    """The records in an export, validated; raises JSONFileError naming the place."""
    if raw.removeprefix(b"\xef\xbb\xbf").lstrip()[:1] not in (b"{", b"["):
        raise JSONFileError("not a Kizuna export (the file is not JSON)")
    try:
        data = orjson.loads(raw.removeprefix(b"\xef\xbb\xbf"))
    except orjson.JSONDecodeError as exc:
        raise JSONFileError(f"line {exc.lineno} column {exc.colno}: not valid JSON ({exc.msg})") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise JSONFileError("not a Kizuna export (no \"format\": \"kizuna-export\")")
    version = data.get("version")
    if not isinstance(version, int) or version > VERSION:
        raise JSONFileError(f"export version {version!r}: this Kizuna reads version {VERSION} or older")
    out: dict[str, Any] = {}
    for table, cls in {**TABLES, Deletion.table: Deletion}.items():
        items = data.get(table, [])
        if not isinstance(items, list):
            raise JSONFileError(f"{table}: must be a list of records")
        records, seen = [], set()
        names = {f.name for f in fields(cls)}  # once, not per record: 50,000 notes
        for i, item in enumerate(items):
            if not isinstance(item, dict):
                raise JSONFileError(f"{table}[{i}]: must be an object")
            unknown = sorted(set(item) - names)
            if unknown:
                raise JSONFileError(f"{table}[{i}].{field_label(unknown[0])}: is not a known field")
            try:
                record = cls(**item)
            except ValidationError as exc:
                raise JSONFileError(f"{table}[{i}].{exc.field.split('.', 1)[-1]}: {exc.message}") from None
            except TypeError as exc:  # e.g. a slot with unknown keys
                raise JSONFileError(f"{table}[{i}]: {exc}") from None
            if record.id in seen:
                raise JSONFileError(f"{table}[{i}]: id {record.id} appears twice in the file")
            seen.add(record.id)
            records.append(record)
        out[table] = records
    settings = data.get("settings")
    if settings is not None:
        if not isinstance(settings, dict):
            raise JSONFileError("settings: must be an object")
        try:
            out["settings"] = Settings.from_dict(settings)
        except (ValidationError, TypeError) as exc:
            raise JSONFileError(f"settings: {exc}") from None
    else:
        out["settings"] = None
    return out


def _stamp(record: Record) -> datetime:
    stamp = datetime.fromisoformat(record.updated)
    return stamp if stamp.tzinfo else stamp.replace(tzinfo=timezone.utc)  # naive: read as UTC


def _label(record: Record) -> str:
    for attr in ("name", "month", "text", "date"):
        value = getattr(record, attr, "")
        if value:
            return f"{record.table.rstrip('s').replace('_', ' ')} {str(value)[:40]}"
    return f"{record.table.rstrip('s')} {record.id}"


def plan_records(plan: ImportPlan, store) -> None:
    """Fill the plan's record lists from ``plan.payload`` against the store as it is now."""
    parsed = plan.payload
    plan.records_added, plan.records_replaced, plan.records_removed = [], [], []
    plan.skipped, plan.settings, plan.problems = [], None, []
    gone = deleted_ids(store)
    held: set[str] = set()
    for table, cls in TABLES.items():
        have = {r.id: r for r in _records(store, cls)}
        held.update(have)
        by_month = {p.month: p for p in have.values()} if cls is FocusPlan else {}  # type: ignore[attr-defined]  # plans only
        for record in parsed[table]:
            if record.id in gone:
                plan.skipped.append((_label(record), DELETED_HERE))
                continue
            if gone and set(getattr(record, "contacts", ()) or (getattr(record, "contact", None),)) & gone:
                plan.skipped.append((_label(record), "about a person deleted in this store"))
                continue
            old = have.get(record.id)
            if old is None and cls is FocusPlan and record.month in by_month:
                old = by_month[record.month]
                if _stamp(record) > _stamp(old):
                    plan.records_removed.append(old)
                    plan.records_added.append(record)
                else:
                    plan.skipped.append((_label(record), "the store's plan for that month is as new or newer"))
                continue
            if old is None:
                plan.records_added.append(record)
            elif old.to_dict() == record.to_dict():
                plan.skipped.append((_label(record), "already there, the same"))
            elif _stamp(record) > _stamp(old):
                plan.records_replaced.append((old, record))
            else:
                plan.skipped.append((_label(record), "the store's copy is as new or newer"))
    plan.records_added += [d for d in parsed.get(Deletion.table, ())
                           if d.id not in gone and d.id not in held]
    people = {c.id for c in store.contacts()} | {c.id for c in parsed["contacts"]} | gone
    for table in ("interactions", "promises"):
        for i, record in enumerate(parsed[table]):
            ids = record.contacts if table == "interactions" else (record.contact,)
            for cid in ids:
                if cid not in people:
                    raise JSONFileError(f"{table}[{i}]: person {cid} is in neither the file nor the store")
    if parsed["settings"] is not None:
        if store.settings() == Settings():
            if parsed["settings"] != Settings():
                plan.settings = parsed["settings"]
        elif parsed["settings"] != store.settings():
            plan.skipped.append(("settings", "the store has settings of its own; kept them"))
    _check_caps(plan, store)


def _check_caps(plan: ImportPlan, store) -> None:
    """A restore is not refused for crowding a tier, but it says so, and who to move."""
    people = {c.id: c for c in store.contacts()}
    for old in plan.records_removed:
        people.pop(old.id, None)
    for _, new in plan.records_replaced:
        if isinstance(new, Contact):
            people[new.id] = new
    for new in plan.records_added:
        if isinstance(new, Contact):
            people[new.id] = new
    settings = plan.settings or store.settings()
    for tier, cap in (("deep", settings.deep_cap), ("active", settings.active_cap)):
        count = sum(1 for c in people.values() if c.tier == tier)
        if count > cap:
            plan.problems.append(Problem(
                "contacts", f"after this import {count} people are {tier} (the cap is {cap}); "
                            f"move {count - cap} with 'kizuna tier' or in the app"))


def _records(store, cls: type[Record]) -> list[Record]:
    getter = {Contact: store.contacts, Interaction: store.interactions,
              Promise: store.promises, FocusPlan: store.focus_plans}[cls]
    return getter()
