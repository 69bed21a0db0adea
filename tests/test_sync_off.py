"""``kizuna sync off`` on a store kept as device files: everything it can read merged back into
one plain store file, the device files moved into the backups folder (never deleted), refused
with one line and nothing changed while anything is waiting.

The real ``kizuna`` in subprocesses (two device ids) on a real store folder in tmp_path; the
other laptop's files are written by it into the same folder, as a sync tool would leave them.
"""

from __future__ import annotations

import json
from pathlib import Path

from model.store.backups import backups_dir
from model.store.parts import parts_dir
from model.store.devices import devices_dir, off_marker


def run_ok(kizuna, env, *args: str):
    done = kizuna(*args, env=env)
    assert done.returncode == 0 and "Traceback" not in done.stderr, (args, done.stdout, done.stderr)
    return done


def two_laptops(kizuna, cli_env, store: Path):
    a = dict(cli_env, KIZUNA_DB=str(store), KIZUNA_DEVICE="laptop-a")
    b = dict(a, KIZUNA_DEVICE="desk-b", HOME=str(store.parent.parent / "home-b"))
    run_ok(kizuna, a, "note", "--new", "@+Tanaka lunch: before syncing")  # one file at first
    run_ok(kizuna, a, "sync", "on")
    run_ok(kizuna, a, "note", "@Tanaka call: from the laptop")
    run_ok(kizuna, b, "note", "@Tanaka call: from the desk")
    run_ok(kizuna, b, "note", "--new", "@+Mori coffee: the desk's new person")
    return a, b


def listing(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_sync_off_merges_the_device_files_into_one_store_file(kizuna, cli_env, store_path: Path) -> None:
    a, b = two_laptops(kizuna, cli_env, store_path)
    devices = devices_dir(store_path)
    before = listing(devices)
    done = run_ok(kizuna, a, "sync", "off")
    kept = backups_dir(store_path) / f"{devices.name}-{done.stdout.split(devices.name + '-')[1][:10]}"
    assert done.stdout == (f"off: the device files are one file again, kizuna.json; they were moved to "
                           f"{kept}\n"), done.stdout
    assert not devices.exists() and off_marker(store_path).exists()
    moved = listing(kept)
    assert all(moved.get(k) == v for k, v in before.items() if k.startswith("desk-b")), "the desk's files changed"
    assert "laptop-a.json" in moved

    status = run_ok(kizuna, a, "sync").stdout
    assert status.startswith(f"layout: one file, {store_path} (turned off"), status
    for env in (a, b):  # the one file holds everything, whichever machine reads it
        shown = run_ok(kizuna, env, "show", "Tanaka").stdout
        assert all(t in shown for t in ("before syncing", "from the laptop", "from the desk")), shown
        assert "the desk's new person" in run_ok(kizuna, env, "show", "Mori").stdout
    assert not devices.exists()
    data = json.loads(store_path.read_text())
    named = [n for doc in data["parts"].values() for n in doc["files"] if n]
    assert named and all((parts_dir(store_path) / n).is_file() for n in named)
    assert store_path.stat().st_mode & 0o777 == 0o600
    # and back on: the one file is merged into a new device file, nothing lost
    run_ok(kizuna, a, "sync", "on")
    assert "from the desk" in run_ok(kizuna, a, "show", "Tanaka").stdout


def test_sync_off_is_refused_while_a_device_file_is_half_arrived(kizuna, cli_env, store_path: Path) -> None:
    a, b = two_laptops(kizuna, cli_env, store_path)
    run_ok(kizuna, a, "today")  # merged the desk's file in full
    run_ok(kizuna, b, "note", "@Tanaka call: still arriving")
    parts = sorted((devices_dir(store_path) / "desk-b-parts").iterdir(), key=lambda p: p.stat().st_mtime_ns)
    held = parts[-1].read_bytes()
    parts[-1].unlink()  # the desk's newest part has not arrived yet
    before = listing(store_path.parent)
    done = kizuna("sync", "off", env=a)
    assert done.returncode == 1 and done.stdout == "", done
    errors = [line for line in done.stderr.splitlines() if line.startswith("kizuna: not turned off")]
    assert len(errors) == 1 and "desk-b.json: waiting for 1 file" in errors[0], done.stderr
    assert "nothing was changed" in errors[0]
    after = listing(store_path.parent)
    assert {k: v for k, v in after.items() if "laptop-a" not in k} == \
        {k: v for k, v in before.items() if "laptop-a" not in k}  # nothing of the desk's touched
    assert devices_dir(store_path).is_dir() and not off_marker(store_path).exists()
    parts[-1].write_bytes(held)
    run_ok(kizuna, a, "sync", "off")
    assert "still arriving" in run_ok(kizuna, a, "show", "Tanaka").stdout


def test_sync_off_is_refused_while_a_device_file_cannot_be_read(kizuna, cli_env, store_path: Path) -> None:
    a, _b = two_laptops(kizuna, cli_env, store_path)
    (devices_dir(store_path) / "phone-c.json").write_text("{damaged")
    done = kizuna("sync", "off", env=a)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "phone-c.json: cannot be read" in done.stderr and "nothing was changed" in done.stderr
    assert (devices_dir(store_path) / "phone-c.json").read_text() == "{damaged"
    assert not off_marker(store_path).exists()
