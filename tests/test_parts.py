"""Interactions in part files: lazy, copy-on-write, the store file as the one commit point."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import orjson
import pytest

from model.errors import StoreError
from model.store.parts import PART_COUNT, part_of, parts_dir
from model.records import Contact, Interaction
from model.store import Store

ROOT = Path(__file__).resolve().parent.parent


def names_in(path: Path) -> list[str | None]:
    return orjson.loads(path.read_bytes())["parts"]["1"]["files"]


def seeded(path: Path, notes: int = 40) -> tuple[Store, Contact, list[Interaction]]:
    store = Store(path, backup_day=lambda: date(2026, 11, 1))
    sato = store.add(Contact(name="佐藤 健", reading="さとう けん"))
    made = [Interaction(date=f"2026-11-{1 + i % 28:02d}", contacts=(sato.id,), text=f"第{i}回の打ち合わせ")
            for i in range(notes)]
    store.add_many(made)
    return store, sato, made


def test_notes_live_in_part_files_and_only_the_touched_part_is_rewritten(store_path: Path) -> None:
    store, sato, made = seeded(store_path)
    raw = store_path.read_text(encoding="utf-8")
    assert "打ち合わせ" not in raw and "佐藤 健" in raw  # notes are out of the store file
    before = names_in(store_path)
    assert len(before) == PART_COUNT and sum(1 for n in before if n) > PART_COUNT // 2
    files = sorted(p.name for p in parts_dir(store_path).iterdir())
    assert files == sorted(n for n in before if n)  # nothing else in the folder
    assert all(os.stat(parts_dir(store_path) / n).st_mode & 0o777 == 0o600 for n in files)

    extra = store.add(Interaction(date="2026-11-30", contacts=(sato.id,), text="追加のメモ"))
    after = names_in(store_path)
    changed = [k for k in range(PART_COUNT) if before[k] != after[k]]
    assert changed == [part_of(extra.id)]
    assert sorted(p.name for p in parts_dir(store_path).iterdir()) == sorted(n for n in after if n)  # old one deleted

    again = Store(store_path)
    assert sorted(i.id for i in again.interactions()) == sorted([i.id for i in made] + [extra.id])
    assert again.get(Interaction, extra.id) == extra


def test_put_and_remove_of_notes_round_trip(store_path: Path) -> None:
    store, sato, made = seeded(store_path, 10)
    store.put(made[3].touched(text="書き直した"))
    store.remove(made[4])
    again = Store(store_path)
    texts = {i.id: i.text for i in again.interactions()}
    assert texts[made[3].id] == "書き直した" and made[4].id not in texts and len(texts) == 9


def test_a_file_with_notes_inside_is_read_and_moved_out_on_the_next_write(store_path: Path) -> None:
    store_path.parent.mkdir()
    sato = Contact(name="佐藤 健")
    note = Interaction(date="2026-11-20", contacts=(sato.id,), text="古い形式のメモ")
    old = {"meta": {"1": {"schema_version": 1, "settings": {}}},
           "contacts": {"1": sato.to_dict()}, "interactions": {"1": note.to_dict()}}
    store_path.write_text(json.dumps(old, ensure_ascii=False), encoding="utf-8")
    store = Store(store_path, backup_day=lambda: date(2026, 11, 21))
    assert store.interactions() == [note]
    assert json.loads(store_path.read_text(encoding="utf-8")) == old  # reading never writes
    store.add(Contact(name="新しい 人"))
    assert "interactions" not in json.loads(store_path.read_text(encoding="utf-8"))
    assert Store(store_path).interactions() == [note]
    backup = store.backups_dir / "kizuna-2026-11-21.json"
    assert json.loads(backup.read_text(encoding="utf-8")) == old


def test_a_damaged_part_is_named_and_never_overwritten(store_path: Path) -> None:
    store, sato, made = seeded(store_path)
    k = part_of(made[0].id)
    victim = parts_dir(store_path) / names_in(store_path)[k]
    victim.write_bytes(victim.read_bytes()[:-40])  # cut short in its last record
    damaged = victim.read_bytes()
    main_before = store_path.read_bytes()
    fresh = Store(store_path)  # the store file itself is fine
    assert [c.name for c in fresh.contacts()] == ["佐藤 健"]
    with pytest.raises(StoreError, match=rf"{victim.name}: not valid JSON at line \d+ column \d+"):
        fresh.interactions()
    with pytest.raises(StoreError, match=victim.name):
        fresh.interactions_with(sato.id)
    with pytest.raises(StoreError, match=victim.name):
        fresh.put(made[0].touched(text="x"))
    assert victim.read_bytes() == damaged and store_path.read_bytes() == main_before


def test_a_reader_holding_an_old_version_reloads_when_its_parts_are_gone(store_path: Path) -> None:
    store, sato, made = seeded(store_path)
    reader = Store(store_path)  # has read the store file, no part yet
    for i in range(PART_COUNT * 3):  # supersede (and delete) every part file it names
        store.add(Interaction(date="2026-11-29", contacts=(sato.id,), text=f"more {i}"))
    assert len(reader.interactions()) == len(made) + PART_COUNT * 3
    assert not reader.changed_on_disk()


CRASH_BEFORE_COMMIT = """
import os, sys
from model.records import Interaction
from model.store import Store
store = Store(sys.argv[1])
sato = store.contacts()[0]
def crash():
    os._exit(9)  # the part files are written and fsynced; the store file is not yet replaced
store._storage.flush = crash
store.add(Interaction(date="2026-11-30", contacts=(sato.id,), text="lost in the crash"))
"""


def test_a_crash_before_the_commit_leaves_the_old_version_and_the_orphan_is_swept(store_path: Path) -> None:
    store, sato, made = seeded(store_path)
    main_before = store_path.read_bytes()
    named = set(filter(None, names_in(store_path)))
    done = subprocess.run([sys.executable, "-c", CRASH_BEFORE_COMMIT, str(store_path)], cwd=ROOT,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 9, done.stderr
    assert store_path.read_bytes() == main_before
    on_disk = {p.name for p in parts_dir(store_path).iterdir()}
    assert len(on_disk - named) == 1  # the new part the crash left behind
    again = Store(store_path)
    assert "lost in the crash" not in {i.text for i in again.interactions()}
    again.add(Contact(name="Anna Berg"))  # the next writer sweeps what nothing names
    assert {p.name for p in parts_dir(store_path).iterdir()} == set(filter(None, names_in(store_path)))
    assert len(Store(store_path).interactions()) == len(made)


def test_a_backup_carries_its_own_parts(store_path: Path) -> None:
    day = [date(2026, 11, 1)]
    store = Store(store_path, backup_day=lambda: day[0])
    sato = store.add(Contact(name="佐藤 健"))
    store.add(Interaction(date="2026-11-01", contacts=(sato.id,), text="初日"))
    day[0] = date(2026, 11, 2)
    store.add(Interaction(date="2026-11-02", contacts=(sato.id,), text="二日目"))
    for i in range(PART_COUNT * 2):
        store.add(Interaction(date="2026-11-02", contacts=(sato.id,), text=f"more {i}"))
    backup = store.backups_dir / "kizuna-2026-11-02.json"
    assert [i.text for i in Store(backup).interactions()] == ["初日"]
    assert (store.backups_dir / "kizuna-2026-11-02-parts").is_dir()


def test_one_persons_notes_and_the_planning_index_without_building_everything(store_path: Path) -> None:
    store, sato, made = seeded(store_path, 30)
    anna = store.add(Contact(name="Anna Berg"))
    both = store.add(Interaction(date="2026-11-30", contacts=(anna.id, sato.id), kind="meal", depth="deep",
                                 text="三人で夕食"))
    fresh = Store(store_path)
    assert sorted(i.id for i in fresh.interactions_with(anna.id)) == [both.id]
    assert len(fresh.interactions_with(sato.id)) == 31
    assert fresh.interactions_with("nobody") == []
    index = fresh.interaction_index()
    assert sorted(index) == ["contacts", "date", "depth", "kind"]
    rows = sorted(zip(index["date"], index["contacts"], index["kind"], index["depth"]))
    assert rows == sorted((i.date, list(i.contacts), i.kind, i.depth) for i in fresh.interactions())
    assert fresh.interactions_with(anna.id) == [both]  # the same records once everything is loaded


def test_one_persons_notes_are_found_by_their_quoted_id_and_checked(store_path: Path) -> None:
    store = Store(store_path)
    odd = store.add(Contact(name="佐藤 健", id='佐藤 "健"\\1'))  # an imported id JSON must escape
    oda = store.add(Contact(name="Oda"))
    theirs = [store.add(Interaction(date="2026-11-02", contacts=(oda.id, odd.id), text=f"夕食 {i}"))
              for i in range(PART_COUNT * 2)]
    store.add(Interaction(date="2026-11-03", contacts=(oda.id,), tags=(odd.id,),  # the id, quoted, as a tag
                          text=f'about {odd.id} and "{odd.id}"'))
    fresh = Store(store_path)
    assert sorted(i.id for i in fresh.interactions_with(odd.id)) == sorted(i.id for i in theirs)
    assert len(fresh.interactions_with(oda.id)) == len(theirs) + 1
