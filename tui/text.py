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
_PIECES = re.compile(r"\s+|[^\s]")


def wrap_cells(text: str, width: int) -> list[str]:
    """``text`` wrapped to ``width`` terminal cells, breaking at spaces and between wide
    (Japanese) characters but not before a closing mark or after an opening one.

    :func:`textwrap.wrap` breaks only at spaces and counts characters, so a Japanese
    sentence ran past the edge of the terminal."""
    words: list[str] = []  # unbreakable pieces; "" stands for a space between them
    for piece in _PIECES.findall(text):
        if piece.isspace():
            if words and words[-1]:
                words.append("")
            continue
        glue = words and words[-1] and (
            piece in _NO_START or words[-1][-1] in _NO_END
            or (cell_len(piece) == 1 and cell_len(words[-1][-1]) == 1))
        if glue:
            words[-1] += piece
        else:
            words.append(piece)
    lines: list[str] = []
    line, used, space = "", 0, False
    for w in words:
        if not w:
            space = bool(line)
            continue
        gap = 1 if space else 0
        if line and used + gap + cell_len(w) > width:
            lines.append(line)
            line, used = w, cell_len(w)
        else:
            line += " " * gap + w
            used += gap + cell_len(w)
        space = False
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
