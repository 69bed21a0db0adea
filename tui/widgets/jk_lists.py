"""Textual's option and selection lists with ``j`` / ``k`` moving, as in every list here.

They share the binding ids of :class:`~tui.widgets.row_list.RowList`'s keys
(``list.down``, ``list.up``), so one keymap line moves every list alike.
"""

from __future__ import annotations

from typing import Generic, TypeVar

from textual.binding import Binding
from textual.widgets import OptionList, SelectionList

T = TypeVar("T")

MOVES = [
    Binding("j", "cursor_down", "Down", show=False, id="list.down"),
    Binding("k", "cursor_up", "Up", show=False, id="list.up"),
]


class JKOptionList(OptionList):
    """An OptionList where j and k move like the arrows."""

    BINDINGS = MOVES


class JKSelectionList(SelectionList[T], Generic[T]):
    """A SelectionList where j and k move like the arrows."""

    BINDINGS = MOVES
