"""The main screen: Contacts, Timeline, This month's focus.

Tab / shift+tab and 1 2 3 move between the panes; j/k and the arrows move
within one; Enter opens. The screen reads only the app's planning snapshot
(``app.book``), never the store, so it never waits on a write.

What a snapshot shows (due dates, everyone's sorted rows, the focus pane) is
made by :func:`prepare_view`, which touches no widget: the app calls it in the
worker that builds the snapshot, and :meth:`MainScreen.show_book` only swaps
the result in on the main thread.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.reactive import Reactive
from textual.containers import Horizontal
from textual.geometry import Region, Size
from textual.screen import Screen
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import Header, Static

from model.planning.book import Book
from tui.book_source import follow_book
from tui.messages import OpenPerson
from tui.widgets.contact_list import ContactsPane
from tui.widgets.contact_rows import ContactRows, contact_rows
from tui.widgets.focus_pane import FocusPane, FocusView, focus_view
from tui.widgets.key_bar import KeyBar
from tui.widgets.timeline import Entries, TimelinePane, everyone_entries

PANES = ("#contact-list", "#timeline-list", "#focus-list")
#: (from this many columns, the layout, its pane styles over main.tcss's). From 160 columns
#: main.tcss's three panes. Below, the focus pane folds into one line under the panes and
#: ``3`` (or Tab) shows it in the timeline's place, so the timeline keeps room to read a
#: note (40 columns of its text from 100 columns, 30 at 80). Set on the few widgets
#: concerned, not as a class on the screen: that restyled all of it on a resize (~12 ms).
LAYOUTS: tuple[tuple[int, str, dict[str, dict[str, object]]], ...] = (
    (160, "-wide", {}),
    (100, "-medium", {
        "#contacts-pane": {"width": "1fr", "min_width": 32, "max_width": 50},
        "#timeline-pane": {"width": "2fr"},
        "#focus-pane": {"width": "2fr", "min_width": 0, "max_width": "100%"},
    }),
    (0, "-narrow", {
        "#contacts-pane": {"width": 26, "min_width": 0, "padding": (0, 0)},
        "#timeline-pane": {"width": "1fr", "padding": (0, 0)},
        "#focus-pane": {"width": "1fr", "min_width": 0, "max_width": "100%", "padding": (0, 0)},
        "RowList": {"scrollbar_size_vertical": 1},
    }),
)


def due_dates(book: Book, today: date) -> dict[str, date]:
    """Each person's earliest due date on the due list (overdue ones are in the past)."""
    from model.planning.due import due_list

    out: dict[str, date] = {}
    for item in due_list(book, today):
        cid = item.contact_id
        if cid and (cid not in out or item.due < out[cid]):
            out[cid] = item.due
    return out


@dataclass(frozen=True)
class MainView:
    """What the main screen shows of one snapshot, made without widgets."""

    book: Book
    today: date
    due: dict[str, date]  # each person's earliest due date
    contacts: ContactRows
    focus: FocusView
    #: everyone's timeline, made with the view when the last one's was looked at
    everyone: Entries | None = None
    #: made later, on the main thread: everyone's timeline if asked for, and whether it was
    _later: dict = field(default_factory=dict, compare=False, repr=False)

    def everyone_entries(self, book: Book) -> Entries:
        """Everyone's timeline of ``book`` (made now if it was not made with the view)."""
        if book is not self.book:
            return everyone_entries(book)
        self._later["asked"] = True
        made = self.everyone or self._later.get("everyone")
        if made is None:
            made = self._later["everyone"] = everyone_entries(book)
        return made

    @property
    def everyone_asked(self) -> bool:
        """Was everyone's timeline shown from this view? (Then the next view makes its own.)"""
        return bool(self._later.get("asked"))


def prepare_view(book: Book, today: date, previous: MainView | None = None, *,
                 everyone: bool | None = None) -> MainView:
    """Everything the main screen needs of ``book``, made without widgets or Textual.

    Safe in a worker thread: it only reads ``book`` and ``previous`` (the view shown
    now, whose unchanged people's rows are reused; it is not changed). Everyone's
    timeline (a sort of every note) is made too if ``everyone``, or, by default, if
    it was shown from ``previous``.
    """
    due = due_dates(book, today)
    if everyone is None:
        everyone = previous is not None and previous.everyone_asked
    return MainView(book, today, due,
                    contact_rows(book, today, due, previous.contacts if previous else None),
                    focus_view(book, today),
                    everyone_entries(book) if everyone else None)


class MainScreen(Screen):
    """Three panes over the planning snapshot."""

    CSS_PATH = "main.tcss"

    #: Textual's own, without its repaint of the whole screen on every focus change (Tab
    #: between panes drew all 160x48 cells again): the widgets that gain and lose the focus,
    #: and the panes' borders (_show_active_pane), redraw themselves.
    focused: Reactive[Widget | None] = Reactive(None, repaint=False)
    #: Textual's own, without the layout and repaint it asks for when it changes: it changes
    #: only when a layout has just measured it (a resize), and that layout drew the screen;
    #: the repaint drew all of it a second time.
    virtual_size: Reactive[Size] = Reactive(Size(0, 0), layout=False, repaint=False)

    BINDINGS = [
        Binding("tab", "next_pane", "Next pane", show=False, id="main.next_pane"),
        Binding("shift+tab", "previous_pane", "Previous pane", show=False, id="main.previous_pane"),
        Binding("1", "pane(0)", "Contacts", show=False, id="main.pane_contacts",
                tooltip="Go to the contacts pane"),
        Binding("2", "pane(1)", "Timeline", show=False, id="main.pane_timeline",
                tooltip="Go to the timeline pane"),
        Binding("3", "pane(2)", "Focus", show=False, id="main.pane_focus",
                tooltip="Go to this month's focus pane"),
        Binding("e", "edit", "Edit", id="main.edit",
                tooltip="Edit the person whose timeline is shown"),
        Binding("t", "timeline('toggle_everyone')", "Everyone's timeline", show=False,
                id="timeline.everyone", tooltip="Switch the timeline between the person and everyone"),
        Binding("v", "timeline('toggle_reveal')", "Reveal confidential", show=False,
                id="timeline.reveal", tooltip="Reveal or hide the confidential notes shown"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.contact_id: str | None = None
        self._from_contacts: str | None = None  # the contact list's person last shown
        self._view: MainView | None = None
        self._layout: str | None = None  # the LAYOUTS name in use
        self._to_select: str | None = None  # a person chosen before the snapshot had them
        self._kept_lines: tuple[tuple, list[Strip]] | None = None  # (what they are made of, lines)

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="panes"):
            yield ContactsPane(id="contacts-pane")
            yield TimelinePane(id="timeline-pane")
            yield FocusPane(id="focus-pane")
        yield Static("", id="focus-line")
        yield KeyBar()

    def on_mount(self) -> None:
        self.fit_to(self.app.size.width)
        self.show_book(self.app.book)
        follow_book(self, with_view=True)
        self.query_one("#contact-list").focus()
        self.app.theme_changed_signal.subscribe(self, lambda _theme: self._show_active_pane(force=True))
        self.watch(self.contacts.row_list, "cursor", self._contacts_cursor, init=False)

    def render_lines(self, crop: Region) -> list[Strip]:
        """The screen's own lines (its background, under the panes), kept while what they are
        made of stays: a dialog closing repaints the whole screen, and the compositor cuts
        new lines again at every pane's edge (~3 ms at 160x48); kept ones keep their cuts."""
        styles = self.styles
        if (any(edge for edge, _color in (*styles.border, *styles.outline)) or any(styles.padding)
                or styles.tint.a or styles.opacity != 1 or styles.has_rule("hatch")):
            return super().render_lines(crop)  # (none of these here: not worth keeping)
        app = self.app
        key = (crop, self.size, styles.background, self.background_colors, tuple(self.get_line_filters()),
               app.ansi_theme, app.native_ansi_color)
        kept = self._kept_lines
        if kept is None or kept[0] != key:
            kept = self._kept_lines = (key, super().render_lines(crop))
        return kept[1]

    def notify_style_update(self) -> None:
        self._kept_lines = None
        super().notify_style_update()

    @property
    def contacts(self) -> ContactsPane:
        return self.query_one(ContactsPane)

    @property
    def timeline(self) -> TimelinePane:
        return self.query_one(TimelinePane)

    @property
    def focus_pane(self) -> FocusPane:
        return self.query_one(FocusPane)

    @property
    def current_view(self) -> MainView | None:
        """The view shown now: pass it to :func:`prepare_view` as ``previous``."""
        return self._view

    def show_book(self, book: Book, view: MainView | None = None) -> None:
        """Draw a new snapshot in every pane, keeping the selection and the filter.

        ``view`` is ``prepare_view(book, today, screen.current_view)`` made elsewhere (in
        a worker); without one (or with one made for another book or day) it is made here.
        """
        if not self.query(ContactsPane):  # not composed yet, or closing
            return
        today = self.app.today
        if view is None or view.book is not book or view.today != today:
            view = prepare_view(book, today, self._view, everyone=False)  # that one when shown
        self._view = view
        self.timeline.everyone_source = view.everyone_entries
        self.contacts.show_rows(view.contacts)
        self.focus_pane.show_view(view.focus)
        # one line, as wide as the screen whatever it says: a layout of the whole screen
        # (asked for by default) redrew every pane in a new snapshot's frame
        self.query_one("#focus-line", Static).update(view.focus.summary, layout=False)
        if self.contact_id and book.get_contact(self.contact_id) is None:
            self.contact_id = self.contacts.highlighted_id
        if self._to_select and book.get_contact(self._to_select) is not None:
            self.contacts.select(self._to_select)
            self._from_contacts = self.contact_id = self._to_select
            self._to_select = None
        self.timeline.show(book, today, self.contact_id or self.contacts.highlighted_id)

    def select_person(self, contact_id: str) -> None:
        """Highlight ``contact_id`` in the list and show their timeline (a person just added
        is highlighted when the snapshot that has them arrives)."""
        self._to_select = None if self.contacts.select(contact_id) else contact_id
        self.contact_id = contact_id
        self.timeline.everyone = False
        self.timeline.show(self.app.book, self.app.today, contact_id)
        self.query_one("#contact-list").focus()

    # -- sizes -----------------------------------------------------------------

    def on_resize(self, event: events.Resize) -> None:
        self.fit_to(event.size.width)

    def on_screen_resume(self) -> None:
        self.fit_to(self.app.size.width)  # resized while another screen was on top

    def fit_to(self, width: int) -> None:
        """Lay the panes out for a terminal ``width`` columns wide (see LAYOUTS)."""
        layout, rules = next((name, rules) for start, name, rules in LAYOUTS if width >= start)
        if layout == self._layout:
            return
        before = next((rules for _start, name, rules in LAYOUTS if name == self._layout), {})
        self._layout = layout
        for selector in before.keys() | rules.keys():
            for widget in self.query(selector):
                for rule in before.get(selector, {}).keys() - rules.get(selector, {}).keys():
                    widget.styles.clear_rule(rule)
                for rule, value in rules.get(selector, {}).items():
                    setattr(widget.styles, rule, value)
        self._fold_focus()

    @property
    def layout_name(self) -> str | None:
        """The LAYOUTS name in use: ``-wide``, ``-medium`` or ``-narrow``."""
        return self._layout

    @property
    def focus_folded(self) -> bool:
        """Is the focus pane folded into its one line (shown only while it has the focus)?"""
        return self._layout != "-wide"

    def _fold_focus(self, show: bool | None = None) -> None:
        """Folded, the focus pane takes the timeline's place while it has the focus."""
        if not self.query(FocusPane):
            return
        if show is None:
            show = self._current_pane() == 2
        folded = self.focus_folded
        self.focus_pane.display = not folded or show
        self.timeline.display = not folded or not show
        self.query_one("#focus-line", Static).display = folded and not show

    def on_click(self, event: events.Click) -> None:
        if event.widget is not None and event.widget.id == "focus-line":
            self.action_pane(2)

    # -- panes -----------------------------------------------------------------

    def on_descendant_focus(self) -> None:
        if self.focus_folded:
            self._fold_focus()
        self._show_active_pane()

    def _show_active_pane(self, force: bool = False, index: int | None = None) -> None:
        """An accent top and bottom border and a bold accent title on the pane with the focus (or the pane
        ``index``, about to get it: drawn in the same frame as the focus).

        Set on the panes themselves: as a ``:focus-within`` rule, Textual restyled the
        pane and everything in it whenever the focus came or went, and drew all of it
        again on every move between panes. Only the borders are drawn again
        (BorderLines.set_frame_styles).
        """
        from textual.color import Color

        if index is None:
            index = self._current_pane() if self.focused is not None else -1
        accent = Color.parse(self.app.theme_variables["accent"])
        for i, pane in enumerate((self.contacts, self.timeline, self.focus_pane)):
            active = i == index
            if not force and active == getattr(pane, "_active", None):
                continue
            pane._active = active
            if active:
                # The top and bottom lines only: redrawing the sides meant redrawing every
                # line of two panes on each move. (The panes' rule for the title is "auto 60%".)
                pane.set_frame_styles(border_top=("round", accent), border_bottom=("round", accent),
                                      border_title_color=accent, auto_border_title_color=False,
                                      border_title_style="bold")
            else:  # back to the panes' own rule in main.tcss
                pane.set_frame_styles(**dict.fromkeys((
                    "border_top", "border_bottom", "border_title_color",
                    "auto_border_title_color", "border_title_style")))
            if force:
                pane.refresh()

    def _pane_widgets(self) -> list[Widget]:
        return [self.query_one(sel) for sel in PANES]

    def _current_pane(self) -> int:
        focused = self.focused
        for i, pane in enumerate((self.contacts, self.timeline, self.focus_pane)):
            if focused is not None and (focused is pane or pane in focused.ancestors):
                return i
        return 0

    def action_pane(self, index: int) -> None:
        if self.focus_folded:
            self._fold_focus(show=index == 2)  # shown before it can take the focus
        self._show_active_pane(index=index)
        self._pane_widgets()[index].focus()

    def action_next_pane(self) -> None:
        self.action_pane((self._current_pane() + 1) % len(PANES))

    def action_previous_pane(self) -> None:
        self.action_pane((self._current_pane() - 1) % len(PANES))

    def action_edit(self) -> None:
        if self.contact_id and self.app.book.get_contact(self.contact_id):
            self.app.edit_person(self.contact_id)

    def action_timeline(self, action: str) -> None:
        getattr(self.timeline, f"action_{action}")()

    # -- events ------------------------------------------------------------------

    def _contacts_cursor(self) -> None:
        """A cursor key in the contact list shows the person's timeline at once, drawn in
        the same frame as the cursor (through the message it was drawn a frame later).
        While the filter is typed into, the message does it after the list is drawn."""
        if self.contacts.row_list.has_focus or self.contacts.filter_input.has_focus:
            self._show_from_contacts()

    def _show_from_contacts(self) -> None:
        contact_id = self.contacts.highlighted_id
        if contact_id != self._from_contacts:
            self._from_contacts = self.contact_id = contact_id
            self.timeline.show(self.app.book, self.app.today, contact_id)

    @on(ContactsPane.PersonHighlighted)
    def _contact_highlighted(self) -> None:
        self._show_from_contacts()  # the list as it is now: an older message changes nothing

    @on(FocusPane.PersonHighlighted)
    def _person_highlighted(self, event: FocusPane.PersonHighlighted) -> None:
        if event.contact_id is None:
            return
        self.contact_id = event.contact_id
        self.timeline.show(self.app.book, self.app.today, event.contact_id)

    @on(ContactsPane.PersonOpened)
    @on(FocusPane.PersonOpened)
    def _person_opened(self, event: ContactsPane.PersonOpened) -> None:
        self.app.edit_person(event.contact_id)

    @on(OpenPerson)
    def _open_person(self, event: OpenPerson) -> None:
        event.stop()
        self.select_person(event.contact_id)
        if event.edit:
            self.app.edit_person(event.contact_id)
