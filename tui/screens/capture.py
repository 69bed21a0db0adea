"""Quick capture: one line, a live preview of what it will save, Enter saves.

Open it from anywhere with::

    app.push_screen(CaptureScreen(store, today), callback)
    app.push_screen(CaptureScreen(store, today, prefill='@"Sato Ken" !deep '), callback)

It dismisses with the saved :class:`model.capture.Capture` (its ``interaction``
and ``saved_promises`` filled in), or ``None`` when the user pressed Escape;
nothing is written in that case. The line is parsed on every keystroke
(``model.capture.parse`` is pure and fast) against the contacts read once
when the screen opens; the save itself runs in a thread worker, so the
screen never freezes on a slow disk or a held lock.
"""

from __future__ import annotations

import unicodedata
from bisect import bisect_left
from datetime import date

from rich.cells import cell_len
from rich.highlighter import Highlighter
from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.content import Content
from textual.screen import ModalScreen
from textual.suggester import Suggester
from textual.timer import Timer
from textual.widgets import Input, Label, Static

from model.capture import Capture, CaptureError, Token, parse, save
from model.capture import describe_date
from model.errors import AmbiguousError, KizunaError
from model.language.names import fold
from model.language import i18n
from model.language.i18n import N_, _, ngettext, word
from model.records import Contact
from model.store import Store
from tui import threads
from tui.book_source import app_book
from tui.hanging_rows import HangingRows
from tui.widgets.key_bar import KeyBar

#: What the grammar looks like, shown under the preview.
#: a save taking longer than this shows "Saving…" (a local disk is quicker)
SLOW_SAVE_SECONDS = 0.15

HINT = N_(
    "@Name or @\"Full Name\" · @+Name = someone new · met @X for lunch yesterday · call with @X on tue · "
    "#tag · promised … by fri · @X will … by 12/3 · 12/3までに…と約束 · !private !confidential · \\word = literal"
)


#: how each recognised piece of the line is coloured in the input (``Token.role``)
ROLE_STYLES = {
    "person": "bold cyan",
    "joiner": "cyan",
    "tag": "magenta",
    "kind": "yellow",
    "depth": "bold green",
    "scope": "bold red",
    "date": "green",
    "promise": "bold blue",
    "due": "blue",
}


def day_words(when: date, today: date) -> str:
    """``2026-11-27 Fri (tomorrow)``: the date the way the capture grammar prints it;
    ``2026-11-27(金) 明日`` in Japanese."""
    if i18n.language() != "ja":
        return describe_date(when, today)
    delta = (when - today).days
    rel = {0: "今日", -1: "昨日", 1: "明日"}.get(delta) or (f"{-delta}日前" if delta < 0 else i18n.days_left(delta))
    return f"{when.isoformat()}({i18n.weekday(when)}) {rel}"


class CaptureHighlighter(Highlighter):
    """Colours what the parser recognised, and the span a parse error points at.

    With a good parse the colours come from its tokens (so a bare ``lunch``
    at the start shows as a kind, and ``lunch`` later as text); while the line
    does not parse, mentions, tags and ``!words`` are coloured by their look.
    """

    def __init__(self) -> None:
        self.tokens: list[Token] = []
        self.new_ids: set[str] = set()
        self.error_span: tuple[int, int] | None = None

    def highlight(self, text: Text) -> None:
        size = len(text.plain)
        if self.tokens:
            for t in self.tokens:
                style = ROLE_STYLES.get(t.role)
                if t.role == "person" and t.value in self.new_ids:
                    style = "bold yellow"
                if style and t.end <= size:
                    text.stylize(style, t.start, t.end)
        else:
            text.highlight_regex(r'[@＠]"[^"]*"?|[@＠]\S+', "bold cyan")
            text.highlight_regex(r"[#＃]\S+", "magenta")
            text.highlight_regex(r"[!！]\S+", "yellow")
        if self.error_span:
            start, end = self.error_span
            end = max(end, start + 1)
            text.stylize("bold white on red", start, min(end, size))


class NameSuggester(Suggester):
    """Completes ``@Emi`` to ``@Emily`` from the people we know.

    The grey completion is exactly what → inserts, so it only ever adds to what was
    typed: the first word of the name when that word names one person, else the name
    without its spaces (``@EmilyCarter``, which finds her too); after ``@"`` the
    quoted full name. Names are kept sorted by their folded form, so a keystroke
    costs a binary search, not a scan of thousands of people.
    """

    def __init__(self, contacts: list[Contact]) -> None:
        super().__init__(use_cache=False, case_sensitive=True)
        pairs = sorted((fold(c.name), c.name) for c in contacts)
        self._keys = [k for k, _ in pairs]
        self._names = [n for _, n in pairs]
        self._owners: dict[str, int] = {}  # a folded word -> how many people it names
        for c in contacts:
            for folded in {w for k in (c.name, c.reading) if k for w in [fold(k), *fold(k).split()]}:
                self._owners[folded] = self._owners.get(folded, 0) + 1

    def _written(self, name: str, typed: str) -> str:
        first = name.split()[0] if " " in name else name
        if len(first) > len(typed) and self._owners.get(fold(first)) == 1:
            return first
        return name.replace(" ", "")

    async def get_suggestion(self, value: str) -> str | None:
        at = max(value.rfind("@"), value.rfind("＠"))
        if at < 0:
            return None
        typed = value[at + 1:]
        quoted = typed.startswith('"')
        if quoted:
            typed = typed[1:]
        if not typed or '"' in typed or (not quoted and " " in typed):
            return None
        key = fold(typed)
        i = bisect_left(self._keys, key)
        while i < len(self._keys) and self._keys[i].startswith(key):
            name = self._names[i]
            if len(self._keys[i]) > len(key) and name.casefold().startswith(typed.casefold()):
                written = f'"{name}"' if quoted else self._written(name, typed)
                if len(written) > len(typed) + quoted:
                    return value[:at + 1] + written + " "
            i += 1
        return None


def one_line(text: str) -> str:
    """Pasted text as one capture line: its lines joined by spaces (a promise on the third
    line is kept), control characters (tabs, escapes) made spaces."""
    lines = ("".join(" " if unicodedata.category(ch) == "Cc" else ch for ch in line).strip()
             for line in text.splitlines())
    return " ".join(line for line in lines if line)


class CaptureLine(Input):
    """The capture line; a paste of several lines is one note (Input keeps the first line)."""

    def on_paste(self, event: events.Paste) -> None:
        event.prevent_default()  # (Input's own handler)
        event.stop()
        text = one_line(event.text)
        if not text:
            return
        selection = self.selection
        if selection.is_empty:
            self.insert_text_at_cursor(text)
        else:
            self.replace(text, *selection)


class CaptureScreen(ModalScreen[Capture | None]):
    """One line in the capture grammar, its preview, Enter to save, Escape to cancel."""

    CSS_PATH = "capture.tcss"
    #: (from this many rows, the screen's class): a short terminal's spacing is in the .tcss
    VERTICAL_BREAKPOINTS = [(0, "-short"), (30, "-tall")]

    BINDINGS = [
        Binding("enter", "save", "Save", priority=True, tooltip="Save the note and its promises", id="capture.save"),
        Binding("escape", "cancel", "Cancel", tooltip="Close without saving anything", id="capture.cancel"),
        # priority: the line's own ctrl+e (to the end of the line) gives way; End still does it
        Binding("ctrl+e", "editor", "Editor", id="capture.editor", priority=True,
                tooltip="Write a long note in $VISUAL/$EDITOR: the first line as here, then the body"),
    ]

    def __init__(self, store: Store, today: date, prefill: str = "", *, title: str = "") -> None:
        super().__init__()
        self.store = store
        self.today = today
        self.title_text = title or _("Quick capture")
        self.contacts: list[Contact] = []  # the people the line may name: read in compose
        self._slow_save: Timer | None = None
        self._start_clean(prefill)
        self._highlighter = CaptureHighlighter()

    def compose(self) -> ComposeResult:
        # The app's snapshot when there is one: asking the store would wait for its lock,
        # on the main thread, while a worker writes or rebuilds the snapshot.
        book = app_book(self.app)
        self.contacts = book.contacts() if book is not None else self.store.contacts()
        with Vertical(id="capture-box") as box:
            box.border_title = self.title_text
            yield CaptureLine(
                value=self.prefill,
                placeholder=_("@Tanaka lunch: promised an intro to Sato by fri #hiring"),
                highlighter=self._highlighter,
                suggester=NameSuggester(self.contacts),
                select_on_focus=False,
                id="capture-line",
            )
            yield Static(id="capture-error")
            yield Static(id="capture-preview")
            yield Label(_(HINT), id="capture-hint")
        yield KeyBar()

    def on_mount(self) -> None:
        line = self.query_one("#capture-line", Input)
        line.focus()
        line.cursor_position = len(line.value)
        self.update_preview(line.value)

    def _start_clean(self, prefill: str) -> None:
        """Nothing parsed, nothing saving, nothing shown yet: a box as first opened."""
        self.prefill = prefill
        self.capture: Capture | None = None
        self.error: KizunaError | None = None
        self.saving = False
        self._previewed: str | None = None  # the line the preview shows

    def reopen(self, prefill: str = "") -> None:
        """Make a used box new again before it is shown again.

        The app keeps one capture box (an installed screen) and shows it again for
        each capture: a fresh one cost Textual a mount on opening and, on closing, a
        removal followed by a second redraw of the whole screen in the frame that
        closes it.
        """
        self._start_clean(prefill)
        if not self.is_mounted:
            return  # shown for the first time: compose reads all this
        book = app_book(self.app)
        if book is None or book.contacts() != self.contacts:  # someone new since: complete them too
            self.contacts = book.contacts() if book is not None else self.store.contacts()
            self.query_one("#capture-line", Input).suggester = NameSuggester(self.contacts)
        line = self.query_one("#capture-line", Input)
        line.value = prefill
        line.cursor_position = len(prefill)
        self.update_preview(prefill)

    @on(Input.Changed, "#capture-line")
    def _line_changed(self, event: Input.Changed) -> None:
        self.update_preview(event.value)

    # -- the preview ----------------------------------------------------------------

    def update_preview(self, line: str) -> None:
        """Parse ``line`` and show what it will save, or where it goes wrong."""
        self._previewed = line
        self.capture, self.error = None, None
        span: tuple[int, int] | None = None
        if line.strip():
            try:
                self.capture = parse(line, self.contacts, self.today)
            except (CaptureError, AmbiguousError) as exc:
                self.error = exc
                start, end = getattr(exc, "start", None), getattr(exc, "end", None)
                if start is not None and (end or 0) > start:
                    span = (start, end)
            except KizunaError as exc:  # any other refusal of the model: show it, never crash
                self.error = exc
        self._highlighter.error_span = span
        self._highlighter.tokens = list(self.capture.tokens) if self.capture else []
        self._highlighter.new_ids = {p.id for p in self.capture.new_people} if self.capture else set()
        line_widget = self.query_one("#capture-line", Input)
        line_widget.set_class(self.error is not None, "-invalid")
        line_widget.refresh()
        self.query_one("#capture-error", Static).update(self._error_content(line, span))
        self.query_one("#capture-preview", Static).update(self._preview_content())

    def _error_content(self, line: str, span: tuple[int, int] | None) -> Content:
        if self.error is None:
            return Content("")
        message = str(self.error)
        if span is None:
            return Content.assemble(("✗ ", "bold $text-error"), (message, "$text-error"))
        start, end = span
        end = max(end, start + 1)
        # A caret line under the input, pointing at the offending characters.
        scrolled = self.query_one("#capture-line", Input).scroll_offset.x
        pad = max(0, cell_len(line[:start]) - scrolled)
        width = max(1, cell_len(line[start:end]))
        return Content.assemble(
            (" " * pad + "^" * width + "\n", "bold $text-error"),
            ("✗ ", "bold $text-error"), (message, "$text-error"),
        )

    def _preview_content(self) -> Content | HangingRows:
        cap = self.capture
        if cap is None:
            if self.error is None:
                return Content.styled(_("Type a note. The preview shows what Enter will save."), "dim")
            return Content.styled(_("Nothing will be saved until the line reads right."), "dim")
        rows: list[tuple[Content, Content, Content]] = []

        def row(label: str, *parts: tuple[str, str] | str, tail: Content | None = None) -> None:
            rows.append((Content.styled(_(label), "bold $text-muted"), Content.assemble(*parts),
                         tail or Content("")))

        people: list[tuple[str, str] | str] = []
        new_ids = {p.id for p in cap.new_people}
        for i, person in enumerate(cap.people):
            if i:
                people.append(", ")
            people.append((person.name, "bold"))
            if person.id in new_ids:
                people.append((_(" (new, network tier)"), "bold $text-warning"))
            elif person.tier:
                people.append((f" ({word('tier', person.tier)})", "dim"))
        row(N_("people"), *people)
        depth_style = "bold $text-success" if cap.depth == "deep" else ""
        depth = _("deep conversation") if cap.depth == "deep" else _("touch")
        row(N_("kind"), (word("kind", cap.kind), ""), " · ", (depth, depth_style))
        row(N_("date"), day_words(cap.when, self.today))
        for draft in cap.promises:
            who = (_("I promise {name}") if draft.owner == "me" else _("{name} promises")).format(
                name=draft.contact.name)
            due = _("due {date}").format(date=day_words(draft.due, self.today))
            row(N_("promise"), (f"{who}: ", "bold"), draft.text, tail=Content.styled(f"  {due}", "$accent"))
        if cap.tags:
            row(N_("tags"), (" ".join(f"#{t}" for t in cap.tags), "magenta"))
        scope_style = {"confidential": "bold $text-error", "private": "$text-warning"}.get(cap.scope, "dim")
        row(N_("scope"), (word("scope", cap.scope), scope_style))
        row(N_("note"), cap.text or (_("(no text)"), "dim"))
        for hint in cap.hints:
            row(N_("hint"), (f"⚠ {hint}", "$text-warning"))
        # a row too long for the box wraps under its text, not under the labels
        return HangingRows(rows, max(9, 1 + max(cell_len(label.plain) for label, _text, _tail in rows)))

    # -- actions ----------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if self.saving and action in ("save", "cancel", "editor"):
            return False
        return True

    def action_cancel(self) -> None:
        self.dismiss(None)

    class SaveRequested(Message):
        """Enter was pressed: sent through the line, so it arrives after the keys before it."""

    def action_save(self) -> None:
        """Enter (a priority key, so the line does not take it for itself).

        A priority key is handled as soon as it arrives, while the keys typed just before
        it may still wait in the line's queue (a fast typist, a paste, a terminal sending a
        burst): reading the line now would save it without them. So the request goes
        through the line's queue, behind those keys, and comes back here.
        """
        self.query_one("#capture-line", Input).post_message(self.SaveRequested())

    @on(SaveRequested)
    def _save_requested(self, event: SaveRequested) -> None:
        event.stop()
        if self.saving:
            return  # (a second Enter queued behind the first)
        line = self.query_one("#capture-line", Input).value
        if line != self._previewed:  # (it is, as typed: showing it again would redraw the box)
            self.update_preview(line)
        if self.capture is None:
            if self.error is None:
                self.notify(_("Nothing to save: type a note first."), severity="warning")
            else:
                self.notify(str(self.error), title=_("Not saved"), severity="error")
            return
        # Nothing on screen changes when the save starts: disabling the line moved the
        # focus (a redraw of the whole screen and the window under it). Enter and Escape
        # wait while it saves (check_action); if the disk is slow, "Saving…" shows.
        self.saving = True
        self._slow_save = self.set_timer(SLOW_SAVE_SECONDS, self._show_saving, name="slow-save")
        store, today = self.store, self.today
        threads.write(self, lambda: save(store, line, today), self._saved, self._failed, name="capture")

    def action_editor(self) -> None:
        """ctrl+e: the line so far in $VISUAL/$EDITOR (the app steps aside meanwhile); the
        first line is read as here, the rest is the note's body; an empty file saves nothing."""
        from textual.app import SuspendNotSupported

        from tui.editor import edit_text

        line = self.query_one("#capture-line", Input).value
        try:
            try:
                with self.app.suspend():
                    text = edit_text(line)
            except SuspendNotSupported:
                if not self.app.is_headless:  # (a headless app has no terminal to give up)
                    raise KizunaError(_("this terminal cannot hand the screen to an editor")) from None
                text = edit_text(line)
        except KizunaError as exc:
            self.notify(str(exc), title=_("Not saved"), severity="error")
            return
        if not text.strip():
            self.notify(_("The file was empty: nothing saved."), severity="warning")
            return
        self.saving = True
        from model.actions.edit import save_with_body

        store, today = self.store, self.today
        threads.write(self, lambda: save_with_body(store, text, today), self._saved, self._failed, name="capture")

    def _show_saving(self) -> None:
        if self.saving:
            self.query_one("#capture-preview", Static).update(Content.styled(_("Saving…"), "dim"))

    def _saved(self, cap: Capture) -> None:
        if self._slow_save is not None:
            self._slow_save.stop()
        names = ", ".join(p.name for p in cap.people)
        n = len(cap.promises)
        done = (ngettext("Saved a note with {names} and {n} promise.",
                         "Saved a note with {names} and {n} promises.", n) if n
                else _("Saved a note with {names}.")).format(names=names, n=n)
        app = self.app
        self.dismiss(cap)
        # after the frame that closes the box: a notification is a widget to lay out and
        # draw, one frame's worth of work of its own at 50,000 notes
        app.call_after_refresh(app.notify, done, title=_("Captured"))

    def _failed(self, exc: KizunaError) -> None:
        if self._slow_save is not None:
            self._slow_save.stop()
        self.saving = False
        line = self.query_one("#capture-line", Input)
        line.focus()
        self.update_preview(line.value)
        self.error = exc
        self.query_one("#capture-error", Static).update(self._error_content(line.value, None))
        self.notify(str(exc), title=_("Not saved"), severity="error")
