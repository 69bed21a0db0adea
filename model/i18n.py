"""The language the user reads: English, or Japanese when asked for.

Chosen by :func:`choose` (``KIZUNA_LANG``, else the store's ``language`` setting,
else a Japanese locale) and set once at start with :func:`set_language`. Standard
library only, so ``model`` may use it.
"""

from __future__ import annotations

import os
from collections.abc import Mapping

LANGUAGES = ("en", "ja")

_language = "en"


def language() -> str:
    """The language in use: ``en`` or ``ja``."""
    return _language


def set_language(lang: str) -> str:
    """Use ``lang`` (``en`` or ``ja``; anything else is English). Returns the one set."""
    global _language
    _language = normal(lang) or "en"
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
    it is ``ja``, else the locale (``LC_ALL``, ``LC_MESSAGES``, ``LANG``, the first one
    set); English when none of them says Japanese."""
    env = os.environ if environ is None else environ
    if normal(env.get("KIZUNA_LANG")):
        return normal(env.get("KIZUNA_LANG"))
    if normal(setting) == "ja":  # "en" is also the setting's default: the locale may still say ja
        return "ja"
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        if env.get(var):
            return normal(env[var]) or "en"
    return "en"
