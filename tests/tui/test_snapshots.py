"""Snapshot tests of the main screens on the demo data at a fixed date and size (issue 4).

The scenes are the README screenshots' (``scripts/screenshots.py`` SHOTS):
the same keys, the same day (2026-11-26), the same 160x45 terminal. A
change on screen fails here until the snapshot is looked at and accepted:

    python -m pytest tests/tui/test_snapshots.py --snapshot-update
    python scripts/screenshots.py            # and refresh the README pictures

``snap_compare`` runs its own event loop, so these are plain ``def`` tests.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

_SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "screenshots.py"
_spec = importlib.util.spec_from_file_location("kizuna_screenshots", _SCRIPT)
shots = importlib.util.module_from_spec(_spec)
sys.modules[_spec.name] = shots  # dataclasses look their module up there
_spec.loader.exec_module(shots)

SHOTS = {shot.name: shot for shot in shots.SHOTS}
#: the English scenes (a Japanese one is checked by test_japanese_screen_matches_its_snapshot)
ENGLISH = [name for name, shot in SHOTS.items() if shot.language == "en"]


def _run_before(shot):
    async def run_before(pilot) -> None:
        await shot.prepare(pilot)
        assert type(pilot.app.screen).__name__ == shot.screen

    return run_before


@pytest.mark.parametrize("name", ENGLISH)
def test_screen_matches_its_snapshot(name, snap_compare, tmp_path):
    shot = SHOTS[name]
    app = shots.demo_app(tmp_path)
    assert snap_compare(app, terminal_size=shot.size, run_before=_run_before(shot))


SMALL = [(name, size) for name in shots.SMALL_SHOTS for size in shots.SMALL_SIZES]


@pytest.mark.parametrize(("name", "size"), SMALL, ids=[f"{n}-{w}x{h}" for n, (w, h) in SMALL])
def test_screen_at_a_laptop_size_matches_its_snapshot(name, size, snap_compare, tmp_path):
    """The same scenes in the terminals laptops open (issue 11): 80x24 and 100x30."""
    shot = SHOTS[name]
    app = shots.demo_app(tmp_path)
    assert snap_compare(app, terminal_size=size, run_before=_run_before(shot))


JA = [(name, size) for name in shots.JA_SHOTS for size in shots.JA_SIZES]


@pytest.mark.parametrize(("name", "size"), JA, ids=[f"{n}-{w}x{h}" for n, (w, h) in JA])
def test_japanese_screen_matches_its_snapshot(name, size, snap_compare, tmp_path):
    """The same scenes in Japanese mode (issue 17): wide characters line up in the columns."""
    shot = SHOTS[name]
    with shots.language("ja"):
        app = shots.demo_app(tmp_path)
        assert snap_compare(app, terminal_size=size, run_before=_run_before(shot))


@pytest.mark.parametrize("name", list(SHOTS))
def test_no_confidential_note_in_the_picture(name):
    """The committed pictures (the README's) never show a confidential note's text."""
    from datetime import date

    from model.demo import demo_records
    from model.records import Interaction

    secrets = [r.text for r in demo_records(date(2026, 11, 26), SHOTS[name].language)
               if isinstance(r, Interaction) and r.scope == "confidential"]
    assert secrets, "the demo data should have confidential notes to hide"
    svg = (Path(__file__).resolve().parents[2] / "screenshots" / f"{name}.svg").read_text(encoding="utf-8")
    assert shots.leaks(svg, secrets) == []
    assert "confidential" in shots.svg_text(svg) or name != "main"


def test_the_script_writes_the_pictures(tmp_path):
    """``scripts/screenshots.py`` run as a user runs it: SVG written, the keys opened the screen."""
    import subprocess

    out = tmp_path / "shots"
    done = subprocess.run([sys.executable, str(_SCRIPT), "--out", str(out), "--only", "capture", "--no-png"],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "capture.svg" in done.stdout
    text = shots.svg_text((out / "capture.svg").read_text(encoding="utf-8"))
    assert "Quick capture" in text and "I promise Emily Carter" in text
    assert not (out / "capture.png").exists()


def test_png_text_keeps_terminal_cells():
    """The PNG copy moves text past its leading spaces and draws wide glyphs two cells wide."""
    svg = ('<text class="r1" x="0" y="0" textLength="48.8" clip-path="c">abcd</text>'
           '<text class="r1" x="10" y="0" textLength="73.2" clip-path="c">&#160;&#160;佐藤&#160;a</text>')
    fixed = shots._for_png(svg)
    assert 'x="34.4"' in fixed  # 10 + two cells of 12.2
    assert f'<tspan style="font-size:{shots.WIDE_SCALE}em">佐藤</tspan>&#160;a' in fixed
