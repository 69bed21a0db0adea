"""Promises in a capture line: who makes one, and the clause that says what and by when.

A part of :class:`model.capture.parser._Parser` (a mixin; it uses the parser's words,
tokens, people and dates). The forms, as :mod:`model.capture` documents them:

* ``promised X by DATE`` and ``I promised`` / ``we promised``: mine.
* ``they`` / ``he`` / ``she promised``: theirs, from the first person named.
* ``@Sato promised``, ``Sato promised`` (a person already named in the line,
  by a word of their name or reading): theirs, from that person.
  One word such as ``also`` or ``has`` may stand between (``she also promised``).
* ``I'll X by DATE``, ``I will``, ``we will``: mine; ``@Sato will``, ``Sato will``,
  ``he'll``, ``they will``, ``@Sato to X by DATE``: theirs. These softer forms
  are a promise only when ``by DATE`` (or ``due DATE``) follows before the
  sentence ends (``.``, ``;``, ``!``, ``?``, ``:``); otherwise they are text,
  so ``I'll think about it`` stays a note.

``promised`` always makes a promise, so a line that cannot be one is an error:
no due date, a due date before the note's date, a date that does not exist,
or a capitalised name before ``promised`` that nobody on the note has
(``Sato promised`` without ``@Sato``: write ``@Sato promised``).
"""

from __future__ import annotations

import re
from datetime import date
from typing import NamedTuple

from model.actions.dates import DateRuleError, check_due
from model.capture.result import CaptureError, Token
from model.capture.words import (ADVERBS, AT, BY, CONTRACTED, HONORIFICS, ME, NOT_NAMES, PROMISED,
                                 SENTENCE_END, THEY, TO, WILL, Word, folded)
from model.capture.dates import FUTURE, DateWordError, read_date
from model.language.names import fold
from model.records import Contact
from model.language.i18n import N_, _


#: 12/10までに見積を送ると約束(した): a date, まで(に), what, と/を, 約束 (a space may stand before 約束);
#: 約束してくれた is theirs
_JA_PROMISE = re.compile(r"^(?P<date>[^\s]+?)まで(?:に)?[、,]?\s*(?P<what>.+?)(?:ことを|ことに|と|を)?\s*約束(?P<tail>.*)$",
                         re.S)
_JA_THEIRS = ("してくれ", "してもらっ", "された", "をもらっ")
JA_HOW = N_("for a promise write 12/10までに見積を送ると約束 (or: promised 見積 by 12/10)")


class Start(NamedTuple):
    """Where a promise begins: ``first``..``verb`` are its subject and verb words."""

    owner: str  # "me" or "them"
    first: int  # the first word of the promise's own token (after an @ or bare name subject)
    verb: int  # the word that says promise: promised, will, to, I'll
    subject: int | Contact | None  # the index of an @ subject, a person named bare, or None
    subject_end: int  # the index of the last subject word (== first - 1 for @ and bare names)


def _strip_honorific(word: str) -> tuple[str, bool]:
    for h in HONORIFICS:
        if word.endswith(h) and len(word) > len(h):
            return word[:-len(h)], True
    return word, False


class PromiseReader:
    """The promise half of the capture parser."""

    words: list[Word]
    tokens: list[Token]
    people: list[Contact]
    drafts: list[dict]
    hints: list[str]
    line: str
    today: date

    # -- who ------------------------------------------------------------------------

    def _on_note(self, name: str) -> list[Contact]:
        """The people already named in the line whom ``name`` (a bare word or two) means."""
        q = fold(name)
        if not q:
            return []
        return [c for c in self.people
                if any(q == k or q in k.split() for k in folded(c))]

    def _bare(self, i: int, n_words: int, verb: int) -> Contact | None:
        """The person words ``i``..``i+n_words-1`` name, when a promise verb follows them."""
        ws = self.words
        if any(ws[k].trail or ws[k].quoted or ws[k].raw[0] in AT for k in range(i, i + n_words)):
            return None
        name, honoured = _strip_honorific(" ".join(ws[k].core for k in range(i, i + n_words)))
        found = self._on_note(name)
        if len(found) == 1:
            return found[0]
        if len(found) > 1:
            raise CaptureError(_("{name} could be {found} on this note; write @\"Full Name\" {core}").format(
                name=name, found=_(" or ").join(c.name for c in found), core=ws[verb].core), ws[i].start, ws[verb].end)
        looks_named = (honoured or name[:1].isupper()) and n_words == 1 and \
            name.replace("-", "").replace("'", "").replace("’", "").isalpha() and \
            name.casefold() not in NOT_NAMES
        if looks_named and ws[verb].key == PROMISED:
            said = ws[verb].core
            raise CaptureError(_("{name} {said}: {name} is not named on this note; write @{name} {said} (@+{name} "
                                  "{said} for someone new), they {said}, or \\{said} for plain text").format(name=name, said=said),
                               ws[i].start, ws[verb].end)
        return None

    def _verb(self, j: int, adverb_ok: bool, to_ok: bool) -> int | None:
        """The index of a promise verb at ``j`` (or ``j+1`` after an adverb)."""
        ws = self.words
        if j < len(ws) and adverb_ok and ws[j].key in ADVERBS and not ws[j].trail \
                and j + 1 < len(ws) and ws[j + 1].key == PROMISED and not ws[j + 1].trail:
            return j + 1
        if j < len(ws) and not ws[j].trail and (ws[j].key in (PROMISED, WILL) or (to_ok and ws[j].key == TO)):
            return j
        return None

    def promise_start(self, i: int) -> Start | None:
        """If a promise starts at word ``i``: where its subject and verb are."""
        ws = self.words
        w = ws[i]
        if w.trail:
            return None
        if w.key == PROMISED:
            return Start("me", i, i, None, i - 1)
        if w.key in CONTRACTED:
            return Start(CONTRACTED[w.key], i, i, None, i) if self._soft_due(i + 1) else None
        if w.key in ME or w.key in THEY:
            verb = self._verb(i + 1, True, False)
            owner = "me" if w.key in ME else "them"
            if verb is None:
                return None
            return self._checked(Start(owner, i, verb, None, i))
        if w.raw[0] in AT:
            verb = self._verb(i + 1, True, True)
            return None if verb is None else self._checked(Start("them", i + 1, verb, i, i))
        for n_words in (2, 1):
            verb = self._verb(i + n_words, True, True)
            if verb is not None and i + n_words <= len(ws):
                person = self._bare(i, n_words, verb)
                if person is not None:
                    return self._checked(Start("them", i + n_words, verb, person, i + n_words - 1))
        return None

    def _checked(self, start: Start) -> Start | None:
        """``start`` if it is a promise: ``promised`` always, ``will``/``to`` with a due date."""
        if self.words[start.verb].key == PROMISED or self._soft_due(start.verb + 1):
            return start
        return None

    def _soft_due(self, j: int) -> bool:
        """Whether ``by DATE`` / ``due DATE`` comes at or after word ``j`` before the sentence ends."""
        ws = self.words
        while j < len(ws):
            w = ws[j]
            if w.key in (PROMISED, WILL) or w.key in CONTRACTED:
                return False  # another promise starts first
            if w.key in BY and not w.trail and j + 1 < len(ws):
                for used in (2, 1):
                    if j + used < len(ws) and (used == 1 or not ws[j + 1].trail):
                        try:
                            if read_date([x.core for x in ws[j + 1:j + 1 + used]], self.today, FUTURE):
                                return True
                        except DateWordError:
                            return True  # a promise with a bad date: reported when it is read
            if any(c in SENTENCE_END for c in w.trail):
                return False
            j += 1
        return False

    def _check_due(self, due, base, start: int, end: int) -> None:
        """The one rule for due dates (:mod:`model.actions.dates`), and not before the note."""
        if due < base:
            raise CaptureError(_("due {due} is before the note's date {date}").format(
                due=due.isoformat(), date=base.isoformat()), start, end)
        try:
            check_due(due, self.today)
        except DateRuleError as exc:
            raise CaptureError(str(exc), start, end) from None

    # -- 約束 ------------------------------------------------------------------------------

    def ja_promise(self, i: int) -> int:
        """``12/10までに見積を送ると約束``: my promise (theirs with 約束してくれた); words used.

        A word with 約束 that does not read as one stays text, and the preview says how
        to write it, so a promise is never lost without a word.
        """
        ws = self.words
        if "まで" not in ws[i].raw:
            if "約束" in ws[i].raw and not any(_(JA_HOW) in h for h in self.hints):
                self.hints.append(_("'{core}' was kept as text: {how}").format(core=ws[i].core, how=_(JA_HOW)))
            return 0
        k = i
        while "約束" not in ws[k].raw:
            if k - i >= 5 or k + 1 >= len(ws) or any(c in SENTENCE_END for c in ws[k].trail):
                return 0
            k += 1
        start = ws[i].start
        m = _JA_PROMISE.match(self.line[start:ws[k].end])
        if m is None:
            return 0
        base = self.when[0] if self.when else self.today
        try:
            due = read_date([m["date"]], base, FUTURE)
        except DateWordError:
            due = None
        if due is None:
            self.hints.append(_("'{date}' before まで is not a date I can read, so this stays text: {how}").format(
                date=m["date"], how=_(JA_HOW)))
            return 0
        self._check_due(due, base, start, start + m.end("date"))
        n = len(self.drafts)
        owner = "them" if m["tail"].startswith(_JA_THEIRS) else "me"
        what = " ".join(m["what"].split())
        self.tokens.append(Token("due", start, start + m.start("what"), due.isoformat(), None, n))
        self.tokens.append(Token("text", start + m.start("what"), start + m.end("what"), what, what, n))
        self.tokens.append(Token("promise", start + m.end("what"), ws[k].end, owner, None, n))
        self.drafts.append({"owner": owner, "who": None, "start": start, "end": ws[k].end,
                            "text": what, "due": due})
        return k - i + 1

    # -- what and by when ---------------------------------------------------------------

    def promise(self, i: int, start: Start) -> int:
        """Read a promise clause starting at word ``i``; return the next word's index."""
        ws, k = self.words, len(self.drafts)
        verb_word = ws[start.verb]
        draft = {"owner": start.owner, "who": None, "start": ws[i].start}
        if isinstance(start.subject, int):
            tok = self.mention(ws[start.subject], None, False)
            if tok is None:
                return i  # an @ that is not a name: not a promise after all
            draft["who"] = tok.value
        elif isinstance(start.subject, Contact):
            self.tokens.append(Token("person", ws[i].start, ws[start.subject_end].end, start.subject.id))
            draft["who"] = start.subject.id
        i = start.first  # errors point at the promise's own words
        self.tokens.append(Token("promise", ws[start.first].start, verb_word.end, start.owner, None, k))
        j = start.verb + 1
        if start.owner == "me" and j < len(ws) and ws[j].raw[0] in AT:
            tok = self.mention(ws[j], k, False)
            if tok is not None:
                draft["who"] = tok.value
                j += 1
        body_start = len(self.tokens)
        base = self.when[0] if self.when else self.today
        while j < len(ws):
            w = ws[j]
            if w.key in BY and not w.trail:
                if j + 1 == len(ws):
                    raise CaptureError(_("'{raw}' needs a date after it, like {raw} fri or {raw} 12/5").format(raw=w.raw),
                                       w.start, w.end)
                found = self.date_at(j + 1, base, FUTURE)
                if found:
                    due, used = found
                    last = ws[j + used]
                    end = last.start + len(last.core)  # 'by 12/15, then': the comma ends the clause
                    self._check_due(due, base, w.start, end)
                    self.tokens.append(Token("due", w.start, end, due.isoformat(), None, k))
                    if last.trail:
                        self.tokens.append(Token("text", end, last.end, last.trail, None, k))
                    draft.update(due=due, end=end)
                    break
            if not self.sigil(w, k, True):
                self.tokens.append(Token("text", w.start, w.end, w.raw, w.raw, k))
            j += 1
        else:
            raise CaptureError(_("a promise needs a due date: add 'by fri', 'by 12/5' or 'by +1w' (or write "
                                  "\\{core} to keep the word as text)").format(core=verb_word.core),
                               ws[i].start, len(self.line))
        draft["text"] = self.join_text(self.tokens[body_start:], k)
        if not draft["text"]:
            said = verb_word.core if verb_word.key in (PROMISED, WILL, TO) else "will"
            raise CaptureError(_("{said} what? write '{said} X by DATE'").format(said=said), ws[i].start, draft["end"])
        self.drafts.append(draft)
        return j + used + 1
