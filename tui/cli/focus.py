"""``kizuna focus ...`` (the monthly focus plan) and ``kizuna diversity``."""

from __future__ import annotations

import argparse

from model.language.i18n import N_, _, word
from model.planning.month_days import month_title
from model.records import PURPOSES, RELATIONS

MONTH_HELP = N_("YYYY-MM, or this/next/last (default: this month)")


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "focus", parents=[common], help=_("this month's focus: plan, people, suggestions, review"),
        description=_("The monthly focus plan (A4, A9): the month's business challenge and purpose, "
                    "and a few people chosen for it, one per slot (default template: 1 same-industry, "
                    "2 cross-industry, 1 customer). With no action, shows this month's plan."))
    p.set_defaults(func=cmd_show, month=None, json=False)
    fsub = p.add_subparsers(dest="focus_command", metavar="ACTION", parser_class=type(p))

    def action(name: str, help: str, description: str, func, json: bool = True) -> argparse.ArgumentParser:
        a = fsub.add_parser(name, parents=[common], help=help, description=description)
        a.add_argument("--month", metavar="MONTH", help=_(MONTH_HELP))
        if json:
            a.add_argument("--json", action="store_true", help=_("print JSON for scripts"))
        a.set_defaults(func=func)
        return a

    action("show", _("the month's plan and each person's progress"), _("Show a month's plan: challenge, purpose, slots, and for each person whether the "
           "month's deep conversation happened and what promises are open."), cmd_show)

    a = action("plan", _("create a month's plan or change its challenge, purpose or slots"), _("Create the month's plan (slots from the focus template) or change it."), cmd_plan)
    a.add_argument("--challenge", metavar="TEXT", help=_("the month's business challenge"))
    a.add_argument("--purpose", choices=PURPOSES, metavar="PURPOSE",
                   help=_("what the month's focus serves: {values}").format(values=", ".join(PURPOSES)))
    a.add_argument("--slots", metavar="ROLE,ROLE,...",
                   help=_("the slots' roles, in order (roles: {values})").format(values=", ".join(RELATIONS)))

    a = action("add", _("put a person into a slot"), _("Put a person into the month's plan (created from the template if needed). "
               "Without --slot or --role they go to the empty slot that fits them best."), cmd_add)
    a.add_argument("name", help=_("a name or reading, or enough of one to be unique"))
    where = a.add_mutually_exclusive_group()
    where.add_argument("--slot", type=int, metavar="N", help=_("the slot number (1, 2, ...)"))
    where.add_argument("--role", choices=RELATIONS, metavar="ROLE", help=_("the first empty slot of this role"))
    a.add_argument("--intent", metavar="TEXT", help=_("what you want from this month with them"))
    a.add_argument("--replace", action="store_true", help=_("with --slot: replace whoever holds it"))
    a.add_argument("--anyway", action="store_true",
                   help=_("put them in even if they contradict the slot's role (focus show flags it)"))

    a = action("remove", _("empty a person's slot"), _("Take a person (or a slot's holder) out of the month's plan; the slot stays."), cmd_remove)
    a.add_argument("name", nargs="?", help=_("the person to take out"))
    a.add_argument("--slot", type=int, metavar="N", help=_("empty this slot instead"))

    a = action("suggest", _("ranked candidates for the empty slots, with reasons"), _("Rank people for an empty slot by fit with the month's purpose and the slot's role, "
               "diversity gained, time since the last deep conversation, and trust balance. "
               "Without --slot or --role: every empty slot."), cmd_suggest)
    where = a.add_mutually_exclusive_group()
    where.add_argument("--slot", type=int, metavar="N", help=_("suggest for this slot"))
    where.add_argument("--role", choices=RELATIONS, metavar="ROLE", help=_("suggest for a slot of this role"))
    a.add_argument("--purpose", choices=PURPOSES, metavar="PURPOSE",
                   help=_("score fit with this purpose instead of the plan's"))
    a.add_argument("--limit", type=int, metavar="K",
                   help=_("how many per slot (default 10 for one slot, 5 for each of several)"))

    a = action("review", _("the month looked back on: deep conversations, promises, notes"), _("Per focus person: deep conversation held or not in that month, promises kept, "
               "broken or still open, notes written. --note saves the month's review text."), cmd_review)
    a.add_argument("--note", metavar="TEXT", help=_("save this as the month's review text"))

    a = action("carry", _("carry people over into the next month"), _("Copy people's slot role and intent into the next month's plan (created if needed, "
               "with the same challenge and purpose). With no names: everyone whose deep "
               "conversation did not happen this month."), cmd_carry)
    a.add_argument("names", nargs="*", help=_("the people to carry over"))
    a.add_argument("--to", metavar="MONTH", help=_("the later month to carry into (default: the one after --month)"))
    a.add_argument("--all", action="store_true", help=_("carry everyone in the plan"))


# -- helpers ------------------------------------------------------------------


def month_arg(ctx, text: str | None = None) -> str:
    from model.planning.focus import parse_month

    value = text if text is not None else ctx.args.month
    return parse_month(value or "this", ctx.today)


def load_book(ctx):
    from model.planning.book import Book

    return Book.from_store(ctx.store)


def _person(ctx, name: str, first=()):
    """Resolve ``name``, trying the people in ``first`` (a plan's) before everyone."""
    from model.errors import NotFoundError
    from model.language.names import resolve

    people = list(first)
    if people:
        try:
            return resolve(people, name)
        except NotFoundError:
            pass
    return resolve(ctx.store.contacts(), name)


def _slot_index(plan, number: int | None) -> int | None:
    from model.errors import ValidationError

    if number is None:
        return None
    size = len(plan.slots) if plan else 0
    if number < 1 or (plan and number > size):
        raise ValidationError("slot", _("{number} is not a slot number (1 to {size})").format(
            number=number, size=size or _("the plan size")))
    return number - 1


def _plan_people(store, plan):
    from model.errors import NotFoundError

    if plan is None:
        return []
    found = []
    for slot in plan.slots:
        if slot.contact:
            try:
                found.append(store.contact(slot.contact))
            except NotFoundError:  # a deleted person: nothing to match
                pass
    return found


# -- focus show / plan / add / remove -------------------------------------------------


def _print_plan(ctx, month: str) -> int:
    from model.planning.focus import month_review
    from tui.cli.focus_print import print_plan

    print_plan(month_review(load_book(ctx), month, ctx.today), month, ctx.args.json)
    return 0


def cmd_show(ctx) -> int:
    return _print_plan(ctx, month_arg(ctx))


def cmd_plan(ctx) -> int:
    from model.actions.focus import plan_month

    month = month_arg(ctx)
    roles = None
    if ctx.args.slots is not None:
        roles = [r.strip() for r in ctx.args.slots.split(",") if r.strip()]
    existed = ctx.store.focus_plan(month) is not None
    plan_month(ctx.store, month, ctx.today, challenge=ctx.args.challenge,
               purpose=ctx.args.purpose, roles=roles)
    if not ctx.args.json:
        print((_("updated the focus plan for {month}") if existed else _("created the focus plan for {month}")).format(
            month=month))
    return _print_plan(ctx, month)


def cmd_add(ctx) -> int:
    from model.language.names import describe
    from model.actions.focus import set_slot
    from tui.cli.output import print_json

    month = month_arg(ctx)
    store = ctx.store
    existing = store.focus_plan(month)
    person = _person(ctx, ctx.args.name)
    index = _slot_index(existing, ctx.args.slot)
    plan, index = set_slot(store, month, person.id, ctx.today, slot=index, role=ctx.args.role,
                           intent=ctx.args.intent, replace=ctx.args.replace, misfit_ok=ctx.args.anyway)
    slot = plan.slots[index]
    if ctx.args.json:
        print_json({"month": month, "slot": index + 1, "role": slot.role,
                    "contact_id": person.id, "name": person.name, "intent": slot.intent})
        return 0
    intent = _(": {intent}").format(intent=slot.intent) if slot.intent else ""
    if existing is None:
        print(_("created the focus plan for {month} (purpose: other; kizuna focus plan --purpose "
                 "P to set it)").format(month=month))
    print(_("{person} is in slot {index} ({role}) of {month}{intent}").format(
        person=describe(person), index=index + 1, role=word("relation", slot.role), month=month, intent=intent))
    return 0


def cmd_remove(ctx) -> int:
    from model.errors import ValidationError
    from model.actions.focus import clear_slot
    from tui.cli.output import print_json

    month = month_arg(ctx)
    store = ctx.store
    plan = store.focus_plan(month)
    if (ctx.args.name is None) == (ctx.args.slot is None):
        raise ValidationError("remove", _("name a person or give --slot N (not both)"))
    if ctx.args.name is not None:
        person = _person(ctx, ctx.args.name, _plan_people(store, plan))
        plan, removed = clear_slot(store, month, ctx.today, contact_id=person.id)
    else:
        if plan is None:
            from model.errors import NotFoundError

            raise NotFoundError(_("no focus plan for {month}").format(month=month_title(month)))
        plan, removed = clear_slot(store, month, ctx.today, slot=_slot_index(plan, ctx.args.slot))
    name = store.contact(removed).name if removed else None
    if ctx.args.json:
        print_json({"month": month, "removed": removed, "name": name})
    elif removed:
        print(_("took {name} out of {month}'s plan").format(name=name, month=month_title(month)))
    else:
        print(_("slot {slot} of {month} was already empty").format(slot=ctx.args.slot, month=month_title(month)))
    return 0


# -- suggest ----------------------------------------------------------------------


def cmd_suggest(ctx) -> int:
    from model.planning.focus import suggest, trust_balances
    from tui.cli.output import print_json, table

    month = month_arg(ctx)
    book = load_book(ctx)
    plan = book.plan(month)
    roles = plan.slots if plan else None
    template = [s.role for s in plan.slots] if plan else list(book.settings.focus_template)
    if ctx.args.limit is not None and ctx.args.limit < 1:
        from model.errors import ValidationError

        raise ValidationError("limit", _("{limit} is not 1 or more").format(limit=ctx.args.limit))
    targets: list[tuple[int | None, str | None]]
    if ctx.args.slot is not None:
        index = _slot_index(plan, ctx.args.slot) if plan else None
        if plan is None:
            if not 1 <= ctx.args.slot <= len(template):
                from model.errors import ValidationError

                raise ValidationError("slot", _("{number} is not a slot number (1 to {size})").format(
                    number=ctx.args.slot, size=len(template)))
            index = ctx.args.slot - 1
        targets = [(index + 1, template[index])]
    elif ctx.args.role is not None:
        targets = [(None, ctx.args.role)]
    else:
        filled = {i for i, s in enumerate(roles or ()) if s.contact}
        targets = [(i + 1, role) for i, role in enumerate(template) if i not in filled]
    limit = ctx.args.limit or (10 if len(targets) == 1 else 5)
    balances = trust_balances(book, ctx.today)
    results = [(n, role, suggest(book, month, role, ctx.args.purpose, ctx.today, limit, balances=balances))
               for n, role in targets]
    if ctx.args.json:
        print_json({"month": month, "purpose": ctx.args.purpose or (plan.purpose if plan else None),
                    "slots": [{"slot": n, "role": role, "suggestions": [s.to_dict() for s in found]}
                              for n, role, found in results]})
        return 0
    if not targets:
        print(_("every slot of {month}'s plan is filled").format(month=month_title(month)))
        return 0
    first = True
    for n, role, found in results:
        if not first:
            print()
        first = False
        print((_("slot {n} ({role})") if n else _("a {role} slot")).format(n=n, role=word("relation", role)))
        if not found:
            print(_("  no one to suggest (everyone is in the plan or archived)"))
            continue
        rows = [(str(s.score), s.contact.name, "; ".join(s.reasons)) for s in found]
        print(table(rows, (_("score"), _("person"), _("why"))))
    return 0


# -- review / carry -----------------------------------------------------------------


def cmd_review(ctx) -> int:
    from model.actions.focus import save_review
    from model.planning.focus import month_review
    from tui.cli.focus_print import print_review

    month = month_arg(ctx)
    if ctx.args.note is not None:
        save_review(ctx.store, month, ctx.args.note, ctx.today)
    print_review(month_review(load_book(ctx), month, ctx.today), month, ctx.args.json)
    return 0


def cmd_carry(ctx) -> int:
    from model.errors import NotFoundError
    from model.actions.focus import carry_over
    from model.planning.focus import month_review, parse_month, shift_month
    from tui.cli.output import print_json

    month = month_arg(ctx)
    target = parse_month(ctx.args.to, ctx.today) if ctx.args.to else shift_month(month, 1)
    store = ctx.store
    plan = store.focus_plan(month)
    if plan is None:
        raise NotFoundError(_("no focus plan for {month} to carry over from").format(month=month_title(month)))
    if ctx.args.names:
        people = _plan_people(store, plan)
        ids = [_person(ctx, n, people).id for n in ctx.args.names]
    elif ctx.args.all:
        ids = [s.contact for s in plan.slots if s.contact]
    else:
        ids = [r.contact.id for r in month_review(load_book(ctx), month, ctx.today).carry_candidates]
    result = carry_over(store, month, target, ids, ctx.today)
    if ctx.args.json:
        print_json({"from": month, "to": target, "created": result.created and bool(result.carried),
                    "carried": [{"contact_id": c, "name": store.contact(c).name, "slot": n}
                                for c, n in result.carried],
                    "skipped": [{"contact_id": c, "name": store.contact(c).name, "why": why}
                                for c, why in result.skipped]})
        return 0
    if not ids:
        print(_("no one to carry over from {month}: every deep conversation happened (use --all "
                 "or names)").format(month=month))
        return 0
    if result.created and result.carried:
        print(_("created the focus plan for {month}").format(month=target))
    for cid, n in result.carried:
        print(_("carried {name} into slot {n} of {target}").format(
            name=store.contact(cid).name, n=n, target=target))
    for cid, why in result.skipped:
        print(_("skipped {name}: {why}").format(name=store.contact(cid).name, why=why))
    return 0
