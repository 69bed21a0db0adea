"""Cadence and the due list (A2, A11): nothing may slip.

Cadence rules:

* **Focus people** (in this month's focus plan) need ``settings.focus_deep_per_month``
  deep conversations (default 1) in the *calendar month*. Only a deep
  conversation counts; a touch never does.
* **Deep people** need a *deep conversation* every ``deep_cadence_days`` days
  (default 30: A11's deep conversation a month); a touch does not count.
* **Active people** need a touch (any interaction other than Kizuna's own log
  entries) every ``touch_cadence_days`` days (default 90: a touch a quarter).
* A contact's own ``cadence_days`` overrides their tier's number of days (what
  counts stays the tier's), and opts a ``network`` person in (a touch).
  ``archived`` people have no cadence.
* The touch cadence is a **rolling number of days**, not a calendar quarter:
  the setting is in days, a per-person override only makes sense in days, and
  a rolling window never makes everyone due on the same first day of a
  quarter. The clock starts at the last touch, or at the day the contact was
  added if there was none yet.
* A **snoozed** contact (``snoozed_until``) drops off the list until that day,
  then comes back if still due.

The due list for a day, in this order:

1. ``overdue``  my promises past their due date, most overdue first;
   ``caps``     a tier holding more people than its cap (two laptops that
                each filled the last deep place, a lowered cap): choose who
                moves down; gone once the tier is within its cap;
2. ``today``    promises due today, mine then theirs;
3. ``chase``    their promises past due, to chase, most overdue first;
4. ``focus``    focus people without their deep conversation this month,
                with the days left in the month, longest without one first;
5. ``cadence``  people past their touch cadence, most overdue first;
6. ``birthday`` birthdays in the coming week (today first), anyone not archived;
7. ``upcoming`` what comes due in the next ``horizon`` days (promises,
                cadences, snoozes ending), soonest first.

My own obligations come before chasing anyone else's (A2: it is *my*
credibility that slips); everyone appears at most once outside ``upcoming``
(a focus person past cadence is listed under focus, which a deep
conversation clears).
"""

from __future__ import annotations

from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from datetime import date, timedelta

from model.language.i18n import N_, _, ngettext, weekday, word
from model.planning.book import Book, month_end, month_key, month_start
from model.planning.month_days import days_left_in_month, days_left_text
from model.records import Contact, Promise
from model.records.privacy import MASK, shown_text
from model.language.text import visible, visible_line

SECTIONS = ("overdue", "caps", "today", "chase", "focus", "cadence", "birthday", "upcoming")
#: how far ahead a birthday comes onto the due list: the coming week, today included
BIRTHDAY_DAYS = 7
SECTION_TITLES = {
    "overdue": N_("Overdue: my promises"),
    "caps": N_("Over a tier's cap: choose who moves down"),
    "today": N_("Due today"),
    "chase": N_("Overdue: their promises, to chase"),
    "focus": N_("Focus this month: no deep conversation yet"),
    "cadence": N_("Past their cadence"),
    "birthday": N_("Birthdays this week"),
    "upcoming": N_("Coming up"),
}


@dataclass(frozen=True)
class DueItem:
    """One line of the due list."""

    section: str
    contact_id: str
    promise_id: str | None
    title: str
    detail: str
    due: date
    days: int  # due minus today: negative when overdue, 0 today, positive ahead
    kind: str = "promise"  # promise | focus | cadence | birthday | caps (no person: contact_id "")
    owner: str | None = None  # for promises: me | them
    name: str = ""

    def to_dict(self) -> dict:
        return {
            "section": self.section,
            "kind": self.kind,
            "contact": self.contact_id,
            "name": self.name,
            "promise": self.promise_id,
            "owner": self.owner,
            "title": self.title,
            "detail": self.detail,
            "due": self.due.isoformat(),
            "days": self.days,
        }



def _day(day: date) -> str:
    """``Sat 2026-11-21``; in Japanese ``2026-11-21(土)``."""
    return _("{weekday} {date}").format(weekday=weekday(day), date=day.isoformat())

def cadence_days(contact: Contact, settings) -> int | None:
    """The cadence of a person in days, or None if they have none."""
    if contact.tier == "archived":
        return None
    if contact.cadence_days:
        return contact.cadence_days
    if contact.tier == "deep":
        return settings.deep_cadence_days
    if contact.tier == "active":
        return settings.touch_cadence_days
    return None


def needs_deep(contact: Contact) -> bool:
    """Whether what keeps this person's cadence is a deep conversation (the deep tier)."""
    return contact.tier == "deep"


def _created(contact: Contact) -> date:
    try:
        return date.fromisoformat(contact.created[:10])
    except (TypeError, ValueError):
        return date.min


def touch_due(book: Book, contact: Contact, today: date) -> tuple[date, date | None] | None:
    """When this person's next touch is due (snooze applied), and the last touch
    (for the deep tier: the next and the last deep conversation).

    None when the person has no cadence.
    """
    days = cadence_days(contact, book.settings)
    if days is None:
        return None
    if needs_deep(contact):
        last = book.last_deep(contact.id, on_or_before=today)
    else:
        last = book.last_touch(contact.id, on_or_before=today)
    start = last or min(_created(contact), today)
    due = start + timedelta(days=days)
    snooze = _snoozed_until(contact)
    if snooze and snooze > due:
        due = snooze
    return due, last


def _snoozed_until(contact: Contact) -> date | None:
    return date.fromisoformat(contact.snoozed_until) if contact.snoozed_until else None


def _ago(then: date, today: date) -> str:
    days = (today - then).days
    if days == 0:
        return _("today")
    if days == 1:
        return _("yesterday")
    return ngettext("{n} day ago", "{n} days ago", days).format(n=days)


def _step(person: Contact) -> str:
    """Where the relationship stands (A10's stage) and what to do next, for a due person."""
    out = _("; stage: {stage}").format(stage=word("stage", person.stage)) if person.stage else ""
    return out + (_("; next step: {step}").format(step=person.next_step) if person.next_step else "")


def _in_days(days: int) -> str:
    if days < 0:
        return ngettext("{n} day overdue", "{n} days overdue", -days).format(n=-days)
    if days == 0:
        return _("due today")
    if days == 1:
        return _("due tomorrow")
    return ngettext("due in {n} day", "due in {n} days", days).format(n=days)


def _promise_item(section: str, p: Promise, name: str, today: date, secret: AbstractSet[str] = frozenset()) -> DueItem:
    """``secret``: the ids of the promises made in a confidential note (masked)."""
    due = date.fromisoformat(p.due)
    days = (due - today).days
    text = MASK if p.id in secret else p.text
    text = visible_line(shown_text(text))
    shown = visible(name)  # titles are for a screen: hidden characters shown
    title = (_("I promised {name}: {text}") if p.owner == "me" else _("{name} promised: {text}")).format(
        name=shown, text=text)
    detail = _("{when} ({day})").format(when=_in_days(days), day=_day(due))
    if p.history:
        n = len(p.history)
        detail += ngettext(", rescheduled {n} time, first due {date}", ", rescheduled {n} times, first due {date}",
                           n).format(n=n, date=p.original_due)
    return DueItem(section, p.contact, p.id, title, detail, due, days, "promise", p.owner, name)


def due_list(book: Book, today: date, horizon: int = 7) -> list[DueItem]:
    """Everything due on ``today``, in the order to handle it (see module doc)."""
    end = today + timedelta(days=horizon)
    sections: dict[str, list[tuple[tuple, DueItem]]] = {s: [] for s in SECTIONS}

    def name_of(cid: str) -> str:
        c = book.get_contact(cid)
        return c.name if c else _("(someone deleted)")

    # Promises.
    shown = [p for p in book.open_promises() if date.fromisoformat(p.due) <= end]
    secret = book.secret_promises(shown)
    for p in shown:
        due = date.fromisoformat(p.due)
        name = name_of(p.contact)
        mine = p.owner == "me"
        if due < today:
            section = "overdue" if mine else "chase"
            sections[section].append(((p.due, name), _promise_item(section, p, name, today, secret)))
        elif due == today:
            sections["today"].append(((0 if mine else 1, name), _promise_item("today", p, name, today, secret)))
        elif due <= end:
            sections["upcoming"].append(((p.due, 0 if mine else 1, name),
                                         _promise_item("upcoming", p, name, today, secret)))

    # Tiers over their cap: the owner chooses who moves down.
    for tier in ("deep", "active"):
        cap, count = book.cap(tier), book.tier_count(tier)
        if cap is not None and count > cap:
            sections["caps"].append(((tier == "active",), _cap_item(book, tier, count, cap, today)))

    # Focus people: a deep conversation this calendar month.
    month = month_key(today)
    first, last_day = month_start(today), month_end(today)
    left = days_left_in_month(today)
    need = book.settings.focus_deep_per_month
    focus = book.focus_ids(month)
    listed: set[str] = set()
    for order, cid in enumerate(focus):
        person = book.contact(cid)
        held = book.deep_count(cid, first, today)
        if held >= need:
            continue
        last = book.last_deep(cid, on_or_before=today)
        title = _("{name}: a deep conversation this month").format(name=visible(person.name))
        when = (_("last deep conversation {date} ({ago})").format(date=last.isoformat(), ago=_ago(last, today))
                if last else _("no deep conversation on record"))
        left_text = days_left_text(left, today.strftime("%B"))
        counted = _("{held} of {need} held, ").format(held=held, need=need) if need > 1 else ""
        detail = f"{counted}{left_text}; {when}"
        detail += _step(person)
        snooze = _snoozed_until(person)
        if snooze and snooze > today:
            if snooze <= min(end, last_day):
                item = DueItem("upcoming", cid, None, title, _("snoozed until {date} ({reason}); {detail}").format(
                               date=snooze.isoformat(), reason=person.snooze_reason or _("no reason"), detail=detail),
                               snooze, (snooze - today).days, "focus", None, person.name)
                sections["upcoming"].append(((snooze.isoformat(), 2, person.name), item))
            listed.add(cid)
            continue
        item = DueItem("focus", cid, None, title, detail, last_day, left, "focus", None, person.name)
        sections["focus"].append(((last or date.min, order), item))
        listed.add(cid)

    # Touch cadence.
    for person in book.contacts():
        if person.id in listed:
            continue
        found = touch_due(book, person, today)
        if found is None:
            continue
        due, last = found
        if due > end:
            continue
        days = (due - today).days
        cadence = cadence_days(person, book.settings)
        what = _("a deep conversation") if needs_deep(person) else _("touch base")
        every = _("every day") if cadence == 1 else ngettext("every {n} day", "every {n} days", cadence or 0).format(
            n=cadence)
        title = f"{visible(person.name)}: {what} ({word('tier', person.tier)}, {every})"
        deep = needs_deep(person)
        if last:
            since = (_("last deep conversation {date} ({ago})") if deep else _("last touch {date} ({ago})")).format(
                date=last.isoformat(), ago=_ago(last, today))
        else:
            added = min(_created(person), today).isoformat()
            since = (_("no deep conversation on record since added {date}") if deep
                     else _("no touch on record since added {date}")).format(date=added)
        since += _step(person)
        snooze = _snoozed_until(person)
        note = ""
        if snooze and snooze == due:
            said = _("snoozed until {date} ({reason}); ") if snooze > today else _("snooze ended {date} ({reason}); ")
            note = said.format(date=snooze.isoformat(), reason=person.snooze_reason or _("no reason"))
        if due <= today:
            detail = f"{note}{_in_days(days) if days else _('due today')}; {since}"
            sections["cadence"].append(((due, person.name), DueItem(
                "cadence", person.id, None, title, detail, due, days, "cadence", None, person.name)))
        else:
            detail = f"{note}{_in_days(days)}; {since}"
            sections["upcoming"].append(((due.isoformat(), 3, person.name), DueItem(
                "upcoming", person.id, None, title, detail, due, days, "cadence", None, person.name)))

    # Birthdays in the coming week.
    for person in book.contacts():
        day = next_birthday(person, today)
        if day is None or person.tier == "archived" or (day - today).days >= BIRTHDAY_DAYS:
            continue
        days = (day - today).days
        when = _("today") if days == 0 else _("tomorrow") if days == 1 else ngettext(
            "in {n} day", "in {n} days", days).format(n=days)
        age = ""
        if len(person.birthday) == 10 and not person.birthday.startswith("-"):
            age = _(", turns {age}").format(age=day.year - int(person.birthday[:4]))
        item = DueItem("birthday", person.id, None, _("{name}: birthday {when}").format(
                           name=visible(person.name), when=when),
                       f"{_day(day)}{age}", day, days, "birthday", None, person.name)
        sections["birthday"].append(((day, person.name), item))

    out: list[DueItem] = []
    for section in SECTIONS:
        out.extend(item for _, item in sorted(sections[section], key=lambda pair: pair[0]))
    return out


def _cap_item(book: Book, tier: str, count: int, cap: int, today: date) -> DueItem:
    """A tier over its cap, naming who has gone longest without a deep conversation."""
    lower = "active" if tier == "deep" else "network"
    people = sorted(book.in_tier(tier), key=lambda c: (book.last_deep(c.id, on_or_before=today) or date.min, c.name))
    named = []
    never = _("never")
    for c in people[:3]:
        last = book.last_deep(c.id, on_or_before=today)
        named.append(f"{c.name} ({_ago(last, today) if last else never})")
    more = count - cap
    title = _("{tier} holds {count} people, more than its cap of {cap}: choose who moves down").format(
        tier=word("tier", tier), count=count, cap=cap)
    detail = _("move {more} to {lower} (kizuna tier NAME {lower}, or the contact form); "
               "longest without a deep conversation: {names}").format(
        more=more, lower=lower, names=", ".join(named))
    return DueItem("caps", "", None, title, detail, today, 0, "caps", None, "")


def next_birthday(contact: Contact, today: date) -> date | None:
    """The person's next birthday on or after ``today`` (29 February: the 28th in other years)."""
    text = contact.birthday or ""
    if not text:
        return None
    try:
        month, day = int(text[-5:-3]), int(text[-2:])
    except ValueError:
        return None
    for year in (today.year, today.year + 1):
        try:
            found = date(year, month, day)
        except ValueError:
            found = date(year, month, day - 1)  # 29 February in a common year
        if found >= today:
            return found
    return None


def grouped(items: list[DueItem]) -> list[tuple[str, list[DueItem]]]:
    """Items by section, in section order, leaving out empty sections."""
    out = []
    for section in SECTIONS:
        found = [i for i in items if i.section == section]
        if found:
            out.append((section, found))
    return out
