"""Daily review: walk the due list one item at a time, one key each.

Open it with ``app.push_screen(ReviewScreen(store, today), callback)``; it
dismisses with a :class:`ReviewSummary` when the user closes it: Escape or
``q`` mid-way ends the walk on the summary, and Enter or Escape there closes.

Keys: ``t`` log a touch, ``d`` log a deep conversation (both open quick
capture pre-filled with the person and the depth marker; on a promise it then
asks whether the promise was kept), ``s`` snooze the person with a date and a
reason (on a promise: move its due date, with a reason), ``y`` kept, ``b``
broken (asks once: it costs trust). ``j`` / ``k`` move as in every list:
``j`` (``↓``, ``space``) skips on, ``k`` (``↑``, ``p``) steps back to the item
just skipped.
Every store change runs in a thread worker; the screen never freezes.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta

from rich.cells import cell_len
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Header, ProgressBar, Static

from model import actions
from model.capture import Capture
from model.errors import KizunaError
from model.planning.book import Book
from model.planning.due import SECTION_TITLES, SECTIONS, DueItem, due_list
from model.planning.trust import WEIGHTS
from model.language.i18n import N_, _, language, ngettext, word
from model.store import Store
from tui import threads
from model.language.text import visible
from tui.book_source import ReadsBook, app_book
from tui.hanging_rows import HangingRows
from tui.screens.capture import CaptureScreen, day_words
from tui.screens.confirm import ConfirmScreen
from tui.screens.snooze_dialog import SnoozeDialog
from tui.widgets.key_bar import KeyBar


#: the due list's section names as the review shows them (the model keeps the English word)
SECTION_WORDS = {"overdue": N_("overdue"), "caps": N_("caps"), "today": N_("today"), "chase": N_("chase"),
                 "focus": N_("focus"), "cadence": N_("cadence"), "birthday": N_("birthday"),
                 "upcoming": N_("upcoming")}
#: what happened to an item, as "The item before was ... already" says it
OUTCOMES = (N_("logged"), N_("snoozed"), N_("kept"), N_("broken"), N_("skipped"))


def section_word(section: str) -> str:
    return _(SECTION_WORDS[section]) if section in SECTION_WORDS else section


@dataclass
class ReviewSummary:
    """What one review did; ``lines`` says it in words, one per action."""

    total: int = 0
    logged: int = 0
    snoozed: int = 0
    kept: int = 0
    broken: int = 0
    skipped: int = 0
    lines: list[str] = field(default_factory=list)

    @property
    def handled(self) -> int:
        """Items acted on; a skipped one is left for later, not handled."""
        return self.logged + self.snoozed + self.kept + self.broken

    def counts(self) -> str:
        return _("logged {logged} · snoozed {snoozed} · kept {kept} · broken {broken} · skipped {skipped}").format(
            logged=self.logged, snoozed=self.snoozed, kept=self.kept, broken=self.broken, skipped=self.skipped)


class ReviewScreen(ReadsBook, Screen[ReviewSummary]):
    """One due item at a time; the summary when the list is done."""

    CSS_PATH = "review.tcss"
    #: (from this many rows, the screen's class): a short terminal's layout is in the .tcss
    VERTICAL_BREAKPOINTS = [(0, "-short"), (30, "-tall")]

    BINDINGS = [
        Binding("t", "log('touch')", "Log touch", tooltip="Capture a short touch with this person", id="review.log_touch"),
        Binding("d", "log('deep')", "Log deep", tooltip="Capture a deep conversation with this person", id="review.log_deep"),
        Binding("s", "snooze", "Snooze", tooltip="Snooze until a date, with a reason", id="review.snooze"),
        Binding("y", "keep", "Kept", tooltip="Mark the promise kept", id="review.keep"),
        Binding("b", "break_promise", "Broken", tooltip="Mark the promise broken (asks first: it costs trust)",
                id="review.break"),
        Binding("j,down,space", "skip", "Skip", tooltip="Leave this one for now and go on (j/↓ move on)",
                id="review.skip"),
        Binding("k,up,p,backspace", "back", "Back", tooltip="Back to the item you just skipped (k/↑ move back)",
                id="review.back"),
        Binding("enter", "done", "Done", tooltip="Close the finished review", id="review.done"),
        Binding("escape,q", "finish", "End", tooltip="End the review here: the summary, then Esc closes",
                id="review.close"),
    ]

    def __init__(self, store: Store, today: date, book: Book | None = None) -> None:
        super().__init__()
        self.store = store
        self.today = today
        self.items: list[DueItem] = []
        self.index = 0
        self.busy = False
        self.summary = ReviewSummary()
        self.outcomes: dict[int, str] = {}  # item index -> skipped | logged | snoozed | kept | broken
        self.ended = False  # ended early (Escape): the summary shows, the rest is left
        self._book: Book | None = book

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="review-box") as box:
            today = day_words(self.today, self.today)
            today = today.split(" ")[0] if language() == "ja" else today.split(" (")[0]  # without "(today)"
            box.border_title = _("Daily review · {date}").format(date=today)
            yield Static(id="review-section")
            yield Static(id="review-title")
            yield Static(id="review-detail")
            yield Static(id="review-context")
            yield ProgressBar(id="review-progress", show_eta=False)
        yield Static(id="review-next")
        yield Static(id="review-tally")
        yield KeyBar()

    def on_mount(self) -> None:
        self._book = self._book or app_book(self.app)
        if self._book is not None:
            self._book_ready(self._book)
        else:
            self.query_one("#review-title", Static).update(Content.styled(_("Reading the due list…"), "dim"))
            self._read_book()

    def _book_ready(self, book: Book) -> None:
        """Compute the due list once for this review, and show its first item."""
        self._book = book
        self.items = due_list(book, self.today)
        self.summary.total = len(self.items)
        self.query_one(ProgressBar).update(total=max(1, len(self.items)), progress=0)
        self.show()

    # -- what is on screen ---------------------------------------------------------------

    @property
    def current(self) -> DueItem | None:
        if self.ended:
            return None
        return self.items[self.index] if self.index < len(self.items) else None

    @property
    def done(self) -> bool:
        return self.current is None

    def _person_name(self, item: DueItem) -> str:
        person = self._book.get_contact(item.contact_id) if self._book else None
        return visible(person.name) if person else visible(item.name) or _("(someone no longer in the store)")

    def show(self) -> None:
        """Draw the current item, or the summary when the walk is over."""
        self.refresh_bindings()
        self.query_one(ProgressBar).update(progress=self.index)
        self.query_one("#review-tally", Static).update(
            Content.assemble((_("So far:"), "bold"), " ", self.summary.counts()))
        item = self.current
        box = self.query_one("#review-box")
        if item is None:
            self._show_summary()
            return
        box.border_subtitle = _("{n} of {total}").format(n=self.index + 1, total=len(self.items))
        section_style = "bold $text-error" if item.days < 0 else "bold $text-warning" if item.days == 0 else "bold $accent"
        self.query_one("#review-section", Static).update(
            Content.styled(_(SECTION_TITLES.get(item.section, item.section)).upper(), section_style))
        self.query_one("#review-title", Static).update(Content.styled(item.title, "bold"))
        self.query_one("#review-detail", Static).update(Content.styled(item.detail, section_style))
        self.query_one("#review-context", Static).update(self._about(item))
        self.query_one("#review-next", Static).update(self._coming())

    def _about(self, item: DueItem) -> Content:
        """Who this is and when we last spoke: enough to decide in one key."""
        book = self._book
        person = book.get_contact(item.contact_id) if book else None
        if person is None:
            return Content("")
        bits = [visible(person.name)]
        if person.company:
            bits.append(visible(person.company))
        bits.append(word("tier", person.tier))
        lines = [Content.styled(" · ".join(bits), "$text-muted")]
        if book is not None:
            deep = book.last_deep(person.id)
            touch = book.last_touch(person.id)
            labels = [_("last deep conversation:"), _("last touch:")]
            width = max(cell_len(label) for label in labels) + 1
            for label, when in zip(labels, (deep, touch)):
                lines.append(Content.styled(label + " " * (width - cell_len(label))
                                            + (day_words(when, self.today) if when else _("never")), "$text-muted"))
        if person.next_step:
            lines.append(Content.styled(_("next step: {step}").format(step=visible(person.next_step)), "$text-muted"))
        return Content("\n").join(lines)

    def _coming(self) -> Content | HangingRows:
        rest = self.items[self.index + 1:self.index + 6]
        if not rest:
            return Content("")
        left = Counter(item.section for item in self.items[self.index + 1:])
        counts = " · ".join(f"{section_word(section)}\xa0{left[section]}" for section in SECTIONS if left[section])
        blank = Content("")
        # each line's text wraps under itself (a long title in Japanese at 80 columns)
        rows = [(Content.assemble((_("Next up"), "bold $text-muted"), ("   ", "$text-muted")),
                 Content.styled(counts, "$text-muted"), blank)]
        width = max(9, *(cell_len(section_word(item.section)) for item in rest))
        for item in rest:
            shown = section_word(item.section)
            rows.append((Content.styled(f"  {shown}{' ' * (width - cell_len(shown))} ", "$text-muted"),
                         Content.styled(item.title, "$text-muted"), blank))
        more = len(self.items) - self.index - 1 - len(rest)
        if more > 0:
            rows.append((Content.styled("  ", "$text-muted"), Content.styled(
                ngettext("… and {n} more", "… and {n} more", more).format(n=more), "$text-muted"), blank))
        return HangingRows(rows, 0)

    def _show_summary(self) -> None:
        s = self.summary
        box = self.query_one("#review-box")
        box.border_subtitle = _("done")
        self.query_one("#review-section", Static).update(Content.styled(_("REVIEW DONE"), "bold $text-success"))
        if not self.items:
            title = _("Nothing is due today. Well kept.")
        else:
            title = ngettext("{handled} of {total} item handled", "{handled} of {total} items handled",
                             s.total).format(handled=s.handled, total=s.total)
            left = [_("{n} skipped").format(n=s.skipped)] if s.skipped else []
            if (unseen := s.total - self.index) > 0:
                left.append(_("{n} not reached").format(n=unseen))
            if left:
                title += _(" · {left}: still on the due list").format(left=" · ".join(left))
        self.query_one("#review-title", Static).update(Content.styled(title, "bold"))
        self.query_one("#review-detail", Static).update(Content.styled(s.counts(), "bold"))
        self.query_one("#review-context", Static).update(
            Content("\n").join([Content.styled(f"• {line}", "$text-muted") for line in s.lines]))
        self.query_one("#review-next", Static).update(Content.styled(_("Enter or Escape closes the review."), "$text-muted"))

    # -- keys -------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        item = self.current
        if self._book is None:
            return action == "finish"
        if action == "finish":
            return None if self.busy else True
        if action == "done":
            return self.done
        if action == "back":
            if self.ended:
                return False
            return None if self.busy else self.outcomes.get(self.index - 1) == "skipped"
        if action in ("log", "snooze", "keep", "break_promise", "skip"):
            if item is None:
                return False
            if action in ("keep", "break_promise") and item.promise_id is None:
                return False
            if action in ("log", "snooze") and not item.contact_id:  # a tier over its cap: no one person
                return False
            return None if self.busy else True
        return True

    def _advance(self, outcome: str, line: str | None = None) -> None:
        if line:
            self.summary.lines.append(line)
        self.outcomes[self.index] = outcome
        self.index += 1
        self.show()

    def action_skip(self) -> None:
        item = self.current
        if item is None:
            return
        self.summary.skipped += 1
        self._advance("skipped")

    def action_back(self) -> None:
        """Step back over a skipped item to handle it now (a handled one stays handled)."""
        if self.ended:
            return
        before = self.outcomes.get(self.index - 1)
        if before is None:
            return
        if before != "skipped":
            self.notify(_("The item before was {outcome} already.").format(outcome=_(before)), severity="warning")
            return
        del self.outcomes[self.index - 1]
        self.summary.skipped -= 1
        self.index -= 1
        self.show()

    def action_log(self, depth: str) -> None:
        item = self.current
        if item is None:
            return
        name = self._person_name(item)
        marker = "!deep " if depth == "deep" else ""
        prefill = f'@"{name}" {marker}'

        def logged(cap: Capture | None) -> None:
            if cap is None:
                return  # cancelled: stay on this item
            self.summary.logged += 1
            names = ", ".join(p.name for p in cap.people)
            line = (_("logged a deep conversation with {names}") if cap.depth == "deep"
                    else _("logged a touch with {names}")).format(names=names)
            if item.promise_id is None:
                self._advance("logged", line)
                return
            self.summary.lines.append(line)

            def kept(yes: bool | None) -> None:
                if yes:
                    self.summary.logged -= 1  # the item counts once, as kept
                    self._write("keep", item)
                else:
                    self._advance("logged")

            self.app.push_screen(ConfirmScreen(_("Was the promise kept?") + f"\n{item.title}",
                                               yes=_("it was kept"), no=_("still open")), kept)

        title = _("Log a deep conversation") if depth == "deep" else _("Log a touch")
        self.app.push_screen(CaptureScreen(self.store, self.today, prefill, title=title), logged)

    def action_snooze(self) -> None:
        item = self.current
        if item is None:
            return
        name = self._person_name(item)
        if item.promise_id is None:
            dialog = SnoozeDialog(self.today, name=name, verb=_("Snooze"), default="2w")
        else:
            # a snooze only puts the promise off: a week after it is due (model.actions.dates)
            later = max(item.due, self.today) + timedelta(days=7)
            dialog = SnoozeDialog(self.today, name=item.title, verb=_("Move the due date"),
                                  default=later.isoformat(), due=item.due)

        def chosen(result: tuple[date, str] | None) -> None:
            if result is not None:
                until, reason = result
                self._write("snooze", item, until, reason)

        self.app.push_screen(dialog, chosen)

    def action_keep(self) -> None:
        if self.current is not None:
            self._write("keep", self.current)

    def action_break_promise(self) -> None:
        """Breaking a promise costs trust, so it asks once."""
        item = self.current
        if item is None:
            return

        def answered(yes: bool | None) -> None:
            if yes and self.current is item:
                self._write("break", item)

        cost = f"{WEIGHTS['broken']:+d}".replace("-", "−")
        question = _("Mark this promise broken? It costs trust ({cost}).").format(cost=cost) + f"\n{item.title}"
        self.app.push_screen(ConfirmScreen(question, yes=_("mark it broken"), no=_("leave it")), answered)

    def action_finish(self) -> None:
        """Mid-way: end on the summary (the rest stays on the due list). On it: close."""
        if self.done:
            self.dismiss(self.summary)
            return
        self.ended = True
        self.show()

    def action_done(self) -> None:
        if self.done:
            self.dismiss(self.summary)

    # -- writing, off the event loop ---------------------------------------------------------

    def _write(self, what: str, item: DueItem, until: date | None = None, reason: str = "") -> None:
        self.busy = True
        self.refresh_bindings()
        threads.write(self, lambda: self._apply(what, item, until, reason),
                      lambda _: self._written(what, item, until, reason), self._write_failed)

    def _apply(self, what: str, item: DueItem, until: date | None, reason: str) -> None:
        if what == "keep":
            actions.keep_promise(self.store, item.promise_id, self.today)
        elif what == "break":
            actions.break_promise(self.store, item.promise_id, self.today)
        else:  # on a promise, snoozing moves its due date (a reschedule, with the reason)
            actions.snooze(self.store, item.contact_id, until, self.today, reason, promise_id=item.promise_id)

    def _written(self, what: str, item: DueItem, until: date | None, reason: str) -> None:
        self.busy = False
        if what == "keep":
            self.summary.kept += 1
            outcome, line = "kept", _("kept: {title}").format(title=item.title)
        elif what == "break":
            self.summary.broken += 1
            outcome, line = "broken", _("broken: {title}").format(title=item.title)
        else:
            self.summary.snoozed += 1
            outcome = "snoozed"
            target = self._person_name(item) if item.promise_id is None else item.title
            line = _("snoozed {target} until {date}: {reason}").format(
                target=target, date=until.isoformat() if until else "?", reason=reason)
        self._advance(outcome, line)

    def _write_failed(self, exc: KizunaError) -> None:
        self.busy = False
        self.refresh_bindings()
        self.notify(str(exc), title=_("Not changed"), severity="error")
