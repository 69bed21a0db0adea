"""Closed screens are freed: the app's ``gc.freeze`` never freezes a screen that is open.

The app moves each new planning snapshot out of the garbage collector's sight
(``gc.freeze``) so full collections do not walk it again and again. A screen
open at that moment would be frozen with it and, having reference cycles, never
collected after it closed. The app freezes only once the main screen is back.
"""

from __future__ import annotations

import gc
import weakref

from app_helpers import SIZE, settle

from model.store import Store
from tui.screens.capture import CaptureScreen
from tui.screens.main import MainScreen


async def test_closed_capture_screens_are_collected(demo_store, make_test_app):
    notes_before = len(demo_store.interactions())
    app = make_test_app(demo_store)
    refs: list[weakref.ref] = []
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        for i in range(4):
            await pilot.press("n")
            await settle(app, pilot)
            assert isinstance(app.screen, CaptureScreen)
            refs.append(weakref.ref(app.screen))
            frozen = gc.get_freeze_count()
            await pilot.press(*f"@Priya note {i} about the Kansai channel", "enter")
            await settle(app, pilot)
            assert isinstance(app.screen, MainScreen)
            # the new snapshot was still frozen (the stall it saves), once the screen closed
            assert gc.get_freeze_count() > frozen
        # one more, opened and closed without saving
        await pilot.press("n")
        await settle(app, pilot)
        refs.append(weakref.ref(app.screen))
        await pilot.press("escape")
        await settle(app, pilot)
        assert isinstance(app.screen, MainScreen)
        gc.collect()
        alive = [i for i, r in enumerate(refs) if r() is not None]
        assert not alive, f"closed capture screens {alive} of {len(refs)} are still alive"
    assert len(Store(demo_store.path).interactions()) == notes_before + 4
