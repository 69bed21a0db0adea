"""Store.change_mark / changes_since: what this Store object itself wrote, net, per table."""

from __future__ import annotations

from pathlib import Path

import pytest

from model.store import journal
from model.errors import StoreError
from model.records import Contact, FocusPlan, Interaction, Promise, Settings
from model.store import Store


def test_net_changes_per_table(store: Store) -> None:
    kept, edited, dropped = Contact(name="佐藤 健"), Contact(name="Oda"), Contact(name="森 美咲")
    note = Interaction(date="2026-02-10", contacts=(kept.id,))
    store.add_many([kept, edited, dropped, note])
    mark = store.change_mark()
    assert store.changes_since(mark) is not None and not store.changes_since(mark)
    new = store.add(Contact(name="新人"))
    store.put(new.touched(company="絆"))  # added, then changed: still just added
    store.put(edited.touched(tier="deep"))
    store.put(edited.touched(tier="active"))  # changed twice: replaced once
    store.remove(dropped)
    brief = store.add(Contact(name="一瞬"))
    store.remove(brief)  # added and removed: nothing
    with store.transaction():
        store.remove(note)
        store.add(note)  # removed and added again: a new place in its table
    plan = store.add(FocusPlan(month="2026-03"))
    promise = store.add(Promise(contact=kept.id, text="資料", due="2026-03-01"))
    store.save_settings(Settings(deep_cap=3))
    changes = store.changes_since(mark)
    assert changes is not None and changes.mark == store.change_mark() and changes.since == mark
    assert changes.added == {"contacts": (new.id,), "interactions": (note.id,), "focus_plans": (plan.id,),
                             "promises": (promise.id,)}
    assert changes.replaced == {"contacts": {edited.id}}
    assert changes.removed == {"contacts": {dropped.id}, "interactions": {note.id}}
    assert changes.settings
    assert changes.put("contacts") == {new.id, edited.id}
    later = store.change_mark()
    store.put(promise.touched(status="kept", resolved="2026-02-20"))
    assert store.changes_since(later).replaced == {"promises": {promise.id}}  # type: ignore[union-attr]
    assert not store.changes_since(later).settings  # type: ignore[union-attr]


def test_marks_of_another_store_or_a_reload_are_not_followed(store_path: Path) -> None:
    mine, theirs = Store(store_path), Store(store_path)
    mark = mine.change_mark()
    assert theirs.changes_since(mark) is None  # another object's mark
    assert mine.changes_since("not a mark") is None
    theirs.add(Contact(name="佐藤 健"))
    assert mine.changes_since(mark) is not None  # not noticed yet: nothing of its own changed
    assert mine.refresh()
    assert mine.changes_since(mark) is None  # it read the file again


def test_a_failed_write_reloads_and_forgets(store: Store) -> None:
    person = store.add(Contact(name="佐藤 健"))
    mark = store.change_mark()
    store.add(Contact(name="Oda"))
    with pytest.raises(StoreError):
        store.add(person)  # the same id twice
    assert store.changes_since(mark) is None
    mark = store.change_mark()
    with pytest.raises(RuntimeError), store.transaction():
        store.add(Contact(name="森 美咲"))
        raise RuntimeError("the caller fails mid-transaction")
    assert store.changes_since(mark) is None
    assert [c.name for c in store.contacts()] == ["佐藤 健", "Oda"]


def test_the_journal_is_bounded(store: Store) -> None:
    mark = store.change_mark()
    people = [Contact(name=f"人 {i}") for i in range(journal.MAX_ENTRIES + 1)]
    store.add_many(people)
    assert store.changes_since(mark) is None  # too much to keep: rebuild instead
    assert len(store._journal._entries) <= journal.MAX_ENTRIES
    recent = store.change_mark()
    store.add(Contact(name="Oda"))
    assert store.changes_since(recent).added == {"contacts": (store.contacts()[-1].id,)}  # type: ignore[union-attr]
