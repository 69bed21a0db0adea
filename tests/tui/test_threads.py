"""tui.threads: what a cancelled worker means.

A write is never cancelled: it runs as a worker of the app, so closing the screen that
asked lets it finish (its callbacks are skipped, the screen being gone). A read belongs
to its screen: closing the screen cancels it, and its result is dropped.
"""

from __future__ import annotations

import threading

from textual.screen import Screen
from textual.worker import WorkerState

from flow_app import SIZE, FlowApp, settle
from tui import threads


async def test_a_write_outlives_its_screen_and_a_read_does_not():
    started, release = threading.Event(), threading.Event()
    wrote: list[str] = []
    called: list[str] = []

    def write() -> str:
        started.set()
        release.wait(10)
        wrote.append("written")
        return "done"

    def read() -> str:
        release.wait(10)
        return "read"

    app = FlowApp(Screen)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        screen = app.screen
        threads.write(screen, write, called.append, called.append)
        threads.read(screen, read, called.append, group="read")
        while not started.is_set():
            await pilot.pause(0.01)
        (write_worker,) = [w for w in app.workers if w.group == "store-write"]
        (read_worker,) = [w for w in app.workers if w.group == "read"]
        assert write_worker.node is app and read_worker.node is screen
        screen.dismiss("closed")
        await pilot.pause()
        release.set()
        await write_worker.wait()
        await pilot.pause()
        assert app.result == "closed"
        assert wrote == ["written"] and write_worker.state == WorkerState.SUCCESS
        assert read_worker.state == WorkerState.CANCELLED
        assert called == []  # neither screen callback ran: the screen is gone
