"""Search every note and promise: a query language and an index built once per snapshot.

A query is words, all of which must match (ANDed), and narrowing terms::

    pricing "next quarter" @Tanaka #sales kind:meal since:2026-01 before:2026-06

Words and ``"phrases"`` match anywhere in a note's text, its tags, its kind
and its people's names and readings, as substrings: Japanese needs no spaces.
Both sides are folded (:func:`model.names.fold`: NFKC, case-folded, katakana
as hiragana), so ``サトウ`` finds ``さとう`` and ``ｻﾄｳ``, ``ＡＢＣ`` finds ``abc``.
``@name`` keeps notes with a person whose name or reading contains it;
``#tag`` a note with that tag (a prefix of it); ``kind:`` a kind (a prefix);
``since:`` and ``before:`` a month (``2026-01``) or a day, since inclusive,
before exclusive. Confidential notes match only when asked for.

:class:`SearchIndex` holds every entry's folded text in one string, newest
first, so a word is found with ``str.find`` over it (C speed) rather than a
Python loop over 50,000 notes.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from model.errors import KizunaError
from model.names import fold
from model.records import KINDS, Contact, Interaction, Promise

_KATA_TO_HIRA = {cp: cp - 0x60 for cp in range(0x30A1, 0x30F7)}
_TOKEN = re.compile(r'"([^"]*)"?|(\S+)')
_SEP = "\x00"


class QueryError(KizunaError):
    """A narrowing term that cannot be read (``since:2026-13``)."""


@dataclass
class Query:
    terms: list[str] = field(default_factory=list)  # folded words and phrases
    people: list[str] = field(default_factory=list)  # folded @names
    tags: list[str] = field(default_factory=list)  # folded #tags
    kinds: list[str] = field(default_factory=list)
    since: str | None = None  # ISO day, inclusive
    before: str | None = None  # ISO day, exclusive

    def __bool__(self) -> bool:
        return bool(self.terms or self.people or self.tags or self.kinds or self.since or self.before)


def _hay(text: str) -> str:
    return fold(text.replace(_SEP, " "))


def _day(text: str, name: str, end: bool = False) -> str:
    """``2026-01`` -> ``2026-01-01``; ``2026`` -> ``2026-01-01``; a day stays."""
    try:
        if re.fullmatch(r"\d{4}", text):
            return date(int(text), 1, 1).isoformat()
        if re.fullmatch(r"\d{4}-\d{1,2}", text):
            y, m = text.split("-")
            return date(int(y), int(m), 1).isoformat()
        return date.fromisoformat(text).isoformat()
    except ValueError:
        raise QueryError(f"{name}:{text} is not a month or a day (2026-01 or 2026-01-15)") from None


def parse_query(text: str) -> Query:
    q = Query()
    for m in _TOKEN.finditer(text or ""):
        phrase, word = m.group(1), m.group(2)
        if phrase is not None:
            if fold(phrase):
                q.terms.append(fold(phrase))
            continue
        low = word.lower()
        if word.startswith("@") and len(word) > 1:
            q.people.append(fold(word[1:].strip('"')))
        elif word.startswith("#") and len(word) > 1:
            q.tags.append(fold(word[1:]))
        elif low.startswith("kind:") and len(word) > 5:
            kind = low[5:]
            found = [k for k in KINDS if k.replace(" ", "-").startswith(kind) or k.startswith(kind)]
            if not found:
                raise QueryError(f"kind:{kind} is not a kind ({', '.join(KINDS)})")
            q.kinds.extend(found)
        elif low.startswith("since:") and len(word) > 6:
            q.since = _day(word[6:], "since")
        elif low.startswith("before:") and len(word) > 7:
            q.before = _day(word[7:], "before")
        elif fold(word):
            q.terms.append(fold(word))
    return q


@dataclass(frozen=True)
class Hit:
    """One note or promise that matched."""

    kind: str  # "note" or "promise"
    record: Interaction | Promise
    day: str  # the note's date, the promise's due date
    people: tuple[str, ...]

    @property
    def text(self) -> str:
        return self.record.text


class SearchIndex:
    """Every note (but Kizuna's own log lines) and promise, folded, newest first."""

    def __init__(self, contacts: Iterable[Contact], notes: Iterable[Interaction],
                 promises: Iterable[Promise]) -> None:
        self.people = {c.id: c for c in contacts}
        names = {cid: fold(" ".join(x for x in (c.name, c.reading) if x)) for cid, c in self.people.items()}
        entries: list[tuple[str, str, Hit, str, str]] = []
        for n in notes:
            if n.kind == "log":
                continue
            hay = " ".join([n.text, n.kind, *("#" + t for t in n.tags), *(names.get(c, "") for c in n.contacts)])
            entries.append((n.date, n.created, Hit("note", n, n.date, n.contacts), _hay(hay), n.scope))
        for p in promises:
            hay = " ".join([p.text, "promise", names.get(p.contact, "")])
            entries.append((p.due, p.created, Hit("promise", p, p.due, (p.contact,)), _hay(hay), "open"))
        entries.sort(key=lambda e: (e[0], e[1]), reverse=True)
        self.hits = [e[2] for e in entries]
        self.scopes = [e[4] for e in entries]
        self.tags = [frozenset(fold(t) for t in getattr(e[2].record, "tags", ())) for e in entries]
        self.hay = [e[3] for e in entries]
        self.text = _SEP.join(self.hay)
        self.starts: list[int] = []
        pos = 0
        for h in self.hay:
            self.starts.append(pos)
            pos += len(h) + 1
        self.names = names

    @classmethod
    def from_book(cls, book) -> SearchIndex:
        return cls(book.contacts(), book.interactions(), book.promises())

    @classmethod
    def from_store(cls, store) -> SearchIndex:
        return cls(store.contacts(), store.interactions(), store.promises())

    def __len__(self) -> int:
        return len(self.hits)

    def _candidates(self, term: str) -> Iterable[int]:
        """Entries containing ``term``, newest first, each once (``str.find`` over all)."""
        text, starts, find = self.text, self.starts, self.text.find
        i = find(term)
        while i != -1:
            k = bisect_right(starts, i) - 1
            yield k
            nxt = starts[k + 1] if k + 1 < len(starts) else len(text)
            i = find(term, nxt)

    def search(self, query: Query | str, *, include_confidential: bool = False,
               limit: int | None = None) -> list[Hit]:
        q = parse_query(query) if isinstance(query, str) else query
        if not q:
            return []
        people = None
        if q.people:
            people = [{cid for cid, n in self.names.items() if p in n} for p in q.people]
        terms = sorted(q.terms, key=len, reverse=True)  # the longest is likely the rarest
        pool = self._candidates(terms[0]) if terms else range(len(self.hits))
        rest = terms[1:]
        out: list[Hit] = []
        for k in pool:
            if not include_confidential and self.scopes[k] == "confidential":
                continue
            hit = self.hits[k]
            if q.since and hit.day < q.since or q.before and hit.day >= q.before:
                continue
            if q.kinds and (hit.kind != "note" or hit.record.kind not in q.kinds):
                continue
            if q.tags and not all(any(t.startswith(want) for t in self.tags[k]) for want in q.tags):
                continue
            if people is not None and not all(ids.intersection(hit.people) for ids in people):
                continue
            hay = self.hay[k]
            if any(t not in hay for t in rest):
                continue
            out.append(hit)
            if limit is not None and len(out) >= limit:
                break
        return out


def _fold_char(c: str) -> str:
    return unicodedata.normalize("NFKC", c).casefold().translate(_KATA_TO_HIRA)


def highlight_spans(text: str, query: Query | str) -> list[tuple[int, int]]:
    """Where the query's words and phrases are in ``text`` (spans of the original text)."""
    q = parse_query(query) if isinstance(query, str) else query
    folded: list[str] = []
    where: list[int] = []  # for each folded character, its original index
    for i, c in enumerate(text):
        f = _fold_char(c)
        if f.isspace():
            f = " "
        folded.extend(f)
        where.extend([i] * len(f))
    flat = "".join(folded)
    spans: list[tuple[int, int]] = []
    for term in q.terms:
        start = flat.find(term)
        while start != -1:
            end = start + len(term)
            spans.append((where[start], where[end - 1] + 1))
            start = flat.find(term, end)
    spans.sort()
    merged: list[tuple[int, int]] = []
    for s, e in spans:
        if merged and s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(e, merged[-1][1]))
        else:
            merged.append((s, e))
    return merged
