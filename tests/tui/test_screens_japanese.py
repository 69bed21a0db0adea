"""The app's other screens in Japanese (issue 17, part B): the contact form, settings, the
focus planner, the month review, health, import, merge, export and the entry form show
Japanese labels, still save and cancel, and the contact form's labels fit at 80x24.

Real app, real store files; the language is set as the command line sets it at start."""

from __future__ import annotations

from pathlib import Path

import pytest
from app_helpers import SIZE, TODAY, open_health, settle, toasts
from rich.cells import cell_len
from screen_text import screen_lines
from textual.geometry import Region
from textual.widgets import Input, Label, Select, SelectionList, Static, TextArea

from model.language import i18n
from model.store import Store

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
SMALL = (80, 24)


pytestmark = pytest.mark.usefixtures("japanese")  # every test here in Japanese


def shown(app) -> str:
    return "\n".join(screen_lines(app))


def fresh(store: Store) -> Store:
    return Store(store.path)


def label_fits(label: Label) -> bool:
    """The label's whole text is drawn on its first line (nothing cut off or wrapped)."""
    text = str(label.content)
    width = label.content_region.width
    drawn = label.render_lines(Region(0, 0, label.outer_size.width, 1))[0].text
    return cell_len(text) <= width and drawn.strip() == text


async def test_contact_form_in_japanese_adds_a_person(demo_store, make_test_app):
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(app, pilot)
        await pilot.press("a")
        await settle(app, pilot)
        form = app.screen
        labels = [str(lab.content) for lab in form.query(".field-label")]
        assert labels[:4] == ["名前", "よみ", "会社", "肩書き"]
        assert {"層", "目的", "次の一歩", "誕生日", "連絡の間隔", "メモ"} <= set(labels)
        assert str(form.query_one("#form-title", Static).content) == "人を追加"
        assert "ctrl+s 保存" in str(form.query_one("#form-hint", Static).content)
        tier = form.query_one("#field-tier", Select)
        assert tier.value == "network" and "ネットワーク" in shown(app)
        await pilot.press(*"東海林 太郎")
        await settle(app, pilot)
        reading = form.query_one("#field-reading", Input)
        assert reading.placeholder == "しょうじ たろう(推測) · → で採用"  # the guess until confirmed
        purposes = form.query_one("#field-purposes", SelectionList)
        assert str(purposes.get_option_at_index(0).prompt) == "販路"
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert "東海林 太郎を追加しました(ネットワーク)。" in toasts(app)
    saved = next(c for c in fresh(demo_store).contacts() if c.name == "東海林 太郎")
    assert saved.tier == "network" and saved.reading == ""  # stored in English; the guess not stored


async def test_contact_form_cancel_asks_in_japanese_and_writes_nothing(demo_store, make_test_app):
    before = len(demo_store.contacts())
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("a")
        await settle(app, pilot)
        await pilot.press(*"小鳥遊")
        await pilot.press("escape")
        await settle(app, pilot)
        assert "小鳥遊への変更を捨てますか?" in shown(app)
        await pilot.press("y")
        await settle(app, pilot)
        assert type(app.screen).__name__ == "MainScreen"
    assert len(fresh(demo_store).contacts()) == before


async def test_contact_form_errors_and_the_full_tier_in_japanese(demo_store, make_test_app):
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("a")
        await settle(app, pilot)
        form = app.screen
        await pilot.press(*"新井 一")
        form.query_one("#field-cadence_days", Input).value = "毎週"
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        error = str(form.query_one("#error-cadence_days", Static).content)
        assert error == "⚠ '毎週' は日数(整数)ではありません"
        form.query_one("#field-cadence_days", Input).value = ""
        form.query_one("#field-tier", Select).value = "deep"  # the demo's deep tier is full (5 of 5)
        await settle(app, pilot)
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        error = str(form.query_one("#error-tier", Static).content)
        assert error.startswith("⚠ 深いは満員です(5人中5人)")
        room = form.query_one("#make-room")
        assert room.display and "へ — " in str(room.get_option_at_index(0).prompt)
    assert not any(c.name == "新井 一" for c in fresh(demo_store).contacts())


@pytest.mark.parametrize("size", [SMALL, (100, 30)], ids=["80x24", "100x30"])
async def test_contact_form_labels_fit(demo_store, make_test_app, size):
    app = make_test_app(demo_store)
    async with app.run_test(size=size) as pilot:
        await settle(app, pilot)
        person = next(c for c in demo_store.contacts() if c.name == "佐藤 健")
        app.screen.select_person(person.id)
        await settle(app, pilot)
        await pilot.press("e")
        await settle(app, pilot)
        form = app.screen
        assert str(form.query_one("#form-title", Static).content) == "佐藤 健を編集"
        labels = list(form.query(".field-label").results(Label))
        assert len(labels) == 23
        for label in labels:  # scroll each into view: its label drawn whole beside its field
            label.scroll_visible(animate=False, immediate=True)
            await pilot.pause()
            assert label_fits(label), str(label.content)
        hint = form.query_one("#form-hint", Static)
        assert cell_len(str(hint.content)) <= hint.content_region.width


async def test_settings_in_japanese_save_and_cancel(demo_store, make_test_app):
    app = make_test_app(demo_store)
    async with app.run_test(size=SMALL, notifications=True) as pilot:
        await settle(app, pilot)
        await pilot.press("S")
        await settle(app, pilot)
        screen = app.screen
        assert screen.query_one("#settings-box").border_title == "設定"
        labels = list(screen.query(".setting-label").results(Label))
        assert [str(lab.content) for lab in labels][:3] == ["自分の業界", "深い層の上限", "活発の上限"]
        for label in labels:
            label.scroll_visible(animate=False, immediate=True)
            await pilot.pause()
            assert label_fits(label), str(label.content)
        assert "深い層の最大人数(既定 5)" in shown(app)
        await pilot.press("escape")  # nothing changed: closes without asking
        await settle(app, pilot)
        assert type(app.screen).__name__ == "MainScreen"
        await pilot.press("S")
        await settle(app, pilot)
        app.screen.query_one("#setting-deep_cap", Input).value = "6"
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert "保存しました: 深い層の上限。" in toasts(app)
    assert fresh(demo_store).settings().deep_cap == 6


async def test_settings_focus_slots_and_language_in_japanese(demo_store, make_test_app):
    """The slot roles are shown and typed in Japanese; a language left to the locale says so."""
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(app, pilot)
        await pilot.press("S")
        await settle(app, pilot)
        slots = app.screen.query_one("#setting-focus_template", Input)
        assert slots.value == "同業, 異業種, 異業種, 顧客"
        assert str(app.screen.query_one("#setting-language", Select).selection) == "None"
        assert "(OSの言語設定に従う)" in shown(app) and "Select" not in shown(app)
        slots.value = "顧客、メンター"
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert "保存しました: フォーカスの枠。" in toasts(app)
    assert fresh(demo_store).settings().focus_template == ("customer", "mentor")


async def test_settings_refuse_a_bad_number_in_japanese(demo_store, make_test_app):
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("S")
        await settle(app, pilot)
        app.screen.query_one("#setting-active_cap", Input).value = "たくさん"
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        error = str(app.screen.query_one("#error-active_cap", Static).content)
        assert "'たくさん' は整数(1以上)ではありません" in error
        await pilot.press("escape")
        await settle(app, pilot)
        assert "設定の変更を捨てますか?" in shown(app)
    assert fresh(demo_store).settings().active_cap == 15


async def test_focus_planner_and_month_review_in_japanese(demo_store, make_test_app):
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(app, pilot)
        await pilot.press("f")
        await settle(app, pilot)
        planner = app.screen
        assert type(planner).__name__ == "FocusPlannerScreen"
        assert planner.query_one("#plan-box").border_title.startswith("フォーカス · ")
        assert planner.query_one("#slots").border_title == "枠"
        assert planner.query_one("#suggestions").border_title.startswith("枠1の候補 · ")
        text = shown(app)
        assert "課題" in text and "目的" in text and "販路" in text  # the demo's purpose, translated
        assert "✓ 深い会話 済み" in text and "候補から選ぶ" in text
        assert "この計画(3人)" in text and "点数" in text
        assert "Slots" not in text and "Suggestions" not in text
        await pilot.press("m")
        await settle(app, pilot)
        review = app.screen
        assert type(review).__name__ == "MonthReviewScreen"
        assert review.query_one("#review-top").border_title.startswith("月の振り返り · ")
        assert review.query_one("#text-box").border_title == "振り返り(ctrl+s で保存)"
        heading = str(review.query_one("#month-heading", Static).render())
        assert heading.startswith("課題: ") and "目的: 製品開発" in heading and "深い会話 4人中3人済み" in heading
        rows = review.query_one("#rows", SelectionList)
        first = str(rows.get_option_at_index(0).prompt)
        assert "同業" in first and "✗ 深い会話なし" in first and "守0 破0" in first
        review.query_one("#review-text", TextArea).load_text("来月は医療に集中する。")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert "の振り返りを保存しました。" in toasts(app)
        await pilot.press("escape")
        await settle(app, pilot)
        assert type(app.screen).__name__ == "FocusPlannerScreen"
    assert fresh(demo_store).focus_plan("2026-10").review == "来月は医療に集中する。"


@pytest.mark.parametrize("width", [80, 100, 120, 160])
async def test_health_readings_never_start_a_line_with_a_closing_mark(tmp_path, make_test_app, width):
    """Japanese line breaking (kinsoku): a reading's wrapped lines never begin with 、 or 。."""
    from model.demo import build_demo

    store = Store(tmp_path / "kizuna.json")
    build_demo(store, TODAY, "ja")
    app = make_test_app(store)
    async with app.run_test(size=(width, 40)) as pilot:
        await open_health(app, pilot)
        readings = list(app.screen.query(".reading").results(Static))
        lines = [strip.text.strip() for r in readings for strip in r.render_lines(Region(0, 0, *r.size))]
        said = [line for line in lines if line]
        assert len(said) > len(readings)  # some reading wraps at this width
        assert not [line for line in said if line[0] in "、。)」"]
        whole = "".join(str(r.render()) for r in readings)
        assert "".join(said) == whole.replace("\n", "")  # nothing lost in the wrapping


async def test_health_screen_in_japanese(demo_store, make_test_app):
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_health(app, pilot)
        assert type(screen).__name__ == "HealthScreen"
        body = screen.query_one("#health-body")
        assert body.border_title == "関係の健康診断 · 2026年11月26日までの12か月"
        assert body.border_subtitle == "[ ] 期間 3/6/12 · 人の上で Enter で開く"
        titles = [card.border_title for card in screen.query(".health-card")]
        assert titles == ["日ごとの会話", "四半期ごとの約束", "連絡の間隔: 深い・活発な人(遅れの大きい順)",
                          "信頼残高と6か月の推移", "深い層・活発な層の多様性"]
        text = shown(app)
        assert "日遅れ" in text and " late" not in text and "● 深い  ○ 接点のみ  · なし" in text
        assert "✓ 守った  ✗ 破った  ○ 未完了" in text and "フォーカスの型" in text


async def test_export_dialog_in_japanese_writes_the_file(demo_store, make_test_app, tmp_path):
    target = tmp_path / "out" / "people.json"
    target.parent.mkdir()
    app = make_test_app(demo_store)
    async with app.run_test(size=SMALL, notifications=True) as pilot:
        await settle(app, pilot)
        await pilot.press("x")
        await settle(app, pilot)
        screen = app.screen
        assert screen.query_one("#export-box").border_title == "書き出し"
        text = shown(app)
        assert "形式" in text and "ファイル" in text and "機密のメモも含める" in text
        assert "すべて(kizuna import で読み戻せる)" in text
        screen.query_one("#export-path", Input).value = str(target)
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert "に書き込みました(json、" in toasts(app)
    assert target.exists()


async def test_import_screen_in_japanese_dry_run_then_import(demo_store, make_test_app):
    before = len(demo_store.contacts())
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(app, pilot)
        await pilot.press("i")
        await settle(app, pilot)
        screen = app.screen
        assert screen.query_one("#import-box").border_title == "人を取り込む"
        text = shown(app)
        assert "試行" in text and "取り込み" in text and "キャンセル" in text and "ファイルから判断" in text
        screen.query_one("#import-path", Input).value = str(FIXTURES / "linkedin_connections.csv")
        await pilot.press("enter")
        await settle(app, pilot)
        summary = str(screen.query_one("#import-summary", Static).render())
        assert "追加 (4):" in summary and "スキップ (2):" in summary
        assert "試行のみ: 何も書き込んでいません。ctrl+s(取り込み)で取り込みます。" in summary
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert "linkedin_connections.csvを取り込みました" in toasts(app)
    assert len(fresh(demo_store).contacts()) == before + 4


async def test_merge_dialog_in_japanese_merges(tmp_path, make_test_app):
    from model.records import Contact

    store = Store(tmp_path / "kizuna.json")
    store.add(Contact(name="佐藤 健", reading="さとう けん", tier="active"))
    store.add(Contact(name="Ken Sato", reading="さとう けん", company="佐藤精工"))
    app = make_test_app(store)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(app, pilot)
        person = next(c for c in store.contacts() if c.name == "佐藤 健")
        app.screen.select_person(person.id)
        await settle(app, pilot)
        await pilot.press("m")
        await settle(app, pilot)
        screen = app.screen
        assert screen.query_one("#merge-box").border_title == "統合: 佐藤 健"
        preview = str(screen.query_one("#merge-preview", Static).render())
        assert "を残し、" in preview and "に加わる項目: 会社。" in preview and "ctrl+s で統合" in preview
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert type(app.screen).__name__ == "MainScreen"
    people = fresh(store).contacts()
    assert [(c.name, c.company) for c in people] == [("佐藤 健", "佐藤精工")]


async def test_entry_form_in_japanese_corrects_a_note(demo_store, make_test_app):
    from tui.widgets.row_list import RowList

    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        person = next(c for c in demo_store.contacts() if c.name == "佐藤 健")
        app.screen.select_person(person.id)
        await pilot.press("2")
        await settle(app, pilot)
        note = next(i for i in demo_store.interactions() if person.id in i.contacts)
        assert app.screen.query_one("#timeline-list", RowList).select_key("i:" + note.id)
        await pilot.press("e")
        await settle(app, pilot)
        form = app.screen
        assert str(form.query_one("#entry-title", Static).content) == "メモを直す"
        labels = [str(lab.content) for lab in form.query(".entry-label")]
        assert labels == ["人", "日付", "種類", "深さ", "共有範囲", "タグ", "本文"]
        assert "深い" in shown(app) or "接点" in shown(app)
        form.query_one("#entry-body", TextArea).load_text("直したメモ")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
    corrected = next(i for i in fresh(demo_store).interactions() if i.id == note.id)
    assert corrected.text == "直したメモ" and corrected.kind == note.kind  # stored words unchanged


def test_health_charts_in_japanese_fit_and_english_is_unchanged() -> None:
    from datetime import date

    from model.planning.book import Book
    from model.planning.health import health
    from tui.health_charts import heatmap_lines, report_lines

    import tempfile

    from model.demo import build_demo

    today = date(2026, 11, 26)
    with tempfile.TemporaryDirectory() as folder:
        store = Store(Path(folder) / "kizuna.json")
        build_demo(store, today)
        h = health(Book.from_store(store), today, 12)
    for width in (40, 60, 100):
        lines = [line.plain for line in heatmap_lines(h.heatmap, width)]
        assert all(cell_len(line) <= width for line in lines), width
        assert [line[:2].strip() for line in lines[1:8:2]] == ["月", "水", "金", "日"]
        assert "11月" in lines[0] and "今日" in lines[-2] and lines[-1] == "● 深い  ○ 接点のみ  · なし"
    report = "\n".join(line.plain for line in report_lines(h, 100))
    assert "関係の健康診断 · 2026年11月26日までの12か月" in report and "順調" in report
    i18n.set_language("en")
    lines = [line.plain for line in heatmap_lines(h.heatmap, 100)]
    assert lines[1].startswith("Mo") and "Nov" in lines[0] and lines[-1] == "● deep  ○ touches only  · none"
    assert "Relationship health · last 12 months to 2026-11-26" in report_lines(h, 100)[0].plain


def test_editor_errors_in_japanese(monkeypatch) -> None:
    from model.errors import KizunaError
    from tui.editor import editor_command

    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.delenv("EDITOR", raising=False)
    with pytest.raises(KizunaError, match=r"^使うエディタを \$VISUAL か \$EDITOR に設定してください"):
        editor_command()
    monkeypatch.setenv("EDITOR", "vim '")
    with pytest.raises(KizunaError, match=r"^\$EDITOR をコマンドとして読めません"):
        editor_command()


async def test_entry_form_in_japanese_corrects_a_promise(demo_store, make_test_app):
    from tui.screens.entry_form import EntryForm

    promise = next(p for p in demo_store.promises() if p.owner == "me" and p.status == "open")
    app = make_test_app(demo_store)
    async with app.run_test(size=SMALL) as pilot:
        await settle(app, pilot)
        app.push_screen(EntryForm(promise))
        await settle(app, pilot)
        form = app.screen
        assert str(form.query_one("#entry-title", Static).content) == "約束を直す"
        assert [str(lab.content) for lab in form.query(".entry-label")] == ["本文", "期日", "誰の"]
        assert "自分(自分が約束した)" in shown(app) and "ctrl+s 保存 · Esc キャンセル" in shown(app)
        form.query_one("#entry-text", Input).value = "資料を送る"
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert type(app.screen).__name__ == "MainScreen"
    saved = next(p for p in fresh(demo_store).promises() if p.id == promise.id)
    assert (saved.text, saved.owner) == ("資料を送る", "me")


async def test_focus_pane_wraps_a_long_intent_under_itself(tmp_path, make_test_app):
    """A slot's intent that wraps in the narrow focus pane goes on under the intent, not at
    the pane's edge; a long company under the person's name."""
    from model.demo import build_demo

    store = Store(tmp_path / "kizuna.json")
    build_demo(store, TODAY, "ja")
    app = make_test_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        focus_list = app.screen.query_one("#focus-list")
        width, height = focus_list.size
        lines = [s.text.rstrip() for s in focus_list.render_lines(Region(0, 0, width, height))]
        at = next(i for i, line in enumerate(lines) if "医療機器メーカー2社の紹介" in line)
        assert lines[at].startswith("  医療") and lines[at + 1].startswith("  初回に同席")
        emily = next(i for i, line in enumerate(lines) if "Emily Carter" in line)
        label = cell_len(lines[emily][:lines[emily].index("Emily")])  # "異業種: " is 8 cells
        assert lines[emily + 1] == " " * label + "Robotics"
