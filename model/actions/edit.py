"""Correct what was saved: edit or delete a note or a promise, forget a person.

The planning rules are read from the notes and promises themselves (a focus
person's deep conversation is a deep note dated in the month; a promise's trust
effect is its status), so a corrected record keeps them true: a deep note moved
out of this month reopens that person's focus item, a promise deleted or set
back to open stops counting. Each action is one store transaction; a note
edited from an old copy (another process changed it since) is refused.

Every deletion leaves a tombstone (:class:`~model.records.Deletion`) so a copy
of the store from before it cannot bring the record back when the two are
joined (the two-laptop sync, a JSON import). In device mode the store also
keeps the merge's own clock-stamped tombstone (``Store.remove``); that one is
authoritative for the merge, which honours Deletion records as tombstones too
(see :mod:`model.store.sync`). :func:`deleted_ids` reads both.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TypeVar

from model.errors import AmbiguousError, KizunaError, NotFoundError
from model.language.i18n import N_, _, ngettext
from model.records import Contact, Deletion, FocusPlan, Interaction, Promise, Record
from model.store import Store

R = TypeVar("R", bound=Record)

#: the shortest id prefix accepted
MIN_PREFIX = 4
#: the note fields an edit may change
NOTE_FIELDS = ("date", "contacts", "kind", "depth", "text", "tags", "scope")


class ChangedMeanwhileError(KizunaError):
    """The record changed on disk since it was read for editing; nothing was saved."""


#: the record words an error names (a table name without its s), shown through ``_()``
RECORD_WORDS = (N_("note"), N_("promise"), N_("contact"), N_("interaction"), N_("focus_plan"))


def pick_id(records: Iterable[R], ident: str, what: str = "note") -> R:
    """The one record whose id starts with ``ident`` (at least :data:`MIN_PREFIX`
    characters), or an error listing the candidates."""
    ident = (ident or "").strip().lower()
    if len(ident) < MIN_PREFIX or not all(c in "0123456789abcdef" for c in ident):
        raise NotFoundError(_("{ident!r} is not a {what} id (at least {n} hex characters; see show "
                              "--json or search --json)").format(ident=ident, what=_(what), n=MIN_PREFIX))
    found = [r for r in records if r.id.startswith(ident)]
    if not found:
        raise NotFoundError(_("no {what} with an id starting {ident}").format(what=_(what), ident=ident))
    if len(found) > 1:
        listed = _(", ").join(f"{r.id[:12]} ({_short(r)})" for r in found[:8])
        more = _(" and {n} more").format(n=len(found) - 8) if len(found) > 8 else ""
        raise AmbiguousError(_("{ident} could be {listed}{more}; give more of the id").format(
            ident=ident, listed=listed, more=more), found)
    return found[0]


def _short(record: Record) -> str:
    if isinstance(record, Interaction):
        return f"{record.date} {record.text[:24]}"
    if isinstance(record, Promise):
        return _("due {due} {text}").format(due=record.due, text=record.text[:24])
    return getattr(record, "name", "")


#: lines read from the end of each part file by ``--last``
LAST_LINES = 64


def _newest_lines(body: bytes, _contacts) -> list[int]:
    """The last lines of one part file: a part file keeps its notes in the order they were
    added, so the note saved last is among the last lines of one of them."""
    lines = body.count(b"\n")
    return list(range(max(0, lines - LAST_LINES), lines))


def last_note(store: Store) -> Interaction:
    """The note written last (by ``created``), not counting Kizuna's own log lines.

    Reads the last lines of each part file (:func:`_newest_lines`), not every note:
    ``kizuna note edit --last`` at 50,000 notes."""
    picked = getattr(store, "interactions_picked", None)
    found = picked(_newest_lines) if picked is not None else store.interactions()
    notes = [i for i in found if i.kind != "log"]
    if not notes:
        raise NotFoundError(_("there are no notes yet"))
    return max(notes, key=lambda i: i.created)


def _tombstone(store: Store, record: Record) -> None:
    stone = Deletion(id=record.id, of=record.table)
    try:
        store.get(Deletion, record.id)
    except NotFoundError:
        store.add(stone)
    else:  # deleted before, brought back by an undo, deleted again
        store.put(stone)


def _check_unchanged(store: Store, seen: R) -> R:
    current = store.get(type(seen), seen.id)
    if current.updated != seen.updated or current != seen:
        raise ChangedMeanwhileError(
            _("this {what} was changed elsewhere since it was opened (another window or "
              "process); nothing saved — open it again").format(what=_(seen.table.rstrip("s"))))
    return current


# -- notes -----------------------------------------------------------------------


def edit_note(store: Store, seen: Interaction, **changes) -> Interaction:
    """Save ``changes`` (fields of :data:`NOTE_FIELDS`) to the note ``seen``.

    ``seen`` is the note as the caller read it: if the store holds another
    version now, nothing is saved (ChangedMeanwhileError). Unknown people
    are refused; a note keeps at least one person.
    """
    unknown = set(changes) - set(NOTE_FIELDS)
    if unknown:
        raise KizunaError(_("a note has no field {unknown!r}").format(unknown=sorted(unknown)[0]))
    with store.transaction():
        current = _check_unchanged(store, seen)
        if "contacts" in changes:
            people = tuple(dict.fromkeys(changes["contacts"]))
            if not people:
                raise KizunaError(_("a note needs at least one person"))
            for cid in people:
                store.contact(cid)
            changes["contacts"] = people
        if "tags" in changes:
            changes["tags"] = tuple(changes["tags"])
        if all(getattr(current, k) == v for k, v in changes.items()):
            return current
        updated = current.touched(**changes)
        store.put(updated)
    return updated


def delete_note(store: Store, seen: Interaction) -> Interaction:
    """Delete a note; promises captured in it stay, no longer linked to it."""
    with store.transaction():
        current = _check_unchanged(store, seen)
        for p in store.promises():
            if p.interaction == current.id:
                store.put(dataclasses.replace(p, interaction=None))
        store.remove(current)
        _tombstone(store, current)
    return current


def delete_promise(store: Store, seen: Promise) -> Promise:
    """Delete a promise (made by mistake): it no longer counts for trust either way."""
    with store.transaction():
        current = _check_unchanged(store, seen)
        store.remove(current)
        _tombstone(store, current)
    return current


# -- forgetting a person -------------------------------------------------------------


@dataclass
class ForgetPlan:
    """What forgetting a person removes, to show before asking."""

    person: Contact
    notes: list[Interaction] = field(default_factory=list)  # theirs alone: deleted
    shared: list[Interaction] = field(default_factory=list)  # with others: they leave them
    promises: list[Promise] = field(default_factory=list)
    plans: list[FocusPlan] = field(default_factory=list)  # focus plans with a slot of theirs

    def summary(self) -> list[str]:
        return [
            _("{name}: the person and their details").format(name=self.person.name),
            ngettext("{n} note of theirs alone (deleted)", "{n} notes of theirs alone (deleted)",
                     len(self.notes)).format(n=len(self.notes)),
            ngettext("{n} note shared with others (they are taken off it)",
                     "{n} notes shared with others (they are taken off them)", len(self.shared)).format(
                n=len(self.shared)),
            ngettext("{n} promise (deleted)", "{n} promises (deleted)", len(self.promises)).format(
                n=len(self.promises)),
            ngettext("{n} focus plan slot (emptied)", "{n} focus plan slots (emptied)", len(self.plans)).format(
                n=len(self.plans)),
            _("backups (the last seven days) still hold them until they age out"),
        ]


def forget_plan(store: Store, contact_id: str) -> ForgetPlan:
    person = store.contact(contact_id)
    plan = ForgetPlan(person)
    for note in store.interactions_with(contact_id):
        (plan.notes if note.contacts == (contact_id,) else plan.shared).append(note)
    plan.promises = [p for p in store.promises() if p.contact == contact_id]
    plan.plans = [f for f in store.focus_plans() if any(s.contact == contact_id for s in f.slots)]
    return plan


def forget(store: Store, contact_id: str) -> ForgetPlan:
    """Remove a person and all that is theirs alone, in one transaction (see :class:`ForgetPlan`)."""
    with store.transaction():
        plan = forget_plan(store, contact_id)
        gone = {n.id for n in plan.notes}
        for note in plan.notes:
            store.remove(note)
            _tombstone(store, note)
        for note in plan.shared:
            store.put(note.touched(contacts=tuple(c for c in note.contacts if c != contact_id)))
        for p in plan.promises:
            store.remove(p)
            _tombstone(store, p)
        for p in store.promises():  # others' promises captured in a deleted note
            if p.interaction in gone:
                store.put(dataclasses.replace(p, interaction=None))
        for f in plan.plans:
            slots = tuple(dataclasses.replace(s, contact=None) if s.contact == contact_id else s
                          for s in f.slots)
            store.put(f.touched(slots=slots))
        store.remove(plan.person)
        _tombstone(store, plan.person)
    return plan


def deletions(store: Store) -> list[Deletion]:
    """Every deletion this store knows of: its Deletion records, and in device mode the
    merge's tombstones (a deletion another laptop made arrives as one of those only)."""
    out = {d.id: d for d in store.records(Deletion)}
    tombstoned = getattr(store, "tombstoned", None)
    for rid, (table, stamp) in (tombstoned() if tombstoned is not None else {}).items():
        if rid not in out:
            when = _stamp_time(stamp)
            out[rid] = Deletion(id=rid, of=table, created=when, updated=when)
    return list(out.values())


def _stamp_time(stamp: str) -> str:
    """A merge clock stamp (milliseconds first) as an ISO time."""
    from datetime import datetime, timezone

    try:
        when = datetime.fromtimestamp(int(stamp.split(".", 1)[0]) / 1000, timezone.utc)
    except (ValueError, OverflowError, OSError):
        when = datetime.now(timezone.utc)
    return when.astimezone().isoformat(timespec="microseconds")


def deleted_ids(store: Store) -> set[str]:
    """Ids of every record deleted (:func:`deletions`), for a sync or an import to leave out."""
    return {d.id for d in deletions(store)}


# -- notes as capture lines (the editor) ---------------------------------------------


def note_line(note: Interaction, people: dict[str, Contact]) -> str:
    """A note written back as a capture line (people, kind, date, depth, scope, tags: text)."""
    words = []
    for cid in note.contacts:
        name = people[cid].name if cid in people else cid
        words.append(f'@"{name}"' if any(c.isspace() for c in name) else f"@{name}")
    words.append("!" + note.kind.replace(" ", "-"))
    words.append(note.date)
    if note.depth == "deep":
        words.append("!deep")
    if note.scope != "open":
        words.append("!" + note.scope)
    words += ["#" + t for t in note.tags]
    first, _sep, body = note.text.partition("\n")
    line = " ".join(words) + ": " + first
    return line + ("\n" + body if body else "")


def split_body(text: str) -> tuple[str, str]:
    """An editor's text: the first line (the capture grammar) and the rest (the body)."""
    first, _sep, body = text.strip("\n").partition("\n")
    return first.strip(), body.strip("\n").rstrip()


def with_body(text: str, body: str) -> str:
    return f"{text}\n{body}" if body else text


def save_with_body(store: Store, text: str, today, allow_new: bool = False):
    """Save an editor's text: the first line read as a capture line, the rest its body.
    None when the text is empty (nothing saved). ``allow_new`` as for :func:`model.capture.save`."""
    from model.capture import save

    line, body = split_body(text)
    if not line and not body:
        return None
    with store.transaction():
        cap = save(store, line, today, allow_new)
        if body and cap.interaction is not None:
            cap.interaction = edit_note(store, cap.interaction, text=with_body(cap.text, body))
    return cap


def edit_from_line(store: Store, seen: Interaction, text: str, today) -> Interaction:
    """Replace a note's fields by what a capture line (and body) says.

    The date stays unless the line names one; a line with a promise is refused
    (add promises with ``kizuna promise add``); new names become contacts."""
    from model.capture import parse

    line, body = split_body(text)
    if not line:
        raise KizunaError(_("the line is empty; nothing changed (delete a note with note delete)"))
    with store.transaction():
        cap = parse(line, store.contacts(), today)
        if cap.promises:
            raise KizunaError(_("an edited note cannot add a promise; nothing changed (use kizuna promise add, "
                                 "or \\promised to keep the word)"))
        if not cap.people:
            raise KizunaError(_("a note needs at least one @person; nothing changed"))
        for person in cap.new_people:
            store.add(person)
        dated = any(t.role == "date" for t in cap.tokens)
        return edit_note(store, seen, contacts=tuple(p.id for p in cap.people), kind=cap.kind,
                         depth=cap.depth, date=cap.when.isoformat() if dated else seen.date,
                         text=with_body(cap.text, body), tags=tuple(cap.tags), scope=cap.scope)


# -- promises ------------------------------------------------------------------------------

PROMISE_FIELDS = ("text", "due", "owner")


def edit_promise(store: Store, seen: Promise, **changes) -> Promise:
    """Correct a promise's text, due date or whose it is (a typo, not a reschedule:
    the original due date moves with it, and nothing is logged)."""
    unknown = set(changes) - set(PROMISE_FIELDS)
    if unknown:
        raise KizunaError(_("a promise has no field {unknown!r}").format(unknown=sorted(unknown)[0]))
    with store.transaction():
        current = _check_unchanged(store, seen)
        if all(getattr(current, k) == v for k, v in changes.items()):
            return current
        if "due" in changes and not current.history:
            changes["original_due"] = changes["due"]
        updated = current.touched(**changes)
        store.put(updated)
    return updated
