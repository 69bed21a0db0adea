"""The Kizuna terminal app and the one factory that builds it.

The app owns three things every screen shares:

* ``store`` — a :class:`~tui.shared_store.SharedStore`: the store behind one
  lock, so thread workers can write while the screen stays responsive;
* ``book`` — the current planning snapshot (:class:`model.planning.Book`),
  updated in a thread worker after every write and rebuilt after every outside
  change, then announced with :class:`~tui.messages.BookChanged`
  (:mod:`tui.snapshots`). Screens read the book, never the store, on the main
  thread;
* the keys that open each screen (capture, review, focus, import, ...), as
  ``Binding``s with ids so the footer, the help screen and keymaps see them.

Outside changes (``kizuna note`` in another terminal) are noticed by a
once-a-second poll that costs one ``stat`` and reloads only when the file
changed.

The rest is in mixins, one idea each: :mod:`tui.snapshots` (the book),
:mod:`tui.correcting` (edit, delete, forget, undo, search), :mod:`tui.opening`
(the actions that open screens), :mod:`tui.toasts` (notifications) and
:mod:`tui.typeahead` (keys typed before a screen is ready).
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Mapping
from datetime import date

from rich.terminal_theme import TerminalTheme
from textual import events, on
from textual.app import App
from textual.binding import Binding
from textual.screen import Screen

from model.language.i18n import _
from model.language.text import visible
from model.planning.book import Book
from model.store import Store
from tui import interpreter
from tui.collector import Collector
from tui.correcting import Correcting
from tui.messages import OpenPerson, StoreWritten
from tui.opening import Opening
from tui.palette import KizunaCommands
from tui.shared_store import SharedStore
from tui.snapshots import Snapshots
from tui.toasts import Toasts
from tui.typeahead import TypeAhead

POLL_SECONDS = 1.0


def _main_screen() -> Screen:
    """The app's default mode (``KizunaApp.MODES``), imported when the app starts."""
    from tui.screens.main import MainScreen

    return MainScreen()


class KizunaApp(Snapshots, Correcting, Opening, Toasts, TypeAhead, App[int]):
    """A small, deep, diverse network."""

    TITLE = "Kizuna"
    CSS_PATH = "app.tcss"
    COMMANDS = App.COMMANDS | {KizunaCommands}
    COMMAND_PALETTE_BINDING = "ctrl+p"
    # The main screen is the bottom of the stack, not pushed over Textual's default screen:
    # on a resize Textual lays out and draws the screen under the top one too, and then
    # draws the whole top one again. (A mode's screen gets its CSS_PATH, as a pushed one.)
    MODES = {"main": _main_screen}
    DEFAULT_MODE = "main"

    BINDINGS = [
        Binding("a", "add_person", "Add person", id="app.add_person",
                tooltip="Add a person: every field, tier caps checked"),
        Binding("n", "capture", "Capture", id="app.capture",
                tooltip="Quick capture: one line, e.g. @Tanaka lunch, promised an intro by fri"),
        Binding("r", "review", "Review", id="app.review",
                tooltip="Daily review: walk today's due list one item at a time"),
        Binding("f", "plan", "Focus", id="app.plan",
                tooltip="Plan this month's focus: challenge, purpose, who fills each slot"),
        Binding("M", "month_review", "Month review", id="app.month_review",
                tooltip="Review last month's focus and carry people over"),
        Binding("h", "health", "Health", id="app.health",
                tooltip="Relationship health: rhythms, cadence, promises, trust, diversity as pictures"),
        Binding("i", "import", "Import", id="app.import",
                tooltip="Import people from vCard, LinkedIn or Google CSV, or Kizuna JSON"),
        Binding("x", "export", "Export", id="app.export",
                tooltip="Export to JSON, vCard, iCalendar or Markdown"),
        Binding("m", "merge", "Merge", id="app.merge",
                tooltip="Merge the person shown with another record of the same person"),
        Binding("S", "settings", "Settings", id="app.settings",
                tooltip="Settings: your industry, caps, cadences, focus slots"),
        Binding("s", "search", "Search", id="app.search",
                tooltip='Search every note: words, "a phrase", @person, #tag, kind:, since:, before:'),
        Binding("u", "undo", "Undo", id="app.undo",
                tooltip="Undo the last change made from this machine (again for the one before)"),
        Binding("question_mark", "help", "Help", key_display="?", id="app.help",
                tooltip="Every key, on one screen"),
    ]

    def __init__(self, store: Store, today: date, demo: bool = False,
                 keymap: dict[str, str] | None = None) -> None:
        self._ansi_theme: tuple | None = None  # (theme, dark, light), Textual's ansi_theme
        super().__init__()
        self._user_keymap = dict(keymap or {})  # from keymap.toml (tui.keymap), set on mount
        self._restore_interpreter: Callable[[], None] | None = None
        self.last_words = ""  # the one line printed when the data ends the app (run_to_end)
        from model.actions.undo import UndoLog

        #: every change this app makes can be undone (u), as can the shell's (kizuna undo)
        self.undo_log = UndoLog(store.path).attach(store)
        self.store = SharedStore(store, on_change=lambda: self.post_message(StoreWritten()))
        self.today = today
        self.demo = demo
        self.sub_title = _("demo data") if demo else visible(str(store.shared_path))
        self.keymap: dict[str, str] = {}  # binding id -> keys, as given to set_keymap
        self._pending_person: str | None = None  # to show once the first-run screen closes
        self.collector = Collector(self, lambda: self._main() is not None)
        self._init_snapshots()
        self.book: Book = self.snapshot()

    @property
    def ansi_theme(self) -> TerminalTheme:
        """Textual's, kept for the theme in use: Textual looks the theme up by name (copying
        the table of every theme) for each line it draws, ~110 times a filter keystroke."""
        theme, dark, light = self.theme, self.ansi_theme_dark, self.ansi_theme_light
        kept = self._ansi_theme
        if kept is None or kept[0] != theme or kept[1] is not dark or kept[2] is not light:
            kept = self._ansi_theme = (theme, dark, light, App.ansi_theme.fget(self))
        return kept[3]

    # -- start ----------------------------------------------------------------

    def on_mount(self) -> None:
        # the thread hand-over and the collector's thresholds, put back on unmount
        self._restore_interpreter = interpreter.for_the_app()
        if self._user_keymap:
            self.set_keymap(self._user_keymap)
        # (the main screen, MODES, is built; keys typed meanwhile wait for its focus)
        self.hold_keys()
        self.screen.call_later(self.call_later, self.release_keys)
        self.set_interval(POLL_SECONDS, self._tick, name="outside-changes")
        # Everything built so far (rows, widgets) lives as long as the screen: move it out
        # of the garbage collector's sight at the first quiet moment (tui.collector; the
        # records were frozen as the app was made, make_app), not before the first frame.
        self.screen_change_signal.subscribe(self, self._screen_changed)
        self.collector.want()
        self.call_after_refresh(self.run_worker, self._warm_up, thread=True, group="warm-up")
        for notice in self.store.raw.take_notices():  # merged from other devices while opening
            self.notify(notice, title=_("From your other devices"), timeout=8)
        if not self.book.contacts():
            self.show_first_run()

    def on_unmount(self) -> None:
        if self._restore_interpreter is not None:
            self._restore_interpreter, restore = None, self._restore_interpreter
            restore()

    @staticmethod
    def _warm_up() -> None:
        """Import what the first save needs (the file lock, the capture grammar) in a thread
        once the screen is up, so the first save does not pay for it."""
        import filelock  # noqa: F401

        import model.capture  # noqa: F401

    def show_first_run(self) -> None:
        from tui.screens.first_run import FirstRunScreen

        if not isinstance(self.screen, FirstRunScreen):
            self.push_screen(FirstRunScreen())

    def set_keymap(self, keymap: Mapping[str, str]) -> None:
        """Rebind keys by binding id (``{"app.capture": "c"}``); the help shows the result."""
        self.keymap = dict(keymap)
        super().set_keymap(keymap)

    # -- the snapshot (see tui.snapshots) --------------------------------------------

    def _tick(self) -> None:
        """Once a second: another process's changes, and the collector's quiet moment."""
        self.check_outside_changes()
        self.collector.tick()

    def _leave_first_run(self) -> None:
        """The first-run screen steps aside once someone is in the book and it is on top
        (the snapshot may arrive while the form that added them is still closing)."""
        from tui.screens.first_run import FirstRunScreen

        if isinstance(self.screen, FirstRunScreen) and self.book.contacts():
            self.pop_screen()
            pending, self._pending_person = self._pending_person, None
            if pending:
                self.call_later(self.post_message, OpenPerson(pending))

    # -- the garbage collector (see tui.collector) ----------------------------------

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, (events.Key, events.MouseDown)):
            self.collector.input_seen()
        await super().on_event(event)  # (tui.typeahead: keys typed ahead of a screen)

    def _screen_changed(self, screen) -> None:
        self.collector.screen_changed(screen)
        self.call_later(self._leave_first_run)
        if self._rebuild_pending:  # the window that wrote has closed: see on_store_written
            self.call_after_refresh(self._rebuild_if_pending)

    # -- ending on bad data ----------------------------------------------------------

    def _handle_exception(self, error: Exception) -> None:
        """An error the data explains (a record of a wrong type in a hand-edited store) ends
        the app with one line naming the record, not a traceback that prints records (Textual's
        shows every local). Textual has no public hook for this; anything else goes to it."""
        from model.records import bad_record

        problem = bad_record(getattr(self.store, "raw", None))
        if problem is None:
            super()._handle_exception(error)
            return
        # Printed by run_to_end, not as Textual's exit message: Rich wraps or crops that at
        # the terminal's width, and a long store path would split the one line.
        self.last_words = f"kizuna: {problem}"
        self.exit(return_code=1)

    def run_to_end(self, **options) -> int:
        """Run the app; then print its one-line reason for failing, if it failed on the data."""
        self.run(**options)
        if self.last_words:
            sys.stderr.write(self.last_words + "\n")
        return self.return_code or 0

    # -- the command palette (tui.palette) ---------------------------------------------

    def action_command_palette(self) -> None:
        """Textual's palette, its placeholder in the user's language."""
        from textual.command import CommandPalette

        from tui.command_palette import KizunaPalette

        if self.use_command_palette and not CommandPalette.is_open(self):
            self.push_screen(KizunaPalette(placeholder=_("Search for commands…"), id="--command-palette"))

    def get_system_commands(self, screen):
        """Textual's own palette commands (theme, quit, keys...), in the user's language."""
        from textual.app import SystemCommand

        for command in super().get_system_commands(screen):
            yield SystemCommand(_(command.title), _(command.help), command.callback, command.discover)

    # -- going to a person -------------------------------------------------------------

    @on(OpenPerson)
    def _open_person(self, message: OpenPerson) -> None:
        """Go to a person on the main screen (from the palette or a dialog's result).

        Another screen on top may hold unsaved work (a form, a review text), so
        it is never closed from here: the user is asked to close it first.
        """
        from tui.screens.first_run import FirstRunScreen

        main = self._main()
        if main is None and isinstance(self.screen, FirstRunScreen):
            self._pending_person = message.contact_id  # shown when the first run steps aside
            return
        if main is None:
            person = self.book.get_contact(message.contact_id)
            name = person.name if person else _("them")
            self.notify(_("Close this screen first (Esc) to go to {name}.").format(name=name), title=_("Not here"))
            return
        main.select_person(message.contact_id)
        if message.edit:
            self.edit_person(message.contact_id)


def make_app(store: Store, *, today: date | None = None, demo: bool = False,
             keymap: dict[str, str] | None = None) -> KizunaApp:
    """Build the app; used by ``kizuna``, the tests and the screenshot script.
    ``keymap`` (binding id -> keys) is the user's, from :func:`tui.keymap.load_keymap`."""
    from tui import safe_render
    from tui.interpreter import collector_paused

    safe_render.install()
    # What is made here (the app, the first snapshot: records and indexes without cycles)
    # lives as long as the app: made with the collector paused and frozen at once, before
    # any window exists (tui.collector). Collections walking it cost ~0.4 s of the start.
    with collector_paused(freeze=True):
        return KizunaApp(store, today or date.today(), demo=demo, keymap=keymap)
