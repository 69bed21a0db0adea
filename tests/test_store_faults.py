"""One failing system call at a time, at every position of a write: nothing saved is lost.

Each system call the store's write path makes (``os.write``, ``os.fsync`` of files
and folders, ``os.replace``, ``os.rename``, ``os.link``, ``os.unlink``, ``os.mkdir``,
``os.open``) is made to fail once (ENOSPC or EIO) at its n-th call, for every n a
clean run makes, in the real ``kizuna`` command run in this process on real files.
After each: the command exited non-zero with one line on stderr, or succeeded
with the note saved; the store opens; every record saved before is still there
(the full JSON export); and the next ordinary write works and loses nothing.
"""

from __future__ import annotations

import errno
import os
import resource
import shutil
import subprocess
import sys
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import orjson
import pytest

from model.errors import StoreError
from model.records import Contact, Interaction
from model.store import Store
from model.store.parts import PART_COUNT, part_of, parts_dir
from model.transfer import jsonio
from tui.cli.entry import main

ROOT = Path(__file__).resolve().parent.parent
CALLS = ("write", "fsync", "replace", "rename", "link", "unlink", "mkdir", "open")
DAY = date(2026, 11, 20)


class Faults:
    """Wraps ``os`` calls: counts them, and makes the ``at``-th call of ``name`` fail once."""

    def __init__(self, name: str | None = None, at: int = 0, code: int = errno.ENOSPC) -> None:
        self.name, self.at, self.code = name, at, code
        self.counts: Counter[str] = Counter()
        self.fired = False

    @contextmanager
    def active(self) -> Iterator[Faults]:
        originals = {name: getattr(os, name) for name in CALLS}

        def wrap(name: str, real: Callable) -> Callable:
            def call(*args, **kwargs):
                self.counts[name] += 1
                if name == self.name and self.counts[name] == self.at:
                    self.fired = True
                    raise OSError(self.code, os.strerror(self.code))
                return real(*args, **kwargs)
            return call

        for name, real in originals.items():
            setattr(os, name, wrap(name, real))
        try:
            yield self
        finally:
            for name, real in originals.items():
                setattr(os, name, real)


def everything(path: Path) -> dict:
    """The store as ``kizuna export json --include-confidential`` gives it, by record id."""
    data = orjson.loads(jsonio.export(Store(path), True))
    return {table: {r["id"]: r for r in data[table]}
            for table in ("contacts", "interactions", "promises", "focus_plans")}


def part_files(path: Path) -> dict[str, bytes]:
    folder = parts_dir(path)
    return {p.name: p.read_bytes() for p in folder.iterdir()} if folder.exists() else {}


def make_store(path: Path, notes: int = 96) -> None:
    """Two people (one a duplicate to merge), notes in every part, yesterday's backup only.

    The duplicate has notes in every part, so a merge rewrites all of them: its log note,
    whose id is random, then lands in a part written anyway, and every merge makes the
    same calls (the sweep faults call positions counted on another run).
    """
    store = Store(path, backup_day=lambda: date(2026, 11, 19))
    sato = store.add(Contact(name="Sato Ken", emails=("ken@example.jp",)))
    dup = store.add(Contact(name="Mori Aki", company="Kizuna KK"))
    batch = [Interaction(date=f"2026-11-{1 + i % 19:02d}", contacts=((sato if i % 3 else dup).id,),
                         text=f"note {i} 単価350円" + "x" * (i % 7) * 40) for i in range(notes)]
    covered = {part_of(n.id) for n in batch if n.contacts == (dup.id,)}
    while len(covered) < PART_COUNT:
        extra = Interaction(date="2026-11-18", contacts=(dup.id,), text="one more of Mori's")
        if part_of(extra.id) not in covered:
            covered.add(part_of(extra.id))
            batch.append(extra)
    store.add_many(batch)
    while not all(orjson.loads(path.read_bytes())["parts"]["1"]["files"]):  # ids are random
        store.add(Interaction(date="2026-11-18", contacts=(sato.id,), text="one more"))
    assert len(orjson.loads(path.read_bytes())["parts"]["1"]["files"]) == PART_COUNT  # notes in every part


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("template") / "data" / "kizuna.json"
    make_store(path)
    return path


def fresh(template: Path, tmp_path: Path, n: int) -> Path:
    target = tmp_path / f"run{n}"
    shutil.copytree(template.parent, target, symlinks=True)
    return target / template.name


def run_cli(capsys, argv: list[str], faults: Faults | None = None) -> tuple[int, str, str]:
    capsys.readouterr()
    if faults is None:
        code = main(argv)
    else:
        with faults.active():
            code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def check_outcome(code: int, err: str, what: str) -> bool:
    """One line on failure, at most one warning on success; True if it succeeded."""
    lines = err.splitlines()
    assert "Traceback" not in err, f"{what}: {err}"
    if code == 0:
        assert all(line.startswith("kizuna: warning: ") for line in lines) and len(lines) <= 1, f"{what}: {err}"
        return True
    assert code == 1 and len(lines) == 1 and lines[0].startswith("kizuna: "), f"{what}: {code} {err!r}"
    return False


def positions(template: Path, tmp_path: Path, capsys, argv_for: Callable[[Path], list[str]]) -> Counter[str]:
    path = fresh(template, tmp_path, 0)
    faults = Faults()
    code, _out, err = run_cli(capsys, argv_for(path), faults)
    assert code == 0, err
    return faults.counts


def sweep(template: Path, tmp_path: Path, capsys, argv_for: Callable[[Path], list[str]],
          check: Callable[[dict, dict, bool, str], None]) -> tuple[int, int]:
    """Fail each call at each position; ``check(before, after, succeeded, what)``. Returns (runs, failures)."""
    counts = positions(template, tmp_path, capsys, argv_for)
    before = everything(template)
    runs = failed = 0
    for name, at, code_no in [(n, a, c) for n in CALLS for a in range(1, counts[n] + 1)
                              for c in (errno.ENOSPC, errno.EIO)]:
        path = fresh(template, tmp_path, 1 + runs)
        faults = Faults(name, at, code_no)
        code, _out, err = run_cli(capsys, argv_for(path), faults)
        what = f"{name} #{at} failing with {errno.errorcode[code_no]}"
        assert faults.fired, f"{what} never fired: this run made {dict(faults.counts)}, the counted one {dict(counts)}"
        ok = check_outcome(code, err, what)
        failed += not ok
        after = everything(path)  # the store opens, and reads whole
        check(before, after, ok, what)
        # the next ordinary write works and keeps everything
        code, _out, err = run_cli(capsys, ["--db", str(path), "note", "@Sato after the fault"])
        assert code == 0 and not err, f"{what}, then: {err}"
        again = everything(path)
        assert again["interactions"].keys() >= after["interactions"].keys(), what
        assert len(again["interactions"]) == len(after["interactions"]) + 1, what
        shutil.rmtree(path.parent)
        runs += 1
    assert runs >= 20
    print(f"\n{runs} single faults injected ({failed} refused, {runs - failed} saved; calls per run "
          f"{dict(counts)}), 0 notes lost")
    return runs, failed


def same_except_new_notes(before: dict, after: dict, ok: bool, what: str, text: str) -> None:
    for table in before:
        for rid, record in before[table].items():
            assert after[table].get(rid) == record, f"{what}: {table} {rid} lost or changed"
    added = {rid: r for rid, r in after["interactions"].items() if rid not in before["interactions"]}
    if ok:
        assert len(added) == 1 and text in next(iter(added.values()))["text"], what
    else:
        assert not added and after == before, what


def test_a_failing_call_anywhere_in_kizuna_note_loses_nothing(template: Path, tmp_path: Path, capsys) -> None:
    text = "zebra fault xyz"

    def check(before, after, ok, what):
        same_except_new_notes(before, after, ok, what, text)

    runs, _ = sweep(template, tmp_path, capsys, lambda p: ["--db", str(p), "note", f"@Sato {text}"], check)
    assert runs >= 50


def test_a_failing_call_anywhere_in_a_merge_loses_nothing(template: Path, tmp_path: Path, capsys) -> None:
    def check(before, after, ok, what):
        if not ok:
            assert after == before, what
            return
        assert after["interactions"].keys() >= before["interactions"].keys(), what
        for rid, note in before["interactions"].items():
            assert after["interactions"][rid]["text"] == note["text"], what
        assert len(after["contacts"]) == len(before["contacts"]) - 1, what

    runs, _ = sweep(template, tmp_path, capsys, lambda p: ["--db", str(p), "merge", "Mori Aki", "Sato Ken"], check)
    assert runs >= 40


@pytest.fixture(scope="module")
def import_file(tmp_path_factory) -> Path:
    """A Kizuna JSON export of another store: new people and notes across many parts."""
    folder = tmp_path_factory.mktemp("other")
    other = Store(folder / "other.json")
    tanaka = other.add(Contact(name="Tanaka Yui"))
    other.add_many(Interaction(date="2026-11-02", contacts=(tanaka.id,), text=f"imported {i}") for i in range(24))
    out = folder / "export.json"
    out.write_bytes(jsonio.export(other, True))
    return out


def test_a_failing_call_anywhere_in_an_import_loses_nothing(template: Path, tmp_path: Path, capsys,
                                                           import_file: Path) -> None:
    def check(before, after, ok, what):
        for table in before:
            for rid, record in before[table].items():
                assert after[table].get(rid) == record, f"{what}: {table} {rid} lost or changed"
        added = len(after["interactions"]) - len(before["interactions"])
        assert added == (24 if ok else 0), what

    sweep(template, tmp_path, capsys, lambda p: ["--db", str(p), "import", str(import_file)], check)


def test_a_failing_call_anywhere_in_an_app_save_loses_nothing(template: Path, tmp_path: Path) -> None:
    """The app's way: one long-lived Store object; after a failure it holds what the file holds."""
    def save(store: Store, text: str) -> None:
        sato = next(c for c in store.contacts() if c.name == "Sato Ken")
        store.add(Interaction(date="2026-11-20", contacts=(sato.id,), text=text))

    counting = Faults()
    path = fresh(template, tmp_path, 0)
    store = Store(path, backup_day=lambda: DAY)
    with counting.active():
        save(store, "counted")
    before = everything(template)
    runs = 0
    for name in CALLS:
        for at in range(1, counting.counts[name] + 1):
            path = fresh(template, tmp_path, 1 + runs)
            store = Store(path, backup_day=lambda: DAY)
            store.interactions()  # the app holds everything loaded
            faults = Faults(name, at, errno.EIO if at % 2 else errno.ENOSPC)
            what = f"{name} #{at}"
            try:
                with faults.active():
                    save(store, "from the app")
                ok = True
            except StoreError as exc:
                assert "\n" not in str(exc), what
                ok = False
            assert faults.fired, what
            assert ok or not store.warnings, what
            on_disk = everything(path)
            same_except_new_notes(before, on_disk, ok, what, "from the app")
            # memory holds what the file holds, and the same object saves again
            assert {i.id for i in store.interactions()} == on_disk["interactions"].keys(), what
            save(store, "again")
            assert len(everything(path)["interactions"]) == len(on_disk["interactions"]) + 1, what
            shutil.rmtree(path.parent)
            runs += 1
    assert runs >= 20


# -- a damaged list of part files: refused, nothing deleted -----------------------------------

def damage_hex(data: dict) -> None:
    name = data["parts"]["1"]["files"][3]
    digit = name[-6]
    data["parts"]["1"]["files"][3] = name[:-6] + ("0" if digit != "0" else "1") + name[-5:]


DAMAGES = {
    "one hex digit changed": damage_hex,
    "files not a list": lambda d: d["parts"]["1"].update(files="notalist"),
    "a path out of the folder": lambda d: d["parts"]["1"]["files"].__setitem__(2, "../../../etc/passwd"),
    "a name of another part": lambda d: d["parts"]["1"]["files"].__setitem__(
        2, d["parts"]["1"]["files"][5]),
    "an unknown table": lambda d: d["parts"].update({"2": {"id": "../x", "files": []}}),
}


@pytest.mark.parametrize("damage", sorted(DAMAGES))
def test_a_damaged_list_of_part_files_is_refused_and_nothing_is_deleted(template: Path, tmp_path: Path,
                                                                        capsys, damage: str) -> None:
    path = fresh(template, tmp_path, 0)
    data = orjson.loads(path.read_bytes())
    DAMAGES[damage](data)
    path.write_bytes(orjson.dumps(data))
    files = part_files(path)
    raw = path.read_bytes()
    for argv in (["note", "@Sato after the damage"], ["merge", "Mori Aki", "Sato Ken"], ["show", "Sato Ken"]):
        code, out, err = run_cli(capsys, ["--db", str(path), *argv])
        assert code == 1 and len(err.splitlines()) == 1 and "Traceback" not in err, (argv, err)
        assert "kizuna doctor" in err, err
        assert part_files(path) == files and path.read_bytes() == raw, argv
    assert not (path.parent / "kizuna-backups").exists() or not list(
        (path.parent / "kizuna-backups").glob("*set-aside*"))


def test_an_old_store_file_copied_back_deletes_no_current_part(tmp_path: Path, capsys) -> None:
    """The README's old first step of a restore: the next write must not delete today's parts."""
    path = tmp_path / "data" / "kizuna.json"
    store = Store(path, backup_day=lambda: date(2026, 11, 19))
    sato = store.add(Contact(name="Sato Ken"))
    store.add(Interaction(date="2026-11-19", contacts=(sato.id,), text="old"))
    today = Store(path, backup_day=lambda: DAY)  # the first write of the 20th keeps the 19th
    today.add_many(Interaction(date="2026-11-20", contacts=(sato.id,), text=f"new {i}") for i in range(40))
    backup = path.parent / "kizuna-backups" / "kizuna-2026-11-20.json"
    assert backup.exists()
    current = part_files(path)
    shutil.copy(backup, path)
    code, _out, err = run_cli(capsys, ["--db", str(path), "note", "@Sato after the copy"])
    if code == 0:  # every part it names was still there: today's are set aside, not deleted
        kept = {p.name: p.read_bytes() for p in (path.parent / "kizuna-backups").rglob("interactions-*")}
        kept.update(part_files(path))
        assert all(kept.get(name) == raw for name, raw in current.items())
    else:
        assert len(err.splitlines()) == 1 and "kizuna doctor" in err, err
        assert part_files(path) == current


# -- real limits, not injected ones -----------------------------------------------------------

def test_a_merge_under_a_file_size_limit_loses_nothing(template: Path, tmp_path: Path) -> None:
    """``ulimit -f`` (RLIMIT_FSIZE): every write past it fails with EFBIG, for real."""
    before = everything(template)
    biggest = max(len(raw) for raw in part_files(template).values())
    limits = sorted({256, 1024, 4096, biggest // 2, biggest - 1, biggest + 4096})
    refused = 0
    for n, limit in enumerate(limits):
        path = fresh(template, tmp_path, n)

        def cap(limit=limit) -> None:
            resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

        done = subprocess.run([sys.executable, "-m", "tui", "--db", str(path), "merge", "Mori Aki", "Sato Ken"],
                              cwd=ROOT, capture_output=True, text=True, preexec_fn=cap, timeout=60,
                              env={**os.environ, "PYTHONPATH": str(ROOT)})
        ok = check_outcome(done.returncode, done.stderr, f"limit {limit}")
        refused += not ok
        after = everything(path)
        if ok:
            assert after["interactions"].keys() >= before["interactions"].keys()
        else:
            assert after == before, f"limit {limit}"
    assert refused >= 3  # the small limits did bite


@pytest.mark.parametrize("call", ["listdir", "scandir", "unlock"])
def test_a_failing_listing_or_unlock_is_no_traceback(template: Path, tmp_path: Path, capsys, monkeypatch,
                                                     call: str) -> None:
    """Clean-up lists folders, and every write ends by unlocking: neither may end in a traceback."""
    import fcntl

    from model.store import lock

    path = fresh(template, tmp_path, 0)
    (parts_dir(path) / "interactions-00-0123456789ab.json").write_bytes(b"a leftover\n")
    before = everything(path)

    def fail(*args, **kwargs):
        raise OSError(errno.EIO, os.strerror(errno.EIO))

    if call == "unlock":
        real = fcntl.flock
        monkeypatch.setattr(lock.fcntl, "flock", lambda fd, op: fail() if op == fcntl.LOCK_UN else real(fd, op))
    else:
        monkeypatch.setattr(os, call, fail)
    code, _out, err = run_cli(capsys, ["--db", str(path), "note", "@Sato zebra listing"])
    monkeypatch.undo()
    assert check_outcome(code, err, call)
    same_except_new_notes(before, everything(path), True, call, "zebra listing")
    assert (parts_dir(path) / "interactions-00-0123456789ab.json").exists() or list(
        path.parent.glob("kizuna-backups/*set-aside*/interactions-00-0123456789ab.json"))
