"""A month's focus plan and review as Markdown, for a notebook.

Built on :func:`model.planning.focus.month_review`, so the numbers are the
same ones the app's month review shows. Confidential notes are left out
unless asked for (then they are marked as such), private ones unless asked for
too (model/records/privacy.py). Text carries no control characters, and a table cell
that starts like a spreadsheet formula (``=``, ``+``, ``-``, ``@``) gets a ``'``.
"""

from __future__ import annotations

from datetime import date

from model.planning.book import Book
from model.planning.focus import first_day, month_review
from model.records.privacy import exported
from model.language.text import clean_field, neutral_cell


def _cell(text: str) -> str:
    """A table cell: one line, no controls, no formula a spreadsheet pasting it would run."""
    return neutral_cell(" ".join(clean_field(text).replace("|", "\\|").split())) or " "


def _line(text: str) -> str:
    return " ".join(clean_field(text).split())


def export(store, month: str, today: date, include_confidential: bool = False,
           include_private: bool = False) -> str:
    """The month's plan, one section per focus person, and the written review."""
    book = Book.from_store(store)
    review = month_review(book, month, today, reveal=include_confidential)
    title = first_day(month).strftime("%B %Y")
    out = [f"# Focus: {title}", ""]
    plan = review.plan
    if plan is None:
        out += [f"No focus plan for {month}.", ""]
        return "\n".join(out)
    if plan.challenge:
        out.append(f"**Challenge:** {_line(plan.challenge)}  ")
    out += [f"**Purpose:** {plan.purpose}  ",
            f"**Deep conversations held:** {review.held} of {len(review.rows)}", ""]
    out += ["| # | Role | Person | Intent | Deep conversation | Kept | Broken | Open |",
            "|---|------|--------|--------|-------------------|------|--------|------|"]
    rows = sorted([(r.slot, r) for r in review.rows] + [(i, None) for i, _ in review.empty_slots],
                  key=lambda x: x[0])
    roles = dict(review.empty_slots)
    for slot, r in rows:
        if r is None:
            out.append(f"| {slot} | {roles[slot]} | (empty) | | | | | |")
            continue
        held = ", ".join(d.isoformat() for d in r.deep_dates) or "not yet"
        out.append(f"| {slot} | {r.role} | {_cell(r.contact.name)} | {_cell(r.intent)} | {held} | "
                   f"{len(r.kept)} | {len(r.broken)} | {len(r.open)} |")
    out.append("")
    for r in review.rows:
        head = _line(r.contact.name + (f" ({r.contact.company})" if r.contact.company else ""))
        out += [f"## {r.slot}. {head}", ""]
        if r.intent:
            out += [f"Intent: {_line(r.intent)}", ""]
        for label, group in (("Kept", r.kept), ("Broken", r.broken), ("Open", r.open)):
            for p in group:
                who = "I promised" if p.owner == "me" else "They promised"
                when = p.resolved if p.resolved else f"due {p.due}"
                out.append(f"- {label}: {who} {_line(p.text)} ({when})")
        notes = [i for i in r.notes if exported(i, include_confidential, include_private)]
        for i in notes:
            mark = f" [{i.scope}]" if i.scope != "open" else ""
            out.append(f"- {i.date} {i.kind} ({i.depth}){mark}: {_line(i.text)}")
        for scope in ("confidential", "private"):
            hidden = sum(1 for i in r.notes if i.scope == scope and i not in notes)
            if hidden:
                out.append(f"- ({hidden} {scope} note{'s' * (hidden != 1)} not exported)")
        if not (r.kept or r.broken or r.open or r.notes):
            out.append("- Nothing recorded this month.")
        out.append("")
    if review.diversity and review.diversity.warnings:
        out += ["## Diversity", ""] + [f"- {_line(str(w))}" for w in review.diversity.warnings] + [""]
    out += ["## Review", "", clean_field(plan.review, multiline=True).strip() or "(not written yet)", ""]
    return "\n".join(out)
