"""The pane with the focus has an accent border and a bold accent title; the others the
panel's (set on the panes when the focus moves, see MainScreen._show_active_pane)."""

from __future__ import annotations

from textual.color import Color

from app_helpers import SIZE, settle

PANES = ("#contacts-pane", "#timeline-pane", "#focus-pane")


def border_colors(app) -> list[Color]:
    return [app.screen.query_one(p).styles.border_top[1] for p in PANES]


def accent(app) -> Color:
    return Color.parse(app.theme_variables["accent"])


async def test_the_accent_follows_the_focus_and_the_theme(demo_store, make_test_app):
    app = make_test_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        panel = Color.parse(app.theme_variables["panel"])
        assert border_colors(app) == [accent(app), panel, panel]
        contacts = app.screen.query_one(PANES[0])
        assert contacts.styles.border_title_color == accent(app)
        assert "bold" in str(contacts.styles.border_title_style)
        for expected in (1, 2, 0):
            await pilot.press("tab")
            await settle(app, pilot)
            colors = border_colors(app)
            assert colors[expected] == accent(app)
            assert all(c == panel for i, c in enumerate(colors) if i != expected)
        # a pane left behind has its own title colour back (muted, not bold)
        timeline = app.screen.query_one(PANES[1])
        assert timeline.styles.auto_border_title_color and "bold" not in str(timeline.styles.border_title_style)
        before = accent(app)
        app.theme = "nord" if app.theme != "nord" else "gruvbox"
        await settle(app, pilot)
        assert accent(app) != before and border_colors(app)[0] == accent(app)
