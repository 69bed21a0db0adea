"""The key bar: the keys that work where the focus is, one line, clickable (tui/widgets/key_bar.py)."""

from __future__ import annotations

from app_helpers import SIZE, settle

from tui.screens.main import MainScreen
from tui.widgets.key_bar import KeyBar


def bar(app) -> KeyBar:
    return app.screen.query_one(KeyBar)


def line(app) -> str:
    return bar(app).render().plain


async def test_it_shows_the_keys_of_the_focused_pane_and_follows_the_focus(demo_store, make_test_app):
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert isinstance(app.screen, MainScreen)
        on_contacts = line(app)
        for words in ("Capture", "Review", "Focus", "Help", "palette"):
            assert words in on_contacts
        assert len(on_contacts) == SIZE[0]  # one line, the width of the screen
        assert line(app).rstrip().endswith("palette")  # the palette's key on the right
        await pilot.press("2")  # the timeline pane: its own keys appear
        await settle(app, pilot)
        assert "Reveal" in line(app) and "Reveal" not in on_contacts
        assert "Capture" in line(app)  # the app's keys stay


async def test_a_click_on_a_key_presses_it(demo_store, make_test_app):
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        text = line(app)
        x = text.index("Capture") - 2  # on the key itself (" n Capture ")
        await pilot.click(KeyBar, offset=(x, 0))
        await settle(app, pilot)
        assert type(app.screen).__name__ == "CaptureScreen"
        assert "Save" in line(app) and "Cancel" in line(app)  # the capture window's own keys


async def test_a_line_drawn_again_from_the_kept_ones_still_clicks_right(demo_store, make_test_app):
    """The bar keeps its last few lines (a dialog closing brings the main screen's keys
    back); where each key is comes back with its line."""
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        on_contacts = line(app)
        await pilot.press("2")  # the timeline's keys: the same keys elsewhere on the line
        await settle(app, pilot)
        assert line(app).index("Review") != on_contacts.index("Review")
        await pilot.press("1")  # back: the contacts' line, as kept
        await settle(app, pilot)
        assert bar(app).render_line(0).text == on_contacts
        await pilot.click(KeyBar, offset=(on_contacts.index("Review") - 2, 0))
        await settle(app, pilot)
        assert type(app.screen).__name__ == "ReviewScreen"


async def test_keys_that_do_not_fit_are_left_out_whole(demo_store, make_test_app):
    from tui.widgets.key_bar import SHORT

    app = make_test_app(demo_store)
    async with app.run_test(size=(60, 30)) as pilot:
        await settle(app, pilot)
        text = line(app)
        assert len(text) == 60 and text.rstrip().endswith("palette")
        shown = [item for _, _, item in bar(app)._spans]
        for item in shown:  # every key shown is shown with its whole (short) description
            short = SHORT.get(item.description, item.description)
            assert f" {item.display} {short}".rstrip() in text
        assert len(shown) < len(bar(app).keys)  # some left out: the help (?) lists them all
        assert "? Help" in text  # and the help is never one of them


async def test_at_80_columns_shorter_labels_keep_every_main_key(demo_store, make_test_app):
    app = make_test_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        text = line(app)
        for words in ("a Add ", "n Capture", "r Review", "? Help"):
            assert words in text, text  # (with the full labels, Review fell off)
        assert "Add person" not in text
    async with make_test_app(demo_store).run_test(size=(200, 60)) as pilot:
        await settle(pilot.app, pilot)
        assert "a Add person" in line(pilot.app) and "palette" in line(pilot.app)  # room: the full ones
