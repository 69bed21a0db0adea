"""A short run of bench/kill_loop.py: SIGKILL ``kizuna note`` inside its write, lose nothing.

``python -m bench.kill_loop`` runs the long version (500 kills; README "Where your data lives").
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.kill_loop import run


@pytest.mark.slow
def test_thirty_kills_inside_the_write_phase_lose_no_reported_note(tmp_path: Path) -> None:
    result = run(kills=30, notes=1500, folder=tmp_path, log=lambda line: None)
    assert result.kills == 30 and result.in_write >= 10, result.line()
    assert result.lost == 0 and result.duplicates == 0, result.line()
    print("\n" + result.line())
