"""Reading the CSV files contact services export: text, rows and line numbers."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

from model.transfer.common import legacy_charset
from model.language.i18n import _


class CSVFileError(ValueError):
    """The file cannot be read as the CSV it should be; the message names the line."""


def decode(raw: bytes) -> str:
    """The file's text: UTF-8 (with or without BOM, or UTF-16 with one), else
    Shift_JIS (Excel in Japan) or Windows-1252 (Excel elsewhere)."""
    if raw[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return raw.decode("utf-16", errors="replace")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    return raw.decode(legacy_charset(raw), errors="replace")


def rows(text: str) -> Iterator[tuple[int, list[str]]]:
    """``(line the row starts on, cells)`` for every row, blank ones included."""
    reader = csv.reader(io.StringIO(text.replace("\x00", ""), newline=""), strict=False)
    line = 0
    while True:
        start = line + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise CSVFileError(_("line {n}: not readable as CSV ({exc})").format(n=reader.line_num, exc=exc)) from None
        line = reader.line_num
        yield start, row


def split_multi(cell: str) -> list[str]:
    """Google's ``a ::: b`` cells as a list."""
    return [v.strip() for v in cell.split(":::") if v.strip()]
