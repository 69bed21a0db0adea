"""Date words as a person types them: ``yesterday``, ``fri``, ``last fri``, ``+3d``, ``12/3``.

One function, :func:`read_date`, turns one or two words into a date. The same
word can mean a different day depending on what it dates, so the caller says
which way to lean:

* ``PAST`` for when something happened (a note's date): ``fri`` is the most
  recent Friday before ``base``, ``12/3`` the most recent 3 December on or
  before ``base``.
* ``FUTURE`` for when something is due (a promise): ``fri`` is the next Friday
  after ``base``, ``12/3`` the first 3 December on or after ``base``.

A weekday name never means ``base`` itself (say ``today`` for that).
``last fri`` is always the Friday before ``base`` (whichever way the caller
leans), ``this fri`` the weekday in the lean's direction (the same as ``fri``),
and ``next fri`` the Friday of next week (the week that starts on the coming
Monday, which is what ``next week`` names). ``this morning``, ``tonight`` and
the like are ``base``; ``last night`` the day before; ``fri night`` and
``yesterday morning`` are the day they name.
``M/D`` is month/day, and so are ``nov 20``, ``20 nov``, ``november 20th``.
Month arithmetic (``+1m``, ``next month``) keeps the
day of the month where it can and otherwise takes the month's last day
(31 January + 1 month is 28 or 29 February), as :mod:`dateutil` does.

:func:`read_date` returns ``None`` for words that are not a date at all, and
raises :class:`DateWordError` for words that look like a date but are not one
(``2/30``, ``feb 30``, ``13/1``, ``+3x``), so a typo is reported instead of
being read as ordinary text.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, timedelta

from dateutil.relativedelta import FR, MO, SA, SU, TH, TU, WE, relativedelta

from model.errors import KizunaError
from model.language.i18n import N_, _

PAST = "past"
FUTURE = "future"

_WEEKDAYS = (MO, TU, WE, TH, FR, SA, SU)
_WEEKDAY_WORDS: dict[str, int] = {}
for _i, _names in enumerate((
    ("mon", "monday"),
    ("tue", "tues", "tuesday"),
    ("wed", "weds", "wednesday"),
    ("thu", "thur", "thurs", "thursday"),
    ("fri", "friday"),
    ("sat", "saturday"),
    ("sun", "sunday"),
)):
    for _w in _names:
        _WEEKDAY_WORDS[_w] = _i
for _i, _k in enumerate("月火水木金土日"):
    _WEEKDAY_WORDS[_k + "曜"] = _i
    _WEEKDAY_WORDS[_k + "曜日"] = _i

#: day offsets of the fixed words
_FIXED = {
    "today": 0, "tod": 0, "tonight": 0, "今日": 0, "きょう": 0, "今朝": 0, "今夜": 0,
    "yesterday": -1, "yest": -1, "yday": -1, "昨日": -1, "きのう": -1, "昨夜": -1,
    "tomorrow": 1, "tmr": 1, "tmrw": 1, "明日": 1, "あした": 1,
    "一昨日": -2, "おととい": -2, "明後日": 2, "あさって": 2,
}
#: day offsets of the fixed two-word phrases
_FIXED_PAIRS = {
    "this morning": 0, "this afternoon": 0, "this evening": 0, "last night": -1,
}
_TIMES_OF_DAY = {"morning", "afternoon", "evening", "night", "lunchtime"}
_MONTHS: dict[str, int] = {}
for _i, _month_words in enumerate((
    "jan january", "feb february", "mar march", "apr april", "may", "jun june",
    "jul july", "aug august", "sep sept september", "oct october", "nov november", "dec december",
), start=1):
    for _w in _month_words.split():
        _MONTHS[_w] = _i
_DAY_OF_MONTH = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)?$")

_RELATIVE = re.compile(r"^([+-])(\d{1,4})([dwm])$")
_MONTH_DAY = re.compile(r"^(\d{1,2})/(\d{1,2})$")
_JA_MONTH_DAY = re.compile(r"^(\d{1,2})月(\d{1,2})日$")
_FULL = re.compile(r"^(\d{4})[-/](\d{1,2})[-/](\d{1,2})$")
#: 先週の金曜, 来週金曜日, 今週の月曜: last fri, next fri, this fri
_JA_WEEK_DAY = re.compile(r"^(先週|今週|来週)の?([月火水木金土日])(?:曜日|曜)?$")
#: looks like someone meant a date: a sign and a digit, or digits around / or -
_DATE_LIKE = re.compile(r"^([+-]\d|\d+[/-]\d|\d+月)")

#: Japanese after a date-like start (``12/10までに``): a sentence, not a mistyped date
_KANA_OR_KANJI = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")

#: the words :func:`read_date` knows, for help text
WORDS_HELP = N_("today, yesterday, tomorrow, mon..sun (or monday..sunday), last fri, next fri, "
                "next week, last week, next month, eom, +3d, -2d, +2w, +1m, 12/3 (month/day), "
                "nov 20, 2026-12-03")


class DateWordError(KizunaError, ValueError):
    """Words that look like a date but are not one; the message says why."""


def _norm(word: str) -> str:
    return unicodedata.normalize("NFKC", word).casefold()


def _weekday(base: date, index: int, lean: str) -> date:
    if lean == PAST:
        return base + relativedelta(days=-1, weekday=_WEEKDAYS[index](-1))
    return base + relativedelta(days=+1, weekday=_WEEKDAYS[index](+1))


def _month_day(base: date, month: int, day: int, raw: str, lean: str) -> date:
    if not 1 <= month <= 12:
        raise DateWordError(f"{raw} is not a date: {month} is not a month (dates are month/day)")
    if not 1 <= day <= 31:
        raise DateWordError(f"{raw} is not a date: {day} is not a day of the month")
    step = -1 if lean == PAST else 1
    # Feb 29 may be up to 8 years away (1896 -> 1904); stop before that.
    for years in range(0, 9):
        year = base.year + step * years
        try:
            found = date(year, month, day)
        except ValueError:
            continue
        if (lean == PAST and found <= base) or (lean == FUTURE and found >= base):
            return found
    raise DateWordError(f"{raw} is not a date: {month}/{day} does not exist")


def _pair(first: str, second: str, raw: str, base: date, lean: str) -> date | None:
    """Two words: ``next week``, ``last fri``, ``this morning``, ``nov 20``, ``20 nov``."""
    text = f"{first} {second}"
    if text == "next week":
        return base + relativedelta(days=+1, weekday=MO(+1))
    if text == "last week":
        return base - timedelta(days=7)
    if text == "next month":
        return base + relativedelta(months=+1)
    if text in _FIXED_PAIRS:
        return base + timedelta(days=_FIXED_PAIRS[text])
    if second in _TIMES_OF_DAY and (first in _FIXED or first in _WEEKDAY_WORDS):
        return read_date([first], base, lean)  # 'fri night', 'yesterday morning': the day
    if second in _WEEKDAY_WORDS:
        index = _WEEKDAY_WORDS[second]
        if first == "last":
            return _weekday(base, index, PAST)
        if first == "this":
            return _weekday(base, index, lean)
        if first == "next":  # that day of next week (the week from the coming Monday)
            return base + relativedelta(days=+1, weekday=MO(+1)) + timedelta(days=index)
        return None
    month, day = (first, second) if first in _MONTHS else (second, first)
    m = _DAY_OF_MONTH.match(day)
    if month in _MONTHS and m:
        return _month_day(base, _MONTHS[month], int(m.group(1)), raw, lean)
    return None


def read_date(words: list[str], base: date, lean: str) -> date | None:
    """The date ``words`` (one or two words, already stripped of punctuation) name.

    ``None`` when they are not a date; :class:`DateWordError` when they look
    like one but are wrong.
    """
    text = " ".join(_norm(w) for w in words)
    if len(words) == 2:
        first, second = text.split(" ", 1) if " " in text else (text, "")
        if not first or not second or " " in second:
            return None
        return _pair(first, second, " ".join(words), base, lean)
    if len(words) != 1:
        return None
    if text in _FIXED:
        return base + timedelta(days=_FIXED[text])
    if text in _WEEKDAY_WORDS:
        return _weekday(base, _WEEKDAY_WORDS[text], lean)
    if text in ("先週",):
        return base - timedelta(days=7)
    if text in ("来週",):
        return base + relativedelta(days=+1, weekday=MO(+1))
    if text in ("eom", "月末"):
        return base + relativedelta(day=31)
    if text == "来月":
        return _pair("next", "month", words[0], base, lean)
    m = _JA_WEEK_DAY.match(text)
    if m:
        first = {"先週": "last", "今週": "this", "来週": "next"}[m.group(1)]
        return _pair(first, m.group(2) + "曜", words[0], base, lean)
    m = _RELATIVE.match(text)
    if m:
        sign = 1 if m.group(1) == "+" else -1
        n = sign * int(m.group(2))
        unit = m.group(3)
        try:
            if unit == "d":
                return base + timedelta(days=n)
            if unit == "w":
                return base + timedelta(weeks=n)
            return base + relativedelta(months=n)
        except (OverflowError, ValueError):
            raise DateWordError(f"{words[0]} is too far away") from None
    m = _MONTH_DAY.match(text) or _JA_MONTH_DAY.match(text)
    if m:
        return _month_day(base, int(m.group(1)), int(m.group(2)), words[0], lean)
    m = _FULL.match(text)
    if m:
        try:
            return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError as exc:
            raise DateWordError(f"{words[0]} is not a date: {exc}") from None
    if _DATE_LIKE.match(text) and not _KANA_OR_KANJI.search(text.replace("月", "").replace("日", "")):
        raise DateWordError(f"{words[0]} is not a date (try {_(WORDS_HELP)})")
    return None


def explicit_date(words: list[str], base: date) -> tuple[date, bool] | None:
    """A calendar date written out (``2026-06-18``, ``6/18``, ``6月18日``, ``jun 18``,
    ``18 june``) in one or two words: (the day, whether it lies after ``base``).

    Without a year, it is the nearer of the last such day on or before ``base`` and
    the next one after it: ``on 12/20`` written on 5 December is the coming one.
    """
    text = [_norm(w) for w in words]
    if len(text) == 1 and not (_FULL.match(text[0]) or _MONTH_DAY.match(text[0]) or
                               _JA_MONTH_DAY.match(text[0])):
        return None
    if len(text) == 2 and not (text[0] in _MONTHS or text[1] in _MONTHS):
        return None
    try:
        past = read_date(words, base, PAST)
        future = read_date(words, base, FUTURE)
    except DateWordError:
        return None
    if past is None or future is None:
        return None
    if past == future or (base - past) <= (future - base):
        return past, past > base
    return future, True


def past_word(words: list[str], base: date) -> date | None:
    """The day before ``base`` that these words name without doubt (``yesterday``,
    ``last fri``, ``last week``, ``-3d``, 昨日), or None; a bare weekday (``fri``) is
    left out: in a sentence it as often means the coming one."""
    text = " ".join(_norm(w) for w in words)
    first = text.split(" ", 1)[0]
    if len(words) == 1 and not (text in _FIXED or text.startswith(("先週", "-"))):
        return None
    if len(words) == 2 and first != "last" and text not in _FIXED_PAIRS and not (
            text.split(" ")[0] in _FIXED and text.split(" ")[-1] in _TIMES_OF_DAY):
        return None
    try:
        found = read_date(words, base, PAST)
    except DateWordError:
        return None
    return found if found is not None and found < base else None


_BARE_SPAN = re.compile(r"^\d{1,4}[dwm]$")


def parse_due(text: str, today: date) -> date:
    """A due or until date as typed after a command or in a dialog (leans forward).

    Any of :data:`WORDS_HELP`, as one or two words; a bare span (``2w``, ``10d``)
    reads as ``+2w``. Raises :class:`DateWordError` (a :class:`KizunaError`)
    with one line saying what was wrong.
    """
    words = text.split()
    if not words:
        raise DateWordError(f"say when, e.g. {_(WORDS_HELP)}")
    if len(words) == 1 and _BARE_SPAN.match(_norm(words[0])):
        words = ["+" + words[0]]
    found = read_date(words, today, FUTURE)
    if found is None:
        raise DateWordError(f"{text.strip()!r} is not a date I can read; try {_(WORDS_HELP)}")
    return found


def describe_date(day: date, today: date) -> str:
    """``2026-11-27 Fri (tomorrow)``: the date, its weekday, and how far from today."""
    delta = (day - today).days
    if delta == 0:
        rel = "today"
    elif delta == -1:
        rel = "yesterday"
    elif delta == 1:
        rel = "tomorrow"
    elif delta < 0:
        rel = f"{-delta} days ago"
    else:
        rel = f"in {delta} days"
    return f"{day.isoformat()} {day.strftime('%a')} ({rel})"
