"""The store's promises, on real files: round trips, privacy, reloads, backups, failures."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import tempfile
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from model.errors import NotFoundError, StoreError
from model.records import Contact, FocusPlan, Interaction, Promise, Settings, Slot
from model.store.storage import SCHEMA_VERSION, TEMP_PREFIX
from model.language.text import clean_field  # records drop control characters: a name of them only is empty
from model.store.backups import BACKUPS_KEPT
from model.store import Store

ROOT = Path(__file__).resolve().parent.parent


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def japanese_records() -> tuple[Contact, Interaction, Promise, FocusPlan]:
    sato = Contact(
        name="佐藤 健", reading="さとう けん", company="佐藤精工株式会社", title="代表取締役",
        industry="製造業", function="経営", level="executive", generation="50s",
        relation="same-industry", tier="deep", purposes=("sales channel", "learning"),
        stage="joint work", next_step="医療機器メーカーを紹介してもらう",
        emails=("k.sato@example.jp",), phones=("090-1234-5678",), links=("https://example.jp/佐藤",),
        how_met="商工会議所", tags=("同業", "医療"), birthday="--04-01", cadence_days=30,
        snoozed_until="2026-12-01", snooze_reason="決算期", notes="事業承継を検討中。")
    note = Interaction(date="2026-11-20", contacts=(sato.id,), kind="meal", depth="deep",
                       text="夕食。月産1,200個、単価350円前後。値上げ3〜5%の打診。", tags=("価格",),
                       scope="confidential")
    promise = Promise(owner="me", contact=sato.id, text="稼働データを共有する", due="2026-12-05",
                      history=({"on": "2026-11-21", "from": "2026-11-30", "to": "2026-12-05",
                                "reason": "先方の都合"},), interaction=note.id)
    plan = FocusPlan(month="2026-11", challenge="医療機器の販路を開く", purpose="sales channel",
                     slots=(Slot("same-industry", sato.id, "紹介をお願いする"), Slot("customer")),
                     review="目標の2社のうち1社と面談できた。")
    return sato, note, promise, plan


def test_round_trip_of_every_record_type_with_japanese_text(store_path: Path) -> None:
    sato, note, promise, plan = japanese_records()
    store = Store(store_path)
    for record in (sato, note, promise, plan):
        store.add(record)
    settings = Settings(deep_cap=4, own_industry="製造業", focus_template=("customer", "mentor"))
    store.save_settings(settings)

    again = Store(store_path)
    assert again.contacts() == [sato]
    assert again.interactions() == [note]
    assert again.promises() == [promise]
    assert again.focus_plans() == [plan]
    assert again.focus_plan("2026-11") == plan and again.focus_plan("2026-10") is None
    assert again.settings() == settings
    assert again.get(Promise, promise.id).history[0]["reason"] == "先方の都合"
    # the file holds real UTF-8, not \u escapes, and records by our own ids
    raw = store_path.read_text(encoding="utf-8")
    assert "佐藤 健" in raw and sato.id in raw
    assert json.loads(raw)["meta"]["1"]["schema_version"] == SCHEMA_VERSION


def test_put_and_remove_and_snapshots(store: Store) -> None:
    a = store.add(Contact(name="Anna Berg"))
    b = store.add(Contact(name="Bo Lind"))
    store.put(a.touched(tier="active", company="Acme"))
    store.remove(b)
    c = store.add(Contact(name="Cai Wen"))  # may take b's TinyDB slot; our ids stay unique
    again = Store(store.path)
    assert {x.name: x.tier for x in again.contacts()} == {"Anna Berg": "active", "Cai Wen": "network"}
    with pytest.raises(NotFoundError):
        again.contact(b.id)
    assert again.contact(c.id).name == "Cai Wen"
    with pytest.raises(NotFoundError):
        store.put(b)
    with pytest.raises(StoreError, match="exists already"):
        store.add(c)
    # what the store hands out is a copy: changing it changes nothing stored
    listed = store.contacts()
    listed.clear()
    store.contact(a.id).to_dict()["tags"].append("leak")
    assert len(store.contacts()) == 2 and store.contact(a.id).tags == ()


def test_new_store_file_is_0600_and_created_folder_0700(store_path: Path) -> None:
    store = Store(store_path)
    assert not store_path.parent.exists()  # reading never creates anything
    store.add(Contact(name="山田 花子"))
    assert mode(store_path) == 0o600
    assert mode(store_path.parent) == 0o700
    assert mode(store_path.with_name("kizuna.json.lock")) == 0o600


def test_permissions_hold_with_a_permissive_umask(tmp_path: Path) -> None:
    path = tmp_path / "open" / "kizuna.json"
    script = ("import os, sys; os.umask(0); from model.store import Store; from model.records import Contact;"
              "Store(sys.argv[1]).add(Contact(name='x'))")
    subprocess.run([sys.executable, "-c", script, str(path)], cwd=ROOT, check=True)
    assert mode(path) == 0o600 and mode(path.parent) == 0o700


def test_default_data_folder_is_made_private(kizuna, cli_env: dict[str, str], tmp_path: Path) -> None:
    env = {k: v for k, v in cli_env.items() if k != "KIZUNA_DB"}
    folder = tmp_path / "xdg" / "kizuna"
    folder.mkdir(parents=True, mode=0o755)
    os.chmod(folder, 0o755)  # an existing, too open data folder is tightened
    done = kizuna("note", "@+Anna first note", env=env)
    assert done.returncode == 0, done.stderr
    assert mode(folder) == 0o700
    assert mode(folder / "kizuna.json") == 0o600


def test_a_process_with_old_data_reloads_before_it_writes(store_path: Path) -> None:
    app = Store(store_path)
    app.add(Contact(name="Anna"))
    shell = Store(store_path)  # another process: `kizuna note` while the app is open
    shell.add(Contact(name="Bo"))
    assert app.changed_on_disk()
    app.add(Contact(name="Cai"))  # must not write over Bo
    assert sorted(c.name for c in Store(store_path).contacts()) == ["Anna", "Bo", "Cai"]
    assert sorted(c.name for c in app.contacts()) == ["Anna", "Bo", "Cai"]
    assert not app.changed_on_disk()
    assert app.refresh() is False


def test_version_changes_when_another_process_writes(store_path: Path) -> None:
    app = Store(store_path)
    app.add(Contact(name="Anna"))
    before = app.version
    subprocess.run([sys.executable, "-c", "import sys; from model.store import Store; from model.records "
                    "import Contact; Store(sys.argv[1]).add(Contact(name='Bo'))", str(store_path)],
                   cwd=ROOT, check=True)
    assert app.refresh() is True
    assert app.version != before
    assert sorted(c.name for c in app.contacts()) == ["Anna", "Bo"]


def test_stale_temp_files_are_cleaned_on_the_next_write(store: Store) -> None:
    store.add(Contact(name="Anna"))
    folder = store.path.parent
    stale = [folder / f"{TEMP_PREFIX}kizuna.json-4242-deadbeef", folder / f"{TEMP_PREFIX}kizuna.json-1-00"]
    for tmp in stale:
        tmp.write_bytes(b'{"half": ')
    other = folder / f"{TEMP_PREFIX}other.json-1-00"  # another store's temp file is not ours
    other.write_bytes(b"x")
    store.add(Contact(name="Bo"))
    assert not any(tmp.exists() for tmp in stale)
    assert other.exists()


def test_a_body_that_fails_leaves_nothing_in_memory_or_on_disk(store: Store) -> None:
    store.add(Contact(name="Anna"))
    before = store.path.read_bytes()
    with pytest.raises(RuntimeError), store.transaction():
        store.add(Contact(name="Bo"))
        raise RuntimeError("boom")
    assert [c.name for c in store.contacts()] == ["Anna"]
    assert store.path.read_bytes() == before


FAILED_WRITE = r"""
import json, os, resource, signal, sys
from model.errors import StoreError
from model.records import Contact
from model.store import Store

path = sys.argv[1]
store = Store(path)
store.add(Contact(name="Anna", notes="x" * 2000))
before = open(path, "rb").read()
# A real write failure: the file size limit (EFBIG), as a full disk (ENOSPC) would do.
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
resource.setrlimit(resource.RLIMIT_FSIZE, (len(before) + 100, resource.RLIM_INFINITY))
try:
    store.add(Contact(name="Bo", notes="y" * 5000))
    error = None
except StoreError as exc:
    error = str(exc)
resource.setrlimit(resource.RLIMIT_FSIZE, (resource.RLIM_INFINITY, resource.RLIM_INFINITY))
print(json.dumps({
    "error": error,
    "unchanged": open(path, "rb").read() == before,
    "memory": sorted(c.name for c in store.contacts()),
    "disk": sorted(c.name for c in Store(path).contacts()),
    "temps": [n for n in os.listdir(os.path.dirname(path)) if n.startswith(".kizuna-tmp-")],
}))
store.add(Contact(name="Cai"))  # and the store still works once the disk has room
print(json.dumps(sorted(c.name for c in Store(path).contacts())))
"""


def test_a_failed_write_leaves_memory_equal_to_disk(store_path: Path) -> None:
    done = subprocess.run([sys.executable, "-c", FAILED_WRITE, str(store_path)], cwd=ROOT,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    result, after = (json.loads(line) for line in done.stdout.splitlines())
    assert result["error"] and str(store_path) in result["error"] and "cannot write" in result["error"]
    assert "\n" not in result["error"]
    assert result["unchanged"] is True
    assert result["memory"] == result["disk"] == ["Anna"]
    assert result["temps"] == []
    assert after == ["Anna", "Cai"]


def test_daily_backups_keep_the_last_seven(store_path: Path) -> None:
    day = [date(2026, 11, 1)]
    store = Store(store_path, backup_day=lambda: day[0])
    store.add(Contact(name="day 0"))  # a new file: nothing to back up yet
    assert not store.backups_dir.exists()
    for n in range(1, 11):
        day[0] = date(2026, 11, 1) + timedelta(days=n)
        store.add(Contact(name=f"day {n}"))
        store.add(Contact(name=f"day {n} again"))  # the day's backup is its first version
    backups = [p for p in store.backups_dir.iterdir() if p.suffix == ".json"]
    kept = sorted(p.name for p in backups)
    assert len(kept) == BACKUPS_KEPT == 7
    assert kept == [f"kizuna-2026-11-{d:02d}.json" for d in range(5, 12)]
    newest = Store(store.backups_dir / "kizuna-2026-11-11.json")
    # the backup of day 10 is the file as it was before day 10's first write
    assert len(newest.contacts()) == 1 + 2 * 9
    assert mode(store.backups_dir) == 0o700
    assert all(mode(p) == 0o600 for p in backups)


def test_a_store_path_that_is_a_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="is a folder"):
        Store(tmp_path)


def test_version_0_file_is_migrated_and_backed_up_first(store_path: Path) -> None:
    store_path.parent.mkdir()
    old = {"contacts": {"1": Contact(name="古い 人").to_dict()}}
    store_path.write_text(json.dumps(old, ensure_ascii=False), encoding="utf-8")
    store = Store(store_path, backup_day=lambda: date(2026, 1, 1))
    assert [c.name for c in store.contacts()] == ["古い 人"]
    assert json.loads(store_path.read_text(encoding="utf-8")) == old  # reading never writes
    store.add(Contact(name="新しい 人"))
    data = json.loads(store_path.read_text(encoding="utf-8"))
    assert data["meta"]["1"]["schema_version"] == SCHEMA_VERSION
    assert json.loads((store.backups_dir / "kizuna-2026-01-01.json").read_text(encoding="utf-8")) == old


def test_text_json_cannot_hold_is_refused_in_one_line(store: Store) -> None:
    store.add(Contact(name="Anna"))
    before = store.path.read_bytes()
    for bad in (Contact(name="bad \udcff byte"),
                Interaction(date="2026-11-26", contacts=(store.contacts()[0].id,), text="x\udcff")):
        with pytest.raises(StoreError, match="cannot write it"):
            store.add(bad)
        assert store.path.read_bytes() == before
        assert [c.name for c in store.contacts()] == ["Anna"] and store.interactions() == []


_TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)


@settings(max_examples=25, deadline=None)
@given(name=_TEXT.filter(lambda s: clean_field(s).strip()), reading=_TEXT, text=_TEXT, tags=st.lists(_TEXT, max_size=3))
def test_any_text_round_trips(name: str, reading: str, text: str, tags: list[str]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "kizuna.json"
        person = Contact(name=name, reading=reading, tags=tuple(tags))
        note = Interaction(date="2026-11-26", contacts=(person.id,), text=text, tags=tuple(tags))
        store = Store(path)
        with store.transaction():
            store.add(person)
            store.add(note)
        again = Store(path)
        assert again.contacts() == [person]
        assert again.interactions() == [note]
