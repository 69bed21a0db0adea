"""The app's keys on the full-screen flows: no second copy of a screen, no main-screen keys.

The app-wide keys (``a n r f M i ?``) are bindings of the app, so they stay in
the binding chain of every full-screen (non-modal) screen. The app's
``check_action`` refuses the ones that would stack a second planner or review,
or open the main screen's screens over a flow, and the footer stops showing them.
"""

from __future__ import annotations

import pytest
from textual.widgets import Input

from app_helpers import SIZE, settle
from tui.screens.main import MainScreen
from tui.widgets.key_bar import KeyBar

MAIN_KEYS = ("a", "n", "r", "f", "M", "i")


def footer_keys(app) -> set[str]:
    """The keys the key bar of the screen on top shows."""
    return set(app.screen.query_one(KeyBar).keys)


def stack_names(app) -> list[str]:
    return [type(s).__name__ for s in app.screen_stack]


async def open_flow(app, pilot, key: str, name: str) -> None:
    await pilot.press(key)
    await settle(app, pilot)
    assert type(app.screen).__name__ == name
    if isinstance(app.focused, Input):  # a key typed into a text box is text, not a key
        app.focused.blur()
        await pilot.pause()


@pytest.mark.parametrize("key, name", [("f", "FocusPlannerScreen"), ("r", "ReviewScreen"),
                                       ("M", "MonthReviewScreen")])
async def test_a_flow_key_pressed_twice_opens_one_screen(demo_store, make_test_app, key, name):
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await open_flow(app, pilot, key, name)
        await pilot.press(key)
        await settle(app, pilot)
        assert stack_names(app).count(name) == 1
        assert type(app.screen).__name__ == name
        await pilot.press("escape")
        await settle(app, pilot)
        if name == "ReviewScreen":  # Escape mid-review ends on the summary first
            await pilot.press("escape")
            await settle(app, pilot)
        assert isinstance(app.screen, MainScreen)
        assert stack_names(app).count(name) == 0


@pytest.mark.parametrize("key, name", [("f", "FocusPlannerScreen"), ("r", "ReviewScreen"),
                                       ("M", "MonthReviewScreen")])
async def test_main_screen_keys_do_nothing_in_a_flow_and_are_not_shown(demo_store, make_test_app,
                                                                       key, name):
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        shown_on_main = footer_keys(app)
        assert {"a", "n", "r", "f", "M", "i", "question_mark"} <= shown_on_main
        await open_flow(app, pilot, key, name)
        before = stack_names(app)
        own = {b.key for b in type(app.screen).BINDINGS}  # the flow's own keys win over the app's
        for other in MAIN_KEYS:
            if other in own:
                continue
            await pilot.press(other)
            await settle(app, pilot)
            assert stack_names(app) == before, f"{other!r} opened a screen over the {name}"
        app_only = set(MAIN_KEYS) - own
        assert not (footer_keys(app) & app_only)  # refused keys are hidden, not just disabled
        assert "question_mark" in footer_keys(app)  # help works everywhere
        await pilot.press("question_mark")
        await settle(app, pilot)
        assert type(app.screen).__name__ == "HelpScreen"
        await pilot.press("escape")
        await settle(app, pilot)
        assert type(app.screen).__name__ == name
        await pilot.press(*["escape"] * (2 if name == "ReviewScreen" else 1))  # the review's summary first
        await settle(app, pilot)
        assert isinstance(app.screen, MainScreen)
        assert footer_keys(app) == shown_on_main  # and every key is back on the main screen


async def test_the_palette_cannot_stack_a_second_planner(demo_store, make_test_app):
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await open_flow(app, pilot, "f", "FocusPlannerScreen")
        assert await app.run_action("plan") is False
        assert await app.run_action("review") is False
        await settle(app, pilot)
        assert stack_names(app).count("FocusPlannerScreen") == 1
        assert "ReviewScreen" not in stack_names(app)


async def test_month_review_from_the_planner_cannot_open_another_planner(demo_store, make_test_app):
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await open_flow(app, pilot, "f", "FocusPlannerScreen")
        await pilot.press("m")
        await settle(app, pilot)
        assert type(app.screen).__name__ == "MonthReviewScreen"
        if isinstance(app.focused, Input):
            app.focused.blur()
        await pilot.press("f", "M")
        await settle(app, pilot)
        assert stack_names(app) == ["MainScreen", "FocusPlannerScreen", "MonthReviewScreen"]
