"""The palette says it found nothing in Japanese (issue 17): Textual writes it in English."""

from __future__ import annotations

from app_helpers import SIZE, settle
from textual.command import CommandList


async def _no_match_line(app, pilot) -> str:
    results = app.screen.query_one(CommandList)
    for _ in range(200):  # Textual waits a moment before it says so
        if results.option_count and results.get_option_at_index(0).disabled:
            return str(results.get_option_at_index(0).prompt.renderable)
        await pilot.pause(0.01)
    return ""


async def test_no_match_in_japanese(japanese, demo_store, make_test_app):
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("ctrl+p")
        await settle(app, pilot)
        await pilot.press(*"zzqx")
        assert await _no_match_line(app, pilot) == "一致するものはありません"


async def test_no_match_in_english(demo_store, make_test_app):
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("ctrl+p")
        await settle(app, pilot)
        await pilot.press(*"zzqx")
        assert await _no_match_line(app, pilot) == "No matches found"
