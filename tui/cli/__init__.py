"""The ``kizuna`` command line: :mod:`.entry` parses and dispatches; one module per area of commands."""

from tui.cli.entry import COMMANDS, build_parser, main, parse_date

__all__ = ["COMMANDS", "build_parser", "main", "parse_date"]
