"""Let go of a finished thread worker, so the screen it ran for can be freed.

Textual records the running worker in a context variable of the thread it runs
in (``textual.worker.active_worker``) and leaves it there when the work ends.
The thread pool keeps its threads, so the last worker each thread ran — and,
through its arguments, the screen that started it — stays referred to until
that thread happens to run another. A closed screen referred to that way is
never collected once the app has frozen it (``KizunaApp.freeze_when_idle``),
and while it is alive the app cannot freeze at all. Thread workers started by a
screen call :func:`let_go` as their last step.
"""

from __future__ import annotations


def let_go() -> None:
    """Forget the current thread's finished worker (call it last, in the worker's thread)."""
    from textual.worker import active_worker

    active_worker.set(None)  # type: ignore[arg-type]
