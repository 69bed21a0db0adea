"""Tiers and caps (A1, A3): the app says *no* to a sixth deep relationship.

``deep`` holds at most ``settings.deep_cap`` people (5, A3) and ``active`` at
most ``settings.active_cap`` (15): Dunbar's inner layers. ``network`` and
``archived`` have no cap.

Moving someone into a full tier is refused, and the refusal names who could
make room and why: the person in that tier longest without a deep
conversation, and the one with the lowest trust balance (A8). Moving someone
*down* needs no permission, except into a full ``active`` tier (a demotion
from ``deep`` to a full ``active`` is refused like any other move, since no
sequence of moves may ever exceed a cap); moving down to ``network`` or
``archived`` is always allowed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from model.language.i18n import _, ngettext, word
from model.planning.book import Book
from model.planning.trust import trust
from model.records import TIERS

#: Higher is closer: deep > active > network > archived.
RANK = {"deep": 3, "active": 2, "network": 1, "archived": 0}


@dataclass(frozen=True)
class Candidate:
    """Someone in a full tier who could make room, and why."""

    contact_id: str
    name: str
    last_deep: date | None
    days_since_deep: int | None  # None when there never was one
    balance: int
    reasons: tuple[str, ...]

    def to_dict(self) -> dict:
        return {
            "contact": self.contact_id,
            "name": self.name,
            "last_deep": self.last_deep.isoformat() if self.last_deep else None,
            "days_since_deep": self.days_since_deep,
            "balance": self.balance,
            "reasons": list(self.reasons),
        }


@dataclass(frozen=True)
class TierCheck:
    """Whether a tier change may happen; if not, who could make room."""

    allowed: bool
    message: str
    candidates: tuple[Candidate, ...] = field(default=())
    old_tier: str = ""
    new_tier: str = ""

    @property
    def demotion(self) -> bool:
        return RANK.get(self.new_tier, 0) < RANK.get(self.old_tier, 0)

    @property
    def promotion(self) -> bool:
        return RANK.get(self.new_tier, 0) > RANK.get(self.old_tier, 0)

    def to_dict(self) -> dict:
        return {
            "allowed": self.allowed,
            "message": self.message,
            "old_tier": self.old_tier,
            "new_tier": self.new_tier,
            "candidates": [c.to_dict() for c in self.candidates],
        }


def _since(last: date | None, today: date) -> str:
    if last is None:
        return _("none on record")
    if today == date.max:
        return _("last one {date}").format(date=last.isoformat())
    days = (today - last).days
    return ngettext("{days} day, last one {date}", "{days} days, last one {date}", days).format(
        days=days, date=last.isoformat())


def room_candidates(book: Book, tier: str, today: date, exclude: str | None = None) -> list[Candidate]:
    """Everyone in ``tier``, the best candidates to make room first.

    Ordered by time since the last deep conversation (never first, then the
    oldest), ties broken by the lower trust balance, then the name. Each
    candidate's reasons say which rule puts them where they are.
    """
    members = [c for c in book.in_tier(tier) if c.id != exclude]
    if not members:
        return []
    facts = []
    for c in members:
        last = book.last_deep(c.id, on_or_before=today)
        facts.append((c, last, trust(book, c.id, today).balance))
    oldest = min(facts, key=lambda f: (f[1] or date.min, f[2], f[0].name))
    lowest = min(facts, key=lambda f: (f[2], f[1] or date.min, f[0].name))
    out = []
    for c, last, balance in sorted(facts, key=lambda f: (f[1] or date.min, f[2], f[0].name)):
        reasons = []
        if c.id == oldest[0].id:
            reasons.append(_("longest without a deep conversation: ") + _since(last, today))
        if c.id == lowest[0].id:
            reasons.append(_("lowest trust balance: {balance:+d}").format(balance=balance))
        days = None if last is None or today == date.max else (today - last).days
        out.append(Candidate(c.id, c.name, last, days,
                             balance, tuple(reasons)))
    return out


def tier_change(book: Book, contact_id: str, new_tier: str, today: date | None = None) -> TierCheck:
    """May ``contact_id`` move to ``new_tier``? Refused past a cap, naming who could make room.

    ``today`` dates the facts behind the candidates (deep conversations and
    trust as of that day); without it everything on record counts.
    """
    if new_tier not in TIERS:
        return TierCheck(False, _("{tier!r} is not a tier ({tiers})").format(tier=new_tier, tiers=", ".join(TIERS)),
                         (), "", new_tier)
    person = book.contact(contact_id)
    old = person.tier
    if old == new_tier:
        return TierCheck(True, _("{name} is already in {tier}").format(name=person.name, tier=word("tier", new_tier)),
                         (), old, new_tier)
    cap = book.cap(new_tier)
    if cap is not None:
        count = sum(1 for c in book.in_tier(new_tier) if c.id != contact_id)
        if count >= cap:
            day = today or date.max
            candidates = room_candidates(book, new_tier, day, exclude=contact_id)
            named = [c for c in candidates if c.reasons]
            lower = "active" if new_tier == "deep" else "network"
            if named:
                who = _(", or ").join(f"{c.name} ({'; '.join(c.reasons)})" for c in named)
                hint = _(" To make room, move one of them to {lower} first: {who}.").format(
                    lower=word("tier", lower), who=who)
            else:
                hint = ""
            msg = _("cannot move {name} to {tier}: {tier} is full ({count} of {cap}).{hint}").format(
                name=person.name, tier=word("tier", new_tier), count=count, cap=cap, hint=hint)
            return TierCheck(False, msg, tuple(candidates), old, new_tier)
    direction = "up" if RANK[new_tier] > RANK[old] else "down"
    shown = (_("{name}: {old} -> {tier} (up)") if direction == "up" else _("{name}: {old} -> {tier} (down)")).format(
        name=person.name, old=word("tier", old), tier=word("tier", new_tier))
    return TierCheck(True, shown, (), old, new_tier)


def over_cap(book: Book) -> dict[str, tuple[int, int]]:
    """Tiers holding more people than their cap (after a cap was lowered): tier -> (count, cap)."""
    out = {}
    for tier in ("deep", "active"):
        cap = book.cap(tier)
        count = book.tier_count(tier)
        if cap is not None and count > cap:
            out[tier] = (count, cap)
    return out
