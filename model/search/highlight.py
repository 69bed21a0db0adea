"""Where a query's words and phrases are in a text, for drawing them highlighted."""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from model.search.folding import KATA_TO_HIRA
from model.search.query import Query, parse_query


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
