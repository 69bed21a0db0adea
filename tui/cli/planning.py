"""``kizuna today``, ``tier``, ``promise ...``, ``trust``, ``snooze``: planning from the shell."""

from __future__ import annotations

import argparse
from collections.abc import Set as AbstractSet
from datetime import date

from model.language.i18n import N_, _, date_long, days_late, ngettext, word
from model.records.privacy import masked_promise, promise_text, shown_text, store_secret_ids
from model.records import TIERS
from tui.cli import parse_date

_DATE_WORDS = N_("YYYY-MM-DD, today, tomorrow, a weekday, next week, eom, 12/3, +3d, +2w, +1m")


def _dated() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(add_help=False)
    p.add_argument("--date", type=parse_date, metavar="YYYY-MM-DD", default=argparse.SUPPRESS,
                   help=_("act as if today were this date"))
    return p


def _days(text: str) -> int:
    if not text.isdigit() or int(text) > 3660:
        raise argparse.ArgumentTypeError(_("{text!r} is not a number of days (0 to 3660)").format(text=text))
    return int(text)


def when(text: str, today: date) -> date:
    """A due date as typed (the capture grammar's date words, leaning forward)."""
    from model.capture import parse_due

    return parse_due(text, today)


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    dated = _dated()
    p = sub.add_parser("today", parents=[common, dated], help=_("what is due: promises, focus, cadence"),
                       description=_("The due list for today (or --date): my overdue promises, "
                                   "promises due today, theirs to chase, focus people without a "
                                   "deep conversation this month, people past their cadence, then "
                                   "what comes due in the next days."))
    p.add_argument("--days", type=_days, default=7, metavar="N",
                   help=_("how far ahead 'coming up' looks (default 7)"))
    p.add_argument("--json", action="store_true", help=_("print JSON for scripts"))
    p.set_defaults(func=cmd_today)

    p = sub.add_parser("tier", parents=[common, dated], help=_("move someone to another tier (caps apply)"),
                       description=_("Move a person to deep, active, network or archived. A full "
                                   "tier refuses, naming who could make room. Logged on the timeline."))
    p.add_argument("name", help=_("a name or reading"))
    p.add_argument("tier", choices=TIERS, help=_("the new tier"))
    p.add_argument("--reason", default="", help=_("why (kept on the timeline)"))
    p.add_argument("--json", action="store_true", help=_("print JSON for scripts"))
    p.set_defaults(func=cmd_tier)

    p = sub.add_parser("trust", parents=[common, dated], help=_("one person's trust balance, explained"),
                       description=_("The trust balance with a person and the entries behind it "
                                   "(promises kept, late, broken; help, intros, value shared), and "
                                   "their reliability as a separate figure."))
    p.add_argument("name", help=_("a name or reading"))
    p.add_argument("--json", action="store_true", help=_("print JSON for scripts"))
    p.add_argument("--include-confidential", action="store_true",
                   help=_("show the text of confidential notes and of the promises made in them"))
    p.set_defaults(func=cmd_trust)

    p = sub.add_parser("snooze", parents=[common, dated], help=_("put a follow-up or a promise off, with a reason"),
                       description=_("Take a person off the due list until a date (they come back "
                                   "then if still due), or with --promise move a promise's due date. "
                                   "Recorded on the timeline."))
    p.add_argument("name", help=_("a name or reading"))
    p.add_argument("until", nargs="?", help=_("until when: {words}").format(words=_(_DATE_WORDS)))
    p.add_argument("--reason", default="", help=_("why (required)"))
    p.add_argument("--promise", metavar="WORDS", help=_("snooze this open promise instead (words of its text)"))
    p.add_argument("--clear", action="store_true", help=_("end the person's snooze now"))
    p.set_defaults(func=cmd_snooze)

    p = sub.add_parser("promise", parents=[common], help=_("promises: add, keep, break, drop, reschedule, list"),
                       description=_("Promises mine and theirs. Pick one by the person's name and a "
                                   "few words of its text (or --id)."))
    psub = p.add_subparsers(dest="action", metavar="ACTION", parser_class=type(p), required=True)

    q = psub.add_parser("add", parents=[common, dated], help=_("record a promise (mine unless --theirs)"))
    q.add_argument("name", help=_("a name or reading"))
    q.add_argument("text", nargs="+", help=_("what was promised"))
    q.add_argument("--due", required=True, help=_(_DATE_WORDS))
    q.add_argument("--theirs", action="store_true", help=_("they promised it to me"))
    q.add_argument("--json", action="store_true", help=_("print JSON for scripts"))
    q.set_defaults(func=cmd_promise_add)

    for action, helptext in (("keep", _("mark a promise kept (late if after its original due date)")),
                             ("break", _("mark a promise broken")),
                             ("drop", _("drop a promise that no longer applies"))):
        q = psub.add_parser(action, parents=[common, dated], help=helptext)
        _pick_args(q)
        if action != "keep":
            q.add_argument("--reason", default="", help=_("why (kept on the timeline)"))
        q.set_defaults(func=cmd_promise_resolve, resolve=action)

    q = psub.add_parser("reschedule", parents=[common, dated], help=_("move a promise's due date (kept on record)"))
    _pick_args(q)
    q.add_argument("--to", required=True, metavar="DATE", help=_("the new due date: {words}").format(
        words=_(_DATE_WORDS)))
    q.add_argument("--reason", default="", help=_("why (kept in its history)"))
    q.set_defaults(func=cmd_promise_reschedule)

    q = psub.add_parser("list", parents=[common, dated], help=_("open promises by due date"))
    q.add_argument("name", nargs="?", help=_("only this person's"))
    q.add_argument("--all", action="store_true", help=_("include kept, broken and dropped ones"))
    who = q.add_mutually_exclusive_group()
    who.add_argument("--mine", action="store_true", help=_("only mine"))
    who.add_argument("--theirs", action="store_true", help=_("only theirs"))
    q.add_argument("--json", action="store_true", help=_("print JSON for scripts"))
    q.add_argument("--include-confidential", action="store_true",
                   help=_("show the text of promises made in confidential notes"))
    q.set_defaults(func=cmd_promise_list)


def _pick_args(q: argparse.ArgumentParser) -> None:
    q.add_argument("name", help=_("whose promise (a name or reading)"))
    q.add_argument("words", nargs="*", help=_("words of the promise's text (needed if there are several)"))
    q.add_argument("--id", help=_("the promise's id (or its start)"))
    q.add_argument("--json", action="store_true", help=_("print JSON for scripts"))


# -- helpers ---------------------------------------------------------------------


#: the trust entries' words (model.planning.trust.WEIGHTS keys), shown through ``_()``
TRUST_WORDS = (N_("kept on time"), N_("kept late"), N_("broken"), N_("dropped late"), N_("overdue"),
               N_("intro made"), N_("help given"), N_("value shared"), N_("help received"))


def _person(ctx, name: str):
    from model.language.names import resolve

    return resolve(ctx.store.contacts(), name)


def pick_promise(promises, words: list[str], ident: str | None, who: str):
    """The one open promise meant by words of its text, or an error listing the choices."""
    from model.errors import AmbiguousError, NotFoundError
    from model.language.names import fold

    if ident:
        found = [p for p in promises if p.id.startswith(ident.lower())]
        if not found:
            raise NotFoundError(_("no promise of or to {who} with id {ident}").format(who=who, ident=ident))
    else:
        found = [p for p in promises if p.status == "open"]
        wanted = [fold(w) for w in words]
        found = [p for p in found if all(w in fold(p.text) for w in wanted)]
        if not found:
            said = _(" matching {words!r}").format(words=" ".join(words)) if words else ""
            raise NotFoundError(_("no open promise of or to {who}{said} (see kizuna promise list)").format(
                who=who, said=said))
    if len(found) > 1:
        listed = "; ".join(_("{text!r} due {due}").format(text=p.text, due=p.due) for p in found[:6])
        more = _(" and {n} more").format(n=len(found) - 6) if len(found) > 6 else ""
        raise AmbiguousError(_("{who} has {n} open promises that fit: {listed}{more}; add words of the text "
                               "or use --id").format(who=who, n=len(found), listed=listed, more=more), found)
    return found[0]


def _promise_row(p, name: str, today: date, secret: AbstractSet[str] = frozenset()) -> tuple[str, ...]:
    whose = _("mine") if p.owner == "me" else _("theirs")
    state = word("status", p.status)
    if p.status == "open":
        due = date.fromisoformat(p.due)
        state = _("overdue") if due < today else _("today") if due == today else word("status", "open")
    elif p.status == "kept" and p.resolved and p.resolved > p.original_due:
        state = _("kept late")
    return (p.due, state, whose, name, shown_text(promise_text(p, secret)))


def _promise_json(p, name: str, secret: AbstractSet[str] = frozenset()) -> dict:
    return {**masked_promise(p, secret), "name": name}


# -- commands -------------------------------------------------------------------------


def cmd_today(ctx) -> int:
    from model.planning import Book
    from model.planning.caps import over_cap
    from model.planning.due import SECTION_TITLES, due_list, grouped

    today = ctx.today
    book = Book.from_store(ctx.store, full=False)
    items = due_list(book, today, horizon=ctx.args.days)
    crowded = over_cap(book)
    if ctx.args.json:
        from tui.cli.output import print_json

        print_json({"date": today.isoformat(), "items": [i.to_dict() for i in items],
                    "over_cap": {t: {"count": n, "cap": cap} for t, (n, cap) in crowded.items()}})
        return 0
    print(date_long(today))  # a tier over its cap is a due item
    now = sum(1 for i in items if i.section != "upcoming")
    days = ctx.args.days
    if not items and not book.contacts():
        print("\n" + _("No one here yet: kizuna note \"@+Name what happened\" adds someone, kizuna import "
                        "brings people in."))
        return 0
    if not items:
        print("\n" + ngettext("Nothing due, nothing coming up in the next {n} day. "
                              "A good day for a deep conversation.",
                              "Nothing due, nothing coming up in the next {n} days. "
                              "A good day for a deep conversation.", days).format(n=days))
        return 0
    print(_("{now} to handle today, {later} coming up").format(now=now, later=len(items) - now))
    for section, found in grouped(items):
        title = _(SECTION_TITLES[section])
        if section == "upcoming":
            title += ngettext(" (next {n} day)", " (next {n} days)", days).format(n=days)
        print(f"\n{title}")
        for item in found:
            print(f"  • {item.title}")
            print(f"      {item.detail}")
    return 0


def cmd_tier(ctx) -> int:
    from model.actions import set_tier
    from tui.cli.output import print_json

    person = _person(ctx, ctx.args.name)
    check = set_tier(ctx.store, person.id, ctx.args.tier, ctx.today, reason=ctx.args.reason)
    if ctx.args.json:
        print_json(check.to_dict())
    elif check.old_tier == ctx.args.tier:
        print(_("{name} is already in {tier}").format(name=person.name, tier=word("tier", ctx.args.tier)))
    else:
        moved = _("{name}: moved up from {old} to {tier}") if check.promotion else _("{name}: moved down from {old} to {tier}")
        print(moved.format(name=person.name, old=word("tier", check.old_tier), tier=word("tier", ctx.args.tier)))
    return 0


def cmd_trust(ctx) -> int:
    from model.planning import Book
    from model.planning.trust import WEIGHTS, trust
    from tui.cli.output import print_json, table

    person = _person(ctx, ctx.args.name)
    report = trust(Book.from_store(ctx.store), person.id, ctx.today, reveal=ctx.args.include_confidential)
    if ctx.args.json:
        print_json({**report.to_dict(), "name": person.name, "date": ctx.today.isoformat()})
        return 0
    print(_("Trust balance with {name}: {balance:+d}").format(name=person.name, balance=report.balance))
    if report.entries:
        rows = [(e.date.isoformat(), f"{e.weight:+d}", _(e.what), shown_text(e.text)) for e in report.entries]
        print("  " + table(rows, (_("date"), _("weight"), _("entry"), _("what"))).replace("\n", "\n  "))
    else:
        print(_("  no entries yet: keep a promise, make an intro, help, share something useful"))
    print(_("Their reliability: {summary}").format(summary=report.reliability.summary()))
    print(_("Given {given} (intros, help, value shared), received {received} (help)").format(
        given=report.given, received=report.received))
    print(_("Weights: ") + _(", ").join(f"{_(k)} {v:+d}" for k, v in WEIGHTS.items()))
    return 0


def cmd_snooze(ctx) -> int:
    from model.actions import snooze, unsnooze
    from model.errors import KizunaError

    person = _person(ctx, ctx.args.name)
    if ctx.args.clear:
        unsnooze(ctx.store, person.id, ctx.today)
        print(_("{name} is back on the due list").format(name=person.name))
        return 0
    if not ctx.args.until:
        raise KizunaError(_("say until when: kizuna snooze NAME DATE --reason WHY"))
    until = when(ctx.args.until, ctx.today)
    promise_id = None
    if ctx.args.promise is not None:
        promises = [p for p in ctx.store.promises() if p.contact == person.id]
        promise_id = pick_promise(promises, ctx.args.promise.split(), None, person.name).id
    result = snooze(ctx.store, person.id, until, ctx.today, ctx.args.reason, promise_id=promise_id)
    if promise_id:
        print(_("promise {text!r} now due {due} (first due {original_due})").format(
            text=result.text, due=result.due, original_due=result.original_due))
    else:
        print(_("{name} snoozed until {date}: {reason}").format(
            name=person.name, date=until.isoformat(), reason=ctx.args.reason.strip()))
    return 0


def cmd_promise_add(ctx) -> int:
    from model.actions import add_promise
    from tui.cli.output import print_json

    person = _person(ctx, ctx.args.name)
    due = when(ctx.args.due, ctx.today)
    owner = "them" if ctx.args.theirs else "me"
    p = add_promise(ctx.store, person.id, owner, " ".join(ctx.args.text), due, ctx.today)
    if ctx.args.json:
        print_json(_promise_json(p, person.name))
    elif owner == "me":
        print(_("promised {name}: {text} (due {due})").format(name=person.name, text=p.text, due=p.due))
    else:
        print(_("{name} promised: {text} (due {due})").format(name=person.name, text=p.text, due=p.due))
    return 0


def _chosen(ctx):
    person = _person(ctx, ctx.args.name)
    promises = [p for p in ctx.store.promises() if p.contact == person.id]
    return person, pick_promise(promises, ctx.args.words, ctx.args.id, person.name)


def cmd_promise_resolve(ctx) -> int:
    from model import actions
    from tui.cli.output import print_json

    person, p = _chosen(ctx)
    action = ctx.args.resolve
    if action == "keep":
        done = actions.keep_promise(ctx.store, p.id, ctx.today)
    elif action == "break":
        done = actions.break_promise(ctx.store, p.id, ctx.today, reason=ctx.args.reason)
    else:
        done = actions.drop_promise(ctx.store, p.id, ctx.today, reason=ctx.args.reason)
    if ctx.args.json:
        print_json(_promise_json(done, person.name))
        return 0
    late = ""
    if action == "keep":
        days = (ctx.today - date.fromisoformat(done.original_due)).days
        late = _(" ({late})").format(late=days_late(days)) if days > 0 else _(" (on time)")
    print(_("{status}: {text} ({name}){late}").format(
        status=word("status", done.status), text=done.text, name=person.name, late=late))
    return 0


def cmd_promise_reschedule(ctx) -> int:
    from model.actions import reschedule_promise
    from tui.cli.output import print_json

    person, p = _chosen(ctx)
    new_due = when(ctx.args.to, ctx.today)
    done = reschedule_promise(ctx.store, p.id, new_due, ctx.today, reason=ctx.args.reason)
    if ctx.args.json:
        print_json(_promise_json(done, person.name))
    else:
        print(_("rescheduled: {text} ({name}) now due {due}, first due {original_due}").format(
            text=done.text, name=person.name, due=done.due, original_due=done.original_due))
    return 0


def cmd_promise_list(ctx) -> int:
    from tui.cli.output import print_json, table

    store = ctx.store
    names = {c.id: c.name for c in store.contacts()}
    promises = store.promises()
    if ctx.args.name:
        person = _person(ctx, ctx.args.name)
        promises = [p for p in promises if p.contact == person.id]
    if not ctx.args.all:
        promises = [p for p in promises if p.status == "open"]
    if ctx.args.mine:
        promises = [p for p in promises if p.owner == "me"]
    elif ctx.args.theirs:
        promises = [p for p in promises if p.owner == "them"]
    promises.sort(key=lambda p: (p.due, p.owner != "me", names.get(p.contact, "")))
    secret = set() if ctx.args.include_confidential else store_secret_ids(store, promises)
    if ctx.args.json:
        print_json([_promise_json(p, names.get(p.contact, ""), secret) for p in promises])
        return 0
    if not promises:
        print(_("no open promises") if not ctx.args.all else _("no promises"))
        return 0
    rows = [_promise_row(p, names.get(p.contact, _("(deleted)")), ctx.today, secret) for p in promises]
    print(table(rows, (_("due"), _("state"), _("whose"), _("name"), _("promise"))))
    return 0
