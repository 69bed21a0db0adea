"""The help screen (``?``): every key, grouped by where it works.

Built from the ``BINDINGS`` of the app, the main screen and its panes, so it
can never drift from the keys that really work (a user keymap changes the
key shown).
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from model.language.i18n import N_, _
from tui.field_keys import FIELD_KEYS
from tui.hanging_rows import paragraph
from tui.text import fit, wrap_cells
from tui.widgets.key_bar import KeyBar

INTRO = N_(
    "Kizuna keeps a small, deep, diverse network. Move between panes with Tab / Shift+Tab "
    "or 1 2 3; move within one with j/k or the arrows; Enter opens. Ctrl+P opens the command "
    "palette: type a name (or its reading, e.g. さとう) to jump to a person, or an action."
)


#: the group of Tab between fields: every dialog with fields has those keys, said once here
FIELDS = N_("In any dialog with fields")


def binding_groups(app) -> list[tuple[str, list[Binding]]]:
    """(section, bindings) for every part of the app (an app or its class), in reading order."""
    from tui.screens.capture import CaptureScreen
    from tui.screens.confirm import ConfirmScreen
    from tui.screens.contact_form import ContactForm
    from tui.screens.entry import EntryScreen
    from tui.screens.entry_form import EntryForm
    from tui.screens.export_dialog import ExportDialog
    from tui.screens.import_screen import ImportScreen
    from tui.screens.merge_dialog import MergeDialog
    from tui.screens.settings_screen import SettingsScreen
    from tui.screens.focus_planner import FocusPlannerScreen
    from tui.screens.health import HealthScreen
    from tui.screens.main import MainScreen
    from tui.screens.month_review import MonthReviewScreen
    from tui.screens.review import ReviewScreen
    from tui.screens.search import SearchScreen
    from tui.screens.snooze_dialog import SnoozeDialog
    from tui.screens.first_run import FirstRunScreen
    from tui.widgets.contact_list import ContactsPane, FilterInput
    from tui.widgets.focus_pane import FocusList
    from tui.widgets.row_list import RowList
    from tui.widgets.timeline import TimelinePane

    groups = [
        (N_("On the main screen (? from any screen; Esc leads back)"),
         list((app if isinstance(app, type) else type(app)).BINDINGS)),
        (N_("Main screen"), list(MainScreen.BINDINGS)),
        (N_("Contacts pane"), list(ContactsPane.BINDINGS) + list(FilterInput.BINDINGS)),
        (N_("Timeline pane"), list(TimelinePane.BINDINGS) + list(EntryScreen.BINDINGS)),
        (N_("In any list"), list(RowList.BINDINGS) + list(FocusList.BINDINGS)),
        (FIELDS, list(FIELD_KEYS)),
        (N_("Contact form"), list(ContactForm.BINDINGS) + list(ConfirmScreen.BINDINGS)),
        (N_("Correct an entry"), list(EntryForm.BINDINGS)),
        (N_("Quick capture"), list(CaptureScreen.BINDINGS)),
        (N_("Search every note"), list(SearchScreen.BINDINGS)),
        (N_("Daily review"), list(ReviewScreen.BINDINGS) + list(SnoozeDialog.BINDINGS)),
        (N_("Focus planner"), list(FocusPlannerScreen.BINDINGS)),
        (N_("Month review"), list(MonthReviewScreen.BINDINGS)),
        (N_("Health"), list(HealthScreen.BINDINGS)),
        (N_("Merge dialog"), list(MergeDialog.BINDINGS)),
        (N_("Import"), list(ImportScreen.BINDINGS)),
        (N_("Export"), list(ExportDialog.BINDINGS)),
        (N_("Settings"), list(SettingsScreen.BINDINGS)),
        (N_("Help"), list(HelpScreen.BINDINGS)),
        (N_("Welcome screen (an empty store)"), list(FirstRunScreen.BINDINGS)),
    ]
    # Tab between fields works alike in every dialog: said once, in its own group
    return [(title, bindings if title == FIELDS else [b for b in bindings if b not in FIELD_KEYS])
            for title, bindings in groups]


def key_text(app, binding: Binding) -> str:
    keymap = getattr(app, "keymap", None) or {}
    keys = keymap.get(binding.id, binding.key) if binding.id else binding.key
    return " / ".join(binding.key_display or app.get_key_display(Binding(k.strip(), ""))
                      for k in keys.split(","))


#: the key column; the body's width and what its border, padding and scrollbar take (help.tcss)
KEY_WIDTH = 20
BODY_WIDTH = 96
BODY_FRAME = 2 + 4 + 2


class HelpScreen(ModalScreen[None]):
    """Every key on one screen."""

    CSS_PATH = "help.tcss"
    BINDINGS = [
        Binding("escape,q,question_mark", "dismiss", "Close", id="help.close"),
        Binding("j,down", "scroll('down')", "Down", show=False, id="help.down"),
        Binding("k,up", "scroll('up')", "Up", show=False, id="help.up"),
    ]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-body"):
            yield Static(paragraph(Content(_(INTRO))), id="help-intro")
            for title, bindings in binding_groups(self.app):
                text = Text(_(title) + "\n", style="bold")
                seen = set()
                for b in bindings:
                    if b.action in seen:
                        continue
                    seen.add(b.action)
                    text.append("  " + fit(key_text(self.app, b), KEY_WIDTH - 2), "bold cyan")
                    text.append_text(self._hanging(_(b.tooltip or b.description)))
                    text.append("\n")
                text.rstrip()
                yield Static(text, classes="help-section")
            yield Static(Text(_("ctrl+p  command palette · ctrl+q  quit"), style="dim"))
        yield KeyBar()

    def _hanging(self, words: str) -> Text:
        """``words`` wrapped to the room right of the keys, the lines after the first
        indented under the first (a long Japanese description stays in its column)."""
        room = min(BODY_WIDTH, self.app.size.width) - BODY_FRAME - KEY_WIDTH
        return Text(("\n" + " " * KEY_WIDTH).join(wrap_cells(words, max(20, room))))

    _drawn_at = 0  # the width the descriptions were wrapped for

    def on_resize(self) -> None:
        if self.is_mounted and self.app.size.width != self._drawn_at:
            self._drawn_at = self.app.size.width
            self.refresh(recompose=True)

    def on_mount(self) -> None:
        self._drawn_at = self.app.size.width

    def action_scroll(self, direction: str) -> None:
        body = self.query_one("#help-body", VerticalScroll)
        if direction == "down":
            body.scroll_down()
        else:
            body.scroll_up()
