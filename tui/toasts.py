"""The app's notifications (a mixin of :class:`tui.app.KizunaApp`).

Every toast is plain text with its hidden characters shown, wrapped where Japanese may
break; a write's warnings (see ``Store.warnings``) are told as toasts after it commits.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from model.language.i18n import _
from model.language.text import visible
from tui.text import wrap_cells

if TYPE_CHECKING:
    from textual.app import App

    from tui.shared_store import SharedStore

    _App = App[int]
else:
    _App = object

#: a toast's text width: app.tcss gives Toast a width of 42, less its border and padding
TOAST_TEXT_WIDTH = 39


class Toasts(_App):
    """Notifications (it needs the app's ``store``)."""

    store: SharedStore

    def notify(self, message: str, *, title: str = "", **options) -> None:
        """Every notification (names, notes, errors in them) as plain text, its hidden
        characters shown, wrapped where Japanese may break: Textual breaks only at spaces,
        so ``佐藤 健とのメモ…`` lost its given name to the next line."""
        lines = (wrap_cells(line, TOAST_TEXT_WIDTH) or [""]
                 for line in visible(message, multiline=True).split("\n"))
        options.setdefault("markup", False)  # a name like "[b]Ann[/b]" is shown as written
        super().notify("\n".join(line for wrapped in lines for line in wrapped),
                       title=visible(title), **options)

    def after_write(self) -> None:
        """(tui.threads.write calls this in the worker, after each write) Say what a write
        saved with a problem after its commit (see Store.warnings)."""
        with self.store.lock:
            warnings, self.store.raw.warnings[:] = list(self.store.raw.warnings), []
        for warning in warnings:
            self.call_from_thread(self.notify, warning, title=_("Saved, with a warning"),
                                  severity="warning", timeout=10)
