"""The main screen as a week of use found it (issue 13 items 12, 13): the person just added
is the one ``e`` edits, Enter opens a timeline entry, ``v`` says Hide once revealed, and
what the timeline says reads right (``1 entry``, a log entry is ``log``)."""

from __future__ import annotations

from app_helpers import SIZE, settle, toasts
from textual.widgets import Static

from model.records import Contact, Interaction
from tui.screens.contact_form import ContactForm
from tui.screens.entry import EntryScreen
from tui.widgets.key_bar import KeyBar


def key_words(app) -> str:
    bar = app.screen.query_one(KeyBar)
    return " ".join(f"{i.key}={i.description}" for i in bar._items)


async def test_after_adding_a_person_e_edits_them(demo_store, make_test_app):
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(app, pilot)
        await pilot.press("j", "j")  # the list cursor on someone else
        await pilot.press("a", *"大谷 翔子")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert "Added 大谷 翔子 (network)." in toasts(app)  # the given name is not blanked
        added = next(c for c in app.book.contacts() if c.name == "大谷 翔子")
        assert "大谷 翔子" in app.screen.query_one("#timeline-pane").border_title
        assert app.screen.contacts.highlighted_id == added.id
        await pilot.press("e")
        await settle(app, pilot)
        assert isinstance(app.screen, ContactForm) and app.screen.original.id == added.id


async def test_enter_on_a_timeline_row_opens_it_and_v_says_hide(empty_store, make_test_app):
    long_text = "Long talk about the plant in Kyushu. " * 20 + "THE END"
    person = empty_store.add(Contact(name="田中 美咲", tier="deep"))
    empty_store.add(Interaction(date="2026-11-20", contacts=(person.id,), kind="meal",
                                depth="deep", text=long_text, scope="confidential"))
    app = make_test_app(empty_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        app.screen.select_person(person.id)
        await pilot.press("2")
        await settle(app, pilot)
        assert app.screen.query_one("#timeline-pane").border_subtitle == "1 entry"
        assert "v=Reveal" in key_words(app) and "enter=Open" in key_words(app)
        await pilot.press("v")
        await settle(app, pilot)
        assert "v=Hide" in key_words(app)
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, EntryScreen)
        assert "THE END" in str(app.screen.query_one("#entry-text", Static).render())
        await pilot.press("escape", "v")
        await settle(app, pilot)
        assert "v=Reveal" in key_words(app)
        await pilot.press("enter")
        await settle(app, pilot)
        shown = str(app.screen.query_one("#entry-text", Static).render())
        assert "THE END" not in shown and "confidential" in shown  # masked again when hidden


async def test_a_log_entry_reads_log_not_log_touch(empty_store, make_test_app):
    person = empty_store.add(Contact(name="Ken Sato"))
    empty_store.add(Interaction(date="2026-11-20", contacts=(person.id,), kind="log",
                                text="moved from network to active"))
    app = make_test_app(empty_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        app.screen.select_person(person.id)
        await settle(app, pilot)
        detail = str(app.screen.query_one("#timeline-detail", Static).render())
        assert detail.startswith("2026-11-20 · log · with Ken Sato")


async def test_a_toast_sits_inside_the_right_pane_so_no_edge_cuts_its_words(demo_store, make_test_app):
    """Textual blanks a wide character that an edge of a widget under the toast cuts in two."""
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(app, pilot)
        app.notify("Added 大谷 翔子 (network). " * 3, title="Saved")
        await settle(app, pilot)
        toast = app.screen.query_one("Toast")
        inner = app.screen.query_one("#focus-list").region
        text = toast.content_region  # where its words are drawn
        assert inner.x <= text.x and text.right <= inner.right
