"""What a health chart covers: the months of its period and the people most charts weigh."""

from __future__ import annotations

from datetime import date, timedelta

from model.planning.book import Book, month_end, month_key

#: periods the screen steps through with [ and ]
PERIODS = (3, 6, 12)


def _shift(month: str, by: int) -> str:
    year, mon = int(month[:4]), int(month[5:7])
    index = year * 12 + mon - 1 + by
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def months_ending(today: date, months: int) -> tuple[str, ...]:
    """``months`` month keys, oldest first, the last one today's month."""
    last = month_key(today)
    return tuple(_shift(last, i - months + 1) for i in range(months))


def period_start(today: date, months: int) -> date:
    """The first day of a period of ``months`` months ending today (the day after the
    same date ``months`` months ago)."""
    first = date.fromisoformat(_shift(month_key(today), -months) + "-01")
    day = min(today.day, month_end(first).day)
    return first.replace(day=day) + timedelta(days=1)


def month_ends(today: date, months: int) -> list[date]:
    """The last day of each month of the period, the last one today."""
    return [min(today, month_end(date.fromisoformat(m + "-01"))) for m in months_ending(today, months)]


def close_people(book: Book) -> list:
    """The deep and active tiers: the people the cadence, trust and diversity charts weigh."""
    return book.in_tier("deep") + book.in_tier("active")
