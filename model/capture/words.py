"""The capture grammar's words: keywords, honorifics, quotes, and splitting a line into words.

Kept apart from :mod:`model.capture` (the parser) so the vocabulary reads in one place.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

from model.capture.result import CaptureError
from model.language.i18n import _
from model.language.names import describe, fold, search_keys
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
                 "confidential": ("scope", "confidential"), "conf": ("scope", "confidential"),
                 "深い": ("depth", "deep"), "非公開": ("scope", "private"), "機密": ("scope", "confidential")})
#: two-word lead phrases
PHRASES = {"help given": "help given", "help received": "help received", "got help": "help received",
           "value shared": "value shared", "intro made": "intro made",
           "caught up": "meeting"}
#: kind words that say only that we met: a more telling kind in the header wins without a
#: conflict (``met @Tanaka for lunch`` is a meal)
WEAK_KINDS = {"met", "meet", "caught up", "catch-up", "catchup"}
KEYWORDS.update({"catch-up": ("kind", "meeting"), "catchup": ("kind", "meeting")})

HONORIFICS = ("さん", "さま", "様", "氏", "くん", "君", "ちゃん", "先生", "-san", "-sama", "-sensei")
AT, HASH, BANG = "@＠", "#＃", "!！"
#: after ``@``: this name is a new person (``@+Tanka``), never a typo of someone known
NEW = "+＋"
QUOTES = {'"': '"”＂', "“": '”"', "＂": '＂"', "「": "」", "『": "』"}
TRAIL = ",.:;!?)]}、。，．：；！？）」』"
#: full-width sentence ends, written with no space after them
CJK_STOPS = "。！？"
#: a word between two promises that only joins them (``... by 12/12 and she will ...``)
LINKS = {"and", "&", "but", "also", "while", "and,", "そして"}
JOINERS = {"with", "and", "&", "w/", "と"}
#: header words that lead to a kind (``for lunch``, ``had a call``, ``over the phone``);
#: ``by``/``via`` only to a call or a message (``by phone``, ``via zoom``)
GLUE_KIND = {"for", "over", "had", "grabbed", "on", "in", "at", "via", "by", "during"}
GLUE_MEDIA = {"by", "via"}
MEDIA_KINDS = {"call", "message"}
#: header words that lead to a date (``on tue``)
GLUE_DATE = {"on"}
ARTICLES = {"a", "an", "the"}
#: a place in the header (``at the expo``, ``in Osaka``): kept as note text
PLACE = {"at", "in"}
PROMISED = "promised"
#: words that say a promise is coming when a subject stands before them (``@Sato will ...``)
WILL, TO = "will", "to"
ME = {"i", "we"}
THEY = {"they", "he", "she"}
#: contractions that are subject and ``will`` in one word
CONTRACTED = {f"{who}{ap}ll": ("me" if who in ME else "them")
              for who in ("i", "we", "they", "he", "she") for ap in ("'", "’")}
#: a word that may stand between a subject and ``promised`` (``she also promised``)
ADVERBS = {"also", "has", "have", "had", "already", "just", "then", "both", "all", "kindly",
           "finally", "again", "actually"}
#: capitalised words before ``promised`` that are not anybody's name
NOT_NAMES = ADVERBS | ME | THEY | {"and", "but", "so", "or", "it", "who", "that", "which", "this",
                                   "you", "everyone", "everybody", "someone", "somebody", "nobody",
                                   "no", "one", "yes", "ok", "later", "eventually", "never"}
BY = {"by", "due"}
#: what ends a sentence: a ``will``/``to`` promise must find its ``by DATE`` before one
SENTENCE_END = ".;!?。；！？:："
CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff\uff66-\uff9f]")


@functools.lru_cache(maxsize=65_536)
def folded(c: Contact) -> tuple[str, ...]:
    """``c``'s name and reading as :func:`model.language.names.fold` compares them (also without
    spaces), remembered per record: records are frozen, so the keys never go stale."""
    keys = search_keys(c)  # name, reading (stored or guessed), the reading in romaji
    return keys + tuple(k.replace(" ", "") for k in keys if " " in k)


class NameIndex:
    """The folded names of one list of contacts, each part built when first needed (cached_property).

    The app parses the same contacts on every keystroke, so the last one is kept
    (:meth:`of`) and reused while the same record objects come in again (records
    are frozen, and the kept list holds them, so their ids stay theirs).
    """

    _last: NameIndex | None = None

    def __init__(self, contacts: list[Contact], ids: tuple[int, ...]) -> None:
        self.contacts, self.ids = list(contacts), ids
        self._containing: dict[str, list[tuple[Contact, str]]] = {}
        self._closest: dict[str, list[Contact]] = {}

    @classmethod
    def of(cls, contacts: list[Contact]) -> NameIndex:
        ids = tuple(map(id, contacts))
        last = cls._last
        if last is not None and last.ids == ids:
            return last
        cls._last = names = cls(contacts, ids)
        return names

    @functools.cached_property
    def _keys(self) -> set[str]:
        return {k for c in self.contacts for k in folded(c)}

    @functools.cached_property
    def _longest(self) -> int:
        return max(map(len, self._keys), default=0)

    @functools.cached_property
    def _hay(self) -> list[tuple[Contact, str]]:
        return [(c, "\0".join(folded(c))) for c in self.contacts]

    @functools.cached_property
    def _fuzzy(self) -> list[tuple[str, Contact]]:
        from model.language.names import fuzzy_table

        return fuzzy_table(self.contacts)

    @functools.cached_property
    def _described(self) -> dict[str, list[Contact]]:
        table: dict[str, list[Contact]] = {}
        for c in self.contacts:
            table.setdefault(fold(describe(c, plain=True)), []).append(c)
        return table

    def keys(self) -> set[str]:
        return self._keys

    def longest(self) -> int:
        return self._longest

    def containing(self, q: str) -> list[Contact]:
        """The people whose folded name or reading contains ``q`` (folded).

        Remembered per ``q``; ``q`` one character longer than one already asked
        (the next keystroke of a name) is looked for among that one's people only.
        """
        found = self._containing.get(q)
        if found is None:
            pool = self._containing.get(q[:-1], self._hay)  # the last keystroke's people, or all
            if len(self._containing) > 1000:
                self._containing.clear()
            found = self._containing[q] = [(c, hay) for c, hay in pool if q in hay]
        return [c for c, _ in found]

    def closest(self, name: str) -> list[Contact]:
        """The people closest to a name nobody has (:func:`model.language.names.closest`), remembered:
        the preview asks again on every keystroke after the name."""
        from model.language.names import closest

        q = fold(name)
        if q not in self._closest:
            if len(self._closest) > 200:
                self._closest.clear()
            self._closest[q] = closest(self.contacts, name, table=self._fuzzy)
        return self._closest[q]

    def described(self, q: str) -> list[Contact]:
        """The people whose ``Name (Company)`` folds to ``q``."""
        return self._described.get(q, [])


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
        q = i + 2 if line[i] in AT and line[i + 1:i + 2] in tuple(NEW) else i + 1
        if line[i] in AT and q < n and line[q] in QUOTES:
            close = QUOTES[line[q]]
            end = next((k for k in range(q + 1, n) if line[k] in close), None)
            if end is None:
                shown = " ".join(line[i:i + 12].split())  # one line, whatever was pasted
                raise CaptureError(_("{shown}…: close the quote after the name").format(shown=shown), i, n)
            j, quoted = end, (q + 1, end)
        while j < n and not line[j].isspace():
            j += 1
            # a Japanese sentence end starts a new word: 合意した。I promised ... (a quoted
            # name's own characters are never looked at: j starts at its closing quote)
            if line[j - 1] in CJK_STOPS and j - 1 > i and j < n and not line[j].isspace() and line[j] not in TRAIL:
                break
        out.append(Word(i, j, line[i:j], quoted))
        i = j
    return out
