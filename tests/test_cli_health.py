"""``kizuna health`` as a user runs it: real processes, real store files, a real terminal (pty)."""

from __future__ import annotations

import json
import os
import pty
import select
import subprocess
import sys

import pytest

from model.records import Contact, Interaction

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SECRET = "the acquisition price is 9 billion"


@pytest.fixture
def filled(store):
    ana = Contact(name="Ana", tier="deep", industry="finance")
    ben = Contact(name="Ben", tier="active", industry="software")
    store.add_many([ana, ben,
                    Interaction(date="2026-11-20", contacts=(ana.id,), kind="meal", depth="deep",
                                text=SECRET, scope="confidential"),
                    Interaction(date="2026-10-01", contacts=(ben.id,), kind="call", text="hello")])
    return store


def test_plain_text_when_not_a_terminal(kizuna, filled):
    done = kizuna("--date", "2026-11-26", "health")
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert "\x1b[" not in out  # no colour codes in a pipe
    for title in ("Conversations by day", "Cadence", "Promises per quarter", "Trust balance", "Diversity"):
        assert title in out
    assert "1 deep conversation and 1 touch on 2 of 365 days" in out
    assert "▲ today" in out and "●" in out
    assert SECRET not in out
    assert all(len(line) <= 160 for line in out.splitlines())


def test_json_has_the_numbers_behind_every_chart(kizuna, filled):
    done = kizuna("--date", "2026-11-26", "health", "--months", "3", "--json")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["months"] == 3 and data["today"] == "2026-11-26"
    assert data["heatmap"]["total_deep"] == 1 and data["heatmap"]["total_touch"] == 1
    assert [b["name"] for b in data["cadence"]] == ["Ana", "Ben"]  # Ana due in 24 days (deep: 30), Ben in 34
    assert len(data["promises"]) == 1 and data["promises"][0]["quarter"] == "2026 Q4"
    assert set(data["readings"]) == {"heatmap", "cadence", "promises", "trust", "diversity"}
    assert SECRET not in done.stdout


def test_empty_store_is_a_helpful_empty_state(kizuna):
    done = kizuna("health")
    assert done.returncode == 0, done.stderr
    assert "Nobody here yet" in done.stdout and done.stderr == ""


@pytest.mark.parametrize("months", ["0", "13", "x", "-1"])
def test_a_bad_period_is_one_line_and_exit_2(kizuna, months):
    done = kizuna("health", "--months", months)
    assert done.returncode == 2
    assert len(done.stderr.strip().splitlines()) == 1 and "Traceback" not in done.stderr
    assert "months" in done.stderr


def test_a_broken_store_is_one_line_and_exit_1(kizuna, store_path):
    store_path.parent.mkdir(parents=True)
    store_path.write_text("{not json", encoding="utf-8")
    done = kizuna("health")
    assert done.returncode == 1
    assert len(done.stderr.strip().splitlines()) == 1 and "Traceback" not in done.stderr
    assert store_path.read_text(encoding="utf-8") == "{not json"


def _run_in_terminal(args: list[str], env: dict[str, str], columns: int) -> str:
    """Run kizuna with its output on a real pseudo-terminal ``columns`` wide."""
    import fcntl
    import struct
    import termios

    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, columns, 0, 0))
    env = {k: v for k, v in env.items() if k not in ("COLUMNS", "LINES", "NO_COLOR")}
    env["TERM"] = "xterm-256color"
    proc = subprocess.Popen([sys.executable, "-m", "tui", *args], cwd=ROOT, env=env,
                            stdout=slave, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL)
    os.close(slave)
    chunks = []
    while True:
        ready, _, _ = select.select([master], [], [], 30)
        if not ready:
            break
        try:
            data = os.read(master, 65536)
        except OSError:  # the child closed its end
            break
        if not data:
            break
        chunks.append(data)
    proc.wait(timeout=30)
    os.close(master)
    assert proc.returncode == 0, proc.stderr.read().decode()
    return b"".join(chunks).decode("utf-8")


@pytest.mark.parametrize("columns", [60, 100])
def test_charts_fit_the_terminal_in_colour(cli_env, filled, columns):
    import re

    from rich.cells import cell_len

    out = _run_in_terminal(["--date", "2026-11-26", "health"], cli_env, columns)
    assert "\x1b[" in out  # colour on a terminal
    plain = re.sub(r"\x1b\[[0-9;]*m", "", out).replace("\r", "")
    assert "Conversations by day" in plain and ("▲ today" in plain or "today ▲" in plain)
    for line in plain.splitlines():
        assert cell_len(line) <= columns, line
    assert SECRET not in plain


def test_no_color_on_a_terminal(cli_env, filled):
    env = dict(cli_env, NO_COLOR="1")
    env.pop("COLUMNS", None)
    done = subprocess.run([sys.executable, "-m", "tui", "--date", "2026-11-26", "health"], cwd=ROOT, env=env,
                          capture_output=True, text=True, encoding="utf-8")
    assert done.returncode == 0 and "\x1b[" not in done.stdout


def test_health_does_not_import_textual(cli_env, filled):
    code = ("import sys; from tui.cli import main; main(['health', '--json']); "
            "print('TEXTUAL' if any(m == 'textual' or m.startswith('textual.') for m in sys.modules) else 'OK')")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=cli_env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().endswith("OK")


def test_control_characters_in_names_never_reach_the_terminal(kizuna, cli_env, store):
    from tests.hostile import _swap

    # Kizuna drops control characters on the way in: put them in the file by hand, as an old store has them
    store.add_many([Contact(name="MARK-EVIL", tier="deep", industry="MARK-IND")])
    _swap(store.path, {"MARK-EVIL": "Evil\x1b[2J\x07Corp", "MARK-IND": "bad\x1b]0;x\x07ind"})
    done = kizuna("health")
    assert done.returncode == 0, done.stderr
    assert "\x1b" not in done.stdout and "\x07" not in done.stdout
    assert "Evil [2J Corp" in done.stdout  # controls shown as spaces (tui.text.printable)
    out = _run_in_terminal(["health"], cli_env, 100)
    assert "\x1b[2J" not in out and "\x1b]0;" not in out and "\x07" not in out
