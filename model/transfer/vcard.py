"""vCard 2.1, 3.0 and 4.0 in: a tolerant reader (writing is in :mod:`.vcard_write`).

Why not vobject: on the fixtures in ``tests/fixtures`` vobject 0.9.9 gave up
on a whole old-phone file because of one broken base64 photo, could not read
a UTF-8 quoted-printable soft break or a fold in the middle of a multi-byte
character (it decodes before unfolding), broke iOS's ``\\r\\r\\n`` folds, read
``FN:Doe, Jane`` as "Doe", and lost the card after an unclosed one. Real
exports do all of this, and losing one card is losing a person, so this
module reads bytes the way phones write them:

* lines end in CRLF, LF, CR or iOS's ``\\r\\r\\n``; a card is found by
  ``BEGIN:VCARD``/``END:VCARD`` in any case, and an unclosed card ends at the
  next ``BEGIN``; the last line may have no line end;
* folds are joined **as bytes**, before decoding, so a fold inside a UTF-8
  character or a quoted-printable escape is harmless; QUOTED-PRINTABLE soft
  breaks (a line ending in ``=``) are joined the same way;
* each value is decoded with its own ``CHARSET`` (Shift_JIS is read as
  cp932, which old Japanese phones really wrote), else UTF-8, else cp932;
* 2.1's bare parameters (``TEL;CELL;PREF``) are types or encodings;
* binary values (photos, logos, keys) are never decoded, so a broken one
  cannot cost anything; each card is read on its own, and one that still
  fails is reported by line and skipped.
"""

from __future__ import annotations

import binascii
import codecs
import re
import unicodedata
from datetime import date

from model.transfer.common import PersonDraft, Problem, Progress, clean_tag, full_name, legacy_charset
from model.transfer.vcard_write import KIZUNA_FIELDS as _KIZUNA_FIELDS
from model.transfer.vcard_write import card, fold, write  # noqa: F401  (vcard.write, vcard.card)
from model.language.i18n import _

_BREAK = re.compile(rb"\r*\n|\r")
_ENCODINGS = {"QUOTED-PRINTABLE", "BASE64", "B", "8BIT", "7BIT"}
_BINARY = {"PHOTO", "LOGO", "KEY", "SOUND"}
_CHARSETS = {"shift_jis": "cp932", "shift-jis": "cp932", "sjis": "cp932", "x-sjis": "cp932",
             "ms932": "cp932", "windows-31j": "cp932"}
_UNESCAPE = {"n": "\n", "N": "\n", ",": ",", ";": ";", "\\": "\\", ":": ":"}


class NotVCard(ValueError):
    """The file holds no card at all."""


# -- bytes to logical lines -------------------------------------------------------------


def _qp_open(line: bytes | bytearray) -> bool:
    """Does this line end in a quoted-printable soft line break?"""
    if not line.endswith(b"="):
        return False
    head = bytes(line).split(b":", 1)[0].upper()
    return b"QUOTED-PRINTABLE" in head


def logical_lines(raw: bytes) -> list[tuple[int, bytes]]:
    """``(line number, bytes)`` of each unfolded content line, blank lines dropped."""
    if raw.startswith(codecs.BOM_UTF8):
        raw = raw[3:]
    elif raw[:2] in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
        raw = raw.decode("utf-16", errors="replace").encode("utf-8")
    out: list[list] = []
    v21 = False  # 2.1 folds before a space that belongs to the value; 3.0 and 4.0 add one
    for no, line in enumerate(_BREAK.split(raw), 1):
        if out and _qp_open(out[-1][1]):
            out[-1][1] = out[-1][1][:-1] + (line[1:] if line[:1] in (b" ", b"\t") else line)
        elif out and line[:1] in (b" ", b"\t"):
            out[-1][1] += line if v21 else line[1:]
        elif line.strip():
            word = line.strip().upper()
            if word == b"BEGIN:VCARD":
                v21 = False
            elif word == b"VERSION:2.1":
                v21 = True
            out.append([no, bytearray(line)])
    return [(no, bytes(b)) for no, b in out]


# -- one content line -------------------------------------------------------------------


def _split_outside_quotes(text: str, sep: str) -> list[str]:
    parts: list[str] = []
    buf: list[str] = []
    quoted = False
    for ch in text:
        if ch == '"':
            quoted = not quoted
        elif ch == sep and not quoted:
            parts.append("".join(buf))
            buf = []
            continue
        buf.append(ch)
    parts.append("".join(buf))
    return parts


def parse_line(line: bytes) -> tuple[str, dict[str, str], bytes] | None:
    """``(NAME, params, raw value)``; params upper-cased keys, quotes removed. None if no colon."""
    quoted = False
    for i, b in enumerate(line):
        if b == 0x22:
            quoted = not quoted
        elif b == 0x3A and not quoted:
            break
    else:
        return None
    head = line[:i].decode("utf-8", errors="replace")
    value = line[i + 1:]
    pieces = _split_outside_quotes(head, ";")
    name = pieces[0].strip().rsplit(".", 1)[-1].upper()  # drop a group: item1.EMAIL
    params: dict[str, str] = {}
    for p in pieces[1:]:
        key, eq, val = p.partition("=")
        key = key.strip().upper()
        if not eq:  # vCard 2.1's bare parameter
            key, val = ("ENCODING" if key in _ENCODINGS else "TYPE"), key
        val = val.strip().replace('"', "")
        params[key] = f"{params[key]},{val}" if key in params else val
    return name, params, value


def _decode(value: bytes, charset: str | None, fallback: str) -> str:
    """A value in its declared charset, else UTF-8, else the file's legacy charset."""
    if charset:
        enc = _CHARSETS.get(charset.strip().lower(), charset.strip())
        try:
            return value.decode(enc)
        except (LookupError, UnicodeDecodeError):
            pass
    try:
        return value.decode("utf-8")
    except UnicodeDecodeError:
        return value.decode(fallback, errors="replace")


def _text(params: dict[str, str], value: bytes, fallback: str = "cp1252") -> str:
    if "QUOTED-PRINTABLE" in params.get("ENCODING", "").upper():
        value = binascii.a2b_qp(value)
    return _decode(value, params.get("CHARSET"), fallback)


def _unescape(text: str) -> str:
    out, i = [], 0
    while i < len(text):
        ch = text[i]
        if ch == "\\" and i + 1 < len(text) and text[i + 1] in _UNESCAPE:
            out.append(_UNESCAPE[text[i + 1]])
            i += 2
            continue
        out.append(ch)
        i += 1
    return "".join(out)


def _split(text: str, sep: str) -> list[str]:
    """Split on ``sep`` where it is not escaped, then unescape each part."""
    parts, buf, i = [], [], 0
    while i < len(text):
        ch = text[i]
        if ch == "\\" and i + 1 < len(text):
            buf.append(text[i:i + 2])
            i += 2
            continue
        if ch == sep:
            parts.append("".join(buf))
            buf = []
        else:
            buf.append(ch)
        i += 1
    parts.append("".join(buf))
    return [_unescape(p).strip() for p in parts]


def parse_bday(text: str, params: dict[str, str]) -> str | None:
    """A birthday as ``YYYY-MM-DD`` or ``--MM-DD``, or None if it is not a date."""
    if params.get("VALUE", "").lower() == "text":
        return None
    t = text.strip()
    m = re.match(r"^(\d{4})-?(\d{2})-?(\d{2})(?:T[\d:]*(?:Z|[+-][\d:]+)?)?$", t)
    no_year = False
    if m:
        year, month, day = m.groups()
        no_year = year == "1604" or params.get("X-APPLE-OMIT-YEAR") == year
    else:
        m = re.match(r"^--(\d{2})-?(\d{2})$", t)
        if not m:
            return None
        (month, day), year, no_year = m.groups(), "2000", True
    try:
        date(2000 if no_year else int(year), int(month), int(day))
    except ValueError:
        return None
    return f"--{month}-{day}" if no_year else f"{year}-{month}-{day}"


# -- one card ---------------------------------------------------------------------------


def card_to_draft(start: int, lines: list[tuple[int, bytes]], problems: list[Problem],
                  fallback: str = "cp1252") -> PersonDraft:
    """Read one card's content lines into a draft; odd lines become problems."""
    d = PersonDraft(where=f"line {start}")
    fn = nickname = org_name = ""
    n: list[str] = []
    sort_as: list[str] = []
    phonetic: dict[str, str] = {}
    notes: list[str] = []
    last_binary = False
    for no, line in lines:
        parsed = parse_line(line)
        if parsed is None:
            if not last_binary:  # a broken photo's stray lines are no loss
                problems.append(Problem(f"line {no}", _("not a vCard property (no ':'); ignored")))
            continue
        name, params, raw = parsed
        last_binary = name in _BINARY and "X-IRMC-N" not in params.get("TYPE", "").upper()
        if last_binary or params.get("ENCODING", "").upper() in ("B", "BASE64"):
            continue
        text = _text(params, raw, fallback)
        if name == "FN":
            fn = fn or _unescape(text).strip()
        elif name == "N":
            n = _split(text, ";")
            if params.get("SORT-AS"):
                sort_as = [s.strip() for s in params["SORT-AS"].split(",")]
        elif name == "SOUND" or name == "SORT-STRING":
            sort_as = sort_as or (_split(text, ";") if name == "SOUND" else [_unescape(text)])
        elif name.startswith("X-PHONETIC-") and name.endswith("-NAME"):
            phonetic[name[11:-5]] = _unescape(text).strip()
        elif name == "NICKNAME":
            nickname = nickname or _split(text, ",")[0]
        elif name == "ORG":
            org_name = org_name or _split(text, ";")[0]
        elif name in ("TITLE", "ROLE"):
            d.title = d.title or _unescape(text).strip()
        elif name == "EMAIL":
            d.emails.append(re.sub(r"(?i)^mailto:", "", text.strip()))
        elif name == "TEL":
            d.phones.append(re.sub(r"(?i)^tel:", "", text.strip()))
        elif name in ("URL", "X-SOCIALPROFILE"):
            d.links.append(_unescape(text).strip())
        elif name == "CATEGORIES":
            d.tags.extend(t for t in (clean_tag(c) for c in _split(text, ",")) if t)
        elif name == "NOTE":
            notes.append(_unescape(text).strip())
        elif name == "BDAY":
            day = parse_bday(text, params)
            if day:
                d.birthday = day
            elif text.strip():
                notes.append(f"Birthday: {text.strip()}")
                if params.get("VALUE", "").lower() != "text":
                    problems.append(Problem(f"line {no}", _("BDAY {text!r} is not a date; kept in the notes").format(
                        text=text.strip())))
        elif name in _KIZUNA_FIELDS:
            setattr(d, _KIZUNA_FIELDS[name], _unescape(text).strip())
    n += [""] * (5 - len(n))
    d.name = fn or full_name(n[1], n[0], n[2]) or nickname or org_name
    d.company = org_name
    if phonetic:
        reading = full_name(phonetic.get("FIRST", ""), phonetic.get("LAST", ""), phonetic.get("MIDDLE", ""))
    elif len(sort_as) > 1:
        reading = full_name(sort_as[1], sort_as[0])
    else:
        reading = " ".join(s for s in sort_as if s)
    d.reading = unicodedata.normalize("NFKC", reading).strip()
    d.notes = "\n".join(x for x in notes if x)
    return d


def read(raw: bytes, progress: Progress | None = None) -> tuple[list[PersonDraft], list[Problem]]:
    """Every card in ``raw``; unreadable parts are problems, never exceptions."""
    lines = logical_lines(raw)
    drafts: list[PersonDraft] = []
    problems: list[Problem] = []
    cards: list[tuple[int, list[tuple[int, bytes]]]] = []
    current: list[tuple[int, bytes]] | None = None
    start = 0
    for no, line in lines:
        word = line.strip().upper()
        if word == b"BEGIN:VCARD":
            if current is not None:
                problems.append(Problem(f"line {start}", _("card has no END:VCARD; read up to line {no}").format(
                    no=no - 1)))
                cards.append((start, current))
            current, start = [], no
        elif word == b"END:VCARD":
            if current is None:
                problems.append(Problem(f"line {no}", _("END:VCARD without BEGIN:VCARD; ignored")))
            else:
                cards.append((start, current))
                current = None
        elif current is not None:
            current.append((no, line))
    if current is not None:
        problems.append(Problem(f"line {start}", _("the last card has no END:VCARD; read to the end")))
        cards.append((start, current))
    if not cards:
        raise NotVCard("no BEGIN:VCARD found: this is not a vCard file")
    try:
        raw.decode("utf-8")
        fallback = "cp1252"  # only a value with a wrong CHARSET can need it
    except UnicodeDecodeError:
        fallback = legacy_charset(raw)
    for i, (start, body) in enumerate(cards):
        if progress and i % 200 == 0:
            progress(i, len(cards))
        try:
            drafts.append(card_to_draft(start, body, problems, fallback))
        except Exception as exc:  # one card must never cost the others
            problems.append(Problem(f"line {start}", _("could not read this card ({exc}); skipped").format(exc=exc)))
    problems.sort(key=lambda p: int(p.where.split()[-1]))
    return drafts, problems
