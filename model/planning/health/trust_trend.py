"""Trust trend: each deep and active person's trust balance and its month-end trend.

The balance's rules live in :mod:`model.planning.trust`; this module only sums them per
month end for the chart, in one pass over the promises and the notes' columns."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from model.language.i18n import _, ngettext
from model.planning.book import Book
from model.planning.health.days import scan_notes
from model.planning.health.scope import close_people, month_ends

#: the trust chart's trend covers the last six month ends, whatever period the other charts show
TREND_MONTHS = 6


@dataclass(frozen=True)
class TrustRow:
    contact_id: str
    name: str
    tier: str
    balance: int  # as of today
    trend: tuple[int, ...]  # the balance at the end of each month of the period, the last today

    @property
    def change(self) -> int:
        return self.trend[-1] - self.trend[0] if self.trend else 0

    def to_dict(self) -> dict[str, Any]:
        return {"contact": self.contact_id, "name": self.name, "tier": self.tier,
                "balance": self.balance, "trend": list(self.trend), "change": self.change}


def trust_rows(book: Book, today: date, months: int = TREND_MONTHS) -> list[TrustRow]:
    """Each deep and active person's trust balance and its month-end trend, lowest first.

    The entries and weights of :func:`model.planning.trust.trust` (a test keeps the two
    equal), summed per month end in one pass over the promises and the notes' columns."""
    people = close_people(book)
    sums = scan_notes(book, today, 1, months, [c.id for c in people])[1]
    return trust_rows_from(book, today, months, people, sums)


def trust_rows_from(book: Book, today: date, months: int, people: list, sums: dict[str, list[int]]) -> list[TrustRow]:
    """Trust rows from the notes' sums (:func:`scan_notes`) and the promises."""
    from model.planning.trust import WEIGHTS, promise_outcome

    ends = month_ends(today, months)
    for p in book.promises():
        row = sums.get(p.contact)
        if row is None or p.owner != "me":
            continue
        for k, end in enumerate(ends):
            outcome = promise_outcome(p, end)
            if outcome is not None:
                row[k] += WEIGHTS[outcome]
    out = []
    for c in people:
        trend = tuple(sums[c.id])
        out.append(TrustRow(c.id, c.name, c.tier, trend[-1], trend))
    out.sort(key=lambda r: (r.balance, r.name, r.contact_id))
    return out


def trust_reading(rows: list[TrustRow], months: int) -> str:
    if not rows:
        return _("No deep or active relationships to weigh trust with yet.")
    negative = sum(1 for r in rows if r.balance < 0)
    fell = sum(1 for r in rows if r.change < 0)
    rose = sum(1 for r in rows if r.change > 0)
    return ngettext("{negative} of {n} deep and active people have a negative trust balance; "
                    "over {months} month {rose} rose and {fell} fell.",
                    "{negative} of {n} deep and active people have a negative trust balance; "
                    "over {months} months {rose} rose and {fell} fell.", months).format(
        negative=negative, n=len(rows), months=months, rose=rose, fell=fell)

