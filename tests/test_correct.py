"""Correcting what was saved: edit, delete, forget, undo — against the real store on disk."""

from __future__ import annotations

import os
import stat
from datetime import date

import pytest

from model import actions
from model.actions.edit import (
    ChangedMeanwhileError,
    delete_note,
    delete_promise,
    deleted_ids,
    edit_note,
    forget,
    forget_plan,
    last_note,
    pick_id,
)
from model.capture import save
from model.errors import AmbiguousError, NotFoundError
from model.planning import Book
from model.planning.focus import month_review
from model.planning.trust import trust
from model.records import Contact, Deletion, FocusPlan, Interaction, Promise, Slot
from model.store import Store
from model.actions.undo import UndoError, UndoLog, undo, undo_path

TODAY = date(2026, 11, 26)


@pytest.fixture
def logged(store: Store) -> tuple[Store, UndoLog]:
    return store, UndoLog(store.path).attach(store)


def test_edit_fixes_a_typo_a_person_and_a_date(store: Store) -> None:
    cap = save(store, "@Tanaka lunch: talked pricnig", TODAY, True)
    sato = store.add(Contact(name="Sato"))
    note = cap.interaction
    edited = edit_note(store, note, text="talked pricing", contacts=(sato.id,), date="2026-11-20")
    again = Store(store.path).get(Interaction, note.id)
    assert (again.text, again.contacts, again.date) == ("talked pricing", (sato.id,), "2026-11-20")
    assert again == edited and again.updated > note.updated and again.created == note.created


def test_edit_of_a_note_changed_meanwhile_is_refused(store: Store) -> None:
    note = save(store, "@Tanaka call: first", TODAY, True).interaction
    other = Store(store.path)  # another process
    edit_note(other, other.get(Interaction, note.id), text="theirs")
    before = store.path.read_bytes()
    with pytest.raises(ChangedMeanwhileError, match="changed elsewhere"):
        edit_note(store, note, text="mine")
    assert store.path.read_bytes() == before
    assert Store(store.path).get(Interaction, note.id).text == "theirs"


def test_edit_refuses_an_unknown_person_and_no_person(store: Store) -> None:
    note = save(store, "@Tanaka call: x", TODAY, True).interaction
    with pytest.raises(NotFoundError):
        edit_note(store, note, contacts=("nobody",))
    with pytest.raises(Exception, match="at least one person"):
        edit_note(store, note, contacts=())
    assert Store(store.path).get(Interaction, note.id) == note


def test_a_deep_note_moved_out_of_the_month_reopens_the_focus_item(store: Store) -> None:
    tanaka = store.add(Contact(name="Tanaka", tier="deep"))
    store.add(FocusPlan(month="2026-11", slots=(Slot(role="customer", contact=tanaka.id),)))
    note = save(store, "@Tanaka call !deep: the plan", TODAY, True).interaction
    assert month_review(Book.from_store(store), "2026-11", TODAY).rows[0].deep_held
    edit_note(store, note, date="2026-10-30")
    assert not month_review(Book.from_store(store), "2026-11", TODAY).rows[0].deep_held


def test_a_deleted_kept_promise_stops_counting_for_trust(store: Store) -> None:
    cap = save(store, "@Tanaka call: promised the deck by 11/25", date(2026, 11, 20), True)
    promise = cap.saved_promises[0]
    kept = actions.keep_promise(store, promise.id, date(2026, 11, 24))
    assert trust(Book.from_store(store), promise.contact, TODAY).balance > 0
    delete_promise(store, kept)
    assert trust(Book.from_store(store), promise.contact, TODAY).balance == 0
    assert promise.id in deleted_ids(Store(store.path))


def test_delete_note_leaves_a_tombstone_and_unlinks_its_promises(store: Store) -> None:
    cap = save(store, "@Tanaka call: promised the deck by fri", TODAY, True)
    delete_note(store, cap.interaction)
    again = Store(store.path)
    assert cap.interaction.id not in {i.id for i in again.interactions()}
    assert again.get(Promise, cap.saved_promises[0].id).interaction is None
    stone = again.get(Deletion, cap.interaction.id)
    assert stone.of == "interactions"


def test_pick_id_by_prefix_lists_candidates_when_ambiguous(store: Store) -> None:
    a = store.add(Interaction(id="abcd1111" + "0" * 24, date="2026-11-01", contacts=("x",), text="one"))
    store.add(Interaction(id="abcd2222" + "0" * 24, date="2026-11-02", contacts=("x",), text="two"))
    notes = store.interactions()
    assert pick_id(notes, "ABCD1") == a
    with pytest.raises(AmbiguousError, match="abcd11110000.*one.*abcd22220000.*two"):
        pick_id(notes, "abcd")
    with pytest.raises(NotFoundError, match="no note"):
        pick_id(notes, "ffff")
    with pytest.raises(NotFoundError, match="not a note id"):
        pick_id(notes, "ab")


def test_forget_removes_what_is_theirs_alone_and_leaves_shared_notes(store: Store) -> None:
    mori = store.add(Contact(name="Mori"))
    save(store, "@Tanaka lunch: alone with Tanaka, promised the deck by fri", TODAY, True)
    shared = save(store, "@Tanaka @Mori meeting: the three of us", TODAY, True).interaction
    tanaka = next(c for c in store.contacts() if c.name == "Tanaka")
    store.add(FocusPlan(month="2026-11", slots=(Slot(role="customer", contact=tanaka.id),
                                                 Slot(role="partner", contact=mori.id))))
    plan = forget_plan(store, tanaka.id)
    assert (len(plan.notes), len(plan.shared), len(plan.promises), len(plan.plans)) == (1, 1, 1, 1)
    assert any("backups" in line for line in plan.summary())
    forget(store, tanaka.id)
    again = Store(store.path)
    assert [c.name for c in again.contacts()] == ["Mori"]
    assert [(i.id, i.contacts) for i in again.interactions()] == [(shared.id, (mori.id,))]
    assert again.promises() == []
    assert [s.contact for s in again.focus_plans()[0].slots] == [None, mori.id]
    assert tanaka.id in deleted_ids(again) and plan.notes[0].id in deleted_ids(again)


def test_last_note_skips_log_lines(store: Store) -> None:
    cap = save(store, "@Tanaka call: x", TODAY, True)
    actions.set_tier(store, cap.people[0].id, "active", TODAY)
    assert last_note(store) == cap.interaction


# -- undo ---------------------------------------------------------------------------


def test_undo_a_note_then_a_tier_move_repeatedly(logged) -> None:
    store, log = logged
    cap = save(store, "@Tanaka call: hello", TODAY, True)
    actions.set_tier(store, cap.people[0].id, "active", TODAY)
    first = undo(store, log)
    assert "Tanaka: tier network -> active" in first.label
    again = Store(store.path)
    assert again.contact(cap.people[0].id).tier == "network"
    assert [i.kind for i in again.interactions()] == ["call"]  # the tier's log line went too
    second = undo(store, log)
    assert "a note added" in second.label
    assert Store(store.path).interactions() == [] and Store(store.path).contacts() == []
    with pytest.raises(UndoError, match="nothing to undo"):
        undo(store, log)


def test_undo_names_a_note_by_its_date_and_first_words(logged) -> None:
    store, log = logged
    save(store, "@Tanaka call: pricing talk", TODAY, True)
    save(store, "@Tanaka", TODAY, True)  # a touch with no text
    assert undo(store, log).label == "a note added (2026-11-26)"
    assert undo(store, log).label == "Tanaka added, a note added (2026-11-26 pricing talk)"


def test_undo_a_deletion_brings_the_note_back_and_drops_the_tombstone(logged) -> None:
    store, log = logged
    note = save(store, "@Tanaka call: keep me", TODAY, True).interaction
    delete_note(store, note)
    undo(store, log)
    again = Store(store.path)
    assert again.get(Interaction, note.id) == note
    assert deleted_ids(again) == set()


def test_undo_forget(logged) -> None:
    store, log = logged
    mori = store.add(Contact(name="Mori"))
    save(store, "@Tanaka @Mori meeting: shared", TODAY, True)
    before = {c.id for c in store.contacts()}, {i.id: i for i in store.interactions()}
    tanaka = next(c for c in store.contacts() if c.name == "Tanaka")
    forget(store, tanaka.id)
    undo(store, log)
    again = Store(store.path)
    assert ({c.id for c in again.contacts()}, {i.id: i for i in again.interactions()}) == before
    assert mori.id in {c.id for c in again.contacts()}


def test_undo_refuses_when_another_process_changed_the_record(logged) -> None:
    store, log = logged
    note = save(store, "@Tanaka call: mine", TODAY, True).interaction
    other = Store(store.path)
    edit_note(other, other.get(Interaction, note.id), text="theirs")
    before = store.path.read_bytes()
    with pytest.raises(UndoError, match="changed since"):
        undo(store, log)
    assert store.path.read_bytes() == before
    assert len(log.entries()) == 1  # still there


def test_undo_log_is_private_and_bounded(store: Store) -> None:
    log = UndoLog(store.path, keep=3).attach(store)
    for i in range(5):
        save(store, f"@Tanaka call: {i}", TODAY, True)
    assert undo_path(store.path).exists()
    assert stat.S_IMODE(os.stat(log.path).st_mode) == 0o600
    assert len(log.entries()) == 3


def test_a_failed_change_is_not_recorded(logged) -> None:
    store, log = logged
    with pytest.raises(RuntimeError):
        with store.transaction():
            store.add(Contact(name="Ghost"))
            raise RuntimeError("boom")
    assert log.entries() == []


def test_a_damaged_undo_log_is_one_clear_error(logged) -> None:
    store, log = logged
    save(store, "@Tanaka call: x", TODAY, True)
    log.path.write_text("{not json")
    with pytest.raises(Exception, match="undo log is damaged"):
        undo(store, log)
    assert len(Store(store.path).interactions()) == 1
