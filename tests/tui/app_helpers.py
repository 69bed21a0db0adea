"""What the app's pilot tests share besides fixtures: the fixed date and size, ``settle``, ``toasts``."""

from __future__ import annotations

from datetime import date

TODAY = date(2026, 11, 26)
SIZE = (160, 45)


async def settle(app, pilot) -> None:
    """Wait until every worker is done and the screen has caught up (no sleeps)."""
    for _ in range(3):
        await app.workers.wait_for_complete()
        await pilot.pause()


def toasts(app) -> str:
    """The text of the notifications on screen now (run the app with ``notifications=True``)."""
    return " ".join(str(t.render()) for t in app.screen.query("Toast"))
