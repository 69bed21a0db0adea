"""Property: no sequence of focus actions breaks a plan's rules.

Whatever is added, removed, carried or refused, on a real store file: a person
is in at most one slot of a month, nobody archived is placed by an action, a
plan keeps its template's slots, and a refused action changes nothing.
"""

from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from model.errors import KizunaError
from model.actions.focus import carry_over, clear_slot, set_slot
from model.records import RELATIONS, Contact
from model.store import Store

TODAY = date(2026, 12, 31)
MONTHS = ("2026-11", "2026-12", "2027-01")
PEOPLE = [
    Contact(name="Ueda", industry="manufacturing", id="p0"),
    Contact(name="Oda", industry="logistics", id="p1"),
    Contact(name="Kato", relation="customer", id="p2"),
    Contact(name="Ito", id="p3"),
    Contact(name="佐藤", relation="cross-industry", id="p4"),
    Contact(name="Ishida", tier="archived", id="p5"),
    Contact(name="Mori", relation="mentor", id="p6"),
]
IDS = [p.id for p in PEOPLE]

op = st.one_of(
    st.tuples(st.just("set"), st.sampled_from(MONTHS), st.sampled_from(IDS),
              st.one_of(st.none(), st.integers(0, 4)), st.one_of(st.none(), st.sampled_from(RELATIONS)),
              st.booleans()),
    st.tuples(st.just("clear"), st.sampled_from(MONTHS), st.sampled_from(IDS)),
    st.tuples(st.just("clear_slot"), st.sampled_from(MONTHS), st.integers(0, 4)),
    st.tuples(st.just("carry"), st.sampled_from(MONTHS), st.sampled_from(MONTHS),
              st.lists(st.sampled_from(IDS), max_size=4)),
)


def apply(store: Store, step) -> None:
    kind = step[0]
    if kind == "set":
        _, month, cid, slot, role, replace = step
        set_slot(store, month, cid, TODAY, slot=slot, role=None if slot is not None else role,
                 intent=f"intent {cid}", replace=replace)
    elif kind == "clear":
        clear_slot(store, step[1], TODAY, contact_id=step[2])
    elif kind == "clear_slot":
        clear_slot(store, step[1], TODAY, slot=step[2])
    else:
        carry_over(store, step[1], step[2], step[3], TODAY)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(op, max_size=14))
def test_no_sequence_of_actions_breaks_the_rules(steps):
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(Path(tmp) / "kizuna.json")
        store.add_many(PEOPLE)
        template = store.settings().focus_template
        for step in steps:
            before = store.path.read_bytes()
            try:
                apply(store, step)
            except KizunaError:
                assert store.path.read_bytes() == before, f"refused {step} but wrote"
            plans = Store(store.path).focus_plans()
            assert len({p.month for p in plans}) == len(plans), "two plans for one month"
            for plan in plans:
                held = [s.contact for s in plan.slots if s.contact]
                assert len(held) == len(set(held)), f"{plan.month}: someone is in two slots"
                assert "p5" not in held, "an archived person was placed"
                assert tuple(s.role for s in plan.slots) == template
                for s in plan.slots:
                    if s.contact:
                        assert s.intent == f"intent {s.contact}"  # carried intents travel along
