"""Search every note and promise: a query language and an index built once per snapshot.

A query is words, all of which must match (ANDed), and narrowing terms::

    pricing "next quarter" @Tanaka #sales kind:meal since:2026-01 before:2026-06

Words and ``"phrases"`` match anywhere in a note's text, its tags, its kind
and its people's names and readings, as substrings: Japanese needs no spaces.
Both sides are folded (:func:`model.language.names.fold`: NFKC, case-folded, katakana
as hiragana), so ``サトウ`` finds ``さとう`` and ``ｻﾄｳ``, ``ＡＢＣ`` finds ``abc``.
``@name`` keeps notes with a person whose name or reading contains it;
``#tag`` a note with that tag (a prefix of it); ``kind:`` a kind (a prefix);
``since:`` and ``before:`` a month (``2026-01``) or a day, since inclusive,
before exclusive. Confidential notes match only when asked for.

:class:`SearchIndex` (the app's, built in the snapshot's worker) holds every
entry as one line of coarsely folded bytes (:func:`coarse`), newest first, so a
word's candidates are one ``bytes.find`` pass (C speed), then checked exactly.
:func:`search_store` (``kizuna search``) finds candidates the same way in the
part files' own bytes and builds only the notes that may match. The coarse pass
misses a match only in rare cases (a non-ASCII capital letter, a query word with
a quote or backslash falls back to reading every note).
"""

from __future__ import annotations

import heapq
import re
import unicodedata
from functools import lru_cache
from itertools import chain
from collections.abc import Iterable

from model.language.names import reading_of, search_keys, search_keys_many
from model.records import Contact, Interaction, Promise
from model.search.entries import Entries, Hit
from model.search.folding import KANA_BYTES, KATA_TO_HIRA, WIDE, coarse, fold_many
from model.search.index import SearchIndex
from model.search.lines import line_starts, lines_with, starts_with
from model.search.query import Query, QueryError, key_word, parse_query

__all__ = ["Hit", "Query", "QueryError", "SearchIndex", "coarse", "fold_many", "highlight_spans", "lines_with",
           "parse_query", "search_store"]

_DATES = re.compile(rb"(?:\d{4}-\d\d-\d\d)*")


def _dates_at(body: bytes, starts: Iterable[int], part) -> dict[int, str]:
    """The date of the note whose line starts at each of ``starts``: read from the line
    itself when the date is its first field (``["2026-01-15",...``), else from the index."""
    starts = list(starts)
    if part.fields[:1] == ["date"] and all(body[s:s + 2] == b'["' and body[s + 12:s + 13] == b'"' for s in starts):
        raw = [body[s + 2:s + 12] for s in starts]
        if _DATES.fullmatch(b"".join(raw)):
            return dict(zip(starts, map(bytes.decode, raw)))
    line = {start: i for i, start in enumerate(line_starts(body))}
    dates = part.index()["date"]
    return {s: dates[line[s]] for s in starts}


class _People:
    """Who a word names, for ``kizuna search``: the people whose name, reading or romaji
    hold it, folded as :func:`_names` folds them, but only for the few people a coarse
    look at every name and reading leaves (folding everyone's and spelling every reading
    in romaji was a good part of a search: bench/NOTES.md)."""

    def __init__(self, contacts: Iterable[Contact]) -> None:
        self.people = {c.id: c for c in contacts}
        self._ids = list(self.people)
        self._raw: dict[str, str] = {}
        self._folded: dict[str, str] = {}
        self._readings: list[str] | None = None
        self._lines: bytes | None = None
        self._roman: bytes | None = None  # each word of the readings in romaji, a line each
        self._words: list[str] = []  # those words
        self._kana = b""  # the readings, a line each
        self._always: list[int] = []  # the people whose reading has a っ
        self._with: dict[str, set[str]] = {}

    def raw(self, cid: str, default: str = "") -> str:
        """``" ".join(search_keys(person))`` (``default`` for an id nobody has)."""
        found = self._raw.get(cid)
        if found is None:
            c = self.people.get(cid)
            if c is None:
                return default
            found = self._raw[cid] = " ".join(search_keys(c))
        return found

    def prepare(self, cids: Iterable[str]) -> None:
        """:meth:`raw` of these people made together (their romaji spelled in one pass)."""
        todo = [self.people[cid] for cid in dict.fromkeys(cids) if cid in self.people and cid not in self._raw]
        for c, keys in zip(todo, search_keys_many(todo)):
            self._raw[c.id] = " ".join(keys)

    def _fold(self, cids: Iterable[str]) -> None:
        todo = [cid for cid in cids if cid not in self._folded]
        self.prepare(todo)
        self._folded.update(zip(todo, fold_many(self._raw[cid] for cid in todo)))

    def with_key(self, word: str) -> set[str]:
        """The people whose folded keys (as :func:`_names` has them) hold ``word``, folded."""
        known = self._with.get(word)
        if known is not None:
            return known
        lines = self._coarse_lines()
        if not word or lines is None or any(ch.isspace() for ch in word):
            found = self._ids  # it may span two keys (or match everyone): every key folded
        else:
            ids = self._ids
            found = list(dict.fromkeys(ids[i // 2] for i in lines_with(
                lines, word.encode("utf-8", "replace").translate(KANA_BYTES))))
            if word.isascii():
                found += self._romaji_with(word)
        self._fold(found)
        known = self._with[word] = {cid for cid in found if word in self._folded[cid]}
        return known

    def _reading_list(self) -> list[str]:
        if self._readings is None:
            self._readings = [reading_of(c) for c in self.people.values()]
        return self._readings

    def _coarse_lines(self) -> bytes | None:
        """Each person's name, then their reading, a line each, as bytes: NFKC and case-folded
        twice (the keys are folded names folded again), then the kana bytes
        (:data:`KANA_BYTES`) folded. A word :func:`fold` finds in a name or reading is found
        here, and more. None if the lines do not come out two per person (a name with a
        line break: then every key is folded)."""
        if self._lines is None:
            text = "\n".join(chain.from_iterable(zip((c.name for c in self.people.values()), self._reading_list())))
            once = unicodedata.normalize("NFKC", text).casefold()
            twice = unicodedata.normalize("NFKC", once).casefold()
            self._lines = twice.encode("utf-8", "replace").translate(KANA_BYTES)
        return self._lines if self._lines.count(b"\n") == max(0, 2 * len(self._ids) - 1) else None

    def _romaji_with(self, word: str) -> list[str]:
        """The people whose reading in romaji may hold ``word`` (ASCII, folded). Each word of
        the readings is spelled once (a hundred surnames and given names, not 5,000 readings):
        a reading's romaji is its words' romaji joined (jaconv's rules join at most two
        kana, never across a space), but a っ reads by its neighbour, so those always count."""
        if self._roman is None:
            from model.language import readings

            joined = "\n".join(r.replace("\n", " ") for r in self._reading_list())
            self._words = list(dict.fromkeys(joined.split()))
            readings.romaji_many(self._words)
            self._roman = "\n".join(" ".join(readings.romaji(w)) for w in self._words).encode("utf-8", "replace")
            self._kana = joined.encode("utf-8", "replace")
            self._always = sorted({i for tsu in "っッｯ" for i in lines_with(self._kana, tsu.encode())})
        lines = set(self._always)
        for k in lines_with(self._roman, word.encode()):  # the readings holding a word spelled so
            lines.update(lines_with(self._kana, self._words[k].encode("utf-8", "replace")))
        ids = self._ids
        return [ids[i] for i in sorted(lines)]


class _Found(Entries):
    """The candidates ``kizuna search`` read from the store, checked as :class:`SearchIndex`
    checks its entries (the same order, the same results)."""

    def __init__(self, who: _People, notes: Iterable[Interaction], promises: Iterable[Promise]) -> None:
        self.who = who
        self.people = who.people
        self._raw_get = who.raw
        self._init_items(notes, promises)
        self._ready = 0  # the entries before it have their people's keys made

    def hit(self, k: int) -> Hit:
        if k >= self._ready:  # the keys of the next entries' people made together
            self._ready = k + 64
            self.who.prepare(cid for e in self.items[k:k + 64]
                             for cid in ((e.contact,) if type(e) is Promise else e.contacts))
        return super().hit(k)

    def search(self, q: Query, *, include_confidential: bool, limit: int | None) -> list[Hit]:
        if not q:
            return []
        people = [self.who.with_key(p) for p in q.people] if q.people else None
        self._ready = 0 if q.terms else len(self.items)  # (no terms: no keys needed)
        word = key_word(q)
        needle = coarse(word, nfkc=True) if word is not None else None
        return self._scan(q, range(len(self.items)), people, include_confidential, limit, needle)


def search_store(store, query: Query | str, *, include_confidential: bool = False,
                 limit: int | None = None) -> tuple[list[Hit], Entries]:
    """Search the store without building every note: candidates are found in the part
    files' bytes (:meth:`Store.interactions_picked`), then checked exactly as
    :class:`SearchIndex` checks them (the same results, in the same order).

    With a ``limit``, only the newest candidates are decoded (by the date each line
    starts with), ``limit + 20`` of them, then four times as many, until the results
    show that nothing left out is newer than the last of them."""
    q = parse_query(query) if isinstance(query, str) else query
    who = _People(store.contacts())
    if not q:
        return [], _Found(who, (), ())
    promises = store.promises()
    word = key_word(q)
    ids: set[str] = set()
    if word is not None:
        ids = who.with_key(word)  # their notes hold the word in their people's names
        # a "#tag" in a phrase is the tag's own bytes without the "#"
        raw_word: str | None = word.lstrip("#") if word.startswith("#") else word
    elif q.tags:
        raw_word = q.tags[0]
    elif q.kinds and len(q.kinds) == 1:
        raw_word = q.kinds[0]
    else:
        raw_word = None
    if word is not None and word not in "promise":  # (every promise's line holds "promise")
        promises = _promises_with(promises, word, ids)

    def check(notes: Iterable[Interaction]) -> tuple[list[Hit], _Found]:
        found = _Found(who, notes, promises)
        return found.search(q, include_confidential=include_confidential, limit=limit), found

    if raw_word and not any(c in raw_word for c in '"\\') and raw_word.isprintable():
        return _search_parts(store, raw_word, ids, limit, check)
    if raw_word is None and q.people:
        ids = set().union(*(who.with_key(p) for p in q.people))
        if len(ids) <= 50:  # read only their notes (as kizuna show does)
            seen: dict[str, Interaction] = {}
            for cid in ids:
                for n in store.interactions_with(cid):
                    seen[n.id] = n
            return check(seen.values())
    return check(store.interactions())


def _promises_with(promises: list[Promise], word: str, ids: set[str]) -> list[Promise]:
    """The promises whose text or person's keys may hold ``word``: the texts folded
    coarsely (NFKC and casefold, then the kana bytes), a superset of what fold finds."""
    texts = "\n".join(p.text.replace("\n", " ").replace("\r", " ") for p in promises)
    folded = unicodedata.normalize("NFKC", texts).casefold().encode("utf-8", "replace").translate(KANA_BYTES)
    if folded.count(b"\n") != max(0, len(promises) - 1):
        return promises
    lines = set(lines_with(folded, word.encode("utf-8", "replace").translate(KANA_BYTES)))
    return [p for i, p in enumerate(promises) if i in lines or p.contact in ids]


def _search_parts(store, word: str, ids: set[str], limit: int | None, check):
    """The notes whose part-file lines hold ``word``'s :func:`coarse` bytes, or name one
    of ``ids``, checked by ``check``; with a ``limit``, the newest first (see search_store)."""
    needle = coarse(word, nfkc=True)
    ascii_needle = needle.isascii()
    #: per part file read: the offsets of its candidate lines, and their dates (with a limit)
    candidates: dict[object, dict[int, str | None]] = {}

    def scan(body: bytes, part) -> Iterable[int]:
        found = candidates.get(part.path)
        if found is not None:
            return found
        nfkc = b"\xef" in body and WIDE.search(body) is not None
        hay = coarse(body, nfkc=nfkc, kana=not ascii_needle)
        starts = line_starts(body) if nfkc or ids else None
        if starts is not None and nfkc:  # the normalised bytes' offsets are not the file's
            found = dict.fromkeys(starts[i] for i in lines_with(hay, needle))
        else:
            found = dict.fromkeys(starts_with(hay, needle))
        if starts is not None and ids:
            found.update(dict.fromkeys(starts[i] for i, people in enumerate(part.index()["contacts"])
                                       if not ids.isdisjoint(people)))
        if limit is not None and found:
            found = _dates_at(body, found, part)
        candidates[part.path] = found
        return found

    if limit is None:
        return check(store.interactions_picked(scan, starts=True))

    def scan_only(body: bytes, part) -> Iterable[int]:
        scan(body, part)
        return ()

    def newest(body: bytes, part) -> Iterable[int]:
        found = scan(body, part)  # (a part file new since the first pass is read now)
        return found if cutoff is None else [s for s, d in found.items() if d >= cutoff]

    store.interactions_picked(scan_only, starts=True)  # every part scanned first, nothing decoded
    dates = [d for found in candidates.values() for d in found.values()]
    wanted = limit + 20
    while True:
        cutoff = heapq.nlargest(wanted, dates)[-1] if len(dates) > wanted else None  # type: ignore[type-var]
        hits, found = check(store.interactions_picked(newest, starts=True))
        # what was left out is older than the cutoff: unless the last result is too, it cannot show
        if cutoff is None or len(hits) >= limit and hits[-1].day >= cutoff:
            return hits, found
        wanted *= 4


@lru_cache(maxsize=8192)
def _fold_char(c: str) -> str:
    if c < "\x80":
        return " " if c.isspace() else c.lower()
    f = unicodedata.normalize("NFKC", c).casefold().translate(KATA_TO_HIRA)
    return " " if f.isspace() else f


_ASCII_SPACE = str.maketrans("\t\n\r\x0b\x0c\x1c\x1d\x1e\x1f", " " * 9)


def highlight_spans(text: str, query: Query | str) -> list[tuple[int, int]]:
    """Where the query's words and phrases are in ``text`` (spans of the original text)."""
    q = parse_query(query) if isinstance(query, str) else query
    if not q.terms:
        return []
    if text.isascii():  # one character for one: positions are the same
        flat = text.lower().translate(_ASCII_SPACE)
        where = None
    else:
        folded: list[str] = []
        where = []  # for each folded character, its original index
        for i, c in enumerate(text):
            f = _fold_char(c)
            folded.append(f)
            where.extend([i] * len(f))
        flat = "".join(folded)
    spans: list[tuple[int, int]] = []
    for term in q.terms:
        start = flat.find(term)
        while start != -1:
            end = start + len(term)
            spans.append((start, end) if where is None else (where[start], where[end - 1] + 1))
            start = flat.find(term, end)
    spans.sort()
    merged: list[tuple[int, int]] = []
    for s, e in spans:
        if merged and s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(e, merged[-1][1]))
        else:
            merged.append((s, e))
    return merged
