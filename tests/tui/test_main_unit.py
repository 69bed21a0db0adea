"""Pieces of the main screen that need no running app: change summaries, due labels, caps."""

from __future__ import annotations

from datetime import date

from model.planning.book import Book
from model.records import Contact, Interaction, Settings
from tui.snapshots import describe_changes
from tui.text import fit
from tui.widgets.contact_list import caps_line, due_label


def test_describe_changes_names_people_and_counts_notes():
    ken = Contact(name="Ken Sato", tier="active")
    old = Book([ken], [], [], [], Settings())
    yui = Contact(name="佐藤 結衣")
    note = Interaction(date="2026-11-26", contacts=(ken.id, yui.id), text="lunch")
    new = Book([ken, yui], [note], [], [], Settings())
    said = describe_changes(old, new)
    assert said == "1 new note with Ken Sato, 佐藤 結衣; new: 佐藤 結衣"
    assert describe_changes(new, new) is None
    edited = Book([ken.touched(company="Sato Works"), yui], [note], [], [], Settings())
    assert describe_changes(new, edited) == "updated: Ken Sato"


def test_due_labels_and_caps_line():
    today = date(2026, 11, 26)
    assert due_label(date(2026, 11, 23), today)[:2] == ("!", "3d late")
    assert due_label(today, today)[:2] == ("●", "today")
    assert due_label(date(2026, 11, 30), today)[:2] == ("·", "in 4d")
    assert due_label(None, today)[:2] == (" ", "")
    people = [Contact(name=f"p{i}", tier="deep") for i in range(5)] + [Contact(name="q", tier="active")]
    assert caps_line(Book(people, [], [], [], Settings())) == "deep 5/5  active 1/15  network 0"


def test_fit_counts_wide_characters_as_two_cells():
    assert fit("佐藤 健", 8) == "佐藤 健 "  # 2+2+1+2 cells, one space to fill
    assert fit("長谷川 智子", 8) == "長谷川 …"
    assert fit("Ken", 5) == "Ken  "
    assert fit("Ken", 0) == "" and fit("佐藤", -1) == ""


def test_shared_store_serializes_and_reports_writes(tmp_path):
    import threading

    from model.store import Store
    from tui.shared_store import SharedStore

    calls: list[int] = []
    shared = SharedStore(Store(tmp_path / "k.json"), on_change=lambda: calls.append(1))
    shared.contacts()
    assert calls == []  # reading is not a change
    shared.add(Contact(name="Ken"))
    assert calls == [1]
    with shared.transaction() as store:  # one report for a whole transaction
        store.add(Contact(name="Yui"))
        store.add(Contact(name="佐藤"))
        assert calls == [1]
    assert calls == [1, 1]
    assert shared.try_changed_on_disk() is False
    Store(shared.path).add(Contact(name="Outside"))
    assert shared.try_changed_on_disk() is True
    # while another thread holds the lock, the poll does not wait: it skips
    held, release = threading.Event(), threading.Event()

    def hold() -> None:
        with shared.lock:
            held.set()
            release.wait(10)

    worker = threading.Thread(target=hold)
    worker.start()
    held.wait(10)
    assert shared.try_changed_on_disk() is None
    release.set()
    worker.join()


def test_shared_store_writes_from_many_threads_lose_nothing(tmp_path):
    import threading

    from model.store import Store
    from tui.shared_store import SharedStore

    shared = SharedStore(Store(tmp_path / "k.json"))

    def add(n: int) -> None:
        for i in range(10):
            shared.add(Contact(name=f"t{n}-{i}"))

    threads = [threading.Thread(target=add, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(Store(shared.path).contacts()) == 40
