"""Each screen's styles apply to that screen only (issue 13 item 12).

A screen's ``CSS_PATH`` is loaded app-wide when it is first pushed, so a bare
``.field-label`` rule in the focus planner's file laid out every contact form
opened after it (labels a line below their fields).
"""

from __future__ import annotations

import re
from pathlib import Path

from app_helpers import SIZE, settle
from textual.widgets import Label

import tui.screens

SCREENS = Path(tui.screens.__file__).parent


def _screen_types() -> dict[Path, str]:
    """Each screen module's .tcss and the class that loads it."""
    import importlib
    import inspect

    from textual.screen import Screen

    out = {}
    for py in SCREENS.glob("*.py"):
        module = importlib.import_module(f"tui.screens.{py.stem}")
        for _name, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, Screen) and cls.__module__ == module.__name__ and cls.CSS_PATH:
                out[SCREENS / cls.CSS_PATH] = cls.__name__
    return out


def test_every_rule_of_a_screen_file_starts_with_its_screen():
    types = _screen_types()
    assert len(types) == len(list(SCREENS.glob("*.tcss")))
    for path, name in types.items():
        text = re.sub(r"/\*.*?\*/", "", path.read_text(), flags=re.S)
        for head in re.findall(r"^([^\s{}][^{}]*)\{", text, flags=re.M):
            for selector in head.split(","):
                assert re.match(rf"{name}\b", selector.strip()), f"{path.name}: {selector.strip()!r}"


async def test_the_contact_form_is_laid_out_the_same_after_the_planner(demo_store, make_test_app):
    app = make_test_app(demo_store)

    async def label_box():
        await pilot.press("a")
        await settle(app, pilot)
        label = app.screen.query_one("#row-company").query_one(Label)
        field = app.screen.query_one("#field-company")
        box = (label.region.y - field.region.y, label.region.width)
        await pilot.press("escape")
        await settle(app, pilot)
        return box

    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        before = await label_box()
        assert before[0] == 0  # the label on its field's line
        await pilot.press("f")
        await settle(app, pilot)
        await pilot.press("escape")
        await settle(app, pilot)
        assert await label_box() == before
