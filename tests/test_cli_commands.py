"""The command line registers only the command it runs (tui.cli.COMMANDS), and says the same."""

from __future__ import annotations

import importlib

import pytest

from tui.cli import entry as cli


def registered(module: str) -> set[str]:
    sub = cli.Parser(prog="kizuna").add_subparsers(dest="command", parser_class=cli.Parser)
    importlib.import_module(module).register(sub, cli.store_options())
    return set(sub.choices)


def test_the_command_map_names_what_each_module_registers() -> None:
    for module in cli.COMMAND_MODULES:
        assert registered(module) == {c for c, m in cli.COMMANDS.items() if m == module}, module


@pytest.mark.parametrize(("argv", "command"), [
    (["today"], "today"),
    (["--db", "x.json", "--date", "2026-11-26", "show", "佐藤"], "show"),
    (["--db=x.json", "--demo", "note", "@Oda lunch"], "note"),
    (["--dat", "2026-11-26", "--de", "focus", "plan"], "focus"),  # abbreviated as argparse allows
    (["--db", "today", "show", "x"], "show"),  # a value is not a command
    ([], None), (["--help"], None), (["-h", "today"], None), (["--he"], None),
    (["nosuch"], None), (["--d", "x", "today"], None),  # ambiguous: argparse's own error
    (["--verbose", "today"], None), (["--", "today"], None),
])
def test_command_of_reads_argv_like_argparse(argv: list[str], command: str | None) -> None:
    assert cli.command_of(argv) == command


def test_a_command_parses_the_same_with_only_its_module() -> None:
    argv = ["--db", "x.json", "--date", "2026-11-26", "promise", "add", "佐藤", "資料", "--due", "fri"]
    assert vars(cli.build_parser("promise").parse_args(argv)) == vars(cli.build_parser().parse_args(argv))


def test_the_full_line_still_lists_every_command(kizuna) -> None:
    done = kizuna("--help")
    assert done.returncode == 0 and all(c in done.stdout for c in cli.COMMANDS if not c.startswith("__"))
    assert "__complete-names" not in done.stdout  # the completion scripts' own
    done = kizuna("nosuch")
    assert done.returncode == 2 and done.stderr == "kizuna: error: 'nosuch' is not a command (see kizuna --help)\n"
    done = kizuna("contact")
    assert done.returncode == 2 and "'contact' is not a command; did you mean 'contacts'?" in done.stderr
    assert "__complete" not in done.stderr and len(done.stderr.strip().splitlines()) == 1
