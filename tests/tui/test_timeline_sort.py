"""Everyone's timeline is sorted in pieces (a worker must not hold the interpreter for
one long sort): the result is exactly one stable sort, newest first."""

from __future__ import annotations

from operator import itemgetter

from hypothesis import given
from hypothesis import strategies as st

from tui.widgets.timeline import _sorted_in_pieces


@given(st.lists(st.integers(0, 30), max_size=300), st.integers(1, 50))
def test_pieces_merged_are_one_stable_sort(keys, piece):
    items = [(k, i) for i, k in enumerate(keys)]  # i: the order they came in
    assert _sorted_in_pieces(items, itemgetter(0), piece) == sorted(items, key=itemgetter(0), reverse=True)
