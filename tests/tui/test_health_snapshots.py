"""Snapshot tests of the health screen at 80x24 (160x45 is the README shot's, in test_snapshots.py).

    python -m pytest tests/tui/test_health_snapshots.py --snapshot-update

``snap_compare`` runs its own event loop, so these are plain ``def`` tests.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

_SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "screenshots.py"
if "kizuna_screenshots" not in sys.modules:
    _spec = importlib.util.spec_from_file_location("kizuna_screenshots", _SCRIPT)
    _module = importlib.util.module_from_spec(_spec)
    sys.modules[_spec.name] = _module  # dataclasses look their module up there
    _spec.loader.exec_module(_module)
shots = sys.modules["kizuna_screenshots"]

SMALL = (80, 24)


def _health(pilot):
    return shots._health(pilot)


def test_health_at_80x24(snap_compare, tmp_path):
    async def run_before(pilot) -> None:
        await _health(pilot)
        assert type(pilot.app.screen).__name__ == "HealthScreen"

    assert snap_compare(shots.demo_app(tmp_path), terminal_size=SMALL, run_before=run_before)


def test_health_of_an_empty_store_at_80x24(snap_compare, tmp_path):
    from model.store import Store
    from tui.app import make_app
    from tui.screens.health import HealthScreen

    app = make_app(Store(tmp_path / "kizuna.json"), today=shots.TODAY, demo=True)  # no tmp path in the title

    async def run_before(pilot) -> None:
        await shots.settle(pilot)
        pilot.app.push_screen(HealthScreen(shots.TODAY))
        await shots.settle(pilot)

    assert snap_compare(app, terminal_size=SMALL, run_before=run_before)
