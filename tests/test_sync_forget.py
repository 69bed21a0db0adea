"""A device removed for good: its files gone from the folder for 30 days, or forgotten with
``kizuna sync forget DEVICE``, it no longer holds back the purge of old tombstones.

Real stores on disk whose files are carried between folders as a sync tool would
(``tombstone_days=0`` stands for "a deletion long ago"; ``backup_day`` moves the calendar).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest

from model.errors import StoreError
from model.records import Contact, Interaction
from model.store import Store, forget_device
from model.store.devices import devices_dir

import sync_helpers
from sync_helpers import carry, stones

ROOT = Path(__file__).resolve().parent.parent
DAY0 = date(2026, 12, 1)


@pytest.fixture(autouse=True)
def _sync_on(monkeypatch):
    monkeypatch.setenv("KIZUNA_SYNC", "1")
    monkeypatch.setenv("KIZUNA_DEVICE", "DESK")


def open_as(device: str, folder: Path, day: date = DAY0) -> Store:
    return sync_helpers.open_as(device, folder, tombstone_days=0, backup_day=lambda: day)



def retire(folder: Path, device: str) -> None:
    """The device's files deleted from the folder (and so from every folder the tool syncs)."""
    d = devices_dir(folder / "kizuna.json")
    shutil.rmtree(d / f"{device}-parts", ignore_errors=True)
    (d / f"{device}.json").unlink()



def desk_and_laptop(tmp_path: Path) -> tuple[Path, Path, str]:
    """Both have merged each other; then the desk deletes a note the laptop never hears of."""
    a, b = tmp_path / "a", tmp_path / "b"
    sa = open_as("DESK", a)
    person = sa.add(Contact(name="Aiko"))
    gone = sa.add(Interaction(date="2026-12-01", contacts=(person.id,), text="to be deleted"))
    carry(a, b, "DESK")
    open_as("LAPTOP", b).add(Interaction(date="2026-12-01", contacts=(person.id,), text="laptop"))
    carry(b, a, "LAPTOP")
    sa = open_as("DESK", a)
    sa.remove(sa.get(Interaction, gone.id))
    return a, b, gone.id


def test_a_device_whose_files_left_the_folder_30_days_ago_stops_holding_tombstones(tmp_path: Path) -> None:
    a, b, gone = desk_and_laptop(tmp_path)
    c = tmp_path / "c"
    carry(a, c, "DESK")
    open_as("PHONE", c)  # the phone merges the desk's file, deletion included
    retire(a, "LAPTOP")
    carry(c, a, "PHONE")
    sa = open_as("DESK", a)  # the laptop never merged the deletion, and left only today: kept
    assert gone in stones(sa)
    peer = next(p for p in sa.sync_status()[1] if p.device == "LAPTOP")
    assert "left the folder" in peer.waiting and DAY0.isoformat() in peer.waiting
    person = sa.contacts()[0].id
    for days, kept in ((29, True), (30, False)):
        open_as("PHONE", c).add(Interaction(date="2026-12-02", contacts=(person,), text=f"phone {days}"))
        carry(c, a, "PHONE")
        sa = open_as("DESK", a, DAY0 + timedelta(days=days))
        assert any("merged from" in n for n in sa.notices)
        assert (gone in stones(sa)) is kept, days
    assert gone not in {i.id for i in sa.interactions()}


def test_a_device_that_comes_back_counts_again(tmp_path: Path) -> None:
    a, b, gone = desk_and_laptop(tmp_path)
    c = tmp_path / "c"
    carry(a, c, "DESK")
    open_as("PHONE", c)
    retire(a, "LAPTOP")
    carry(c, a, "PHONE")
    sa = open_as("DESK", a)  # notes the laptop's files gone today
    assert "left the folder" in next(p for p in sa.sync_status()[1] if p.device == "LAPTOP").waiting
    carry(b, a, "LAPTOP")  # it was not retired after all
    open_as("PHONE", c).add(Interaction(date="2026-12-02", contacts=(sa.contacts()[0].id,), text="phone"))
    carry(c, a, "PHONE")
    sa = open_as("DESK", a, DAY0 + timedelta(days=60))
    assert any("PHONE" in n for n in sa.notices)
    assert gone in stones(sa)  # its file is back: it has still not merged the deletion


def test_forget_moves_a_merged_device_into_the_backups_and_purges(tmp_path: Path) -> None:
    a, b, gone = desk_and_laptop(tmp_path)
    sa = open_as("DESK", a)
    assert gone in stones(sa)
    aside = forget_device(sa, "LAPTOP")
    assert aside is not None and (aside / "LAPTOP.json").is_file() and (aside / "LAPTOP-parts").is_dir()
    folder = devices_dir(a / "kizuna.json")
    assert not (folder / "LAPTOP.json").exists() and not (folder / "LAPTOP-parts").exists()
    sa = open_as("DESK", a)
    assert gone not in stones(sa)
    assert [p.device for p in sa.sync_status()[1]] == []
    assert "laptop" in {i.text for i in sa.interactions()}  # what it wrote stays


def test_forget_is_refused_while_the_device_is_half_arrived(tmp_path: Path) -> None:
    a, b, gone = desk_and_laptop(tmp_path)
    sb = open_as("LAPTOP", b)
    sb.add(Interaction(date="2026-12-03", contacts=(sb.contacts()[0].id,), text="late"))
    carry(b, a, "LAPTOP")
    parts = devices_dir(a / "kizuna.json") / "LAPTOP-parts"
    newest = max(parts.iterdir(), key=lambda p: p.stat().st_mtime_ns)
    newest.unlink()  # a part still on its way
    before = sorted(p.name for p in parts.iterdir())
    with pytest.raises(StoreError, match="not merged in full"):
        forget_device(open_as("DESK", a), "LAPTOP")
    assert sorted(p.name for p in parts.iterdir()) == before
    assert (devices_dir(a / "kizuna.json") / "LAPTOP.json").is_file()
    assert gone in stones(open_as("DESK", a))


# -- the command ---------------------------------------------------------------------------


def run(store: Path, cli_env: dict[str, str], device: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = dict(cli_env, KIZUNA_DB=str(store), KIZUNA_SYNC="1", KIZUNA_DEVICE=device)
    return subprocess.run([sys.executable, "-m", "tui", *args], env=env, cwd=ROOT, capture_output=True,
                          text=True, encoding="utf-8", timeout=60)


def test_kizuna_sync_forget(tmp_path: Path, cli_env) -> None:
    a, b, _gone = desk_and_laptop(tmp_path)
    store = a / "kizuna.json"
    status = run(store, cli_env, "DESK", "sync", "status")
    assert status.returncode == 0 and "LAPTOP" in status.stdout
    for bad in (["sync", "forget"], ["sync", "status", "LAPTOP"], ["sync", "forget", "../x"]):
        done = run(store, cli_env, "DESK", *bad)
        assert done.returncode == 2 and len(done.stderr.splitlines()) == 1, (bad, done.stderr)
    done = run(store, cli_env, "DESK", "sync", "forget", "NOBODY")
    assert done.returncode == 1 and done.stderr.count("\n") == 1 and "NOBODY" in done.stderr
    done = run(store, cli_env, "DESK", "sync", "forget", "DESK")
    assert done.returncode == 1 and "this device" in done.stderr
    done = run(store, cli_env, "DESK", "sync", "forget", "LAPTOP")
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
    assert "forgot LAPTOP" in done.stdout and "forgotten-devices" in done.stdout
    status = run(store, cli_env, "DESK", "sync", "status")
    assert status.returncode == 0 and "LAPTOP" not in status.stdout and "none seen yet" in status.stdout
