"""A generation reads 40代 in Japanese mode, in the form and on the command line, and is
stored as 40s (issue 17): what the Japanese placeholder offers is accepted."""

from __future__ import annotations

from app_helpers import SIZE, settle
from test_contact_form import open_person

from model.store import Store
from tui.screens.main import MainScreen


async def test_the_form_shows_and_takes_a_japanese_generation(japanese, demo_store, make_test_app):
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        person = await open_person(pilot, app, "Emily Carter")
        assert person.generation == "40s"
        field = app.screen.query_one("#field-generation")
        assert field.value == "40代"
        field.focus()
        await pilot.press(*["backspace"] * 5, *"５０代")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert isinstance(app.screen, MainScreen)
    assert Store(demo_store.path).contact(person.id).generation == "50s"


async def test_an_unchanged_generation_is_no_change(japanese, demo_store, make_test_app):
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        person = await open_person(pilot, app, "Emily Carter")
        await pilot.press("escape")  # nothing edited: closes without asking
        await settle(app, pilot)
        assert isinstance(app.screen, MainScreen)
    assert Store(demo_store.path).contact(person.id).updated == person.updated


def test_the_command_line_takes_40代(kizuna, cli_env, store_path):
    env = {**cli_env, "KIZUNA_LANG": "ja"}
    done = kizuna("add", "佐藤 健", "--generation", "40代", env=env)
    assert done.returncode == 0, done.stderr
    assert Store(store_path).contacts()[0].generation == "40s"
    shown = kizuna("show", "佐藤", env=env)
    assert "40代" in shown.stdout and "40s" not in shown.stdout
    bad = kizuna("add", "田中", "--generation", "四十代", env=env)
    assert bad.returncode != 0 and bad.stderr.count("\n") == 1 and "Traceback" not in bad.stderr
