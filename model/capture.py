"""One-line capture: a note, its people, kind, date, tags, scope and promises.

    @Tanaka lunch yesterday !deep: talked hiring #採用 promised an intro to Sato by fri

The grammar (README "Quick capture grammar" is the user's version):

* ``@Name`` / ``@"Sato Ken"`` / ``@佐藤`` — people, matched by name or reading
  (:func:`model.names.matches`); a name nobody has becomes a new contact in the
  ``network`` tier; a name that fits several people is an error listing them.
* ``#tag`` — a tag, in any script; tags are taken out of the note text.
* ``!word`` — anywhere: a kind (``!call``, ``!lunch``), ``!deep`` (a deep
  conversation; nothing else is deep), ``!private`` / ``!confidential``.
* The *lead*: the words before the note text starts may also be bare kind
  words, ``deep``, ``private``/``confidential`` and one date (``yesterday``,
  ``fri``, ``12/3``, ...). The first other word starts the note text; a
  colon after a lead word (``lunch:``) ends the lead too. Later on, these
  words are ordinary text.
* Promises: ``promised X by DATE`` (mine, to the first person named, or to
  ``promised @Name X by DATE``), ``they promised X by DATE`` or
  ``@Name promised X by DATE`` (theirs). ``due DATE`` works like ``by DATE``.
  Due dates count from the note's date and lean forward (``fri`` is the next
  Friday); a promise with no due date is an error.
* ``\\word`` takes a word literally (``\\promised``, ``\\call``).

Nothing typed is dropped: :func:`parse` splits the line into :class:`Token`
spans that cover every non-space character; each is a recognised piece or
note text. A line it cannot read fully raises :class:`CaptureError` with the
character span of the offending part.
"""

from __future__ import annotations

import difflib
import unicodedata
from datetime import date

from model.capture_result import AmbiguousNameError, Capture, CaptureError, PromiseDraft, Token
from model.capture_words import (AT, BANG, BY, CJK, HASH, HONORIFICS, JOINERS, KEYWORDS, PHRASES,
                                 PROMISED, THEY, TRAIL, Word, folded, split_words)
from model.datewords import FUTURE, PAST, DateWordError, read_date
from model.names import describe, fold, matches
from model.records import Contact, Interaction, Promise

__all__ = ["AmbiguousNameError", "Capture", "CaptureError", "KEYWORDS", "PromiseDraft", "Token",
           "parse", "save"]


class _Parser:
    """One parse of one line: walks its words once, left to right, collecting tokens."""

    def __init__(self, line: str, contacts: list[Contact], today: date) -> None:
        self.line, self.contacts, self.today = line, contacts, today
        self.words = split_words(line)
        self.tokens: list[Token] = []
        self.people: list[Contact] = []
        self.new: dict[str, Contact] = {}
        self.fields: dict[str, tuple[str, Word]] = {}
        self.when: tuple[date, Word] | None = None
        self.tags: list[str] = []
        self.drafts: list[dict] = []
        self._keys: set[str] | None = None
        self._hay: list[tuple[Contact, str]] | None = None

    # -- people ----------------------------------------------------------------

    def _name_keys(self) -> set[str]:
        if self._keys is None:
            self._keys = {k for c in self.contacts for k in folded(c)}
        return self._keys

    def _matches(self, name: str) -> list[Contact]:
        """:func:`model.names.matches` over only the people whose folded names contain
        ``name`` (every kind of match needs that), so a keystroke stays fast with thousands."""
        q = fold(name)
        if not q:
            return []
        if self._hay is None:
            self._hay = [(c, "\0".join(folded(c))) for c in self.contacts]
        return matches([c for c, hay in self._hay if q in hay], name)

    def _lookup(self, name: str, start: int, end: int) -> Contact | None:
        q = fold(name)
        if "(" in name:
            exact = [c for c in self.contacts if fold(describe(c)) == q]
            if len(exact) == 1:
                return exact[0]
        found = self._matches(name)
        if found and not CJK.search(q):
            keys = [fold(k) for k in (found[0].name, found[0].reading) if k]
            if not any(k.startswith(q) or q == k.replace(" ", "") or
                       any(w.startswith(q) for w in k.split()) for k in keys):
                found = []  # only inside a longer name ("Li" in "Emily"): someone new
        if len(found) > 1:
            listed = ", ".join(describe(c) for c in found[:6])
            more = f" and {len(found) - 6} more" if len(found) > 6 else ""
            raise AmbiguousNameError(f"@{name} could be {listed}{more}; write more of the name, "
                                     f'or @"Name (Company)"', found, start, end)
        return found[0] if found else None

    def _person(self, name: str, start: int, end: int) -> Contact:
        person = self._lookup(name, start, end)
        if person is None:
            name = unicodedata.normalize("NFKC", name).strip()
            person = self.new.get(fold(name))
            if person is None:
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
            longest = max(map(len, self._name_keys()), default=0)  # a pasted paragraph stays fast
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
            core = w.core[1:]
            if not core or not (core[0].isalpha() or core[0] == "_"):
                return None
            name, used = self._split_bare(core)
            end = w.start + 1 + used
            shown = core[:used]
        rest = self.line[end:w.end]
        if rest and not rest.rstrip(TRAIL):
            shown, end, rest = shown + rest, w.end, ""
        person = self._person(name, w.start, end)
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
            self.set_field(KEYWORDS[word], w, promise)
            return True
        if c == "\\" and len(w.raw) > 1:
            self.tokens.append(Token("text", w.start, w.end, w.raw[1:], w.raw[1:], promise))
            return True
        return False

    def set_field(self, what: tuple[str, str], w: Word, promise: int | None, end: int | None = None) -> None:
        name, value = what
        old = self.fields.get(name)
        if old and old[0] != value:
            raise CaptureError(f"two {name}s: {old[1].core} and {w.core}; keep one", w.start, w.end)
        self.fields[name] = (value, w)
        self.tokens.append(Token(name, w.start, w.end if end is None else end, value, None, promise))

    # -- dates -------------------------------------------------------------------

    def date_at(self, i: int, base: date, lean: str) -> tuple[date, int] | None:
        """A date in words ``i`` (and ``i+1``): (date, words used), or None."""
        ws = self.words
        if i + 1 < len(ws) and not ws[i].trail and not ws[i + 1].quoted:
            try:
                found = read_date([ws[i].core, ws[i + 1].core], base, lean)
            except DateWordError:
                found = None
            if found:
                return found, 2
        try:
            found = read_date([ws[i].core], base, lean)
        except DateWordError as exc:
            raise CaptureError(str(exc), ws[i].start, ws[i].end) from None
        return (found, 1) if found else None

    # -- promises ----------------------------------------------------------------

    def promise_start(self, i: int) -> tuple[str, int, int] | None:
        """If a promise starts at word ``i``: (owner, index of 'promised', who names it)."""
        ws = self.words
        if ws[i].key == PROMISED and not ws[i].trail:
            return "me", i, -1
        if i + 1 < len(ws) and ws[i + 1].key == PROMISED and not ws[i].trail and not ws[i + 1].trail:
            if ws[i].key == "i":
                return "me", i + 1, -1
            if ws[i].key in THEY:
                return "them", i + 1, -1
            if ws[i].raw[0] in AT:
                return "them", i + 1, i
        return None

    def promise(self, i: int, owner: str, kw: int, named: int) -> int:
        """Read a promise clause starting at word ``i``; return the next word's index."""
        ws, k = self.words, len(self.drafts)
        draft = {"owner": owner, "who": None, "start": ws[i].start}
        if named >= 0:
            tok = self.mention(ws[named], None, False)
            if tok is None:
                return i  # an @ that is not a name: not a promise after all
            draft["who"] = tok.value
            i = named + 1
        self.tokens.append(Token("promise", ws[i].start, ws[kw].end, owner, None, k))
        j = kw + 1
        if owner == "me" and j < len(ws) and ws[j].raw[0] in AT:
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
                    raise CaptureError(f"'{w.raw}' needs a date after it, like {w.raw} fri or {w.raw} 12/5",
                                       w.start, w.end)
                found = self.date_at(j + 1, base, FUTURE)
                if found:
                    due, used = found
                    last = ws[j + used]
                    if due < base:
                        raise CaptureError(f"due {due.isoformat()} is before the note's date "
                                           f"{base.isoformat()}", w.start, last.end)
                    self.tokens.append(Token("due", w.start, last.end, due.isoformat(), None, k))
                    draft.update(due=due, end=last.end)
                    break
            if not self.sigil(w, k, True):
                self.tokens.append(Token("text", w.start, w.end, w.raw, w.raw, k))
            j += 1
        else:
            raise CaptureError(f"a promise needs a due date: add 'by fri', 'by 12/5' or 'by +1w' "
                               f"(or write \\{ws[kw].core} to keep the word as text)",
                               ws[i].start, len(self.line))
        draft["text"] = _join(self.tokens[body_start:], self.line, k)
        if not draft["text"]:
            raise CaptureError("promised what? write 'promised X by DATE'", ws[i].start, draft["end"])
        self.drafts.append(draft)
        return j + used + 1

    # -- the whole line ----------------------------------------------------------

    def run(self) -> Capture:
        ws, lead, i = self.words, True, 0
        while i < len(ws):
            w = ws[i]
            start = self.promise_start(i)
            if start:
                nxt = self.promise(i, *start)
                if nxt > i:
                    lead, i = False, nxt
                    continue
            if lead and w.key in JOINERS and i + 1 < len(ws) and ws[i + 1].raw[0] in AT and not w.trail:
                self.tokens.append(Token("joiner", w.start, w.end, w.raw))
                i += 1
                continue
            if self.sigil(w, None, not lead):
                if ":" in w.trail or "：" in w.trail:
                    lead = False
                i += 1
                continue
            if lead and (used := self.lead_word(i)):
                if ":" in ws[i + used - 1].trail or "：" in ws[i + used - 1].trail:
                    lead = False
                i += used
                continue
            lead = False
            self.tokens.append(Token("text", w.start, w.end, w.raw, w.raw))
            i += 1
        return self.finish()

    def lead_word(self, i: int) -> int:
        """Read a bare kind/marker/date word at ``i``; return the words used (0: none)."""
        ws = self.words
        if i + 1 < len(ws) and not ws[i].trail:
            phrase = f"{ws[i].key} {ws[i + 1].key}"
            if phrase in PHRASES:
                self.set_field(("kind", PHRASES[phrase]), ws[i], None, ws[i + 1].end)
                return 2
        if ws[i].key in KEYWORDS:
            self.set_field(KEYWORDS[ws[i].key], ws[i], None)
            return 1
        found = self.date_at(i, self.today, PAST)
        if not found:
            return 0
        day, used = found
        last = ws[i + used - 1]
        if self.when:
            raise CaptureError(f"two dates for the note: {self.when[1].core} and "
                               f"{self.line[ws[i].start:last.end].rstrip(TRAIL)}; keep one",
                               ws[i].start, last.end)
        if day > self.today:
            raise CaptureError(f"the note's date {day.isoformat()} is in the future; a note records "
                               f"what happened (for what is due, write 'promised X by DATE')",
                               ws[i].start, last.end)
        self.when = (day, ws[i])
        self.tokens.append(Token("date", ws[i].start, last.end, day.isoformat()))
        return used

    def finish(self) -> Capture:
        if not self.people:
            raise CaptureError('say who it was with: @Name, or @"Full Name" for a name with spaces',
                               0, len(self.line))
        by_id = {p.id: p for p in self.people}
        drafts = [PromiseDraft(d["owner"], d["text"], d["due"], by_id[d["who"]] if d["who"] else self.people[0],
                               d["start"], d["end"]) for d in self.drafts]
        new_ids = {p.id for p in self.new.values()}
        return Capture(
            people=self.people, new_people=[p for p in self.people if p.id in new_ids],
            kind=self.fields.get("kind", ("note",))[0], depth=self.fields.get("depth", ("touch",))[0],
            when=self.when[0] if self.when else self.today, text=_join(self.tokens, self.line, None),
            tags=self.tags, scope=self.fields.get("scope", ("open",))[0], promises=drafts,
            tokens=sorted(self.tokens, key=lambda t: t.start), today=self.today,
        )


def _join(tokens: list[Token], line: str, promise: int | None) -> str:
    """The text the tokens of one note (``promise=None``) or one promise add up to."""
    out: list[str] = []
    prev = None
    skipped = False
    for t in sorted(tokens, key=lambda t: t.start):
        if t.promise != promise or t.inline is None:
            skipped = skipped or t.promise == promise
            continue
        if out and (skipped or prev is None or t.start > prev):
            out.append(" ")
        out.append(t.inline)
        prev, skipped = t.end, False
    return " ".join("".join(out).split()).strip(" ,;:、，：；")


def parse(line: str, contacts: list[Contact], today: date) -> Capture:
    """Read ``line`` against the people we know; raise CaptureError if it cannot be saved.

    Pure: reads nothing but its arguments (new people are built, not stored).
    """
    return _Parser(line, contacts, today).run()


def save(store, line: str, today: date) -> Capture:
    """Parse and save ``line`` in one transaction: new people, the note, its promises."""
    with store.transaction():
        cap = parse(line, store.contacts(), today)
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
    return cap
