"""The merge dialog's preview says what moves over in Japanese (issue 17)."""

from __future__ import annotations

from app_helpers import settle
from test_merge_dialog import Host, people, preview

from model.store import Store


async def test_what_moves_is_said_in_japanese(japanese, tmp_path):
    store = Store(tmp_path / "kizuna.json")
    a, b, c, d = people(store)
    app = Host(store, a.id)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        shown = preview(app)
        assert "メモ0件、約束0件、フォーカスの枠0件を移動。" in shown, shown  # (ヤマダ タロウ comes first in あいうえお順)
        assert "moved" not in shown and "notes" not in shown
