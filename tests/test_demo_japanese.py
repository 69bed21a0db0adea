"""The demo in Japanese mode (issue 17): the same story, its own words in Japanese."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from model.actions.log_text import shown
from model.demo import build_demo, demo_records
from model.language import i18n
from model.planning.book import Book
from model.planning.diversity import diversity
from model.planning.focus import suggest
from model.store import Store

TODAY = date(2026, 11, 26)
#: the free text that may differ between the languages; everything else is the same record
FREE_TEXT = {"text", "title", "industry", "function", "next_step", "how_met", "tags", "slots"}
ASCII_WORD = re.compile(r"[A-Za-z]{2,}")
#: abbreviations Japanese business writing uses as they are
ABBREVIATIONS = {"IoT", "EV", "PoC", "HACCP", "PPAP", "PB", "NC", "CEO", "CTO", "CFO", "ISO", "EU", "CSV",
                 "SNS", "kHz", "Ra", "JETRO", "JIMTOF"}


@pytest.fixture
def stores(tmp_path: Path) -> dict[str, Store]:
    """The demo built in each language into a real store file, read back from disk."""
    found = {}
    for lang in ("en", "ja"):
        store = Store(tmp_path / lang / "kizuna.json")
        build_demo(store, TODAY, lang)
        found[lang] = Store(store.path)
    return found


def test_the_same_records_in_both_languages_only_the_words_differ() -> None:
    english, japanese = demo_records(TODAY), demo_records(TODAY, "ja")
    assert len(english) == len(japanese)
    for en, ja in zip(english, japanese, strict=True):
        a, b = en.to_dict(), ja.to_dict()
        assert {k: v for k, v in a.items() if k not in FREE_TEXT} == \
            {k: v for k, v in b.items() if k not in FREE_TEXT}
    assert demo_records(TODAY, "en") == english  # English unchanged by the parameter


def _words(text: str, proper: set[str]) -> list[str]:
    return [w for w in ASCII_WORD.findall(text) if w not in proper and w not in ABBREVIATIONS]


def test_the_japanese_demo_has_no_english_word_outside_proper_names(stores) -> None:
    store = stores["ja"]
    people = store.contacts()
    proper = {w for c in people for w in ASCII_WORD.findall(f"{c.name} {c.company}")}
    assert store.settings().own_industry == "製造業"
    i18n.set_language("ja")
    try:
        for c in people:
            for field in (c.industry, c.function, c.title, c.next_step, c.how_met, *c.tags):
                assert _words(field, proper) == [], (c.name, field)
        for note in store.interactions():
            assert _words(shown(note.text), proper) == [], note.text
            assert _words(" ".join(note.tags), proper) == [], note.tags
            assert _words(i18n.word("kind", note.kind), proper) == [], note.kind
        for promise in store.promises():
            assert _words(promise.text, proper) == [], promise.text
        for plan in store.focus_plans():
            for text in (plan.challenge, plan.review, *(s.intent for s in plan.slots)):
                assert _words(text, proper) == [], text
    finally:
        i18n.set_language("en")
    # the English demo is still English: its owner is in manufacturing
    assert stores["en"].settings().own_industry == "manufacturing"
    assert any(c.industry == "manufacturing" for c in stores["en"].contacts())


def _shape(store: Store) -> dict:
    """What the planner says about the demo, without its words: who, how many, which scores."""
    book = Book.from_store(store)
    deep = [c for c in book.contacts() if c.tier == "deep"]
    report = diversity(deep, book.settings, "deep relationships")
    month = TODAY.strftime("%Y-%m")
    found = {role: [(s.contact.id, s.score, s.parts, len(s.reasons)) for s in
                    suggest(book, month, role, "sales channel", TODAY, limit=8)]
             for role in ("same-industry", "cross-industry", "customer")}
    return {"outside": (report.outside, report.inside, report.industry_unknown, report.outside_share),
            "warnings": len(report.warnings),
            "spreads": {d: (list(s.counts.values()), s.unknown, s.evenness) for d, s in report.spread.items()},
            "suggestions": found}


def test_the_planner_tells_the_same_story_in_both_languages(stores) -> None:
    english, japanese = _shape(stores["en"]), _shape(stores["ja"])
    assert english == japanese
    assert english["outside"][0] >= 1 and english["suggestions"]["same-industry"]
    # the same-industry people are in the owner's industry in each language
    for lang, store in stores.items():
        own = store.settings().own_industry
        same = [c for c in store.contacts() if c.relation == "same-industry"]
        assert same and all(c.industry == own for c in same), lang


def test_a_generation_reads_japanese_where_shown_and_stays_in_the_store(stores) -> None:
    from model.language.i18n import value

    store = stores["ja"]
    assert {c.generation for c in store.contacts()} <= {"20s", "30s", "40s", "50s", "60s", "70s"}
    i18n.set_language("ja")
    try:
        assert (value("generation", "40s"), value("level", "manager"), value("industry", "製造業")) == \
            ("40代", "管理職", "製造業")
        book = Book.from_store(store)
        report = diversity([c for c in book.contacts() if c.tier == "deep"], book.settings, "deep")
        assert "40s" in report.spread["generation"].counts  # the data keeps the stored word
    finally:
        i18n.set_language("en")
    assert value("generation", "40s") == "40s"
