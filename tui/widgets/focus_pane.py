"""This month's focus: the challenge, the slots and their progress, diversity.

Each slot shows the person, the intent, and progress: a deep conversation
held this month or not, promises open (overdue ones in red), days left in the
month. The diversity warnings for the focus people follow.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Self

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.geometry import Region
from textual.message import Message
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from model.language.i18n import N_, _, language, ngettext, word
from model.planning.book import Book, month_end, month_start
from model.planning.diversity import diversity
from model.planning.month_days import days_left_in_month, days_left_text
from tui.hanging_rows import HangingRows
from tui.widgets.border_lines import BorderLines
from model.language.text import visible
from tui.widgets.diversity_panel import app_warning
from tui.widgets.jk_lists import JKOptionList


class FocusList(JKOptionList):
    """The slots; j/k move like everywhere else."""

    _lines_drawn = 0  # the most lines of options shown since the list was last drawn whole

    def refresh(self, *regions: Region, repaint: bool = True, layout: bool = False,
                recompose: bool = False) -> Self:
        """Textual redraws a widget whole when the focus comes or goes; this list is much
        taller than its few slots, so only the lines that have (or had) a slot are drawn."""
        if regions or layout or recompose or not repaint or not self.is_mounted:
            if not regions:
                self._lines_drawn = 0
            return super().refresh(*regions, repaint=repaint, layout=layout, recompose=recompose)
        lines = max(self._lines_drawn, self.virtual_size.height - int(self.scroll_y))
        self._lines_drawn = lines
        if 0 < lines < self.size.height:
            return super().refresh(Region(0, 0, self.size.width, lines))
        return super().refresh()

def slot_progress(book: Book, contact_id: str, today: date) -> Text:
    """``◆ deep talk 11-12 · 2 promises open (1 overdue)``."""
    start = month_start(today)
    text = Text()
    deep = book.deep_count(contact_id, start, month_end(today))
    if deep:
        last = book.last_deep(contact_id, month_end(today))
        text.append(_("✓ deep talk {date}").format(date=f"{last:%m-%d}") if last else _("✓ deep talk"), "green")
    else:
        text.append(_("✗ no deep talk yet"), "yellow")
    open_ = [p for p in book.promises_for(contact_id) if p.status == "open"]
    if open_:
        late = sum(1 for p in open_ if p.due < today.isoformat())
        text.append(ngettext(" · {n} promise open", " · {n} promises open", len(open_)).format(n=len(open_)))
        if late:
            text.append(_(" ({n} overdue)").format(n=late), "bold red")
    return text


@dataclass(frozen=True)
class FocusView:
    """What the focus pane shows of one snapshot, made without widgets (any thread)."""

    head: Text
    #: (option id, the slot's rows): each row a label and a text whose wrapped lines hang under it
    slots: list[tuple[str, tuple[tuple[Text, Text], ...]]]
    slot_people: dict[str, str]  # option id -> contact id
    diversity: Text
    #: the pane folded into one line, for a terminal too narrow for it (the main screen's)
    summary: Text = field(default_factory=Text, compare=False)


def hanging(rows: tuple[tuple[Text, Text], ...]) -> HangingRows:
    """A slot's rows, each one's wrapped part under its own text, not at the pane's edge
    (a long intent in Japanese wraps in a 42-column pane)."""
    return HangingRows([(Content.from_rich_text(label), Content.from_rich_text(text), Content(""))
                        for label, text in rows], 0)


def focus_view(book: Book, today: date) -> FocusView:
    """The month's plan at a glance: head, slots with progress, diversity warnings."""
    plan = book.plan(today)
    head = Text()
    month_title = _("{month} {year}").format(month=_(today.strftime("%B")), year=today.year)
    head.append(month_title, "bold")
    head.append(f" · {days_left_text(days_left_in_month(today))}\n", "dim")
    slots: list[tuple[str, tuple[tuple[Text, Text], ...]]] = []
    slot_people: dict[str, str] = {}
    warnings: list[str] = []
    summary = Text()
    summary.append(_(" 3 Focus "), "bold reverse")
    short = f"{today:%b %Y}" if language() == "en" else month_title
    summary.append(f" {short} · {days_left_text(days_left_in_month(today))}", "dim")
    if plan is None:
        head.append(_("No focus plan for {month} yet.").format(month=month_title) + "\n", "yellow")
        head.append(_("Press f to choose this month's challenge and who to focus on."))
    else:
        head.append(visible(plan.challenge, multiline=True) or _("(no challenge written)"), "italic")
        head.append("\n" + _("purpose: {purpose}").format(purpose=word("purpose", plan.purpose)), "dim")
        for i, slot in enumerate(plan.slots):
            person = book.get_contact(slot.contact) if slot.contact else None
            role = Text().append(f"{word('relation', slot.role)}: ", "dim")  # a long name or company hangs after it
            summary.append(" · ")
            if person is None:
                rows = ((role, Text().append(_("(open slot — press f to fill)"), "yellow")),)
                summary.append(_("open slot"), "yellow")
            else:
                summary.append(visible(person.name), "bold")
                deep = book.deep_count(person.id, month_start(today), month_end(today))
                summary.append(" ✓" if deep else " ✗", "green" if deep else "yellow")
                who = Text().append(visible(person.name), "bold")
                if person.company:
                    who.append(f" · {visible(person.company)}", "dim")
                indent = Text("  ")
                rows = ((role, who),
                        *(((indent, Text(visible(slot.intent))),) if slot.intent else ()),
                        (indent, slot_progress(book, person.id, today)))
                slot_people[f"slot-{i}"] = person.id
            slots.append((f"slot-{i}", rows))
        people = [book.contact(cid) for cid in book.focus_ids(today)]
        if people:
            warnings = diversity(people, book.settings, "people in this month's focus").warnings
    if plan is None:
        summary.append(_(" · no plan yet: press f"), "yellow")
    elif warnings:
        summary.append(f" · ⚠ {len(warnings)}", "yellow")
    div = Text()
    if warnings:
        for w in warnings:
            div.append(f"⚠ {app_warning(w)}\n", "yellow")
    elif plan is not None and slot_people:
        div.append(_("✓ a diverse set"), "green")
    return FocusView(head, slots, slot_people, div, summary)


class FocusPane(BorderLines, Vertical):
    """The month's plan at a glance."""

    BORDER_TITLE = N_("3 This month's focus")

    @dataclass
    class PersonHighlighted(Message):
        contact_id: str | None

    @dataclass
    class PersonOpened(Message):
        contact_id: str

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.border_title = _(self.BORDER_TITLE)  # in the language in use now, not at import
        self._slot_people: dict[str, str] = {}
        self._shown: FocusView | None = None

    def compose(self) -> ComposeResult:
        yield Static("", id="focus-head")
        yield FocusList(id="focus-list")
        yield Static("", id="focus-diversity")

    def show_book(self, book: Book, today: date) -> None:
        self.show_view(focus_view(book, today))

    def show_view(self, view: FocusView) -> None:
        """Show a snapshot's plan (from :func:`focus_view`), keeping the highlighted slot."""
        if view == self._shown:
            return  # most saves change nothing here: no new options, no layout
        self._shown = view
        focus_list = self.query_one(FocusList)
        highlighted = focus_list.highlighted
        focus_list.clear_options()
        self._slot_people = dict(view.slot_people)
        if view.slots:
            focus_list.add_options([Option(hanging(rows), id=option_id) for option_id, rows in view.slots])
        if highlighted is not None and focus_list.option_count:
            focus_list.highlighted = min(highlighted, focus_list.option_count - 1)
        self.query_one("#focus-head", Static).update(view.head)
        self.query_one("#focus-diversity", Static).update(view.diversity)

    @on(OptionList.OptionHighlighted, "#focus-list")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        if self.query_one(FocusList).has_focus:
            self.post_message(self.PersonHighlighted(self._slot_people.get(event.option.id or "")))

    @on(events.DescendantFocus)
    def _focused(self) -> None:
        """Coming into the pane shows the highlighted slot's person in the timeline."""
        focus_list = self.query_one(FocusList)
        if focus_list.highlighted is None and focus_list.option_count:
            focus_list.highlighted = 0  # announces the person itself
            return
        option = focus_list.highlighted_option
        cid = self._slot_people.get(option.id or "") if option else None
        if cid:
            self.post_message(self.PersonHighlighted(cid))

    @on(OptionList.OptionSelected, "#focus-list")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        cid = self._slot_people.get(event.option.id or "")
        if cid:
            self.post_message(self.PersonOpened(cid))
