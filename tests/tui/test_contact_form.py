"""The contact form on the real app: add, edit, validation in place, caps and making room."""

from __future__ import annotations

from app_helpers import SIZE, settle
from textual.widgets import OptionList, Select, Static

from model.records import Contact
from model.store import Store
from tui.screens.contact_form import ContactForm
from tui.screens.main import MainScreen
from tui.widgets.row_list import RowList


def error(app, field: str) -> str:
    widget = app.screen.query_one(f"#error-{field}", Static)
    return str(widget.render()) if widget.display else ""


async def type_into(pilot, app, field: str, text: str) -> None:
    app.screen.query_one(f"#field-{field}").focus()
    await pilot.pause()
    await pilot.press(*text)


async def choose(pilot, app, field: str, value: str) -> None:
    """Open a Select with Enter and pick ``value`` with the arrow keys."""
    select = app.screen.query_one(f"#field-{field}", Select)
    select.focus()
    await pilot.press("enter")
    await pilot.pause()
    overlay = select.query_one("SelectOverlay")
    options = [str(o.prompt) for o in overlay.options]
    here = overlay.highlighted or 0
    steps = options.index(value) - here
    await pilot.press(*(["down"] * steps if steps > 0 else ["up"] * -steps), "enter")
    await pilot.pause()
    assert select.value == value


async def open_person(pilot, app, name: str) -> Contact:
    person = next(c for c in app.book.contacts() if c.name == name)
    app.screen.select_person(person.id)
    await pilot.pause()
    await pilot.press("e")
    await pilot.pause()
    assert isinstance(app.screen, ContactForm)
    return person


async def test_add_a_person_with_every_kind_of_field(empty_store, make_test_app):
    empty_store.add(Contact(name="Someone Else"))
    app = make_test_app(empty_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, ContactForm)
        await pilot.press(*"佐藤 健")
        await type_into(pilot, app, "reading", "さとう けん")
        await type_into(pilot, app, "company", "佐藤精工株式会社")
        await type_into(pilot, app, "industry", "manufacturing")
        await type_into(pilot, app, "generation", "50s")
        await choose(pilot, app, "level", "executive")
        await choose(pilot, app, "relation", "same-industry")
        await choose(pilot, app, "tier", "active")
        app.screen.query_one("#field-purposes").focus()
        await pilot.press("down", "space")  # the second purpose: hiring
        await type_into(pilot, app, "emails", "ken@sato.example, k.sato@example.jp")
        await type_into(pilot, app, "tags", "#tokyo #parts")
        await type_into(pilot, app, "cadence_days", "30")
        await type_into(pilot, app, "notes", "Met at the 浜松 fair")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert isinstance(app.screen, MainScreen)
    fresh = Store(empty_store.path)
    ken = next(c for c in fresh.contacts() if c.name == "佐藤 健")
    assert (ken.reading, ken.company, ken.industry, ken.generation) == (
        "さとう けん", "佐藤精工株式会社", "manufacturing", "50s")
    assert (ken.level, ken.relation, ken.tier) == ("executive", "same-industry", "active")
    assert ken.purposes == ("hiring",)
    assert ken.emails == ("ken@sato.example", "k.sato@example.jp")
    assert ken.tags == ("tokyo", "parts")
    assert ken.cadence_days == 30
    assert ken.notes == "Met at the 浜松 fair"
    # entering a capped tier goes through the planning action, which logs it
    log = [i for i in fresh.interactions() if ken.id in i.contacts]
    assert any(i.kind == "log" and "active" in i.text for i in log)


async def test_validation_messages_appear_under_their_field(empty_store, make_test_app):
    empty_store.add(Contact(name="Someone Else"))
    app = make_test_app(empty_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("a")
        await pilot.pause()
        await pilot.press("enter")  # an empty name
        await settle(app, pilot)
        assert "must not be empty" in error(app, "name")
        assert app.screen.focused.id == "field-name"
        await pilot.press(*"Ken")
        await type_into(pilot, app, "generation", "fifties")
        await pilot.press("enter")
        await settle(app, pilot)
        assert error(app, "name") == ""
        assert "not like 20s" in error(app, "generation")
        assert app.screen.focused.id == "field-generation"
        await pilot.press(*["backspace"] * 7, *"50s")
        await type_into(pilot, app, "cadence_days", "often")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert "whole number" in error(app, "cadence_days")
        await pilot.press(*["backspace"] * 5)
        await type_into(pilot, app, "snoozed_until", "2026-13-01")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert "not a date" in error(app, "snoozed_until")
        assert isinstance(app.screen, ContactForm)
        assert [c.name for c in Store(empty_store.path).contacts()] == ["Someone Else"]
        await pilot.press("escape")  # something was typed: it asks first
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
    assert [c.name for c in Store(empty_store.path).contacts()] == ["Someone Else"]


async def test_edit_a_person(demo_store, make_test_app):
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        person = await open_person(pilot, app, "Emily Carter")
        company = app.screen.query_one("#field-company")
        assert company.value == person.company
        company.focus()
        await pilot.press(*["backspace"] * 40, *"Northwind Medical")
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, MainScreen)
        assert app.screen.query_one("#contact-list", RowList).highlighted_key == person.id
    fresh = Store(demo_store.path).contact(person.id)
    assert fresh.company == "Northwind Medical"
    assert (fresh.name, fresh.tier, fresh.emails, fresh.reading) == (
        person.name, person.tier, person.emails, person.reading)
    assert fresh.updated >= person.updated


async def test_a_full_tier_is_refused_and_room_made_from_the_form(demo_store, make_test_app):
    deep_before = {c.id for c in demo_store.contacts() if c.tier == "deep"}
    assert len(deep_before) == 5
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        person = await open_person(pilot, app, "Marco Rossi")  # active
        await choose(pilot, app, "tier", "deep")
        message = str(app.screen.query_one("#tier-message").render())
        assert "deep is full" in message and "To make room" in message
        room = app.screen.query_one("#make-room", OptionList)
        assert room.display and room.option_count == 5
        # saving now is refused, nothing written
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert isinstance(app.screen, ContactForm)
        assert "deep is full (5 of 5): choose below who moves down" in error(app, "tier")
        assert app.screen.focused is room
        assert Store(demo_store.path).contact(person.id).tier == "active"
        # pick the first candidate (the best one to make room): staged, nothing written yet
        first = room.get_option_at_index(0)
        assert "to active" in str(first.prompt)
        before = demo_store.path.read_bytes()
        await pilot.press("enter")
        await settle(app, pilot)
        who = Store(demo_store.path).contact(first.id).name
        assert (f"On save: {who} to active, making room in deep"
                in str(app.screen.query_one("#tier-message").render()))
        assert error(app, "tier") == ""  # the stale "is full" goes once resolved
        assert demo_store.path.read_bytes() == before
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert isinstance(app.screen, MainScreen)
    fresh = Store(demo_store.path)
    assert fresh.contact(person.id).tier == "deep"
    assert fresh.contact(first.id).tier == "active"
    assert {c.id for c in fresh.contacts() if c.tier == "deep"} == deep_before - {first.id} | {person.id}
    logs = [i.text for i in fresh.interactions() if i.kind == "log" and first.id in i.contacts]
    assert any("made room in deep for Marco Rossi" in t for t in logs)


async def test_adding_a_new_person_to_a_full_tier_names_who_could_make_room(demo_store, make_test_app):
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("a")
        await pilot.pause()
        await pilot.press(*"Yui Nakamura")
        await choose(pilot, app, "tier", "deep")
        message = str(app.screen.query_one("#tier-message").render())
        assert "cannot move" in message and "deep is full (5 of 5)" in message
        assert app.screen.query_one("#make-room", OptionList).option_count == 5
        # choosing a tier with room clears the message, and the person is saved there
        await choose(pilot, app, "tier", "active")
        assert str(app.screen.query_one("#tier-message").render()) == ""
        await pilot.press("ctrl+s")
        await settle(app, pilot)
    yui = next(c for c in Store(demo_store.path).contacts() if c.name == "Yui Nakamura")
    assert yui.tier == "active"


async def test_escape_after_making_room_leaves_the_store_as_it_was(demo_store, make_test_app):
    before = demo_store.path.read_bytes()
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await open_person(pilot, app, "Marco Rossi")
        await choose(pilot, app, "tier", "deep")
        app.screen.query_one("#make-room", OptionList).focus()
        await pilot.press("enter")
        await settle(app, pilot)
        await choose(pilot, app, "tier", "active")  # back to the tier they had
        await choose(pilot, app, "tier", "deep")  # the staged move went with the change
        assert app.screen.query_one("#make-room", OptionList).display
        app.screen.query_one("#make-room", OptionList).focus()
        await pilot.press("enter")
        await settle(app, pilot)
        await pilot.press("escape")  # asks first: a move is staged
        await settle(app, pilot)
        await pilot.press("y")
        await settle(app, pilot)
        assert isinstance(app.screen, MainScreen)
    assert demo_store.path.read_bytes() == before


async def test_an_outside_change_is_taken_in_and_the_edits_kept_on_top(demo_store, make_test_app):
    import dataclasses

    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        person = await open_person(pilot, app, "Marco Rossi")
        await type_into(pilot, app, "next_step", "send the deck")
        # another window saves a new company and title meanwhile
        other = Store(demo_store.path)
        theirs = other.contact(person.id)
        other.put(dataclasses.replace(theirs, company="Rossi Tessile", title="CEO",
                                      next_step="call in May", updated="2099-01-01T00:00:00"))
        await pilot.press("ctrl+s")  # refused: shows what changed, keeps the edit
        await settle(app, pilot)
        assert isinstance(app.screen, ContactForm)
        message = str(app.screen.query_one("#form-error").render())
        assert "changed in another window" in message and "company" in message and "next step" in message
        assert app.screen.query_one("#field-company").value == "Rossi Tessile"  # not edited here
        assert app.screen.query_one("#field-next_step").value == "send the deck"  # edited here: kept
        assert "call in May" in str(app.screen.query_one("#outside-next_step").render())
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert isinstance(app.screen, MainScreen)
    fresh = Store(demo_store.path).contact(person.id)
    assert (fresh.company, fresh.title, fresh.next_step) == ("Rossi Tessile", "CEO", "send the deck")
