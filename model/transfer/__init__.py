"""Bringing people in and taking everything out.

Import is two steps, so the command line and the app can show a dry run:
:func:`plan_import` reads the file and decides, without writing, who would
be added, merged or skipped (:class:`ImportPlan`); :func:`apply_plan` writes
that plan in ONE store transaction, so an import that fails leaves the store
exactly as it was. If the store changed between the two steps (the app open
while another process wrote), the plan is made again against what is there.

Readers: :mod:`.vcard` (2.1/3.0/4.0), :mod:`.linkedin` (Connections.csv),
:mod:`.google` (Google Contacts CSV), :mod:`.jsonio` (Kizuna's own export).
Writers: :mod:`.jsonio`, :mod:`.vcard`, :mod:`.ical`, :mod:`.markdown`.
Merging two people: :mod:`.merge`.
"""

from __future__ import annotations

import codecs
import itertools
import os
from pathlib import Path

from model.errors import KizunaError
from model.transfer import google, jsonio, linkedin, vcard
from model.transfer.common import ImportPlan, PersonDraft, Problem, Progress, plan_people
from model.transfer.csvio import CSVFileError, decode, rows
from model.language.i18n import _
from model.language.os_errors import os_text

__all__ = ["FORMATS", "ImportPlan", "PersonDraft", "Problem", "TransferError", "apply_plan",
           "detect_format", "import_file", "plan_import"]

FORMATS = ("vcard", "linkedin", "google", "json")
READERS = {"vcard": vcard.read, "linkedin": linkedin.read, "google": google.read}


class TransferError(KizunaError):
    """A file that cannot be imported or written; the message names it and the place."""


def read_bytes(path: str | os.PathLike) -> bytes:
    try:
        return Path(path).read_bytes()
    except FileNotFoundError:
        raise TransferError(_("{path}: no such file").format(path=path)) from None
    except IsADirectoryError:
        raise TransferError(_("{path}: is a folder, not a file").format(path=path)) from None
    except OSError as exc:
        raise TransferError(_("{path}: cannot read it: {strerror}").format(path=path, strerror=os_text(exc))) from None


def detect_format(path: str | os.PathLike, raw: bytes) -> str:
    """The format of a file from its name, else from its first lines."""
    suffix = Path(path).suffix.lower()
    if suffix in (".vcf", ".vcard"):
        return "vcard"
    if suffix == ".json":
        return "json"
    head = raw[:4096].removeprefix(codecs.BOM_UTF8).lstrip()
    if head[:11].upper() == b"BEGIN:VCARD":
        return "vcard"
    if head[:1] == b"{":
        return "json"
    try:
        for _row, cells in itertools.islice(rows(decode(raw[:65536])), 12):
            keys = {c.strip().casefold() for c in cells}
            if "connected on" in keys or keys == {"notes:"}:
                return "linkedin"
            if google.is_header(cells):
                return "google"
            if linkedin.is_header(cells):
                return "linkedin"
    except CSVFileError:
        pass
    raise TransferError(_("{path}: cannot tell what kind of file this is; say --format {formats}").format(
        path=path, formats='|'.join(FORMATS)))


def _decide(plan: ImportPlan, store, progress: Progress | None = None) -> None:
    plan.version = store.version
    if plan.fmt == "json":
        try:
            jsonio.plan_records(plan, store)
        except jsonio.JSONFileError as exc:
            raise TransferError(f"{plan.path}: {exc}") from None
    else:
        plan.problems = list(plan.read_problems)
        plan_people(plan, store.contacts(), progress)


def plan_import(store, path: str | os.PathLike, fmt: str | None = None,
                progress: Progress | None = None) -> ImportPlan:
    """Read ``path`` and work out what importing it would do; writes nothing."""
    raw = read_bytes(path)
    fmt = fmt or detect_format(path, raw)
    if fmt not in FORMATS:
        raise TransferError(_("{fmt!r} is not a format to import; use one of {formats}").format(
            fmt=fmt, formats=', '.join(FORMATS)))
    plan = ImportPlan(path=str(path), fmt=fmt)
    try:
        if fmt == "json":
            plan.payload = jsonio.parse(raw)
        else:
            plan.drafts, plan.read_problems = READERS[fmt](raw, progress)
    except (vcard.NotVCard, CSVFileError, jsonio.JSONFileError) as exc:
        raise TransferError(f"{path}: {exc}") from None
    _decide(plan, store, progress)
    return plan


def apply_plan(store, plan: ImportPlan, progress: Progress | None = None) -> ImportPlan:
    """Write ``plan`` in one transaction (all or nothing) and return it, applied."""
    with store.transaction():
        if store.version != plan.version:
            _decide(plan, store)
        if progress:
            progress(0, 1)
        for old in plan.records_removed:
            store.remove(old)
        store.add_many([*plan.added, *plan.records_added])
        for _before, after in plan.merged:
            store.put(after)
        for _old, new in plan.records_replaced:
            store.put(new)
        if plan.settings is not None:
            store.save_settings(plan.settings)
    plan.applied = True
    if progress:
        progress(1, 1)
    return plan


def import_file(store, path: str | os.PathLike, fmt: str | None = None, *, dry_run: bool = False,
                progress: Progress | None = None) -> ImportPlan:
    """Plan and (unless ``dry_run``) apply an import of ``path``."""
    plan = plan_import(store, path, fmt, progress)
    return plan if dry_run else apply_plan(store, plan, progress)
