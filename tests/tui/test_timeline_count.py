"""The timeline's count reads as English: "1 entry", "2 entries" (issue 13)."""

from __future__ import annotations

from app_helpers import SIZE, TODAY, settle
from model.records import Contact, Interaction
from test_main_drawing import drawn


async def test_one_entry_is_one_entry(empty_store, make_test_app):
    one = empty_store.add(Contact(name="Aoki", tier="deep"))
    empty_store.add(Interaction(date=TODAY.isoformat(), contacts=(one.id,), kind="call", text="hello"))
    app = make_test_app(empty_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        last = drawn(app.screen.timeline)[-1]
        assert "1 entry" in last and "1 entries" not in last
