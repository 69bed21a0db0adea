"""The contact form offers a reading guessed from a kanji name, marked as a guess,
and stores it only when the user accepts it."""

from __future__ import annotations

from app_helpers import SIZE, settle
from textual.widgets import Input

from model.records import Contact
from model.store import Store
from tui.screens.contact_form import ContactForm
from tui.screens.main import MainScreen


async def edit(pilot, app, name: str) -> None:
    person = next(c for c in app.book.contacts() if c.name == name)
    app.screen.select_person(person.id)
    await pilot.pause()
    await pilot.press("e")
    await pilot.pause()
    assert isinstance(app.screen, ContactForm)


async def test_the_guess_is_shown_and_stored_only_when_accepted(empty_store, make_test_app):
    empty_store.add(Contact(name="東海林 さだお"))
    empty_store.add(Contact(name="小鳥遊 ひかり"))
    app = make_test_app(empty_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await edit(pilot, app, "東海林 さだお")
        reading = app.screen.query_one("#field-reading", Input)
        assert reading.value == ""
        assert reading.placeholder.startswith("しょうじ さだお (guess)")
        assert not app.screen.changed()  # a guess shown is not an edit
        reading.focus()
        await pilot.press("right")  # accept it
        assert reading.value == "しょうじ さだお"
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert isinstance(app.screen, MainScreen)
        # saved without accepting: the other person's reading stays unset (still a guess)
        await edit(pilot, app, "小鳥遊 ひかり")
        assert "たかなし ひかり (guess)" in app.screen.query_one("#field-reading", Input).placeholder
        app.screen.query_one("#field-company", Input).focus()
        await pilot.press(*"Acme", "ctrl+s")
        await settle(app, pilot)
    people = {c.name: c for c in Store(empty_store.path).contacts()}
    assert people["東海林 さだお"].reading == "しょうじ さだお"
    assert (people["小鳥遊 ひかり"].reading, people["小鳥遊 ひかり"].company) == ("", "Acme")


async def test_a_new_name_gets_its_guess_as_it_is_typed(empty_store, make_test_app):
    empty_store.add(Contact(name="Someone Else"))
    app = make_test_app(empty_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("a")
        await pilot.pause()
        reading = app.screen.query_one("#field-reading", Input)
        assert "(guess)" not in reading.placeholder
        await pilot.press(*"五十嵐 翔")
        await pilot.pause()
        assert reading.placeholder.startswith("いがらし しょう (guess)")
        reading.focus()
        await pilot.press(*"いがらし かける")  # the user knows better: their reading is stored
        await pilot.press("ctrl+s")
        await settle(app, pilot)
    [ken] = [c for c in Store(empty_store.path).contacts() if c.name == "五十嵐 翔"]
    assert ken.reading == "いがらし かける"
