"""The app's last line of defence: no control character in text reaches the terminal.

Names and notes are shown with :func:`model.language.text.visible` where the app draws them;
anything that slips past (a new screen, a message quoting a record) still goes
through Rich's ``Text`` or Textual's ``Content``, which strip only BEL, BS, VT, FF
and CR and let ESC through (``\\x1b]0;…\\x07`` would retitle the terminal). Both
strip with a module-level translation table; adding every other C0, DEL and C1
control to it, each mapped to one visible character (``␛``), closes that door
for everything drawn. One character for one keeps the styles' offsets right.
The screen test (tests/tui/test_hostile_text.py) fails if a release changes this.
"""

from __future__ import annotations

#: line feed and tab are layout, not control
_KEPT = {0x09, 0x0A}


def _picture(code: int) -> str:
    if code < 0x20:
        return chr(0x2400 + code)  # the Unicode control pictures: ␀ … ␟
    return "\u2421" if code == 0x7F else "\ufffd"


def install() -> None:
    import rich.control
    import textual.content

    tables = [getattr(module, "_CONTROL_STRIP_TRANSLATE", None)
              for module in (rich.control, textual.content)]
    for table in tables:
        if isinstance(table, dict):
            for code in (*range(0x20), *range(0x7F, 0xA0)):
                if code not in _KEPT:
                    table.setdefault(code, _picture(code))
