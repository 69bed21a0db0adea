"""Where the owner's store lives."""

from __future__ import annotations

import os
from pathlib import Path

STORE_NAME = "kizuna.json"
ENV_VAR = "KIZUNA_DB"


def data_dir() -> Path:
    """The platform's per-user data folder for Kizuna (e.g. ~/.local/share/kizuna)."""
    from platformdirs import user_data_path

    return user_data_path("kizuna", appauthor=False)


def default_store_path(db: str | os.PathLike | None = None) -> tuple[Path, bool]:
    """The store to open: ``--db``, else ``$KIZUNA_DB``, else the data folder.

    Returns the path and whether it is Kizuna's own folder (which is kept 0700).
    """
    if db:
        return Path(db).expanduser(), False
    env = os.environ.get(ENV_VAR)
    if env:
        return Path(env).expanduser(), False
    return data_dir() / STORE_NAME, True
