"""Every date word of the English hint has a Japanese form the grammar reads the same
way, and the Japanese hint lists them."""

from __future__ import annotations

from datetime import date

import pytest

from model.language import i18n
from model.capture import parse
from model.capture.dates import FUTURE, PAST, WORDS_HELP, read_date
from model.records import Contact

SAT = date(2026, 12, 5)

PAIRS = [  # English words, Japanese word
    ("today", "今日"), ("yesterday", "昨日"), ("tomorrow", "明日"), ("fri", "金曜"),
    ("monday", "月曜日"), ("last fri", "先週の金曜"), ("next fri", "来週の金曜"),
    ("next fri", "来週金曜日"), ("this mon", "今週の月曜"), ("next week", "来週"),
    ("last week", "先週"), ("next month", "来月"), ("eom", "月末"), ("12/3", "12月3日"),
    ("tonight", "今夜"), ("last night", "昨夜"), ("this morning", "今朝"),
]


@pytest.mark.parametrize(("english", "japanese"), PAIRS)
def test_a_japanese_date_word_means_what_the_english_one_does(english: str, japanese: str) -> None:
    for lean in (PAST, FUTURE):
        assert read_date([japanese], SAT, lean) == read_date(english.split(), SAT, lean)


def test_the_japanese_hint_lists_the_japanese_date_words() -> None:
    from tui.screens.capture import HINT

    try:
        i18n.set_language("ja")
        hint, words = i18n._(HINT), i18n._(WORDS_HELP)
    finally:
        i18n.set_language("en")
    assert hint != HINT and words != WORDS_HELP
    listed = hint.split("日付:", 1)[1].split()
    for _english, japanese in PAIRS:
        if japanese not in ("来週金曜日", "今週の月曜", "月曜日", "金曜"):
            assert japanese in listed, japanese
    for word in listed:  # and every word listed is one the grammar reads
        if ".." not in word:
            assert read_date([word], SAT, PAST) is not None, word
    assert "先週の金曜" in words and "来月" in words


def test_japanese_date_words_in_a_note() -> None:
    sato = Contact(name="佐藤 健", reading="さとう けん")
    cap = parse("@佐藤 先週の金曜 call: 見積 @佐藤 promised 資料 by 来週金曜", [sato], SAT)
    assert (cap.kind, cap.when) == ("call", date(2026, 12, 4))
    assert [(p.text, p.due) for p in cap.promises] == [("資料", date(2026, 12, 11))]


@pytest.mark.parametrize(("english", "japanese"), [("deep", "深い"), ("private", "非公開"),
                                                   ("confidential", "機密")])
def test_a_japanese_marker_means_what_the_english_one_does(english: str, japanese: str) -> None:
    sato = Contact(name="佐藤 健", reading="さとう けん")
    mine, theirs = (parse(f"@佐藤 !{w} 価格の話", [sato], SAT) for w in (japanese, english))
    assert (mine.depth, mine.scope, mine.text) == (theirs.depth, theirs.scope, theirs.text)
    assert english in (mine.depth, mine.scope) and mine.text == "価格の話"


def test_the_japanese_hint_lists_only_markers_the_grammar_reads() -> None:
    from tui.screens.capture import HINT

    sato = Contact(name="佐藤 健", reading="さとう けん")
    try:
        i18n.set_language("ja")
        hint = i18n._(HINT)
    finally:
        i18n.set_language("en")
    markers = [w for w in hint.split() if w.startswith("!")]
    assert markers == ["!深い", "!非公開", "!機密"]
    for marker in markers:
        parse(f"@佐藤 {marker} 話", [sato], SAT)  # read, not refused as an unknown marker
