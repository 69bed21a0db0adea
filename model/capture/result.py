"""What a capture line means: :class:`Capture`, its :class:`Token` spans and promise drafts, and the errors."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from model.capture.dates import describe_date
from model.errors import AmbiguousError, KizunaError
from model.language.names import describe
from model.records import Contact, Interaction, Promise
from model.language.text import clean_field, visible


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
            listed = " or ".join(describe(c) for c in suggestions)
            message = (f"no one called @{name}: did you mean {listed}? "
                       f"(a new person: write @+{name})")
        else:
            message = f"no one called @{name} yet: write @+{name} to add them as a new contact"
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
        people = ", ".join(f"{visible(p.name)} (new contact, network tier)" if p.id in new else describe(p)
                           for p in self.people)
        lines = [f"people   {people}", f"kind     {self.kind}",
                 f"depth    {'deep conversation' if self.depth == 'deep' else 'touch'}",
                 f"date     {describe_date(self.when, today)}",
                 f"tags     {clean_field(' '.join('#' + t for t in self.tags)) or '(none)'}",
                 f"scope    {self.scope}"]
        for d in self.promises:
            who = f"I promised {visible(d.contact.name)}" if d.owner == "me" else f"{visible(d.contact.name)} promised"
            lines.append(f"promise  {who}: {clean_field(d.text)} — due {describe_date(d.due, today)}")
        # the text as it will be saved: without control characters (model/language/text.py)
        lines.append(f"text     {clean_field(self.text, multiline=True) or '(empty)'}")
        lines.extend(f"hint     {h}" for h in self.hints)
        return lines
