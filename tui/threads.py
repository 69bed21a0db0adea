"""Thread workers: the one way the app's screens run work off the event loop.

* :func:`read` runs ``fn()`` in a thread worker of a screen or widget and hands
  the result to ``done`` on the event loop. A cancelled read (the node closed, or
  a newer read of its exclusive group started) is not wanted any more: no callback.
* :func:`write` is for changes to the store. The worker belongs to the app, so
  closing the screen that asked never cancels a write (a thread cannot be stopped
  half-way anyway); ``done(result)`` or ``failed(error)`` run on the event loop
  while that screen is still there. The store announces the change itself
  (the app then builds a new snapshot); the app's ``after_write`` reports what the
  store saved with a warning.

Textual records the running worker in a context variable of the thread it runs in
and leaves it there when the work ends; the thread pool keeps its threads, so the
last worker each thread ran, and through its callbacks the screen that started
it, would stay referred to until that thread runs another. A closed screen kept
alive that way blocks the app's freezes, and once frozen is never collected
(:mod:`tui.collector`). So every worker started here forgets itself as its last step.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from textual.dom import DOMNode
from textual.worker import active_worker, get_current_worker

from model.errors import KizunaError

T = TypeVar("T")


def _start(owner: DOMNode, node: DOMNode, fn: Callable[[], T], done: Callable[[T], Any],
           failed: Callable[[KizunaError], Any] | None, *, group: str, exclusive: bool,
           name: str, after: Callable[[], None] | None = None) -> None:
    app = owner.app

    def deliver(worker, callback: Callable[[Any], Any], value: object) -> None:
        # on the event loop: the worker may have been cancelled, or its screen closed, since
        if not worker.is_cancelled and node.is_attached:
            callback(value)

    def job() -> None:
        worker = get_current_worker()
        try:
            try:
                outcome: tuple[Callable[[Any], Any], object] = (done, fn())
            except KizunaError as exc:
                if failed is None:
                    raise
                outcome = (failed, exc)
            else:
                if after is not None:
                    after()
            if not worker.is_cancelled:
                app.call_from_thread(deliver, worker, *outcome)
        finally:
            active_worker.set(None)  # type: ignore[arg-type]  # (the context variable is typed Worker)

    owner.run_worker(job, thread=True, group=group, exclusive=exclusive, name=name, exit_on_error=True)


def read(node: DOMNode, fn: Callable[[], T], done: Callable[[T], Any],
         failed: Callable[[KizunaError], Any] | None = None, *, group: str,
         exclusive: bool = True, name: str = "") -> None:
    """``fn()`` in a thread worker of ``node``; ``done(result)`` (or ``failed(error)``
    for a :class:`KizunaError`) on the event loop unless the worker was cancelled."""
    _start(node, node, fn, done, failed, group=group, exclusive=exclusive, name=name)


def write(node: DOMNode, fn: Callable[[], T], done: Callable[[T], Any],
          failed: Callable[[KizunaError], Any], *, name: str = "") -> None:
    """``fn()`` (a change to the store) in a thread worker of the app, never cancelled;
    ``done(result)`` or ``failed(error)`` on the event loop while ``node`` is there."""
    # the app's after_write (the Kizuna app: warnings of the store); none in a test harness
    after = getattr(node.app, "after_write", None)
    _start(node.app, node, fn, done, failed, group="store-write", exclusive=False, name=name, after=after)
