"""What the app's pilot tests share besides fixtures: the fixed date and size, ``settle``, ``toasts``,
``open_health``."""

from __future__ import annotations

import re
from datetime import date

from rich.cells import cell_len

TODAY = date(2026, 11, 26)
SIZE = (160, 45)


async def settle(app, pilot) -> None:
    """Wait until every worker is done and the screen has caught up (no sleeps)."""
    for _ in range(3):
        await app.workers.wait_for_complete()
        await pilot.pause()


def toasts(app) -> str:
    """The text of the notifications on screen now (run the app with ``notifications=True``),
    each message's wrapped lines joined again: with a space where the app broke at one,
    with nothing between two Japanese characters."""
    def join(match: re.Match) -> str:
        wide = cell_len(match.group(1)) == 2 and cell_len(match.group(2)) == 2
        return match.group(1) + ("" if wide else " ") + match.group(2)

    shown = []
    for toast in app.screen.query("Toast"):
        note = toast._notification
        message = re.sub(r"(.)\n(.)", join, note.message)
        shown.append(f"{note.title}\n{message}" if note.title else message)
    return " ".join(shown)


async def open_health(app, pilot):
    """Press h on the settled app and wait for the health screen's numbers; the screen on top."""
    await settle(app, pilot)
    await pilot.press("h")
    await settle(app, pilot)
    return app.screen
