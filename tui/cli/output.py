"""Printing for people (aligned columns, Japanese included) and for scripts (JSON)."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import Any

import orjson
from rich.cells import cell_len

from model.language.text import json_safe, visible
from tui.text import fit


def print_json(data: Any) -> None:
    sys.stdout.write(json_safe(orjson.dumps(data, option=orjson.OPT_INDENT_2).decode()) + "\n")


def table(rows: Sequence[Sequence[str]], headers: Sequence[str]) -> str:
    """Rows as columns lined up by display width; the last column is not padded.

    Every cell is shown with its hidden characters visible (a name with a direction
    override or a zero-width space is told apart from its look-alike)."""
    rows = [[visible(c) for c in r] for r in rows]
    widths = [max([cell_len(h)] + [cell_len(r[i]) for r in rows]) for i, h in enumerate(headers)]
    widths = [min(w, 40) for w in widths]
    lines = []
    for row in [headers, *rows]:
        cells = [fit(c, w) for c, w in zip(row[:-1], widths)] + [row[-1]]
        lines.append("  ".join(cells).rstrip())
    return "\n".join(lines)
