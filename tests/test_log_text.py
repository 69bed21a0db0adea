"""Timeline log lines: stored in English, shown in the language in use, unchanged in English."""

from __future__ import annotations

import pytest

from model.actions.log_text import shown
from model.language import i18n

LINES = {
    "tier: added to deep": "層: 深いに追加",
    "tier: moved down from deep to active: less time": "層: 深いから活発へ下げた: less time",
    "snoozed until 2026-12-20: 出張": "2026-12-20までスヌーズ: 出張",
    "snooze ended early": "スヌーズを早めに終了",
    "kept their promise: deck (on time)": "相手が約束を守った: deck(期限内)",
    "kept my promise: a (b) (1 day late)": "自分の約束を守った: a (b)(1日遅れ)",
    "dropped their promise: intro: not needed": "相手の約束を取り下げた: intro: not needed",
    "rescheduled my promise: deck, 2026-12-01 -> 2026-12-08": "自分の約束の期日を変更: deck, 2026-12-01 -> 2026-12-08",
    "Merged A (Acme) into B: 1 note, 2 promises, 0 focus slots moved":
        "A (Acme)をBに統合: メモ1件、約束2件、フォーカスの枠0件を移動",
    "tier: something else": "tier: something else",
}


@pytest.mark.parametrize("stored", LINES)
def test_a_log_line_reads_the_same_in_english(stored: str) -> None:
    assert shown(stored) == stored


@pytest.mark.parametrize(("stored", "japanese"), LINES.items())
def test_a_log_line_in_japanese(stored: str, japanese: str) -> None:
    try:
        i18n.set_language("ja")
        assert shown(stored) == japanese
    finally:
        i18n.set_language("en")
