"""The app on a store already holding terminal escapes, direction overrides and NULs:
nothing it draws carries a raw control character (issue 10, part 1)."""

from __future__ import annotations

import sys
from pathlib import Path

from app_helpers import SIZE, TODAY, settle
from screen_text import screen_lines

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from hostile import CONTROL, hostile_store  # noqa: E402


def assert_safe(app, where: str) -> str:
    text = "\n".join(screen_lines(app))
    bad = CONTROL.search(text)
    assert bad is None, f"{where}: raw {bad.group()!r} near {text[max(0, bad.start() - 40):bad.end() + 40]!r}"
    assert "\u202e" not in text, f"{where}: a raw direction override"
    return text


async def test_the_app_draws_hostile_text_escaped(tmp_path, make_test_app):
    store = hostile_store(tmp_path / "kizuna.json", TODAY)
    app = make_test_app(store)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(app, pilot)
        text = assert_safe(app, "main screen")
        assert "Evil\\x1b]0;pwned\\x07Name" in text  # shown, escaped, not hidden
        assert "Ann<U+202E" in text  # (the list cuts the rest of the name)
        assert "pwned" not in app.title and "\x1b" not in app.title
        for key in ("down", "up", "tab", "down", "enter"):
            await pilot.press(key)
            await settle(app, pilot)
            assert_safe(app, f"after {key}")



async def test_every_screen_draws_hostile_text_escaped(tmp_path, make_test_app):
    store = hostile_store(tmp_path / "kizuna.json", TODAY)
    app = make_test_app(store)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(app, pilot)
        for keys in (("t",), ("v",), ("t",), ("e",), ("escape",), ("n", "E", "v", "i"), ("escape",),
                     ("r",), ("escape",), ("f",), ("escape",), ("M",), ("escape",), ("ctrl+p", "E"),
                     ("escape",), ("x",), ("escape",), ("m",), ("escape",), ("S",), ("escape",), ("h",), ("escape",)):
            for key in keys:
                await pilot.press(key)
            await settle(app, pilot)
            assert_safe(app, f"after {' '.join(keys)} ({type(app.screen).__name__})")


def test_the_last_net_covers_text_drawn_without_visible(tmp_path, make_test_app):
    """Text that reaches Rich or Textual without model.language.text.visible still loses its controls."""
    from rich.text import Text
    from textual.content import Content

    make_test_app(hostile_store(tmp_path / "kizuna.json", TODAY))  # the factory installs the net
    for made in (Text("a\x1b]0;t\x07b\x9bc"), Content("a\x1b]0;t\x07b\x9bc"),
                 Content.from_markup("[b]a\x1b[2Jb[/b]")):
        assert not CONTROL.search(made.plain) and "\u241b" in made.plain
    assert Text("line one\n\tline two").plain == "line one\n\tline two"  # layout kept
