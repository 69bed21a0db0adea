"""Search every note and promise (``s``, or ``/`` on the timeline pane).

Each keystroke queries the snapshot's :class:`model.search.SearchIndex` (built in a
worker, once per snapshot: :meth:`tui.app.KizunaApp.search_index`), never the store.
Results are newest first with the matched words highlighted; Enter opens the person
at that entry. Confidential notes match only while they are revealed (``v``).
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from model.language.i18n import _, ngettext, word
from model.records import Promise
from model.search import Hit, QueryError, SearchIndex, highlight_spans, parse_query
from tui.text import fit, kind_width, printable as _safe
from tui.widgets.key_bar import KeyBar
from tui.widgets.row_list import Row, RowList

#: results shown (the newest)
LIMIT = 100


class SearchScreen(ModalScreen[tuple[str, str] | None]):
    """Dismissed with (person id, timeline row key) of the chosen entry, or None."""

    CSS_PATH = "search.tcss"

    BINDINGS = [
        Binding("down", "move(1)", "Next", show=False, id="search.next"),
        Binding("up", "move(-1)", "Previous", show=False, id="search.previous"),
        Binding("pagedown", "move(10)", "Page down", show=False, id="search.page_down"),
        Binding("pageup", "move(-10)", "Page up", show=False, id="search.page_up"),
        Binding("escape", "close", "Close", id="search.close", tooltip="Close the search"),
    ]

    def __init__(self, include_confidential: bool = False) -> None:
        super().__init__()
        self.include_confidential = include_confidential
        self.index: SearchIndex | None = None
        self.hits: list[Hit] = []
        self.shown: str | None = None  # the query whose results are on screen
        #: (record id, width) -> the start of its row and its text, made once
        self._heads: dict[tuple[str, int], tuple[Text, str]] = {}

    def compose(self) -> ComposeResult:
        with Vertical(id="search-box"):
            yield Input(placeholder=_('words, "a phrase", @person, #tag, kind:meal, since:2026-01, before:2026-06'),
                        id="search-input")
            yield Static("", id="search-status")
            yield RowList(id="search-results")
        yield KeyBar()

    def on_mount(self) -> None:
        self.app.search_open = True
        self.query_one("#search-input", Input).focus()
        self.show_index(self.app.search_index())

    def on_unmount(self) -> None:
        self.app.search_open = False

    def show_index(self, index: SearchIndex | None) -> None:
        """The snapshot's index (None while a worker builds it: it comes here when done)."""
        if index is not self.index:
            self._heads.clear()  # names or texts may have changed
        self.index = index
        self._run()

    def show_book(self, book) -> None:
        """A new snapshot: its index replaces this one when built."""
        self.show_index(self.app.search_index())

    @on(Input.Changed, "#search-input")
    def _changed(self) -> None:
        self._run()

    def _run(self) -> None:
        text = self.query_one("#search-input", Input).value
        status = self.query_one("#search-status", Static)
        results = self.query_one("#search-results", RowList)
        try:
            query = parse_query(text)
        except QueryError as exc:
            status.update(Text(str(exc), "red"), layout=False)
            return
        if self.index is None:
            status.update(Text(_("building the search index…"), "dim"), layout=False)
            return
        if not query:
            self.hits = []
            results.set_rows([])
            hidden = "" if self.include_confidential else _(" (confidential notes only while revealed: v)")
            count = ngettext("{n} note or promise", "{n} notes and promises", len(self.index)).format(
                n=f"{len(self.index):,}")
            status.update(Text(count + hidden, "dim"), layout=False)
            return
        self.hits = self.index.search(query, include_confidential=self.include_confidential, limit=LIMIT)
        book = self.app.book
        rows = [Row(_key(h), self._renderer(h, query, book)) for h in self.hits]
        results.set_rows(rows, keep="")
        more = "+" if len(self.hits) == LIMIT else ""
        status.update(Text(_("{n} found · Enter opens the person at that entry").format(n=f"{len(self.hits)}{more}"),
                           "dim"),
                      layout=False)  # one line, fixed height (search.tcss): no layout
        self.shown = text

    def _renderer(self, hit: Hit, query, book):
        heads = self._heads

        def render(width: int) -> Text:
            key = (hit.record.id, width)
            made = heads.get(key)
            if made is None:  # the same entry is drawn again for the next keystroke
                names = [c.name for c in (book.get_contact(i) for i in hit.people) if c]
                who = (names[0] + (f" +{len(names) - 1}" if len(names) > 1 else "")) if names else "?"
                kind = _("promise") if hit.kind == "promise" else word("kind", hit.record.kind)
                head = Text()
                head.append(hit.day + " ", "dim")
                head.append(fit(kind, kind_width()) + " ", "cyan")
                head.append(fit(_safe(who), 16) + " ", "bold")
                body = _safe(hit.text[:max(0, width - head.cell_len)])
                made = heads[key] = (head, body)
            head, body = made
            text = head.copy()
            shown = Text(body)
            for start, end in highlight_spans(body, query):
                shown.stylize("bold reverse", start, end)
            text.append_text(shown)
            text.truncate(width, overflow="ellipsis")
            return text

        return render

    def action_move(self, step: int) -> None:
        results = self.query_one("#search-results", RowList)
        if results.rows:
            results.cursor = max(0, min(len(results.rows) - 1, results.cursor + step))

    @on(Input.Submitted, "#search-input")
    def _submitted(self) -> None:
        self._open(self.query_one("#search-results", RowList).highlighted_key)

    @on(RowList.Selected, "#search-results")
    def _selected(self, event: RowList.Selected) -> None:
        event.stop()
        self._open(event.key)

    def _open(self, key: str | None) -> None:
        hit = next((h for h in self.hits if _key(h) == key), None)
        if hit is None or not hit.people:
            return
        self.dismiss((hit.people[0], key))

    def action_close(self) -> None:
        self.dismiss(None)


def _key(hit: Hit) -> str:
    """The timeline's row key of the entry (tui.widgets.timeline)."""
    return ("p:" if isinstance(hit.record, Promise) else "i:") + hit.record.id
