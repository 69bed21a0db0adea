"""Field checks the records run on the way in: each raises a ValidationError naming the field."""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any

from model.errors import ValidationError


def check_text(where: str, value: Any, *, required: bool = False) -> str:
    if not isinstance(value, str):
        raise ValidationError(where, f"must be text, not {type(value).__name__}")
    if required and not value.strip():
        raise ValidationError(where, "must not be empty")
    return value


def check_choice(where: str, value: Any, allowed: tuple[str, ...], *, blank: bool = False) -> None:
    if blank and value == "":
        return
    if value not in allowed:
        raise ValidationError(where, f"{value!r} is not one of {', '.join(allowed)}")


def check_date(where: str, value: Any, *, optional: bool = False) -> None:
    if optional and value is None:
        return
    if not isinstance(value, str):
        raise ValidationError(where, f"{value!r} is not a date (YYYY-MM-DD)")
    try:
        date.fromisoformat(value)
    except ValueError:
        raise ValidationError(where, f"{value!r} is not a date (YYYY-MM-DD)") from None
    if len(value) != 10:
        raise ValidationError(where, f"{value!r} is not a date (YYYY-MM-DD)")


def check_birthday(value: Any) -> None:
    """``YYYY-MM-DD``, or ``--MM-DD`` when the year is unknown; a real day either way."""
    m = re.fullmatch(r"(\d{4}|-)-(\d{2})-(\d{2})", value) if isinstance(value, str) else None
    try:
        if m is None:
            raise ValueError
        date(2000 if m[1] == "-" else int(m[1]), int(m[2]), int(m[3]))  # 2000: --02-29 is a day
    except ValueError:
        raise ValidationError("contact.birthday", f"{value!r} is not YYYY-MM-DD or --MM-DD") from None


def check_strings(where: str, value: Any) -> None:
    if not isinstance(value, tuple) or not all(isinstance(v, str) for v in value):
        raise ValidationError(where, "must be a list of text")


def check_stamp(where: str, value: Any) -> None:
    try:
        datetime.fromisoformat(value)
    except (TypeError, ValueError):
        raise ValidationError(where, f"{value!r} is not an ISO 8601 timestamp") from None


def check_distinct(where: str, values: tuple[str, ...]) -> None:
    """No value twice (a note naming one person twice would count twice in planning)."""
    if len(set(values)) != len(values):
        seen: set[str] = set()
        # set.add() returns None: the `or` marks v as seen and moves on
        twice = next(v for v in values if v in seen or seen.add(v))  # type: ignore[func-returns-value]
        raise ValidationError(where, f"{twice!r} is listed twice")
