"""A name nobody has: never a new person by accident (a typo), the closest people offered."""

from __future__ import annotations

import pytest

from model.capture import UnknownNameError, parse, save
from model.records import Contact
from model.store import Store

from capture_helpers import EMILY, PEOPLE, SATO_JA, TANAKA, THU, p, span


def unknown(line: str, contacts: list[Contact] = PEOPLE) -> UnknownNameError:
    with pytest.raises(UnknownNameError) as info:
        parse(line, contacts, THU)
    return info.value


def test_a_typo_is_refused_with_the_closest_person() -> None:
    line = "@Tanka lunch: promised the deck by fri"
    exc = unknown(line)
    assert exc.suggestions == [TANAKA]
    assert "did you mean Tanaka Yuki (Acme)?" in str(exc) and "@+Tanka" in str(exc)
    assert span(line, exc) == "@Tanka"


def test_suggestions_forgive_width_case_kana_and_typos() -> None:
    assert unknown("@ＴＡＮＫＡ hi").suggestions == [TANAKA]  # full width, upper case
    assert unknown("@Emilly hi").suggestions == [EMILY]  # a doubled letter
    assert unknown("@佐籐 hi").suggestions == [SATO_JA]  # one wrong kanji
    assert SATO_JA in unknown("@サトオ hi").suggestions  # the reading, in katakana, one kana off


def test_a_romaji_name_finds_the_person_with_that_kana_reading() -> None:
    misaki = Contact(name="田中 美咲", reading="タナカ ミサキ")
    assert parse("@Tanaka hi", [misaki, EMILY], THU).people == [misaki]
    assert unknown("@Misaky hi", [misaki, EMILY]).suggestions == [misaki]  # a typo of it is offered


def test_a_name_without_reading_is_found_by_its_guessed_reading() -> None:
    sato = Contact(name="佐藤 健")  # imported without furigana
    for line in ("@さとう hi", "@サトウ hi", "@sato hi", "@Sato hi"):
        assert parse(line, [sato, EMILY], THU).people == [sato], line


def test_a_name_like_nobody_says_how_to_add_them() -> None:
    exc = unknown("@Bartholomew hi")
    assert exc.suggestions == []
    assert str(exc) == "no one called @Bartholomew yet: write @+Bartholomew to add them as a new contact"


def test_a_marked_name_is_someone_new_even_when_someone_is_close() -> None:
    line = '@+Tanka and @+"Ann Lee" lunch, @tanka again'
    cap = p(line)
    assert [c.name for c in cap.new_people] == ["Tanka", "Ann Lee"]
    assert cap.people == cap.new_people
    assert [line[t.start:t.end] for t in cap.tokens if t.role == "person"] == [
        "@+Tanka", '@+"Ann Lee"', "@tanka"]
    assert p("@＋森さん hi").new_people[0].name == "森"  # full-width plus, honorific


def test_allow_new_makes_every_unknown_name_someone_new() -> None:
    cap = parse("@Tanka @Tanaka lunch", PEOPLE, THU, allow_new=True)
    assert [c.name for c in cap.new_people] == ["Tanka"] and cap.people[1] == TANAKA


def test_a_refused_typo_saves_nothing(store: Store) -> None:
    with store.transaction():
        store.add(TANAKA)
    with pytest.raises(UnknownNameError):
        save(store, "@Tanka lunch: promised the deck by fri", THU)
    again = Store(store.path)
    assert [c.name for c in again.contacts()] == ["Tanaka Yuki"]
    assert again.interactions() == [] and again.promises() == []


def test_name_and_company_pick_one_of_two_namesakes_even_with_a_hidden_character() -> None:
    """``@"Name (Company)"`` tells two people of one name apart by their companies, also when
    the name holds an invisible character (pasted from a web page): matched as typed, not as shown."""
    name = "Ann\u200bLee"
    here, there = Contact(name=name, company="Co"), Contact(name=name, company="Other")
    for company, who in (("Co", here), ("Other", there)):
        cap = parse(f'@"{name} ({company})" hi', [here, there], THU)
        assert cap.people == [who]


def test_a_name_with_a_company_nobody_has_is_an_unknown_name() -> None:
    """``@"Tanaka (Nope)"``: no one of that name works there, so it is refused as a name
    nobody has (never a guess at the Tanaka of another company)."""
    assert unknown('@"Tanaka (Nope)" hi').name == "Tanaka (Nope)"
