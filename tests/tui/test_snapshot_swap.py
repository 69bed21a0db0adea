"""A new snapshot after a save redraws what changed, not the whole screen.

After a note about someone else, the timeline on screen keeps its rows (the same
objects, so nothing in it is drawn again); after a note about the person shown,
their timeline shows it at the top.
"""

from __future__ import annotations

from app_helpers import SIZE, settle

from tui.screens.main import MainScreen


async def save_note(app, pilot, line: str) -> None:
    generation = app._generation
    await pilot.press("n")
    await settle(app, pilot)
    await pilot.press(*line, "enter")
    await settle(app, pilot)
    for _ in range(50):  # the snapshot is asked for once the box has closed
        if app._generation > generation and app._shown_generation == app._generation:
            break
        await pilot.pause(0.05)
    assert isinstance(app.screen, MainScreen)


async def test_a_note_about_someone_else_keeps_the_shown_timeline_rows(demo_store, make_test_app):
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        main = app.screen
        shown = app.book.get_contact(main.contact_id)
        other = next(c for c in app.book.contacts() if c.id != shown.id and c.tier == "network")
        rows = main.timeline.row_list.rows
        book = app.book
        await save_note(app, pilot, f'@"{other.name}" call about the Kansai channel')
        assert app.book is not book  # a new snapshot is shown
        assert any("Kansai channel" in i.text for i in app.book.timeline(other.id))
        assert main.contact_id == shown.id
        assert main.timeline.row_list.rows is rows  # the same rows: nothing redrawn there

        # a note about the person shown: their timeline has it on top
        await save_note(app, pilot, f'@"{shown.name}" call about the Osaka office')
        assert main.timeline.row_list.rows is not rows
        assert "Osaka office" in main.timeline.row_list.line_text(0)


async def test_a_new_snapshot_lays_nothing_out(demo_store, make_test_app):
    """Swapping a snapshot in redraws lines; a layout of the whole screen (the focus line's
    update asked for one) redrew every pane after each save."""
    from model.capture import save

    from app_helpers import TODAY

    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        main = app.screen
        other = next(c for c in app.book.contacts() if c.id != main.contact_id and c.tier == "network")
        layouts: list[object] = []
        main.screen_layout_refresh_signal.subscribe(main, layouts.append)
        book = app.book
        save(app.store, f'@"{other.name}" call about the Kansai channel', TODAY)  # as another window would
        for _ in range(50):
            await settle(app, pilot)
            if app.book is not book:
                break
        assert app.book is not book and any("Kansai" in i.text for i in app.book.timeline(other.id))
        await settle(app, pilot)
        assert layouts == []
