"""What a note's scope hides, and where.

* ``confidential``: its text, and the text of every promise made in it, are masked
  everywhere they are shown (``kizuna show`` and ``--json``, ``trust``, ``today``,
  the app's timeline until ``v``, the reviews, every export) unless asked for with
  ``--include-confidential`` (the flag the exports use) or ``v`` in the app.
* ``private``: shown in your own views (the app, ``show``, ``today``), left out of
  every export unless ``--include-private`` (or ``--include-confidential``, which
  includes both): a private note is yours, not for the files you hand on.
* ``open``: shown and exported.

A promise knows the note it was made in (``Promise.interaction``); a promise
made in a confidential note is as confidential as the note.
"""

from __future__ import annotations

from collections.abc import Iterable
from collections.abc import Set as AbstractSet

from model.errors import NotFoundError
from model.records.types import Interaction, Promise

MASK = "[confidential]"


def secret_note_ids(notes: Iterable[Interaction]) -> set[str]:
    """The ids of the confidential notes among ``notes``."""
    return {i.id for i in notes if i.scope == "confidential"}


def note_text(note: Interaction, reveal: bool = False) -> str:
    return MASK if note.scope == "confidential" and not reveal else note.text


def is_secret(promise: Promise, secret_ids: AbstractSet[str]) -> bool:
    return promise.interaction is not None and promise.interaction in secret_ids


def promise_text(promise: Promise, secret_ids: AbstractSet[str], reveal: bool = False) -> str:
    return MASK if not reveal and is_secret(promise, secret_ids) else promise.text


def book_secret_ids(book, contact_ids: Iterable[str]) -> set[str]:
    """The confidential notes with these people (a promise's note names its person)."""
    return book.confidential_notes(contact_ids)


def store_secret_ids(store, promises: Iterable[Promise]) -> set[str]:
    """The confidential notes ``promises`` were made in, looked up in ``store``."""
    out = set()
    for note_id in {p.interaction for p in promises if p.interaction}:
        try:
            if store.get(Interaction, note_id).scope == "confidential":
                out.add(note_id)
        except NotFoundError:
            pass
    return out


def exported(note: Interaction, include_confidential: bool, include_private: bool) -> bool:
    """Whether an export carries ``note`` (see the module's doc)."""
    if note.scope == "confidential":
        return include_confidential
    if note.scope == "private":
        return include_private or include_confidential
    return True


def masked_promise(promise: Promise, secret_ids: AbstractSet[str], reveal: bool = False) -> dict:
    """A promise as JSON, its text masked if it was made in a confidential note."""
    out = promise.to_dict()
    if not reveal and is_secret(promise, secret_ids):
        out["text"] = MASK
        out["history"] = [{**h, "reason": MASK} if h.get("reason") else h for h in out["history"]]
    return out


def masked_copy(promise: Promise, secret_ids: AbstractSet[str]) -> Promise:
    """``promise`` itself, or a copy with its text masked if it was made in a confidential note
    (for reports that show it without a way to reveal it)."""
    if not is_secret(promise, secret_ids):
        return promise
    obj = object.__new__(Promise)
    obj.__dict__.update(promise.__dict__, text=MASK, history=())
    return obj


def masked_note(note: Interaction, reveal: bool = False) -> dict:
    out = note.to_dict()
    out["text"] = note_text(note, reveal)
    return out
