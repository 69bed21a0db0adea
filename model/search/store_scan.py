"""``kizuna search``: the store searched without building every note. Candidates are
found in the part files' own bytes (:func:`model.search.folding.coarse`), and only the
notes that may match are built, then checked as the app's index checks its entries."""

from __future__ import annotations

import heapq
import re
import unicodedata
from collections.abc import Iterable

from model.records import Interaction, Promise
from model.search.entries import Entries, Hit
from model.search.folding import KANA_BYTES, WIDE, coarse
from model.search.lines import line_starts, lines_with, starts_with
from model.search.people import People
from model.search.query import Query, key_word, parse_query

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


class _Found(Entries):
    """The candidates ``kizuna search`` read from the store, checked as :class:`SearchIndex`
    checks its entries (the same order, the same results)."""

    def __init__(self, who: People, notes: Iterable[Interaction], promises: Iterable[Promise]) -> None:
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
    who = People(store.contacts())
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
