"""Closed screens are freed, and a snapshot is frozen only once the main screen is back.

After the app's own writes the planning snapshot is *updated* from the last one
(a few new objects). A snapshot built whole (after another process wrote the
store) is moved out of the garbage collector's sight (``gc.freeze``) so full
collections do not walk it again and again. A screen open at that moment would
be frozen with it and, having reference cycles, never collected after it
closed: the app freezes only once the main screen is back.
"""

from __future__ import annotations

import gc
import weakref
from datetime import date

from app_helpers import SIZE, settle

from model.records import Interaction
from model.store import Store
from tui.collector import IDLE_SECONDS, SOON_SECONDS, SOON_TRIES
from tui.screens.capture import CaptureScreen
from tui.screens.main import MainScreen


def frozen(obj) -> bool:
    """Whether ``obj`` was moved out of the collector's sight by ``gc.freeze``."""
    return gc.is_tracked(obj) and not any(o is obj for o in gc.get_objects())


async def test_the_capture_box_is_kept_and_closed_screens_are_collected(demo_store, make_test_app):
    notes_before = len(demo_store.interactions())
    app = make_test_app(demo_store)
    boxes: set[int] = set()
    refs: list[weakref.ref] = []
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        for i in range(4):
            await pilot.press("n")
            await settle(app, pilot)
            assert isinstance(app.screen, CaptureScreen)
            boxes.add(id(app.screen))
            assert app.screen.query_one("#capture-line").value == ""  # shown again, empty
            await pilot.press(*f"@Priya note {i} about the Kansai channel", "enter")
            await settle(app, pilot)
            assert isinstance(app.screen, MainScreen)
            assert sum("Kansai channel" in it.text for it in app.book.interactions()) == i + 1
        assert len(boxes) == 1  # one box, kept between captures
        # a screen opened and closed (the help) is freed
        for _ in range(2):
            await pilot.press("question_mark")
            await settle(app, pilot)
            refs.append(weakref.ref(app.screen))
            await pilot.press("escape")
            await settle(app, pilot)
        assert isinstance(app.screen, MainScreen)
        gc.collect()
        alive = [i for i, r in enumerate(refs) if r() is not None]
        assert not alive, f"closed screens {alive} of {len(refs)} are still alive"
    assert len(Store(demo_store.path).interactions()) == notes_before + 4


async def test_a_whole_snapshot_is_frozen_after_the_open_screen_closes(demo_store, make_test_app):
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("a")  # the contact form: a window with reference cycles, then closed
        await settle(app, pilot)
        form = weakref.ref(app.screen)
        assert type(form()).__name__ == "ContactForm"
        # another process writes a note: the app reloads and builds a whole snapshot
        other = Store(demo_store.path)
        priya = next(c for c in other.contacts() if c.name.startswith("Priya"))
        other.add(Interaction(date=date(2026, 11, 25).isoformat(), contacts=(priya.id,), kind="call",
                              text="written in another terminal"))
        app.check_outside_changes()
        await settle(app, pilot)
        assert any(it.text == "written in another terminal" for it in app.book.interactions())
        assert not frozen(app.book)  # not while the form is open
        await pilot.press("escape")
        await settle(app, pilot)
        assert isinstance(app.screen, MainScreen)
        # Textual lets go of the closed screen a moment later: the app tries again shortly
        for _ in range(SOON_TRIES + 1):
            if frozen(app.book):
                break
            await pilot.pause(SOON_SECONDS)
        assert frozen(app.book)  # the new snapshot, once the main screen is back
        gc.collect()
        assert form() is None, "the form open during the freeze is still alive"


async def test_what_a_save_and_some_scrolling_built_is_frozen_at_a_quiet_moment(demo_store, make_test_app):
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("n")
        await settle(app, pilot)
        await pilot.press(*"@Priya call about the Kansai channel", "enter")
        await settle(app, pilot)
        await pilot.press("question_mark")
        await settle(app, pilot)
        closed = weakref.ref(app.screen)
        await pilot.press("escape")
        await settle(app, pilot)
        await pilot.press("down", "down", "up")
        await settle(app, pilot)
        for _ in range(int(3 * IDLE_SECONDS / SOON_SECONDS)):  # quiet: the once-a-second tick
            if frozen(app.book):
                break
            await pilot.pause(SOON_SECONDS)
        assert frozen(app.book) and not app.collector.wanted
        gc.collect()
        assert closed() is None, "the help screen was frozen before it was let go"


async def test_the_interpreter_settings_are_the_apps_while_it_runs_and_put_back_after(
        demo_store, make_test_app) -> None:
    import sys

    from tui import interpreter

    before = (sys.getswitchinterval(), gc.get_threshold())
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert sys.getswitchinterval() == interpreter.SWITCH_SECONDS
        assert gc.get_threshold()[2] == interpreter.FULL_EVERY
        assert gc.get_freeze_count() > 0  # the main screen's first freeze
    assert (sys.getswitchinterval(), gc.get_threshold()) == before
    assert gc.get_freeze_count() == 0
    assert gc.isenabled()
