"""Shared fixtures: a store file in a tmp folder, and the real ``kizuna`` command.

Every subprocess runs with HOME, XDG_DATA_HOME and KIZUNA_DB pointing into
the test's tmp folder, so no test can touch the real user's store.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from model.store import Store

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    """Where a test's store lives: ``<tmp>/data/kizuna.json`` (the folder does not exist yet)."""
    return tmp_path / "data" / "kizuna.json"


@pytest.fixture
def store(store_path: Path) -> Store:
    """A new, empty store on a real file."""
    return Store(store_path)


@pytest.fixture
def cli_env(tmp_path: Path, store_path: Path) -> dict[str, str]:
    """The environment for ``kizuna`` subprocesses: everything inside ``tmp_path``."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("KIZUNA_", "XDG_"))}
    env.update(HOME=str(tmp_path / "home"), XDG_DATA_HOME=str(tmp_path / "xdg"),
               KIZUNA_DB=str(store_path), PYTHONPATH=str(ROOT), PYTHONIOENCODING="utf-8",
               COLUMNS="200")
    return env


@pytest.fixture
def kizuna(cli_env: dict[str, str]) -> Callable[..., subprocess.CompletedProcess[str]]:
    """Run ``python -m tui ARGS`` for real; returns the finished process (text output)."""

    def run(*args: str, env: dict[str, str] | None = None, input: str | None = None,
            timeout: float = 60) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "tui", *args], env=env or cli_env, cwd=ROOT,
                              capture_output=True, text=True, encoding="utf-8", input=input,
                              timeout=timeout)

    return run
