"""Your own keys: ``keymap.toml``, binding id = keys, read when the app starts.

Every key of the app is a ``Binding`` with an id (``app.capture``,
``review.keep``, ...); a keymap file gives some of them other keys, and
Textual's ``App.set_keymap`` applies it (the key bar and the help show the
result). The file is looked for beside the store (``keymap.toml`` next to
``kizuna.json``), then in the user config folder (``~/.config/kizuna/`` on
Linux)::

    # keymap.toml
    "app.capture" = "c"            # quick capture on c instead of n
    "review.keep" = "y,K"          # several keys: comma-separated

A file that cannot be read, an id the app does not have or a value that is not
keys is refused with one line naming the file and the place, and the app does
not start. ``python -m tui.keymap`` prints every id with its default keys (as a
file to start from; ``--markdown`` prints the README's table).
"""

from __future__ import annotations

import difflib
import re
import sys
from pathlib import Path

from textual.binding import Binding

from model.errors import KizunaError
from model.language.i18n import _
from model.language.os_errors import os_text

FILE_NAME = "keymap.toml"
#: a key name as Textual spells them: letters, digits, ctrl+/shift+ combinations, names
_KEY = re.compile(r"^[A-Za-z0-9_+\-]+$|^[^\s,]$")


class KeymapError(KizunaError):
    """A keymap file the app cannot use."""


def all_bindings() -> dict[str, tuple[str, Binding]]:
    """Every binding with an id: id -> (where it works, the first binding with it)."""
    from tui.app import KizunaApp
    from tui.screens.help import binding_groups

    out: dict[str, tuple[str, Binding]] = {}
    for section, bindings in binding_groups(KizunaApp):
        for b in bindings:
            if b.id and b.id not in out:
                out[b.id] = (section.split(" (")[0], b)
    return out


def keymap_paths(store_path: Path | None) -> list[Path]:
    """Where a keymap file is looked for, first found wins."""
    from platformdirs import user_config_path

    paths = [store_path.parent / FILE_NAME] if store_path is not None else []
    return paths + [user_config_path("kizuna", appauthor=False) / FILE_NAME]


def read_keymap(path: Path, known: set[str] | None = None) -> dict[str, str]:
    """The keymap in ``path``: binding id -> keys. KeymapError names the problem in one line."""
    import tomllib

    known = set(all_bindings()) if known is None else known
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise KeymapError(_("{path}: cannot read it: {reason}").format(path=path, reason=os_text(exc))) from None
    except UnicodeDecodeError:
        raise KeymapError(_("{path}: is not UTF-8 text").format(path=path)) from None
    except tomllib.TOMLDecodeError as exc:
        raise KeymapError(_("{path}: not a keymap file: {reason}").format(path=path, reason=exc)) from None
    keymap: dict[str, str] = {}
    for ident, keys in data.items():
        shown = ident.encode("unicode_escape").decode("ascii")[:60]
        if ident not in known:
            near = difflib.get_close_matches(ident, sorted(known), n=1)
            hint = (_(" (did you mean {name}?)").format(name=repr(near[0])) if near
                    else _(" (python -m tui.keymap lists them)"))
            raise KeymapError(_("{path}: {name} is not a key of the app").format(path=path, name=repr(shown)) + hint)
        if not isinstance(keys, str) or not keys.strip():
            raise KeymapError(_("{path}: {name}: give the keys as text, e.g. \"c\" or \"ctrl+k,K\"").format(
                path=path, name=shown))
        parts = [k.strip() for k in keys.split(",")]
        bad = next((k for k in parts if not _KEY.match(k)), None)
        if bad is not None:
            raise KeymapError(_("{path}: {name}: {key} is not a key name (e.g. c, K, ctrl+k, f2, question_mark)").format(
                path=path, name=shown, key=repr(bad.encode("unicode_escape").decode("ascii")[:30])))
        keymap[ident] = ",".join(parts)
    return keymap


def load_keymap(store_path: Path | None) -> dict[str, str]:
    """The first keymap file found for this store (see :func:`keymap_paths`), or none."""
    for path in keymap_paths(store_path):
        if path.is_file():
            return read_keymap(path)
    return {}


def defaults_toml() -> str:
    """Every binding id with its default keys, commented out: a file to start from."""
    lines = ["# Kizuna keymap: uncomment a line and change its keys (comma-separated)."]
    where = None
    for ident, (section, b) in all_bindings().items():
        if section != where:
            lines.append(f"\n# {section}")
            where = section
        lines.append(f'# "{ident}" = "{b.key}"    # {b.tooltip or b.description}')
    return "\n".join(lines) + "\n"


def defaults_markdown() -> str:
    """The README's table: every binding id, its default keys, what it does."""
    lines = ["| binding id | default keys | what it does |", "|---|---|---|"]
    for ident, (_section, b) in all_bindings().items():
        keys = " ".join(f"`{k.strip()}`" for k in b.key.split(","))
        lines.append(f"| `{ident}` | {keys} | {(b.tooltip or b.description).replace('|', '/')} |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.stdout.write(defaults_markdown() if "--markdown" in sys.argv[1:] else defaults_toml())
