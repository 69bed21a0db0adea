"""The import screen under a real Textual app: dry run with progress, then import."""

from __future__ import annotations

from pathlib import Path

from app_helpers import TODAY, settle
from textual.app import App, ComposeResult
from textual.widgets import Button, Input, ProgressBar, Static

from model.records import Contact
from model.store import Store
from tui.screens.import_screen import ImportScreen

FIX = Path(__file__).resolve().parent.parent / "fixtures"


class Host(App[None]):
    """A tiny app that opens the import screen and keeps what it returns."""

    def __init__(self, store: Store) -> None:
        super().__init__()
        self.store = store
        self.results: list = []

    def compose(self) -> ComposeResult:
        yield Static("host")

    def on_mount(self) -> None:
        self.push_screen(ImportScreen(self.store, TODAY), self.results.append)


def summary(app) -> str:
    return str(app.screen.query_one("#import-summary", Static).content)


async def type_path(pilot, path: str) -> None:
    field = pilot.app.screen.query_one("#import-path", Input)
    field.value = path
    field.focus()
    await pilot.press("enter")


async def test_dry_run_shows_counts_and_problems_then_imports(tmp_path):
    store = Store(tmp_path / "kizuna.json")
    store.add(Contact(name="J. Smith", emails=("john.smith@example.com",)))
    before = store.path.read_bytes()
    app = Host(store)
    async with app.run_test(size=(120, 45)) as pilot:
        await type_path(pilot, str(FIX / "linkedin_connections.csv"))
        await settle(app, pilot)
        text = summary(app)
        assert "3 added, 1 merged, 2 skipped, 1 problem" in text
        assert "山田 太郎 (山田商事株式会社)" in text
        assert "line 9: 'Connected On' 'sometime' is not a date" in text
        assert "Dry run only: nothing was written" in text
        bar = app.screen.query_one("#import-progress", ProgressBar)
        assert bar.total and bar.progress == bar.total
        assert store.path.read_bytes() == before  # the dry run wrote nothing
        assert not app.screen.query_one("#import-go", Button).disabled
        await pilot.press("ctrl+s")
        await settle(app, pilot)
    [plan] = app.results
    assert plan.applied and len(plan.added) == 3
    names = sorted(c.name for c in Store(store.path).contacts())
    assert names == ["J. Smith", "Maria Garcia", "Wei Chen", "山田 太郎"]


async def test_a_bad_file_shows_one_clear_error_and_import_stays_off(tmp_path):
    store = Store(tmp_path / "kizuna.json")
    app = Host(store)
    async with app.run_test(size=(120, 45)) as pilot:
        await type_path(pilot, str(tmp_path / "missing.vcf"))
        await settle(app, pilot)
        assert "missing.vcf: no such file" in summary(app)
        assert app.screen.query_one("#import-go", Button).disabled
        await pilot.press("ctrl+s")  # nothing to import: refused, screen stays
        await settle(app, pilot)
        assert isinstance(app.screen, ImportScreen)
        await pilot.press("escape")
        await settle(app, pilot)
    assert app.results == [None]
    assert not store.path.exists()


async def test_importing_the_same_file_again_offers_nothing(tmp_path):
    store = Store(tmp_path / "kizuna.json")
    from model.transfer import import_file

    import_file(store, FIX / "vcard30_ios.vcf")
    app = Host(store)
    async with app.run_test(size=(120, 45)) as pilot:
        await type_path(pilot, str(FIX / "vcard30_ios.vcf"))
        await settle(app, pilot)
        assert "0 added, 0 merged, 2 skipped" in summary(app)
        assert "Nothing to import" in summary(app)
        assert app.screen.query_one("#import-go", Button).disabled


async def test_a_store_changed_during_the_dry_run_is_planned_again(tmp_path):
    store = Store(tmp_path / "kizuna.json")
    app = Host(store)
    async with app.run_test(size=(120, 45)) as pilot:
        await type_path(pilot, str(FIX / "linkedin_old_header.csv"))
        await settle(app, pilot)
        assert "2 added" in summary(app)
        Store(store.path).add(Contact(name="Peter Novak", company="Novak Design"))  # another process
        await pilot.press("ctrl+s")
        await settle(app, pilot)
    [plan] = app.results
    assert [c.name for c in plan.added] == ["Aiko Tanaka"]
    assert sorted(c.name for c in Store(store.path).contacts()) == ["Aiko Tanaka", "Peter Novak"]


async def test_from_the_real_app_with_its_shared_store(tmp_path, make_test_app):
    store = Store(tmp_path / "kizuna.json")
    store.add(Contact(name="Someone", tier="active"))
    app = make_test_app(store)
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(app, pilot)
        await pilot.press("i")
        await settle(app, pilot)
        assert isinstance(app.screen, ImportScreen)
        await type_path(pilot, str(FIX / "vcard21_japanese_phone.vcf"))
        await settle(app, pilot)
        assert "3 added, 0 merged, 0 skipped" in summary(app)
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert not isinstance(app.screen, ImportScreen)
        assert "山田 太郎" in {c.name for c in app.book.contacts()}  # the app saw the write
    assert len(Store(store.path).contacts()) == 4


async def test_the_path_completes_from_the_files_there(tmp_path):
    (tmp_path / "exports").mkdir()
    (tmp_path / "exports" / "Connections.csv").write_bytes((FIX / "linkedin_old_header.csv").read_bytes())
    app = Host(Store(tmp_path / "kizuna.json"))
    async with app.run_test(size=(120, 45)) as pilot:
        field = app.screen.query_one("#import-path", Input)
        field.focus()
        await pilot.press(*str(tmp_path / "exp"))
        await settle(app, pilot)
        await pilot.press("right")  # accept "exports/"
        await pilot.press("C")
        await settle(app, pilot)
        await pilot.press("right")  # accept "onnections.csv"
        assert field.value == str(tmp_path / "exports" / "Connections.csv")
        await pilot.press("enter")
        await settle(app, pilot)
        assert "2 added" in summary(app)


async def test_an_old_export_does_not_bring_back_a_deleted_note_in_the_app(tmp_path, make_test_app):
    from model.actions.edit import delete_note
    from model.records import Interaction
    from model.transfer import jsonio

    store = Store(tmp_path / "kizuna.json")
    person = store.add(Contact(name="Someone", tier="active"))
    gone = store.add(Interaction(date="2026-11-20", contacts=(person.id,), text="typo note"))
    old = tmp_path / "old.json"
    old.write_bytes(jsonio.export(store))
    delete_note(store, gone)
    app = make_test_app(store)
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(app, pilot)
        await pilot.press("i")
        await settle(app, pilot)
        await type_path(pilot, str(old))
        await settle(app, pilot)
        assert "2 skipped (1 as deleted in this store)" in summary(app)
        await pilot.press("ctrl+s")
        await settle(app, pilot)
    assert [i.id for i in Store(store.path).interactions()] == []
