"""The device layout's end: ``kizuna sync off`` and ``kizuna sync forget DEVICE``.

``sync off`` on a store kept as device files puts everything back into one store file.

The device files are merged first (opening the store does that), then this device's file,
which now holds everything, is written as the one store file beside them (its part files
hard-linked into ``kizuna-parts/``, the store file replaced atomically, an older one kept in
the backups first), and ``kizuna-devices/`` is moved into the backups folder: nothing is
deleted. Refused, with nothing changed, while anything is waiting: a device file not merged
in full (a part still arriving, a file that cannot be read) or a conflict copy left where it is.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from model.errors import NotFoundError, StoreError
from model.language.i18n import _, ngettext
from model.language.os_errors import os_text
from model.store import parts as _parts
from model.store import devices as _devices
from model.store import sources as _sources
from model.store import tombstones as _tombs
from model.store.backups import backups_dir, link_or_copy, link_parts
from model.store.paths import make_private_dir
from model.store.storage import META_TABLE, atomic_write, encode, fsync_dir, meta_doc

if TYPE_CHECKING:
    from model.store.database import Store

#: what a device file's merge data says about the other devices: meaningless in one file
_DEVICE_ONLY = ("seen", "merged", "parts_seen", "gone", "held")


def waiting(store: Store) -> list[str]:
    """What keeps the device files from being turned into one file, one line each."""
    meta = store._sync()
    out = []
    for src in _sources.find_sources(store.shared_path, store.path):
        if src.key == "legacy" or src.signature() == meta.seen.get(src.key):
            continue  # the old store file was merged on the first command; its own parts may be set aside since
        why = _sources.waiting_in(src)[0] or _("not merged yet")
        out.append(f"{src.path.name}: {why}")
    return out


def to_one_file(store: Store) -> str:
    """Turn the store's device files into one store file; say what was done."""
    if not store.device:
        raise StoreError(_("{path}: the store is one file already").format(path=store.path))
    shared, devices = store.shared_path, store.path.parent
    day = store._backup_day().isoformat()
    with store.transaction():  # merges what arrived, under this device's lock
        if store._merged_copies or store._storage.dirty or any(p.dirty for p in store._parts.values()):
            raise StoreError(_("{path}: changes arrived from other devices just now; run 'kizuna sync off' "
                               "again").format(path=shared))  # opening the store merged the rest
        left = waiting(store)
        if left:
            raise StoreError(ngettext("not turned off: {n} thing is waiting ({first}); nothing was changed",
                                      "not turned off: {n} things are waiting (first {first}); nothing was "
                                      "changed", len(left)).format(n=len(left), first=left[0]))
        data = {k: v for k, v in store._storage.data.items()}
        meta = dict(meta_doc(data))
        if isinstance(meta.get("sync"), dict):
            meta["sync"] = {k: v for k, v in meta["sync"].items() if k not in _DEVICE_ONLY}
        data[META_TABLE] = {"1": meta}
        names = [n for p in store._parts.values() for n in p.named()]
        try:
            link_parts(store.path, shared, names)
            fsync_dir(_parts.parts_dir(shared))
            if shared.exists():  # the store from before two laptops (merged long ago): kept
                aside = backups_dir(shared) / f"{shared.stem}-before-sync-off-{day}{shared.suffix}"
                make_private_dir(aside.parent)
                link_or_copy(shared, aside)
            warning = atomic_write(shared, encode(data))
            marker = _devices.off_marker(shared)
            os.close(os.open(marker, os.O_WRONLY | os.O_CREAT, 0o600))
        except (OSError, ValueError) as exc:
            raise StoreError(_("{path}: cannot turn the device files into one file: {reason}; the device "
                               "files are as they were").format(
                path=shared, reason=os_text(exc))) from None
        if warning:
            store.warnings.append(warning)
        kept = _free(backups_dir(shared) / f"{devices.name}-{day}")
        try:  # the commit point of the switch: without kizuna-devices/ the one file is the store
            make_private_dir(kept.parent)
            os.replace(devices, kept)
        except OSError as exc:
            raise StoreError(_("{path}: written as one file, but {devices} could not be moved to the backups "
                               "({strerror}); the device files are still used").format(
                path=shared, devices=devices, strerror=os_text(exc))) from None
    also = _("; but {var} is set, which keeps the device layout on for this shell").format(
        var=_devices.SYNC_ENV) if _devices.sync_env() else ""
    return _("off: the device files are one file again, {name}; they were moved to {kept}{also}").format(
        name=shared.name, kept=kept, also=also)


def forget_device(store: Store, device: str) -> Path | None:
    """Stop counting another device (a laptop retired): its files, merged in full first, are
    moved into the backups folder (never deleted), and it no longer holds back the purge of
    old tombstones. Refused while anything of it is waiting or cannot be read. Returns where
    its files went (None when none were left in the folder)."""
    if not store.device:
        raise StoreError(_("{path}: the store is one file; there is no other device to forget").format(
            path=store.path))
    if device == store.device:
        raise StoreError(_("{device} is this device").format(device=device))
    folder = store.path.parent
    files = [p for p in (folder / f"{device}.json", _parts.parts_dir(folder / f"{device}.json"))
             if os.path.lexists(p)]
    key = f"device:{device}"
    with store.transaction():  # merges what arrived first
        meta = store._sync()
        if device not in _tombs.known_devices(meta) and not files:
            raise NotFoundError(_("no device {device} is known here ('kizuna sync status' lists them)").format(
                device=device))
        src = next((s for s in _sources.find_sources(store.shared_path, store.path) if s.key == key), None)
        if files and (src is None or src.signature() != meta.seen.get(key)):
            why = _sources.waiting_in(src)[0] if src is not None else _("its file {name} is not there").format(
                name=f"{device}.json")
            raise StoreError(_("{device}: not merged in full yet ({why}); nothing was forgotten or moved").format(
                device=device, why=why or _("not merged yet")))
        _tombs.forget(meta, device)
        store._purge(meta)
        store._save_sync()
    if not files:
        return None
    aside = store.backups_dir / "forgotten-devices" / f"{device}-{store._backup_day().isoformat()}"
    try:
        make_private_dir(aside)
        for path in files:
            os.replace(path, aside / path.name)
    except OSError as exc:
        raise StoreError(_("{device}: forgotten, but its files could not be moved to {aside}: {strerror}").format(
            device=device, aside=aside, strerror=os_text(exc))) from None
    return aside

def _free(path: Path) -> Path:
    """``path``, or ``path-2``, ``path-3``… if it is taken (sync turned off twice a day)."""
    out, n = path, 1
    while os.path.lexists(out):
        n += 1
        out = path.with_name(f"{path.name}-{n}")
    return out
