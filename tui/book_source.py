"""Where a screen gets its planning snapshot from, without blocking the event loop."""

from __future__ import annotations

import weakref
from typing import Any

from model.planning.book import Book
from tui import threads


def app_book(app: object) -> Book | None:
    """The app's current planning snapshot when the app keeps one (``KizunaApp.book``).

    Screens opened from the real app start from it at once; anywhere else
    (a test harness) they get ``None`` and read the store in a worker.
    """
    book = getattr(app, "book", None)
    return book if isinstance(book, Book) else None


def follow_book(node: Any, *, with_view: bool = False) -> None:
    """Call ``node.show_book(book)`` (``(book, view)`` with ``with_view``) with each new
    snapshot the app announces on its ``book_changed_signal``. Call it from ``on_mount``;
    outside the real app it does nothing."""
    signal = getattr(node.app, "book_changed_signal", None)
    if signal is None:
        return
    # The signal keeps its callbacks by node, strongly: a callback holding the node would
    # keep a closed screen alive (and stop the app's freezes, tui.collector).
    show = weakref.WeakMethod(node.show_book)

    def changed(message: Any) -> None:
        method = show()
        if method is not None:
            method(message.book, message.view) if with_view else method(message.book)

    signal.subscribe(node, changed, immediate=True)  # at once, as the app swaps the book in


class ReadsBook:
    """For screens that need a planning snapshot: ``self._read_book()`` builds one from
    ``self.store`` in a thread worker and hands it to ``self._book_ready(book)`` on the
    event loop (unless the worker was cancelled by a newer read)."""

    def _read_book(self) -> None:
        """Build the planning snapshot off the event loop (a big store takes a moment)."""
        store = self.store  # type: ignore[attr-defined]  # (a mixin: the screen has a store)
        threads.read(self, lambda: Book.from_store(store), self._book_ready,  # type: ignore[arg-type,attr-defined]  # mixin
                     group="read")
