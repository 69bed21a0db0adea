"""Two laptops from the command line. Deletions and the merge are one idea: a note deleted
with ``kizuna note delete`` stays deleted on every laptop, whichever order they merge in, and a
Deletion record made before the store was shared still wins over an older copy. Two laptops
that each filled the last deep place end with a due item asking the owner to choose.

The real ``kizuna`` in subprocesses (KIZUNA_DEVICE=a / b), two real store folders on disk;
"syncing" copies one device's files into the other folder, as a sync tool would.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

from model.actions.edit import deleted_ids, delete_note
from model.store import Store
from model.store.devices import devices_dir

ROOT = Path(__file__).resolve().parent.parent


def laptop(tmp_path: Path, cli_env: dict[str, str], device: str):
    """``kizuna`` on one laptop: its own store folder, device id and home."""
    store = tmp_path / device / "kizuna.json"
    env = dict(cli_env, KIZUNA_DB=str(store), KIZUNA_SYNC="1", KIZUNA_DEVICE=device,
               HOME=str(tmp_path / f"home-{device}"))

    def run(*args: str, day: str = "2026-11-26") -> subprocess.CompletedProcess[str]:
        done = subprocess.run([sys.executable, "-m", "tui", "--date", day, *args], env=env,
                              cwd=ROOT, capture_output=True, text=True, encoding="utf-8", timeout=60)
        assert done.returncode == 0 and "Traceback" not in done.stderr, (args, done.stdout, done.stderr)
        return done

    run.store = store
    run.device = device
    return run


def sync(src: Path, dst: Path, device: str) -> None:
    """Carry ``device``'s files from one laptop's folder to the other's (new, changed and deleted)."""
    a, b = devices_dir(src), devices_dir(dst)
    b.mkdir(parents=True, exist_ok=True)
    shutil.rmtree(b / f"{device}-parts", ignore_errors=True)
    if (a / f"{device}-parts").is_dir():
        shutil.copytree(a / f"{device}-parts", b / f"{device}-parts")
    shutil.copy2(a / f"{device}.json", b / f"{device}.json")


def opened(run, monkeypatch) -> Store:
    """The laptop's store opened here, as that laptop (its device id)."""
    monkeypatch.setenv("KIZUNA_DEVICE", run.device)
    return Store(run.store)


def stored_texts(run, monkeypatch) -> dict[str, str]:
    return {i.id: i.text for i in opened(run, monkeypatch).interactions() if i.kind != "log"}


def test_a_note_deleted_on_a_and_edited_earlier_on_b_stays_deleted(tmp_path, cli_env, monkeypatch) -> None:
    a, b = laptop(tmp_path, cli_env, "a"), laptop(tmp_path, cli_env, "b")
    saved = json.loads(a("note", "--new", "--json", "@+Tanaka lunch: talked pricnig").stdout)["interaction"]
    a("note", "--new", "@Tanaka call: the other note")
    sync(a.store, b.store, "a")
    b("today")  # b merges a's notes
    assert saved["id"] in stored_texts(b, monkeypatch)

    b("note", "edit", saved["id"][:8], "--text", "talked pricing")  # b corrects it first ...
    a("note", "delete", saved["id"][:8])  # ... then a, not having seen that, deletes it

    sync(b.store, a.store, "b")
    sync(a.store, b.store, "a")
    for _ in range(2):  # both ways, twice: nothing brings it back
        a("today")
        b("today")
        sync(b.store, a.store, "b")
        sync(a.store, b.store, "a")
    for run in (a, b):
        texts = stored_texts(run, monkeypatch)
        assert saved["id"] not in texts and "the other note" in texts.values()
        assert saved["id"] in deleted_ids(opened(run, monkeypatch))  # b learnt it from a's tombstone


def test_undoing_a_deletion_brings_the_note_back_on_the_other_laptop_too(tmp_path, cli_env, monkeypatch) -> None:
    a, b = laptop(tmp_path, cli_env, "a"), laptop(tmp_path, cli_env, "b")
    saved = json.loads(a("note", "--new", "--json", "@+Tanaka lunch: keep me").stdout)["interaction"]
    sync(a.store, b.store, "a")
    b("today")
    a("note", "delete", saved["id"][:8])
    sync(a.store, b.store, "a")
    b("today")
    assert saved["id"] not in stored_texts(b, monkeypatch)
    a("undo")
    sync(a.store, b.store, "a")
    b("today")
    sync(b.store, a.store, "b")
    a("today")
    for run in (a, b):
        assert stored_texts(run, monkeypatch).get(saved["id"]) == "keep me"
        assert saved["id"] not in deleted_ids(opened(run, monkeypatch))


def test_a_conflict_copy_from_before_a_deletion_does_not_bring_the_note_back(store_path: Path) -> None:
    """A store not in device mode has only its Deletion records; the merge honours them."""
    from model.capture import save
    from datetime import date

    store = Store(store_path)
    cap = save(store, "@+Tanaka lunch: gone soon", date(2026, 11, 26), True)
    old_file = store_path.read_bytes()
    parts = store_path.with_name("kizuna-parts")
    old_parts = {p.name: p.read_bytes() for p in parts.iterdir()}
    delete_note(store, cap.interaction)
    for name, body in old_parts.items():  # the sync tool delivers the other side's copy late
        if not (parts / name).exists():
            (parts / name).write_bytes(body)
    copy = store_path.with_name("kizuna (conflicted copy 2026-11-26 101010).json")
    copy.write_bytes(old_file)

    again = Store(store_path)
    assert cap.interaction.id not in {i.id for i in again.interactions()}
    assert not copy.exists()  # merged, then moved into the backups
    assert cap.interaction.id in deleted_ids(again)


def test_two_laptops_filling_the_last_deep_place_leave_a_due_item_to_choose(tmp_path, cli_env) -> None:
    a, b = laptop(tmp_path, cli_env, "a"), laptop(tmp_path, cli_env, "b")
    for i in range(4):
        a("add", f"Deep {i}", "--tier", "deep")
    a("add", "Eda", "--tier", "active")
    a("add", "Fumi", "--tier", "active")
    a("promise", "add", "Eda", "send", "the", "deck", "--due", "2026-11-20", day="2026-11-10")
    sync(a.store, b.store, "a")
    b("today")
    a("tier", "Eda", "deep")  # each laptop fills the fifth deep place while apart
    b("tier", "Fumi", "deep")
    sync(b.store, a.store, "b")
    sync(a.store, b.store, "a")
    for run in (a, b):
        lines = run("today").stdout.splitlines()
        sections = [line for line in lines if line and not line.startswith(" ")][2:]
        assert sections[:2] == ["Overdue: my promises", "Over a tier's cap: choose who moves down"], lines
        at = lines.index("Over a tier's cap: choose who moves down")
        assert lines[at + 1] == "  • deep holds 6 people, more than its cap of 5: choose who moves down"
        items = json.loads(run("today", "--json").stdout)["items"]
        assert [i["section"] for i in items][:2] == ["overdue", "caps"]

    a("tier", "Fumi", "active")  # the owner chooses, on one laptop
    sync(a.store, b.store, "a")
    for run in (a, b):
        out = run("today").stdout
        assert "Over a tier's cap" not in out and "more than its cap" not in out, out
