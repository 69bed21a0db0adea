"""Focus planner: this month's challenge, its purpose, and who fills each slot (A4, A9).

Open it with ``app.push_screen(FocusPlannerScreen(store, today), callback)``
(``month="YYYY-MM"`` plans another month; ``[`` and ``]`` move between
months on the screen). It dismisses with the month key it showed last when
the user closes it (Escape).

The left side holds the challenge (Input, Enter saves), the purpose (Select,
saved as soon as it changes) and the slots; the right side ranks suggestions
for the highlighted slot's role with their reasons (``model.planning.focus.
suggest``, computed in a worker). Enter on a suggestion puts that person in
the slot; ``i`` edits the slot's intent, ``x`` empties it. The diversity
panel below shows the plan's spread as it stands, and what choosing the
highlighted suggestion would change. ``m`` opens the month review of the
month before. A month with no challenge yet opens on the challenge; ``c`` goes
back to it from anywhere (and Tab / Shift+Tab move between the parts).
"""

from __future__ import annotations

from datetime import date

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Header, Input, Label, OptionList, Select, Static
from textual.widgets.option_list import Option

from model.actions import focus as planner
from model.errors import KizunaError
from model.language.i18n import _, word
from model.planning.book import Book
from model.planning.focus import Suggestion, first_day, last_day, shift_month, suggest
from model.planning.month_days import days_left, days_left_text, month_title
from model.records import PURPOSES, Contact, FocusPlan, Slot
from model.store import Store
from tui import threads
from tui.book_source import ReadsBook, app_book, follow_book
from tui.text import fit, role_width
from tui.widgets.diversity_panel import DiversityPanel
from tui.widgets.jk_lists import JKOptionList
from tui.widgets.key_bar import KeyBar
from tui.field_keys import FIELD_KEYS


#: a slots list narrower than this shows each slot's person on one line: name and ✓/○ only
NARROW_SLOTS = 60


class FocusPlannerScreen(ReadsBook, Screen[str]):
    """Plan a month: challenge, purpose, slots filled from ranked suggestions."""

    CSS_PATH = "focus_planner.tcss"
    #: (from this many rows, the screen's class): the layout for a short terminal is in the .tcss
    VERTICAL_BREAKPOINTS = [(0, "-short"), (30, "-tall")]

    BINDINGS = [
        Binding("escape", "close", "Close", tooltip="Back to the main screen", id="planner.close"),
        Binding("c", "challenge", "Challenge", tooltip="Write this month's challenge (Tab moves on to the "
                "purpose and the slots)", id="planner.challenge"),
        Binding("i", "edit_intent", "Intent", tooltip="Write what this slot's conversation is for", id="planner.intent"),
        Binding("x,delete", "clear_slot", "Empty slot", tooltip="Take the person out of this slot", id="planner.clear_slot"),
        Binding("left_square_bracket", "month(-1)", "Prev month", tooltip="Plan the month before", id="planner.prev_month"),
        Binding("right_square_bracket", "month(1)", "Next month", tooltip="Plan the month after", id="planner.next_month"),
        Binding("m", "month_review", "Month review", tooltip="Review the month before and carry people over", id="planner.month_review"),
        *FIELD_KEYS,
    ]

    def __init__(self, store: Store, today: date, month: str | None = None, book: Book | None = None) -> None:
        super().__init__()
        self.store = store
        self.today = today
        self.month = month or f"{today.year:04d}-{today.month:02d}"
        self.book: Book | None = book  # read in a worker on mount when not given
        self.suggestions: list[Suggestion] = []
        self.busy = False

    # -- layout -------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="planner-top"):
            with Vertical(id="plan-box"):
                with Horizontal(classes="field"):
                    yield Label(_("Challenge"), classes="field-label")
                    yield Input(placeholder=_("this month's business challenge, e.g. find a sales channel in Kansai"),
                                id="challenge", select_on_focus=False)
                with Horizontal(classes="field"):
                    yield Label(_("Purpose"), classes="field-label")
                    yield Select([(word("purpose", p), p) for p in PURPOSES], id="purpose", allow_blank=False, value="other")
                yield JKOptionList(id="slots")
                yield Static(id="planner-hint")
                with Horizontal(id="intent-row", classes="field"):
                    yield Label(_("Intent"), classes="field-label")
                    yield Input(placeholder=_("what this conversation is for (Enter saves)"), id="intent")
            with Vertical(id="suggest-box"):
                yield JKOptionList(id="suggestions")
                yield Static(id="suggest-reasons")  # "Why X", in its own frame under the list
        yield DiversityPanel(id="diversity")
        yield KeyBar()

    def on_mount(self) -> None:
        follow_book(self)
        self.query_one("#intent-row").display = False
        self.book = self.book or app_book(self.app)
        if self.book is not None:
            self.load_month()
        else:
            self.query_one("#slots", OptionList).loading = True
            self._read_book()

    def _book_ready(self, book: Book) -> None:
        self.book = book
        self.query_one("#slots", OptionList).loading = False
        self.load_month()
        self.call_after_refresh(self.show_slots)  # again, at the list's real width

    def on_resize(self) -> None:
        # rows are cut to the lists' widths: draw them again once they are known or change
        if self.book is not None:
            self.call_after_refresh(self.show_slots)
            self.call_after_refresh(self._draw_suggestions)

    def show_book(self, book: Book) -> None:
        """The app's hook after any write or outside change: draw from the new snapshot."""
        if self.busy or self.book is None:
            return  # our own write or first read in flight: its result redraws
        self.book = book
        self.show_slots()

    # -- reading the plan ------------------------------------------------------------------------

    @property
    def plan(self) -> FocusPlan | None:
        return self.book.plan(self.month)

    def slots(self) -> list[Slot]:
        """The plan's slots, or the settings' template of empty ones before anything is saved."""
        plan = self.plan
        if plan is not None and plan.slots:
            return list(plan.slots)
        return [Slot(role=role) for role in self.book.settings.focus_template]

    def load_month(self) -> None:
        """Show self.month: its challenge, purpose, slots and diversity."""
        left = days_left(self.month, self.today)
        self.query_one("#plan-box").border_title = _("Focus · {month}").format(month=month_title(self.month))
        self.query_one("#plan-box").border_subtitle = days_left_text(left) if left is not None else ""
        plan = self.plan
        with self.prevent(Input.Changed, Select.Changed):
            self.query_one("#challenge", Input).value = plan.challenge if plan else ""
            self.query_one("#purpose", Select).value = plan.purpose if plan else "other"
        self.show_slots(0)
        if plan is None or not plan.challenge:  # a month starts from its challenge (A4)
            self.query_one("#challenge", Input).focus()
        else:
            self.query_one("#slots", OptionList).focus()
        self.query_one("#planner-hint", Static).update(Content.styled(
            _("c or Shift+Tab: the challenge · Tab: purpose, slots, suggestions · Enter on a slot: "
              "choose from the suggestions"), "dim"))

    def _slot_row(self, n: int, slot: Slot) -> Content:
        person = self.book.get_contact(slot.contact) if slot.contact else None
        role_w = role_width()
        role = Content.styled(f"{n}. " + fit(word("relation", slot.role), role_w) + " ", "bold")
        head = 3 + role_w + 1  # "1. ", the role, a space
        inner = self.query_one("#slots", OptionList).scrollable_content_region.width
        narrow = 0 < inner < NARROW_SLOTS  # one line per slot: no company, the mark alone
        if person is None:
            return Content.assemble(role, (_("— empty —") if narrow else _("— empty — Enter picks from the suggestions"),
                                           "dim italic"))
        deep = self.book.deep_count(person.id, first_day(self.month), last_day(self.month))
        done = (Content.styled("✓" if narrow else _("✓ deep talk held"), "$text-success") if deep
                else Content.styled("○" if narrow else _("○ deep talk due"), "$text-warning"))
        width = max(30, inner - 2)
        intent = (Content.styled("\n   " + fit(slot.intent, width - 3).rstrip(), "italic $text-muted")
                  if slot.intent else Content.styled("\n   " + _("(no intent yet: i writes one)"), "dim italic"))
        if narrow:
            # (the option's padding and a scrollbar: 4 columns)
            return Content.assemble(role, (fit(person.name, max(6, inner - head - 2 - 4)), "bold $accent"), " ", done,
                                    intent)
        return Content.assemble(role, (fit(person.name, 16), "bold $accent"),
                                (fit(person.company, max(8, width - 16 - 16 - head)), "dim"), " ", done, intent)

    def show_slots(self, highlight: int | None = None) -> None:
        """Draw the slots again; with ``highlight``, move there and rank its suggestions."""
        slots_list = self.query_one("#slots", OptionList)
        keep = slots_list.highlighted if highlight is None else highlight
        with self.prevent(OptionList.OptionHighlighted):
            slots_list.clear_options()
            slots_list.add_options([Option(self._slot_row(i + 1, s), id=f"slot-{i}")
                                    for i, s in enumerate(self.slots())])
            slots_list.border_title = _("Slots")
            if self.slots():
                slots_list.highlighted = min(keep or 0, len(self.slots()) - 1)
        self.show_diversity()
        if highlight is not None:
            self._slot_highlighted()

    @property
    def slot_index(self) -> int:
        return self.query_one("#slots", OptionList).highlighted or 0

    def chosen(self) -> list[Contact]:
        people = []
        for slot in self.slots():
            if slot.contact and (c := self.book.get_contact(slot.contact)) is not None:
                people.append(c)
        return people

    def show_diversity(self, candidate: Contact | None = None) -> None:
        """The plan's diversity; with ``candidate``, also what choosing them would do."""
        slots = self.slots()
        current = slots[self.slot_index].contact if slots else None
        self.query_one(DiversityPanel).show(self.chosen(), self.book.settings, candidate,
                                            replacing=current, slot=self.slot_index)

    # -- suggestions ---------------------------------------------------------------------------

    @on(OptionList.OptionHighlighted, "#slots")
    def _slot_highlighted(self) -> None:
        slots = self.slots()
        if not slots:
            return
        slot = slots[self.slot_index]
        box = self.query_one("#suggestions", OptionList)
        box.border_title = _("Suggestions for slot {n} · {role}").format(n=self.slot_index + 1,
                                                                          role=word("relation", slot.role))
        box.loading = True
        self.load_suggestions(slot.role, str(self.query_one("#purpose", Select).value))

    def load_suggestions(self, role: str, purpose: str) -> None:
        """Rank candidates off the event loop: thousands of people take a moment."""
        book, month, today = self.book, self.month, self.today
        threads.read(self, lambda: suggest(book, month, role, purpose, today, limit=10),
                     self._show_suggestions, group="suggest")

    def _show_suggestions(self, found: list[Suggestion]) -> None:
        self.suggestions = found
        box = self.query_one("#suggestions", OptionList)
        box.loading = False
        box.clear_options()  # a new ranking: the cursor starts again
        self._draw_suggestions()
        self._show_reasons(None)
        self.call_after_refresh(self._draw_suggestions)  # again at the list's real width

    def _draw_suggestions(self) -> None:
        """The suggestions as options, their reasons cut to the list's width now."""
        box = self.query_one("#suggestions", OptionList)
        if box.loading:
            return
        found = self.suggestions
        keep = box.highlighted
        box.clear_options()
        taken = {c.id for c in self.chosen()}
        width = box.scrollable_content_region.width - 6
        if width < 30:  # not laid out yet: the list's share of the screen
            width = max(30, self.size.width // 2 - 8)
        # name 20 and company 22 when there is room (56 columns); else the name takes what is
        # left after the number, the score, the option's padding and a scrollbar
        name_w = 20 if width + 6 >= 56 else max(10, width + 6 - 18)
        company_w = 22 if width + 6 >= 56 else 0
        for i, s in enumerate(found):
            c = s.contact
            mark = "  " + _("(in the plan)") if c.id in taken else ""
            line = Content.assemble((f"{i + 1:>2}. ", "dim"), (fit(c.name, name_w), "bold"),
                                    (fit(c.company, company_w), "dim"),
                                    (_("score {score:>3}").format(score=s.score), "$accent"), (mark, "italic $text-muted"),
                                    ("\n    " + fit("; ".join(s.reasons[:2]), width).rstrip(), "$text-muted"))
            box.add_option(Option(line, id=c.id))
        if not found:
            box.add_option(Option(Content.styled(_("No one fits this role yet: add people with this relation."), "dim"),
                                  disabled=True))
        elif keep is not None and keep < len(found):
            with self.prevent(OptionList.OptionHighlighted):
                box.highlighted = keep

    def _show_reasons(self, s: Suggestion | None) -> None:
        """"Why X" and every reason, in a frame of its own under the suggestions."""
        why = self.query_one("#suggest-reasons", Static)
        why.display = s is not None
        if s is None:
            why.update("")
            return
        why.border_title = _("Why {name}").format(name=s.contact.name)
        why.update(Content("\n").join([Content.styled(f"• {r}", "$text-muted") for r in s.reasons]))

    @on(OptionList.OptionHighlighted, "#suggestions")
    def _suggestion_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        idx = event.option_index
        if 0 <= idx < len(self.suggestions):
            s = self.suggestions[idx]
            self._show_reasons(s)
            self.show_diversity(s.contact)

    @on(OptionList.OptionSelected, "#slots")
    def _slot_chosen(self) -> None:
        box = self.query_one("#suggestions", OptionList)
        if self.suggestions:
            box.focus()
            box.highlighted = 0

    @on(OptionList.OptionSelected, "#suggestions")
    def _suggestion_chosen(self, event: OptionList.OptionSelected) -> None:
        idx = event.option_index
        if 0 <= idx < len(self.suggestions):
            person = self.suggestions[idx].contact
            slot = self.slots()[self.slot_index]
            self.write("set", index=self.slot_index, contact_id=person.id, intent=slot.intent)

    # -- challenge, purpose, intent --------------------------------------------------------------

    @on(Input.Submitted, "#challenge")
    def _challenge_saved(self) -> None:
        self.save_header()
        self.query_one("#purpose", Select).focus()

    @on(Select.Changed, "#purpose")
    def _purpose_changed(self) -> None:
        if self.book is None:
            return  # the Select announcing its first value
        self.save_header()
        self._slot_highlighted()

    def save_header(self) -> None:
        if self.book is None:
            return
        challenge = self.query_one("#challenge", Input).value.strip()
        purpose = str(self.query_one("#purpose", Select).value)
        plan = self.plan
        if plan is not None and plan.challenge == challenge and plan.purpose == purpose:
            return
        self.write("plan", challenge=challenge, purpose=purpose)

    def action_edit_intent(self) -> None:
        slots = self.slots()
        if not slots or not slots[self.slot_index].contact:
            self.notify(_("Choose a person for this slot first."), severity="warning")
            return
        row = self.query_one("#intent-row")
        row.display = True
        field = self.query_one("#intent", Input)
        field.value = slots[self.slot_index].intent
        field.focus()

    @on(Input.Submitted, "#intent")
    def _intent_saved(self, event: Input.Submitted) -> None:
        slot = self.slots()[self.slot_index]
        self.query_one("#intent-row").display = False
        self.query_one("#slots", OptionList).focus()
        if event.value.strip() != slot.intent:
            self.write("set", index=self.slot_index, contact_id=slot.contact, intent=event.value.strip())

    def action_clear_slot(self) -> None:
        """Empty the slot; its intent goes with the person, so a written one asks first."""
        slots = self.slots()
        index = self.slot_index
        if not slots or not slots[index].contact:
            return
        slot = slots[index]
        if not slot.intent:
            self.write("clear", index=index)
            return
        from tui.screens.confirm import ConfirmScreen

        person = self.book.get_contact(slot.contact)
        name = person.name if person else _("this person")

        def answered(yes: bool | None) -> None:
            if yes and self.slots()[index].contact == slot.contact:
                self.write("clear", index=index)

        question = _("Take {name} out of slot {n}? Its intent goes too:").format(name=name, n=index + 1)
        self.app.push_screen(ConfirmScreen(f"{question}\n{slot.intent}", yes=_("empty the slot"),
                                           no=_("keep them")), answered)

    def action_challenge(self) -> None:
        self.query_one("#intent-row").display = False
        self.query_one("#challenge", Input).focus()

    def action_month(self, by: int) -> None:
        self.month = shift_month(self.month, by)
        self.load_month()

    def action_month_review(self) -> None:
        from tui.screens.month_review import MonthReviewScreen

        def back(_: object) -> None:
            self._read_book()  # carry-over may have changed this month's plan

        self.app.push_screen(MonthReviewScreen(self.store, self.today, shift_month(self.month, -1)), back)

    def action_close(self) -> None:
        """Escape backs out one step: the intent box, the suggestions, then the planner."""
        slots = self.query_one("#slots", OptionList)
        intent_row = self.query_one("#intent-row")
        if intent_row.display:
            intent_row.display = False
            slots.focus()
            return
        if self.focused is self.query_one("#suggestions", OptionList):
            slots.focus()
            return
        self.dismiss(self.month)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if self.book is None and action != "close":
            return None
        if self.busy and action in ("clear_slot", "edit_intent", "month", "month_review", "close"):
            return None
        return True

    # -- writing, off the event loop ---------------------------------------------------------

    def write(self, what: str, **args: object) -> None:
        self.busy = True
        self.refresh_bindings()
        month, challenge = self.month, self.query_one("#challenge", Input).value.strip()
        purpose = str(self.query_one("#purpose", Select).value)
        threads.write(self, lambda: self._apply(what, month, challenge, purpose, args),
                      lambda book: self._written(what, book), self._write_failed)

    def _apply(self, what: str, month: str, challenge: str, purpose: str, args: dict) -> Book:
        """One change in one transaction; returns a fresh Book to draw from."""
        with self.store.transaction():
            if self.store.focus_plan(month) is None or what == "plan":
                planner.plan_month(self.store, month, self.today, challenge=challenge, purpose=purpose)
            if what == "set":
                index, person = args["index"], args["contact_id"]
                plan = self.store.focus_plan(month)
                elsewhere = next((i for i, s in enumerate(plan.slots) if s.contact == person and i != index), None)
                if elsewhere is not None:  # choosing someone again moves them here
                    planner.clear_slot(self.store, month, self.today, slot=elsewhere)
                planner.set_slot(self.store, month, person, self.today, slot=index,
                                 intent=args.get("intent"), replace=True)
            elif what == "clear":
                planner.clear_slot(self.store, month, self.today, slot=args["index"])
        return Book.from_store(self.store)

    def _written(self, what: str, book: Book) -> None:
        self.busy = False
        self.book = book
        self.refresh_bindings()
        self.show_slots()
        if what == "set":
            self.query_one("#slots", OptionList).focus()
        if what in ("set", "clear"):
            self._slot_highlighted()  # rank again: the plan's people and its spread changed

    def _write_failed(self, exc: KizunaError) -> None:
        self.busy = False
        self.refresh_bindings()
        self.notify(str(exc), title=_("Not saved"), severity="error")
