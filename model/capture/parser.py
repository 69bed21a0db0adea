"""One-line capture: a note, its people, kind, date, tags, scope and promises.

    @Tanaka lunch yesterday !deep: talked hiring #採用 promised an intro to Sato by fri
    met @Tanaka for lunch yesterday
    call with @Sato on tue: pricing; @Sato will send the deck by 12/5

The grammar (README "Quick capture grammar" is the user's version):

* ``@Name`` / ``@"Sato Ken"`` / ``@佐藤`` — people, matched by name or reading
  (:func:`model.language.names.matches`); a name nobody has is an :class:`UnknownNameError`
  offering the closest people (:func:`model.language.names.closest`), and ``@+Name`` is a new
  contact in the ``network`` tier; a name that fits several people is an error listing them.
* ``on 2026-06-18`` / ``on nov 3`` anywhere dates an undated note; ``12/10までに見積を
  送ると約束`` is a promise; what is not read (a past date word in the text, a 約束)
  is said in :attr:`Capture.hints`.
* ``#tag`` — a tag, in any script; tags are taken out of the note text.
* ``!word`` — anywhere: a kind (``!call``, ``!lunch``), ``!deep`` (a deep
  conversation; nothing else is deep), ``!private`` / ``!confidential``.
* The *header*: the words before the note text proper may also be bare kind
  words (``lunch``, ``call``, ``met``), ``deep``, ``private``/``confidential``
  and one date (``yesterday``, ``last fri``, ``11/20``), in any order, joined
  by ``with``/``and`` before a person, small words before a kind or date
  (``for lunch``, ``had a call``, ``over coffee``, ``on tue``) and a place
  (``at the expo yesterday``, ``at Sushi Dai with @Oda``; kept as text).
  :mod:`model.capture.header` has the details. The note text proper starts
  at the first word that is none of these, or after a colon on a header word
  (``lunch:``, ``@Tanaka:``). From there on these words are ordinary text:
  ``talked about the call center`` and ``promised the deck by fri`` mean what
  they meant before. A small word counts only before a kind or date that
  ends a phrase (end of line, comma, colon, or another header word), so
  ``for a call center visit`` stays text; a date after a small word or a
  place counts only if it is not in the future (``in Osaka next week``
  stays text). ``met``/``meet``/``caught up`` only
  say that we met: another kind word in the header wins (``met @Tanaka for
  lunch`` is a meal); two other kinds are still an error.
* Promises (:mod:`model.capture.promises`): ``promised X by DATE`` (mine, to
  the first person named, or ``promised @Name X by DATE``), ``I'll``/``I will``/
  ``we will X by DATE`` (mine), ``they``/``he``/``she promised``, ``@Name promised``,
  ``Name promised`` (a person named earlier in the line), ``@Name will``/``@Name to
  X by DATE`` (theirs). ``due DATE`` works like ``by DATE``. Due dates count
  from the note's date and lean forward (``fri`` is the next Friday).
  ``promised`` with no due date is an error; ``will``/``to`` without a due date
  before the sentence ends is just text.
* ``\\word`` takes a word literally (``\\promised``, ``\\call``).

Nothing typed is dropped: :func:`parse` splits the line into :class:`Token`
spans that cover every non-space character; each is a recognised piece or
note text. A line it cannot read fully raises :class:`CaptureError` with the
character span of the offending part.

:func:`parse` runs on every keystroke in the app: it walks the words once
(header words look one phrase ahead), and the folded names of the contacts
are built once per list of contacts and reused while the same records are
passed in again (:class:`model.capture.words.NameIndex`).
"""

from __future__ import annotations

import dataclasses
import difflib
import unicodedata
from datetime import date

from model.capture.header import HeaderReader
from model.capture.promises import PromiseReader
from model.capture.result import (AmbiguousNameError, Capture, CaptureError, PromiseDraft, Token,
                                  UnknownNameError)
from model.capture.words import (AT, BANG, CJK, CJK_STOPS, HASH, HONORIFICS, JOINERS, KEYWORDS, LINKS, NEW, TRAIL,
                                 WEAK_KINDS, NameIndex, Word, split_words)
from model.capture.dates import DateWordError, explicit_date, past_word, read_date
from model.language.names import describe, fold, matches, plain, search_keys
from model.records import Contact, Interaction, Promise

__all__ = ["AmbiguousNameError", "Capture", "CaptureError", "KEYWORDS", "PromiseDraft", "Token",
           "UnknownNameError", "parse", "save"]


class _Parser(HeaderReader, PromiseReader):
    """One parse of one line: walks its words once, left to right, collecting tokens."""

    def __init__(self, line: str, contacts: list[Contact], today: date, allow_new: bool = False) -> None:
        self.line, self.contacts, self.today = line, contacts, today
        self.allow_new = allow_new  # an unknown @Name is someone new (kizuna note --new)
        self.names = NameIndex.of(contacts)
        self.words = split_words(line)
        self.tokens: list[Token] = []
        self.people: list[Contact] = []
        self.new: dict[str, Contact] = {}
        self.fields: dict[str, tuple[str, Word]] = {}
        self.weak_kind = False
        self.when: tuple[date, Word] | None = None
        self.tags: list[str] = []
        self.drafts: list[dict] = []
        self.zone_start: int | None = None  # where header text (a place) first appears
        self.hints: list[str] = []
        self.loose_dates: list[str] = []  # past date words in the note text, left as text
        self.header_end = 0

    # -- people ----------------------------------------------------------------

    def _name_keys(self) -> set[str]:
        return self.names.keys()

    def _matches(self, name: str) -> list[Contact]:
        """:func:`model.language.names.matches` over only the people whose folded names contain
        ``name`` (every kind of match needs that), so a keystroke stays fast with thousands."""
        q = fold(name)
        if not q:
            return []
        return matches(self.names.containing(q), name)

    def _lookup(self, name: str, start: int, end: int) -> Contact | None:
        q = fold(name)
        if "(" in name:
            exact = self.names.described(q)
            if len(exact) == 1:
                return exact[0]
        found = self._matches(name)
        if found and not CJK.search(q):
            keys = search_keys(found[0])
            if not any(k.startswith(q) or q == k.replace(" ", "") or
                       any(w.startswith(q) for w in k.split()) for k in keys):
                found = []  # only inside a longer name ("Li" in "Emily"): someone new
        if len(found) > 1:
            listed = ", ".join(describe(c) for c in found[:6])
            more = f" and {len(found) - 6} more" if len(found) > 6 else ""
            raise AmbiguousNameError(f"@{name} could be {listed}{more}; write more of the name, "
                                     f'or @"Name (Company)"', found, start, end)
        return found[0] if found else None

    def _person(self, name: str, start: int, end: int, new: bool = False) -> Contact:
        """The person ``@name`` means; someone new only when marked (``@+name``) or allowed."""
        person = None if new else self._lookup(name, start, end)
        if person is None:
            name = " ".join(plain(unicodedata.normalize("NFKC", name)).split())
            person = self.new.get(fold(name))
            if person is None:
                if not (new or self.allow_new):
                    raise UnknownNameError(name, self.names.closest(name), start, end)
                person = self.new[fold(name)] = Contact(name=name, tier="network")
        if all(p.id != person.id for p in self.people):
            self.people.append(person)
        return person

    def _split_bare(self, core: str) -> tuple[str, int]:
        """The name in a bare ``@word`` and how many characters of it the mention takes."""
        for h in HONORIFICS:
            if core.endswith(h) and len(core) > len(h):
                return core[:-len(h)], len(core)
        if core.endswith(("'s", "’s")) and len(core) > 2:
            return core[:-2], len(core) - 2
        if CJK.search(core) and fold(core) not in self._name_keys() and not self._matches(core):
            longest = self.names.longest()  # a pasted paragraph stays fast
            for k in range(min(len(core) - 1, longest), 0, -1):
                if fold(core[:k]) in self._name_keys():
                    rest = core[k:]
                    h = next((h for h in HONORIFICS if rest.startswith(h)), "")
                    return core[:k], k + len(h)
            for k in range(1, len(core)):
                h = next((h for h in HONORIFICS if core.startswith(h, k)), "")
                if h and CJK.match(core[k - 1]):
                    return core[:k], k + len(h)
        return core, len(core)

    def mention(self, w: Word, promise: int | None, in_text: bool) -> Token | None:
        """Tokens for an ``@`` word (a glued rest becomes text); ``None`` if it is not one."""
        new = len(w.raw) > 1 and w.raw[1] in NEW
        if w.quoted:
            a, b = w.quoted
            name = self.line[a:b].strip()
            for h in HONORIFICS:
                if name.endswith(h) and len(name) > len(h):
                    name = name[:-len(h)]
            if not name:
                raise CaptureError('@"" needs a name between the quotes', w.start, w.end)
            end = b + 1
            shown = self.line[a:b]
        else:
            core = w.core[2:] if new else w.core[1:]
            if not core or not (core[0].isalpha() or core[0] == "_"):
                return None
            name, used = self._split_bare(core)
            end = w.start + 1 + new + used
            shown = core[:used]
        rest = self.line[end:w.end]
        if rest and not rest.rstrip(TRAIL):
            shown, end, rest = shown + rest, w.end, ""
        person = self._person(name, w.start, end, new)
        tok = Token("person", w.start, end, person.id, shown if in_text else None, promise)
        self.tokens.append(tok)
        if rest:
            self.tokens.append(Token("text", end, w.end, rest, rest, promise))
        return tok

    # -- the other sigils ----------------------------------------------------

    def sigil(self, w: Word, promise: int | None, in_text: bool) -> bool:
        """Handle ``@``, ``#``, ``!`` and ``\\`` words; False for a plain word."""
        c = w.raw[0]
        if c in AT:
            return self.mention(w, promise, in_text) is not None
        if c in HASH:
            tag = unicodedata.normalize("NFKC", w.core[1:]).casefold()
            if not tag or tag[0] in "#" or tag.isdigit():
                return False
            if tag not in self.tags:
                self.tags.append(tag)
            self.tokens.append(Token("tag", w.start, w.end, tag, None, promise))
            return True
        if c in BANG:
            word = w.key[1:]
            if not word or not word[0].isalpha():
                return False
            if word not in KEYWORDS:
                near = difflib.get_close_matches(word, list(KEYWORDS), n=1)
                hint = f"did you mean !{near[0]}? " if near else ""
                raise CaptureError(f"{w.core} is not a marker; {hint}(!deep, !private, !confidential, "
                                   f"a kind like !call; \\{w.core} keeps it as text)", w.start, w.end)
            self.set_field(KEYWORDS[word], w, promise, None, word in WEAK_KINDS)
            return True
        if c == "\\" and len(w.raw) > 1:
            self.tokens.append(Token("text", w.start, w.end, w.raw[1:], w.raw[1:], promise))
            return True
        return False

    def set_field(self, what: tuple[str, str], w: Word, promise: int | None, end: int | None = None,
                  weak: bool = False) -> None:
        """Set a kind, depth or scope; a weak kind (``met``) gives way to a telling one."""
        name, value = what
        old = self.fields.get(name)
        if old and old[0] != value:
            if name == "kind" and weak:
                value = old[0]  # 'met' after 'lunch': still a meal
            elif not (name == "kind" and self.weak_kind):
                raise CaptureError(f"two {name}s: {old[1].core} and {w.core}; keep one", w.start, w.end)
        if not (old and weak and name == "kind"):
            self.fields[name] = (value, w)
            if name == "kind":
                self.weak_kind = weak
        self.tokens.append(Token(name, w.start, w.end if end is None else end, value, None, promise))

    # -- dates -------------------------------------------------------------------

    def date_at(self, i: int, base: date, lean: str) -> tuple[date, int] | None:
        """A date in words ``i`` (and ``i+1``): (date, words used), or None."""
        ws = self.words
        if i + 1 < len(ws) and not ws[i].trail and not ws[i + 1].quoted:
            try:
                found = read_date([ws[i].core, ws[i + 1].core], base, lean)
            except DateWordError as exc:  # 'feb 30'
                raise CaptureError(str(exc), ws[i].start, ws[i + 1].start + len(ws[i + 1].core)) from None
            if found:
                return found, 2
        try:
            found = read_date([ws[i].core], base, lean)
        except DateWordError as exc:
            raise CaptureError(str(exc), ws[i].start, ws[i].end) from None
        return (found, 1) if found else None

    # -- the whole line ----------------------------------------------------------

    def run(self) -> Capture:
        ws, i = self.words, 0
        self.header_end = -1  # where the header ends; -1 while it goes on
        while i < len(ws):
            w = ws[i]
            lead = self.header_end < 0
            start = self.promise_start(i)
            if start:
                nxt = self.promise(i, start)
                if nxt > i:
                    self._end_header(w.start)
                    i = nxt
                    continue
            if lead and w.key in JOINERS and i + 1 < len(ws) and ws[i + 1].raw[0] in AT and not w.trail:
                self.tokens.append(Token("joiner", w.start, w.end, w.raw))
                i += 1
                continue
            if self.sigil(w, None, not lead):
                if ":" in w.trail or "：" in w.trail:
                    self._end_header(w.end)
                i += 1
                continue
            if lead and (used := self.header_word(i)):
                if ":" in ws[i + used - 1].trail or "：" in ws[i + used - 1].trail:
                    self._end_header(ws[i + used - 1].end)
                i += used
                continue
            if (used := self.ja_promise(i)) or (used := self.text_date(i)):
                self._end_header(w.start)
                i += used
                continue
            self._end_header(w.start)
            self.tokens.append(Token("text", w.start, w.end, w.raw, w.raw))
            i += 1
        self._end_header(len(self.line))
        return self.finish()

    def text_date(self, i: int) -> int:
        """``on 2026-06-18`` / ``on nov 3`` in the note text: the note's date, when it has
        none yet and the day is not after today (words used; 0: it stays text). A looser
        date word there (``yesterday``) stays text, and the preview says so."""
        ws = self.words
        w = ws[i]
        if self.when is None and w.key == "on" and not w.trail:
            for used in (2, 1):
                if i + used < len(ws) and (used == 1 or not ws[i + 1].trail):
                    last = ws[i + used]
                    found = explicit_date([x.core for x in ws[i + 1:i + 1 + used]], self.today)
                    if found is None:
                        continue
                    day, later = found
                    shown = self.line[w.start:last.start + len(last.core)]
                    if later:
                        self.hints.append(f"'{shown}' is after today, so it stays in the text "
                                          f"(a note is dated when it happened)")
                        return 0
                    self.when = (day, w)
                    end = last.start + len(last.core)
                    self.tokens.append(Token("date", w.start, end, day.isoformat()))
                    if last.trail:
                        self.tokens.append(Token("text", end, last.end, last.trail, last.trail))
                    return 1 + used
        for used in (2, 1):
            if i + used <= len(ws) and (used == 1 or not w.trail):
                day = past_word([x.core for x in ws[i:i + used]], self.today)
                if day is not None:
                    self.loose_dates.append(self.line[w.start:ws[i + used - 1].start + len(ws[i + used - 1].core)])
                    break
        return 0

    def _end_header(self, at: int) -> None:
        if self.header_end < 0:
            self.header_end = at

    def finish(self) -> Capture:
        if not self.people:
            raise CaptureError('say who it was with: @Name, or @"Full Name" for a name with spaces',
                               0, len(self.line))
        if self.when is None and self.loose_dates:
            said = "', '".join(self.loose_dates)
            self.hints.append(f"'{said}' was left in the text: the note is dated today. To date it, "
                              f"put the date before the text (@Name {self.loose_dates[0]}: ...) "
                              f"or write 'on 12/3'")
        self._drop_links()
        by_id = {p.id: p for p in self.people}
        drafts = [PromiseDraft(d["owner"], d["text"], d["due"], by_id[d["who"]] if d["who"] else self.people[0],
                               d["start"], d["end"]) for d in self.drafts]
        new_ids = {p.id for p in self.new.values()}
        kind = self.fields.get("kind", ("note",))[0]
        tokens = sorted((dataclasses.replace(t, value=kind) if t.role == "kind" else t for t in self.tokens),
                        key=lambda t: t.start)
        return Capture(
            people=self.people, new_people=[p for p in self.people if p.id in new_ids],
            kind=kind, depth=self.fields.get("depth", ("touch",))[0],
            when=self.when[0] if self.when else self.today, text=self.join_text(self.tokens, None),
            tags=self.tags, scope=self.fields.get("scope", ("open",))[0], promises=drafts,
            tokens=tokens, today=self.today, hints=self.hints,
        )

    def _drop_links(self) -> None:
        """An ``and`` standing only between two promises joins them, and goes with them:
        ``promised X by 12/12 and she will send Y by 12/15, then`` leaves ``then``."""
        starts = {d["start"] for d in self.drafts}
        tokens = sorted(self.tokens, key=lambda t: t.start)
        for k in range(1, len(tokens) - 1):
            t = tokens[k]
            if t.role == "text" and t.promise is None and t.value.casefold() in LINKS \
                    and tokens[k - 1].promise is not None and tokens[k + 1].start in starts:
                self.tokens[self.tokens.index(t)] = Token("joiner", t.start, t.end, t.value)

    def join_text(self, tokens: list[Token], promise: int | None) -> str:
        """The text the tokens of one note (``promise=None``) or one promise add up to.

        Header words after a place kept as text leave their punctuation behind
        (``at the expo yesterday: talked`` -> ``at the expo: talked``).
        """
        out: list[str] = []
        prev = None
        skipped, skipped_end = False, -1
        sep = ""
        zone = (self.zone_start, self.header_end) if self.zone_start is not None and promise is None else None
        for t in sorted(tokens, key=lambda t: t.start):
            if t.promise != promise or t.inline is None:
                if t.promise == promise:
                    skipped, skipped_end = True, t.end
                    if zone and zone[0] <= t.start < zone[1]:
                        raw = self.line[t.start:t.end]
                        sep = raw[len(raw.rstrip(TRAIL)):] or sep
                continue
            if out and skipped and t.start == skipped_end and not t.inline.strip(TRAIL):
                pass  # punctuation left behind by a date taken out: 'on 6/18, then' -> ', then'
            elif out and (skipped or prev is None or t.start > prev) and not \
                    (out[-1][-1:] in CJK_STOPS and not sep):
                out.append(sep + " ")  # (none after 。, as it was written: 合意した。次回)
            out.append(t.inline)
            prev, skipped, sep = t.end, False, ""
        return " ".join("".join(out).split()).strip(" ,;:、，：；")


def parse(line: str, contacts: list[Contact], today: date, allow_new: bool = False) -> Capture:
    """Read ``line`` against the people we know; raise CaptureError if it cannot be saved.

    A name nobody has is an :class:`UnknownNameError` offering the closest people,
    unless it is marked new (``@+Name``) or ``allow_new`` says every such name is.
    Pure: reads nothing but its arguments (new people are built, not stored).
    """
    return _Parser(line, contacts, today, allow_new).run()


def save(store, line: str, today: date, allow_new: bool = False) -> Capture:
    """Parse and save ``line`` in one transaction: new people, the note, its promises."""
    with store.transaction():
        cap = parse(line, store.contacts(), today, allow_new)
        for person in cap.new_people:
            store.add(person)
        cap.interaction = store.add(Interaction(
            date=cap.when.isoformat(), contacts=tuple(p.id for p in cap.people), kind=cap.kind,
            depth=cap.depth, text=cap.text, tags=tuple(cap.tags), scope=cap.scope,
        ))
        cap.saved_promises = [store.add(Promise(
            owner=d.owner, contact=d.contact.id, text=d.text, due=d.due.isoformat(),
            interaction=cap.interaction.id,
        )) for d in cap.promises]
    # what was saved, as the records cleaned it (no control characters: model/language/text.py)
    cap.text = cap.interaction.text
    for draft, saved in zip(cap.promises, cap.saved_promises):
        draft.text = saved.text
    return cap
