"""``kizuna note edit|delete``, ``promise delete``, ``forget``, ``undo``, ``search``, ``completion``.

``kizuna note edit ID`` and ``kizuna note delete ID`` share their first word with
``kizuna note 'LINE'``: :func:`tui.cli.entry.main` sends ``note edit``/``note delete``
(the word ``edit`` or ``delete`` as its own argument) here as ``note-edit``/``note-delete``,
and ``promise delete`` as ``promise-delete``. A note that starts with the word is
saved by quoting the line (``kizuna note 'edit the deck with @Mori'``).
"""

from __future__ import annotations

import argparse
import sys

from model.language.i18n import _, word


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("note-edit", parents=[common], prog="kizuna note edit",
                       help=_("(= note edit ID|--last) correct a saved note"),
                       description=_("Correct a saved note: its text, people, date, kind, depth, "
                                   "scope or tags. Give a new capture LINE, field options, or -e."))
    _which_note(p)
    p.add_argument("line", nargs="?", help=_("the note again as a capture line (its date stays "
                                           "unless the line names one)"))
    p.add_argument("--text", help=_("the new text"))
    p.add_argument("--date", dest="new_date", metavar="YYYY-MM-DD", help=_("the new date"))
    p.add_argument("--people", metavar="NAMES", help=_("the people, comma-separated names"))
    p.add_argument("--kind", help=_("the new kind"))
    p.add_argument("--depth", choices=("deep", "touch"))
    p.add_argument("--scope", choices=("open", "private", "confidential"))
    p.add_argument("--tags", metavar="TAGS", help=_("the tags, comma-separated (empty: none)"))
    p.add_argument("-e", "--editor", action="store_true", help=_("edit it as a line in $VISUAL/$EDITOR"))
    _tail(p)
    p.set_defaults(func=cmd_note_edit)

    p = sub.add_parser("note-delete", parents=[common], prog="kizuna note delete",
                       help=_("(= note delete ID|--last) delete a saved note"),
                       description=_("Delete a saved note (kizuna undo brings it back)."))
    _which_note(p)
    _tail(p)
    p.set_defaults(func=cmd_note_delete)

    p = sub.add_parser("promise-delete", parents=[common], prog="kizuna promise delete",
                       help=_("(= promise delete) delete a promise recorded by mistake"),
                       description=_("Delete a promise recorded by mistake (it stops counting for "
                                   "trust); by id, or by a name and words of its text."))
    p.add_argument("what", nargs="+", help=_("the promise's id (or its start), or NAME [WORDS]"))
    _tail(p)
    p.set_defaults(func=cmd_promise_delete)

    p = sub.add_parser("forget", parents=[common], help=_("remove a person and everything theirs alone"),
                       description=_("Remove a person, their notes (shared notes only lose them), "
                                   "promises and focus slots. Shows what will go; --yes does it."))
    p.add_argument("name", help=_("a name or reading, or enough of one to be unique"))
    p.add_argument("--yes", action="store_true", help=_("really do it"))
    p.add_argument("--json", action="store_true", help=_("print JSON for scripts"))
    p.set_defaults(func=cmd_forget)

    p = sub.add_parser("undo", parents=[common], help=_("undo the last change made from this machine"),
                       description=_("Undo the last change made from this machine (a note, an edit, a "
                                   "deletion, a tier move, a promise kept); again for the one before."))
    p.set_defaults(func=cmd_undo)

    from tui.cli.entry import RawWrapFormatter

    p = sub.add_parser("search", parents=[common], help=_("search every note and promise"),
                       formatter_class=RawWrapFormatter,
                       description=_("Search note and promise text, people, tags and places; newest first."),
                       epilog=SEARCH_HELP)
    p.add_argument("query", nargs="+", help=_("words (all must match), \"a phrase\", @person, #tag, "
                                            "kind:meal, since:2026-01, before:2026-06"))
    p.add_argument("--json", action="store_true", help=_("print JSON for scripts (with ids)"))
    p.add_argument("--include-confidential", action="store_true", help=_("confidential notes match too"))
    p.add_argument("--limit", type=int, default=50, metavar="N", help=_("at most N results (default 50; 0: all)"))
    p.set_defaults(func=cmd_search, reads_only=True)

    p = sub.add_parser("completion", help=_("print the shell completion script (bash, zsh, fish)"),
                       description=_("Print a completion script. bash: eval \"$(kizuna completion bash)\" "
                                   "in ~/.bashrc; zsh: the same in ~/.zshrc; fish: kizuna completion "
                                   "fish > ~/.config/fish/completions/kizuna.fish"))
    p.add_argument("shell", choices=("bash", "zsh", "fish"))
    p.set_defaults(func=cmd_completion)

    p = sub.add_parser("__complete-names", parents=[common])  # for the completion scripts; not in --help
    p.add_argument("prefix", nargs="?", default="")
    p.set_defaults(func=cmd_complete_names)


SEARCH_HELP = """\
examples:
  kizuna search pricing
  kizuna search '"next quarter" @Tanaka'
  kizuna search '#sales kind:meal since:2026-01 before:2026-06'
  kizuna search 採用              (Japanese: no spaces needed; サトウ finds さとう)
"""


def _which_note(p: argparse.ArgumentParser) -> None:
    p.add_argument("id", nargs="?", help=_("the note's id, or its start (show --json, search --json)"))
    p.add_argument("--last", action="store_true", help=_("the note saved last"))


def _tail(p: argparse.ArgumentParser) -> None:
    p.add_argument("--dry-run", action="store_true", help=_("show what would change; change nothing"))
    p.add_argument("--json", action="store_true", help=_("print JSON for scripts"))


class _DryRun(Exception):
    """Raised at the end of a dry run's transaction: the store rolls it back, writing nothing."""

    def __init__(self, result) -> None:
        self.result = result


def _dry(ctx, change):
    """``change()`` for real, or inside a transaction that is then rolled back."""
    if not ctx.args.dry_run:
        return change()
    store = ctx.store
    hook, store.on_commit = store.on_commit, None
    try:
        with store.transaction():
            raise _DryRun(change())
    except _DryRun as done:
        return done.result
    finally:
        store.on_commit = hook


def _usage(ctx) -> str | None:
    """What is wrong with how the note was named (exit 2), or None."""
    if ctx.args.last and ctx.args.id:
        return _("give a note id or --last, not both")
    if not ctx.args.last and not ctx.args.id:
        return _("which note? give its id (see show --json or search --json) or --last")
    return None


def _bad(message: str) -> int:
    print(_("kizuna: error: {message}").format(message=message), file=sys.stderr)
    return 2


def _the_note(ctx):
    from model.actions.edit import last_note, pick_id
    from model.errors import KizunaError
    from model.records import Interaction

    store = ctx.store
    if ctx.args.last:
        return last_note(store)
    ident = ctx.args.id.strip().lower()
    if len(ident) == 32:  # a whole id: read only its part file
        try:
            return store.get(Interaction, ident)
        except KizunaError:
            pass
    if ident.isalnum() and ident.isascii():
        from model.search import lines_with

        needle = b'"' + ident.encode()  # the lines where an id (or a word) starts so; checked below
        return pick_id(store.interactions_picked(lambda body, _people: lines_with(body, needle)), ident)
    return pick_id(store.interactions(), ident)


def _print_note(ctx, label: str, note, saved: bool) -> None:
    if ctx.args.json:
        from tui.cli.output import print_json

        print_json({"saved": saved, "interaction": note.to_dict()})
        return
    from rich.cells import cell_len

    people = {c.id: c.name for c in ctx.store.contacts()}
    print(label)
    labels = {"id": _("id"), "date": _("date"), "people": _("people"), "tags": _("tags"), "text": _("text")}
    width = max(8, *(cell_len(v) + 2 for v in labels.values()))

    def row(key: str, value: str) -> None:
        label = labels[key] if key else ""
        print("  " + label + " " * (width - cell_len(label)) + value)

    scope = "" if note.scope == "open" else ", " + word("scope", note.scope)
    row("id", note.id)
    row("date", f"{note.date}  {word('kind', note.kind)}, {word('depth', note.depth)}{scope}")
    row("people", _(", ").join(people.get(c, "?") for c in note.contacts))
    if note.tags:
        row("tags", " ".join("#" + t for t in note.tags))
    for i, line in enumerate(note.text.splitlines() or [""]):
        row("text" if i == 0 else "", _safe(line))


def _safe(text: str) -> str:
    """Outside text without terminal controls (an ESC in a note must not reach the terminal)."""
    return "".join(c if c.isprintable() or c == "\t" else "\ufffd" for c in text)


def cmd_note_edit(ctx) -> int:
    from model.actions.edit import edit_from_line, edit_note, note_line
    from model.language.names import resolve

    args = ctx.args
    if args.last and args.id is not None and args.line is None:  # note edit --last LINE
        args.line, args.id = args.id, None
    if _usage(ctx):
        return _bad(_usage(ctx))
    store = ctx.store
    note = _the_note(ctx)
    fields = {}
    if args.text is not None:
        fields["text"] = args.text
    if args.new_date is not None:
        from datetime import date

        try:
            fields["date"] = date.fromisoformat(args.new_date).isoformat()
        except ValueError:
            return _bad(_("--date {text!r} is not a date (YYYY-MM-DD)").format(text=args.new_date))
    if args.people is not None:
        contacts = store.contacts()
        fields["contacts"] = tuple(resolve(contacts, n.strip()).id for n in args.people.split(",") if n.strip())
    for name in ("kind", "depth", "scope"):
        if getattr(args, name) is not None:
            fields[name] = getattr(args, name)
    if args.tags is not None:
        fields["tags"] = tuple(t.strip().lstrip("#") for t in args.tags.split(",") if t.strip())
    ways = bool(fields) + (args.line is not None) + args.editor
    if ways != 1:
        return _bad(_("say what to change: a new LINE, field options (--text, --date, ...) or -e; one "
                       "of them"))
    if args.editor:
        from tui.editor import edit_text

        people = {c.id: c for c in store.contacts()}
        before = note_line(note, people)
        text = edit_text(before)
        if text.strip() == before.strip():
            print(_("nothing changed"))
            return 0
        if not text.strip():
            print(_("the file was empty: nothing changed (delete a note with kizuna note delete)"))
            return 0
        updated = _dry(ctx, lambda: edit_from_line(store, note, text, ctx.today))
    elif args.line is not None:
        updated = _dry(ctx, lambda: edit_from_line(store, note, args.line, ctx.today))
    else:
        updated = _dry(ctx, lambda: edit_note(store, note, **fields))
    _print_note(ctx, _("would save (dry run, nothing saved):") if args.dry_run else _("saved:"), updated,
                not args.dry_run)
    return 0


def cmd_note_delete(ctx) -> int:
    from model.actions.edit import delete_note

    if _usage(ctx):
        return _bad(_usage(ctx))
    note = _the_note(ctx)
    _dry(ctx, lambda: delete_note(ctx.store, note))
    _print_note(ctx, _("would delete (dry run, nothing deleted):") if ctx.args.dry_run
                else _("deleted (kizuna undo brings it back):"), note, not ctx.args.dry_run)
    return 0


def cmd_promise_delete(ctx) -> int:
    from model.actions.edit import MIN_PREFIX, delete_promise, pick_id
    from model.errors import AmbiguousError, NotFoundError
    from model.language.names import resolve

    store = ctx.store
    promises = store.promises()
    what = ctx.args.what
    first = what[0].strip().lower()
    if len(what) == 1 and len(first) >= MIN_PREFIX and all(c in "0123456789abcdef" for c in first) \
            and any(p.id.startswith(first) for p in promises):
        promise = pick_id(promises, first, "promise")
    else:
        person = resolve(store.contacts(), what[0])
        words = [w.casefold() for w in what[1:]]
        found = [p for p in promises if p.contact == person.id and all(w in p.text.casefold() for w in words)]
        if not found:
            raise NotFoundError(_("no promise of or to {name} with those words").format(name=person.name))
        if len(found) > 1:
            listed = "; ".join(_("{id} {status} due {due}: {text}").format(
                id=p.id[:8], status=word("status", p.status), due=p.due, text=p.text[:30]) for p in found[:8])
            raise AmbiguousError(_("{n} promises fit: {listed}; give words or the id").format(
                n=len(found), listed=listed), found)
        promise = found[0]
    _dry(ctx, lambda: delete_promise(store, promise))
    if ctx.args.json:
        from tui.cli.output import print_json

        print_json({"saved": not ctx.args.dry_run, "promise": promise.to_dict()})
        return 0
    head = (_("would delete (dry run, nothing deleted):") if ctx.args.dry_run
            else _("deleted (kizuna undo brings it back):"))
    print(head)
    print(_("  {id}  {status}, due {due}: {text}").format(
        id=promise.id[:8], status=word("status", promise.status), due=promise.due, text=_safe(promise.text)))
    return 0


def cmd_forget(ctx) -> int:
    from model.actions.edit import forget, forget_plan
    from model.language.names import resolve

    store = ctx.store
    person = resolve(store.contacts(), ctx.args.name)
    plan = forget(store, person.id) if ctx.args.yes else forget_plan(store, person.id)
    if ctx.args.json:
        from tui.cli.output import print_json

        print_json({"forgotten": ctx.args.yes, "contact": person.id,
                    "notes": [n.id for n in plan.notes], "shared_notes": [n.id for n in plan.shared],
                    "promises": [p.id for p in plan.promises], "focus_plans": [f.month for f in plan.plans]})
        return 0
    print(_("forgotten:") if ctx.args.yes else _("forgetting would remove:"))
    for line in plan.summary():
        print("  " + _safe(line))
    if ctx.args.yes:
        print(_("(kizuna undo brings them back, from this machine)"))
    else:
        print(_("nothing removed yet: run kizuna forget {name!r} --yes").format(name=ctx.args.name))
    return 0


def cmd_undo(ctx) -> int:
    from model.actions.undo import UndoLog, undo

    entry = undo(ctx.store, UndoLog(ctx.store.path))
    print(_("undone: {label} (from {when})").format(label=_safe(entry.label), when=entry.at[:16].replace("T", " ")))
    return 0


def cmd_search(ctx) -> int:
    from model.search import highlight_spans, parse_query, search_store

    query = parse_query(" ".join(ctx.args.query))
    limit = ctx.args.limit if ctx.args.limit and ctx.args.limit > 0 else None
    hits, index = search_store(ctx.store, query, include_confidential=ctx.args.include_confidential,
                               limit=limit)
    names = {cid: c.name for cid, c in index.people.items()}
    if ctx.args.json:
        from tui.cli.output import print_json

        print_json([{"type": h.kind, "id": h.record.id, "date": h.day,
                     "people": [{"id": c, "name": names.get(c, "")} for c in h.people],
                     "record": h.record.to_dict()} for h in hits])
        return 0
    if not hits:
        print(_("no matches"))
        return 0
    from rich.cells import cell_len

    from tui.text import kind_width

    color = sys.stdout.isatty()
    for h in hits:
        who = ", ".join(names.get(c, "?") for c in h.people)
        kind = _("promise") if h.kind == "promise" else word("kind", h.record.kind)
        text = _safe(h.text.replace("\n", " "))
        if color:
            for s, e in reversed(highlight_spans(text, query)):
                text = f"{text[:s]}\x1b[1;33m{text[s:e]}\x1b[0m{text[e:]}"
        print(f"{h.day}  {h.record.id[:8]}  {kind}{' ' * max(0, kind_width() - cell_len(kind))} {_safe(who)}: {text}")
    if limit is not None and len(hits) == limit:
        print(_("(the newest {limit}; --limit 0 shows all)").format(limit=limit))
    return 0


def cmd_complete_names(ctx) -> int:
    from model.language.names import fold

    prefix = fold(ctx.args.prefix)
    for c in sorted(ctx.store.contacts(), key=lambda c: c.name):
        if c.tier != "archived" and fold(c.name).startswith(prefix):
            print(_safe(c.name).replace("\t", " "))
    return 0


def cmd_completion(ctx) -> int:
    from tui.cli.entry import COMMANDS

    commands = " ".join(sorted(c for c in COMMANDS if not c.startswith("_") and "-" not in c))
    sys.stdout.write(COMPLETIONS[ctx.args.shell].replace("@COMMANDS@", commands))
    return 0


_BASH = r"""# kizuna completion for bash: eval "$(kizuna completion bash)"
_kizuna() {
    local cur=${COMP_WORDS[COMP_CWORD]} cmd=${COMP_WORDS[1]}
    if [ "$COMP_CWORD" -eq 1 ]; then
        COMPREPLY=($(compgen -W "@COMMANDS@ --version --help --db --demo --date" -- "$cur"))
        return
    fi
    case "$cmd" in
        show|forget|tier|trust|snooze)
            if [ "$COMP_CWORD" -eq 2 ]; then
                local IFS=$'\n'
                COMPREPLY=($(kizuna __complete-names "$cur" 2>/dev/null | sed 's/ /\\ /g'))
            fi ;;
        note) [ "$COMP_CWORD" -eq 2 ] && COMPREPLY=($(compgen -W "edit delete -e --dry-run --json" -- "$cur")) ;;
        promise) [ "$COMP_CWORD" -eq 2 ] && COMPREPLY=($(compgen -W "add keep break drop reschedule list delete" -- "$cur")) ;;
        completion) COMPREPLY=($(compgen -W "bash zsh fish" -- "$cur")) ;;
    esac
}
complete -F _kizuna kizuna
"""

_ZSH = r"""#compdef kizuna
# kizuna completion for zsh: eval "$(kizuna completion zsh)" (after compinit)
_kizuna() {
    if (( CURRENT == 2 )); then
        compadd -- @COMMANDS@ --version --help --db --demo --date
        return
    fi
    case ${words[2]} in
        show|forget|tier|trust|snooze)
            (( CURRENT == 3 )) && {
                local -a names
                names=("${(@f)$(kizuna __complete-names "${words[3]}" 2>/dev/null)}")
                compadd -a names
            } ;;
        note) (( CURRENT == 3 )) && compadd -- edit delete -e --dry-run --json ;;
        promise) (( CURRENT == 3 )) && compadd -- add keep break drop reschedule list delete ;;
        completion) compadd -- bash zsh fish ;;
    esac
}
compdef _kizuna kizuna
"""

_FISH = r"""# kizuna completion for fish: kizuna completion fish > ~/.config/fish/completions/kizuna.fish
complete -c kizuna -f
complete -c kizuna -n '__fish_use_subcommand' -a '@COMMANDS@'
complete -c kizuna -l version -d 'print the version'
complete -c kizuna -n '__fish_seen_subcommand_from show forget tier trust snooze' -a '(kizuna __complete-names (commandline -ct) 2>/dev/null)'
complete -c kizuna -n '__fish_seen_subcommand_from note' -a 'edit delete'
complete -c kizuna -n '__fish_seen_subcommand_from promise' -a 'add keep break drop reschedule list delete'
complete -c kizuna -n '__fish_seen_subcommand_from completion' -a 'bash zsh fish'
"""

COMPLETIONS = {"bash": _BASH, "zsh": _ZSH, "fish": _FISH}
