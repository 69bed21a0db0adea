"""Rolling daily backups of the store: the day's first version, the last seven days.

Writes replace the store's files and never change them in place, so a hard
link is a true copy that costs nothing; a file system without hard links gets
a real copy (kept private).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterable
from datetime import date
from pathlib import Path

from model.store import parts as _parts
from model.store.paths import make_private_dir

BACKUPS_KEPT = 7


def backups_dir(store_path: Path) -> Path:
    """``kizuna-backups/`` beside ``kizuna.json``."""
    return store_path.with_name(store_path.stem + "-backups")


def set_aside_dir(store_path: Path, day: date) -> Path:
    """Where the day's unnamed part files are moved (kept as long as the backups)."""
    return backups_dir(store_path) / f"{store_path.stem}-set-aside-{day.isoformat()}"


def backup_files(store_path: Path) -> list[tuple[str, Path]]:
    """The daily backups of the store, oldest first: (``YYYY-MM-DD``, the backup's store file)."""
    folder = backups_dir(store_path)
    stem, suffix = store_path.stem, store_path.suffix
    out = []
    try:
        found = sorted(folder.glob(f"{stem}-????-??-??{suffix}"))
    except OSError:
        return []
    for path in found:
        day = path.name[len(stem) + 1:len(path.name) - len(suffix)]
        try:
            date.fromisoformat(day)
        except ValueError:
            continue
        out.append((day, path))
    return out


def link_or_copy(source: Path, target: Path) -> None:
    """A copy of ``source`` at ``target`` (a hard link when it can: files are never changed)."""
    if target.exists():
        return
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)
        os.chmod(target, 0o600)


def link_parts(source: Path, target: Path, names: Iterable[str]) -> None:
    """The part files ``names`` of the store ``source`` in the parts folder of ``target``."""
    folder = _parts.parts_dir(target)
    make_private_dir(folder)
    for name in names:
        link_or_copy(_parts.parts_dir(source) / name, folder / name)


def keep_daily(store_path: Path, day: date, part_names: Iterable[str]) -> None:
    """Keep the store as it is now as ``<stem>-DAY`` unless that day has one; prune.

    ``part_names`` are the part files this version of the store names; they are
    kept beside the backup in its own ``-parts`` folder.
    """
    if not store_path.exists():
        return
    folder = backups_dir(store_path)
    make_private_dir(folder)
    target = folder / f"{store_path.stem}-{day.isoformat()}{store_path.suffix}"
    if target.exists():
        return
    names = list(part_names)
    if names:
        link_parts(store_path, target, names)
    link_or_copy(store_path, target)
    try:
        kept = sorted(folder.glob(f"{store_path.stem}-????-??-??{store_path.suffix}"))
        for old in kept[:-BACKUPS_KEPT]:
            old.unlink(missing_ok=True)
            shutil.rmtree(_parts.parts_dir(old), ignore_errors=True)
        aside = sorted(folder.glob(f"{store_path.stem}-set-aside-????-??-??"))
        for old in aside[:-BACKUPS_KEPT]:
            shutil.rmtree(old, ignore_errors=True)
    except OSError:
        pass  # pruning old backups can wait for another day
