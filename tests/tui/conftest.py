"""Shared fixtures for the app's pilot tests: real stores on real files, the real app.

``app_helpers`` holds ``TODAY``, ``SIZE`` and ``settle``.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from app_helpers import TODAY

from model.language import i18n
from model.store import Store


@pytest.fixture
def demo_store(tmp_path: Path) -> Store:
    """A store file filled with the demo data as of ``TODAY``."""
    from model.demo import build_demo

    store = Store(tmp_path / "kizuna.json")
    build_demo(store, TODAY)
    return store


@pytest.fixture
def empty_store(tmp_path: Path) -> Store:
    """A store with no one in it (the file does not exist yet)."""
    return Store(tmp_path / "kizuna.json")


@pytest.fixture
def make_test_app():
    """``make_test_app(store)``: the real app at ``TODAY``, built by the one factory."""
    from tui.app import make_app

    def make(store: Store):
        return make_app(store, today=TODAY)

    return make


@pytest.fixture
def japanese():
    """The app and its messages in Japanese for one test, English again after it."""
    i18n.set_language("ja")
    yield
    i18n.set_language("en")
