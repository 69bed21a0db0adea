"""Capture keeps every word of the note, and reads dates and promises wherever they stand (issue 13)."""

from __future__ import annotations

from datetime import date

import pytest

from model.capture import save
from model.planning import Book
from model.planning.trust import trust
from model.records import Contact
from model.store import Store

from capture_helpers import EMILY, SATO_JA, TANAKA, THU, error, p

KENJI = Contact(name="Kenji Mori")
PEOPLE = [TANAKA, SATO_JA, EMILY, KENJI]


def q(line: str):
    return p(line, contacts=PEOPLE)


# -- nothing lost or garbled ----------------------------------------------------------------


def test_two_promises_in_a_japanese_sentence_leave_the_rest_as_written() -> None:
    cap = q("@Emily 合意した。I promised 再見積 by 12/12 and she will send 監査日程 by 12/15 … and then we go")
    assert [(d.owner, d.text, d.due) for d in cap.promises] == [
        ("me", "再見積", date(2026, 12, 12)), ("them", "send 監査日程", date(2026, 12, 15))]
    assert cap.text == "合意した。… and then we go"  # not "合意した。I and … and then we go"


def test_a_promise_right_after_a_full_stop_with_no_space() -> None:
    cap = q("@Emily 合意した。promised 再見積 by 12/12")
    assert [(d.owner, d.text) for d in cap.promises] == [("me", "再見積")]
    assert cap.text == "合意した。"
    assert q("@Emily 了解。次回は来月").text == "了解。次回は来月"  # two sentences, one text


def test_an_and_that_is_the_note_s_own_stays() -> None:
    cap = q("@Emily talked pricing and promised a deck by fri and more")
    assert cap.text == "talked pricing and and more"
    assert cap.promises[0].text == "a deck"


def test_japanese_promise_phrasing_is_a_promise() -> None:
    cap = q("@佐藤 打ち合わせ 12/10までに見積を送ると約束")
    [d] = cap.promises
    assert (d.owner, d.text, d.due, d.contact) == ("me", "見積を送る", date(2026, 12, 10), SATO_JA)
    assert cap.text == "" and cap.kind == "meeting"
    [d] = q("@佐藤 金曜までに図面を送ると約束してくれた。").promises
    assert (d.owner, d.text, d.due) == ("them", "図面を送る", date(2026, 11, 27))


def test_japanese_promise_phrasing_not_read_says_how_to_write_it() -> None:
    cap = q("@佐藤 見積を約束した")
    assert cap.promises == [] and cap.text == "見積を約束した"
    assert any("12/10までに見積を送ると約束" in h for h in cap.hints)
    assert any("hint" in row and "までに" in row for row in cap.summary())
    cap = q("@佐藤 12/10までに返事")  # a date-like start of a Japanese word is not a bad date
    assert cap.text == "12/10までに返事" and cap.promises == []


def test_a_japanese_due_date_before_the_note_is_refused() -> None:
    assert "before the note's date" in str(error("@佐藤 2026-11-20までに見積を送ると約束", contacts=PEOPLE))


# -- dates after the person ----------------------------------------------------------------


def test_an_explicit_date_anywhere_dates_the_note() -> None:
    cap = q("introduced @Kenji to @Emily on 2026-06-18")
    assert (cap.kind, cap.when, cap.people) == ("intro made", date(2026, 6, 18), [KENJI, EMILY])
    assert cap.text == "to Emily"
    cap = q("@Emily talked at length on nov 3, then lunch")
    assert (cap.when, cap.text) == (date(2026, 11, 3), "talked at length, then lunch")
    assert q("@Emily signed the NDA on 11/20").when == date(2026, 11, 20)
    assert q("@Emily 契約 on 11月20日").when == date(2026, 11, 20)


def test_an_explicit_date_in_the_future_stays_text_and_says_so() -> None:
    cap = q("@Emily we meet again on 12/20")
    assert (cap.when, cap.text) == (THU, "we meet again on 12/20")
    assert cap.hints == ["'on 12/20' is after today, so it stays in the text (a note is dated when it happened)"]


def test_a_dated_note_keeps_later_dates_as_text() -> None:
    cap = q("@Emily yesterday: she signed on 11/20")
    assert (cap.when, cap.text, cap.hints) == (date(2026, 11, 25), "she signed on 11/20", [])


def test_a_loose_date_word_in_the_text_is_said_plainly() -> None:
    cap = q("@Emily at the chamber event yesterday")
    assert cap.when == THU and cap.text == "at the chamber event yesterday"
    [hint] = cap.hints
    assert "'yesterday' was left in the text: the note is dated today" in hint
    assert any(row.startswith("hint") for row in cap.summary())
    assert q("@Emily call him fri").hints == []  # a bare weekday is as often the coming one


def test_an_intro_dated_in_the_text_earns_its_trust_on_that_day(store: Store) -> None:
    with store.transaction():
        for person in (KENJI, EMILY):
            store.add(person)
    save(store, "introduced @Kenji to @Emily on 2026-06-18", THU)
    [note] = Store(store.path).interactions()
    assert note.date == "2026-06-18"
    report = trust(Book.from_store(Store(store.path)), EMILY.id, THU)
    assert [e.date for e in report.entries] == [date(2026, 6, 18)]


# -- dates in the text, and what is saved --------------------------------------------------------


def test_a_date_in_the_text_before_a_comma_dates_the_note_and_leaves_the_comma() -> None:
    """``on 11/20, then lunch``: the note is of 11/20; ``on 11/20`` is a date token, the comma text."""
    line = "@Emily signed the NDA on 11/20, then lunch"
    cap = q(line)
    assert (cap.when, cap.text) == (date(2026, 11, 20), "signed the NDA, then lunch")
    assert [(t.role, line[t.start:t.end], t.value) for t in cap.tokens][4:6] == [
        ("date", "on 11/20", "2026-11-20"), ("text", ",", ",")]
    assert q("@Emily talked on 11/20 about pricing").when == date(2026, 11, 20)  # one date word, then text


def test_a_two_word_date_in_the_text_after_a_comma_still_dates_the_note() -> None:
    """A comma before ``on nov 3`` belongs to the word before; the date is still read."""
    cap = q("@Emily lunch: talked pricing, on nov 3")
    assert (cap.when, cap.text) == (date(2026, 11, 3), "talked pricing")


@pytest.mark.parametrize(("line", "loose"), [
    ("@Emily talked about it last fri", "last fri"),
    ("@Emily talked yesterday, then lunch", "yesterday"),
])
def test_a_loose_date_of_one_or_two_words_is_named_in_the_hint(line: str, loose: str) -> None:
    """The hint quotes the whole loose date (``last fri``), without the comma after it."""
    cap = q(line)
    assert cap.when == THU and cap.hints == [
        f"'{loose}' was left in the text: the note is dated today. To date it, put the date before the text "
        f"(@Name {loose}: ...) or write 'on 12/3'"]


def test_a_comma_inside_two_words_keeps_them_from_being_one_date() -> None:
    """``last, fri`` is not ``last fri``: no loose date, no hint."""
    assert q("@Emily talked last, fri lunch").hints == []


def test_save_keeps_the_scope_and_returns_the_text_as_stored(store: Store) -> None:
    """A ``!private`` note is saved private; the capture reports the cleaned text that was saved."""
    with store.transaction():
        store.add(EMILY)
    cap = save(store, "@Emily !private talked \x1b[2Jpricing promised a \x07deck by fri", THU)
    [note] = Store(store.path).interactions()
    [promise] = Store(store.path).promises()
    assert (note.scope, note.text, promise.text) == ("private", "talked [2Jpricing", "a deck")
    assert (cap.text, cap.promises[0].text) == (note.text, promise.text)
