"""The main screen and the store: outside changes and the first run."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from app_helpers import SIZE, settle, toasts
from textual.widgets import Input

from tui.screens.first_run import FirstRunScreen
from tui.screens.main import MainScreen
from tui.widgets.row_list import RowList

ROOT = Path(__file__).resolve().parents[2]


def timeline_rows(app) -> list[str]:
    row_list = app.screen.query_one("#timeline-list", RowList)
    return [row_list.line_text(i) for i in range(len(row_list.rows))]


def kizuna(store, *args: str) -> subprocess.CompletedProcess:
    """The real command in another process, on the same store file."""
    return subprocess.run([sys.executable, "-m", "tui", "--db", str(store.path), *args],
                          cwd=ROOT, capture_output=True, text=True, encoding="utf-8", timeout=60)


async def test_a_note_from_another_terminal_shows_up(demo_store, make_test_app):
    priya = next(c for c in demo_store.contacts() if c.name == "Priya Raman")
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(app, pilot)
        app.screen.select_person(priya.id)
        await pilot.pause()
        before = len(timeline_rows(app))
        app.check_outside_changes()  # nothing changed: nothing happens
        await settle(app, pilot)
        assert toasts(app) == ""
        done = kizuna(demo_store, "note", "@Priya talked about the Kansai channel")
        assert done.returncode == 0, done.stderr
        app.check_outside_changes()  # what the once-a-second timer calls
        await settle(app, pilot)
        rows = timeline_rows(app)
        assert len(rows) == before + 1
        assert any("talked about the Kansai channel" in r for r in rows)
        assert "1 new note with Priya Raman" in toasts(app)
        # a new person added elsewhere appears in the list
        kizuna(demo_store, "note", '@+"Nakamura Yui" met at the expo')
        app.check_outside_changes()
        await settle(app, pilot)
        names = [app.book.contact(r.key).name for r in app.screen.query_one("#contact-list", RowList).rows if r.key]
        assert "Nakamura Yui" in names
        assert "Nakamura Yui" in toasts(app)


async def test_empty_store_shows_the_first_run_screen(empty_store, make_test_app):
    app = make_test_app(empty_store)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(app, pilot)
        assert isinstance(app.screen, FirstRunScreen)
        text = str(app.screen.query_one("#welcome").render())
        assert "press a" in text and "kizuna --demo" in text
        # a: the contact form; save a name; the main screen appears with that person
        await pilot.press("a")
        await pilot.pause()
        await pilot.press(*"Ken Sato")
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, MainScreen)
        assert [c.name for c in empty_store.contacts()] == ["Ken Sato"]
        assert "Ken Sato" in app.screen.query_one("#timeline-pane").border_title
        assert "Close this screen first" not in toasts(app)


async def test_the_first_run_screens_capture_example_saves_on_an_empty_store(empty_store, make_test_app):
    app = make_test_app(empty_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        text = str(app.screen.query_one("#welcome").render())
        example = text.split("capture a note: ", 1)[1].split("\n", 1)[0].strip()
        await pilot.press("n")
        await settle(app, pilot)
        app.screen.query_one("#capture-line", Input).value = example
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, MainScreen)
    assert [c.name for c in empty_store.contacts()] == ["Tanaka"]
    assert [i.text for i in empty_store.interactions()] == ["talked hiring"]


async def test_first_run_leaves_when_someone_is_added_elsewhere(empty_store, make_test_app):
    app = make_test_app(empty_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert isinstance(app.screen, FirstRunScreen)
        assert kizuna(empty_store, "note", "@+佐藤 first contact").returncode == 0
        app.check_outside_changes()
        await settle(app, pilot)
        assert isinstance(app.screen, MainScreen)
