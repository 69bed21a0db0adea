"""A device file merged before is not read again in full: its unchanged part files are skipped.

Part files are never changed once written, so a part another device's file still names, and
named when this device last merged it in full, holds nothing new. These tests damage such a
part on disk (which a merge that read it would refuse) to show that only what changed is read.
"""

from __future__ import annotations

import os
from pathlib import Path

import orjson
import pytest

from model.records import Contact, Interaction
from model.store import Store
from model.store.parts import part_of
from model.store.devices import devices_dir


@pytest.fixture(autouse=True)
def _sync_on(monkeypatch):
    monkeypatch.setenv("KIZUNA_SYNC", "1")
    monkeypatch.setenv("KIZUNA_DEVICE", "DESK")


def open_as(device: str, folder: Path) -> Store:
    os.environ["KIZUNA_DEVICE"] = device
    return Store(folder / "kizuna.json")


def carry(src: Path, dst: Path, device: str) -> None:
    """Copy a device's files from one folder to the other, as a sync tool would (deleting what went)."""
    s, d = devices_dir(src / "kizuna.json"), devices_dir(dst / "kizuna.json")
    (d / f"{device}-parts").mkdir(parents=True, exist_ok=True)
    want = {p.name for p in (s / f"{device}-parts").iterdir()}
    for p in (d / f"{device}-parts").iterdir():
        if p.name not in want:
            p.unlink()
    for name in want:
        if not (d / f"{device}-parts" / name).exists():
            (d / f"{device}-parts" / name).write_bytes((s / f"{device}-parts" / name).read_bytes())
    (d / f"{device}.json").write_bytes((s / f"{device}.json").read_bytes())


def part_names(folder: Path, device: str) -> list[str | None]:
    data = orjson.loads((devices_dir(folder / "kizuna.json") / f"{device}.json").read_bytes())
    return next(iter(data["parts"].values()))["files"]


def test_only_the_changed_part_of_a_device_file_is_read_again(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    desk = open_as("DESK", a)
    person = desk.add(Contact(name="Aiko Tanaka"))
    desk.add_many(Interaction(date="2026-12-01", contacts=(person.id,), text=f"desk {i}") for i in range(40))
    carry(a, b, "DESK")
    laptop = open_as("LAPTOP", b)
    assert len(laptop.interactions()) == 40
    before = part_names(a, "DESK")
    new = Interaction(date="2026-12-02", contacts=(person.id,), text="written after the merge")
    desk = open_as("DESK", a)
    desk.add(new)
    after = part_names(a, "DESK")
    changed = {k for k in range(16) if before[k] != after[k]}
    assert changed == {part_of(new.id)}
    carry(a, b, "DESK")
    # an unchanged part damaged here: a merge reading it would refuse the whole file
    k = next(k for k in range(16) if k not in changed and after[k])
    damaged = devices_dir(b / "kizuna.json") / "DESK-parts" / after[k]
    damaged.write_bytes(b"not a part file\n")
    laptop = open_as("LAPTOP", b)
    assert any("1 change merged from" in n for n in laptop.notices), laptop.notices
    assert "written after the merge" in {i.text for i in laptop.interactions()}
    assert len(laptop.interactions()) == 41


def test_a_device_file_never_merged_in_full_is_read_whole(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    desk = open_as("DESK", a)
    person = desk.add(Contact(name="Aiko Tanaka"))
    desk.add_many(Interaction(date="2026-12-01", contacts=(person.id,), text=f"desk {i}") for i in range(40))
    carry(a, b, "DESK")
    names = part_names(a, "DESK")
    k = next(k for k in range(16) if names[k])
    (devices_dir(b / "kizuna.json") / "DESK-parts" / names[k]).write_bytes(b"not a part file\n")
    laptop = open_as("LAPTOP", b)
    assert any("not merged yet" in n for n in laptop.notices), laptop.notices
    assert laptop.interactions() == []
