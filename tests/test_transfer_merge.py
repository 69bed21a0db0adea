"""Merging two records of one person, on a real store file."""

from __future__ import annotations

from datetime import date

import pytest

from model.errors import NotFoundError
from model.records import Contact, FocusPlan, Interaction, Promise, Slot
from model.store import Store
from model.transfer.merge import MergeError, merge

TODAY = date(2026, 11, 20)


def setup(store):
    a = Contact(name="山田 太郎", company="山田商事", emails=("taro@example.jp",), tags=("golf",),
                tier="active", notes="A's note", created="2024-01-01T00:00:00+00:00")
    b = Contact(name="Taro Yamada", reading="やまだ たろう", company="Yamada Trading", title="CEO",
                emails=("TARO@example.jp", "t.yamada@example.com"), phones=("090",), tags=("Golf", "vip"),
                tier="deep", notes="B's note", created="2020-01-01T00:00:00+00:00")
    c = Contact(name="Sato")
    both = Interaction(date="2026-11-01", contacts=(a.id, b.id, c.id), text="dinner with both")
    only_b = Interaction(date="2026-10-01", contacts=(b.id,), kind="call", text="call with B")
    other = Interaction(date="2026-10-02", contacts=(c.id,), text="unrelated")
    promise = Promise(owner="me", contact=b.id, text="send book", due="2026-12-01")
    plan_b = FocusPlan(month="2026-11", slots=(Slot("customer", b.id, "deal"), Slot("mentor", c.id, "")))
    plan_ab = FocusPlan(month="2026-12", slots=(Slot("customer", a.id, ""), Slot("partner", b.id, "x")))
    store.add_many([a, b, c, both, only_b, other, promise, plan_b, plan_ab])
    return a, b, c, both, only_b, other, promise, plan_b, plan_ab


def test_merge_joins_timelines_promises_slots_and_fields(store, store_path):
    a, b, c, both, only_b, other, promise, plan_b, plan_ab = setup(store)
    result = merge(store, a, b, TODAY)
    fresh = Store(store_path)
    ids = {x.id for x in fresh.contacts()}
    assert b.id not in ids and a.id in ids
    kept = fresh.contact(a.id)
    assert kept.name == "山田 太郎" and kept.company == "山田商事"  # A's own values win
    assert kept.reading == "やまだ たろう" and kept.title == "CEO"  # blanks filled
    assert kept.emails == ("taro@example.jp", "t.yamada@example.com")  # no case duplicate
    assert kept.tags == ("golf", "vip") and kept.phones == ("090",)
    assert kept.tier == "deep"  # the closer of the two tiers
    assert kept.notes == "A's note\n\nB's note"
    assert kept.created == "2020-01-01T00:00:00+00:00"
    notes = {i.id: i for i in fresh.interactions()}
    assert notes[both.id].contacts == (a.id, c.id)  # no duplicates
    assert notes[only_b.id].contacts == (a.id,)
    assert notes[other.id].contacts == (c.id,)
    assert fresh.get(Promise, promise.id).contact == a.id
    assert fresh.focus_plan("2026-11").slots[0] == Slot("customer", a.id, "deal")
    assert fresh.focus_plan("2026-12").slots == (Slot("customer", a.id, ""), Slot("partner", None, "x"))
    log = notes[result.log.id]
    assert log.kind == "log" and log.contacts == (a.id,) and log.date == "2026-11-20"
    assert log.text == ("Merged Taro Yamada (Yamada Trading) into 山田 太郎: 2 notes, 1 promise, "
                        "2 focus slots moved")
    assert (result.interactions, result.promises, result.slots) == (2, 1, 2)


def test_merging_a_person_into_themselves_is_refused(store, store_path):
    a = store.add(Contact(name="A"))
    before = store_path.read_bytes()
    with pytest.raises(MergeError, match="same record"):
        merge(store, a, a, TODAY)
    assert store_path.read_bytes() == before


def test_a_merge_that_fails_changes_nothing(store, store_path):
    a, b, *_ = setup(store)
    Store(store_path).remove(b)  # another process removed B meanwhile
    before = store_path.read_bytes()
    with pytest.raises(NotFoundError):
        merge(store, a, b, TODAY)
    assert store_path.read_bytes() == before
