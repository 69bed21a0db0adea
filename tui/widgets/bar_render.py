"""A scrollbar look that draws straight to strips (the same cells as Textual's own).

Textual's ``ScrollBarRender`` is a Rich renderable: every redraw of a scrollbar goes
through Rich's console, line splitting and cropping, and the timeline's bar is redrawn on every cursor move in the contact list
(each person's timeline has another length). :class:`StripScrollBarRender` is the
same renderer made a Textual ``Visual``: it makes the same segments
(``ScrollBarRender.render_bar``), styles them as Textual's wrapper does (the
scrollbar widget's style under each), and keeps the strips of the last few bars.

A list uses it through ScrollBar's public per-instance hook, for its vertical bar
(the only kind drawn here): ``widget.vertical_scrollbar.renderer = StripScrollBarRender``.
"""

from __future__ import annotations

from rich.color import Color
from rich.segment import Segment
from rich.style import Style as RichStyle
from textual.cache import LRUCache
from textual.css.styles import RulesMap
from textual.scrollbar import ScrollBarRender
from textual.strip import Strip
from textual.style import Style
from textual.visual import RenderOptions, Visual

_DEFAULT_BACK = Color.parse("#555555")
_DEFAULT_BAR = Color.parse("bright_magenta")


class StripScrollBarRender(ScrollBarRender, Visual):
    """``ScrollBarRender`` drawn as strips, without Rich's console."""

    _drawn: LRUCache[tuple, list[Strip]] = LRUCache(64)

    def render_strips(self, width: int, height: int | None, style: Style,
                      options: RenderOptions) -> list[Strip]:
        size = height or 1
        bar_style = self.style if isinstance(self.style, RichStyle) else RichStyle.parse(self.style)
        base = style.rich_style
        key = (self.virtual_size, self.window_size, self.position, width, size, bar_style, base)
        strips = self._drawn.get(key)
        if strips is None:
            bar = self.render_bar(
                size=size,
                window_size=self.window_size,
                virtual_size=self.virtual_size,
                position=self.position,
                vertical=True,
                thickness=width,
                back_color=bar_style.bgcolor or _DEFAULT_BACK,
                bar_color=bar_style.color or _DEFAULT_BAR,
            )
            segments = bar.segments
            if base:  # what Textual's post_render does to a renderable: its style under each segment
                segments = [Segment(text, base + seg_style) for text, seg_style, _ in segments]
            strips = self._drawn[key] = [Strip([segment], width) for segment in segments]
        return strips

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        return self.thickness

    def get_height(self, rules: RulesMap, width: int) -> int:
        return self.thickness
