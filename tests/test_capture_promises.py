"""Their promises and mine in natural forms: ``@Tanaka will send the deck by 12/5``,
``@Tanaka to send ... by fri``, ``Tanaka promised ...``, ``I'll ...``; and the errors that stay."""

from __future__ import annotations

from datetime import date

import pytest

from capture_helpers import EMILY, SATO, SATO_JA, TANAKA, THU, error, p, span

FRI = date(2026, 11, 27)


@pytest.mark.parametrize(("line", "owner", "who", "text", "due"), [
    ("@Tanaka will send the deck by 12/5", "them", TANAKA, "send the deck", date(2026, 12, 5)),
    ("@Tanaka to send the deck by fri", "them", TANAKA, "send the deck", FRI),
    ("@Tanaka lunch: Tanaka promised the deck by fri", "them", TANAKA, "the deck", FRI),
    ("@Tanaka lunch: tanaka will send the deck due fri", "them", TANAKA, "send the deck", FRI),
    ("@Tanaka lunch: Tanaka-san will send the deck by fri.", "them", TANAKA, "send the deck", FRI),
    ("@Tanaka lunch: Yuki to send the deck by fri", "them", TANAKA, "send the deck", FRI),
    ('@"Sato Ken" lunch: Sato Ken promised pricing by 12/5', "them", SATO, "pricing", date(2026, 12, 5)),
    ("@Tanaka @Sato lunch: Sato will send pricing by nov 30", "them", SATO, "send pricing", date(2026, 11, 30)),
    ("@Tanaka lunch: she also promised the deck by fri", "them", TANAKA, "the deck", FRI),
    ("@Tanaka lunch: he'll send the deck by fri", "them", TANAKA, "send the deck", FRI),
    ("@Tanaka lunch: they will send the deck by next fri", "them", TANAKA, "send the deck", date(2026, 12, 4)),
    ("@Tanaka @Emily lunch: @Emily will send pricing by fri", "them", EMILY, "send pricing", FRI),
    ("@佐藤さん ランチ: 佐藤さん promised 資料 by 12/5", "them", SATO_JA, "資料", date(2026, 12, 5)),
    ("@佐藤 ランチ: @佐藤 will send 資料 by 12月5日", "them", SATO_JA, "send 資料", date(2026, 12, 5)),
    ("@Tanaka lunch: promised the deck by fri", "me", TANAKA, "the deck", FRI),
    ("@Tanaka lunch: I promised the deck by fri", "me", TANAKA, "the deck", FRI),
    ("@Tanaka lunch: I'll send the deck by fri", "me", TANAKA, "send the deck", FRI),
    ("@Tanaka lunch: I’ll send the deck by fri", "me", TANAKA, "send the deck", FRI),
    ("@Tanaka lunch: I will send the deck by fri", "me", TANAKA, "send the deck", FRI),
    ("@Tanaka lunch: we will send the deck by fri", "me", TANAKA, "send the deck", FRI),
    ("@Tanaka @Sato lunch: I'll @Sato an intro by fri", "me", SATO, "an intro", FRI),
])
def test_whose_promise(line: str, owner: str, who, text: str, due: date) -> None:
    cap = p(line)
    assert [(d.owner, d.contact, d.text, d.due) for d in cap.promises] == [(owner, who, text, due)]
    assert cap.text == ""


def test_mine_and_theirs_in_one_line() -> None:
    cap = p("call with @Tanaka on tue: pricing. @Tanaka will send the deck by 12/5, "
            "I'll share the notes by fri; Tanaka promised an intro by +2w")
    assert (cap.kind, cap.when, cap.text) == ("call", date(2026, 11, 24), "pricing.")
    assert [(d.owner, d.text, d.due) for d in cap.promises] == [
        ("them", "send the deck", date(2026, 12, 5)),
        ("me", "share the notes", FRI),
        ("them", "an intro", date(2026, 12, 8)),  # +2w from the note's date, a Tuesday
    ]


def test_the_subject_and_verb_are_tokens() -> None:
    line = "@Tanaka lunch: Tanaka will send it by fri"
    cap = p(line)
    assert [(t.role, line[t.start:t.end]) for t in cap.tokens][2:] == [
        ("person", "Tanaka"), ("promise", "will"), ("text", "send"), ("text", "it"), ("due", "by fri")]
    line = "@Tanaka to send it by fri"
    assert [(t.role, line[t.start:t.end]) for t in p(line).tokens][:2] == [("person", "@Tanaka"), ("promise", "to")]


@pytest.mark.parametrize("line", [
    "@Tanaka lunch: I'll think about it",  # no due date: just text
    "@Tanaka will be in Osaka next week",
    "@Tanaka lunch: he'll call back. The report is due fri",  # the sentence ended first
    "@Tanaka lunch: Acme will send a quote by fri",  # a name nobody on the note has: not a subject
    "@Tanaka lunch: talked to Emily about moving to Osaka by spring",
])
def test_will_and_to_without_a_due_date_are_text(line: str) -> None:
    cap = p(line)
    assert cap.promises == [] and cap.text == line.split(": ", 1)[-1].replace("@Tanaka ", "")


def test_words_before_promised_that_are_not_names_keep_their_meaning() -> None:
    cap = p("@Tanaka lunch: and promised an intro by fri")
    assert (cap.text, cap.promises[0].owner) == ("and", "me")
    cap = p("@Tanaka lunch: Then promised the deck by fri")
    assert (cap.text, cap.promises[0].owner) == ("Then", "me")
    cap = p("@Tanaka lunch: 採用の話 promised 資料 by 12/5")
    assert (cap.text, cap.promises[0].owner) == ("採用の話", "me")


@pytest.mark.parametrize(("line", "bad", "words"), [
    ("@Tanaka lunch: Sato promised a discount by fri", "Sato promised", "@Sato promised"),
    ("Tanaka promised the deck by fri", "Tanaka promised", "not named on this note"),
    ("@Tanaka lunch: Acme promised a discount by fri", "Acme promised", "they promised"),
    ("@Tanaka lunch: 田中さん promised 資料 by 12/5", "田中さん promised", "@田中 promised"),
    ("@Tanaka will send the deck by 2/30", "2/30", "does not exist"),
    ("@Tanaka to send the deck by feb 30", "feb 30", "does not exist"),
    ("@Tanaka will send the deck by yesterday", "by yesterday", "before the note's date"),
    ("@Tanaka lunch: they promised the deck by last fri", "by last fri", "before the note's date"),
    ("@Tanaka lunch: Tanaka promised the deck", "promised the deck", "due date"),
    ("@Tanaka I'll by fri", "I'll by fri", "will what?"),
])
def test_a_promise_that_cannot_be_saved_is_one_clear_error(line: str, bad: str, words: str) -> None:
    exc = error(line)
    assert span(line, exc) == bad and words in str(exc) and "\n" not in str(exc)


def test_a_bare_name_that_fits_two_people_on_the_note_is_an_error() -> None:
    line = '@"Sato Ken" @「佐藤 健」 lunch: さとう promised pricing by fri'
    exc = error(line)
    assert span(line, exc) == "さとう promised" and "Sato Ken" in str(exc) and "佐藤 健" in str(exc)


def test_an_escaped_verb_is_text() -> None:
    cap = p(r"@Tanaka lunch: Sato \promised a discount by fri")
    assert cap.promises == [] and cap.text == "Sato promised a discount by fri"
    cap = p(r"@Tanaka \will send the deck by fri")
    assert cap.promises == [] and cap.text == "will send the deck by fri"


def test_due_dates_of_their_promises_count_from_the_note_date() -> None:
    cap = p("met @Tanaka for lunch on mon: @Tanaka will send notes by +3d")
    assert cap.when == date(2026, 11, 23) and cap.promises[0].due == THU


def test_a_name_that_ends_a_sentence_is_not_the_next_promise_s_subject() -> None:
    """``met Tanaka. Promised X by fri``: the promise is mine; Tanaka stays in the text."""
    cap = p("@Tanaka lunch: met Tanaka. Promised the deck by fri")
    assert [(d.owner, d.text) for d in cap.promises] == [("me", "the deck")]
    assert cap.text == "met Tanaka."


@pytest.mark.parametrize("name", ["Jean-Luc", "O'Brien", "O’Brien"])
def test_a_hyphen_or_apostrophe_name_before_promised_must_be_on_the_note(name: str) -> None:
    """A name with ``-`` or an apostrophe still reads as a name: ``Jean-Luc promised`` needs @Jean-Luc."""
    line = f"@Tanaka lunch: {name} promised a discount by fri"
    exc = error(line)
    assert span(line, exc) == f"{name} promised" and f"@{name} promised" in str(exc)


def test_the_not_named_error_says_every_way_to_write_it() -> None:
    """The error for ``Sato promised`` offers @Sato, @+Sato, they, and \\promised."""
    exc = error("@Tanaka lunch: Sato promised a discount by fri")
    assert str(exc) == ("Sato promised: Sato is not named on this note; write @Sato promised (@+Sato promised "
                        "for someone new), they promised, or \\promised for plain text")


def test_the_two_people_error_names_both_and_how_to_choose() -> None:
    """A bare name that fits two people lists them with "or" and says to write @"Full Name"."""
    exc = error('@"Sato Ken" @「佐藤 健」 lunch: さとう promised pricing by fri')
    assert str(exc) == 'さとう could be Sato Ken or 佐藤 健 on this note; write @"Full Name" promised'


def test_will_with_a_date_but_nothing_promised_is_an_error() -> None:
    """``@Tanaka will by fri`` is a promise of nothing: an error, not text."""
    line = "@Tanaka will by fri"
    exc = error(line)
    assert span(line, exc) == "will by fri" and "will what?" in str(exc)


def test_a_soft_promise_does_not_borrow_the_due_date_of_the_next_one() -> None:
    """``@Tanaka will think about it, I'll send X by fri``: only my promise; Tanaka's words stay text."""
    cap = p("@Tanaka will think about it, I'll send the deck by fri")
    assert [(d.owner, d.text) for d in cap.promises] == [("me", "send the deck")]
    assert cap.text == "will think about it"


@pytest.mark.parametrize(("line", "bad", "said"), [
    ("@Tanaka will send the deck by yesterday", "by yesterday",
     "due 2026-11-25 is before the note's date 2026-11-26"),
    ("met @Tanaka on mon: promised the deck by tue", "by tue",
     "due 2026-11-24 Tue is in the past: a promise is due today or later (for one already missed, give "
     "today and then break or keep it)"),
    ("@Tanaka lunch: promised the deck by", "by", "'by' needs a date after it, like by fri or by 12/5"),
    ("@Tanaka lunch: promised the deck", "promised the deck",
     "a promise needs a due date: add 'by fri', 'by 12/5' or 'by +1w' (or write \\promised to keep the word "
     "as text)"),
    ("@Tanaka lunch: promised", "promised",
     "a promise needs a due date: add 'by fri', 'by 12/5' or 'by +1w' (or write \\promised to keep the word "
     "as text)"),
    ("@Tanaka promised by fri", "promised by fri", "promised what? write 'promised X by DATE'"),
])
def test_each_promise_error_says_what_is_wrong_and_how_to_write_it(line: str, bad: str, said: str) -> None:
    """A promise that cannot be saved names the date or word at fault and the form that works."""
    exc = error(line)
    assert (span(line, exc), str(exc)) == (bad, said)


def test_every_token_of_a_promise_carries_its_meaning_and_its_promise() -> None:
    """The verb token holds the owner, words hold themselves, and all belong to promise 0."""
    cap = p("@Tanaka @Sato lunch: I'll @Sato an intro by fri")
    assert [(t.role, t.value, t.promise) for t in cap.tokens][3:] == [
        ("promise", "me", 0), ("person", SATO.id, 0), ("text", "an", 0), ("text", "intro", 0),
        ("due", "2026-11-27", 0)]


def test_a_yakusoku_that_is_not_a_promise_is_said_once() -> None:
    """Two words with 約束 that do not read as a promise stay text, with one hint naming the first."""
    cap = p("@Tanaka 約束した、 それから約束もした")
    assert cap.promises == [] and cap.hints == [
        "'約束した' was kept as text: for a promise write 12/10までに見積を送ると約束 (or: promised 見積 by 12/10)"]


# -- 約束 ------------------------------------------------------------------------------------

JA_PEOPLE = [TANAKA, SATO_JA, EMILY]
JA_HOW = "for a promise write 12/10までに見積を送ると約束 (or: promised 見積 by 12/10)"


def ja(line: str):
    return p(line, contacts=JA_PEOPLE)


def test_a_yakusoku_promise_is_a_due_date_a_text_and_a_verb() -> None:
    """``12/10までに見積を送ると約束`` is three tokens of promise 0: the due date, what, and と約束."""
    line = "@佐藤 12/10までに見積を送ると約束"
    assert [(t.role, line[t.start:t.end], t.value, t.promise) for t in ja(line).tokens][1:] == [
        ("due", "12/10までに", "2026-12-10", 0), ("text", "見積を送る", "見積を送る", 0),
        ("promise", "と約束", "me", 0)]


def test_a_yakusoku_promise_may_spread_over_six_words_and_no_more() -> None:
    """まで and 約束 may be up to five words apart; the words after the promise stay the note's text."""
    cap = ja("@佐藤 12/10までに 見積を 送ると 約束した。 次回は来月")
    assert [(d.text, d.due) for d in cap.promises] == [("見積を 送る", date(2026, 12, 10))]
    assert cap.text == "次回は来月"
    assert [d.text for d in ja("@佐藤 12/10までに a b c d 約束した").promises] == ["a b c d"]
    cap = ja("@佐藤 12/10までに a b c d e 約束した")
    assert cap.promises == [] and cap.text == "12/10までに a b c d e 約束した"


def test_a_yakusoku_promise_ends_with_its_sentence_not_at_a_comma() -> None:
    """A 。 between まで and 約束 ends the sentence (text and a hint); a 、 does not."""
    cap = ja("@佐藤 12/10までに 話した。 明日約束")
    assert cap.promises == [] and cap.text == "12/10までに 話した。明日約束"
    assert cap.hints == [f"'明日約束' was kept as text: {JA_HOW}"]
    assert [d.text for d in ja("@佐藤 12/10までに 見積、 送ると約束").promises] == ["見積、 送る"]


@pytest.mark.parametrize(("line", "hints"), [
    ("@佐藤 それまで約束は守ってくれた", []),  # nothing before まで reads as a promise
    ("@佐藤 あれまでに返事すると約束", [f"'あれ' before まで is not a date I can read, so this stays text: {JA_HOW}"]),
    ("@佐藤 2/30までに返事すると約束", [f"'2/30' before まで is not a date I can read, so this stays text: {JA_HOW}"]),
])
def test_a_yakusoku_without_a_readable_date_stays_text_word_for_word(line: str, hints: list[str]) -> None:
    """No date before まで: the words stay the note's text as typed, and the hint says why."""
    cap = ja(line)
    assert (cap.promises, cap.text, cap.hints) == ([], line.removeprefix("@佐藤 "), hints)


def test_a_yakusoku_due_counts_from_the_note_s_date() -> None:
    """A 約束 due before the note's own date is refused, pointing at the date."""
    line = "@佐藤 11/25 2026-11-24までに見積を送ると約束"
    exc = error(line, contacts=JA_PEOPLE)
    assert (span(line, exc), str(exc)) == ("2026-11-24", "due 2026-11-24 is before the note's date 2026-11-25")


def test_a_promise_with_a_word_between_subject_and_verb_is_theirs_to_the_end_of_the_line() -> None:
    """``she also promised`` with nothing after it: the whole subject and verb are the error."""
    line = "@Tanaka lunch: she also promised"
    exc = error(line)
    assert span(line, exc) == "she also promised" and "needs a due date" in str(exc)


def test_a_promise_verb_that_ends_a_sentence_promises_nothing() -> None:
    """``she also promised.`` stays text, and a later ``due fri`` does not make it a promise."""
    cap = p("@Tanaka lunch: she also promised. The deck is due fri")
    assert cap.promises == [] and cap.text == "she also promised. The deck is due fri"


@pytest.mark.parametrize("line", [
    "@Tanaka lunch: @Tanaka also promised the deck by fri",
    "@Tanaka lunch: Tanaka also promised the deck by fri",
])
def test_one_word_may_stand_between_a_named_person_and_promised(line: str) -> None:
    """``@Tanaka also promised`` and ``Tanaka also promised`` are Tanaka's promise, not mine."""
    assert [(d.owner, d.contact, d.text) for d in p(line).promises] == [("them", TANAKA, "the deck")]


@pytest.mark.parametrize(("line", "due"), [
    ("@Tanaka will send the deck by 12/15, thanks", "by 12/15"),
    ("@Tanaka lunch: I'll send the deck by 12/15; then more", "by 12/15"),
    ("@Tanaka lunch: promised the deck by fri. ok", "by fri"),
    ("@Tanaka lunch: promised the deck by next fri, ok", "by next fri"),
])
def test_punctuation_after_a_due_date_is_not_part_of_it(line: str, due: str) -> None:
    """``by 12/15, thanks``: the due date (and the promise's span) ends before the comma."""
    cap = p(line)
    assert [line[t.start:t.end] for t in cap.tokens if t.role == "due"] == [due]
    assert line[cap.promises[0].start:cap.promises[0].end].endswith(due)
    assert cap.text in ("thanks", "then more", "ok")
    after = [(t.role, t.value, t.inline, t.promise) for t in cap.tokens if t.start == line.index(due) + len(due)]
    assert after == [("text", line[line.index(due) + len(due)], None, 0)]  # the promise's, adding no text


def test_a_bad_due_date_before_a_comma_points_at_the_date_alone() -> None:
    """The error for ``by yesterday,`` marks ``by yesterday``, not the comma."""
    line = "@Tanaka will send the deck by yesterday, sorry"
    assert span(line, error(line)) == "by yesterday"


def test_an_escaped_word_inside_a_promise_is_the_promise_s_text() -> None:
    r"""``\by`` in ``will send it \by hand by fri`` is the word "by" of the promise's text,
    a plain text token of that promise."""
    line = r"@Tanaka will send it \by hand by fri"
    cap = p(line)
    assert [(d.text, d.due) for d in cap.promises] == [("send it by hand", FRI)] and cap.text == ""
    escaped = [t for t in cap.tokens if line[t.start:t.end] == r"\by"]
    assert [(t.role, t.value, t.inline, t.promise) for t in escaped] == [("text", "by", "by", 0)]
