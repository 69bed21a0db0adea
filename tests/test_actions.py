"""Store-changing planning actions: rules applied, everything on the timeline, nothing half-done."""

from __future__ import annotations

from datetime import date

import pytest

from model import actions
from model.errors import NotFoundError, ValidationError
from model.planning import Book
from model.planning.due import due_list
from model.planning.trust import trust
from model.records import Contact, Interaction, Promise
from model.store import Store

TODAY = date(2026, 11, 26)


def add(store: Store, name: str, tier: str = "network") -> Contact:
    return store.add(Contact(name=name, tier=tier, created="2026-01-01T09:00:00+00:00"))


def logs(store: Store, cid: str) -> list[str]:
    return [i.text for i in Book.from_store(store).timeline(cid) if i.kind == "log"]


def test_set_tier_up_and_down_is_logged_and_never_a_touch(store: Store) -> None:
    p = add(store, "佐藤 健")
    actions.set_tier(store, p.id, "deep", TODAY, reason="key partner")
    actions.set_tier(store, p.id, "network", date(2026, 11, 27))
    again = Store(store.path)
    assert again.contact(p.id).tier == "network"
    assert logs(again, p.id) == ["tier: moved down from deep to network",
                                 "tier: moved up from network to deep: key partner"]
    entries = [i for i in again.interactions() if i.contacts == (p.id,)]
    assert [(i.kind, i.date) for i in entries if i.kind == "log"] and all(i.kind == "log" for i in entries)
    assert sorted(i.date for i in entries) == ["2026-11-26", "2026-11-27"]
    assert Book.from_store(again).last_touch(p.id) is None


def test_set_tier_refused_changes_nothing(store: Store) -> None:
    deep = [add(store, f"D{i}", "deep") for i in range(5)]
    newcomer = add(store, "New")
    before = store.path.read_bytes()
    with pytest.raises(actions.RefusedError) as refused:
        actions.set_tier(store, newcomer.id, "deep", TODAY)
    assert "deep is full (5 of 5)" in str(refused.value)
    assert {c.contact_id for c in refused.value.check.candidates} == {d.id for d in deep}
    assert store.path.read_bytes() == before


def test_set_tier_to_the_same_tier_writes_nothing(store: Store) -> None:
    p = add(store, "Aoki", "active")
    before = store.path.read_bytes()
    assert actions.set_tier(store, p.id, "active", TODAY).allowed
    assert store.path.read_bytes() == before


def test_set_tier_of_an_unknown_id(store: Store) -> None:
    with pytest.raises(NotFoundError):
        actions.set_tier(store, "nope", "deep", TODAY)


def test_snooze_a_person_and_bring_them_back(store: Store) -> None:
    p = add(store, "Aoki", "active")
    store.add(Interaction(date="2026-01-05", contacts=(p.id,), kind="call"))
    assert [i.section for i in due_list(Book.from_store(store), TODAY)] == ["cadence"]
    actions.snooze(store, p.id, date(2026, 12, 10), TODAY, reason="on parental leave")
    assert Store(store.path).contact(p.id).snoozed_until == "2026-12-10"
    assert due_list(Book.from_store(store), TODAY) == []
    [back] = due_list(Book.from_store(store), date(2026, 12, 10))
    assert back.section == "cadence" and "on parental leave" in back.detail
    assert logs(store, p.id) == ["snoozed until 2026-12-10: on parental leave"]
    actions.unsnooze(store, p.id, TODAY)
    assert [i.section for i in due_list(Book.from_store(store), TODAY)] == ["cadence"]


def test_snooze_needs_a_later_date_and_a_reason(store: Store) -> None:
    p = add(store, "Aoki", "active")
    with pytest.raises(actions.DateRuleError, match="pick a day after today"):
        actions.snooze(store, p.id, TODAY, TODAY, reason="x")
    with pytest.raises(actions.RefusedError, match="reason"):
        actions.snooze(store, p.id, date(2026, 12, 1), TODAY, reason="  ")
    assert Store(store.path).contact(p.id).snoozed_until is None


def test_snooze_a_promise_reschedules_it_and_keeps_the_original_date(store: Store) -> None:
    p = add(store, "Aoki")
    pr = actions.add_promise(store, p.id, "me", "send the deck", date(2026, 11, 25), date(2026, 11, 20))
    moved = actions.snooze(store, p.id, date(2026, 11, 30), TODAY, reason="waiting for figures",
                           promise_id=pr.id)
    assert (moved.due, moved.original_due) == ("2026-11-30", "2026-11-25")
    assert moved.history[-1] == {"on": "2026-11-26", "from": "2026-11-25", "to": "2026-11-30",
                                 "reason": "snoozed: waiting for figures"}
    assert [i.section for i in due_list(Book.from_store(store), TODAY)] == ["upcoming"]


def test_promise_lifecycle_keep_late_after_reschedule(store: Store) -> None:
    p = add(store, "佐藤 健")
    pr = actions.add_promise(store, p.id, "me", "資料を送る", date(2026, 11, 20), date(2026, 11, 10))
    pr = actions.reschedule_promise(store, pr.id, date(2026, 11, 30), date(2026, 11, 19), reason="data late")
    assert len(pr.history) == 1 and pr.original_due == "2026-11-20"
    kept = actions.keep_promise(store, pr.id, date(2026, 11, 25))
    assert (kept.status, kept.resolved) == ("kept", "2026-11-25")
    report = trust(Book.from_store(store), p.id, TODAY)
    assert [(e.what, e.weight) for e in report.entries] == [("kept late", -1)]
    assert logs(store, p.id)[0] == "kept my promise: 資料を送る (5 days late)"
    assert "rescheduled my promise: 資料を送る, 2026-11-20 -> 2026-11-30: data late" in logs(store, p.id)


def test_resolved_promises_cannot_be_resolved_again(store: Store) -> None:
    p = add(store, "Aoki")
    pr = actions.add_promise(store, p.id, "them", "intro to Ito", date(2026, 11, 26), TODAY)
    actions.break_promise(store, pr.id, TODAY, reason="went quiet")
    for act in (actions.keep_promise, actions.break_promise, actions.drop_promise):
        with pytest.raises(actions.RefusedError, match="already broken on 2026-11-26"):
            act(store, pr.id, TODAY)
    with pytest.raises(actions.RefusedError):
        actions.reschedule_promise(store, pr.id, date(2026, 12, 1), TODAY)
    assert logs(store, p.id) == ["broke their promise: intro to Ito: went quiet"]


def test_drop_and_reschedule_to_the_same_day(store: Store) -> None:
    p = add(store, "Aoki")
    pr = actions.add_promise(store, p.id, "me", "call", date(2026, 12, 1), TODAY)
    with pytest.raises(actions.DateRuleError, match="already due on 2026-12-01"):
        actions.reschedule_promise(store, pr.id, date(2026, 12, 1), TODAY)
    dropped = actions.drop_promise(store, pr.id, TODAY, reason="they hired someone")
    assert dropped.status == "dropped"
    assert trust(Book.from_store(store), p.id, TODAY).balance == 0  # dropped before it was due


def test_add_promise_checks_owner_person_and_text(store: Store) -> None:
    p = add(store, "Aoki")
    with pytest.raises(ValidationError):
        actions.add_promise(store, p.id, "us", "x", TODAY, TODAY)
    with pytest.raises(NotFoundError):
        actions.add_promise(store, "nobody", "me", "x", TODAY, TODAY)
    with pytest.raises(ValidationError):
        actions.add_promise(store, p.id, "me", "   ", TODAY, TODAY)
    assert Store(store.path).promises() == []


def test_an_unknown_promise_id(store: Store) -> None:
    with pytest.raises(NotFoundError):
        actions.keep_promise(store, "nope", TODAY)


def test_actions_see_what_another_process_wrote(store: Store) -> None:
    p = add(store, "Aoki")
    other = Store(store.path)
    pr = Promise(owner="me", contact=p.id, text="from elsewhere", due="2026-11-30")
    other.add(pr)
    kept = actions.keep_promise(store, pr.id, TODAY)  # store reloads inside the transaction
    assert kept.status == "kept" and Store(store.path).get(Promise, pr.id).status == "kept"


def test_two_logs_in_one_second_keep_their_order(store: Store) -> None:
    p = add(store, "佐藤 健")
    actions.set_tier(store, p.id, "deep", TODAY, reason="key partner")
    actions.set_tier(store, p.id, "network", TODAY)  # the same day, most likely the same second
    timeline = Book.from_store(Store(store.path)).timeline(p.id)
    assert [i.text for i in timeline] == ["tier: moved down from deep to network",
                                          "tier: moved up from network to deep: key partner"]
    assert timeline[1].created < timeline[0].created  # microseconds tell them apart


def test_save_contact_makes_room_then_adds_into_the_full_tier(store: Store) -> None:
    deep = [add(store, f"D{i}", "deep") for i in range(5)]
    new = Contact(name="New", tier="deep")
    assert actions.save_contact(store, new, None, TODAY, {deep[0].id: "active"}) == new.id
    again = Store(store.path)
    assert (again.contact(deep[0].id).tier, again.contact(new.id).tier) == ("active", "deep")
    assert logs(again, deep[0].id) == ["tier: moved down from deep to active: made room in deep for New"]
    assert logs(again, new.id) == ["tier: added to deep: contact form"]


def test_save_contact_refuses_a_person_changed_in_another_window(store: Store) -> None:
    read = add(store, "Aoki")
    Store(store.path).put(read.touched(company="Elsewhere"))
    before = store.path.read_bytes()
    with pytest.raises(actions.OutsideChange) as changed:
        actions.save_contact(store, read.touched(title="CTO"), read, TODAY, {})
    assert changed.value.current.company == "Elsewhere"
    assert store.path.read_bytes() == before
