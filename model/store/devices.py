"""Where the device layout applies, and this machine's device id (``kizuna sync on|off``).

The layout is on in a synced folder (:func:`sync_reason`: a sync client's marker file or
folder name, ``kizuna-devices/``, or ``KIZUNA_SYNC``); each device writes only
``kizuna-devices/<device>.json`` and its parts. The device id is chosen once per machine and
kept outside any synced folder (:func:`device_id`).
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from model.errors import StoreError
from model.language.i18n import _
from model.language.os_errors import os_text

DEVICE_ENV = "KIZUNA_DEVICE"
SYNC_ENV = "KIZUNA_SYNC"
DEVICE_NAME = re.compile(r"[A-Za-z0-9_-]{1,40}")
#: files and folders that say "this folder is synced" (Syncthing, Dropbox, Nextcloud/ownCloud)
SYNC_MARKERS = (".stfolder", ".dropbox", ".dropbox.cache", ".owncloudsync.log", ".sync_journal.db", ".nextcloudsync.log")
#: path parts of the folders the usual sync clients keep (OneDrive, Google Drive and iCloud
#: leave no marker file): OneDrive, "OneDrive - Company", Dropbox, "Dropbox (Team)", Nextcloud,
#: ownCloud, iCloud Drive as seen on macOS, Google Drive's mount and its "My Drive", and
#: macOS's ~/Library/CloudStorage, where every newer client keeps its folder ("OneDrive-Personal")
SYNC_FOLDERS = re.compile(
    r"onedrive|onedrive ?- ?.+|dropbox|dropbox \(.+\)|nextcloud|owncloud|mobile documents|icloud ?drive"
    r"|com~apple~clouddocs|google ?drive|googledrive-.+|my drive|cloudstorage")


def devices_dir(store_path: Path) -> Path:
    return store_path.with_name(store_path.stem + "-devices")


def device_id() -> str:
    """This machine's device id: ``$KIZUNA_DEVICE``, else chosen once and kept outside any synced folder."""
    env = os.environ.get(DEVICE_ENV)
    if env:
        if not DEVICE_NAME.fullmatch(env):
            raise StoreError(_("{var}={env!r}: a device id is 1-40 letters, digits, '-' or '_'").format(
                var=DEVICE_ENV, env=env[:40]))
        return env
    from platformdirs import user_config_path

    from model.store.paths import make_private_dir
    from model.store.storage import atomic_write

    where = user_config_path("kizuna", appauthor=False) / "device"
    try:
        found = where.read_text("utf-8").strip()
        if DEVICE_NAME.fullmatch(found):
            return found
    except (OSError, UnicodeDecodeError):
        pass
    import secrets  # (here: a command that reads never needs it, nor its imports)

    new = secrets.token_hex(4).upper()
    try:
        make_private_dir(where.parent)
        atomic_write(where, new.encode() + b"\n")
    except OSError as exc:
        raise StoreError(_("{where}: cannot keep this machine's device id: {strerror}").format(
            where=where, strerror=os_text(exc))) from None
    return new


def off_marker(store_path: Path) -> Path:
    """The file ``kizuna sync off`` leaves beside the store: one file, the layout not wanted."""
    return store_path.with_name(store_path.stem + "-sync-off")


def sync_env() -> bool:
    """Is ``KIZUNA_SYNC`` set (to anything but 0)?"""
    return os.environ.get(SYNC_ENV, "") not in ("", "0")


def sync_reason(store_path: Path) -> str | None:
    """Why the store is kept as device files, in a few words; None when it is one file."""
    if sync_env():
        return _("{var} is set").format(var=SYNC_ENV)
    if devices_dir(store_path).is_dir():
        return _("{name}/ is there").format(name=devices_dir(store_path).name)
    if os.path.lexists(off_marker(store_path)):
        return None
    for folder in [store_path.parent, *store_path.parent.parents][:12]:
        for m in SYNC_MARKERS:
            if os.path.lexists(folder / m):
                return _("{path} marks a synced folder").format(path=folder / m)
    for part in store_path.parent.parts:
        if SYNC_FOLDERS.fullmatch(part.casefold()):
            return _("{part!r} in its path is a synced folder").format(part=part)
    return None


def sync_wanted(store_path: Path) -> bool:
    """Keep the store as device files? Yes once any device wrote them, when asked, or in a synced folder."""
    return sync_reason(store_path) is not None


def own_file(store_path: Path) -> Path:
    """The file this machine writes for the store at ``store_path`` (itself unless in a synced folder)."""
    return devices_dir(store_path) / f"{device_id()}.json" if sync_wanted(store_path) else store_path


def present_devices(folder: Path) -> set[str]:
    """The devices with a file or a part folder in the devices folder."""
    try:
        entries = os.listdir(folder)
    except OSError:
        return set()
    stems = (e[:-5] if e.endswith(".json") else e[:-6] if e.endswith("-parts") else "" for e in entries)
    return {s for s in stems if DEVICE_NAME.fullmatch(s)}


def host_name() -> str:
    import socket

    return printable(socket.gethostname()) or "this machine"


def printable(text: str, width: int = 40) -> str:
    return "".join(ch for ch in text if ch.isprintable())[:width]


def switch_sync(store_path: Path, on: bool) -> str:
    """Turn the device layout on or off for the store at ``store_path``; say what was done.

    On: ``kizuna-devices/`` is made beside the store (the marker Kizuna honours from then on,
    carried to the other laptops by the sync tool). Off: the off marker, before any device file
    exists (device files are turned into one file by :func:`model.store.layout.to_one_file`).
    """
    from model.store.paths import make_private_dir

    devices, off = devices_dir(store_path), off_marker(store_path)
    if on:
        try:
            if os.path.lexists(off):
                off.unlink()
            make_private_dir(devices)
        except OSError as exc:
            raise StoreError(_("{devices}: cannot turn the two-laptop layout on: {strerror}").format(
                devices=devices, strerror=os_text(exc))) from None
        return _("on: this laptop keeps its own file in {devices}").format(devices=devices)
    try:
        if devices.is_dir():
            devices.rmdir()
        make_private_dir(off.parent)
        fd = os.open(off, os.O_WRONLY | os.O_CREAT, 0o600)
        os.close(fd)
    except OSError as exc:
        raise StoreError(_("{off}: cannot turn the two-laptop layout off: {strerror}").format(
            off=off, strerror=os_text(exc))) from None
    also = _("; but {var} is set, which keeps it on for this shell").format(var=SYNC_ENV) if sync_env() else ""
    return _("off: the store stays one file, {name} ({marker} says so){also}").format(
        name=store_path.name, marker=off.name, also=also)
