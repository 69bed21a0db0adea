"""Finding people by name or reading, the way a person types them.

Matching is case-insensitive and width-insensitive (``ＴＡＮＡＫＡ`` finds
``Tanaka``; half-width ``ｻﾄｳ`` finds ``サトウ``), and katakana readings match
hiragana ones (``さとう`` finds ``サトウ``).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence

from model.errors import AmbiguousError, NotFoundError
from model.records import Contact
from model.text import visible

_KATA_TO_HIRA = {cp: cp - 0x60 for cp in range(0x30A1, 0x30F7)}


def fold(text: str) -> str:
    """The form names are compared in: NFKC, case-folded, kana as hiragana, one space."""
    text = unicodedata.normalize("NFKC", text).casefold().translate(_KATA_TO_HIRA)
    return " ".join(text.split())


def sort_key(contact: Contact) -> str:
    """Sort by reading when there is one (furigana), else by name."""
    return fold(contact.reading or contact.name)


def _keys(contact: Contact) -> tuple[str, ...]:
    return tuple(fold(k) for k in (contact.name, contact.reading) if k)


def matches(contacts: Iterable[Contact], query: str) -> list[Contact]:
    """People ``query`` could mean, best kind of match first.

    An exact name or reading wins; then a whole word of one ("Tanaka" for
    "Tanaka Yuki", or the name without its space, "佐藤健" for "佐藤 健");
    then names or readings that start with the query; then ones containing it.
    The first kind that finds anyone is the answer.
    """
    q = fold(query)
    if not q:
        return []
    people = list(contacts)
    exact, word, prefix, inside = [], [], [], []
    for c in people:
        keys = _keys(c)
        if q in keys:
            exact.append(c)
        elif any(q in k.split() or q == k.replace(" ", "") for k in keys):
            word.append(c)
        elif any(k.startswith(q) for k in keys):
            prefix.append(c)
        elif any(q in k for k in keys):
            inside.append(c)
    for found in (exact, word, prefix, inside):
        if found:
            return found
    return []


def resolve(contacts: Sequence[Contact] | Iterable[Contact], query: str) -> Contact:
    """The one person ``query`` names, or an error that lists the candidates."""
    found = matches(contacts, query)
    if not found:
        raise NotFoundError(f"no one called {query!r}")
    if len(found) > 1:
        listed = ", ".join(describe(c) for c in found[:8])
        more = f" and {len(found) - 8} more" if len(found) > 8 else ""
        raise AmbiguousError(f"{query!r} could be {listed}{more}; say which", found)
    return found[0]


def describe(contact: Contact, *, plain: bool = False) -> str:
    """A name with enough beside it to tell two people apart, with any hidden
    character shown (:func:`model.text.visible`) unless ``plain`` (for matching)."""
    extra = contact.company or contact.reading
    text = f"{contact.name} ({extra})" if extra else contact.name
    return text if plain else visible(text)
