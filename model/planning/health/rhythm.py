"""A person's rhythm: their last months as counts of deep conversations and of touches
(a deep conversation is never also counted as a touch here). The contact list, the
timeline and the month review draw it."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from model.planning.book import LOG, Book
from model.planning.health.scope import months_ending
from model.records import Interaction

#: the rhythm column and header: this many months, the last one the current
RHYTHM_MONTHS = 12


@dataclass(frozen=True)
class Rhythm:
    """Contacts with one person per month, oldest month first."""

    months: tuple[str, ...]
    deep: tuple[int, ...]  # deep conversations in each month
    touch: tuple[int, ...]  # other touches (not deep, not log) in each month

    @property
    def total(self) -> int:
        return sum(self.deep) + sum(self.touch)

    def to_dict(self) -> dict[str, Any]:
        return {"months": list(self.months), "deep": list(self.deep), "touch": list(self.touch)}


class RhythmCounter:
    """Counts rhythms as of one day: the month keys are made once for many people (the
    contact list counts 5,000 of them per snapshot)."""

    __slots__ = ("keys", "index", "first", "bound", "months")

    def __init__(self, today: date, months: int = RHYTHM_MONTHS) -> None:
        self.months = months
        self.keys = months_ending(today, months)
        self.index = {k: i for i, k in enumerate(self.keys)}
        self.first = self.keys[0] + "-01"
        self.bound = today.isoformat()

    def counts(self, notes: Iterable[Interaction]) -> tuple[list[int], list[int]]:
        """(deep, touch) per month, oldest first; notes after the day do not count."""
        deep = [0] * self.months
        touch = [0] * self.months
        index, first, bound = self.index, self.first, self.bound
        for it in notes:
            day = it.date
            if day < first or day > bound or it.kind == LOG:  # most notes: older than a year
                continue
            i = index[day[:7]]
            if it.depth == "deep":
                deep[i] += 1
            else:
                touch[i] += 1
        return deep, touch

    def counts_all(self, book: Book) -> dict[str, tuple[list[int], list[int]]]:
        """:meth:`counts` of everyone with a note in the months, in one walk over the notes
        (for 5,000 people at once: a fraction of counting each person's own notes)."""
        out: dict[str, tuple[list[int], list[int]]] = {}
        index, first, bound, months = self.index, self.first, self.bound, self.months
        for day, ids, kind, depth in zip(*book.note_columns()):
            if day < first or day > bound or kind == LOG:
                continue
            i = index[day[:7]]
            which = 0 if depth == "deep" else 1
            for cid in ids:
                counts = out.get(cid)
                if counts is None:
                    counts = out[cid] = ([0] * months, [0] * months)
                counts[which][i] += 1
        return out

    def rhythm(self, notes: Iterable[Interaction]) -> Rhythm:
        deep, touch = self.counts(notes)
        return Rhythm(self.keys, tuple(deep), tuple(touch))


def rhythm_of(notes: Iterable[Interaction], today: date, months: int = RHYTHM_MONTHS) -> Rhythm:
    """One person's rhythm from their notes (in any order); notes after today do not count."""
    return RhythmCounter(today, months).rhythm(notes)


def person_rhythm(book: Book, contact_id: str, today: date, months: int = RHYTHM_MONTHS) -> Rhythm:
    return rhythm_of(book.notes_of(contact_id), today, months)
