"""Quick capture: one line, a live preview, the error in place, Enter saves, Escape keeps nothing (issue 4 item 2)."""

from __future__ import annotations

from datetime import date

from filelock import FileLock
from textual.widgets import Input, Static

from flow_app import SIZE, TODAY, FlowApp, demo_store, reopen, settle
from model.capture import Capture, parse
from model.records import Contact
from tui.screens.capture import SLOW_SAVE_SECONDS, CaptureScreen


def _text(screen, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())


async def test_a_note_with_a_promise_is_previewed_then_stored(tmp_path):
    store = demo_store(tmp_path)
    notes_before = len(store.interactions())
    app = FlowApp(lambda: CaptureScreen(store, TODAY))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*'@"Emily Carter" lunch yesterday deep: talked hiring #採用 promised a deck by fri')
        await settle(app, pilot)
        preview = _text(app.screen, "#capture-preview")
        assert "Emily Carter" in preview
        assert "meal" in preview and "deep conversation" in preview
        assert "2026-11-25 Wed (yesterday)" in preview
        assert "I promise Emily Carter: a deck" in preview and "2026-11-27 Fri (tomorrow)" in preview
        assert "#採用" in preview
        assert store.interactions() == reopen(store).interactions()  # nothing written while typing
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.result, Capture)
    fresh = reopen(store)
    assert len(fresh.interactions()) == notes_before + 1
    note = next(i for i in fresh.interactions() if i.id == app.result.interaction.id)
    emily = next(c for c in fresh.contacts() if c.name == "Emily Carter")
    assert (note.date, note.kind, note.depth, note.tags, note.contacts) == (
        "2026-11-25", "meal", "deep", ("採用",), (emily.id,))
    promise = next(p for p in fresh.promises() if p.interaction == note.id)
    assert (promise.owner, promise.contact, promise.text, promise.due, promise.status) == (
        "me", emily.id, "a deck", "2026-11-27", "open")


async def test_escape_keeps_nothing(tmp_path):
    store = demo_store(tmp_path)
    before = store.path.read_bytes()
    app = FlowApp(lambda: CaptureScreen(store, TODAY))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"@+Newcomer coffee promised a call by mon")
        await settle(app, pilot)
        assert "Newcomer (new, network tier)" in _text(app.screen, "#capture-preview")
        await pilot.press("escape")
        await settle(app, pilot)
        assert app.result is None
    assert store.path.read_bytes() == before
    assert not any(c.name == "Newcomer" for c in reopen(store).contacts())


async def test_a_parse_error_is_shown_in_place_and_enter_saves_nothing(tmp_path):
    store = demo_store(tmp_path)
    before = store.path.read_bytes()
    app = FlowApp(lambda: CaptureScreen(store, TODAY))
    async with app.run_test(size=SIZE) as pilot:
        line = "@Emily call promised slides"  # a promise with no due date
        await pilot.press(*line)
        await settle(app, pilot)
        screen = app.screen
        error = _text(screen, "#capture-error")
        assert "✗" in error and "due" in error.lower()
        assert screen.query_one("#capture-line", Input).has_class("-invalid")
        # the caret line points under the offending words of the line
        caret = error.splitlines()[0]
        start = caret.index("^")
        assert line[start:start + len(caret.strip())] in line
        assert screen.error.start == start
        await pilot.press("enter")
        await settle(app, pilot)
        assert not app.dismissed  # still open, nothing saved
        await pilot.press(*" by fri")
        await settle(app, pilot)
        assert _text(screen, "#capture-error") == ""
        assert not screen.query_one("#capture-line", Input).has_class("-invalid")
    assert store.path.read_bytes() == before


async def test_keys_pressed_while_it_saves_save_once_and_cancel_nothing(tmp_path):
    store = demo_store(tmp_path)
    notes_before = len(store.interactions())
    app = FlowApp(lambda: CaptureScreen(store, TODAY))
    other_writer = FileLock(str(store.path.with_name(store.path.name + ".lock")))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"@Emily call about the Osaka office")
        await settle(app, pilot)
        screen = app.screen
        with other_writer:  # another process is writing: the save waits for the lock
            await pilot.press("enter", "enter", "escape")
            for _ in range(100):  # "Saving…" shows once the save has taken a moment
                if "Saving…" in _text(screen, "#capture-preview"):
                    break
                await pilot.pause(SLOW_SAVE_SECONDS)
            assert "Saving…" in _text(screen, "#capture-preview")
            assert not app.dismissed and screen.saving
        await settle(app, pilot)
        assert isinstance(app.result, Capture)  # saved once, not cancelled by the Escape
    assert len(reopen(store).interactions()) == notes_before + 1


async def test_an_ambiguous_name_highlights_the_name_and_lists_who(tmp_path):
    store = demo_store(tmp_path)
    app = FlowApp(lambda: CaptureScreen(store, TODAY))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"@佐藤 lunch")
        await settle(app, pilot)
        error = _text(app.screen, "#capture-error")
        assert "佐藤 健" in error and "佐藤 亜紀" in error
        # "@佐藤" is 5 cells wide: the caret line underlines exactly it
        assert error.splitlines()[0] == "^^^^^"
        assert (app.screen.error.start, app.screen.error.end) == (0, 3)


async def test_prefilled_for_a_deep_conversation_and_saved(tmp_path):
    store = demo_store(tmp_path)
    app = FlowApp(lambda: CaptureScreen(store, TODAY, '@"佐藤 健" deep '))
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        line = app.screen.query_one("#capture-line", Input)
        assert line.value == '@"佐藤 健" deep ' and line.cursor_position == len(line.value)
        await pilot.press(*"話した: 医療機器の販路")
        await pilot.press("enter")
        await settle(app, pilot)
    note = reopen(store).get(type(app.result.interaction), app.result.interaction.id)
    assert (note.depth, note.text, note.date) == ("deep", "話した: 医療機器の販路", TODAY.isoformat())


async def test_names_complete_from_the_people_we_know(tmp_path):
    store = demo_store(tmp_path)
    app = FlowApp(lambda: CaptureScreen(store, TODAY))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"@Emi")
        await settle(app, pilot)
        line = app.screen.query_one("#capture-line", Input)
        assert await line.suggester.get_suggestion("@Emi") == "@Emily "  # the grey text: "ly "
        await pilot.press("right")  # accept the suggestion
        await settle(app, pilot)
        assert line.value == '@Emily '
        assert "Emily Carter" in _text(app.screen, "#capture-preview")


async def test_the_grey_completion_only_adds_to_what_was_typed():
    """→ inserts the suggestion, and the grey text is the suggestion past what was typed:
    so it must start with the typed text, or the grey reads "@Tannaka Yuki\"" (issue 13)."""
    from tui.screens.capture import NameSuggester

    people = [Contact(name="Tanaka Yuki"), Contact(name="Tanaka Jiro"), Contact(name="佐藤 健"),
              Contact(name="Emily Carter")]
    names = NameSuggester(people)
    for typed, want in (("@Tan", "@TanakaJiro "), ("@Emi", "@Emily "), ("@佐", "@佐藤 "),
                        ('@"Tan', '@"Tanaka Jiro" '), ("met @Tanaka", "met @TanakaJiro ")):
        got = await names.get_suggestion(typed)
        assert got == want, typed
        assert got.casefold().startswith(typed.casefold())
    assert parse("@TanakaYuki hi", people, TODAY).people == [people[0]]
    assert parse("@佐藤 hi", people, TODAY).people == [people[2]]


def test_dates_in_the_preview_read_like_the_command_line():
    from tui.screens.capture import day_words

    assert day_words(date(2026, 11, 27), TODAY) == "2026-11-27 Fri (tomorrow)"


async def test_n_in_the_real_app_captures_and_the_main_screen_sees_it(tmp_path):
    from tui.app import make_app

    store = demo_store(tmp_path)
    app = make_app(store, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        main = app.screen
        await pilot.press("n")
        await settle(app, pilot)
        assert isinstance(app.screen, CaptureScreen)
        await pilot.press(*"@+Newcomer met at the expo, they promised a sample by 12/3", "enter")
        await settle(app, pilot)
        assert app.screen is main
        assert any(c.name == "Newcomer" for c in app.book.contacts())  # the app's snapshot was rebuilt
    fresh = reopen(store)
    newcomer = next(c for c in fresh.contacts() if c.name == "Newcomer")
    promise = next(p for p in fresh.promises() if p.contact == newcomer.id)
    assert (promise.owner, promise.due) == ("them", "2026-12-03")


async def test_the_box_shown_again_starts_clean_and_knows_the_new_people(tmp_path):
    from tui.app import make_app

    store = demo_store(tmp_path)
    app = make_app(store, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("n")
        await settle(app, pilot)
        box = app.screen
        await pilot.press(*"@Emily call promised slides")  # a promise with no date: an error
        await settle(app, pilot)
        assert box.error is not None
        await pilot.press("escape")
        await settle(app, pilot)
        await pilot.press("n")
        await settle(app, pilot)
        assert app.screen is box  # the same box, shown again ...
        line = box.query_one("#capture-line", Input)
        assert line.value == "" and box.error is None and box.capture is None  # ... clean
        assert _text(box, "#capture-error") == "" and not line.has_class("-invalid")
        await pilot.press(*'@+"Zoltan Brandt" call about the Graz plant', "enter")
        await settle(app, pilot)
        await pilot.press("n")
        await settle(app, pilot)
        assert await line.suggester.get_suggestion("@Zol") == '@Zoltan '
        await pilot.press(*"@Zoltan call: second thoughts on Graz", "enter")
        await settle(app, pilot)
    zoltan = [c for c in reopen(store).contacts() if c.name == "Zoltan Brandt"]
    assert len(zoltan) == 1  # the second line named the person the first one added
    assert sum("second thoughts on Graz" in i.text for i in reopen(store).interactions()) == 1


async def test_keys_arriving_in_a_burst_with_enter_are_all_saved(tmp_path):
    """A paste or a fast typist: Enter arrives while the keys before it still wait in the line."""
    from textual import events

    store = demo_store(tmp_path)
    app = FlowApp(lambda: CaptureScreen(store, TODAY))
    line = "@Emily call: the whole line, to its very last word"
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        for ch in line:  # no waiting between keys, as a terminal delivers a burst
            key = {" ": "space", "@": "at", ":": "colon", ",": "comma"}.get(ch, ch)
            event = events.Key(key, ch)
            event.set_sender(app)
            app.post_message(event)
        enter = events.Key("enter", "\r")
        enter.set_sender(app)
        app.post_message(enter)
        await settle(app, pilot)
        assert isinstance(app.result, Capture)
    note = next(i for i in reopen(store).interactions() if i.id == app.result.interaction.id)
    assert note.text == "the whole line, to its very last word"


async def test_a_typo_is_offered_the_closest_person_and_saves_nothing(tmp_path):
    """Issue 13: @Tanka made a new contact; the only sign was '(new, network tier)'."""
    store = demo_store(tmp_path)
    before = store.path.read_bytes()
    app = FlowApp(lambda: CaptureScreen(store, TODAY))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"@Emilly lunch promised a deck by fri", "enter")
        await settle(app, pilot)
        shown = _text(app.screen, "#capture-error")
        assert "no one called @Emilly: did you mean Emily Carter" in shown and "@+Emilly" in shown
        assert not app.dismissed
        line = app.screen.query_one("#capture-line", Input)
        line.value = "@Emily at the chamber event yesterday: 見積を約束した"
        await settle(app, pilot)
        preview = _text(app.screen, "#capture-preview")
        assert "'yesterday' was left in the text" in preview and "12/10までに見積を送ると約束" in preview
    assert store.path.read_bytes() == before
