"""The merge dialog under a real Textual app: likely duplicates, preview, swap, merge."""

from __future__ import annotations

from app_helpers import TODAY, settle
from textual.app import App, ComposeResult
from textual.content import Content
from textual.widgets import Input, OptionList, Static

from model.records import Contact, Interaction, Promise
from model.store import Store
from tui.screens.merge_dialog import MergeDialog


class Host(App[None]):
    def __init__(self, store: Store, contact_id: str) -> None:
        super().__init__()
        self.store = store
        self.contact_id = contact_id
        self.results: list = []

    def compose(self) -> ComposeResult:
        yield Static("host")

    def on_mount(self) -> None:
        self.push_screen(MergeDialog(self.store, TODAY, self.contact_id), self.results.append)


def people(store: Store):
    a = Contact(name="山田 太郎", reading="やまだ たろう", company="山田商事", emails=("taro@example.jp",))
    b = Contact(name="ヤマダ タロウ", reading="やまだ たろう", title="社長")
    c = Contact(name="Taro Y.", emails=("TARO@example.jp",))
    d = Contact(name="Sato Hanako")
    store.add_many([a, b, c, d, Interaction(date="2026-11-01", contacts=(c.id,), text="coffee"),
                    Promise(owner="me", contact=c.id, text="send deck", due="2026-12-01")])
    return a, b, c, d


def preview(app) -> str:
    return Content.from_markup(str(app.screen.query_one("#merge-preview", Static).content)).plain


async def test_likely_duplicates_preview_and_merge(tmp_path):
    store = Store(tmp_path / "kizuna.json")
    a, b, c, d = people(store)
    app = Host(store, a.id)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        listed = [str(o.prompt) for o in app.screen.query_one("#merge-people", OptionList).options]
        assert listed == ["Taro Y.", "ヤマダ タロウ (やまだ たろう)"]  # same email; same name in kana
        assert "Keep 山田 太郎 (山田商事), remove Taro Y.\n" in preview(app)
        assert "1 note, 1 promise, 0 focus slots moved" in preview(app)
        await pilot.press("ctrl+o")  # keep the other record instead
        assert "Keep Taro Y., remove 山田 太郎 (山田商事)" in preview(app)
        await pilot.press("ctrl+o")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
    [result] = app.results
    assert result.kept.id == a.id and result.removed.id == c.id
    fresh = Store(store.path)
    assert sorted(x.name for x in fresh.contacts()) == ["Sato Hanako", "ヤマダ タロウ", "山田 太郎"]
    assert fresh.promises()[0].contact == a.id


async def test_typing_filters_and_escape_changes_nothing(tmp_path):
    store = Store(tmp_path / "kizuna.json")
    a, b, c, d = people(store)
    before = store.path.read_bytes()
    app = Host(store, a.id)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        app.screen.query_one("#merge-query", Input).value = "sato"
        await settle(app, pilot)
        listed = [str(o.prompt) for o in app.screen.query_one("#merge-people", OptionList).options]
        assert listed == ["Sato Hanako"]
        assert "Keep 山田 太郎 (山田商事), remove Sato Hanako" in preview(app)
        app.screen.query_one("#merge-query", Input).value = "nobody at all"
        await settle(app, pilot)
        assert "No one by that name." in preview(app)
        await pilot.press("ctrl+s")  # nothing picked: refused
        await pilot.press("escape")
        await settle(app, pilot)
    assert app.results == [None]
    assert store.path.read_bytes() == before
