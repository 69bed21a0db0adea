"""Merging two records of one person: B folds into A, and B is gone.

In one transaction: A's blank fields are filled from B and the lists
(emails, phones, links, tags, purposes) joined; B's notes go under A's;
every note that named B names A (once, even if it named both); B's promises
become A's; a focus slot that held B holds A (or is emptied, if A already
has a slot that month); B is removed; and A's timeline gets a "log" note that
says what was merged, so the change is never silent.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from model.errors import KizunaError
from model.records import TIERS, Contact, FocusPlan, Interaction, Promise, Slot, now_stamp
from model.transfer.common import FILL_FIELDS, filled_from
from model.language.i18n import _, ngettext

_MERGE_FILL = FILL_FIELDS + ("stage", "next_step", "snooze_reason")
_MERGE_LISTS = ("emails", "phones", "links", "tags", "purposes")


class MergeError(KizunaError):
    """Two people cannot be merged (for example, they are the same record)."""


@dataclass(frozen=True)
class MergeResult:
    kept: Contact
    removed: Contact
    interactions: int  # notes moved to the kept person
    promises: int
    slots: int
    log: Interaction


def merged_contact(a: Contact, b: Contact) -> Contact:
    """A with B's information added; A's own values always win."""
    changes = filled_from(a, b, _MERGE_FILL, _MERGE_LISTS)
    if b.notes and b.notes not in a.notes:
        changes["notes"] = f"{a.notes}\n\n{b.notes}".strip()
    # The closer tier of the two (deep before active before network before archived).
    if TIERS.index(b.tier) < TIERS.index(a.tier):
        changes["tier"] = b.tier
    if a.cadence_days is None and b.cadence_days is not None:
        changes["cadence_days"] = b.cadence_days
    if a.snoozed_until is None and b.snoozed_until is not None:
        changes["snoozed_until"] = b.snoozed_until
    if a.created > b.created:
        changes["created"] = b.created  # known since the earlier of the two
    return replace(a, updated=now_stamp(), **changes)


@dataclass(frozen=True)
class MergePlan:
    """What merging ``drop`` into ``keep`` changes; nothing is written yet."""

    keep: Contact
    drop: Contact
    merged: Contact  # ``keep`` after the merge
    interactions: list[tuple[Interaction, Interaction]]  # (before, after)
    promises: list[tuple[Promise, Promise]]
    plans: list[tuple[FocusPlan, FocusPlan]]

    @property
    def text(self) -> str:
        """The line logged on the kept person's timeline."""
        a, b = self.keep, self.drop
        n, p, s = len(self.interactions), len(self.promises), len(self.plans)
        extra = b.company or (b.emails[0] if b.emails else "")
        return (f"Merged {b.name}{f' ({extra})' if extra else ''} into {a.name}: "
                f"{n} note{'s' * (n != 1)}, {p} promise{'s' * (p != 1)}, "
                f"{s} focus slot{'s' * (s != 1)} moved")

    def moved(self) -> str:
        """What moves over, in the language in use: ``7 notes, 0 promises, 0 focus slots moved``."""
        n, p, s = len(self.interactions), len(self.promises), len(self.plans)
        return _("{notes}, {promises}, {slots} moved").format(
            notes=ngettext("{n} note", "{n} notes", n).format(n=n),
            promises=ngettext("{n} promise", "{n} promises", p).format(n=p),
            slots=ngettext("{n} focus slot", "{n} focus slots", s).format(n=s))


def plan_merge(store, keep: Contact, drop: Contact) -> MergePlan:
    """Work out a merge against the store as it is; raises MergeError or NotFoundError."""
    if keep.id == drop.id:
        raise MergeError(_("{name} and {other} are the same record; nothing to merge").format(
            name=keep.name, other=drop.name))
    a = store.contact(keep.id)
    b = store.contact(drop.id)
    stamp = now_stamp()
    notes = []
    for it in sorted(store.interactions_with(b.id), key=lambda i: i.id):  # only B's, not all 50,000
        people: list[str] = []
        for cid in it.contacts:
            cid = a.id if cid == b.id else cid
            if cid not in people:
                people.append(cid)
        notes.append((it, replace(it, contacts=tuple(people), updated=stamp)))
    promises = [(p, replace(p, contact=a.id, updated=stamp)) for p in store.promises() if p.contact == b.id]
    plans = []
    for plan in store.focus_plans():
        if not any(s.contact == b.id for s in plan.slots):
            continue
        has_a = any(s.contact == a.id for s in plan.slots)
        slots = tuple(Slot(s.role, None if has_a else a.id, s.intent) if s.contact == b.id else s
                      for s in plan.slots)
        plans.append((plan, replace(plan, slots=slots, updated=stamp)))
    return MergePlan(a, b, merged_contact(a, b), notes, promises, plans)


def merge(store, keep: Contact, drop: Contact, today: date) -> MergeResult:
    """Merge ``drop`` into ``keep`` in one transaction; see the module's docstring."""
    if keep.id == drop.id:
        raise MergeError(_("{name} and {other} are the same record; nothing to merge").format(
            name=keep.name, other=drop.name))
    with store.transaction():
        plan = plan_merge(store, keep, drop)  # against the store as it is inside the lock
        for _before, after in (*plan.interactions, *plan.promises, *plan.plans):
            store.put(after)
        kept = store.put(plan.merged)
        store.remove(plan.drop)
        log = store.add(Interaction(date=today.isoformat(), contacts=(kept.id,), kind="log",
                                    depth="touch", text=plan.text))
    return MergeResult(kept, plan.drop, len(plan.interactions), len(plan.promises), len(plan.plans), log)
