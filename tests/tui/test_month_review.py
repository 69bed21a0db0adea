"""Month review: per-person results of a past month, the review text, carry-over (issue 4 item 5)."""

from __future__ import annotations

from textual.widgets import SelectionList, Static, TextArea

from app_helpers import toasts
from flow_app import SIZE, TODAY, FlowApp, demo_store, reopen, settle
from tui.screens.month_review import MonthReviewScreen


def _names(store, plan) -> list[str | None]:
    return [store.contact(s.contact).name if s.contact else None for s in plan.slots]


async def test_shows_last_month_with_people_who_missed_their_deep_talk_ticked(tmp_path):
    store = demo_store(tmp_path)
    app = FlowApp(lambda: MonthReviewScreen(store, TODAY))
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        screen = app.screen
        assert screen.month == "2026-10"
        assert "October 2026" in screen.query_one("#review-top").border_title
        rows = screen.query_one("#rows", SelectionList)
        assert rows.option_count == 4
        # 鈴木 大輔 had no deep conversation in October: ticked to carry over; the others held one.
        ticked = [store.contact(cid).name for cid in rows.selected]
        assert ticked == ["鈴木 大輔"]
        heading = str(screen.query_one("#month-heading", Static).render())
        assert "deep conversations held 3 of 4" in heading
        assert "稼働監視のPoC" in heading


async def test_carries_a_ticked_person_into_next_month(tmp_path):
    store = demo_store(tmp_path)
    app = FlowApp(lambda: MonthReviewScreen(store, TODAY))
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert _names(store, store.focus_plan("2026-11"))[2] is None
        await pilot.press("space")  # untick 鈴木 (November has no free same-industry slot)
        await pilot.press("down", "space")  # tick 伊藤 翔, cross-industry
        await pilot.press("c")
        await settle(app, pilot)
        await pilot.press("right_square_bracket")  # November's review now lists 伊藤 翔 in slot 3
        await settle(app, pilot)
        rows = app.screen.query_one("#rows", SelectionList)
        assert any("伊藤 翔" in str(rows.get_option_at_index(i).prompt) for i in range(rows.option_count))
    plan = reopen(store).focus_plan("2026-11")
    assert _names(store, plan)[2] == "伊藤 翔"
    assert plan.slots[2].intent == "センサー3台でPoCを始める"  # the intent comes along


async def test_a_carry_the_rules_refuse_says_why_and_writes_nothing(tmp_path):
    store = demo_store(tmp_path)
    before = store.focus_plan("2026-11")
    app = FlowApp(lambda: MonthReviewScreen(store, TODAY))
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(app, pilot)
        await pilot.press("c")  # 鈴木 is ticked; November's same-industry slot holds 佐藤 健
        await settle(app, pilot)
        assert "no empty same-industry slot" in toasts(app)  # what the user reads
    assert reopen(store).focus_plan("2026-11") == before


async def test_review_text_is_saved_and_kept_on_close(tmp_path):
    store = demo_store(tmp_path)
    app = FlowApp(lambda: MonthReviewScreen(store, TODAY))
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        area = app.screen.query_one("#review-text", TextArea)
        area.focus()
        area.text = ""
        await pilot.press(*"Good month.")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert reopen(store).focus_plan("2026-10").review == "Good month."
        await pilot.press(*" 来月も")
        await pilot.press("escape")  # closing saves what was typed since
        await settle(app, pilot)
        assert app.result == "2026-10"
    assert reopen(store).focus_plan("2026-10").review == "Good month. 来月も"


async def test_a_month_without_a_plan_says_so(tmp_path):
    store = demo_store(tmp_path)
    app = FlowApp(lambda: MonthReviewScreen(store, TODAY, month="2026-05"))
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert "No focus plan for May 2026" in str(app.screen.query_one("#month-heading", Static).render())
        assert app.screen.query_one("#rows", SelectionList).option_count == 0
        await pilot.press("right_square_bracket")
        await settle(app, pilot)
        assert app.screen.month == "2026-06"


async def test_an_outside_change_redraws_without_losing_ticks_or_typing(tmp_path):
    from model.planning.book import Book

    store = demo_store(tmp_path)
    app = FlowApp(lambda: MonthReviewScreen(store, TODAY))
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        screen = app.screen
        await pilot.press("down", "space")  # tick 伊藤 翔 too
        area = screen.query_one("#review-text", TextArea)
        area.focus()
        area.text = "draft"
        screen.show_book(Book.from_store(store))  # what the app calls after any change
        await settle(app, pilot)
        assert sorted(store.contact(c).name for c in screen.query_one("#rows", SelectionList).selected) == [
            "伊藤 翔", "鈴木 大輔"]
        assert area.text == "draft" and screen.focused is area


async def test_capital_m_in_the_real_app_opens_last_months_review(tmp_path):
    from tui.app import make_app

    store = demo_store(tmp_path)
    app = make_app(store, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        main = app.screen
        await pilot.press("M")
        await settle(app, pilot)
        assert isinstance(app.screen, MonthReviewScreen) and app.screen.month == "2026-10"
        await pilot.press("space", "down", "space", "c")  # carry 伊藤 翔 instead of 鈴木 大輔
        await settle(app, pilot)
        await pilot.press("escape")
        await settle(app, pilot)
        assert app.screen is main
    assert _names(store, reopen(store).focus_plan("2026-11"))[2] == "伊藤 翔"


async def test_japanese_and_latin_names_line_up_in_the_rows(tmp_path):
    from rich.cells import cell_len

    store = demo_store(tmp_path)
    app = FlowApp(lambda: MonthReviewScreen(store, TODAY))
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        rows = app.screen.query_one("#rows", SelectionList)
        prompts = [str(rows.get_option_at_index(i).prompt) for i in range(rows.option_count)]
    assert any("鈴木 大輔" in p for p in prompts) and any("Emily Carter" in p for p in prompts)
    # the columns after the name start at the same terminal cell in every row
    assert len({cell_len(p[:p.index("kept")]) for p in prompts}) == 1
    assert len({cell_len(p[:p.index("✓" if "✓" in p else "✗")]) for p in prompts}) == 1
