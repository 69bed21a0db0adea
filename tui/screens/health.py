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
from functools import partial

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Header, Static
from textual.worker import get_current_worker

from model.language.i18n import _
from model.planning.book import Book
from model.planning.health import EMPTY_TEXT, PERIODS, Health, health
from tui.book_source import app_book, follow_book
from tui.hanging_rows import paragraph
from tui.health_charts import (
    TITLES,
    Palette,
    cadence_line,
    palette_from_theme,
    report_title,
    section_lines,
    trust_line,
    trust_scale,
)
from tui.widgets.key_bar import KeyBar
from tui.widgets.row_list import Row, RowList

#: at least this many columns: two charts side by side
WIDE = 140
#: per chart card: border and padding either side
CARD_FRAME = 4
#: the person charts show this many rows before they scroll
PERSON_ROWS = 20


class HealthScreen(Screen[str | None]):
    """Relationship health at a glance."""

    CSS_PATH = "health.tcss"
    AUTO_FOCUS = ""  # on_mount focuses the cadence list without scrolling the top charts away

    BINDINGS = [
        Binding("escape", "close", "Close", id="health.close", tooltip="Back to the main screen"),
        Binding("left_square_bracket", "period(-1)", "Shorter", key_display="[", id="health.shorter",
                tooltip="A shorter period: 12, 6, 3 months"),
        Binding("right_square_bracket", "period(1)", "Longer", key_display="]", id="health.longer",
                tooltip="A longer period: 3, 6, 12 months"),
        Binding("tab", "app.focus_next", "Next list", show=False, id="health.next"),
    ]

    def __init__(self, today: date, months: int = 12, book: Book | None = None,
                 health: Health | None = None) -> None:
        """``health`` (of ``book``, computed in a worker before the screen opens) is drawn
        as the screen first shows; without it the numbers are computed in a worker."""
        super().__init__()
        self.today = today
        self.months = months if months in PERIODS else 12
        self.book = book
        self.health: Health | None = health
        self._drawn_width = 0
        self._filled: set[str | None] = set()  # the person lists that showed their first highlight

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="health-body"):
            yield Static("", id="health-empty")
            with Horizontal(classes="health-row"):
                yield self._card("heatmap", Static("", id="chart-heatmap"))
                yield self._card("promises", Static("", id="chart-promises"))
            with Horizontal(classes="health-row"):
                yield self._card("cadence", RowList(id="chart-cadence"))
                yield self._card("trust", RowList(id="chart-trust"))
            yield self._card("diversity", Static("", id="chart-diversity"))
        yield KeyBar()

    @staticmethod
    def _card(name: str, chart) -> Vertical:
        card = Vertical(Static("", id=f"reading-{name}", classes="reading"), chart,
                        id=f"card-{name}", classes="health-card")
        card.border_title = _(TITLES[name])
        return card

    def on_mount(self) -> None:
        self.set_class(self.app.size.width < WIDE, "-narrow")
        self.set_focus(self.query_one("#chart-cadence"), scroll_visible=False)
        self.book = self.book or app_book(self.app)
        self.app.theme_changed_signal.subscribe(self, lambda _theme: self.draw())
        follow_book(self)
        if self.health is not None and self.health.months == self.months:
            self.draw()  # before the first frame: the screen shows drawn
        else:
            self.compute()

    # -- numbers ------------------------------------------------------------------

    def compute(self) -> None:
        self._subtitle()
        self._compute(self.book, self.months)

    @work(thread=True, exclusive=True, group="health", name="health numbers")
    def _compute(self, book: Book | None, months: int) -> None:
        if book is None:  # a harness without the app's snapshot: read the store
            book = Book.from_store(self.app.store)
        result = health(book, self.today, months)
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._computed, book, result)

    def _computed(self, book: Book, result: Health) -> None:
        if result.months != self.months:
            return  # a newer period was asked for meanwhile
        self.book, self.health = book, result
        self.draw()

    def reopen(self, book: Book, result: Health | None) -> None:
        """Show again (the app keeps one health screen): these numbers, or count them."""
        self.book = book
        if result is not None and result.months == self.months:
            self.health = result
            if self.is_mounted:
                self.draw()
        elif self.is_mounted:
            self.compute()

    def show_book(self, book: Book) -> None:
        """Each new snapshot (a write, an outside change): the numbers again while shown;
        a hidden screen (the app keeps it installed) only forgets its numbers."""
        self.book = book
        if self.is_current:
            self.compute()
        else:
            self.health = None

    # -- drawing ------------------------------------------------------------------

    def _subtitle(self, counting: bool = True) -> None:
        body = self.query_one("#health-body")
        body.border_title = report_title(self.months, self.today)
        body.border_subtitle = (_("counting…") if counting
                                else _("[ ] period 3/6/12 · Enter on a person opens them"))

    def _palette(self) -> Palette:
        return palette_from_theme(self.app.theme_variables)

    def _width(self, wide_card: bool = False) -> int:
        body = max(40, self.app.size.width - 2)  # the screen fills the app (and may not be laid out yet)
        if self.has_class("-narrow") or wide_card:
            return body - CARD_FRAME
        return body // 2 - CARD_FRAME

    def draw(self) -> None:
        """Every chart from the numbers, at the width the screen has now."""
        h = self.health
        if h is None:
            return
        self._subtitle(counting=False)
        self._drawn_width = self.app.size.width
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
            self.query_one(f"#reading-{name}", Static).update(paragraph(Content.styled(readings[name], "italic")))
        for name in ("heatmap", "promises", "diversity"):
            lines = section_lines(h, name, self._width(wide_card=name == "diversity"), p)
            self.query_one(f"#chart-{name}", Static).update(Text("\n").join(lines))
        # the person charts are drawn row by row at the list's own width (RowList)
        top = trust_scale(list(h.trust))
        for name, rows in (
                ("cadence", [Row(b.contact_id, partial(cadence_line, b, p=p)) for b in h.cadence]),
                ("trust", [Row(r.contact_id, partial(trust_line, r, top=top, p=p)) for r in h.trust])):
            chart = self.query_one(f"#chart-{name}", RowList)
            chart.styles.height = max(1, min(PERSON_ROWS, len(rows)))
            chart.set_rows(rows)

    def on_resize(self) -> None:
        self.set_class(self.app.size.width < WIDE, "-narrow")
        if self.app.size.width != self._drawn_width:
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

    @on(RowList.Highlighted)
    def _row_in_view(self, event: RowList.Highlighted) -> None:
        """The screen opens at its top charts; a highlight moved in a person list further
        down brings that list into view (its first highlight, as it is filled, does not)."""
        chart = event.row_list
        if chart.id in self._filled and chart.has_focus:
            chart.scroll_visible(animate=False, immediate=True)
        self._filled.add(chart.id)

    @on(RowList.Selected)
    def _person_chosen(self, event: RowList.Selected) -> None:
        event.stop()
        if event.key:
            self.dismiss(event.key)
