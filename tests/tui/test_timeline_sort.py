"""Everyone's timeline of a big book is sorted in a worker, in pieces (a worker must not
hold the interpreter for one long sort either): the result is exactly one stable sort."""

from __future__ import annotations

from operator import itemgetter

from hypothesis import given
from hypothesis import strategies as st

from app_helpers import SIZE, settle
from tui.widgets.row_list import RowList
from tui.widgets.timeline import _sorted_in_pieces


@given(st.lists(st.integers(0, 30), max_size=300), st.integers(1, 50))
def test_pieces_merged_are_one_stable_sort(keys, piece):
    items = [(k, i) for i, k in enumerate(keys)]  # i: the order they came in
    assert _sorted_in_pieces(items, itemgetter(0), piece) == sorted(items, key=itemgetter(0), reverse=True)


def rows(app, selector: str) -> list[str]:
    row_list = app.screen.query_one(selector, RowList)
    return [row_list.line_text(i) for i in range(len(row_list.rows))]


async def test_everyones_timeline_of_a_big_book_is_sorted_in_a_worker(demo_store, make_test_app):
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        pane = app.screen.query_one("#timeline-pane")
        pane.SORT_IN_WORKER_ABOVE = 0  # as if the demo were a lifetime of notes
        pane.action_toggle_everyone()  # what `t` does; nothing has had a turn to finish yet
        assert "sorting every note" in pane.border_subtitle  # answered at once, not sorted here
        assert rows(app, "#timeline-list") == []
        await settle(app, pilot)
        everyone = rows(app, "#timeline-list")
        assert len(everyone) == len(demo_store.interactions()) + len(demo_store.promises())
        assert "sorting" not in pane.border_subtitle and "entries" in pane.border_subtitle
        await pilot.press("t", "t")  # away and back: sorted once per snapshot, shown at once
        assert len(rows(app, "#timeline-list")) == len(everyone)
