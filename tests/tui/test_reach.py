"""Every feature from the keyboard and the palette (issue 13 items 1 and 8): the merge dialog
(``m``), export (``x``), settings (``S``), tier, import, by key and by the command's name in
the palette; the palette offers the current screen's own actions."""

from __future__ import annotations

import os

from app_helpers import SIZE, settle, toasts
from textual.widgets import Checkbox, Input, OptionList, Select

from model.records import Contact, Interaction
from model.store import Store
from tui.screens.contact_form import ContactForm
from tui.screens.main import MainScreen


async def palette(app, pilot, words: str) -> list[str]:
    """Open the palette, type ``words``; the titles it offers."""
    await pilot.press("ctrl+p")
    await settle(app, pilot)
    await pilot.press(*words)
    await settle(app, pilot)
    options = app.screen.query_one("CommandList", OptionList)
    return [str(options.get_option_at_index(i).prompt).split("\n")[0] for i in range(options.option_count)]


async def test_m_opens_the_merge_dialog_on_the_person_shown_and_merges(empty_store, make_test_app):
    a = empty_store.add(Contact(name="山田 太郎", reading="やまだ たろう", emails=("taro@example.jp",)))
    b = empty_store.add(Contact(name="Taro Y.", emails=("TARO@example.jp",)))
    empty_store.add(Interaction(date="2026-11-01", contacts=(b.id,), text="coffee"))
    app = make_test_app(empty_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        app.screen.select_person(a.id)
        await pilot.press("m")
        await settle(app, pilot)
        assert type(app.screen).__name__ == "MergeDialog" and app.screen.person.id == a.id
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert isinstance(app.screen, MainScreen) and app.screen.contact_id == a.id
    fresh = Store(empty_store.path)
    assert [c.id for c in fresh.contacts()] == [a.id]
    assert any(i.text == "coffee" and a.id in i.contacts for i in fresh.interactions())


async def test_the_palette_names_the_shell_commands_and_runs_them(demo_store, make_test_app):
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        shown = app.screen.contact_id
        for word, screen in (("merge", "MergeDialog"), ("export", "ExportDialog"),
                             ("settings", "SettingsScreen"), ("import", "ImportScreen"),
                             ("tier", "ContactForm")):
            titles = await palette(app, pilot, word)
            assert titles and titles[0].startswith(f"{word}:"), (word, titles)
            await pilot.press("enter")
            await settle(app, pilot)
            assert type(app.screen).__name__ == screen, word
            if word == "tier":  # the person's form, on the tier field
                assert app.screen.original.id == shown and app.screen.focused.id == "field-tier"
            await pilot.press("escape")
            await settle(app, pilot)
            assert isinstance(app.screen, MainScreen), word


async def test_the_palette_offers_the_current_screens_actions(demo_store, make_test_app):
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("r")
        await settle(app, pilot)
        titles = await palette(app, pilot, "kept")
        assert "Kept" in titles
        assert not any(t.startswith(("merge", "export", "Add a person")) for t in await palette(app, pilot, ""))
        await pilot.press("escape")
        await settle(app, pilot)
        titles = await palette(app, pilot, "kept")
        await pilot.press("down", "enter")
        await settle(app, pilot)
        assert app.screen.summary.kept == 1


async def test_x_exports_to_a_file_and_changes_nothing(demo_store, make_test_app, tmp_path):
    target = tmp_path / "out" / "people.vcf"
    target.parent.mkdir()
    before = demo_store.path.read_bytes()
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("x")
        await settle(app, pilot)
        dialog = app.screen
        dialog.query_one("#export-kind", Select).value = "vcard"
        await settle(app, pilot)
        assert dialog.query_one("#export-path", Input).value.endswith(".vcf")
        dialog.query_one("#export-path", Input).value = str(tmp_path / "nowhere" / "x.vcf")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert app.screen is dialog and "does not exist" in str(dialog.query_one("#export-message").render())
        dialog.query_one("#export-path", Input).value = str(target)
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert isinstance(app.screen, MainScreen)
    assert target.read_text().count("BEGIN:VCARD") == len(demo_store.contacts())
    assert os.stat(target).st_mode & 0o777 == 0o600
    assert demo_store.path.read_bytes() == before


async def test_x_leaves_private_and_confidential_notes_out_unless_ticked(demo_store, make_test_app, tmp_path):
    """The app's JSON export is "everything": what it leaves out is a choice, and the notice says so."""
    someone = demo_store.contacts()[0]
    for scope in ("private", "confidential"):
        demo_store.add(Interaction(date="2026-12-01", contacts=(someone.id,), text=f"a {scope} word", scope=scope))
    app = make_test_app(demo_store)

    async def export(name: str, tick: tuple[str, ...]) -> str:
        app.clear_notifications()
        await pilot.press("x")
        await settle(app, pilot)
        dialog = app.screen
        for box in tick:
            dialog.query_one(box, Checkbox).value = True
            await settle(app, pilot)
        if "#export-secret" in tick:  # confidential takes private with it, as on the shell
            assert dialog.query_one("#export-private", Checkbox).value
            assert dialog.query_one("#export-private", Checkbox).disabled
        dialog.query_one("#export-path", Input).value = str(tmp_path / name)
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert isinstance(app.screen, MainScreen)
        return (tmp_path / name).read_text()

    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(app, pilot)
        plain = await export("plain.json", ())
        assert "Private and confidential notes were left out." in toasts(app)
        private = await export("private.json", ("#export-private",))
        assert "Confidential notes were left out." in toasts(app) and "Private" not in toasts(app)
        everything = await export("all.json", ("#export-secret",))
        assert "left out" not in toasts(app)
    assert "a private word" not in plain and "a confidential word" not in plain
    assert "a private word" in private and "a confidential word" not in private
    assert "a private word" in everything and "a confidential word" in everything


async def test_settings_save_only_what_changed_over_an_outside_change(demo_store, make_test_app):
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("S")
        await settle(app, pilot)
        screen = app.screen
        assert type(screen).__name__ == "SettingsScreen"
        # meanwhile another window changes the deep cap
        other = Store(demo_store.path)
        other.save_settings(type(other.settings())(**{**other.settings().__dict__, "deep_cap": 6}))
        screen.query_one("#setting-active_cap", Input).value = "zero"
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert app.screen is screen and "not a whole number" in str(screen.query_one("#error-active_cap").render())
        screen.query_one("#setting-active_cap", Input).value = "12"
        screen.query_one("#setting-focus_template", Input).value = "customer, nonsense"
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert app.screen is screen and "nonsense" in str(screen.query_one("#error-focus_template").render())
        screen.query_one("#setting-focus_template", Input).value = "customer, cross-industry"
        screen.query_one("#setting-own_industry", Input).value = "製造業"
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert isinstance(app.screen, MainScreen)
        assert app.book.settings.own_industry == "製造業"
    saved = Store(demo_store.path).settings()
    assert (saved.own_industry, saved.active_cap, saved.deep_cap) == ("製造業", 12, 6)
    assert saved.focus_template == ("customer", "cross-industry")


async def test_settings_escape_after_a_change_asks_and_writes_nothing(demo_store, make_test_app):
    before = demo_store.path.read_bytes()
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("S")
        await settle(app, pilot)
        await pilot.press(*"IT")
        await pilot.press("escape")
        await settle(app, pilot)
        assert type(app.screen).__name__ == "ConfirmScreen"
        await pilot.press("y")
        await settle(app, pilot)
        assert isinstance(app.screen, MainScreen)
    assert demo_store.path.read_bytes() == before


async def test_main_screen_keys_do_not_open_screens_over_a_dialog(demo_store, make_test_app):
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("e")
        await settle(app, pilot)
        app.screen.query_one("#field-tier").focus()  # a list, not a text field
        await pilot.press("x", "m", "i", "S")
        await settle(app, pilot)
        assert isinstance(app.screen, ContactForm)


async def test_j_and_k_move_in_every_list(demo_store, make_test_app):
    """The planner's slots and suggestions, the month review's rows, the merge dialog's people."""
    demo_store.add(Contact(name="佐藤 花子"))
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("f")
        await settle(app, pilot)
        slots = app.screen.query_one("#slots", OptionList)
        slots.focus()
        await pilot.press("j", "j")
        await settle(app, pilot)
        assert slots.highlighted == 2
        await pilot.press("k")
        assert slots.highlighted == 1
        await pilot.press("m")  # the month review of the month before
        await settle(app, pilot)
        rows = app.screen.query_one("#rows")
        rows.focus()
        start = rows.highlighted or 0
        await pilot.press("j")
        assert rows.highlighted == start + 1
        await pilot.press("escape")
        await settle(app, pilot)
        await pilot.press("escape")
        await settle(app, pilot)
        assert isinstance(app.screen, MainScreen)
        sato = next(c for c in app.book.contacts() if c.name == "佐藤 健")
        app.screen.select_person(sato.id)
        await pilot.press("m")
        await settle(app, pilot)
        await pilot.press(*"佐藤", "enter")  # the other 佐藤s, into the list
        await settle(app, pilot)
        people = app.screen.query_one("#merge-people", OptionList)
        assert app.screen.focused is people and people.highlighted == 0 and people.option_count > 1
        await pilot.press("j")
        assert people.highlighted == 1


async def test_the_new_keys_type_into_the_filter_as_letters(demo_store, make_test_app):
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("slash", "S", "m", "x")
        await settle(app, pilot)
        assert isinstance(app.screen, MainScreen)
        assert app.screen.query_one("#filter", Input).value == "Smx"


async def test_the_own_industry_warning_names_the_key_not_a_shell_command(empty_store, make_test_app):
    from model.records import FocusPlan, Slot

    people = [empty_store.add(Contact(name=f"P{i}", industry="retail", tier="active")) for i in range(2)]
    empty_store.add(FocusPlan(month="2026-11", challenge="grow",
                              slots=tuple(Slot(role="customer", contact=p.id) for p in people)))
    app = make_test_app(empty_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        shown = str(app.screen.query_one("#focus-diversity").render())
        assert "your own industry is not set" in shown and "(S: settings)" in shown
        assert "kizuna diversity" not in shown
