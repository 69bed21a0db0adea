"""Cadence and the due list: hand-built records, fixed dates, month and year edges."""

from __future__ import annotations

from datetime import date

from model.planning import Book
from model.planning.due import SECTIONS, cadence_days, due_list, grouped, touch_due
from model.records import Contact, FocusPlan, Interaction, Promise, Settings, Slot


def person(name: str, tier: str = "network", created: str = "2026-01-01", **kw) -> Contact:
    return Contact(name=name, tier=tier, created=f"{created}T09:00:00+00:00",
                   updated=f"{created}T09:00:00+00:00", **kw)


def talk(day: str, *people: Contact, depth: str = "touch", kind: str = "meeting") -> Interaction:
    return Interaction(date=day, contacts=tuple(p.id for p in people), depth=depth, kind=kind)


def promise(who: Contact, due: str, owner: str = "me", text: str = "send the deck", **kw) -> Promise:
    return Promise(owner=owner, contact=who.id, text=text, due=due, **kw)


def focus(month: str, *people: Contact) -> FocusPlan:
    return FocusPlan(month=month, slots=tuple(Slot(contact=p.id) for p in people))


def sections(items) -> list[tuple[str, str]]:
    return [(i.section, i.name) for i in items]


def test_the_order_of_the_due_list() -> None:
    today = date(2026, 11, 26)
    me_late, they_late, due_now, focus_p, stale, soon, born = (
        person("Mine Late"), person("Their Late"), person("Today"), person("Focus", "active"),
        person("Stale", "active"), person("Soon"), person("Born", birthday="--11-28"))
    items = due_list(Book(
        [me_late, they_late, due_now, focus_p, stale, soon, born],
        [talk("2026-08-01", stale), talk("2026-11-20", focus_p)],
        [promise(me_late, "2026-11-20"), promise(they_late, "2026-11-19", owner="them"),
         promise(due_now, "2026-11-26", owner="them", text="intro"),
         promise(due_now, "2026-11-26", text="call back"),
         promise(soon, "2026-12-03")],
        [focus("2026-11", focus_p)]), today)
    assert [(i.section, i.name, i.owner) for i in items] == [
        ("overdue", "Mine Late", "me"),
        ("today", "Today", "me"),
        ("today", "Today", "them"),
        ("chase", "Their Late", "them"),
        ("focus", "Focus", None),
        ("cadence", "Stale", None),
        ("birthday", "Born", None),
        ("upcoming", "Soon", "me"),
    ]
    assert items[0].days == -6 and "6 days overdue" in items[0].detail
    assert items[0].title == "I promised Mine Late: send the deck"
    assert items[3].title == "Their Late promised: send the deck"
    assert items[-1].days == 7  # the horizon's last day is included
    assert [s for s, _ in grouped(items)] == [s for s in SECTIONS if s != "caps"]


def test_most_overdue_first_in_every_overdue_section() -> None:
    today = date(2026, 6, 30)
    a, b, c, d = (person(n, "active") for n in ("A", "B", "C", "D"))
    items = due_list(Book([a, b, c, d], [talk("2026-03-01", a), talk("2026-01-15", b)],
                          [promise(c, "2026-06-20"), promise(d, "2026-05-01")]), today)
    # C and D were never touched: the clock started when they were added (Jan 1),
    # so they fell due on Apr 1, before B (Jan 15 + 90) and A (Mar 1 + 90).
    assert sections(items) == [("overdue", "D"), ("overdue", "C"), ("cadence", "C"),
                               ("cadence", "D"), ("cadence", "B"), ("cadence", "A")]
    assert "no touch on record since added 2026-01-01" in items[2].detail
    assert [i.days for i in items[2:]] == [-90, -90, -76, -31]


def test_focus_needs_a_deep_conversation_and_a_touch_does_not_count() -> None:
    a = person("Aoki", "deep")
    today = date(2026, 3, 20)
    book = Book([a], [talk("2026-03-02", a), talk("2026-03-10", a, kind="meal")], [],
                [focus("2026-03", a)])
    [item] = due_list(book, today)
    assert (item.section, item.kind, item.due, item.days) == ("focus", "focus", date(2026, 3, 31), 11)
    assert "11 days left in March" in item.detail
    assert "no deep conversation on record" in item.detail
    deep_book = Book([a], [talk("2026-03-02", a, depth="deep")], [], [focus("2026-03", a)])
    assert due_list(deep_book, today) == []


def test_a_deep_conversation_on_the_last_day_counts_for_that_month_only() -> None:
    a = person("Aoki")
    book = Book([a], [talk("2026-01-31", a, depth="deep")], [],
                [focus("2026-01", a), focus("2026-02", a)])
    assert due_list(book, date(2026, 1, 31)) == []
    [item] = due_list(book, date(2026, 2, 1))
    assert item.section == "focus" and item.due == date(2026, 2, 28) and item.days == 27
    assert "last deep conversation 2026-01-31 (yesterday)" in item.detail


def test_planning_for_a_past_date_ignores_later_conversations() -> None:
    a = person("Aoki")
    book = Book([a], [talk("2026-01-20", a, depth="deep")], [], [focus("2026-01", a)])
    [item] = due_list(book, date(2026, 1, 10))
    assert item.section == "focus"
    assert due_list(book, date(2026, 1, 20)) == []


def test_leap_day_and_the_last_day_of_february() -> None:
    a = person("Aoki")
    book = Book([a], [], [promise(a, "2028-02-29")], [focus("2028-02", a)])
    items = due_list(book, date(2028, 2, 29))
    assert [(i.section, i.kind) for i in items] == [("today", "promise"), ("focus", "focus")]
    assert items[1].days == 0 and "last day of the month" in items[1].detail
    items = due_list(book, date(2028, 2, 22))
    assert [(i.section, i.days) for i in items] == [("focus", 7), ("upcoming", 7)]


def test_year_rollover_for_promises_and_cadence() -> None:
    a = person("Aoki", "active", created="2025-01-01")
    book = Book([a], [talk("2025-10-05", a)], [promise(a, "2027-01-02")])
    items = due_list(book, date(2026, 12, 30))
    # 2025-10-05 + 90 days = 2026-01-03, long past; the promise is 3 days ahead, across the year.
    assert [(i.section, i.due) for i in items] == [
        ("cadence", date(2026, 1, 3)), ("upcoming", date(2027, 1, 2))]
    assert items[1].days == 3


def test_a_promise_due_on_the_31st() -> None:
    a = person("Aoki")
    book = Book([a], [], [promise(a, "2026-10-31")])
    assert [i.section for i in due_list(book, date(2026, 10, 30))] == ["upcoming"]
    assert [i.section for i in due_list(book, date(2026, 10, 31))] == ["today"]
    [late] = due_list(book, date(2026, 11, 1))
    assert (late.section, late.days) == ("overdue", -1) and "1 day overdue" in late.detail


def test_resolved_promises_are_not_due() -> None:
    a = person("Aoki")
    book = Book([a], [], [promise(a, "2026-10-01", status="kept", resolved="2026-10-01"),
                          promise(a, "2026-10-01", status="dropped", resolved="2026-10-02")])
    assert due_list(book, date(2026, 11, 1)) == []


def test_rescheduled_promise_says_so() -> None:
    a = person("Aoki")
    p = promise(a, "2026-10-20", original_due="2026-10-01",
                history=({"on": "2026-09-30", "from": "2026-10-01", "to": "2026-10-20", "reason": ""},))
    [item] = due_list(Book([a], [], [p]), date(2026, 10, 22))
    assert item.section == "overdue" and item.days == -2
    assert "rescheduled 1 time, first due 2026-10-01" in item.detail


def test_cadence_per_tier_and_per_person() -> None:
    s = Settings()
    assert cadence_days(person("A", "deep"), s) == 30  # A11: a deep conversation a month
    assert cadence_days(person("A", "active"), s) == 90  # A11: a touch a quarter
    assert cadence_days(person("A", "network"), s) is None
    assert cadence_days(person("A", "network", cadence_days=30), s) == 30
    assert cadence_days(person("A", "archived", cadence_days=30), s) is None
    assert cadence_days(person("A", "active"), Settings(touch_cadence_days=60)) == 60
    assert cadence_days(person("A", "deep"), Settings(deep_cadence_days=14)) == 14


def test_the_deep_tier_needs_a_deep_conversation_a_touch_does_not_do() -> None:
    a = person("Aoki", "deep", next_step="propose a joint pilot")
    b = person("Baba", "active")
    notes = [talk("2026-05-01", a, depth="deep"), talk("2026-05-25", a), talk("2026-05-25", b)]
    book = Book([a, b], notes, [])
    assert touch_due(book, a, date(2026, 6, 1)) == (date(2026, 5, 31), date(2026, 5, 1))
    [item] = due_list(book, date(2026, 6, 1))
    assert (item.section, item.name, item.days) == ("cadence", "Aoki", -1)
    assert item.title == "Aoki: a deep conversation (deep, every 30 days)"
    assert "last deep conversation 2026-05-01" in item.detail
    assert item.detail.endswith("next step: propose a joint pilot")  # what to talk about


def test_cadence_is_a_rolling_number_of_days() -> None:
    a = person("Aoki", "active")
    b = person("Baba", "network", cadence_days=14)
    its = [talk("2026-03-31", a), talk("2026-06-20", b, kind="message")]
    book = Book([a, b], its, [])
    assert touch_due(book, a, date(2026, 6, 1)) == (date(2026, 6, 29), date(2026, 3, 31))
    assert due_list(book, date(2026, 6, 21)) == []
    items = due_list(book, date(2026, 6, 22))
    assert [(i.section, i.name, i.days) for i in items] == [("upcoming", "Aoki", 7)]
    items = due_list(book, date(2026, 6, 29))
    assert [(i.section, i.name, i.days) for i in items] == [("cadence", "Aoki", 0), ("upcoming", "Baba", 5)]


def test_log_entries_never_reset_the_cadence() -> None:
    a = person("Aoki", "active")
    book = Book([a], [talk("2026-01-02", a), talk("2026-05-01", a, kind="log")], [])
    [item] = due_list(book, date(2026, 5, 2))
    assert item.section == "cadence" and item.due == date(2026, 4, 2)


def test_snoozed_person_leaves_the_list_and_comes_back() -> None:
    a = person("Aoki", "active", snoozed_until="2026-06-10", snooze_reason="travelling")
    book = Book([a], [talk("2026-01-02", a)], [])
    # Due since Apr 2, but snoozed: off the list while the snooze ends beyond the horizon.
    assert due_list(book, date(2026, 6, 2)) == []
    [soon] = due_list(book, date(2026, 6, 5))
    assert soon.section == "upcoming" and "snoozed until 2026-06-10 (travelling)" in soon.detail
    [back] = due_list(book, date(2026, 6, 10))
    assert back.section == "cadence" and "snooze ended 2026-06-10" in back.detail


def test_snoozed_focus_person_waits_and_comes_back() -> None:
    a = person("Aoki", snoozed_until="2026-03-20", snooze_reason="after the fair")
    book = Book([a], [], [], [focus("2026-03", a)])
    assert due_list(book, date(2026, 3, 5)) == []
    [soon] = due_list(book, date(2026, 3, 15))
    assert soon.section == "upcoming" and soon.kind == "focus"
    [back] = due_list(book, date(2026, 3, 20))
    assert back.section == "focus" and back.days == 11


def test_a_focus_person_past_cadence_is_listed_once_under_focus() -> None:
    a = person("Aoki", "deep")
    book = Book([a], [talk("2026-01-02", a)], [], [focus("2026-09", a)])
    [item] = due_list(book, date(2026, 9, 1))
    assert item.section == "focus"


def test_archived_and_network_people_have_no_cadence() -> None:
    a, b = person("Aoki", "archived"), person("Baba", "network")
    assert due_list(Book([a, b], [], []), date(2027, 1, 1)) == []


def test_their_promises_to_archived_or_deleted_people_still_show() -> None:
    a = person("Aoki", "archived")
    gone = person("Gone")
    book = Book([a], [], [promise(a, "2026-01-01", owner="them"), promise(gone, "2026-01-02")])
    items = due_list(book, date(2026, 1, 5))
    assert [(i.section, i.name) for i in items] == [("overdue", "(someone deleted)"), ("chase", "Aoki")]


def test_more_than_one_deep_conversation_a_month_when_set() -> None:
    a = person("Aoki")
    book = Book([a], [talk("2026-04-02", a, depth="deep")], [], [focus("2026-04", a)],
                Settings(focus_deep_per_month=2))
    [item] = due_list(book, date(2026, 4, 10))
    assert "1 of 2 held" in item.detail


def test_horizon_zero_shows_nothing_ahead_and_json_shape() -> None:
    a = person("佐藤 健")
    book = Book([a], [], [promise(a, "2026-04-02", text="資料を送る")])
    assert due_list(book, date(2026, 4, 1), horizon=0) == []
    [item] = due_list(book, date(2026, 4, 1))
    d = item.to_dict()
    assert d["due"] == "2026-04-02" and d["days"] == 1 and d["name"] == "佐藤 健"
    assert d["title"] == "I promised 佐藤 健: 資料を送る" and d["promise"] and d["owner"] == "me"


def test_birthdays_in_the_coming_week_are_on_the_due_list() -> None:
    from model.planning.due import next_birthday

    a = person("Aoki", birthday="1980-12-31")
    b = person("Baba", birthday="--01-02")
    c = person("Chiba", "archived", birthday="--12-30")
    leap = person("Doi", birthday="2000-02-29")
    book = Book([a, b, c, leap], [], [])
    items = due_list(book, date(2026, 12, 28))
    assert [(i.section, i.kind, i.name, i.days) for i in items] == [
        ("birthday", "birthday", "Aoki", 3), ("birthday", "birthday", "Baba", 5)]  # over the new year
    assert items[0].detail == "Thu 2026-12-31, turns 46"
    assert next_birthday(leap, date(2027, 1, 1)) == date(2027, 2, 28)  # a common year
    assert next_birthday(leap, date(2028, 1, 1)) == date(2028, 2, 29)
    assert next_birthday(person("Endo"), date(2027, 1, 1)) is None


def test_a_focus_person_s_next_step_comes_with_them() -> None:
    f = person("Focus", "active", next_step="ask about the Osaka office", stage="joint work")
    [item] = due_list(Book([f], [], [], [focus("2026-11", f)]), date(2026, 11, 26))
    assert item.section == "focus"
    assert item.detail.endswith("; stage: joint work; next step: ask about the Osaka office")


def test_a_birthday_is_never_an_ics_follow_up() -> None:
    from model.transfer.ical import follow_ups

    a = person("Aoki", "active", birthday="--11-28")
    [f] = follow_ups(Book([a], [talk("2026-11-01", a)], []), date(2026, 11, 26))
    assert f.due == date(2027, 1, 30) and "touch base" in f.why


def test_a_tier_over_its_cap_asks_to_choose_right_after_my_overdue_promises() -> None:
    today = date(2026, 11, 26)
    deep = [person(f"Deep {i}", "deep") for i in range(6)]  # two laptops each filled the fifth place
    late = person("Late")
    talks = [talk(f"2026-11-{10 + i:02d}", p, depth="deep") for i, p in enumerate(deep[1:])]
    book = Book([*deep, late], talks, [promise(late, "2026-11-20"), promise(late, "2026-11-26", owner="them")])
    items = due_list(book, today)
    assert [(i.section, i.kind) for i in items][:3] == [("overdue", "promise"), ("caps", "caps"), ("today", "promise")]
    cap = items[1]
    assert cap.title == "deep holds 6 people, more than its cap of 5: choose who moves down"
    assert cap.contact_id == "" and cap.due == today and cap.days == 0
    assert "move 1 to active" in cap.detail
    assert "longest without a deep conversation: Deep 0 (never), Deep 1 (16 days ago)" in cap.detail
    assert [s for s, _ in grouped(items)][:2] == ["overdue", "caps"]

    within = Book([*deep[:5], late], talks, [])  # one moved down: the item is gone
    assert all(i.section != "caps" for i in due_list(within, today))


def test_both_tiers_over_their_caps_deep_first() -> None:
    people = [person(f"D{i}", "deep") for i in range(3)] + [person(f"A{i}", "active") for i in range(4)]
    items = due_list(Book(people, [], [], [], Settings(deep_cap=2, active_cap=3)), date(2026, 11, 26))
    caps = [i for i in items if i.section == "caps"]
    assert [i.title.split(" holds ")[0] for i in caps] == ["deep", "active"]
    assert "3 people, more than its cap of 2" in caps[0].title and "move 1 to network" in caps[1].detail
    assert items[0].section == "caps"  # nothing overdue: it comes first


def _secret_case():
    """Mori's promises from a confidential, a private and an open note, and one to Emily
    written in Mori's confidential note."""
    mori, emily = person("Mori"), person("Emily")
    secret = Interaction(date="2026-11-20", contacts=(mori.id,), scope="confidential")
    private = Interaction(date="2026-11-20", contacts=(mori.id,), scope="private")
    shared = Interaction(date="2026-11-20", contacts=(mori.id, emily.id), scope="confidential")
    open_ = Interaction(date="2026-11-20", contacts=(mori.id,))
    promises = [promise(mori, "2026-11-27", text="the NDA", interaction=secret.id),
                promise(mori, "2026-11-28", text="the deck", interaction=private.id),
                promise(mori, "2026-11-29", text="a call", interaction=open_.id),
                promise(emily, "2026-11-30", text="the intro", interaction=secret.id),
                promise(emily, "2026-12-01", text="the board", interaction=shared.id)]
    return [mori, emily], [secret, private, shared, open_], promises


def _promise_titles(book: Book) -> list[str]:
    return [i.title for i in due_list(book, date(2026, 11, 26)) if i.kind == "promise"]


MASKED_AS_RULED = ["I promised Mori: [confidential]", "I promised Mori: the deck", "I promised Mori: a call",
                   "I promised Emily: the intro", "I promised Emily: [confidential]"]


def test_a_promise_made_in_a_confidential_note_with_its_person_is_masked() -> None:
    """The due list hides the text of a promise made in a confidential note that has its person
    on it; private and open notes' promises show, and so does one to someone not on that note."""
    assert _promise_titles(Book(*_secret_case())) == MASKED_AS_RULED


def test_a_book_read_from_the_store_index_masks_the_same_promises(tmp_path) -> None:
    """``kizuna today`` (a Book from the store's index) masks exactly what a full Book masks,
    and both find the same confidential notes of a person."""
    from model.store import Store

    store = Store(tmp_path / "kizuna.json")
    people, notes, promises = _secret_case()
    with store.transaction():
        for record in (*people, *notes, *promises):
            store.add(record)
    assert _promise_titles(Book.from_store(Store(store.path), full=False)) == MASKED_AS_RULED
    secret, shared = notes[0].id, notes[2].id
    for book in (Book(people, notes, promises), Book.from_store(Store(store.path), full=False)):
        assert book.confidential_notes([people[0].id]) == {secret, shared}
        assert book.confidential_notes([people[1].id]) == {shared}
    assert Book.from_store(store, full=False).secret_promises([]) == set()


def test_birthdays_of_the_coming_week_say_when_and_the_age_if_the_year_is_known() -> None:
    """A birthday from today to six days on is listed (today, tomorrow, in N days; "turns N"
    when the year is known); seven days on, or an archived person's, is not."""
    today = date(2026, 11, 26)
    people = [person("Today", birthday="--11-26"), person("Tomorrow", birthday="1980-11-27"),
              person("Soon", birthday="--11-28"), person("Last", birthday="--12-02"),
              person("Week", birthday="--12-03"), person("Gone", "archived", birthday="--11-26")]
    items = [i for i in due_list(Book(people, [], []), today) if i.section == "birthday"]
    assert [(i.title, i.detail, i.days, i.due, i.contact_id, i.name) for i in items] == [
        ("Today: birthday today", "Thu 2026-11-26", 0, today, people[0].id, "Today"),
        ("Tomorrow: birthday tomorrow", "Fri 2026-11-27, turns 46", 1, date(2026, 11, 27), people[1].id, "Tomorrow"),
        ("Soon: birthday in 2 days", "Sat 2026-11-28", 2, date(2026, 11, 28), people[2].id, "Soon"),
        ("Last: birthday in 6 days", "Wed 2026-12-02", 6, date(2026, 12, 2), people[3].id, "Last"),
    ]


def test_a_tier_over_its_cap_names_the_three_longest_without_a_deep_talk_as_of_today() -> None:
    """The caps item says how many to move down and names the three people whose last deep
    conversation on or before today is oldest ("never" first); a note dated later does not count."""
    today = date(2026, 11, 26)
    p1, p2, p3, p4, p5 = (person(f"P{i}", "deep") for i in range(1, 6))
    notes = [talk("2026-01-01", p1, depth="deep"), talk("2026-06-01", p2, depth="deep"),
             talk("2026-10-01", p4, depth="deep"), talk("2026-03-01", p5, depth="deep"),
             talk("2026-12-01", p5, depth="deep")]
    items = [i for i in due_list(Book([p1, p2, p3, p4, p5], notes, [], [], Settings(deep_cap=3)), today)
             if i.section == "caps"]
    assert [(i.title, i.detail, i.name, i.owner, i.contact_id) for i in items] == [(
        "deep holds 5 people, more than its cap of 3: choose who moves down",
        "move 2 to active (kizuna tier NAME active, or the contact form); "
        "longest without a deep conversation: P3 (never), P1 (329 days ago), P5 (270 days ago)",
        "", None, "")]


def test_a_due_item_as_json_names_every_field() -> None:
    """``kizuna today --json``: each item is one object with these keys."""
    today = date(2026, 11, 26)
    mori = person("Mori")
    due = promise(mori, "2026-11-29")
    [item] = due_list(Book([mori], [], [due]), today)
    assert item.to_dict() == {
        "section": "upcoming", "kind": "promise", "contact": mori.id, "name": "Mori", "promise": due.id,
        "owner": "me", "title": "I promised Mori: send the deck", "detail": "due in 3 days (Sun 2026-11-29)",
        "due": "2026-11-29", "days": 3}
