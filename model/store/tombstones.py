"""Tombstones: a deletion wins over older edits, and is kept long enough, not for ever.

The merge's own tombstones (``SyncMeta.tombstones``, stamped by the clock, set by
``Store.remove`` in device mode) are authoritative. The :class:`~model.records.Deletion`
records that deleting from Kizuna leaves (in any mode, see :mod:`model.actions.edit`) count as
tombstones too, stamped at their ``created`` time (:func:`deletion_tombstones`). A tombstone
goes (:func:`purgeable`) once every device known here has merged a state of this file that
held it and it is older than :data:`TOMBSTONE_DAYS`; a device retired for good stops counting
(:func:`note_gone`, :func:`forget`).
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date, datetime
from typing import Any

from model.store.sync import SyncMeta, _split, stamp, TYPES as _TYPES


#: a tombstone is kept at least this long, for a device this store has not heard from
TOMBSTONE_DAYS = 400
#: a known device whose files have been gone from the folder this long stops counting
GONE_DAYS = 30


def deletion_tombstones(docs: Any) -> dict[str, dict[str, str]]:
    """Tombstones (per table, per id: a stamp) for ``deletions`` table documents, each
    stamped at its ``created`` time; documents that do not parse are left out (outside text)."""
    out: dict[str, dict[str, str]] = {}
    for doc in (docs.values() if isinstance(docs, dict) else docs or ()):
        if not isinstance(doc, dict):
            continue
        rid, of, created = doc.get("id"), doc.get("of"), doc.get("created")
        if not (isinstance(rid, str) and of in _TYPES and isinstance(created, str)):
            continue
        try:
            ms = int(datetime.fromisoformat(created).timestamp() * 1000)
        except (ValueError, OverflowError, OSError):
            continue
        s = stamp(max(ms, 0), 0, "deletion")
        if s > out.setdefault(of, {}).get(rid, ""):
            out[of][rid] = s
    return out


def known_devices(meta: SyncMeta) -> set[str]:
    """The devices this file has merged from (or tried to)."""
    return {k.split(":", 1)[1] for k in (*meta.seen, *meta.merged) if k.startswith("device:")}


def note_gone(meta: SyncMeta, me: str, present: set[str], today: date, days: int = GONE_DAYS) -> set[str]:
    """Note the day each known device was first seen here without files (a laptop retired, its
    files deleted); return those gone ``days`` or more: they stop holding back the purge."""
    known = known_devices(meta) - {me}
    for device in list(meta.gone):
        if device in present or device not in known:
            del meta.gone[device]
    out = set()
    for device in known - present:
        since = meta.gone.setdefault(device, today.isoformat())
        try:
            if (today - date.fromisoformat(since)).days >= days:
                out.add(device)
        except ValueError:
            meta.gone[device] = today.isoformat()
    return out


def forget(meta: SyncMeta, device: str) -> None:
    """Drop what this file knows of another device: it no longer counts (``kizuna sync forget``)."""
    key = f"device:{device}"
    for known in (meta.seen, meta.merged, meta.parts_seen):
        known.pop(key, None)
    meta.gone.pop(device, None)


def purgeable(meta: SyncMeta, me: str, now_ms: int, days: int = TOMBSTONE_DAYS,
              gone: Collection[str] = ()) -> list[tuple[str, str]]:
    """The tombstones no device can need any more, as (table, id): older than ``days``, and
    every other device known to this file (but those ``gone``) has merged a state of this
    file that held it.

    Once every device has merged the deletion, none still holds the record with older edits
    to bring it back; a device not heard from yet (a laptop joining later with an old copy)
    is what the age is for.
    """
    devices = known_devices(meta) - {me} - set(gone)
    acks = [(meta.merged.get(f"device:{d}") or {}).get("ack", "") for d in devices]
    oldest = now_ms - days * 86_400_000
    out = []
    for table, stones in meta.tombstones.items():
        held = meta.held.get(table, {})
        for rid, ts in stones.items():
            if _split(ts)[0] < oldest and all(ack >= held.get(rid, ts) for ack in acks):
                out.append((table, rid))
    return out


def purge(meta: SyncMeta, stones: list[tuple[str, str]]) -> None:
    for table, rid in stones:
        meta.tombstones[table].pop(rid, None)
        meta.held.get(table, {}).pop(rid, None)
