"""The capture box reads the natural forms on every keystroke: the preview and the colours say so."""

from __future__ import annotations

from textual.widgets import Static

from flow_app import SIZE, TODAY, FlowApp, demo_store, reopen, settle
from model.capture import Capture
from tui.screens.capture import CaptureScreen


def _text(screen, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())


async def test_met_for_lunch_and_their_promise_are_previewed_then_stored(tmp_path):
    store = demo_store(tmp_path)
    app = FlowApp(lambda: CaptureScreen(store, TODAY))
    line = 'met @"Emily Carter" for lunch yesterday: hiring; Emily will send the deck by next fri'
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*line)
        await settle(app, pilot)
        preview = _text(app.screen, "#capture-preview")
        assert "meal" in preview and "2026-11-25 Wed (yesterday)" in preview
        assert "Emily Carter promises: send the deck" in preview and "2026-12-04 Fri" in preview
        assert "hiring" in preview and not app.screen.error
        roles = {line[t.start:t.end]: t.role for t in app.screen.capture.tokens}
        assert (roles["met"], roles["for"], roles["lunch"], roles["Emily"], roles["will"]) == (
            "kind", "joiner", "kind", "person", "promise")
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.result, Capture)
    fresh = reopen(store)
    note = next(i for i in fresh.interactions() if i.id == app.result.interaction.id)
    promise = next(p for p in fresh.promises() if p.interaction == note.id)
    assert (note.date, note.kind, note.text) == ("2026-11-25", "meal", "hiring")
    assert (promise.owner, promise.text, promise.due) == ("them", "send the deck", "2026-12-04")


async def test_a_bare_name_nobody_on_the_note_has_is_shown_as_the_error(tmp_path):
    store = demo_store(tmp_path)
    before = store.path.read_bytes()
    app = FlowApp(lambda: CaptureScreen(store, TODAY))
    line = '@"Emily Carter" lunch: Sato promised the deck by fri'
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*line)
        await settle(app, pilot)
        error = _text(app.screen, "#capture-error")
        assert "Sato is not named on this note" in error
        assert (app.screen.error.start, app.screen.error.end) == (line.index("Sato"), line.index(" the deck"))
        await pilot.press("enter")
        await settle(app, pilot)
        assert not app.dismissed
    assert store.path.read_bytes() == before
