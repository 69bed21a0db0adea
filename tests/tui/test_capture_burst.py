"""Capture never drops a key (issue 11): ``n`` and the line in one burst, a paste with line
breaks, on the first capture after start and on every later one."""

from __future__ import annotations

from textual import events
from textual.widgets import Input

from flow_app import SIZE, TODAY, demo_store, reopen, settle
from tui.screens.capture import CaptureScreen

NAMES = {" ": "space", "@": "at", ":": "colon", ",": "comma", '"': "quotation_mark", "#": "number_sign",
         "/": "slash", "!": "exclamation_mark", "\t": "tab", "\r": "enter"}


def burst(app, text: str) -> None:
    """Post every key of ``text`` at once, as a terminal delivers a paste or a fast typist."""
    for ch in text:
        event = events.Key(NAMES.get(ch, ch), ch)
        event.set_sender(app)
        app.post_message(event)


def _app(tmp_path):
    from tui.app import make_app

    return make_app(demo_store(tmp_path), today=TODAY)


async def test_n_and_the_line_in_one_burst_land_in_the_box_every_time(tmp_path):
    app = _app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        main = app.screen
        cursor = main.contacts.row_list.cursor
        for round_ in range(3):  # the first capture since start, and later ones
            line = f"@Emily call: round {round_} tjkvfe"  # letters the main screen has keys for
            burst(app, "n" + line)
            await settle(app, pilot)
            assert isinstance(app.screen, CaptureScreen), round_
            assert app.screen.query_one("#capture-line", Input).value == line
            burst(app, "\r")
            await settle(app, pilot)
            assert app.screen is main
            assert not main.timeline.everyone and not main.timeline.revealed  # t, v did nothing there
            assert main.contacts.row_list.cursor == cursor  # nor j, k
    texts = [i.text for i in reopen(app.store.raw).interactions()]
    for round_ in range(3):
        assert f"round {round_} tjkvfe" in texts


async def test_n_the_line_and_enter_in_one_burst_save_the_whole_line(tmp_path):
    app = _app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        burst(app, "n@Emily call: typed ahead, saved in one go\r")
        await settle(app, pilot)
        assert type(app.screen).__name__ == "MainScreen"
    assert any(i.text == "typed ahead, saved in one go" for i in reopen(app.store.raw).interactions())


async def test_a_pasted_note_of_three_lines_is_one_note_with_its_promise(tmp_path):
    app = _app(tmp_path)
    pasted = "@Emily lunch: talked about the Graz plant\r\npromised an intro to Sato by fri\n\x1b[2J and the budget\n"
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        burst(app, "n")
        paste = events.Paste(pasted)  # a bracketed paste, right behind the n
        paste.set_sender(app)
        app.post_message(paste)
        await settle(app, pilot)
        box = app.screen
        line = box.query_one("#capture-line", Input).value
        assert line == "@Emily lunch: talked about the Graz plant promised an intro to Sato by fri [2J and the budget"
        preview = str(box.query_one("#capture-preview").render())
        assert "I promise Emily Carter: an intro to Sato" in preview  # shown before Enter
        burst(app, "\r")
        await settle(app, pilot)
    store = reopen(app.store.raw)
    note = next(i for i in store.interactions() if "Graz plant" in i.text)
    assert [p.text for p in store.promises() if p.interaction == note.id] == ["an intro to Sato"]


async def test_the_contact_form_typed_with_tabs_in_one_burst_fills_each_field(tmp_path):
    app = _app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        burst(app, "aTest Two\tてすと\tCo")  # as SSH or mosh delivers it: all at once
        await settle(app, pilot)
        form = app.screen
        assert type(form).__name__ == "ContactForm"
        values = [form.query_one(f"#field-{name}", Input).value for name in ("name", "reading", "company")]
        assert values == ["Test Two", "てすと", "Co"]
        burst(app, "\r")  # Enter in a field saves
        await settle(app, pilot)
        assert any(c.name == "Test Two" and c.reading == "てすと" for c in reopen(app.store.raw).contacts())
