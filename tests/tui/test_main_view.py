"""``prepare_view`` (the main screen's work for a snapshot, made in a worker) and
``MainScreen.show_book(book, view)`` (only swapping it in), on the real app."""

from __future__ import annotations

import threading

from app_helpers import SIZE, TODAY, settle
from model.planning.book import Book
from model.records import Contact, Interaction
from tui.screens.main import MainView, due_dates, prepare_view
from tui.widgets.contact_rows import GroupedRows, contact_rows
from tui.widgets.row_list import RowList


def snapshot(store) -> Book:
    return Book.from_store(store)


def shown(app) -> list[str | None]:
    return [r.key for r in app.screen.query_one("#contact-list", RowList).rows]


def test_prepare_view_reuses_unchanged_people_and_leaves_previous_alone(demo_store):
    book = snapshot(demo_store)
    first = prepare_view(book, TODAY)
    assert first.due == due_dates(book, TODAY)
    kept_before = dict(first.contacts.kept)
    entries_before = list(first.contacts.entries)
    someone = next(e.contact for e in first.contacts.entries if e.contact.tier == "network")
    # the next snapshot shares every unchanged record with this one (as the app's do)
    newcomer = Contact(name="新しい 人", company="New Co")
    people = [someone.touched(company="Renamed Works") if c.id == someone.id else c for c in book.contacts()]
    book2 = Book(people + [newcomer], book.interactions(), book.promises(), book.plans(), book.settings)
    second = prepare_view(book2, TODAY, first)
    # the previous view is exactly as it was
    assert first.contacts.kept == kept_before and first.contacts.entries == entries_before
    old = {e.contact.id: e for e in first.contacts.entries}
    new = {e.contact.id: e for e in second.contacts.entries}
    assert new[someone.id] is not old[someone.id] and "renamed works" in new[someone.id].search
    assert len(new) == len(old) + 1
    # everyone whose record (the same object) and due date did not change keeps their entry
    same = [cid for cid in old if cid != someone.id and second.due.get(cid) == first.due.get(cid)]
    assert len(same) > len(old) // 2 and all(new[cid] is old[cid] for cid in same)
    # and the order is the one a fresh build makes
    fresh = contact_rows(book2, TODAY, second.due)
    assert [e.contact.id for e in second.contacts.entries] == [e.contact.id for e in fresh.entries]
    # another day: nothing is reused (due labels count days from today)
    later = prepare_view(book2, TODAY.replace(day=27), second)
    assert all(later_e is not new[later_e.contact.id] for later_e in later.contacts.entries)


def test_namesakes_keep_the_books_order_when_rows_are_reused(demo_store):
    """The rows are sorted from the last snapshot's order; people who sort the same (one
    name, one tier, no due date) still come in the book's order, as in a fresh build."""
    book = snapshot(demo_store)
    first_of_two = Contact(name="Aiko Same", tier="network")
    second_of_two = Contact(name="Aiko Same", tier="active")  # sorted before the first, for now
    people = [*book.contacts(), first_of_two, second_of_two]
    book1 = Book(people, book.interactions(), book.promises(), book.plans(), book.settings)
    before = prepare_view(book1, TODAY)
    ids = [e.contact.id for e in before.contacts.entries]
    assert ids.index(second_of_two.id) < ids.index(first_of_two.id)
    # the second moves to the first's tier: now they sort the same
    moved = second_of_two.touched(tier="network")
    book2 = Book([moved if c.id == moved.id else c for c in people], book.interactions(), book.promises(),
                 book.plans(), book.settings)
    after = prepare_view(book2, TODAY, before)
    ids = [e.contact.id for e in after.contacts.entries]
    assert ids.index(first_of_two.id) < ids.index(moved.id)
    assert ids == [e.contact.id for e in contact_rows(book2, TODAY, after.due).entries]


def test_grouped_rows_match_a_plain_list(demo_store):
    book = snapshot(demo_store)
    rows = contact_rows(book, TODAY, due_dates(book, TODAY))
    for found in (range(len(rows.entries)), [0, 1, 7, 8, 20, len(rows.entries) - 1], [], [3]):
        plain = []
        tier = None
        for i in found:
            entry = rows.entries[i]
            if entry.contact.tier != tier:
                tier = entry.contact.tier
                plain.append(next(h for s, e, h in rows.blocks if s <= i < e))
            plain.append(entry)
        grouped = GroupedRows(rows, found)
        assert len(grouped) == len(plain) and list(grouped) == plain
        if plain:
            assert grouped[-1] is plain[-1]
        assert grouped[1:4] == plain[1:4]
        for i, row in enumerate(plain):
            if row.key is not None:
                assert grouped.find(row.key) == i
        outside = [e.contact.id for i, e in enumerate(rows.entries) if i not in set(found)]
        assert all(grouped.find(cid) == -1 for cid in outside[:5])
        assert grouped.find("nobody") == -1


async def test_a_view_made_in_a_thread_is_what_the_screen_shows(demo_store, make_test_app):
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        screen = app.screen
        await pilot.press("slash", *"sa", "enter")  # a filter and a cursor to keep
        filtered, cursor = shown(app), screen.contacts.highlighted_id
        previous = screen.current_view
        assert isinstance(previous, MainView) and previous.book is app.book
        ken = demo_store.add(Contact(name="Sam Ashford", company="Saxon Robotics", tier="active"))
        demo_store.add(Interaction(date="2026-11-25", contacts=(ken.id,), text="met at the expo"))
        book = snapshot(demo_store)
        made: list[MainView] = []
        worker = threading.Thread(target=lambda: made.append(prepare_view(book, app.today, previous)))
        worker.start()
        worker.join()
        app.book = book
        screen.show_book(book, made[0])
        await pilot.pause()
        assert screen.current_view is made[0]
        with_view = shown(app)
        # the new person is in the filtered list, the filter and the cursor stayed
        assert screen.contacts.filter_input.value == "sa"
        assert ken.id in shown(app) and set(filtered) <= set(shown(app))
        assert screen.contacts.highlighted_id == cursor
        assert "sa" in screen.contacts.border_subtitle or " of " in screen.contacts.border_subtitle
        # without a view the screen makes one itself, and shows the same
        screen.show_book(book)
        await pilot.pause()
        assert screen.current_view is not made[0] and screen.current_view.book is book
        assert shown(app) == with_view
        # a view made for another snapshot is not used for this one
        newer = snapshot(demo_store)
        screen.show_book(newer, made[0])
        assert screen.current_view.book is newer


async def test_a_save_with_nothing_new_for_the_focus_pane_leaves_it_alone(demo_store, make_test_app):
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        screen = app.screen
        await pilot.press("3", "down")
        focus_list = screen.query_one("#focus-list")
        highlighted, options = focus_list.highlighted, focus_list.options
        book = snapshot(demo_store)
        screen.show_book(book, prepare_view(book, app.today, screen.current_view))
        await pilot.pause()
        assert focus_list.highlighted == highlighted and focus_list.options == options


async def test_everyones_timeline_is_made_in_the_view_while_it_is_in_use(demo_store, make_test_app):
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        screen = app.screen
        first = screen.current_view
        assert first.everyone is None and not first.everyone_asked  # not made until wanted
        await pilot.press("t")
        assert first.everyone_asked
        someone = screen.contacts.highlighted_id
        demo_store.add(Interaction(date="2026-11-26", contacts=(someone,), text="the newest note of all"))
        book = snapshot(demo_store)
        second = prepare_view(book, app.today, first)
        everyone = second.everyone
        assert everyone is not None
        assert len(everyone.items) == len(book.interactions()) + len(book.promises())
        app.book = book
        screen.show_book(book, second)
        await pilot.pause()
        timeline = screen.timeline.row_list
        assert len(timeline.rows) == len(everyone.items)
        assert any("the newest note of all" in timeline.line_text(i) for i in range(len(timeline.rows)))
        assert second.everyone_asked  # shown from this view: the next one makes it too
        await pilot.press("t")  # back to one person's timeline
        third = prepare_view(book, app.today, second)
        assert third.everyone is not None
        app.book = book
        screen.show_book(book, third)
        await pilot.pause()
        assert not third.everyone_asked
        assert prepare_view(book, app.today, third).everyone is None
