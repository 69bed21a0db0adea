"""The health screen (h), the rhythm column and header, and the month review's rhythms."""

from __future__ import annotations

from app_helpers import SIZE, TODAY, open_health, settle
from textual.widgets import Static

from model.demo import demo_records
from model.records import Interaction
from tui.screens.health import HealthScreen
from tui.screens.main import MainScreen
from tui.widgets.row_list import RowList


def _secrets() -> list[str]:
    return [r.text[:12] for r in demo_records(TODAY) if isinstance(r, Interaction) and r.scope == "confidential"]


def _text(screen, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())


async def test_h_opens_every_chart_with_its_reading(demo_store, make_test_app):
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_health(app, pilot)
        assert isinstance(screen, HealthScreen)
        assert screen.health is not None and screen.health.months == 12
        assert "deep conversations and" in _text(screen, "#reading-heatmap")
        assert "deep relationships had no deep conversation in 60 days" in _text(screen, "#reading-cadence")
        assert "Over 4 quarters, mine:" in _text(screen, "#reading-promises")
        assert "negative trust balance" in _text(screen, "#reading-trust")
        assert "met the template" in _text(screen, "#reading-diversity")
        assert "▲ today" in _text(screen, "#chart-heatmap")
        cadence = screen.query_one("#chart-cadence", RowList)
        assert len(cadence.rows) == 17 and cadence.has_focus  # deep 5 + active 12
        assert cadence.line_text(0).startswith("!")  # the worst first: overdue
        assert len(screen.query_one("#chart-trust", RowList).rows) == 17
        svg = app.export_screenshot()
        assert not [s for s in _secrets() if s in svg]


async def test_brackets_change_the_period(demo_store, make_test_app):
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_health(app, pilot)
        await pilot.press("left_square_bracket")
        await settle(app, pilot)
        assert screen.months == 6 and screen.health.months == 6
        assert "last 6 months" in str(screen.query_one("#health-body").border_title)
        assert "Over 2 quarters" in _text(screen, "#reading-promises")
        await pilot.press("left_square_bracket", "left_square_bracket")
        await settle(app, pilot)
        assert screen.health.months == 3 and len(screen.health.promises) == 1
        await pilot.press("right_square_bracket", "right_square_bracket", "right_square_bracket")
        await settle(app, pilot)
        assert screen.health.months == 12 and len(screen.health.trust[0].trend) == 6  # the trend is always 6 months


async def test_enter_on_a_bar_opens_the_person(demo_store, make_test_app):
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_health(app, pilot)
        second = screen.health.cadence[1]
        await pilot.press("down", "enter")
        await settle(app, pilot)
        assert isinstance(app.screen, MainScreen)
        assert app.screen.contact_id == second.contact_id
        assert second.name in app.screen.query_one("#timeline-pane").border_title
        # and from the trust chart, after tab
        await open_health(app, pilot)
        lowest = app.screen.health.trust[0]
        await pilot.press("tab", "enter")
        await settle(app, pilot)
        assert isinstance(app.screen, MainScreen) and app.screen.contact_id == lowest.contact_id


async def test_escape_goes_back_and_h_is_in_the_palette(demo_store, make_test_app):
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("ctrl+p")
        await settle(app, pilot)
        await pilot.press(*"health")
        await settle(app, pilot)
        await pilot.press("down", "enter")
        await settle(app, pilot)
        assert isinstance(app.screen, HealthScreen)
        await pilot.press("h")  # no second health screen on top
        await settle(app, pilot)
        assert sum(isinstance(s, HealthScreen) for s in app.screen_stack) == 1
        await pilot.press("escape")
        await settle(app, pilot)
        assert isinstance(app.screen, MainScreen)


async def test_an_empty_store_has_a_helpful_empty_state(empty_store, make_test_app):
    app = make_test_app(empty_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        app.push_screen(HealthScreen(TODAY))
        await settle(app, pilot)
        screen = app.screen
        assert screen.health is not None and screen.health.empty
        assert "Nobody here yet" in _text(screen, "#health-empty")
        assert not screen.query_one("#card-cadence").display


async def test_a_new_note_redraws_the_numbers(demo_store, make_test_app):
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await open_health(app, pilot)
        before = sum(app.screen.health.heatmap.touch)
        person = demo_store.contacts()[0]
        app.store.add(Interaction(date=TODAY.isoformat(), contacts=(person.id,), kind="call", text="hi"))
        await settle(app, pilot)
        assert sum(app.screen.health.heatmap.touch) == before + 1


async def test_narrow_terminal_stacks_the_charts(demo_store, make_test_app):
    app = make_test_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_health(app, pilot)
        assert screen.has_class("-narrow")
        heat = screen.query_one("#card-heatmap")
        promises = screen.query_one("#card-promises")
        assert promises.region.y > heat.region.y and promises.region.x == heat.region.x


async def test_a_small_terminal_opens_at_the_top_and_a_key_brings_the_list_into_view(demo_store, make_test_app):
    """At 100x30 the screen starts at its first chart, not scrolled to the focused cadence
    list; the first move in that list scrolls it into view."""
    app = make_test_app(demo_store)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_health(app, pilot)
        body = screen.query_one("#health-body")
        cadence = screen.query_one("#chart-cadence", RowList)
        assert body.scroll_y == 0 and cadence.has_focus
        assert not cadence.region.overlaps(body.region)  # below the fold
        await pilot.press("down")
        await settle(app, pilot)
        assert body.scroll_y > 0 and cadence.region.overlaps(body.region)


async def test_charts_read_without_colour(demo_store, make_test_app, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await open_health(app, pilot)
        assert app.no_color
        text = _text(app.screen, "#chart-heatmap")
        assert "●" in text and "○" in text and "▲ today" in text
        first = app.screen.query_one("#chart-cadence", RowList).line_text(0)
        assert first.startswith("!") and "late" in first


# -- the rhythm beside each person ------------------------------------------------------


async def test_the_contact_list_and_the_timeline_show_each_rhythm(demo_store, make_test_app):
    from model.planning.health import person_rhythm
    from tui.health_charts import rhythm_glyphs
    from tui.widgets.contact_rows import RHYTHM_MIN_ROW

    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        main = app.screen
        rows = main.contacts.contact_rows
        row = rows.entries[0]
        expected = rhythm_glyphs(person_rhythm(app.book, row.key, TODAY))
        assert row.rhythm == expected and "◆" in expected
        assert expected in row.render(RHYTHM_MIN_ROW).plain
        assert expected not in row.render(RHYTHM_MIN_ROW - 1).plain  # narrow: the column goes first
        assert main.contacts.row_list.size.width >= RHYTHM_MIN_ROW
        shown = app.export_screenshot()
        assert expected.replace("·", "") in shown.replace("·", "").replace("&#160;", "") or "◆" in shown
        assert expected in main.query_one("#timeline-pane").border_title


async def test_a_note_updates_the_rhythm_in_the_list(demo_store, make_test_app):
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        from model.records import Contact

        network = app.store.add(Contact(name="Newcomer", tier="network"))
        await settle(app, pilot)
        rows = app.screen.contacts.contact_rows
        assert rows.entries[rows.where[network.id]].rhythm == "·" * 12
        app.store.add(Interaction(date=TODAY.isoformat(), contacts=(network.id,), kind="meeting",
                                  depth="deep", text="long talk"))
        await settle(app, pilot)
        rows = app.screen.contacts.contact_rows
        assert rows.entries[rows.where[network.id]].rhythm == "·" * 11 + "◆"


async def test_the_month_review_shows_each_focus_persons_rhythm(demo_store, make_test_app):
    from textual.widgets import SelectionList

    from model.planning.focus import last_day
    from model.planning.health import rhythm_of
    from tui.health_charts import rhythm_glyphs

    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("M")
        await settle(app, pilot)
        screen = app.screen
        rows = screen.query_one("#rows", SelectionList)
        assert rows.option_count == 4
        for i, row in enumerate(screen.review.rows):
            glyphs = rhythm_glyphs(rhythm_of(app.book.notes_of(row.contact.id), last_day("2026-10")))
            assert glyphs in str(rows.get_option_at_index(i).prompt)


async def test_opened_again_it_shows_fresh_numbers_and_keeps_the_period(demo_store, make_test_app):
    from model.planning.health import heatmap

    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        first = await open_health(app, pilot)
        before = sum(first.health.heatmap.touch)
        await pilot.press("left_square_bracket", "escape")
        await settle(app, pilot)
        person = demo_store.contacts()[0]
        app.store.add(Interaction(date=TODAY.isoformat(), contacts=(person.id,), kind="call", text="hi"))
        await open_health(app, pilot)
        assert app.screen is first and first.months == 6 and first.health.months == 6
        assert "last 6 months" in str(first.query_one("#health-body").border_title)
        assert sum(first.health.heatmap.touch) == sum(heatmap(app.book, TODAY, 6).touch) > 0
        assert first.health.heatmap.on(TODAY)[1] == heatmap(app.book, TODAY, 6).on(TODAY)[1] >= 1
        assert before > sum(first.health.heatmap.touch)  # 12 months before, 6 now


async def test_the_charts_follow_the_theme(demo_store, make_test_app):
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_health(app, pilot)
        dark = screen.query_one("#chart-heatmap", Static).render()
        app.theme = "textual-light"
        await settle(app, pilot)
        light = screen.query_one("#chart-heatmap", Static).render()
        assert str(light) == str(dark)  # the same glyphs ...
        accent = app.theme_variables["accent"].lower()
        assert accent in app.export_screenshot().lower()  # ... deep conversations in the light theme's accent
