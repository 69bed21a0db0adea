"""Taking data out: one format's bytes, and writing them to a file (the CLI and the app).

:func:`export_data` makes the bytes of ``json`` (everything), ``vcard`` (people),
``ics`` (open promises and follow-ups) or ``markdown`` (a month's focus and review);
confidential and private notes stay out unless asked for. :func:`write_export` writes them
atomically and privately (0600), with one clear error for a bad target.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from model.language.i18n import _
from model.language.os_errors import os_text

KINDS = ("json", "vcard", "ics", "markdown")
#: the kinds that hold notes, and so leave private and confidential ones out unless asked
WITH_NOTES = ("json", "markdown")
#: the file name ending each kind is usually given
SUFFIXES = {"json": ".json", "vcard": ".vcf", "ics": ".ics", "markdown": ".md"}


def export_data(store, kind: str, today: date, *, include_confidential: bool = False,
                month: str | None = None, vcard_version: str = "4.0",
                include_private: bool = False) -> bytes:
    """The bytes of ``kind`` for what ``store`` holds now (private notes only if asked, or
    with the confidential ones: model/records/privacy.py)."""
    if kind == "json":
        from model.transfer import jsonio
        return jsonio.export(store, include_confidential, include_private)
    if kind == "vcard":
        from model.language.names import sort_key
        from model.transfer import vcard
        return vcard.write(sorted(store.contacts(), key=sort_key), vcard_version).encode("utf-8")
    if kind == "ics":
        from model.transfer import ical
        return ical.export(store, today, include_confidential)
    if kind == "markdown":
        from model.transfer import markdown
        month = month or today.strftime("%Y-%m")
        return markdown.export(store, month, today, include_confidential, include_private).encode("utf-8")
    raise ValueError(f"unknown export kind {kind!r}")


def write_export(target: Path, data: bytes) -> None:
    """Write ``data`` to ``target`` atomically (a subscribed calendar never reads half a file)."""
    from model.store.storage import atomic_write
    from model.transfer import TransferError

    if target.is_dir():
        raise TransferError(_("{target}: is a folder; give a file name").format(target=target))
    try:
        atomic_write(target, data)
    except FileNotFoundError:
        raise TransferError(_("{target}: the folder {parent} does not exist").format(
            target=target, parent=target.parent)) from None
    except OSError as exc:
        raise TransferError(_("{target}: cannot write it: {strerror}").format(
            target=target, strerror=os_text(exc))) from None
