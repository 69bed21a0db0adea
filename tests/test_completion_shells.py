"""``kizuna completion zsh|fish`` loaded into a real zsh and a real fish, asked for completions.

fish answers ``complete -C LINE`` directly. zsh completes only inside its line editor, so the
test drives an interactive ``zsh -f -i`` through a pseudo-terminal (``zsh/zpty``) with the real
``compinit``, presses a key bound to ``complete-word`` and records what the script offered
(waiting for the widget to finish before typing on: zsh skips completion when keys are waiting).
Each is skipped, saying why, where the shell is not installed (``.ci/run`` installs both).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

BIN = Path(sys.executable).parent

#: zsh script: $1 the completion script, $2 the command line; candidates go to $HITS, one a line
ZSH_PROBE = r"""
zmodload zsh/zpty || exit 3
zpty z zsh -f -i
zpty -w z 'PS1="> "; autoload -Uz compinit; compinit -u -D'
zpty -w z "source ${1:q}"
zpty -w z 'compadd () { builtin compadd -O __hits "$@"; print -rl -- "<hit>"${^__hits} >> $HITS; builtin compadd "$@" }'
zpty -w z 'comp-probe () { zle complete-word; zle -I; print -r -- "<""probed>" }; zle -N comp-probe; bindkey "^T" comp-probe'
zpty -w -n z "${2}"$'\C-t'
zpty -r z out '*<probed>*' || exit 4
zpty -w z $'\C-u exit'
zpty -d z
"""


def need(shell: str) -> str:
    found = shutil.which(shell)
    if found is None:
        pytest.skip(f"{shell} is not installed (apt-get install {shell}; .ci/run does)")
    if not (BIN / "kizuna").exists():
        pytest.skip(f"no kizuna command beside {sys.executable} (pip install -e . makes it)")
    return found


@pytest.fixture
def shell_env(kizuna, cli_env: dict[str, str]) -> dict[str, str]:
    """The completion scripts run ``kizuna`` from PATH, against the test's store, which holds two people."""
    for line in ("@+Tanaka lunch: pricing", '@+"Sato Ichiro" call: hello'):
        done = kizuna("--date", "2026-11-26", "note", "--new", line)
        assert done.returncode == 0, done.stderr
    return dict(cli_env, PATH=f"{BIN}:{cli_env.get('PATH', '/usr/bin:/bin')}")


def script(kizuna, shell: str, tmp_path: Path) -> Path:
    done = kizuna("completion", shell)
    assert done.returncode == 0 and done.stdout, done.stderr
    path = tmp_path / f"kizuna.{shell}"
    path.write_text(done.stdout, encoding="utf-8")
    return path


def fish_complete(fish: str, loaded: Path, line: str, env: dict[str, str]) -> list[str]:
    done = subprocess.run([fish, "--no-config", "-c", f"source {loaded}; complete -C {line!r}"],
                          env=env, capture_output=True, text=True, encoding="utf-8", timeout=60)
    assert done.returncode == 0 and not done.stderr, done.stderr
    return [row.split("\t")[0] for row in done.stdout.splitlines()]


def zsh_complete(zsh: str, loaded: Path, line: str, env: dict[str, str], tmp_path: Path) -> list[str]:
    hits = tmp_path / "hits"
    hits.unlink(missing_ok=True)
    probe = tmp_path / "probe.zsh"
    probe.write_text(ZSH_PROBE, encoding="utf-8")
    done = subprocess.run([zsh, "-f", str(probe), str(loaded), line], env=dict(env, HITS=str(hits)),
                          capture_output=True, text=True, encoding="utf-8", timeout=60)
    assert done.returncode == 0, (done.stdout, done.stderr)
    if not hits.exists():
        return []
    return sorted({row.removeprefix("<hit>") for row in hits.read_text("utf-8").splitlines()})


def test_fish_completes_commands_subcommands_and_names(kizuna, shell_env, tmp_path) -> None:
    fish = need("fish")
    loaded = script(kizuna, "fish", tmp_path)
    assert fish_complete(fish, loaded, "kizuna sh", shell_env) == ["show"]
    assert fish_complete(fish, loaded, "kizuna show Ta", shell_env) == ["Tanaka"]
    assert fish_complete(fish, loaded, "kizuna forget Sa", shell_env) == ["Sato Ichiro"]
    assert set(fish_complete(fish, loaded, "kizuna note ", shell_env)) >= {"edit", "delete"}
    assert fish_complete(fish, loaded, "kizuna completion z", shell_env) == ["zsh"]


def test_zsh_completes_commands_subcommands_and_names(kizuna, shell_env, tmp_path) -> None:
    zsh = need("zsh")
    loaded = script(kizuna, "zsh", tmp_path)
    assert "show" in zsh_complete(zsh, loaded, "kizuna sh", shell_env, tmp_path)
    assert zsh_complete(zsh, loaded, "kizuna show Ta", shell_env, tmp_path) == ["Tanaka"]
    assert "Sato Ichiro" in zsh_complete(zsh, loaded, "kizuna forget Sa", shell_env, tmp_path)
    assert {"edit", "delete"} <= set(zsh_complete(zsh, loaded, "kizuna note ", shell_env, tmp_path))
