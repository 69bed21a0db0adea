"""An iCalendar (``.ics``) file of open promises and due follow-ups.

Each item is an all-day VEVENT (calendar apps that subscribe to a file show
events; many ignore VTODO). UIDs come from record ids, so a calendar that
re-reads the file sees a moved due date as an update, not a new event:
``promise-<id>@kizuna`` for a promise, ``follow-up-<contact id>@kizuna`` for
a person's next follow-up. DTSTAMP is the record's own ``updated`` stamp, so
exporting twice without a change gives the same file.

A promise captured in a confidential note shows no text unless
``include_confidential`` is set: a subscribed calendar may live on a server.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone

from icalendar import Calendar, Event

from model.errors import NotFoundError
from model.records import Contact, Interaction, Promise
from model.language.text import clean_field

PRODID = "-//Kizuna//Kizuna relationship planner//EN"
HORIZON_DAYS = 366  # follow-ups this far ahead are in the file


@dataclass(frozen=True)
class FollowUp:
    contact: Contact
    due: date
    why: str


def _utc(stamp: str) -> datetime:
    return datetime.fromisoformat(stamp).astimezone(timezone.utc)


def follow_ups(book, today: date) -> list[FollowUp]:
    """Each person's next follow-up by the planning rules (:mod:`model.planning.due`):
    focus people's deep conversation this month, then deep and active people's
    touch cadence, a year ahead. Promises are exported on their own."""
    from model.planning.due import due_list

    out: dict[str, FollowUp] = {}
    for item in due_list(book, today, horizon=HORIZON_DAYS):
        if item.promise_id is None and item.kind != "birthday" and item.contact_id not in out:
            person = book.get_contact(item.contact_id)
            if person is not None:
                out[item.contact_id] = FollowUp(person, item.due, f"{item.title}; {item.detail}")
    return sorted(out.values(), key=lambda f: (f.due, f.contact.name))


def _event(uid: str, day: date, summary: str, description: str, stamp: str, categories: list[str],
           sequence: int = 0) -> Event:
    ev = Event()
    ev.add("uid", uid)
    ev.add("dtstamp", _utc(stamp))
    ev.add("last-modified", _utc(stamp))
    ev.add("dtstart", day)
    ev.add("dtend", day + timedelta(days=1))
    ev.add("summary", clean_field(summary))  # a calendar shows it in a terminal too: no controls
    if description:
        ev.add("description", clean_field(description, multiline=True))
    ev.add("categories", categories)
    ev.add("transp", "TRANSPARENT")
    if sequence:
        ev.add("sequence", sequence)
    return ev


def export(store, today: date, include_confidential: bool = False) -> bytes:
    """The calendar as bytes (CRLF, folded, UTF-8)."""
    from model.planning.book import Book

    book = Book.from_store(store, full=False)  # dates and people, not 50,000 notes
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", "Kizuna: follow-ups and promises")
    people = {c.id: c for c in store.contacts()}
    promises: list[Promise] = sorted((p for p in store.promises() if p.status == "open"),
                                     key=lambda p: (p.due, p.id))
    secret = set()  # the notes promises were made in that are confidential
    for note_id in {p.interaction for p in promises if p.interaction}:
        try:
            if store.get(Interaction, note_id).scope == "confidential":
                secret.add(note_id)
        except NotFoundError:
            pass
    for p in promises:
        person = people.get(p.contact)
        name = person.name if person else "someone removed"
        hidden = p.interaction in secret and not include_confidential
        what = "(confidential)" if hidden else p.text
        summary = f"Promise to {name}: {what}" if p.owner == "me" else f"{name} promised: {what}"
        lines = [f"Made {p.created[:10]}."]
        if p.original_due != p.due:
            lines.append(f"First due {p.original_due}, rescheduled {len(p.history)} time(s).")
        cal.add_component(_event(f"promise-{p.id}@kizuna", date.fromisoformat(p.due), summary,
                                 " ".join(lines), p.updated, ["Kizuna", "promise"], len(p.history)))
    for f in follow_ups(book, today):
        # Stamped by the newest change behind it: the person, or their last touch.
        last = book.last_touch(f.contact.id)
        stamp = f.contact.updated
        if last and datetime.combine(last, time(), timezone.utc) > _utc(stamp):
            stamp = datetime.combine(last, time(), timezone.utc).isoformat()
        cal.add_component(_event(f"follow-up-{f.contact.id}@kizuna", f.due,
                                 f"Follow up with {f.contact.name}", f.why, stamp,
                                 ["Kizuna", "follow-up"]))
    return cal.to_ical()
