"""book_update.updated: following the store's own writes gives the same answers as a rebuild.

Real store files in tmp folders. Hypothesis writes sequences of changes (people,
notes, promises, focus plans, settings; single writes and transactions; a record
removed and added again; writes from a second Store; failed writes) and after each
one every question a Book answers is asked of the updated Book and of
``Book.from_store``, and of the old Book before and after the update.
"""

from __future__ import annotations

import dataclasses
import tempfile
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from model.errors import StoreError
from model.planning import Book
from model.planning.book_update import updated
from model.records import TIERS, Contact, FocusPlan, Interaction, Promise, Settings, Slot
from model.store import Store

DAYS = ["2026-01-05", "2026-02-10", "2026-02-28", "2026-03-01", "2026-03-15"]
BOUNDS = [date(2026, 1, 4), date(2026, 2, 10), date(2026, 3, 1), date(2026, 12, 31)]
MONTHS = ["2026-01", "2026-02", "2026-03"]
NAMES = ["佐藤 健", "Tanaka Yuki", "ｻﾄｳ", "森 美咲", "Oda"]
STAMP = "2026-01-01T09:00:00.000000+09:00"  # a shared stamp: ties broken by id


def answers(book: Book, people: set[str]) -> dict:
    """Every question the planning rules and the app ask a Book."""
    out: dict = {
        "contacts": book.contacts(),
        "tiers": {t: (book.tier_count(t), book.in_tier(t), book.cap(t)) for t in TIERS},
        "settings": book.settings,
        "interactions": sorted(book.interactions(), key=lambda i: i.id),
        "promises": book.promises(),
        "open": book.open_promises(),
        "by id": {p.id: book.promise(p.id) for p in book.promises()},
        "plans": book.plans(),
        "months": {m: (book.plan(m), book.focus_ids(m)) for m in MONTHS},
    }
    for cid in sorted(people):
        out[cid] = (
            book.get_contact(cid), book.timeline(cid), book.promises_for(cid),
            book.last_touch(cid), [book.last_touch(cid, b) for b in BOUNDS],
            book.deep_dates(cid), book.last_deep(cid), [book.last_deep(cid, b) for b in BOUNDS],
            book.deep_count(cid, date(2026, 2, 1), date(2026, 2, 28)),
        )
    return out


def peek(book: Book) -> Book:
    """A throwaway copy to ask questions of, so ``book`` keeps no timeline index it did not have."""
    copy = object.__new__(Book)
    copy.__dict__.update(book.__dict__)
    copy._timeline_sorted, copy._deep_sorted = {}, {}
    copy.__dict__.pop("_tier_counts", None)
    return copy


def people_of(store: Store) -> set[str]:
    ids = {c.id for c in store.contacts()} | {p.contact for p in store.promises()} | {"nobody"}
    for it in store.interactions():
        ids.update(it.contacts)
    return ids


def pick(data, items, label):
    return data.draw(st.sampled_from(sorted(items, key=lambda r: r.id)), label=label)


def note(data, ids: list[str]) -> dict:
    return dict(date=data.draw(st.sampled_from(DAYS), label="date"),
                contacts=tuple(data.draw(st.lists(st.sampled_from(ids), min_size=1, max_size=2, unique=True),
                                         label="people")),
                kind=data.draw(st.sampled_from(["meeting", "call", "log"]), label="kind"),
                depth=data.draw(st.sampled_from(["deep", "touch"]), label="depth"))


def one_write(data, store: Store, gone: list[str]) -> None:
    """One change through the store's own methods (inside a transaction or not)."""
    contacts, notes, promises = store.contacts(), store.interactions(), store.promises()
    ids = [c.id for c in contacts] + gone  # notes may name people removed since
    ops = ["add contact", "settings", "plan"] + ["add note"] * bool(ids)
    if contacts:
        ops += ["edit contact", "remove contact", "add promise"]
    if notes:
        ops += ["edit note", "remove note", "remove and add note"]
    if promises:
        ops += ["edit promise", "remove promise"]
    op = data.draw(st.sampled_from(ops), label="op")
    if op == "add contact":
        store.add(Contact(name=data.draw(st.sampled_from(NAMES)), tier=data.draw(st.sampled_from(TIERS))))
    elif op == "edit contact":
        c = pick(data, contacts, "contact")
        store.put(c.touched(tier=data.draw(st.sampled_from(TIERS)), company="絆 商事"))
    elif op == "remove contact":
        c = pick(data, contacts, "contact")
        store.remove(c)
        gone.append(c.id)
    elif op == "add note":
        shared = data.draw(st.booleans(), label="shared stamp")
        store.add(Interaction(text="ランチ", **note(data, ids), **({"created": STAMP} if shared else {})))
    elif op == "edit note":
        store.put(pick(data, notes, "note").touched(text="edited", **note(data, ids)))
    elif op == "remove note":
        store.remove(pick(data, notes, "note"))
    elif op == "remove and add note":
        it = pick(data, notes, "note")
        with store.transaction():
            store.remove(it)
            store.add(it)
    elif op == "add promise":
        store.add(Promise(contact=pick(data, contacts, "to").id, text="資料", due=data.draw(st.sampled_from(DAYS)),
                          owner=data.draw(st.sampled_from(["me", "them"]))))
    elif op == "edit promise":
        p = pick(data, promises, "promise")
        how = data.draw(st.sampled_from(["kept", "move", "other person"]), label="how")
        if how == "kept":
            store.put(p.touched(status="kept", resolved=p.due))
        elif how == "move":
            store.put(p.touched(due=data.draw(st.sampled_from(DAYS))))
        else:
            store.put(p.touched(contact=data.draw(st.sampled_from(ids))))
    elif op == "remove promise":
        store.remove(pick(data, promises, "promise"))
    elif op == "plan":
        month = data.draw(st.sampled_from(MONTHS), label="month")
        slots = tuple(Slot(contact=cid) for cid in data.draw(st.lists(st.sampled_from(ids), max_size=2))) if ids else ()
        old = store.focus_plan(month)
        if old is None:
            store.add(FocusPlan(month=month, slots=slots))
        elif data.draw(st.booleans(), label="remove plan"):
            store.remove(old)
        else:
            store.put(old.touched(slots=slots, challenge="採用"))
    else:
        store.save_settings(Settings(deep_cap=data.draw(st.integers(1, 6))))


def step(data, store: Store, other: Store, gone: list[str]) -> bool:
    """A step of writes; True when the store can still follow them (no reload)."""
    kind = data.draw(st.sampled_from(["one", "one", "one", "transaction", "outside", "failed"]), label="step")
    if kind == "one":
        one_write(data, store, gone)
    elif kind == "transaction":
        with store.transaction():
            for _ in range(data.draw(st.integers(2, 4), label="writes")):
                one_write(data, store, gone)
    elif kind == "outside":  # another process writes: this store reads the file again
        other.refresh()
        other.add(Contact(name="外の人"))
        assert store.refresh()
        return False
    else:
        twice = store.contacts()[0] if store.contacts() else store.add(Contact(name="二度"))
        with pytest.raises(StoreError):  # the same id again: refused, and the store reads its file again
            store.add(twice)
        return False
    return True


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_updated_answers_like_a_rebuild(data) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "kizuna.json"
        store, other = Store(path), Store(path)
        indexed = Book.from_store(store)
        indexed.timeline("")  # the app's snapshot: with the timeline index
        plain = Book.from_store(store)  # without it (edited notes then rebuild)
        gone: list[str] = []
        for _ in range(data.draw(st.integers(1, 10), label="steps")):
            mark = store.change_mark()
            followed = step(data, store, other, gone)
            changes = store.changes_since(mark)
            assert (changes is not None) == followed
            people = people_of(store)
            expected = answers(Book.from_store(store), people)
            before = answers(indexed, people)
            new = updated(indexed, store, changes)
            assert answers(indexed, people) == before  # the old Book still answers as it did
            assert answers(new, people) == expected
            assert new._timeline is not None  # carried over (or built by a rebuild), never left for later
            indexed = new
            plain = updated(plain, store)
            assert answers(peek(plain), people) == expected


def test_one_note_and_promise_share_everything_else(store: Store) -> None:
    a, b = Contact(name="佐藤 健", tier="deep"), Contact(name="Tanaka Yuki")
    store.add_many([a, b, Interaction(date="2026-02-10", contacts=(a.id,)),
                    Interaction(date="2026-02-11", contacts=(b.id,), depth="deep")])
    old = Book.from_store(store)
    old.timeline("")
    b_line = old.timeline(b.id)
    with store.transaction():
        it = store.add(Interaction(date="2026-03-01", contacts=(a.id,), depth="deep", kind="meal"))
        p = store.add(Promise(contact=a.id, text="紹介", due="2026-03-05"))
    changes = store.changes_since(old.mark)
    assert changes is not None and changes.added == {"interactions": (it.id,), "promises": (p.id,)}
    new = updated(old, store, changes)
    assert new is not old and new.mark == store.change_mark()
    assert new.timeline(a.id)[0] == it and new.last_deep(a.id) == date(2026, 3, 1)
    assert new.promises_for(a.id) == [p] and old.promises_for(a.id) == []
    assert [i.id for i in old.timeline(a.id)] != [i.id for i in new.timeline(a.id)]
    assert new._timeline[b.id] is old._timeline[b.id]  # an unaffected person's list is shared
    assert new._contacts is old._contacts and new.timeline(b.id) == b_line
    # person_token: the same objects exactly for the person nothing happened to
    same = lambda x, y: len(x) == len(y) and all(i is j for i, j in zip(x, y))  # noqa: E731
    assert same(new.person_token(b.id), old.person_token(b.id))
    assert not same(new.person_token(a.id), old.person_token(a.id))
    # a whole new Book shares nothing, so nothing is taken as unchanged
    assert not same(Book.from_store(store).person_token(b.id), old.person_token(b.id))


def test_updated_after_an_outside_write_is_a_rebuild(store_path: Path) -> None:
    mine, theirs = Store(store_path), Store(store_path)
    mine.add(Contact(name="佐藤 健"))
    book, plain = Book.from_store(mine), Book.from_store(mine)
    book.timeline("")
    theirs.add(Contact(name="森 美咲"))
    mine.add(Contact(name="Oda"))  # the write reads the other's change first
    assert mine.changes_since(book.mark) is None
    new = updated(book, mine)
    assert sorted(c.name for c in new.contacts()) == ["Oda", "佐藤 健", "森 美咲"]
    assert new.mark == mine.change_mark()
    # the rebuild makes the timeline index now (in the caller's thread) if the old Book had one
    assert new._timeline is not None and updated(plain, mine)._timeline is None


def test_changes_older_than_the_store_are_followed_to_the_end(store: Store) -> None:
    a = store.add(Contact(name="佐藤 健"))
    other = store.add(Promise(contact="someone", text="資料", due="2026-03-05"))
    book = Book.from_store(store)
    changes = store.changes_since(book.mark)
    later = store.add(Interaction(date="2026-03-01", contacts=(a.id,), depth="deep"))  # after the changes were taken
    new = updated(book, store, changes)
    assert new.timeline(a.id) == [later] and new.mark == store.change_mark()
    assert new.promises_for("someone") == [other]
    assert new.person_token("someone")[2] is book.person_token("someone")[2]  # followed, not rebuilt
    people = people_of(store)
    assert answers(new, people) == answers(Book.from_store(store), people)
    mine = Book([a], [], [])  # not built at a mark of this store: rebuilt
    assert answers(updated(mine, store), people) == answers(Book.from_store(store), people)


def _write(kind: str, store: Store, b: Contact, notes: list[Interaction], promise: Promise) -> None:
    """One kind of write, all of it about ``b``."""
    if kind == "edit contact":
        store.put(b.touched(tier="deep", company="絆 商事"))
    elif kind == "remove contact":
        store.remove(b)
    elif kind == "add contact":
        store.add(Contact(name="森 美咲", tier="deep"))
    elif kind == "add note":
        store.add(Interaction(date="2026-03-02", contacts=(b.id,), depth="deep"))
    elif kind == "edit note":
        store.put(notes[0].touched(date="2026-03-03", depth="deep", text="edited"))
    elif kind == "edit many notes":
        with store.transaction():
            for it in notes:
                store.put(it.touched(text="edited", kind="log"))
    elif kind == "edit and add notes":
        with store.transaction():
            store.put(notes[0].touched(text="edited"))
            store.add(Interaction(date="2026-03-04", contacts=(b.id,)))
    elif kind == "remove note":
        store.remove(notes[-1])
    elif kind == "add promise":
        store.add(Promise(contact=b.id, text="見積", due="2026-03-09"))
    elif kind == "edit promise":
        store.put(promise.touched(status="kept", resolved="2026-03-01"))
    elif kind == "remove promise":
        store.remove(promise)
    elif kind == "plan":
        store.add(FocusPlan(month="2026-03", slots=(Slot(contact=b.id),)))
    else:
        store.save_settings(Settings(deep_cap=2))



def test_an_edited_person_has_a_new_token() -> None:
    """A person's token holds the contact itself: an edit of the person (same notes, same
    promises) changes it, so a screen draws them again."""
    a = Contact(name="佐藤 健")
    edited = dataclasses.replace(a, company="東京精密")
    tokens = [Book([who], (), ()).person_token(a.id) for who in (a, edited)]
    assert tokens[0][0] is a and tokens[1][0] is edited

WRITES = ["edit contact", "remove contact", "add contact", "add note", "edit note", "edit many notes",
          "edit and add notes", "remove note", "add promise", "edit promise", "remove promise", "plan", "settings"]


@pytest.mark.parametrize("kind", WRITES)
@pytest.mark.parametrize("indexed", [True, False, None], ids=["timeline index", "no timeline index", "index only"])
def test_a_write_is_followed_not_rebuilt(store: Store, kind: str, indexed: bool | None) -> None:
    """Every kind of write is followed from the journal: the person it is not about keeps
    the very same lists (a rebuild shares none), every answer equals a rebuild's, and the
    old Book answers as before. Edited or removed notes without a timeline index, and a Book
    read from the store's index only (``full=False``), are rebuilt."""
    a, b = Contact(name="佐藤 健", tier="deep"), Contact(name="Tanaka Yuki", tier="active")
    notes = [Interaction(date=f"2026-02-{d:02d}", contacts=(b.id,), depth="deep" if d % 2 else "touch")
             for d in range(1, 7)]
    promise = Promise(contact=b.id, text="資料", due="2026-02-20")
    store.add_many([a, b, Interaction(date="2026-02-10", contacts=(a.id,), depth="deep"),
                    Promise(contact=a.id, text="紹介", due="2026-03-05"), promise, *notes])
    old = Book.from_store(store, full=indexed is not None)
    if indexed:
        old.timeline("")
    people = people_of(store)
    before = answers(peek(old), people)
    _write(kind, store, b, notes, promise)
    new = updated(old, store)
    if indexed is not None:  # (a Book read from the index reads the notes when first asked)
        assert answers(peek(old), people) == before
    people |= people_of(store)
    assert answers(new, people) == answers(Book.from_store(store), people)
    shared = [x is y for x, y in zip(new.person_token(a.id), old.person_token(a.id), strict=True)]
    if indexed is None:
        assert not shared[2]
    else:
        rebuilt = not indexed and kind in ("edit note", "edit many notes", "edit and add notes", "remove note")
        assert shared == [True, not rebuilt and indexed, not rebuilt]
    assert new.mark == store.change_mark()
