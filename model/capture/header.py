"""The header of a capture line: the words before the note text proper.

A part of :class:`model.capture.parser._Parser` (a mixin; it uses the parser's words,
tokens and fields). :mod:`model.capture` documents the rule; in short, the
header is read word by word and holds, in any order:

* people, ``#tags``, ``!markers``, ``with``/``and`` before a person;
* kind words and phrases, ``deep``, ``private``/``confidential``;
* one date (``yesterday``, ``last fri``, ``11/20``; ``yesterday's`` before a kind);
* small words that lead to one of these: ``for``/``over``/``had``/``at``/``on``/
  ``in``/``via``/``by`` (and ``a``/``an``/``the``) before a kind (``for lunch``,
  ``had a call``, ``over the phone``), ``on`` before a date (``on tue``). Such a
  word counts only when the kind or date after it ends a phrase: the line
  ends, a comma or colon follows, or another header word does;
  so ``for a call center visit`` stays text;
* a place: ``at``/``in`` and one to three plain words, before a person
  (``at Sushi Dai with @Oda``), a small word (``at the expo for coffee``) or a
  date (``at the expo yesterday``); the place is kept as note text.

A date after a small word or a place counts only if it is not in the future
(``in Osaka next week, wants to meet`` stays text); the bare date words of
the header are read as before, and a future one is an error.

The first word that is none of these starts the note text; so does the word
after a colon (``lunch:``).
"""

from __future__ import annotations

from datetime import date

from model.capture.result import CaptureError, Token
from model.capture.words import (ARTICLES, AT, BANG, GLUE_DATE, GLUE_KIND, GLUE_MEDIA, HASH, JOINERS,
                                 KEYWORDS, MEDIA_KINDS, NEW, PHRASES, PLACE, TRAIL, WEAK_KINDS, Word)
from model.capture.dates import PAST, DateWordError, read_date
from model.language.i18n import _

_GLUE = GLUE_KIND | GLUE_DATE


def _sigil_like(w: Word) -> bool:
    """``@Name``, ``#tag``, ``!marker`` (not a lone ``@``, ``#3`` or ``!!``)."""
    c, rest = w.raw[0], w.core[1:]
    if c in AT:
        rest = rest[1:] if rest[:1] in tuple(NEW) else rest
        return bool(w.quoted) or (rest[:1].isalpha() or rest[:1] == "_")
    if c in HASH:
        return bool(rest) and rest[0] not in "#＃" and not rest.isdigit()
    return c in BANG and rest[:1].isalpha()


class HeaderReader:
    """The header half of the capture parser."""

    words: list[Word]
    tokens: list[Token]
    line: str
    today: date
    when: tuple[date, Word] | None
    zone_start: int | None

    # -- what a word is, without reading it ----------------------------------------------

    def kind_at(self, k: int) -> tuple[tuple[str, str], int, bool] | None:
        """A kind (or marker) word or phrase at ``k``: (field, words used, weak), or None."""
        ws = self.words
        if k + 1 < len(ws) and not ws[k].trail:
            phrase = f"{ws[k].key} {ws[k + 1].key}"
            if phrase in PHRASES:
                return ("kind", PHRASES[phrase]), 2, phrase in WEAK_KINDS
        if ws[k].key in KEYWORDS:
            return KEYWORDS[ws[k].key], 1, ws[k].key in WEAK_KINDS
        return None

    def _date_ahead(self, k: int, past_only: bool = False) -> int:
        """How many words a date at ``k`` takes (0: none); a bad date counts, to be reported.

        With ``past_only``, a date after today is none (``in Osaka next week``
        stays text: only the bare date words of the header are refused as future).
        """
        try:
            found = self.date_at(k, self.today, PAST)
        except CaptureError:
            return 1
        if not found or (past_only and found[0] > self.today):
            return 0
        return found[1]

    def _glued_kind(self, glue: int, k: int) -> tuple[tuple[str, str], int, bool] | None:
        """The kind word or phrase at ``k`` that the small word at ``glue`` leads to."""
        kind = self.kind_at(k)
        if kind is None or kind[0][0] != "kind" or self.words[glue].key not in GLUE_KIND:
            return None
        if self.words[glue].key in GLUE_MEDIA and kind[0][1] not in MEDIA_KINDS:
            return None
        return kind

    def _glue_leads(self, k: int) -> bool:
        ws = self.words
        if ws[k].key not in _GLUE or ws[k].trail or k + 1 >= len(ws):
            return False
        j = k + 2 if ws[k + 1].key in ARTICLES and not ws[k + 1].trail and k + 2 < len(ws) else k + 1
        return self._glued_kind(k, j) is not None or \
            (ws[k].key in GLUE_DATE and j == k + 1 and self._date_ahead(j, True) > 0)

    def starts_header(self, k: int, places: bool = True) -> bool:
        """Whether word ``k`` is a header word (or starts a promise, or a place when ``places``)."""
        ws = self.words
        w = ws[k]
        if _sigil_like(w):
            return True
        if w.key in JOINERS and k + 1 < len(ws) and ws[k + 1].raw[0] in AT:
            return True
        if self.kind_at(k) or self._date_ahead(k) or self._glue_leads(k):
            return True
        if places and self._place_len(k):
            return True
        try:
            return self.promise_start(k) is not None
        except CaptureError:
            return True  # a promise that will be refused when it is read

    def ends_phrase(self, k: int, places: bool = True) -> bool:
        """Whether a header phrase that ends before word ``k`` ends there cleanly."""
        return k >= len(self.words) or bool(self.words[k - 1].trail) or self.starts_header(k, places)

    # -- reading -------------------------------------------------------------------------

    def header_word(self, i: int) -> int:
        """Read a header word (or a few) at ``i``; return the words used (0: the text starts)."""
        kind = self.kind_at(i)
        if kind:
            what, used, weak = kind
            self.set_field(what, self.words[i], None, self.words[i + used - 1].end, weak)
            return used
        found = self.date_at(i, self.today, PAST)
        if found:
            return self.note_date(i, *found)
        return self._possessive_date(i) or self._glue(i) or self._place(i)

    def note_date(self, i: int, day: date, used: int, end: int | None = None) -> int:
        ws = self.words
        last = ws[i + used - 1]
        if self.when:
            raise CaptureError(_("two dates for the note: {first} and {second}; keep one").format(
                first=self.when[1].core, second=self.line[ws[i].start:last.end].rstrip(TRAIL)),
                               ws[i].start, last.end)
        if day > self.today:
            raise CaptureError(_("the note's date {date} is in the future; a note records what happened (for "
                                  "what is due, write 'promised X by DATE')").format(date=day.isoformat()),
                               ws[i].start, last.end)
        self.when = (day, ws[i])
        self.tokens.append(Token("date", ws[i].start, last.end if end is None else end, day.isoformat()))
        return used

    def _possessive_date(self, i: int) -> int:
        """``yesterday's lunch``: a date word with 's, right before a kind word."""
        ws = self.words
        core = ws[i].core
        if ws[i].trail or not core.endswith(("'s", "’s")) or i + 1 >= len(ws) or not self.kind_at(i + 1):
            return 0
        try:
            day = read_date([core[:-2]], self.today, PAST)
        except DateWordError:
            return 0
        return self.note_date(i, day, 1) if day else 0

    def _glue(self, i: int) -> int:
        """``for lunch``, ``had a call``, ``on tue``: the small word, then what it leads to."""
        ws = self.words
        if not self._glue_leads(i):
            return 0
        k = i + 2 if ws[i + 1].key in ARTICLES and not ws[i + 1].trail else i + 1
        kind = self._glued_kind(i, k)
        if kind:
            what, used, weak = kind
            if not self.ends_phrase(k + used):
                return 0
            self._joiners(i, k)
            self.set_field(what, ws[k], None, ws[k + used - 1].end, weak)
            return k + used - i
        found = self.date_at(k, self.today, PAST)
        if not found or found[0] > self.today or not self.ends_phrase(k + found[1]):
            return 0
        self._joiners(i, k)
        return 1 + self.note_date(k, *found)

    def _joiners(self, i: int, k: int) -> None:
        for w in self.words[i:k]:
            self.tokens.append(Token("joiner", w.start, w.end, w.raw))

    def _place_len(self, i: int) -> int:
        """How many words a place at ``i`` takes (``at the expo``), when a header word follows:
        a person (``with @Sato``), a date that is not in the future, or a small word that
        leads to a kind or date (``for coffee``, ``on tue``); 0 if none."""
        ws = self.words
        if ws[i].key not in PLACE or ws[i].trail:
            return 0
        k = i + 1
        while k < len(ws) and k - i <= 3 and not ws[k].trail and ws[k].key not in _GLUE | JOINERS \
                and ws[k].raw[0] != "\\" and not self.starts_header(k, False):
            k += 1
        if k == i + 1 or k >= len(ws):
            return 0
        nxt = ws[k]
        if nxt.key in JOINERS and not nxt.trail and k + 1 < len(ws) and ws[k + 1].raw[0] in AT:
            return k - i
        if self._glue_leads(k):
            return k - i
        used = self._date_ahead(k, True)
        return k - i if used and self.ends_phrase(k + used, False) else 0

    def _place(self, i: int) -> int:
        """``at the expo`` in the header: kept as note text, and the header goes on."""
        used = self._place_len(i)
        for w in self.words[i:i + used]:
            self.tokens.append(Token("text", w.start, w.end, w.raw, w.raw))
        if used and self.zone_start is None:
            self.zone_start = self.words[i].start
        return used
