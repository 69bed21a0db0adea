"""The capture header: kind and date words anywhere before the note text proper.

``met @Tanaka for lunch yesterday``, ``call with @Sato on tue``: the natural forms a
person types right after a meeting. And what must stay text stays text.
"""

from __future__ import annotations

from datetime import date

import pytest

from model.capture import CaptureError, parse, save
from model.records import Contact
from model.store import Store

from capture_helpers import EMILY, SATO, SATO_JA, TANAKA, THU, error, p, span

YESTERDAY = date(2026, 11, 25)


@pytest.mark.parametrize(("line", "kind", "when", "text"), [
    ("met @Tanaka for lunch yesterday", "meal", YESTERDAY, ""),
    ("met @Tanaka for lunch yesterday: talked hiring", "meal", YESTERDAY, "talked hiring"),
    ("lunch with @Tanaka yesterday", "meal", YESTERDAY, ""),
    ("call with @Tanaka on tue", "call", date(2026, 11, 24), ""),
    ("Call with @Tanaka on Tue, pricing", "call", date(2026, 11, 24), "pricing"),
    ("had a call with @Tanaka on mon: pricing", "call", date(2026, 11, 23), "pricing"),
    ("had lunch with @Tanaka yesterday: talked hiring", "meal", YESTERDAY, "talked hiring"),
    ("Coffee w/ @Tanaka last fri", "meal", date(2026, 11, 20), ""),
    ("caught up with @Tanaka over coffee this morning", "meal", THU, ""),
    ("@Tanaka by phone on mon: pricing", "call", date(2026, 11, 23), "pricing"),
    ("@Tanaka over the phone yesterday", "call", YESTERDAY, ""),
    ("dinner with @Tanaka last night: pricing", "meal", YESTERDAY, "pricing"),
    ("@Tanaka yesterday's lunch: pricing", "meal", YESTERDAY, "pricing"),
    ("met @Tanaka on nov 20 for coffee", "meal", date(2026, 11, 20), ""),
    ("met @Tanaka on a call yesterday", "call", YESTERDAY, ""),
    ("met @Tanaka", "meeting", THU, ""),
    ("had drinks with @Tanaka on fri night", "meal", date(2026, 11, 20), ""),
    ("@Tanaka coffee yesterday: talked hiring", "meal", YESTERDAY, "talked hiring"),
    ("@佐藤さん 昨日 ランチ: 採用の話", "meal", YESTERDAY, "採用の話"),
])
def test_natural_header_forms(line: str, kind: str, when: date, text: str) -> None:
    cap = p(line)
    assert (cap.kind, cap.when, cap.text) == (kind, when, text)
    assert len(cap.people) == 1


def test_a_place_in_the_header_is_kept_as_text() -> None:
    cap = p("met @Tanaka at the expo yesterday: talked hiring")
    assert (cap.kind, cap.when, cap.text) == ("meeting", YESTERDAY, "at the expo: talked hiring")
    cap = p("met @Tanaka at the expo on 11/20, talked hiring")
    assert (cap.when, cap.text) == (date(2026, 11, 20), "at the expo, talked hiring")
    cap = p("lunch at Sushi Dai with @Tanaka and @Emily yesterday")
    assert (cap.kind, cap.when, cap.text, cap.people) == ("meal", YESTERDAY, "at Sushi Dai", [TANAKA, EMILY])
    cap = p("@佐藤 ランチ at 銀座 昨日: 採用の話")
    assert (cap.kind, cap.when, cap.text) == ("meal", YESTERDAY, "at 銀座: 採用の話")


@pytest.mark.parametrize(("line", "kind", "when", "text", "people"), [
    ("met @Tanaka at the big expo yesterday: talked", "meeting", YESTERDAY, "at the big expo: talked", 1),
    # four words after 'at' are no place: the text starts at 'at', the date is text too
    ("met @Tanaka at the big new expo yesterday: talked", "meeting", THU,
     "at the big new expo yesterday: talked", 1),
    ("met @Tanaka at the expo for coffee", "meal", THU, "at the expo", 1),
    ("met @Tanaka in Osaka with @Emily", "meeting", THU, "in Osaka", 2),
    ("met @Tanaka in Osaka and @Emily yesterday", "meeting", YESTERDAY, "in Osaka", 2),
    ("@Tanaka at the expo yesterday, lunch", "meal", YESTERDAY, "at the expo", 1),
    # a comma, an escaped word or a tag ends the would-be place before a header word: text
    ("met @Tanaka at, the expo yesterday", "meeting", THU, "at, the expo yesterday", 1),
    ("@Tanaka at the expo, yesterday", "note", THU, "at the expo, yesterday", 1),
    ("@Tanaka at \\the expo yesterday", "note", THU, "at the expo yesterday", 1),
    ("@Tanaka at the expo #hiring yesterday", "note", THU, "at the expo yesterday", 1),
    ("@Tanaka in Osaka", "note", THU, "in Osaka", 1),
    ("met @Tanaka at yesterday", "meeting", THU, "at yesterday", 1),  # no word for the place
    ("@Tanaka at the expo with", "note", THU, "at the expo with", 1),  # 'with' leads to nobody
    # the date after a place must end its phrase; a second place does not end it
    ("met @Tanaka at the expo yesterday at the bar with @Emily", "meeting", THU,
     "at the expo yesterday at the bar with Emily", 2),
])
def test_a_place_is_one_to_three_plain_words_right_before_a_header_word(
        line: str, kind: str, when: date, text: str, people: int) -> None:
    """``at``/``in`` and one to three plain words count as a place (kept as text, the header
    goes on) only when a person, a small word leading to a kind or date, or a past date follows."""
    cap = p(line)
    assert (cap.kind, cap.when, cap.text, len(cap.people)) == (kind, when, text, people)


@pytest.mark.parametrize(("line", "kind", "when", "text"), [
    ("@Tanaka via zoom", "call", THU, ""),
    ("@Tanaka via email yesterday", "message", YESTERDAY, ""),
    ("@Tanaka by lunch", "note", THU, "by lunch"),  # by/via lead only to a call or a message
    ("@Tanaka by deep", "note", THU, "by deep"),  # a small word leads to a kind, not a marker
    ("@Tanaka for private", "note", THU, "for private"),
    ("@Tanaka grabbed coffee", "meal", THU, ""),
    ("@Tanaka during the event", "event", THU, ""),
    ("@Tanaka for got help", "help received", THU, ""),  # a two-word kind after a small word
    ("@Tanaka on 11/20", "note", date(2026, 11, 20), ""),
    ("@Tanaka on the tue", "note", THU, "on the tue"),  # no article before a date
    ("@Tanaka on tomorrow", "note", THU, "on tomorrow"),  # never a future date after a small word
    ("@Tanaka for, lunch", "note", THU, "for, lunch"),  # a comma breaks the phrase
    ("@Tanaka for the, lunch", "note", THU, "for the, lunch"),
    ("@Tanaka for the", "note", THU, "for the"),
    ("@Tanaka for", "note", THU, "for"),
    ("@Tanaka yesterday's note", "note", YESTERDAY, ""),
    ("@Tanaka yesterday's", "note", THU, "yesterday's"),  # 's only before a kind word
    ("@Tanaka yesterday's, lunch", "note", THU, "yesterday's, lunch"),
])
def test_a_small_word_counts_only_when_it_leads_to_a_kind_or_a_past_date(
        line: str, kind: str, when: date, text: str) -> None:
    """``for``/``over``/``had``/``via``/``by``... lead to a kind (``by``/``via`` to a call or a
    message only), ``on`` to a date; with nothing fitting after it the small word is text."""
    cap = p(line)
    assert (cap.kind, cap.when, cap.text) == (kind, when, text)


@pytest.mark.parametrize("rest", ["#3 lunch", "## lunch", "#＃x lunch", "!! lunch", "!1 lunch", "@ lunch",
                                  "help, given", "with lunch"])
def test_only_a_real_sigil_word_or_a_whole_phrase_goes_on_with_the_header(rest: str) -> None:
    """``#3``, ``##``, ``!!``, ``!1`` or a lone ``@`` are no tag, marker or person, a comma splits a
    two-word kind, and ``with`` leads only to a person: each starts the text, and the kind
    after it is text too."""
    cap = p(f"@Tanaka {rest}")
    assert (cap.kind, cap.text, cap.tags, cap.people) == ("note", rest, [], [TANAKA])


def test_a_tag_a_marker_and_a_two_word_kind_go_on_with_the_header() -> None:
    assert (p("@Tanaka #hiring lunch").kind, p("@Tanaka #hiring lunch").tags) == ("meal", ["hiring"])
    assert p("@Tanaka help given").kind == "help given"
    assert p("@Tanaka got help").kind == "help received"
    assert p("lunch and @Emily with @Tanaka").people == [EMILY, TANAKA]
    line = "@Tanaka !call lunch"
    assert span(line, error(line)) == "lunch"


@pytest.mark.parametrize("line", [
    "@Tanaka talked about the call center",
    "@Tanaka for a call center visit",  # a small word counts only before a kind that ends a phrase
    "@Tanaka on the call center project",
    "@Tanaka over lunch talked pricing",
    "@Tanaka in Osaka next week, wants to meet",  # a date after a small word is never the future
    "@Tanaka at the office tomorrow",
    "@Tanaka asked for a call",
])
def test_what_is_not_a_header_stays_text(line: str) -> None:
    cap = p(line)
    assert (cap.kind, cap.when, cap.promises) == ("note", THU, [])
    assert cap.text == line.split(" ", 1)[1]


def test_after_a_colon_everything_is_text() -> None:
    cap = p("@Tanaka lunch: met for coffee on tue, call him yesterday's way")
    assert (cap.kind, cap.when) == ("meal", THU)
    assert cap.text == "met for coffee on tue, call him yesterday's way"
    cap = p("@Tanaka: lunch yesterday")  # a colon on the person ends the header too
    assert (cap.kind, cap.when, cap.text) == ("note", THU, "lunch yesterday")


def test_met_gives_way_to_a_telling_kind() -> None:
    assert p("met @Tanaka for lunch").kind == "meal"
    assert p("@Tanaka lunch, met at the station").kind == "meal"
    assert p("@Tanaka met !call").kind == "call"
    assert p("caught up with @Tanaka").kind == "meeting"
    line = "met @Tanaka for lunch, and a call"  # 'and a call' is not a header phrase: text
    assert p(line).kind == "meal" and p(line).text == "and a call"
    line = "met @Tanaka for lunch and a call"  # 'for lunch' does not end a phrase: text too
    assert p(line).kind == "meeting" and p(line).text == "for lunch and a call"
    line = "lunch with @Tanaka on a call"  # two telling kinds: still an error
    exc = error(line)
    assert span(line, exc) == "call" and "two kinds" in str(exc)


def test_header_tokens_say_what_each_word_is() -> None:
    line = "met @Tanaka for a lunch at Sushi Dai on tue: talked"
    cap = p(line)
    assert [(t.role, line[t.start:t.end], t.value) for t in cap.tokens] == [
        ("kind", "met", "meal"), ("person", "@Tanaka", TANAKA.id), ("joiner", "for", "for"),
        ("joiner", "a", "a"), ("kind", "lunch", "meal"), ("text", "at", "at"), ("text", "Sushi", "Sushi"),
        ("text", "Dai", "Dai"), ("joiner", "on", "on"), ("date", "tue:", "2026-11-24"),
        ("text", "talked", "talked"),
    ]
    assert cap.text == "at Sushi Dai: talked"


@pytest.mark.parametrize(("line", "bad", "words"), [
    ("call with @Tanaka on 2/30", "2/30", "2/30"),
    ("@Tanaka for lunch on feb 30", "feb 30", "2/30"),
    ("met @Tanaka for lunch tomorrow", "tomorrow", "future"),
    ("met @Tanaka yesterday for lunch on mon", "mon", "two dates"),
    ("@Tanaka lunch next fri", "next fri", "future"),
])
def test_header_date_errors_point_at_the_date(line: str, bad: str, words: str) -> None:
    exc = error(line)
    assert span(line, exc) == bad and words in str(exc) and "\n" not in str(exc)


def test_date_errors_name_both_dates_as_typed_and_say_what_to_write() -> None:
    """Two dates: both named as typed, without the comma or full stop after them. A future
    date: the date itself, and the promise form to write for what is due."""
    assert str(error("met @Tanaka yesterday, on mon.")) == "two dates for the note: yesterday and mon; keep one"
    assert str(error("met @Tanaka for lunch tomorrow")) == (
        "the note's date 2026-11-27 is in the future; a note records what happened (for what is due, "
        "write 'promised X by DATE')")


@pytest.mark.parametrize(("line", "kind", "text", "tags", "people"), [
    ("@Tanaka #Xmas lunch", "meal", "", ["xmas"], 1),  # a tag may start with any letter
    ("@Tanaka @1x lunch", "note", "@1x lunch", [], 1),  # @ and a digit: no person
    ("@Tanaka @+1b lunch", "note", "@+1b lunch", [], 1),  # @+ and a digit: no new person
    ("@Tanaka lunch with", "meal", "with", [], 1),  # 'with' at the end leads to nobody
    ("@Tanaka for lunch with", "note", "for lunch with", [], 1),
    # 'and' ends a would-be place: no place, so the text starts at 'at'
    ("met @Tanaka at Tom and Jerrys with @Emily", "meeting", "at Tom and Jerrys with Emily", [], 2),
])
def test_words_that_only_look_like_header_words_start_the_text(
        line: str, kind: str, text: str, tags: list[str], people: int) -> None:
    cap = p(line)
    assert (cap.kind, cap.text, cap.tags, len(cap.people)) == (kind, text, tags, people)


def test_a_promise_ends_the_header() -> None:
    cap = p("met @Tanaka for lunch promised an intro by fri")
    assert (cap.kind, cap.text) == ("meal", "")
    assert [(d.owner, d.text, d.due) for d in cap.promises] == [("me", "an intro", date(2026, 11, 27))]


def test_due_dates_count_from_a_header_date() -> None:
    cap = p("call with @Sato on mon: promised notes by +3d")
    assert cap.people == [SATO] and cap.promises[0].due == date(2026, 11, 26)


def test_header_words_in_japanese_lines_line_up() -> None:
    cap = p("ランチ with @佐藤さん 昨日: 医療機器の販路 #採用")
    assert (cap.people, cap.kind, cap.when, cap.text, cap.tags) == (
        [SATO_JA], "meal", YESTERDAY, "医療機器の販路", ["採用"])


def test_the_new_forms_save(store: Store) -> None:
    with store.transaction():
        store.add(TANAKA)
    cap = save(store, "met @Tanaka at the expo for coffee on tue: hiring; @Tanaka will send the deck by 12/5", THU)
    again = Store(store.path)
    [note] = again.interactions()
    assert (note.date, note.kind, note.text) == ("2026-11-24", "meal", "at the expo: hiring")
    [promise] = again.promises()
    assert (promise.owner, promise.contact, promise.text, promise.due, promise.interaction) == (
        "them", TANAKA.id, "send the deck", "2026-12-05", note.id)
    assert cap.interaction == note


def test_parse_stays_pure_with_the_name_index() -> None:
    """The folded names are built once per list of contacts and reused; a changed list is read fresh."""
    people = [TANAKA, SATO]
    assert parse("@+Emily hi", people, THU).new_people[0].name == "Emily"
    people.append(EMILY)  # the same list, one more person: not a stale index
    assert parse("@Emily hi", people, THU).people == [EMILY]
    people[2] = Contact(name="Emily Brown")  # a replaced record
    assert parse("@Emily hi", people, THU).people == [people[2]]
    assert parse("@Emily hi", [TANAKA], THU, allow_new=True).new_people[0].name == "Emily"
    with pytest.raises(CaptureError):
        parse("lunch", people, THU)
