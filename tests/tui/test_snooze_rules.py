"""The snooze dialog asks the one date rule: on a promise, never earlier than its due date (issue 13)."""

from __future__ import annotations

from datetime import timedelta

from textual.widgets import Input, Static

from flow_app import SIZE, TODAY, FlowApp, settle
from tui.screens.snooze_dialog import SnoozeDialog


async def test_a_promise_cannot_be_snoozed_to_before_its_due_date():
    due = TODAY + timedelta(days=15)
    app = FlowApp(lambda: SnoozeDialog(TODAY, name="deck", verb="Move the due date",
                                       default=(due + timedelta(days=7)).isoformat(), due=due))
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        dialog = app.screen
        message = dialog.query_one("#snooze-message", Static)
        assert "✗" not in str(message.render())  # the default is after the due date
        dialog.query_one("#snooze-until", Input).value = "next week"
        await settle(app, pilot)
        assert "never moves a date earlier" in str(message.render())
        assert "reschedule" in str(message.render())
        await pilot.press("enter", *"busy", "enter")
        await settle(app, pilot)
        assert not app.dismissed and app.screen is dialog
        dialog.query_one("#snooze-until", Input).value = (due + timedelta(days=1)).isoformat()
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert app.result == (due + timedelta(days=1), "busy")


async def test_the_contact_form_refuses_a_snooze_that_puts_nothing_off(demo_store, make_test_app):
    """The form asks the same rule as the shell and the review (model.actions.dates)."""
    from flow_app import reopen
    from tui.screens.contact_form import ContactForm

    person = next(c for c in demo_store.contacts() if c.tier == "active" and not c.snoozed_until)
    before = demo_store.path.read_bytes()
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        app.screen.select_person(person.id)
        await pilot.pause()
        await pilot.press("e")
        await settle(app, pilot)
        form = app.screen
        assert isinstance(form, ContactForm)
        form.query_one("#field-snoozed_until", Input).value = (TODAY - timedelta(days=1)).isoformat()
        form.query_one("#field-snooze_reason", Input).value = "travelling"
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        shown = form.query_one("#error-snoozed_until", Static)
        assert shown.display and "pick a day after today" in str(shown.render())
        assert app.screen is form
    assert demo_store.path.read_bytes() == before
    assert reopen(demo_store).contact(person.id).snoozed_until is None
