"""Japanese mode on the main flows (issue 17): the daily review with its dialogs, quick capture's
preview, hint and notification, the first-run screen and the palette speak Japanese."""

from __future__ import annotations

import re

from app_helpers import SIZE, TODAY, settle, toasts
from screen_text import screen_lines

from model.language import i18n


def shown(app) -> str:
    return "\n".join(screen_lines(app))


async def test_the_daily_review_and_its_dialogs_in_japanese(japanese, demo_store, make_test_app):
    from tui.screens.review import ReviewScreen

    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("r")
        await settle(app, pilot)
        assert isinstance(app.screen, ReviewScreen)
        text = shown(app)
        assert "今日の振り返り · 2026-11-26(木)" in text
        assert "最後の深い会話:" in text and "日前" in text and "ここまで:" in text
        assert "期限切れ\xa01" in text and "1 / 14" in text  # a no-break space: the count stays with its word
        for english in ("last touch", "So far", "Next up", "days ago", " of 14"):
            assert english not in text, english
        await pilot.press("s")  # the first item is my promise: move its due date
        await settle(app, pilot)
        text = shown(app)
        assert "期日を動かす" in text and "理由(なぜ待てるのか)" in text and "次は 2026-12-03(木) あと7日" in text
        await pilot.press("escape")
        await pilot.press("b")
        await settle(app, pilot)
        text = shown(app)
        assert "この約束を破ったことにしますか?" in text and "y  はい、破ったことにする" in text
        await pilot.press("n")
        await pilot.press("j", "escape")  # skip one, then end on the summary
        await settle(app, pilot)
        for _ in range(100):  # the summary is drawn a frame or two after the last item goes
            if "振り返り完了" in (text := shown(app)):
                break
            await pilot.pause(0.02)
        assert "振り返り完了" in text and "14件中0件に対応 · スキップ1件 · 13件は未着手" in text
        assert "Enter か Esc で振り返りを閉じます。" in text


async def test_capture_preview_hint_and_notice_in_japanese(japanese, demo_store, make_test_app):
    from textual.widgets import Input

    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(app, pilot)
        await pilot.press("n")
        await settle(app, pilot)
        text = shown(app)
        assert "すばやく記録" in text and "メモを書いてください。" in text
        app.screen.query_one("#capture-line", Input).insert_text_at_cursor(
            "@佐藤健 ランチ 昨日 #医療 金曜までに資料を送ると約束")
        await settle(app, pilot)
        text = shown(app)
        preview = [line.strip() for line in text.splitlines()]
        assert any(re.match(r"人\s+佐藤 健 \(深い\)", line) for line in preview)
        assert any(re.match(r"種類\s+食事 · 接点", line) for line in preview)
        assert any(re.match(r"日付\s+2026-11-25\(水\) 昨日", line) for line in preview)
        assert "佐藤 健さんへの自分の約束: 資料を送る  期日 2026-11-27(金) 明日" in text
        assert "共有範囲" in text and "people" not in text and "I promise" not in text
        await pilot.press("enter")
        await settle(app, pilot)
        notice = toasts(app)
        assert "記録しました" in notice and "約束1件を保存しました" in notice


def test_the_japanese_capture_hint_lists_every_date_word_of_the_english_one():
    """Each date word the English hint shows has its Japanese form in the Japanese hint, and
    the grammar reads both as the same day."""
    from model.capture import parse_due
    from tui.screens.capture import HINT

    pairs = {"yesterday": "昨日", "tue": "火曜", "fri": "金曜", "12/3": "12/3"}
    for english in pairs:
        assert re.search(rf"\b{re.escape(english)}\b", HINT), english
    try:
        i18n.set_language("ja")
        japanese = i18n._(HINT)
    finally:
        i18n.set_language("en")
    assert japanese != HINT
    for english, word in pairs.items():
        assert word in japanese, word
        if english != "yesterday":  # a due date is never in the past
            assert parse_due(word, TODAY) == parse_due(english, TODAY), word
    from model.capture.dates import read_date

    assert read_date(["昨日"], TODAY, "past") == read_date(["yesterday"], TODAY, "past")


async def test_first_run_and_palette_in_japanese(japanese, empty_store, make_test_app):
    from textual.command import CommandPalette

    app = make_test_app(empty_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        text = shown(app)
        assert "Kizuna 絆 へようこそ" in text and "a を押す" in text and "デモデータ" in text
        assert "Welcome" not in text and "press" not in text
        await pilot.press("ctrl+p")
        await settle(app, pilot)
        assert isinstance(app.screen, CommandPalette)
        assert "コマンドや名前で検索…" in shown(app)


async def test_help_wraps_a_long_description_under_its_column(japanese, demo_store, make_test_app):
    """At 80 columns a long Japanese description goes on under its first line, not under the keys."""
    from rich.cells import cell_len

    app = make_test_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("question_mark")
        await settle(app, pilot)
        lines = screen_lines(app)
        first = next(i for i, line in enumerate(lines) if "すばやく記録:" in line)
        column = cell_len(lines[first][:lines[first].index("すばやく記録")])
        after = lines[first + 1].rstrip(" │▁▔")
        text = after.lstrip(" │")
        assert text and cell_len(after[:len(after) - len(text)]) == column
        assert (lines[first].rstrip(" │▁▔") + text).endswith("金曜までに紹介すると約束")
