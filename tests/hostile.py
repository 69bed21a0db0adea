"""A store already holding hostile text, written into its files by hand (Kizuna itself
now drops control characters on the way in, so this is how old or edited stores look)."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import orjson

from model.records import Contact, FocusPlan, Interaction, Promise, Slot
from model.store import Store

#: the issue's line: a title change, a screen clear, a clipboard write
ESC_NAME = "Evil\x1b]0;pwned\x07Name"
ESC_TEXT = "hi \x1b[2J there \x1b]52;c;aGk=\x07 end \x9b31m\x00"
BIDI_NAME = "Ann\u202eA\u200b"
#: the raw bytes no terminal may get
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _swap(path: Path, marks: dict[str, str]) -> None:
    """Put each hostile string in place of its placeholder, as JSON (escaped) text."""
    raw = path.read_bytes()
    for mark, value in marks.items():
        raw = raw.replace(orjson.dumps(mark), orjson.dumps(value))
    path.write_bytes(raw)


def hostile_store(path: Path, today: date) -> Store:
    store = Store(path)
    evil = store.add(Contact(name="MARK-NAME", company="MARK-COMPANY", tier="deep",
                             notes="MARK-TEXT", tags=("MARK-TAG",)))
    bidi = store.add(Contact(name="MARK-BIDI", tier="active"))
    day = today.isoformat()
    note = store.add(Interaction(date=day, contacts=(evil.id, bidi.id), kind="meal", text="MARK-TEXT",
                                 tags=("MARK-TAG",)))
    store.add(Promise(contact=evil.id, text="MARK-TEXT", due=day, interaction=note.id))
    store.add(FocusPlan(month=day[:7], challenge="MARK-TEXT",
                        slots=(Slot(role="customer", contact=evil.id, intent="MARK-TEXT"),)))
    marks = {"MARK-NAME": ESC_NAME, "MARK-COMPANY": ESC_NAME, "MARK-TEXT": ESC_TEXT,
             "MARK-TAG": "t\x1b[5m", "MARK-BIDI": BIDI_NAME}
    del store
    for file in [path, *sorted((path.parent / "kizuna-parts").glob("*.json"))]:
        _swap(file, marks)
    return Store(path)
