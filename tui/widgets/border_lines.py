"""Border titles and colours that repaint the border's line, not the whole pane.

Textual's ``border_title`` and ``border_subtitle`` setters call ``refresh()``,
which redraws the widget and, on screen, everything inside it: a pane whose
title names the person shown redrew its 46 lines (and the compositor recut
every line of the screen across them) on every cursor move. Only the top or
bottom border line changes, so :class:`BorderLines` sets the title through
the public setter and turns the ``refresh()`` it calls into a refresh of that
one line.

Titles are plain text here (a name like ``Bob [/]`` is not markup).
"""

from __future__ import annotations

from textual.content import Content
from textual.geometry import Region
from textual.widget import Widget


class BorderLines(Widget):
    """A widget whose border title and subtitle can change without a full repaint."""

    _border_line: int | None = None  # the line a setter is changing, while it runs
    _frame_only = False  # while set_frame_styles runs: its refreshes are of the border only

    def set_border_text(self, title: str | None = None, subtitle: str | None = None) -> None:
        """Show ``title`` in the top border and/or ``subtitle`` in the bottom one (None: keep)."""
        if title is not None and self.border_title != Content(title).markup:
            self._set_quietly("border_title", title, top=True)
        if subtitle is not None and self.border_subtitle != Content(subtitle).markup:
            self._set_quietly("border_subtitle", subtitle, top=False)

    def _set_quietly(self, name: str, text: str, *, top: bool) -> None:
        height = self.outer_size.height
        self._border_line = (0 if top else height - 1) if self.is_mounted and height > 1 else None
        try:
            setattr(self, name, Content(text))
        finally:
            self._border_line = None

    def set_frame_styles(self, **rules) -> None:
        """Set style rules that change only how the top and bottom border lines look (their
        colour, the title's): those two lines are drawn again, not everything inside them.
        A rule given as None is cleared (back to the stylesheet's)."""
        self._frame_only = self.is_mounted
        try:
            for rule, value in rules.items():
                if value is None:
                    self.styles.clear_rule(rule)
                else:
                    setattr(self.styles, rule, value)
        finally:
            self._frame_only = False

    def refresh(self, *regions: Region, repaint: bool = True, layout: bool = False,
                recompose: bool = False) -> Widget:
        if self._frame_only and not (regions or layout or recompose) and repaint:
            ox, oy = self.content_offset  # refresh regions are in content coordinates
            width, height = self.outer_size
            return super().refresh(Region(-ox, -oy, width, 1), Region(-ox, height - 1 - oy, width, 1))
        line = self._border_line
        if line is not None and not (regions or layout or recompose) and repaint:
            ox, oy = self.content_offset  # refresh regions are in content coordinates
            return super().refresh(Region(-ox, line - oy, self.outer_size.width, 1))
        return super().refresh(*regions, repaint=repaint, layout=layout, recompose=recompose)
