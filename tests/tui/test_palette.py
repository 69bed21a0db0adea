"""The command palette (ctrl+p): jump to anyone by name or reading, run any action."""

from __future__ import annotations

from app_helpers import SIZE, settle, toasts

from model.records import Contact
from tui.screens.main import MainScreen
from tui.widgets.row_list import RowList


async def test_palette_jumps_to_a_person_by_reading(demo_store, make_test_app):
    sato = next(c for c in demo_store.contacts() if c.name == "佐藤 亜紀")
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("ctrl+p")
        await settle(app, pilot)
        await pilot.press(*"さとう あき")
        await settle(app, pilot)
        await pilot.press("down", "enter")
        await settle(app, pilot)
        assert isinstance(app.screen, MainScreen)
        assert app.screen.query_one("#contact-list", RowList).highlighted_key == sato.id
        assert "佐藤 亜紀" in app.screen.query_one("#timeline-pane").border_title


async def test_palette_runs_actions(demo_store, make_test_app):
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("ctrl+p")
        await settle(app, pilot)
        await pilot.press(*"everyone")
        await settle(app, pilot)
        await pilot.press("down", "enter")
        await settle(app, pilot)
        assert "everyone" in app.screen.query_one("#timeline-pane").border_title


async def test_palette_provider_finds_people_and_actions(demo_store, make_test_app):
    from tui.palette import KizunaCommands

    demo_store.add(Contact(name="ｻﾄｳ ﾀﾛｳ", tier="network"))
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        provider = KizunaCommands(app.screen)
        await provider.startup()
        hits = [h async for h in provider.search("さとう")]
        texts = [h.text for h in hits]
        assert {"Go to 佐藤 健", "Go to 佐藤 亜紀", "Go to ｻﾄｳ ﾀﾛｳ"} <= set(texts)
        hits = [h async for h in provider.search("add")]
        assert "Add a person" in [h.text for h in hits]
        found = [h.text async for h in provider.discover()]
        assert "Quick capture" in found and "Help: every key" in found


async def test_going_to_a_person_never_closes_another_screen(demo_store, make_test_app):
    from tui.messages import OpenPerson
    from tui.screens.contact_form import ContactForm

    sato = next(c for c in demo_store.contacts() if c.name == "佐藤 健")
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(app, pilot)
        await pilot.press("a")
        await pilot.press(*"Half typed")
        app.post_message(OpenPerson(sato.id))
        await settle(app, pilot)
        assert isinstance(app.screen, ContactForm)
        assert app.screen.query_one("#field-name").value == "Half typed"
        assert "Close this screen first (Esc) to go to 佐藤 健" in toasts(app)
