"""Two laptops in one test: a store opened as a device, and a sync tool's copy between folders."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

from model.store import Store
from model.store.devices import devices_dir


def open_as(device: str, folder: Path, **store_options: Any) -> Store:
    """The store in ``folder`` as ``device`` opens it (the ``sync_on`` fixture restores the id)."""
    os.environ["KIZUNA_DEVICE"] = device
    return Store(folder / "kizuna.json", **store_options)


def carry(src: Path, dst: Path, device: str) -> None:
    """What a sync tool does: ``device``'s files from one laptop's folder to the other's."""
    a, b = devices_dir(src / "kizuna.json"), devices_dir(dst / "kizuna.json")
    b.mkdir(parents=True, exist_ok=True)
    shutil.rmtree(b / f"{device}-parts", ignore_errors=True)
    if (a / f"{device}-parts").is_dir():
        shutil.copytree(a / f"{device}-parts", b / f"{device}-parts")
    shutil.copy2(a / f"{device}.json", b / f"{device}.json")


def stones(store: Store) -> set[str]:
    return set(store.tombstoned())
