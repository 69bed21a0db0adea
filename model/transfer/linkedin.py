"""LinkedIn's ``Connections.csv``.

LinkedIn puts a few lines of notes above the header (``Notes:`` or
``"Notes:"``, a quoted paragraph, a blank line), writes a BOM, and older
exports have no ``URL`` column. Dates look like ``22 Dec 2025``.
"""

from __future__ import annotations

from datetime import datetime

from model.transfer.common import PersonDraft, Problem, Progress, full_name
from model.transfer.csvio import CSVFileError, decode, rows
from model.language.i18n import _

COLUMNS = {"first name": "first", "last name": "last", "url": "url", "email address": "email",
           "company": "company", "position": "position", "connected on": "connected"}


def _date(text: str) -> str | None:
    text = " ".join(text.split())
    for fmt in ("%d %b %Y", "%d %B %Y", "%m/%d/%y", "%m/%d/%Y", "%Y-%m-%d"):
        try:
            return datetime.strptime(text, fmt).date().isoformat()
        except ValueError:
            pass
    return None


def is_header(cells: list[str]) -> bool:
    keys = {c.strip().strip('"').casefold() for c in cells}
    return {"first name", "last name"} <= keys


def read(raw: bytes, progress: Progress | None = None) -> tuple[list[PersonDraft], list[Problem]]:
    all_rows = list(rows(decode(raw)))
    header: dict[str, int] | None = None
    drafts: list[PersonDraft] = []
    problems: list[Problem] = []
    for i, (line, cells) in enumerate(all_rows):
        if header is None:
            if is_header(cells):
                names = [c.strip().casefold() for c in cells]
                header = {COLUMNS[n]: j for j, n in enumerate(names) if n in COLUMNS}
                width = len(cells)
            continue  # the notes LinkedIn writes above the header
        if progress and i % 200 == 0:
            progress(i, len(all_rows))
        if not any(c.strip() for c in cells):
            continue
        if len(cells) > width:
            problems.append(Problem(f"line {line}", _("{cells} columns where the header has {width} (an unquoted comma?); skipped").format(cells=len(cells), width=width)))
            continue

        def get(key: str) -> str:
            j = header.get(key)
            return cells[j].strip() if j is not None and j < len(cells) else ""

        d = PersonDraft(where=f"line {line}", name=full_name(get("first"), get("last")),
                        company=get("company"), title=get("position"))
        if get("email"):
            d.emails.append(get("email"))
        if get("url"):
            d.links.append(get("url"))
        connected = get("connected")
        day = _date(connected) if connected else None
        if connected and day is None:
            problems.append(Problem(f"line {line}", _("'Connected On' {connected!r} is not a date; imported without it").format(connected=connected)))
        d.how_met = f"LinkedIn, connected {day}" if day else "LinkedIn"
        drafts.append(d)  # one with no name is skipped by the plan, and counted
    if header is None:
        raise CSVFileError(_("no header row with 'First Name' and 'Last Name': not a LinkedIn Connections.csv"))
    return drafts, problems
