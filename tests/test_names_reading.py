"""Readings guessed for names that have none: found by kana and romaji, sorted by them."""

from __future__ import annotations

import subprocess
import sys

import pytest

from model.language import i18n
from model.language.names import guessed_reading, matches, reading_of, resolve, search_keys, sort_key
from model.language import readings
from model.language.readings import guess, needs_guess, romaji
from model.records import Contact


@pytest.mark.parametrize(("name", "reading"), [
    ("佐藤 健", "さとう けん"),
    ("東海林 さだお", "しょうじ さだお"),   # the hard surnames: not とうかいりん
    ("小鳥遊 ひかり", "たかなし ひかり"),   # not ことりあそび
    ("長谷川 美咲", "はせがわ みさき"),
    ("五十嵐 翔", "いがらし しょう"),
    ("ＳＡＴＯ 健", "SATO けん"),           # Latin letters are read as written
])
def test_guess_reads_japanese_names(name: str, reading: str) -> None:
    assert guess(name) == reading


def test_no_guess_for_names_without_kanji() -> None:
    assert not needs_guess("Ken Sato") and not needs_guess("さとう") and needs_guess("佐々木")
    assert guess("Ken Sato") == guess("サトウ") == guess("") == ""


def test_romaji_as_spelled_and_as_passports_write_it() -> None:
    assert romaji("さとう けん") == ("satou ken", "sato ken")
    assert romaji("しょうじ") == ("shouji", "shoji")
    assert romaji("いのうえ") == ("inoue",)  # う is a vowel of its own here
    assert romaji("おおの") == ("oono", "ono")
    assert romaji("Sato") == ()


def test_romaji_of_many_at_once_is_each_ones_romaji() -> None:
    many = ["さとう けん", "しょうじ", "いのうえ", "おおの", "Sato", "ｻﾄｳ", "キャリー", "ゔぁん",
            "えー", "ほっかいどう", "たかなし ひかり", "こうの", "ふぁ", "ぢ", "ん", "き\nょう"]
    one_by_one = {}
    for r in many:
        readings._romaji.clear()
        one_by_one[r] = romaji(r)
    readings._romaji.clear()
    readings.romaji_many(many)
    assert {r: romaji(r) for r in many} == one_by_one
    assert len(readings._romaji) == len(many)


SATO = Contact(name="佐藤 健")  # imported without a reading
TAKANASHI = Contact(name="小鳥遊 ひかり")
KEN = Contact(name="Ken Sato")
STORED = Contact(name="東 幹久", reading="あずま みきひさ")  # a reading the user typed wins


@pytest.mark.parametrize("query", ["さとう", "サトウ", "ｻﾄｳ", "sato", "SATO", "satou", "さとう けん", "佐藤"])
def test_a_name_without_reading_is_found_by_kana_and_romaji(query: str) -> None:
    assert matches([SATO, TAKANASHI, STORED], query) == [SATO]


def test_latin_names_written_so_come_before_a_romaji_reading() -> None:
    # "sato" is a word of Ken Sato's name: 佐藤 (read sato) is asked only when nobody is
    assert matches([SATO, KEN], "sato") == [KEN]
    assert resolve([SATO, TAKANASHI], "takanashi") is TAKANASHI


def test_a_stored_reading_is_used_not_the_guess() -> None:
    assert reading_of(STORED) == "あずま みきひさ" and guessed_reading(STORED) == ""
    assert reading_of(SATO) == guessed_reading(SATO) == "さとう けん"
    assert matches([STORED], "ひがし") == []
    assert "azuma mikihisa" in search_keys(STORED)


def test_japanese_order_is_aiueo_then_latin() -> None:
    people = [Contact(name="Anna Berg"), SATO, Contact(name="阿部 勇"), Contact(name="加藤", reading="かとう"),
              Contact(name="後藤", reading="ごとう"), Contact(name="小池", reading="こいけ"), KEN]
    try:
        i18n.set_language("ja")
        ja = [c.name for c in sorted(people, key=sort_key)]
        i18n.set_language("en")
        en = [c.name for c in sorted(people, key=sort_key)]
    finally:
        i18n.set_language("en")
    # あべ かとう こいけ ごとう さとう: が sorts as か first, so ごとう after こいけ
    assert ja == ["阿部 勇", "加藤", "小池", "後藤", "佐藤 健", "Anna Berg", "Ken Sato"]
    assert en == ["Anna Berg", "Ken Sato", "阿部 勇", "加藤", "小池", "後藤", "佐藤 健"]


def test_the_guesser_is_not_imported_when_every_person_has_a_reading() -> None:
    code = ("import sys\n"
            "from model.records import Contact\n"
            "from model.language.names import matches, sort_key\n"
            "people = [Contact(name='佐藤 健', reading='さとう けん'), Contact(name='Anna')]\n"
            "assert matches(people, 'sato') == people[:1]\n"
            "sorted(people, key=sort_key)\n"
            "assert 'fugashi' not in sys.modules, 'fugashi imported'\n"
            "matches([Contact(name='佐藤 健')], 'sato')\n"
            "assert 'fugashi' in sys.modules\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_guesses_for_5000_people_are_made_once() -> None:
    from model.language import readings

    people = [Contact(name=f"佐藤 健{'一二三四五六七八九'[i % 9]}{i}") for i in range(5000)]
    for c in people:
        search_keys(c)
    made = dict(readings._guessed)
    calls = []
    original = readings._read_word
    readings._read_word = lambda *a: calls.append(a) or original(*a)
    try:
        sorted(people, key=sort_key)
        matches(people, "さとう")
        matches(people, "sato")
    finally:
        readings._read_word = original
    assert calls == [] and readings._guessed == made


def test_keys_made_for_many_at_once_are_each_ones_keys() -> None:
    from model.language import names

    people = [Contact(name=n, reading=r) for n, r in [
        ("佐藤 健", ""), ("東海林 ひかり", ""), ("Ken Sato", ""), ("e\u0301a", "\u0301x"), ("A\nB", "ｻﾄｳ\r"),
        ("ﾀﾞｲｽｹ", ""), ("x\u2028y", ""), ("Ǆ ǅ", "ß"), ("가\n\u1161", ""), ("東 幹久", "あずま みきひさ")]]
    names._KEYS.clear()
    one_by_one = [search_keys(c) for c in people]
    names._KEYS.clear()
    names.prepare_keys(people)
    assert all((c.name, c.reading) in names._KEYS for c in people)
    assert [search_keys(c) for c in people] == one_by_one
