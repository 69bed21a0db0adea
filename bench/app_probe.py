"""One run of the app under ``App.run_test()``: prints its timings as one JSON line.

Run by :mod:`bench.run` as a fresh process per run (so the start-up is a real cold
start of imports and store loading), never by hand:

    python -m bench.app_probe STORE PERSON TODAY

It measures, in seconds:

* ``ready`` — from the process's own start (``spawned``, a wall-clock time passed by
  the harness) until the main screen shows the contact list, filled;
* ``filter`` — one keystroke typed into the contact filter until the list shows the
  result (median of several keystrokes, each measured on its own);
* ``open`` — moving the cursor to a person until their timeline is drawn;
* ``capture`` — Enter on a quick capture until the note is on disk and the screen
  is back, and ``capture_block`` — the longest the screen's message loop was blocked
  meanwhile (a timer ticking every 5 ms notices any stall);
* ``rss`` — the process's peak resident memory (bytes) at the end.
"""

from __future__ import annotations

import time

START = time.time()

import asyncio  # noqa: E402
import json  # noqa: E402
import resource  # noqa: E402
import statistics  # noqa: E402
import sys  # noqa: E402
from datetime import date  # noqa: E402
from pathlib import Path  # noqa: E402


async def probe(store_path: Path, person: str, today: date, spawned: float) -> dict:
    from model.store import Store
    from tui.app import make_app

    app = make_app(Store(store_path), today=today)
    out: dict = {}
    async with app.run_test(size=(160, 48)) as pilot:
        from tui.screens.main import MainScreen

        while not (isinstance(app.screen, MainScreen) and app.screen.contacts.row_list.rows):
            await pilot.pause()
        out["ready"] = time.time() - spawned
        main = app.screen
        pane = main.contacts

        # one filter keystroke at a time, each on a fresh filter
        times = []
        for query in ("s", "t", "a", "k", "m"):
            pane.filter_input.value = ""
            await pilot.pause()
            pane.filter_input.focus()
            await pilot.pause()
            t = time.perf_counter()
            await pilot.press(query)
            await pilot.pause()
            times.append(time.perf_counter() - t)
            assert pane.filter_input.value == query, pane.filter_input.value
        out["filter"] = statistics.median(times)
        out["filter_all"] = times

        # open a person's timeline: type their name, then move onto them
        pane.filter_input.value = person
        await pilot.pause()
        pane.row_list.focus()
        await pilot.pause()
        target = next(r.key for r in pane.row_list.rows if r.key)
        times = []
        for _ in range(3):
            main.contact_id = None
            main.timeline.show(app.book, app.today, None)
            await pilot.pause()
            t = time.perf_counter()
            main.select_person(target)
            await pilot.pause()
            times.append(time.perf_counter() - t)
        rows = len(main.timeline.row_list.rows)
        assert rows > 10, rows
        out["open"] = statistics.median(times)
        out["timeline_rows"] = rows

        # a quick capture from the app, while a 5 ms timer watches the message loop
        ticks: list[float] = []
        timer = app.set_interval(0.005, lambda: ticks.append(time.perf_counter()))
        before = app.store.raw.version
        await pilot.press("escape")
        await pilot.press("n")
        await pilot.pause()
        from tui.screens.capture import CaptureScreen

        screen = app.screen
        assert isinstance(screen, CaptureScreen), screen
        screen.query_one("#capture-line").value = f'@"{person}" call about the benchmark #bench'
        await pilot.pause()
        ticks.clear()
        t = time.perf_counter()
        await pilot.press("enter")
        deadline = t + 30
        while app.store.raw.version == before or isinstance(app.screen, CaptureScreen):
            if time.perf_counter() > deadline:
                said = "; ".join(n.message for n in app._notifications)
                raise SystemExit(f"the capture was not saved in 30 s (screen {app.screen!r}; {said})")
            await asyncio.sleep(0.001)
        out["capture"] = time.perf_counter() - t
        end = time.perf_counter()
        await pilot.pause()
        timer.stop()
        stamps = [t] + [s for s in ticks if s <= end] + [end]
        out["capture_block"] = max(b - a for a, b in zip(stamps, stamps[1:]))
    out["rss"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    return out


def main() -> None:
    path, person, today, spawned = sys.argv[1], sys.argv[2], date.fromisoformat(sys.argv[3]), float(sys.argv[4])
    result = asyncio.run(probe(Path(path), person, today, spawned))
    result["started"] = START - spawned
    print(json.dumps(result))


if __name__ == "__main__":
    main()
