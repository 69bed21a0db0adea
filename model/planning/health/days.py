"""Conversations by day: the heatmap of deep conversations and touches over the period,
and the one walk over the notes that also sums the trust chart's note entries."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from model.language.i18n import _, ngettext
from model.planning.book import LOG, Book
from model.planning.health.scope import month_ends, period_start


@dataclass(frozen=True)
class Heatmap:
    """Deep conversations and touches per day from ``start`` to ``end`` (both included)."""

    start: date
    end: date
    deep: tuple[int, ...]  # one per day, start first
    touch: tuple[int, ...]

    @property
    def days(self) -> int:
        return len(self.deep)

    def on(self, day: date) -> tuple[int, int]:
        """(deep, touch) on ``day`` ((0, 0) outside the period)."""
        i = (day - self.start).days
        if 0 <= i < len(self.deep):
            return self.deep[i], self.touch[i]
        return 0, 0

    @property
    def grid_start(self) -> date:
        """The Monday on or before ``start``: the first column's first row."""
        return self.start - timedelta(days=self.start.weekday())

    @property
    def weeks(self) -> int:
        return (self.end - self.grid_start).days // 7 + 1

    @property
    def active_days(self) -> int:
        return sum(1 for d, t in zip(self.deep, self.touch) if d or t)

    @property
    def deep_days(self) -> int:
        return sum(1 for d in self.deep if d)

    def reading(self) -> str:
        deep, touch = sum(self.deep), sum(self.touch)
        if not deep and not touch:
            return _("No conversations or touches recorded in this period.")
        return _("{deep} and {touch} on {active} of {days} days; deep conversations on {deep_days} days.").format(
            deep=ngettext("{n} deep conversation", "{n} deep conversations", deep).format(n=deep),
            touch=ngettext("{n} touch", "{n} touches", touch).format(n=touch),
            active=self.active_days, days=self.days, deep_days=self.deep_days)

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start.isoformat(), "end": self.end.isoformat(),
                "deep": list(self.deep), "touch": list(self.touch),
                "total_deep": sum(self.deep), "total_touch": sum(self.touch),
                "active_days": self.active_days, "deep_days": self.deep_days}


def heatmap(book: Book, today: date, months: int = 12) -> Heatmap:
    """Notes per day over the period (a note with three people counts once)."""
    return scan_notes(book, today, months, months, ())[0]


def scan_notes(book: Book, today: date, months: int, trend_months: int,
               people: Iterable[str]) -> tuple[Heatmap, dict[str, list[int]]]:
    """One walk over every note's date, people, kind and depth: the day heatmap, and for
    ``people`` the trust entries of their notes summed per month end (:func:`month_ends`)."""
    from model.planning.trust import WEIGHTS

    start = period_start(today, months)
    size = (today - start).days + 1
    deep = [0] * size
    touch = [0] * size
    lo, hi = start.isoformat(), today.isoformat()
    bounds = [e.isoformat() for e in month_ends(today, trend_months)]
    sums = {cid: [0] * len(bounds) for cid in people}
    weights = {kind: WEIGHTS[kind] for kind in ("intro made", "help given", "value shared")}
    day_index: dict[str, int] = {}
    for day, ids, kind, depth in zip(*book.note_columns()):
        if day > hi or kind == LOG:
            continue
        weight = weights.get(kind)
        if weight is not None and sums:
            for cid in ids:
                row = sums.get(cid)
                if row is not None:
                    for k, bound in enumerate(bounds):
                        if day <= bound:
                            row[k] += weight
        if day < lo:
            continue
        i = day_index.get(day)
        if i is None:
            i = day_index[day] = (date.fromisoformat(day) - start).days
        if depth == "deep":
            deep[i] += 1
        else:
            touch[i] += 1
    return Heatmap(start, today, tuple(deep), tuple(touch)), sums

