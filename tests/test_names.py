"""Finding people the way a person types them: width, case, kana, readings, partial names."""

from __future__ import annotations

import pytest

from model.errors import AmbiguousError, NotFoundError
from model.language.names import describe, fold, matches, resolve, sort_key
from model.records import Contact

SATO = Contact(name="佐藤 健", reading="さとう けん", company="佐藤精工")
SATO_AKI = Contact(name="佐藤 亜紀", reading="サトウ アキ", company="佐藤会計")
ANNA = Contact(name="Anna Berg", company="Acme")
ANNIKA = Contact(name="Annika Holm")
EMILY = Contact(name="Emily Carter", reading="エミリー カーター")
PEOPLE = [SATO, SATO_AKI, ANNA, ANNIKA, EMILY]


def test_fold_ignores_width_case_kana_and_extra_spaces() -> None:
    assert fold("ＴＡＮＡＫＡ") == fold("tanaka") == "tanaka"
    assert fold("ｻﾄｳ") == fold("サトウ") == fold("さとう") == "さとう"
    assert fold("  Anna   Berg ") == "anna berg"
    assert fold("Straße") == fold("STRASSE")


@pytest.mark.parametrize(("query", "expected"), [
    ("佐藤 健", [SATO]),             # exact
    ("佐藤健", [SATO]),              # without the space
    ("健", [SATO]),                  # a whole word of the name
    ("けん", [SATO]),                # a word of the reading
    ("さとう あき", [SATO_AKI]),     # hiragana finds a katakana reading
    ("ｻﾄｳ ｱｷ", [SATO_AKI]),          # half-width katakana too
    ("佐藤", [SATO, SATO_AKI]),      # two people share a family name
    ("ann", [ANNA, ANNIKA]),          # prefix
    ("anna", [ANNA]),                 # a whole word beats a prefix
    ("ＡＮＮＡ ＢＥＲＧ", [ANNA]),
    ("えみりー", [EMILY]),            # a Latin name found by its kana reading
    ("arter", [EMILY]),               # inside a name, when nothing better fits
    ("nobody", []),
    ("   ", []),
])
def test_matches(query: str, expected: list[Contact]) -> None:
    assert matches(PEOPLE, query) == expected


def test_resolve_names_one_person_or_says_why_not() -> None:
    assert resolve(PEOPLE, "さとう けん") is SATO
    with pytest.raises(NotFoundError, match="no one called 'Nobody'"):
        resolve(PEOPLE, "Nobody")
    with pytest.raises(AmbiguousError) as err:
        resolve(PEOPLE, "佐藤")
    assert err.value.matches == [SATO, SATO_AKI]
    assert "佐藤 健 (佐藤精工)" in str(err.value) and "佐藤 亜紀 (佐藤会計)" in str(err.value)
    assert "\n" not in str(err.value)


def test_sort_by_reading_when_there_is_one() -> None:
    kanji_only = Contact(name="阿部 勇")  # no reading: sorts by the one guessed, あべ
    ordered = sorted([SATO_AKI, kanji_only, SATO, EMILY, ANNA], key=sort_key)
    assert ordered[:1] == [ANNA]
    assert ordered.index(kanji_only) < ordered.index(EMILY) < ordered.index(SATO_AKI) < ordered.index(SATO)


def test_describe_tells_two_people_apart() -> None:
    assert describe(SATO) == "佐藤 健 (佐藤精工)"
    assert describe(EMILY) == "Emily Carter (エミリー カーター)"
    assert describe(ANNIKA) == "Annika Holm"
