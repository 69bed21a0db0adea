"""Folders Kizuna creates are 0700 (parents too) whatever the umask; a symlinked store stays one."""

from __future__ import annotations

import os
import stat
from datetime import date
from pathlib import Path

import pytest

from model.records import Contact, Interaction
from model.store import Store


def modes(root: Path) -> dict[str, int]:
    return {str(p.relative_to(root)): stat.S_IMODE(p.lstat().st_mode) for p in [root, *root.rglob("*")]
            if not p.is_symlink()}


@pytest.mark.parametrize("umask", [0o000, 0o022, 0o277])
def test_every_folder_made_is_0700_and_every_file_0600_whatever_the_umask(tmp_path: Path, umask: int) -> None:
    root = tmp_path / "new"
    path = root / "deep" / "er" / "kizuna.json"
    old = os.umask(umask)
    try:
        store = Store(path, backup_day=lambda: date(2026, 11, 19))
        sato = store.add(Contact(name="Sato Ken"))
        store.add(Interaction(date="2026-11-19", contacts=(sato.id,), text="first"))
        later = Store(path, backup_day=lambda: date(2026, 11, 20))  # a second day: a backup with parts
        later.add(Interaction(date="2026-11-20", contacts=(sato.id,), text="second"))
        (path.parent / "kizuna-parts" / "interactions-00-0123456789ab.json").write_bytes(b"left\n")
        later.add(Interaction(date="2026-11-20", contacts=(sato.id,), text="third"))  # sets it aside
    finally:
        os.umask(old)
    found = modes(root)
    folders = {p for p in found if (root / p).is_dir()}
    assert {"deep", "deep/er", "deep/er/kizuna-parts", "deep/er/kizuna-backups",
            "deep/er/kizuna-backups/kizuna-2026-11-20-parts",
            "deep/er/kizuna-backups/kizuna-set-aside-2026-11-20"} <= folders
    assert {p: m for p, m in found.items() if p in folders and m != 0o700} == {}
    made = {p: m for p, m in found.items() if p not in folders and "0123456789ab" not in p}
    assert made and {p: m for p, m in made.items() if m & 0o077} == {}


def test_a_symlinked_store_file_stays_a_symlink_and_is_written_through(tmp_path: Path) -> None:
    real = tmp_path / "synced" / "kizuna-real.json"
    real.parent.mkdir()
    Store(real).add(Contact(name="Sato Ken"))
    link = tmp_path / "data" / "kizuna.json"
    link.parent.mkdir()
    link.symlink_to(real)
    store = Store(link)
    sato = store.contacts()[0]
    store.add(Interaction(date="2026-11-19", contacts=(sato.id,), text="through the link"))
    store.add(Contact(name="Mori Aki"))
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert sorted(c.name for c in Store(real).contacts()) == ["Mori Aki", "Sato Ken"]
    assert [i.text for i in Store(link).interactions()] == ["through the link"]
    assert [i.text for i in Store(real).interactions()] == ["through the link"]  # its parts are beside it
    assert not [p for p in real.parent.iterdir() if p.name.startswith(".kizuna-tmp")]
