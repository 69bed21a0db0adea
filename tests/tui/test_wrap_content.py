"""Wrapping the Japanese way (kinsoku) in the app's paragraphs: ``tui.hanging_rows.wrap_content``."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len
from textual.content import Content

from tui.hanging_rows import wrap_content
from tui.text import wrap_cells

CLOSING = "、。）」』"
text = st.text(st.sampled_from(list("あいう漢字、。「」（）ーab cd")), max_size=80)


@given(text, st.integers(min_value=2, max_value=40))
def test_lines_fit_lose_nothing_and_never_start_with_a_closing_mark(words: str, width: int) -> None:
    lines = [line.plain for line in wrap_content(Content(words), width)]
    follows_a_space = any(f" {mark}" in words for mark in CLOSING)  # then it may lead a line
    assert all(cell_len(line) <= width for line in lines)
    assert "".join(lines).replace(" ", "") == words.replace(" ", "")
    for before, line in zip(lines, lines[1:]):
        # unless the piece held together was wider than the line, and so folded
        folded = cell_len(before) >= width - 1
        assert not line or line[0] not in CLOSING or follows_a_space or folded


def test_a_sentence_breaks_before_the_character_ahead_of_a_comma() -> None:
    lines = wrap_content(Content("連絡の間隔を過ぎ、3人がまもなく期日。"), 16)
    assert [line.plain for line in lines] == ["連絡の間隔を過", "ぎ、3人がまもな", "く期日。"]


def test_styles_are_kept_across_the_break() -> None:
    content = Content("深い会話なし。") + Content.styled("期限切れの約束が一件あります。", "bold")
    lines = wrap_content(content, 12)
    assert "".join(line.plain for line in lines) == content.plain
    assert any(span.style == "bold" for line in lines[1:] for span in line.spans)


def test_the_command_line_wraps_at_the_same_places() -> None:
    sentence = "深い関係5人のうち1人と60日間深い会話なし。深い層の17人のうち3人が連絡の間隔を過ぎ、3人がまもなく期日。"
    for width in (20, 31, 47):
        assert [line.plain for line in wrap_content(Content(sentence), width)] == wrap_cells(sentence, width)


def test_a_no_break_space_keeps_a_count_with_its_word() -> None:
    lines = wrap_content(Content("期限切れ\xa01 · 連絡の間隔\xa03 · 近日\xa05"), 20)
    assert [line.plain for line in lines] == ["期限切れ\xa01 ·", "連絡の間隔\xa03 ·", "近日\xa05"]
