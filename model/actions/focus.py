"""Store-changing actions on the monthly focus plan (A4, A9).

Each action runs in one store transaction: it reads the plan fresh under the
lock, checks the rules, and writes once, or raises and writes nothing.

The rules:

* one plan per month (``YYYY-MM``); a new plan's slots come from the focus
  template (``settings.focus_template``, default A9: 1 same-industry,
  2 cross-industry, 1 customer);
* a person is in at most one slot of a month; archived people cannot be
  chosen;
* adding someone to a full plan is refused (remove someone first); a slot
  that holds someone is not overwritten unless asked (``replace=True``);
* with no slot or role named, a person goes to the empty slot that fits them
  best (their relation, or their industry against my own); if every empty
  slot contradicts them (a same-industry peer for a cross-industry slot) it
  is refused with a hint to name the slot.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from datetime import date

from model.errors import KizunaError, NotFoundError, ValidationError
from model.language.i18n import _, word
from model.language.names import describe
from model.planning.focus import check_month, role_fit
from model.planning.month_days import month_title
from model.records import PURPOSES, RELATIONS, Contact, FocusPlan, Slot
from model.store import Store


class PlanError(KizunaError):
    """A focus-plan change the rules refuse; nothing was written."""


@dataclass(frozen=True)
class CarryResult:
    """What :func:`carry_over` did."""

    plan: FocusPlan
    created: bool
    carried: list[tuple[str, int]] = field(default_factory=list)  # (contact id, 1-based slot)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (contact id, why)


def _check_role(role: str) -> None:
    if role not in RELATIONS:
        raise ValidationError("role", _("{role!r} is not one of {values}").format(
            role=role, values=", ".join(RELATIONS)))


def _check_purpose(purpose: str) -> None:
    if purpose not in PURPOSES:
        raise ValidationError("purpose", _("{purpose!r} is not one of {values}").format(
            purpose=purpose, values=", ".join(PURPOSES)))


def _new_plan(store: Store, month: str, challenge: str = "", purpose: str = "other",
              roles: tuple[str, ...] | None = None) -> FocusPlan:
    roles = tuple(roles) if roles is not None else store.settings().focus_template
    return FocusPlan(month=month, challenge=challenge, purpose=purpose,
                     slots=tuple(Slot(role=r) for r in roles))


def _existing(store: Store, month: str) -> FocusPlan:
    plan = store.focus_plan(check_month(month))
    if plan is None:
        raise NotFoundError(_("no focus plan for {month} (kizuna focus plan --month {month})").format(month=month))
    return plan


def _with_slots(plan: FocusPlan, slots: list[Slot], new: bool) -> FocusPlan:
    if new:
        return dataclasses.replace(plan, slots=tuple(slots))
    return plan.touched(slots=tuple(slots))


def _save(store: Store, plan: FocusPlan, new: bool) -> FocusPlan:
    return store.add(plan) if new else store.put(plan)


def _chooseable(store: Store, contact_id: str) -> Contact:
    person = store.contact(contact_id)
    if person.tier == "archived":
        raise PlanError(_("{person} is archived; move them to a tier before choosing them").format(
            person=describe(person)))
    return person


def plan_month(store: Store, month: str, today: date, *, challenge: str | None = None,
               purpose: str | None = None, roles: tuple[str, ...] | list[str] | None = None) -> FocusPlan:
    """Create ``month``'s plan, or change its challenge, purpose or slot roles.

    ``None`` keeps what is there. New ``roles`` keep each slot's person and
    intent by position; dropping a slot that holds someone is refused.
    """
    check_month(month)
    if purpose is not None:
        _check_purpose(purpose)
    if roles is not None:
        roles = tuple(roles)
        if not roles:
            raise ValidationError("roles", _("a plan needs at least one slot"))
        for r in roles:
            _check_role(r)
    with store.transaction():
        plan = store.focus_plan(month)
        if plan is None:
            return store.add(_new_plan(store, month, challenge or "", purpose or "other", roles))
        changes: dict = {}
        if challenge is not None:
            changes["challenge"] = challenge
        if purpose is not None:
            changes["purpose"] = purpose
        if roles is not None:
            for i, slot in enumerate(plan.slots[len(roles):], len(roles) + 1):
                if slot.contact:
                    name = _name(store, slot.contact)
                    raise PlanError(_("slot {i} of {month} holds {name}: remove them before dropping the slot").format(
                        i=i, month=month, name=name))
            slots = [Slot(role=r, contact=old.contact, intent=old.intent)
                     for r, old in zip(roles, plan.slots)]
            slots += [Slot(role=r) for r in roles[len(plan.slots):]]
            changes["slots"] = tuple(slots)
        if not changes:
            return plan
        return store.put(plan.touched(**changes))


def _name(store: Store, contact_id: str) -> str:
    try:
        return describe(store.contact(contact_id))
    except NotFoundError:
        return _("a deleted contact")


def _slot_of(plan: FocusPlan, contact_id: str) -> int | None:
    for i, slot in enumerate(plan.slots):
        if slot.contact == contact_id:
            return i
    return None


def _pick_slot(store: Store, plan: FocusPlan, person: Contact, role: str | None) -> int:
    empty = [i for i, s in enumerate(plan.slots) if not s.contact]
    size = len(plan.slots)
    if not empty:
        raise PlanError(_("the plan for {month} is full ({size} of {size} slots): remove someone first").format(
            month=plan.month, size=size))
    if role is not None:
        for i in empty:
            if plan.slots[i].role == role:
                return i
        if any(s.role == role for s in plan.slots):
            raise PlanError(_("no empty {role} slot in {month}'s plan: remove someone first").format(
                role=word("relation", role), month=plan.month))
        raise PlanError(_("{month}'s plan has no {role} slot (its slots: {slots})").format(
            month=plan.month, role=word("relation", role), slots=_(", ").join(word("relation", s.role) for s in plan.slots)))
    own = store.settings().own_industry
    fits = [(role_fit(person, plan.slots[i].role, own)[0], -i) for i in empty]
    best, neg_i = max(fits)
    if best < 0:
        roles = _(", ").join(sorted({word("relation", plan.slots[i].role) for i in empty}))
        why = role_fit(person, plan.slots[-neg_i].role, own)[1]
        raise PlanError(_("{person} does not fit the empty slots ({roles}): {why}; name a slot and add "
                           "them anyway (--slot N --anyway)").format(person=describe(person), roles=roles, why=why))
    return -neg_i


def set_slot(store: Store, month: str, contact_id: str, today: date, *, slot: int | None = None,
             role: str | None = None, intent: str | None = None, replace: bool = False,
             misfit_ok: bool = False) -> tuple[FocusPlan, int]:
    """Put a person into ``month``'s plan; return the plan and the 0-based slot.

    ``slot`` (0-based) names the place; else the first empty slot of ``role``;
    else the empty slot that fits them best. The plan is created from the
    template if the month has none. Naming the slot a person already holds
    just changes its intent. A person who contradicts the slot's role (a
    manufacturer in a cross-industry slot when you are in manufacturing) is
    refused with the reason, unless ``misfit_ok``; ``focus show`` flags them.
    """
    check_month(month)
    if role is not None:
        _check_role(role)
    with store.transaction():
        person = _chooseable(store, contact_id)
        plan = store.focus_plan(month)
        new = plan is None
        if new:
            plan = _new_plan(store, month)
        current = _slot_of(plan, person.id)
        if slot is not None:
            if not 0 <= slot < len(plan.slots):
                raise PlanError(_("{month}'s plan has slots 1 to {slots}, not {slot}").format(
                    month=month, slots=len(plan.slots), slot=slot + 1))
            if current is not None and current != slot:
                raise PlanError(_("{person} is already in slot {current} of {month}; a person can be in one slot "
                                   "only").format(person=describe(person), current=current + 1, month=month))
            holder = plan.slots[slot].contact
            if holder and holder != person.id and not replace:
                raise PlanError(_("slot {slot} of {month} holds {holder}: remove them first").format(
                    slot=slot + 1, month=month, holder=_name(store, holder)))
            index = slot
        else:
            if current is not None:
                raise PlanError(_("{person} is already in slot {current} of {month}'s plan").format(
                    person=describe(person), current=current + 1, month=month))
            index = _pick_slot(store, plan, person, role)
        old = plan.slots[index]
        fit, why = role_fit(person, old.role, store.settings().own_industry)
        if fit < 0 and not misfit_ok and old.contact != person.id:
            raise PlanError(_("{person} does not fit slot {index} ({role}): {why}; choose another slot, or add "
                               "them anyway (--anyway)").format(
                                   person=describe(person), index=index + 1, role=word("relation", old.role), why=why))
        keep_intent = old.intent if old.contact == person.id else ""
        slots = list(plan.slots)
        slots[index] = Slot(role=old.role, contact=person.id,
                            intent=keep_intent if intent is None else intent)
        return _save(store, _with_slots(plan, slots, new), new), index


def clear_slot(store: Store, month: str, today: date, *, contact_id: str | None = None,
               slot: int | None = None) -> tuple[FocusPlan, str | None]:
    """Empty a slot (by person, or 0-based ``slot``); the slot's role stays.

    Returns the plan and the id of the person removed (None if it was empty).
    """
    if (contact_id is None) == (slot is None):
        raise ValidationError("slot", _("name either a person or a slot to clear"))
    with store.transaction():
        plan = _existing(store, month)
        if contact_id is not None:
            index = _slot_of(plan, contact_id)
            if index is None:
                raise PlanError(_("{name} is not in {month}'s plan").format(name=_name(store, contact_id), month=month_title(month)))
        else:
            if not 0 <= slot < len(plan.slots):
                raise PlanError(_("{month}'s plan has slots 1 to {slots}, not {slot}").format(
                    month=month, slots=len(plan.slots), slot=slot + 1))
            index = slot
        removed = plan.slots[index].contact
        slots = list(plan.slots)
        slots[index] = Slot(role=slots[index].role)
        return store.put(plan.touched(slots=tuple(slots))), removed


def carry_over(store: Store, from_month: str, to_month: str, contact_ids, today: date) -> CarryResult:
    """Copy people's slot role and intent from one month's plan into a later one's.

    The target plan is created from the template (with the source's challenge
    and purpose) if needed. Each person goes into an empty slot of the same
    role; people already in the target plan are skipped. If anyone cannot be
    placed, nothing is written.
    """
    check_month(from_month)
    check_month(to_month)
    if to_month <= from_month:
        raise PlanError(_("people carry over forward: {to_month} is not after {from_month}").format(
            to_month=month_title(to_month), from_month=month_title(from_month)))
    with store.transaction():
        source = _existing(store, from_month)
        target = store.focus_plan(to_month)
        created = target is None
        if created:
            target = _new_plan(store, to_month, source.challenge, source.purpose)
        slots = list(target.slots)
        result = CarryResult(target, created)
        for cid in dict.fromkeys(contact_ids):
            where = _slot_of(source, cid)
            if where is None:
                raise PlanError(_("{name} is not in {month}'s plan").format(name=_name(store, cid), month=month_title(from_month)))
            person = _chooseable(store, cid)
            if any(s.contact == cid for s in slots):
                result.skipped.append((cid, _("already in {to_month}'s plan").format(to_month=to_month)))
                continue
            old = source.slots[where]
            free = [i for i, s in enumerate(slots) if not s.contact and s.role == old.role]
            if not free:
                raise PlanError(_("no empty {role} slot in {to_month}'s plan for {person}: remove someone there "
                                   "first").format(
                                       role=word("relation", old.role), to_month=to_month, person=describe(person)))
            slots[free[0]] = Slot(role=old.role, contact=cid, intent=old.intent)
            result.carried.append((cid, free[0] + 1))
        if not result.carried:
            return result  # nothing to write
        plan = _save(store, _with_slots(target, slots, created), created)
        return CarryResult(plan, created, result.carried, result.skipped)


def save_review(store: Store, month: str, text: str, today: date) -> FocusPlan:
    """Write the end-of-month review text of ``month``'s plan."""
    with store.transaction():
        plan = _existing(store, month)
        return store.put(plan.touched(review=text))
