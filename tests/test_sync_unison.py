"""Two laptops through a second real sync engine: Unison between two local folders.

Unison (Debian's ``unison``) is a two-way file synchroniser that runs offline; here each
"laptop" is a folder, written with the real ``kizuna`` while apart, then ``unison -batch``
carries the changes both ways. With one file per device (``kizuna sync on``) Unison never
sees two writers of one file, so it reports no conflict and both laptops end with every
note, the same field edited on both settled the same way, and a deletion kept. A store kept
as one file does make Unison conflicts: with ``-copyonconflict -prefer newer`` Unison keeps
the losing ``kizuna.json`` as ``kizuna (conflict_on_DATE).json``, which Kizuna merges.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from model.store import Store

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("unison") is None,
                       reason="unison is not installed (Debian: apt-get install unison; .ci/run does)"),
]

ROOT = Path(__file__).resolve().parent.parent
#: what each machine keeps for itself (README "Two laptops"): locks, temp files, backups
IGNORE = ["Name *.lock", "Name .kizuna-tmp-*", "Name *-backups"]


def unison(tmp_path: Path, a: Path, b: Path, *options: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("KIZUNA_", "UNISON"))}
    env.update(HOME=str(tmp_path / "home-unison"), UNISON=str(tmp_path / "unison-archive"))
    args = ["unison", "-batch", "-silent", "-times", "-perms", "0", *options]
    for rule in IGNORE:
        args += ["-ignore", rule]
    return subprocess.run([*args, str(a), str(b)], capture_output=True, text=True, env=env, timeout=120)


def laptop(tmp_path: Path, cli_env: dict[str, str], name: str, device: str):
    folder = tmp_path / name
    folder.mkdir(exist_ok=True)
    env = dict(cli_env, KIZUNA_DB=str(folder / "kizuna.json"), KIZUNA_DEVICE=device,
               HOME=str(tmp_path / f"home-{name}"))

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        done = subprocess.run([sys.executable, "-m", "tui", *args], env=env, cwd=ROOT,
                              capture_output=True, text=True, encoding="utf-8", timeout=60)
        assert done.returncode == 0 and "Traceback" not in done.stderr, (args, done.stdout, done.stderr)
        return done

    run.folder, run.device = folder, device
    return run


def held(run, monkeypatch) -> dict:
    """What the laptop's store holds, read here as that laptop: people and every note."""
    monkeypatch.setenv("KIZUNA_DEVICE", run.device)
    store = Store(run.folder / "kizuna.json")
    return {"people": {c.id: (c.name, c.company) for c in store.contacts()},
            "notes": {i.id: i.text for i in store.interactions()}}


def test_two_unison_laptops_written_apart_converge_without_a_conflict(tmp_path, cli_env, monkeypatch) -> None:
    a, b = laptop(tmp_path, cli_env, "desk", "DESK"), laptop(tmp_path, cli_env, "road", "ROAD")
    a("sync", "on")
    a("add", "Tanaka", "--company", "Acme")
    gone = json.loads(a("note", "--json", "@Tanaka lunch: to be deleted").stdout)["interaction"]["id"]
    first = unison(tmp_path, a.folder, b.folder)
    assert first.returncode == 0, first.stderr
    assert "merged from" in b("today").stderr  # the road laptop takes the desk's file in
    assert unison(tmp_path, a.folder, b.folder).returncode == 0

    for i in range(3):  # apart: each writes three notes, both change the same field
        a("note", f"@Tanaka call: desk note {i}")
        b("note", f"@Tanaka call: road note {i}")
    a("edit", "Tanaka", "--company", "Acme Holdings")
    b("edit", "Tanaka", "--company", "Acme Japan")  # the later change
    a("note", "delete", gone[:8])

    for _ in range(2):  # sync, each merges and writes its own file, sync again
        done = unison(tmp_path, a.folder, b.folder)
        assert done.returncode == 0 and "skipped" not in done.stdout + done.stderr, (done.stdout, done.stderr)
        a("today")
        b("today")
    assert unison(tmp_path, a.folder, b.folder).returncode == 0

    on_a, on_b = held(a, monkeypatch), held(b, monkeypatch)
    assert on_a == on_b  # the same data, whichever laptop looks
    texts = set(on_a["notes"].values())
    assert {f"{w} note {i}" for w in ("desk", "road") for i in range(3)} <= texts
    assert gone not in on_a["notes"]  # the deletion holds on both
    assert list(on_a["people"].values()) == [("Tanaka", "Acme Japan")]
    assert any("set aside 'Acme Holdings'" in t for t in texts)  # the losing value is kept on the timeline
    status = a("sync").stdout
    assert "ROAD" in status and status.splitlines()[-1] == "waiting: nothing", status


def test_a_unison_conflict_copy_of_a_one_file_store_is_merged(tmp_path, cli_env, monkeypatch) -> None:
    a, b = laptop(tmp_path, cli_env, "desk", "DESK"), laptop(tmp_path, cli_env, "road", "ROAD")
    a("add", "Tanaka")
    assert unison(tmp_path, a.folder, b.folder).returncode == 0
    assert b("sync").stdout.startswith("layout: one file")

    a("note", "@Tanaka call: written on the desk")  # apart, both write the one kizuna.json
    b("note", "@Tanaka call: written on the road")
    done = unison(tmp_path, a.folder, b.folder, "-copyonconflict", "-prefer", "newer")
    assert done.returncode == 0, done.stderr
    copies = [p.name for p in a.folder.iterdir() if p.name.startswith("kizuna (conflict")]
    assert copies, sorted(p.name for p in a.folder.iterdir())

    shown = a("show", "Tanaka")  # the desk merges the copy Unison kept, then moves it aside
    assert "merged from conflict copy kizuna (conflict" in shown.stderr
    assert "written on the desk" in shown.stdout and "written on the road" in shown.stdout
    assert not [p for p in a.folder.iterdir() if p.name.startswith("kizuna (conflict")]
    assert list((a.folder / "kizuna-backups" / "conflict-copies").iterdir())

    assert unison(tmp_path, a.folder, b.folder, "-copyonconflict", "-prefer", "newer").returncode == 0
    on_a, on_b = held(a, monkeypatch), held(b, monkeypatch)
    assert on_a == on_b
    assert {"written on the desk", "written on the road"} <= set(on_b["notes"].values())
