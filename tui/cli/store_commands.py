"""``kizuna backups``, ``kizuna restore``, ``kizuna doctor``: the way back for a damaged store.

They work on the store's files (see :mod:`model.store.recovery`), so they run
even when the store cannot be opened; what they replace is kept aside in the
backups folder, never deleted.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from datetime import datetime
from pathlib import Path

from model.language.i18n import _

SHOWN_NOTES = 5
_CONTROLS = re.compile(r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "backups", parents=[common], help=_("list the daily backups of the store"),
        description=_("The store's daily backups (the day's first version, the last 7 days), newest "
                    "first: date, size, and how many people and notes each holds."))
    p.set_defaults(func=cmd_backups)

    p = sub.add_parser(
        "restore", parents=[common], help=_("put a backup back (the current store is kept aside)"),
        description=_("Put the backup of DATE back, atomically. The current store is kept in the "
                    "backups folder first (kizuna-before-restore-STAMP.json), never deleted. Says "
                    "what would be lost compared with now."))
    p.add_argument("date", metavar="DATE", help=_("the backup's date, YYYY-MM-DD (see kizuna backups), or "
                                                "the name of a store a restore kept aside, to take it back"))
    p.add_argument("--dry-run", action="store_true", help=_("say what would be lost; change nothing"))
    p.set_defaults(func=cmd_restore)

    p = sub.add_parser(
        "doctor", parents=[common], help=_("check the store; --repair recovers what it can"),
        description=_("Check the store file and every part file. For a damaged part, count its intact "
                    "lines and what the newest backup holds; --repair rebuilds it from both, and "
                    "puts back a missing part from a backup. Damaged files are kept in the backups "
                    "folder. Exits 1 when something is damaged and not repaired."))
    p.add_argument("--repair", action="store_true", help=_("recover what can be recovered"))
    p.set_defaults(func=cmd_doctor)


def store_path(ctx) -> Path:
    if getattr(ctx.args, "demo", False):
        return ctx.store.path
    from model.store import default_store_path, own_file

    path, _own = default_store_path(getattr(ctx.args, "db", None))
    path = Path(os.path.realpath(path)) if path.is_symlink() else path
    return own_file(path)  # in a synced folder: this machine's own file (see "Two laptops")


def shown(text: str, width: int = 60) -> str:
    text = _CONTROLS.sub(lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) < 0x100
                         else f"\\u{ord(m.group()):04x}", " ".join(text.split()))
    return text if len(text) <= width else text[:width - 1] + "…"


def _size(n: int) -> str:
    for unit in ("B", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n:,.0f} {unit}" if unit == "B" else f"{n:,.1f} {unit}"
        n /= 1024  # type: ignore[assignment]  # bytes, then KB as a float
    return str(n)


def _rel(path: Path, base: Path) -> str:
    try:
        return str(path.relative_to(base))
    except ValueError:
        return str(path)


def cmd_backups(ctx) -> int:
    from model.store import backups_dir, list_backups
    from tui.cli.output import table

    path = store_path(ctx)
    found = list_backups(path)
    if not found:
        print(f"no backups yet in {backups_dir(path)} (one is kept before the first write of each day)")
        return 0
    rows = [[b.day, _size(b.size), "-" if b.people is None else f"{b.people:,}",
             "-" if b.notes is None else f"{b.notes:,}", shown(b.problem, 100) if b.problem else "ok"]
            for b in found]
    print(table(rows, ["DATE", "SIZE", "PEOPLE", "NOTES", "STATE"]))
    print(f"in {backups_dir(path)}; put one back with: kizuna restore DATE --dry-run")
    return 0


def cmd_restore(ctx) -> int:
    from model.store import plan_restore, restore

    path = store_path(ctx)
    day = ctx.args.date
    plan = plan_restore(path, day) if ctx.args.dry_run else restore(path, day, datetime.now())
    b = plan.backup
    print(f"backup of {b.day}: {b.people:,} people, {b.notes:,} notes ({b.path})")
    if plan.current_problem:
        print(f"the current store cannot be read ({shown(plan.current_problem, 200)}); all of it is kept aside")
    else:
        lost = f"{plan.lost_people:,} people, {plan.lost_notes:,} notes, {plan.lost_promises:,} promises"
        print(f"{'would lose' if ctx.args.dry_run else 'lost'} compared with the current store: {lost}")
        if plan.newest_lost:
            print("  the newest notes that go:")
            for note in plan.newest_lost:
                who = ", ".join(plan.people_names.get(c, "?") for c in note.contacts)
                text = "[confidential]" if note.scope == "confidential" else shown(note.text)
                print(f"    {note.date}  {shown(who, 30)}: {text}")
        if plan.gained_notes:
            print(f"  and {plan.gained_notes:,} notes removed since come back")
    if ctx.args.dry_run:
        print("dry run: nothing was changed; the current store would be kept in the backups folder first")
    else:
        print(f"restored; the store as it was is kept in {plan.aside} (and its -parts folder)")
    return 0


def cmd_doctor(ctx) -> int:
    from model.store import diagnose, repair

    path = store_path(ctx)
    d = diagnose(path)
    base = path.parent
    if not path.exists() and not d.backups and not path.is_symlink():
        print(f"{path}: no store yet (the first note or import makes it)")
        return 0
    if d.healthy:
        print(f"{path}: ok: {d.people:,} people, {d.notes:,} notes, every part file reads; "
              f"{d.backups} backups")
        return 0
    if d.store_problem:
        print(shown(d.store_problem, 300))
        if d.restore_day:
            print(f"  can be recovered: the backup of {d.restore_day} (kizuna restore {d.restore_day} "
                  f"--dry-run says what it would lose)")
        else:
            print("  no backup can be read, so it cannot be recovered here")
    if d.table_problem:
        print(shown(d.table_problem, 300))
        print(f"  can be recovered: the newest file of each part in the parts folder "
              f"({len(d.parts)} of 16 found)")
    for r in d.parts if not d.table_problem else []:
        print(f"{_rel(path.parent / (path.stem + '-parts') / r.name, base)}: {shown(r.problem, 200)}")
        if r.whole_copy:
            print(f"  can be recovered whole: a copy is in {_rel(r.whole_copy, base)}")
            continue
        said = f"its header says {r.header_rows:,} notes; " if r.header_rows is not None else ""
        backup = (f"{len({x.id for x in r.from_backup} - {x.id for x in r.intact}):,} more from the backup of "
                  f"{r.backup_day}" if r.backup_day else "no backup holds this part")
        lost = f"; {r.unrecovered:,} cannot be recovered" if r.unrecovered else ""
        print(f"  can be recovered: {said}{len(r.intact):,} intact lines, {backup}{lost}")
    if not ctx.args.repair:
        print("run 'kizuna doctor --repair' to recover this (the damaged files are kept in the backups folder)")
        return 1
    if d.store_problem and not d.restore_day:
        return 1
    done = repair(path, datetime.now())
    if done.restored:
        print(f"repaired: restored the backup of {done.restored.backup.day}; the damaged store is kept in "
              f"{done.restored.aside}")
    else:
        print(f"repaired: {len(done.rebuilt)} part files; the damaged files are kept in {done.aside}")
    after = diagnose(path)
    if not after.healthy:
        print("still damaged after the repair; see 'kizuna doctor'", file=sys.stderr)
        return 1
    print(f"{path}: ok: {after.people:,} people, {after.notes:,} notes")
    return 0
