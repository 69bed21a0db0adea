"""Cadence bars: each deep and active person's days since contact against their cadence,
worst first, and the reading that calls out deep relationships gone quiet."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from model.language.i18n import _, ngettext
from model.planning.book import Book
from model.planning.health.scope import close_people

#: a deep relationship without a deep conversation for this long is called out
DEEP_GAP_DAYS = 60
#: a cadence that comes due within this many days is "due" (not yet "overdue")
DUE_SOON_DAYS = 14

STATES = ("overdue", "due", "in time")


@dataclass(frozen=True)
class CadenceBar:
    """A deep or active person's days since contact against their cadence (the due list's
    rule: the deep tier needs a deep conversation, the active tier a touch)."""

    contact_id: str
    name: str
    tier: str
    cadence: int  # days between them
    keeps: str  # what keeps the cadence: "deep" (a deep conversation) or "touch"
    since_touch: int | None  # days since the last touch (None: never)
    since_deep: int | None  # days since the last deep conversation (None: never)
    due_in: int  # days until the next one is due (negative: overdue), snooze applied
    state: str  # overdue | due | in time

    @property
    def since(self) -> int | None:
        """The days that count against the cadence."""
        return self.since_deep if self.keeps == "deep" else self.since_touch

    def to_dict(self) -> dict[str, Any]:
        return {"contact": self.contact_id, "name": self.name, "tier": self.tier,
                "cadence": self.cadence, "keeps": self.keeps, "since": self.since,
                "since_touch": self.since_touch, "since_deep": self.since_deep,
                "due_in": self.due_in, "state": self.state}


def _state(due_in: int) -> str:
    if due_in < 0:
        return "overdue"
    return "due" if due_in <= DUE_SOON_DAYS else "in time"


def cadence_bars(book: Book, today: date) -> list[CadenceBar]:
    """Deep and active people, the most overdue first (then the longest without a touch)."""
    from model.planning.due import cadence_days, needs_deep, touch_due

    out = []
    for c in close_people(book):
        found = touch_due(book, c, today)
        cadence = cadence_days(c, book.settings)
        if found is None or cadence is None:
            continue
        due = found[0]
        touch = book.last_touch(c.id, on_or_before=today)
        deep = book.last_deep(c.id, on_or_before=today)
        due_in = (due - today).days
        out.append(CadenceBar(c.id, c.name, c.tier, cadence, "deep" if needs_deep(c) else "touch",
                              None if touch is None else (today - touch).days,
                              None if deep is None else (today - deep).days,
                              due_in, _state(due_in)))
    out.sort(key=lambda b: (b.due_in, -(b.since if b.since is not None else 10**6), b.name, b.contact_id))
    return out


def cadence_reading(bars: list[CadenceBar]) -> str:
    if not bars:
        return _("No deep or active relationships yet: choose them in the contact form (e) or with "
                 "kizuna tier NAME deep.")
    deep = [b for b in bars if b.tier == "deep"]
    parts = []
    if deep:
        gap = sum(1 for b in deep if b.since_deep is None or b.since_deep > DEEP_GAP_DAYS)
        parts.append(ngettext("{gap} of {n} deep relationship had no deep conversation in {days} days",
                              "{gap} of {n} deep relationships had no deep conversation in {days} days",
                              len(deep)).format(gap=gap, n=len(deep), days=DEEP_GAP_DAYS))
    late = sum(1 for b in bars if b.state == "overdue")
    soon = sum(1 for b in bars if b.state == "due")
    parts.append(_("{late} of {n} deep and active people past their cadence, {soon} due soon").format(
        late=late, n=len(bars), soon=soon))
    if len(parts) == 2:
        return _("{first}; {second}.").format(first=parts[0], second=parts[1])
    return _("{sentence}.").format(sentence=parts[0])

