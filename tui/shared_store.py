"""The app's one door to the store: every call holds one lock.

TinyDB (and :class:`model.store.Store`) is not thread-safe, and the app
writes from thread workers so the screen never freezes. :class:`SharedStore`
wraps the store so that every method call, and every ``transaction()`` block,
runs while holding one re-entrant lock. Screens receive it in place of the
store and keep calling ``store.contacts()``, ``save(store, ...)``,
``set_tier(store, ...)``: the model code needs no change.

When a call or a transaction block changed the file (the store's
``version`` moved), ``on_change`` is called (from the writing thread, with
the lock still held: it must only post a message). The app uses it to
rebuild its planning snapshot after any screen's write.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from model.store import Store

if TYPE_CHECKING:
    _Store = Store  # it stands in for one wherever one is taken: every call is the store's
else:
    _Store = object


class SharedStore(_Store):
    """A :class:`Store` whose every use is serialized through ``lock``."""

    def __init__(self, store: Store, on_change: Callable[[], None] | None = None) -> None:
        self.raw = store
        self.lock = threading.RLock()
        self.on_change = on_change
        self._depth = 0

    def __getattr__(self, name: str) -> Any:
        attr = getattr(self.raw, name)
        if not callable(attr):
            return attr

        @functools.wraps(attr)
        def locked(*args: Any, **kwargs: Any) -> Any:
            with self._guard():
                return attr(*args, **kwargs)

        return locked

    @contextmanager
    def _guard(self) -> Iterator[None]:
        with self.lock:
            before = self.raw.version
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
                if self._depth == 0 and self.raw.version != before and self.on_change:
                    self.on_change()

    @contextmanager
    def transaction(self) -> Iterator[SharedStore]:
        """The store's transaction, holding the app's lock throughout."""
        with self._guard(), self.raw.transaction():
            yield self

    def try_changed_on_disk(self) -> bool | None:
        """One stat, only if no one holds the lock (None when busy)."""
        if not self.lock.acquire(blocking=False):
            return None
        try:
            return self.raw.changed_on_disk()
        finally:
            self.lock.release()
