"""One run of the app under ``App.run_test()``: prints its timings as one JSON line.

Run by :mod:`bench.run` as a fresh process per run (so the start-up is a real cold
start of imports and store loading), never by hand:

    python -m bench.app_probe STORE PERSON TODAY SPAWNED [ready]

(``ready``: stop once the main screen is ready, for the paired start-up rows.)

It measures, in seconds:

* ``ready`` — from the process's own start (``spawned``, a wall-clock time passed by
  the harness) until the main screen shows the contact list, filled;
* ``filter`` — one keystroke typed into the contact filter until the list shows the
  result and the screen is drawn (median of several keystrokes, each on its own);
* ``open`` — a cursor key in the contact list until the next person's timeline is drawn;
* ``health_open`` — ``h`` until the health screen shows its charts (the numbers computed in
  a worker from the snapshot, then drawn);
* ``capture`` — (median of three captures) Enter on a quick capture until the note is on disk and the screen
  is back; ``capture_shown`` — until the main screen shows the new planning snapshot
  (the note in the timeline, the due markers, the focus pane), drawn; and
  ``capture_block`` — the longest the screen's message loop was blocked from Enter
  until 50 ms after that (a timer ticking every 5 ms notices any stall);
* ``tab`` — Tab (the next pane) until the focus moved and the screen is drawn (median
  of a round of the three panes, twice);
* ``filter_80x24``, ``open_80x24``, ``filter_100x30``, ``open_100x30``, ``filter_200x60``,
  ``open_200x60`` — the filter keystroke and the cursor move again, in a terminal of that size;
* ``resize`` — a resize (160x48 to 80x24, 100x30, 120x35, 200x60 and back) until the
  main screen is laid out again for it and drawn (median), Textual's own 1/120 s wait for
  more resize events included;
* ``search`` — (median) one keystroke typed into the search (``s``) until its results
  are drawn, the snapshot's search index built; ``search_index`` — from ``s`` until
  that index was built (in a worker);
* ``rss`` — the process's peak resident memory (bytes) at the end;
* ``*_cpu`` — the CPU time the process used over the same spans (all threads; the
  ready one since the process started): on a busy machine, what the work cost
  without the waiting for a core.
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


CAPTURES = 3  # quick captures per app process


async def probe(store_path: Path, person: str, today: date, spawned: float, ready_only: bool = False) -> dict:
    from model.language import i18n
    from model.store import Store
    from tui.app import make_app
    from tui.cli.entry import _use_language

    i18n.set_language(i18n.choose())  # as `kizuna` starts: KIZUNA_LANG, else the locale ...
    store = Store(store_path)
    _use_language(store)  # ... then the store's setting (KIZUNA_LANG still wins)
    app = make_app(store, today=today)
    out: dict = {}
    async with app.run_test(size=(160, 48)) as pilot:
        from tui.screens.main import MainScreen

        while not (isinstance(app.screen, MainScreen) and app.screen.contacts.row_list.rows):
            await pilot.pause()
        out["ready"] = time.time() - spawned
        out["ready_cpu"] = time.process_time()
        out["language"] = i18n.language()  # the harness checks its Japanese starts were
        if ready_only:
            return out
        main = app.screen
        pane = main.contacts

        cpu: list[float] = []

        async def key(name: str, done) -> float:
            """Send one key as the terminal would; wall time until handled and drawn.

            No pilot.press here: it sleeps in 20 ms steps waiting for the CPU to be idle,
            which would swamp what is measured. This waits only on the message queues.
            """
            from textual import events

            t, c = time.perf_counter(), time.process_time()
            event = events.Key(name, name if len(name) == 1 else None)
            event.set_sender(app)
            app.post_message(event)
            while True:
                await pilot._wait_for_screen()
                if done():
                    break
                if time.perf_counter() - t > 10:
                    raise SystemExit(f"key {name!r} had no effect in 10 s")
            await pilot._wait_for_screen()
            app.screen._on_timer_update()  # draw now rather than on the next refresh tick
            cpu.append(time.process_time() - c)
            return time.perf_counter() - t

        async def filter_and_open(suffix: str = "") -> None:
            """One filter keystroke at a time, each on a fresh filter; then the cursor."""
            times = []
            for query in ("s", "t", "a", "k", "m", "y", "o"):
                pane.filter_input.value = ""
                pane.filter_input.focus()
                await pilot.pause()
                times.append(await key(query, lambda: pane.filter_input.value == query
                                       and pane.border_subtitle.startswith(tuple("0123456789"))
                                       and " of " in pane.border_subtitle))
            out["filter" + suffix] = statistics.median(times)
            out["filter" + suffix + "_cpu"] = statistics.median(cpu)
            out["filter_all" + suffix] = times
            cpu.clear()

            # open a person's timeline: the cursor moves down (then up) the list, from its
            # top, where the deep tier with the longest timelines is
            pane.filter_input.value = ""
            await pilot.pause()
            pane.row_list.focus()
            pane.row_list.action_first()
            await pilot.pause()
            times = []
            rows = 0
            for step in range(6):
                before = main.contact_id
                direction = "down" if step % 2 == 0 else "up"
                times.append(await key(direction, lambda: main.contact_id != before))
                rows = max(rows, len(main.timeline.row_list.rows))
            assert rows > 10, rows
            out["open" + suffix] = statistics.median(times)
            out["open" + suffix + "_cpu"] = statistics.median(cpu)
            out["timeline_rows" + suffix] = rows
            cpu.clear()

        await filter_and_open()

        # Tab: round the three panes twice, each move until the focus moved and is drawn
        times = []
        for _ in range(6):
            before = app.focused
            times.append(await key("tab", lambda: app.focused is not before and app.focused is not None))
        out["tab"] = statistics.median(times)
        out["tab_cpu"] = statistics.median(cpu)
        out["tab_all"] = times
        cpu.clear()

        # a resize: until the main screen is laid out for the new size and drawn
        from textual.events import Resize
        from textual.geometry import Size

        times = []
        for width, height in ((80, 24), (160, 48), (100, 30), (120, 35), (200, 60), (160, 48)):
            size = Size(width, height)
            app._driver._size = size  # the headless driver's terminal (as pilot.resize_terminal does)
            t, c = time.perf_counter(), time.process_time()
            app.post_message(Resize(size, size))
            panes = main.query_one("#panes")
            while not (panes.size == Size(width, height - 3)  # (the header, the focus line or not, the keys)
                       or panes.size == Size(width, height - 2)):
                await pilot._wait_for_screen()
                if time.perf_counter() - t > 10:
                    raise SystemExit(f"the screen was not laid out for {size} in 10 s")
            await pilot._wait_for_screen()
            main._on_timer_update()
            cpu.append(time.process_time() - c)
            times.append(time.perf_counter() - t)
        out["resize"] = statistics.median(times)
        out["resize_cpu"] = statistics.median(cpu)
        out["resize_all"] = times
        cpu.clear()

        for width, height in ((80, 24), (100, 30), (200, 60)):
            await pilot.resize_terminal(width, height)
            await pilot.pause()
            await filter_and_open(f"_{width}x{height}")
        await pilot.resize_terminal(160, 48)
        await pilot.pause()

        # the health screen: h until its numbers (computed in a worker) are drawn; three opens
        from tui.screens.health import HealthScreen

        times = []
        cpu.clear()
        for _ in range(3):
            pane.row_list.focus()
            await pilot.pause()
            times.append(await key("h", lambda: isinstance(app.screen, HealthScreen)
                                   and app.screen.health is not None))
            await pilot.press("escape")
            await app.workers.wait_for_complete()
            await pilot.pause()
        out["health_open"] = statistics.median(times)
        out["health_open_cpu"] = statistics.median(cpu)
        cpu.clear()

        # the search: s, wait for the index (built in a worker), then one keystroke at a time
        from tui.screens.search import SearchScreen

        t = time.perf_counter()
        await pilot.press("s")
        while not (isinstance(app.screen, SearchScreen) and app.screen.index is not None):
            await asyncio.sleep(0.005)
        out["search_index"] = time.perf_counter() - t
        search = app.screen
        box = search.query_one("#search-input")
        times = []
        cpu.clear()
        for word in ("deck", "onboarding", "価格"):
            box.value = ""
            await pilot.pause()
            for i in range(len(word)):
                typed = word[:i + 1]
                times.append(await key(word[i], lambda: box.value == typed and search.shown == typed))
        out["search"] = statistics.median(times)
        out["search_cpu"] = statistics.median(cpu)
        out["search_all"] = times
        cpu.clear()
        await pilot.press("escape")
        await pilot.pause()

        # quick captures from the app, while a 5 ms timer watches the message loop
        from textual import events

        from tui.screens.capture import CaptureScreen

        ticks: list[float] = []
        timer = app.set_interval(0.005, lambda: ticks.append(time.perf_counter()))
        await pilot.press("escape")
        saves: dict[str, list[float]] = {"capture": [], "capture_cpu": [], "capture_shown": [], "capture_block": []}
        for n in range(CAPTURES):
            before, generation = app.store.raw.version, app._generation
            await pilot.press("n")
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, CaptureScreen), screen
            screen.query_one("#capture-line").value = f'@"{person}" call about the benchmark, take {n + 1} #bench'
            await pilot.pause()
            await asyncio.sleep(0.1)  # the preview settles, as it would while a person reads it
            ticks.clear()
            t, c = time.perf_counter(), time.process_time()
            enter = events.Key("enter", "\r")
            enter.set_sender(app)
            app.post_message(enter)  # as typed; pilot.press would add its own idle waits
            deadline = t + 30
            while app.store.raw.version == before or isinstance(app.screen, CaptureScreen):
                if time.perf_counter() > deadline:
                    said = "; ".join(n.message for n in app._notifications)
                    raise SystemExit(f"the capture was not saved in 30 s (screen {app.screen!r}; {said})")
                await asyncio.sleep(0.001)
            saves["capture"].append(time.perf_counter() - t)
            saves["capture_cpu"].append(time.process_time() - c)
            # ... and on until the main screen shows the new planning snapshot, drawn
            while app._generation == generation or app._shown_generation < app._generation:
                if time.perf_counter() > deadline:
                    raise SystemExit("the new snapshot was not shown in 30 s")
                await asyncio.sleep(0.001)
            await pilot._wait_for_screen()
            app.screen._on_timer_update()
            saves["capture_shown"].append(time.perf_counter() - t)
            await asyncio.sleep(0.05)  # and a little after: a stall right after counts too
            end = time.perf_counter()
            stamps = [t] + [s for s in ticks if s <= end] + [end]
            saves["capture_block"].append(max(b - a for a, b in zip(stamps, stamps[1:])))
        timer.stop()
        for key, values in saves.items():
            out[key] = statistics.median(values)
        out["capture_block_worst"] = max(saves["capture_block"])
    out["rss"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    return out


def main() -> None:
    path, person, today, spawned = sys.argv[1], sys.argv[2], date.fromisoformat(sys.argv[3]), float(sys.argv[4])
    ready_only = sys.argv[5:] == ["ready"]
    result = asyncio.run(probe(Path(path), person, today, spawned, ready_only))
    result["started"] = START - spawned
    print(json.dumps(result))


if __name__ == "__main__":
    main()
