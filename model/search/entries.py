"""The entries a search looks through (notes and promises, newest first) and the exact
check of a query against them, shared by the app's index and ``kizuna search``."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from model.language.names import fold
from model.records import Contact, Interaction, Promise
from model.search.folding import coarse
from model.search.query import Query


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


def _newest(r: Interaction | Promise) -> tuple[str, str]:
    return (r.due, r.created) if type(r) is Promise else (r.date, r.created)


class Entries:
    """Notes and promises, newest first, and the exact check of a query against them."""

    people: dict[str, Contact]
    items: list[Interaction | Promise]
    #: a person's name, reading and romaji as one line (``search_keys``), by id
    _raw_get: Callable[[str, str], str]

    def _init_items(self, notes: Iterable[Interaction], promises: Iterable[Promise]) -> None:
        items: list[Interaction | Promise] = [n for n in notes if n.kind != "log"]
        items += promises
        items.sort(key=_newest, reverse=True)
        #: the records, newest first
        self.items = items
        self._exact: dict[int, str] = {}

    def _hay(self, r: Interaction | Promise) -> str:
        """Entry ``r`` as one line: its text, kind, tags and people's names and readings."""
        get = self._raw_get
        hay = (" ".join([r.text, "promise", get(r.contact, "")]) if type(r) is Promise else
               " ".join([r.text, r.kind, *["#" + t for t in r.tags], *[get(c, "") for c in r.contacts]]))
        return hay.replace("\n", " ").replace("\r", " ")  # one entry a line

    def hit(self, k: int) -> Hit:
        r = self.items[k]
        if type(r) is Promise:
            return Hit("promise", r, r.due, (r.contact,))
        return Hit("note", r, r.date, r.contacts)

    def __len__(self) -> int:
        return len(self.items)

    def exact(self, k: int) -> str:
        """Entry ``k`` as :func:`model.language.names.fold` has it (made when first needed)."""
        found = self._exact.get(k)
        if found is None:
            hay = self._hay(self.items[k])
            found = " ".join(hay.lower().split()) if hay.isascii() else fold(hay)
            self._exact[k] = found
        return found

    def _scan(self, q: Query, pool: Iterable[int], people: list[set[str]] | None, include_confidential: bool,
              limit: int | None, needle: bytes | None = None) -> list[Hit]:
        """The entries of ``pool`` (newest first) that match ``q``; with ``needle``, only
        those whose :func:`coarse` line holds it (as the index's bytes would)."""
        out: list[Hit] = []
        for k in pool:
            hit = self.hit(k)
            rec = hit.record
            if not include_confidential and getattr(rec, "scope", "open") == "confidential":
                continue
            if q.since and hit.day < q.since or q.before and hit.day >= q.before:
                continue
            if q.kinds and (hit.kind != "note" or rec.kind not in q.kinds):
                continue
            if q.tags:
                tags = [fold(t) for t in getattr(rec, "tags", ())]
                if not all(any(t.startswith(want) for t in tags) for want in q.tags):
                    continue
            if people is not None and not all(ids.intersection(hit.people) for ids in people):
                continue
            if q.terms:
                if needle is not None and needle not in coarse(self._hay(rec), nfkc=True):
                    continue
                hay = self.exact(k)
                if any(t not in hay for t in q.terms):
                    continue
            out.append(hit)
            if limit is not None and len(out) >= limit:
                break
        return out
