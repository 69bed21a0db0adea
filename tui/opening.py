"""Opening screens (a mixin of :class:`tui.app.KizunaApp`).

The app's keys (``a``, ``n``, ``r``, ``f``, ...) open its screens and dialogs. A key is
refused, and hidden from the footer, while it would stack a second copy of its screen,
or open one of the main screen's screens over a flow or a dialog.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, cast

from model.language.i18n import _
from model.planning.book import Book
from tui.messages import OpenPerson

if TYPE_CHECKING:
    from datetime import date

    from textual.app import App

    from tui.shared_store import SharedStore

    _App = App[int]
else:
    _App = object

#: App action -> (module, class) of the screen it opens. An action is refused while a
#: screen of its class is already on the stack (``f`` in the planner stacks no second one).
OPENS: dict[str, tuple[str, str]] = {
    "add_person": ("tui.screens.contact_form", "ContactForm"),
    "capture": ("tui.screens.capture", "CaptureScreen"),
    "review": ("tui.screens.review", "ReviewScreen"),
    "plan": ("tui.screens.focus_planner", "FocusPlannerScreen"),
    "month_review": ("tui.screens.month_review", "MonthReviewScreen"),
    "import": ("tui.screens.import_screen", "ImportScreen"),
    "health": ("tui.screens.health", "HealthScreen"),
    "merge": ("tui.screens.merge_dialog", "MergeDialog"),
    "export": ("tui.screens.export_dialog", "ExportDialog"),
    "settings": ("tui.screens.settings_screen", "SettingsScreen"),
    "help": ("tui.screens.help", "HelpScreen"),
    "search": ("tui.screens.search", "SearchScreen"),
}
#: App actions that belong to the main screen (and the first-run screen): refused while a
#: full-screen flow (review, focus planner, month review) is open, which has keys of its
#: own; Escape leads back to the main screen. Help (``?``) works everywhere.
MAIN_ONLY = frozenset(OPENS) - {"help"} | {"everyone", "reveal", "filter", "tier", "undo"}


class Opening(_App):
    """The app's screen-opening actions (it needs the app's ``store``, ``today`` and ``book``)."""

    store: SharedStore
    today: date
    book: Book

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Refuse (and hide from the footer) the keys that would stack a second copy of a
        screen, or open the main screen's screens over any other screen (a flow, a dialog)."""
        if action in MAIN_ONLY and not self._on_main():
            return False
        if action in OPENS:
            module, name = OPENS[action]
            # not imported yet: no such screen can be open (and none is imported just to ask)
            cls = getattr(sys.modules.get(module), name, None)
            if cls is not None and any(isinstance(s, cls) for s in self.screen_stack):
                return False
        return True

    def _on_main(self) -> bool:
        """Whether the main screen (or the first-run one) is the screen in use: a main-screen
        key pressed in a dialog or a flow (x on a form's list, m in the planner) is not its."""
        from textual.command import CommandPalette

        from tui.screens.first_run import FirstRunScreen
        from tui.screens.main import MainScreen

        # the palette asks about the screen it was opened on, and runs its choice there
        screen = next(s for s in reversed(self.screen_stack) if not isinstance(s, CommandPalette))
        return isinstance(screen, (MainScreen, FirstRunScreen))

    def _main(self):
        from tui.screens.main import MainScreen

        return self.screen if isinstance(self.screen, MainScreen) else None

    def action_add_person(self) -> None:
        from tui.screens.contact_form import ContactForm

        self.push_screen(ContactForm(self.store, self.today), self._opened_person)

    def edit_person(self, contact_id: str, focus: str = "name") -> None:
        from tui.screens.contact_form import ContactForm

        self.push_screen(ContactForm(self.store, self.today, contact_id, focus=focus), self._opened_person)

    def _shown_person(self) -> str | None:
        """The person the main screen shows (None, with a word why, if none)."""
        main = self._main()
        contact_id = (main.contact_id or main.contacts.highlighted_id) if main is not None else None
        if not contact_id or self.book.get_contact(contact_id) is None:
            self.notify(_("Choose a person first (the contact list, or ctrl+p and a name)."),
                        severity="warning")
            return None
        return contact_id

    def action_tier(self) -> None:
        """Move the person shown to another tier: their form, on the tier (caps checked there)."""
        if contact_id := self._shown_person():
            self.edit_person(contact_id, focus="tier")

    def action_merge(self) -> None:
        from tui.screens.merge_dialog import MergeDialog

        if contact_id := self._shown_person():
            self.push_screen(MergeDialog(self.store, self.today, contact_id), self._merged)

    def _merged(self, result) -> None:
        if result is not None:
            self.post_message(OpenPerson(result.kept.id))

    def action_export(self) -> None:
        from tui.screens.export_dialog import ExportDialog

        self.push_screen(ExportDialog(self.store, self.today))

    def action_settings(self) -> None:
        from tui.screens.settings_screen import SettingsScreen

        self.push_screen(SettingsScreen(self.book.settings))

    def _opened_person(self, contact_id: str | None) -> None:
        if contact_id:
            self.post_message(OpenPerson(contact_id))

    def action_capture(self, prefill: str = "") -> None:
        """The quick capture box: one, kept between captures (CaptureScreen.reopen)."""
        from tui.screens.capture import CaptureScreen

        if not self.is_screen_installed("capture"):
            self.install_screen(CaptureScreen(self.store, self.today), "capture")
        screen = cast(CaptureScreen, self.get_screen("capture"))
        screen.reopen(prefill)
        self.push_screen(screen)

    def action_review(self) -> None:
        from tui.screens.review import ReviewScreen

        self.push_screen(ReviewScreen(self.store, self.today))

    def action_plan(self) -> None:
        from tui.screens.focus_planner import FocusPlannerScreen

        self.push_screen(FocusPlannerScreen(self.store, self.today))

    def action_month_review(self) -> None:
        from tui.screens.month_review import MonthReviewScreen

        self.push_screen(MonthReviewScreen(self.store, self.today))

    def action_health(self) -> None:
        """The health screen, its numbers counted here from the snapshot before it shows,
        so that it is drawn in one frame. One screen is kept (installed) and shown again,
        with the period last chosen: a new one cost a compose and a restyle.

        Not in a worker: the count is short, and a worker can wait long for the interpreter
        while the event loop is busy (each turn of the loop lets it go for a moment and
        takes it back first): bench/NOTES.md, "Relationship health"."""
        from model.planning.health import health

        book = self.book
        kept = self.get_screen("health") if self.is_screen_installed("health") else None
        result = None
        try:
            result = health(book, self.today, getattr(kept, "months", 12))
        finally:  # opened whatever happened (without numbers, it counts them itself)
            self._open_health(book, result)

    def _open_health(self, book: Book, result) -> None:
        from tui.screens.health import HealthScreen

        if not self.check_action("health", ()):
            return
        if not self.is_screen_installed("health"):
            self.install_screen(HealthScreen(self.today, book=book, health=result), "health")
        else:
            cast(HealthScreen, self.get_screen("health")).reopen(book, result)
        self.push_screen("health", self._opened_person)

    def action_import(self) -> None:
        from tui.screens.import_screen import ImportScreen

        self.push_screen(ImportScreen(self.store, self.today))

    def action_help(self) -> None:
        from tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_everyone(self) -> None:
        if main := self._main():
            main.action_timeline("toggle_everyone")

    def action_reveal(self) -> None:
        if main := self._main():
            main.action_timeline("toggle_reveal")

    def action_filter(self) -> None:
        if main := self._main():
            main.contacts.action_filter()
