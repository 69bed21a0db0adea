"""A promise made in a confidential note is masked in the app's timeline until ``v``, like its note."""

from __future__ import annotations

from app_helpers import SIZE, TODAY, settle
from screen_text import screen_lines

from model.capture import save
from model.store import Store

SECRET = "a secret NDA draft"


async def test_the_timeline_masks_a_secret_promise_until_v(tmp_path, make_test_app):
    store = Store(tmp_path / "kizuna.json")
    save(store, f"@+Mori !confidential lunch: promised {SECRET} by fri", TODAY)
    app = make_test_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("2")
        await settle(app, pilot)
        shown = "\n".join(screen_lines(app))
        assert "Mori" in shown and "confidential" in shown
        assert SECRET not in shown
        await pilot.press("v")
        await settle(app, pilot)
        assert SECRET in "\n".join(screen_lines(app))
        await pilot.press("v", "t")  # everyone's timeline: masked again
        await settle(app, pilot)
        assert SECRET not in "\n".join(screen_lines(app))
        await pilot.press("r")  # the daily review lists the promise due on Friday
        await settle(app, pilot)
        assert SECRET not in "\n".join(screen_lines(app))
