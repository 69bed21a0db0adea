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

import unicodedata
from functools import lru_cache

from model.search.entries import Hit
from model.search.folding import KATA_TO_HIRA, coarse, fold_many
from model.search.index import SearchIndex
from model.search.lines import lines_with
from model.search.query import Query, QueryError, parse_query
from model.search.store_scan import search_store

__all__ = ["Hit", "Query", "QueryError", "SearchIndex", "coarse", "fold_many", "highlight_spans", "lines_with",
           "parse_query", "search_store"]


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
