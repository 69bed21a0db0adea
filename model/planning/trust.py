"""The trust balance (A8): Covey's emotional bank account, one per person.

The balance is the sum of **entries**, each a dated deposit or withdrawal with
the reason behind it, so the number can always be explained. Only what I do
moves my balance with someone; what *they* do is their **reliability**, a
separate figure (how often their promises to me were kept, and on time).

Weights (``WEIGHTS``) and why:

========================  ======  ==================================================
entry                     weight  why
========================  ======  ==================================================
promise kept on time        +3    the core of trust (A6): doing what I said, when I said
promise kept late           -1    kept, but after the *original* due date: a reschedule
                                  does not move the deadline the other side first heard,
                                  so lateness is a small withdrawal, not a deposit
promise broken              -5    withdrawals weigh more than deposits (Covey; bad
                                  events outweigh good ones), so one broken promise
                                  costs more than one kept promise earns
promise dropped late        -2    dropped after its due date: a promise let
                                  lapse. Dropped *before* it was due (released by
                                  agreement, no longer needed) is 0 and not listed
promise overdue (open)      -2    still open past its due date: it already
                                  costs trust today; it turns into kept-late or broken
intro made                  +3    an introduction lends my own reputation (A6 "support
                                  their success")
help given                  +2    concrete support for their success (A6)
value shared                +1    sharing information and learnings (A6 "sharing");
                                  small but it adds up
help received                0    listed, not a withdrawal: asking for help is part of a
                                  two-way relationship and must not be punished. The
                                  report counts given against received instead
========================  ======  ==================================================

Conversations themselves (meetings, meals, calls) carry no weight: trust
comes from what is done, not from how often we meet (A1). Entries dated after
``today`` are ignored, so a balance "as of" a past date is reproducible.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date

from model.planning.book import Book
from model.records.privacy import note_text, promise_text

WEIGHTS: dict[str, int] = {
    "kept on time": 3,
    "kept late": -1,
    "broken": -5,
    "dropped late": -2,
    "overdue": -2,
    "intro made": 3,
    "help given": 2,
    "value shared": 1,
    "help received": 0,
}

#: interaction kinds that are entries, and the WEIGHTS key for each
_KIND_ENTRIES = ("intro made", "help given", "value shared", "help received")


@dataclass(frozen=True)
class TrustEntry:
    """One deposit or withdrawal behind a balance."""

    date: date
    what: str  # a WEIGHTS key
    weight: int
    text: str
    source: str  # the promise or interaction id

    def to_dict(self) -> dict:
        out = asdict(self)
        out["date"] = self.date.isoformat()
        return out


@dataclass(frozen=True)
class Reliability:
    """How their promises to me went."""

    kept_on_time: int = 0
    kept_late: int = 0
    broken: int = 0
    overdue: int = 0  # still open past the due date
    dropped: int = 0
    open: int = 0  # still open and not yet due

    @property
    def judged(self) -> int:
        """Promises that have had their chance: kept, late, broken or overdue."""
        return self.kept_on_time + self.kept_late + self.broken + self.overdue

    @property
    def rate(self) -> float | None:
        """The share kept on time of those judged, or None with nothing to judge."""
        return self.kept_on_time / self.judged if self.judged else None

    def summary(self) -> str:
        if not self.judged:
            return "no promises of theirs to judge yet" + (f" ({self.open} open)" if self.open else "")
        parts = [f"{self.kept_on_time} of {self.judged} kept on time"]
        for n, label in ((self.kept_late, "late"), (self.broken, "broken"),
                         (self.overdue, "overdue"), (self.open, "open")):
            if n:
                parts.append(f"{n} {label}")
        return ", ".join(parts)

    def to_dict(self) -> dict:
        out = asdict(self)
        out["rate"] = self.rate
        out["summary"] = self.summary()
        return out


@dataclass(frozen=True)
class TrustReport:
    """A person's trust balance, the entries behind it, and their reliability."""

    contact_id: str
    balance: int
    entries: tuple[TrustEntry, ...]  # newest first
    reliability: Reliability
    given: int  # intros made + help given + value shared
    received: int  # help received

    def to_dict(self) -> dict:
        return {
            "contact": self.contact_id,
            "balance": self.balance,
            "entries": [e.to_dict() for e in self.entries],
            "reliability": self.reliability.to_dict(),
            "given": self.given,
            "received": self.received,
            "weights": dict(WEIGHTS),
        }


def _d(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def promise_outcome(promise, today: date) -> str | None:
    """How a promise counts as of ``today``: a WEIGHTS key, or None if it does not count yet."""
    original = date.fromisoformat(promise.original_due or promise.due)
    resolved = _d(promise.resolved)
    if promise.status != "open" and resolved is not None and resolved > today:
        # Resolved after the day we judge: as of today it was still open.
        status, resolved = "open", None
    else:
        status = promise.status
    if status == "kept":
        return "kept on time" if resolved is None or resolved <= original else "kept late"
    if status == "broken":
        return "broken"
    # Dropping or leaving open is judged against the due date in force: a
    # reschedule agreed before the deadline is a renegotiation, not a lapse.
    current = date.fromisoformat(promise.due)
    if status == "dropped":
        return "dropped late" if resolved is not None and resolved > current else None
    return "overdue" if today > current else None


def reliability(book: Book, contact_id: str, today: date) -> Reliability:
    """Their promises to me, as of ``today``."""
    counts = dict.fromkeys(("kept_on_time", "kept_late", "broken", "overdue", "dropped", "open"), 0)
    for p in book.promises_for(contact_id):
        if p.owner != "them":
            continue
        outcome = promise_outcome(p, today)
        if outcome in ("kept on time", "kept late", "broken", "overdue"):
            counts[outcome.replace(" ", "_")] += 1
        elif outcome == "dropped late" or (p.status == "dropped" and p.resolved
                                           and date.fromisoformat(p.resolved) <= today):
            counts["dropped"] += 1
        else:
            counts["open"] += 1
    return Reliability(**counts)


def trust(book: Book, contact_id: str, today: date, reveal: bool = False) -> TrustReport:
    """The trust balance with ``contact_id`` as of ``today``, with its entries (confidential
    text masked unless ``reveal``)."""
    entries: list[TrustEntry] = []
    secret = set() if reveal else book.confidential_notes((contact_id,))  # a promise made in one is as secret
    for p in book.promises_for(contact_id):
        if p.owner != "me":
            continue
        outcome = promise_outcome(p, today)
        if outcome is None:
            continue
        # Dated when it was resolved; an overdue one on the date it fell due.
        when = (_d(p.resolved) if outcome != "overdue" else None) or date.fromisoformat(p.due)
        entries.append(TrustEntry(when, outcome, WEIGHTS[outcome], promise_text(p, secret), p.id))
    given = received = 0
    for it in book.timeline(contact_id):
        if it.kind not in _KIND_ENTRIES:
            continue
        when = date.fromisoformat(it.date)
        if when > today:
            continue
        if it.kind == "help received":
            received += 1
        else:
            given += 1
        text = note_text(it, reveal)
        entries.append(TrustEntry(when, it.kind, WEIGHTS[it.kind], text, it.id))
    entries.sort(key=lambda e: (e.date, e.source), reverse=True)
    return TrustReport(
        contact_id=contact_id,
        balance=sum(e.weight for e in entries),
        entries=tuple(entries),
        reliability=reliability(book, contact_id, today),
        given=given,
        received=received,
    )


def balances(book: Book, contact_ids, today: date) -> dict[str, int]:
    """Trust balances of several people at once."""
    return {cid: trust(book, cid, today).balance for cid in contact_ids}
