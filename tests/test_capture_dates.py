"""The capture grammar's dates and promises: lean back for notes, forward for due dates."""

from __future__ import annotations

from datetime import date

import pytest

from capture_helpers import EMILY, SATO, SATO_JA, TANAKA, THU, error, p, span


# -- dates --------------------------------------------------------------------------------


@pytest.mark.parametrize(("word", "today", "when"), [
    ("today", THU, THU),
    ("yesterday", THU, date(2026, 11, 25)),
    ("yesterday", date(2026, 3, 1), date(2026, 2, 28)),
    ("yesterday", date(2028, 3, 1), date(2028, 2, 29)),  # leap year
    ("yesterday", date(2027, 1, 1), date(2026, 12, 31)),  # year rollover
    ("昨日", THU, date(2026, 11, 25)),
    ("thu", THU, date(2026, 11, 19)),  # a weekday name never means today
    ("thursday", THU, date(2026, 11, 19)),
    ("fri", THU, date(2026, 11, 20)),
    ("wed", THU, date(2026, 11, 25)),
    ("mon", date(2026, 11, 30), date(2026, 11, 23)),  # on a Monday
    ("sun", date(2026, 11, 30), date(2026, 11, 29)),
    ("金曜", THU, date(2026, 11, 20)),
    ("last week", THU, date(2026, 11, 19)),
    ("-2d", THU, date(2026, 11, 24)),
    ("-1w", date(2026, 1, 3), date(2025, 12, 27)),
    ("-1m", date(2026, 3, 31), date(2026, 2, 28)),
    ("12/3", date(2027, 1, 10), date(2026, 12, 3)),  # Dec -> Jan: last year's
    ("1/5", date(2027, 1, 10), date(2027, 1, 5)),
    ("1/5", date(2027, 1, 4), date(2026, 1, 5)),  # not after today
    ("11/26", THU, THU),
    ("2/29", date(2026, 3, 10), date(2024, 2, 29)),  # the latest Feb 29
    ("11月3日", THU, date(2026, 11, 3)),
    ("2026-11-03", THU, date(2026, 11, 3)),
    ("2024/02/29", THU, date(2024, 2, 29)),
])
def test_note_dates_lean_back(word: str, today: date, when: date) -> None:
    cap = p(f"@Tanaka {word} call", today=today)
    assert cap.when == when and cap.kind == "call"


def test_note_date_defaults_to_today_and_may_not_be_in_the_future() -> None:
    assert p("@Tanaka call").when == THU
    for word in ("tomorrow", "+3d", "next week", "2026-11-27"):
        line = f"@Tanaka {word} call"
        exc = error(line)
        assert span(line, exc) == word and "future" in str(exc)


@pytest.mark.parametrize("word", ["2/30", "13/1", "0/5", "12/32", "2026-02-29", "+3x", "+3", "11/31"])
def test_bad_dates_in_the_lead_are_errors_with_their_span(word: str) -> None:
    line = f"@Tanaka {word} call"
    exc = error(line)
    assert span(line, exc) == word and word.split("/")[0] in str(exc)


def test_two_note_dates_are_an_error() -> None:
    line = "@Tanaka yesterday mon call"
    exc = error(line)
    assert span(line, exc) == "mon" and "two dates" in str(exc)


def test_date_words_after_the_lead_are_text() -> None:
    cap = p("@Tanaka talked: sales up 12/3 and yesterday was busy")
    assert cap.when == THU and cap.text == "talked: sales up 12/3 and yesterday was busy"
    cap = p("@Tanaka call: yesterday was busy")  # a colon ends the lead
    assert cap.when == THU and cap.kind == "call" and cap.text == "yesterday was busy"


# -- promises ------------------------------------------------------------------------------


@pytest.mark.parametrize(("due", "today", "expected"), [
    ("fri", THU, date(2026, 11, 27)),
    ("thu", THU, date(2026, 12, 3)),  # the same weekday: next week's
    ("monday", date(2026, 11, 29), date(2026, 11, 30)),
    ("today", THU, THU),
    ("tomorrow", date(2026, 12, 31), date(2027, 1, 1)),
    ("next week", THU, date(2026, 11, 30)),  # the next Monday
    ("next week", date(2026, 11, 30), date(2026, 12, 7)),  # on a Monday: the one after
    ("next week", date(2026, 12, 31), date(2027, 1, 4)),
    ("+3d", date(2026, 12, 30), date(2027, 1, 2)),
    ("+2w", THU, date(2026, 12, 10)),
    ("+1m", date(2026, 1, 31), date(2026, 2, 28)),
    ("+1m", date(2028, 1, 31), date(2028, 2, 29)),
    ("next month", date(2026, 10, 31), date(2026, 11, 30)),
    ("eom", date(2026, 12, 5), date(2026, 12, 31)),  # due on the 31st
    ("12/31", THU, date(2026, 12, 31)),
    ("10/31", THU, date(2027, 10, 31)),  # passed this year: next year's
    ("1/5", date(2026, 12, 20), date(2027, 1, 5)),  # year rollover
    ("12/3", date(2026, 12, 4), date(2027, 12, 3)),
    ("11/26", THU, THU),
    ("2/29", date(2026, 3, 10), date(2028, 2, 29)),
    ("2026-12-31", THU, date(2026, 12, 31)),
    ("12月5日", THU, date(2026, 12, 5)),
])
def test_due_dates_lean_forward(due: str, today: date, expected: date) -> None:
    cap = p(f"@Tanaka promised the deck by {due}", today=today)
    assert cap.promises[0].due == expected and cap.promises[0].text == "the deck"


def test_due_dates_count_from_the_note_date() -> None:
    cap = p("@Tanaka yesterday call: promised notes by tomorrow")
    assert cap.when == date(2026, 11, 25) and cap.promises[0].due == THU
    cap = p("@Tanaka mon call: promised notes by +3d")
    assert cap.promises[0].due == date(2026, 11, 26)


def test_whose_promise_and_to_whom() -> None:
    cap = p("@Tanaka @Sato lunch: promised an intro by fri")
    assert (cap.promises[0].owner, cap.promises[0].contact) == ("me", TANAKA)  # the first person
    cap = p("@Tanaka @Sato lunch: promised @Sato: an intro by fri")
    assert (cap.promises[0].owner, cap.promises[0].contact, cap.promises[0].text) == ("me", SATO, "an intro")
    cap = p("@Sato: promised the deck by fri")  # the colon: mine, not Sato's
    assert (cap.promises[0].owner, cap.promises[0].contact) == ("me", SATO)
    cap = p("@Tanaka lunch: I promised the deck by fri")
    assert cap.promises[0].owner == "me"
    cap = p("@Tanaka @Sato lunch: @Sato promised pricing by 12/5")
    assert (cap.promises[0].owner, cap.promises[0].contact, cap.promises[0].text) == ("them", SATO, "pricing")
    cap = p("@Tanaka lunch: they promised pricing due 12/5, she promised a call by mon")
    assert [(d.owner, d.contact, d.text, d.due) for d in cap.promises] == [
        ("them", TANAKA, "pricing", date(2026, 12, 5)),
        ("them", TANAKA, "a call", date(2026, 11, 30)),
    ]
    assert cap.text == ""


def test_mine_and_theirs_in_one_line_with_text_around() -> None:
    cap = p("@Tanaka dinner !deep: talked pricing, promised an intro to @Emily by fri, "
            "they promised the deck by 12/5 #sales then dessert")
    assert cap.people == [TANAKA, EMILY]
    assert [(d.owner, d.contact, d.text) for d in cap.promises] == [
        ("me", TANAKA, "an intro to Emily"), ("them", TANAKA, "the deck")]
    assert cap.text == "talked pricing, then dessert"
    assert cap.tags == ["sales"] and cap.depth == "deep"


def test_by_inside_the_promise_text_is_kept() -> None:
    cap = p("@Tanaka promised to stop by the office by fri")
    assert cap.promises[0].text == "to stop by the office"


def test_a_promise_needs_a_due_date() -> None:
    line = "@Tanaka lunch: promised an intro to Sato"
    exc = error(line)
    assert "due date" in str(exc) and span(line, exc) == "promised an intro to Sato"
    line = "@Tanaka promised the deck by"
    exc = error(line)
    assert span(line, exc) == "by" and "needs a date" in str(exc)
    line = "@Tanaka promised the deck by someday"
    exc = error(line)
    assert "due date" in str(exc) and span(line, exc) == "promised the deck by someday"
    line = "@Tanaka promised the deck by 12/32 ok"
    assert span(line, error(line)) == "12/32"
    line = "@Tanaka promised by fri"
    assert "promised what" in str(error(line))


def test_a_due_date_before_the_note_is_an_error() -> None:
    line = "@Tanaka promised the deck by yesterday"
    exc = error(line)
    assert span(line, exc) == "by yesterday" and "before" in str(exc)
    assert span("@Tanaka promised x by -2d", error("@Tanaka promised x by -2d")) == "by -2d"


def test_japanese_promises() -> None:
    cap = p("@佐藤 ランチ 採用の話 #採用 @佐藤 promised 資料 by 12/5")
    assert cap.text == "採用の話"
    assert [(d.owner, d.contact, d.text, d.due) for d in cap.promises] == [
        ("them", SATO_JA, "資料", date(2026, 12, 5))]


# -- the words added for the natural forms (last fri, nov 20, last night, ...) -------------


@pytest.mark.parametrize(("word", "today", "when"), [
    ("last fri", THU, date(2026, 11, 20)),
    ("last thu", THU, date(2026, 11, 19)),  # never today
    ("last sunday", date(2026, 11, 30), date(2026, 11, 29)),
    ("this mon", THU, date(2026, 11, 23)),
    ("last night", THU, date(2026, 11, 25)),
    ("last night", date(2027, 1, 1), date(2026, 12, 31)),
    ("this morning", THU, THU),
    ("tonight", THU, THU),
    ("yday", THU, date(2026, 11, 25)),
    ("一昨日", THU, date(2026, 11, 24)),
    ("先週", THU, date(2026, 11, 19)),
    ("nov 20", THU, date(2026, 11, 20)),
    ("20 nov", THU, date(2026, 11, 20)),
    ("November 20th", THU, date(2026, 11, 20)),
    ("dec 3", date(2027, 1, 10), date(2026, 12, 3)),  # leans back over the new year
    ("feb 29", date(2026, 3, 10), date(2024, 2, 29)),
    ("fri night", THU, date(2026, 11, 20)),
    ("yesterday morning", THU, date(2026, 11, 25)),
])
def test_more_note_dates(word: str, today: date, when: date) -> None:
    cap = p(f"@Tanaka {word} call", today=today)
    assert cap.when == when and cap.kind == "call" and cap.text == ""


@pytest.mark.parametrize(("due", "today", "expected"), [
    ("next fri", THU, date(2026, 12, 4)),  # Friday of next week (next week starts Monday 30th)
    ("next mon", THU, date(2026, 11, 30)),
    ("next mon", date(2026, 11, 30), date(2026, 12, 7)),  # on a Monday: the week after
    ("next sun", date(2026, 11, 29), date(2026, 12, 6)),  # on a Sunday: the coming week's
    ("this fri", THU, date(2026, 11, 27)),
    ("tmrw", THU, date(2026, 11, 27)),
    ("明後日", THU, date(2026, 11, 28)),
    ("tonight", THU, THU),
    ("nov 30", THU, date(2026, 11, 30)),
    ("jan 5", THU, date(2027, 1, 5)),
    ("5 jan", date(2026, 12, 20), date(2027, 1, 5)),
    ("feb 29", THU, date(2028, 2, 29)),
    ("tomorrow morning", THU, date(2026, 11, 27)),
    ("mon afternoon", THU, date(2026, 11, 30)),
])
def test_more_due_dates(due: str, today: date, expected: date) -> None:
    cap = p(f"@Tanaka promised the deck by {due}", today=today)
    assert cap.promises[0].due == expected and cap.promises[0].text == "the deck"


@pytest.mark.parametrize("word", ["feb 30", "nov 31", "apr 31st", "jun 0"])
def test_month_names_with_a_day_that_does_not_exist_are_errors(word: str) -> None:
    line = f"@Tanaka promised the deck by {word}"
    exc = error(line)
    assert span(line, exc) == word and "not a date" in str(exc)
    line = f"@Tanaka {word} call"
    assert span(line, error(line)) == word


def test_past_and_future_two_word_dates_in_the_wrong_place() -> None:
    line = "@Tanaka promised the deck by last fri"
    assert span(line, error(line)) == "by last fri" and "before" in str(error(line))
    line = "@Tanaka next fri call"
    assert span(line, error(line)) == "next fri" and "future" in str(error(line))


def test_month_and_day_words_that_are_not_dates_stay_text() -> None:
    cap = p("@Tanaka call: may 5 people join, next steps")
    assert cap.when == THU and cap.text == "may 5 people join, next steps"
    cap = p("@Tanaka May be leaving, this is sad")
    assert cap.when == THU and cap.text == "May be leaving, this is sad"


def test_parse_due_reads_the_new_words_too() -> None:
    from model.capture.dates import DateWordError, parse_due

    assert parse_due("next fri", THU) == date(2026, 12, 4)
    assert parse_due("Nov 30", THU) == date(2026, 11, 30)
    assert parse_due("last fri", THU) == date(2026, 11, 20)  # the caller refuses a past date
    for bad in ("feb 30", "next year", "last"):
        with pytest.raises(DateWordError) as info:
            parse_due(bad, THU)
        assert "\n" not in str(info.value)


@pytest.mark.parametrize(("words", "when"), [
    (["yesterday", "morning"], date(2026, 11, 25)),  # a sure day and a time of day
    (["-3d"], date(2026, 11, 23)),
    (["先週金曜"], date(2026, 11, 20)),
    (["fri", "morning"], None),  # a bare weekday, even with a time of day, may be the coming one
    (["fri"], None),
    (["today"], None),  # not before today: not a past date to hint about
])
def test_a_loose_date_in_the_text_is_one_that_names_a_past_day_for_sure(words: list[str], when) -> None:
    """The words the preview offers to date the note by: a sure day before today, never a
    bare weekday (``fri``) and never today itself."""
    from model.capture.dates import past_word

    assert past_word(words, THU) == when


@pytest.mark.parametrize(("words", "today", "when"), [
    (["18", "june"], THU, (date(2026, 6, 18), False)),  # the day before the month
    (["6/18"], date(2026, 6, 18), (date(2026, 6, 18), False)),  # today is not after today
    (["1/1"], date(2028, 7, 2), (date(2028, 1, 1), False)),  # 183 days either way: the past one
])
def test_an_explicit_date_is_the_nearer_one_and_halfway_the_past_one(words, today, when) -> None:
    """``on 18 june`` / ``on 6/18``: the nearer of the last and the next such day, the past
    one when both are as far; the flag says whether it lies after today."""
    from model.capture.dates import explicit_date

    assert explicit_date(words, today) == when


@pytest.mark.parametrize(("word", "said"), [
    ("2026-02-30", "2026-02-30 is not a date: day is out of range for month"),  # why, from the calendar
    ("12月5日x", "12月5日x is not a date (try today, yesterday, tomorrow, "),  # a mistyped date, not a sentence
    ("12/5x", "12/5x is not a date (try today, yesterday, tomorrow, "),
])
def test_a_mistyped_date_says_why_or_what_to_write(word: str, said: str) -> None:
    """A word that starts like a date but is none is an error that says why (a day that does
    not exist) or lists the date words, never silently text."""
    from model.capture.dates import FUTURE, DateWordError, read_date

    with pytest.raises(DateWordError) as info:
        read_date([word], THU, FUTURE)
    assert str(info.value).startswith(said)
