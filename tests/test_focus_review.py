"""Months and the month review: deep conversations, promises and notes per focus person."""

from __future__ import annotations

from datetime import date

import pytest

from model.errors import ValidationError
from model.planning.book import Book
from model.planning.focus import (
    check_month,
    first_day,
    last_day,
    month_review,
    parse_month,
    shift_month,
)
from model.planning.month_days import days_left, days_left_in_month, days_left_text
from model.records import Contact, FocusPlan, Interaction, Promise, Settings, Slot


def note(day: str, who: Contact, depth: str = "touch", kind: str = "meeting", text: str = "x",
         scope: str = "open") -> Interaction:
    return Interaction(date=day, contacts=(who.id,), depth=depth, kind=kind, text=text, scope=scope)


def promise(who: Contact, due: str, status: str = "open", resolved: str | None = None,
            owner: str = "me", text: str = "send the deck") -> Promise:
    return Promise(contact=who.id, due=due, status=status, resolved=resolved, owner=owner, text=text)


# -- months --------------------------------------------------------------------


def test_shift_month_rolls_over_years():
    assert shift_month("2026-12", 1) == "2027-01"
    assert shift_month("2027-01", -1) == "2026-12"
    assert shift_month("2026-05", 12) == "2027-05"
    assert shift_month("2026-05", -17) == "2024-12"


def test_month_days_including_leap_february():
    assert last_day("2028-02") == date(2028, 2, 29)
    assert last_day("2026-02") == date(2026, 2, 28)
    assert last_day("2100-02") == date(2100, 2, 28)  # not a leap year
    assert first_day("2026-12") == date(2026, 12, 1)
    # days AFTER today: one meaning for the due list, kizuna today/focus show and every screen
    assert days_left("2028-02", date(2028, 2, 1)) == 28
    assert days_left("2028-02", date(2028, 2, 29)) == 0
    assert days_left("2026-12", date(2026, 12, 10)) == 21
    assert days_left("2026-12", date(2027, 1, 1)) is None
    assert days_left_in_month(date(2026, 11, 26)) == 4 and days_left_in_month(date(2026, 11, 30)) == 0
    assert days_left_text(4) == "4 days left" and days_left_text(1, "November") == "1 day left in November"
    assert days_left_text(0) == days_left_text(0, "November") == "last day of the month"


def test_parse_month_words_and_errors():
    today = date(2026, 12, 31)
    assert parse_month("this", today) == "2026-12"
    assert parse_month("next", today) == "2027-01"
    assert parse_month("last", date(2027, 1, 1)) == "2026-12"
    assert parse_month(" 2027-03 ", today) == "2027-03"
    for bad in ("2026-13", "2026-00", "2026-1", "26-01", "december", "", "2026-12-01"):
        with pytest.raises(ValidationError, match="is not a month"):
            parse_month(bad, today)
    assert check_month("2026-12") == "2026-12"
    with pytest.raises(ValidationError):
        check_month("2026/12")


# -- the review ------------------------------------------------------------------


@pytest.fixture
def people():
    return (Contact(name="佐藤 健", industry="製造業"), Contact(name="Oda", industry="logistics"),
            Contact(name="Kato"))


def book_with(people, interactions=(), promises=(), plans=()) -> Book:
    return Book(people, interactions, promises, plans, Settings(own_industry="製造業"))


def test_deep_conversation_counts_only_inside_the_calendar_month(people):
    sato, oda, kato = people
    plan = FocusPlan(month="2026-12", purpose="hiring", slots=(
        Slot("same-industry", sato.id, "hiring advice"), Slot("cross-industry", oda.id),
        Slot("cross-industry"), Slot("customer", kato.id)))
    notes = [
        note("2026-11-30", sato, "deep"),  # the day before: not December
        note("2026-12-31", oda, "deep", text="routing numbers"),  # the last day: December
        note("2027-01-01", kato, "deep"),  # the day after
        note("2026-12-15", kato, "touch"),  # a touch never counts as deep
        note("2026-12-16", sato, kind="log", text="tier: active -> deep"),  # not a note
    ]
    review = month_review(book_with(people, notes, plans=[plan]), "2026-12", date(2026, 12, 20))
    rows = {r.contact.name: r for r in review.rows}
    assert not rows["佐藤 健"].deep_held and rows["佐藤 健"].notes == ()
    assert rows["Oda"].deep_held and rows["Oda"].deep_dates == (date(2026, 12, 31),)
    assert not rows["Kato"].deep_held and len(rows["Kato"].notes) == 1
    assert review.held == 1
    assert [r.contact.name for r in review.carry_candidates] == ["佐藤 健", "Kato"]
    assert review.empty_slots == [(3, "cross-industry")]
    assert review.days_left == 11
    assert rows["佐藤 健"].intent == "hiring advice" and rows["佐藤 健"].slot == 1


def test_leap_february_review(people):
    sato, oda, _ = people
    plan = FocusPlan(month="2028-02", slots=(Slot("same-industry", sato.id), Slot("cross-industry", oda.id)))
    notes = [note("2028-02-29", sato, "deep"), note("2028-03-01", oda, "deep"),
             note("2028-01-31", oda, "deep")]
    review = month_review(book_with(people, notes, plans=[plan]), "2028-02", date(2028, 3, 2))
    assert [r.deep_held for r in review.rows] == [True, False]
    assert review.days_left is None


def test_promises_kept_broken_open_in_the_month(people):
    sato, _, _ = people
    plan = FocusPlan(month="2026-12", slots=(Slot("same-industry", sato.id),))
    ps = [
        promise(sato, "2026-12-05", "kept", "2026-12-04", text="kept in Dec"),
        promise(sato, "2026-11-20", "kept", "2026-11-19", text="kept in Nov"),
        promise(sato, "2026-12-31", "broken", "2026-12-31", text="broken on the 31st"),
        promise(sato, "2026-12-31", "open", text="open due the 31st"),
        promise(sato, "2026-11-30", "open", owner="them", text="their overdue"),
        promise(sato, "2027-01-10", "open", text="due in January"),
        promise(sato, "2026-12-10", "dropped", "2026-12-11", text="dropped"),
    ]
    review = month_review(book_with(people, promises=ps, plans=[plan]), "2026-12", date(2027, 1, 3))
    row = review.rows[0]
    assert [p.text for p in row.kept] == ["kept in Dec"]
    assert [p.text for p in row.broken] == ["broken on the 31st"]
    assert sorted(p.text for p in row.open) == ["open due the 31st", "their overdue"]


def test_no_plan_and_to_dict(people):
    sato, oda, _ = people
    assert month_review(book_with(people), "2026-12", date(2026, 12, 1)).plan is None
    plan = FocusPlan(month="2026-12", challenge="採用", purpose="hiring",
                     slots=(Slot("same-industry", sato.id), Slot("cross-industry", oda.id)),
                     review="ok")
    notes = [note("2026-12-03", sato, "deep", text="秘密の数字", scope="confidential")]
    data = month_review(book_with(people, notes, plans=[plan]), "2026-12", date(2026, 12, 3)).to_dict()
    assert data["planned"] and data["challenge"] == "採用" and data["review"] == "ok"
    assert data["deep_held"] == 1 and data["people"] == 2
    assert data["rows"][0]["notes"][0]["text"] == "[confidential]"
    assert data["rows"][0]["deep_dates"] == ["2026-12-03"]
    assert "diversity" in data and data["diversity"]["size"] == 2


def test_deleted_person_in_a_slot_shows_as_empty(people):
    sato, _, _ = people
    plan = FocusPlan(month="2026-12", slots=(Slot("same-industry", "gone-id"), Slot("customer", sato.id)))
    review = month_review(book_with(people, plans=[plan]), "2026-12", date(2026, 12, 1))
    assert review.empty_slots == [(1, "same-industry")]
    assert [r.contact.id for r in review.rows] == [sato.id]


def test_the_deep_per_month_setting_raises_the_bar(people):
    sato, oda, _ = people
    plan = FocusPlan(month="2026-12", slots=(Slot("same-industry", sato.id), Slot("cross-industry", oda.id)))
    notes = [note("2026-12-01", sato, "deep"), note("2026-12-20", sato, "deep"), note("2026-12-02", oda, "deep")]
    book = Book(people, notes, (), [plan], Settings(focus_deep_per_month=2))
    review = month_review(book, "2026-12", date(2026, 12, 31))
    assert [r.deep_held for r in review.rows] == [True, False]
    assert review.rows[1].to_dict()["deep_needed"] == 2
    assert [r.contact.name for r in review.carry_candidates] == ["Oda"]


def test_month_words_and_their_synonyms():
    """``now``/``current`` are this month, ``prev``/``previous`` the last, in any case;
    a bad month is an error on the ``month`` field."""
    today = date(2026, 1, 15)
    assert {w: parse_month(w, today) for w in ("now", "CURRENT", "Prev", "previous", "NEXT")} == {
        "now": "2026-01", "CURRENT": "2026-01", "Prev": "2025-12", "previous": "2025-12", "NEXT": "2026-02"}
    with pytest.raises(ValidationError) as bad:
        parse_month("soon", today)
    assert bad.value.field == "month"


def test_the_review_json_of_a_month(people):
    """``kizuna focus review --json``: every row's deep conversations, notes and promises under
    their names; a confidential note's text and a promise made in it are masked unless revealed;
    a person who contradicts their slot's role says why; empty slots by number."""
    sato, oda, _ = people
    oda = Contact(name="Oda", industry="製造業")  # my own industry, in a cross-industry slot
    plan = FocusPlan(month="2026-12", challenge="採用", purpose="hiring", review="ok",
                     slots=(Slot("same-industry", sato.id, "advice"), Slot("customer"),
                            Slot("cross-industry", oda.id), Slot("same-industry", sato.id)))
    secret = note("2026-12-03", sato, "deep", text="秘密の数字", scope="confidential")
    lunch = note("2026-12-04", sato, text="lunch")
    kept = promise(sato, "2026-12-05", "kept", "2026-12-04")
    broken = promise(sato, "2026-12-06", "broken", "2026-12-07", owner="them")
    told = Promise(contact=sato.id, due="2026-12-20", text="the 42 million plan", interaction=secret.id)
    book = book_with((sato, oda), [secret, lunch], [kept, broken, told], [plan])
    review = month_review(book, "2026-12", date(2026, 12, 10))

    def p(x: Promise, text: str | None = None) -> dict:
        return {"id": x.id, "owner": x.owner, "text": text or x.text, "due": x.due, "status": x.status,
                "resolved": x.resolved}

    data = review.to_dict()
    assert data.pop("diversity")["size"] == 2
    assert data == {
        "month": "2026-12", "planned": True, "challenge": "採用", "purpose": "hiring", "review": "ok",
        "days_left": 21, "deep_held": 1, "people": 2,
        "rows": [
            {"slot": 1, "role": "same-industry", "intent": "advice", "contact_id": sato.id, "name": "佐藤 健",
             "deep_held": True, "deep_needed": 1, "misfit": "", "deep_dates": ["2026-12-03"],
             "notes": [{"id": secret.id, "date": "2026-12-03", "kind": "meeting", "depth": "deep",
                        "scope": "confidential", "text": "[confidential]"},
                       {"id": lunch.id, "date": "2026-12-04", "kind": "meeting", "depth": "touch",
                        "scope": "open", "text": "lunch"}],
             "kept": [p(kept)], "broken": [p(broken)], "open": [p(told, "[confidential]")]},
            {"slot": 3, "role": "cross-industry", "intent": "", "contact_id": oda.id, "name": "Oda",
             "deep_held": False, "deep_needed": 1, "misfit": "in your own industry (製造業), not cross-industry",
             "deep_dates": [], "notes": [], "kept": [], "broken": [], "open": []}],
        "empty_slots": [{"slot": 2, "role": "customer"}, {"slot": 4, "role": "same-industry"}],
    }
    assert review.diversity is not None
    assert "no one of 2 people in December 2026's focus is outside your industry (製造業)" in review.diversity.warnings
    shown = month_review(book, "2026-12", date(2026, 12, 10), reveal=True)
    assert [x.text for x in shown.rows[0].open] == ["the 42 million plan"]


def test_the_review_of_a_month_without_a_plan(people):
    review = month_review(book_with(people), "2026-12", date(2026, 12, 30))
    assert review.to_dict() == {
        "month": "2026-12", "planned": False, "challenge": "", "purpose": None, "review": "", "days_left": 1,
        "deep_held": 0, "people": 0, "rows": [], "empty_slots": [], "diversity": None}


def test_a_month_has_a_year_from_one_on():
    assert check_month("0001-01") == "0001-01"
    for bad in ("0000-05", None, 202612):
        with pytest.raises(ValidationError) as refused:
            check_month(bad)
        assert refused.value.field == "month"


def test_month_titles_and_one_day_left():
    from model.planning.month_days import month_title

    assert month_title("2026-11") == "November 2026" and month_title("2027-01") == "January 2027"
    assert days_left_text(1) == "1 day left"


def test_a_person_whose_fit_cannot_be_told_is_no_misfit(people):
    _, _, kato = people  # no industry recorded
    plan = FocusPlan(month="2026-12", slots=(Slot("cross-industry", kato.id),))
    assert month_review(book_with(people, plans=[plan]), "2026-12", date(2026, 12, 1)).rows[0].misfit == ""
