"""The one rule for a date that says when something is due: a promise's due date,
a snooze, a reschedule. The CLI, quick capture, the daily review and the contact form
all ask these functions, so every path agrees.

* A promise is due **today or later**: a due date in the past is refused everywhere
  (it would count as broken trust the moment it was written). A promise already
  missed is recorded with a due date of today and then broken or kept late.
* A **snooze puts a date off**: it must be after today and, on a promise, after the
  promise's due date. It never moves a date earlier; that is a reschedule.
* A **reschedule** moves a promise's due date either way, but not into the past,
  and not to the day it is already due.

Each refusal is a :class:`DateRuleError`: one line that says what to do instead.
"""

from __future__ import annotations

from datetime import date

from model.errors import KizunaError
from model.language.i18n import _, weekday


class DateRuleError(KizunaError):
    """A due, snooze or reschedule date the rules refuse. ``field`` (``contact.snoozed_until``)
    only says where a form should show it; the message never names it."""

    def __init__(self, message: str, field: str = "") -> None:
        super().__init__(message)
        self.message, self.field = message, field


def _day(d: date) -> str:
    return f"{d.isoformat()} {weekday(d)}"


def check_due(due: date, today: date) -> date:
    """A new promise's due date: today or later."""
    if due < today:
        raise DateRuleError(_("due {due} is in the past: a promise is due today or later (for one already "
                               "missed, give today and then break or keep it)").format(due=_day(due)))
    return due


def check_snooze(until: date, today: date, due: date | None = None, field: str = "") -> date:
    """A snooze date: after today, and after ``due`` (a promise's due date) when given."""
    if until <= today:
        raise DateRuleError(_("snooze until {until}? a snooze puts things off: pick a day after today ({today})").format(
            until=_day(until), today=_day(today)), field)
    if due is not None and until <= due:
        raise DateRuleError(_("a snooze never moves a date earlier: {until} is not after the due date {due}; "
                               "to bring it forward, reschedule it").format(until=_day(until), due=_day(due)),
                            field)
    return until


def check_reschedule(new_due: date, today: date, due: date) -> date:
    """A promise's new due date: another day, today or later."""
    if new_due == due:
        raise DateRuleError(_("it is already due on {due}").format(due=_day(due)))
    if new_due < today:
        raise DateRuleError(_("{due} is in the past: a promise is due today or later").format(due=_day(new_due)))
    return new_due
