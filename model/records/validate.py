"""Field checks the records run on the way in: each raises a ValidationError naming the field."""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any

from model.errors import ValidationError
from model.language.i18n import _, word


def check_text(where: str, value: Any, *, required: bool = False) -> str:
    if not isinstance(value, str):
        raise ValidationError(where, _("must be text, not {kind}").format(kind=type(value).__name__))
    if required and not value.strip():
        raise ValidationError(where, _("must not be empty"))
    return value


def check_choice(where: str, value: Any, allowed: tuple[str, ...], *, blank: bool = False,
                 shown: str = "") -> None:
    """``value`` is one of ``allowed``; the error lists them as the user may type them
    (in Japanese mode, the ``shown`` kind's words: 同業, 顧客 ...)."""
    if blank and value == "":
        return
    if value not in allowed:
        raise ValidationError(where, _("{value!r} is not one of {allowed}").format(
            value=value, allowed=", ".join(word(shown, a) if shown else a for a in allowed)))


def check_date(where: str, value: Any, *, optional: bool = False) -> None:
    if optional and value is None:
        return
    if not isinstance(value, str):
        raise ValidationError(where, _("{value!r} is not a date (YYYY-MM-DD)").format(value=value))
    try:
        date.fromisoformat(value)
    except ValueError:
        raise ValidationError(where, _("{value!r} is not a date (YYYY-MM-DD)").format(value=value)) from None
    if len(value) != 10:
        raise ValidationError(where, _("{value!r} is not a date (YYYY-MM-DD)").format(value=value))


def check_birthday(value: Any) -> None:
    """``YYYY-MM-DD``, or ``--MM-DD`` when the year is unknown; a real day either way."""
    m = re.fullmatch(r"(\d{4}|-)-(\d{2})-(\d{2})", value) if isinstance(value, str) else None
    try:
        if m is None:
            raise ValueError
        date(2000 if m[1] == "-" else int(m[1]), int(m[2]), int(m[3]))  # 2000: --02-29 is a day
    except ValueError:
        raise ValidationError("contact.birthday", _("{value!r} is not YYYY-MM-DD or --MM-DD").format(
            value=value)) from None


def check_strings(where: str, value: Any) -> None:
    if not isinstance(value, tuple) or not all(isinstance(v, str) for v in value):
        raise ValidationError(where, _("must be a list of text"))


def check_stamp(where: str, value: Any) -> None:
    try:
        datetime.fromisoformat(value)
    except (TypeError, ValueError):
        raise ValidationError(where, _("{value!r} is not an ISO 8601 timestamp").format(value=value)) from None


def check_distinct(where: str, values: tuple[str, ...]) -> None:
    """No value twice (a note naming one person twice would count twice in planning)."""
    if len(set(values)) != len(values):
        seen: set[str] = set()
        # set.add() returns None: the `or` marks v as seen and moves on
        twice = next(v for v in values if v in seen or seen.add(v))  # type: ignore[func-returns-value]
        raise ValidationError(where, _("{twice!r} is listed twice").format(twice=twice))
