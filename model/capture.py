"""One-line capture: ``@Name`` mentions and the note text.

``@Tanaka``, ``@佐藤`` and ``@"Sato Ken"`` name people; everything else is the
note. A name nobody has yet becomes a new contact in the ``network`` tier.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from model.errors import AmbiguousError, KizunaError
from model.names import matches
from model.records import Contact, Interaction
from model.store import Store

_MENTION = re.compile(r'@"([^"]+)"|@(\S+)')


class CaptureError(KizunaError):
    """The line cannot be saved as written; nothing was saved."""


@dataclass
class Capture:
    """What a line will save."""

    people: list[Contact]
    new_people: list[Contact]
    text: str
    when: date
    interaction: Interaction | None = None
    notes: list[str] = field(default_factory=list)


def parse(line: str, contacts: list[Contact], today: date) -> Capture:
    """Read ``line`` against the people we know; raise CaptureError if it cannot be saved."""
    people: list[Contact] = []
    new: list[Contact] = []
    for m in _MENTION.finditer(line):
        name = (m.group(1) or m.group(2)).strip().rstrip(",.:;")
        if not name:
            raise CaptureError("an @ with no name after it")
        found = matches(contacts, name)
        if len(found) > 1:
            listed = ", ".join(c.name for c in found[:8])
            raise AmbiguousError(f"@{name} could be {listed}; write more of the name", found)
        if found:
            person = found[0]
        else:
            person = next((c for c in new if c.name == name), None) or Contact(name=name, tier="network")
            if person not in new:
                new.append(person)
        if person not in people:
            people.append(person)
    if not people:
        raise CaptureError("say who it was with: @Name, or @\"Full Name\" for a name with spaces")
    text = " ".join(_MENTION.sub(lambda m: (m.group(1) or m.group(2)).strip(), line).split())
    return Capture(people=people, new_people=new, text=text, when=today)


def save(store: Store, line: str, today: date) -> Capture:
    """Parse and save ``line`` in one transaction; return what was saved."""
    with store.transaction():
        cap = parse(line, store.contacts(), today)
        for person in cap.new_people:
            store.add(person)
        cap.interaction = store.add(Interaction(
            date=cap.when.isoformat(), contacts=tuple(p.id for p in cap.people),
            kind="note", depth="touch", text=cap.text,
        ))
        cap.notes = [f"new contact {p.name} (network tier)" for p in cap.new_people]
    return cap
