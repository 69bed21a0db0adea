"""What the main screen draws, read back from the widgets' own lines (``render_lines``):
the filter count in the border, rows drawn as Rich would draw them, titles that look
like markup, reveal in everyone's timeline, and the filter narrowing as you type."""

from __future__ import annotations

from rich.console import Console
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.geometry import Region

from app_helpers import SIZE, settle
from model.language.names import fold
from model.records import Contact, Interaction
from tui.widgets.row_cells import RowCells
from tui.widgets.row_list import RowList
from tui.widgets.timeline import MASK


def drawn(widget, width: int | None = None) -> list[str]:
    """The lines ``widget`` draws now (its border included), as plain text; only the
    first ``width`` cells of each if given."""
    outer, height = widget.outer_size
    strips = widget.render_lines(Region(0, 0, outer, height))
    return [(strip.crop(0, width) if width else strip).text for strip in strips]


def shown_ids(app) -> list[str]:
    return [r.key for r in app.screen.query_one("#contact-list", RowList).rows if r.key is not None]


async def test_the_count_in_the_border_follows_the_filter(demo_store, make_test_app):
    app = make_test_app(demo_store)
    total = len(demo_store.contacts())
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        pane = app.screen.contacts
        assert drawn(pane)[-1].rstrip("╯─ ").endswith(f" {total}")
        await pilot.press("slash", "s")
        assert drawn(pane)[-1].rstrip("╯─ ").endswith(f" {len(shown_ids(app))} of {total}")
        await pilot.press("a")
        found = len(shown_ids(app))
        assert 0 < found < total
        assert drawn(pane)[-1].rstrip("╯─ ").endswith(f" {found} of {total}")
        await pilot.press("escape")
        bottom = drawn(pane)[-1]
        assert bottom.rstrip("╯─ ").endswith(f" {total}") and " of " not in bottom
        # the top border never moved
        assert "1 Contacts" in drawn(pane)[0]


async def test_filtering_as_you_type_finds_what_a_fresh_filter_finds(demo_store, make_test_app):
    """Typing on only narrows the last matches; deleting goes back to all. Each step must
    show exactly the people whose keys hold every word."""
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        pane = app.screen.contacts
        rows = pane.contact_rows

        def expected(query: str) -> list[str]:
            words = fold(query).split()
            return [e.contact.id for e, key in zip(rows.entries, rows.keys) if all(w in key for w in words)]

        await pilot.press("slash")
        typed = ""
        for key in ["s", "a", "backspace", "t", "space", "k", "backspace", "backspace", "o", "さ", "backspace",
                    "backspace", "backspace", "backspace", "#", "backspace", "佐", "藤"]:
            await pilot.press(key)
            typed = typed[:-1] if key == "backspace" else typed + (" " if key == "space" else key)
            assert pane.filter_input.value == typed
            assert shown_ids(app) == expected(typed), typed
        assert len(shown_ids(app)) == 2  # 佐藤 健 and 佐藤 亜紀


async def test_rows_are_drawn_as_rich_draws_them(demo_store, make_test_app):
    """The list draws rows without Rich's general renderer; every line on screen must be
    the one Rich makes of the same row (CJK, cut with …, padded, heading and cursor)."""
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        for selector in ("#contact-list", "#timeline-list"):
            row_list = app.screen.query_one(selector, RowList)
            width = row_list.scrollable_content_region.width
            lines = drawn(row_list, width)
            assert len(lines) > 5
            for y, line in enumerate(lines[: len(row_list.rows)]):
                text = row_list.rows[y].render(width)
                text.truncate(width, overflow="ellipsis", pad=True)
                assert line == text.plain, (selector, y)


def test_fast_segments_equal_rich_segments():
    """The lists' own Text -> segments against Rich's truncate + render + apply_style."""
    console = Console(width=200, color_system="truecolor", force_terminal=True)
    base = Style(color="#e0e0e0", bgcolor="#121212")
    texts = []
    for words in ("Lunch with Tanaka about the Osaka office and the hiring plan for spring",
                  "佐藤さんとランチ：採用の話、来月に資料を送る約束", "short", "", "ｔａｎａｋａ　全角"):
        t = Text()
        t.append("2026-11-20 ", "dim")
        t.append("◆ ", "bold magenta")
        t.append("meal          ", "cyan")
        t.append(words, "dim italic")
        texts.append(t)
    plain = Text("no spans at all, 長谷川 智子")
    overlapping = Text("overlapping spans here")
    overlapping.stylize("bold", 0, 12)
    overlapping.stylize("red", 5, 18)
    styled = Text("a text with its own style", style="underline")
    texts += [plain, overlapping, styled]
    for text in texts:
        for width in (8, 21, 30, 45, 60, 120):
            expected = text.copy()
            expected.truncate(width, overflow="ellipsis", pad=True)
            want = Segment.simplify(Segment.apply_style(expected.render(console), base))
            got = Segment.simplify(RowCells(lambda: console).segments(text.copy(), width, base))
            assert [(s.text, s.style) for s in got] == [(s.text, s.style) for s in want], (text.plain, width)


async def test_names_that_look_like_markup_are_shown_as_written(empty_store, make_test_app):
    odd = empty_store.add(Contact(name="Bob [/] Smith", tier="deep"))
    bold = empty_store.add(Contact(name="[bold]Ann[/bold]", tier="active"))
    empty_store.add(Interaction(date="2026-11-20", contacts=(odd.id, bold.id), text="[b]not markup[/b]"))
    app = make_test_app(empty_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        timeline = app.screen.timeline
        for person in (odd, bold):
            app.screen.select_person(person.id)
            await pilot.pause()
            assert f"2 Timeline — {person.name}" in drawn(timeline)[0]
            assert "[b]not markup[/b]" in drawn(timeline.row_list)[0]


async def test_reveal_redraws_everyones_timeline(empty_store, make_test_app):
    secret = "Thinking of selling the company next year"
    tanaka = empty_store.add(Contact(name="田中 美咲", tier="deep"))
    empty_store.add(Interaction(date="2026-11-20", contacts=(tanaka.id,), kind="meal",
                                depth="deep", text=secret, scope="confidential"))
    app = make_test_app(empty_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        timeline = app.screen.timeline
        masked = MASK[:14]  # cut with … in everyone's narrower column
        await pilot.press("2", "t")
        assert masked in drawn(timeline.row_list)[0]
        await pilot.press("v")
        assert secret[:14] in drawn(timeline.row_list)[0]
        assert "v: hide confidential" in drawn(timeline)[-1]
        await pilot.press("v")
        assert masked in drawn(timeline.row_list)[0] and secret[:14] not in "".join(drawn(timeline.row_list))
        assert "v: hide" not in drawn(timeline)[-1]


async def test_the_timeline_title_and_count_follow_the_cursor(demo_store, make_test_app):
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        timeline = app.screen.timeline
        for _ in range(6):
            await pilot.press("down")
            person = demo_store.contact(app.screen.contacts.highlighted_id)
            lines = drawn(timeline)
            assert f"2 Timeline — {person.name}" in lines[0]
            assert f"{len(timeline.row_list.rows)} entries" in lines[-1]
            # the detail below the list is the highlighted entry's
            first = timeline.row_list.highlighted_key
            if first:
                detail = str(app.screen.query_one("#timeline-detail").render())
                assert detail.split(" · ")[0] in drawn(timeline.row_list)[0]


async def test_the_scrollbar_looks_and_clicks_as_textuals_own(demo_store, make_test_app):
    """The lists' scrollbars are drawn by StripScrollBarRender: the same cells as Textual's
    renderer, and a click on the track still scrolls (the cells keep their mouse actions)."""
    from textual.scrollbar import ScrollBarRender

    from tui.widgets.bar_render import StripScrollBarRender

    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        row_list = app.screen.query_one("#contact-list", RowList)
        bar = row_list.vertical_scrollbar
        assert row_list.show_vertical_scrollbar and bar.renderer is StripScrollBarRender
        ours = bar.render_lines(Region(0, 0, bar.outer_size.width, bar.outer_size.height))
        bar.renderer = ScrollBarRender
        bar.refresh()
        textuals = bar.render_lines(Region(0, 0, bar.outer_size.width, bar.outer_size.height))
        assert [list(s) for s in ours] == [list(s) for s in textuals]
        bar.renderer = StripScrollBarRender
        width, height = row_list.outer_size
        await pilot.click("#contact-list", offset=(width - 1, height - 2))
        await settle(app, pilot)
        assert row_list.scroll_y > 0
        await pilot.click("#contact-list", offset=(width - 1, 0))
        await settle(app, pilot)
        assert row_list.scroll_y == 0


async def test_a_filter_longer_than_its_box_scrolls_with_the_cursor(demo_store, make_test_app):
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        box = app.screen.contacts.filter_input
        typed = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
        assert len(typed) > box.size.width
        await pilot.press("slash", *typed)
        assert typed[-30:] in drawn(box)[0] and typed[:10] not in drawn(box)[0]
        await pilot.press("home")
        assert typed[:30] in drawn(box)[0] and typed[-10:] not in drawn(box)[0]
        await pilot.press("end", *["backspace"] * len(typed))
        assert box.value == "" and "filter" in drawn(box)[0]  # the placeholder again


async def test_a_notification_shows_a_markup_looking_name_as_written(empty_store, make_test_app):
    """A toast names the person as typed: ``[bold]Ann[/bold]`` is not Textual markup."""
    empty_store.add(Contact(name="[bold]Ann[/bold]", tier="active"))
    app = make_test_app(empty_store)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(app, pilot)
        await pilot.press("n", *'@"[bold]Ann[/bold]" lunch', "enter")
        await settle(app, pilot)
        shown = "\n".join(str(toast.render()) for toast in app.screen.query("Toast"))
        assert "[bold]Ann[/bold]" in shown, shown


async def test_a_japanese_toast_keeps_a_name_on_one_line(empty_store, make_test_app, japanese):
    """At 80 columns the saved-note toast wraps where Japanese may break, not inside ``佐藤 健``."""
    empty_store.add(Contact(name="佐藤 健", tier="active"))
    app = make_test_app(empty_store)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await settle(app, pilot)
        await pilot.press("n", *"@佐藤 ランチ 金曜までに見積を送ると約束", "enter")
        await settle(app, pilot)
        toast = app.screen.query_one("Toast")
        lines = [line.text.strip() for line in toast.render_lines(Region(0, 0, *toast.outer_size))]
        text = [line for line in lines if line]
        assert any("佐藤 健" in line for line in text), text
        assert not any(line.startswith(("。", "、")) for line in text), text


async def test_the_screens_kept_lines_are_textuals_own_and_follow_the_theme(demo_store, make_test_app):
    """The main screen keeps its own (background) lines between full redraws; they are the
    lines Textual's own path draws, before and after a theme change and a resize."""
    from textual.widget import Widget

    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        main = app.screen

        def same() -> bool:
            whole = Region(0, 0, *main.size)
            kept, own = main.render_lines(whole), Widget.render_lines(main, whole)
            return [list(s) for s in kept] == [list(s) for s in own]

        before = [list(s) for s in main.render_lines(Region(0, 0, *main.size))]
        assert same()
        app.theme = "textual-light" if app.theme != "textual-light" else "textual-dark"
        await settle(app, pilot)
        assert same() and [list(s) for s in main.render_lines(Region(0, 0, *main.size))] != before
        await pilot.resize_terminal(100, 30)
        await settle(app, pilot)
        assert same() and len(main.render_lines(Region(0, 0, *main.size))) == 30
