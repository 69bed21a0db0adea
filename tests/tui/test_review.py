"""Daily review: walk the due list one item at a time, one key each, a summary at the end (issue 4 item 3)."""

from __future__ import annotations

from textual.widgets import Input, Static

from flow_app import SIZE, TODAY, FlowApp, demo_store, reopen, settle
from tui.screens.review import ReviewScreen, ReviewSummary


def _shown(screen) -> str:
    return "\n".join(str(screen.query_one(f"#review-{part}", Static).render())
                     for part in ("section", "title", "detail", "context"))


async def _skip_to(app, pilot, want) -> None:
    """Skip (j) until the current item satisfies ``want``."""
    screen = app.screen
    while screen.current is not None and not want(screen.current):
        await pilot.press("j")
        await settle(app, pilot)
    assert screen.current is not None, "the demo's due list should have such an item"


async def test_walk_a_review_keep_snooze_log_and_see_the_summary(tmp_path):
    store = demo_store(tmp_path)
    app = FlowApp(lambda: ReviewScreen(store, TODAY))
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        screen = app.screen
        total = len(screen.items)
        assert total >= 3
        first = screen.current
        # A2: my overdue promises come first
        assert first.promise_id is not None and first.days < 0
        assert first.title in _shown(screen) and "overdue" in _shown(screen)
        assert screen.query_one("#review-box").border_subtitle == f"1 of {total}"

        # y: the promise was kept
        await pilot.press("y")
        await settle(app, pilot)
        assert reopen(store).get(type(store.promises()[0]), first.promise_id).status == "kept"
        assert screen.index == 1

        # s on a person: snooze with a date and a reason
        await _skip_to(app, pilot, lambda item: item.promise_id is None)
        person_id = screen.current.contact_id
        await pilot.press("s")
        await settle(app, pilot)
        dialog = app.screen
        assert type(dialog).__name__ == "SnoozeDialog"
        until = dialog.query_one("#snooze-until", Input)
        until.value = ""
        await pilot.press(*"2w", "enter")  # Enter moves to the reason
        await pilot.press(*"出張中 travelling", "enter")
        await settle(app, pilot)
        assert app.screen is screen
        person = reopen(store).contact(person_id)
        assert (person.snoozed_until, person.snooze_reason) == ("2026-12-10", "出張中 travelling")

        # d: log a deep conversation through quick capture, pre-filled with the person
        item = screen.current
        name = store.contact(item.contact_id).name
        await pilot.press("d")
        await settle(app, pilot)
        capture = app.screen
        line = capture.query_one("#capture-line", Input)
        assert line.value == f'@"{name}" !deep '
        await pilot.press(*"talked about next year", "enter")
        await settle(app, pilot)
        assert app.screen is screen
        notes = [i for i in reopen(store).interactions()
                 if item.contact_id in i.contacts and i.text == "talked about next year"]
        assert [(n.depth, n.date) for n in notes] == [("deep", TODAY.isoformat())]

        # skip the rest; the summary counts what happened
        while screen.current is not None:
            await pilot.press("space")
            await settle(app, pilot)
        s = screen.summary
        assert (s.kept, s.snoozed, s.logged, s.broken) == (1, 1, 1, 0)
        assert s.handled == 3 and s.skipped == total - 3  # a skipped item is not handled
        shown = _shown(screen)
        assert f"3 of {total} items handled · {s.skipped} skipped: still on the due list" in shown
        assert "REVIEW DONE" in shown and f"logged 1 · snoozed 1 · kept 1 · broken 0 · skipped {s.skipped}" in shown
        assert f"snoozed {store.contact(person_id).name} until 2026-12-10: 出張中 travelling" in shown
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.result, ReviewSummary) and app.result.kept == 1


async def test_break_a_promise_and_cancelled_capture_stays_on_the_item(tmp_path):
    store = demo_store(tmp_path)
    app = FlowApp(lambda: ReviewScreen(store, TODAY))
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        screen = app.screen
        item = screen.current
        await pilot.press("enter")  # Enter closes only the finished review
        await settle(app, pilot)
        assert app.screen is screen and not app.dismissed
        await pilot.press("t")
        await settle(app, pilot)
        await pilot.press("escape")  # cancel the capture: nothing logged, same item
        await settle(app, pilot)
        assert app.screen is screen and screen.current is item and screen.summary.logged == 0
        before = store.path.read_bytes()
        await pilot.press("b")  # costs trust: asks once; n leaves it
        await settle(app, pilot)
        assert "Mark this promise broken?" in str(app.screen.query_one("#confirm-question").render())
        await pilot.press("n")
        await settle(app, pilot)
        assert app.screen is screen and screen.current is item and store.path.read_bytes() == before
        await pilot.press("b", "y")
        await settle(app, pilot)
        assert screen.summary.broken == 1
    assert reopen(store).get(type(store.promises()[0]), item.promise_id).status == "broken"


async def test_keep_and_break_only_apply_to_promises(tmp_path):
    store = demo_store(tmp_path)
    app = FlowApp(lambda: ReviewScreen(store, TODAY))
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        screen = app.screen
        await _skip_to(app, pilot, lambda item: item.promise_id is None)
        assert screen.check_action("keep", ()) is False
        before = store.path.read_bytes()
        await pilot.press("y", "b")
        await settle(app, pilot)
        assert store.path.read_bytes() == before and screen.summary.kept == 0


async def test_an_empty_day_says_so(tmp_path):
    from model.store import Store

    store = Store(tmp_path / "empty.json")
    app = FlowApp(lambda: ReviewScreen(store, TODAY))
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert "Nothing is due today" in _shown(app.screen)
        await pilot.press("escape")
        await settle(app, pilot)
        assert app.result.handled == 0


async def test_r_in_the_real_app_opens_the_review_and_escape_returns(tmp_path):
    from tui.app import make_app

    store = demo_store(tmp_path)
    app = make_app(store, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        main = app.screen
        await pilot.press("r")
        await settle(app, pilot)
        review = app.screen
        assert isinstance(review, ReviewScreen)
        first = review.current
        await pilot.press("y")
        await settle(app, pilot)
        await pilot.press("escape")  # ends on the summary; Escape again closes
        await settle(app, pilot)
        assert "REVIEW DONE" in _shown(review)
        await pilot.press("escape")
        await settle(app, pilot)
        assert app.screen is main
        assert app.book.promise(first.promise_id).status == "kept"  # the app's snapshot knows
    assert reopen(store).get(type(store.promises()[0]), first.promise_id).status == "kept"


async def test_snooze_asks_again_for_a_bad_date_or_a_missing_reason(tmp_path):
    store = demo_store(tmp_path)
    before = store.path.read_bytes()
    app = FlowApp(lambda: ReviewScreen(store, TODAY))
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        screen = app.screen
        await _skip_to(app, pilot, lambda item: item.promise_id is None)
        await pilot.press("s")
        await settle(app, pilot)
        dialog = app.screen
        message = dialog.query_one("#snooze-message", Static)
        assert "2026-12-10 Thu (in 14 days)" in str(message.render())  # the default, 2w, read back
        dialog.query_one("#snooze-until", Input).value = "2/30"
        await settle(app, pilot)
        assert "does not exist" in str(message.render())
        dialog.query_one("#snooze-until", Input).value = "fri"
        await pilot.press("enter", "enter")  # to the reason, then confirm with no reason
        await settle(app, pilot)
        assert app.screen is dialog and "say why" in str(message.render())
        await pilot.press("escape")
        await settle(app, pilot)
        assert app.screen is screen and screen.summary.snoozed == 0
    assert store.path.read_bytes() == before


async def test_back_returns_to_a_skipped_item_but_not_over_a_handled_one(tmp_path):
    store = demo_store(tmp_path)
    app = FlowApp(lambda: ReviewScreen(store, TODAY))
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        screen = app.screen
        first = screen.current
        await pilot.press("j")
        await settle(app, pilot)
        assert screen.index == 1 and screen.summary.skipped == 1
        await pilot.press("k")  # k moves back, as in every list
        await settle(app, pilot)
        assert screen.current is first and screen.summary.skipped == 0
        await pilot.press("y")
        await settle(app, pilot)
        assert screen.check_action("back", ()) is False  # kept stays kept
        await pilot.press("k")
        await settle(app, pilot)
        assert screen.index == 1 and screen.summary.kept == 1


async def test_escape_mid_review_ends_on_a_summary_that_counts_what_was_left(tmp_path):
    store = demo_store(tmp_path)
    app = FlowApp(lambda: ReviewScreen(store, TODAY))
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        screen = app.screen
        total = len(screen.items)
        await pilot.press("y")  # kept
        await settle(app, pilot)
        await pilot.press("j")  # skipped
        await settle(app, pilot)
        await pilot.press("escape")
        await settle(app, pilot)
        assert not app.dismissed
        shown = _shown(screen)
        assert "REVIEW DONE" in shown
        assert f"1 of {total} items handled · 1 skipped · {total - 2} not reached" in shown
        assert screen.check_action("back", ()) is False and screen.check_action("skip", ()) is False
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.result, ReviewSummary) and app.result.handled == 1


async def test_logging_a_talk_on_a_promise_asks_whether_it_was_kept(tmp_path):
    store = demo_store(tmp_path)
    app = FlowApp(lambda: ReviewScreen(store, TODAY))
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        screen = app.screen
        item = screen.current
        assert item.promise_id is not None
        await pilot.press("t")
        await settle(app, pilot)
        await pilot.press(*"sent it over", "enter")
        await settle(app, pilot)
        assert "Was the promise kept?" in str(app.screen.query_one("#confirm-question").render())
        await pilot.press("y")
        await settle(app, pilot)
        assert app.screen is screen and screen.index == 1
        s = screen.summary
        assert (s.logged, s.kept, s.handled) == (0, 1, 1)
        second = screen.current
        if second.promise_id is not None:  # "no": logged, the promise stays open
            await pilot.press("t", *"called", "enter")
            await settle(app, pilot)
            await pilot.press("n")
            await settle(app, pilot)
            assert (screen.summary.logged, screen.index) == (1, 2)
            assert reopen(store).get(type(store.promises()[0]), second.promise_id).status == "open"
    assert reopen(store).get(type(store.promises()[0]), item.promise_id).status == "kept"


async def test_a_tier_over_its_cap_is_an_item_to_read_and_skip(tmp_path):
    from model.records import Settings

    store = demo_store(tmp_path)
    deep = sum(1 for c in store.contacts() if c.tier == "deep")
    store.save_settings(Settings.from_dict({**store.settings().to_dict(), "deep_cap": deep - 1}))
    app = FlowApp(lambda: ReviewScreen(store, TODAY))
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        screen = app.screen
        await _skip_to(app, pilot, lambda item: item.section == "caps")
        assert f"deep holds {deep} people, more than its cap of {deep - 1}" in _shown(screen)
        assert "CHOOSE WHO MOVES DOWN" in _shown(screen)
        before = reopen(store).contacts()
        for key in ("t", "d", "s", "y"):  # no one person to log, snooze or keep: nothing happens
            await pilot.press(key)
            await settle(app, pilot)
            assert app.screen is screen and screen.current.section == "caps"
        assert reopen(store).contacts() == before
        await pilot.press("j")
        await settle(app, pilot)
        assert screen.current is None or screen.current.section != "caps"
