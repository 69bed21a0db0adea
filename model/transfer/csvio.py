"""Reading the CSV files contact services export: text, rows and line numbers."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator


class CSVFileError(ValueError):
    """The file cannot be read as the CSV it should be; the message names the line."""


def decode(raw: bytes) -> str:
    """The file's text: UTF-8 (with or without BOM), else cp932 (Excel in Japan), else Latin-1."""
    for enc in ("utf-8-sig", "cp932"):
        try:
            return raw.decode(enc)
        except UnicodeDecodeError:
            pass
    return raw.decode("latin-1")


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
            raise CSVFileError(f"line {reader.line_num}: not readable as CSV ({exc})") from None
        line = reader.line_num
        yield start, row


def split_multi(cell: str) -> list[str]:
    """Google's ``a ::: b`` cells as a list."""
    return [v.strip() for v in cell.split(":::") if v.strip()]
