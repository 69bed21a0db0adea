"""What a capture line means: :class:`Capture`, its :class:`Token` spans and promise drafts, and the errors."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from datetime import date

from model.capture.dates import describe_date
from model.errors import AmbiguousError, KizunaError
from model.language.i18n import _, pgettext, word
from model.language.names import describe
from model.records import Contact, Interaction, Promise
from model.language.text import clean_field, visible


def _cells(text: str) -> int:
    """Terminal columns of a label (a Japanese character takes two)."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


class CaptureError(KizunaError):
    """The line cannot be saved as written; nothing was saved.

    ``start``/``end`` are the character span in the line of the part at fault.
    """

    def __init__(self, message: str, start: int = 0, end: int = 0) -> None:
        Exception.__init__(self, message)
        self.message, self.start, self.end = message, start, end


class AmbiguousNameError(CaptureError, AmbiguousError):
    """``@Name`` fits more than one person; ``matches`` lists them."""

    def __init__(self, message: str, found: list[Contact], start: int, end: int) -> None:
        CaptureError.__init__(self, message, start, end)
        self.matches = found


class UnknownNameError(CaptureError):
    """``@Name`` is nobody yet and was not marked new (``@+Name``); ``suggestions`` are the
    closest people (a typo must never create a person)."""

    def __init__(self, name: str, suggestions: list[Contact], start: int, end: int) -> None:
        if suggestions:
            listed = _(" or ").join(describe(c) for c in suggestions)
            message = _("no one called @{name}: did you mean {listed}? (a new person: write @+{name})").format(
                name=name, listed=listed)
        else:
            message = _("no one called @{name} yet: write @+{name} to add them as a new contact").format(name=name)
        CaptureError.__init__(self, message, start, end)
        self.name, self.suggestions = name, suggestions


@dataclass(frozen=True)
class Token:
    """One recognised piece of the line: ``line[start:end]``.

    ``role`` is person, joiner, tag, kind, depth, scope, date, promise (the
    ``promised`` words), due (``by fri``) or text. ``value`` is what it means
    (a contact id, a tag, a kind, an ISO date, the word). ``inline`` is what
    it adds to the text around it (``None``: nothing); ``promise`` is the
    index of the promise whose text it belongs to, else ``None`` (the note).
    """

    role: str
    start: int
    end: int
    value: str
    inline: str | None = None
    promise: int | None = None


@dataclass
class PromiseDraft:
    """A promise the line will save: ``owner`` is me or them; ``contact`` the other side."""

    owner: str
    text: str
    due: date
    contact: Contact
    start: int = 0
    end: int = 0


@dataclass
class Capture:
    """What a line will save (and, after :func:`save`, what it saved)."""

    people: list[Contact]
    new_people: list[Contact]
    kind: str
    depth: str
    when: date
    text: str
    tags: list[str]
    scope: str
    promises: list[PromiseDraft]
    tokens: list[Token] = field(default_factory=list)
    today: date | None = None
    #: what the reader should know before saving: a date word left in the text, a way
    #: of writing a promise that was not read as one
    hints: list[str] = field(default_factory=list)
    interaction: Interaction | None = None
    saved_promises: list[Promise] = field(default_factory=list)

    def summary(self) -> list[str]:
        """Lines saying what the line saves, for ``kizuna note`` and the app's preview."""
        today = self.today or self.when
        new = {p.id for p in self.new_people}
        people = _(", ").join(_("{name} (new contact, network tier)").format(name=visible(p.name))
                              if p.id in new else describe(p) for p in self.people)
        depth = _("deep conversation") if self.depth == "deep" else pgettext("depth", "touch")
        rows = [(_("people"), people), (_("kind"), word("kind", self.kind)), (_("depth"), depth),
                (_("date"), describe_date(self.when, today)),
                (_("tags"), clean_field(" ".join("#" + t for t in self.tags)) or _("(none)")),
                (_("scope"), word("scope", self.scope))]
        for d in self.promises:
            who = (_("I promised {name}") if d.owner == "me" else _("{name} promised")).format(
                name=visible(d.contact.name))
            rows.append((_("promise"), _("{who}: {text} — due {date}").format(
                who=who, text=clean_field(d.text), date=describe_date(d.due, today))))
        # the text as it will be saved: without control characters (model/text.py)
        rows.append((_("text"), clean_field(self.text, multiline=True) or _("(empty)")))
        rows.extend((_("hint"), h) for h in self.hints)
        width = max(9, *(_cells(label) + 1 for label, _value in rows))
        lines = [label + " " * (width - _cells(label)) + value for label, value in rows]
        return lines
