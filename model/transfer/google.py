"""Google Contacts CSV, the current export and the older "Google CSV".

Several values in one cell are joined with `` ::: ``; readings are in the
``Phonetic First/Last Name`` columns (older files: ``Given/Family Name Yomi``);
labels (``Labels``, older ``Group Membership``) become tags, without Google's
own ``* myContacts``.
"""

from __future__ import annotations

import re

from model.transfer.common import PersonDraft, Problem, Progress, clean_tag, full_name
from model.transfer.csvio import CSVFileError, decode, rows, split_multi
from model.transfer.vcard import parse_bday
from model.language.i18n import _

#: our field -> the column names Google has used for it (lower case)
COLUMNS = {
    "given": ("first name", "given name"),
    "middle": ("middle name", "additional name"),
    "family": ("last name", "family name"),
    "full": ("name",),
    "nickname": ("nickname",),
    "file_as": ("file as",),
    "p_given": ("phonetic first name", "given name yomi"),
    "p_middle": ("phonetic middle name", "additional name yomi"),
    "p_family": ("phonetic last name", "family name yomi"),
    "p_full": ("yomi name",),
    "company": ("organization name", "organization 1 - name"),
    "title": ("organization title", "organization 1 - title"),
    "birthday": ("birthday",),
    "notes": ("notes",),
    "labels": ("labels", "group membership"),
}
_MULTI = {"emails": re.compile(r"^e-mail \d+ - value$"), "phones": re.compile(r"^phone \d+ - value$"),
          "links": re.compile(r"^website \d+ - value$")}
_GOOGLE_LABELS = {"mycontacts", "my-contacts"}


def is_header(cells: list[str]) -> bool:
    keys = {c.strip().casefold() for c in cells}
    return bool(keys & {"e-mail 1 - value", "phonetic first name", "given name", "labels",
                        "group membership", "organization name", "organization 1 - name"})


def read(raw: bytes, progress: Progress | None = None) -> tuple[list[PersonDraft], list[Problem]]:
    all_rows = list(rows(decode(raw)))
    if not all_rows or not is_header(all_rows[0][1]):
        raise CSVFileError(_("line 1: not a Google Contacts header (no 'E-mail 1 - Value', 'Given Name' or "
                              "'Labels' column)"))
    names = [c.strip().casefold() for c in all_rows[0][1]]
    col = {key: next((names.index(a) for a in alts if a in names), None) for key, alts in COLUMNS.items()}
    multi = {key: [j for j, n in enumerate(names) if rx.match(n)] for key, rx in _MULTI.items()}
    drafts: list[PersonDraft] = []
    problems: list[Problem] = []
    for i, (line, cells) in enumerate(all_rows[1:], 1):
        if progress and i % 200 == 0:
            progress(i, len(all_rows))
        if not any(c.strip() for c in cells):
            continue
        if len(cells) > len(names):
            problems.append(Problem(f"line {line}", _("{cells} columns where the header has {names}; skipped").format(
                cells=len(cells), names=len(names))))
            continue

        def get(key: str) -> str:
            j = col[key]
            return cells[j].strip() if j is not None and j < len(cells) else ""

        name = (full_name(get("given"), get("family"), get("middle")) or get("full")
                or get("file_as") or get("nickname") or get("company"))
        reading = full_name(get("p_given"), get("p_family"), get("p_middle")) or get("p_full")
        d = PersonDraft(where=f"line {line}", name=name, reading=reading, company=get("company"),
                        title=get("title"), notes=get("notes"))
        for key, cols in multi.items():
            for j in cols:
                if j < len(cells):
                    getattr(d, key).extend(split_multi(cells[j]))
        for label in split_multi(get("labels")):
            tag = clean_tag(label.lstrip("* "))
            if tag and tag not in _GOOGLE_LABELS:
                d.tags.append(tag)
        bday = get("birthday")
        if bday:
            day = parse_bday(bday, {})
            if day:
                d.birthday = day
            else:
                problems.append(Problem(f"line {line}", _("Birthday {bday!r} is not a date; kept in the notes").format(
                    bday=bday)))
                d.notes = f"{d.notes}\nBirthday: {bday}".strip()
        drafts.append(d)
    return drafts, problems
