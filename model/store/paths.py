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


def make_private_dir(folder: Path) -> None:
    """Create ``folder`` and any missing parents, each 0700 whatever the umask.

    ``Path.mkdir(parents=True)`` gives the parents the umask's mode (often 0755,
    0777 under umask 0); a folder that already existed is left as it is.
    """
    missing = []
    for p in [folder, *folder.parents]:
        if p.is_dir():
            break
        missing.append(p)
    for p in reversed(missing):
        try:
            os.mkdir(p, 0o700)
        except FileExistsError:
            if not p.is_dir():
                raise
            continue
        os.chmod(p, 0o700)  # mkdir's mode went through the umask
