"""In Japanese mode the key bar speaks Japanese; every Binding's description is in the
catalogue's list (tui/binding_words.py), so a new key cannot go untranslated."""

from __future__ import annotations

import importlib
import inspect
import pkgutil

from app_helpers import SIZE, settle
from textual.binding import Binding



def app_descriptions(field: str = "description") -> set[str]:
    import tui.screens
    import tui.widgets

    names = ["tui.app", *(f"tui.screens.{m.name}" for m in pkgutil.iter_modules(tui.screens.__path__)),
             *(f"tui.widgets.{m.name}" for m in pkgutil.iter_modules(tui.widgets.__path__))]
    found: set[str] = set()
    for name in names:
        module = importlib.import_module(name)
        for _n, cls in inspect.getmembers(module, inspect.isclass):
            if cls.__module__ == name:
                found |= {getattr(b, field) for b in getattr(cls, "BINDINGS", None) or ()
                          if isinstance(b, Binding) and getattr(b, field)}
    return found


def test_every_binding_description_is_listed_for_translation() -> None:
    from tui.binding_words import DESCRIPTIONS, TOOLTIPS

    missing = (app_descriptions() - set(DESCRIPTIONS)) | (app_descriptions("tooltip") - set(TOOLTIPS))
    assert not missing, f"add these to tui/binding_words.py and translate them: {sorted(missing)}"


async def test_the_key_bar_is_japanese(japanese, demo_store, make_test_app):
    from tui.widgets.key_bar import KeyBar

    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        bar = app.screen.query_one(KeyBar)
        shown = " ".join(item.description for item in bar._items)
        assert "記録" in shown and "ヘルプ" in shown and "人を追加" in shown
        assert "Capture" not in shown and "Help" not in shown
        titles = [str(app.screen.query_one(f"#{pane}").border_title)
                  for pane in ("contacts-pane", "timeline-pane", "focus-pane")]
        assert titles[0] == "1 連絡先" and titles[1].startswith("2 タイムライン")
        assert titles[2] == "3 今月のフォーカス"
        from tui.widgets.row_list import RowList

        rows = app.screen.query_one("#contact-list", RowList).rows
        drawn = [str(r.render(60)) for r in rows]
        assert any("深い" in line for line in drawn[:1])  # the first tier's heading
        assert any("日遅れ" in line for line in drawn) and not any(" late" in line for line in drawn)
        from textual.widgets import Static

        head = str(app.screen.query_one("#focus-head", Static).render())
        assert head.startswith("2026年11月") and "目的: 販路" in head  # the demo's November plan


async def test_the_help_screen_is_japanese(japanese, demo_store, make_test_app):
    from textual.widgets import Static

    from tui.screens.help import HelpScreen

    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("question_mark")
        await settle(app, pilot)
        assert isinstance(app.screen, HelpScreen)
        text = "\n".join(str(s.render()) for s in app.screen.query(Static))
        assert "枠の間は Tab" in text and "メイン画面" in text and "連絡先の枠へ" in text
        assert "Go to the contacts pane" not in text
