"""In Japanese mode the contact list and the palette show people in the order of their
readings (stored or guessed), Latin names after: the same order as ``kizuna contacts``."""

from __future__ import annotations

from app_helpers import SIZE, settle

from model.language import i18n
from model.records import Contact
from tui.widgets.row_list import RowList

PEOPLE = [Contact(name="Anna Berg"), Contact(name="佐藤 健"), Contact(name="阿部 勇"),
          Contact(name="後藤 学", reading="ごとう まなぶ"), Contact(name="小池 恵", reading="コイケ メグミ"),
          Contact(name="Ken Sato"), Contact(name="加藤 浩", reading="かとう ひろし")]
JA = ["阿部 勇", "加藤 浩", "小池 恵", "後藤 学", "佐藤 健", "Anna Berg", "Ken Sato"]


async def test_list_and_palette_follow_the_reading(japanese, empty_store, make_test_app):
    from tui.palette import KizunaCommands

    with empty_store.transaction():
        for person in PEOPLE:
            empty_store.add(person)
    app = make_test_app(empty_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        rows = app.screen.query_one("#contact-list", RowList).rows
        listed = [r.contact.name for r in rows if hasattr(r, "contact")]
        assert listed == JA
        provider = KizunaCommands(app.screen)
        await provider.startup()
        hits = [h async for h in provider.search("a")]  # a letter inside every name's reading or romaji
        before, after = i18n._("Go to {name}").split("{name}")  # 「{name}へ」 in Japanese

        def person(text: str) -> str | None:
            name = text[len(before):len(text) - len(after)] if text.startswith(before) and text.endswith(after) else ""
            return name if name in JA else None

        shown = [person(h.text) for h in hits if person(h.text)]
        by_score: dict[float, list[str]] = {}
        for h in hits:
            if (name := person(h.text)) is not None:
                by_score.setdefault(h.score, []).append(name)
        for same in by_score.values():  # people as good a match as each other: in reading order
            assert same == [n for n in JA if n in same]
        assert set(shown) == set(JA) - {"小池 恵"}  # koike megumi has no "a"
        assert max(map(len, by_score.values())) >= 3
