"""``model`` never imports Textual, and the command line loads it only to open the app."""

from __future__ import annotations

import pkgutil
import subprocess
import sys
from pathlib import Path

import model

ROOT = Path(__file__).resolve().parent.parent


def model_modules() -> list[str]:
    return sorted(m.name for m in pkgutil.walk_packages(model.__path__, "model."))


def loaded_after(imports: list[str], run: str = "") -> set[str]:
    script = "\n".join([*(f"import {name}" for name in imports), run,
                        "import sys; print('\\n'.join(sorted(sys.modules)))"])
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 0, done.stderr
    return set(done.stdout.split())


def test_every_model_module_imports_without_textual() -> None:
    names = model_modules()
    assert "model.store" in names and "model.demo" in names
    loaded = loaded_after(names)
    assert not {m for m in loaded if m == "textual" or m.startswith(("textual.", "rich"))}


def test_the_command_line_does_not_import_textual_until_the_app_opens(tmp_path: Path) -> None:
    store = tmp_path / "k.json"
    run = (f"from tui.cli import main\n"
           f"main(['--db', {str(store)!r}, 'note', '@Anna hello'])\n"
           f"main(['--db', {str(store)!r}, 'contacts'])\n"
           f"main(['--db', {str(store)!r}, 'show', 'Anna', '--json'])")
    loaded = loaded_after(["tui.cli"], run)
    assert "textual" not in loaded
    assert "tui.app" not in loaded


def test_importing_model_does_no_heavy_work() -> None:
    # importing the store must not read files or build data: only definitions
    loaded = loaded_after(["model.store", "model.records", "model.language.names"])
    assert "model.demo" not in loaded
