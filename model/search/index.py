"""The app's search index, built once per snapshot in its worker."""

from __future__ import annotations

from collections.abc import Iterable

from model.language.names import search_keys, search_keys_many
from model.records import Contact, Interaction, Promise
from model.search.entries import Entries, Hit
from model.search.folding import coarse, fold_many
from model.search.lines import lines_with
from model.search.query import Query, key_word, parse_query


def _names(contacts: Iterable[Contact]) -> dict[str, str]:
    people = list(contacts)
    return dict(zip((c.id for c in people),
                    fold_many(" ".join(k) for k in search_keys_many(people))))


#: entries made into the index's bytes at a time
_PIECE = 2_000


class SearchIndex(Entries):
    """Every note (but Kizuna's own log lines) and promise, newest first.

    ``blob`` holds each entry's text, kind, tags and people as :func:`coarse` bytes,
    one entry a line: a word's candidates are one ``bytes.find`` pass over it, then
    checked exactly (:func:`model.language.names.fold`) until the page of results is full.
    """

    def __init__(self, contacts: Iterable[Contact], notes: Iterable[Interaction],
                 promises: Iterable[Promise], *, names: dict[str, str] | None = None) -> None:
        self.people = {c.id: c for c in contacts}
        self.names = names if names is not None else _names(self.people.values())
        self._raw = {cid: " ".join(search_keys(c)) for cid, c in self.people.items()}
        self._raw_get = self._raw.get
        self._init_items(notes, promises)
        items = self.items  # entry k is line k of ``blob``
        # Made a piece at a time, and the entries' text not kept (made again for the few
        # candidates checked): the whole text at once, as str and as bytes, was ~50 MB more
        # at 50,000 notes. (Each piece ends at a line break: NFKC, lower case and the kana
        # bytes change nothing across one, so the bytes are those of the whole.)
        hay = self._hay
        self.blob = b"\n".join(coarse("\n".join(map(hay, items[i:i + _PIECE])), nfkc=True)
                                for i in range(0, len(items), _PIECE))
        self.by_person: dict[str, list[int]] = {}
        for k, r in enumerate(items):
            for cid in ((r.contact,) if type(r) is Promise else r.contacts):
                self.by_person.setdefault(cid, []).append(k)

    @classmethod
    def from_book(cls, book) -> SearchIndex:
        return cls(book.contacts(), book.interactions(), book.promises())

    @classmethod
    def from_store(cls, store) -> SearchIndex:
        return cls(store.contacts(), store.interactions(), store.promises())

    def _pool(self, q: Query, people: list[set[str]] | None) -> Iterable[int]:
        word = key_word(q)
        if word is not None:
            return lines_with(self.blob, coarse(word, nfkc=True))
        if people:
            ids = min(people, key=lambda s: sum(len(self.by_person.get(c, ())) for c in s))
            return sorted({k for cid in ids for k in self.by_person.get(cid, ())})
        return range(len(self.items))

    def search(self, query: Query | str, *, include_confidential: bool = False,
               limit: int | None = None) -> list[Hit]:
        q = parse_query(query) if isinstance(query, str) else query
        if not q:
            return []
        people = [{cid for cid, n in self.names.items() if p in n} for p in q.people] if q.people else None
        return self._scan(q, self._pool(q, people), people, include_confidential, limit)
