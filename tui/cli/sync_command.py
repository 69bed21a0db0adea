"""``kizuna sync on|off|status``: the two-laptop layout of the store (see README "Two laptops").

``on`` makes ``kizuna-devices/`` beside the store, the marker Kizuna honours (the sync tool
carries it to the other laptops); ``off`` keeps a folder that looks synced as one file, or turns
device files back into one file (:mod:`model.store.layout`); ``status`` says which layout is used
and why, this device, the others and what is waiting; ``forget DEVICE`` retires another device.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from model.errors import KizunaError
from model.language.i18n import _


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "sync", parents=[common], help=_("two laptops: the synced-folder layout (on, off, status, forget)"),
        description=_("Keep the store as one file per device, for a folder a sync tool shares between "
                    "laptops (Syncthing, Dropbox, Nextcloud, iCloud Drive, OneDrive, Google Drive). "
                    "Recognised synced folders turn it on by themselves; 'on' turns it on for any "
                    "folder, 'off' turns device files back into one store file (everything readable "
                    "merged, the device files moved to the backups folder; refused while anything is "
                    "waiting) or keeps a folder that only looks synced as one file, 'status' (the "
                    "default) says which layout is used, this "
                    "device, the other devices, when each was last merged, and what is waiting. "
                    "'forget DEVICE' stops counting a retired device: its files, merged in full, go to "
                    "the backups folder."))
    p.add_argument("action", nargs="?", choices=("on", "off", "status", "forget"), default="status",
                   help=_("on, off, forget, or status (default)"))
    p.add_argument("device", nargs="?", help=_("forget: the device id, as 'kizuna sync status' lists it"))
    p.set_defaults(func=cmd_sync)


def _path(ctx) -> Path:
    from model.store import default_store_path

    path, _own = default_store_path(getattr(ctx.args, "db", None))
    return Path(os.path.realpath(path)) if path.is_symlink() else path


def cmd_sync(ctx) -> int:
    from model.store import off_marker, switch_sync, sync_reason

    action = ctx.args.action
    device = getattr(ctx.args, "device", None)
    if action == "forget" or device is not None:  # a bad argument: exit 2, as argparse's own
        from model.store import DEVICE_NAME

        if action != "forget" or not DEVICE_NAME.fullmatch(device or ""):
            print(_("kizuna: error: 'kizuna sync forget' takes one device id (1-40 letters, digits, '-' or "
                    "'_'); the other actions take none"), file=sys.stderr)
            return 2
        return _forget(ctx, device or "")
    if action != "status":
        if getattr(ctx.args, "demo", False):
            raise KizunaError(_("the demo data is a disposable copy: it is never synced"))
        path = _path(ctx)
        if path.is_dir():
            raise KizunaError(_("{path}: is a folder, not a store file").format(path=path))
        if action == "off" and _has_device_files(path):  # merged back into one store file
            from model.store import to_one_file

            print(to_one_file(ctx.store))
            return 0
        print(switch_sync(path, action == "on"))
        if action == "off":
            return 0
    store = ctx.store  # opening merges what has arrived (notices on stderr)
    reason = sync_reason(store.shared_path)
    if not store.device:
        why = _("turned off with 'kizuna sync off'") if off_marker(store.shared_path).exists() else \
            _("not a synced folder as far as Kizuna can tell; 'kizuna sync on' turns it on")
        print(_("layout: one file, {path} ({why})").format(path=store.path, why=why))
        copies = store.sync_status()[2]
        _waiting(copies)
        return 0
    name, peers, copies = store.sync_status()
    print(_("layout: one file per device, in {folder} ({reason})").format(folder=store.path.parent, reason=reason))
    print(_("this device: {device}").format(device=store.device)
          + (f" ({name})" if name else _(" (named when it first writes)"))
          + _(", its file {name}").format(name=store.path.name))
    if not peers:
        print(_("other devices: none seen yet"))
    else:
        from tui.cli.output import table

        print(_("other devices:"))
        rows = [[p.device, p.name or "-", p.last_change or "-", p.merged_at or _("not yet"), p.waiting or _("nothing")]
                for p in peers]
        heads = [_("DEVICE"), _("NAME"), _("LAST CHANGE THERE"), _("MERGED HERE"), _("WAITING")]
        for line in table(rows, heads).splitlines():
            print(f"  {line}")
    _waiting([f"{p.device}: {p.waiting}" for p in peers if p.waiting] + copies)
    return 0


def _waiting(items: list[str]) -> None:
    from model.language.text import visible

    if not items:
        print(_("waiting: nothing"))
        return
    print(_("waiting:"))
    for item in items:
        print(f"  {visible(item)}")


def _has_device_files(path: Path) -> bool:
    from model.store import devices_dir

    try:
        return any(n.endswith(".json") for n in os.listdir(devices_dir(path)))
    except OSError:
        return False


def _forget(ctx, device: str) -> int:
    from model.store import forget_device

    aside = forget_device(ctx.store, device)
    print(_("forgot {device}: it no longer holds back the removal of old deletions").format(device=device)
          + (_("; its files were moved to {aside}").format(aside=aside) if aside else ""))
    return 0
