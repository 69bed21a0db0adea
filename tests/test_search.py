"""Searching every note: the query language, Japanese folding, confidential notes, the index."""

from __future__ import annotations

from datetime import date

import pytest

from model.capture import save
from model.records import Contact, Interaction
from model.search import QueryError, SearchIndex, highlight_spans, parse_query
from model.store import Store

TODAY = date(2026, 11, 26)


@pytest.fixture
def index(store: Store) -> SearchIndex:
    store.add(Contact(name="佐藤 健", reading="さとう けん"))
    save(store, "@Tanaka lunch yesterday: talked pricing for next quarter #sales", TODAY, True)
    save(store, "@Tanaka call 2026-01-15: pricing was too high", TODAY, True)
    save(store, "@佐藤 meeting 2026-06-02: 採用の話 サトウさんの会社で", TODAY, True)
    save(store, "@Mori coffee 2026-03-03 !confidential: funding round pricing", TODAY, True)
    save(store, "@Mori call 2026-03-04: promised the ＰＤＦ deck by 12/10", TODAY, True)
    return SearchIndex.from_store(store)


def texts(hits) -> list[str]:
    return [h.text for h in hits]


def test_words_are_anded_and_newest_first(index: SearchIndex) -> None:
    assert texts(index.search("pricing")) == ["talked pricing for next quarter", "pricing was too high"]
    assert texts(index.search("pricing high")) == ["pricing was too high"]
    assert index.search("pricing nothere") == []


def test_phrase_person_tag_kind_and_dates(index: SearchIndex) -> None:
    assert texts(index.search('"next quarter"')) == ["talked pricing for next quarter"]
    assert index.search('"quarter next"') == []
    assert texts(index.search("@tanaka #sales")) == ["talked pricing for next quarter"]
    assert texts(index.search("pricing kind:meal")) == ["talked pricing for next quarter"]
    assert texts(index.search("pricing since:2026-01 before:2026-02")) == ["pricing was too high"]
    assert [h.record.kind for h in index.search("@mori kind:call")] == ["call"]
    assert {h.kind for h in index.search("deck")} == {"promise"}


def test_japanese_without_spaces_width_and_kana_insensitive(index: SearchIndex) -> None:
    assert texts(index.search("採用")) == ["採用の話 サトウさんの会社で"]
    assert texts(index.search("さとうさん")) == ["採用の話 サトウさんの会社で"]  # katakana in the note
    assert texts(index.search("ｻﾄｳ")) == ["採用の話 サトウさんの会社で"]  # half-width
    assert texts(index.search("@サトウ")) == ["採用の話 サトウさんの会社で"]  # the reading
    assert [h.kind for h in index.search("pdf")] == ["promise"]


def test_confidential_only_when_asked(index: SearchIndex) -> None:
    assert texts(index.search("funding")) == []
    assert texts(index.search("funding", include_confidential=True)) == ["funding round pricing"]


def test_log_lines_and_empty_queries_match_nothing(store: Store, index: SearchIndex) -> None:
    assert index.search("") == [] and index.search("   ") == []
    store.add(Interaction(date="2026-11-01", contacts=(store.contacts()[0].id,), kind="log", text="tier moved"))
    assert SearchIndex.from_store(store).search("tier") == []


def test_bad_terms_are_one_clear_error() -> None:
    with pytest.raises(QueryError, match="since:2026-13 is not a month"):
        parse_query("since:2026-13")
    with pytest.raises(QueryError, match="kind:zzz is not a kind"):
        parse_query("kind:zzz")


def test_highlight_spans_map_back_to_the_original_text() -> None:
    text = "採用の話 サトウさん ＰＤＦ"
    spans = highlight_spans(text, "さとう pdf")
    assert [text[s:e] for s, e in spans] == ["サトウ", "ＰＤＦ"]


def test_hostile_text_cannot_join_two_entries(store: Store) -> None:
    save(store, "@A call: ends with x", TODAY, True)
    store.add(Interaction(date="2026-11-02", contacts=(store.contacts()[0].id,), text="\x00y starts"))
    assert SearchIndex.from_store(store).search("x\x00y") == []


@pytest.mark.parametrize("query", ["pricing", "pricing high", '"next quarter"', "@tanaka #sales",
                                   "kind:meal", "#sales", "since:2026-01 before:2026-02", "採用",
                                   "さとうさん", "ｻﾄｳ", "@サトウ", "pdf", "tanaka", "けん", "funding"])
@pytest.mark.parametrize("confidential", [False, True])
def test_the_shell_search_finds_what_the_index_finds(store: Store, index: SearchIndex, query: str,
                                                      confidential: bool) -> None:
    from model.search import search_store

    fresh = Store(store.path)  # the part files' bytes, not records in memory
    hits, _ = search_store(fresh, query, include_confidential=confidential)
    assert [h.record.id for h in hits] == [h.record.id for h in index.search(query, include_confidential=confidential)]


@pytest.mark.parametrize("query", ["deck", "deck kind:call", "deck before:2026-03", "deck @sato"])
def test_the_shell_search_with_a_limit_is_the_newest_matches(store: Store, query: str) -> None:
    """Each part file decodes only its newest candidates; when those cannot show the true
    newest matches (the newest are confidential, another kind, too late), it reads them all."""
    from datetime import timedelta

    from model.search import search_store

    a = store.add(Contact(name="Tanaka"))
    b = store.add(Contact(name="Sato"))
    start = date(2025, 1, 1)
    store.add_many(Interaction(date=(start + timedelta(days=i)).isoformat(), contacts=(a.id if i % 7 else b.id,),
                               kind="call" if i % 5 == 0 else "meal",
                               scope="confidential" if i > 480 else "open", text=f"the deck, take {i}")
                   for i in range(500))
    full = SearchIndex.from_store(store).search(query, limit=5)
    hits, _ = search_store(Store(store.path), query, limit=5)
    assert [h.record.id for h in hits] == [h.record.id for h in full] and len(full) == 5
