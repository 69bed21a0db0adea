"""The health screen (``h``): "how is my network?" in five pictures.

A year heatmap of deep conversations and touches, the deep and active people against
their cadence (worst first), promises per quarter, trust balances with their trend,
and the diversity of the deep and active tiers beside the focus template. Each chart
has a one-line plain reading above it. ``[`` and ``]`` step the period through 3, 6
and 12 months; Enter on a person's bar goes to them on the main screen (the screen
dismisses with their id).

The numbers (:func:`model.planning.health.health`) are computed in a thread worker
from the app's planning snapshot; the charts (:mod:`tui.health_charts`) are drawn
from them at the screen's width, again on a resize, and follow the theme.
"""

from __future__ import annotations

from datetime import date

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Header, OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from model.planning.book import Book
from model.planning.health import EMPTY_TEXT, PERIODS, Health, health
from tui.book_source import app_book
from tui.health_charts import TITLES, Palette, palette_from_theme, section_lines
from tui.widgets.key_bar import KeyBar

#: at least this many columns: two charts side by side
WIDE = 140
#: per chart card: border and padding either side
CARD_FRAME = 4


class HealthScreen(Screen[str | None]):
    """Relationship health at a glance."""

    CSS_PATH = "health.tcss"

    BINDINGS = [
        Binding("escape", "close", "Close", id="health.close", tooltip="Back to the main screen"),
        Binding("left_square_bracket", "period(-1)", "Shorter", key_display="[", id="health.shorter",
                tooltip="A shorter period: 12, 6, 3 months"),
        Binding("right_square_bracket", "period(1)", "Longer", key_display="]", id="health.longer",
                tooltip="A longer period: 3, 6, 12 months"),
        Binding("tab", "app.focus_next", "Next list", show=False, id="health.next"),
    ]

    def __init__(self, today: date, months: int = 12, book: Book | None = None) -> None:
        super().__init__()
        self.today = today
        self.months = months if months in PERIODS else 12
        self.book = book
        self.health: Health | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="health-body"):
            yield Static("", id="health-empty")
            with Horizontal(classes="health-row"):
                yield self._card("heatmap", Static("", id="chart-heatmap"))
                yield self._card("promises", Static("", id="chart-promises"))
            with Horizontal(classes="health-row"):
                yield self._card("cadence", OptionList(id="chart-cadence"))
                yield self._card("trust", OptionList(id="chart-trust"))
            yield self._card("diversity", Static("", id="chart-diversity"))
        yield KeyBar()

    @staticmethod
    def _card(name: str, chart) -> Vertical:
        card = Vertical(Static("", id=f"reading-{name}", classes="reading"), chart,
                        id=f"card-{name}", classes="health-card")
        card.border_title = TITLES[name]
        return card

    def on_mount(self) -> None:
        self.set_class(self.size.width < WIDE, "-narrow")
        self.book = self.book or app_book(self.app)
        self.query_one("#health-body").loading = True
        self.app.theme_changed_signal.subscribe(self, lambda _theme: self.draw())
        self.compute()

    # -- numbers ------------------------------------------------------------------

    def compute(self) -> None:
        self._subtitle()
        self._compute(self.book, self.months)

    @work(thread=True, exclusive=True, group="health", name="health numbers")
    def _compute(self, book: Book | None, months: int) -> None:
        if book is None:  # a harness without the app's snapshot: read the store
            from model.planning.book import Book as _Book

            book = _Book.from_store(self.app.store)  # type: ignore[attr-defined]
        result = health(book, self.today, months)
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._computed, book, result)

    def _computed(self, book: Book, result: Health) -> None:
        if result.months != self.months:
            return  # a newer period was asked for meanwhile
        self.book, self.health = book, result
        self.query_one("#health-body").loading = False
        self.draw()

    def show_book(self, book: Book) -> None:
        """The app's hook after a write or an outside change: the numbers again."""
        self.book = book
        self.compute()

    # -- drawing ------------------------------------------------------------------

    def _subtitle(self) -> None:
        self.query_one("#health-body").border_title = (
            f"Relationship health · last {self.months} months to {self.today.isoformat()}")
        self.query_one("#health-body").border_subtitle = "[ ] period 3/6/12 · Enter on a person opens them"

    def _palette(self) -> Palette:
        return palette_from_theme(self.app.theme_variables)

    def _width(self, wide_card: bool = False) -> int:
        body = max(40, self.size.width - 2)
        if self.has_class("-narrow") or wide_card:
            return body - CARD_FRAME
        return body // 2 - CARD_FRAME

    def draw(self) -> None:
        """Every chart from the numbers, at the width the screen has now."""
        h = self.health
        if h is None:
            return
        empty = self.query_one("#health-empty", Static)
        empty.display = h.empty
        for card in self.query(".health-card, .health-row"):
            card.display = not h.empty
        if h.empty:
            empty.update(EMPTY_TEXT)
            return
        p = self._palette()
        readings = h.readings()
        for name in TITLES:
            self.query_one(f"#reading-{name}", Static).update(Text(readings[name], style="italic"))
        for name in ("heatmap", "promises", "diversity"):
            lines = section_lines(h, name, self._width(wide_card=name == "diversity"), p)
            self.query_one(f"#chart-{name}", Static).update(Text("\n").join(lines))
        for name, items in (("cadence", h.cadence), ("trust", h.trust)):
            lines = section_lines(h, name, self._width() - 2, p)
            chart = self.query_one(f"#chart-{name}", OptionList)
            at = chart.highlighted
            chart.clear_options()
            chart.add_options([Option(line, id=item.contact_id) for line, item in zip(lines, items)])
            if chart.option_count:
                chart.highlighted = min(at or 0, chart.option_count - 1)
        if not isinstance(self.focused, OptionList):
            self.query_one("#chart-cadence", OptionList).focus(scroll_visible=False)

    def on_resize(self) -> None:
        narrow = self.size.width < WIDE
        self.set_class(narrow, "-narrow")
        self.draw()

    # -- actions ------------------------------------------------------------------

    def action_period(self, by: int) -> None:
        i = PERIODS.index(self.months) if self.months in PERIODS else len(PERIODS) - 1
        months = PERIODS[max(0, min(len(PERIODS) - 1, i + by))]
        if months != self.months:
            self.months = months
            self.compute()

    def action_close(self) -> None:
        self.dismiss(None)

    @on(OptionList.OptionSelected)
    def _person_chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id:
            self.dismiss(event.option.id)
