"""Text folded two ways: exactly (:func:`fold_many`, as :func:`model.language.names.fold`
has it) and coarsely (:func:`coarse`: bytes a word's candidates are found in fast, a
superset of the exact matches, each then checked exactly)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

KATA_TO_HIRA = {cp: cp - 0x60 for cp in range(0x30A1, 0x30F7)}

#: continuation bytes of UTF-8 folded so a katakana and its hiragana (3 bytes each, which
#: differ in the 2nd byte's low bits and the 3rd byte's 0x20 bit) become the same bytes.
#: ASCII and lead bytes are kept, so a match still starts on a character; other
#: characters may collide too: a coarse match is only a candidate, checked exactly.
KANA_BYTES = bytes(
    b if b < 0x80 or b > 0xBF else (0x81 if (b & ~0x20) in (0x82, 0x83) else b & ~0x20)
    for b in range(256))
WIDE = re.compile(rb"\xef[\xbc-\xbf]")  # full- and half-width forms (U+FF00-U+FFFF)
#: ASCII lower case and :data:`KANA_BYTES` in one table: one pass over the bytes, not two
_LOWER_KANA = bytes(KANA_BYTES[b | 0x20 if 0x41 <= b <= 0x5A else b] for b in range(256))


def coarse(data: bytes | str, *, nfkc: bool | None = None, kana: bool = True) -> bytes:
    """Bytes to find candidates in fast: NFKC (when width forms are there), ASCII lower
    case, kana folded by bytes (:data:`KANA_BYTES`). Line breaks stay where they were.
    ``kana=False`` is for an ASCII needle: the kana folding keeps ASCII bytes and makes
    no others ASCII, so it would find the same lines."""
    if isinstance(data, str):
        data = data.encode("utf-8", "replace")
    if nfkc is None:  # (b"\xef" is rare in text: a quick look before the pattern)
        nfkc = b"\xef" in data and WIDE.search(data) is not None
    if nfkc:
        data = unicodedata.normalize("NFKC", data.decode("utf-8", "replace")).encode("utf-8", "replace")
    return data.translate(_LOWER_KANA) if kana else data.lower()


def fold_many(texts: Iterable[str]) -> list[str]:
    """:func:`model.language.names.fold` of many short texts, as one string (far faster than one by one)."""
    joined = "\n".join(t.replace("\n", " ").replace("\r", " ") for t in texts)
    folded = unicodedata.normalize("NFKC", joined).casefold().translate(KATA_TO_HIRA)
    return [" ".join(x.split()) for x in folded.split("\n")] if joined else []
