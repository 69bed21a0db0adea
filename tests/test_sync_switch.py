"""Two laptops, switched on without an environment variable: the usual synced folders are
recognised by their path (OneDrive, Google Drive and iCloud leave no marker file), and
``kizuna sync on|off|status`` turns the device layout on for any folder and says what it sees.

The real ``kizuna`` in subprocesses on real store folders in tmp_path.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from model.store.devices import devices_dir, off_marker, sync_reason


@pytest.mark.parametrize("folder", [
    "OneDrive", "OneDrive - Acme Corp", "Dropbox", "Dropbox (Team)", "Nextcloud", "ownCloud",
    "Library/Mobile Documents/com~apple~CloudDocs", "iCloud Drive", "iCloudDrive",
    "Google Drive", "GoogleDrive-ann@example.com/My Drive", "My Drive",
    "Library/CloudStorage/OneDrive-Personal", "OneDrive-Acme",
])
def test_the_usual_synced_folders_are_recognised_by_their_path(tmp_path: Path, folder: str) -> None:
    store = tmp_path / folder / "kizuna" / "kizuna.json"
    assert sync_reason(store) is not None


@pytest.mark.parametrize("folder", ["Documents", "Sync", "OneDriveBackup", "my dropbox notes", "Drive"])
def test_other_folders_stay_one_file(tmp_path: Path, folder: str) -> None:
    assert sync_reason(tmp_path / folder / "kizuna.json") is None


def run_ok(kizuna, env, *args: str):
    done = kizuna(*args, env=env)
    assert done.returncode == 0 and "Traceback" not in done.stderr, (args, done.stdout, done.stderr)
    return done


def test_sync_on_turns_the_layout_on_keeps_every_note_and_status_names_the_others(
        kizuna, cli_env, store_path: Path) -> None:
    a = dict(cli_env, KIZUNA_DEVICE="laptop-a")
    b = dict(cli_env, KIZUNA_DEVICE="desk-b", HOME=str(store_path.parent.parent / "home-b"))
    run_ok(kizuna, a, "note", "--new", "@+Tanaka lunch: before syncing")
    status = run_ok(kizuna, a, "sync", "status").stdout
    assert status.startswith(f"layout: one file, {store_path} (not a synced folder"), status

    on = run_ok(kizuna, a, "sync", "on")
    assert on.stdout.startswith(f"on: this laptop keeps its own file in {devices_dir(store_path)}")
    assert "merged from the store kept before two laptops" in on.stderr
    assert devices_dir(store_path).is_dir() and (devices_dir(store_path).stat().st_mode & 0o777) == 0o700
    assert "before syncing" in run_ok(kizuna, a, "show", "Tanaka").stdout

    run_ok(kizuna, b, "note", "@Tanaka call: from the desk")  # b finds the layout on by itself
    lines = run_ok(kizuna, a, "sync").stdout.splitlines()  # status is the default
    assert lines[0].startswith(f"layout: one file per device, in {devices_dir(store_path)} "
                               "(kizuna-devices/ is there)"), lines
    assert lines[1].startswith("this device: laptop-a (") and lines[1].endswith("its file laptop-a.json")
    assert lines[2] == "other devices:"
    row = lines[4].split()
    assert row[0] == "desk-b" and row[-1] == "nothing" and row[-2][:4] == "20" + row[-2][2:4], lines
    assert lines[-1] == "waiting: nothing"
    assert "from the desk" in run_ok(kizuna, a, "show", "Tanaka").stdout

    # a part file of b's that has not arrived yet: named as waiting, never an error
    run_ok(kizuna, b, "note", "@Tanaka call: another from the desk")
    parts = sorted((devices_dir(store_path) / "desk-b-parts").iterdir(), key=lambda p: p.stat().st_mtime_ns)
    held = parts[-1].read_bytes()
    parts[-1].unlink()
    done = run_ok(kizuna, a, "sync", "status")
    assert "desk-b: waiting for 1 file" in done.stdout, done.stdout
    assert "waiting for 1 file from" in done.stderr
    parts[-1].write_bytes(held)
    assert run_ok(kizuna, a, "sync").stdout.splitlines()[-1] == "waiting: nothing"


def test_sync_off_keeps_a_folder_that_looks_synced_as_one_file(kizuna, cli_env, tmp_path: Path) -> None:
    store = tmp_path / "OneDrive - Acme" / "kizuna" / "kizuna.json"
    env = dict(cli_env, KIZUNA_DB=str(store), KIZUNA_DEVICE="laptop-a")
    status = run_ok(kizuna, env, "sync", "status").stdout
    assert "('OneDrive - Acme' in its path is a synced folder)" in status.splitlines()[0], status

    assert run_ok(kizuna, env, "sync", "off").stdout == \
        "off: the store stays one file, kizuna.json (kizuna-sync-off says so)\n"
    run_ok(kizuna, env, "note", "--new", "@+Mori coffee: one file")
    assert store.is_file() and not devices_dir(store).exists()
    assert run_ok(kizuna, env, "sync").stdout.startswith(f"layout: one file, {store} (turned off")

    run_ok(kizuna, env, "sync", "on")
    assert not off_marker(store).exists()
    assert "one file" in run_ok(kizuna, env, "show", "Mori").stdout

    run_ok(kizuna, env, "note", "@Mori call: in the device file")
    done = run_ok(kizuna, env, "sync", "off")  # device files exist now: merged back into one file
    assert done.stdout.startswith("off: the device files are one file again, kizuna.json; they were moved to ")
    assert not devices_dir(store).exists() and off_marker(store).exists()
    shown = run_ok(kizuna, env, "show", "Mori").stdout
    assert "one file" in shown and "in the device file" in shown


def test_a_bad_action_is_one_line_and_exit_2(kizuna, cli_env, tmp_path: Path) -> None:
    done = kizuna("sync", "maybe", env=cli_env)
    assert done.returncode == 2 and len(done.stderr.splitlines()) == 1 and "invalid choice" in done.stderr
    demo = kizuna("--demo", "sync", "on", env=cli_env)
    assert demo.returncode == 1 and demo.stderr == "kizuna: the demo data is a disposable copy: it is never synced\n"
    folder = tmp_path / "a folder"
    folder.mkdir()
    done = kizuna("--db", str(folder), "sync", "on", env=cli_env)
    assert done.returncode == 1 and done.stderr == f"kizuna: {folder}: is a folder, not a store file\n"
    assert not devices_dir(folder).exists()


def test_status_names_a_conflict_copy_that_cannot_be_merged(kizuna, cli_env, store_path: Path) -> None:
    run_ok(kizuna, cli_env, "add", "Tanaka")
    copy = store_path.with_name("kizuna (conflicted copy 2026-12-05 101010).json")
    copy.write_text("{damaged")
    done = run_ok(kizuna, cli_env, "sync")
    lines = done.stdout.splitlines()
    assert lines[0].startswith("layout: one file") and lines[1] == "waiting:", lines
    assert lines[2].startswith(f"  {copy.name}: cannot be read: ") and "not valid JSON" in lines[2]
    assert copy.read_text() == "{damaged"  # left where it is
