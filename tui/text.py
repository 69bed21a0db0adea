"""Display-width text helpers shared by the command line and the app (no Textual here)."""

from __future__ import annotations

import functools
import re

from rich.cells import cell_len

from model.language.text import visible


def fit(text: str, width: int) -> str:
    """``text`` cut (with …) or padded to ``width`` terminal cells (wide characters count two).

    The one display-width fit for the command line and the app (no Textual here). Hidden
    characters are shown (:func:`model.language.text.visible`): what is fitted is what is drawn."""
    text = visible(text)
    if width <= 0:
        return ""
    if cell_len(text) > width:
        out, used = [], 0
        for ch in text:
            w = cell_len(ch)
            if used + w > width - 1:
                break
            out.append(ch)
            used += w
        text = "".join(out) + "…"
    return text + " " * (width - cell_len(text))


#: a break is never put before these (closing marks, small kana, the long-vowel mark) ...
_NO_START = set("、。，．・：；？！）」』】〕〉》ー々ゝゞぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ)]},.:;!?")
#: ... nor after these (opening marks)
_NO_END = set("（「『【〔〈《([{")
_PIECES = re.compile(r"[^\S\xa0]+|\S|\xa0")  # a no-break space is not a place to break


def break_units(text: str) -> list[tuple[int, int, bool]]:
    """The pieces of ``text`` a line may break between, as (start, end, a space before it):
    words at spaces, and each wide (Japanese) character on its own, except that a closing
    mark stays with the character before it, an opening mark with the one after, and words
    joined by a no-break space stay whole."""
    units: list[tuple[int, int, bool]] = []
    space = False
    for m in _PIECES.finditer(text):
        piece = m.group()
        if piece.isspace() and piece != "\xa0":
            space = bool(units)
            continue
        last = text[units[-1][1] - 1] if units else ""
        if units and not space and (piece in _NO_START or last in _NO_END or "\xa0" in (piece, last)
                                    or (cell_len(piece) == 1 and cell_len(last) == 1)):
            units[-1] = (units[-1][0], m.end(), units[-1][2])
        else:
            units.append((m.start(), m.end(), space))
        space = False
    if "\xa0" not in text:
        return units
    # a no-break space binds the whole run between spaces (``フォーカス\xa02`` never breaks)
    runs: list[list[tuple[int, int, bool]]] = []
    for unit in units:
        if runs and not unit[2]:
            runs[-1].append(unit)
        else:
            runs.append([unit])
    return [unit for run in runs for unit in (
        [(run[0][0], run[-1][1], run[0][2])] if "\xa0" in text[run[0][0]:run[-1][1]] else run)]


def wrap_cells(text: str, width: int) -> list[str]:
    """``text`` wrapped to ``width`` terminal cells at :func:`break_units`, spaces between
    words made one.

    :func:`textwrap.wrap` breaks only at spaces and counts characters, so a Japanese
    sentence ran past the edge of the terminal."""
    lines: list[str] = []
    line, used = "", 0
    for start, end, space in break_units(text):
        word = text[start:end]
        gap = 1 if space and line else 0
        if line and used + gap + cell_len(word) > width:
            lines.append(line)
            line, used = word, cell_len(word)
        else:
            line += " " * gap + word
            used += gap + cell_len(word)
    if line:
        lines.append(line)
    return lines


def printable(text: str) -> str:
    """``text`` from outside with its control characters (ESC, BEL, line breaks ...) shown
    as spaces: Rich's Text lets ESC through to the terminal."""
    return text if text.isprintable() else "".join(c if c.isprintable() else " " for c in text)


def role_width() -> int:
    """The planner's and month review's role column: the longest relation as shown (15 in
    English, 11 in Japanese), so the room a short Japanese role leaves goes to the name."""
    from model.language.i18n import word
    from model.records import RELATIONS

    return max(cell_len(word("relation", r)) for r in RELATIONS) + 1


def kind_width(context: str = "kind") -> int:
    """The widest kind as shown (``promise`` included), in cells: ``help received`` is 13,
    手助けを受けた 14; ``context="kind short"`` measures the short words of narrow rows."""
    from model.language.i18n import _, language

    return _kind_width(language(), context, _("promise"))


@functools.lru_cache(maxsize=8)
def _kind_width(lang: str, context: str, promise: str) -> int:
    from model.language.i18n import word
    from model.records import KINDS

    return max(cell_len(x) for x in [promise, *(word(context, k) for k in KINDS)])
