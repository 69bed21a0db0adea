"""A user keymap file (issue 13): binding ids -> keys, read at start, documented in the README."""

from __future__ import annotations

import importlib
import inspect
import os
import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest
from app_helpers import SIZE, TODAY, settle

import tui
from tui.keymap import KeymapError, all_bindings, load_keymap, read_keymap

README = Path(__file__).resolve().parents[2] / "README.md"


def every_binding():
    """Every Binding declared by any widget or screen of the app."""
    from textual.dom import DOMNode

    for info in pkgutil.walk_packages(tui.__path__, "tui."):
        if ".cli" in info.name or info.name.endswith("__main__"):
            continue
        module = importlib.import_module(info.name)
        for _name, cls in inspect.getmembers(module, inspect.isclass):
            if cls.__module__ == module.__name__ and issubclass(cls, DOMNode):
                yield from ((cls, b) for b in cls.__dict__.get("BINDINGS", []))


def test_every_binding_has_an_id_the_keymap_and_the_readme_know():
    known = all_bindings()
    text = README.read_text(encoding="utf-8")
    for cls, binding in every_binding():
        assert getattr(binding, "id", None), f"{cls.__name__}: {binding!r} has no id"
        assert binding.id in known, f"{binding.id} is not in the help's groups"
    for ident, (_where, binding) in known.items():
        keys = " ".join(f"`{k.strip()}`" for k in binding.key.split(","))
        assert f"| `{ident}` | {keys} |" in text, f"README does not list {ident} with {keys}"


def test_a_keymap_beside_the_store_wins_and_bad_files_are_refused(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    store = tmp_path / "data" / "kizuna.json"
    store.parent.mkdir()
    assert load_keymap(store) == {}
    config = tmp_path / "config" / "kizuna" / "keymap.toml"
    config.parent.mkdir(parents=True)
    config.write_text('"app.capture" = "c"\n')
    assert load_keymap(store) == {"app.capture": "c"}
    beside = store.parent / "keymap.toml"
    beside.write_text('"review.keep" = "y, K"\n')
    assert load_keymap(store) == {"review.keep": "y,K"}
    for text, says in (('"app.captur" = "c"', "did you mean 'app.capture'"),
                       ('"app.capture" = 3', "give the keys as text"),
                       ('"app.capture" = "c d"', "is not a key name"),
                       ('"app.capture" = "\\u001b[2J"', "is not a key name"),
                       ("app.capture = [", "not a keymap file")):
        beside.write_text(text + "\n")
        with pytest.raises(KeymapError) as err:
            read_keymap(beside)
        assert says in str(err.value) and str(beside) in str(err.value) and "\n" not in str(err.value)
        assert "\x1b" not in str(err.value)


def test_kizuna_refuses_to_start_on_a_bad_keymap_in_one_line(tmp_path):
    (tmp_path / "keymap.toml").write_text('"app.nothing" = "c"\n')
    env = {**os.environ, "XDG_CONFIG_HOME": str(tmp_path / "config"), "KIZUNA_DB": str(tmp_path / "kizuna.json")}
    done = subprocess.run([sys.executable, "-m", "tui"], env=env, capture_output=True, text=True,
                          timeout=60, stdin=subprocess.DEVNULL)
    assert done.returncode == 1
    assert done.stderr.count("\n") == 1 and "'app.nothing' is not a key of the app" in done.stderr
    assert "Traceback" not in done.stderr


async def test_the_app_uses_the_keymap_it_is_given(demo_store):
    from tui.app import make_app
    from tui.screens.review import ReviewScreen

    app = make_app(demo_store, today=TODAY, keymap={"app.review": "R", "review.keep": "K"})
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("r")
        await settle(app, pilot)
        assert not isinstance(app.screen, ReviewScreen)
        await pilot.press("R")
        await settle(app, pilot)
        assert isinstance(app.screen, ReviewScreen)
        await pilot.press("K")
        await settle(app, pilot)
        assert app.screen.summary.kept == 1
