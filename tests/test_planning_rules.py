"""The planning rules stated at their edges, one test per rule.

Each of these was a rule slip that the rest of the suite let pass (found with mutation
testing, ``scripts/mutate.sh``): a cap reported full at 5 of 5, counts that stop at one,
a person hidden behind another in a loop, a note dated next week treated as done.
"""

from __future__ import annotations

from datetime import date

import pytest

from model.capture.dates import DateWordError, describe_date, parse_due, read_date
from model.planning import Book
from model.planning.caps import Candidate, TierCheck, over_cap, room_candidates, tier_change
from model.planning.due import due_list
from model.planning.trust import Reliability, balances, promise_outcome, reliability, trust
from model.records import Contact, FocusPlan, Interaction, Promise, Settings, Slot

TODAY = date(2026, 11, 26)  # a Thursday; November ends on Monday the 30th


def person(name: str, tier: str = "network", created: str = "2026-01-01", **kw) -> Contact:
    return Contact(name=name, tier=tier, created=f"{created}T09:00:00+00:00",
                   updated=f"{created}T09:00:00+00:00", **kw)


def talk(day: str, *people: Contact, depth: str = "touch", kind: str = "meeting") -> Interaction:
    return Interaction(date=day, contacts=tuple(p.id for p in people), depth=depth, kind=kind)


# -- caps ----------------------------------------------------------------------------------


def test_a_tier_exactly_at_its_cap_is_full_but_not_over_it() -> None:
    deep = [person(f"D{i}", "deep") for i in range(5)]
    active = [person(f"A{i}", "active") for i in range(16)]
    book = Book([*deep, *active], [], [])
    assert over_cap(book) == {"active": (16, 15)}  # deep holds 5 of 5: full, not over
    assert over_cap(Book(deep, [], [], settings=Settings(deep_cap=4))) == {"deep": (5, 4)}


def test_every_answer_of_tier_change_says_exactly_what_and_from_where() -> None:
    ann, bob = person("Ann", "active"), person("Bob", "network")
    book = Book([ann, bob], [], [])
    assert tier_change(book, ann.id, "best") == TierCheck(
        False, "'best' is not a tier (deep, active, network, archived)", (), "", "best")
    assert tier_change(book, ann.id, "active") == TierCheck(True, "Ann is already in active", (), "active", "active")
    assert tier_change(book, bob.id, "active") == TierCheck(True, "Bob: network -> active (up)", (), "network", "active")
    assert tier_change(book, ann.id, "network") == TierCheck(True, "Ann: active -> network (down)", (),
                                                             "active", "network")
    assert tier_change(book, ann.id, "network").to_dict() == {
        "allowed": True, "message": "Ann: active -> network (down)", "old_tier": "active",
        "new_tier": "network", "candidates": []}


def test_a_refusal_lists_everyone_in_the_full_tier_with_their_facts() -> None:
    aoki, baba, new = person("Aoki", "deep"), person("Baba", "deep"), person("New", "active")
    broken = Promise(owner="me", contact=aoki.id, text="x", due="2026-10-01", status="broken", resolved="2026-10-02")
    book = Book([aoki, baba, new], [talk("2026-11-01", aoki, depth="deep"), talk("2026-06-01", baba, depth="deep"),
                                    talk("2026-12-01", aoki, depth="deep")],  # planned: not held yet
                [broken], settings=Settings(deep_cap=2))
    check = tier_change(book, new.id, "deep", TODAY)
    assert check.to_dict() == {
        "allowed": False,
        "message": "cannot move New to deep: deep is full (2 of 2). To make room, move one of them to active "
                   "first: Baba (longest without a deep conversation: 178 days, last one 2026-06-01), "
                   "or Aoki (lowest trust balance: -5).",
        "old_tier": "active", "new_tier": "deep",
        "candidates": [
            {"contact": baba.id, "name": "Baba", "last_deep": "2026-06-01", "days_since_deep": 178, "balance": 0,
             "reasons": ["longest without a deep conversation: 178 days, last one 2026-06-01"]},
            {"contact": aoki.id, "name": "Aoki", "last_deep": "2026-11-01", "days_since_deep": 25, "balance": -5,
             "reasons": ["lowest trust balance: -5"]},
        ]}
    assert check.candidates[1] == Candidate(aoki.id, "Aoki", date(2026, 11, 1), 25, -5,
                                            ("lowest trust balance: -5",))


def test_the_lowest_balance_tie_goes_to_the_one_longest_without_a_deep_talk() -> None:
    a, b, c = person("Aoki", "deep"), person("Baba", "deep"), person("Chiba", "deep")
    # Aoki and Baba both at 0; Baba never had a deep talk, Chiba has the highest balance
    intro = Interaction(date="2026-11-02", contacts=(c.id,), kind="intro made")
    cands = room_candidates(Book([a, b, c], [talk("2026-11-01", a, depth="deep"),
                                             talk("2026-10-01", c, depth="deep"), intro], []), "deep", TODAY)
    assert [(x.name, x.reasons) for x in cands] == [
        ("Baba", ("longest without a deep conversation: none on record", "lowest trust balance: +0")),
        ("Chiba", ()), ("Aoki", ())]


# -- trust ---------------------------------------------------------------------------------


def theirs(who: Contact, due: str, status: str = "open", resolved: str | None = None, **kw) -> Promise:
    return Promise(owner="them", contact=who.id, text="t", due=due, status=status, resolved=resolved, **kw)


def test_reliability_counts_every_promise_of_theirs() -> None:
    kim = person("Kim")
    mine = Promise(owner="me", contact=kim.id, text="m", due="2026-11-01")  # first, and not theirs
    promises = [
        mine,
        theirs(kim, "2026-10-01", "kept", "2026-09-30"), theirs(kim, "2026-10-02", "kept", "2026-10-02"),
        theirs(kim, "2026-10-01", "kept", "2026-10-05"), theirs(kim, "2026-10-01", "kept", "2026-10-09"),
        theirs(kim, "2026-10-01", "broken", "2026-10-03"), theirs(kim, "2026-10-01", "broken", "2026-10-04"),
        theirs(kim, "2026-11-01"), theirs(kim, "2026-11-02"),  # overdue
        theirs(kim, "2026-12-01", "dropped", "2026-11-01"),  # dropped early, by agreement
        theirs(kim, "2026-11-10", "dropped", "2026-11-26"),  # dropped late, today
        theirs(kim, "2026-12-01", "dropped", "2026-11-26"),  # dropped early, today
        theirs(kim, "2026-12-01"), theirs(kim, "2026-12-02"),  # open, not yet due
        theirs(kim, "2026-12-01", "dropped", "2026-11-27"),  # dropped tomorrow: open today
    ]
    got = reliability(Book([kim], [], promises), kim.id, TODAY)
    assert got == Reliability(kept_on_time=2, kept_late=2, broken=2, overdue=2, dropped=3, open=3)
    assert got.to_dict() == {"kept_on_time": 2, "kept_late": 2, "broken": 2, "overdue": 2, "dropped": 3,
                             "open": 3, "rate": 0.25,
                             "summary": "2 of 8 kept on time, 2 late, 2 broken, 2 overdue, 3 open"}


def test_dropped_on_its_due_date_is_not_late_and_a_day_after_is() -> None:
    kim = person("Kim")
    on_the_day = Promise(contact=kim.id, text="x", due="2026-11-20", status="dropped", resolved="2026-11-20")
    day_after = Promise(contact=kim.id, text="x", due="2026-11-20", status="dropped", resolved="2026-11-21")
    assert promise_outcome(on_the_day, TODAY) is None
    assert promise_outcome(day_after, TODAY) == "dropped late"


def test_a_promise_kept_after_the_day_judged_was_overdue_on_its_due_date() -> None:
    kim = person("Kim")
    kept_later = Promise(contact=kim.id, text="deck", due="2026-11-20", status="kept", resolved="2026-12-01")
    report = trust(Book([kim], [], [kept_later]), kim.id, TODAY)
    assert [(e.date, e.what, e.weight) for e in report.entries] == [(date(2026, 11, 20), "overdue", -2)]


def test_each_kind_of_entry_is_counted_and_the_report_names_its_person() -> None:
    kim, lee = person("Kim"), person("Lee")
    notes = [Interaction(date=d, contacts=(kim.id,), kind=k, text=k) for d, k in (
        ("2026-11-01", "help received"), ("2026-11-02", "help received"), ("2026-11-03", "help given"),
        ("2026-11-04", "intro made"), ("2026-11-05", "value shared"), ("2026-12-01", "help given"))]
    book = Book([kim, lee], notes, [])
    report = trust(book, kim.id, TODAY)
    assert (report.contact_id, report.balance, report.given, report.received) == (kim.id, 6, 3, 2)
    assert report.to_dict()["contact"] == kim.id
    assert balances(book, [kim.id, lee.id], TODAY) == {kim.id: 6, lee.id: 0}


# -- dates ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("today", "monday"), [
    (date(2026, 11, 23), date(2026, 11, 30)),  # a Monday: the next one, not today
    (date(2026, 11, 26), date(2026, 11, 30)),
    (date(2026, 11, 29), date(2026, 11, 30)),  # a Sunday: tomorrow
])
def test_next_week_and_来週_are_the_coming_monday(today: date, monday: date) -> None:
    assert read_date(["来週"], today, "future") == monday
    assert read_date(["next", "week"], today, "future") == monday
    assert parse_due("next week", today) == monday
    assert read_date(["next", "fri"], today, "future") == monday + (date(2026, 12, 4) - date(2026, 11, 30))


def test_月末_and_eom_are_the_last_day_of_the_month() -> None:
    assert read_date(["月末"], date(2026, 2, 10), "future") == date(2026, 2, 28)
    assert read_date(["eom"], TODAY, "future") == date(2026, 11, 30)


def test_a_bare_span_is_from_today() -> None:
    assert parse_due("2w", TODAY) == date(2026, 12, 10)
    assert parse_due("10d", TODAY) == date(2026, 12, 6)
    assert parse_due("+1m", TODAY) == date(2026, 12, 26)


def test_what_is_not_a_date_says_so_in_one_line() -> None:
    with pytest.raises(DateWordError, match=r"^say when, e\.g\. today, "):
        parse_due("  ", TODAY)
    with pytest.raises(DateWordError, match=r"^'soonish' is not a date I can read; try today, "):
        parse_due("soonish ", TODAY)
    with pytest.raises(DateWordError, match=r"^\+2m is too far away$"):
        read_date(["+2m"], date(9999, 12, 1), "future")
    with pytest.raises(DateWordError, match=r"^13/1 is not a date: 13 is not a month"):
        parse_due("13/1", TODAY)
    with pytest.raises(DateWordError, match=r"^1/32 is not a date: 32 is not a day of the month$"):
        parse_due("1/32", TODAY)
    with pytest.raises(DateWordError, match=r"^Feb 30 is not a date: 2/30 does not exist$"):
        read_date(["Feb", "30"], TODAY, "future")
    assert read_date(["next", "week now"], TODAY, "future") is None  # three words are not a pair


def test_a_date_is_described_by_its_distance_from_today() -> None:
    assert [describe_date(date(2026, 11, d), TODAY) for d in (23, 25, 26, 27, 29)] == [
        "2026-11-23 Mon (3 days ago)", "2026-11-25 Wed (yesterday)", "2026-11-26 Thu (today)",
        "2026-11-27 Fri (tomorrow)", "2026-11-29 Sun (in 3 days)"]


# -- the due list --------------------------------------------------------------------------


def due_scenario(need: int = 1) -> Book:
    """One of each case, in an order where a loop that stops early hides the rest."""
    archived = person("Archie", "archived")  # no cadence
    fresh = person("Fresh", "active")  # touched last week: not due
    held = person("Held", "active")  # focus, had their deep talk today
    snoozed = person("Snoozy", "active", snoozed_until="2026-11-29", snooze_reason="travelling")  # focus
    later = person("Later", "active", snoozed_until="2026-12-15")  # focus, snoozed past the month
    never = person("Never", "active")  # focus, never a deep talk (one planned next week)
    lastm = person("Lastmonth", "active")  # focus, deep talk last month
    ahead = person("Ahead", "active")  # only a note dated next week
    ended = person("Ended", "active", snoozed_until="2026-11-26")  # snooze ends today
    stale = person("Stale", "active", snoozed_until="2026-03-01", snooze_reason="old")  # snooze long over
    coming = person("Coming", "active")  # due the day Snoozy's snooze ends
    daily = person("Daily", "network", cadence_days=1)  # opted in: every day
    resting = person("Resting", "active", snoozed_until="2026-11-28")  # snoozed past its cadence
    abe, zed = person("Abe"), person("Zed")
    people = [archived, fresh, held, snoozed, later, never, lastm, ahead, ended, stale, coming, daily, resting,
              abe, zed]
    talks = [talk("2026-11-20", fresh), talk("2026-11-26", held, depth="deep"), talk("2026-11-20", later),
             talk("2026-12-02", never, depth="deep"), talk("2026-10-20", lastm, depth="deep"),
             talk("2026-11-25", lastm), talk("2026-12-01", ahead), talk("2026-08-28", ended),
             talk("2026-08-01", stale), talk("2026-08-31", coming), talk("2026-11-25", daily),
             talk("2026-08-01", resting)]
    once = ({"on": "2026-11-19", "from": "2026-11-20", "to": "2026-11-29", "reason": "x"},)
    twice = ({"on": "2026-11-09", "from": "2026-11-10", "to": "2026-11-20", "reason": "x"},
             {"on": "2026-11-19", "from": "2026-11-20", "to": "2026-11-25", "reason": "y"})
    promises = [
        Promise(owner="them", contact=abe.id, text="an intro", due="2026-11-29"),
        Promise(owner="me", contact=zed.id, text="the deck", due="2026-11-29", original_due="2026-11-20",
                history=once),
        Promise(owner="me", contact=zed.id, text="a call", due="2026-11-25", original_due="2026-11-10",
                history=twice),
        Promise(owner="them", contact=abe.id, text="the figures", due="2026-11-26"),
        Promise(owner="me", contact=zed.id, text="a note", due="2026-11-26"),
        Promise(owner="me", contact=abe.id, text="a book", due="2026-11-27"),
    ]
    plan = FocusPlan(month="2026-11", slots=tuple(Slot(contact=p.id) for p in (held, snoozed, later, lastm, never)))
    return Book(people, talks, promises, [plan], Settings(focus_deep_per_month=need))


def shown(book: Book) -> list[tuple]:
    names = {c.id: c.name for c in book.contacts()}
    texts = {p.id: p.text for p in book.promises()}
    return [(i.section, i.kind, names[i.contact_id], texts.get(i.promise_id), i.owner, i.name, i.title, i.detail,
             i.due.isoformat(), i.days) for i in due_list(book, TODAY)]


def test_the_due_list_shows_each_case_in_its_place() -> None:
    assert shown(due_scenario()) == [
        ("overdue", "promise", "Zed", "a call", "me", "Zed", "I promised Zed: a call",
         "1 day overdue (Wed 2026-11-25), rescheduled 2 times, first due 2026-11-10", "2026-11-25", -1),
        ("today", "promise", "Zed", "a note", "me", "Zed", "I promised Zed: a note",
         "due today (Thu 2026-11-26)", "2026-11-26", 0),
        ("today", "promise", "Abe", "the figures", "them", "Abe", "Abe promised: the figures",
         "due today (Thu 2026-11-26)", "2026-11-26", 0),
        # focus: longest without a deep talk first; a deep talk planned next week is not held
        ("focus", "focus", "Never", None, None, "Never", "Never: a deep conversation this month",
         "4 days left in November; no deep conversation on record", "2026-11-30", 4),
        ("focus", "focus", "Lastmonth", None, None, "Lastmonth", "Lastmonth: a deep conversation this month",
         "4 days left in November; last deep conversation 2026-10-20 (37 days ago)", "2026-11-30", 4),
        # cadence: a note dated next week is no touch yet; a snooze long over says nothing
        ("cadence", "cadence", "Ahead", None, None, "Ahead", "Ahead: touch base (active, every 90 days)",
         "239 days overdue; no touch on record since added 2026-01-01", "2026-04-01", -239),
        ("cadence", "cadence", "Stale", None, None, "Stale", "Stale: touch base (active, every 90 days)",
         "27 days overdue; last touch 2026-08-01 (117 days ago)", "2026-10-30", -27),
        ("cadence", "cadence", "Daily", None, None, "Daily", "Daily: touch base (network, every day)",
         "due today; last touch 2026-11-25 (yesterday)", "2026-11-26", 0),
        ("cadence", "cadence", "Ended", None, None, "Ended", "Ended: touch base (active, every 90 days)",
         "snooze ended 2026-11-26 (no reason); due today; last touch 2026-08-28 (90 days ago)", "2026-11-26", 0),
        # coming up: by date; on one day my promises, theirs, focus snoozes, then cadences
        ("upcoming", "promise", "Abe", "a book", "me", "Abe", "I promised Abe: a book",
         "due tomorrow (Fri 2026-11-27)", "2026-11-27", 1),
        ("upcoming", "cadence", "Resting", None, None, "Resting", "Resting: touch base (active, every 90 days)",
         "snoozed until 2026-11-28 (no reason); due in 2 days; last touch 2026-08-01 (117 days ago)",
         "2026-11-28", 2),
        ("upcoming", "promise", "Zed", "the deck", "me", "Zed", "I promised Zed: the deck",
         "due in 3 days (Sun 2026-11-29), rescheduled 1 time, first due 2026-11-20", "2026-11-29", 3),
        ("upcoming", "promise", "Abe", "an intro", "them", "Abe", "Abe promised: an intro",
         "due in 3 days (Sun 2026-11-29)", "2026-11-29", 3),
        ("upcoming", "focus", "Snoozy", None, None, "Snoozy", "Snoozy: a deep conversation this month",
         "snoozed until 2026-11-29 (travelling); 4 days left in November; no deep conversation on record",
         "2026-11-29", 3),
        ("upcoming", "cadence", "Coming", None, None, "Coming", "Coming: touch base (active, every 90 days)",
         "due in 3 days; last touch 2026-08-31 (87 days ago)", "2026-11-29", 3),
    ]


def test_with_two_deep_talks_a_month_the_focus_lines_count_them() -> None:
    focus = [row[7] for row in shown(due_scenario(need=2)) if row[1] == "focus"]
    assert focus == [
        "0 of 2 held, 4 days left in November; no deep conversation on record",
        "0 of 2 held, 4 days left in November; last deep conversation 2026-10-20 (37 days ago)",
        "1 of 2 held, 4 days left in November; last deep conversation 2026-11-26 (today)",
        "snoozed until 2026-11-29 (travelling); 0 of 2 held, 4 days left in November; "
        "no deep conversation on record",
    ]
