"""Where a screen gets its planning snapshot from, without blocking the event loop."""

from __future__ import annotations

from model.planning.book import Book


def app_book(app: object) -> Book | None:
    """The app's current planning snapshot when the app keeps one (``KizunaApp.book``).

    Screens opened from the real app start from it at once; anywhere else
    (a test harness) they get ``None`` and read the store in a worker.
    """
    book = getattr(app, "book", None)
    return book if isinstance(book, Book) else None
