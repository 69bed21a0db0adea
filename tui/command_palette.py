"""Textual's command palette, with its "No matches found" in the user's language.

Textual writes that line in English inside ``CommandPalette._start_no_matches_countdown``
and offers no hook for it, so this subclass repeats that method (Textual 8.2) with the
text from our catalogue.
"""

from __future__ import annotations

from rich.align import Align
from rich.text import Text
from textual.command import CommandList, CommandPalette
from textual.widgets.option_list import Option

from model.language.i18n import _


class KizunaPalette(CommandPalette):
    """The palette the app opens (ctrl+p)."""

    def _start_no_matches_countdown(self, search_value: str) -> None:
        self._stop_no_matches_countdown()

        def _show_no_matches() -> None:
            if search_value:  # (an empty search is discovery: nothing to say)
                self.query_one(CommandList).add_option(Option(
                    Align.center(Text(_("No matches found"), style="not bold")), disabled=True,
                    id=self._NO_MATCHES))
                self._list_visible = True
            else:
                self._list_visible = False

        self._no_matches_timer = self.set_timer(self._NO_MATCHES_COUNTDOWN, _show_no_matches)
