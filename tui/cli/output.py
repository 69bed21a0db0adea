"""Printing for people (aligned columns, Japanese included) and for scripts (JSON)."""

from __future__ import annotations

import re
import sys
from collections.abc import Sequence
from typing import Any

import orjson
from rich.cells import cell_len

from model.text import visible
from tui.text import fit

#: what JSON may hold raw but a terminal must not get: DEL, C1 controls, direction
#: overrides and invisible marks (orjson escapes only C0); a \u escape is the same string
_JSON_HIDDEN = re.compile("[\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff\u061c]")


def print_json(data: Any) -> None:
    text = orjson.dumps(data, option=orjson.OPT_INDENT_2).decode()
    if not text.isascii():
        text = _JSON_HIDDEN.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
    sys.stdout.write(text + "\n")


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
