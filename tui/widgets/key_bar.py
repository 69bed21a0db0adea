"""The key bar at the bottom of every screen: the keys that work here, on one line.

Textual's ``Footer`` shows the same thing, but as one widget per key, and it
removes and mounts all of them again whenever the keys change — on every
focus move between panes and every screen opened or closed (styling ~20 new
widgets, a layout, a redraw of the whole screen): most of the pause when a
dialog closed.
``KeyBar`` draws the keys as one line of text and repaints only that line.

It reads the same public information the ``Footer`` reads (the screen's
``active_bindings``, refreshed through ``bindings_updated_signal``), so a
binding's ``show``, ``key_display``, ``description`` and ``tooltip`` and the
app's ``check_action`` (``False`` hides a key, ``None`` dims it) work as they do
for the ``Footer``; a node's ``describe_binding`` may change a key's word for now
(:func:`describe`). A click on a key presses it; hovering shows its tooltip.
"""

from __future__ import annotations

from typing import NamedTuple

from rich.text import Text
from textual import events
from textual.strip import Strip
from textual.widget import Widget

from model.language.i18n import _, language, pgettext
from tui.widgets.row_cells import RowCells


#: keys kept at the right end whatever the width (Help: it lists every key)
KEPT = frozenset({"question_mark"})
#: shorter labels, used for every key when the full ones do not all fit (80 columns)
SHORT = {
    "Add person": "Add", "Month review": "Month", "Log touch": "Touch", "Log deep": "Deep",
    "Save review": "Save", "Carry over": "Carry", "Empty slot": "Empty", "Prev month": "Prev",
    "Next month": "Next", "Everyone's timeline": "Everyone", "Reveal confidential": "Reveal",
    "Edit person": "Edit", "Keep editing": "Keep", "Clear filter": "Clear",
    "Skip": "Skip",  # (shorter in Japanese: the review's keys fit 80 columns)
}


#: how many lines (sets of keys) the bar keeps drawn
KEPT_LINES = 4

_SHORT_SHOWN: tuple[str, dict[str, str]] = ("", {})


def short_words() -> dict[str, str]:
    """:data:`SHORT` in the language in use (tui.binding_words lists the short words)."""
    global _SHORT_SHOWN
    if _SHORT_SHOWN[0] != language():
        _SHORT_SHOWN = (language(), {_(full): pgettext("short", brief) for full, brief in SHORT.items()})
    return _SHORT_SHOWN[1]


class Item(NamedTuple):
    key: str
    display: str
    description: str
    enabled: bool
    tooltip: str


def describe(node, binding) -> str:
    """A binding's word now: the node's ``describe_binding(binding)`` if it has one and
    says something (``v`` reads Hide once notes are revealed), else its description."""
    hook = getattr(node, "describe_binding", None)
    return _((hook(binding) if hook is not None else None) or binding.description)


class KeyBar(Widget, can_focus=False):
    """One line of ``key description`` pairs; the command palette's key on the right."""

    ALLOW_SELECT = False
    COMPONENT_CLASSES = {"key-bar--key", "key-bar--description"}

    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        color: $footer-foreground;
        background: $footer-background;
        & > .key-bar--key {
            color: $footer-key-foreground;
            background: $footer-key-background;
            text-style: bold;
        }
        & > .key-bar--description {
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
    }
    """

    def __init__(self, *, name: str | None = None, id: str | None = None,
                 classes: str | None = None) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self._items: tuple[Item, ...] = ()
        self._palette: Item | None = None
        self._spans: list[tuple[int, int, Item]] = []  # x ranges drawn last time
        self._cells = RowCells(lambda: self.app.console)
        #: (keys, palette, width) -> the line, for the last few: the main screen's keys come
        #: back when a dialog over it closes, in the frame that redraws all of it
        self._drawn: dict[tuple, tuple[Strip, list[tuple[int, int, Item]]]] = {}  # (line, spans)

    # -- which keys ----------------------------------------------------------------

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        self._bindings_changed(self.screen)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen) -> None:
        if not self.is_attached or screen is not self.screen:
            return
        app = self.app
        items: dict[str, Item] = {}  # by action: one key per action, as the Footer shows
        palette: Item | None = None
        for key, (node, binding, enabled, tooltip) in screen.active_bindings.items():
            if key == app.COMMAND_PALETTE_BINDING and app.ENABLE_COMMAND_PALETTE:
                palette = Item(binding.key, app.get_key_display(binding), _(binding.description),
                               enabled, _(binding.tooltip or binding.description))
                continue
            if not binding.show or binding.action in items:
                continue
            items[binding.action] = Item(binding.key, app.get_key_display(binding),
                                         describe(node, binding), enabled, _(tooltip or binding.description))
        shown = tuple(items.values())
        if (shown, palette) != (self._items, self._palette):
            self._items, self._palette = shown, palette
            self.refresh()

    @property
    def keys(self) -> list[str]:
        """The keys shown (as bound, e.g. ``question_mark``), in order; the palette's last."""
        return [i.key for i in self._items] + ([self._palette.key] if self._palette else [])

    # -- drawing -------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        """The line as one strip, kept while the keys, the width and the styles stay: Textual
        makes ``render()``'s text into strips again on every redraw (three per resize)."""
        width = self.size.width
        key = (self._items, self._palette, width)
        drawn = self._drawn.get(key)
        if drawn is None:
            line = self.render()
            line.truncate(width, overflow="crop")  # (as render()'s text is drawn: cut, no …)
            segments = self._cells.segments(line, width, self.rich_style)
            if len(self._drawn) >= KEPT_LINES:
                del self._drawn[next(iter(self._drawn))]
            drawn = self._drawn[key] = (Strip(segments, width), self._spans)
        self._spans = drawn[1]  # (where each key is on the line, for the mouse)
        return drawn[0]

    def notify_style_update(self) -> None:
        self._drawn.clear()
        self._cells.clear()
        super().notify_style_update()

    def render(self) -> Text:
        """Every key with its full label if they all fit; else every key with its short one
        (``SHORT``); else as many short ones as fit, whole, Help and the palette kept."""
        for short in (False, True):
            line, spans, fits = self._line(short)
            if fits:
                break
        self._spans = spans
        return line

    def _line(self, short: bool) -> tuple[Text, list[tuple[int, int, Item]], bool]:
        key_style = self.get_component_rich_style("key-bar--key")
        text_style = self.get_component_rich_style("key-bar--description")

        def piece(item: Item) -> Text:
            text = Text(f" {item.display} ", key_style)
            description = short_words().get(item.description, item.description) if short else item.description
            if description:
                text.append(f"{description} ", text_style)
            if not item.enabled:
                text.stylize("dim")
            return text

        # Help and the palette never fall off the right end: they lead to every other key.
        right = [i for i in self._items if i.key in KEPT] + ([self._palette] if self._palette else [])
        left = [i for i in self._items if i.key not in KEPT]
        right_pieces = [piece(i) for i in right]
        room = self.size.width - sum(p.cell_len for p in right_pieces) - (1 if self._palette else 0)
        line = Text(no_wrap=True, overflow="crop", end="")
        spans: list[tuple[int, int, Item]] = []
        fits = True
        for item in left:
            text = piece(item)
            if line.cell_len + text.cell_len > room:
                fits = False
                break  # no half keys: the help (?) lists every one
            spans.append((line.cell_len, line.cell_len + text.cell_len, item))
            line.append_text(text)
        line.append(" " * max(0, room - line.cell_len))
        for item, text in zip(right, right_pieces):
            if item is self._palette:
                line.append("▏", "dim")
            spans.append((line.cell_len, line.cell_len + text.cell_len, item))
            line.append_text(text)
        return line, spans, fits

    # -- the mouse -------------------------------------------------------------------

    def _item_at(self, x: int) -> Item | None:
        for start, end, item in self._spans:
            if start <= x < end:
                return item
        return None

    def on_click(self, event: events.Click) -> None:
        item = self._item_at(event.x)
        if item is None:
            return
        event.stop()
        if item.enabled:
            self.app.simulate_key(item.key)
        else:
            self.app.bell()

    def on_mouse_move(self, event: events.MouseMove) -> None:
        item = self._item_at(event.x)
        self.tooltip = item.tooltip if item else None
