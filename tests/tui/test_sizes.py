"""Every size from 80x24 to 200x60 (issue 11): the timeline keeps room to read a note, the
focus pane folds into a line below 160 columns and ``3`` shows it, and a resize with a
screen open loses nothing typed."""

from __future__ import annotations

import re

import pytest
from rich.cells import cell_len
from textual.widgets import Input

from app_helpers import settle
from tui.screens.capture import CaptureScreen
from tui.screens.main import MainScreen

#: (size, the layout, the least note text a timeline row shows in cells)
SIZES = [((80, 24), "-narrow", 30), ((100, 30), "-medium", 40), ((120, 35), "-medium", 40),
         ((160, 45), "-wide", 40), ((200, 60), "-wide", 40)]


def note_cells(main: MainScreen) -> tuple[str, int]:
    """The first timeline row and how many cells of it the note's words get."""
    from tui.widgets.timeline import kind_column

    rows = main.timeline.row_list
    row = rows.line_text(0)
    width = rows.scrollable_content_region.width
    words = 11 + 2 + kind_column(width)[0] + 1  # date, mark, kind
    return row, min(cell_len(row[words:]), width - cell_len(row[:words]))


@pytest.mark.parametrize(("size", "layout", "least"), SIZES, ids=[f"{w}x{h}" for (w, h), _, _ in SIZES])
async def test_the_timeline_is_readable_and_the_focus_pane_reachable(demo_store, make_test_app, size, layout,
                                                                     least):
    app = make_test_app(demo_store)
    async with app.run_test(size=size) as pilot:
        await settle(app, pilot)
        main = app.screen
        assert main.layout_name == layout
        row, cells = note_cells(main)
        assert re.match(r"\d{4}-\d\d-\d\d [◇◆·] [a-z]", row) and cells >= least, row  # date, kind, the words
        folded = layout != "-wide"
        line = main.query_one("#focus-line")
        assert main.focus_pane.display is not folded and line.display is folded
        if folded:
            assert "3 Focus" in str(line.render()) and "佐藤 健" in str(line.render())
        await pilot.press("3")
        await settle(app, pilot)
        assert main.focus_pane.display and main.query_one("#focus-list").has_focus
        assert main.focus_pane.region.width >= 40  # room for the slots' text
        await pilot.press("tab")  # on round to the contacts: the timeline is back
        await settle(app, pilot)
        assert main.query_one("#contact-list").has_focus and main.timeline.display
        assert main.focus_pane.display is not folded


async def test_resizing_changes_the_layout_and_keeps_the_pane_shown(demo_store, make_test_app):
    app = make_test_app(demo_store)
    async with app.run_test(size=(200, 60)) as pilot:
        await settle(app, pilot)
        main = app.screen
        await pilot.press("3")
        for size, layout, least in [((80, 24), "-narrow", 30), ((120, 35), "-medium", 40),
                                    ((160, 45), "-wide", 40)]:
            await pilot.resize_terminal(*size)
            await settle(app, pilot)
            assert main.layout_name == layout and main.query_one("#focus-list").has_focus
            assert main.focus_pane.display  # the pane with the focus stays in sight
        await pilot.press("1")
        await pilot.resize_terminal(80, 24)
        await settle(app, pilot)
        assert not main.focus_pane.display and main.timeline.display
        row = main.timeline.row_list.line_text(0)  # (the focus pane's person: 佐藤 健)
        assert main.timeline.row_list.scrollable_content_region.width - cell_len(row[:21]) >= 30


async def test_a_half_typed_capture_survives_resizes_and_the_screen_below_follows(demo_store, make_test_app):
    app = make_test_app(demo_store)
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(app, pilot)
        main = app.screen
        await pilot.press("n", *"@Emily lunch: half typ")
        await settle(app, pilot)
        box = app.screen
        assert isinstance(box, CaptureScreen)
        for size in [(80, 24), (200, 60), (100, 30)]:
            await pilot.resize_terminal(*size)
            await settle(app, pilot)
            assert app.screen is box and box.query_one("#capture-line", Input).value == "@Emily lunch: half typ"
            assert box.query_one("#capture-box").region.right <= size[0]  # the whole box on screen
        assert main.layout_name == "-medium"  # the main screen under the box was laid out again
        await pilot.press(*"ed", "enter")
        await settle(app, pilot)
        assert app.screen is main
    assert any(i.text == "half typed" for i in type(demo_store)(demo_store.path).interactions())


async def test_a_form_being_edited_survives_resizes(demo_store, make_test_app):
    app = make_test_app(demo_store)
    async with app.run_test(size=(120, 35)) as pilot:
        await settle(app, pilot)
        await pilot.press("a", *"Resize Person", "tab", *"りさいず")
        await settle(app, pilot)
        form = app.screen
        for size in [(80, 24), (200, 60), (80, 24)]:
            await pilot.resize_terminal(*size)
            await settle(app, pilot)
            assert app.screen is form
            assert form.query_one("#field-name", Input).value == "Resize Person"
            assert form.query_one("#field-reading", Input).value == "りさいず"
            assert form.query_one("#field-reading", Input).has_focus
            assert form.query_one("#form").region.right <= size[0]  # its right border on screen


@pytest.mark.parametrize("keys", ["r", "n", "a", "f", "M", "i", "question_mark"])
async def test_every_screen_fits_80x24_and_keeps_fitting_when_resized(demo_store, make_test_app, keys):
    """Nothing cut at the right edge, at 80x24 and after a resize to 200x60 and back (a
    screen taller than the terminal scrolls)."""
    app = make_test_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press(keys)
        await settle(app, pilot)
        screen = app.screen
        assert not isinstance(screen, MainScreen)
        for size in [(80, 24), (200, 60), (80, 24)]:
            await pilot.resize_terminal(*size)
            await settle(app, pilot)
            assert app.screen is screen
            for widget in screen.query("*"):
                if widget.display and widget.region.area:
                    assert widget.region.right <= size[0], widget


async def test_the_merge_dialog_fits_80x24(tmp_path):
    from test_merge_dialog import Host, people

    from model.store import Store

    store = Store(tmp_path / "kizuna.json")
    a, *_ = people(store)
    app = Host(store, a.id)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        assert type(app.screen).__name__ == "MergeDialog"
        for widget in app.screen.query("*"):
            if widget.display and widget.region.area:
                assert widget.region.right <= 80, widget
