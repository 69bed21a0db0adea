"""The way back, with the real ``kizuna`` command on real files: backups, restore, doctor."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import orjson
import pytest

from model.records import Contact, Interaction
from model.store import Store
from model.store.parts import parts_dir
from model.store.recovery import read_part


def names(path: Path) -> list[str | None]:
    return orjson.loads(path.read_bytes())["parts"]["1"]["files"]


def texts(path: Path) -> set[str]:
    return {i.text for i in Store(path).interactions()}


def everything_there(root: Path) -> dict[str, bytes]:
    """Every file under ``root`` by name (a hard link and a copy count the same)."""
    return {p.name: p.read_bytes() for p in root.rglob("*") if p.is_file() and not p.name.endswith(".lock")}


@pytest.fixture
def two_days(store_path: Path) -> Path:
    """60 notes written on the 19th, 30 more on the 20th (so the 20th's backup holds the 60)."""
    store = Store(store_path, backup_day=lambda: date(2026, 11, 19))
    sato = store.add(Contact(name="Sato Ken"))
    store.add_many(Interaction(date="2026-11-19", contacts=(sato.id,), text=f"old {i}") for i in range(60))
    store = Store(store_path, backup_day=lambda: date(2026, 11, 20))
    store.add_many(Interaction(date="2026-11-20", contacts=(sato.id,), text=f"new {i}") for i in range(30))
    store.add(Interaction(date="2026-11-20", contacts=(sato.id,), text="secret plan", scope="confidential"))
    return store_path


def test_backups_lists_date_size_people_and_notes(kizuna, two_days: Path) -> None:
    done = kizuna("backups")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].split() == ["DATE", "SIZE", "PEOPLE", "NOTES", "STATE"]
    assert lines[1].split()[0] == "2026-11-20" and lines[1].split()[3:] == ["1", "60", "ok"]
    assert lines[2].split()[0] == "2026-11-19" and lines[2].split()[3:] == ["1", "0", "ok"]


def test_restore_says_what_would_go_then_puts_the_backup_back_keeping_the_current_aside(
        kizuna, two_days: Path) -> None:
    before = texts(two_days)
    raw_before = two_days.read_bytes()
    dry = kizuna("restore", "2026-11-20", "--dry-run")
    assert dry.returncode == 0, dry.stderr
    assert "1 people, 60 notes" in dry.stdout and "0 people, 31 notes, 0 promises" in dry.stdout
    assert "new 29" in dry.stdout and "[confidential]" in dry.stdout and "secret plan" not in dry.stdout
    assert two_days.read_bytes() == raw_before and texts(two_days) == before  # dry: nothing changed

    done = kizuna("restore", "2026-11-20")
    assert done.returncode == 0, done.stderr
    assert texts(two_days) == {f"old {i}" for i in range(60)}
    aside = sorted((two_days.parent / "kizuna-backups").glob("kizuna-before-restore-*.json"))
    assert len(aside) == 1 and texts(aside[0]) == before  # the store as it was, whole
    # and the restore can be taken back
    back = kizuna("restore", aside[0].name)
    assert back.returncode == 0, back.stderr
    assert texts(two_days) == before
    assert kizuna("note", "@Sato after the restores").returncode == 0
    assert texts(two_days) == before | {"after the restores"}


def test_restore_of_an_unknown_date_is_one_line(kizuna, two_days: Path) -> None:
    done = kizuna("restore", "2025-01-01")
    assert done.returncode == 1 and len(done.stderr.splitlines()) == 1 and "2026-11-20" in done.stderr


def test_doctor_says_ok_for_a_healthy_store(kizuna, two_days: Path) -> None:
    done = kizuna("doctor")
    assert done.returncode == 0 and "ok: 1 people, 91 notes" in done.stdout


def test_doctor_repairs_a_truncated_part_from_its_intact_lines_and_the_backup(kizuna, two_days: Path) -> None:
    before = texts(two_days)
    folder = parts_dir(two_days)
    # A part written again on the 20th (old notes, then new ones): the 20th's backup holds its
    # old notes in a file of its own. A part of old notes only is the backup's file itself (a
    # hard link), so damage in place would reach the backup too.
    rows = {n: [r.text for r in read_part(folder / n)] for n in names(two_days) if n}
    name = max((n for n, t in rows.items() if t[0].startswith("old") and not t[-1].startswith("old")),
               key=lambda n: (folder / n).stat().st_size)
    damaged = (folder / name).read_bytes()
    lines = damaged.split(b"\n")
    last_old = max(i for i, t in enumerate(rows[name]) if t.startswith("old"))
    cut = len(b"\n".join(lines[:2 + last_old])) + 1 + len(lines[2 + last_old]) // 2
    (folder / name).write_bytes(damaged[:cut])  # in place, from inside its last old note on
    opened = kizuna("show", "Sato")
    assert opened.returncode == 1 and "kizuna doctor" in opened.stderr and len(opened.stderr.splitlines()) == 1
    app = kizuna()  # the app reports the store it cannot open in the same way, naming the command
    assert app.returncode == 1 and "kizuna doctor" in app.stderr and len(app.stderr.splitlines()) == 1

    report = kizuna("doctor")
    assert report.returncode == 1 and name in report.stdout and f"{last_old} intact lines" in report.stdout
    assert "1 more from the backup of 2026-11-20" in report.stdout and "--repair" in report.stdout
    repaired = kizuna("doctor", "--repair")
    assert repaired.returncode == 0, repaired.stdout + repaired.stderr
    after = texts(two_days)
    # the old notes come back (the cut one from the backup); the 20th's notes after the cut are lost
    assert before - after == set(rows[name][last_old + 1:]) and after <= before
    assert all(t.startswith("new") or t == "secret plan" for t in before - after)
    kept = list((two_days.parent / "kizuna-backups").glob(f"kizuna-damaged-*/{name}"))
    assert len(kept) == 1 and kept[0].read_bytes() == damaged[:cut]
    assert kizuna("show", "Sato").returncode == 0 and kizuna("doctor").returncode == 0


def test_a_missing_part_is_put_back_from_the_backup_that_holds_it(kizuna, two_days: Path) -> None:
    """The old README step: copy a backup's store file back. Its parts were superseded since."""
    before = texts(two_days)
    backup = two_days.parent / "kizuna-backups" / "kizuna-2026-11-20.json"
    shutil.copy(backup, two_days)
    everything = everything_there(two_days.parent)
    note = kizuna("note", "@Sato after the copy")
    if note.returncode == 1:  # a part it names was superseded since: refused, nothing deleted
        assert "kizuna doctor" in note.stderr
        assert everything_there(two_days.parent).items() >= {
            k: v for k, v in everything.items() if k.startswith("interactions")}.items()
        assert kizuna("doctor", "--repair").returncode == 0
    assert texts(two_days) >= {f"old {i}" for i in range(60)}
    # whatever happened, the notes of the 20th are still on disk (unnamed, or set aside)
    kept = set()
    for p in two_days.parent.rglob("interactions-*.json"):
        kept |= texts_of_part(p)
    assert before <= kept | texts(two_days)


def texts_of_part(path: Path) -> set[str]:
    return {r.text for r in read_part(path)}


@pytest.mark.parametrize("damage", ["hex digit", "notalist"])
def test_doctor_finds_the_parts_a_damaged_list_lost_track_of(kizuna, two_days: Path, damage: str) -> None:
    before = texts(two_days)
    data = orjson.loads(two_days.read_bytes())
    files = data["parts"]["1"]["files"]
    if damage == "hex digit":
        files[3] = files[3][:-6] + ("0" if files[3][-6] != "0" else "1") + files[3][-5:]
    else:
        data["parts"]["1"]["files"] = "notalist"
    two_days.write_bytes(orjson.dumps(data))
    parts = everything_there(parts_dir(two_days))
    assert kizuna("note", "@Sato refused").returncode == 1
    assert everything_there(parts_dir(two_days)) == parts  # nothing deleted
    report = kizuna("doctor")
    assert report.returncode == 1 and "can be recovered" in report.stdout
    repaired = kizuna("doctor", "--repair")
    assert repaired.returncode == 0, repaired.stdout + repaired.stderr
    assert texts(two_days) == before
    assert kizuna("note", "@Sato after the repair").returncode == 0


def test_a_damaged_store_file_is_restored_from_the_newest_backup_and_kept_aside(kizuna, two_days: Path) -> None:
    raw = two_days.read_bytes()
    two_days.write_bytes(raw[:len(raw) // 2])
    report = kizuna("doctor")
    assert report.returncode == 1 and "kizuna restore 2026-11-20" in report.stdout
    repaired = kizuna("doctor", "--repair")
    assert repaired.returncode == 0, repaired.stdout + repaired.stderr
    assert texts(two_days) == {f"old {i}" for i in range(60)}
    aside = list((two_days.parent / "kizuna-backups").glob("kizuna-before-restore-*.json"))
    assert len(aside) == 1 and aside[0].read_bytes() == raw[:len(raw) // 2]
