"""``kizuna sync on|off|status``: the two-laptop layout of the store (see README "Two laptops").

``on`` makes ``kizuna-devices/`` beside the store, the marker Kizuna honours (the sync tool
carries it to the other laptops); ``off`` keeps a folder that looks synced as one file, refused
once device files exist; ``status`` says which layout is used and why, this device, the others
and what is waiting. The messages are English for now (tests/test_i18n.py lists this module).
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from model.errors import KizunaError


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "sync", parents=[common], help="two laptops: the synced-folder layout (on, off, status)",
        description="Keep the store as one file per device, for a folder a sync tool shares between "
                    "laptops (Syncthing, Dropbox, Nextcloud, iCloud Drive, OneDrive, Google Drive). "
                    "Recognised synced folders turn it on by themselves; 'on' turns it on for any "
                    "folder, 'off' keeps a folder that only looks synced as one file (before any "
                    "device file exists), 'status' (the default) says which layout is used, this "
                    "device, the other devices, when each was last merged, and what is waiting.")
    p.add_argument("action", nargs="?", choices=("on", "off", "status"), default="status",
                   help="on, off, or status (default)")
    p.set_defaults(func=cmd_sync)


def _path(ctx) -> Path:
    from model.store import default_store_path

    path, _own = default_store_path(getattr(ctx.args, "db", None))
    return Path(os.path.realpath(path)) if path.is_symlink() else path


def cmd_sync(ctx) -> int:
    from model.store import off_marker, switch_sync, sync_reason

    action = ctx.args.action
    if action != "status":
        if getattr(ctx.args, "demo", False):
            raise KizunaError("the demo data is a disposable copy: it is never synced")
        path = _path(ctx)
        if path.is_dir():
            raise KizunaError(f"{path}: is a folder, not a store file")
        print(switch_sync(path, action == "on"))
        if action == "off":
            return 0
    store = ctx.store  # opening merges what has arrived (notices on stderr)
    reason = sync_reason(store.shared_path)
    if not store.device:
        why = "turned off with 'kizuna sync off'" if off_marker(store.shared_path).exists() else \
            "not a synced folder as far as Kizuna can tell; 'kizuna sync on' turns it on"
        print(f"layout: one file, {store.path} ({why})")
        _, _, copies = store.sync_status()
        _waiting(copies)
        return 0
    name, peers, copies = store.sync_status()
    print(f"layout: one file per device, in {store.path.parent} ({reason})")
    print(f"this device: {store.device}" + (f" ({name})" if name else " (named when it first writes)")
          + f", its file {store.path.name}")
    if not peers:
        print("other devices: none seen yet")
    else:
        from tui.cli.output import table

        print("other devices:")
        rows = [[p.device, p.name or "-", p.last_change or "-", p.merged_at or "not yet", p.waiting or "nothing"]
                for p in peers]
        for line in table(rows, ["DEVICE", "NAME", "LAST CHANGE THERE", "MERGED HERE", "WAITING"]).splitlines():
            print(f"  {line}")
    _waiting([f"{p.device}: {p.waiting}" for p in peers if p.waiting] + copies)
    return 0


def _waiting(items: list[str]) -> None:
    from model.language.text import visible

    if not items:
        print("waiting: nothing")
        return
    print("waiting:")
    for item in items:
        print(f"  {visible(item)}")
