"""Escape in the contact form: closes at once when nothing changed, asks when something did."""

from __future__ import annotations

from app_helpers import SIZE, settle
from textual.widgets import Input, Select

from model.store import Store
from tui.screens.confirm import ConfirmScreen
from tui.screens.contact_form import ContactForm
from tui.screens.main import MainScreen


def question(app) -> str:
    return str(app.screen.query_one("#confirm-question").render())


async def edit(pilot, app, name: str):
    person = next(c for c in app.book.contacts() if c.name == name)
    app.screen.select_person(person.id)
    await pilot.pause()
    await pilot.press("e")
    await pilot.pause()
    assert isinstance(app.screen, ContactForm)
    return person


async def test_an_unchanged_form_closes_at_once(demo_store, make_test_app):
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await edit(pilot, app, "高橋 由美")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        # a change typed and taken back again is no change
        await edit(pilot, app, "高橋 由美")
        app.screen.query_one("#field-company", Input).focus()
        await pilot.press("end", *"xyz", "backspace", "backspace", "backspace")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        # an empty add form too
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, ContactForm)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)


async def test_a_changed_form_asks_before_throwing_the_edits_away(demo_store, make_test_app):
    before = Store(demo_store.path).contacts()
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        person = await edit(pilot, app, "高橋 由美")
        company = app.screen.query_one("#field-company", Input)
        company.focus()
        await pilot.press("end", *" 東京支社")
        tier = app.screen.query_one("#field-tier", Select)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert question(app) == f"Discard your changes to {person.name}?"
        await pilot.press("n")  # keep editing: the form is back with the edit in it
        await pilot.pause()
        assert isinstance(app.screen, ContactForm)
        assert company.value == person.company + " 東京支社"
        assert tier.value == person.tier
        await pilot.press("escape", "escape")  # Escape in the question means no, too
        await pilot.pause()
        assert isinstance(app.screen, ContactForm)
        assert company.value == person.company + " 東京支社"
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await settle(app, pilot)
        assert isinstance(app.screen, MainScreen)
        assert app.book.get_contact(person.id).company == person.company
    assert Store(demo_store.path).contacts() == before


async def test_a_new_person_half_typed_asks_by_the_name_typed(demo_store, make_test_app):
    before = Store(demo_store.path).contacts()
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("a")
        await pilot.pause()
        await pilot.press(*"佐藤 健")
        await pilot.press("escape")
        await pilot.pause()
        assert question(app) == "Discard your changes to 佐藤 健?"
        await pilot.press("n")
        await pilot.pause()
        app.screen.query_one("#field-name", Input).value = ""
        app.screen.query_one("#field-cadence_days", Input).value = "often"  # unreadable: still a change
        await pilot.press("escape")
        await pilot.pause()
        assert question(app) == "Discard your changes to the new person?"
        await pilot.press("y")
        await settle(app, pilot)
        assert isinstance(app.screen, MainScreen)
    assert Store(demo_store.path).contacts() == before
