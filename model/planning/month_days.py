"""Days left in the month: one meaning for every screen and command.

The days left are the whole days AFTER today until the month's last day:
4 on 26 November, 1 on the 29th, 0 on the 30th (said as "last day of the month").
"""

from __future__ import annotations

from datetime import date

from model.planning.book import month_end, month_key


def days_left_in_month(today: date) -> int:
    """Whole days of today's month still to come after today (0 on its last day)."""
    return (month_end(today) - today).days


def days_left(month: str, today: date) -> int | None:
    """:func:`days_left_in_month` when today is in ``month`` (``YYYY-MM``), else None."""
    return days_left_in_month(today) if month_key(today) == month else None


def month_title(month: str) -> str:
    """``2026-11`` -> ``November 2026``; ``2026年11月`` in Japanese."""
    from model.language.i18n import _

    year, mon = month.split("-")
    first = date(int(year), int(mon), 1)
    return _("{month} {year}").format(month=_(first.strftime("%B")), year=first.year)


def days_left_text(left: int, month_name: str = "") -> str:
    """``4 days left``, ``1 day left in November``; ``last day of the month`` when 0."""
    from model.language.i18n import _, ngettext

    if left == 0:
        return _("last day of the month")
    if month_name:
        return ngettext("{n} day left in {month}", "{n} days left in {month}", left).format(
            n=left, month=_(month_name))
    return ngettext("{n} day left", "{n} days left", left).format(n=left)
