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


async def test_search_shows_the_widest_kind_whole(japanese, make_test_app, tmp_path):
    store = Store(tmp_path / "kizuna.json")
    build_demo(store, TODAY, "ja")
    app = make_test_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("s")
        await settle(app, pilot)
        app.screen.query_one("#search-input").value = "助言"
        await settle(app, pilot)
        results = app.screen.query_one("#search-results")
        rows = [results.line_text(y) for y in range(len(results.rows))]
        assert rows and all(row[11:].startswith("手助けを受けた ") for row in rows), rows[:3]


def test_the_command_line_timeline_lines_up_in_japanese(kizuna, cli_env):
    done = kizuna("--demo", "--date", "2026-11-26", "show", "Emily", env={**cli_env, "KIZUNA_LANG": "ja"})
    assert done.returncode == 0, done.stderr
    timeline = done.stdout[done.stdout.index("タイムライン"):]
    lines = [line for line in timeline.splitlines() if line.startswith("  20")]
    assert any("手助けを受けた" in line for line in lines)
    # the depth word starts at the same column on every line (date, kind column, a space)
    columns = {cell_len(line[:line.index(" 接点 " if " 接点 " in line else " 深い ")]) for line in lines}
    assert len(columns) == 1, columns
