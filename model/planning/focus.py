"""The monthly focus plan (A4, A9): months, suggestions for a slot, the month review.

Pure functions over a :class:`~model.planning.book.Book` and ``today``; the
store-changing actions are in :mod:`model.actions.focus`.

Suggestion scoring
------------------
Every person who is not archived and not already in the month's plan is a
candidate. Their score is the sum of these parts (the constants below), and
each part that counts comes with a reason in plain words:

=====================  ======================================================
purpose fit            +30 if the month's purpose is one of theirs
                       (``contact.purposes``)
slot role fit          +30 if they fit the slot's role, -30 if they contradict
                       it, 0 if unknown. ``same-industry``: relation is
                       same-industry, or their industry is my own;
                       ``cross-industry``: relation is cross-industry, or their
                       industry is known and not my own; other roles
                       (customer, investor, ...): relation equals the role
diversity gained       +5 per dimension (industry, function, level,
                       generation) where their value is known and nobody in
                       the plan has it yet (max +20; unknown adds nothing;
                       nothing while the plan is still empty)
time since last deep   up to +20, growing with the days since our last deep
conversation           conversation (full at 180 days); never had one: +10
                       (new: worth deepening, but less pressing than a lapsed
                       relationship)
trust balance          the balance, capped to -10 .. +10 (``trust``'s weights):
                       trust already earned makes a focus month pay off
                       faster (A7); a negative balance is a reason to keep
                       promises first, and says so
=====================  ======================================================

Purpose and role dominate on purpose (A4: choose from the current
challenge); diversity and time rank the fitting people. Equal scores go by
trust balance, then by days since the last deep conversation, then by name. One pass over the contacts; every per-person question
is answered by the Book's indexes, so 5,000 people rank in well under a
second.
"""

from __future__ import annotations

import heapq
from functools import lru_cache
import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from model.errors import ValidationError
from model.language.i18n import _, ngettext, word, value as shown_value
from model.language.names import fold, sort_key
from model.planning.book import Book, month_end, month_key
from model.planning.month_days import days_left, month_title
from model.planning.diversity import DIMENSIONS, DiversityReport, diversity, value_of
from model.records import KINDS, Contact, FocusPlan, Interaction, Promise
from model.records.privacy import masked_copy

PURPOSE_FIT = 30
ROLE_FIT = 30
ROLE_MISMATCH = -30
DIVERSITY_PER_DIMENSION = 5
DEEP_GAP_MAX = 20
DEEP_GAP_FULL_DAYS = 180
DEEP_NEVER = 10
TRUST_CAP = 10

_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_INDUSTRY_ROLES = ("same-industry", "cross-industry")
#: industries and the like repeat across thousands of people: fold each once
_fold = lru_cache(maxsize=4096)(fold)
_NEVER_DAYS = 90  # for ordering ties only: "never" scores like 90 days (DEEP_NEVER)


# -- months -----------------------------------------------------------------


def parse_month(text: str, today: date) -> str:
    """``YYYY-MM``, or ``this``/``next``/``last`` month as of ``today``."""
    word = text.strip().lower()
    if word in ("this", "now", "current"):
        return month_key(today)
    if word == "next":
        return shift_month(month_key(today), 1)
    if word in ("last", "prev", "previous"):
        return shift_month(month_key(today), -1)
    try:
        return check_month(word)
    except ValidationError:
        raise ValidationError("month", _("{text!r} is not a month (YYYY-MM, or this/next/last)").format(
            text=text)) from None


def check_month(month: str) -> str:
    """``month`` itself if it is a ``YYYY-MM`` month, else a ValidationError."""
    m = _MONTH.match(month) if isinstance(month, str) else None
    if not m or not 1 <= int(m.group(2)) <= 12 or int(m.group(1)) < 1:
        raise ValidationError("month", _("{month!r} is not a month (YYYY-MM)").format(month=month))
    return month


def first_day(month: str) -> date:
    year, mon = month.split("-")
    return date(int(year), int(mon), 1)


def last_day(month: str) -> date:
    return month_end(first_day(month))


def shift_month(month: str, by: int) -> str:
    """The month ``by`` months after (or before) ``month``: 2026-12 + 1 = 2027-01."""
    start = first_day(month)
    index = start.year * 12 + start.month - 1 + by
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


# -- fit --------------------------------------------------------------------


def role_fit(contact: Contact, role: str, own_industry: str) -> tuple[int, str]:
    """How a person fits a slot's role, with why.

    2: their relation is the role; 1: their industry fits it (same- or
    cross-industry slots); 0: cannot tell; -1: they contradict it.
    """
    if contact.relation == role:
        return 2, _("marked {role}").format(role=word("relation", role))
    if role not in _INDUSTRY_ROLES:
        return 0, ""
    industry = value_of(contact, "industry")
    own = " ".join(own_industry.split())
    if industry and own:
        same = _fold(industry) == _fold(own)
        if same == (role == "same-industry"):
            return 1, (_("in your industry ({industry})") if same
                       else _("outside your industry ({industry})")).format(industry=industry)
        return -1, (_("in your own industry ({industry}), not cross-industry") if same
                    else _("in {industry}, not your industry")).format(industry=industry)
    if contact.relation in _INDUSTRY_ROLES:
        return -1, _("marked {role}").format(role=word("relation", contact.relation))
    if not industry:
        return 0, _("industry not recorded")
    return 0, _("your own industry is not set")


def plan_people(book: Book, month: str) -> list[Contact]:
    return [book.contact(cid) for cid in book.focus_ids(month)]


# -- suggestions --------------------------------------------------------------


@dataclass(frozen=True)
class Suggestion:
    """A candidate for a slot: the score, its parts, and the reasons in words."""

    contact: Contact
    score: int
    reasons: tuple[str, ...]
    parts: dict[str, int] = field(default_factory=dict)
    last_deep: date | None = None
    trust: int | float | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"contact_id": self.contact.id, "name": self.contact.name, "score": self.score,
                "parts": dict(self.parts), "reasons": list(self.reasons),
                "last_deep": self.last_deep.isoformat() if self.last_deep else None,
                "trust": self.trust}


def trust_balances(book: Book, today: date) -> dict[str, int]:
    """Everyone's trust balance as of ``today``, in one pass over promises and notes.

    The same entries and weights as :func:`model.planning.trust.trust` (its
    ``WEIGHTS`` and ``promise_outcome``), summed for all people at once
    instead of building a full report per person; a test keeps the two equal.
    """
    from model.planning.trust import WEIGHTS, promise_outcome

    balances: dict[str, int] = {}
    for p in book.promises():
        if p.owner != "me":
            continue
        outcome = promise_outcome(p, today)
        if outcome is not None:
            balances[p.contact] = balances.get(p.contact, 0) + WEIGHTS[outcome]
    kinds = {k: w for k, w in WEIGHTS.items() if k in KINDS}
    bound = today.isoformat()
    for it in book.interactions():
        weight = kinds.get(it.kind)
        if weight is None or it.date > bound:
            continue
        for cid in it.contacts:
            balances[cid] = balances.get(cid, 0) + weight
    return balances


def _deep_part(last: date | None, today: date) -> tuple[int, str]:
    if last is None:
        return DEEP_NEVER, _("no deep conversation yet (new)")
    days = max(0, (today - last).days)
    points = round(min(days, DEEP_GAP_FULL_DAYS) / DEEP_GAP_FULL_DAYS * DEEP_GAP_MAX)
    if days == 0:
        return points, _("deep conversation today")
    return points, ngettext("last deep conversation {days} day ago", "last deep conversation {days} days ago", days).format(days=days)


def suggest(book: Book, month: str, role: str | None, purpose: str | None, today: date,
            limit: int = 10, *, balances: dict[str, int] | None = None) -> list[Suggestion]:
    """The best ``limit`` candidates for an empty ``role`` slot of ``month``'s plan.

    ``purpose`` defaults to the plan's purpose; ``role`` None scores no role fit.
    Ranked by score, then by trust balance, then by days since the last deep
    conversation (never counts as 90), then by name. ``balances`` (from
    :func:`trust_balances` for the same Book and day) saves recomputing them
    when suggesting for several slots.
    """
    if balances is None:
        balances = trust_balances(book, today)
    plan = book.plan(month)
    if purpose is None and plan is not None:
        purpose = plan.purpose
    own = book.settings.own_industry
    taken = set(book.focus_ids(month))
    present: dict[str, set[str]] = {d: set() for d in DIMENSIONS}
    for person in plan_people(book, month):
        for d in DIMENSIONS:
            value = value_of(person, d)
            if value:
                present[d].add(_fold(value))

    scored: list[tuple[tuple[int, int, int, str], Contact, dict[str, int], list[str], date | None, int]] = []
    for c in book.contacts():
        if c.tier == "archived" or c.id in taken:
            continue
        parts: dict[str, int] = {}
        reasons: list[str] = []
        if purpose and purpose in c.purposes:
            parts["purpose"] = PURPOSE_FIT
            reasons.append(_("serves the purpose: {purpose}").format(purpose=word("purpose", purpose)))
        if role:
            fit, why = role_fit(c, role, own)
            if fit:
                parts["role"] = ROLE_FIT if fit > 0 else ROLE_MISMATCH
            if why:
                reasons.append(why if fit >= 0 else _("does not fit the {role} slot: {why}").format(
                    role=word("relation", role), why=why))
        new = []
        for d in DIMENSIONS if taken else ():  # an empty plan: no one to differ from
            value = value_of(c, d)
            if value and _fold(value) not in present[d]:
                new.append(_("{dimension} {value}").format(
                    dimension=_(d), value=shown_value(d, value)))
        if new:
            parts["diversity"] = DIVERSITY_PER_DIMENSION * len(new)
            reasons.append(_("new to the plan: {new}").format(new=_(", ").join(new)))
        last = book.last_deep(c.id, on_or_before=today)
        points, why = _deep_part(last, today)
        parts["deep_gap"] = points
        reasons.append(why)
        balance = balances.get(c.id, 0)
        if balance:
            parts["trust"] = int(round(max(-TRUST_CAP, min(TRUST_CAP, balance))))
            if balance < 0:
                reasons.append(_("trust balance {balance:+g}: keep your promises to them first").format(
                    balance=balance))
            else:
                reasons.append(_("trust balance {balance:+g}").format(balance=balance))
        score = sum(parts.values())
        gap = _NEVER_DAYS if last is None else (today - last).days
        scored.append(((-score, -balance, -gap, c.id), c, parts, reasons, last, balance))

    best = heapq.nsmallest(limit, scored, key=lambda t: (t[0][:3], sort_key(t[1]), t[0][3]))
    return [Suggestion(c, -key[0], tuple(reasons), parts, last, balance)
            for key, c, parts, reasons, last, balance in best]


# -- the month review -----------------------------------------------------------


@dataclass(frozen=True)
class ReviewRow:
    """One focus person's month: deep conversation, promises, notes."""

    slot: int  # 1-based
    role: str
    intent: str
    contact: Contact
    deep_dates: tuple[date, ...]
    notes: tuple[Interaction, ...]  # every non-log interaction with them in the month
    kept: tuple[Promise, ...]  # resolved kept within the month
    broken: tuple[Promise, ...]  # resolved broken within the month
    open: tuple[Promise, ...]  # still open and due by the month's last day
    needed: int = 1  # deep conversations a focus person needs a month (settings, A11)
    misfit: str = ""  # why the person contradicts the slot's role (role_fit), else ""

    @property
    def deep_held(self) -> bool:
        """Did the month's deep conversation(s) happen (as many as ``needed``)?"""
        return len(self.deep_dates) >= self.needed

    def to_dict(self) -> dict[str, Any]:
        def promise(p: Promise) -> dict[str, Any]:
            return {"id": p.id, "owner": p.owner, "text": p.text, "due": p.due,
                    "status": p.status, "resolved": p.resolved}

        return {
            "slot": self.slot, "role": self.role, "intent": self.intent,
            "contact_id": self.contact.id, "name": self.contact.name,
            "deep_held": self.deep_held, "deep_needed": self.needed, "misfit": self.misfit,
            "deep_dates": [d.isoformat() for d in self.deep_dates],
            "notes": [{"id": i.id, "date": i.date, "kind": i.kind, "depth": i.depth,
                       "scope": i.scope,
                       "text": "[confidential]" if i.scope == "confidential" else i.text}
                      for i in self.notes],
            "kept": [promise(p) for p in self.kept],
            "broken": [promise(p) for p in self.broken],
            "open": [promise(p) for p in self.open],
        }


@dataclass(frozen=True)
class MonthReview:
    """A month's plan looked back on: one row per focus person."""

    month: str
    plan: FocusPlan | None
    rows: list[ReviewRow]
    empty_slots: list[tuple[int, str]]  # (1-based slot, role)
    days_left: int | None  # days after today (0: the last day); None when today is not in the month
    diversity: DiversityReport | None = None

    @property
    def held(self) -> int:
        return sum(1 for r in self.rows if r.deep_held)

    @property
    def carry_candidates(self) -> list[ReviewRow]:
        """People whose deep conversation did not happen: the usual ones to carry over."""
        return [r for r in self.rows if not r.deep_held]

    def to_dict(self) -> dict[str, Any]:
        plan = self.plan
        return {
            "month": self.month,
            "planned": plan is not None,
            "challenge": plan.challenge if plan else "",
            "purpose": plan.purpose if plan else None,
            "review": plan.review if plan else "",
            "days_left": self.days_left,
            "deep_held": self.held,
            "people": len(self.rows),
            "rows": [r.to_dict() for r in self.rows],
            "empty_slots": [{"slot": i, "role": role} for i, role in self.empty_slots],
            "diversity": self.diversity.to_dict() if self.diversity else None,
        }


def _in(day: str | None, start: str, end: str) -> bool:
    return day is not None and start <= day <= end


def month_review(book: Book, month: str, today: date, reveal: bool = False) -> MonthReview:
    """Per focus person of ``month``: deep conversation held, promises, notes (the text of
    promises made in confidential notes masked unless ``reveal``)."""
    plan = book.plan(month)
    left = days_left(month, today)
    if plan is None:
        return MonthReview(month, None, [], [], left)
    start, end = first_day(month), last_day(month)
    lo, hi = start.isoformat(), end.isoformat()
    needed = book.settings.focus_deep_per_month
    rows: list[ReviewRow] = []
    empty: list[tuple[int, str]] = []
    seen: set[str] = set()
    for i, slot in enumerate(plan.slots, 1):
        person = book.get_contact(slot.contact) if slot.contact else None
        if person is None or person.id in seen:
            empty.append((i, slot.role))
            continue
        seen.add(person.id)
        notes = [it for it in book.timeline(person.id) if it.kind != "log" and _in(it.date, lo, hi)]
        notes.reverse()  # oldest first reads like the month went
        deep = tuple(date.fromisoformat(it.date) for it in notes if it.depth == "deep")
        kept, broken, open_ = [], [], []
        secret = set() if reveal else book.confidential_notes((person.id,))
        for p in (masked_copy(p, secret) for p in book.promises_for(person.id)):
            if p.status == "kept" and _in(p.resolved, lo, hi):
                kept.append(p)
            elif p.status == "broken" and _in(p.resolved, lo, hi):
                broken.append(p)
            elif p.status == "open" and p.due <= hi:
                open_.append(p)
        fit, why = role_fit(person, slot.role, book.settings.own_industry)
        rows.append(ReviewRow(i, slot.role, slot.intent, person, deep, tuple(notes),
                              tuple(kept), tuple(broken), tuple(open_), needed, why if fit < 0 else ""))
    report = diversity([r.contact for r in rows], book.settings,
                       _("people in {month}'s focus").format(month=month_title(month)))
    return MonthReview(month, plan, rows, empty, left, report)
