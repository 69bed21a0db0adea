"""The query language: words, all of which must match (ANDed), and narrowing terms::

    pricing "next quarter" @Tanaka #sales kind:meal since:2026-01 before:2026-06

Words and ``"phrases"`` are kept folded (:func:`model.language.names.fold`: NFKC,
case-folded, katakana as hiragana). ``@name`` is a person whose name or reading
contains it; ``#tag`` a tag (a prefix of it); ``kind:`` a kind (a prefix);
``since:`` and ``before:`` a month (``2026-01``) or a day, since inclusive,
before exclusive.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from model.errors import KizunaError
from model.language.i18n import _
from model.language.names import fold
from model.records import KINDS

_TOKEN = re.compile(r'"([^"]*)"?|(\S+)')


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
        raise QueryError(_("{name}:{text} is not a month or a day (2026-01 or 2026-01-15)").format(
            name=name, text=text)) from None


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
                raise QueryError(_("kind:{kind} is not a kind ({kinds})").format(kind=kind, kinds=", ".join(KINDS)))
            q.kinds.extend(found)
        elif low.startswith("since:") and len(word) > 6:
            q.since = _day(word[6:], "since")
        elif low.startswith("before:") and len(word) > 7:
            q.before = _day(word[7:], "before")
        elif fold(word):
            q.terms.append(fold(word))
    return q


def key_word(q: Query) -> str | None:
    """The word whose bytes find the candidates: the longest word of the query's terms."""
    words = [w for t in q.terms for w in t.split()]
    return max(words, key=len) if words else None
