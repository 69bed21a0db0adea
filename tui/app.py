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
from model.planning.book import Book
from model.store import Store
from tui import interpreter
from model.language.text import visible
from tui.text import wrap_cells
from tui.collector import Collector
from tui.correcting import Correcting
from tui.messages import OpenPerson, StoreWritten
from tui.palette import KizunaCommands
from tui.shared_store import SharedStore
from tui.snapshots import Snapshots

#: a toast's text width: app.tcss gives Toast a width of 42, less its border and padding
TOAST_TEXT_WIDTH = 39

POLL_SECONDS = 1.0
#: the longest keys wait for a screen that asked for them to be held (see KizunaApp.hold_keys)
HOLD_SECONDS = 1.0

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


def _main_screen() -> Screen:
    """The app's default mode (``KizunaApp.MODES``), imported when the app starts."""
    from tui.screens.main import MainScreen

    return MainScreen()


class KizunaApp(Snapshots, Correcting, App[int]):
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
        self._held_keys: list[events.Event] | None = None  # keys waiting for a screen (hold_keys)
        self._hold_round = 0
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
        if isinstance(event, (events.Key, events.Paste)) and not event.is_forwarded:
            if self._held_keys is not None:
                self._held_keys.append(event)
                return
            if isinstance(event, events.Key) and await self._opens_a_screen(event):
                return
        await super().on_event(event)

    # -- keys typed ahead of a screen --------------------------------------------------

    async def _opens_a_screen(self, event: events.Key) -> bool:
        """Run a key that opens a screen (``n``, ``r``, ...) as soon as it arrives.

        Textual looks an app's key up only after it has been to the focused widget and
        back, while the keys typed after it go on to that widget: ``n`` and a line in one
        burst left the line on the main screen. A key typed into a text field stays text.
        """
        from textual.screen import ModalScreen
        from textual.widgets import Input

        screen = self.screen
        # TextArea's module only once a screen with one has loaded it: importing it here
        # cost the app's first keystroke ~12 ms (no widget is a TextArea before then)
        text_area = sys.modules.get("textual.widgets._text_area")
        fields = (Input, text_area.TextArea) if text_area is not None else (Input,)
        if isinstance(screen, ModalScreen) or isinstance(screen.focused, fields):
            return False
        keys = {key.strip() for b in self.BINDINGS if isinstance(b, Binding) and b.action in OPENS
                for key in self.keymap.get(b.id or "", b.key).split(",")}
        if event.key not in keys:  # (most keys: no need to ask every binding of the screen)
            return False
        found = screen.active_bindings.get(event.key)
        if found is None or found.node is not self or found.binding.action not in OPENS or not found.enabled:
            return False
        return await self.run_action(found.binding.action)

    def push_screen(self, screen, callback=None, wait_for_dismiss=False):
        """Push ``screen``; the keys that arrive before it is built and focused wait for it.

        Textual hands a key to the focused widget of the screen on top; a screen just
        pushed has none until it is built, so ``n`` and a line typed in one burst lost the
        line (or its letters acted on the screen below). They are held here and replayed,
        in order, once the screen has handled its first messages (built, mounted, focused).
        """
        self.hold_keys()
        result = super().push_screen(screen, callback, wait_for_dismiss=wait_for_dismiss)
        target = self.get_screen(screen) if isinstance(screen, str) else screen
        target.call_later(self.call_later, self.release_keys)
        return result

    def hold_keys(self) -> None:
        """Keep the keys that arrive from now on until :meth:`release_keys` (or a second)."""
        if self._held_keys is None:
            self._held_keys = []
            self._hold_round += 1
            round_ = self._hold_round
            self.set_timer(HOLD_SECONDS, lambda: self._release_stale(round_), name="release-held-keys")

    async def _release_stale(self, round_: int) -> None:
        if round_ == self._hold_round:  # (a screen that never came to take its keys)
            await self.release_keys()

    async def release_keys(self) -> None:
        """Hand the held keys on, in order, to whatever has the focus now."""
        held, self._held_keys = self._held_keys, None
        for event in held or ():
            if self._held_keys is not None:  # a held key opened another screen: it waits too
                self._held_keys.append(event)
            elif not (isinstance(event, events.Key) and await self._opens_a_screen(event)):
                await super().on_event(event)

    def _screen_changed(self, screen) -> None:
        self.collector.screen_changed(screen)
        self.call_later(self._leave_first_run)
        if self._rebuild_pending:  # the window that wrote has closed: see on_store_written
            self.call_after_refresh(self._rebuild_if_pending)

    # -- writing (tui.threads.write calls this in the worker, after each write) -----

    def after_write(self) -> None:
        """Say what a write saved with a problem after its commit (see Store.warnings)."""
        with self.store.lock:
            warnings, self.store.raw.warnings[:] = list(self.store.raw.warnings), []
        for warning in warnings:
            self.call_from_thread(self.notify, warning, title=_("Saved, with a warning"),
                                  severity="warning", timeout=10)

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

    def notify(self, message: str, *, title: str = "", **options) -> None:
        """Every notification (names, notes, errors in them) as plain text, its hidden
        characters shown, wrapped where Japanese may break: Textual breaks only at spaces,
        so ``佐藤 健とのメモ…`` lost its given name to the next line."""
        lines = (wrap_cells(line, TOAST_TEXT_WIDTH) or [""]
                 for line in visible(message, multiline=True).split("\n"))
        options.setdefault("markup", False)  # a name like "[b]Ann[/b]" is shown as written
        super().notify("\n".join(line for wrapped in lines for line in wrapped),
                       title=visible(title), **options)

    # -- opening screens --------------------------------------------------------

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
        screen = self.get_screen("capture")
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
            self.get_screen("health").reopen(book, result)
        self.push_screen("health", self._opened_person)

    def action_import(self) -> None:
        from tui.screens.import_screen import ImportScreen

        self.push_screen(ImportScreen(self.store, self.today))

    def action_help(self) -> None:
        from tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def _main(self):
        from tui.screens.main import MainScreen

        return self.screen if isinstance(self.screen, MainScreen) else None

    def action_everyone(self) -> None:
        if main := self._main():
            main.action_timeline("toggle_everyone")

    def action_reveal(self) -> None:
        if main := self._main():
            main.action_timeline("toggle_reveal")

    def action_filter(self) -> None:
        if main := self._main():
            main.contacts.action_filter()

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
