"""Rows of a label and its text, the text's wrapped lines hanging under the text; and
paragraphs wrapped the Japanese way (no line starting with 、or 。).

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

from tui.text import break_units


Row = tuple[Content, Content, Content]  # label, text, a tail kept whole (a due date)


def wrap_content(content: Content, width: int) -> list[Content]:
    """``content`` wrapped to ``width`` cells at :func:`tui.text.break_units`, its styles
    kept. Textual's own wrap cuts a Japanese sentence anywhere, before a 、 or 。 too."""
    lines: list[Content] = []
    for para in content.split("\n", allow_blank=True):
        plain = para.plain
        start = end = used = 0
        began = False
        for s, e, _space in break_units(plain):
            size = cell_len(plain[s:e])
            gap = cell_len(plain[end:s]) if began else 0
            if began and used + gap + size > width:
                lines.append(para[start:end])
                began = False
            if not began:
                keep_indent = not lines and plain[:s].isspace() and cell_len(plain[:e]) <= width
                start = 0 if keep_indent else s
                end, used, began = e, cell_len(plain[start:e]), True
            else:
                end, used = e, used + gap + size
        lines.append(para[start:end] if began else Content(""))
    return [piece for line in lines for piece in (line.fold(width) if line.cell_length > width else [line])]


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
            wrapped = wrap_content(text, room) or [Content("")]
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


def paragraph(content: Content) -> HangingRows:
    """``content`` as a Visual that wraps it at any width with :func:`wrap_content`."""
    return HangingRows([(Content(""), content, Content(""))], 0)
