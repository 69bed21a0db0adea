"""``kizuna health``: how the network is doing, as readings and small Unicode charts."""

from __future__ import annotations

import argparse

from model.language.i18n import _
from tui.cli import parse_date


def _months(text: str) -> int:
    if not text.isdigit() or not 1 <= int(text) <= 12:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of months (1 to 12)")
    return int(text)


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "health", parents=[common], help=_("how the network is doing: rhythm, cadence, promises, trust, diversity"),
        description=_("A one-line reading and a small chart for each question: conversations by day "
                    "(a heatmap), deep and active people against their cadence, promises per quarter, "
                    "trust balances and their trend, and the diversity of the deep and active tiers "
                    "with the focus months that met the template. Charts fit the terminal; when the "
                    "output is not a terminal they are plain text (no colour)."))
    p.add_argument("--months", type=_months, default=12, metavar="N",
                   help=_("the period, in months up to today (1 to 12, default 12)"))
    p.add_argument("--date", type=parse_date, metavar="YYYY-MM-DD", default=argparse.SUPPRESS,
                   help=_("as if today were this date"))
    p.add_argument("--json", action="store_true", help=_("print the numbers behind every chart as JSON"))
    p.set_defaults(func=cmd_health)


def cmd_health(ctx) -> int:
    import os
    import shutil
    import sys

    from model.planning.book import Book
    from model.planning.health import health

    if getattr(ctx.args, "date", None):
        ctx.today = ctx.args.date
    book = Book.from_store(ctx.store, full=False)  # counts from the store's index: no 50,000 notes built
    report = health(book, ctx.today, ctx.args.months)
    if ctx.args.json:
        from tui.cli.output import print_json

        print_json(report.to_dict())
        return 0
    from tui.health_charts import report_lines

    tty = sys.stdout.isatty()
    width = shutil.get_terminal_size((80, 24)).columns if tty else 80
    width = max(40, min(width, 160))
    lines = report_lines(report, width)
    if not tty or "NO_COLOR" in os.environ:
        sys.stdout.write("\n".join(line.plain.rstrip() for line in lines) + "\n")
        return 0
    from rich.console import Console

    from tui.cli.streams import styled_stream

    console = Console(file=styled_stream(), width=width, highlight=False)  # charts fit; readings wrap at the width
    for line in lines:
        console.print(line)
    return 0
