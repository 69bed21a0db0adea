"""Tab in a dialog moves on as it arrives: letters typed right after it, in one burst (a fast
typist, a text expander, a busy app), go to the next field, never into the one just left."""

from __future__ import annotations

import pytest
from textual.widgets import Checkbox, Input, Select

from flow_app import SIZE, TODAY, demo_store, settle
from test_capture_burst import burst


def _value(widget) -> object:
    return widget.value if isinstance(widget, (Input, Checkbox, Select)) else None


@pytest.mark.parametrize("keys, screen", [
    ("S", "SettingsScreen"),  # industry, then the deep cap
    ("x", "ExportDialog"),  # the file name, then the private box
    ("i", "ImportScreen"),  # the file name, then the format
    ("m", "MergeDialog"),  # the name to merge with, then the list
    ("a", "ContactForm"),  # the name, then the reading
    ("2e", "EntryForm"),  # the highlighted note's fields
    ("f", "FocusPlannerScreen"),
    ("rs", "SnoozeDialog"),  # the date, then the reason
])
async def test_letters_after_tab_go_to_the_next_field(tmp_path, keys, screen):
    from tui.app import make_app

    app = make_app(demo_store(tmp_path), today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        for key in keys:
            await pilot.press(key)
            await settle(app, pilot)
        assert type(app.screen).__name__ == screen
        left = app.focused
        before = _value(left)
        chain = app.screen.focus_chain
        expected = chain[(chain.index(left) + 1) % len(chain)]
        burst(app, "\tzq")
        await settle(app, pilot)
        assert app.focused is expected
        assert _value(left) == before, f"{left} took the letters typed after Tab"
