"""Finding people by name or reading, the way a person types them.

Matching is case-insensitive and width-insensitive (``ＴＡＮＡＫＡ`` finds
``Tanaka``; half-width ``ｻﾄｳ`` finds ``サトウ``), and katakana readings match
hiragana ones (``さとう`` finds ``サトウ``). A person with no reading is found
by the reading guessed from their name (:mod:`model.language.readings`), in kana or
romaji: ``さとう``, ``サトウ`` and ``sato`` all find 佐藤.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from functools import lru_cache

from model.language import i18n, readings
from model.errors import AmbiguousError, NotFoundError
from model.language.i18n import _
from model.records import Contact
from model.language.text import visible

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


def reading_of(contact: Contact) -> str:
    """The person's reading: the one stored, else the one guessed from a kanji name
    (:func:`model.language.readings.guess`, "" when there is none)."""
    return contact.reading or readings.guess(contact.name)


def guessed_reading(contact: Contact) -> str:
    """The guessed reading of a person who has none stored ("" when they have one)."""
    return "" if contact.reading else readings.guess(contact.name)


# small kana and voiced marks count as their plain kana first: か, が, き sort as
# a dictionary has them (かき < がく < かく would be wrong), then exactly
_SMALL = str.maketrans("ぁぃぅぇぉっゃゅょゎゕゖ", "あいうえおつやゆよわかけ")


def _script(ch: str) -> int:
    """0 kana, 1 Latin letters and digits, 2 anything else (a kanji name nobody can read)."""
    if "\u3041" <= ch <= "\u309f" or ch == "ー":
        return 0
    if ch.isascii() or unicodedata.category(ch).startswith(("L", "N")) and ord(ch) < 0x2000:
        return 1
    return 2


@lru_cache(maxsize=65536)
def _order(text: str, japanese: bool) -> tuple[int, str, str]:
    folded = fold(text)
    group = _script(folded[:1]) if folded else 2
    if not japanese and group < 2:
        group = 1 - group  # English: A-Z first, then names read in kana
    base = "".join(ch for ch in unicodedata.normalize("NFD", folded)
                   if ch not in "\u3099\u309a").translate(_SMALL)
    return group, unicodedata.normalize("NFC", base), folded


def sort_key(contact: Contact) -> tuple[int, str, str]:
    """The one order of people (list, palette, CLI): by reading, stored or guessed, else
    by name. In Japanese mode names read in kana come first in あいうえお順 and Latin
    names after them; in English, Latin names first. A kanji name with no reading last."""
    return _order(reading_of(contact) or contact.name, i18n.language() == "ja")


_KEYS: dict[tuple[str, str], tuple[tuple[str, ...], tuple[str, ...]]] = {}


def _key_sets(contact: Contact) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(name and reading folded, the reading in romaji), remembered per name and reading."""
    key = (contact.name, contact.reading)
    found = _KEYS.get(key)
    if found is None:
        reading = reading_of(contact)
        keys = tuple(fold(k) for k in (contact.name, reading) if k)
        latin = tuple(r for r in readings.romaji(reading) if r not in keys) if reading else ()
        found = _KEYS[key] = (keys, latin)
    return found


def _fold_lines(texts: list[str]) -> list[str]:
    """:func:`fold` of many texts at once: one NFKC pass over them joined by line breaks
    (a line break composes with nothing, and fold makes one a space anyway)."""
    joined = "\n".join(t.replace("\n", " ").replace("\r", " ") for t in texts)
    folded = unicodedata.normalize("NFKC", joined).casefold().translate(_KATA_TO_HIRA).split("\n")
    if len(folded) != len(texts):
        return [fold(t) for t in texts]
    return [" ".join(x.split()) for x in folded]


def prepare_keys(contacts: Iterable[Contact], *, everyone: bool = False) -> None:
    """The :func:`search_keys` of every person among ``contacts`` not keyed yet, made in
    one pass (their names and readings folded together, their readings' romaji spelled
    together): far faster than one by one. With ``everyone`` (``contacts`` is the whole
    store) the guessed readings are kept beside the store; a part of it would drop the rest."""
    todo: dict[tuple[str, str], str] = {}
    guessed: list[str] = []  # everyone whose reading is guessed: kept beside the store
    for c in contacts:
        key = (c.name, c.reading)
        if not c.reading:
            guessed.append(c.name)
        if key not in _KEYS and key not in todo:
            todo[key] = reading_of(c)
    if everyone:
        readings.save_cache(guessed)
    if len(todo) < 8:
        return
    readings.romaji_many(todo.values())
    folded = iter(_fold_lines([t for (name, _), reading in todo.items() for t in (name, reading)]))
    for (name, stored), reading in todo.items():
        name_f, reading_f = next(folded), next(folded)
        keys = tuple(k for k, raw in ((name_f, name), (reading_f, reading)) if raw)
        latin = tuple(r for r in readings.romaji(reading) if r not in keys) if reading else ()
        _KEYS[(name, stored)] = (keys, latin)


def search_keys_many(contacts: Iterable[Contact]) -> list[tuple[str, ...]]:
    """:func:`search_keys` of many people (see :func:`prepare_keys`)."""
    people = list(contacts)
    prepare_keys(people)
    return [search_keys(c) for c in people]


def search_keys(contact: Contact) -> tuple[str, ...]:
    """What a typed name is compared with, folded: the name, the reading (stored or
    guessed, :func:`reading_of`) and that reading in romaji (``satou``, ``sato``)."""
    keys, latin = _key_sets(contact)
    return keys + latin if latin else keys


def _keys(contact: Contact) -> tuple[str, ...]:
    return _key_sets(contact)[0]


def _kinds(people: list[Contact], q: str, keys_of) -> list[Contact]:
    exact, word, prefix, inside = [], [], [], []
    for c in people:
        keys = keys_of(c)
        if not keys:
            continue
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


def matches(contacts: Iterable[Contact], query: str) -> list[Contact]:
    """People ``query`` could mean, best kind of match first.

    An exact name or reading wins; then a whole word of one ("Tanaka" for
    "Tanaka Yuki", or the name without its space, "佐藤健" for "佐藤 健");
    then names or readings that start with the query; then ones containing it.
    The first kind that finds anyone is the answer. Only when nobody is found so is
    a reading in romaji tried (``sato`` for 佐藤 read さとう): a Latin name typed
    in Latin letters means the people written so first.
    """
    q = fold(query)
    if not q:
        return []
    people = list(contacts)
    return _kinds(people, q, _keys) or _kinds(people, q, lambda c: _key_sets(c)[1])


def resolve(contacts: Sequence[Contact] | Iterable[Contact], query: str) -> Contact:
    """The one person ``query`` names, or an error that lists the candidates."""
    found = matches(contacts, query)
    if not found:
        raise NotFoundError(_("no one called {query!r}").format(query=query))
    if len(found) > 1:
        listed = _(", ").join(describe(c) for c in found[:8])
        more = _(" and {n} more").format(n=len(found) - 8) if len(found) > 8 else ""
        raise AmbiguousError(_("{query!r} could be {listed}{more}; say which").format(
            query=query, listed=listed, more=more), found)
    return found[0]


def describe(contact: Contact, *, plain: bool = False) -> str:
    """A name with enough beside it to tell two people apart, with any hidden
    character shown (:func:`model.language.text.visible`) unless ``plain`` (for matching)."""
    extra = contact.company or contact.reading
    text = f"{contact.name} ({extra})" if extra else contact.name
    return text if plain else visible(text)


def _fuzzy_keys(contact: Contact) -> set[str]:
    """What a mistyped name is compared with: the name and reading, each word of them,
    and each without its spaces (``tanka`` is close to the word ``tanaka``); a kana
    reading also in romaji, so ``@Tanaka`` is offered 田中 美咲 (たなか みさき)."""
    keys: set[str] = set()
    for k in search_keys(contact):
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
    for _key, score, i in process.extract(q, [k for k, _c in table], scorer=fuzz.ratio,
                                          score_cutoff=cutoff, limit=None):
        c = table[i][1]
        if score > best.get(c.id, (0.0,))[0]:
            best[c.id] = (score, c)
    ranked = sorted(best.values(), key=lambda pair: (-pair[0], sort_key(pair[1])))
    return [c for _, c in ranked[:n]]
