"""``kizuna COMMAND --help`` fits an 80-column terminal in Japanese as in English: argparse
wraps at spaces and counts characters, so a Japanese sentence (no spaces, two cells a
character) ran past the edge. Real ``kizuna`` subprocesses."""

from __future__ import annotations

import pytest
from rich.cells import cell_len

from tui.cli.entry import COMMANDS
from tui.text import wrap_cells

SHOWN = sorted(c for c in COMMANDS if not c.startswith("_"))


def too_wide(text: str) -> list[str]:
    # the examples are commands to copy whole, in either language
    return [line for line in text.splitlines()
            if cell_len(line) > 80 and not line.lstrip().startswith("kizuna ")]


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_every_commands_help_fits_80_columns(kizuna, cli_env, lang):
    env = {**cli_env, "KIZUNA_LANG": lang, "COLUMNS": "80"}
    for command in ["", *SHOWN]:
        done = kizuna(*([command] if command else []), "--help", env=env)
        assert done.returncode == 0, (command, done.stderr)
        assert too_wide(done.stdout) == [], (lang, command)


def test_japanese_help_is_wrapped_not_cut():
    """Every character is kept, in order, and a line never starts with a closing mark."""
    text = "メモを $VISUAL/$EDITOR で書く(ここまでの行が先頭に入る。1行目は書き方に従って読み、残りはメモの本文。)"
    lines = wrap_cells(text, 30)
    assert len(lines) > 2
    assert all(cell_len(line) <= 30 for line in lines)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
    assert not any(line[0] in "、。)」" for line in lines)


def test_a_closing_mark_stays_with_the_word_before_and_an_opening_one_with_the_next():
    assert wrap_cells("「こんにちは」と言った。", 6) == ["「こん", "にち", "は」と", "言っ", "た。"]


def test_latin_words_are_never_split():
    assert wrap_cells("the quick brown fox", 10) == ["the quick", "brown fox"]
    assert wrap_cells("佐藤さん met Kenji", 9) == ["佐藤さん", "met Kenji"]
