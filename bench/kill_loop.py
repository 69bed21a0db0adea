"""SIGKILL ``kizuna note`` in the middle of its write, again and again; lose nothing reported.

    python -m bench.kill_loop                  # 500 kills (a few minutes)
    python -m bench.kill_loop --kills 30 --seed 7

Each round starts the real ``kizuna note`` on a store of a few thousand notes. The
child runs the ordinary command, but its ``os.open`` says "W" on a side pipe the
first time it opens the store's lock file: the write phase starts (lock, reload,
backup, new part files, fsyncs, the store file's rename, clean-up). The parent
then waits a random time inside the write phase's measured length (a few
milliseconds, past it now and then) and sends SIGKILL. After every kill: the
store opens and reads whole, every note a command reported saved ("saved:" on
its stdout, exit 0) is there, and no note is there twice. Exits 1 on any loss.
"""

from __future__ import annotations

import argparse
import os
import random
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

CHILD = r"""
import os, sys
fd = int(sys.argv[1])
real_open = os.open
said = False
def spy(path, *args, **kwargs):
    global said
    if not said and str(path).endswith(".lock"):
        said = True
        os.write(fd, b"W")
    return real_open(path, *args, **kwargs)
os.open = spy
from tui.cli.entry import main
sys.exit(main(sys.argv[2:]))
"""


@dataclass
class Result:
    kills: int = 0
    in_write: int = 0  # killed after the write phase began and before the process ended
    finished: int = 0  # ended before the kill landed
    reported: int = 0
    lost: int = 0
    duplicates: int = 0
    notes: int = 0
    write_ms: float = 0.0
    set_aside: int = 0  # part files a killed writer left, moved to the backups folder


    def line(self) -> str:
        return (f"{self.kills} kills ({self.in_write} inside the write phase, {self.finished} after the "
                f"command ended); {self.reported} notes reported saved, {self.lost} lost, "
                f"{self.duplicates} duplicated; {self.notes} notes in the store; write phase "
                f"~{self.write_ms:.1f} ms; {self.set_aside} leftover part files set aside")


def seed(path: Path, notes: int) -> None:
    from model.records import Contact, Interaction
    from model.store import Store

    store = Store(path)
    sato = store.add(Contact(name="Sato Ken"))
    store.add_many(Interaction(date="2026-11-01", contacts=(sato.id,), text=f"seed {i} " + "x" * 200)
                   for i in range(notes))


def start(path: Path, tag: str) -> tuple[subprocess.Popen, int]:
    r, w = os.pipe()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen([sys.executable, "-c", CHILD, str(w), "--db", str(path), "note", f"@Sato {tag} 打ち合わせ"],
                            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            pass_fds=(w,))
    os.close(w)
    return proc, r


def wait_marker(r: int, proc: subprocess.Popen) -> bool:
    """Until the child says the write began (True) or ends without saying so."""
    while True:
        ready, _, _ = select.select([r], [], [], 30)
        if not ready:
            return False
        if os.read(r, 1) == b"W":
            return True
        return False  # closed: the child ended


def present(path: Path) -> list[str]:
    from model.store import Store

    return [i.text.split()[0] for i in Store(path).interactions() if i.text.startswith("k")]


def run(kills: int = 500, notes: int = 3000, seed_value: int | None = None, folder: Path | None = None,
        log=print) -> Result:
    rng = random.Random(seed_value)
    own = folder is None
    folder = Path(tempfile.mkdtemp(prefix="kizuna-kill-")) if own else folder
    path = folder / "data" / "kizuna.json"
    result = Result()
    try:
        seed(path, notes)
        # the write phase's length, from clean runs
        phases = []
        for n in range(5):
            proc, r = start(path, f"kwarm{n}")
            if wait_marker(r, proc):
                t = time.perf_counter()
                proc.wait()
                phases.append(time.perf_counter() - t)
            else:
                proc.wait()
            os.close(r)
            proc.communicate()
        write_s = sorted(phases)[len(phases) // 2]
        result.write_ms = write_s * 1000
        reported: set[str] = set()
        for n in range(kills):
            tag = f"k{n}"
            proc, r = start(path, tag)
            began = wait_marker(r, proc)
            if began:
                time.sleep(rng.uniform(0, write_s * 1.2))
            if proc.poll() is None:
                os.kill(proc.pid, signal.SIGKILL)
                result.in_write += began
            else:
                result.finished += 1
            out, err = proc.communicate()
            os.close(r)
            result.kills += 1
            if proc.returncode == 0 and b"saved:" in out:
                reported.add(tag)
            elif proc.returncode not in (0, -signal.SIGKILL):
                raise SystemExit(f"round {n}: kizuna note failed without being killed: {err.decode()}")
            saved = present(path)
            if len(saved) != len(set(saved)):
                result.duplicates += len(saved) - len(set(saved))
            missing = reported - set(saved)
            if missing:
                result.lost = len(missing)
                log(f"round {n}: reported saved but missing: {sorted(missing)} (seed {seed_value})")
                break
            if (n + 1) % 50 == 0:
                log(f"  {n + 1} kills, {len(reported)} reported saved, none lost")
        result.reported = len(reported)
        result.notes = len(present(path))
        # afterwards the store is whole: doctor finds nothing, the next note saves
        from model.store.recovery import diagnose

        proc, r = start(path, "kafter")
        out, err = proc.communicate()
        os.close(r)
        if proc.returncode != 0 or not diagnose(path).healthy:
            raise SystemExit(f"after the kills the store is not whole: {err.decode()}")
        aside = list(path.parent.glob("kizuna-backups/*set-aside*/*"))
        result.set_aside = len(aside)
        return result
    finally:
        if own:
            shutil.rmtree(folder, ignore_errors=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--kills", type=int, default=500)
    parser.add_argument("--notes", type=int, default=3000, help="notes in the store before the loop")
    parser.add_argument("--seed", type=int, default=None)
    args = parser.parse_args()
    seed_value = args.seed if args.seed is not None else random.randrange(10**6)
    print(f"seed {seed_value}")
    result = run(args.kills, args.notes, seed_value)
    print(result.line())
    return 1 if result.lost or result.duplicates else 0


if __name__ == "__main__":
    sys.exit(main())
