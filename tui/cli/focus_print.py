"""What ``kizuna focus show`` and ``kizuna focus review`` print (text or JSON)."""

from __future__ import annotations

from model.language.i18n import N_, _, pgettext, word
from model.planning.focus import MonthReview
from model.records.privacy import shown_text
from model.planning.month_days import days_left_text, month_title
from tui.cli.output import print_json, table


def print_plan(review: MonthReview, month: str, as_json: bool) -> None:
    """``kizuna focus show`` (and after plan/add/remove): the month's slots and progress."""
    plan = review.plan
    if as_json:
        data = review.to_dict()
        data["slots"] = slots_json(plan, review)
        for key in ("rows", "empty_slots"):
            data.pop(key)
        print_json(data)
        return
    if plan is None:
        print(_("no focus plan for {month}: kizuna focus plan --month {month} --challenge "
                 "\"...\" --purpose PURPOSE").format(month=month))
        return
    head = _("focus {month}: {purpose}").format(month=month_title(month), purpose=word("purpose", plan.purpose))
    if plan.challenge:
        head += _(" — {challenge}").format(challenge=plan.challenge)
    print(head)
    if review.days_left is not None and review.rows:
        print(_("{held} of {rows} deep conversations held; {days_left}").format(
            held=review.held, rows=len(review.rows), days_left=days_left_text(review.days_left, N_("the month"))))
    rows_by_slot = {r.slot: r for r in review.rows}
    lines = []
    for i, slot in enumerate(plan.slots, 1):
        r = rows_by_slot.get(i)
        if r is None:
            lines.append((str(i), word("relation", slot.role), _("(empty)"), "", "", slot.intent))
            continue
        if r.deep_held:
            deep = _("deep {date}").format(date=r.deep_dates[-1].isoformat())
        elif r.deep_dates:
            deep = _("deep {count} of {needed}").format(count=len(r.deep_dates), needed=r.needed)
        else:
            deep = _("no deep yet")
        promises = _("{count} open").format(count=len(r.open)) if r.open else ""
        name = r.contact.name + (_(" (archived)") if r.contact.tier == "archived" else "")
        lines.append((str(i), word("relation", slot.role), name, deep, promises, slot.intent))
    print(table(lines, ("#", _("role"), _("person"), _("this month"), _("promises"), _("intent"))))
    for r in review.rows:
        if r.misfit:
            print(_("! slot {slot} ({role}): {name} does not fit it: {misfit}").format(
                slot=r.slot, role=word("relation", r.role), name=r.contact.name, misfit=r.misfit))
    for w in review.diversity.warnings if review.diversity and review.rows else ():
        print(f"! {w}")
    if plan.review:
        print(_("review: {review}").format(review=plan.review))


def slots_json(plan, review: MonthReview) -> list[dict]:
    if plan is None:
        return []
    rows = {r.slot: r for r in review.rows}
    out = []
    for i, slot in enumerate(plan.slots, 1):
        r = rows.get(i)
        out.append({"slot": i, "role": slot.role, "intent": slot.intent,
                    "contact_id": r.contact.id if r else None, "name": r.contact.name if r else None,
                    "deep_held": r.deep_held if r else None, "misfit": r.misfit if r else "",
                    "open_promises": len(r.open) if r else 0})
    return out


def print_review(review: MonthReview, month: str, as_json: bool) -> None:
    """``kizuna focus review``: deep conversations held, promises, empty slots, carry-over."""
    if as_json:
        print_json(review.to_dict())
        return
    if review.plan is None:
        print(_("no focus plan for {month}").format(month=month_title(month)))
        return
    plan = review.plan
    print(_("review of {month}: {purpose}").format(month=month_title(month), purpose=word("purpose", plan.purpose))
          + (_(" — {challenge}").format(challenge=plan.challenge) if plan.challenge else ""))
    print(_("deep conversations held: {held} of {rows}").format(held=review.held, rows=len(review.rows))
          + (_(" ({days_left})").format(
              days_left=days_left_text(review.days_left)) if review.days_left is not None else ""))
    rows = []
    for r in review.rows:
        deep = ", ".join(dict.fromkeys(d.isoformat() for d in r.deep_dates)) or _("not held")
        if not r.deep_held and r.deep_dates:
            deep += _(" ({count} of {needed})").format(count=len(r.deep_dates), needed=r.needed)
        rows.append((str(r.slot), r.contact.name, deep, str(len(r.kept)), str(len(r.broken)),
                     str(len(r.open)), str(len(r.notes))))
    if rows:
        print(table(rows, ("#", _("person"), _("deep conversation"), pgettext("status", "kept"),
                          pgettext("status", "broken"), pgettext("status", "open"), _("notes"))))
    for r in review.rows:
        for label, items in (("broken", r.broken), ("open", r.open)):
            for p in items:
                who = _("I promised") if p.owner == "me" else _("they promised")
                print(_("  {name}: {label} (due {due}) {who}: {text}").format(
                    name=r.contact.name, label=word("status", label), due=p.due, who=who, text=shown_text(p.text)))
    for i, role in review.empty_slots:
        print(_("  slot {i} ({role}) was empty").format(i=i, role=word("relation", role)))
    if review.carry_candidates:
        names = ", ".join(r.contact.name for r in review.carry_candidates)
        print(_("to carry over: {names} (kizuna focus carry --month {month})").format(
            names=names, month=month))
    if plan.review:
        print(_("review: {review}").format(review=plan.review))
