"""Tiers and caps (A1, A3): a full tier says no and names who could make room."""

from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from model import actions
from model.planning import Book
from model.planning.caps import over_cap, room_candidates, tier_change
from model.records import TIERS, Contact, Interaction, Promise, Settings
from model.store import Store

TODAY = date(2026, 11, 26)


def person(name: str, tier: str) -> Contact:
    return Contact(name=name, tier=tier)


def deep_talk(day: str, p: Contact) -> Interaction:
    return Interaction(date=day, contacts=(p.id,), depth="deep", kind="meeting")


def full_deep():
    people = [person(n, "deep") for n in ("Aoki", "Baba", "Chiba", "Doi", "Endo")]
    aoki, baba, chiba, doi, endo = people
    talks = [deep_talk("2026-11-01", aoki), deep_talk("2026-04-01", baba), deep_talk("2026-10-01", chiba),
             deep_talk("2026-11-20", doi), deep_talk("2026-11-21", endo)]
    broken = Promise(owner="me", contact=doi.id, text="report", due="2026-09-01", status="broken",
                     resolved="2026-09-05")
    return people, talks, [broken]


def test_full_deep_tier_refuses_and_names_who_could_make_room() -> None:
    people, talks, promises = full_deep()
    newcomer = person("佐藤 健", "active")
    check = tier_change(Book([*people, newcomer], talks, promises), newcomer.id, "deep", TODAY)
    assert not check.allowed
    assert check.message.startswith("cannot move 佐藤 健 to deep: deep is full (5 of 5).")
    assert "Baba (longest without a deep conversation: 239 days, last one 2026-04-01)" in check.message
    assert "Doi (lowest trust balance: -5)" in check.message
    assert "move one of them to active first" in check.message
    assert "\n" not in check.message  # one line
    # Everyone in the tier is a candidate, longest without a deep conversation first.
    assert [c.name for c in check.candidates] == ["Baba", "Chiba", "Aoki", "Doi", "Endo"]
    assert check.candidates[0].days_since_deep == 239


def test_never_a_deep_conversation_comes_first() -> None:
    people, talks, promises = full_deep()
    never = person("Fujii", "deep")
    cands = room_candidates(Book([*people, never], talks, promises), "deep", TODAY)
    assert cands[0].name == "Fujii" and cands[0].last_deep is None
    assert "none on record" in cands[0].reasons[0]


def test_one_person_can_be_both_reasons() -> None:
    a, b = person("Aoki", "deep"), person("Baba", "deep")
    p = Promise(owner="me", contact=b.id, text="x", due="2026-01-01", status="broken", resolved="2026-01-02")
    book = Book([a, b, person("New", "network")], [deep_talk("2026-11-01", a), deep_talk("2026-01-01", b)], [p],
                settings=Settings(deep_cap=2))
    check = tier_change(book, book.in_tier("network")[0].id, "deep", TODAY)
    assert "Baba (longest without a deep conversation: 329 days, last one 2026-01-01; lowest trust balance: -5)" \
        in check.message
    assert "Aoki" not in check.message


def test_moving_down_needs_no_permission_but_not_into_a_full_tier() -> None:
    people, talks, promises = full_deep()
    actives = [person(f"A{i}", "active") for i in range(15)]
    book = Book([*people, *actives], talks, promises)
    assert tier_change(book, people[0].id, "network", TODAY).allowed
    assert tier_change(book, people[0].id, "archived", TODAY).allowed
    into_full = tier_change(book, people[0].id, "active", TODAY)
    assert not into_full.allowed and "active is full (15 of 15)" in into_full.message
    assert "to network first" in into_full.message
    ok = tier_change(book, actives[0].id, "network", TODAY)
    assert ok.allowed and ok.demotion and not ok.promotion


def test_same_tier_is_allowed_and_unknown_tier_is_not() -> None:
    people, talks, promises = full_deep()
    book = Book(people, talks, promises)
    assert tier_change(book, people[0].id, "deep", TODAY).allowed
    assert not tier_change(book, people[0].id, "inner circle", TODAY).allowed


def test_a_lowered_cap_blocks_new_entries_and_is_reported() -> None:
    people, talks, promises = full_deep()
    book = Book([*people, person("New", "network")], talks, promises, settings=Settings(deep_cap=3))
    assert over_cap(book) == {"deep": (5, 3)}
    assert not tier_change(book, book.in_tier("network")[0].id, "deep", TODAY).allowed
    assert tier_change(book, people[0].id, "active", TODAY).allowed


def test_without_today_the_message_has_no_day_counts() -> None:
    people, talks, promises = full_deep()
    newcomer = person("New", "network")
    check = tier_change(Book([*people, newcomer], talks, promises), newcomer.id, "deep")
    assert "last one 2026-04-01" in check.message and "days" not in check.message


# -- property: no sequence of moves ever exceeds a cap ------------------------------------

moves = st.lists(st.tuples(st.integers(0, 11), st.sampled_from(TIERS)), max_size=60)


@settings(max_examples=300, deadline=None)
@given(moves=moves, deep_cap=st.integers(1, 4), active_cap=st.integers(1, 5))
def test_no_sequence_of_tier_changes_exceeds_a_cap(moves, deep_cap, active_cap) -> None:
    caps = Settings(deep_cap=deep_cap, active_cap=active_cap)
    people = {p.id: p for p in (person(f"P{i}", "network") for i in range(12))}
    ids = list(people)
    for index, tier in moves:
        cid = ids[index]
        book = Book(people.values(), [], [], settings=caps)
        check = tier_change(book, cid, tier, TODAY)
        if check.allowed:
            people[cid] = people[cid].touched(tier=tier)
        else:
            assert people[cid].tier != tier and check.message
        counts = {t: sum(1 for p in people.values() if p.tier == t) for t in TIERS}
        assert counts["deep"] <= deep_cap and counts["active"] <= active_cap


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(moves=st.lists(st.tuples(st.integers(0, 5), st.sampled_from(TIERS)), max_size=15))
def test_set_tier_on_a_real_store_never_exceeds_a_cap(moves) -> None:
    with tempfile.TemporaryDirectory() as folder:
        store = Store(Path(folder) / "kizuna.json")
        store.save_settings(Settings(deep_cap=2, active_cap=3))
        ids = [store.add(person(f"P{i}", "network")).id for i in range(6)]
        for index, tier in moves:
            try:
                actions.set_tier(store, ids[index], tier, TODAY)
            except actions.RefusedError as refused:
                assert not refused.check.allowed
            reread = Store(store.path).contacts()
            assert sum(c.tier == "deep" for c in reread) <= 2
            assert sum(c.tier == "active" for c in reread) <= 3


def test_a_deep_talk_one_day_ago_is_one_day_and_without_today_only_the_date_is_said() -> None:
    """Candidates say "1 day" in the singular; without ``today`` the day of the last one alone."""
    recent = [person(n, "deep") for n in "ABCDE"]
    newcomer = person("New", "active")
    book = Book([*recent, newcomer], [deep_talk("2026-11-25", p) for p in recent], [])
    assert "A (longest without a deep conversation: 1 day, last one 2026-11-25; lowest trust balance: +0)" \
        in tier_change(book, newcomer.id, "deep", TODAY).message
    assert "A (longest without a deep conversation: last one 2026-11-25; lowest trust balance: +0)" \
        in tier_change(book, newcomer.id, "deep").message


def test_tier_messages_show_the_tiers_in_the_language_of_the_app() -> None:
    """In Japanese mode every tier in a message is shown in Japanese (stored in English)."""
    from model.language import i18n

    people, talks, promises = full_deep()
    newcomer = person("佐藤 健", "active")
    book = Book([*people, newcomer], talks, promises)
    try:
        i18n.set_language("ja")
        full = tier_change(book, newcomer.id, "deep", TODAY)
        same = tier_change(book, people[0].id, "deep", TODAY)
        down = tier_change(book, people[0].id, "network", TODAY)
    finally:
        i18n.set_language("en")
    assert full.message.startswith("佐藤 健を深いに移せません: 深いは満員です(5人中5人)。")
    assert "先に次のどれかを活発に移してください" in full.message
    assert (same.message, down.message) == ("Aokiはすでに深いにいます", "Aoki: 深い → ネットワーク(下へ)")
