"""The capture preview's long rows wrap under their text at 80x24 in Japanese (issue 17)."""

from __future__ import annotations

from rich.cells import cell_len
from textual.widgets import Input, Static

from flow_app import TODAY, FlowApp, demo_store, settle
from tui.screens.capture import CaptureScreen

LINE = "@佐藤健 ランチ 昨日 病院向けの販路の話 #医療 金曜までに医療機器メーカーの資料を送ると約束"
LONG = "@佐藤健 ランチ 昨日 " + "病院向けの販路と認証の話、" * 6


def _drawn(app) -> list[str]:
    """The preview's lines as drawn (inside its padding)."""
    preview = app.screen.query_one("#capture-preview", Static)
    lines = [preview.render_line(y).text for y in range(preview.size.height)]
    return [line.rstrip() for line in lines if line.strip()]


async def _typed(app, pilot, line: str) -> list[str]:
    box = app.screen.query_one("#capture-line", Input)
    box.value = ""
    box.insert_text_at_cursor(line)
    await settle(app, pilot)
    return _drawn(app)


async def test_the_promise_and_the_note_hang_under_their_text(japanese, tmp_path):
    store = demo_store(tmp_path)
    app = FlowApp(lambda: CaptureScreen(store, TODAY))
    async with app.run_test(size=(80, 24)) as pilot:
        lines = await _typed(app, pilot, LINE)
        start = next(i for i, line in enumerate(lines) if line.startswith("約束"))
        indent = 9  # the labels (共有範囲 is 8 cells) and a space
        assert cell_len(lines[start][:7]) == indent  # 約束 and 5 spaces: the text starts at the indent
        assert lines[start][7:].startswith("佐藤 健さんへの自分の約束: 医療機器メーカーの資料を送る")
        # the due date went whole onto the next line, under the text
        assert lines[start + 1].startswith(" " * indent + "期日 ") and "明日" in lines[start + 1]
        assert lines[start + 2].startswith("タグ")
        for line in lines:  # a line starts with a label or hangs under the text
            assert line.startswith(("人", "種類", "日付", "約束", "タグ", "共有範囲", "メモ", "ヒント", " " * indent))
        width = app.screen.query_one("#capture-preview").content_region.width
        assert all(cell_len(line) <= width for line in lines)

        lines = await _typed(app, pilot, LONG)
        note = next(i for i, line in enumerate(lines) if line.startswith("メモ"))
        assert lines[note + 1].startswith(" " * indent) and lines[note + 1].strip(), lines
        assert "".join(lines[note:note + 4]).replace(" ", "").startswith("メモ病院向けの販路と認証の話、")


async def test_a_row_that_fits_stays_on_one_line_in_english(tmp_path):
    store = demo_store(tmp_path)
    app = FlowApp(lambda: CaptureScreen(store, TODAY))
    async with app.run_test(size=(160, 45)) as pilot:
        lines = await _typed(app, pilot, '@"Emily Carter" lunch: hiring, promised an intro to Sato by fri')
        promise = next(line for line in lines if line.startswith("promise"))
        assert promise.startswith("promise  I promise Emily Carter: an intro to Sato  due ")
        assert str(app.screen.query_one("#capture-preview", Static).render()).count("\n") == len(lines) - 1
