"""Display-width text helpers shared by the command line and the app (no Textual here)."""

from __future__ import annotations

import functools

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
