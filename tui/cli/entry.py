"""The ``kizuna`` command: opens the app, or runs one subcommand and exits.

Each area's subcommands live in a module of :mod:`tui.cli` with a
``register(subparsers)`` function; each subcommand sets ``func(ctx) -> int``.
Textual is imported only when the app opens, so ``kizuna note`` starts fast;
and a command imports and registers only its own module (:data:`COMMANDS`),
not the other thirty subcommands (``kizuna --help`` still lists them all).

Errors are one line on stderr and a non-zero exit: 1 for a refused action or
bad data, 2 for a bad argument.
"""

from __future__ import annotations

import argparse
import importlib
import os
import re
import sys
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from model.errors import KizunaError
from model.language.i18n import _
from tui.interpreter import collector_paused

#: Modules whose ``register`` adds subcommands, in the order ``--help`` lists them.
COMMAND_MODULES = (
    "tui.cli.basic",
    "tui.cli.people",
    "tui.cli.planning",
    "tui.cli.focus",
    "tui.cli.diversity",
    "tui.cli.health",
    "tui.cli.transfer",
    "tui.cli.store_commands",
    "tui.cli.correct",
    "tui.cli.sync_command",
)
#: The module registering each top-level command (a test keeps this in step with them).
COMMANDS = {
    "note": "tui.cli.basic", "contacts": "tui.cli.basic", "show": "tui.cli.basic",
    "add": "tui.cli.people", "edit": "tui.cli.people", "settings": "tui.cli.people",
    "today": "tui.cli.planning", "tier": "tui.cli.planning", "trust": "tui.cli.planning",
    "snooze": "tui.cli.planning", "promise": "tui.cli.planning",
    "focus": "tui.cli.focus", "diversity": "tui.cli.diversity",
    "health": "tui.cli.health",
    "import": "tui.cli.transfer", "export": "tui.cli.transfer", "merge": "tui.cli.transfer",
    "backups": "tui.cli.store_commands", "restore": "tui.cli.store_commands",
    "doctor": "tui.cli.store_commands",
    "note-edit": "tui.cli.correct", "note-delete": "tui.cli.correct", "promise-delete": "tui.cli.correct",
    "forget": "tui.cli.correct", "undo": "tui.cli.correct", "search": "tui.cli.correct",
    "completion": "tui.cli.correct", "__complete-names": "tui.cli.correct",
    "sync": "tui.cli.sync_command",
}
#: two words read as one command (see :func:`routed`); the commands are in tui.cli.correct
ROUTED = {("note", "edit"): "note-edit", ("note", "delete"): "note-delete",
          ("promise", "delete"): "promise-delete"}
#: the options before a command, and whether each takes a value
_GLOBAL_OPTIONS = {"--db": True, "--date": True, "--demo": False, "--help": False, "--version": False}


class WrapFormatter(argparse.HelpFormatter):
    """Help wrapped so that a small word never ends a line away from what it leads to
    (``next`` / ``week``, ``by`` / ``DATE``): each is joined to the next word first."""

    _GLUE = re.compile(r"(?<![\w-])(by|due|next|last|this|on|to|a|an|the|of|in|X) ")

    def _glued(self, text: str) -> str:
        text = self._whitespace_matcher.sub(" ", text).strip()
        return self._GLUE.sub(lambda m: m.group(1) + "\u00a0", text)

    def _format_usage(self, usage: Any, actions: Any, groups: Any, prefix: str | None) -> str:
        # argparse measures "使い方: " in characters; each is two cells wide
        from rich.cells import cell_len

        shown = prefix if prefix is not None else argparse._("usage: ")  # type: ignore[attr-defined]  # set by _argparse_words
        extra = cell_len(shown) - len(shown)
        self._width -= extra
        try:
            return super()._format_usage(usage, actions, groups, prefix)
        finally:
            self._width += extra

    def _split_lines(self, text: str, width: int) -> list[str]:
        if _wide(text):
            from tui.text import wrap_cells

            return wrap_cells(self._whitespace_matcher.sub(" ", text).strip(), width)
        import textwrap

        return [line.replace("\u00a0", " ") for line in textwrap.wrap(self._glued(text), width)]

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        if _wide(text):
            return "\n".join(indent + line for line in self._split_lines(text, width - len(indent)))
        import textwrap

        filled = textwrap.fill(self._glued(text), width, initial_indent=indent, subsequent_indent=indent)
        return filled.replace("\u00a0", " ")


def _wide(text: str) -> bool:
    """Whether ``text`` holds a wide (Japanese) character: then it is wrapped by cells."""
    return any(ord(c) >= 0x1100 for c in text) and not text.isascii()


class RawWrapFormatter(argparse.RawDescriptionHelpFormatter, WrapFormatter):
    """The description and epilog as written, but a line too long for the terminal wrapped,
    a table row under its own column; the options wrapped like :class:`WrapFormatter`."""

    _ROW = re.compile(r"^(.*\S {2,}|\s*)(\S.*)$")

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        from rich.cells import cell_len

        out = []
        for line in text.splitlines():
            if cell_len(indent + line) <= width or line.lstrip().startswith("kizuna "):
                out.append(indent + line)  # an example command is copied whole
                continue
            head, rest = self._ROW.match(line).groups()  # type: ignore[union-attr]  # always matches
            pad = indent + " " * cell_len(head)
            pieces = self._split_lines(rest, max(20, width - cell_len(pad)))
            out += [indent + head + pieces[0]] + [pad + p for p in pieces[1:]]
        return "\n".join(out)


class Parser(argparse.ArgumentParser):
    """An argument parser whose errors are one line, not a usage block."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", WrapFormatter)
        super().__init__(*args, **kwargs)

    def _check_value(self, action: argparse.Action, value: Any) -> None:
        """An unknown command is named with the closest one, not the list of every
        command argparse knows (the completion scripts' own among them)."""
        if isinstance(action, argparse._SubParsersAction) and value not in action.choices:
            import difflib

            shown = [c for c in action.choices if not c.startswith("_")]
            close = difflib.get_close_matches(value, shown, n=1)
            message = (_("{value!r} is not a command; did you mean {close!r}?") if close
                       else _("{value!r} is not a command")).format(value=value, close=close[0] if close else "")
            raise argparse.ArgumentError(None, message)
        super()._check_value(action, value)

    def error(self, message: str) -> None:  # type: ignore[override]
        from model.language.text import visible  # the message may quote an argument: shown, never run

        self.exit(2, _("{prog}: error: {message} (see {prog} --help)").format(
            prog=self.prog, message=visible(message, multiline=True)) + "\n")


def parse_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(_("{text!r} is not a date (YYYY-MM-DD)").format(text=text)) from None


def store_options() -> Parser:
    """Options every command takes, before or after the subcommand's name."""
    common = Parser(add_help=False)
    common.add_argument("--db", metavar="PATH", default=argparse.SUPPRESS,
                        help=_("the store file (default: $KIZUNA_DB, else the user data folder)"))
    common.add_argument("--demo", action="store_true", default=argparse.SUPPRESS,
                        help=_("work on a disposable copy of the built-in demo data"))
    return common


@dataclass
class Context:
    """What a subcommand needs: its arguments, the store (opened on first use), today."""

    args: argparse.Namespace
    _store: Any = None
    _tmp: str | None = None
    today: date = field(default_factory=date.today)

    @property
    def store(self):
        if self._store is None:
            self._store = open_store(self)
        return self._store

    def close(self) -> None:
        if self._tmp:
            import shutil

            shutil.rmtree(self._tmp, ignore_errors=True)
            self._tmp = None


DEMO_PREFIX = "kizuna-demo-"


def _sweep_demo_copies() -> None:
    """Delete demo copies left by demo processes that died without cleaning up.

    A demo copy's folder is named after its process id; a folder whose process
    is gone (killed by a signal, a closed terminal) is removed.
    """
    import shutil
    import tempfile

    for folder in Path(tempfile.gettempdir()).glob(f"{DEMO_PREFIX}*-*"):
        pid = folder.name[len(DEMO_PREFIX):].split("-", 1)[0]
        if not pid.isdigit() or not folder.is_dir():
            continue
        try:
            os.kill(int(pid), 0)
        except ProcessLookupError:
            shutil.rmtree(folder, ignore_errors=True)
        except PermissionError:
            pass  # someone else's live process


def open_store(ctx: Context):
    from model.store import Store, default_store_path

    if getattr(ctx.args, "demo", False):
        import tempfile

        from model.demo import build_demo
        from model.language import i18n

        _sweep_demo_copies()
        ctx._tmp = tempfile.mkdtemp(prefix=f"{DEMO_PREFIX}{os.getpid()}-")
        store = Store(Path(ctx._tmp) / "demo.json", private_folder=True)
        build_demo(store, ctx.today, i18n.language())  # written in the language chosen at start
        from model.actions.undo import UndoLog

        UndoLog(store.path).attach(store)
        _use_language(store)
        return store
    path, own_folder = default_store_path(getattr(ctx.args, "db", None))
    store = Store(path, private_folder=own_folder)
    if not getattr(ctx.args, "reads_only", False):  # a command that only reads (search) changes nothing to undo
        from model.actions.undo import UndoLog

        UndoLog(store.path).attach(store)  # every change from here can be undone (kizuna undo)
    _use_language(store)
    return store


def _use_language(store) -> None:
    """The store's ``language`` setting, now it can be read (KIZUNA_LANG still wins), and
    the reading guesses kept beside it (read only if a name needs one)."""
    from model.language import i18n, readings

    readings.use_cache(readings.cache_file(store.path))

    try:
        setting = store.settings().language
    except KizunaError:
        setting = None  # a setting that cannot be read: the command says so if it needs it
    i18n.set_language(i18n.choose(setting))


def command_of(argv: list[str]) -> str | None:
    """The command ``argv`` runs, read the way argparse will; None when unsure or none.

    Only the options :func:`build_parser` puts before a command are known (also
    abbreviated, or as ``--db=PATH``); anything else gives None, and then every
    command is registered, exactly as if this did not exist.
    """
    i = 0
    while i < len(argv):
        arg = argv[i]
        if not arg.startswith("-"):
            return arg if arg in COMMANDS else None
        name = arg.split("=", 1)[0]
        known = [o for o in _GLOBAL_OPTIONS if o.startswith(name)] if name.startswith("--") and name != "--" else []
        if len(known) != 1 or known[0] in ("--help", "--version"):
            return None
        i += 2 if _GLOBAL_OPTIONS[known[0]] and "=" not in arg else 1
    return None


def build_parser(command: str | None = None) -> Parser:
    """The whole command line; with ``command``, only the module registering it is imported."""
    common = store_options()
    parser = Parser(
        prog="kizuna",
        parents=[common],
        description=_("A small, deep, diverse network. With no command, opens the app."),
        epilog=_("Run 'kizuna COMMAND --help' for one command's options."),
    )
    parser.add_argument("--date", type=parse_date, metavar="YYYY-MM-DD", default=argparse.SUPPRESS,
                        help=_("pretend today is this date (demo data and planning)"))
    parser.add_argument("--version", action=_Version, nargs=0, help=_("print the version and exit"))
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)
    for name in [COMMANDS[command]] if command in COMMANDS else COMMAND_MODULES:
        importlib.import_module(name).register(sub, common)
    return parser


class _Version(argparse.Action):
    """``--version``: looked up only when asked (importing importlib.metadata is slow: bench/NOTES.md)."""

    def __call__(self, parser, namespace, values, option_string=None) -> None:
        from importlib.metadata import PackageNotFoundError, version

        try:
            found = version("kizuna")
        except PackageNotFoundError:
            found = _("(not installed)")
        sys.stdout.write(f"kizuna {found}\n")
        parser.exit(0)


def routed(argv: list[str]) -> list[str]:
    """``note edit ...`` -> ``note-edit ...`` (and ``note delete``, ``promise delete``):
    the word must be its own argument, so a quoted line ``'edit the deck'`` stays a note."""
    i = 0
    while i < len(argv):
        arg = argv[i]
        if not arg.startswith("-"):
            if i + 1 < len(argv) and (arg, argv[i + 1]) in ROUTED:
                return [*argv[:i], ROUTED[arg, argv[i + 1]], *argv[i + 2:]]
            return argv
        name = arg.split("=", 1)[0]
        i += 2 if name in ("--db", "--date") and "=" not in arg else 1
    return argv


def _argparse_words() -> None:
    """argparse's own words (usage, options, its errors) from our catalogue: argparse looks
    up ``_`` and ``ngettext`` in its module when it prints, so Japanese mode shows them."""
    from model.language import i18n

    if i18n.language() != "en":
        argparse._ = i18n._  # type: ignore[attr-defined]
        argparse.ngettext = i18n.ngettext  # type: ignore[attr-defined]


def run_app(ctx: Context) -> int:
    from tui.app import make_app
    from tui.keymap import load_keymap

    demo = bool(getattr(ctx.args, "demo", False))
    keymap = load_keymap(None if demo else ctx.store.shared_path)  # a bad file: one line, exit 1
    app = make_app(ctx.store, today=ctx.today, demo=demo, keymap=keymap)
    return app.run_to_end()


def main(argv: list[str] | None = None) -> int:
    argv_given = argv
    argv = sys.argv[1:] if argv is None else argv
    for arg in argv:
        try:
            arg.encode("utf-8")
        except UnicodeEncodeError:  # bytes the terminal sent that are not UTF-8
            shown = arg.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
            print(_("kizuna: error: {text!r} is not valid UTF-8 text").format(text=shown), file=sys.stderr)
            return 2
    argv = routed(argv)
    from model.language import i18n

    i18n.set_language(i18n.choose())  # before --help; the store's setting once it is open
    _argparse_words()
    args = build_parser(command_of(argv)).parse_args(argv)
    ctx = Context(args)
    if getattr(args, "date", None):
        ctx.today = args.date
    func = getattr(args, "func", None)
    streams = sys.stdout, sys.stderr
    if func is not None:  # (the app makes what it draws safe itself)
        from tui.cli.streams import install_safe_streams

        install_safe_streams()
    try:
        if func is None:
            return run_app(ctx)
        # a short run building many records (tui.interpreter); called as the program (no
        # argv), its process ends after it
        with collector_paused(exiting=argv_given is None):
            code = func(ctx) or 0
        for notice in getattr(ctx._store, "notices", ()):  # what arrived from other devices: one line each
            print(f"kizuna: {notice}", file=sys.stderr)
        for warning in getattr(ctx._store, "warnings", ()):
            print(_("kizuna: warning: {warning}").format(warning=warning), file=sys.stderr)
        return code
    except KizunaError as exc:
        print(f"kizuna: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader went away (`kizuna contacts | head`): stop quietly, as a
        # killed-by-SIGPIPE tool would, without a traceback at exit.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141
    except OSError as exc:  # a file call the command did not expect to fail: still one line
        from model.language.os_errors import os_text

        where = f"{exc.filename}: " if getattr(exc, "filename", None) else ""
        print(f"kizuna: {where}{os_text(exc)}", file=sys.stderr)
        return 1
    except Exception:
        from model.records import bad_record

        problem = bad_record(ctx._store)
        if problem is None:
            raise  # a bug of Kizuna's, not of the data: the traceback is what a report needs
        print(f"kizuna: {problem}", file=sys.stderr)
        return 1
    finally:
        ctx.close()
        sys.stdout, sys.stderr = streams


if __name__ == "__main__":
    sys.exit(main())
