"""Two laptops, one synced folder, without a sync engine: the other side's files arrive one by one.

Each side is a real store folder on disk with its own device id; "syncing" copies (or deletes)
the other device's files, in any order and any partial subset, as a sync tool would.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import replace
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from model.records import Contact, Interaction
from model.store import Store
from model.store.devices import devices_dir
from model.store.sources import CONFLICT
from model.store.sync import Clock


@pytest.fixture(autouse=True)
def _sync_on(monkeypatch):
    monkeypatch.setenv("KIZUNA_SYNC", "1")
    monkeypatch.setenv("KIZUNA_DEVICE", "DESK")  # restored after each test (open_as changes it)


def open_as(device: str, folder: Path) -> Store:
    os.environ["KIZUNA_DEVICE"] = device
    return Store(folder / "kizuna.json")


def device_files(folder: Path, device: str) -> dict[str, bytes]:
    """A device's own files in a store folder, by path relative to the folder."""
    base = devices_dir(folder / "kizuna.json")
    out = {}
    main = base / f"{device}.json"
    if main.exists():
        out[f"{device}.json"] = main.read_bytes()
    parts = base / f"{device}-parts"
    if parts.is_dir():
        for p in parts.iterdir():
            out[f"{device}-parts/{p.name}"] = p.read_bytes()
    return out


def changes(src: Path, dst: Path, device: str) -> list[tuple[str, bytes | None]]:
    """What a sync tool would carry from ``src`` to ``dst`` for ``device``: new/changed files, deletions."""
    have, want = device_files(dst, device), device_files(src, device)
    out: list[tuple[str, bytes | None]] = [(k, v) for k, v in want.items() if have.get(k) != v]
    out += [(k, None) for k in have if k not in want]
    return sorted(out)


def apply(dst: Path, change: tuple[str, bytes | None]) -> None:
    name, data = change
    target = devices_dir(dst / "kizuna.json") / name
    if data is None:
        target.unlink(missing_ok=True)
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(".tmp-" + target.name)
    tmp.write_bytes(data)
    os.replace(tmp, target)  # sync tools write a temp file and rename it


def everything(store: Store) -> dict:
    return {cls.table: {r.id: r for r in store.records(cls)} for cls in store.record_types().values()}


def texts(store: Store) -> set[str]:
    return {i.text for i in store.interactions() if i.kind != "log"}


def test_notes_written_apart_are_all_kept(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    sa = open_as("DESK", a)
    person = sa.add(Contact(name="Aiko Tanaka"))
    for change in changes(a, b, "DESK"):
        apply(b, change)
    sb = open_as("LAPTOP", b)
    assert sb.contact(person.id).name == "Aiko Tanaka"
    for i in range(3):
        sa.add(Interaction(date="2026-12-01", contacts=(person.id,), text=f"desk {i}"))
        sb.add(Interaction(date="2026-12-02", contacts=(person.id,), text=f"laptop {i}"))
    for change in changes(a, b, "DESK"):
        apply(b, change)
    for change in changes(b, a, "LAPTOP"):
        apply(a, change)
    sa, sb = open_as("DESK", a), open_as("LAPTOP", b)
    assert texts(sa) == texts(sb) == {f"{w} {i}" for w in ("desk", "laptop") for i in range(3)}
    assert any("merged from" in n for n in sa.notices)


def test_same_field_changed_on_both_later_wins_and_loser_is_logged(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    sa = open_as("DESK", a)
    person = sa.add(Contact(name="Aiko"))
    for change in changes(a, b, "DESK"):
        apply(b, change)
    sb = open_as("LAPTOP", b)
    sb.put(sb.contact(person.id).touched(notes="from the laptop"))
    sa.put(sa.contact(person.id).touched(notes="from the desk"))  # later: wins
    for change in changes(b, a, "LAPTOP"):
        apply(a, change)
    for change in changes(a, b, "DESK"):
        apply(b, change)
    sa, sb = open_as("DESK", a), open_as("LAPTOP", b)
    for s in (sa, sb):
        assert s.contact(person.id).notes == "from the desk"
        logs = [i for i in s.interactions_with(person.id) if i.kind == "log"]
        assert len(logs) == 1 and "from the laptop" in logs[0].text
    assert everything(sa) == everything(sb)


def test_a_clock_far_ahead_does_not_win_forever():
    ahead = Clock("A", "")
    ahead.last = "009999999999999.00000.A"  # a laptop whose clock is years ahead stamped this
    behind = Clock("B", "")
    behind.see(ahead.now())
    assert behind.now() > ahead.last  # once seen, the other laptop stamps after it


def test_a_deletion_wins_over_an_older_edit(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    sa = open_as("DESK", a)
    person = sa.add(Contact(name="Aiko"))
    note = sa.add(Interaction(date="2026-12-01", contacts=(person.id,), text="to delete"))
    for change in changes(a, b, "DESK"):
        apply(b, change)
    sb = open_as("LAPTOP", b)
    sb.put(sb.get(Interaction, note.id).touched(text="edited on the laptop"))
    sa.remove(sa.get(Interaction, note.id))  # later than the edit
    for change in changes(b, a, "LAPTOP"):
        apply(a, change)
    for change in changes(a, b, "DESK"):
        apply(b, change)
    sa, sb = open_as("DESK", a), open_as("LAPTOP", b)
    assert note.id not in everything(sa)["interactions"]
    assert everything(sa) == everything(sb)


def test_a_file_named_but_not_arrived_is_waited_for(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    sa = open_as("DESK", a)
    person = sa.add(Contact(name="Aiko"))
    sa.add(Interaction(date="2026-12-01", contacts=(person.id,), text="desk note"))
    main = [c for c in changes(a, b, "DESK") if not c[0].startswith("DESK-parts/")]
    for change in main:  # the store file, not its parts
        apply(b, change)
    sb = open_as("LAPTOP", b)
    assert sb.contact(person.id).name == "Aiko"
    assert any(n.startswith("waiting for 1 file from ") and "DESK" in n for n in sb.notices)
    mine = sb.add(Interaction(date="2026-12-02", contacts=(person.id,), text="laptop note"))
    for change in changes(a, b, "DESK"):
        apply(b, change)
    sb = open_as("LAPTOP", b)
    assert texts(sb) == {"desk note", "laptop note"}
    assert sb.get(Interaction, mine.id)


def test_a_store_from_before_two_laptops_keeps_every_note(tmp_path, monkeypatch):
    monkeypatch.delenv("KIZUNA_SYNC")
    old = Store(tmp_path / "kizuna.json")  # today's single-file layout
    person = old.add(Contact(name="Aiko"))
    old.add_many(Interaction(date="2026-11-01", contacts=(person.id,), text=f"note {i}") for i in range(40))
    assert not devices_dir(tmp_path / "kizuna.json").exists()
    monkeypatch.setenv("KIZUNA_SYNC", "1")
    new = open_as("DESK", tmp_path)
    assert len(texts(new)) == 40 and new.contact(person.id).name == "Aiko"
    assert (devices_dir(tmp_path / "kizuna.json") / "DESK.json").exists()
    again = open_as("DESK", tmp_path)
    assert again.notices == [] and len(texts(again)) == 40


# -- conflict copies ------------------------------------------------------------------------

CONFLICT_NAMES = [
    "kizuna.sync-conflict-20261205-081500-ABCDEF7.json",
    "kizuna (Aiko's conflicted copy 2026-12-05).json",
    "kizuna (Aiko's conflicted copy 2026-12-05) (1).json",
    "kizuna (conflicted copy 2026-12-05 081500).json",
    "kizuna 2.json",
    "kizuna (conflict_on_2026-12-05).json",
    "kizuna (conflict #1_on_2026-12-05).json",
]


@pytest.mark.parametrize("name", CONFLICT_NAMES)
def test_conflict_names_are_recognised(name):
    m = CONFLICT.fullmatch(name)
    assert m and m.group("base") == "kizuna"


@pytest.mark.parametrize("name", ["kizuna.json", "kizuna-backup.json", "other.json", "kizuna (notes).json"])
def test_other_names_are_not_conflict_copies(name):
    m = CONFLICT.fullmatch(name)
    assert not m or m.group("base") != "kizuna"


@pytest.mark.parametrize("name", CONFLICT_NAMES)
def test_a_conflict_copy_is_merged_then_moved_to_the_backups(tmp_path, monkeypatch, name):
    monkeypatch.delenv("KIZUNA_SYNC")
    store = Store(tmp_path / "kizuna.json")
    person = store.add(Contact(name="Aiko"))
    shutil.copy(tmp_path / "kizuna.json", tmp_path / "before.json")
    other = store.add(Contact(name="Kenji"))  # only in the copy that will become the conflict copy
    os.replace(tmp_path / "kizuna.json", tmp_path / name)
    os.replace(tmp_path / "before.json", tmp_path / "kizuna.json")
    reopened = Store(tmp_path / "kizuna.json")
    assert {c.name for c in reopened.contacts()} == {"Aiko", "Kenji"}
    assert reopened.contact(other.id) and reopened.contact(person.id)
    assert not (tmp_path / name).exists()
    assert (reopened.backups_dir / "conflict-copies" / name).exists()


def test_a_damaged_conflict_copy_is_left_in_place_and_named(tmp_path, monkeypatch):
    monkeypatch.delenv("KIZUNA_SYNC")
    store = Store(tmp_path / "kizuna.json")
    store.add(Contact(name="Aiko"))
    bad = tmp_path / "kizuna.sync-conflict-20261205-081500-ABCDEF7.json"
    bad.write_bytes(b'{"contacts": {"1": ')
    reopened = Store(tmp_path / "kizuna.json")
    assert [c.name for c in reopened.contacts()] == ["Aiko"]
    assert bad.read_bytes() == b'{"contacts": {"1": '
    assert len(reopened.notices) == 1 and bad.name in reopened.notices[0]
    assert not reopened.changed_on_disk()  # not tried again every second


def test_a_newer_schema_conflict_copy_is_left_in_place(tmp_path, monkeypatch):
    monkeypatch.delenv("KIZUNA_SYNC")
    Store(tmp_path / "kizuna.json").add(Contact(name="Aiko"))
    newer = tmp_path / "kizuna 2.json"
    newer.write_text('{"meta": {"1": {"schema_version": 99, "settings": {}}}}')
    reopened = Store(tmp_path / "kizuna.json")
    assert newer.exists() and "newer Kizuna" in reopened.notices[0]


# -- the property: any order, any subset --------------------------------------------------

OPS = st.lists(st.sampled_from(["add", "edit", "delete", "person", "settings"]), max_size=5)


def run_ops(store: Store, ops: list[str], tag: str) -> None:
    for k, op in enumerate(ops):
        notes = sorted((i for i in store.interactions() if i.kind != "log"), key=lambda i: i.id)
        people = sorted(store.contacts(), key=lambda c: c.id)
        if op == "add" or not notes:
            store.add(Interaction(date="2026-12-01", contacts=(people[0].id,), text=f"{tag} {k}"))
        elif op == "edit":
            store.put(notes[k % len(notes)].touched(text=f"{tag} edit {k}"))
        elif op == "delete":
            store.remove(notes[k % len(notes)])
        elif op == "settings":
            store.save_settings(replace(store.settings(), deep_cap=3 + k % 3, own_industry=f"{tag} {k}"))
        else:
            store.put(people[0].touched(notes=f"{tag} {k}"))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(ops_a=OPS, ops_b=OPS, order=st.lists(st.integers(0, 999), min_size=48, max_size=48), cut=st.integers(0, 40),
       write_mid=st.booleans())
def test_any_order_any_subset_opens_keeps_and_converges(ops_a, ops_b, order, cut, write_mid):
    with tempfile.TemporaryDirectory() as tmp:
        a, b = Path(tmp) / "a", Path(tmp) / "b"
        sa = open_as("DESK", a)
        person = sa.add(Contact(name="Aiko"))
        for i in range(20):  # enough notes to spread over several part files
            sa.add(Interaction(date="2026-11-01", contacts=(person.id,), text=f"base {i}"))
        for change in changes(a, b, "DESK"):
            apply(b, change)
        sb = open_as("LAPTOP", b)
        run_ops(sb, ops_b, "laptop")
        sa = open_as("DESK", a)
        run_ops(sa, ops_a, "desk")
        deleted_by_b = {i.id for i in sa.interactions()} - {i.id for i in sb.interactions()}
        pending = changes(b, a, "LAPTOP")
        # the order drawn does not depend on how many files there are (record ids are random)
        pending = [c for _, c in sorted(enumerate(pending), key=lambda ic: (order[ic[0] % 48], ic[0]))]
        kept = {i.id for i in sa.interactions()} - deleted_by_b
        for step, change in enumerate(pending[:cut] if cut < len(pending) else pending):
            apply(a, change)
            sa = open_as("DESK", a)  # opens at every moment, never an error
            now = {i.id for i in sa.interactions()}
            assert kept <= now, "a note this side had was lost"
            if write_mid and step == 0:
                kept.add(sa.add(Interaction(date="2026-12-03", contacts=(person.id,), text="mid-sync")).id)
        # everything arrives, both ways
        for change in changes(b, a, "LAPTOP"):
            apply(a, change)
        sa = open_as("DESK", a)
        for change in changes(a, b, "DESK"):
            apply(b, change)
        sb = open_as("LAPTOP", b)
        for change in changes(b, a, "LAPTOP"):
            apply(a, change)
        sa = open_as("DESK", a)
        assert not [n for n in sa.notices + sb.notices if n.startswith("waiting")]
        assert everything(sa) == everything(sb)
        assert sa.settings() == sb.settings()
        assert kept <= set(everything(sa)["interactions"])


def test_two_laptops_filling_the_last_deep_place_are_asked_to_choose(tmp_path):
    import subprocess
    import sys

    a, b = tmp_path / "a", tmp_path / "b"
    sa = open_as("DESK", a)
    people = [sa.add(Contact(name=f"Person {i}", tier="deep" if i < 4 else "active")) for i in range(6)]
    for change in changes(a, b, "DESK"):
        apply(b, change)
    sb = open_as("LAPTOP", b)
    sa.put(sa.contact(people[4].id).touched(tier="deep"))  # each fills the fifth place, apart
    sb.put(sb.contact(people[5].id).touched(tier="deep"))
    for change in changes(b, a, "LAPTOP"):
        apply(a, change)
    sa = open_as("DESK", a)
    assert sum(c.tier == "deep" for c in sa.contacts()) == 6  # both kept: neither laptop's choice is dropped
    assert any("deep holds 6 people, more than its cap of 5" in n for n in sa.notices)
    out = subprocess.run([sys.executable, "-m", "tui", "--db", str(a / "kizuna.json"), "today"],
                         capture_output=True, text=True, timeout=60, env={**os.environ, "KIZUNA_DEVICE": "DESK"})
    assert out.returncode == 0 and "deep holds 6 people, more than its cap of 5" in out.stdout


def test_a_bad_record_in_another_devices_file_changes_nothing(tmp_path):
    import json

    a, b = tmp_path / "a", tmp_path / "b"
    sa = open_as("DESK", a)
    sa.add(Contact(name="Aiko"))
    sb = open_as("LAPTOP", b)
    sb.add(Contact(name="Kenji"))
    sb.add(Contact(name="Mori"))
    main = devices_dir(b / "kizuna.json") / "LAPTOP.json"
    data = json.loads(main.read_text())
    next(iter(data["contacts"].values()))["tier"] = "best friends"  # not a tier Kizuna writes
    main.write_text(json.dumps(data))
    for change in changes(b, a, "LAPTOP"):
        apply(a, change)
    sa = open_as("DESK", a)
    assert [c.name for c in sa.contacts()] == ["Aiko"]  # not Mori either: all or nothing
    assert len(sa.notices) == 1 and "LAPTOP.json" in sa.notices[0] and "tier" in sa.notices[0]
    assert not sa.changed_on_disk()


def test_a_conflict_copy_waiting_for_its_parts_keeps_those_it_has(tmp_path, monkeypatch):
    """Single-file store: a write here must not set aside the part files a waiting conflict copy names."""
    monkeypatch.delenv("KIZUNA_SYNC")
    store = Store(tmp_path / "kizuna.json")
    person = store.add(Contact(name="Aiko"))
    shutil.copy(tmp_path / "kizuna.json", tmp_path / "before.json")
    before_parts: set[str] = set()  # no notes yet: no part files
    for i in range(20):
        store.add(Interaction(date="2026-12-01", contacts=(person.id,), text=f"other side {i}"))
    copy = tmp_path / "kizuna.sync-conflict-20261205-081500-ABCDEF7.json"
    os.replace(tmp_path / "kizuna.json", copy)
    os.replace(tmp_path / "before.json", tmp_path / "kizuna.json")
    theirs = sorted(set(os.listdir(tmp_path / "kizuna-parts")) - before_parts)
    held_back = theirs[0]
    os.replace(tmp_path / "kizuna-parts" / held_back, tmp_path / held_back)  # not arrived yet
    here = Store(tmp_path / "kizuna.json")
    assert any(n.startswith("waiting for 1 file") for n in here.notices)
    here.add(Interaction(date="2026-12-02", contacts=(person.id,), text="written here meanwhile"))
    assert set(theirs[1:]) <= set(os.listdir(tmp_path / "kizuna-parts"))  # not set aside
    os.replace(tmp_path / held_back, tmp_path / "kizuna-parts" / held_back)  # arrives
    here = Store(tmp_path / "kizuna.json")
    assert texts(here) == {f"other side {i}" for i in range(20)} | {"written here meanwhile"}
    assert not copy.exists()


def test_doctor_and_backups_look_at_this_machines_own_file(tmp_path, monkeypatch):
    import subprocess
    import sys

    store = open_as("DESK", tmp_path)
    store.add(Contact(name="Aiko"))
    env = {**os.environ, "KIZUNA_DEVICE": "DESK"}
    out = subprocess.run([sys.executable, "-m", "tui", "--db", str(tmp_path / "kizuna.json"), "doctor"],
                         capture_output=True, text=True, timeout=60, env=env)
    assert out.returncode == 0 and "DESK.json: ok: 1 people" in out.stdout, out.stdout + out.stderr


@pytest.mark.parametrize("sync", [
    [], "x", {"stamps": [], "tombstones": "y", "clock": 5, "seen": None},
    {"stamps": {"contacts": {"ID": {"name": "x", "tier": [1, 2], "notes": ["a"]}}},
     "tombstones": {"contacts": {"ID": 7, "other": None}, "interactions": []}},
])
def test_another_devices_odd_merge_data_is_ignored_not_a_crash(tmp_path, sync):
    import json

    a, b = tmp_path / "a", tmp_path / "b"
    open_as("DESK", a).add(Contact(name="Aiko"))
    person = open_as("LAPTOP", b).add(Contact(name="Kenji"))
    main = devices_dir(b / "kizuna.json") / "LAPTOP.json"
    data = json.loads(main.read_text())
    data["meta"]["1"]["sync"] = json.loads(json.dumps(sync).replace("ID", person.id))
    main.write_text(json.dumps(data))
    for change in changes(b, a, "LAPTOP"):
        apply(a, change)
    sa = open_as("DESK", a)
    assert {c.name for c in sa.contacts()} == {"Aiko", "Kenji"}
