"""What ``kizuna focus show`` and ``kizuna focus review`` print (text or JSON)."""

from __future__ import annotations

from model.planning.focus import MonthReview
from model.planning.month_days import days_left_text
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
        print(f"no focus plan for {month}: kizuna focus plan --month {month} "
              f"--challenge \"...\" --purpose PURPOSE")
        return
    head = f"focus {month}: {plan.purpose}"
    if plan.challenge:
        head += f" — {plan.challenge}"
    print(head)
    if review.days_left is not None and review.rows:
        print(f"{review.held} of {len(review.rows)} deep conversations held; "
              f"{days_left_text(review.days_left, 'the month')}")
    rows_by_slot = {r.slot: r for r in review.rows}
    lines = []
    for i, slot in enumerate(plan.slots, 1):
        r = rows_by_slot.get(i)
        if r is None:
            lines.append((str(i), slot.role, "(empty)", "", "", slot.intent))
            continue
        if r.deep_held:
            deep = f"deep {r.deep_dates[-1].isoformat()}"
        elif r.deep_dates:
            deep = f"deep {len(r.deep_dates)} of {r.needed}"
        else:
            deep = "no deep yet"
        promises = f"{len(r.open)} open" if r.open else ""
        name = r.contact.name + (" (archived)" if r.contact.tier == "archived" else "")
        lines.append((str(i), slot.role, name, deep, promises, slot.intent))
    print(table(lines, ("#", "role", "person", "this month", "promises", "intent")))
    for r in review.rows:
        if r.misfit:
            print(f"! slot {r.slot} ({r.role}): {r.contact.name} does not fit it: {r.misfit}")
    for w in review.diversity.warnings if review.diversity and review.rows else ():
        print(f"! {w}")
    if plan.review:
        print(f"review: {plan.review}")


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
        print(f"no focus plan for {month}")
        return
    plan = review.plan
    print(f"review of {month}: {plan.purpose}" + (f" — {plan.challenge}" if plan.challenge else ""))
    print(f"deep conversations held: {review.held} of {len(review.rows)}"
          + (f" ({days_left_text(review.days_left)})" if review.days_left is not None else ""))
    rows = []
    for r in review.rows:
        deep = ", ".join(dict.fromkeys(d.isoformat() for d in r.deep_dates)) or "not held"
        if not r.deep_held and r.deep_dates:
            deep += f" ({len(r.deep_dates)} of {r.needed})"
        rows.append((str(r.slot), r.contact.name, deep, str(len(r.kept)), str(len(r.broken)),
                     str(len(r.open)), str(len(r.notes))))
    if rows:
        print(table(rows, ("#", "person", "deep conversation", "kept", "broken", "open", "notes")))
    for r in review.rows:
        for label, items in (("broken", r.broken), ("open", r.open)):
            for p in items:
                who = "I promised" if p.owner == "me" else "they promised"
                print(f"  {r.contact.name}: {label} (due {p.due}) {who}: {p.text}")
    for i, role in review.empty_slots:
        print(f"  slot {i} ({role}) was empty")
    if review.carry_candidates:
        names = ", ".join(r.contact.name for r in review.carry_candidates)
        print(f"to carry over: {names} (kizuna focus carry --month {month})")
    if plan.review:
        print(f"review: {plan.review}")
