"""``kizuna diversity``: how diverse a tier or a month's focus is (A5)."""

from __future__ import annotations

import argparse

from model.language.i18n import _, ngettext, pgettext, word, value as shown_value
from model.planning.month_days import month_title
from model.records import TIERS
from tui.cli.focus import MONTH_HELP, load_book, month_arg


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "diversity", parents=[common], help=_("how diverse a tier or the month's focus is"),
        description=_("The spread over industry, function, level and generation, the share outside "
                    "your own industry, and warnings for a lopsided set (A5). Unknown values count "
                    "as unknown, never as variety. Without TIER: the deep tier, the active tier and "
                    "this month's focus."))
    p.add_argument("tier", nargs="?", choices=(*TIERS, "focus", "all"), metavar="TIER",
                   help=_("one of {tiers}, focus (the month's plan) or all (not archived)").format(
                       tiers=", ".join(TIERS)))
    p.add_argument("--month", metavar="MONTH", help=_("for focus: {month}").format(month=_(MONTH_HELP)))
    p.add_argument("--own-industry", metavar="TEXT",
                   help=_("save your own industry (the setting the share outside it is measured "
                        "against; \"\" clears it), then report"))
    p.add_argument("--json", action="store_true", help=_("print JSON for scripts"))
    p.set_defaults(func=cmd_diversity)


def _groups(ctx, book) -> list[tuple[str, str, list]]:
    tier = ctx.args.tier
    month = month_arg(ctx)
    focus = ("focus", _("people in {month}'s focus").format(month=month_title(month)),
             [book.contact(c) for c in book.focus_ids(month)])
    if tier is None:
        return [("deep", _("deep relationships"), book.in_tier("deep")),
                ("active", _("active relationships"), book.in_tier("active")), focus]
    if tier == "focus":
        return [focus]
    if tier == "all":
        return [("all", pgettext("group", "people"), [c for c in book.contacts() if c.tier != "archived"])]
    label = (_("{tier} relationships") if tier in ("deep", "active") else _("people in {tier}")).format(
        tier=word("tier", tier))
    return [(tier, label, book.in_tier(tier))]


def cmd_diversity(ctx) -> int:
    from model.planning.diversity import DIMENSIONS, OWN_NOT_SET, diversity
    from tui.cli.output import print_json, table

    if ctx.args.own_industry is not None:
        import dataclasses

        store = ctx.store
        with store.transaction():
            settings = dataclasses.replace(store.settings(),
                                           own_industry=" ".join(ctx.args.own_industry.split()))
            store.save_settings(settings)
        if not ctx.args.json:
            print(_("your own industry: {industry}").format(industry=settings.own_industry or _("(not set)")))
    book = load_book(ctx)
    groups = [(g, label, diversity(people, book.settings, label))
              for g, label, people in _groups(ctx, book)]
    if ctx.args.json:
        print_json([{"group": g, "label": label, **report.to_dict()} for g, label, report in groups])
        return 0
    first = True
    hinted = False
    for g, label, report in groups:
        if not first:
            print()
        first = False
        if not report.size:
            print(_("{label}: no one").format(label=label))
            continue
        line = _("{label}: {size}").format(label=label, size=report.size)
        if report.outside_share is not None:
            line += _(", {outside} outside your industry ({industry}): {share}").format(
                outside=report.outside, industry=report.own_industry, share=f"{report.outside_share:.0%}")
        print(line)
        rows = []
        for d in DIMENSIONS:
            s = report.spread[d]
            values = ", ".join(f"{shown_value(d, v)} {n}" for v, n in s.counts.items())
            blank = ngettext("not recorded for {n} person", "not recorded for {n} people",
                             s.unknown).format(n=s.unknown)
            if not s.counts:
                rows.append((_(d), "-", _("{blank} (nothing to measure)").format(blank=blank)))
                continue
            rows.append((_(d), f"{s.evenness:.2f}", f"{values}; {blank}" if s.unknown else values))
        print(table(rows, (_("dimension"), _("evenness"), _("values"))))
        print(_("(evenness: 0 = all the same, 1 = all different)"))
        for w in report.warnings:
            if w == _(OWN_NOT_SET):
                if hinted:
                    continue
                hinted = True
            print(f"! {w}")
    return 0
