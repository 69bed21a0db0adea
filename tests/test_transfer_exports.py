"""iCalendar and Markdown exports, read back with real parsers."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from icalendar import Calendar

from model.records import Contact, FocusPlan, Interaction, Promise, Slot
from model.transfer import ical, markdown

TODAY = date(2026, 11, 20)


def people(store):
    tanaka = Contact(name="田中 一郎", reading="たなか いちろう", company="田中製作所", tier="deep")
    ada = Contact(name="Ada Lovelace", tier="active", relation="mentor")
    quiet = Contact(name="Network Person", tier="network")
    store.add_many([tanaka, ada, quiet])
    return tanaka, ada, quiet


def events(raw: bytes) -> dict[str, object]:
    cal = Calendar.from_ical(raw)
    return {str(ev["UID"]): ev for ev in cal.walk("VEVENT")}


def test_ics_has_open_promises_and_follow_ups_with_stable_uids(store):
    tanaka, ada, quiet = people(store)
    secret = Interaction(date="2026-11-01", contacts=(tanaka.id,), scope="confidential", text="merger")
    mine = Promise(owner="me", contact=tanaka.id, text="見積もりを送る", due="2026-11-25")
    theirs = Promise(owner="them", contact=ada.id, text="Intro to Sato", due="2026-11-22",
                     interaction=secret.id)
    done = Promise(owner="me", contact=ada.id, text="Old", due="2026-10-01", status="kept",
                   resolved="2026-10-01")
    touch = Interaction(date="2026-10-01", contacts=(ada.id,), text="coffee")
    store.add_many([secret, mine, theirs, done, touch])
    raw = ical.export(store, TODAY)
    evs = events(raw)
    assert set(evs) == {f"promise-{mine.id}@kizuna", f"promise-{theirs.id}@kizuna",
                        f"follow-up-{tanaka.id}@kizuna", f"follow-up-{ada.id}@kizuna"}
    ev = evs[f"promise-{mine.id}@kizuna"]
    assert str(ev["SUMMARY"]) == "Promise to 田中 一郎: 見積もりを送る"
    assert ev.decoded("DTSTART") == date(2026, 11, 25)
    assert ev.decoded("DTEND") == date(2026, 11, 26)
    # captured in a confidential note: no text unless asked
    assert str(evs[f"promise-{theirs.id}@kizuna"]["SUMMARY"]) == "Ada Lovelace promised: (confidential)"
    assert "Intro to Sato" in ical.export(store, TODAY, include_confidential=True).decode()
    assert all("VALUE=DATE" in line for line in raw.decode().splitlines() if line.startswith("DTSTART"))
    # the same store exports the same bytes: subscribers see no churn
    assert ical.export(store, TODAY) == raw


def test_ics_moved_due_date_keeps_the_uid(store):
    tanaka, _, _ = people(store)
    p = store.add(Promise(owner="me", contact=tanaka.id, text="call back", due="2026-11-25"))
    first = events(ical.export(store, TODAY))[f"promise-{p.id}@kizuna"]
    store.put(p.touched(due="2026-12-02", history=({"on": "2026-11-20", "from": "2026-11-25",
                                                    "to": "2026-12-02", "reason": ""},)))
    second = events(ical.export(store, TODAY))[f"promise-{p.id}@kizuna"]
    assert second.decoded("DTSTART") == date(2026, 12, 2)
    assert second.decoded("DTSTAMP") >= first.decoded("DTSTAMP")
    assert int(second["SEQUENCE"]) == 1


def test_ics_follow_ups_come_after_the_last_touch(store):
    tanaka, ada, quiet = people(store)
    store.add(Interaction(date="2026-10-01", contacts=(ada.id,), text="coffee"))
    evs = events(ical.export(store, TODAY))
    assert f"follow-up-{quiet.id}@kizuna" not in evs  # network people have no cadence
    assert evs[f"follow-up-{ada.id}@kizuna"].decoded("DTSTART") > date(2026, 10, 1)


def test_markdown_month_review(store):
    tanaka, ada, quiet = people(store)
    deep = Interaction(date="2026-11-04", contacts=(tanaka.id,), kind="meeting", depth="deep",
                       text="工場見学 | plant tour")
    secret = Interaction(date="2026-11-05", contacts=(tanaka.id,), scope="confidential", text="merger talk")
    kept = Promise(owner="me", contact=tanaka.id, text="send the deck", due="2026-11-10",
                   status="kept", resolved="2026-11-08")
    store.add_many([deep, secret, kept, FocusPlan(
        month="2026-11", challenge="Find a factory partner", purpose="product development",
        slots=(Slot("customer", tanaka.id, "plant | tour"), Slot("mentor", ada.id, "advice"),
               Slot("cross-industry", None, "")),
        review="Tanaka said yes.")])
    text = markdown.export(store, "2026-11", TODAY)
    assert text.startswith("# Focus: November 2026\n")
    assert "**Challenge:** Find a factory partner" in text
    assert "**Deep conversations held:** 1 of 2" in text
    assert "| 1 | customer | 田中 一郎 | plant \\| tour | 2026-11-04 | 1 | 0 | 0 |" in text
    assert "| 2 | mentor | Ada Lovelace | advice | not yet | 0 | 0 | 0 |" in text
    assert "| 3 | cross-industry | (empty) |" in text
    assert "## 1. 田中 一郎 (田中製作所)\n\nIntent: plant | tour" in text
    assert "- 2026-11-04 meeting (deep): 工場見学 | plant tour" in text
    assert "- Kept: I promised send the deck (2026-11-08)" in text
    assert "merger talk" not in text and "(1 confidential note not exported)" in text
    assert "## Review\n\nTanaka said yes." in text
    assert "merger talk" in markdown.export(store, "2026-11", TODAY, include_confidential=True)


def test_markdown_month_without_a_plan(store):
    assert "No focus plan for 2026-10." in markdown.export(store, "2026-10", TODAY)


def test_ics_promise_for_a_removed_person_still_exports(store):
    tanaka, _, _ = people(store)
    p = store.add(Promise(owner="me", contact=tanaka.id, text="x", due="2026-11-25"))
    store.remove(replace(tanaka))
    assert "someone removed" in ical.export(store, TODAY).decode()
    assert f"promise-{p.id}@kizuna" in ical.export(store, TODAY).decode()
