"""Everything the active screen draws now, as plain text (for checks on what reaches the terminal)."""

from __future__ import annotations

from textual.geometry import Region


def screen_lines(app) -> list[str]:
    """Every line every visible widget of the active screen draws now, as plain text."""
    lines = []
    for widget in app.screen.walk_children(with_self=True):
        if not widget.display or not widget.is_mounted:
            continue
        width, height = widget.outer_size
        if width and height:
            lines.extend(s.text for s in widget.render_lines(Region(0, 0, width, height)))
    for toast in app.screen.query("Toast"):
        lines.append(str(toast.render()))
    return lines
