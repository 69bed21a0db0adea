"""``kizuna note``, ``kizuna contacts``, ``kizuna show``."""

from __future__ import annotations

import argparse

from model.language.i18n import N_, _, ngettext, word, value as shown_value
from model.records import TIERS

TIER_ORDER = {t: i for i, t in enumerate(TIERS)}

#: ``kizuna note --help``: the capture grammar (README "Quick capture grammar" has more)
NOTE_GRAMMAR = N_("""\
the line:
  @Name  @"Sato Ken"  @佐藤      people (name or reading; one that fits several
                                 people is an error listing them; a name
                                 nobody has is an error naming the closest)
  @+Name  @+"Ann Lee"            a new person, in the network tier (or --new)
  #tag  #採用                    a tag (taken out of the note text)
  !deep                          a deep conversation (nothing else is deep)
  !private  !confidential        the note's sharing scope (default: open)
  !call  !lunch ...              the kind, anywhere in the line
  header words                   before the note text, in any order: a kind
                                 word, deep, private, confidential, one date,
                                 with/and before a person, for/over/had/on
                                 before a kind or date, a place before a date
                                 (met @Tanaka for lunch yesterday, call with
                                 @Sato on tue, met @Oda at the expo on 11/20);
                                 a colon (lunch:) ends the header
  promised X by DATE             my promise, to the first person named
  promised @Name X by DATE       my promise, to @Name
  I'll X by DATE, I will ...     my promise
  they promised X by DATE        their promise (the first person named)
  @Name promised X by DATE       their promise, from @Name; also he/she
  @Name will X by DATE           promised, and Name promised when Name was
  @Name to X by DATE             named with @ earlier in the line; will and
                                 to need a due date before the sentence
                                 ends ('due DATE' works like 'by DATE')
  12/10までに見積を送ると約束    my promise (約束してくれた: theirs)
  \\word                          take a word literally (\\promised, \\call)

kinds:   meeting (meet, met, mtg, 1on1, catch-up)  call (phone, video, zoom)
         message (msg, email, mail, dm, chat)  meal (lunch, dinner, breakfast,
         coffee, drinks, tea)  event (conference, seminar, party, meetup)
         intro (introduced)  helped / help given  got help / help received
         shared (value, value shared)  note (the default); met gives way
         to another kind (met @Tanaka for lunch = meal)
dates:   today yesterday tomorrow, tonight, last night, this morning,
         mon..sun (monday..), last fri, next fri (Friday of next week),
         next week (Monday), last week (7 days ago), next month, eom (month
         end), +3d -2d +2w +1m, 12/3 (month/day), nov 20, 2026-12-03. The
         note's date defaults to today and leans back (fri = the last Friday
         before today, 12/3 = the latest 3 Dec not after today); it may not
         be in the future. A due date counts from the note's date and leans
         forward (fri = the next Friday, 12/3 = the next 3 Dec). A weekday
         name never means the day itself.

examples:
  kizuna note '@Tanaka lunch: promised an intro to Sato by fri #hiring'
  kizuna note 'met @+Mori at the expo yesterday: runs a robot startup'
  kizuna note 'met @Tanaka for lunch yesterday: @Tanaka will send the deck by 12/5'
  kizuna note '@"Sato Ken" yesterday call !deep: pricing, 3 options #sales'
  kizuna note '@佐藤 ランチ 採用の話 #採用 @佐藤 promised 資料 by 12/5'
  kizuna note --dry-run 'coffee with @Mori last fri !confidential: funding round'
""")


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    from tui.cli.entry import RawWrapFormatter

    p = sub.add_parser("note", parents=[common], help=_("capture a note from the shell"),
                       formatter_class=RawWrapFormatter,
                       description=_("Capture one line (quote it) and print what was saved."),
                       epilog=_(NOTE_GRAMMAR))
    p.add_argument("text", nargs="*", help=_("the line to capture, in the grammar below"))
    p.add_argument("-e", "--editor", action="store_true",
                   help=_("write the note in $VISUAL/$EDITOR (the line so far first; its first line is "
                          "read with the grammar, the rest is the note's body; an empty file saves nothing)"))
    p.add_argument("--dry-run", action="store_true", help=_("show what the line would save; save nothing"))
    p.add_argument("--new", action="store_true",
                   help=_("every @Name nobody has is a new person (without it, write @+Name for one)"))
    p.add_argument("--json", action="store_true", help=_("print JSON for scripts"))
    p.set_defaults(func=cmd_note)

    p = sub.add_parser("contacts", parents=[common], help=_("list people, by tier then name"),
                       description=_("List everyone (archived people only with --all)."))
    p.add_argument("--tier", choices=TIERS, help=_("only this tier"))
    p.add_argument("--all", action="store_true", help=_("include archived people"))
    p.add_argument("--json", action="store_true", help=_("print JSON for scripts"))
    p.set_defaults(func=cmd_contacts)

    p = sub.add_parser("show", parents=[common], help=_("one person: details, timeline, promises"),
                       description=_("Show one person by name or reading (case- and width-insensitive)."))
    p.add_argument("name", help=_("a name or reading, or enough of one to be unique"))
    p.add_argument("--json", action="store_true", help=_("print JSON for scripts"))
    p.add_argument("--include-confidential", action="store_true",
                   help=_("show the text of confidential notes and of the promises made in them"))
    p.set_defaults(func=cmd_show)


def cmd_note(ctx) -> int:
    from model.capture import parse, save

    line = " ".join(ctx.args.text)
    if ctx.args.editor:
        from model.actions.edit import save_with_body, split_body
        from tui.editor import edit_text

        text = edit_text(line)
        if not text.strip():
            print(_("the file was empty: nothing saved"))
            return 0
        if ctx.args.dry_run:
            cap = parse(split_body(text)[0], ctx.store.contacts(), ctx.today, ctx.args.new)
        else:
            cap = save_with_body(ctx.store, text, ctx.today, ctx.args.new)
    elif not line.strip():
        import sys

        print(_("kizuna note: error: give the line to capture (quote it), or -e to write it in "
                "your editor (see kizuna note --help)"), file=sys.stderr)
        return 2
    elif ctx.args.dry_run:
        cap = parse(line, ctx.store.contacts(), ctx.today, ctx.args.new)
    else:
        cap = save(ctx.store, line, ctx.today, ctx.args.new)
    if ctx.args.json:
        from tui.cli.output import print_json  # (rich, for the text columns, not needed here)

        new = {p.id for p in cap.new_people}
        print_json({
            "saved": not ctx.args.dry_run,
            "interaction": cap.interaction.to_dict() if cap.interaction else None,
            "people": [{"id": p.id, "name": p.name, "new": p.id in new} for p in cap.people],
            "kind": cap.kind, "depth": cap.depth, "date": cap.when.isoformat(), "text": cap.text,
            "tags": cap.tags, "scope": cap.scope, "hints": cap.hints,
            "promises": [p.to_dict() for p in cap.saved_promises] if cap.saved_promises else [
                {"owner": d.owner, "contact": d.contact.id, "text": d.text, "due": d.due.isoformat()}
                for d in cap.promises],
        })
        return 0
    print(_("would save (dry run, nothing saved):") if ctx.args.dry_run else _("saved:"))
    for row in cap.summary():
        print("  " + row)
    return 0


def cmd_contacts(ctx) -> int:
    from model.language.names import sort_key
    from tui.cli.output import print_json, table

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
        print(_("no contacts yet: kizuna note \"@+Name what happened\" adds one"))
        return 0
    rows = [(word("tier", c.tier), c.name, c.company, c.industry) for c in people]
    print(table(rows, (_("tier"), _("name"), _("company"), _("industry"))))
    return 0


def cmd_show(ctx) -> int:
    from model.language.names import resolve

    store = ctx.store
    person = resolve(store.contacts(), ctx.args.name)
    notes = sorted(store.interactions_with(person.id),  # reads only this person's notes
                   key=lambda i: (i.date, i.created), reverse=True)
    promises = sorted((p for p in store.promises() if p.contact == person.id), key=lambda p: p.due)
    from model.records.privacy import masked_note, masked_promise, note_text, promise_text, secret_note_ids, shown_text

    reveal = ctx.args.include_confidential
    secret = secret_note_ids(notes)
    if ctx.args.json:
        from tui.cli.output import print_json

        print_json({"contact": person.to_dict(),
                    "interactions": [masked_note(i, reveal) for i in notes],
                    "promises": [masked_promise(p, secret, reveal) for p in promises]})
        return 0
    from rich.cells import cell_len

    from model.language.names import guessed_reading
    from model.language.text import visible, visible_line
    from tui.text import fit, kind_width

    def pad(text: str, width: int) -> str:  # by display width, never cut (a translated word may be wider)
        return fit(text, max(width, cell_len(text)))

    guess = guessed_reading(person)
    reading = person.reading or (_("{reading} (guess)").format(reading=guess) if guess else "")
    head = person.name + (f" ({reading})" if reading else "")
    print(visible(head))
    cadence = ngettext("every {n} day", "every {n} days", person.cadence_days or 0).format(
        n=person.cadence_days) if person.cadence_days else ""
    if person.cadence_days == 1:
        cadence = _("every day")
    for label, value in ((_("tier"), word("tier", person.tier)), (_("company"), person.company),
                         (_("title"), person.title),
                         (_("industry"), person.industry), (_("function"), person.function),
                         (_("level"), word("level", person.level)), (_("generation"), shown_value("generation", person.generation)),
                         (_("relation"), word("relation", person.relation)),
                         (_("purposes"), ", ".join(word("purpose", p) for p in person.purposes)),
                         (_("stage"), word("stage", person.stage)), (_("next step"), person.next_step),
                         (_("email"), ", ".join(person.emails)), (_("phone"), ", ".join(person.phones)),
                         (_("links"), ", ".join(person.links)), (_("birthday"), person.birthday),
                         (_("how met"), person.how_met), (_("tags"), " ".join("#" + t for t in person.tags)),
                         (_("cadence"), cadence),
                         (_("snoozed"), _("until {date}: {reason}").format(date=person.snoozed_until,
                                                                           reason=person.snooze_reason)
                          if person.snoozed_until else "")):
        if value:
            print(f"  {pad(label, 10)} {visible(value)}")
    if person.notes.strip():
        print(_("notes"))
        for line in person.notes.strip().splitlines():
            print(f"  {visible(line, multiline=True)}")
    if promises:
        print(_("promises"))
        for p in promises:
            who = _("I promised") if p.owner == "me" else _("they promised")
            print(f"  {p.due}  {pad(word('status', p.status), 7)} {who}: {visible_line(shown_text(promise_text(p, secret, reveal)))}")
    print(_("timeline ({count})").format(count=len(notes)))
    for i in notes:
        text = shown_text(note_text(i, reveal))
        if i.kind == "log":
            from model.actions.log_text import shown

            text = shown(text)
        print(f"  {i.date}  {pad(word('kind', i.kind), kind_width())} {pad(word('depth', i.depth), 5)}  {visible_line(text)}")
    return 0
