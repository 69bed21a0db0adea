"""Messages the app's parts send each other (small dataclasses, as in toolong)."""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message


@dataclass
class StoreWritten(Message):
    """Something wrote the store (any screen, any thread): rebuild the snapshot."""

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, StoreWritten)


@dataclass
class BookChanged(Message):
    """A new planning snapshot (:class:`model.planning.Book`) is ready.

    ``summary`` says what changed when another process wrote the store
    (``None`` after our own writes, which the screen that wrote reports).
    """

    book: object
    summary: str | None = None
    generation: int = 0  # newer snapshots have larger numbers; older ones are dropped
    full: bool = False  # built whole (not updated from the previous snapshot)
    view: object = None  # the main screen's view of it (tui.screens.main.MainView), made in the worker


@dataclass
class OpenPerson(Message):
    """Show this person: select them on the main screen (and open the form if ``edit``)."""

    contact_id: str
    edit: bool = False
