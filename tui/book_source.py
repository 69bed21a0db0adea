"""Where a screen gets its planning snapshot from, without blocking the event loop."""

from __future__ import annotations

from textual import work
from textual.worker import get_current_worker

from model.planning.book import Book


def app_book(app: object) -> Book | None:
    """The app's current planning snapshot when the app keeps one (``KizunaApp.book``).

    Screens opened from the real app start from it at once; anywhere else
    (a test harness) they get ``None`` and read the store in a worker.
    """
    book = getattr(app, "book", None)
    return book if isinstance(book, Book) else None


class ReadsBook:
    """For screens that need a planning snapshot: ``self._read_book()`` builds one from
    ``self.store`` in a thread worker and hands it to ``self._book_ready(book)`` on the
    event loop (unless the worker was cancelled by a newer read)."""

    @work(thread=True, exclusive=True, group="read")
    def _read_book(self) -> None:
        """Build the planning snapshot off the event loop (a big store takes a moment)."""
        book = Book.from_store(self.store)  # type: ignore[attr-defined]
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._book_ready, book)  # type: ignore[attr-defined]
