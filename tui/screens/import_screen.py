"""Import people from a file: see the dry run first, then import on confirm.

``app.push_screen(ImportScreen(store, today), callback)`` dismisses with the
applied :class:`~model.transfer.ImportPlan`, or ``None`` if the user left
without importing. Reading and planning run in a thread worker on a
snapshot of the store (the worker never touches the store), with a progress
bar; the write is one transaction in a thread worker too (the app's store
serializes every use behind its lock), planned again if the store changed
meanwhile. Escape is refused while the write runs: it is all or nothing.
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.suggester import Suggester
from textual.widgets import Button, Input, Label, ProgressBar, Select, Static
from textual.worker import get_current_worker

from model.errors import KizunaError
from model.language.i18n import N_, _
from model.language.names import describe
from model.store import Store
from model.transfer import ImportPlan, apply_plan, plan_import
from model.transfer.common import Snapshot
from tui import threads
from tui.widgets.key_bar import KeyBar
from tui.field_keys import FIELD_KEYS

FORMAT_CHOICES = [(N_("Guess from the file"), "auto"), (N_("vCard (.vcf)"), "vcard"),
                  (N_("LinkedIn Connections.csv"), "linkedin"), (N_("Google Contacts CSV"), "google"),
                  (N_("Kizuna JSON export"), "json")]
LISTED = 12  # names shown per group in the dry run


class PathSuggester(Suggester):
    """Completes a typed path from the files there (accept with the right arrow)."""

    def __init__(self) -> None:
        super().__init__(use_cache=False, case_sensitive=True)

    async def get_suggestion(self, value: str) -> str | None:
        if not value:
            return None
        typed = Path(value).expanduser()
        folder, stem = (typed, "") if value.endswith("/") else (typed.parent, typed.name)
        try:
            names = sorted(e.name + ("/" if e.is_dir() else "") for e in os.scandir(folder)
                           if e.name.startswith(stem) and (stem.startswith(".") or not e.name.startswith(".")))
        except OSError:
            return None
        return value + names[0][len(stem):] if names and names[0] != stem else None


def _esc(text: str) -> str:
    return text.replace("[", "\\[")


def describe_plan(plan: ImportPlan) -> str:
    """The dry run as console markup: counts, then who, then the problems."""
    lines = [f"[b]{_esc(Path(plan.path).name)}[/] ({plan.fmt}): {_esc(plan.summary())}", ""]

    def group(title: str, items: list[str]) -> None:
        if not items:
            return
        shown = ", ".join(_esc(i) for i in items[:LISTED])
        more = _(" and {n:,} more").format(n=len(items) - LISTED) if len(items) > LISTED else ""
        lines.append(f"[b]{_esc(_(title))} ({len(items):,}):[/] {shown}{more}")

    group(N_("Add"), [describe(c) for c in plan.added])
    group(N_("No name in the file, named after their e-mail or phone"),
          [f"{name} ({where})" for where, name in plan.unnamed])
    group(N_("Merge into"), [a.name for a, _n in plan.merged])
    group(N_("Replace with newer"), [getattr(n, "name", "") or n.table.rstrip("s") for _o, n in plan.records_replaced])
    group(N_("Skip"), [f"{who} ({why})" for who, why in plan.skipped])
    if plan.problems:
        lines += ["", "[b $warning]" + _esc(_("Problems ({n}):").format(n=len(plan.problems))) + "[/]"]
        lines += [f"  {_esc(str(p))}" for p in plan.problems]
    return "\n".join(lines)


class ImportScreen(ModalScreen[ImportPlan | None]):
    """A path, a dry run with progress, then Import (ctrl+s) or Cancel (escape)."""

    CSS_PATH = "import_screen.tcss"

    BINDINGS = [
        Binding("ctrl+s", "confirm", "Import", tooltip="Import what the dry run shows", id="import.confirm"),
        Binding("escape", "cancel", "Cancel", tooltip="Close and change nothing", id="import.cancel"),
        *FIELD_KEYS,
    ]

    def __init__(self, store: Store, today: date) -> None:
        super().__init__()
        self.store = store
        self.today = today
        self.plan: ImportPlan | None = None
        self._applying = False

    def compose(self) -> ComposeResult:
        with Vertical(id="import-box") as box:
            box.border_title = _("Import people")
            yield Label(_("File: vCard, LinkedIn Connections.csv, Google Contacts CSV or a Kizuna JSON export"))
            with Horizontal(id="import-row"):
                yield Input(placeholder="~/Downloads/Connections.csv", id="import-path",
                            suggester=PathSuggester())
                yield Select([(_(label), value) for label, value in FORMAT_CHOICES], value="auto", allow_blank=False, id="import-format")
            yield ProgressBar(total=100, show_eta=False, id="import-progress")
            with VerticalScroll(id="import-report"):
                yield Static(_esc(_("Type the file's path and press Enter for a dry run: nothing is "
                                    "written until you import.")), id="import-summary")
            with Horizontal(id="import-buttons"):
                yield Button(_("Dry run"), id="import-check")
                yield Button(_("Import"), id="import-go", variant="primary", disabled=True)
                yield Button(_("Cancel"), id="import-cancel")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#import-path", Input).focus()

    # -- the dry run ------------------------------------------------------------------

    @on(Input.Submitted, "#import-path")
    @on(Button.Pressed, "#import-check")
    def action_check(self) -> None:
        raw = self.query_one("#import-path", Input).value.strip()
        summary = self.query_one("#import-summary", Static)
        if not raw:
            summary.update("[$text-error]" + _esc(_("✗ type the path of the file to import")) + "[/]")
            return
        fmt = self.query_one("#import-format", Select).value
        self.plan = None
        self.query_one("#import-go", Button).disabled = True
        self.query_one("#import-progress", ProgressBar).update(total=None, progress=0)
        summary.update(_esc(_("Reading {path} …").format(path=raw)))
        path, snapshot = Path(raw).expanduser(), Snapshot(self.store)
        threads.read(self, lambda: self._plan(path, None if fmt == "auto" else str(fmt), snapshot),
                     self._show_plan, lambda exc: self._show_error(str(exc)), group="import")

    def _plan(self, path: Path, fmt: str | None, snapshot: Snapshot) -> ImportPlan:
        """The dry run (in a worker): what importing ``path`` would change."""
        worker = get_current_worker()

        def progress(done: int, total: int) -> None:
            if not worker.is_cancelled:
                self.app.call_from_thread(self._show_progress, done, total)

        try:
            return plan_import(snapshot, path, fmt, progress)
        except KizunaError:
            raise
        except Exception as exc:  # a reader's bug must not close the app: say it, change nothing
            raise KizunaError(_("{path}: could not read it ({error})").format(
                path=path, error=f"{type(exc).__name__}: {exc}")) from exc

    def _show_progress(self, done: int, total: int) -> None:
        self.query_one("#import-progress", ProgressBar).update(total=max(total, 1), progress=done)

    def _show_error(self, message: str) -> None:
        self.query_one("#import-progress", ProgressBar).update(total=100, progress=0)
        self.query_one("#import-summary", Static).update(f"[$text-error]✗ {_esc(message)}[/]")
        self.query_one("#import-path", Input).focus()

    def _show_plan(self, plan: ImportPlan) -> None:
        self.plan = plan
        bar = self.query_one("#import-progress", ProgressBar)
        bar.update(total=bar.total or 1, progress=bar.total or 1)
        text = describe_plan(plan)
        go = self.query_one("#import-go", Button)
        go.disabled = plan.changes == 0
        text += "\n\n" + (_esc(_("Nothing to import: everyone is already here.")) if go.disabled
                           else _esc(_("Dry run only: nothing was written. Press {key} (Import) to import."))
                           .format(key="[b]ctrl+s[/]"))
        self.query_one("#import-summary", Static).update(text)
        if not go.disabled:
            go.focus()

    # -- importing ----------------------------------------------------------------------

    @on(Button.Pressed, "#import-go")
    def action_confirm(self) -> None:
        plan = self.plan
        if self._applying:
            return
        if plan is None or plan.changes == 0:
            self.notify(_("Run the dry run first (Enter in the path)."), severity="warning")
            return
        self._applying = True
        for button in ("#import-go", "#import-check"):
            self.query_one(button, Button).disabled = True
        self.query_one("#import-progress", ProgressBar).update(total=None, progress=0)
        self.query_one("#import-summary", Static).update(_esc(_("Importing {name} …").format(
            name=Path(plan.path).name)))
        store = self.store

        def apply() -> ImportPlan:
            try:
                apply_plan(store, plan)  # one transaction; the app's store holds its lock throughout
            except KizunaError:
                raise
            except Exception as exc:  # as in the dry run: say it, the transaction changed nothing
                raise KizunaError(str(exc)) from exc
            return plan

        threads.write(self, apply, self._applied, lambda exc: self._apply_failed(str(exc)))

    def _apply_failed(self, message: str) -> None:
        self._applying = False
        self.plan = None
        self.query_one("#import-check", Button).disabled = False
        self._show_error(_("nothing was imported: {error}").format(error=message))

    def _applied(self, plan: ImportPlan) -> None:
        self._applying = False
        self.notify(_("Imported {name}: {summary}").format(name=Path(plan.path).name, summary=plan.summary()),
                    title=_("Import"))
        self.dismiss(plan)

    @on(Button.Pressed, "#import-cancel")
    def action_cancel(self) -> None:
        if self._applying:
            self.notify(_("Importing: one moment, it is all or nothing."), severity="warning")
            return
        self.workers.cancel_group(self, "import")
        self.dismiss(None)
