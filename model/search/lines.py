"""Lines of bytes that hold a needle, found with ``bytes.find`` (C speed): the search's
entries and the store's part files are one record a line."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import accumulate


def lines_with(body: bytes, needle: bytes) -> Iterator[int]:
    """Numbers of the lines of ``body`` holding ``needle`` (each once, in order), lazily:
    a search that has its page of results stops reading."""
    find, count = body.find, body.count
    line, at = 0, 0
    i = find(needle)
    while i != -1:
        line += count(b"\n", at, i)
        yield line
        nxt = find(b"\n", i)
        if nxt == -1:
            return
        line += 1
        at = nxt + 1
        i = find(needle, at)


def starts_with(body: bytes, needle: bytes) -> Iterator[int]:
    """Where each line of ``body`` holding ``needle`` starts (each once, in order)."""
    find, rfind = body.find, body.rfind
    i = find(needle)
    while i != -1:
        yield rfind(b"\n", 0, i) + 1
        end = find(b"\n", i)
        if end == -1:
            return
        i = find(needle, end + 1)


def line_starts(body: bytes) -> list[int]:
    """Where each line of ``body`` starts."""
    return list(accumulate(map((1).__add__, map(len, body.split(b"\n"))), initial=0))
