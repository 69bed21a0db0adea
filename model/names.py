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


def plain(text: str, lines: bool = False) -> str:
    """``text`` without terminal control characters (ESC, BEL, C1...): text from outside
    never drives a terminal. A tab is a space; with ``lines``, line breaks stay."""
    keep = "\n" if lines else ""
    text = text.replace("\t", " ").replace("\r\n", "\n")
    return "".join(ch for ch in text if ch in keep or unicodedata.category(ch) != "Cc")


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


def _fuzzy_keys(contact: Contact) -> set[str]:
    """What a mistyped name is compared with: the name and reading, each word of them,
    and each without its spaces (``tanka`` is close to the word ``tanaka``); a kana
    reading also in romaji, so ``@Tanaka`` is offered 田中 美咲 (たなか みさき)."""
    import jaconv

    keys: set[str] = set()
    folded = list(_keys(contact))
    if contact.reading:
        romaji = jaconv.kana2alphabet(fold(contact.reading))
        if romaji != fold(contact.reading):
            folded.append(romaji)
    for k in folded:
        keys.add(k)
        keys.add(k.replace(" ", ""))
        keys.update(w for w in k.split() if len(w) > 1)
    return keys


def fuzzy_table(contacts: Iterable[Contact]) -> list[tuple[str, Contact]]:
    """Every (key, person) :func:`closest` compares a name with; build it once for many calls."""
    return [(k, c) for c in contacts for k in _fuzzy_keys(c)]


def closest(contacts: Iterable[Contact], query: str, n: int = 3,
            table: list[tuple[str, Contact]] | None = None) -> list[Contact]:
    """The people a name nobody has was probably meant to be, closest first.

    Compared in :func:`fold`'s form, so case, width and katakana/hiragana never
    count as a difference; what is left (a dropped, doubled or swapped letter) is
    scored by rapidfuzz's ``ratio`` (the Indel similarity difflib's ratio also
    measures), in C: a keystroke stays quick with thousands of people.
    ``table`` is :func:`fuzzy_table` of ``contacts``, when the caller keeps one.
    """
    from rapidfuzz import fuzz, process

    q = fold(query)
    if not q:
        return []
    # one wrong character of 佐藤 is half of it; a longer name must be closer
    cutoff = 50 if len(q) <= 2 else 65 if len(q) <= 4 else 72
    table = table if table is not None else fuzzy_table(contacts)
    best: dict[str, tuple[float, Contact]] = {}
    for _key, score, i in process.extract(q, [k for k, _ in table], scorer=fuzz.ratio,
                                          score_cutoff=cutoff, limit=None):
        c = table[i][1]
        if score > best.get(c.id, (0.0,))[0]:
            best[c.id] = (score, c)
    ranked = sorted(best.values(), key=lambda pair: (-pair[0], sort_key(pair[1])))
    return [c for _, c in ranked[:n]]
