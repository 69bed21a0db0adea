"""The timeline's kind column fits the widest kind in the language in use (issue 17): no
Japanese kind is cut, at every size from 80x24, and the note keeps its room (issue 11)."""

from __future__ import annotations

import pytest
from rich.cells import cell_len

from app_helpers import TODAY, settle
from model.demo import build_demo
from model.language.i18n import _, word
from model.records import KINDS
from model.store import Store

#: (size, the least note text a row shows in cells), as tests/tui/test_sizes.py
SIZES = [((80, 24), 30), ((100, 30), 40), ((120, 35), 40), ((160, 45), 40), ((200, 60), 40)]


@pytest.mark.parametrize(("size", "least"), SIZES, ids=[f"{w}x{h}" for (w, h), _ in SIZES])
async def test_no_japanese_kind_is_cut(japanese, make_test_app, tmp_path, size, least):
    from tui.widgets.timeline import kind_column

    store = Store(tmp_path / "kizuna.json")
    build_demo(store, TODAY, "ja")
    app = make_test_app(store)
    async with app.run_test(size=size) as pilot:
        await settle(app, pilot)
        main = app.screen
        sato = next(c for c in store.contacts() if c.name == "佐藤 健")  # events, help received, a promise
        main.select_person(sato.id)
        await settle(app, pilot)
        rows = main.timeline.row_list
        width = rows.scrollable_content_region.width
        cells, full = kind_column(width)
        labels = {word("kind" if full else "kind short", k) for k in KINDS} | {_("promise")}
        assert cells == max(cell_len(label) for label in labels)  # sized to the widest, no wider
        seen = set()
        for y in range(len(rows._rows)):
            row = rows.line_text(y)
            # date (11 cells), mark (2), the kind column, a space: all ASCII or wide characters
            head = row[:13]
            rest = row[13:]
            kind, taken = "", 0
            for ch in rest:
                if taken >= cells:
                    break
                kind += ch
                taken += cell_len(ch)
            assert "…" not in kind and kind.strip() in labels, (size, row)
            seen.add(kind.strip())
            assert cell_len(head) == 13 and rest[len(kind)] == " ", row
            assert width - 13 - cells - 1 >= least, (size, row)
        assert len(seen) >= 4, seen
        if not full:
            assert "被支援" in seen or "催し" in seen, seen
        else:
            assert {"手助けを受けた", "イベント"} & seen, seen
