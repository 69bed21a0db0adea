"""Diversity health: the deep and active tiers' spread (:mod:`model.planning.diversity`),
and how many focus months met the focus template and held their deep conversations."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date
from typing import Any

from model.language.i18n import _, ngettext
from model.planning.book import Book, month_end
from model.planning.diversity import DiversityReport, diversity
from model.planning.health.scope import close_people, months_ending


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
    report = diversity(close_people(book), book.settings, _("deep and active relationships"))
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

