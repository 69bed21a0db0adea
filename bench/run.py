"""Kizuna's benchmark: one command, a table, and ``bench/RESULTS.md``.

    python -m bench.run                 # both sizes, 5 runs each (under a minute)
    python -m bench.run --sizes tiny --runs 1 --no-write   # a smoke test

For each size it generates a store deterministically (:mod:`bench.generate`), then
times, as whole processes, ``kizuna note`` (one note with a promise, into a copy),
``kizuna today``, ``kizuna show`` (the person with the most notes), ``kizuna health`` and
``kizuna import`` of a 3,000-row LinkedIn CSV (into a fresh copy each run); and,
in a fresh process per run under ``App.run_test()`` (:mod:`bench.app_probe`), the
app's start until the main screen is ready, one filter keystroke, opening a
person's timeline, opening the health screen and saving a quick capture. Medians of every run are shown,
with the peak memory of each process (``ru_maxrss`` from ``wait4``) and the
store's size on disk. Targets apply to the large size (5,000 people / 50,000 notes).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from bench.generate import TODAY, write_linkedin
from model.store.parts import parts_dir

ROOT = Path(__file__).resolve().parent.parent
SIZES = {"tiny": (50, 500), "small": (500, 5_000), "large": (5_000, 50_000)}
IMPORT_ROWS = 3_000
MB = 1024 * 1024

# (key, label, target, unit): targets are for the large size
ROWS = [
    ("note", "`kizuna note` (whole process)", 0.3, "s"),
    ("today", "`kizuna today` (whole process)", 0.3, "s"),
    ("today_ja", "… in Japanese (`KIZUNA_LANG=ja`): more than in English", 0.020, "s"),
    ("show", "`kizuna show NAME` (whole process)", 0.3, "s"),
    ("health", "`kizuna health` (whole process)", 0.5, "s"),
    ("import", f"`kizuna import` {IMPORT_ROWS:,} LinkedIn rows (whole process)", 3.0, "s"),
    ("search_cli", "`kizuna search WORD` (whole process)", 0.3, "s"),
    ("edit", "`kizuna note edit ID --text` (whole process)", 0.3, "s"),
    ("delete", "`kizuna note delete ID` (whole process)", 0.3, "s"),
    ("undo", "`kizuna undo` of that deletion (whole process)", None, "s"),
    ("ready", "app start until the main screen is ready", 1.0, "s"),
    ("ready_ja", "… in Japanese: more than in English (paired starts)", 0.020, "s"),
    ("filter", "one filter keystroke in the contact list", 0.016, "s"),
    ("open", "opening a person's timeline", 0.016, "s"),
    ("filter_80x24", "… a filter keystroke at 80x24", 0.016, "s"),
    ("open_80x24", "… a cursor move (the next timeline) at 80x24", 0.016, "s"),
    ("filter_100x30", "… a filter keystroke at 100x30", 0.016, "s"),
    ("open_100x30", "… a cursor move (the next timeline) at 100x30", 0.016, "s"),
    ("filter_200x60", "… a filter keystroke at 200x60", 0.016, "s"),
    ("open_200x60", "… a cursor move (the next timeline) at 200x60", 0.016, "s"),
    ("tab", "Tab to the next pane", 0.016, "s"),
    ("resize", "a resize until the main screen is laid out again", 0.050, "s"),
    ("health_open", "opening the health screen until its charts are drawn", 0.15, "s"),
    ("search", "one search keystroke in the app (s), until drawn", 0.016, "s"),
    ("search_index", "… building the search index first (in a worker)", None, "s"),
    ("capture", "saving a quick capture from the app", 0.1, "s"),
    ("capture_shown", "… until the main screen shows the new snapshot", None, "s"),
    ("capture_block", "longest screen stall from Enter until then", 0.016, "s"),
    ("capture_block_worst", "… the worst of every save measured", None, "s"),
    ("app_rss", "app peak memory", 250 * MB, "B"),
    ("note_rss", "`kizuna note` peak memory", None, "B"),
    ("today_rss", "`kizuna today` peak memory", None, "B"),
    ("show_rss", "`kizuna show` peak memory", None, "B"),
    ("import_rss", "`kizuna import` peak memory", None, "B"),
    ("disk", "store size on disk (file + parts)", None, "B"),
    ("sync_merge", "merging a conflict copy of the whole store (`kizuna show`, once)", 2.0, "s"),
    ("sync_migrate", "first command on a synced folder: the old store merged into this device's", 2.0, "s"),
    ("sync_show", "`kizuna show NAME` in a synced folder, nothing to merge", 0.3, "s"),
    ("sync_note", "`kizuna note` in a synced folder, nothing to merge", 0.3, "s"),
]


def kizuna_command() -> list[str]:
    script = Path(sys.executable).with_name("kizuna")
    return [str(script)] if script.exists() else [sys.executable, "-m", "tui"]


PYCACHE: Path | None = None


def child_env() -> dict[str, str]:
    """The children's environment: bytecode cached (as for any installed program), outside the tree."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, (str(ROOT), env.get("PYTHONPATH"))))
    env.pop("KIZUNA_DB", None)
    env["KIZUNA_LANG"] = "en"  # whatever the harness's locale; the Japanese rows ask for ja
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    if PYCACHE is not None:
        env["PYTHONPYCACHEPREFIX"] = str(PYCACHE)
    return env


def timed(argv: list[str], cwd: Path, env: dict[str, str] | None = None) -> tuple[float, int, str]:
    """Run a whole process: its wall time, peak memory (bytes, from ``wait4``: this child's own) and stdout.

    The CPU time it used (user + system) is kept in :data:`LAST_CPU`: on a busy
    machine the wall time includes waiting for a core, the CPU time does not.
    """
    global LAST_CPU
    start = time.perf_counter()
    proc = subprocess.Popen(argv, cwd=cwd, env={**child_env(), **(env or {})}, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    # read both pipes fully before reaping (outputs are small; a big one would need threads)
    out = proc.stdout.read()  # type: ignore[union-attr]
    err = proc.stderr.read()  # type: ignore[union-attr]
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    LAST_CPU = usage.ru_utime + usage.ru_stime
    proc.returncode = code = os.waitstatus_to_exitcode(status)
    proc.stdout.close()  # type: ignore[union-attr]
    proc.stderr.close()  # type: ignore[union-attr]
    if code != 0:
        raise SystemExit(f"benchmark step failed ({code}): {' '.join(argv)}\n{err.decode(errors='replace')}")
    return wall, usage.ru_maxrss * 1024, out.decode()


LAST_CPU = 0.0
JAPANESE = {"KIZUNA_LANG": "ja"}


def copy_store(src: Path, dst: Path) -> Path:
    """A working copy of a store (its file and its parts), replacing any at ``dst``."""
    shutil.rmtree(dst.parent, ignore_errors=True)
    dst.parent.mkdir(parents=True)
    shutil.copy2(src, dst)
    if parts_dir(src).exists():
        shutil.copytree(parts_dir(src), parts_dir(dst))
    return dst


def disk_size(path: Path) -> int:
    total = path.stat().st_size
    if parts_dir(path).exists():
        total += sum(p.stat().st_size for p in parts_dir(path).iterdir())
    return total


def has_command(name: str, cwd: Path) -> bool:
    done = subprocess.run([*kizuna_command(), name, "--help"], cwd=cwd, env=child_env(), capture_output=True)
    return done.returncode == 0


@dataclass
class SizeResult:
    people: int
    interactions: int
    samples: dict[str, list[float]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    def add(self, key: str, value: float) -> None:
        self.samples.setdefault(key, []).append(value)

    def median(self, key: str) -> float | None:
        values = self.samples.get(key)
        if not values:
            return None
        return max(values) if key.endswith("_worst") else statistics.median(values)


def measure_sync(name: str, base: Path, person: str, work: Path, runs: int, result: SizeResult, log) -> None:
    """Two laptops: a conflict copy merged, the old store moved to device files, then commands."""
    k = kizuna_command()
    day = ["--date", TODAY.isoformat()]
    folder = work / name / "sync" / "kizuna.json"
    other = copy_store(base, work / name / "sync-other" / "kizuna.json")
    timed([*k, "--db", str(other), *day, "note", f'@"{person}" written on the other laptop'], work)
    copy_store(base, folder)
    conflict = folder.with_name("kizuna.sync-conflict-20261205-120000-BENCH77.json")
    shutil.copy2(other, conflict)  # the other laptop's version, and its new part files
    for part in parts_dir(other).iterdir():
        if not (parts_dir(folder) / part.name).exists():
            shutil.copy2(part, parts_dir(folder) / part.name)
    wall, _, out = timed([*k, "--db", str(folder), *day, "show", person], work)
    if conflict.exists() or "written on the other laptop" not in out:
        raise SystemExit("benchmark: the conflict copy was not merged")
    result.add("sync_merge", wall)
    result.add("sync_merge_cpu", LAST_CPU)
    env = {"KIZUNA_SYNC": "1", "KIZUNA_DEVICE": "BENCH"}
    wall, _, out = timed([*k, "--db", str(folder), *day, "show", person], work, env)
    result.add("sync_migrate", wall)
    result.add("sync_migrate_cpu", LAST_CPU)
    for i in range(runs):
        result.add("sync_show", timed([*k, "--db", str(folder), *day, "show", person], work, env)[0])
        result.add("sync_show_cpu", LAST_CPU)
        result.add("sync_note", timed([*k, "--db", str(folder), *day, "note", f'@"{person}" synced {i}'],
                                      work, env)[0])
        result.add("sync_note_cpu", LAST_CPU)
    log(f"{name}: sync merge {result.median('sync_merge'):.3f} s, migrate {result.median('sync_migrate'):.3f} s, "
        f"show {result.median('sync_show'):.3f} s, note {result.median('sync_note'):.3f} s")


SYNC_ONLY = False


def measure_size(name: str, work: Path, runs: int, app_runs: int, log) -> SizeResult:
    people, notes = SIZES[name]
    result = SizeResult(people, notes)
    base = work / name / "store" / "kizuna.json"
    base.parent.mkdir(parents=True, exist_ok=True)
    t = time.perf_counter()
    # in child processes: a child forked from a big harness would report the harness's memory as its peak
    gen = [sys.executable, "-m", "bench.generate"]
    subprocess.run([*gen, "store", str(people), str(notes), str(base)], cwd=ROOT, env=child_env(),
                   check=True, capture_output=True)
    person = subprocess.run([*gen, "busiest", str(base)], cwd=ROOT, env=child_env(), check=True,
                            capture_output=True, text=True).stdout.strip()
    log(f"{name}: generated {people:,} people / {notes:,} notes in {time.perf_counter() - t:.1f} s; "
        f"timing with {person}")
    result.add("disk", disk_size(base))
    linkedin = write_linkedin(work / "Connections.csv", IMPORT_ROWS)
    k = kizuna_command()
    day = ["--date", TODAY.isoformat()]
    cwd = work

    # warm up: the first run of a program writes its bytecode cache; not timed
    timed([*k, "--db", str(base), *day, "show", person], cwd)
    measure_sync(name, base, person, work, runs, result, log)
    if SYNC_ONLY:
        return result
    note_copy = copy_store(base, work / name / "note" / "kizuna.json")
    for i in range(runs):
        wall, rss, _ = timed([*k, "--db", str(note_copy), *day, "note",
                              f'@"{person}" lunch, promised to send the deck by fri #bench {i}'], cwd)
        result.add("note", wall)
        result.add("note_cpu", LAST_CPU)
        result.add("note_rss", rss)
    log(f"{name}: note {result.median('note'):.3f} s")

    if has_command("today", cwd):
        for run in range(runs):
            # English and Japanese paired, each first in half the pairs (as for the app's start)
            walls, cpus = {}, {}
            for lang in (("en", "ja") if run % 2 == 0 else ("ja", "en")):
                walls[lang], rss, _ = timed([*k, "--db", str(base), *day, "today"], cwd,
                                            JAPANESE if lang == "ja" else None)
                cpus[lang] = LAST_CPU
                if lang == "en":
                    result.add("today_rss", rss)
            result.add("today", walls["en"])
            result.add("today_cpu", cpus["en"])
            result.add("today_ja", walls["ja"] - walls["en"])
            result.add("today_ja_cpu", cpus["ja"] - cpus["en"])
        log(f"{name}: today {result.median('today'):.3f} s, Japanese {result.median('today_ja') * 1000:+.1f} ms")
    else:
        result.notes.append("`kizuna today` is not there yet")

    for _ in range(runs):
        wall, rss, out = timed([*k, "--db", str(base), *day, "show", person], cwd)
        result.add("show", wall)
        result.add("show_cpu", LAST_CPU)
        result.add("show_rss", rss)
    log(f"{name}: show {result.median('show'):.3f} s ({out.count(chr(10))} lines)")

    if has_command("health", cwd):
        for _ in range(runs):
            wall, rss, out = timed([*k, "--db", str(base), *day, "health"], cwd)
            result.add("health", wall)
            result.add("health_cpu", LAST_CPU)
        log(f"{name}: health {result.median('health'):.3f} s ({out.count(chr(10))} lines)")
    else:
        result.notes.append("`kizuna health` is not there yet")

    if has_command("import", cwd):
        for _ in range(max(1, min(runs, 3))):
            copy = copy_store(base, work / name / "import" / "kizuna.json")
            wall, rss, _ = timed([*k, "--db", str(copy), *day, "import", "--format", "linkedin", str(linkedin)], cwd)
            result.add("import", wall)
            result.add("import_cpu", LAST_CPU)
            result.add("import_rss", rss)
        log(f"{name}: import {result.median('import'):.3f} s")
    else:
        result.notes.append("`kizuna import` is not there yet")

    if has_command("search", cwd):
        for word in ("deck", "onboarding", "価格"):
            wall, _rss, _ = timed([*k, "--db", str(base), *day, "search", word], cwd)
            result.add("search_cli", wall)
            result.add("search_cli_cpu", LAST_CPU)
        log(f"{name}: search {result.median('search_cli'):.3f} s")
        found = subprocess.run([*k, "--db", str(base), *day, "search", "--json", "--limit", "200", "kind:call"],
                               cwd=cwd, env=child_env(), capture_output=True, text=True, check=True)
        ids = [h["id"] for h in json.loads(found.stdout) if h["type"] == "note"]
        copy = copy_store(base, work / name / "edit" / "kizuna.json")
        for i in range(runs):
            note_id = ids[i % len(ids)]
            wall, _rss, _ = timed([*k, "--db", str(copy), *day, "note", "edit", note_id, "--text", f"fixed {i}"], cwd)
            result.add("edit", wall)
            result.add("edit_cpu", LAST_CPU)
            wall, _rss, _ = timed([*k, "--db", str(copy), *day, "note", "delete", note_id], cwd)
            result.add("delete", wall)
            result.add("delete_cpu", LAST_CPU)
            wall, _rss, _ = timed([*k, "--db", str(copy), *day, "undo"], cwd)
            result.add("undo", wall)
            result.add("undo_cpu", LAST_CPU)
        log(f"{name}: edit {result.median('edit'):.3f} s, delete {result.median('delete'):.3f} s")
    else:
        result.notes.append("`kizuna search` is not there yet")

    probe = Path(__file__).with_name("app_probe.py")
    for run in range(app_runs + 1):  # the first run (writing bytecode caches) is not counted
        copy = copy_store(base, work / name / "app" / "kizuna.json")
        argv = [sys.executable, str(probe), str(copy), person, TODAY.isoformat(), repr(time.time())]
        wall, rss, out = timed(argv, cwd)
        if run == 0:
            continue
        data = json.loads(out.strip().splitlines()[-1])
        for key in ("ready", "filter", "open", "search", "search_cpu", "search_index", "capture", "capture_shown",
                    "capture_block", "capture_block_worst", "ready_cpu", "filter_cpu", "open_cpu", "capture_cpu",
                    "tab", "tab_cpu", "resize", "resize_cpu", "health_open", "health_open_cpu",
                    *(f"{what}_{size}{cpu}" for what in ("filter", "open") for size in ("80x24", "100x30", "200x60")
                      for cpu in ("", "_cpu"))):
            if key in data:
                result.add(key, data[key])
        result.add("app_rss", rss)
    # start-ups only, English and Japanese, paired; each language goes first in half the
    # pairs, so whatever the first start of a pair leaves behind (caches) cancels out
    for pair in range(2 * app_runs):
        copy = copy_store(base, work / name / "app" / "kizuna.json")
        starts = {}
        for lang in (("en", "ja") if pair % 2 == 0 else ("ja", "en")):
            argv = [sys.executable, str(probe), str(copy), person, TODAY.isoformat(), repr(time.time()), "ready"]
            env = JAPANESE if lang == "ja" else {}
            starts[lang] = json.loads(timed(argv, cwd, env)[2].strip().splitlines()[-1])
            if starts[lang].get("language") != lang:
                raise SystemExit(f"benchmark: the app started in {starts[lang].get('language')!r}, not {lang!r}")
        result.add("ready_ja", starts["ja"]["ready"] - starts["en"]["ready"])
        result.add("ready_ja_cpu", starts["ja"]["ready_cpu"] - starts["en"]["ready_cpu"])
    log(f"{name}: app ready {result.median('ready'):.3f} s (Japanese {result.median('ready_ja') * 1000:+.1f} ms)")
    log(f"{name}: app, filter {result.median('filter') * 1000:.1f} ms, "
        f"open {result.median('open') * 1000:.1f} ms, "
        f"health {(result.median('health_open') or 0) * 1000:.1f} ms, capture {result.median('capture') * 1000:.0f} ms, "
        f"tab {(result.median('tab') or 0) * 1000:.1f} ms, resize {(result.median('resize') or 0) * 1000:.1f} ms")
    return result


def fmt(value: float | None, unit: str) -> str:
    if value is None:
        return "—"
    if unit == "B":
        return f"{value / MB:.0f} MB"
    if value < 0.1:
        return f"{value * 1000:.1f} ms"
    return f"{value:.3f} s"


def machine() -> list[str]:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                memory = f", {int(line.split()[1]) / 1024 / 1024:.1f} GB RAM"
    except OSError:
        pass
    load = ", load average %.2f %.2f %.2f at the start" % os.getloadavg() if hasattr(os, "getloadavg") else ""
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True)
    return [
        f"- machine: {cpu}, {os.cpu_count()} cores{memory}{load}",
        f"- system: {platform.platform()}; Python {platform.python_version()}",
        f"- commit: {commit.stdout.strip() or 'unknown'} (plus any uncommitted changes); "
        f"run at {datetime.now(timezone.utc).strftime('%Y-%m-%d %H:%M UTC')}",
    ]


def table(results: dict[str, SizeResult], runs: int, app_runs: int) -> tuple[str, bool]:
    names = list(results)
    head = ["what"] + [f"{n} ({results[n].people:,} / {results[n].interactions:,})" for n in names]
    head += ["target (large)", "met"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    all_met = True
    for key, label, target, unit in ROWS:
        values = [results[n].median(key) for n in names]
        if all(v is None for v in values):
            continue
        big = results["large"].median(key) if "large" in results else None
        if target is None:
            met = ""
        elif big is None:
            met = "not measured" if "large" in results else ""
        else:
            ok = big < target
            all_met &= ok
            met = "yes" if ok else "**no**"
        shown_target = "" if target is None else ("< " + fmt(target, unit))
        cells = []
        for n, v in zip(names, values):
            cpu = results[n].median(key + "_cpu")
            cells.append(fmt(v, unit) + (f" (CPU {fmt(cpu, unit)})" if cpu is not None else ""))
        lines.append("| " + " | ".join([label] + cells + [shown_target, met]) + " |")
    return "\n".join(lines), all_met


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="small,large", help="comma-separated: tiny, small, large")
    parser.add_argument("--runs", type=int, default=5, help="runs of each command (median shown)")
    parser.add_argument("--app-runs", type=int, default=3, help="fresh app processes per size")
    parser.add_argument("--out", default=str(ROOT / "bench" / "RESULTS.md"), help="where to write the table")
    parser.add_argument("--no-write", action="store_true", help="print the table only")
    parser.add_argument("--keep", metavar="DIR", help="work in DIR and keep the stores (default: a temp dir)")
    parser.add_argument("--nice", type=int, metavar="N", help="run the benchmark (and its children) at this "
                        "scheduling priority, e.g. -10 (needs the right to raise priority) so that other work "
                        "on a shared machine disturbs the timings less; said in the results")
    parser.add_argument("--sync-only", action="store_true", help="only the two-laptop rows (sync_*)")
    args = parser.parse_args(argv)
    sizes = [s.strip() for s in args.sizes.split(",") if s.strip()]
    for s in sizes:
        if s not in SIZES:
            parser.error(f"unknown size {s!r} (choose from {', '.join(SIZES)})")

    def log(msg: str) -> None:
        print(msg, file=sys.stderr, flush=True)

    global PYCACHE, SYNC_ONLY
    SYNC_ONLY = args.sync_only
    if args.nice is not None:
        os.setpriority(os.PRIO_PROCESS, 0, args.nice)
    header = machine()
    if args.nice is not None:
        header.append(f"- run at scheduling priority (nice) {os.getpriority(os.PRIO_PROCESS, 0)}, "
                      "so that other work sharing the machine disturbs the timings less")
    work = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="kizuna-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    PYCACHE = work / "pycache"
    try:
        results = {s: measure_size(s, work, args.runs, args.app_runs, log) for s in sizes}
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    text, all_met = table(results, args.runs, args.app_runs)
    notes = [n for r in results.values() for n in r.notes]
    report = "\n".join([
        "# Kizuna benchmark results",
        "",
        "Produced by `python -m bench.run` (see the README's Benchmark section). Medians of "
        f"{args.runs} runs per command and {args.app_runs} fresh app processes per size; "
        f"commands run with `--date {TODAY.isoformat()}` on generated stores (`bench/generate.py`).",
        "",
        *header,
        "",
        text,
        "",
        "Wall times are medians; the CPU time (user + system) of the same runs is shown beside "
        "the whole-process ones: when other work shares the machine, the wall time also holds "
        "the time spent waiting for a core. Load average at the end: %.2f %.2f %.2f." % os.getloadavg(),
        "",
        *(f"- note: {n}" for n in dict.fromkeys(notes)),
        "",
    ])
    analysis = ROOT / "bench" / "NOTES.md"  # hand-written: what was done, what is missed and why
    if analysis.exists():
        report += "\n" + analysis.read_text(encoding="utf-8")
    print(report)
    if not args.no_write:
        Path(args.out).write_text(report, encoding="utf-8")
        log(f"wrote {args.out}")
    return 0 if all_met or "large" not in results else 1


if __name__ == "__main__":
    raise SystemExit(main())
