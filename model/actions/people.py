"""Store-changing actions with the planning rules applied and logged.

Each action runs in one store transaction (locked, reloaded if another
process wrote, written once), checks its rule against a fresh
:class:`~model.planning.book.Book`, and records what it did on the person's
timeline as an interaction of kind ``log``. Log entries never count as a
touch or a deep conversation.

Every action takes ``today`` (the day it happens, as the user sees it) and
never reads the clock for planning dates.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from datetime import date

from model.actions.dates import check_due, check_reschedule, check_snooze
from model.errors import KizunaError, ValidationError
from model.language.i18n import _, word
from model.planning.book import Book
from model.planning.caps import TierCheck, tier_change
from model.records import CAPPED_TIERS, OWNERS, Contact, Interaction, Promise
from model.store import Store
from model.records.privacy import store_secret_ids
from model.language.text import clean_field


class RefusedError(KizunaError):
    """A rule says no (a full tier, a promise already resolved). ``check`` has details."""

    def __init__(self, message: str, check: TierCheck | None = None) -> None:
        self.check = check
        super().__init__(message)


def log(store: Store, contact_ids: tuple[str, ...] | list[str], text: str, today: date,
        tags: tuple[str, ...] = (), about: Promise | None = None) -> Interaction:
    """Write a ``log`` entry on these people's timelines; one ``about`` a promise made in a
    confidential note quotes its text, so it is as confidential (model/records/privacy.py)."""
    scope = "open"
    if about is not None and about.interaction and store_secret_ids(store, (about,)):
        scope = "confidential"
    return store.add(Interaction(date=today.isoformat(), contacts=tuple(contact_ids), kind="log",
                                 depth="touch", text=text, tags=tuple(tags), scope=scope))


# -- tiers -------------------------------------------------------------------------


def set_tier(store: Store, contact_id: str, tier: str, today: date, reason: str = "",
             added: bool = False) -> TierCheck:
    """Move a person to ``tier`` if the caps allow; raise RefusedError if not.

    Every change (up or down) is logged on the timeline with the reason;
    ``added`` (a person just added, straight into ``tier``) logs "added to deep",
    not a move up from the network tier they never were in.
    Moving to the tier someone is already in changes nothing.
    """
    with store.transaction():
        # The dates index is enough to check a cap; notes are read only to
        # explain a refusal (trust balances of the candidates).
        book = Book.from_store(store, full=False)
        if book.get_contact(contact_id) is None:
            store.contact(contact_id)  # raises NotFoundError with the store's wording
        check = tier_change(book, contact_id, tier, today)
        if not check.allowed:
            raise RefusedError(check.message, check)
        if check.old_tier == tier:
            return check
        person = book.contact(contact_id)
        store.put(person.touched(tier=tier))
        verb = "moved down" if check.demotion else "moved up"
        why = f": {reason.strip()}" if reason.strip() else ""
        what = f"added to {tier}" if added else f"{verb} from {check.old_tier} to {tier}"
        log(store, (contact_id,), f"tier: {what}{why}", today, tags=("tier",))
    return check


class OutsideChange(KizunaError):
    """The person was saved in another window since the form read them."""

    def __init__(self, current: Contact) -> None:
        super().__init__(f"{current.name} was changed in another window")
        self.current = current


def save_contact(store: Store, contact: Contact, original: Contact | None, today: date,
                 room: Mapping[str, str]) -> str:
    """Save a person as the contact form has them, in one transaction; their id.

    ``room`` (contact id -> a lower tier) moves those people first, making room in
    ``contact``'s tier; a capped tier is entered through :func:`set_tier`, which checks
    the cap and logs the move. ``original`` is the person as the form read them (None:
    a new one): :class:`OutsideChange` if another window saved them since.
    """
    if contact.snoozed_until and contact.snoozed_until != (original.snoozed_until if original else None):
        check_snooze(date.fromisoformat(contact.snoozed_until), today, field="contact.snoozed_until")
    with store.transaction():
        for cid, target in room.items():  # make room first: the cap is checked after
            set_tier(store, cid, target, today, reason=f"made room in {contact.tier} for {contact.name}")
        if original is None:
            first = dataclasses.replace(contact, tier="network") if contact.tier in CAPPED_TIERS else contact
            store.add(first)
            old_tier = first.tier
        else:
            current = store.contact(original.id)
            if current.updated != original.updated:
                raise OutsideChange(current)
            old_tier = current.tier
            store.put(dataclasses.replace(contact, tier=old_tier))
        if contact.tier != old_tier:
            set_tier(store, contact.id, contact.tier, today, reason="contact form", added=original is None)
    return contact.id


# -- snoozing ------------------------------------------------------------------------


def _reason(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise RefusedError(_("say why: a snooze needs a reason (--reason WHY)"))
    return reason


def snooze(store: Store, contact_id: str, until: date, today: date, reason: str,
           promise_id: str | None = None) -> Contact | Promise:
    """Put a follow-up off until a later date, with a reason, on the record.

    Without ``promise_id`` it is the person's follow-up (focus or cadence) that
    waits: they leave the due list and come back on ``until`` if still due.
    With ``promise_id`` the promise's due date moves (a reschedule: its
    original due date is kept, so keeping it after that still counts as late).
    """
    reason = _reason(reason)
    check_snooze(until, today)
    if promise_id is not None:
        with store.transaction():
            check_snooze(until, today, date.fromisoformat(_open(store, promise_id).due))
            return reschedule_promise(store, promise_id, until, today, reason=f"snoozed: {reason}")
    with store.transaction():
        person = store.contact(contact_id)
        updated = person.touched(snoozed_until=until.isoformat(), snooze_reason=reason)
        store.put(updated)
        log(store, (contact_id,), f"snoozed until {until.isoformat()}: {reason}", today,
            tags=("snooze",))
    return updated


def unsnooze(store: Store, contact_id: str, today: date) -> Contact:
    """Bring a snoozed person back onto the due list now."""
    with store.transaction():
        person = store.contact(contact_id)
        if not person.snoozed_until:
            return person
        updated = person.touched(snoozed_until=None, snooze_reason="")
        store.put(updated)
        log(store, (contact_id,), "snooze ended early", today, tags=("snooze",))
    return updated


# -- promises ---------------------------------------------------------------------------


def add_promise(store: Store, contact_id: str, owner: str, text: str, due: date, today: date,
                interaction: str | None = None) -> Promise:
    """Record a promise, mine (``owner="me"``) to them or theirs (``"them"``) to me."""
    if owner not in OWNERS:
        raise ValidationError("promise.owner", _("{owner!r} is not one of {values}").format(
            owner=owner, values=", ".join(OWNERS)))
    check_due(due, today)
    with store.transaction():
        store.contact(contact_id)  # the person must exist
        promise = Promise(owner=owner, contact=contact_id, text=text.strip(), due=due.isoformat(),
                          interaction=interaction)
        store.add(promise)
    return promise


def _open(store: Store, promise_id: str) -> Promise:
    promise = store.get(Promise, promise_id)
    if promise.status != "open":
        raise RefusedError(_("that promise ({text}) was already {status} on {resolved}").format(
            text=promise.text, status=word("status", promise.status), resolved=promise.resolved))
    return promise


def _whose(p: Promise) -> str:
    return "my promise" if p.owner == "me" else "their promise"


def keep_promise(store: Store, promise_id: str, today: date) -> Promise:
    """Mark a promise kept today; late if after its original due date."""
    with store.transaction():
        p = _open(store, promise_id)
        updated = p.touched(status="kept", resolved=today.isoformat())
        store.put(updated)
        late = (today - date.fromisoformat(p.original_due)).days
        when = f" ({late} day{'s' if late != 1 else ''} late)" if late > 0 else " (on time)"
        log(store, (p.contact,), f"kept {_whose(p)}: {p.text}{when}", today, tags=("promise",), about=p)
    return updated


def _close(store: Store, promise_id: str, status: str, verb: str, today: date, reason: str) -> Promise:
    with store.transaction():
        p = _open(store, promise_id)
        updated = p.touched(status=status, resolved=today.isoformat())
        store.put(updated)
        why = f": {reason.strip()}" if reason.strip() else ""
        log(store, (p.contact,), f"{verb} {_whose(p)}: {p.text}{why}", today, tags=("promise",), about=p)
    return updated


def break_promise(store: Store, promise_id: str, today: date, reason: str = "") -> Promise:
    """Mark a promise broken today."""
    return _close(store, promise_id, "broken", "broke", today, reason)


def drop_promise(store: Store, promise_id: str, today: date, reason: str = "") -> Promise:
    """Drop a promise that no longer applies (released, superseded)."""
    return _close(store, promise_id, "dropped", "dropped", today, reason)


def reschedule_promise(store: Store, promise_id: str, new_due: date, today: date,
                       reason: str = "") -> Promise:
    """Move an open promise's due date; the history and the original due date are kept."""
    reason = clean_field(reason)
    with store.transaction():
        p = _open(store, promise_id)
        check_reschedule(new_due, today, date.fromisoformat(p.due))
        entry = {"on": today.isoformat(), "from": p.due, "to": new_due.isoformat(),
                 "reason": reason.strip()}
        updated = p.touched(due=new_due.isoformat(), history=(*p.history, entry))
        store.put(updated)
        why = f": {reason.strip()}" if reason.strip() else ""
        log(store, (p.contact,), f"rescheduled {_whose(p)}: {p.text}, {p.due} -> "
            f"{new_due.isoformat()}{why}", today, tags=("promise",), about=p)
    return updated
