"""Focus planner: challenge, purpose, slots filled from ranked suggestions, diversity as you choose (issue 4 item 5)."""

from __future__ import annotations

from textual.widgets import Input, OptionList, Select, Static

from flow_app import SIZE, TODAY, FlowApp, demo_store, reopen, settle
from tui.screens.focus_planner import FocusPlannerScreen


def _diversity(screen) -> str:
    return "\n".join(str(screen.query_one(f"#diversity-{part}").render()) for part in ("now", "with"))


async def test_shows_this_months_plan(tmp_path):
    store = demo_store(tmp_path)
    app = FlowApp(lambda: FocusPlannerScreen(store, TODAY))
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        screen = app.screen
        assert screen.month == "2026-11"
        assert "November 2026" in screen.query_one("#plan-box").border_title
        assert screen.query_one("#plan-box").border_subtitle == "4 days left"  # after 26 November, as everywhere
        assert screen.query_one("#challenge", Input).value.startswith("医療機器分野で新規顧客")
        assert screen.query_one("#purpose", Select).value == "sales channel"
        assert screen.query_one("#slots", OptionList).option_count == 4
        assert "This plan (3 people)" in _diversity(screen)
        # the first slot is highlighted: its role's suggestions are ranked, with reasons
        box = screen.query_one("#suggestions", OptionList)
        assert "same-industry" in box.border_title
        assert screen.suggestions and box.option_count == len(screen.suggestions)


async def test_pick_a_suggestion_for_the_empty_slot_and_see_diversity_update(tmp_path):
    store = demo_store(tmp_path)
    app = FlowApp(lambda: FocusPlannerScreen(store, TODAY))
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        screen = app.screen
        await pilot.press("down", "down")  # slot 3: the empty cross-industry one
        await settle(app, pilot)
        assert "slot 3 · cross-industry" in screen.query_one("#suggestions", OptionList).border_title
        first = screen.suggestions[0]
        await pilot.press("enter")  # into the suggestions
        await settle(app, pilot)
        assert screen.focused is screen.query_one("#suggestions", OptionList)
        assert f"With {first.contact.name} in slot 3" in _diversity(screen)  # what choosing would do
        assert first.reasons[0] in str(screen.query_one("#suggest-reasons", Static).render())
        await pilot.press("escape")  # backs out to the slots, not out of the planner
        await settle(app, pilot)
        assert app.screen is screen and screen.focused is screen.query_one("#slots", OptionList)
        await pilot.press("enter")
        await settle(app, pilot)
        await pilot.press("enter")  # choose them
        await settle(app, pilot)
        assert "This plan (4 people)" in _diversity(screen)
        assert screen.focused is screen.query_one("#slots", OptionList)
    plan = reopen(store).focus_plan("2026-11")
    assert plan.slots[2].contact == first.contact.id


async def test_intent_and_clearing_a_slot_are_saved(tmp_path):
    store = demo_store(tmp_path)
    app = FlowApp(lambda: FocusPlannerScreen(store, TODAY))
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("i")
        await settle(app, pilot)
        intent = app.screen.query_one("#intent", Input)
        assert app.screen.focused is intent
        intent.value = ""
        await pilot.press(*"紹介の御礼と次の一手", "enter")
        await settle(app, pilot)
        assert reopen(store).focus_plan("2026-11").slots[0].intent == "紹介の御礼と次の一手"
        await pilot.press("x")  # slot 1 has an intent: it asks first, n keeps it
        await settle(app, pilot)
        assert "Its intent goes too:\n紹介の御礼と次の一手" in str(app.screen.query_one("#confirm-question").render())
        await pilot.press("n")
        await settle(app, pilot)
        assert reopen(store).focus_plan("2026-11").slots[0].contact is not None
        planner = app.screen
        await pilot.press("down", "x")  # empty slot 2 (Emily Carter)
        await settle(app, pilot)
        if app.screen is not planner:  # a demo slot with an intent asks too
            await pilot.press("y")
            await settle(app, pilot)
        assert "This plan (2 people)" in _diversity(app.screen)
    plan = reopen(store).focus_plan("2026-11")
    assert plan.slots[1].contact is None and plan.slots[1].role == "cross-industry"
    assert plan.slots[0].intent == "紹介の御礼と次の一手"


async def test_plan_next_month_from_nothing(tmp_path):
    store = demo_store(tmp_path)
    assert store.focus_plan("2026-12") is None
    app = FlowApp(lambda: FocusPlannerScreen(store, TODAY))
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("right_square_bracket")
        await settle(app, pilot)
        screen = app.screen
        assert screen.month == "2026-12" and "December 2026" in screen.query_one("#plan-box").border_title
        assert screen.query_one("#challenge", Input).value == ""
        assert screen.query_one("#slots", OptionList).option_count == 4  # the A9 template, not yet saved
        assert reopen(store).focus_plan("2026-12") is None
        screen.query_one("#challenge", Input).focus()
        await pilot.press(*"Hire two engineers", "enter")
        await settle(app, pilot)
        assert screen.focused is screen.query_one("#purpose", Select)
        screen.query_one("#purpose", Select).value = "hiring"
        await settle(app, pilot)
        await pilot.press("escape")
        await settle(app, pilot)
        assert app.result == "2026-12"
    plan = reopen(store).focus_plan("2026-12")
    assert (plan.challenge, plan.purpose) == ("Hire two engineers", "hiring")
    assert [s.role for s in plan.slots] == ["same-industry", "cross-industry", "cross-industry", "customer"]


async def test_month_review_opens_from_the_planner(tmp_path):
    store = demo_store(tmp_path)
    app = FlowApp(lambda: FocusPlannerScreen(store, TODAY))
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("m")
        await settle(app, pilot)
        assert type(app.screen).__name__ == "MonthReviewScreen" and app.screen.month == "2026-10"
        await pilot.press("escape")
        await settle(app, pilot)
        assert type(app.screen).__name__ == "FocusPlannerScreen"


async def test_f_in_the_real_app_plans_and_the_focus_pane_follows(tmp_path):
    from tui.app import make_app

    store = demo_store(tmp_path)
    app = make_app(store, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        main = app.screen
        await pilot.press("f")
        await settle(app, pilot)
        planner = app.screen
        assert isinstance(planner, FocusPlannerScreen)
        await pilot.press("down", "down", "enter")
        await settle(app, pilot)
        chosen = planner.suggestions[0].contact
        await pilot.press("enter")
        await settle(app, pilot)
        await pilot.press("escape")
        await settle(app, pilot)
        assert app.screen is main
        assert chosen.id in app.book.focus_ids("2026-11")
    assert reopen(store).focus_plan("2026-11").slots[2].contact == chosen.id


async def test_a_month_without_a_challenge_opens_on_it_and_says_how_to_get_back(tmp_path):
    store = demo_store(tmp_path)
    app = FlowApp(lambda: FocusPlannerScreen(store, TODAY, month="2027-01"))
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        screen = app.screen
        challenge = screen.query_one("#challenge", Input)
        assert screen.focused is challenge  # typed text goes into the challenge
        await pilot.press(*"find a channel in Kansai", "enter")
        await settle(app, pilot)
        assert reopen(store).focus_plan("2027-01").challenge == "find a channel in Kansai"
        assert "c or Shift+Tab: the challenge" in str(screen.query_one("#planner-hint", Static).render())
        screen.query_one("#slots", OptionList).focus()
        await pilot.press("c")
        assert screen.focused is challenge
        await pilot.press("escape")
        await settle(app, pilot)
    # a month that has its challenge opens on the slots
    app = FlowApp(lambda: FocusPlannerScreen(store, TODAY, month="2027-01"))
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert app.screen.focused is app.screen.query_one("#slots", OptionList)


async def test_reasons_use_the_width_and_why_has_its_own_frame(tmp_path):
    store = demo_store(tmp_path)
    app = FlowApp(lambda: FocusPlannerScreen(store, TODAY))
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        screen = app.screen
        box = screen.query_one("#suggestions", OptionList)
        assert box.size.width > 60
        longest = max(screen.suggestions, key=lambda s: len("; ".join(s.reasons[:2])))
        joined = "; ".join(longest.reasons[:2])
        assert len(joined) > 40
        i = screen.suggestions.index(longest)
        shown = str(box.get_option_at_index(i).prompt).split("\n", 1)[1].strip()
        assert shown.rstrip("…") and joined.startswith(shown.rstrip("…")) and len(shown) > 40
        why = screen.query_one("#suggest-reasons", Static)
        assert not why.display  # nothing highlighted in the suggestions yet
        await pilot.press("enter")  # into the suggestions
        await settle(app, pilot)
        first = screen.suggestions[0]
        assert why.display and why.border_title == f"Why {first.contact.name}"
        assert why.region.x >= box.region.x and why.region.right <= box.region.right


async def test_reasons_are_cut_again_when_the_screen_grows(tmp_path):
    store = demo_store(tmp_path)
    app = FlowApp(lambda: FocusPlannerScreen(store, TODAY))
    async with app.run_test(size=(90, 40)) as pilot:
        await settle(app, pilot)
        screen = app.screen
        box = screen.query_one("#suggestions", OptionList)

        def widest() -> int:
            return max(len(str(box.get_option_at_index(i).prompt).split("\n", 1)[1].strip())
                       for i in range(len(screen.suggestions)))

        narrow = widest()
        await pilot.resize_terminal(*SIZE)
        await settle(app, pilot)
        assert widest() > narrow


def test_a_long_spread_wraps_under_its_value_between_its_pieces():
    """At 80 columns a dimension's values continue under the values, never under its name,
    and a value's label and count stay together."""
    from textual.content import Content

    from tui.widgets.diversity_panel import LABEL_WIDTH, SpreadView, pack

    pieces = [Content(p) for p in ("healthcare 1,", "manufacturing 1,", "software 1")]
    assert [str(line) for line in pack(pieces, 26)] == ["healthcare 1,", "manufacturing 1,", "software 1"]
    assert [str(line) for line in pack(pieces, 40)] == ["healthcare 1, manufacturing 1,", "software 1"]
    view = SpreadView(id="spread")
    view.update([("industry", pieces, " ")])
    lines = [str(line) for line in view.wrapped(LABEL_WIDTH + 30)]
    assert lines == ["industry   healthcare 1, manufacturing 1,", " " * LABEL_WIDTH + "software 1"]


def test_the_app_names_its_key_for_a_missing_own_industry_in_either_language():
    """The shell's remedy (a command) becomes the app's (S: settings) in English and Japanese."""
    from model.language import i18n
    from model.planning.diversity import OWN_NOT_SET
    from tui.widgets.diversity_panel import app_warning

    try:
        for language in ("en", "ja"):
            i18n.set_language(language)
            shown = app_warning(i18n._(OWN_NOT_SET))
            assert "S" in shown and shown != i18n._(OWN_NOT_SET), language
    finally:
        i18n.set_language("en")
