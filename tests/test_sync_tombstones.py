"""Tombstones are kept long enough, not for ever: one goes once every device known to the store
has merged a state of this laptop's file that held it, and it is older than 400 days.

The rule itself (:func:`purgeable`) on made-up merge data, then real stores on disk whose
files are carried between folders as a sync tool would (``tombstone_days=0`` stands for
"a deletion long ago": the clocks are real, only the age is shortened).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from model.records import Contact, Interaction
from model.store import Store
from model.store.sync import SyncMeta, stamp
from model.store.tombstones import purgeable

import sync_helpers
from sync_helpers import carry, stones

DAY = 86_400_000
NOW = 2_000 * DAY


@pytest.fixture(autouse=True)
def _sync_on(monkeypatch):
    monkeypatch.setenv("KIZUNA_SYNC", "1")
    monkeypatch.setenv("KIZUNA_DEVICE", "DESK")


def meta_with(acks: dict[str, str], **tombs: int) -> SyncMeta:
    """This laptop (DESK): tombstones made ``days`` ago, and what each other device last merged of it."""
    meta = SyncMeta(tombstones={"interactions": {rid: stamp(NOW - days * DAY, 0, "DESK")
                                                 for rid, days in tombs.items()}})
    meta.merged = {f"device:{d}": {"clock": "", "ack": ack, "at": ""} for d, ack in acks.items()}
    return meta


def test_an_old_tombstone_every_device_has_merged_goes_a_recent_one_stays() -> None:
    merged_today = stamp(NOW, 0, "DESK")
    meta = meta_with({"LAPTOP": merged_today, "PHONE": merged_today}, old=500, recent=30)
    assert purgeable(meta, "DESK", NOW) == [("interactions", "old")]


def test_an_old_tombstone_a_device_may_not_have_merged_stays() -> None:
    before_it = stamp(NOW - 600 * DAY, 0, "DESK")
    meta = meta_with({"LAPTOP": stamp(NOW, 0, "DESK"), "PHONE": before_it}, old=500)
    assert purgeable(meta, "DESK", NOW) == []  # PHONE merged this file before the deletion
    meta.seen["device:TABLET"] = "sig"  # known, but nothing merged from it recorded: it may hold the record
    meta.merged["device:PHONE"]["ack"] = stamp(NOW, 0, "DESK")
    assert purgeable(meta, "DESK", NOW) == []


def test_a_tombstone_learnt_from_another_device_counts_from_when_it_arrived() -> None:
    meta = meta_with({"LAPTOP": stamp(NOW - 100 * DAY, 0, "DESK")}, old=500)
    meta.held = {"interactions": {"old": stamp(NOW - 50 * DAY, 0, "DESK")}}  # arrived 50 days ago
    assert purgeable(meta, "DESK", NOW) == []  # LAPTOP last merged this file before that
    meta.merged["device:LAPTOP"]["ack"] = stamp(NOW - 10 * DAY, 0, "DESK")
    assert purgeable(meta, "DESK", NOW) == [("interactions", "old")]


def test_alone_an_old_tombstone_goes_on_its_age() -> None:
    assert purgeable(meta_with({}, old=401, young=399), "DESK", NOW) == [("interactions", "old")]


# -- real stores ---------------------------------------------------------------------


def open_as(device: str, folder: Path, days: int = 0) -> Store:
    return sync_helpers.open_as(device, folder, tombstone_days=days)




def note_ids(store: Store) -> set[str]:
    return {i.id for i in store.interactions()}


def two_laptops_and_a_deleted_note(tmp_path: Path, days: int):
    a, b = tmp_path / "a", tmp_path / "b"
    sa = open_as("DESK", a, days)
    person = sa.add(Contact(name="Aiko"))
    gone = sa.add(Interaction(date="2026-12-01", contacts=(person.id,), text="to be deleted"))
    sa.add(Interaction(date="2026-12-01", contacts=(person.id,), text="stays"))
    carry(a, b, "DESK")
    assert gone.id in note_ids(open_as("LAPTOP", b, days))
    carry(b, a, "LAPTOP")
    sa = open_as("DESK", a, days)
    sa.remove(sa.get(Interaction, gone.id))
    return a, b, gone.id


def test_a_tombstone_goes_once_both_laptops_merged_it_and_the_note_stays_deleted(tmp_path: Path) -> None:
    a, b, gone = two_laptops_and_a_deleted_note(tmp_path, days=0)
    carry(b, a, "LAPTOP")  # the laptop's file, from before it saw the deletion
    assert gone in stones(open_as("DESK", a))  # it may still hold the note: kept

    carry(a, b, "DESK")
    sb = open_as("LAPTOP", b)  # merges the deletion
    assert gone not in note_ids(sb) and gone in stones(sb)
    carry(b, a, "LAPTOP")
    sa = open_as("DESK", a)  # the laptop has merged a state holding it: gone
    assert gone not in stones(sa) and gone not in note_ids(sa)
    carry(a, b, "DESK")
    sb = open_as("LAPTOP", b)  # and the laptop, once the desk merged its state holding it
    carry(b, a, "LAPTOP")
    sa = open_as("DESK", a)
    for store in (sa, open_as("LAPTOP", b)):
        assert gone not in stones(store) and gone not in note_ids(store)
        assert "stays" in {i.text for i in store.interactions()}


def test_a_recent_tombstone_is_kept_though_both_laptops_merged_it(tmp_path: Path) -> None:
    a, b, gone = two_laptops_and_a_deleted_note(tmp_path, days=400)
    for _ in range(2):
        carry(a, b, "DESK")
        open_as("LAPTOP", b, 400)
        carry(b, a, "LAPTOP")
        open_as("DESK", a, 400)
    assert gone in stones(open_as("DESK", a, 400)) and gone in stones(open_as("LAPTOP", b, 400))


def test_a_device_that_has_not_merged_it_keeps_the_tombstone_and_its_old_copy_stays_deleted(
        tmp_path: Path) -> None:
    a, b, gone = two_laptops_and_a_deleted_note(tmp_path, days=0)
    c = tmp_path / "c"
    carry(b, c, "LAPTOP")  # the laptop's file, from before the deletion
    old_c = open_as("PHONE", c)  # the phone, before the deletion: it holds the note
    assert gone in note_ids(old_c)
    old_c.add(Interaction(date="2026-12-02", contacts=(old_c.contacts()[0].id,), text="from the phone"))
    carry(c, a, "PHONE")
    carry(c, b, "PHONE")
    for _ in range(2):  # desk and laptop merge each other (and the phone's old file) in full
        carry(a, b, "DESK")
        open_as("LAPTOP", b)
        carry(b, a, "LAPTOP")
        open_as("DESK", a)
    sa = open_as("DESK", a)
    assert gone in stones(sa)  # the phone has not merged it: kept
    assert gone not in note_ids(sa) and "from the phone" in {i.text for i in sa.interactions()}

    carry(a, c, "DESK")  # the phone comes back and merges the desk's file: now every device has it
    assert gone not in note_ids(open_as("PHONE", c))
    carry(c, a, "PHONE")
    sa = open_as("DESK", a)
    assert gone not in stones(sa) and gone not in note_ids(sa)


def test_a_deletion_made_with_kizuna_goes_for_good_once_purged(tmp_path: Path) -> None:
    """`kizuna note delete` also leaves a Deletion record, which other devices read as a
    tombstone: it goes with the tombstone, so no device learns it again."""
    from model.actions.edit import delete_note, deleted_ids

    a, b = tmp_path / "a", tmp_path / "b"
    sa = open_as("DESK", a)
    person = sa.add(Contact(name="Aiko"))
    gone = sa.add(Interaction(date="2026-12-01", contacts=(person.id,), text="to be deleted"))
    carry(a, b, "DESK")
    open_as("LAPTOP", b)
    carry(b, a, "LAPTOP")
    delete_note(open_as("DESK", a), gone)
    assert gone.id in deleted_ids(open_as("DESK", a))
    for _ in range(4):  # round after round: once purged, it stays purged
        carry(a, b, "DESK")
        open_as("LAPTOP", b)
        carry(b, a, "LAPTOP")
        open_as("DESK", a)
    for store in (open_as("DESK", a), open_as("LAPTOP", b)):
        assert gone.id not in deleted_ids(store) and gone.id not in note_ids(store)
