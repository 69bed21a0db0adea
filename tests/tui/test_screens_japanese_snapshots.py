"""Snapshots in Japanese (issue 17, part B) of the contact form, with a reading guessed from
the name, and of the month review, at 100x30 on the demo data:

    python -m pytest tests/tui/test_screens_japanese_snapshots.py --snapshot-update

then look at the pictures (rsvg-convert the SVGs to PNG) for columns that do not line up.
``snap_compare`` runs its own event loop, so these are plain ``def`` tests.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest


_SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "screenshots.py"
if "kizuna_screenshots" not in sys.modules:
    _spec = importlib.util.spec_from_file_location("kizuna_screenshots", _SCRIPT)
    _module = importlib.util.module_from_spec(_spec)
    sys.modules[_spec.name] = _module  # dataclasses look their module up there
    _spec.loader.exec_module(_module)
shots = sys.modules["kizuna_screenshots"]

SIZE = (100, 30)


pytestmark = pytest.mark.usefixtures("japanese")  # every test here in Japanese


def test_contact_form_with_a_guessed_reading(snap_compare, tmp_path):
    async def run_before(pilot) -> None:
        await shots.settle(pilot)
        await pilot.press("a")
        await shots.settle(pilot)
        await pilot.press(*"東海林 太郎")
        await shots.settle(pilot)
        assert type(pilot.app.screen).__name__ == "ContactForm"

    assert snap_compare(shots.demo_app(tmp_path), terminal_size=SIZE, run_before=run_before)


def test_contact_form_editing_a_person(snap_compare, tmp_path):
    async def run_before(pilot) -> None:
        await shots.settle(pilot)
        app = pilot.app
        person = next(c for c in app.store.contacts() if c.name == "佐藤 健")
        app.screen.select_person(person.id)
        await shots.settle(pilot)
        await pilot.press("e")
        await shots.settle(pilot)
        await pilot.press("tab", "tab", "tab", "tab", "tab", "tab", "tab", "tab")  # down to the tier
        await shots.settle(pilot)
        assert type(pilot.app.screen).__name__ == "ContactForm"

    assert snap_compare(shots.demo_app(tmp_path), terminal_size=SIZE, run_before=run_before)


def test_month_review(snap_compare, tmp_path):
    async def run_before(pilot) -> None:
        await shots.settle(pilot)
        await pilot.press("f")
        await shots.settle(pilot)
        await pilot.press("m")
        await shots.settle(pilot)
        assert type(pilot.app.screen).__name__ == "MonthReviewScreen"

    assert snap_compare(shots.demo_app(tmp_path), terminal_size=SIZE, run_before=run_before)
