"""The capture grammar's words: keywords, honorifics, quotes, and splitting a line into words.

Kept apart from :mod:`model.capture` (the parser) so the vocabulary reads in one place.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from model.capture_result import CaptureError
from model.names import fold
from model.records import Contact

#: bare lead words and ``!words``: folded word -> (field, value)
KEYWORDS: dict[str, tuple[str, str]] = {}
for _kind, _aliases in {
    "meeting": "meeting meet met mtg 1on1 ミーティング 打ち合わせ 会議 面談",
    "call": "call called phone video zoom 電話",
    "message": "message msg messaged email emailed mail dm chat メール メッセージ",
    "meal": "meal lunch dinner breakfast coffee drinks tea ランチ 食事 会食 夕食 飲み コーヒー",
    "event": "event conference seminar party meetup イベント 懇親会 セミナー",
    "intro made": "intro introduced introduction intro-made 紹介",
    "help given": "helped help-given",
    "help received": "help-received got-help",
    "value shared": "shared share value value-shared",
    "note": "note",
}.items():
    for _w in _aliases.split():
        KEYWORDS[_w] = ("kind", _kind)
KEYWORDS.update({"deep": ("depth", "deep"), "private": ("scope", "private"),
                 "confidential": ("scope", "confidential"), "conf": ("scope", "confidential")})
#: two-word lead phrases
PHRASES = {"help given": "help given", "help received": "help received", "got help": "help received",
           "value shared": "value shared", "intro made": "intro made"}

HONORIFICS = ("さん", "さま", "様", "氏", "くん", "君", "ちゃん", "先生", "-san", "-sama", "-sensei")
AT, HASH, BANG = "@＠", "#＃", "!！"
QUOTES = {'"': '"”＂', "“": '”"', "＂": '＂"', "「": "」", "『": "』"}
TRAIL = ",.:;!?)]}、。，．：；！？）」』"
JOINERS = {"with", "and", "&", "w/", "と"}
PROMISED = "promised"
THEY = {"they", "he", "she"}
BY = {"by", "due"}
CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff\uff66-\uff9f]")


_FOLD_CACHE: dict[int, tuple[Contact, tuple[str, ...]]] = {}


def folded(c: Contact) -> tuple[str, ...]:
    """``c``'s name and reading as :func:`model.names.fold` compares them (also without
    spaces), remembered per record object: records are frozen, so the keys never go stale."""
    hit = _FOLD_CACHE.get(id(c))
    if hit is not None and hit[0] is c:
        return hit[1]
    keys = tuple(fold(k) for k in (c.name, c.reading) if k)
    keys += tuple(k.replace(" ", "") for k in keys if " " in k)
    if len(_FOLD_CACHE) > 100_000:
        _FOLD_CACHE.clear()
    _FOLD_CACHE[id(c)] = (c, keys)
    return keys


@dataclass
class Word:
    start: int
    end: int
    raw: str
    quoted: tuple[int, int] | None = None  # span of the name inside @"..."

    @property
    def core(self) -> str:
        return self.raw.rstrip(TRAIL) or self.raw

    @property
    def trail(self) -> str:
        return self.raw[len(self.core):]

    @property
    def key(self) -> str:
        return unicodedata.normalize("NFKC", self.core).casefold()


def split_words(line: str) -> list[Word]:
    out: list[Word] = []
    i, n = 0, len(line)
    while i < n:
        if line[i].isspace():
            i += 1
            continue
        quoted = None
        j = i
        if line[i] in AT and i + 1 < n and line[i + 1] in QUOTES:
            close = QUOTES[line[i + 1]]
            j = next((k for k in range(i + 2, n) if line[k] in close), -1)
            if j < 0:
                raise CaptureError(f"{line[i:i + 12]}…: close the quote after the name", i, n)
            quoted = (i + 2, j)
        while j < n and not line[j].isspace():
            j += 1
        out.append(Word(i, j, line[i:j], quoted))
        i = j
    return out
