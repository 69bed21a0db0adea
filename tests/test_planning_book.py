"""Book: the per-person indexes every planning rule reads."""

from __future__ import annotations

from datetime import date

from model.planning import Book, month_end, month_key, month_start
from model.records import Contact, FocusPlan, Interaction, Promise, Slot


def person(name: str, tier: str = "network") -> Contact:
    return Contact(name=name, tier=tier, created="2026-01-01T09:00:00+00:00",
                   updated="2026-01-01T09:00:00+00:00")


def talk(day: str, *people: Contact, depth: str = "touch", kind: str = "meeting", at: str = "09") -> Interaction:
    return Interaction(date=day, contacts=tuple(p.id for p in people), depth=depth, kind=kind,
                       text=f"{kind} {day}", created=f"{day}T{at}:00:00+00:00")


def test_last_touch_and_last_deep_are_kept_apart() -> None:
    a = person("Aoki")
    book = Book([a], [talk("2026-03-01", a, depth="deep"), talk("2026-05-01", a)], [])
    assert book.last_touch(a.id) == date(2026, 5, 1)
    assert book.last_deep(a.id) == date(2026, 3, 1)  # a touch is never a deep conversation


def test_log_entries_are_on_the_timeline_but_never_a_touch() -> None:
    a = person("Aoki")
    book = Book([a], [talk("2026-03-01", a), talk("2026-06-01", a, kind="log", depth="deep")], [])
    assert book.last_touch(a.id) == date(2026, 3, 1)
    assert book.last_deep(a.id) is None
    assert [i.kind for i in book.timeline(a.id)] == ["log", "meeting"]


def test_timeline_is_newest_first_with_same_day_entries_by_time() -> None:
    a, b = person("Aoki"), person("佐藤 健")
    its = [talk("2026-02-01", a, at="10"), talk("2026-02-03", a, b), talk("2026-02-01", a, at="15")]
    book = Book([a, b], its, [])
    assert [(i.date, i.created[11:13]) for i in book.timeline(a.id)] == [
        ("2026-02-03", "09"), ("2026-02-01", "15"), ("2026-02-01", "10")]
    # One interaction with two people is on both timelines.
    assert [i.date for i in book.timeline(b.id)] == ["2026-02-03"]
    assert book.timeline("nobody") == []


def test_as_of_a_date_later_notes_do_not_count() -> None:
    a = person("Aoki")
    its = [talk("2026-01-10", a, depth="deep"), talk("2026-02-10", a), talk("2026-03-10", a, depth="deep")]
    book = Book([a], its, [])
    assert book.last_touch(a.id, on_or_before=date(2026, 2, 28)) == date(2026, 2, 10)
    assert book.last_deep(a.id, on_or_before=date(2026, 2, 28)) == date(2026, 1, 10)
    assert book.last_deep(a.id, on_or_before=date(2026, 1, 9)) is None
    assert book.last_touch(a.id, on_or_before=date(2026, 1, 9)) is None
    assert book.last_touch(a.id, on_or_before=date(2026, 3, 10)) == date(2026, 3, 10)



def test_as_of_a_date_a_touch_on_that_very_day_counts() -> None:
    """``on_or_before`` includes its own day, also when a later-dated note exists."""
    a = person("Aoki")
    book = Book([a], [talk("2026-02-10", a), talk("2026-02-20", a), talk("2026-03-10", a)], [])
    assert book.last_touch(a.id, on_or_before=date(2026, 2, 20)) == date(2026, 2, 20)

def test_deep_count_includes_both_ends_of_the_month() -> None:
    a = person("Aoki")
    its = [talk("2026-01-31", a, depth="deep"), talk("2026-02-01", a, depth="deep"),
           talk("2026-02-28", a, depth="deep"), talk("2026-03-01", a, depth="deep")]
    book = Book([a], its, [])
    feb = date(2026, 2, 14)
    assert book.deep_count(a.id, month_start(feb), month_end(feb)) == 2
    assert book.deep_dates(a.id)[0] == date(2026, 1, 31)


def test_month_helpers_know_leap_years_and_year_ends() -> None:
    assert month_end(date(2028, 2, 3)) == date(2028, 2, 29)
    assert month_end(date(2026, 2, 3)) == date(2026, 2, 28)
    assert month_end(date(2026, 12, 31)) == date(2026, 12, 31)
    assert month_key(date(2027, 1, 1)) == "2027-01"
    assert month_key("2027-01") == "2027-01"


def test_promises_and_focus_indexes() -> None:
    a, b = person("Aoki"), person("Baba")
    p1 = Promise(owner="me", contact=a.id, text="deck", due="2026-04-02")
    p2 = Promise(owner="them", contact=a.id, text="intro", due="2026-04-01")
    p3 = Promise(owner="me", contact=b.id, text="call", due="2026-04-01", status="kept",
                 resolved="2026-04-01")
    plan = FocusPlan(month="2026-04", slots=(Slot(contact=a.id), Slot(contact=None),
                                             Slot(contact=a.id), Slot(contact="gone")))
    book = Book([a, b], [], [p1, p2, p3], [plan])
    assert [p.text for p in book.promises_for(a.id)] == ["intro", "deck"]
    assert {p.id for p in book.open_promises()} == {p1.id, p2.id}
    assert book.promise(p3.id) is p3
    assert book.plan(date(2026, 4, 30)) is plan and book.plan("2026-05") is None
    assert book.focus_ids("2026-04") == [a.id]  # each once, unknown ids left out
    assert book.focus_ids("2026-05") == []


def test_caps_and_tiers_come_from_settings() -> None:
    from model.records import Settings

    people = [person(f"P{i}", "deep") for i in range(3)] + [person("Q", "active")]
    book = Book(people, [], [], [], Settings(deep_cap=3, active_cap=4))
    assert book.cap("deep") == 3 and book.cap("active") == 4 and book.cap("network") is None
    assert book.tier_count("deep") == 3 and len(book.in_tier("active")) == 1


def test_from_store_reads_everything(store) -> None:
    a = store.add(person("Aoki", "deep"))
    store.add(talk("2026-02-01", a, depth="deep"))
    store.add(Promise(owner="me", contact=a.id, text="deck", due="2026-02-05"))
    store.add(FocusPlan(month="2026-02", slots=(Slot(contact=a.id),)))
    book = Book.from_store(store)
    assert book.contact(a.id).name == "Aoki"
    assert book.last_deep(a.id) == date(2026, 2, 1)
    assert len(book.promises_for(a.id)) == 1
    assert book.focus_ids("2026-02") == [a.id]
    assert book.settings.deep_cap == 5


def test_a_book_from_the_store_index_knows_the_store_s_change_mark(store) -> None:
    """``full=False`` Books carry the store's change mark too, so the app can follow later
    writes from them instead of reading everything again."""
    a = store.add(person("Aoki"))
    store.add(talk("2026-02-01", a))
    for full in (True, False):
        book = Book.from_store(store, full=full)
        assert book.mark == store.change_mark() and book.last_touch(a.id) == date(2026, 2, 1)
