"""Relationship health in numbers: what the health screen and ``kizuna health`` draw.

Pure functions of a :class:`~model.planning.book.Book` and ``today`` that return
plain dataclasses; nothing here draws. Each chart has its numbers and a one-line
plain **reading** ("3 of 5 deep relationships had no deep conversation in 60 days").

* :func:`rhythm_of` — a person's last months as counts of deep conversations and of
  touches (a deep conversation is never also counted as a touch here);
* :func:`heatmap` — deep conversations and touches per day over the period;
* :func:`cadence_bars` — deep and active people: days since the last touch and deep
  conversation against their cadence, worst first;
* :func:`promise_quarters` — kept / broken / open per calendar quarter, mine and
  theirs apart, with the on-time rate;
* :func:`trust_rows` — trust balance per deep and active person, with its trend;
* :func:`diversity_health` — the deep and active tiers' spread, and how many focus
  months met the focus template and held their deep conversations.

Notes count by their date, kind and depth only: a confidential note counts like any
other and its text is never read here. Kizuna's own ``log`` entries never count.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from model.language.i18n import N_, _, ngettext
from model.planning.book import LOG, Book, month_end, month_key
from model.planning.diversity import DiversityReport, diversity
from model.records import Interaction

#: periods the screen steps through with [ and ]
PERIODS = (3, 6, 12)
#: the rhythm column and header: this many months, the last one the current
RHYTHM_MONTHS = 12
#: a deep relationship without a deep conversation for this long is called out
DEEP_GAP_DAYS = 60
#: a cadence that comes due within this many days is "due" (not yet "overdue")
DUE_SOON_DAYS = 14

STATES = ("overdue", "due", "in time")


def _shift(month: str, by: int) -> str:
    year, mon = int(month[:4]), int(month[5:7])
    index = year * 12 + mon - 1 + by
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def months_ending(today: date, months: int) -> tuple[str, ...]:
    """``months`` month keys, oldest first, the last one today's month."""
    last = month_key(today)
    return tuple(_shift(last, i - months + 1) for i in range(months))


def period_start(today: date, months: int) -> date:
    """The first day of a period of ``months`` months ending today (the day after the
    same date ``months`` months ago)."""
    first = date.fromisoformat(_shift(month_key(today), -months) + "-01")
    day = min(today.day, month_end(first).day)
    return first.replace(day=day) + timedelta(days=1)


# -- rhythm -----------------------------------------------------------------------


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


# -- heatmap ----------------------------------------------------------------------


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
    return _scan(book, today, months, months, ())[0]


def _scan(book: Book, today: date, months: int, trend_months: int,
          people: Iterable[str]) -> tuple[Heatmap, dict[str, list[int]]]:
    """One walk over every note's date, people, kind and depth: the day heatmap, and for
    ``people`` the trust entries of their notes summed per month end (``_month_ends``)."""
    from model.planning.trust import WEIGHTS

    start = period_start(today, months)
    size = (today - start).days + 1
    deep = [0] * size
    touch = [0] * size
    lo, hi = start.isoformat(), today.isoformat()
    bounds = [e.isoformat() for e in _month_ends(today, trend_months)]
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


def _month_ends(today: date, months: int) -> list[date]:
    """The last day of each month of the period, the last one today."""
    return [min(today, month_end(date.fromisoformat(m + "-01"))) for m in months_ending(today, months)]


# -- cadence ----------------------------------------------------------------------


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


def _people(book: Book) -> list:
    return book.in_tier("deep") + book.in_tier("active")


def cadence_bars(book: Book, today: date) -> list[CadenceBar]:
    """Deep and active people, the most overdue first (then the longest without a touch)."""
    from model.planning.due import cadence_days, needs_deep, touch_due

    out = []
    for c in _people(book):
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


# -- promises ---------------------------------------------------------------------


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


# -- trust ------------------------------------------------------------------------


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


#: the trust chart's trend covers the last six month ends, whatever period the other charts show
TREND_MONTHS = 6


def trust_rows(book: Book, today: date, months: int = TREND_MONTHS) -> list[TrustRow]:
    """Each deep and active person's trust balance and its month-end trend, lowest first.

    The entries and weights of :func:`model.planning.trust.trust` (a test keeps the two
    equal), summed per month end in one pass over the promises and the notes' columns."""
    people = _people(book)
    return _trust_rows(book, today, months, people, _scan(book, today, 1, months, [c.id for c in people])[1])


def _trust_rows(book: Book, today: date, months: int, people: list, sums: dict[str, list[int]]) -> list[TrustRow]:
    """Trust rows from the notes' sums (:func:`_scan`) and the promises."""
    from model.planning.trust import WEIGHTS, promise_outcome

    ends = _month_ends(today, months)
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


# -- diversity and focus months ------------------------------------------------------


@dataclass(frozen=True)
class FocusMonth:
    month: str
    planned: bool
    met_template: bool  # the plan's filled slots hold every role of the template
    people: int
    held: int  # focus people whose deep conversation(s) happened

    @property
    def all_held(self) -> bool:
        return self.people > 0 and self.held == self.people

    def to_dict(self) -> dict[str, Any]:
        return {"month": self.month, "planned": self.planned, "met_template": self.met_template,
                "people": self.people, "held": self.held, "all_held": self.all_held}


@dataclass(frozen=True)
class DiversityHealth:
    report: DiversityReport  # of the deep and active tiers together
    template: tuple[str, ...]
    months: tuple[FocusMonth, ...]  # oldest first, the last one this month

    @property
    def met(self) -> int:
        return sum(1 for m in self.months if m.met_template)

    @property
    def held(self) -> int:
        return sum(1 for m in self.months if m.all_held)

    @property
    def both(self) -> int:
        return sum(1 for m in self.months if m.met_template and m.all_held)

    def reading(self) -> str:
        if not self.report.size:
            return _("No deep or active relationships yet to measure diversity over.")
        spread = self.report.spread["industry"]
        head = ngettext("{size} deep and active people in {n} industry", "{size} deep and active people in {n} industries",
                        spread.distinct).format(size=self.report.size, n=spread.distinct)
        if spread.unknown:
            head += _(" ({n} unknown)").format(n=spread.unknown)
        planned = sum(1 for m in self.months if m.planned)
        months = len(self.months)
        if not planned:
            return ngettext("{head}; no focus month planned in the last {n} month.",
                            "{head}; no focus month planned in the last {n} months.", months).format(
                                head=head, n=months)
        return _("{head}; of {planned} planned in the last {months}, {met} met the template and "
                 "{held} held all their deep conversations.").format(
            head=head, planned=ngettext("{n} focus month", "{n} focus months", planned).format(n=planned),
            months=ngettext("{n} month", "{n} months", months).format(n=months), met=self.met, held=self.held)

    def to_dict(self) -> dict[str, Any]:
        return {"diversity": self.report.to_dict(), "template": list(self.template),
                "months": [m.to_dict() for m in self.months],
                "met_template": self.met, "all_held": self.held, "both": self.both}


def _met(plan, template: tuple[str, ...], book: Book) -> bool:
    have = Counter(s.role for s in plan.slots if s.contact and book.get_contact(s.contact))
    need = Counter(template)
    return all(have[role] >= n for role, n in need.items())


def diversity_health(book: Book, today: date, months: int = 12) -> DiversityHealth:
    """The deep and active tiers' spread, and per month of the period whether its focus plan
    met the template and its people had their deep conversation(s) (as the month review
    counts them: ``settings.focus_deep_per_month`` in the calendar month, up to today)."""
    report = diversity(_people(book), book.settings, _("deep and active relationships"))
    template = tuple(book.settings.focus_template)
    need = book.settings.focus_deep_per_month
    checks = []
    for month in months_ending(today, months):
        plan = book.plan(month)
        if plan is None:
            checks.append(FocusMonth(month, False, False, 0, 0))
            continue
        first = date.fromisoformat(month + "-01")
        last = min(today, month_end(first))
        people = book.focus_ids(month)
        held = sum(1 for cid in people if book.deep_count(cid, first, last) >= need)
        checks.append(FocusMonth(month, True, _met(plan, template, book), len(people), held))
    return DiversityHealth(report, template, tuple(checks))


# -- everything -------------------------------------------------------------------


@dataclass(frozen=True)
class Health:
    """Every chart's numbers and readings for one period."""

    today: date
    months: int
    people: int  # everyone not archived
    heatmap: Heatmap
    cadence: tuple[CadenceBar, ...]
    promises: tuple[QuarterPromises, ...]
    trust: tuple[TrustRow, ...]
    diversity: DiversityHealth

    @property
    def empty(self) -> bool:
        return self.people == 0

    def readings(self) -> dict[str, str]:
        return {"heatmap": self.heatmap.reading(), "cadence": cadence_reading(list(self.cadence)),
                "promises": promise_reading(list(self.promises)),
                "trust": trust_reading(list(self.trust), TREND_MONTHS),
                "diversity": self.diversity.reading()}

    def to_dict(self) -> dict[str, Any]:
        return {"today": self.today.isoformat(), "months": self.months, "people": self.people,
                "readings": self.readings(), "heatmap": self.heatmap.to_dict(),
                "cadence": [b.to_dict() for b in self.cadence],
                "promises": [q.to_dict() for q in self.promises],
                "trust": [r.to_dict() for r in self.trust],
                "diversity": self.diversity.to_dict()}


EMPTY_TEXT = N_("Nobody here yet. Add people (a on the main screen, or kizuna import), write notes "
                "with them (n), and their rhythms, promises and trust show here.")


def health(book: Book, today: date, months: int = 12) -> Health:
    """Everything the health screen and ``kizuna health`` show, for ``months`` months to today."""
    people = sum(1 for c in book.contacts() if c.tier != "archived")
    close = _people(book)
    heat, sums = _scan(book, today, months, TREND_MONTHS, [c.id for c in close])  # one walk over the notes
    return Health(today, months, people, heat, tuple(cadence_bars(book, today)),
                  tuple(promise_quarters(book, today, months)),
                  tuple(_trust_rows(book, today, TREND_MONTHS, close, sums)),
                  diversity_health(book, today, months))
