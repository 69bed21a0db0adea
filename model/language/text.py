"""Text from outside is data, never terminal control.

Two doors, one on each side of the store:

* :func:`clean_field` on the way in (records, capture, the form, importers):
  C0/C1 control characters are dropped (a tab or line break becomes a space in a
  one-line field; note text keeps ``\\n`` and ``\\t``). (Lone surrogates, which
  UTF-8 cannot hold, are left for the store to refuse in one line.)
* :func:`visible` on the way out to a terminal (CLI, the app): what is already
  stored, whatever it holds, is shown with its controls escaped (``\\x1b``) and,
  in names, its invisible direction and zero-width characters named
  (``<U+202E>``), so two look-alike names can be told apart.

Rich's ``Text`` drops only a few controls (ESC goes through), so nothing here
relies on it.
"""

from __future__ import annotations

import re

#: C0, DEL and C1 controls
_CONTROLS = re.compile(r"[\x00-\x1f\x7f-\x9f]")
#: the same without tab and line feed (note text keeps them)
_CONTROLS_BUT_LINES = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
#: what breaks a one-line field: becomes a space
_BREAKS = re.compile(r"\r\n|[\t\n\r\x0b\x0c\x85\u2028\u2029]")
#: direction overrides and isolates: they reorder what follows on screen
_BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
#: invisible marks: zero-width space/joiners, word joiner, BOM, LRM/RLM, ALM
_INVISIBLE = "\u200b\u200c\u200d\u200e\u200f\u2060\ufeff\u061c"
_SHOW_NAME = re.compile(f"[\x00-\x1f\x7f-\x9f{_BIDI}{_INVISIBLE}\ud800-\udfff]")
_SHOW_TEXT = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{_BIDI}\ud800-\udfff]")
_SHORT = {"\n": "\\n", "\t": "\\t", "\r": "\\r", "\x1b": "\\x1b"}


def clean_field(value: str, *, multiline: bool = False) -> str:
    """``value`` with its control characters dropped (see the module's doc).

    ``multiline`` (note text, a person's notes, a month's review) keeps ``\\n``
    and ``\\t`` and turns ``\\r\\n`` and a lone ``\\r`` into ``\\n``."""
    if value.isprintable():  # the common case: nothing to do (C speed)
        return value
    if multiline:
        value = value.replace("\r\n", "\n").replace("\r", "\n")
        value = _CONTROLS_BUT_LINES.sub("", value)
    else:
        value = _CONTROLS.sub("", _BREAKS.sub(" ", value))
    return value


def has_controls(value: str) -> bool:
    return not value.isprintable() and _CONTROLS.search(value) is not None


def _escape(m: re.Match[str]) -> str:
    ch = m.group()
    if ch in _SHORT:
        return _SHORT[ch]
    code = ord(ch)
    return f"\\x{code:02x}" if code < 0xA0 else f"<U+{code:04X}>"


def visible(value: object, *, multiline: bool = False) -> str:
    """``value`` as text safe to print to a terminal, every hidden character shown.

    For names and one-line fields every control, direction mark and zero-width
    character is shown escaped. With ``multiline`` (note text) ``\\n`` and ``\\t``
    stay as they are, and so do the zero-width joiners and direction marks that
    right-to-left writing and emoji need; controls and direction overrides do not."""
    text = value if isinstance(value, str) else str(value)
    if text.isprintable():
        return text
    return (_SHOW_TEXT if multiline else _SHOW_NAME).sub(_escape, text)


def visible_line(value: object) -> str:
    """Note text on one line (a timeline row, a table cell): line breaks shown as ``\\n``,
    the zero-width joiners emoji need kept."""
    text = value if isinstance(value, str) else str(value)
    if text.isprintable():
        return text
    return _SHOW_TEXT.sub(_escape, text).replace("\n", "\\n").replace("\t", " ")


#: what a spreadsheet reads as a formula at the start of a cell
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutral_cell(value: str) -> str:
    """A cell a spreadsheet shows as text: one starting like a formula gets a leading ``'``
    (OWASP's advice for CSV injection; the apostrophe is hidden by spreadsheets)."""
    return "'" + value if value.startswith(_FORMULA_START) else value


#: what JSON may hold raw but a terminal must not get: DEL, C1 controls, direction
#: overrides and invisible marks (JSON encoders escape only C0); a \\u escape of one
#: is the same string to every JSON reader
_JSON_HIDDEN = re.compile(f"[\x7f-\x9f{_BIDI}{_INVISIBLE}]")


def json_safe(text: str) -> str:
    """JSON text with every hidden character written as a ``\\u`` escape (same data)."""
    if text.isascii():
        return text
    return _JSON_HIDDEN.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
