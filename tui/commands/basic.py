"""``kizuna note``, ``kizuna contacts``, ``kizuna show``."""

from __future__ import annotations

import argparse

from model.records import TIERS

TIER_ORDER = {t: i for i, t in enumerate(TIERS)}


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("note", parents=[common], help="capture a note from the shell",
                       description='Capture one line: kizuna note "@Tanaka lunch, talked hiring". '
                                   'A new @Name becomes a contact in the network tier.')
    p.add_argument("text", nargs="+", help="the line to capture (quote it)")
    p.set_defaults(func=cmd_note)

    p = sub.add_parser("contacts", parents=[common], help="list people, by tier then name",
                       description="List everyone (archived people only with --all).")
    p.add_argument("--tier", choices=TIERS, help="only this tier")
    p.add_argument("--all", action="store_true", help="include archived people")
    p.add_argument("--json", action="store_true", help="print JSON for scripts")
    p.set_defaults(func=cmd_contacts)

    p = sub.add_parser("show", parents=[common], help="one person: details, timeline, promises",
                       description="Show one person by name or reading (case- and width-insensitive).")
    p.add_argument("name", help="a name or reading, or enough of one to be unique")
    p.add_argument("--json", action="store_true", help="print JSON for scripts")
    p.set_defaults(func=cmd_show)


def cmd_note(ctx) -> int:
    from model.capture import save

    cap = save(ctx.store, " ".join(ctx.args.text), ctx.today)
    for person in cap.new_people:
        print(f"new contact {person.name} (network tier)")
    names = ", ".join(p.name for p in cap.people)
    print(f"saved {cap.when.isoformat()} with {names}: {cap.text}")
    return 0


def cmd_contacts(ctx) -> int:
    from model.names import sort_key
    from tui.commands.output import print_json, table

    people = ctx.store.contacts()
    if ctx.args.tier:
        people = [c for c in people if c.tier == ctx.args.tier]
    elif not ctx.args.all:
        people = [c for c in people if c.tier != "archived"]
    people.sort(key=lambda c: (TIER_ORDER[c.tier], sort_key(c)))
    if ctx.args.json:
        print_json([c.to_dict() for c in people])
        return 0
    if not people:
        print("no contacts yet: kizuna note \"@Name what happened\" adds one")
        return 0
    rows = [(c.tier, c.name, c.company, c.industry) for c in people]
    print(table(rows, ("tier", "name", "company", "industry")))
    return 0


def cmd_show(ctx) -> int:
    from model.names import resolve
    from tui.commands.output import print_json

    store = ctx.store
    person = resolve(store.contacts(), ctx.args.name)
    notes = sorted((i for i in store.interactions() if person.id in i.contacts),
                   key=lambda i: (i.date, i.created), reverse=True)
    promises = sorted((p for p in store.promises() if p.contact == person.id), key=lambda p: p.due)
    if ctx.args.json:
        print_json({"contact": person.to_dict(),
                    "interactions": [i.to_dict() for i in notes],
                    "promises": [p.to_dict() for p in promises]})
        return 0
    head = person.name + (f" ({person.reading})" if person.reading else "")
    print(head)
    for label, value in (("tier", person.tier), ("company", person.company), ("title", person.title),
                         ("industry", person.industry), ("function", person.function),
                         ("level", person.level), ("generation", person.generation),
                         ("relation", person.relation), ("purposes", ", ".join(person.purposes)),
                         ("stage", person.stage), ("next step", person.next_step),
                         ("email", ", ".join(person.emails)), ("phone", ", ".join(person.phones)),
                         ("how met", person.how_met), ("tags", " ".join("#" + t for t in person.tags))):
        if value:
            print(f"  {label:<10} {value}")
    if promises:
        print("promises")
        for p in promises:
            who = "I promised" if p.owner == "me" else "they promised"
            print(f"  {p.due}  {p.status:<7} {who}: {p.text}")
    print(f"timeline ({len(notes)})")
    for i in notes:
        text = "[confidential]" if i.scope == "confidential" else i.text
        print(f"  {i.date}  {i.kind:<12} {i.depth:<5}  {text}")
    return 0
