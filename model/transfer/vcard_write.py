"""vCard 4.0 (or 3.0) out: what ``kizuna export vcard`` writes.

Readings go out twice (``N;SORT-AS`` and Apple's ``X-PHONETIC-*``, which
most address books show), Kizuna's own fields as ``X-KIZUNA-*``, so importing
the file back (:mod:`model.transfer.vcard`) gives the same people.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from model.records import Contact
from model.language.text import clean_field
from model.transfer.common import is_cjk

KIZUNA_FIELDS = {"X-KIZUNA-INDUSTRY": "industry", "X-KIZUNA-FUNCTION": "function",
                 "X-KIZUNA-LEVEL": "level", "X-KIZUNA-GENERATION": "generation",
                 "X-KIZUNA-RELATION": "relation", "X-KIZUNA-HOW-MET": "how_met"}


def _esc(text: str) -> str:
    return (text.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;")
            .replace("\r\n", "\\n").replace("\n", "\\n"))


def fold(line: str) -> str:
    """Fold at 75 octets (RFC 6350 3.2), never inside a UTF-8 character."""
    if len(line) <= 18 or len(line.encode("utf-8")) <= 75:  # 18 characters are 72 octets at most
        return line
    out: list[str] = []
    cur: list[str] = []
    size = 0
    for ch in line:
        n = len(ch.encode("utf-8"))
        if size + n > 75:
            out.append("".join(cur))
            cur, size = [" "], 1
        cur.append(ch)
        size += n
    out.append("".join(cur))
    return "\r\n".join(out)


def _rev(stamp: str) -> str:
    try:
        return datetime.fromisoformat(stamp).astimezone().strftime("%Y%m%dT%H%M%S%z")
    except ValueError:
        return ""


def card(c: Contact, version: str = "4.0") -> str:
    """One contact as a vCard 4.0 (or 3.0, for older address books); CRLF, folded."""
    v3 = version == "3.0"
    try:
        uid = f"urn:uuid:{uuid.UUID(hex=c.id)}"
    except ValueError:
        uid = _esc(c.id)
    parts = c.name.split(" ", 1)
    if is_cjk(c.name):
        family, given = parts[0], parts[1] if len(parts) > 1 else ""
    else:
        family, given = (parts[-1], parts[0]) if len(parts) > 1 else (c.name, "")
    lines = ["BEGIN:VCARD", f"VERSION:{version}", f"UID:{uid}", f"FN:{_esc(c.name)}"]
    sort = f';SORT-AS="{c.reading.replace(chr(34), "")}"' if c.reading and not v3 else ""
    lines.append(f"N{sort}:{_esc(family)};{_esc(given)};;;")
    if c.reading:
        r = c.reading.split(" ", 1)
        lines.append(f"X-PHONETIC-LAST-NAME:{_esc(r[0])}")
        if len(r) > 1:
            lines.append(f"X-PHONETIC-FIRST-NAME:{_esc(r[1])}")
        if v3:
            lines.append(f"SORT-STRING:{_esc(c.reading)}")
    if c.company:
        lines.append(f"ORG:{_esc(c.company)}")
    if c.title:
        lines.append(f"TITLE:{_esc(c.title)}")
    pref = ";TYPE=pref" if v3 else ";PREF=1"
    lines += [f"EMAIL{pref if i == 0 else ''}:{e}" for i, e in enumerate(c.emails)]
    lines += [f"TEL{pref if i == 0 else ''}:{p}" for i, p in enumerate(c.phones)]
    lines += [f"URL:{u}" for u in c.links]
    if c.tags:
        lines.append("CATEGORIES:" + ",".join(_esc(t) for t in c.tags))
    if c.birthday.startswith("--"):
        # 3.0 has no year-less date: Apple's convention, which Kizuna reads back too
        lines.append(f"BDAY;X-APPLE-OMIT-YEAR=1604:1604-{c.birthday[2:]}" if v3
                     else "BDAY:--" + c.birthday[2:].replace("-", ""))
    elif c.birthday:
        lines.append(f"BDAY:{c.birthday}" if v3 else "BDAY:" + c.birthday.replace("-", ""))
    if c.notes:
        lines.append(f"NOTE:{_esc(c.notes)}")
    for prop, attr in KIZUNA_FIELDS.items():
        if getattr(c, attr):
            lines.append(f"{prop}:{_esc(getattr(c, attr))}")
    rev = _rev(c.updated)
    if rev:
        lines.append(f"REV:{rev}")
    lines.append("END:VCARD")
    return "".join(fold(line) + "\r\n" for line in lines)


def _clean(c: Contact) -> Contact:
    """``c`` with no control character in any field (a store from before they were dropped on
    the way in): the card keeps the text, never a raw escape or a line break that starts a
    property of its own."""
    d = c.__dict__
    if all(v.isprintable() for v in d.values() if isinstance(v, str)) and \
            all(v.isprintable() for t in d.values() if isinstance(t, tuple) for v in t if isinstance(v, str)):
        return c
    obj = object.__new__(Contact)
    for name, value in d.items():
        if isinstance(value, str):
            value = clean_field(value, multiline=name == "notes")
        elif isinstance(value, tuple):
            value = tuple(clean_field(v) if isinstance(v, str) else v for v in value)
        obj.__dict__[name] = value
    return obj


def write(contacts: list[Contact], version: str = "4.0") -> str:
    if version not in ("3.0", "4.0"):
        raise ValueError(f"vCard {version!r}: Kizuna writes 4.0 or 3.0")
    return "".join(card(_clean(c), version) for c in contacts)
