"""The store keeps each table's records built once and changes them in place on add and
put (a new person no longer rebuilds 5,000): what it hands out always equals the file."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from model.records import Contact, Promise
from model.store import Store

NAMES = ["Tanaka Yuki", "佐藤 健", "Emily Carter", "Marco Rossi", "高橋 由美"]
TIERS = ["deep", "active", "network"]

step = st.one_of(
    st.tuples(st.just("add"), st.sampled_from(NAMES), st.sampled_from(TIERS)),
    st.tuples(st.just("put"), st.integers(0, 50), st.sampled_from(TIERS)),
    st.tuples(st.just("remove"), st.integers(0, 50), st.none()),
    st.tuples(st.just("promise"), st.integers(0, 50), st.none()),
    st.tuples(st.just("keep"), st.integers(0, 50), st.none()),
)


@settings(max_examples=60, deadline=None)
@given(st.lists(step, min_size=1, max_size=25))
def test_records_handed_out_equal_the_file_after_any_changes(steps):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "kizuna.json"
        store = Store(path)
        for op, arg, tier in steps:
            people = store.contacts()  # builds the cache, so later changes go through it
            promises = store.promises()
            if op == "add":
                store.add(Contact(name=arg, tier="network" if tier == "deep" else tier))
            elif op == "put" and people:
                person = people[arg % len(people)]
                store.put(person.touched(tier="network" if person.tier != "network" else "active"))
            elif op == "remove" and people:
                store.remove(people[arg % len(people)])
            elif op == "promise" and people:
                person = people[arg % len(people)]
                store.add(Promise(contact=person.id, text="send the deck", due="2026-12-05",
                                  original_due="2026-12-05"))
            elif op == "keep" and promises:
                promise = promises[arg % len(promises)]
                store.put(promise.touched(status="kept", resolved="2026-11-26"))
            fresh = Store(path)
            assert store.contacts() == fresh.contacts()
            assert store.promises() == fresh.promises()
        # what was handed out before a change is not changed by it
        before = store.contacts()
        snapshot = list(before)
        store.add(Contact(name="Someone New"))
        assert before == snapshot and len(store.contacts()) == len(before) + 1
