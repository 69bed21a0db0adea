"""The app's planning snapshot: built, updated, announced, shown (a mixin of the app).

The app keeps ``book``, the current planning snapshot (:class:`model.planning.Book`).
After one of its own writes it is the newest snapshot updated with what the store's
journal says changed (``book_update.updated``); after another process's change (noticed by a
once-a-second ``stat``) it is rebuilt whole. Either way it is built in a thread worker,
with the main screen's view of it (``prepare_view``), then announced with
:class:`~tui.messages.BookChanged`, and the main thread only swaps it in. Screens read
the book, never the store, on the main thread.

A write from a dialog (the capture box, a form) waits for the dialog to close before
the snapshot is built: see :meth:`Snapshots.on_store_written`.
"""

from __future__ import annotations

import itertools

from textual import work
from textual.signal import Signal

from model.errors import KizunaError
from model.language.i18n import _, ngettext
from model.planning.book import Book
from model.planning.book_update import updated
from tui.interpreter import collector_paused
from tui.messages import BookChanged

#: a snapshot after a write from a dialog waits for it to close at most this long
REBUILD_WAIT_SECONDS = 0.2


def describe_changes(old: Book, new: Book) -> str | None:
    """What another process changed, in a few words (None if nothing we show)."""
    parts: list[str] = []
    old_people = {c.id: c for c in old.contacts()}
    new_people = {c.id: c for c in new.contacts()}
    added = [c.name for cid, c in new_people.items() if cid not in old_people]
    removed = [c.name for cid, c in old_people.items() if cid not in new_people]
    edited = [c.name for cid, c in new_people.items()
              if cid in old_people and old_people[cid] != c]
    old_notes = {i.id for i in old.interactions()}
    notes = [i for i in new.interactions() if i.id not in old_notes]
    old_promises = {p.id: p for p in old.promises()}
    promises = [p for p in new.promises() if old_promises.get(p.id) != p]

    def names(ids) -> str:
        found = [new_people[c].name for c in dict.fromkeys(ids) if c in new_people]
        return ", ".join(found[:3]) + (" …" if len(found) > 3 else "")

    if notes:
        who = names(cid for i in notes for cid in i.contacts)
        parts.append((ngettext("{n} new note with {who}", "{n} new notes with {who}", len(notes)) if who
                      else ngettext("{n} new note", "{n} new notes", len(notes))).format(n=len(notes), who=who))
    if added:
        parts.append(_("new: {names}").format(names=", ".join(added[:3]) + (" …" if len(added) > 3 else "")))
    if edited:
        parts.append(_("updated: {names}").format(names=", ".join(edited[:3]) + (" …" if len(edited) > 3 else "")))
    if removed:
        parts.append(_("removed: {names}").format(names=", ".join(removed[:3])))
    if promises:
        parts.append(ngettext("{n} promise changed", "{n} promises changed", len(promises)).format(n=len(promises)))
    if new.plans() != old.plans():
        parts.append(_("focus plan changed"))
    return "; ".join(parts) or None


class Snapshots:
    """The snapshot part of :class:`tui.app.KizunaApp` (it needs the app's ``store``,
    ``today``, ``collector`` and the attributes set in ``_init_snapshots``)."""

    def _init_snapshots(self) -> None:
        self._generations = itertools.count(1)  # next() is atomic: workers number snapshots too
        self._generation = 0  # the newest snapshot started
        self._shown_generation = 0  # the newest one shown
        self._rebuild_pending = False  # a write waits for the dialog on top to close
        self._reloading = False
        self._newest: Book | None = None  # the newest snapshot built (shown or about to be)
        self._full_snapshots = 0  # how many were built whole (not updated from the last one)
        #: each new snapshot, once it is ``self.book``: screens subscribe with follow_book
        self.book_changed_signal: Signal[BookChanged] = Signal(self, "book-changed")
        #: the search index of a snapshot: (book, index); built for the snapshot shown when
        #: the search opens, and by each snapshot's worker while it is open
        self._search: tuple[Book, object] | None = None
        self._search_building: Book | None = None  # the book whose index a worker builds
        self.search_open = False  # (set by the search screen)

    def on_store_written(self) -> None:
        """Something wrote the store: rebuild the snapshot — after a closing window has gone.

        A window that wrote (the capture box, a form) closes as soon as its write is
        done, and Textual then redraws the whole screen. Building the snapshot in a
        worker at that same moment made that frame slower (the worker and the drawing
        take turns with the interpreter), and the snapshot's own frame came on top. So while a dialog is on top the rebuild
        waits for the screen to change (or :data:`REBUILD_WAIT_SECONDS`, for a dialog
        that stays open): one frame to close the window, then the worker, then one
        small frame for the new snapshot.
        """
        from textual.screen import ModalScreen

        if isinstance(self.screen, ModalScreen):
            if not self._rebuild_pending:
                self._rebuild_pending = True
                self.set_timer(REBUILD_WAIT_SECONDS, self._rebuild_if_pending, name="rebuild-wait")
            return
        self.rebuild_book()

    def _rebuild_if_pending(self) -> None:
        if self._rebuild_pending:
            self._rebuild_pending = False
            self.rebuild_book()

    def _next_generation(self) -> int:
        generation = next(self._generations)
        self._generation = max(self._generation, generation)
        return generation

    def snapshot(self) -> Book:
        """A planning snapshot of the store as it is now (call it in a worker).

        After the app's own writes it is the newest snapshot updated with what the
        store's journal says changed (``book_update.updated``: the few records that
        changed, sharing everything else); after an outside change, or when the
        journal cannot tell, a full one: the records copied under the lock and every
        timeline indexed here, not on the main thread.
        """
        store = self.store
        # Tens of thousands of records without cycles: the collector paused while they
        # are built; the app freezes them later, once the main screen is back
        # (tui.collector, after a full snapshot).
        with collector_paused():
            with store.lock:
                base = self._newest
                changes = store.raw.changes_since(base.mark) if base is not None else None
                if base is not None and changes is not None:
                    book = updated(base, store.raw, changes)
                else:
                    mark = store.raw.change_mark()
                    records = (store.contacts(), store.interactions(), store.promises(),
                               store.focus_plans(), store.settings())
                    book = Book(*records, mark=mark)
                    book.timeline("")  # index every timeline now, in the worker
                    self._full_snapshots += 1
                self._newest = book
        return book

    def _main_view(self):
        """The main screen's view now (asked on the main thread): the next one reuses its rows."""
        from tui.screens.main import MainScreen

        for screen in self.screen_stack:
            if isinstance(screen, MainScreen):
                return screen.current_view
        return None

    def _prepare_view(self, book: Book, previous):
        """What the main screen will show of ``book``, made here in the worker, so that
        the main thread only swaps it in (rows, due markers, the focus pane)."""
        from tui.screens.main import prepare_view

        return prepare_view(book, self.today, previous)

    def rebuild_book(self) -> None:
        """Build a new planning snapshot off the main thread."""
        generation = self._next_generation()
        previous = self._main_view()

        def job() -> None:
            full = self._full_snapshots
            book = self.snapshot()
            view = self._prepare_view(book, previous)
            self._index_later(book)
            self.post_message(BookChanged(book, generation=generation, full=self._full_snapshots != full,
                                          view=view))
            self._build_index(book)

        self.run_worker(job, thread=True, group="book", name="rebuild book")

    # -- the search index (tui.screens.search) -------------------------------------

    def search_index(self):
        """The current snapshot's search index (or the last one's, or None, while a worker
        builds it: the search screen is given it when done)."""
        book = self.book
        if self._search is not None and self._search[0] is book:
            return self._search[1]
        if self._search_building is not book:
            self._search_building = book
            self.run_worker(lambda: self._build_index(book), thread=True, group="search-index",
                            name="build the search index")
        # the last snapshot's index meanwhile (a moment old), if there is one
        return self._search[1] if self._search is not None else None

    def _index_later(self, book: Book) -> None:
        """(In a snapshot's worker, before it is announced) its index will follow, if the
        search is open (else it is built when the search is next opened)."""
        if self.search_open:
            self._search_building = book

    def _build_index(self, book: Book) -> None:
        """(In a worker) build ``book``'s search index, if it is the one wanted."""
        if self._search_building is not book:
            return
        from model.search import SearchIndex

        index = SearchIndex.from_book(book)
        self.call_from_thread(self._index_built, book, index)

    def _index_built(self, book: Book, index) -> None:
        if self._search_building is book:
            self._search_building = None
        if book is not self.book:
            return  # a newer snapshot has come: its own index follows
        self._search = (book, index)
        from tui.screens.search import SearchScreen

        for screen in self.screen_stack:
            if isinstance(screen, SearchScreen):
                screen.show_index(index)

    def check_outside_changes(self) -> None:
        """Cheap: one stat. Reload in a worker only when the file changed."""
        if not self._reloading and self.store.try_changed_on_disk():
            self._reloading = True
            self.reload_outside_changes(self._next_generation(), self._main_view())

    @work(thread=True, group="book", name="reload outside changes")
    def reload_outside_changes(self, generation: int, previous=None) -> None:
        old = self.book
        try:
            with self.store.lock:
                if not self.store.raw.refresh():
                    self.call_from_thread(setattr, self, "_reloading", False)
                    return
            book = self.snapshot()
        except KizunaError as exc:
            self.call_from_thread(self._reload_failed, exc)
            return
        changed = describe_changes(old, book)
        arrived = self.store.raw.take_notices()  # what came from which other device, one line each
        summary = "\n".join([*arrived, *([changed] if changed else [])]) or _("the store changed in another window")
        view = self._prepare_view(book, previous)
        self._index_later(book)
        self.post_message(BookChanged(book, summary, generation=generation, full=True, view=view))
        self._build_index(book)

    def _reload_failed(self, exc: KizunaError) -> None:
        self._reloading = False
        self.notify(str(exc), title=_("Cannot reload the store"), severity="error", timeout=10)

    def on_book_changed(self, message: BookChanged) -> None:
        if message.summary:
            self._reloading = False
        if message.generation < self._shown_generation:
            return  # an older snapshot finished after a newer one
        self._shown_generation = message.generation
        self.book = message.book
        if message.summary:
            self.notify(message.summary, title=_("Changed outside Kizuna"))
        self.book_changed_signal.publish(message)  # the screens that follow it (follow_book)
        # A whole new snapshot (new records, indexes, rows): freeze it soon. An updated
        # one adds a handful: at the next quiet moment (tui.collector).
        self.collector.want(now=message.full)
        self._leave_first_run()
