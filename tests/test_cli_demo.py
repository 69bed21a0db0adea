"""``--demo`` works on a throwaway copy, and copies left by killed demos are swept."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def dead_pid() -> int:
    """The id of a process that has finished (and been reaped)."""
    child = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                           capture_output=True, text=True, check=True)
    return int(child.stdout)


def test_demo_copy_is_removed_and_stale_copies_are_swept(kizuna, cli_env, tmp_path: Path):
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    stale = tmp / f"kizuna-demo-{dead_pid()}-abc123"
    stale.mkdir()
    (stale / "demo.json").write_text("{}")
    live = tmp / f"kizuna-demo-{os.getpid()}-live"
    live.mkdir()
    unrelated = tmp / "kizuna-demo-notapid"
    unrelated.mkdir()

    result = kizuna("--demo", "contacts", env={**cli_env, "TMPDIR": str(tmp)})

    assert result.returncode == 0, result.stderr
    assert "佐藤 健" in result.stdout
    assert not stale.exists()
    assert live.exists() and unrelated.exists()
    # the command's own copy is gone too: only what we made remains
    assert sorted(p.name for p in tmp.iterdir()) == sorted([live.name, unrelated.name])
    assert not Path(cli_env["KIZUNA_DB"]).exists()
