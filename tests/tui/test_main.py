"""The main screen, driven by keys on the real app: panes, filter, timeline, focus."""

from __future__ import annotations

import pytest
from rich.cells import cell_len

from model.records import Contact, Interaction
from app_helpers import SIZE, TODAY, settle
from tui.screens.main import MainScreen
from tui.widgets.row_list import RowList
from tui.widgets.timeline import MASK


def rows(app, selector: str) -> list[str]:
    """The plain text of every row of a RowList, as drawn at its width."""
    row_list = app.screen.query_one(selector, RowList)
    return [row_list.line_text(i) for i in range(len(row_list.rows))]


def person_rows(app) -> list[str]:
    row_list = app.screen.query_one("#contact-list", RowList)
    return [row_list.line_text(i) for i, r in enumerate(row_list.rows) if r.key is not None]


def static_text(app, selector: str) -> str:
    return str(app.screen.query_one(selector).render())


async def test_demo_shows_three_panes(demo_store, make_test_app):
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert isinstance(app.screen, MainScreen)
        lines = rows(app, "#contact-list")
        # grouped by tier, each heading with its count against the cap
        assert lines[0].startswith("── deep 5/5")
        assert any(line.startswith("── active ") and "/15" in line for line in lines)
        assert "deep 5/5" in static_text(app, "#caps")
        assert len(person_rows(app)) == len(demo_store.contacts())
        # the first person is highlighted and their timeline is shown, newest first
        first = app.screen.query_one("#contact-list", RowList).highlighted_key
        name = demo_store.contact(first).name
        assert name in app.screen.query_one("#timeline-pane").border_title
        dates = [line[:10] for line in rows(app, "#timeline-list")]
        assert dates == sorted(dates, reverse=True) and dates
        # this month's focus: the challenge and its slots with progress
        plan = demo_store.focus_plan("2026-11")
        assert plan.challenge[:10] in static_text(app, "#focus-head")
        assert "4 days left" in static_text(app, "#focus-head")
        focus_list = app.screen.query_one("#focus-list")
        assert focus_list.option_count == len(plan.slots)


async def test_tier_order_puts_due_people_first(demo_store, make_test_app):
    from tui.screens.main import due_dates

    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        due = due_dates(app.book, TODAY)
        row_list = app.screen.query_one("#contact-list", RowList)
        keys = [r.key for r in row_list.rows if r.key]
        people = [demo_store.contact(k) for k in keys]
        for tier in ("deep", "active", "network"):
            in_tier = [p for p in people if p.tier == tier]
            dues = [due.get(p.id) for p in in_tier]
            known = [d for d in dues if d is not None]
            # the people with a due date come first, the most overdue on top
            assert dues[:len(known)] == sorted(known)
        late = [k for k in keys if k in due and due[k] < TODAY]
        assert late, "the demo data has overdue people"
        line = row_list.line_text(next(i for i, r in enumerate(row_list.rows) if r.key == late[0]))
        assert line.startswith("!") and "late" in line


async def test_filter_as_you_type_by_name_reading_and_company(demo_store, make_test_app):
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("slash")
        assert app.screen.focused.id == "filter"
        await pilot.press(*"sato")  # no one's name is "sato": their reading さとう in romaji
        shown = person_rows(app)
        assert len(shown) == 2 and all("佐藤" in r for r in shown)
        await pilot.press(*["backspace"] * 4)
        for ch in "さとう":
            await pilot.press(ch)
        shown = person_rows(app)
        assert len(shown) == 2 and all("佐藤" in r for r in shown)  # 佐藤 健 and 佐藤 亜紀
        # Enter goes to the list, and the list still holds the filtered people
        await pilot.press("enter")
        assert app.screen.focused.id == "contact-list"
        assert "佐藤" in demo_store.contact(app.screen.query_one(RowList).highlighted_key).name
        # a company word works too, case-insensitive; Escape clears
        await pilot.press("slash", *"KESTREL")
        shown = person_rows(app)
        assert any("Priya Raman" in r for r in shown) and all("Kestrel" in r for r in shown)
        await pilot.press("escape")
        assert len(person_rows(app)) == len(demo_store.contacts())
        assert app.screen.focused.id == "contact-list"


async def test_japanese_names_line_up_with_latin_ones(empty_store, make_test_app):
    empty_store.add(Contact(name="佐藤 健", reading="さとう けん", company="佐藤精工", tier="active"))
    empty_store.add(Contact(name="Ken Sato", company="Sato Works", tier="active"))
    empty_store.add(Contact(name="長谷川 智子さん（営業部長）", company="ハコブ", tier="active"))
    app = make_test_app(empty_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        lines = person_rows(app)
        assert len(lines) == 3
        starts = []
        for company in ("佐藤精工", "Sato Works", "ハコブ"):
            line = next(line for line in lines if company in line)
            starts.append(cell_len(line[:line.index(company)]))
        assert len(set(starts)) == 1, lines
        widths = {cell_len(line) for line in lines}
        assert len(widths) == 1, lines  # every row fills the same number of cells
        long = next(line for line in lines if "長谷川" in line)
        assert "…" in long  # a name too wide for its column is cut, not wrapped


async def test_tab_and_number_keys_move_between_panes(demo_store, make_test_app):
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        focused = lambda: app.screen.focused.id  # noqa: E731
        assert focused() == "contact-list"
        await pilot.press("tab")
        assert focused() == "timeline-list"
        await pilot.press("tab")
        assert focused() == "focus-list"
        await pilot.press("tab")
        assert focused() == "contact-list"
        await pilot.press("shift+tab")
        assert focused() == "focus-list"
        await pilot.press("1")
        assert focused() == "contact-list"
        await pilot.press("3")
        assert focused() == "focus-list"
        await pilot.press("2")
        assert focused() == "timeline-list"


async def test_j_k_move_and_the_timeline_follows(demo_store, make_test_app):
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        row_list = app.screen.query_one("#contact-list", RowList)
        first = row_list.highlighted_key
        await pilot.press("j")
        second = row_list.highlighted_key
        assert second != first
        await pilot.pause()
        assert demo_store.contact(second).name in app.screen.query_one("#timeline-pane").border_title
        await pilot.press("down", "k", "up")
        assert row_list.highlighted_key == first
        # headings are skipped: walking to the end never lands on one
        await pilot.press("G")
        assert row_list.highlighted_key is not None
        await pilot.press("g")
        assert row_list.highlighted_key == first


async def test_footer_shows_the_focused_panes_keys(demo_store, make_test_app):
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        keys = {b.binding.id for b in app.screen.active_bindings.values() if b.binding.show}
        assert {"contacts.filter", "main.edit", "app.add_person", "app.help"} <= keys
        assert "timeline.reveal" not in keys
        await pilot.press("2")
        keys = {b.binding.id for b in app.screen.active_bindings.values() if b.binding.show}
        assert {"timeline.everyone", "timeline.reveal"} <= keys
        assert "contacts.filter" not in keys


async def test_toggle_everyones_timeline(demo_store, make_test_app):
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        mine = len(rows(app, "#timeline-list"))
        await pilot.press("t")
        pane = app.screen.query_one("#timeline-pane")
        assert "everyone" in pane.border_title
        everyone = rows(app, "#timeline-list")
        assert len(everyone) == len(demo_store.interactions()) + len(demo_store.promises()) > mine
        dates = [line[:10] for line in everyone]
        assert dates == sorted(dates, reverse=True)
        await pilot.press("t")
        assert "everyone" not in pane.border_title
        assert len(rows(app, "#timeline-list")) == mine


async def test_confidential_notes_are_masked_until_revealed(empty_store, make_test_app):
    secret = "Thinking of selling the company next year"
    tanaka = empty_store.add(Contact(name="田中 美咲", tier="deep"))
    other = empty_store.add(Contact(name="Ken Sato", tier="active"))
    empty_store.add(Interaction(date="2026-11-20", contacts=(tanaka.id,), kind="meal",
                                depth="deep", text=secret, scope="confidential"))
    empty_store.add(Interaction(date="2026-11-10", contacts=(tanaka.id,), text="open note"))
    app = make_test_app(empty_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        app.screen.select_person(tanaka.id)
        await pilot.pause()
        lines = rows(app, "#timeline-list")
        assert MASK in lines[0] and secret not in " ".join(lines)
        assert "open note" in lines[1]
        assert secret not in static_text(app, "#timeline-detail")
        await pilot.press("v")  # works from the contacts pane too
        await pilot.pause()
        assert secret in rows(app, "#timeline-list")[0]
        await pilot.press("2")
        assert secret in static_text(app, "#timeline-detail")
        await pilot.press("v")
        assert MASK in rows(app, "#timeline-list")[0]
        await pilot.press("v")
        assert secret in rows(app, "#timeline-list")[0]
        # choosing someone else and coming back masks it again
        app.screen.select_person(other.id)
        await pilot.pause()
        app.screen.select_person(tanaka.id)
        await pilot.pause()
        assert MASK in rows(app, "#timeline-list")[0]
        # everyone's timeline masks it too
        await pilot.press("t")
        assert any(MASK in line for line in rows(app, "#timeline-list"))
        assert not any(secret in line for line in rows(app, "#timeline-list"))


async def test_enter_on_a_person_opens_the_form(demo_store, make_test_app):
    from tui.screens.contact_form import ContactForm

    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        key = app.screen.query_one("#contact-list", RowList).highlighted_key
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ContactForm)
        assert app.screen.original.id == key
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, ContactForm)


async def test_help_lists_every_key(demo_store, make_test_app):
    from tui.screens.help import HelpScreen, binding_groups

    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        # (words only: a long description wraps, its lines indented under the first)
        text = " ".join(" ".join(str(s.render()) for s in app.screen.query(".help-section")).split())
        for _title, bindings in binding_groups(app):
            for b in bindings:
                assert " ".join((b.tooltip or b.description).split()) in text
        # Tab between fields works alike in seven dialogs: said once, not in each one's keys
        assert text.count("Next field") == 1 and "In any dialog with fields" in text
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)


@pytest.mark.parametrize("key, screen", [
    ("a", "ContactForm"), ("n", "CaptureScreen"), ("r", "ReviewScreen"),
    ("f", "FocusPlannerScreen"), ("M", "MonthReviewScreen"), ("i", "ImportScreen"),
    ("question_mark", "HelpScreen"), ("m", "MergeDialog"), ("x", "ExportDialog"), ("S", "SettingsScreen"),
])
async def test_each_key_opens_its_screen_and_escape_comes_back(demo_store, make_test_app, key, screen):
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press(key)
        await settle(app, pilot)
        assert type(app.screen).__name__ == screen
        await pilot.press(*["escape"] * (2 if screen == "ReviewScreen" else 1))  # the review's summary first
        await settle(app, pilot)
        assert isinstance(app.screen, MainScreen)


async def test_a_capture_shows_up_on_the_main_screen(demo_store, make_test_app):
    priya = next(c for c in demo_store.contacts() if c.name == "Priya Raman")
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        app.screen.select_person(priya.id)
        await pilot.press("n")
        await settle(app, pilot)
        await pilot.press(*"@Priya talked about the Kansai channel")
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, MainScreen)
        assert "talked about the Kansai channel" in rows(app, "#timeline-list")[0]


async def test_the_focus_pane_shows_and_opens_its_people(demo_store, make_test_app):
    from tui.screens.contact_form import ContactForm

    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        plan = demo_store.focus_plan("2026-11")
        first = demo_store.contact(plan.slots[0].contact)
        second = demo_store.contact(plan.slots[1].contact)
        await pilot.press("3")
        await pilot.pause()
        assert first.name in app.screen.query_one("#timeline-pane").border_title
        await pilot.press("j")
        await pilot.pause()
        assert second.name in app.screen.query_one("#timeline-pane").border_title
        await pilot.press("k")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ContactForm) and app.screen.original.id == first.id


async def test_enter_in_everyones_timeline_goes_to_that_person(demo_store, make_test_app):
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("2", "t", "j", "j")
        timeline = app.screen.query_one("#timeline-list", RowList)
        key = timeline.highlighted_key
        kind, _, rid = key.partition(":")
        if kind == "i":
            cid = next(i for i in demo_store.interactions() if i.id == rid).contacts[0]
        else:
            cid = next(p for p in demo_store.promises() if p.id == rid).contact
        await pilot.press("enter")
        await settle(app, pilot)
        pane = app.screen.query_one("#timeline-pane")
        assert "everyone" not in pane.border_title
        assert demo_store.contact(cid).name in pane.border_title
        assert app.screen.query_one("#contact-list", RowList).highlighted_key == cid


async def test_a_month_without_a_plan_says_how_to_make_one(empty_store, make_test_app):
    empty_store.add(Contact(name="Ken Sato", tier="active"))
    app = make_test_app(empty_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        head = static_text(app, "#focus-head")
        assert "No focus plan for November 2026 yet" in head and "Press f" in head


async def test_keys_can_be_remapped_by_binding_id(demo_store, make_test_app):
    from tui.screens.help import HelpScreen

    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        app.set_keymap({"app.capture": "c", "timeline.everyone": "w"})  # one id: every pane
        await pilot.press("w")
        assert "everyone" in app.screen.query_one("#timeline-pane").border_title
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = " ".join(str(s.render()) for s in app.screen.query(".help-section"))
        assert "  c                 Quick capture" in text
        await pilot.press("escape", "c")
        await settle(app, pilot)
        assert type(app.screen).__name__ == "CaptureScreen"


async def test_e_edits_the_person_shown_and_on_the_timeline_the_entry(demo_store, make_test_app):
    from tui.screens.contact_form import ContactForm
    from tui.screens.entry_form import EntryForm

    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("j", "3")
        shown = app.screen.contact_id
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, ContactForm) and app.screen.original.id == shown
        await pilot.press("escape")
        await settle(app, pilot)
        await pilot.press("2", "e")  # on the timeline, e corrects the highlighted entry
        await pilot.pause()
        assert isinstance(app.screen, EntryForm)


async def test_a_click_highlights_a_person_and_a_double_click_opens_them(demo_store, make_test_app):
    from tui.screens.contact_form import ContactForm

    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        row_list = app.screen.query_one("#contact-list", RowList)
        target = next(i for i, r in enumerate(row_list.rows) if r.key is not None and i > 3)
        await pilot.click("#contact-list", offset=(2, target))
        await settle(app, pilot)
        assert row_list.cursor == target
        await pilot.click("#contact-list", offset=(2, target), times=2)
        await settle(app, pilot)
        assert isinstance(app.screen, ContactForm)
