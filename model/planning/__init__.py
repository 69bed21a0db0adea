"""Planning: the rules that say *no* (caps, cadence, promises, trust, focus).

Every function here is pure: it takes records (through a
:class:`~model.planning.book.Book`) and ``today``, and never reads the clock.
Store-changing actions live in :mod:`model.actions` and :mod:`model.actions.focus`.
"""

from model.planning.book import Book, month_end, month_key, month_start

__all__ = ["Book", "month_end", "month_key", "month_start"]
