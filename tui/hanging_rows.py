"""Rows of a label and its text, the text's wrapped lines hanging under the text.

The capture preview's rows (``promise  I promise 佐藤 健: … due 12/4(金)``) are longer
than an 80-column box in Japanese: wrapped by the widget, their second line would start
under the label. This :class:`~textual.visual.Visual` wraps each text to the width it is
drawn at (so a resize wraps it again) and indents the lines after the first.
"""

from __future__ import annotations

from functools import lru_cache

from rich.cells import cell_len
from textual.content import Content
from textual.css.styles import RulesMap
from textual.strip import Strip
from textual.style import Style
from textual.visual import RenderOptions, Visual


Row = tuple[Content, Content, Content]  # label, text, a tail kept whole (a due date)


class HangingRows(Visual):
    """``rows`` of (label, text, tail); labels padded to ``indent`` cells (with ``indent``
    0, each label is padded already and its text hangs under itself). A tail that does
    not fit after the text's last line goes whole onto a line of its own."""

    def __init__(self, rows: list[Row], indent: int) -> None:
        self.rows = rows
        self.indent = indent
        self._at = lru_cache(maxsize=4)(self._content)

    def _content(self, width: int) -> Content:
        lines: list[Content] = []
        for label, text, tail in self.rows:
            indent = self.indent or label.cell_length
            room = width - indent
            head = label.extend_right(max(1, indent - cell_len(label.plain))) if self.indent else label
            if room < 10 or text.cell_length + tail.cell_length <= room:
                lines.append(head + text + tail)
                continue
            wrapped = text.wrap(room) or [Content("")]
            if wrapped[-1].cell_length + tail.cell_length <= room:
                wrapped[-1] += tail
            else:
                wrapped.append(tail[len(tail.plain) - len(tail.plain.lstrip()):])
            lines.append(head + wrapped[0])
            lines.extend(Content(" " * indent) + line for line in wrapped[1:])
        return Content("\n").join(lines)

    def __str__(self) -> str:
        return self._content(0).plain  # unwrapped

    def render_strips(self, width: int, height: int | None, style: Style, options: RenderOptions) -> list[Strip]:
        return self._at(width).render_strips(width, height, style, options)

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        return self._at(container_width).get_optimal_width(rules, container_width)

    def get_height(self, rules: RulesMap, width: int) -> int:
        return self._at(width).get_height(rules, width)
