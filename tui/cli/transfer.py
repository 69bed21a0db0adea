"""``kizuna import``, ``kizuna export``, ``kizuna merge``."""

from __future__ import annotations

import argparse
import re
import sys

from model.language.i18n import _

EXPORTS = {"json": "json", "vcard": "vcard", "vcf": "vcard", "ics": "ics", "ical": "ics",
           "icalendar": "ics", "markdown": "markdown", "md": "markdown"}
SHOWN = 15  # names listed per group unless --verbose


def _month(text: str) -> str:
    if not re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", text):
        raise argparse.ArgumentTypeError(f"{text!r} is not a month (YYYY-MM)")
    return text


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "import", parents=[common], help=_("bring people in: vCard, LinkedIn or Google CSV, Kizuna JSON"),
        description=_("Import people from a vCard file (2.1/3.0/4.0), LinkedIn's Connections.csv, a "
                    "Google Contacts CSV, or everything from a Kizuna JSON export. New people land in "
                    "the network tier; someone already there (same email, or same name and company) "
                    "is merged, never duplicated. All or nothing: a failed import changes nothing."))
    p.add_argument("file", help=_("the file to import"))
    p.add_argument("--format", choices=("vcard", "linkedin", "google", "json"),
                   help=_("the file's format (default: guessed from its name and first lines)"))
    p.add_argument("--dry-run", action="store_true",
                   help=_("show what would be added, merged and skipped; change nothing"))
    p.add_argument("-v", "--verbose", action="store_true", help=_("list every name, not the first few"))
    p.set_defaults(func=cmd_import)

    p = sub.add_parser(
        "export", parents=[common], help=_("take data out: JSON, vCard, iCalendar, Markdown"),
        description=_("json: everything (kizuna import reads it back); vcard: people as vCard 4.0; "
                    "ics: open promises and due follow-ups as calendar events with stable UIDs; "
                    "markdown: a month's focus plan and review. Confidential notes (and the text "
                    "of promises made in them) are left out unless --include-confidential; private "
                    "notes unless --include-private (or --include-confidential)."))
    p.add_argument("format", choices=sorted(EXPORTS), metavar="FORMAT",
                   help=_("json, vcard, ics or markdown"))
    p.add_argument("-o", "--output", metavar="FILE", help=_("write to FILE (default: standard output)"))
    p.add_argument("--month", type=_month, metavar="YYYY-MM",
                   help=_("the month for markdown (default: this month)"))
    p.add_argument("--include-confidential", action="store_true",
                   help=_("include notes marked confidential (and private ones)"))
    p.add_argument("--include-private", action="store_true", help=_("include notes marked private"))
    p.add_argument("--vcard-version", choices=("4.0", "3.0"), default="4.0",
                   help=_("vCard version (3.0 for address books that do not read 4.0)"))
    p.set_defaults(func=cmd_export)

    p = sub.add_parser(
        "merge", parents=[common], help=_("merge two records of one person"),
        description=_("Merge NAME into INTO_NAME: notes, promises and focus slots move over, blank "
                    "fields are filled, lists joined; NAME is removed; the merge is logged on "
                    "INTO_NAME's timeline."))
    p.add_argument("name", help=_("the person to merge away"))
    p.add_argument("into", metavar="INTO_NAME", help=_("the person to keep"))
    p.add_argument("--dry-run", action="store_true", help=_("show what would move; change nothing"))
    p.set_defaults(func=cmd_merge)


def _names(items: list[str], verbose: bool, sep: str = ", ") -> str:
    shown = items if verbose else items[:SHOWN]
    more = len(items) - len(shown)
    return sep.join(shown) + (f" and {more} more (--verbose lists them)" if more else "")


def _changed(before, after) -> str:
    fields = [k.replace("_", " ") for k, v in after.to_dict().items()
              if k not in ("updated",) and before.to_dict()[k] != v]
    return ", ".join(fields)


def cmd_import(ctx) -> int:
    from model.language.names import describe
    from model.transfer import apply_plan, plan_import

    args = ctx.args
    store = ctx.store
    plan = plan_import(store, args.file, args.format)
    if not args.dry_run:
        apply_plan(store, plan)
    verb = "would be" if args.dry_run else "were"
    print(f"{args.file} ({plan.fmt}): {plan.summary()}")
    if plan.added:
        print(f"  added ({len(plan.added)}): {_names([describe(c) for c in plan.added], args.verbose)}")
    if plan.unnamed:
        items = [f"{name} ({where})" for where, name in plan.unnamed]
        print(f"  no name in the file, named after their e-mail or phone ({len(items)}): "
              f"{_names(items, args.verbose)}")
    if plan.merged:
        items = [f"{a.name} (+ {_changed(a, b)})" for a, b in plan.merged]
        print(f"  merged ({len(plan.merged)}): {_names(items, args.verbose)}")
    if plan.records_replaced:
        items = [f"{new.table.rstrip('s')} {getattr(new, 'name', '') or new.id}" for _, new in plan.records_replaced]
        print(f"  replaced by a newer copy ({len(items)}): {_names(items, args.verbose)}")
    if plan.skipped:
        items = [f"{who}: {why}" for who, why in plan.skipped]
        print(f"  skipped ({len(plan.skipped)}): " + _names(items, args.verbose, "; "))
    for problem in plan.problems if args.verbose else plan.problems[:SHOWN]:
        print(f"  problem: {problem}")
    if len(plan.problems) > SHOWN and not args.verbose:
        print(f"  ... and {len(plan.problems) - SHOWN} more problems (--verbose lists them)")
    if args.dry_run:
        print(f"dry run: nothing was changed; these {verb} the changes. "
              f"Run without --dry-run to import.")
    return 0


def cmd_export(ctx) -> int:
    from pathlib import Path

    from model.transfer.export import export_data, write_export

    args = ctx.args
    kind = EXPORTS[args.format]
    data = export_data(ctx.store, kind, ctx.today, include_confidential=args.include_confidential,
                       month=args.month, vcard_version=args.vcard_version,
                       include_private=args.include_private)
    if not args.output or args.output == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return 0
    target = Path(args.output)
    write_export(target, data)
    print(f"wrote {target} ({kind}, {len(data):,} bytes)", file=sys.stderr)
    return 0


def cmd_merge(ctx) -> int:
    from model.language.names import resolve
    from model.transfer.merge import merge, plan_merge

    store = ctx.store
    people = store.contacts()
    drop = resolve(people, ctx.args.name)
    keep = resolve(people, ctx.args.into)
    if ctx.args.dry_run:
        plan = plan_merge(store, keep, drop)
        gained = _changed(plan.keep, plan.merged)
        print(f"would do: {plan.text}")
        print(f"  {keep.name} would gain: {gained or 'nothing new'}")
        print("dry run: nothing was changed")
        return 0
    result = merge(store, keep, drop, ctx.today)
    print(result.log.text)
    return 0
