"""The language the user reads: English, or Japanese when asked for.

Chosen by :func:`choose` (``KIZUNA_LANG``, else the store's ``language`` setting,
else a Japanese locale) and set once at start with :func:`set_language`. Messages go
through the standard library's gettext (:func:`_`, :func:`ngettext`, :func:`pgettext`)
with the catalogue ``tui/locale/ja/LC_MESSAGES/kizuna.mo``, managed with Babel
(README "Translations"); dates and day counts the Japanese way come from
:func:`date_long`, :func:`date_short`, :func:`days_late`, :func:`days_left`.
Standard library only, so ``model`` may use it. Words kept in the store, JSON and
exports (tiers, kinds, depths) are translated only where they are shown
(:func:`word`).
"""

from __future__ import annotations

import gettext
import os
import unicodedata
from collections.abc import Mapping
from datetime import date
from pathlib import Path

LANGUAGES = ("en", "ja")
DOMAIN = "kizuna"
#: the compiled catalogues, shipped as package data of ``tui`` (found by path: model
#: never imports tui)
LOCALE_DIR = Path(__file__).resolve().parents[2] / "tui" / "locale"

_language = "en"
_catalogue: gettext.NullTranslations = gettext.NullTranslations()
#: catalogues read, by file: `kizuna` sets the language before and after the store is
#: open, and parsing the Japanese one costs ~3 ms each time
_read: dict[Path, gettext.GNUTranslations] = {}


def _(message: str) -> str:
    """``message`` in the language in use."""
    return _catalogue.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The form of a message for ``n`` things (Japanese has one form)."""
    return _catalogue.ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    """``message`` translated as meant in ``context`` (``tier``: deep the tier)."""
    return _catalogue.pgettext(context, message)


def N_(message: str) -> str:
    """Mark ``message`` for the catalogue where it is defined; :func:`_` translates it when shown."""
    return message


def word(kind: str, value: str) -> str:
    """A stored word (a tier, kind, depth, scope...) as shown on screen: translated in
    Japanese mode, unchanged in the store, JSON and exports."""
    return _catalogue.pgettext(kind, value) if value else value


def value(dimension: str, text: str) -> str:
    """A person's ``level`` or ``generation`` as shown: ``manager`` -> ``管理職``, ``40s`` ->
    ``40代`` in Japanese; any other dimension's value (an industry...) is the user's text."""
    if dimension == "level":
        return word("level", text)
    if dimension == "generation" and _language == "ja" and text.endswith("s") and text[:-1].isdigit():
        return f"{text[:-1]}代"
    return text


def stored_generation(text: str) -> str:
    """A generation as typed, the way the store keeps it: ``40代`` or ``４０代`` -> ``40s``;
    anything else unchanged (the record's check says what is wrong with it)."""
    folded = unicodedata.normalize("NFKC", text).strip()
    if folded.endswith("代") and folded[:-1].isdigit():
        return f"{folded[:-1]}s"
    return text


def stored_words(kind: str, text: str, choices: tuple[str, ...]) -> tuple[str, ...]:
    """A list of stored words as typed, the way the store keeps them: ``同業、顧客`` or
    ``Same-Industry, customer`` -> ``("same-industry", "customer")``. Commas (``,`` ``、``)
    or spaces separate them; a word that is none of ``choices`` is kept as typed (the
    record's check names it)."""
    shown = {word(kind, c): c for c in choices}
    out = []
    for typed in unicodedata.normalize("NFKC", text).replace("、", ",").replace(" ", ",").split(","):
        if typed := typed.strip():
            out.append(shown.get(typed) or (typed.lower() if typed.lower() in choices else typed))
    return tuple(out)


def language() -> str:
    """The language in use: ``en`` or ``ja``."""
    return _language


def set_language(lang: str) -> str:
    """Use ``lang`` (``en`` or ``ja``; anything else is English). Returns the one set.

    A missing or unreadable catalogue leaves the messages in English: never an error."""
    global _language, _catalogue
    _language = normal(lang) or "en"
    if _language == "en":
        _catalogue = gettext.NullTranslations()
    else:
        path = LOCALE_DIR / _language / "LC_MESSAGES" / f"{DOMAIN}.mo"
        try:
            if path not in _read:
                with open(path, "rb") as f:
                    _read[path] = gettext.GNUTranslations(f)
            _catalogue = _read[path]
        except (OSError, ValueError, UnicodeDecodeError):
            _catalogue = gettext.NullTranslations()
    return _language


def normal(value: str | None) -> str:
    """``ja`` for ``ja``, ``ja_JP.UTF-8``, ``JA-jp``; ``en`` for ``en*``, ``C``, ``POSIX``; else ""."""
    text = (value or "").strip().lower().replace("-", "_")
    head = text.split(".", 1)[0].split("@", 1)[0].split("_", 1)[0]
    if head == "ja":
        return "ja"
    if head in ("en", "c", "posix"):
        return "en"
    return ""


def choose(setting: str | None = None, environ: Mapping[str, str] | None = None) -> str:
    """The language to use: ``KIZUNA_LANG``, else the store's ``language`` setting when
    one was chosen (``en`` or ``ja``: ``en`` overrides a Japanese locale), else the locale
    (``LC_ALL``, ``LC_MESSAGES``, ``LANG``, the first one set); English when none of them
    says Japanese. An unset setting is ``""`` (or None)."""
    env = os.environ if environ is None else environ
    if normal(env.get("KIZUNA_LANG")):
        return normal(env.get("KIZUNA_LANG"))
    if normal(setting) in LANGUAGES:
        return normal(setting)
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        if env.get(var):
            return normal(env[var]) or "en"
    return "en"


# -- dates and day counts -----------------------------------------------------------------------

_WEEKDAYS_JA = "月火水木金土日"
_WEEKDAYS_EN = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_WEEKDAY_NAMES_EN = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August",
              "September", "October", "November", "December")


def weekday(d: date, full: bool = False) -> str:
    """The day of the week: ``土`` / ``土曜日``, ``Sat`` / ``Saturday``."""
    if _language == "ja":
        return _WEEKDAYS_JA[d.weekday()] + ("曜日" if full else "")
    return (_WEEKDAY_NAMES_EN if full else _WEEKDAYS_EN)[d.weekday()]


def date_long(d: date) -> str:
    """``2026年12月5日(土)``; in English ``Saturday 5 December 2026``."""
    if _language == "ja":
        return f"{d.year}年{d.month}月{d.day}日({weekday(d)})"
    return f"{weekday(d, True)} {d.day} {_MONTHS_EN[d.month - 1]} {d.year}"


def date_plain(d: date) -> str:
    """``2026年12月5日``; in English ``2026-12-05``."""
    return f"{d.year}年{d.month}月{d.day}日" if _language == "ja" else d.isoformat()


def date_short(d: date) -> str:
    """``12/5(土)``; in English ``Sat 12/5``."""
    if _language == "ja":
        return f"{d.month}/{d.day}({weekday(d)})"
    return f"{weekday(d)} {d.month}/{d.day}"


def days_late(n: int) -> str:
    """``3日遅れ``; ``3 days late``."""
    if _language == "ja":
        return f"{n}日遅れ"
    return f"{n} day late" if n == 1 else f"{n} days late"


def days_left(n: int) -> str:
    """``あと5日``; ``in 5 days``."""
    if _language == "ja":
        return f"あと{n}日"
    return "in 1 day" if n == 1 else f"in {n} days"
