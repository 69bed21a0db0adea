"""Promises per quarter: kept, broken and open per calendar quarter, mine and theirs
apart, with the on-time rate."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from model.language.i18n import _, ngettext
from model.planning.book import Book, month_end


@dataclass(frozen=True)
class PromiseCounts:
    kept: int = 0
    on_time: int = 0  # of kept: on or before the first due date
    broken: int = 0
    open: int = 0  # still open (as of today), due in the quarter

    @property
    def rate(self) -> float | None:
        """Kept on time of those kept or broken; None with none."""
        judged = self.kept + self.broken
        return self.on_time / judged if judged else None

    def to_dict(self) -> dict[str, Any]:
        return {"kept": self.kept, "on_time": self.on_time, "broken": self.broken,
                "open": self.open, "on_time_rate": None if self.rate is None else round(self.rate, 3)}


@dataclass(frozen=True)
class QuarterPromises:
    label: str  # 2026 Q4
    start: date
    end: date
    mine: PromiseCounts
    theirs: PromiseCounts

    def to_dict(self) -> dict[str, Any]:
        return {"quarter": self.label, "start": self.start.isoformat(), "end": self.end.isoformat(),
                "mine": self.mine.to_dict(), "theirs": self.theirs.to_dict()}


def _quarter(day: date) -> tuple[date, date, str]:
    q = (day.month - 1) // 3
    start = date(day.year, q * 3 + 1, 1)
    return start, month_end(date(day.year, q * 3 + 3, 1)), f"{day.year} Q{q + 1}"


def promise_quarters(book: Book, today: date, months: int = 12) -> list[QuarterPromises]:
    """Calendar quarters, oldest first, the last one today's: ``months // 3`` of them (1 or more).

    Kept and broken count in the quarter they were resolved in (on or before today);
    open ones (as of today) in the quarter they are due in. Dropped promises do not count.
    """
    quarters = []
    start, end, label = _quarter(today)
    for _quarter_n in range(max(1, months // 3)):
        quarters.append((start, end, label))
        start, end, label = _quarter(start - timedelta(days=1))
    quarters.reverse()
    bound = today.isoformat()
    counts: dict[tuple[str, str], Counter[str]] = {(lab, owner): Counter() for _, _, lab in quarters for owner in ("me", "them")}
    spans = [(s.isoformat(), e.isoformat(), lab) for s, e, lab in quarters]

    def where(day: str) -> str | None:
        for lo, hi, lab in spans:
            if lo <= day <= hi:
                return lab
        return None

    for p in book.promises():
        resolved = p.resolved if p.resolved and p.resolved <= bound else None
        if p.status in ("kept", "broken") and resolved:
            lab = where(resolved)
            if lab is None:
                continue
            c = counts[(lab, p.owner)]
            c[p.status] += 1
            if p.status == "kept" and resolved <= (p.original_due or p.due):
                c["on_time"] += 1
        elif p.status == "open" or (p.status != "dropped" and p.resolved and not resolved):
            lab = where(p.due)
            if lab is not None:
                counts[(lab, p.owner)]["open"] += 1

    def make(c: Counter) -> PromiseCounts:
        return PromiseCounts(c["kept"], c["on_time"], c["broken"], c["open"])

    return [QuarterPromises(lab, s, e, make(counts[(lab, "me")]), make(counts[(lab, "them")]))
            for s, e, lab in quarters]


def _sum(counts: Iterable[PromiseCounts]) -> PromiseCounts:
    items = list(counts)
    return PromiseCounts(*(sum(getattr(c, f) for c in items) for f in ("kept", "on_time", "broken", "open")))


def promise_reading(quarters: list[QuarterPromises]) -> str:
    mine, theirs = _sum(q.mine for q in quarters), _sum(q.theirs for q in quarters)

    def say(who: str, c: PromiseCounts) -> str:
        if not (c.kept or c.broken or c.open):
            return _("{who}: none").format(who=who)
        rate = _(" ({rate} on time)").format(rate=f"{c.rate:.0%}") if c.rate is not None else ""
        return _("{who}: {kept} kept{rate}, {broken} broken, {open} open").format(
            who=who, kept=c.kept, rate=rate, broken=c.broken, open=c.open)

    return ngettext("Over {n} quarter, {mine}; {theirs}.", "Over {n} quarters, {mine}; {theirs}.",
                    len(quarters)).format(n=len(quarters), mine=say(_("mine"), mine),
                                          theirs=say(_("theirs"), theirs))

