"""Open ``$VISUAL`` / ``$EDITOR`` on some text and read it back (no Textual here).

Used by ``kizuna note -e`` and ``ctrl+e`` in the capture box (inside ``App.suspend()``).
The text goes to a 0600 file in a private temporary folder, removed afterwards.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import tempfile
from pathlib import Path

from model.errors import KizunaError
from model.language.i18n import _
from model.language.os_errors import os_text


def editor_command() -> list[str]:
    for var in ("VISUAL", "EDITOR"):
        value = os.environ.get(var, "").strip()
        if value:
            try:
                return shlex.split(value)
            except ValueError:
                raise KizunaError(_("${var} cannot be read as a command: {value!r}").format(
                    var=var, value=value)) from None
    raise KizunaError(_("set $VISUAL or $EDITOR to the editor to use (export EDITOR=nano)"))


def edit_text(text: str) -> str:
    """``text`` after the owner edited it; raises KizunaError if the editor failed."""
    command = editor_command()
    folder = tempfile.mkdtemp(prefix="kizuna-edit-")  # 0700
    path = Path(folder) / "note.txt"
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text + ("\n" if text and not text.endswith("\n") else ""))
        try:
            done = subprocess.run([*command, str(path)])
        except OSError as exc:
            raise KizunaError(_("cannot run the editor {command!r}: {error}").format(
                command=command[0], error=os_text(exc))) from None
        if done.returncode != 0:
            raise KizunaError(_("the editor {command!r} exited with status {status}; nothing saved").format(
                command=command[0], status=done.returncode))
        try:
            return path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            raise KizunaError(_("the edited text is not UTF-8; nothing saved")) from None
    finally:
        shutil.rmtree(folder, ignore_errors=True)
