"""A list of one-line rows that renders only the lines on screen.

``OptionList`` and ``DataTable`` measure every row when their content is
replaced: with thousands of rows that is far over one frame per keystroke. This list keeps the rows its owner hands it (objects built once, then
reused by every filter), so replacing the shown rows costs a list copy, and
drawing costs the ~40 visible lines.

Rows are :class:`Row` objects: a ``key`` (``None`` for a heading the cursor
skips) and a ``render(width) -> Text`` callable. Wide (CJK) characters are
measured in cells by Rich, so columns line up. A row must always draw the same
line: the list keeps each row's drawing (by the row object, across filters and
snapshots) until the width, the focus or the theme changes; a row whose line
changes is a new :class:`Row`. The rows can be any sequence (:class:`LazyRows`
makes them when they are looked at); one with ``find(key)`` is never walked.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Self

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.binding import Binding
from textual.cache import LRUCache
from textual.color import Color
from textual.events import Click
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tui.widgets.bar_render import StripScrollBarRender
from tui.widgets.row_cells import RowCells


#: Rows whose drawing a list keeps: a few screens' worth (each strip is ~10 objects the
#: garbage collector walks; 2,000 of them made its full collections ~30 % slower).
CACHED_ROWS = 600


class Row:
    """One line: a key to report (None for a heading) and how to draw it."""

    __slots__ = ("key", "render")

    def __init__(self, key: str | None, render: Callable[[int], Text]) -> None:
        self.key = key
        self.render = render


class LazyRows(Sequence[Row]):
    """Rows made only when asked for: a list of 50,000 costs its keys, not 50,000 rows."""

    def __init__(self, keys: list[str], make: Callable[[int], Row],
                 where: dict[str, int] | None = None) -> None:
        self.keys = keys
        self._make = make
        self._made: dict[int, Row] = {}
        self._where = where  # key -> index, made on the first find() if not given

    def __len__(self) -> int:
        return len(self.keys)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self.keys)
        row = self._made.get(index)
        if row is None:
            row = self._made[index] = self._make(index)
        return row

    def find(self, key: str) -> int:
        if self._where is None:
            self._where = {k: i for i, k in enumerate(self.keys)}
        return self._where.get(key, -1)


class RowList(ScrollView, can_focus=True):
    """A scrolling list of :class:`Row` with a cursor, driven by the keyboard."""

    COMPONENT_CLASSES = {"row-list--cursor", "row-list--cursor-focused", "row-list--heading"}

    DEFAULT_CSS = """
    RowList { height: 1fr; overflow-x: hidden; }
    RowList > .row-list--cursor { background: $block-cursor-blurred-background; }
    RowList > .row-list--cursor-focused {
        background: $block-cursor-background; color: $block-cursor-foreground;
        text-style: bold;
    }
    RowList > .row-list--heading { color: $text-accent; text-style: bold; }
    """

    BINDINGS = [
        Binding("down,j", "cursor_down", "Down", show=False, id="list.down"),
        Binding("up,k", "cursor_up", "Up", show=False, id="list.up"),
        Binding("pagedown,ctrl+d", "page_down", "Page down", show=False, id="list.page_down"),
        Binding("pageup,ctrl+u", "page_up", "Page up", show=False, id="list.page_up"),
        Binding("home,g", "first", "First", show=False, id="list.first"),
        Binding("end,G", "last", "Last", show=False, id="list.last"),
        Binding("enter", "select", "Open", id="list.open",
                tooltip="Open the highlighted row"),
    ]

    # repaint=False: watch_cursor redraws what changed (two lines, or all after a scroll);
    # a repainting reactive would redraw the whole list on every cursor move
    cursor: reactive[int] = reactive(-1, always_update=True, init=False, repaint=False)
    """Index of the highlighted row, -1 when nothing can be highlighted."""

    @dataclass
    class Highlighted(Message):
        """The cursor moved to the row with ``key`` (None when the list is empty)."""

        row_list: RowList
        key: str | None

        @property
        def control(self) -> RowList:
            return self.row_list

        def can_replace(self, message: Message) -> bool:
            """Key repeat: only the last highlight waiting in the queue matters."""
            return isinstance(message, RowList.Highlighted) and message.row_list is self.row_list

    @dataclass
    class Selected(Message):
        """Enter was pressed on the row with ``key``."""

        row_list: RowList
        key: str

        @property
        def control(self) -> RowList:
            return self.row_list

    def __init__(self, *, name: str | None = None, id: str | None = None,
                 classes: str | None = None) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self._rows: Sequence[Row] = []
        #: (row, width, on the cursor, focused and on the cursor) -> the row drawn
        self._cache: LRUCache[tuple[Row, int, bool, bool], Strip] = LRUCache(CACHED_ROWS)
        self._cells = RowCells(lambda: self.app.console)  # a row's Text -> segments
        self._last_key: str | None = None
        self._styles: dict[bool, tuple[Style, Style, Style]] = {}
        self._frame: tuple[int, int, bool] | None = None  # (top row, width, focused) while drawing
        self._style_generation = 0  # counts style changes other than the focus's
        #: (rows, size, top row, style generation) when the whole list was last asked to redraw
        self._whole: tuple | None = None
        #: what _plain_lines found of the styles (False: not looked at since they changed)
        self._plain: tuple[Style, Color] | None | bool = False

    # -- content -------------------------------------------------------------

    @property
    def rows(self) -> Sequence[Row]:
        return self._rows

    @property
    def highlighted_key(self) -> str | None:
        if 0 <= self.cursor < len(self._rows):
            return self._rows[self.cursor].key
        return None

    def set_rows(self, rows: Sequence[Row], *, keep: str | None = None) -> None:
        """Show ``rows``; keep the cursor on ``keep`` (or the current key) if present.

        ``rows`` is any sequence of rows; one with a ``find(key) -> index`` method (as
        :class:`LazyRows`) is never walked through.
        """
        want = keep if keep is not None else self.highlighted_key
        old, top = self._rows, int(self.scroll_y)
        self._rows = rows
        self._set_virtual_height(len(rows))
        index = self._find(want) if want is not None else -1
        if index < 0:
            index = self._next_selectable(0, 1)
        self.cursor = index
        if int(self.scroll_y) != top or not self.is_mounted:
            self.refresh()
            return
        # Not scrolled: only the lines whose row is another object are drawn again (a
        # new snapshot keeps the rows of everyone unchanged; the cursor's lines are done).
        width, start = self.size.width, None  # (one region per run of changed lines)
        for y in range(self.size.height + 1):
            i = top + y
            before = old[i] if i < len(old) else None
            after = rows[i] if i < len(rows) else None
            if before is not after and y < self.size.height:
                start = y if start is None else start
            elif start is not None:
                self.refresh(Region(0, start, width, y - start))
                start = None

    def _find(self, key: str) -> int:
        rows = self._rows
        find = getattr(rows, "find", None)
        if find is not None:
            return find(key)
        for i, row in enumerate(rows):
            if row.key == key:
                return i
        return -1

    def select_key(self, key: str) -> bool:
        """Move the cursor to ``key``; say whether it is shown."""
        index = self._find(key)
        if index >= 0:
            self.cursor = index
        return index >= 0

    def line_text(self, y: int, width: int | None = None) -> str:
        """The plain text of row ``y`` as drawn (for tests and the help)."""
        return self._rows[y].render(width or self.scrollable_content_region.width).plain

    # -- cursor ---------------------------------------------------------------

    def _next_selectable(self, start: int, step: int) -> int:
        i = start
        while 0 <= i < len(self._rows):
            if self._rows[i].key is not None:
                return i
            i += step
        return -1

    def watch_cursor(self, old: int, new: int) -> None:
        target = self._scroll_target(new) if new >= 0 else self.scroll_y
        if target != self.scroll_y:
            self.scroll_to(y=target, animate=False, immediate=True)
            self.refresh()
        else:  # only the two lines that changed are drawn again
            top, width = int(self.scroll_y), self.size.width
            for index in {old, new}:
                if index >= 0:
                    self.refresh(Region(0, index - top, width, 1))
        key = self.highlighted_key
        if key != self._last_key or new < 0:
            self._last_key = key
            self.post_message(self.Highlighted(self, key))

    def _scroll_target(self, index: int) -> float:
        height = self.scrollable_content_region.height or 1
        top = self.scroll_y
        if index < top:
            return index
        if index >= top + height:
            return index - height + 1
        return top

    def _move(self, step: int, count: int = 1) -> None:
        if not self._rows:
            return
        i = max(self.cursor, 0)
        for _ in range(count):
            nxt = self._next_selectable(i + step, step)
            if nxt < 0:
                break
            i = nxt
        if self._rows[i].key is not None:
            self.cursor = i

    def action_cursor_down(self) -> None:
        self._move(1)

    def action_cursor_up(self) -> None:
        self._move(-1)

    def action_page_down(self) -> None:
        self._move(1, max(1, self.scrollable_content_region.height - 1))

    def action_page_up(self) -> None:
        self._move(-1, max(1, self.scrollable_content_region.height - 1))

    def action_first(self) -> None:
        i = self._next_selectable(0, 1)
        if i >= 0:
            self.cursor = i

    def action_last(self) -> None:
        i = self._next_selectable(len(self._rows) - 1, -1)
        if i >= 0:
            self.cursor = i

    def action_select(self) -> None:
        key = self.highlighted_key
        if key is not None:
            self.post_message(self.Selected(self, key))

    def on_click(self, event: Click) -> None:
        y = event.y + int(self.scroll_y)
        if 0 <= y < len(self._rows) and self._rows[y].key is not None:
            if y == self.cursor and event.chain > 1:
                self.action_select()
            self.cursor = y

    # -- drawing ----------------------------------------------------------------

    def on_mount(self) -> None:
        self.vertical_scrollbar.renderer = StripScrollBarRender  # the same bar, drawn cheaper

    def on_resize(self) -> None:
        # The drawn rows are kept (cached by width). Only the width is new: the layout that
        # resized the list drew it and set its scrollbar, so neither is asked for again.
        self.set_reactive(RowList.virtual_size, Size(self.scrollable_content_region.width, len(self._rows)))

    def _set_virtual_height(self, rows: int) -> None:
        """Tell the scrollbar how many rows there are, without laying out the whole screen.

        ``virtual_size`` is a layout reactive: assigning it lays out and redraws the
        whole screen. Only the scrollbar needs the number, and Textual
        has no public way to say so: this is the one private call left, the one
        ``ScrollView`` itself makes when its size changes (``_scroll_update``). Doing its
        work through the public pieces (``show_vertical_scrollbar``, the scrollbar's
        reactives, ``validate_scroll_y``) was tried: it scrolled the list by a line at
        start, i.e. it does not match Textual's bookkeeping. If the scrollbar has to
        appear or go, ``show_vertical_scrollbar`` (a layout reactive) still lays out.
        """
        size = Size(self.scrollable_content_region.width, rows)
        if size != self.virtual_size:
            self.set_reactive(RowList.virtual_size, size)
            self._scroll_update(size)

    def _row_styles(self, focused: bool) -> tuple[Style, Style, Style]:
        """(base, heading, cursor) styles: looked up once per focus state, not per line.

        Resolving a widget's style walks its CSS; a redraw of 40 lines asked for it
        40 times.
        """
        styles = self._styles.get(focused)
        if styles is None:
            styles = self._styles[focused] = (
                self.rich_style,
                self.get_component_rich_style("row-list--heading"),
                self.get_component_rich_style("row-list--cursor-focused" if focused else "row-list--cursor"),
            )
        return styles

    def render_lines(self, crop: Region) -> list[Strip]:
        # What every line asks for, looked up once per redraw instead of once per line
        # (the content region alone is a computation of Textual's each time).
        self._frame = (int(self.scroll_y), self.scrollable_content_region.width, self.has_focus)
        try:
            plain = self._plain_lines()
            if plain is None:
                return super().render_lines(crop)
            return self._lines(crop, *plain)
        finally:
            self._frame = None

    def _plain_lines(self) -> tuple[Style, Color, list] | None:
        """(the style under the scrollbar's gutter, the background, the app's line filters)
        when the list's styles add nothing to its lines (no border, padding, outline, tint,
        opacity or hatch: the lists here), else None: Textual's own path draws them."""
        plain = self._plain
        if plain is False:
            styles = self.styles
            if (any(edge for edge, _color in (*styles.border, *styles.outline)) or any(styles.padding) or styles.tint.a
                    or styles.opacity != 1 or styles.text_opacity != 1 or styles.has_rule("hatch")):
                plain = None
            else:
                base, background = self.background_colors
                plain = (Style(bgcolor=(base + background).rich_color), background)
            self._plain = plain
        return None if plain is None else (*plain, self.get_line_filters())

    def _lines(self, crop: Region, gutter: Style, background: Color, filters: list) -> list[Strip]:
        """The lines Textual's styles cache would make of :meth:`render_line` for a plain
        list (each padded over the scrollbar's gutter, filtered), made from the kept rows'
        strips without it: its cache makes every line it draws a new strip, and the
        compositor then filters and cuts each new one again (a kept strip reuses its own
        padded, filtered and cut versions)."""
        width = self.size.width
        strips = []
        for y in crop.line_range:
            strip = self.render_line(y).adjust_cell_length(width, gutter)
            for line_filter in filters:
                strip = strip.apply_filter(line_filter, background)
            strips.append(strip)
        if crop.column_span != (0, width):
            x1, x2 = crop.column_span
            strips = [strip.crop(x1, x2) for strip in strips]
        return strips

    def render_line(self, y: int) -> Strip:
        frame = self._frame
        if frame is None:  # asked outside a redraw
            frame = (int(self.scroll_y), self.scrollable_content_region.width, self.has_focus)
        top, width, focused = frame
        index = y + top
        base, heading, cursor = self._row_styles(focused)
        if not 0 <= index < len(self._rows):
            return Strip([Segment(" " * width, base)], width)
        row = self._rows[index]
        on_cursor = index == self.cursor
        # Keyed by the row itself, not its index: a row drawn once is drawn again from
        # here wherever it shows up (after a filter, after the next snapshot, back at the
        # person looked at before), until the width, the focus or the theme changes.
        cache_key = (row, width, on_cursor, focused and on_cursor)  # (the focus shows on the cursor only)
        strip = self._cache.get(cache_key)
        if strip is None:
            segments = self._cells.segments(row.render(width), width, base)
            if row.key is None:
                segments = Segment.apply_style(segments, heading)
            elif on_cursor:
                segments = Segment.apply_style(segments, post_style=cursor)
            strip = self._cache[cache_key] = Strip(segments, width)
        return strip

    def watch_has_focus(self, has_focus: bool) -> None:
        """The focus changes the cursor's colours only (``row-list--cursor-focused``, not a
        ``:focus`` rule): no restyle, which also redrew the scrollbar over every line."""
        self.refresh()  # the cursor's line (see refresh)

    def notify_style_update(self) -> None:
        before = self._styles.get(False)
        self._styles.clear()
        self._plain = False
        if before is None or self._row_styles(False)[:2] != before[:2]:
            # a real change (the theme): every row is drawn again
            self._style_generation += 1
            self._cache.clear()
            self._cells.clear()
        # else the focus came or went: only the cursor's colours differ (its rows are
        # cached by focus), so the rows drawn stay
        super().notify_style_update()

    def refresh(self, *regions: Region, repaint: bool = True, layout: bool = False,
                recompose: bool = False) -> Self:
        """Textual redraws a widget whole when it gains or loses the focus; for this list
        that changes only the cursor's line, so when nothing else changed since the list
        was last drawn whole (the rows, the size, the scroll, the styles) only that line
        is drawn again (Tab between panes redrew 40 lines of two lists)."""
        if regions or layout or recompose or not repaint or not self.is_mounted:
            return super().refresh(*regions, repaint=repaint, layout=layout, recompose=recompose)
        whole = (self._rows, self.size, int(self.scroll_y), self._style_generation)
        if whole == self._whole:
            y = self.cursor - whole[2]
            if 0 <= y < self.size.height:
                return super().refresh(Region(0, y, self.size.width, 1))
            return self
        self._whole = whole
        return super().refresh()
