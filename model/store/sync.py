"""Two laptops, one synced folder: the merge of one store file into another.

A store in a synced folder is kept as one store *per device* (:mod:`model.store.devices`:
where that layout applies, the device id); the other devices' files, the old single store
file and conflict copies are *sources* (:mod:`model.store.sources`) merged into this device's
file record by record (``Store._merge_snapshot``, :mod:`model.store.merging`).

The merge is a state merge: union by record id; for a record changed on both sides each
field is taken from the later change by its hybrid logical clock stamp (:class:`Clock`), the
set-aside value kept on the person's timeline as a ``log`` note whose id is derived from what
it records (so both laptops make the same one) (:func:`merge_record`); a deletion (tombstone,
:mod:`model.store.tombstones`) wins over older edits. Merging is the same whichever laptop
does it and in whatever order, so both converge. The settings are merged the same way, per
key (:func:`merge_settings`); none is about one machine.
"""

from __future__ import annotations

import time
import uuid
from dataclasses import dataclass, field
from typing import Any

import orjson

from model.records import RECORD_TYPES, Interaction

#: the record classes by table name
TYPES = {cls.table: cls for cls in RECORD_TYPES}
#: fields a change is not stamped for (see :func:`stamp_changes`), nor a lost value logged for
NO_STAMP = {"id", "created", "updated"}


# -- the clock --------------------------------------------------------------------


def stamp(ms: int, counter: int, device: str) -> str:
    """A hybrid logical clock reading as a string that sorts in time order."""
    return f"{ms:015d}.{counter:05d}.{device}"


def _split(s: str) -> tuple[int, int]:
    try:
        ms, counter, _rest = s.split(".", 2)
        return int(ms), int(counter)
    except ValueError:
        return 0, 0


class Clock:
    """A hybrid logical clock: wall time, but never behind any stamp seen.

    A laptop whose clock runs ahead stamps the future; the other laptop, once it
    has seen that stamp, stamps after it, so its later edit still wins.
    """

    def __init__(self, device: str, last: str = "") -> None:
        self.device = device
        self.last = last

    def see(self, other: str) -> None:
        if other and _split(other) > _split(self.last):
            self.last = stamp(*_split(other), self.device)

    def now(self) -> str:
        ms, counter = _split(self.last)
        wall = int(time.time() * 1000)
        self.last = stamp(wall, 0, self.device) if wall > ms else stamp(ms, counter + 1, self.device)
        return self.last


# -- the merge --------------------------------------------------------------------


@dataclass
class SyncMeta:
    """What a device file keeps for merging (in its ``meta`` document, key ``sync``)."""

    clock: str = ""
    #: per table, per record id, per field: [stamp of its last change, stamp it replaced]
    stamps: dict[str, dict[str, dict[str, list[str]]]] = field(default_factory=dict)
    #: per table, per record id: the stamp of its deletion
    tombstones: dict[str, dict[str, str]] = field(default_factory=dict)
    #: per source key: the signature of the source when it was merged in full
    seen: dict[str, str] = field(default_factory=dict)
    name: str = ""
    #: per source key, its last merge here: {"clock": its clock then, "at": when (local time),
    #: "ack": the clock of this device's file that it had merged} (status, tombstone purge)
    merged: dict[str, dict[str, str]] = field(default_factory=dict)
    #: per table, per id: this device's clock when a tombstone learnt from another file entered
    #: this file (its own deletions entered at their own stamp); see :func:`purgeable`
    held: dict[str, dict[str, str]] = field(default_factory=dict)
    #: per source key, per table: the part files it named when it was last merged in full
    #: (never changed once written, so those need not be read again)
    parts_seen: dict[str, dict[str, list[str | None]]] = field(default_factory=dict)
    #: per known device whose files are not in the folder: the day this device first saw it so
    #: (see :func:`note_gone`)
    gone: dict[str, str] = field(default_factory=dict)

    @classmethod
    def from_dict(cls, d: Any) -> SyncMeta:
        if not isinstance(d, dict):
            return cls()
        def obj(key: str) -> dict:
            v = d.get(key)
            return v if isinstance(v, dict) else {}

        def strings(key: str) -> dict[str, dict[str, str]]:  # another device's file is outside text
            return {k: {f: x for f, x in v.items() if isinstance(x, str)} for k, v in obj(key).items()
                    if isinstance(v, dict)}
        def names(v: Any) -> list[str | None]:
            return [x if isinstance(x, str) else None for x in v] if isinstance(v, list) else []

        parts_seen = {k: {t: names(n) for t, n in v.items()} for k, v in obj("parts_seen").items()
                      if isinstance(v, dict)}
        return cls(str(d.get("clock") or ""), obj("stamps"), strings("tombstones"), obj("seen"),
                   str(d.get("name") or ""), strings("merged"), strings("held"), parts_seen,
                   {k: v for k, v in obj("gone").items() if isinstance(v, str)})

    def to_dict(self) -> dict[str, Any]:
        out = {"clock": self.clock, "name": self.name, "stamps": self.stamps,
               "tombstones": self.tombstones, "seen": self.seen}
        for key in ("merged", "held", "parts_seen", "gone"):  # written only once they hold something
            if getattr(self, key):
                out[key] = getattr(self, key)
        return out

    def ack_of(self, device: str) -> str:
        """The clock of ``device``'s file as this file last merged it in full ("" if never)."""
        return (self.merged.get(f"device:{device}") or {}).get("clock", "")


def latest(stamps: dict[str, list[str]] | None) -> str:
    return max((s[0] for s in (stamps or {}).values() if s), default="")


def _enc(value: Any) -> bytes:
    return orjson.dumps(value, option=orjson.OPT_SORT_KEYS)


def _short(value: Any) -> str:
    text = value if isinstance(value, str) else _enc(value).decode()
    text = " ".join(text.split())
    return text if len(text) <= 80 else text[:79] + "…"


def _person(table: str, doc: dict) -> str | None:
    if table == "contacts":
        return doc["id"]
    if table == "interactions":
        return doc["contacts"][0] if doc.get("contacts") else None
    if table == "promises":
        return doc.get("contact") or None
    return None


def merge_record(table: str, mine: dict, theirs: dict, s_mine: dict,
                 s_theirs: dict) -> tuple[dict, dict, list[Interaction]]:
    """Field by field, the later change wins. Returns (record, its stamps, log notes for what lost)."""
    out = dict(mine)
    stamps = dict(s_mine)
    logs: list[Interaction] = []
    lost: list[tuple[str, Any, str]] = []
    for name in sorted(set(mine) | set(theirs)):
        a, b = mine.get(name), theirs.get(name)
        if a == b:
            continue
        if name == "updated":
            out[name] = max(str(a or ""), str(b or ""))
            continue
        if name == "created":
            out[name] = min(str(a or "~"), str(b or "~"))
            continue
        sa, sb = s_mine.get(name) or ["", ""], s_theirs.get(name) or ["", ""]
        if (sb[0], _enc(b)) > (sa[0], _enc(a)):
            out[name], win_s, lose, lose_s = b, sb, a, sa
            if s_theirs.get(name):
                stamps[name] = list(sb)
        else:
            win_s, lose, lose_s = sa, b, sb
        if win_s[0] and len(win_s) > 1 and win_s[1] == lose_s[0]:
            continue  # the winner replaced exactly this value: an update, not a conflict
        if name not in NO_STAMP:
            lost.append((name, lose, lose_s[0]))
    person = _person(table, out)
    when = max(str(mine.get("updated") or ""), str(theirs.get("updated") or ""))
    what = {"contacts": "this person's", "interactions": "a note's", "promises": "a promise's"}.get(table)
    for name, lose, lose_stamp in lost if person and what else ():
        key = f"kizuna-merge:{table}:{mine['id']}:{name}:{lose_stamp}:{_enc(lose).decode()}"
        logs.append(Interaction.trusted({
            "id": str(uuid.uuid5(uuid.NAMESPACE_URL, key)), "date": when[:10], "contacts": (person,),
            "kind": "log", "depth": "touch", "tags": (), "scope": "open",
            "text": f"Two laptops changed {what} {name}: set aside {_short(lose)!r} (kept {_short(out[name])!r})",
            "created": when, "updated": when}))
    return out, stamps, logs


#: where the settings' stamps are kept: ``SyncMeta.stamps[SETTINGS][SETTINGS]``, per setting key
SETTINGS = "settings"


def merge_settings(mine: dict, theirs: dict, s_mine: dict, s_theirs: dict,
                   defaults: dict) -> tuple[dict, dict]:
    """The settings merged: per key, the later change wins by its clock stamp, as for records.

    A value never chosen here (absent, or unstamped and the default) gives way to any other;
    two unstamped values (from before two laptops) go to the greater, by their JSON. Each key
    ends as the greatest of its values in one order, so every merge order ends the same.
    Returns (settings, their stamps).
    """
    out, stamps = dict(mine), dict(s_mine)

    def rank(d: dict, s: dict, key: str) -> tuple[str, bool, bytes]:
        when = (s.get(key) or [""])[0]
        return when, bool(when) or d[key] != defaults.get(key), _enc(d[key])

    for key in theirs:
        if key in mine and theirs[key] == mine[key]:
            if s_theirs.get(key) and (s_theirs[key][0]) > (s_mine.get(key) or [""])[0]:
                stamps[key] = list(s_theirs[key])  # the same value: keep its later stamp
        elif key not in mine or rank(theirs, s_theirs, key) > rank(mine, s_mine, key):
            out[key] = theirs[key]
            if s_theirs.get(key):
                stamps[key] = list(s_theirs[key])
    return out, stamps


def stamp_changes(meta: SyncMeta, clock: Clock, table: str, old: dict | None, new: dict) -> None:
    """Stamp the fields a local change touched (what a merge compares)."""
    if old is None:
        return
    rec = meta.stamps.setdefault(table, {}).setdefault(new["id"], {})
    for name, value in new.items():
        if name in NO_STAMP or old.get(name) == value:
            continue
        rec[name] = [clock.now(), (rec.get(name) or [""])[0]]


