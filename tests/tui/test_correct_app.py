"""Correct and find in the app: edit, delete, undo, search, forget, the editor — real app, real store."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from app_helpers import SIZE, TODAY, settle, toasts

from model.capture import save
from model.records import Contact, Interaction
from model.store import Store
from tui.screens.main import MainScreen
from tui.widgets.row_list import RowList


@pytest.fixture
def book(tmp_path: Path) -> Store:
    store = Store(tmp_path / "kizuna.json")
    store.add(Contact(name="Aoki", tier="active"))
    save(store, "@Tanaka lunch 2026-11-20: talked pricnig for next quarter #sales", TODAY, True)
    save(store, "@Tanaka call 2026-11-10: promised the deck by 11/30", TODAY, True)
    save(store, "@Mori coffee 2026-11-21 !confidential: pricing secret", TODAY, True)
    return store


def person(store: Store, name: str) -> Contact:
    return next(c for c in store.contacts() if c.name == name)


async def show(app, pilot, name: str) -> None:
    """Select ``name`` on the main screen and put the focus on their timeline."""
    app.screen.select_person(person(app.store.raw, name).id)
    await pilot.press("2")
    await settle(app, pilot)


def cursor_to(app, key: str) -> None:
    assert app.screen.query_one("#timeline-list", RowList).select_key(key)


def fresh(store: Store) -> Store:
    return Store(store.path)


async def test_edit_a_note_text_date_and_people_in_the_form(book: Store, make_test_app):
    note = next(i for i in book.interactions() if "pricnig" in i.text)
    app = make_test_app(book)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(app, pilot)
        await show(app, pilot, "Tanaka")
        cursor_to(app, "i:" + note.id)
        await pilot.press("e")
        await settle(app, pilot)
        form = app.screen
        assert form.query_one("#entry-date").value == "2026-11-20"
        assert form.query_one("#entry-people").value == "Tanaka"
        form.query_one("#entry-body").load_text("talked pricing for next quarter")
        form.query_one("#entry-date").value = "2026-11-19"
        form.query_one("#entry-people").value = "Tanaka, Aoki"
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert isinstance(app.screen, MainScreen)
        got = fresh(book).get(Interaction, note.id)
        assert (got.text, got.date) == ("talked pricing for next quarter", "2026-11-19")
        assert got.contacts == (person(book, "Tanaka").id, person(book, "Aoki").id)
        assert "Saved" in toasts(app)


async def test_the_form_refuses_an_unknown_person_and_a_bad_date(book: Store, make_test_app):
    note = next(i for i in book.interactions() if "pricnig" in i.text)
    app = make_test_app(book)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await show(app, pilot, "Tanaka")
        cursor_to(app, "i:" + note.id)
        await pilot.press("e")
        await settle(app, pilot)
        form = app.screen
        form.query_one("#entry-people").value = "Nobody"
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert "no one called 'Nobody'" in str(form.query_one("#entry-error").render())
        form.query_one("#entry-people").value = "Tanaka"
        form.query_one("#entry-date").value = "2026-02-30"
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert "not a date" in str(form.query_one("#entry-error").render())
        assert fresh(book).get(Interaction, note.id) == note


async def test_delete_a_note_after_y_then_undo_it(book: Store, make_test_app):
    note = next(i for i in book.interactions() if "pricnig" in i.text)
    app = make_test_app(book)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(app, pilot)
        await show(app, pilot, "Tanaka")
        cursor_to(app, "i:" + note.id)
        await pilot.press("d")
        await settle(app, pilot)
        assert "Delete the note of 2026-11-20" in str(app.screen.query_one("#confirm-question").render())
        await pilot.press("n")  # no: nothing changes
        await settle(app, pilot)
        assert note.id in {i.id for i in fresh(book).interactions()}
        await pilot.press("delete")
        await pilot.press("y")
        await settle(app, pilot)
        assert note.id not in {i.id for i in fresh(book).interactions()}
        assert "i:" + note.id not in [r.key for r in app.screen.query_one("#timeline-list", RowList).rows]
        await pilot.press("u")
        await settle(app, pilot)
        assert fresh(book).get(Interaction, note.id) == note
        assert "Undone: a note deleted" in toasts(app)
        assert "i:" + note.id in [r.key for r in app.screen.query_one("#timeline-list", RowList).rows]


async def test_delete_a_promise_and_undo_refuses_after_an_outside_change(book: Store, make_test_app):
    promise = book.promises()[0]
    app = make_test_app(book)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(app, pilot)
        await show(app, pilot, "Tanaka")
        cursor_to(app, "p:" + promise.id)
        await pilot.press("d", "y")
        await settle(app, pilot)
        assert fresh(book).promises() == []
        # another process writes the same promise back (an old copy synced in)
        other = fresh(book)
        other.add(promise.touched(text="theirs"))
        await pilot.press("u")
        await settle(app, pilot)
        assert "changed since" in toasts(app)
        assert fresh(book).promises()[0].text == "theirs"


async def test_search_by_word_phrase_person_and_enter_opens_the_entry(book: Store, make_test_app):
    note = next(i for i in book.interactions() if "pricnig" in i.text)
    app = make_test_app(book)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("s")
        await settle(app, pilot)
        await pilot.press(*"pricnig")
        await settle(app, pilot)
        results = app.screen.query_one("#search-results", RowList)
        assert [results.line_text(i) for i in range(len(results.rows))] == [
            "2026-11-20 meal          Tanaka           talked pricnig for next quarter"]
        box = app.screen.query_one("#search-input")
        box.value = '"next quarter" @tan since:2026-11'
        await settle(app, pilot)
        assert len(results.rows) == 1
        box.value = "pricing"  # the confidential note only while revealed
        await settle(app, pilot)
        assert len(results.rows) == 0
        box.value = "pricnig"
        await settle(app, pilot)
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, MainScreen)
        assert app.screen.contact_id == person(book, "Tanaka").id
        timeline = app.screen.query_one("#timeline-list", RowList)
        assert timeline.highlighted_key == "i:" + note.id and timeline.has_focus


async def test_slash_on_the_timeline_searches_and_revealed_confidential_notes_match(book, make_test_app):
    app = make_test_app(book)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await show(app, pilot, "Mori")
        await pilot.press("v", "slash")
        await settle(app, pilot)
        await pilot.press(*"secret")
        await settle(app, pilot)
        results = app.screen.query_one("#search-results", RowList)
        assert len(results.rows) == 1 and "pricing secret" in results.line_text(0)


async def test_search_follows_a_new_snapshot(book: Store, make_test_app):
    app = make_test_app(book)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("s")
        await settle(app, pilot)
        app.screen.query_one("#search-input").value = "採用"
        await settle(app, pilot)
        results = app.screen.query_one("#search-results", RowList)
        assert len(results.rows) == 0
        save(app.store, "@Tanaka call: サイヨウ 採用の話", TODAY, True)  # a write from another window
        for _ in range(100):  # the snapshot waits for the dialog on top, then its index is built
            await pilot.pause(0.05)
            await settle(app, pilot)
            if results.rows:
                break
        assert len(results.rows) == 1


async def test_forget_from_the_contact_form(book: Store, make_test_app):
    app = make_test_app(book)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(app, pilot)
        tanaka = person(book, "Tanaka").id
        app.edit_person(tanaka)
        await settle(app, pilot)
        await pilot.press("ctrl+g")
        await settle(app, pilot)
        question = str(app.screen.query_one("#confirm-question").render())
        assert "Forget Tanaka?" in question and "2 notes of theirs alone" in question
        assert "backups" in question
        await pilot.press("y")
        await settle(app, pilot)
        assert isinstance(app.screen, MainScreen)
        assert "Tanaka" not in {c.name for c in fresh(book).contacts()}
        assert "Forgot Tanaka" in toasts(app)
        listed = lambda: [r.key for r in app.screen.query_one("#contact-list", RowList).rows]  # noqa: E731
        assert person(book, "Aoki").id in listed() and app.book.get_contact(tanaka) is None
        await pilot.press("u")
        await settle(app, pilot)
        assert "Tanaka" in {c.name for c in fresh(book).contacts()}
        assert tanaka in listed()


async def test_ctrl_e_in_the_capture_box_opens_the_editor(book: Store, make_test_app, tmp_path, monkeypatch):
    script = tmp_path / "ed.py"
    script.write_text("import sys\np = sys.argv[1]\nline = open(p).read().strip()\n"
                      "open(p, 'w').write(line + ' !deep: the plan\\nsecond line\\n')\n")
    monkeypatch.setenv("EDITOR", f"{sys.executable} {script}")
    monkeypatch.delenv("VISUAL", raising=False)
    app = make_test_app(book)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("n")
        await settle(app, pilot)
        await pilot.press(*"@Aoki call")
        await pilot.press("ctrl+e")
        await settle(app, pilot)
        assert isinstance(app.screen, MainScreen)
        got = [i for i in fresh(book).interactions() if i.contacts == (person(book, "Aoki").id,)]
        assert [(i.kind, i.depth, i.text) for i in got] == [("call", "deep", "the plan\nsecond line")]


async def test_no_index_is_built_while_the_search_is_closed_and_reopening_finds_new_notes(book, make_test_app):
    app = make_test_app(book)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("s")
        await settle(app, pilot)
        await pilot.press("escape")
        await settle(app, pilot)
        built_for = app._search[0]
        save(app.store, "@Aoki call: the kickoff", TODAY, True)
        await settle(app, pilot)
        assert app.book is not built_for and app._search[0] is built_for  # the saves paid nothing
        await pilot.press("s")
        await settle(app, pilot)
        await pilot.press(*"kickoff")
        await settle(app, pilot)
        results = app.screen.query_one("#search-results", RowList)
        assert len(results.rows) == 1 and "the kickoff" in results.line_text(0)
