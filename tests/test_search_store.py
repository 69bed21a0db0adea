"""``kizuna search`` over the part files finds what the app's index finds, in the same order.

The shell search reads only candidates (a coarse pass over the part files' bytes, over
every name and reading, over the promises' text) and checks them exactly; the app's
:class:`SearchIndex` holds every entry. Whatever the case, width, kana, romaji, a word
across two fields or a limit, the two must give the same records in the same order.
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest

from model.records import Contact, Interaction, Promise
from model.search import SearchIndex, search_store
from model.store import Store


@pytest.fixture
def varied(store: Store) -> Store:
    people = [
        store.add(Contact(name="Élodie Martin")),  # a capital the bytes do not lower-case
        store.add(Contact(name="Jürgen Straße")),  # ß folds to ss
        store.add(Contact(name="佐藤 健", reading="さとう けん")),
        store.add(Contact(name="佐藤 花子", reading="サトウ ハナコ")),  # a katakana reading
        store.add(Contact(name="服部 半蔵", reading="はっとり はんぞう")),  # っ reads by its neighbour
        store.add(Contact(name="ｻﾄｳ ｼﾞﾛｳ")),  # half-width, no reading
        store.add(Contact(name="Tanaka Yuki", reading="たなか ゆき")),
        store.add(Contact(name="Deck Hand")),  # a name holding a word of the notes
    ]
    texts = [
        "Pitch DECK review with the board", "the deck was late", "ｄｅｃｋ in full width",
        "サトウさんの会社で採用の話", "さとうさんと価格の相談", "ＰＤＦ を送る", "École visit, then lunch",
        "Strasse party", "met at the STRASSE", "quarter review", "#sales literally in the text",
        "はっとりさんの件", "hattori said hi", "nothing to see", "価格の見直し ｶｶｸ",
    ]
    kinds = ["meal", "call", "meeting", "note", "message"]
    start = date(2025, 1, 1)
    notes = []
    for i in range(90):
        notes.append(Interaction(
            date=(start + timedelta(days=i // 2)).isoformat(),  # two notes a day: ties by date
            contacts=(people[i % len(people)].id,) + ((people[(i + 3) % len(people)].id,) if i % 4 == 0 else ()),
            kind=kinds[i % len(kinds)], text=f"{texts[i % len(texts)]} {i}",
            tags=(("sales",) if i % 3 == 0 else ()) + (("価格",) if i % 5 == 0 else ()),
            scope="confidential" if i % 7 == 0 else "open"))
    # (ids made in order: the same date and created stamp, so ties keep the order fed)
    store.add_many(notes)
    for i, p in enumerate(people):
        store.add(Promise(contact=p.id, text=["send the deck", "価格表を送る", "call back", "ｐｄｆ"][i % 4],
                          due=(start + timedelta(days=10 * i)).isoformat()))
    return store


QUERIES = [
    "deck", "DECK", "Deck", "ｄｅｃｋ", "pitch deck", '"pitch deck"', "deck hand", "hand",
    "élodie", "ÉLODIE", "école", "strasse", "straße", "jürgen",
    "sato", "satou", "さとう", "サトウ", "ｻﾄｳ", "さとうさん", "satou ken", "hanako", "はなこ",
    "hattori", "hanzo", "hattori hanzou", "はっとり", "tanaka", "yuki", "tanaka yuki",
    "価格", "ｶｶｸ", "かかく", "pdf", "ＰＤＦ", "採用",
    '"quarter review"', '"review meal"', '"meal #sales"', "#sales", "#価格", "#sa",
    "kind:meal", "kind:call deck", "@sato", "@さとう deck", "@hattori", "@deck",
    "promise", "prom", "send", "deck since:2025-01-20", "deck before:2025-01-10", "1", "e", "x",
]


def ids(hits) -> list[str]:
    return [h.record.id for h in hits]


@pytest.mark.parametrize("limit", [None, 1, 3, 8])
@pytest.mark.parametrize("confidential", [False, True])
def test_the_shell_search_is_the_index_whatever_the_query(varied: Store, limit, confidential) -> None:
    index = SearchIndex.from_store(varied)
    for query in QUERIES:
        want = index.search(query, include_confidential=confidential, limit=limit)
        got, _ = search_store(Store(varied.path), query, include_confidential=confidential, limit=limit)
        assert ids(got) == ids(want), query


def test_names_readings_and_romaji_find_their_notes(varied: Store) -> None:
    def people(query: str) -> set[str]:
        hits, found = search_store(Store(varied.path), query, include_confidential=True)
        return {found.people[c].name for h in hits for c in h.people}

    assert "Élodie Martin" in people("élodie")  # a non-ASCII capital, folded
    assert "Jürgen Straße" in people("strasse")
    assert {"佐藤 健", "佐藤 花子"} <= people("sato")  # romaji of a hiragana and a katakana reading
    assert {"佐藤 健", "佐藤 花子", "ｻﾄｳ ｼﾞﾛｳ"} <= people("さとう")  # kana and width
    assert "服部 半蔵" in people("hattori") and "服部 半蔵" in people("hanzo")  # っ; a long vowel dropped


def test_a_phrase_across_the_kind_and_a_tag_is_found(varied: Store) -> None:
    hits, _ = search_store(Store(varied.path), '"meal #sales"', limit=None)
    assert hits and all(h.record.kind == "meal" and "sales" in h.record.tags for h in hits)
    assert any("#sales" not in h.text for h in hits)  # found by its fields, not its text


def test_a_limit_is_kept_when_the_newest_candidates_do_not_match(store: Store) -> None:
    """The newest candidates are all confidential: the search decodes more of them, and
    still shows only the newest ``limit`` (it once showed every match)."""
    a = store.add(Contact(name="Tanaka"))
    start = date(2025, 1, 1)
    store.add_many(Interaction(date=(start + timedelta(days=i)).isoformat(), contacts=(a.id,),
                               scope="confidential" if i >= 300 else "open", text=f"the deck, take {i}")
                   for i in range(500))
    hits, _ = search_store(Store(store.path), "deck", limit=5)
    assert [h.text for h in hits] == [f"the deck, take {i}" for i in range(299, 294, -1)]
    assert ids(hits) == ids(SearchIndex.from_store(store).search("deck", limit=5))


def test_the_command_prints_the_limit_and_the_same_order(kizuna, store_path: Path) -> None:
    store = Store(store_path)
    a = store.add(Contact(name="Tanaka"))
    store.add_many(Interaction(date=f"2025-{1 + i // 28:02d}-{1 + i % 28:02d}", contacts=(a.id,),
                               scope="confidential" if i >= 100 else "open", text=f"Deck {i}")
                   for i in range(200))
    done = kizuna("search", "--limit", "3", "deck")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert [line.split(": ", 1)[1] for line in lines[:3]] == ["Deck 99", "Deck 98", "Deck 97"]
    assert len(lines) == 4 and "--limit 0" in lines[3]
    found = json.loads(kizuna("search", "--json", "--limit", "0", "deck").stdout)
    assert [h["record"]["text"] for h in found] == [f"Deck {i}" for i in range(99, -1, -1)]


def test_a_damaged_part_file_is_one_clear_error(kizuna, store_path: Path) -> None:
    store = Store(store_path)
    a = store.add(Contact(name="Tanaka"))
    store.add_many(Interaction(date="2025-01-01", contacts=(a.id,), text=f"deck {i}") for i in range(40))
    part = max((store_path.parent / "kizuna-parts").iterdir(), key=lambda p: p.stat().st_size)
    lines = part.read_bytes().split(b"\n")
    part.write_bytes(b"\n".join(lines[:-3] + lines[-2:]))  # one record line gone
    done = kizuna("search", "deck")
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1 and part.name in done.stderr
