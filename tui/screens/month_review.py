"""Month review: how a month's focus went, a review text, and who carries over.

Open it with ``app.push_screen(MonthReviewScreen(store, today), callback)``;
``month`` defaults to the month before ``today`` (``month="YYYY-MM"`` picks
another). It dismisses with the month key when closed (Escape); a review text
that was changed is saved first, so nothing typed is lost.

Per focus person (``model.planning.focus.month_review``): was the deep
conversation held, promises kept / broken / still open, notes written.
Space ticks people to carry over into the next month (those whose deep
conversation did not happen are ticked to begin with); ``c`` carries them
over (``model.actions.focus.carry_over``), ``ctrl+s`` saves the review text
(``save_review``). Confidential notes are never shown here.
"""

from __future__ import annotations

from datetime import date

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Header, SelectionList, Static, TextArea
from textual.widgets.selection_list import Selection

from model.actions import focus as planner
from model.errors import KizunaError
from model.language.i18n import _, word
from model.planning.book import Book, month_key
from model.planning.focus import MonthReview, ReviewRow, month_review, shift_month
from model.planning.month_days import days_left_text, month_title
from model.store import Store
from tui import threads
from tui.book_source import ReadsBook, app_book, follow_book
from tui.hanging_rows import paragraph
from tui.text import fit, role_width
from tui.widgets.jk_lists import JKSelectionList
from tui.widgets.key_bar import KeyBar


def _row_label(row: ReviewRow, rhythm: str = "") -> Content:
    """One person's month on one line, in columns that line up with wide names; ``rhythm``
    is their last months to this one as glyphs (``tui.health_charts.rhythm_glyphs``)."""
    if row.deep_held:
        dates = ", ".join(f"{d:%m-%d}" for d in row.deep_dates)
        deep = Content.styled(fit(_("✓ deep {dates}").format(dates=dates), 24), "$text-success")
    else:
        deep = Content.styled(fit(_("✗ no deep conversation"), 24), "$text-error")
    return Content.assemble(
        (f"{row.slot}. " + fit(word("relation", row.role), role_width()), "bold"), (fit(row.contact.name, 22), "bold"),
        *([(rhythm + "  ", "$text-muted")] if rhythm else []), deep,
        (_("kept {kept}  broken {broken}  open {open}  notes {notes}").format(
            kept=len(row.kept), broken=len(row.broken), open=len(row.open), notes=len(row.notes)), "$text-muted"))



class MonthReviewScreen(ReadsBook, Screen[str]):
    """One month looked back on, with carry-over into the next."""

    CSS_PATH = "month_review.tcss"

    BINDINGS = [
        Binding("escape", "close", "Close", tooltip="Save the review text if changed, and go back", id="month_review.close"),
        Binding("c", "carry", "Carry over", tooltip="Put the ticked people into next month's plan", id="month_review.carry"),
        Binding("ctrl+s", "save_text", "Save review", tooltip="Save the review text", id="month_review.save"),
        Binding("left_square_bracket", "month(-1)", "Prev month", tooltip="Review the month before", id="month_review.prev_month"),
        Binding("right_square_bracket", "month(1)", "Next month", tooltip="Review the month after", id="month_review.next_month"),
    ]

    def __init__(self, store: Store, today: date, month: str | None = None, book: Book | None = None) -> None:
        super().__init__()
        self.store = store
        self.today = today
        self.month = month or shift_month(month_key(today), -1)
        self.review: MonthReview | None = None
        self.book: Book | None = book  # read in a worker on mount when not given
        self.saved_text = ""
        self.busy = False

    @property
    def next_month(self) -> str:
        return shift_month(self.month, 1)

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="review-top"):
            yield Static(id="month-heading")
            yield JKSelectionList[str](id="rows")
            yield Static(id="month-empty")
        with Horizontal(id="review-bottom"):
            yield Static(id="row-detail")
            with Vertical(id="text-box"):
                yield TextArea(id="review-text", soft_wrap=True)
        yield KeyBar()

    def on_mount(self) -> None:
        follow_book(self)
        self.query_one("#text-box").border_title = _("Review (ctrl+s saves)")
        self.book = self.book or app_book(self.app)
        if self.book is not None:
            self.load(self.book)
        else:
            self.query_one("#rows", SelectionList).loading = True
            self._read_book()

    def _book_ready(self, book: Book) -> None:
        self.query_one("#rows", SelectionList).loading = False
        self.load(book)

    def load(self, book: Book | None = None, *, focus: bool = True) -> None:
        """Compute and show the review of ``self.month`` (from ``book``, else the last one read)."""
        if book is not None:
            self.book = book
        if self.book is None:
            return
        review = month_review(self.book, self.month, self.today)
        self.review = review
        plan = review.plan
        top = self.query_one("#review-top")
        top.border_title = _("Month review · {month}").format(month=month_title(self.month))
        top.border_subtitle = _("c carries ticked people into {month}").format(month=month_title(self.next_month))
        heading = self.query_one("#month-heading", Static)
        rows = self.query_one("#rows", SelectionList)
        rows.clear_options()
        if plan is None:
            heading.update(Content.assemble(
                (_("No focus plan for {month}.").format(month=month_title(self.month)) + " ", "bold"),
                (_("Press f on the main screen to plan a month; [ and ] move between months here."),
                 "$text-muted")))
            self.query_one("#month-empty", Static).update("")
            self.query_one("#row-detail", Static).update("")
        else:
            left = f" · {days_left_text(review.days_left)}" if review.days_left is not None else ""
            heading.update(Content.assemble(
                (_("Challenge: "), "bold $text-muted"), (plan.challenge or _("(none written)"), "bold"),
                ("  " + _("purpose: "), "$text-muted"), word("purpose", plan.purpose),
                ("   " + _("deep conversations held {held} of {total}").format(held=review.held,
                                                                             total=len(review.rows)) + left,
                 "$accent"),
                *[(f"\n⚠ {w}", "$text-warning") for w in (review.diversity.warnings if review.diversity else ())]))
            carry = {r.contact.id for r in review.carry_candidates}
            rows.add_options([Selection(_row_label(r, self._rhythm(r.contact.id)), r.contact.id,
                                        r.contact.id in carry) for r in review.rows])
            empty = _(", ").join(f"{i} {word('relation', role)}" for i, role in review.empty_slots)
            self.query_one("#month-empty", Static).update(
                Content.styled(_("empty slots: {slots}").format(slots=empty), "$text-muted") if empty else "")
            if review.rows:
                rows.highlighted = 0
                self.show_detail(review.rows[0])
            else:
                self.query_one("#row-detail", Static).update(Content.styled(_("Nobody was chosen this month."), "dim"))
        text = plan.review if plan else ""
        self.saved_text = text
        area = self.query_one("#review-text", TextArea)
        area.text = text
        area.disabled = plan is None
        if focus:
            rows.focus()

    def _rhythm(self, contact_id: str) -> str:
        """The person's 12 months up to the reviewed one (as of its last day, or today)."""
        from model.planning.focus import last_day
        from model.planning.health.rhythm import rhythm_of
        from tui.health_charts import rhythm_glyphs

        assert self.book is not None
        return rhythm_glyphs(rhythm_of(self.book.notes_of(contact_id), min(self.today, last_day(self.month))))

    def show_book(self, book: Book) -> None:
        """The app's hook after any write or outside change: recompute, keep what is being typed."""
        if self.busy or self.book is None:
            return
        area = self.query_one("#review-text", TextArea)
        typed = area.text if area.text != self.saved_text else None
        rows = self.query_one("#rows", SelectionList)
        ticked, at = set(rows.selected), rows.highlighted
        self.load(book, focus=False)
        if self.review and self.review.plan is not None:
            rows.deselect_all()
            for cid in ticked:
                if any(r.contact.id == cid for r in self.review.rows):
                    rows.select(cid)
            if at is not None and at < rows.option_count:
                rows.highlighted = at
        if typed is not None:
            area.text = typed

    @on(SelectionList.SelectionHighlighted, "#rows")
    def _highlighted(self, event: SelectionList.SelectionHighlighted) -> None:
        if self.review and 0 <= event.selection_index < len(self.review.rows):
            self.show_detail(self.review.rows[event.selection_index])

    def show_detail(self, row: ReviewRow) -> None:
        """The highlighted person's month: intent, notes, promises."""
        lines = [Content.styled(row.contact.name, "bold")]
        if row.intent:
            lines.append(Content.styled(_("intent: {intent}").format(intent=row.intent), "italic"))
        for it in row.notes:
            text = _("(confidential note — hidden)") if it.scope == "confidential" else it.text
            depth = word("depth", "deep" if it.depth == "deep" else "touch")
            lines.append(Content.assemble((f"{it.date[5:]} {word('kind', it.kind)} · {depth}  ", "$text-muted"),
                                          text))
        for label, promises, style in (("kept", row.kept, "$text-success"), ("broken", row.broken, "$text-error"),
                                       ("open", row.open, "$text-warning")):
            for p in promises:
                said = (_("I: {text} (due {due})") if p.owner == "me" else _("they: {text} (due {due})"))
                lines.append(Content.assemble((fit(word("status", label), 6) + " ", style),
                                              said.format(text=p.text, due=p.due)))
        if len(lines) == 1 or (len(lines) == 2 and row.intent):
            lines.append(Content.styled(_("no notes or promises this month"), "dim"))
        self.query_one("#row-detail", Static).update(paragraph(Content("\n").join(lines)))

    # -- actions ------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if self.book is None and action != "close":
            return None
        if action in ("carry", "save_text") and (self.review is None or self.review.plan is None):
            return False
        if self.busy and action in ("carry", "save_text", "close", "month"):
            return None
        return True

    def action_carry(self) -> None:
        chosen = list(self.query_one("#rows", SelectionList).selected)
        if not chosen:
            self.notify(_("Tick someone with space first."), severity="warning")
            return
        self._start("carry", chosen)

    def action_save_text(self) -> None:
        self._start("text", self.query_one("#review-text", TextArea).text)

    def action_month(self, by: int) -> None:
        self._start("text-then-month", self.query_one("#review-text", TextArea).text, by)

    def action_close(self) -> None:
        self._start("text-then-close", self.query_one("#review-text", TextArea).text)

    def _start(self, what: str, arg: object, by: int = 0) -> None:
        text_changed = self.review is not None and self.review.plan is not None and \
            self.query_one("#review-text", TextArea).text != self.saved_text
        if what.startswith("text-then") and not text_changed:
            self._after(what, None, by)
            return
        self.busy = True
        self.refresh_bindings()
        store, month, today = self.store, self.month, self.today

        def job() -> tuple[object, Book]:
            if what == "carry":
                result: object = planner.carry_over(store, month, shift_month(month, 1), arg, today)
            else:
                result = planner.save_review(store, month, str(arg), today)
            return result, Book.from_store(store)

        threads.write(self, job, lambda done: self._done(what, *done, by), self._failed)

    def _done(self, what: str, result: object, book: Book, by: int) -> None:
        self.busy = False
        self.book = book  # fresh: the next month shown includes what was carried
        self.refresh_bindings()
        if what == "carry":
            names = {r.contact.id: r.contact.name for r in self.review.rows} if self.review else {}
            carried = _(", ").join(_("{name} (slot {n})").format(name=names.get(cid, cid), n=slot)
                                   for cid, slot in result.carried)
            skipped = "; ".join(f"{names.get(cid, cid)}: {why}" for cid, why in result.skipped)
            message = _("Carried into {month}: {people}").format(month=month_title(self.next_month),
                                                                people=carried or _("nobody"))
            if skipped:
                message += _(". Skipped {people}").format(people=skipped)
            self.notify(message, title=_("Carry over"))
            return
        self.saved_text = self.query_one("#review-text", TextArea).text
        if what == "text":
            self.notify(_("Review of {month} saved.").format(month=month_title(self.month)))
        self._after(what, book, by)

    def _after(self, what: str, book: Book | None, by: int) -> None:
        if what == "text-then-close":
            self.dismiss(self.month)
        elif what == "text-then-month":
            self.month = shift_month(self.month, by)
            self.load(book)

    def _failed(self, exc: KizunaError) -> None:
        self.busy = False
        self.refresh_bindings()
        self.notify(str(exc), title=_("Not saved"), severity="error")
